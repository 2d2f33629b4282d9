"""The journal: an append-only list of every change, chained by SHA-256.

Entry ``n`` stores ``prev_hash`` (the hash of entry ``n − 1``, 64 zeros for the
first) and ``hash = SHA-256(prev_hash + canonical JSON of {seq, at, author,
kind, payload})``, hex. Editing, removing or reordering an entry breaks the
chain from that entry on. Triggers in the schema refuse updates and deletes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from juryapp.i18n import _
from juryapp.store.codec import canonical_json
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "GENESIS",
    "ChainCheck",
    "JournalEntry",
    "append",
    "append_many",
    "append_text",
    "check_chain",
    "entry_hash",
    "iter_entries",
]

GENESIS = "0" * 64


@dataclass(frozen=True)
class JournalEntry:
    seq: int
    at: str
    author: str
    kind: str
    payload: dict[str, Any]
    text: str  # the payload as stored
    prev_hash: str
    hash: str


def entry_hash(prev_hash: str, seq: int, at: str, author: str, kind: str, payload: str) -> str:
    """The hash of one entry, chained to the previous one.

    ``payload`` is the stored canonical JSON text; the body hashed is the canonical
    JSON of ``{seq, at, author, kind, payload}`` (keys sorted), built around it.
    """
    body = (
        f'{{"at":{canonical_json(at)},"author":{canonical_json(author)},'
        f'"kind":{canonical_json(kind)},"payload":{payload},"seq":{seq}}}'
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(
    connection: Connection, kind: str, payload: Mapping[str, Any], author: str, at: str
) -> int:
    """Append one entry inside the connection's transaction; returns its ``seq``."""
    return append_text(connection, kind, canonical_json(payload), author, at)


def append_text(connection: Connection, kind: str, text: str, author: str, at: str) -> int:
    """:func:`append` for a payload already serialised as a JSON object (``text``).

    For payloads SQLite builds itself (a merge's hundreds of thousands of cells); the
    hash covers the text as stored, which :func:`iter_entries` parses back.
    """
    seq, prev_hash = _last(connection)
    seq += 1
    digest = entry_hash(prev_hash, seq, at, author, kind, text)
    connection.execute(
        table("journal")
        .insert()
        .values(
            seq=seq, at=at, author=author, kind=kind, payload=text, prev_hash=prev_hash, hash=digest
        )
    )
    return seq


def append_many(
    connection: Connection, kind: str, payloads: Sequence[Mapping[str, Any]], author: str, at: str
) -> None:
    """Append many entries of one kind at once, chained as :func:`append` chains them."""
    seq, prev_hash = _last(connection)
    rows = []
    # entry_hash, with the parts common to every entry encoded once.
    head = (
        f'{{"at":{canonical_json(at)},"author":{canonical_json(author)},'
        f'"kind":{canonical_json(kind)},"payload":'
    )
    sha256 = hashlib.sha256
    for payload in payloads:
        seq += 1
        text = canonical_json(payload)
        body = f'{head}{text},"seq":{seq}}}'
        digest = sha256((prev_hash + body).encode("utf-8")).hexdigest()
        rows.append(
            {
                "seq": seq,
                "at": at,
                "author": author,
                "kind": kind,
                "payload": text,
                "prev_hash": prev_hash,
                "hash": digest,
            }
        )
        prev_hash = digest
    if rows:
        connection.execute(table("journal").insert(), rows)


def _last(connection: Connection) -> tuple[int, str]:
    """The last entry's ``seq`` and hash (0 and the genesis hash for an empty journal)."""
    journal = table("journal")
    last = connection.execute(
        select(journal.c.seq, journal.c.hash).order_by(journal.c.seq.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (int(last[0]), str(last[1]))


class _LazyCells:
    """The ``cells`` of a ``score-batch`` payload, decoded one cell at a time from its text
    (``{"cells":[[…],…]}``, as the store writes it): ``verify`` replays 400,000 cells
    without a list of them beside the state. Undecodable text raises ``ValueError``."""

    PREFIX = '{"cells":['

    def __init__(self, text: str) -> None:
        self._text = text

    def __iter__(self) -> Iterator[Any]:
        text, decoder = self._text, json.JSONDecoder()
        position = len(self.PREFIX)
        if text[position : position + 2] == "]}" and position + 2 == len(text):
            return
        while True:
            cell, position = decoder.raw_decode(text, position)
            yield cell
            separator = text[position : position + 1]
            position += 1
            if separator == "]":
                break
            if separator != ",":
                raise ValueError("score-batch: unexpected text between cells")
        if text[position:] != "}":
            raise ValueError("score-batch: unexpected text after the cells")


def iter_entries(connection: Connection, *, lazy_cells: bool = False) -> Iterator[JournalEntry]:
    """Every entry in order. A payload that is not JSON becomes ``{"unreadable": text}``.

    ``lazy_cells``: a ``score-batch`` payload written as the store writes it gives its
    ``cells`` as an iterable decoded while it is read (``verify``), not a list."""
    journal = table("journal")
    cursor = connection.execute(
        select(
            journal.c.seq,
            journal.c.at,
            journal.c.author,
            journal.c.kind,
            journal.c.payload,
            journal.c.prev_hash,
            journal.c.hash,
        ).order_by(journal.c.seq)
    )
    for seq, at, author, kind, text, prev_hash, digest in cursor:
        if (
            lazy_cells
            and kind == "score-batch"
            and isinstance(text, str)
            and text.startswith(_LazyCells.PREFIX)
        ):
            lazy = {"cells": _LazyCells(text)}
            yield JournalEntry(int(seq), at, author, kind, lazy, text, prev_hash, digest)
            continue
        try:
            payload = json.loads(text)
        except (TypeError, ValueError):
            payload = {"unreadable": str(text)}
        if not isinstance(payload, dict):
            payload = {"unreadable": str(text)}
        yield JournalEntry(int(seq), at, author, kind, payload, str(text), prev_hash, digest)


class ChainCheck:
    """The hash chain checked one entry at a time (``verify`` streams the journal: a
    payload of 400,000 cells is replayed, then let go)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.count = 0
        self._previous = GENESIS
        self._broken = False

    def add(self, entry: JournalEntry) -> None:
        if self._broken:
            return
        self.count += 1
        if entry.seq != self.count:
            self.problems.append(
                _("journal : entrée n° {expected} manquante (n° {found} trouvée à sa place)")
                .format(expected=self.count, found=entry.seq)
            )  # fmt: skip
            self._broken = True
            return
        if entry.prev_hash != self._previous:
            self.problems.append(
                _("journal : l'entrée n° {seq} n'est pas chaînée à la précédente").format(
                    seq=entry.seq
                )
            )
        recomputed = entry_hash(
            entry.prev_hash, entry.seq, entry.at, entry.author, entry.kind, entry.text
        )
        if recomputed != entry.hash:
            self.problems.append(
                _("journal : l'entrée n° {seq} ({kind}, {at}) a été modifiée hors de juryapp")
                .format(seq=entry.seq, kind=entry.kind, at=entry.at)
            )  # fmt: skip
        self._previous = entry.hash

    def finish(self) -> list[str]:
        """Every problem found; an empty journal is one."""
        if not self.count:
            return [
                *self.problems,
                _("journal : vide (la création de la campagne n'est pas enregistrée)"),
            ]
        return list(self.problems)


def check_chain(entries: Iterable[JournalEntry]) -> list[str]:
    """Problems in the hash chain (French), empty when intact."""
    chain = ChainCheck()
    for entry in entries:
        chain.add(entry)
    return chain.finish()
