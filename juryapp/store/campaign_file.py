"""The campaign file: one SQLite file per campaign (``NAME.jury``), like a document.

``CampaignFile.create`` and ``CampaignFile.open`` give a handle whose methods
read the campaign as the engine's values (``load``) and record every change in
one durable transaction with its journal entry. Every connection runs with
``journal_mode=WAL``, ``foreign_keys=ON`` and ``synchronous=FULL``; a write takes
the file's write lock at once (``BEGIN IMMEDIATE``). A refusal raises
``StoreError`` with a French message and leaves the file as it was.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import sys
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from glob import escape as glob_escape
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar
from urllib.parse import quote

import juryapp
from juryapp.core.grid import ScoreValueError, check_value, grid_fingerprint, parse_score_value
from juryapp.core.model import (
    Attendance,
    Campaign,
    Category,
    Criterion,
    Decision,
    Dossier,
    DrawLots,
    Juror,
    NoAward,
    Number,
    OrderTie,
    Recusal,
    Score,
    SetAmount,
    Withdraw,
)
from juryapp.i18n import _
from juryapp.store import journal, standalone
from juryapp.store.backup import (
    backup_copy,
    create_private_file,
    sweep_stale_temporaries,
    temporary_name,
)
from juryapp.store.codec import (
    canonical_json,
    decision_kind,
    decode_category,
    decode_criterion,
    decode_decision,
    decode_dossier,
    decode_juror,
    decode_rules,
    encode_category,
    encode_criterion,
    encode_decision,
    encode_dossier,
    encode_juror,
    encode_rules,
    number_text,
    parse_number_text,
)
from juryapp.store.errors import (
    DamagedFileError,
    StoreError,
    damaged_message,
    known_error,
    os_reason,
)
from juryapp.store.migrations import head_revision, known_revisions, upgrade

# SQLAlchemy is imported on first write (or first read needing it): opening a file and
# loading the campaign use plain sqlite3 connections (see CampaignFile._raw_read).
from juryapp.store.sql import select, table, update
from juryapp.store.state import (
    STATE_KINDS,
    State,
    apply_entry,
    compare_states,
    read_state,
    seal_hash,
    state_from_create,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, RowMapping

__all__ = [
    "CampaignFile",
    "CommentCell",
    "DecisionInfo",
    "ImportReport",
    "ScoreCell",
    "SealInfo",
    "VerifyReport",
    "damage_found",
]

_BUSY_TIMEOUT = 5.0  # seconds to wait for another writer before "locked"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_P = ParamSpec("_P")
_R = TypeVar("_R")


def _data_errors() -> tuple[type[BaseException], ...]:
    """What reading a damaged or hand-edited file can raise while decoding its rows: such
    an error is the file's (DamagedFileError) when verify finds the file damaged, else a
    bug. SQLAlchemy's own kinds count once it is loaded (none can be raised before)."""
    kinds: tuple[type[BaseException], ...] = (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        IndexError,
        ArithmeticError,
        RecursionError,
        sqlite3.Error,
    )
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is not None:
        kinds += (sa_exc.NoResultFound, sa_exc.MultipleResultsFound, sa_exc.DBAPIError)
    return kinds


# --- values handed out --------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """The references added, updated and left unchanged by an import, in input order."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    problems: list[str]


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


@dataclass(frozen=True)
class SealInfo:
    version: int
    hash: str
    sealed_at: str
    sealed_by: str
    document_sha256: str | None
    reopened_at: str | None
    reopened_by: str | None
    reopen_reason: str | None


# --- connections ------------------------------------------------------------------------


def _now() -> str:
    """UTC, ISO-8601 with microseconds: sorts as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _set_pragmas(connection: sqlite3.Connection, path: Path) -> None:
    mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise StoreError(
            _(
                "Impossible d'activer la journalisation WAL sur « {path} » (dossier réseau "
                "ou support en lecture seule ?)."
            ).format(path=path)
        )
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("PRAGMA synchronous=FULL")
    # 32 MiB of page cache (default 2 MiB): bulk merges of 400,000 cells stay in memory.
    connection.execute("PRAGMA cache_size=-32768")


def _read_only_uri(path: Path, *, immutable: bool) -> str:
    query = "?mode=ro&immutable=1" if immutable else "?mode=ro"
    return "file:" + quote(str(path.resolve())) + query


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection: ``mode=ro``, else (no -shm can be made beside a WAL file on
    read-only media) ``immutable=1``, which reads the file as it is, without locks."""
    try:
        connection = sqlite3.connect(
            _read_only_uri(path, immutable=False),
            uri=True,
            timeout=_BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        connection = sqlite3.connect(
            _read_only_uri(path, immutable=True),
            uri=True,
            timeout=_BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
    connection.execute("PRAGMA foreign_keys=ON")
    return connection


def _connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with our PRAGMAs, which never opens transactions behind our back."""
    if read_only:
        return _connect_read_only(path)
    # isolation_level=None: the driver never begins a transaction itself; the engine's
    # "begin" listener (or CampaignFile._raw_read) emits BEGIN.
    connection = sqlite3.connect(
        str(path), timeout=_BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
    )
    try:
        _set_pragmas(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def _make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``path``: our PRAGMAs on every connection, transactions we begin."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def connect() -> sqlite3.Connection:
        return _connect(path, read_only=read_only)

    # "sqlite://" would mean an in-memory database (one shared connection): name the pool.
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("juryapp_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, holding the write lock from its start."""
    with engine.connect() as connection:
        connection.execution_options(juryapp_begin="IMMEDIATE")
        with connection.begin():
            yield connection


@functools.cache
def _head_schema() -> tuple[tuple[str, ...], str]:
    """The SQL that makes a new file's schema at the head revision, and that revision:
    Alembic runs once per process, on a database in memory (running it for every new
    file — a juror copy each — costs half a second each)."""
    from sqlalchemy import create_engine

    engine = create_engine("sqlite://")
    try:
        with engine.connect() as connection, connection.begin():
            upgrade(connection)
            rows = connection.exec_driver_sql(
                "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL "
                "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
            ).all()
            (revision,) = connection.exec_driver_sql(
                "SELECT version_num FROM alembic_version"
            ).one()
    finally:
        engine.dispose()
    order = {"table": 0, "index": 1, "view": 2, "trigger": 3}
    statements = tuple(str(sql) for kind, sql in sorted(rows, key=lambda r: order[r[0]]))
    return statements, str(revision)


def _create_schema(connection: Connection) -> None:
    """The head schema in an empty file (what ``upgrade`` makes, without Alembic)."""
    statements, revision = _head_schema()
    for statement in statements:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))


def _remove_file_set(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _refuse_existing(path: Path) -> None:
    """Refuse to create over an existing file, or beside an old campaign's side files."""
    for suffix in _SIDE_FILES:
        if Path(f"{path}{suffix}").exists():
            raise _refuse(
                _(
                    "Impossible de créer « {path} » : un fichier « {side} » d'une ancienne "
                    "campagne traîne à côté. Déplacez-le ou choisissez un autre nom."
                ),
                path=path,
                side=f"{path.name}{suffix}",
            )
    if path.exists():
        raise _refuse(_("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path)


def _publish(temporary: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file that appeared meanwhile."""
    for suffix in _SIDE_FILES:
        if Path(f"{temporary}{suffix}").exists() and Path(f"{temporary}{suffix}").stat().st_size:
            raise _refuse(
                _("Impossible de terminer « {path} » : le journal SQLite n'a pas pu être vidé."),
                path=path,
            )
    try:
        os.link(temporary, path)  # fails when path exists: nothing is overwritten
    except FileExistsError as error:
        raise _refuse(
            _("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path
        ) from error
    except OSError:
        # No hard links here (FAT/exFAT keys, some network shares): rename instead.
        if path.exists():
            raise _refuse(
                _("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path
            ) from None
        try:
            os.rename(temporary, path)
        except OSError as error:
            raise _refuse(
                _("Impossible de créer « {path} » : {reason}."),
                path=path,
                reason=os_reason(error),
            ) from error
    _remove_file_set(temporary)
    _sync_folder(path)


def _sync_folder(path: Path) -> None:
    """Make a rename durable (POSIX: fsync the folder)."""
    if os.name == "nt":
        return
    folder = path.parent if str(path.parent) else Path(".")
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _open_raw(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection that neither creates the file nor changes its journal mode."""
    if read_only:
        return _connect_read_only(path)
    uri = "file:" + quote(str(path.resolve())) + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=_BUSY_TIMEOUT)


def _is_writable(path: Path) -> bool:
    """Whether the file and its folder can be written (WAL needs side files beside it)."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def _integrity_problems(rows: Iterable[Sequence[Any]]) -> list[str]:
    messages = [" ".join(str(row[0]).split()) for row in rows]  # one line each
    return [] if messages == ["ok"] else messages


# --- validation ---------------------------------------------------------------------------


def _refuse(message: str, **values: object) -> StoreError:
    return StoreError(message.format(**values))


def _require_author(author: str) -> None:
    if not author or not author.strip():
        raise _refuse(_("L'auteur de la modification doit être indiqué."))


def _check_codes(kind: str, codes: Sequence[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if not code or not code.strip():
            raise _refuse(_("Un code de {kind} est vide."), kind=kind)
        if code in seen:
            raise _refuse(
                _("Le code de {kind} « {code} » apparaît deux fois."), kind=kind, code=code
            )
        seen.add(code)


def _check_criteria(criteria: Sequence[Criterion]) -> None:
    if not criteria:
        raise _refuse(_("La grille doit compter au moins un critère."))
    _check_codes(_("critère"), [c.code for c in criteria])
    for criterion in criteria:
        if Fraction(criterion.weight) <= 0:
            raise _refuse(_("Le poids du critère {code} doit être positif."), code=criterion.code)
        if Fraction(criterion.max) <= Fraction(criterion.min):
            raise _refuse(
                _("Le critère {code} doit avoir un maximum supérieur à son minimum."),
                code=criterion.code,
            )
        if Fraction(criterion.step) < 0:
            raise _refuse(_("Le pas du critère {code} ne peut être négatif."), code=criterion.code)


def _check_dossiers(dossiers: Sequence[Dossier], categories: set[str]) -> None:
    _check_codes(_("dossier"), [d.ref for d in dossiers])
    for dossier in dossiers:
        if dossier.category is not None and dossier.category not in categories:
            raise _refuse(
                _("Le dossier {ref} a une catégorie inconnue : « {category} »."),
                ref=dossier.ref,
                category=dossier.category,
            )


def _decision_targets(decision: Decision) -> tuple[tuple[str, ...], str | None]:
    """The dossier references and the category a decision names."""
    if isinstance(decision, OrderTie | DrawLots):
        return decision.refs, None
    if isinstance(decision, Withdraw | SetAmount):
        return (decision.ref,), None
    if isinstance(decision, NoAward):
        return (), decision.category
    raise TypeError(f"not a decision: {decision!r}")


def _check_decision(decision: Decision, refs: set[str], categories: set[str]) -> None:
    targets, category = _decision_targets(decision)
    for ref in targets:
        if ref not in refs:
            raise _refuse(_("La décision porte sur un dossier inconnu : {ref}."), ref=ref)
    if category is not None and category not in categories:
        raise _refuse(_("La décision porte sur une catégorie inconnue : {code}."), code=category)


class _ValueChecker:
    """Reads and checks score values against the grid, with a cache (values repeat)."""

    def __init__(self, criteria: Iterable[Criterion]) -> None:
        self.criteria = {c.code: c for c in criteria}
        self._cache: dict[tuple[str, object], str] = {}

    def text(self, juror: str, ref: str, code: str, raw: object) -> str:
        """The value as stored text; ``StoreError`` when unknown, unreadable or off the grid."""
        key = (code, raw if not isinstance(raw, float) else repr(raw))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        criterion = self.criteria.get(code)
        if criterion is None:
            raise _refuse(
                _("Note de {juror} sur {ref} : critère inconnu « {code} »."),
                juror=juror,
                ref=ref,
                code=code,
            )
        try:
            number = parse_score_value(raw)
        except ScoreValueError as error:
            raise _refuse(
                _("Note de {juror} sur {ref} : {problem}."), juror=juror, ref=ref, problem=error
            ) from error
        problem = check_value(criterion, number)
        if problem is not None:
            raise _refuse(
                _("Note de {juror} sur {ref} : {problem}."), juror=juror, ref=ref, problem=problem
            )
        text = number_text(number)
        self._cache[key] = text
        return text


def _decoding(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """A reading method whose decoding errors on a damaged file become DamagedFileError."""

    @functools.wraps(method)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        self = args[0]
        assert isinstance(self, CampaignFile)
        with self._guarded():
            return method(*args, **kwargs)

    return guarded


# --- the file -----------------------------------------------------------------------------


class CampaignFile:
    """An open campaign file. Use :meth:`create` or :meth:`open`, then :meth:`close`.

    Methods may be called from several threads; :meth:`transaction` groups the
    writes made by the calling thread into one commit.
    """

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.read_only = read_only  # opened from read-only media: every write is refused
        self._engine_or_none = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._raw_free: list[sqlite3.Connection] = []  # plain connections for reading
        self._closed = False

    @property
    def _engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use (writes, and reads of table models)."""
        with self._lock:
            if self._engine_or_none is None:
                self._engine_or_none = _make_engine(self.path, read_only=self.read_only)
            return self._engine_or_none

    # --- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        campaign: Campaign,
        author: str,
        name: str | None = None,
        *,
        bound_juror: str | None = None,
        campaign_id: str | None = None,
    ) -> CampaignFile:
        """Create ``path`` (never overwritten, 0600) holding ``campaign``; see :meth:`building`.

        ``campaign_id`` keeps an existing campaign's identity (a juror's copy);
        ``bound_juror`` marks such a copy as one juror's.
        """
        path = Path(path)
        with cls.building(
            path, campaign, author, name, bound_juror=bound_juror, campaign_id=campaign_id
        ):
            pass
        return cls(path)

    @classmethod
    @contextmanager
    def building(
        cls,
        path: Path | str,
        campaign: Campaign,
        author: str,
        name: str | None = None,
        *,
        bound_juror: str | None = None,
        campaign_id: str | None = None,
    ) -> Iterator[CampaignFile]:
        """Create ``path`` whole or not at all: the file is written under a temporary
        name in the same folder, the block adds what it wants through the handle
        yielded, and the finished file is renamed ``path`` when the block ends. An
        error (or a killed process) leaves nothing at ``path``; the temporary files
        of a killed process are removed by the next creation in that folder.
        """
        path = Path(path)
        _require_author(author)
        _validate_campaign(campaign, bound_juror)
        identifier = str(uuid.UUID(campaign_id)) if campaign_id else str(uuid.uuid4())
        _refuse_existing(path)
        folder = path.parent if str(path.parent) else Path(".")
        sweep_stale_temporaries(folder, glob_escape(path.name))
        temporary = temporary_name(path)
        try:
            create_private_file(temporary)
        except OSError as error:
            raise _refuse(
                _("Impossible de créer « {path} » : {reason}."),
                path=path,
                reason=os_reason(error),
            ) from error
        engine: Engine | None = None
        try:
            with known_error(path):
                engine = _make_engine(temporary)
                with _writing(engine) as connection:
                    _create_schema(connection)
                    _insert_campaign(
                        connection,
                        campaign,
                        identifier=identifier,
                        name=name if name is not None else campaign.rules.name,
                        author=author,
                        bound_juror=bound_juror,
                    )
            building = cls(temporary, engine)
            yield building
            engine.dispose()  # the last connection folds the WAL into the file
            engine = None
            _publish(temporary, path)
        except BaseException:
            if engine is not None:
                engine.dispose()
            _remove_file_set(temporary)
            raise

    @classmethod
    def open(cls, path: Path | str) -> CampaignFile:
        """Open an existing campaign file, checking it and upgrading its schema if older.

        Before an upgrade, a copy ``NAME.jury.bak-REV-TIMESTAMP`` is made beside it.
        """
        path = Path(path)
        if not path.is_file():
            raise _refuse(_("Le fichier « {path} » est introuvable."), path=path)
        if not os.access(path, os.R_OK):
            raise _refuse(
                _("Le fichier « {path} » n'est pas accessible en lecture (droits du fichier ?)."),
                path=path,
            )
        read_only = not _is_writable(path)
        with known_error(path):
            revision = _check_file(path, read_only=read_only)
        if not read_only:  # what a killed process left beside it (a backup being written)
            sweep_stale_temporaries(path.parent, glob_escape(path.name) + "*")
        if revision == head_revision():
            return cls(path, read_only=read_only)
        if read_only:
            raise _refuse(
                _(
                    "« {path} » vient d'une version plus ancienne de juryapp et se trouve sur "
                    "un support en lecture seule : copiez-le dans un dossier où vous pouvez "
                    "écrire pour qu'il soit mis à jour."
                ),
                path=path,
            )
        engine = _make_engine(path)
        try:
            with known_error(path):
                if revision != head_revision():
                    backup = backup_copy(path, revision)
                    with _writing(engine) as connection:
                        upgrade(connection)
                        journal.append(
                            connection,
                            "schema",
                            {"from": revision, "to": head_revision(), "backup": backup.name},
                            "juryapp",
                            _now(),
                        )
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine)

    def close(self) -> None:
        """Release the file (the last connection folds the WAL back into it)."""
        with self._lock:
            raw, self._raw_free = self._raw_free, []
            engine = self._engine_or_none
        for connection in raw:
            connection.close()
        if engine is not None:
            engine.dispose()

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the file: ``NAME.jury`` alone is then complete."""
        return standalone.checkpoint(self.path)

    def save_copy(self, destination: Path | str) -> Path:
        """Write the campaign as one self-contained file (for the coordinator, a USB key)."""
        return standalone.write_standalone_copy(self.path, Path(destination))

    def __enter__(self) -> CampaignFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- transactions ------------------------------------------------------------------------

    def _active(self) -> Connection | None:
        connection: Connection | None = getattr(self._local, "connection", None)
        return connection

    def _damage(self, error: BaseException) -> DamagedFileError | None:
        """The DamagedFileError for ``error`` raised while reading rows, when :meth:`verify`
        finds the file damaged (a hand-edited row); None when the file is intact (a bug)."""
        if getattr(self._local, "checking", False):
            return None
        self._local.checking = True
        try:
            report = self.verify()
        except Exception:
            return DamagedFileError(damaged_message(self.path, [str(error)]))
        finally:
            self._local.checking = False
        if report.ok:
            return None
        return DamagedFileError(damaged_message(self.path, report.problems))

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        """Turn a decoding error on a damaged file into :class:`DamagedFileError`."""
        try:
            yield
        except _data_errors() as error:
            damage = self._damage(error)
            if damage is None:
                raise
            raise damage from error

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A consistent snapshot (or the calling thread's open transaction)."""
        active = self._active()
        if active is not None:
            with self._guarded():
                yield active
            return
        with (
            self._guarded(),
            known_error(self.path),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def _raw_read(self) -> Iterator[sqlite3.Connection]:
        """Like :meth:`_read`, on a plain sqlite3 connection (no SQLAlchemy needed)."""
        active = self._active()
        if active is not None:
            driver = active.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            with self._guarded():
                yield driver
            return
        with self._guarded(), known_error(self.path):
            with self._lock:
                connection = self._raw_free.pop() if self._raw_free else None
            if connection is None:
                connection = _connect(self.path, read_only=self.read_only)
            try:
                connection.execute("BEGIN DEFERRED")
                try:
                    yield connection
                finally:
                    connection.execute("COMMIT")
            except BaseException:
                connection.close()
                raise
            with self._lock:
                self._raw_free.append(connection)

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One durable write transaction (a savepoint inside :meth:`transaction`)."""
        if self.read_only:
            raise _refuse(
                _(
                    "« {path} » est ouvert en lecture seule (support ou dossier protégé en "
                    "écriture) : impossible d'y enregistrer. Copiez-le dans un dossier où "
                    "vous pouvez écrire."
                ),
                path=self.path,
            )
        active = self._active()
        if active is not None:
            with self._guarded(), known_error(self.path), active.begin_nested():
                yield active
            return
        with self._guarded(), known_error(self.path), _writing(self._engine) as connection:
            yield connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group this thread's writes in the block into one all-or-nothing commit."""
        if self._active() is not None:
            with self._write():
                yield
            return
        with self._write() as connection:
            self._local.connection = connection
            try:
                yield
            finally:
                self._local.connection = None

    # --- identity ----------------------------------------------------------------------------

    def _campaign_row(self, connection: Connection) -> RowMapping:
        rows = connection.execute(select(table("campaign"))).mappings().all()
        if len(rows) != 1:
            raise DamagedFileError(
                damaged_message(
                    self.path,
                    [_("table campaign : {count} ligne(s) au lieu d'une").format(count=len(rows))],
                )
            )
        return rows[0]

    @staticmethod
    def _raw_records(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _campaign_record(self, connection: sqlite3.Connection) -> dict[str, Any]:
        records = self._raw_records(connection.execute("SELECT * FROM campaign"))
        if len(records) != 1:
            raise DamagedFileError(
                damaged_message(
                    self.path,
                    [
                        _("table campaign : {count} ligne(s) au lieu d'une").format(
                            count=len(records)
                        )
                    ],
                )
            )
        return records[0]

    def _identity(self, key: str) -> Any:
        with self._raw_read() as connection:
            return self._campaign_record(connection)[key]

    @property
    def campaign_id(self) -> str:
        return str(self._identity("id"))

    @property
    def name(self) -> str:
        return str(self._identity("name"))

    @property
    def fingerprint(self) -> str:
        """``grid_fingerprint(criteria, scale)`` of the current grid."""
        return str(self._identity("fingerprint"))

    @property
    def bound_juror(self) -> str | None:
        value = self._identity("bound_juror")
        return None if value is None else str(value)

    @property
    def created_at(self) -> str:
        return str(self._identity("created_at"))

    @property
    def is_closed(self) -> bool:
        return bool(self._identity("closed"))

    @property
    def pv_version(self) -> int:
        """The version of the PV: 1, then one more at each reopening."""
        return int(self._identity("pv_version"))

    @property
    def seal(self) -> str | None:
        """The SHA-256 of the sealed data while the deliberation is closed, else None."""
        with self._raw_read() as connection:
            row = self._campaign_record(connection)
            if not row["closed"]:
                return None
            found = connection.execute(
                "SELECT hash FROM seal WHERE version = ?", (row["pv_version"],)
            ).fetchall()
            if len(found) != 1:
                raise DamagedFileError(
                    damaged_message(
                        self.path,
                        [_("la délibération est close mais son sceau est introuvable")],
                    )
                )
            return str(found[0][0])

    @_decoding
    def seals(self) -> list[SealInfo]:
        """Every seal ever made, by version (the archive)."""
        with self._raw_read() as connection:
            rows = self._raw_records(
                connection.execute(
                    "SELECT version, hash, sealed_at, sealed_by, document_sha256, reopened_at, "
                    "reopened_by, reopen_reason FROM seal ORDER BY version"
                )
            )
        return [
            SealInfo(
                version=int(row["version"]),
                hash=row["hash"],
                sealed_at=row["sealed_at"],
                sealed_by=row["sealed_by"],
                document_sha256=row["document_sha256"],
                reopened_at=row["reopened_at"],
                reopened_by=row["reopened_by"],
                reopen_reason=row["reopen_reason"],
            )
            for row in rows
        ]

    @_decoding
    def sealed_document(self, version: int) -> bytes | None:
        """The document stored with the seal of ``version`` (``close_deliberation``)."""
        with self._read() as connection:
            value = connection.exec_driver_sql(
                "SELECT document FROM seal WHERE version = ?", (version,)
            ).scalar()
        return None if value is None else bytes(value)

    # --- reading -----------------------------------------------------------------------------

    @_decoding
    def load(self) -> Campaign:
        """The campaign as the engine's values: active decisions in order, scores, recusals."""
        with self._raw_read() as connection:
            row = self._campaign_record(connection)
            rules = decode_rules(json.loads(row["rules"]))
            criteria = tuple(
                decode_criterion(r) for r in self._raw_ordered(connection, "criterion")
            )
            categories = tuple(
                decode_category({**r, "prizes_cents": json.loads(r["prizes_cents"])})
                for r in self._raw_ordered(connection, "category")
            )
            jurors = tuple(decode_juror(r) for r in self._raw_ordered(connection, "juror"))
            dossiers = tuple(
                decode_dossier({**r, "fields": json.loads(r["fields"])})
                for r in self._raw_ordered(connection, "dossier")
            )
            # One row per grid (not per cell): SQLite groups the cells as a JSON object.
            raw_grids = connection.execute(
                "SELECT juror, ref, json_group_object(criterion, value) FROM score "
                "GROUP BY juror, ref"
            ).fetchall()
            comments = connection.execute("SELECT juror, ref, text FROM comment").fetchall()
            recusal_rows = connection.execute("SELECT juror, ref, reason FROM recusal").fetchall()
            decision_rows = connection.execute(
                "SELECT payload FROM decision WHERE undone_at IS NULL ORDER BY id"
            ).fetchall()
        parsed: dict[str, Number] = {}
        grids: dict[tuple[str, str], dict[str, Number]] = {}
        for juror, ref, cells in raw_grids:
            grid: dict[str, Number] = {}
            for criterion, text in json.loads(cells).items():
                value = parsed.get(text)
                if value is None:
                    value = parsed[text] = parse_number_text(text)
                grid[criterion] = value
            grids[(juror, ref)] = grid
        notes = {(juror, ref): text for juror, ref, text in comments}
        juror_rank = {j.code: i for i, j in enumerate(jurors)}
        dossier_rank = {d.ref: i for i, d in enumerate(dossiers)}

        def order(key: tuple[str, str]) -> tuple[int, int]:
            return juror_rank[key[0]], dossier_rank[key[1]]

        scores = tuple(
            Score(juror=key[0], ref=key[1], values=grids.get(key, {}), comment=notes.get(key, ""))
            for key in sorted(grids.keys() | notes.keys(), key=order)
        )
        recusals = tuple(
            Recusal(juror=j, ref=r, reason=reason)
            for j, r, reason in sorted(recusal_rows, key=lambda row: order((row[0], row[1])))
        )
        return Campaign(
            rules=rules,
            criteria=criteria,
            dossiers=dossiers,
            jurors=jurors,
            categories=categories,
            scores=scores,
            recusals=recusals,
            decisions=tuple(decode_decision(json.loads(r[0])) for r in decision_rows),
        )

    @classmethod
    def _raw_ordered(cls, connection: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
        # ``name`` is one of our own table names, never the user's text.
        return cls._raw_records(connection.execute(f"SELECT * FROM {name} ORDER BY position"))

    @staticmethod
    def _ordered(connection: Connection, name: str) -> list[dict[str, Any]]:
        t = table(name)
        rows = connection.execute(select(t).order_by(t.c.position)).mappings()
        return [{str(key): value for key, value in row.items()} for row in rows]

    def _categories(self, connection: Connection) -> list[Category]:
        return [
            decode_category({**row, "prizes_cents": json.loads(row["prizes_cents"])})
            for row in self._ordered(connection, "category")
        ]

    def _jurors(self, connection: Connection) -> list[Juror]:
        return [decode_juror(row) for row in self._ordered(connection, "juror")]

    def _dossiers(self, connection: Connection) -> list[Dossier]:
        return [
            decode_dossier({**row, "fields": json.loads(row["fields"])})
            for row in self._ordered(connection, "dossier")
        ]

    def _criteria(self, connection: Connection) -> list[Criterion]:
        return [decode_criterion(row) for row in self._ordered(connection, "criterion")]

    @_decoding
    def _cells(self, juror: str | None) -> list[ScoreCell]:
        sql = "SELECT juror, ref, criterion, value, edited_at, author FROM score"
        parameters: tuple[str, ...] = ()
        if juror is not None:
            sql += " WHERE juror = ?"
            parameters = (juror,)
        with self._read() as connection:
            rows = connection.exec_driver_sql(sql + " ORDER BY juror, ref, criterion", parameters)
            return [
                ScoreCell(j, r, c, parse_number_text(v), v, at, a) for j, r, c, v, at, a in rows
            ]

    def scores_for(self, juror: str) -> list[ScoreCell]:
        """One juror's stored scores with their edit time and author."""
        return self._cells(juror)

    def score_cells(self) -> Iterator[ScoreCell]:
        """Every stored score cell (read in one snapshot)."""
        return iter(self._cells(None))

    @_decoding
    def comments_for(self, juror: str) -> list[CommentCell]:
        with self._read() as connection:
            rows = connection.exec_driver_sql(
                "SELECT juror, ref, text, edited_at, author FROM comment WHERE juror = ? "
                "ORDER BY ref",
                (juror,),
            )
            return [CommentCell(*row) for row in rows]

    @_decoding
    def decisions(self) -> list[DecisionInfo]:
        """Every decision ever recorded, undone ones included, by id."""
        with self._raw_read() as connection:
            rows = self._raw_records(connection.execute("SELECT * FROM decision ORDER BY id"))
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

    @_decoding
    def journal(self) -> list[journal.JournalEntry]:
        """The whole journal, oldest first."""
        with self._read() as connection:
            return list(journal.iter_entries(connection))

    # --- checks shared by the writes -------------------------------------------------------

    def _writable(self, connection: Connection) -> RowMapping:
        row = self._campaign_row(connection)
        if row["closed"]:
            raise _refuse(
                _(
                    "La délibération est close (version {version} scellée) : aucune "
                    "modification n'est possible. Pour modifier, rouvrir avec une raison ; "
                    "le PV changera de version."
                ),
                version=row["pv_version"],
            )
        return row

    @staticmethod
    def _require_juror(connection: Connection, juror: str, *, scoring: bool = False) -> None:
        """A known juror, and on a juror's copy, that copy's juror only; with ``scoring``,
        a member with a vote (only voting members score)."""
        found = connection.exec_driver_sql(
            "SELECT name, votes FROM juror WHERE code = ?", (juror,)
        ).first()
        if found is None:
            raise _refuse(_("Juré inconnu : « {juror} »."), juror=juror)
        if scoring and not found[1]:
            raise _non_voting(juror, str(found[0]))
        bound = connection.exec_driver_sql("SELECT bound_juror FROM campaign").scalar()
        if bound is not None and bound != juror:
            raise _refuse(
                _(
                    "Ce fichier est la copie de {bound} : les notes de {juror} ne peuvent "
                    "pas y être enregistrées."
                ),
                bound=bound,
                juror=juror,
            )

    @staticmethod
    def _require_admissible(connection: Connection, ref: str) -> None:
        admissible = connection.exec_driver_sql(
            "SELECT admissible FROM dossier WHERE ref = ?", (ref,)
        ).scalar()
        if admissible is not None and not admissible:
            raise _refuse(
                _("Le dossier {ref} est déclaré non recevable : il ne se note pas."), ref=ref
            )

    @staticmethod
    def _require_dossier(connection: Connection, ref: str) -> None:
        found = connection.exec_driver_sql("SELECT 1 FROM dossier WHERE ref = ?", (ref,)).first()
        if found is None:
            raise _refuse(_("Dossier inconnu : « {ref} »."), ref=ref)

    @staticmethod
    def _recusal(connection: Connection, juror: str, ref: str) -> str | None:
        row = connection.exec_driver_sql(
            "SELECT reason FROM recusal WHERE juror = ? AND ref = ?", (juror, ref)
        ).first()
        return None if row is None else str(row[0])

    def _require_not_recused(self, connection: Connection, juror: str, ref: str) -> None:
        if self._recusal(connection, juror, ref) is not None:
            raise _refuse(
                _(
                    "{juror} s'est déporté(e) sur le dossier {ref} : aucune note ni "
                    "commentaire ne peut être enregistré."
                ),
                juror=juror,
                ref=ref,
            )

    @staticmethod
    def _check_edited_at(edited_at: str | None) -> None:
        if edited_at is None:
            return
        try:
            moment = datetime.fromisoformat(edited_at)
        except ValueError as error:
            raise _refuse(_("Date de modification illisible : « {at} »."), at=edited_at) from error
        if moment.utcoffset() is None:
            raise _refuse(_("Date de modification sans fuseau horaire : « {at} »."), at=edited_at)

    # --- scores, comments, recusals ----------------------------------------------------------

    def set_score(
        self, juror: str, ref: str, criterion: str, value: Number | str | None, author: str
    ) -> bool:
        """Set (or clear, with None) one cell; True when the file changed."""
        return self.set_scores(juror, ref, {criterion: value}, author) > 0

    def set_scores(
        self,
        juror: str,
        ref: str,
        values: Mapping[str, Number | str | None],
        author: str,
        *,
        edited_at: str | None = None,
    ) -> int:
        """Set several cells of one grid at once; returns how many changed.

        ``edited_at`` (UTC ISO-8601) keeps the time a merged copy recorded.
        """
        _require_author(author)
        self._check_edited_at(edited_at)
        with self._write() as connection:
            self._writable(connection)
            self._require_juror(connection, juror, scoring=True)
            self._require_dossier(connection, ref)
            self._require_not_recused(connection, juror, ref)
            if any(raw is not None for raw in values.values()):
                self._require_admissible(connection, ref)
            checker = _ValueChecker(self._criteria(connection))
            wanted = {
                code: None if raw is None else checker.text(juror, ref, code, raw)
                for code, raw in values.items()
            }
            for code in wanted:
                if code not in checker.criteria:
                    raise _refuse(
                        _("Note de {juror} sur {ref} : critère inconnu « {code} »."),
                        juror=juror,
                        ref=ref,
                        code=code,
                    )
            current: dict[str, str] = dict(
                connection.exec_driver_sql(
                    "SELECT criterion, value FROM score WHERE juror = ? AND ref = ?",
                    (juror, ref),
                ).all()
            )
            changed = {code: text for code, text in wanted.items() if current.get(code) != text}
            if not changed:
                return 0
            at = _now()
            cell_at = edited_at or at
            for code, text in changed.items():
                if text is None:
                    connection.exec_driver_sql(
                        "DELETE FROM score WHERE juror = ? AND ref = ? AND criterion = ?",
                        (juror, ref, code),
                    )
                else:
                    connection.exec_driver_sql(
                        "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
                        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (juror, ref, criterion) DO UPDATE "
                        "SET value = excluded.value, edited_at = excluded.edited_at, "
                        "author = excluded.author",
                        (juror, ref, code, text, cell_at, author),
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
            return len(changed)

    def set_comment(
        self, juror: str, ref: str, comment: str, author: str, *, edited_at: str | None = None
    ) -> bool:
        """Set (or clear, with "") a juror's comment on a dossier; True when it changed."""
        _require_author(author)
        self._check_edited_at(edited_at)
        with self._write() as connection:
            self._writable(connection)
            self._require_juror(connection, juror, scoring=True)
            self._require_dossier(connection, ref)
            self._require_not_recused(connection, juror, ref)
            row = connection.exec_driver_sql(
                "SELECT text FROM comment WHERE juror = ? AND ref = ?", (juror, ref)
            ).first()
            previous = None if row is None else str(row[0])
            if (previous or "") == comment:
                return False
            at = _now()
            if comment:
                connection.exec_driver_sql(
                    "INSERT INTO comment (juror, ref, text, edited_at, author) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (juror, ref) DO UPDATE "
                    "SET text = excluded.text, edited_at = excluded.edited_at, "
                    "author = excluded.author",
                    (juror, ref, comment, edited_at or at, author),
                )
            else:
                connection.exec_driver_sql(
                    "DELETE FROM comment WHERE juror = ? AND ref = ?", (juror, ref)
                )
            journal.append(
                connection,
                "comment",
                {
                    "juror": juror,
                    "ref": ref,
                    "text": comment,
                    "previous": previous,
                    "edited_at": edited_at,
                },
                author,
                at,
            )
            return True

    def recuse(self, juror: str, ref: str, reason: str, author: str) -> None:
        """Record a juror's recusal (déport) on a dossier.

        The juror's scores and comment on it are removed from the tables; the
        journal entry keeps them, so nothing is lost.
        """
        _require_author(author)
        with self._write() as connection:
            self._writable(connection)
            self._require_juror(connection, juror)
            self._require_dossier(connection, ref)
            if self._recusal(connection, juror, ref) is not None:
                raise _refuse(
                    _("{juror} est déjà déporté(e) sur le dossier {ref}."), juror=juror, ref=ref
                )
            removed: dict[str, str] = dict(
                connection.exec_driver_sql(
                    "SELECT criterion, value FROM score WHERE juror = ? AND ref = ?",
                    (juror, ref),
                ).all()
            )
            comment = connection.exec_driver_sql(
                "SELECT text FROM comment WHERE juror = ? AND ref = ?", (juror, ref)
            ).scalar()
            at = _now()
            connection.exec_driver_sql(
                "DELETE FROM score WHERE juror = ? AND ref = ?", (juror, ref)
            )
            connection.exec_driver_sql(
                "DELETE FROM comment WHERE juror = ? AND ref = ?", (juror, ref)
            )
            connection.exec_driver_sql(
                "INSERT INTO recusal (juror, ref, reason, at, author) VALUES (?, ?, ?, ?, ?)",
                (juror, ref, reason, at, author),
            )
            journal.append(
                connection,
                "recuse",
                {
                    "juror": juror,
                    "ref": ref,
                    "reason": reason,
                    "removed_scores": removed,
                    "removed_comment": comment,
                },
                author,
                at,
            )

    def unrecuse(self, juror: str, ref: str, author: str) -> None:
        """Withdraw a recusal recorded by mistake (the removed scores stay in the journal)."""
        _require_author(author)
        with self._write() as connection:
            self._writable(connection)
            reason = self._recusal(connection, juror, ref)
            if reason is None:
                raise _refuse(
                    _("{juror} n'est pas déporté(e) sur le dossier {ref}."), juror=juror, ref=ref
                )
            connection.exec_driver_sql(
                "DELETE FROM recusal WHERE juror = ? AND ref = ?", (juror, ref)
            )
            journal.append(
                connection,
                "unrecuse",
                {"juror": juror, "ref": ref, "reason": reason},
                author,
                _now(),
            )

    # --- many cells at once (juror copies and merges) ------------------------------------------

    @_decoding
    def score_texts(self, juror: str | None = None) -> list[tuple[str, str, str, str, str]]:
        """Stored score cells as ``(juror, ref, criterion, text, edited_at)``, unparsed.

        The fast read for merging: ``text`` is the exact stored form (``"9/2"``),
        so two equal values have equal texts.
        """
        sql = "SELECT juror, ref, criterion, value, edited_at FROM score"
        parameters: tuple[str, ...] = ()
        if juror is not None:
            sql += " WHERE juror = ?"
            parameters = (juror,)
        with self._read() as connection:
            cursor = connection.connection.cursor()
            try:
                cursor.execute(sql + " ORDER BY juror, ref, criterion", parameters)
                # Every column is TEXT NOT NULL: the driver hands out str already.
                rows: list[tuple[str, str, str, str, str]] = list(cursor.fetchall())
                return rows
            finally:
                cursor.close()

    @_decoding
    def load_frame(self) -> Campaign:
        """The campaign without its scores and comments (recusals and decisions included).

        What a merge needs of the call, the grid, the jury and the dossiers, without
        reading every score.
        """
        with self._read() as connection:
            row = self._campaign_row(connection)
            rules = decode_rules(json.loads(row["rules"]))
            criteria = tuple(self._criteria(connection))
            categories = tuple(self._categories(connection))
            jurors = tuple(self._jurors(connection))
            dossiers = tuple(self._dossiers(connection))
            recusal_rows = connection.exec_driver_sql(
                "SELECT juror, ref, reason FROM recusal ORDER BY juror, ref"
            ).all()
            decision = table("decision")
            decision_rows = connection.execute(
                select(decision.c.payload)
                .where(decision.c.undone_at.is_(None))
                .order_by(decision.c.id)
            ).all()
        return Campaign(
            rules=rules,
            criteria=criteria,
            dossiers=dossiers,
            jurors=jurors,
            categories=categories,
            recusals=tuple(Recusal(juror=j, ref=r, reason=reason) for j, r, reason in recusal_rows),
            decisions=tuple(decode_decision(json.loads(r[0])) for r in decision_rows),
        )

    @_decoding
    def comment_cells(self) -> list[CommentCell]:
        """Every juror's comments, by juror and dossier."""
        with self._read() as connection:
            rows = connection.exec_driver_sql(
                "SELECT juror, ref, text, edited_at, author FROM comment ORDER BY juror, ref"
            )
            return [CommentCell(*row) for row in rows]

    @_decoding
    def recusal_cells(self) -> list[tuple[str, str, str, str]]:
        """Every recusal as ``(juror, ref, reason, at)``, by juror and dossier."""
        with self._read() as connection:
            rows = connection.exec_driver_sql(
                "SELECT juror, ref, reason, at FROM recusal ORDER BY juror, ref"
            ).all()
        return [(str(j), str(r), str(reason), str(at)) for j, r, reason, at in rows]

    def _cell_targets(
        self, connection: Connection
    ) -> tuple[dict[str, tuple[str, bool]], set[str], set[tuple[str, str]]]:
        """Known jurors (name, has a vote), known dossiers and recused (juror, dossier) pairs."""
        jurors = {
            str(code): (str(name), bool(votes))
            for code, name, votes in connection.exec_driver_sql(
                "SELECT code, name, votes FROM juror"
            )
        }
        refs = {str(r[0]) for r in connection.exec_driver_sql("SELECT ref FROM dossier")}
        recused = {
            (str(j), str(r))
            for j, r in connection.exec_driver_sql("SELECT juror, ref FROM recusal")
        }
        return jurors, refs, recused

    def _check_cell_target(
        self,
        targets: tuple[dict[str, tuple[str, bool]], set[str], set[tuple[str, str]]],
        juror: str,
        ref: str,
    ) -> None:
        jurors, refs, recused = targets
        if juror not in jurors:
            raise _refuse(_("Juré inconnu : « {juror} »."), juror=juror)
        name, votes = jurors[juror]
        if not votes:
            raise _non_voting(juror, name)
        if ref not in refs:
            raise _refuse(_("Dossier inconnu : « {ref} »."), ref=ref)
        if (juror, ref) in recused:
            raise _refuse(
                _(
                    "{juror} s'est déporté(e) sur le dossier {ref} : aucune note ni "
                    "commentaire ne peut être enregistré."
                ),
                juror=juror,
                ref=ref,
            )

    def set_score_cells(
        self, cells: Iterable[tuple[str, str, str, Number | str, str]], author: str
    ) -> int:
        """Set many score cells at once, each with its own edit time; how many changed.

        ``cells`` are ``(juror, ref, criterion, value, edited_at)`` (UTC ISO-8601).
        Everything is checked before anything is written: known juror, dossier and
        criterion, a value on the grid, no recusal, each cell once. A cell whose
        stored value is already the same is left alone (its edit time too). One
        ``score-batch`` journal entry holds every changed cell with its previous value.
        """
        _require_author(author)
        rows = list(cells)
        if not rows:
            return 0
        for edited_at in {row[4] for row in rows}:
            self._check_edited_at(edited_at)
        with self._write() as connection:
            self._writable(connection)
            targets = self._cell_targets(connection)
            checker = _ValueChecker(self._criteria(connection))
            # Checked once per juror and dossier, and once per distinct value.
            checked = dict.fromkeys((row[0], row[1]) for row in rows)
            for juror, ref in checked:
                self._check_cell_target(targets, juror, ref)
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
                        raise _refuse(
                            _("La note de {juror} sur {ref} ({code}) apparaît deux fois."),
                            juror=juror,
                            ref=ref,
                            code=code,
                        )
                    seen.add((juror, ref, code))
            involved = sorted({juror for juror, _ref in checked})
            cursor = connection.connection.cursor()
            try:
                cursor.execute(
                    "SELECT juror, ref, criterion, value FROM score WHERE juror IN "
                    f"({', '.join('?' * len(involved))})",
                    involved,
                )
                current: dict[tuple[str, str, str], str] = {
                    (j, r, c): v for j, r, c, v in cursor.fetchall()
                }
                changed = [
                    (key, text, edited_at)
                    for key, (text, edited_at) in wanted.items()
                    if current.get(key) != text
                ]
                if not changed:
                    return 0
                cursor.executemany(
                    "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (juror, ref, criterion) DO UPDATE "
                    "SET value = excluded.value, edited_at = excluded.edited_at, "
                    "author = excluded.author",
                    [(*key, text, edited_at, author) for key, text, edited_at in changed],
                )
            finally:
                cursor.close()
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
                _now(),
            )
            return len(changed)

    def set_comment_cells(self, cells: Iterable[tuple[str, str, str, str]], author: str) -> int:
        """Set many comments at once, each with its own edit time; how many changed.

        ``cells`` are ``(juror, ref, text, edited_at)``; ``""`` clears. Checked
        like :meth:`set_score_cells`; one ``comment`` journal entry per change.
        """
        _require_author(author)
        rows = list(cells)
        if not rows:
            return 0
        for edited_at in {row[3] for row in rows}:
            self._check_edited_at(edited_at)
        with self._write() as connection:
            self._writable(connection)
            targets = self._cell_targets(connection)
            wanted: dict[tuple[str, str], tuple[str, str]] = {}
            for juror, ref, text, edited_at in rows:
                self._check_cell_target(targets, juror, ref)
                if (juror, ref) in wanted:
                    raise _refuse(
                        _("Le commentaire de {juror} sur {ref} apparaît deux fois."),
                        juror=juror,
                        ref=ref,
                    )
                wanted[(juror, ref)] = (text, edited_at)
            current: dict[tuple[str, str], str] = {
                (str(j), str(r)): str(t)
                for j, r, t in connection.exec_driver_sql("SELECT juror, ref, text FROM comment")
            }
            changed = [
                (key, text, edited_at)
                for key, (text, edited_at) in wanted.items()
                if current.get(key, "") != text
            ]
            if not changed:
                return 0
            cursor = connection.connection.cursor()
            try:
                cursor.executemany(
                    "INSERT INTO comment (juror, ref, text, edited_at, author) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (juror, ref) DO UPDATE "
                    "SET text = excluded.text, edited_at = excluded.edited_at, "
                    "author = excluded.author",
                    [(*key, text, at, author) for key, text, at in changed if text],
                )
                cursor.executemany(
                    "DELETE FROM comment WHERE juror = ? AND ref = ?",
                    [key for key, text, _at in changed if not text],
                )
            finally:
                cursor.close()
            _append_entries(
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
                _now(),
            )
            return len(changed)

    # --- dossiers, jury, grid ------------------------------------------------------------------

    def import_dossiers(
        self, dossiers: Sequence[Dossier], author: str, source: str
    ) -> ImportReport:
        """Add new dossiers and update known ones (matched by reference), all or nothing."""
        _require_author(author)
        with self._write() as connection:
            self._writable(connection)
            categories = {c.code for c in self._categories(connection)}
            _check_dossiers(dossiers, categories)
            existing = {
                row["ref"]: (row, _stored_dossier(row))
                for row in self._ordered(connection, "dossier")
            }
            position = max((int(row["position"]) for row, _d in existing.values()), default=-1)
            added: list[dict[str, Any]] = []
            updated: list[dict[str, Any]] = []
            unchanged: list[str] = []
            for dossier in dossiers:
                encoded = encode_dossier(dossier)
                if dossier.ref not in existing:
                    position += 1
                    _insert_dossier(connection, encoded, position)
                    added.append(encoded)
                elif existing[dossier.ref][1] != encoded:
                    _update_dossier(connection, encoded)
                    updated.append({"before": existing[dossier.ref][1], "after": encoded})
                else:
                    unchanged.append(dossier.ref)
            if added or updated:
                journal.append(
                    connection,
                    "import",
                    {"source": source, "added": added, "updated": updated},
                    author,
                    _now(),
                )
        return ImportReport(
            added=tuple(d["ref"] for d in added),
            updated=tuple(change["after"]["ref"] for change in updated),
            unchanged=tuple(unchanged),
        )

    def set_admissibility(self, ref: str, admissible: bool, reason: str, author: str) -> bool:
        """Declare a dossier admissible or not (a reason is required for "not")."""
        _require_author(author)
        if not admissible and not reason.strip():
            raise _refuse(_("Indiquez pourquoi le dossier {ref} n'est pas recevable."), ref=ref)
        with self._write() as connection:
            self._writable(connection)
            row = connection.exec_driver_sql(
                "SELECT admissible, inadmissible_reason FROM dossier WHERE ref = ?", (ref,)
            ).first()
            if row is None:
                raise _refuse(_("Dossier inconnu : « {ref} »."), ref=ref)
            previous = {"admissible": bool(row[0]), "reason": str(row[1])}
            if previous == {"admissible": admissible, "reason": reason}:
                return False
            connection.execute(
                update(table("dossier"))
                .where(table("dossier").c.ref == ref)
                .values(admissible=admissible, inadmissible_reason=reason)
            )
            journal.append(
                connection,
                "admissibility",
                {"ref": ref, "admissible": admissible, "reason": reason, "previous": previous},
                author,
                _now(),
            )
            return True

    def set_attendance(self, juror: str, attendance: Attendance, author: str) -> bool:
        """Record how a juror attends the session; True when it changed."""
        _require_author(author)
        attendance = Attendance(attendance)
        with self._write() as connection:
            self._writable(connection)
            previous = connection.exec_driver_sql(
                "SELECT attendance FROM juror WHERE code = ?", (juror,)
            ).scalar()
            if previous is None:
                raise _refuse(_("Juré inconnu : « {juror} »."), juror=juror)
            if previous == attendance.value:
                return False
            connection.exec_driver_sql(
                "UPDATE juror SET attendance = ? WHERE code = ?", (attendance.value, juror)
            )
            journal.append(
                connection,
                "attendance",
                {"juror": juror, "attendance": attendance.value, "previous": previous},
                author,
                _now(),
            )
            return True

    def replace_criteria(self, criteria: Sequence[Criterion], author: str) -> None:
        """Replace the grid; refused once any score exists (they would stop being comparable)."""
        _require_author(author)
        _check_criteria(criteria)
        with self._write() as connection:
            campaign = self._writable(connection)
            count = int(connection.exec_driver_sql("SELECT count(*) FROM score").scalar_one())
            if count:
                raise _refuse(
                    _(
                        "La grille ne peut plus changer : des notes existent ({count} notes "
                        "enregistrées). Les notes déjà données ne seraient plus comparables."
                    ),
                    count=count,
                )
            previous = [encode_criterion(c) for c in self._criteria(connection)]
            rules = decode_rules(json.loads(campaign["rules"]))
            fingerprint = grid_fingerprint(criteria, rules.scale)
            connection.exec_driver_sql("DELETE FROM criterion")
            encoded = [encode_criterion(c) for c in criteria]
            _insert_criteria(connection, encoded)
            connection.exec_driver_sql("UPDATE campaign SET fingerprint = ?", (fingerprint,))
            journal.append(
                connection,
                "criteria",
                {"criteria": encoded, "previous": previous, "fingerprint": fingerprint},
                author,
                _now(),
            )

    # --- decisions ------------------------------------------------------------------------------

    def add_decision(self, decision: Decision, author: str) -> int:
        """Record a decision of the jury; returns its id."""
        _require_author(author)
        with self._write() as connection:
            self._writable(connection)
            refs = {str(r[0]) for r in connection.exec_driver_sql("SELECT ref FROM dossier")}
            categories = {
                str(r[0]) for r in connection.exec_driver_sql("SELECT code FROM category")
            }
            _check_decision(decision, refs, categories)
            at = _now()
            number = _insert_decision(connection, decision, author, at)
            journal.append(
                connection,
                "decision",
                {"id": number, "decision": encode_decision(decision)},
                author,
                at,
            )
            return number

    def undo_decision(self, decision_id: int, author: str, reason: str = "") -> None:
        """Mark a decision undone; it stays listed by :meth:`decisions`."""
        _require_author(author)
        with self._write() as connection:
            self._writable(connection)
            row = connection.exec_driver_sql(
                "SELECT undone_at FROM decision WHERE id = ?", (decision_id,)
            ).first()
            if row is None:
                raise _refuse(_("Décision inconnue : n° {id}."), id=decision_id)
            if row[0] is not None:
                raise _refuse(_("La décision n° {id} est déjà annulée."), id=decision_id)
            at = _now()
            connection.exec_driver_sql(
                "UPDATE decision SET undone_at = ?, undone_by = ?, undo_reason = ? WHERE id = ?",
                (at, author, reason, decision_id),
            )
            journal.append(connection, "undo", {"id": decision_id, "reason": reason}, author, at)

    # --- sealing --------------------------------------------------------------------------------

    def close_deliberation(self, author: str, sealed_payload: bytes | None = None) -> SealInfo:
        """Seal the deliberation: store the seal's hash, refuse writes until reopened.

        ``sealed_payload`` (the results, say) is stored with the seal and its
        SHA-256 is part of the sealed data (see ``state.seal_document``). A backup
        copy ``NAME.jury.bak-sceau-vN-TIMESTAMP`` is made once it is committed.
        A file that :meth:`verify` finds damaged is never sealed (DamagedFileError).
        """
        _require_author(author)
        if self._active() is not None:
            raise RuntimeError("close_deliberation cannot run inside transaction()")
        checked = self.verify()
        if not checked.ok:
            raise DamagedFileError(damaged_message(self.path, checked.problems))
        document_sha256 = (
            None if sealed_payload is None else hashlib.sha256(sealed_payload).hexdigest()
        )
        with self._write() as connection:
            self._writable(connection)
            state = read_state(connection)
            version = state.pv_version
            digest = seal_hash(state, version, document_sha256)
            at = _now()
            connection.exec_driver_sql(
                "INSERT INTO seal (version, hash, sealed_at, sealed_by, document, "
                "document_sha256) VALUES (?, ?, ?, ?, ?, ?)",
                (version, digest, at, author, sealed_payload, document_sha256),
            )
            connection.exec_driver_sql("UPDATE campaign SET closed = 1")
            journal.append(
                connection,
                "close",
                {"version": version, "hash": digest, "document_sha256": document_sha256},
                author,
                at,
            )
        backup_copy(self.path, f"sceau-v{version}")
        return SealInfo(version, digest, at, author, document_sha256, None, None, None)

    def reopen(self, reason: str, author: str) -> int:
        """Reopen a closed deliberation (a reason is required); returns the new PV version."""
        _require_author(author)
        if not reason or not reason.strip():
            raise _refuse(_("Une raison est nécessaire pour rouvrir la délibération."))
        with self._write() as connection:
            row = self._campaign_row(connection)
            if not row["closed"]:
                raise _refuse(_("La délibération n'est pas close : rien à rouvrir."))
            version = int(row["pv_version"])
            at = _now()
            connection.exec_driver_sql(
                "UPDATE seal SET reopened_at = ?, reopened_by = ?, reopen_reason = ? "
                "WHERE version = ?",
                (at, author, reason, version),
            )
            connection.exec_driver_sql(
                "UPDATE campaign SET closed = 0, pv_version = ?", (version + 1,)
            )
            journal.append(
                connection,
                "reopen",
                {"version": version, "new_version": version + 1, "reason": reason},
                author,
                at,
            )
        return version + 1

    # --- journal and verification ------------------------------------------------------------

    def journal_append(self, kind: str, payload: Mapping[str, Any], author: str) -> int:
        """Record an event that changes no table (a merge's summary, an export…); its seq.

        Allowed on a closed deliberation. Kinds the store writes itself are refused.
        """
        _require_author(author)
        if not kind or kind in STATE_KINDS:
            raise ValueError(f"journal kind {kind!r} is reserved or empty")
        canonical_json(payload)  # refuse what JSON cannot hold before writing
        with self._write() as connection:
            return journal.append(connection, kind, dict(payload), author, _now())

    def verify(self) -> VerifyReport:
        """Check the file: SQLite integrity, the journal's chain, the tables against a replay
        of the journal, and every seal against the data it sealed.

        Never raises on a damaged file: whatever cannot be read is a problem named.
        """
        problems: list[str] = []
        try:
            self._verify(problems)
        except StoreError as error:
            problems.append(str(error))
        except _data_errors() as error:
            problems.append(_("fichier illisible : {error}").format(error=_error_text(error)))
        return VerifyReport(ok=not problems, problems=problems)

    def _verify(self, problems: list[str]) -> None:
        with known_error(self.path), self._engine.connect() as connection, connection.begin():
            integrity = _integrity_problems(
                connection.exec_driver_sql("PRAGMA integrity_check").all()
            )
            problems += [_("SQLite : {problem}").format(problem=p) for p in integrity]
            for table_name, _rowid, parent, _key in connection.exec_driver_sql(
                "PRAGMA foreign_key_check"
            ).all()[:5]:
                problems.append(
                    _("SQLite : une ligne de « {table} » renvoie à « {parent} » inexistant").format(
                        table=table_name, parent=parent
                    )
                )
            count = connection.exec_driver_sql("SELECT count(*) FROM campaign").scalar()
            if count != 1:
                problems.append(
                    _("table campaign : {count} ligne(s) au lieu d'une").format(count=count)
                )
            try:
                entries = list(journal.iter_entries(connection))
            except _data_errors() as error:
                problems.append(_("journal illisible : {error}").format(error=_error_text(error)))
                entries = []
            actual: State | None = None
            if count == 1:
                try:
                    actual = read_state(connection)
                except _data_errors() as error:
                    problems.append(
                        _("tables illisibles : {error}").format(error=_error_text(error))
                    )
            documents = connection.exec_driver_sql(
                "SELECT version, document, document_sha256 FROM seal"
            ).all()
        problems += journal.check_chain(entries)
        if entries and entries[0].kind == "create":
            if actual is not None:
                problems += _replay(entries, actual)
        elif entries:
            problems.append(_("journal : la première entrée n'est pas la création de la campagne"))
        for version, document, document_sha256 in documents:
            digest = (
                None
                if document is None
                else hashlib.sha256(
                    document if isinstance(document, bytes) else str(document).encode()
                ).hexdigest()
            )
            if digest != document_sha256:
                problems.append(
                    _("sceau de la version {version} : le document scellé a été modifié").format(
                        version=version
                    )
                )
        if actual is not None and actual.closed:
            version = actual.pv_version
            seal = actual.seals.get(version)
            if seal is None:
                problems.append(_("la délibération est close mais son sceau est introuvable"))
            else:
                try:
                    expected = seal_hash(actual, version, seal["document_sha256"])
                except _data_errors():
                    expected = None
                if expected != seal["hash"]:
                    problems.append(
                        _(
                            "sceau de la version {version} : les données ne correspondent "
                            "plus au sceau"
                        ).format(version=version)
                    )


def damage_found(path: Path | str) -> list[str]:
    """What :meth:`CampaignFile.verify` finds wrong with the file at ``path`` (empty when
    it is intact or cannot be opened for another reason than damage). Never raises."""
    try:
        with CampaignFile.open(path) as opened:
            return opened.verify().problems
    except DamagedFileError as error:
        return [str(error)]
    except Exception:
        return []


def _error_text(error: BaseException) -> str:
    """A short description of a decoding error, for verify's report."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


# --- helpers for writing ------------------------------------------------------------------


def _replay(entries: list[journal.JournalEntry], actual: State) -> list[str]:
    problems: list[str] = []
    first = entries[0]
    try:
        expected = state_from_create(first.payload, first.at, first.author)
    except _data_errors():
        return [_("journal : l'entrée de création est illisible")]
    for entry in entries[1:]:
        try:
            problems += apply_entry(expected, entry.kind, entry.at, entry.author, entry.payload)
        except _data_errors():
            problems.append(
                _("journal : l'entrée n° {seq} ({kind}) ne peut pas être rejouée").format(
                    seq=entry.seq, kind=entry.kind
                )
            )
    try:
        return problems + compare_states(expected, actual)
    except _data_errors() as error:
        return [
            *problems,
            _("journal et tables incomparables : {error}").format(error=_error_text(error)),
        ]


def _append_entries(
    connection: Connection,
    kind: str,
    payloads: Sequence[Mapping[str, Any]],
    author: str,
    at: str,
) -> None:
    """Append many journal entries of one kind at once, chained as :func:`journal.append` does."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        last = cursor.fetchone()
        seq, prev_hash = (0, journal.GENESIS) if last is None else (int(last[0]), str(last[1]))
        rows = []
        # journal.entry_hash, with the parts common to every entry encoded once.
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
            rows.append((seq, at, author, kind, text, prev_hash, digest))
            prev_hash = digest
        cursor.executemany(
            "INSERT INTO journal (seq, at, author, kind, payload, prev_hash, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    finally:
        cursor.close()


def _not_a_campaign(path: Path) -> DamagedFileError:
    return DamagedFileError(
        _("« {path} » n'est pas un fichier de campagne juryapp (ou il est endommagé).").format(
            path=path
        )
    )


def _check_file(path: Path, *, quick: bool = False, read_only: bool = False) -> str:
    """Integrity check and schema revision of an existing file, without changing it.

    ``quick`` runs ``quick_check`` (the file's structure, not that every index
    matches its table): for juror copies read once by a merge, never written.
    A damaged file, or one that is not a campaign, raises :class:`DamagedFileError`.
    """
    connection = _open_raw(path, read_only=read_only)
    # A damaged file's text may not be UTF-8: read it with replacement characters.
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        check = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
        try:
            problems = _integrity_problems(connection.execute(check).fetchall())
        except UnicodeDecodeError as error:  # SQLite's own message quotes damaged bytes
            raise DamagedFileError(
                _("Le fichier « {path} » est endommagé (base SQLite corrompue).").format(path=path)
            ) from error
        if problems:
            shown = "; ".join(problems[:5])
            raise DamagedFileError(
                _("Le fichier « {path} » est endommagé : {problems}").format(
                    path=path, problems=shown
                )
            )
        names = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not {"alembic_version", "campaign", "journal"} <= names:
            raise _not_a_campaign(path)
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        connection.close()
    if len(rows) != 1:
        raise _not_a_campaign(path)
    revision = str(rows[0][0])
    if revision not in known_revisions():
        raise _refuse(
            _(
                "Ce fichier a été créé par une version plus récente de juryapp (schéma "
                "« {revision} ») : « {path} ». Mettez juryapp à jour pour l'ouvrir."
            ),
            revision=revision,
            path=path,
        )
    return revision


def _stored_dossier(row: Mapping[str, Any]) -> dict[str, Any]:
    return encode_dossier(decode_dossier({**row, "fields": json.loads(row["fields"])}))


def _dossier_values(encoded: Mapping[str, Any]) -> dict[str, Any]:
    return {**encoded, "fields": canonical_json(encoded["fields"])}


def _insert_dossier(connection: Connection, encoded: Mapping[str, Any], position: int) -> None:
    connection.execute(
        table("dossier").insert().values(position=position, **_dossier_values(encoded))
    )


def _update_dossier(connection: Connection, encoded: Mapping[str, Any]) -> None:
    dossier = table("dossier")
    connection.execute(
        update(dossier).where(dossier.c.ref == encoded["ref"]).values(**_dossier_values(encoded))
    )


def _insert_criteria(connection: Connection, encoded: Sequence[Mapping[str, Any]]) -> None:
    connection.execute(
        table("criterion").insert(),
        [{**c, "position": i} for i, c in enumerate(encoded)],
    )


def _insert_decision(connection: Connection, decision: Decision, author: str, at: str) -> int:
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


def _non_voting(juror: str, name: str) -> StoreError:
    return _refuse(
        _(
            "{juror} ({name}) n'a pas voix délibérative : seuls les membres votants notent "
            "les dossiers ; aucune note ni commentaire ne peut être enregistré à son nom."
        ),
        juror=juror,
        name=name,
    )


def _validate_campaign(campaign: Campaign, bound_juror: str | None) -> None:
    """Refuse an inconsistent campaign before anything is written (French messages)."""
    _check_criteria(campaign.criteria)
    _check_codes(_("catégorie"), [c.code for c in campaign.categories])
    _check_codes(_("juré"), [j.code for j in campaign.jurors])
    categories = {c.code for c in campaign.categories}
    _check_dossiers(campaign.dossiers, categories)
    jurors = {j.code for j in campaign.jurors}
    refs = {d.ref for d in campaign.dossiers}
    if bound_juror is not None and bound_juror not in jurors:
        raise _refuse(_("Juré inconnu : « {juror} »."), juror=bound_juror)
    recused: set[tuple[str, str]] = set()
    for recusal in campaign.recusals:
        if recusal.juror not in jurors:
            raise _refuse(_("Juré inconnu : « {juror} »."), juror=recusal.juror)
        if recusal.ref not in refs:
            raise _refuse(_("Dossier inconnu : « {ref} »."), ref=recusal.ref)
        if (recusal.juror, recusal.ref) in recused:
            raise _refuse(
                _("Le déport de {juror} sur {ref} apparaît deux fois."),
                juror=recusal.juror,
                ref=recusal.ref,
            )
        recused.add((recusal.juror, recusal.ref))
    checker = _ValueChecker(campaign.criteria)
    graded: set[tuple[str, str]] = set()
    silent = {j.code: j.name for j in campaign.jurors if not j.votes}
    for score in campaign.scores:
        key = (score.juror, score.ref)
        if score.juror not in jurors:
            raise _refuse(_("Juré inconnu : « {juror} »."), juror=score.juror)
        if score.juror in silent and (score.values or score.comment):
            raise _non_voting(score.juror, silent[score.juror])
        if score.ref not in refs:
            raise _refuse(_("Dossier inconnu : « {ref} »."), ref=score.ref)
        if key in graded:
            raise _refuse(
                _("Les notes de {juror} sur {ref} apparaissent deux fois."),
                juror=score.juror,
                ref=score.ref,
            )
        graded.add(key)
        if key in recused and (score.values or score.comment):
            raise _refuse(
                _("{juror} s'est déporté(e) sur le dossier {ref} : ses notes sont refusées."),
                juror=score.juror,
                ref=score.ref,
            )
        for code, value in score.values.items():
            checker.text(score.juror, score.ref, code, value)
    for decision in campaign.decisions:
        _check_decision(decision, refs, categories)


def _insert_campaign(
    connection: Connection,
    campaign: Campaign,
    *,
    identifier: str,
    name: str,
    author: str,
    bound_juror: str | None,
) -> None:
    """Write a validated campaign into an empty file, with its ``create`` journal entry."""
    at = _now()
    rules = encode_rules(campaign.rules)
    fingerprint = grid_fingerprint(campaign.criteria, campaign.rules.scale)
    connection.execute(
        table("campaign")
        .insert()
        .values(
            id=identifier,
            name=name,
            created_at=at,
            created_by=author,
            app_version=juryapp.__version__,
            fingerprint=fingerprint,
            rules=canonical_json(rules),
            closed=False,
            pv_version=1,
            bound_juror=bound_juror,
        )
    )
    criteria = [encode_criterion(c) for c in campaign.criteria]
    _insert_criteria(connection, criteria)
    categories = [encode_category(c) for c in campaign.categories]
    if categories:
        connection.execute(
            table("category").insert(),
            [
                {**c, "prizes_cents": canonical_json(c["prizes_cents"]), "position": i}
                for i, c in enumerate(categories)
            ],
        )
    jurors = [encode_juror(j) for j in campaign.jurors]
    if jurors:
        connection.execute(
            table("juror").insert(), [{**j, "position": i} for i, j in enumerate(jurors)]
        )
    dossiers = [encode_dossier(d) for d in campaign.dossiers]
    if dossiers:
        connection.execute(
            table("dossier").insert(),
            [{**_dossier_values(d), "position": i} for i, d in enumerate(dossiers)],
        )
    checker = _ValueChecker(campaign.criteria)
    cells = [
        [score.juror, score.ref, code, checker.text(score.juror, score.ref, code, value)]
        for score in campaign.scores
        for code, value in score.values.items()
    ]
    if cells:
        connection.exec_driver_sql(
            "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(j, r, c, v, at, author) for j, r, c, v in cells],
        )
    comments = [[s.juror, s.ref, s.comment] for s in campaign.scores if s.comment]
    if comments:
        connection.exec_driver_sql(
            "INSERT INTO comment (juror, ref, text, edited_at, author) VALUES (?, ?, ?, ?, ?)",
            [(j, r, t, at, author) for j, r, t in comments],
        )
    recusals = [[r.juror, r.ref, r.reason] for r in campaign.recusals]
    if recusals:
        connection.exec_driver_sql(
            "INSERT INTO recusal (juror, ref, reason, at, author) VALUES (?, ?, ?, ?, ?)",
            [(j, r, reason, at, author) for j, r, reason in recusals],
        )
    decisions = [
        {"id": _insert_decision(connection, d, author, at), "decision": encode_decision(d)}
        for d in campaign.decisions
    ]
    journal.append(
        connection,
        "create",
        {
            "campaign": {
                "id": identifier,
                "name": name,
                "fingerprint": fingerprint,
                "bound_juror": bound_juror,
                "app_version": juryapp.__version__,
            },
            "rules": rules,
            "criteria": criteria,
            "categories": categories,
            "jurors": jurors,
            "dossiers": dossiers,
            "scores": cells,
            "comments": comments,
            "recusals": recusals,
            "decisions": decisions,
        },
        author,
        at,
    )
