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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from juryapp.i18n import _
from juryapp.store import journal
from juryapp.store.backup import process_alive
from juryapp.store.campaign_file import (
    CampaignFile,
    _check_file,
    _now,
    _refuse,
    _remove_file_set,
    _require_author,
    _ValueChecker,
)
from juryapp.store.codec import number_text, parse_number_text
from juryapp.store.errors import StoreError, known_error, os_reason
from juryapp.store.migrations import head_revision

__all__ = ["ContestedCell", "MergeStaging", "StagedCopy"]

_COPY = "merge_copy"  # the schema name of the attached juror copy
_FOLDER_PREFIX = "juryapp-fusion-"  # + PID: the private folder of one merge's copies
# The shape of an ISO-8601 time with a UTC offset, as the store writes it; a time of
# another shape is parsed, and refused when unreadable. (A time of this shape that does
# not parse can only come from a file edited by hand: the merge counts it as the oldest.)
_TIME_SHAPE = "????-??-??T??:??:??*[+-]??:??"

# A staged cell's state (classify): the same as the campaign's, new, or contested.
_EQUAL, _NEW, _CONTESTED = 0, 1, 2
# The cells write_scores writes: (table, condition).
_TO_WRITE = (("temp.merge_cell", f"state = {_NEW}"), ("temp.merge_decided", "1"))

_TEMP_TABLES = """
CREATE TEMP TABLE merge_cell (
    source INTEGER NOT NULL, juror TEXT NOT NULL, ref TEXT NOT NULL,
    criterion TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
    state INTEGER, PRIMARY KEY (juror, ref, criterion, source)
) WITHOUT ROWID;
CREATE TEMP TABLE merge_multi (
    juror TEXT NOT NULL, ref TEXT NOT NULL, criterion TEXT NOT NULL,
    PRIMARY KEY (juror, ref, criterion)
) WITHOUT ROWID;
CREATE TEMP TABLE merge_decided (
    juror TEXT NOT NULL, ref TEXT NOT NULL,
    criterion TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
    previous TEXT, PRIMARY KEY (juror, ref, criterion)
) WITHOUT ROWID;
"""


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

    def __init__(self, staging: MergeStaging, path: Path, identity: Sequence[object]) -> None:
        self._staging = staging
        self.path = path
        campaign_id, name, fingerprint, bound_juror, created_at = identity
        self.campaign_id = str(campaign_id)
        self.created_at = str(created_at or "")  # when its campaign was created
        self.name = str(name)
        self.fingerprint = str(fingerprint)
        self.bound_juror = None if bound_juror is None else str(bound_juror)

    def _rows(self, sql: str) -> list[tuple[str, ...]]:
        """Rows of text columns (the queries cast: a damaged copy may hold other types)."""
        with self._staging._reading(self.path):
            rows: list[tuple[str, ...]] = self._staging._raw.execute(sql).fetchall()
            return rows

    def comments(self) -> list[tuple[str, str, str, str]]:
        """``(juror, ref, text, edited_at)``, by juror and dossier."""
        rows = self._rows(
            f"SELECT {_texts('juror, ref, text, edited_at')} FROM {_COPY}.comment ORDER BY 1, 2"
        )
        return [(j, r, t, at) for j, r, t, at in rows]

    def recusals(self) -> list[tuple[str, str, str, str]]:
        """``(juror, ref, reason, at)``, by juror and dossier."""
        rows = self._rows(
            f"SELECT {_texts('juror, ref, reason, at')} FROM {_COPY}.recusal ORDER BY 1, 2"
        )
        return [(j, r, reason, at) for j, r, reason, at in rows]

    def grids(self) -> list[tuple[str, str]]:
        """The ``(juror, ref)`` pairs with at least one score, in order."""
        # Along the key's index, no sorting: no cast here (a damaged copy's codes of
        # another type are refused later, as unknown jurors or dossiers).
        rows = self._rows(f"SELECT DISTINCT juror, ref FROM {_COPY}.score ORDER BY 1, 2")
        return [(j, r) for j, r in rows]

    def stage_scores(self, source: int) -> list[tuple[str, str]]:
        """Stage every score of the copy as input ``source``; the distinct
        ``(criterion, value)`` pairs staged (values in their exact stored form).

        A value that reads as a number but is not in the stored form (``"4.0"``)
        is staged as ``"4"``; an unreadable one is staged as it is, for the merge to
        refuse. A copy whose edit times are unreadable is refused whole.
        """
        raw = self._staging._raw
        with self._staging._reading(self.path):
            strange = [
                str(row[0])
                for row in raw.execute(
                    f"SELECT DISTINCT edited_at FROM {_COPY}.score WHERE edited_at NOT GLOB ?",
                    (_TIME_SHAPE,),
                )
            ]
            for edited_at in strange:
                try:
                    CampaignFile._check_edited_at(edited_at)
                except StoreError as error:
                    raise _refuse(
                        _("La copie « {path} » est endommagée : {problem}"),
                        path=self.path,
                        problem=error,
                    ) from error
            raw.execute(
                "INSERT INTO temp.merge_cell (source, juror, ref, criterion, value, edited_at) "
                f"SELECT ?, juror, ref, criterion, value, edited_at FROM {_COPY}.score",
                (source,),
            )
            for (juror,) in raw.execute(f"SELECT DISTINCT juror FROM {_COPY}.score"):
                self._staging._sources_of(str(juror)).add(source)
            pairs = [
                (str(c), str(v))
                for c, v in raw.execute(f"SELECT DISTINCT criterion, value FROM {_COPY}.score")
            ]
            staged: set[tuple[str, str]] = set()
            for criterion, value in pairs:
                exact = _exact(value)
                if exact is not None and exact != value:
                    raw.execute(
                        "UPDATE temp.merge_cell SET value = ? "
                        "WHERE source = ? AND criterion = ? AND value = ?",
                        (exact, source, criterion, value),
                    )
                staged.add((criterion, exact if exact is not None else value))
        return sorted(staged)


def _texts(columns: str) -> str:
    """``"a, b"`` → ``"CAST(a AS TEXT), CAST(b AS TEXT)"``."""
    return ", ".join(f"CAST({name.strip()} AS TEXT)" for name in columns.split(","))


def _exact(text: str) -> str | None:
    """A score's stored form (``"9/2"``), or None when it is not a number."""
    try:
        return number_text(parse_number_text(text))
    except (ValueError, ZeroDivisionError):
        return None


class MergeStaging:
    """Temporary tables for one merge on one connection to the campaign.

    Use as a context manager; read inputs first (:meth:`juror_copy`,
    :meth:`stage_cells`), then decide and write inside :meth:`transaction`.
    The calling thread's campaign writes (``recuse``, ``set_score_cells``…) join
    that transaction.
    """

    def __init__(self, campaign_file: CampaignFile) -> None:
        self._file = campaign_file
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._copies = 0
        self._sources: dict[str, set[int]] = {}  # juror -> the inputs with their cells

    def _sources_of(self, juror: str) -> set[int]:
        return self._sources.setdefault(juror, set())

    def __enter__(self) -> MergeStaging:
        with known_error(self._file.path):
            self._connection = self._file._engine.connect()
            try:
                driver = self._connection.connection.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                self._raw = driver
                # Changing temp_store drops every temporary table: a clean start.
                self._raw.execute("PRAGMA temp_store=MEMORY")
                self._raw.executescript(_TEMP_TABLES)
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
            self._raw.execute("PRAGMA temp_store=DEFAULT")  # drops the temporary tables
            self._raw.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error:
            self._connection.invalidate()  # never hand a half-cleaned connection back
        finally:
            self._connection.close()
            if self._folder is not None:
                self._folder.cleanup()

    @contextmanager
    def _reading(self, path: Path) -> Iterator[None]:
        """SQLite errors while reading an input, as a refusal naming that input."""
        try:
            yield
        except sqlite3.Error as error:
            raise _refuse(
                _("Lecture impossible de « {path} » : {reason}."), path=path, reason=error
            ) from error

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
            raise _refuse(
                _("Lecture impossible de « {path} » : {reason}."),
                path=path,
                reason=os_reason(error),
            ) from error
        try:
            try:
                with known_error(temp):
                    if _check_file(temp, quick=True) != head_revision():
                        CampaignFile.open(temp).close()  # upgrades the private copy
            except StoreError as error:
                raise StoreError(str(error).replace(str(temp), str(path))) from error
            with self._reading(path):
                self._raw.execute(f"ATTACH DATABASE ? AS {_COPY}", (str(temp),))
            try:
                with self._reading(path):
                    identity = self._raw.execute(
                        "SELECT id, name, fingerprint, bound_juror, created_at "
                        f"FROM {_COPY}.campaign"
                    ).fetchone()
                if identity is None:
                    raise _refuse(
                        _("« {path} » n'est pas un fichier de campagne juryapp."), path=path
                    )
                yield StagedCopy(self, path, identity)
            finally:
                self._raw.execute(f"DETACH DATABASE {_COPY}")
        finally:
            _remove_file_set(temp)

    def stage_cells(self, source: int, cells: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Stage cells ``(juror, ref, criterion, value, edited_at)`` as input ``source``
        (a score sheet's rows: one row per juror and dossier)."""
        rows = [(source, *cell) for cell in cells]
        for edited_at in {row[5] for row in rows}:
            CampaignFile._check_edited_at(edited_at)
        for juror in {row[1] for row in rows}:
            self._sources_of(juror).add(source)
        self._raw.executemany(
            "INSERT INTO temp.merge_cell (source, juror, ref, criterion, value, edited_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )

    def cells_with_values(
        self, source: int, pairs: Iterable[tuple[str, str]]
    ) -> list[tuple[str, str, str, str]]:
        """Input ``source``'s cells ``(juror, ref, criterion, value)`` holding one of the
        ``(criterion, value)`` pairs (the merge looks up the cells of refused values)."""
        found: list[tuple[str, str, str, str]] = []
        for criterion, value in pairs:
            found += self._raw.execute(
                "SELECT juror, ref, criterion, value FROM temp.merge_cell "
                "WHERE source = ? AND criterion = ? AND value = ? ORDER BY juror, ref",
                (source, criterion, value),
            ).fetchall()
        return found

    def discard_grids(self, source: int, grids: Iterable[tuple[str, str]]) -> None:
        """Drop input ``source``'s cells for these ``(juror, ref)`` (refused grids)."""
        self._raw.executemany(
            "DELETE FROM temp.merge_cell WHERE juror = ? AND ref = ? AND source = ?",
            ((juror, ref, source) for juror, ref in grids),
        )

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
        local = self._file._local
        with known_error(self._file.path):
            if write:
                self._raw.execute("PRAGMA foreign_keys=OFF")
            try:
                transaction = connection.begin()
                local.connection = connection
                try:
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
                    local.connection = None
            finally:
                if write:
                    self._raw.execute("PRAGMA foreign_keys=ON")

    def has_grid(self, juror: str, ref: str) -> bool:
        """Whether the campaign holds a score or a comment of ``juror`` on ``ref``."""
        row = self._raw.execute(
            "SELECT EXISTS (SELECT 1 FROM main.score WHERE juror = ? AND ref = ?) "
            "OR EXISTS (SELECT 1 FROM main.comment WHERE juror = ? AND ref = ?)",
            (juror, ref, juror, ref),
        ).fetchone()
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
        raw.execute("DELETE FROM temp.merge_multi")
        # A key can only be in several inputs for a juror in several inputs (two
        # versions of a copy, a copy and a sheet): usually nobody.
        for juror, sources in self._sources.items():
            if len(sources) > 1:
                raw.execute(
                    "INSERT INTO temp.merge_multi SELECT juror, ref, criterion "
                    "FROM temp.merge_cell WHERE juror = ? "
                    "GROUP BY juror, ref, criterion HAVING count(*) > 1",
                    (juror,),
                )
        raw.execute(
            f"UPDATE temp.merge_cell AS m SET state = CASE WHEN EXISTS ("
            "SELECT 1 FROM temp.merge_multi AS x WHERE x.juror = m.juror "
            f"AND x.ref = m.ref AND x.criterion = m.criterion) THEN {_CONTESTED} "
            f"ELSE coalesce((SELECT CASE WHEN s.value = m.value THEN {_EQUAL} "
            f"ELSE {_CONTESTED} END FROM main.score AS s WHERE s.juror = m.juror "
            f"AND s.ref = m.ref AND s.criterion = m.criterion), {_NEW}) END"
        )
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
                "SELECT m.source, m.juror, m.ref, m.criterion, m.value, m.edited_at, "
                "s.value, s.edited_at FROM temp.merge_cell AS m "
                "LEFT JOIN main.score AS s "
                "ON s.juror = m.juror AND s.ref = m.ref AND s.criterion = m.criterion "
                f"WHERE m.state = {_CONTESTED} "
                "ORDER BY m.source, m.juror, m.ref, m.criterion"
            )
        ]
        new_grids: set[tuple[int, str, str]] = set(
            raw.execute(
                f"SELECT DISTINCT source, juror, ref FROM temp.merge_cell WHERE state = {_NEW}"
            )
        )
        return contested, new_grids

    def _check_new(self) -> None:
        """Refuse (``StoreError``) cells the store would refuse one by one: every cell
        to write is checked, by distinct juror and dossier, and distinct value."""
        raw = self._raw
        bound = raw.execute("SELECT bound_juror FROM main.campaign").fetchone()[0]
        voting = {
            str(code)
            for code, votes in raw.execute("SELECT code, votes FROM main.juror")
            if votes and (bound is None or code == bound)
        }
        admissible = {
            str(ref) for (ref,) in raw.execute("SELECT ref FROM main.dossier WHERE admissible")
        }
        recused = {(str(j), str(r)) for j, r in raw.execute("SELECT juror, ref FROM recusal")}
        # In key order, so no sorting: one row per juror and dossier.
        grids = [
            row
            for table, condition in _TO_WRITE
            for row in raw.execute(f"SELECT DISTINCT juror, ref FROM {table} WHERE {condition}")
        ]
        for juror, ref in grids:
            if juror not in voting:
                raise _refuse(
                    _("Notes refusées : « {juror} » n'est pas un juré votant de ce fichier."),
                    juror=juror,
                )
            if ref not in admissible:
                raise _refuse(
                    _("Notes refusées : le dossier « {ref} » est inconnu ou non recevable."),
                    ref=ref,
                )
            if (juror, ref) in recused:
                raise _refuse(
                    _(
                        "{juror} s'est déporté(e) sur le dossier {ref} : aucune note ni "
                        "commentaire ne peut être enregistré."
                    ),
                    juror=juror,
                    ref=ref,
                )
        with self._file._read() as connection:
            checker = _ValueChecker(self._file._criteria(connection))
        for table, condition in _TO_WRITE:
            self._check_values(checker, table, condition)

    def _check_values(self, checker: _ValueChecker, table: str, condition: str) -> None:
        raw = self._raw
        for criterion, value in raw.execute(
            f"SELECT DISTINCT criterion, value FROM {table} WHERE {condition}"
        ).fetchall():
            juror, ref = raw.execute(
                f"SELECT juror, ref FROM {table} WHERE {condition} "
                "AND criterion = ? AND value = ? LIMIT 1",
                (criterion, value),
            ).fetchone()
            if checker.text(juror, ref, criterion, value) != value:
                raise _refuse(
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
        _require_author(author)
        with self._file._write() as connection:
            self._file._writable(connection)
            for edited_at in {cell[4] for cell in decided}:
                CampaignFile._check_edited_at(edited_at)
            raw = self._raw
            raw.execute("DELETE FROM temp.merge_decided")
            raw.executemany(
                "INSERT INTO temp.merge_decided "
                "(juror, ref, criterion, value, edited_at, previous) VALUES (?, ?, ?, ?, ?, ?)",
                decided,
            )
            self._check_new()
            # New cells: absent from the campaign (plain INSERT: a clash would be a bug).
            raw.execute(
                "INSERT INTO main.score (juror, ref, criterion, value, edited_at, author) "
                "SELECT juror, ref, criterion, value, edited_at, ? FROM temp.merge_cell "
                f"WHERE state = {_NEW}",
                (author,),
            )
            count = raw.execute("SELECT changes()").fetchone()[0]
            raw.execute(
                "INSERT INTO main.score (juror, ref, criterion, value, edited_at, author) "
                "SELECT juror, ref, criterion, value, edited_at, ? FROM temp.merge_decided "
                "WHERE true ON CONFLICT (juror, ref, criterion) DO UPDATE SET "
                "value = excluded.value, edited_at = excluded.edited_at, author = excluded.author",
                (author,),
            )
            count += raw.execute("SELECT changes()").fetchone()[0]
            if not count:
                return 0
            # The payload of set_score_cells's entries, built by SQLite (in key order).
            arrays = [
                raw.execute(
                    "SELECT json_group_array(json_array(juror, ref, criterion, value, "
                    f"edited_at, {previous})) FROM {table} WHERE {condition}"
                ).fetchone()[0]
                for (table, condition), previous in zip(
                    _TO_WRITE, ("NULL", "previous"), strict=True
                )
            ]
            cells = ",".join(array[1:-1] for array in arrays if array != "[]")
            journal.append_text(connection, "score-batch", f'{{"cells":[{cells}]}}', author, _now())
            return int(count)
