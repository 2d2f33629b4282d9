"""The registry of past laureates (rules §13, « Soutien unique ») and the secretariat's
rulings on the dossiers that match it.

Under ``Soutien unique: oui`` the store keeps each dossier's admissibility in step
with the registry, in the same transaction as the change that moved it (laureates
added, dossiers imported, a ruling): a sure match (SIRET, RNA) or a confirmed
possible match makes the dossier not admissible with the reason « déjà soutenu
(call, year) »; an override or a dismissal makes it admissible again. Every change
is journaled: ``registry`` (laureates added), ``registry-ruling`` (a ruling) and
``admissibility`` (what followed).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from juryapp.core.registry import (
    MatchKind,
    PastLaureate,
    RegistryFlag,
    Ruling,
    RulingKind,
    already_supported_reason,
    flag_dossiers,
    laureate_key,
)
from juryapp.i18n import _
from juryapp.store import journal, reads
from juryapp.store.checks import campaign_row, refuse, require_author, require_open
from juryapp.store.codec import decode_rules
from juryapp.store.connection import driver, now
from juryapp.store.reads import registry_of
from juryapp.store.secretariat import write_admissibility
from juryapp.store.sql import table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "ALREADY_SUPPORTED",
    "RegistryAdded",
    "add_laureates",
    "apply_registry",
    "decode_laureate",
    "encode_laureate",
    "laureates",
    "rule",
    "rulings",
]

#: How the reason of a dossier the registry made not admissible begins.
ALREADY_SUPPORTED = "déjà soutenu"

_LAUREATE_KEYS = ("siret", "rna", "holder", "town", "call", "year", "amount_cents", "source")


@dataclass(frozen=True)
class RegistryAdded:
    """What adding laureates did: how many were new, how many known already, and the
    dossiers whose admissibility followed (``ref -> admissible``)."""

    added: int
    known: int
    admissibility: dict[str, bool]


def encode_laureate(laureate: PastLaureate) -> dict[str, Any]:
    return {key: getattr(laureate, key) for key in _LAUREATE_KEYS}


def decode_laureate(data: dict[str, Any]) -> PastLaureate:
    return PastLaureate(**{key: data[key] for key in _LAUREATE_KEYS})


def _read_laureates(connection: sqlite3.Connection) -> list[PastLaureate]:
    return list(registry_of(connection)[0])


def _read_rulings(connection: sqlite3.Connection) -> dict[str, Ruling]:
    return {ruling.ref: ruling for ruling in registry_of(connection)[1]}


def _laureates(connection: Connection) -> list[PastLaureate]:
    return _read_laureates(driver(connection))


def _rulings(connection: Connection) -> dict[str, Ruling]:
    return _read_rulings(driver(connection))


def laureates(database: Database) -> list[PastLaureate]:
    """The registry, in the order it was filled (plain sqlite3: no SQLAlchemy to read it)."""
    with database.snapshot() as connection:
        return _read_laureates(connection)


def rulings(database: Database) -> dict[str, Ruling]:
    """The secretariat's rulings, by dossier reference."""
    with database.snapshot() as connection:
        return _read_rulings(connection)


def _supported_once(connection: Connection, database: Database) -> bool:
    rules = decode_rules(json.loads(campaign_row(connection, database.path)["rules"]))
    return rules.supported_once


def _apply(connection: Connection, author: str) -> dict[str, bool]:
    """Bring each dossier's admissibility in step with the registry; the changes made."""
    dossiers = reads.dossiers(connection)
    flags = flag_dossiers(dossiers, _laureates(connection), _rulings(connection))
    changed: dict[str, bool] = {}
    for dossier in dossiers:
        flag = flags.get(dossier.ref)
        ours = dossier.inadmissible_reason.startswith(ALREADY_SUPPORTED)
        if flag is not None and flag.excludes:
            reason = already_supported_reason(flag.match.laureate)
            if dossier.admissible or (ours and dossier.inadmissible_reason != reason):
                write_admissibility(connection, dossier.ref, False, reason, author)
                changed[dossier.ref] = False
        elif not dossier.admissible and ours:
            write_admissibility(connection, dossier.ref, True, "", author)
            changed[dossier.ref] = True
    return changed


def apply_registry(database: Database, author: str) -> dict[str, bool]:
    """After dossiers changed: their admissibility in step with the registry (nothing
    unless ``Soutien unique: oui``); the dossiers changed, ``ref -> admissible``."""
    require_author(author)
    with database.write() as connection:
        if not _supported_once(connection, database):
            return {}
        if not _laureates(connection):
            return {}
        require_open(connection, database.path)
        return _apply(connection, author)


def add_laureates(
    database: Database, found: Sequence[PastLaureate], source: str, author: str
) -> RegistryAdded:
    """Add past laureates to the registry (one already there is not added twice), then
    the dossiers' admissibility that follows; all in one transaction."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        known = {laureate_key(laureate) for laureate in _laureates(connection)}
        added: list[dict[str, Any]] = []
        for laureate in found:
            key = laureate_key(laureate)
            if key in known:
                continue
            known.add(key)
            added.append(encode_laureate(laureate))
        if added:
            connection.execute(table("past_laureate").insert(), added)
            journal.append(
                connection, "registry", {"source": source, "added": added}, author, now()
            )
        changed = _apply(connection, author) if _supported_once(connection, database) else {}
    return RegistryAdded(len(added), len(found) - len(added), changed)


def rule(
    database: Database, ref: str, kind: RulingKind, reason: str, author: str
) -> tuple[RegistryFlag, dict[str, bool]]:
    """Record the secretariat's ruling on a dossier's match (``override`` needs a reason);
    returns the dossier's flag after it and the admissibility changes that followed."""
    require_author(author)
    kind = RulingKind(kind)
    reason = " ".join(reason.split())
    with database.write() as connection:
        require_open(connection, database.path)
        if not _supported_once(connection, database):
            raise refuse(
                _(
                    "Le règlement de cet appel ne prévoit pas le soutien unique (« Soutien "
                    "unique : oui ») : les correspondances avec le registre sont indicatives."
                )
            )
        dossiers = reads.dossiers(connection)
        dossier = next((d for d in dossiers if d.ref == ref), None)
        if dossier is None:
            raise refuse(_("Dossier inconnu : « {ref} »."), ref=ref)
        flag = flag_dossiers([dossier], _laureates(connection)).get(ref)
        if flag is None:
            raise refuse(_("Le dossier {ref} ne correspond à aucun lauréat du registre."), ref=ref)
        if kind is RulingKind.OVERRIDE and flag.match.kind is not MatchKind.SURE:
            raise refuse(
                _(
                    "Le dossier {ref} n'a qu'une correspondance possible (même nom et même "
                    "commune) : confirmez-la ou écartez-la."
                ),
                ref=ref,
            )
        if kind is not RulingKind.OVERRIDE and flag.match.kind is MatchKind.SURE:
            raise refuse(
                _(
                    "Le dossier {ref} correspond sûrement à un lauréat (même {by}) : il n'est "
                    "pas recevable, sauf si le secrétariat passe outre avec un motif."
                ),
                ref=ref,
                by=flag.match.by.value.upper(),
            )
        if kind is RulingKind.OVERRIDE and not reason:
            raise refuse(
                _("Indiquez pourquoi le dossier {ref} reste recevable malgré le registre."),
                ref=ref,
            )
        rulings_ = table("registry_ruling")
        previous = _rulings(connection).get(ref)
        if previous is not None and (previous.kind, previous.reason) == (kind, reason):
            flag = flag_dossiers([dossier], _laureates(connection), {ref: previous})[ref]
            return flag, {}
        at = now()
        connection.execute(rulings_.delete().where(rulings_.c.ref == ref))
        connection.execute(
            rulings_.insert().values(ref=ref, kind=kind.value, reason=reason, author=author, at=at)
        )
        journal.append(
            connection,
            "registry-ruling",
            {
                "ref": ref,
                "kind": kind.value,
                "reason": reason,
                "previous": None
                if previous is None
                else {"kind": previous.kind.value, "reason": previous.reason},
            },
            author,
            at,
        )
        changed = _apply(connection, author)
        ruling = Ruling(ref, kind, reason, author, at)
        flag = flag_dossiers([dossier], _laureates(connection), {ref: ruling})[ref]
    return flag, changed
