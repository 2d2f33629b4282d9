"""Juror copies bound to their juror: the keys a campaign issues, each grid's tag, the check.

When the secretariat prepares a juror's copy, the campaign issues a key for it
(:func:`issue_key`: 32 random bytes, kept in the campaign's ``juror_key`` table and
given to that copy only, never to another juror's) and journals its id with the
SHA-256 of the secret (``juror-copy``), so that :func:`key_problems` finds a key
replaced in the campaign behind the app.

In a juror copy, every write of the app to its juror's grid (a score, a comment,
a recusal, their undo) recomputes that grid's tag (:func:`refresh`): the
HMAC-SHA256, under the copy's key, of the grid's content in a canonical form
(:func:`grid_message`: the campaign, the key, the juror, the dossier, every cell
with its value and edit time, the comment and the recusal, each field
length-prefixed). The merge checks each grid of a copy with the key the campaign
kept (:func:`check_copy`):

- a copy whose key the campaign never issued, or issued to another juror than
  the one the copy claims, is refused whole (a copy edited to claim another
  juror's identity, or made elsewhere);
- a grid whose tag is missing or does not match its content (scores, comment or
  recusal changed behind the app, with ``sqlite3`` say) is refused, grid by grid:
  the other grids' tags prove they are what the juror typed in the app;
- a copy without any key, made before copies were authenticated, is accepted
  with a warning, unless the campaign has since issued a key for that juror (an
  older or stripped copy is then refused whole).

What it does not prove: the key sits in the juror's own copy, so whoever holds
that file (the juror) can recompute tags for *that juror's* grids; what the tag
rules out is a copy speaking for another juror, and edits made outside the app
by anyone without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from juryapp.i18n import _
from juryapp.store import journal, rawsql
from juryapp.store.connection import driver, now

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "CopyCheck",
    "IssuedKey",
    "check_copy",
    "grid_message",
    "grid_tag",
    "install_key",
    "issue_key",
    "issued_keys",
    "journaled_key",
    "key_digest",
    "key_problems",
    "new_key",
    "refresh",
    "refresh_all",
]

FORMAT = "juryapp-grille-1"  # the canonical form's name and version, first in every message
_UNIT = "\x1f"  # joins a grid's criteria, values and times in the canonical form


@dataclass(frozen=True)
class IssuedKey:
    """A key a campaign issued with one juror copy."""

    key_id: str
    juror: str
    secret: str  # hex
    issued_at: str
    file: str


@dataclass
class CopyCheck:
    """What :func:`check_copy` found: ``refused`` (the whole copy, why), ``warning``,
    the grids refused ``(juror, ref) -> why``, and whether the copy carried a key."""

    refused: str | None = None
    warning: str | None = None
    grids: dict[tuple[str, str], str] = field(default_factory=dict)
    authenticated: bool = False


def key_digest(secret: str) -> str:
    """What the journal keeps of a key: the SHA-256 of its secret (hex)."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _field(text: str) -> str:
    return f"{len(text)}:{text}"


def _prefix(campaign_id: str, key_id: str, juror: str, ref: str, count: int) -> str:
    return "".join(_field(p) for p in (FORMAT, campaign_id, key_id, juror, ref, str(count)))


def _suffix(comment: tuple[str, str] | None, recusal: tuple[str, str] | None) -> str:
    parts = ["C", *comment] if comment is not None else ["-"]
    parts += ["R", *recusal] if recusal is not None else ["-"]
    return "".join(_field(p) for p in parts)


_EMPTY_SUFFIX = "1:-1:-"  # no comment, no recusal


def grid_message(
    campaign_id: str,
    key_id: str,
    juror: str,
    ref: str,
    cells: Sequence[tuple[str, str, str]],
    comment: tuple[str, str] | None,
    recusal: tuple[str, str] | None,
) -> bytes:
    """The canonical form of one grid: ``cells`` ``(criterion, value, edited_at)`` by
    criterion, ``comment`` ``(text, edited_at)``, ``recusal`` ``(reason, at)``.

    The cells go column by column (criteria, values, times, each joined by U+001F,
    which no code, number or time holds), as SQLite's ``group_concat`` builds them
    for the merge without touching each cell in Python; the count of cells and the
    length of each field keep the form unambiguous.
    """
    ordered = sorted(cells)
    columns = [_UNIT.join(str(cell[i]) for cell in ordered) for i in range(3)]
    text = (
        _prefix(campaign_id, key_id, juror, ref, len(ordered))
        + "".join(_field(column) for column in columns)
        + _suffix(comment, recusal)
    )
    return text.encode("utf-8")


def grid_tag(secret: str, message: bytes) -> str:
    """HMAC-SHA256 of ``message`` under the key ``secret`` (hex), hex."""
    return _Tagger(secret).tag(message)


class _Tagger:
    """HMAC-SHA256 under one key, its set-up done once (the merge tags 2,000 grids a copy)."""

    def __init__(self, secret: str) -> None:
        # Imported here: opening a campaign and computing its results never need it.
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives import hmac as crypto_hmac

        self._base = crypto_hmac.HMAC(bytes.fromhex(secret), hashes.SHA256())

    def tag(self, message: bytes) -> str:
        mac = self._base.copy()
        mac.update(message)
        return mac.finalize().hex()


# --- the campaign: issuing keys ---------------------------------------------------------------


def new_key(juror: str, file: str) -> IssuedKey:
    """A new key for a copy of ``juror`` (32 random bytes), not yet recorded anywhere."""
    return IssuedKey(secrets.token_hex(8), juror, secrets.token_hex(32), now(), file)


def issue_key(
    connection: Connection, key: IssuedKey, payload: Mapping[str, object], author: str
) -> None:
    """Record ``key`` in the campaign and journal it (``juror-copy``: ``payload`` with the
    key's id and the SHA-256 of its secret), in the caller's transaction."""
    driver(connection).execute(
        rawsql.INSERT_KEY, (key.key_id, key.juror, key.secret, key.issued_at, key.file)
    )
    entry = {**payload, "key": key.key_id, "key_sha256": key_digest(key.secret)}
    journal.append(connection, "juror-copy", entry, author, key.issued_at)


def issued_keys(connection: sqlite3.Connection) -> dict[str, IssuedKey]:
    """Every key of the file, by id (a campaign's issued keys; a copy's own)."""
    return {
        str(row[0]): IssuedKey(*(str(value) for value in row))
        for row in connection.execute(rawsql.KEYS)
    }


def journaled_key(entry: journal.JournalEntry) -> tuple[str, tuple[str, str]] | None:
    """``(key id, (juror, SHA-256 of the secret))`` of a ``juror-copy`` entry, if any."""
    if entry.kind != "juror-copy" or "key" not in entry.payload:
        return None
    payload = entry.payload
    return str(payload["key"]), (str(payload.get("juror")), str(payload.get("key_sha256")))


def key_problems(
    connection: sqlite3.Connection, journaled: Mapping[str, tuple[str, str]]
) -> list[str]:
    """The keys of a campaign that no ``juror-copy`` entry of its journal issued as they
    are (``journaled``: :func:`journaled_key` of each entry); a key added or replaced
    behind the app would let a forged copy through."""
    bound = connection.execute(rawsql.BOUND_JUROR).fetchone()
    if bound is not None and bound[0] is not None:
        return []  # a juror copy: its one key was issued by the campaign, journaled there
    problems = []
    for key in issued_keys(connection).values():
        if journaled.get(key.key_id) != (key.juror, key_digest(key.secret)):
            problems.append(
                _(
                    "clé de la copie de {juror} (« {key} ») : absente du journal ou modifiée "
                    "hors de l'application"
                ).format(juror=key.juror, key=key.key_id)
            )
    return problems


# --- a juror copy: its key and its grids' tags ------------------------------------------------


def install_key(connection: sqlite3.Connection, key: IssuedKey) -> None:
    """Give a new juror copy its key, and tag every grid it holds (in its transaction)."""
    connection.execute(
        rawsql.INSERT_KEY, (key.key_id, key.juror, key.secret, key.issued_at, key.file)
    )
    refresh_all(connection)


def _own_key(connection: sqlite3.Connection) -> tuple[str, str, str, str] | None:
    """``(campaign_id, juror, key_id, secret)`` of a juror copy that has a key, else None."""
    row = connection.execute(rawsql.OWN_KEY).fetchone()
    return None if row is None else (str(row[0]), str(row[1]), str(row[2]), str(row[3]))


def _stored_message(
    connection: sqlite3.Connection, schema: str, campaign_id: str, key_id: str, juror: str, ref: str
) -> tuple[bytes, bool]:
    """One grid's canonical form read from the file; whether it holds anything."""
    cells = [
        (str(c), str(v), str(at))
        for c, v, at in connection.execute(rawsql.GRID_CELLS.format(schema=schema), (juror, ref))
    ]
    comment = connection.execute(rawsql.GRID_COMMENT.format(schema=schema), (juror, ref)).fetchone()
    recusal = connection.execute(rawsql.GRID_RECUSAL.format(schema=schema), (juror, ref)).fetchone()
    held = bool(cells) or comment is not None or recusal is not None
    message = grid_message(
        campaign_id,
        key_id,
        juror,
        ref,
        cells,
        None if comment is None else (str(comment[0]), str(comment[1])),
        None if recusal is None else (str(recusal[0]), str(recusal[1])),
    )
    return message, held


def refresh(connection: sqlite3.Connection, grids: Iterable[tuple[str, str]]) -> None:
    """Re-tag these ``(juror, ref)`` grids after a write; nothing in a campaign or in a
    copy without a key (one made before copies were authenticated)."""
    own = _own_key(connection)
    if own is None:
        return
    campaign_id, bound, key_id, secret = own
    for juror, ref in dict.fromkeys(grids):
        if juror != bound:
            continue
        message, held = _stored_message(connection, "main", campaign_id, key_id, juror, ref)
        if held:
            connection.execute(rawsql.UPSERT_TAG, (juror, ref, key_id, grid_tag(secret, message)))
        else:
            connection.execute(rawsql.DELETE_TAG, (juror, ref))


def refresh_all(connection: sqlite3.Connection) -> None:
    """Re-tag every grid of a juror copy's juror."""
    own = _own_key(connection)
    if own is not None:
        grids = connection.execute(rawsql.GRIDS_OF.format(schema="main"), (own[1],) * 4)
        refresh(connection, [(str(j), str(r)) for j, r in grids])


# --- the merge: checking a copy ---------------------------------------------------------------


def check_copy(
    connection: sqlite3.Connection,
    schema: str,
    campaign_id: str,
    bound_juror: str,
    issued: Mapping[str, IssuedKey],
) -> CopyCheck:
    """Check a juror copy attached as ``schema`` against the keys the campaign ``issued``."""
    result = CopyCheck()
    keys = connection.execute(rawsql.COPY_KEYS.format(schema=schema)).fetchall()
    if not keys:
        given = sorted(
            (k for k in issued.values() if k.juror == bound_juror), key=lambda k: k.issued_at
        )
        if given:
            last = given[-1]
            result.refused = _(
                "copie sans authentification, alors que la campagne a délivré à {juror} une "
                "copie authentifiée (« {file} », le {at}) : copie plus ancienne, ou modifiée "
                "hors de l'application ; fusionnez la dernière copie délivrée au juré"
            ).format(juror=bound_juror, file=last.file, at=last.issued_at[:10])
        else:
            result.warning = _(
                "copie préparée avant l'authentification des copies : rien ne garantit "
                "qu'elle vienne de {juror} ni que ses notes n'ont pas été modifiées hors de "
                "l'application ; préparez de nouvelles copies pour les prochaines fusions"
            ).format(juror=bound_juror)
        return result
    if len(keys) != 1:
        result.refused = _("copie altérée : elle porte plusieurs clés d'authentification")
        return result
    key_id = str(keys[0][0])
    key = issued.get(key_id)
    if key is None:
        result.refused = _(
            "copie non délivrée par cette campagne : sa clé d'authentification lui est "
            "inconnue (copie fabriquée ou venue d'un autre fichier de campagne)"
        )
        return result
    if key.juror != bound_juror:
        result.refused = _(
            "copie délivrée à {issued} (« {file} ») mais qui se dit de {claimed} : une copie "
            "modifiée pour parler au nom d'un autre juré est refusée"
        ).format(issued=key.juror, file=key.file, claimed=bound_juror)
        return result
    result.authenticated = True
    tags = {
        (str(j), str(r)): (str(k), str(t))
        for j, r, k, t in connection.execute(rawsql.COPY_TAGS.format(schema=schema), (bound_juror,))
    }
    tagger = _Tagger(key.secret)
    fast = _fast_messages(connection, schema, campaign_id, key_id, bound_juror)
    for grid, message in fast.items():
        stored = tags.get(grid)
        if stored is not None and stored[0] == key_id and _same(tagger.tag(message), stored[1]):
            continue
        result.grids[grid] = _check_grid(
            connection, schema, campaign_id, key_id, grid, stored, tagger
        )
    for grid in tags.keys() - fast.keys():  # a tag left without its grid: the grid was deleted
        result.grids[grid] = _check_grid(
            connection, schema, campaign_id, key_id, grid, tags[grid], tagger
        )
    result.grids = {grid: why for grid, why in sorted(result.grids.items()) if why}
    return result


def _check_grid(
    connection: sqlite3.Connection,
    schema: str,
    campaign_id: str,
    key_id: str,
    grid: tuple[str, str],
    stored: tuple[str, str] | None,
    tagger: _Tagger,
) -> str:
    """Why a grid whose fast form did not match is refused ("" when its exact form,
    cell by cell, matches: the fast one relies on SQLite's scan order)."""
    if stored is None:
        return _("grille sans authentification (ajoutée hors de l'application) : refusée")
    exact, _held = _stored_message(connection, schema, campaign_id, key_id, *grid)
    if stored[0] == key_id and _same(tagger.tag(exact), stored[1]):
        return ""
    return _(
        "notes, commentaire ou déport modifiés hors de l'application : leur "
        "authentification ne correspond plus (grille refusée)"
    )


def _same(computed: str, stored: str) -> bool:
    """Equal tags, compared in constant time (a stored tag of a hand-edited file may not
    even be ASCII)."""
    return stored.isascii() and hmac.compare_digest(computed, stored)


def _fast_messages(
    connection: sqlite3.Connection, schema: str, campaign_id: str, key_id: str, juror: str
) -> dict[tuple[str, str], bytes]:
    """Every grid's canonical form, its columns joined by SQLite (in the primary key's
    order, which is the criterion's: checked exactly when a tag does not match)."""
    comments = {
        str(r): (str(t), str(at))
        for r, t, at in connection.execute(rawsql.COPY_COMMENTS_OF.format(schema=schema), (juror,))
    }
    recusals = {
        str(r): (str(reason), str(at))
        for r, reason, at in connection.execute(
            rawsql.COPY_RECUSALS_OF.format(schema=schema), (juror,)
        )
    }
    found: dict[tuple[str, str], bytes] = {}
    head = "".join(_field(p) for p in (FORMAT, campaign_id, key_id, juror))
    for ref, body in connection.execute(rawsql.GRID_BODIES.format(schema=schema), (juror,)):
        ref = str(ref)
        comment, recusal = comments.pop(ref, None), recusals.pop(ref, None)
        suffix = _EMPTY_SUFFIX if comment is None and recusal is None else _suffix(comment, recusal)
        found[(juror, ref)] = (head + str(body) + suffix).encode("utf-8")
    for ref in set(comments) | set(recusals):
        text = _prefix(campaign_id, key_id, juror, ref, 0) + _field("") * 3
        found[(juror, ref)] = (text + _suffix(comments.get(ref), recusals.get(ref))).encode()
    return found
