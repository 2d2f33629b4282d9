"""Reading the campaign as the engine's values: its identity, the whole campaign, its frame.

:func:`load` is the start-up path: it reads on a plain ``sqlite3`` connection
(:meth:`Database.snapshot`), so opening a campaign and computing its results
never imports SQLAlchemy (see :mod:`juryapp.store.sql` and the README's
benchmarks); its statements are in :mod:`juryapp.store.rawsql`. :func:`load_frame`
(what a merge needs, without the scores) reads the SQLModel tables.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from juryapp.core.bulk import collector_paused
from juryapp.core.model import (
    Attendance,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    PastLaureate,
    Rapporteurs,
    Recusal,
    Ruling,
    RulingKind,
    Score,
)
from juryapp.i18n import _
from juryapp.store import rawsql, scores
from juryapp.store.checks import campaign_row
from juryapp.store.codec import (
    decode_category,
    decode_criterion,
    decode_decision,
    decode_dossier,
    decode_juror,
    decode_rules,
    decode_session,
)
from juryapp.store.connection import driver
from juryapp.store.errors import DamagedFileError, damaged_message
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "campaign_record",
    "categories",
    "criteria",
    "dossiers",
    "identity",
    "jurors",
    "load",
    "load_frame",
    "ordered",
    "records",
    "registry_of",
]


def records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """A plain ``sqlite3`` cursor's rows as dicts by column name."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def campaign_record(connection: sqlite3.Connection, path: Path) -> dict[str, Any]:
    """The one row of ``campaign`` (``DamagedFileError`` when there is not exactly one)."""
    found = records(connection.execute(rawsql.CAMPAIGN))
    if len(found) != 1:
        raise DamagedFileError(
            damaged_message(
                path,
                [_("table campaign : {count} ligne(s) au lieu d'une").format(count=len(found))],
            )
        )
    return found[0]


def identity(database: Database, key: str) -> Any:
    """One column of the campaign's row (its id, name, state…)."""
    with database.snapshot() as connection:
        return campaign_record(connection, database.path)[key]


def load(database: Database) -> Campaign:
    """The campaign as the engine's values: active decisions in order, scores, recusals."""
    with collector_paused():  # hundreds of thousands of values, no cycles
        return _load(database)


def _load(database: Database) -> Campaign:
    with database.snapshot() as connection:
        row = campaign_record(connection, database.path)
        rules = decode_rules(json.loads(row["rules"]))

        def rows(name: str) -> list[dict[str, Any]]:
            return records(connection.execute(rawsql.ORDERED[name]))

        criteria_ = tuple(decode_criterion(r) for r in rows("criterion"))
        categories_ = tuple(_category(r) for r in rows("category"))
        jurors_ = tuple(decode_juror(r) for r in rows("juror"))
        dossiers_ = tuple(_dossier(r) for r in rows("dossier"))
        sessions_ = tuple(decode_session(r) for r in rows("call_session"))
        grids = scores.grids(connection)
        notes = {(juror, ref): text for juror, ref, text in connection.execute(rawsql.COMMENTS)}
        recusal_rows = connection.execute(rawsql.RECUSALS).fetchall()
        decision_rows = connection.execute(rawsql.ACTIVE_DECISIONS).fetchall()
        rapporteurs_ = rapporteurs_of(
            connection.execute(rawsql.ASSIGNMENT_PLAN).fetchone(),
            connection.execute(rawsql.ASSIGNMENT_PAIRS).fetchall(),
            connection.execute(rawsql.OPEN_DOSSIERS).fetchall(),
        )
        past_laureates, rulings = registry_of(connection)
        attendance = connection.execute(rawsql.SESSION_ATTENDANCE).fetchall()
    juror_rank = {j.code: i for i, j in enumerate(jurors_)}
    dossier_rank = {d.ref: i for i, d in enumerate(dossiers_)}

    def order(key: tuple[str, str]) -> tuple[int, int]:
        return juror_rank[key[0]], dossier_rank[key[1]]

    return Campaign(
        rules=rules,
        criteria=criteria_,
        dossiers=dossiers_,
        jurors=jurors_,
        categories=categories_,
        scores=tuple(
            Score(key[0], key[1], grids.get(key, {}), notes.get(key, ""))  # 50,000: positional
            for key in sorted(grids.keys() | notes.keys(), key=order)
        ),
        recusals=tuple(
            Recusal(juror=j, ref=r, reason=reason)
            for j, r, reason in sorted(recusal_rows, key=lambda row: order((row[0], row[1])))
        ),
        decisions=tuple(decode_decision(json.loads(r[0])) for r in decision_rows),
        rapporteurs=rapporteurs_,
        sessions=sessions_,
        past_laureates=past_laureates,
        registry_rulings=rulings,
        session_attendance=session_attendance(attendance),
    )


def session_attendance(rows: Iterable[Sequence[Any]]) -> tuple[tuple[str, str, Attendance], ...]:
    """Each session's own attendance rows as the engine's values."""
    return tuple((str(s), str(j), Attendance(a)) for s, j, a in rows)


def rapporteurs_of(
    plan: Sequence[Any] | None, pairs: Iterable[Sequence[Any]], opened: Iterable[Sequence[Any]]
) -> Rapporteurs | None:
    """The assignment from its rows: the plan ``(per_dossier, max_load, institutions, seed,
    method, at, author)``, the pairs ``(ref, juror, how)`` in order, the open dossiers
    ``(ref,)``."""
    if plan is None:
        return None
    per_dossier, max_load, institutions, seed, method, at, author = plan
    by_dossier: dict[str, list[str]] = {}
    by_hand: set[tuple[str, str]] = set()
    for ref, code, how in pairs:
        by_dossier.setdefault(str(ref), []).append(str(code))
        if how != "solveur":
            by_hand.add((str(code), str(ref)))
    return Rapporteurs(
        per_dossier=int(per_dossier),
        by_dossier=tuple((ref, tuple(codes)) for ref, codes in by_dossier.items()),
        max_load=None if max_load is None else int(max_load),
        institutions=int(institutions),
        seed=str(seed),
        method=str(method),
        at=str(at),
        author=str(author),
        open_refs=frozenset(str(row[0]) for row in opened),
        by_hand=frozenset(by_hand),
    )


def rapporteurs(connection: Connection) -> Rapporteurs | None:
    """The assignment (rules §14), or None when every voting member scores every dossier."""
    plan = table("assignment_plan")
    found = connection.execute(
        select(
            plan.c.per_dossier, plan.c.max_load, plan.c.institutions, plan.c.seed,
            plan.c.method, plan.c.at, plan.c.author,
        )
    ).first()  # fmt: skip
    if found is None:
        return None
    pairs, juror, dossier = table("assignment"), table("juror"), table("dossier")
    rows = connection.execute(
        select(pairs.c.ref, pairs.c.juror, pairs.c.how)
        .join(juror, juror.c.code == pairs.c.juror)
        .join(dossier, dossier.c.ref == pairs.c.ref)
        .order_by(dossier.c.position, juror.c.position)
    ).all()
    opened = connection.execute(select(table("open_dossier").c.ref)).all()
    return rapporteurs_of(tuple(found), rows, opened)


def registry_of(
    connection: sqlite3.Connection,
) -> tuple[tuple[PastLaureate, ...], tuple[Ruling, ...]]:
    """The registry of past laureates, in the order it was filled, and the secretariat's
    rulings by dossier (rules §13)."""
    laureates = tuple(
        PastLaureate(**row) for row in records(connection.execute(rawsql.PAST_LAUREATES))
    )
    rulings = tuple(
        Ruling(
            ref=str(row["ref"]),
            kind=RulingKind(row["kind"]),
            reason=str(row["reason"]),
            author=str(row["author"]),
            at=str(row["at"]),
        )
        for row in records(connection.execute(rawsql.REGISTRY_RULINGS))
    )
    return laureates, rulings


# --- the SQLModel tables -------------------------------------------------------------------


def ordered(connection: Connection, name: str) -> list[dict[str, Any]]:
    """The rows of one of the ordered tables (criterion, category, juror, dossier,
    call_session)."""
    t = table(name)
    rows = connection.execute(select(t).order_by(t.c.position)).mappings()
    return [{str(key): value for key, value in row.items()} for row in rows]


def _category(row: dict[str, Any]) -> Category:
    return decode_category({**row, "prizes_cents": json.loads(row["prizes_cents"])})


def _dossier(row: dict[str, Any]) -> Dossier:
    return decode_dossier({**row, "fields": json.loads(row["fields"])})


def categories(connection: Connection) -> list[Category]:
    return [_category(row) for row in ordered(connection, "category")]


def jurors(connection: Connection) -> list[Juror]:
    return [decode_juror(row) for row in ordered(connection, "juror")]


def dossiers(connection: Connection) -> list[Dossier]:
    return [_dossier(row) for row in ordered(connection, "dossier")]


def criteria(connection: Connection) -> list[Criterion]:
    return [decode_criterion(row) for row in ordered(connection, "criterion")]


def load_frame(database: Database) -> Campaign:
    """The campaign without its scores and comments (recusals and decisions included):
    what a merge needs of the call, the grid, the jury and the dossiers."""
    with database.read() as connection:
        row = campaign_row(connection, database.path)
        rules = decode_rules(json.loads(row["rules"]))
        criteria_ = tuple(criteria(connection))
        categories_ = tuple(categories(connection))
        jurors_ = tuple(jurors(connection))
        dossiers_ = tuple(dossiers(connection))
        sessions_ = tuple(decode_session(row) for row in ordered(connection, "call_session"))
        past_laureates, rulings = registry_of(driver(connection))
        recusal = table("recusal")
        recusal_rows = connection.execute(
            select(recusal.c.juror, recusal.c.ref, recusal.c.reason).order_by(
                recusal.c.juror, recusal.c.ref
            )
        ).all()
        decision = table("decision")
        decision_rows = connection.execute(
            select(decision.c.payload).where(decision.c.undone_at.is_(None)).order_by(decision.c.id)
        ).all()
        assigned = rapporteurs(connection)
        attendance = driver(connection).execute(rawsql.SESSION_ATTENDANCE).fetchall()
    return Campaign(
        rules=rules,
        criteria=criteria_,
        dossiers=dossiers_,
        jurors=jurors_,
        categories=categories_,
        recusals=tuple(Recusal(juror=j, ref=r, reason=reason) for j, r, reason in recusal_rows),
        decisions=tuple(decode_decision(json.loads(r[0])) for r in decision_rows),
        rapporteurs=assigned,
        sessions=sessions_,
        past_laureates=past_laureates,
        registry_rulings=rulings,
        session_attendance=session_attendance(attendance),
    )
