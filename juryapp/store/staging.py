"""A merge's cells staged in SQLite: hundreds of thousands compared and written in C.

Merging 25 juror copies means 400,000 score cells. Passing each through Python
twice (read, then write) costs seconds; SQLite copies them between files in a
fraction of that. :class:`MergeStaging` holds one connection to the campaign
for the whole merge, with temporary tables on it:

- ``merge_cell``: every incoming cell, ``(source, juror, ref, criterion, value,
  edited_at)``, ``source`` being the input's position in the merge. A juror
  copy's cells come straight from the copy, attached to the connection
  (:meth:`MergeStaging.juror_copy`); a score sheet's rows are inserted by
  :meth:`MergeStaging.stage_cells`.
- :meth:`MergeStaging.classify` marks each cell's ``state``: new (held by one
  input only, absent from the campaign: it needs no decision), equal to the
  campaign's, or contested; :meth:`MergeStaging.write_scores` writes the new
  ones, and the contested ones as the merge settled them (``merge_decided``),
  with one ``score-batch`` journal entry built by SQLite.

The merge's rules stay in :mod:`juryapp.merge`: it refuses grids
(:meth:`MergeStaging.discard_grids`) and folds the *contested* cells (held by
several inputs, or different from the campaign's) in Python.
:meth:`MergeStaging.write_scores` checks again what it writes (known voting
juror, admissible dossier, no recusal, values on the grid), so the store's
guarantees do not depend on the caller.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from juryapp.i18n import _
from juryapp.store import authentication, journal, rawsql, scores
from juryapp.store.backup import process_alive
from juryapp.store.campaign_file import CampaignFile
from juryapp.store.checks import (
    CellTargets,
    ValueChecker,
    check_edited_at,
    recused_message,
    refuse,
    require_author,
    require_open,
)
from juryapp.store.codec import number_text, parse_number_text
from juryapp.store.connection import driver, now
from juryapp.store.errors import StoreError, known_error, os_reason
from juryapp.store.files import check_file, remove_file_set
from juryapp.store.migrations import head_revision

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["ContestedCell", "MergeStaging", "StagedCopy"]

_FOLDER_PREFIX = "juryapp-fusion-"  # + PID: the private folder of one merge's copies
# The shape of an ISO-8601 time with a UTC offset, as the store writes it; a time of
# another shape is parsed, and refused when unreadable. (A time of this shape that does
# not parse can only come from a file edited by hand: the merge counts it as the oldest.)
_TIME_SHAPE = "????-??-??T??:??:??*[+-]??:??"


def _sweep_stale_folders() -> None:
    """Remove the private folders that killed merges left in the temporary folder."""
    try:
        leftovers = list(Path(tempfile.gettempdir()).glob(f"{_FOLDER_PREFIX}*"))
    except OSError:
        return
    for leftover in leftovers:
        pid_text = leftover.name[len(_FOLDER_PREFIX) :].split("-", 1)[0]
        if pid_text.isdigit() and not process_alive(int(pid_text)) and leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


@dataclass(frozen=True)
class ContestedCell:
    """An incoming cell that needs a decision, with the campaign's value if any."""

    source: int
    juror: str
    ref: str
    criterion: str
    value: str
    edited_at: str
    stored: tuple[str, str] | None  # the campaign's (value, edited_at)


class StagedCopy:
    """A juror copy attached to the merge's connection: its identity and its cells."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        identity: Sequence[object],
        sources: dict[str, set[int]],
    ) -> None:
        self._connection = connection
        self._sources = sources  # the merge's: juror -> the inputs with their cells
        self.path = path
        campaign_id, name, fingerprint, bound_juror, created_at = identity
        self.campaign_id = str(campaign_id)
        self.created_at = str(created_at or "")  # when its campaign was created
        self.name = str(name)
        self.fingerprint = str(fingerprint)
        self.bound_juror = None if bound_juror is None else str(bound_juror)

    def authenticate(
        self, issued: Mapping[str, authentication.IssuedKey]
    ) -> authentication.CopyCheck:
        """Check the copy's key and each grid's tag against the keys the campaign
        ``issued`` (see :mod:`juryapp.store.authentication`)."""
        if self.bound_juror is None:
            return authentication.CopyCheck()
        with reading(self.path):
            return authentication.check_copy(
                self._connection, rawsql.COPY, self.campaign_id, self.bound_juror, issued
            )

    def _rows(self, sql: str) -> list[tuple[str, ...]]:
        with reading(self.path):
            rows: list[tuple[str, ...]] = self._connection.execute(sql).fetchall()
            return rows

    def comments(self) -> list[tuple[str, str, str, str]]:
        """``(juror, ref, text, edited_at)``, by juror and dossier."""
        return [(j, r, t, at) for j, r, t, at in self._rows(rawsql.COPY_COMMENTS)]

    def recusals(self) -> list[tuple[str, str, str, str]]:
        """``(juror, ref, reason, at)``, by juror and dossier."""
        return [(j, r, reason, at) for j, r, reason, at in self._rows(rawsql.COPY_RECUSALS)]

    def grids(self) -> list[tuple[str, str]]:
        """The ``(juror, ref)`` pairs with at least one score, in order."""
        return [(j, r) for j, r in self._rows(rawsql.COPY_GRIDS)]

    def stage_scores(self, source: int) -> list[tuple[str, str]]:
        """Stage every score of the copy as input ``source``; the distinct
        ``(criterion, value)`` pairs staged (values in their exact stored form).

        A value that reads as a number but is not in the stored form (``"4.0"``)
        is staged as ``"4"``; an unreadable one is staged as it is, for the merge to
        refuse. A copy whose edit times are unreadable is refused whole.
        """
        raw = self._connection
        with reading(self.path):
            strange = [str(row[0]) for row in raw.execute(rawsql.COPY_ODD_TIMES, (_TIME_SHAPE,))]
            for edited_at in strange:
                try:
                    check_edited_at(edited_at)
                except StoreError as error:
                    raise refuse(
                        _("La copie « {path} » est endommagée : {problem}"),
                        path=self.path,
                        problem=error,
                    ) from error
            raw.execute(rawsql.STAGE_COPY, (source,))
            for (juror,) in raw.execute(rawsql.COPY_JURORS):
                self._sources.setdefault(str(juror), set()).add(source)
            pairs = [(str(c), str(v)) for c, v in raw.execute(rawsql.COPY_VALUES)]
            staged: set[tuple[str, str]] = set()
            for criterion, value in pairs:
                exact = _exact(value)
                if exact is not None and exact != value:
                    raw.execute(rawsql.RESTAGE_VALUE, (exact, source, criterion, value))
                staged.add((criterion, exact if exact is not None else value))
        return sorted(staged)


def _exact(text: str) -> str | None:
    """A score's stored form (``"9/2"``), or None when it is not a number."""
    try:
        return number_text(parse_number_text(text))
    except (ValueError, ZeroDivisionError):
        return None


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """SQLite errors while reading an input, as a refusal naming that input."""
    try:
        yield
    except sqlite3.Error as error:
        raise refuse(
            _("Lecture impossible de « {path} » : {reason}."), path=path, reason=error
        ) from error


class MergeStaging:
    """Temporary tables for one merge on one connection to the campaign.

    Use as a context manager; read inputs first (:meth:`juror_copy`,
    :meth:`stage_cells`), then decide and write inside :meth:`transaction`.
    The calling thread's campaign writes (``recuse``, ``set_score_cells``…) join
    that transaction.
    """

    def __init__(self, campaign_file: CampaignFile) -> None:
        self._database = campaign_file.database
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._copies = 0
        self._sources: dict[str, set[int]] = {}  # juror -> the inputs with their cells

    def __enter__(self) -> MergeStaging:
        with known_error(self._database.path):
            self._connection = self._database.engine.connect()
            try:
                self._raw = driver(self._connection)
                # Changing temp_store drops every temporary table: a clean start.
                self._raw.execute(rawsql.TEMP_STORE_MEMORY)
                self._raw.executescript(rawsql.STAGING_TABLES)
            except BaseException:
                self._connection.close()
                raise
        _sweep_stale_folders()
        self._folder = tempfile.TemporaryDirectory(prefix=f"{_FOLDER_PREFIX}{os.getpid()}-")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if self._connection.in_transaction():
                self._connection.rollback()
            self._raw.execute(rawsql.TEMP_STORE_DEFAULT)  # drops the temporary tables
            self._raw.execute(rawsql.FOREIGN_KEYS_ON)
        except sqlite3.Error:
            self._connection.invalidate()  # never hand a half-cleaned connection back
        finally:
            self._connection.close()
            if self._folder is not None:
                self._folder.cleanup()

    # --- inputs ----------------------------------------------------------------------------

    @contextmanager
    def juror_copy(self, path: Path) -> Iterator[StagedCopy]:
        """Attach a juror copy for reading; ``StoreError`` when it cannot be read.

        The copy (with its WAL) is first copied into a private folder, so that the
        input file is never modified: SQLite writes beside any file it opens, and an
        older copy is upgraded (the private one only).
        """
        assert self._folder is not None, "use MergeStaging as a context manager"
        self._copies += 1
        temp = Path(self._folder.name) / f"copie-{self._copies}.jury"
        try:
            shutil.copyfile(path, temp)
            wal = Path(f"{path}-wal")
            if wal.exists():  # committed changes not yet folded into the file
                shutil.copyfile(wal, f"{temp}-wal")
            temp.chmod(0o600)
        except OSError as error:
            raise refuse(
                _("Lecture impossible de « {path} » : {reason}."),
                path=path,
                reason=os_reason(error),
            ) from error
        try:
            try:
                with known_error(temp):
                    if check_file(temp, quick=True) != head_revision():
                        CampaignFile.open(temp).close()  # upgrades the private copy
            except StoreError as error:
                raise StoreError(str(error).replace(str(temp), str(path))) from error
            with reading(path):
                self._raw.execute(rawsql.ATTACH_COPY, (str(temp),))
            try:
                with reading(path):
                    identity = self._raw.execute(rawsql.COPY_IDENTITY).fetchone()
                if identity is None:
                    raise refuse(
                        _("« {path} » n'est pas un fichier de campagne juryapp."), path=path
                    )
                yield StagedCopy(self._raw, path, identity, self._sources)
            finally:
                self._raw.execute(rawsql.DETACH_COPY)
        finally:
            remove_file_set(temp)

    def stage_cells(self, source: int, cells: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Stage cells ``(juror, ref, criterion, value, edited_at)`` as input ``source``
        (a score sheet's rows: one row per juror and dossier)."""
        rows = [(source, *cell) for cell in cells]
        for edited_at in {row[5] for row in rows}:
            check_edited_at(edited_at)
        for juror in {row[1] for row in rows}:
            self._sources.setdefault(juror, set()).add(source)
        self._raw.executemany(rawsql.STAGE_CELL, rows)

    def cells_with_values(
        self, source: int, pairs: Iterable[tuple[str, str]]
    ) -> list[tuple[str, str, str, str]]:
        """Input ``source``'s cells ``(juror, ref, criterion, value)`` holding one of the
        ``(criterion, value)`` pairs (the merge looks up the cells of refused values)."""
        found: list[tuple[str, str, str, str]] = []
        for criterion, value in pairs:
            found += self._raw.execute(
                rawsql.STAGED_WITH_VALUE, (source, criterion, value)
            ).fetchall()
        return found

    def discard_grids(self, source: int, grids: Iterable[tuple[str, str]]) -> None:
        """Drop input ``source``'s cells for these ``(juror, ref)`` (refused grids)."""
        self._raw.executemany(rawsql.UNSTAGE_GRID, ((juror, ref, source) for juror, ref in grids))

    # --- deciding and writing -----------------------------------------------------------------

    @contextmanager
    def transaction(self, *, write: bool) -> Iterator[None]:
        """The merge's transaction: ``write`` holds the write lock and commits;
        otherwise a consistent read that is rolled back (an analysis).

        While writing, SQLite's foreign-key enforcement is off on this connection
        (it must be set outside a transaction): it would look up the jury, the
        dossiers and the grid three times per cell, a second of 400,000 cells.
        Every cell written is checked against them explicitly instead
        (:meth:`write_scores`, and ``recuse`` and ``set_comment_cells`` for theirs),
        and :meth:`CampaignFile.verify` checks every foreign key.
        """
        connection = self._connection
        connection.execution_options(juryapp_begin="IMMEDIATE" if write else "DEFERRED")
        with known_error(self._database.path):
            if write:
                self._raw.execute(rawsql.FOREIGN_KEYS_OFF)
            try:
                transaction = connection.begin()
                try:
                    with self._database.joined(connection):
                        yield
                except BaseException:
                    transaction.rollback()
                    raise
                else:
                    if write:
                        transaction.commit()
                    else:
                        transaction.rollback()
            finally:
                if write:
                    self._raw.execute(rawsql.FOREIGN_KEYS_ON)

    def has_grid(self, juror: str, ref: str) -> bool:
        """Whether the campaign holds a score or a comment of ``juror`` on ``ref``."""
        row = self._raw.execute(rawsql.HAS_GRID, (juror, ref, juror, ref)).fetchone()
        return bool(row[0])

    def classify(self) -> tuple[list[ContestedCell], set[tuple[int, str, str]]]:
        """Split the staged cells (inside :meth:`transaction`).

        Returns the *contested* cells (held by several inputs, or different from the
        campaign's), ordered by input, juror, dossier and criterion; and the
        ``(source, juror, ref)`` grids with a *new* cell: held by one input only,
        absent from the campaign, kept for :meth:`write_scores`. Every other cell
        equals the campaign's.
        """
        raw = self._raw
        raw.execute(rawsql.CLEAR_MULTI)
        # A key can only be in several inputs for a juror in several inputs (two
        # versions of a copy, a copy and a sheet): usually nobody.
        for juror, sources in self._sources.items():
            if len(sources) > 1:
                raw.execute(rawsql.MARK_MULTI, (juror,))
        raw.execute(rawsql.CLASSIFY)
        contested = [
            ContestedCell(
                int(source),
                juror,
                ref,
                criterion,
                value,
                at,
                None if held is None else (str(held), str(held_at)),
            )
            for source, juror, ref, criterion, value, at, held, held_at in raw.execute(
                rawsql.CONTESTED_CELLS
            )
        ]
        new_grids: set[tuple[int, str, str]] = set(raw.execute(rawsql.NEW_GRIDS))
        return contested, new_grids

    def _check_new(self, connection: Connection) -> None:
        """Refuse (``StoreError``) cells the store would refuse one by one: every cell
        to write is checked, by distinct juror and dossier, and distinct value."""
        raw = self._raw
        targets = CellTargets.read(connection)
        voting = {
            code
            for code, (_name, votes) in targets.jurors.items()
            if votes and (targets.bound is None or code == targets.bound)
        }
        admissible = {ref for ref, is_admissible in targets.dossiers.items() if is_admissible}
        recused = targets.recused
        # In key order, so no sorting: one row per juror and dossier.
        grids = [
            row
            for source, _previous in rawsql.TO_WRITE
            for row in raw.execute(rawsql.WRITTEN_GRIDS.format(source=source))
        ]
        for juror, ref in grids:
            if juror not in voting:
                raise refuse(
                    _("Notes refusées : « {juror} » n'est pas un juré votant de ce fichier."),
                    juror=juror,
                )
            if ref not in admissible:
                raise refuse(
                    _("Notes refusées : le dossier « {ref} » est inconnu ou non recevable."),
                    ref=ref,
                )
            if (juror, ref) in recused:
                raise recused_message(juror, ref)
        checker = ValueChecker.read(connection)
        for source, _previous in rawsql.TO_WRITE:
            self._check_values(checker, source)

    def _check_values(self, checker: ValueChecker, source: str) -> None:
        raw = self._raw
        for criterion, value in raw.execute(rawsql.WRITTEN_VALUES.format(source=source)).fetchall():
            juror, ref = raw.execute(
                rawsql.WRITTEN_VALUE_CELL.format(source=source), (criterion, value)
            ).fetchone()
            if checker.text(juror, ref, criterion, value) != value:
                raise refuse(
                    _("Note de {juror} sur {ref} : « {value} » n'est pas sous sa forme exacte."),
                    juror=juror,
                    ref=ref,
                    value=value,
                )

    def write_scores(
        self, author: str, decided: Sequence[tuple[str, str, str, str, str, str | None]] = ()
    ) -> int:
        """Write the new cells found by :meth:`classify` and the ``decided`` ones
        ``(juror, ref, criterion, value, edited_at, previous)`` (contested cells, as the
        merge settled them), inside a writing :meth:`transaction`; how many.

        Everything is checked first; one ``score-batch`` journal entry holds every
        cell written with its previous value, as :meth:`CampaignFile.set_score_cells`
        writes it.
        """
        require_author(author)
        with self._database.write() as connection:
            require_open(connection, self._database.path)
            for edited_at in {cell[4] for cell in decided}:
                check_edited_at(edited_at)
            raw = self._raw
            raw.execute(rawsql.CLEAR_DECIDED)
            raw.executemany(rawsql.STAGE_DECIDED, decided)
            self._check_new(connection)
            count = sum(
                scores.write_staged(connection, source, author) for source, _p in rawsql.TO_WRITE
            )
            if not count:
                return 0
            arrays = [
                raw.execute(
                    rawsql.WRITTEN_JOURNAL_CELLS.format(source=source, previous=previous)
                ).fetchone()[0]
                for source, previous in rawsql.TO_WRITE
            ]
            cells = ",".join(array[1:-1] for array in arrays if array != "[]")
            journal.append_text(connection, "score-batch", f'{{"cells":[{cells}]}}', author, now())
            authentication.refresh_all(raw)  # a merge into a juror copy keeps its tags
            return int(count)
