"""The jury's decisions: recorded, undone (never deleted) and listed.

A decision is stored as canonical JSON (:mod:`juryapp.store.codec`) with its
author and time; undoing one marks it, so :func:`decisions` lists every decision
ever made while the engine reads only the active ones.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from juryapp.core.model import Decision
from juryapp.i18n import _
from juryapp.store import journal, rawsql
from juryapp.store.checks import (
    check_decision,
    refuse,
    require_author,
    require_open,
    require_session_open,
)
from juryapp.store.codec import canonical_json, decision_kind, decode_decision, encode_decision
from juryapp.store.connection import now
from juryapp.store.reads import records
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = ["DecisionInfo", "add_decision", "decisions", "insert_decision", "undo_decision"]


@dataclass(frozen=True)
class DecisionInfo:
    id: int
    kind: str  # tie, draw, withdraw, amount, no-award
    decision: Decision
    reason: str
    author: str
    at: str
    undone: bool
    undone_at: str | None
    undone_by: str | None
    undo_reason: str | None


def insert_decision(connection: Connection, decision: Decision, author: str, at: str) -> int:
    """Write one decision row; its id."""
    result = connection.execute(
        table("decision")
        .insert()
        .values(
            kind=decision_kind(decision),
            payload=canonical_json(encode_decision(decision)),
            reason=decision.reason,
            author=author,
            at=at,
        )
    )
    key = result.inserted_primary_key
    if key is None:  # pragma: no cover - SQLite always returns the rowid
        raise RuntimeError("no id for the new decision")
    return int(key[0])


def add_decision(database: Database, decision: Decision, author: str) -> int:
    """Record a decision of the jury; returns its id."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        require_session_open(connection, decision.session)
        refs = {str(r) for r in connection.execute(select(table("dossier").c.ref)).scalars()}
        categories = {
            str(c) for c in connection.execute(select(table("category").c.code)).scalars()
        }
        check_decision(decision, refs, categories)
        at = now()
        number = insert_decision(connection, decision, author, at)
        journal.append(
            connection,
            "decision",
            {"id": number, "decision": encode_decision(decision)},
            author,
            at,
        )
        return number


def undo_decision(database: Database, decision_id: int, author: str, reason: str = "") -> None:
    """Mark a decision undone; it stays listed by :func:`decisions`."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        decision = table("decision")
        row = connection.execute(
            select(decision.c.undone_at, decision.c.payload).where(decision.c.id == decision_id)
        ).first()
        if row is None:
            raise refuse(_("Décision inconnue : n° {id}."), id=decision_id)
        require_session_open(connection, json.loads(row[1]).get("session"))
        if row[0] is not None:
            raise refuse(_("La décision n° {id} est déjà annulée."), id=decision_id)
        at = now()
        connection.execute(
            decision.update()
            .where(decision.c.id == decision_id)
            .values(undone_at=at, undone_by=author, undo_reason=reason)
        )
        journal.append(connection, "undo", {"id": decision_id, "reason": reason}, author, at)


def decisions(database: Database) -> list[DecisionInfo]:
    """Every decision ever recorded, undone ones included, by id (read on the start-up path:
    plain ``sqlite3``)."""
    with database.snapshot() as connection:
        rows = records(connection.execute(rawsql.DECISIONS))
    return [
        DecisionInfo(
            id=int(row["id"]),
            kind=row["kind"],
            decision=decode_decision(json.loads(row["payload"])),
            reason=row["reason"],
            author=row["author"],
            at=row["at"],
            undone=row["undone_at"] is not None,
            undone_at=row["undone_at"],
            undone_by=row["undone_by"],
            undo_reason=row["undo_reason"],
        )
        for row in rows
    ]
