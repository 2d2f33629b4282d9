"""The jurors' grids: score cells and comments, read and written.

One write path for scores: :func:`write_cells` upserts or clears the cells a
write changed (one grid from the app, many cells from a juror copy, a new
campaign's cells, a recusal clearing a grid); a merge's staged cells go through
:func:`write_staged`, the same statement fed by SQLite from the staging tables.
One read path for score cells: :func:`cells` (plain ``sqlite3``, every column is
TEXT NOT NULL); :func:`grids` is the load's grouped form of the same rows (one row
per grid, grouped by SQLite: half the time of reading every cell). The statements
are in :mod:`juryapp.store.rawsql`, measured faster raw on these hot paths.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from juryapp.core.model import Number
from juryapp.i18n import _
from juryapp.store import authentication, journal, rawsql
from juryapp.store.checks import (
    CellTargets,
    ValueChecker,
    check_edited_at,
    refuse,
    require_author,
    require_open,
    require_refs_open,
)
from juryapp.store.codec import parse_number_text
from juryapp.store.connection import driver, now
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "CommentCell",
    "ScoreCell",
    "cells",
    "comments",
    "grids",
    "iter_cells",
    "score_cells",
    "set_comment",
    "set_comment_cells",
    "set_score_cells",
    "set_scores",
    "stored_grid",
    "write_cells",
    "write_staged",
]

_Row = TypeVar("_Row", bound=tuple[Any, ...])
CellRow = tuple[str, str, str, str, str, str]  # juror, ref, criterion, value, edited_at, author
Change = tuple[str, str, str, str | None, str]  # juror, ref, criterion, value (None: clear), at


@dataclass(frozen=True)
class ScoreCell:
    """One stored score with when and by whom it was last set."""

    juror: str
    ref: str
    criterion: str
    value: Number
    text: str  # exactly as stored: "4", "9/2"
    edited_at: str
    author: str


@dataclass(frozen=True)
class CommentCell:
    juror: str
    ref: str
    text: str
    edited_at: str
    author: str


# --- reading --------------------------------------------------------------------------------


def cells(
    connection: sqlite3.Connection, juror: str | None = None, ref: str | None = None
) -> list[CellRow]:
    """Stored score cells, by juror, dossier and criterion: all, one juror's, or one
    grid's (``juror`` and ``ref``)."""
    if juror is None:
        found: list[CellRow] = connection.execute(rawsql.SCORE_CELLS).fetchall()
    elif ref is None:
        found = connection.execute(rawsql.SCORE_CELLS_OF, (juror,)).fetchall()
    else:
        found = connection.execute(rawsql.SCORE_CELLS_OF_GRID, (juror, ref)).fetchall()
    return found


def iter_cells(connection: sqlite3.Connection) -> Iterator[CellRow]:
    """Every stored score cell, as :func:`cells`, one row at a time (verify's read of
    400,000 cells keeps no list of them)."""
    cursor: Iterator[CellRow] = connection.execute(rawsql.SCORE_CELLS)
    yield from cursor


def score_cells(database: Database, juror: str | None = None) -> list[ScoreCell]:
    """:func:`cells` as :class:`ScoreCell` (values parsed)."""
    with database.snapshot() as connection:
        rows = cells(connection, juror)
    parsed: dict[str, Number] = {}
    found = []
    for j, r, c, text, at, author in rows:
        value = parsed.get(text)
        if value is None:
            value = parsed[text] = parse_number_text(text)
        found.append(ScoreCell(j, r, c, value, text, at, author))
    return found


class _Parsed(dict[str, Number]):
    """Number texts parsed once each ("4", "9/2": a few distinct texts for 400,000 cells)."""

    def __missing__(self, text: str) -> Number:
        value = self[text] = parse_number_text(text)
        return value


def grids(connection: sqlite3.Connection) -> dict[tuple[str, str], dict[str, Number]]:
    """Every grid's values by (juror, ref), parsed (the load's read)."""
    parse = _Parsed().__getitem__
    keys: dict[str, list[str]] = {}  # each grid's joined criteria, split once
    found: dict[tuple[str, str], dict[str, Number]] = {}
    for juror, ref, joined_criteria, joined_values in connection.execute(rawsql.SCORE_GRIDS):
        criteria = keys.get(joined_criteria)
        if criteria is None:
            criteria = keys[joined_criteria] = joined_criteria.split(_SEPARATOR)
        values = joined_values.split(_SEPARATOR)  # a value never holds the separator
        if len(criteria) != len(values):  # a criterion's code holds it: cell by cell
            stored = cells(connection, juror, ref)
            criteria, values = [row[2] for row in stored], [row[3] for row in stored]
        found[(juror, ref)] = dict(zip(criteria, map(parse, values), strict=True))
    return found


_SEPARATOR = "\x1f"  # rawsql.SCORE_GRIDS's char(31)


def comments(database: Database, juror: str | None = None) -> list[CommentCell]:
    """Stored comments by juror and dossier (one juror's, or all)."""
    comment = table("comment")
    query = select(
        comment.c.juror, comment.c.ref, comment.c.text, comment.c.edited_at, comment.c.author
    )
    if juror is not None:
        query = query.where(comment.c.juror == juror)
    with database.read() as connection:
        rows = connection.execute(query.order_by(comment.c.juror, comment.c.ref)).all()
    return [CommentCell(*row) for row in rows]


# --- the one write path ---------------------------------------------------------------------


def write_cells(connection: Connection, changes: Sequence[Change], author: str) -> None:
    """Set (or clear, value None) each cell, with its edit time and ``author``."""
    raw = driver(connection)
    kept = raw.executemany(
        rawsql.SCORE_UPSERT,
        ((j, r, c, value, at, author) for j, r, c, value, at in changes if value is not None),
    ).rowcount  # one per cell set, inserted or updated
    if kept != len(changes):
        cleared = [(j, r, c) for j, r, c, value, _at in changes if value is None]
        raw.executemany(rawsql.SCORE_CLEAR, cleared)


def write_staged(connection: Connection, source: str, author: str) -> int:
    """Set the cells of a staging table ``source`` (:mod:`juryapp.store.staging`), each
    with its edit time; how many were written."""
    raw = driver(connection)
    raw.execute(rawsql.SCORE_UPSERT_FROM.format(source=source), (author,))
    return int(raw.execute(rawsql.CHANGES).fetchone()[0])


def stored_grid(connection: Connection, juror: str, ref: str) -> dict[str, str]:
    """One grid's stored values as text, by criterion."""
    return {c: v for _j, _r, c, v, _at, _a in cells(driver(connection), juror, ref)}


def set_scores(
    database: Database,
    juror: str,
    ref: str,
    values: Mapping[str, Number | str | None],
    author: str,
    *,
    edited_at: str | None = None,
) -> int:
    """Set several cells of one grid at once (None clears); how many changed.

    ``edited_at`` (UTC ISO-8601) keeps the time a merged copy recorded.
    """
    require_author(author)
    check_edited_at(edited_at)
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, (ref,))
        targets = CellTargets.read(connection, juror=juror, ref=ref)
        targets.check_juror(juror, scoring=True)
        targets.check_dossier(ref)
        targets.check_not_recused(juror, ref)
        if any(raw is not None for raw in values.values()):
            targets.check_admissible(ref)
        checker = ValueChecker.read(connection)
        wanted = {
            code: None if raw is None else checker.text(juror, ref, code, raw)
            for code, raw in values.items()
        }
        for code in wanted:
            if code not in checker.criteria:
                raise refuse(
                    _("Note de {juror} sur {ref} : critère inconnu « {code} »."),
                    juror=juror,
                    ref=ref,
                    code=code,
                )
        current = stored_grid(connection, juror, ref)
        changed = {code: text for code, text in wanted.items() if current.get(code) != text}
        if not changed:
            return 0
        at = now()
        write_cells(
            connection,
            [(juror, ref, code, text, edited_at or at) for code, text in changed.items()],
            author,
        )
        journal.append(
            connection,
            "score",
            {
                "juror": juror,
                "ref": ref,
                "values": changed,
                "previous": {code: current.get(code) for code in changed},
                "edited_at": edited_at,
            },
            author,
            at,
        )
        authentication.refresh(driver(connection), [(juror, ref)])
        return len(changed)


def _batch(cells_: Iterable[_Row], author: str) -> list[_Row]:
    """A batch's rows, its author and its edit times (each row's last item) checked."""
    require_author(author)
    rows = list(cells_)
    for edited_at in {str(row[-1]) for row in rows}:
        check_edited_at(edited_at)
    return rows


def set_score_cells(
    database: Database, cells_: Iterable[tuple[str, str, str, Number | str, str]], author: str
) -> int:
    """Set many score cells ``(juror, ref, criterion, value, edited_at)`` at once, each
    with its own edit time; how many changed.

    Everything is checked before anything is written: known juror, dossier and
    criterion, a value on the grid, no recusal, each cell once. A cell whose
    stored value is already the same is left alone (its edit time too). One
    ``score-batch`` journal entry holds every changed cell with its previous value.
    """
    rows = _batch(cells_, author)
    if not rows:
        return 0
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, {row[1] for row in rows})
        targets = CellTargets.read(connection)
        checker = ValueChecker.read(connection)
        # Checked once per juror and dossier, and once per distinct value.
        checked = dict.fromkeys((row[0], row[1]) for row in rows)
        for juror, ref in checked:
            targets.check(juror, ref)
        first = {(row[2], row[3]): (row[0], row[1]) for row in reversed(rows)}
        texts = {
            (code, raw): checker.text(juror, ref, code, raw)
            for (code, raw), (juror, ref) in first.items()
        }
        wanted = {(row[0], row[1], row[2]): (texts[(row[2], row[3])], row[4]) for row in rows}
        if len(wanted) != len(rows):
            seen: set[tuple[str, str, str]] = set()
            for juror, ref, code, _raw, _at in rows:
                if (juror, ref, code) in seen:
                    raise refuse(
                        _("La note de {juror} sur {ref} ({code}) apparaît deux fois."),
                        juror=juror,
                        ref=ref,
                        code=code,
                    )
                seen.add((juror, ref, code))
        involved = sorted({juror for juror, _ref in checked})
        current: dict[tuple[str, str, str], str] = {}
        for juror in involved:
            current.update(
                ((j, r, c), v) for j, r, c, v, _at, _a in cells(driver(connection), juror)
            )
        changed = [
            (key, text, edited_at)
            for key, (text, edited_at) in wanted.items()
            if current.get(key) != text
        ]
        if not changed:
            return 0
        write_cells(connection, [(*key, text, at) for key, text, at in changed], author)
        # One journal entry for the whole batch: every cell with its previous value.
        journal.append(
            connection,
            "score-batch",
            {
                "cells": [
                    [juror, ref, code, text, edited_at, current.get((juror, ref, code))]
                    for (juror, ref, code), text, edited_at in changed
                ]
            },
            author,
            now(),
        )
        authentication.refresh(driver(connection), [(key[0], key[1]) for key, _t, _a in changed])
        return len(changed)


# --- comments ---------------------------------------------------------------------------------


def _upsert_comments(
    connection: Connection, rows: Sequence[tuple[str, str, str, str]], author: str
) -> None:
    """Set (or clear, text "") comments ``(juror, ref, text, edited_at)``."""
    from sqlalchemy.dialects.sqlite import insert

    comment = table("comment")
    kept = [
        {"juror": j, "ref": r, "text": t, "edited_at": at, "author": author}
        for j, r, t, at in rows
        if t
    ]
    if kept:
        statement = insert(comment)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[comment.c.juror, comment.c.ref],
                set_={
                    "text": statement.excluded.text,
                    "edited_at": statement.excluded.edited_at,
                    "author": statement.excluded.author,
                },
            ),
            kept,
        )
    for j, r, _t, _at in (row for row in rows if not row[2]):
        connection.execute(comment.delete().where(comment.c.juror == j, comment.c.ref == r))


def set_comment(
    database: Database,
    juror: str,
    ref: str,
    text: str,
    author: str,
    *,
    edited_at: str | None = None,
) -> bool:
    """Set (or clear, with "") a juror's comment on a dossier; True when it changed."""
    require_author(author)
    check_edited_at(edited_at)
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, (ref,))
        targets = CellTargets.read(connection, juror=juror, ref=ref)
        targets.check_juror(juror, scoring=True)
        targets.check_dossier(ref)
        targets.check_not_recused(juror, ref)
        comment = table("comment")
        stored = connection.execute(
            select(comment.c.text).where(comment.c.juror == juror, comment.c.ref == ref)
        ).scalar()
        previous = None if stored is None else str(stored)
        if (previous or "") == text:
            return False
        at = now()
        _upsert_comments(connection, [(juror, ref, text, edited_at or at)], author)
        journal.append(
            connection,
            "comment",
            {
                "juror": juror,
                "ref": ref,
                "text": text,
                "previous": previous,
                "edited_at": edited_at,
            },
            author,
            at,
        )
        authentication.refresh(driver(connection), [(juror, ref)])
        return True


def set_comment_cells(
    database: Database, rows_: Iterable[tuple[str, str, str, str]], author: str
) -> int:
    """Set many comments ``(juror, ref, text, edited_at)`` at once (``""`` clears); how
    many changed. Checked like :func:`set_score_cells`; one ``comment`` entry per change."""
    rows = _batch(rows_, author)
    if not rows:
        return 0
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, {row[1] for row in rows})
        targets = CellTargets.read(connection)
        wanted: dict[tuple[str, str], tuple[str, str]] = {}
        for juror, ref, text, edited_at in rows:
            targets.check(juror, ref)
            if (juror, ref) in wanted:
                raise refuse(
                    _("Le commentaire de {juror} sur {ref} apparaît deux fois."),
                    juror=juror,
                    ref=ref,
                )
            wanted[(juror, ref)] = (text, edited_at)
        comment = table("comment")
        current: dict[tuple[str, str], str] = {
            (str(j), str(r)): str(t)
            for j, r, t in connection.execute(
                select(comment.c.juror, comment.c.ref, comment.c.text)
            )
        }
        changed = [
            (key, text, edited_at)
            for key, (text, edited_at) in wanted.items()
            if current.get(key, "") != text
        ]
        if not changed:
            return 0
        _upsert_comments(connection, [(*key, text, at) for key, text, at in changed], author)
        journal.append_many(
            connection,
            "comment",
            [
                {
                    "juror": juror,
                    "ref": ref,
                    "text": text,
                    "previous": current.get((juror, ref)),
                    "edited_at": edited_at,
                }
                for (juror, ref), text, edited_at in changed
            ],
            author,
            now(),
        )
        authentication.refresh(driver(connection), [key for key, _t, _a in changed])
        return len(changed)
