"""Connections to one campaign file and the transactions on them.

Every connection runs with ``journal_mode=WAL``, ``foreign_keys=ON`` and
``synchronous=FULL``, and never opens a transaction behind our back: a write
takes the file's write lock at once (``BEGIN IMMEDIATE``). :class:`Database`
owns the connections of one open file: the SQLAlchemy engine (made on first
write), a pool of plain ``sqlite3`` connections for reads (opening and loading a
campaign need no SQLAlchemy, see :mod:`juryapp.store.sql`), and the calling
thread's open transaction, which every read and write of that thread joins.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from juryapp.i18n import _
from juryapp.store import rawsql
from juryapp.store.errors import DamagedFileError, StoreError, known_error

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = [
    "Database",
    "connect",
    "data_errors",
    "make_engine",
    "now",
    "open_existing",
    "writing",
]

BUSY_TIMEOUT = 5.0  # seconds to wait for another writer before "locked"


def now() -> str:
    """UTC, ISO-8601 with microseconds: sorts as text."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def data_errors() -> tuple[type[BaseException], ...]:
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


# --- connections ---------------------------------------------------------------------------


def _set_pragmas(connection: sqlite3.Connection, path: Path) -> None:
    mode = connection.execute(rawsql.WAL_MODE).fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise StoreError(
            _(
                "Impossible d'activer la journalisation WAL sur « {path} » (dossier réseau "
                "ou support en lecture seule ?)."
            ).format(path=path)
        )
    for pragma in rawsql.CONNECTION_PRAGMAS:
        connection.execute(pragma)


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
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
        connection.execute(rawsql.PROBE).fetchone()
    except sqlite3.OperationalError:
        connection = sqlite3.connect(
            _read_only_uri(path, immutable=True),
            uri=True,
            timeout=BUSY_TIMEOUT,
            isolation_level=None,
            check_same_thread=False,
        )
    connection.execute(rawsql.FOREIGN_KEYS_ON)
    return connection


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with our PRAGMAs, which never opens transactions behind our back."""
    if read_only:
        return _connect_read_only(path)
    # isolation_level=None: the driver never begins a transaction itself; the engine's
    # "begin" listener (or Database.snapshot) emits BEGIN.
    connection = sqlite3.connect(
        str(path), timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
    )
    try:
        _set_pragmas(connection, path)
    except BaseException:
        connection.close()
        raise
    return connection


def open_existing(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A plain connection that neither creates the file nor changes its journal mode."""
    if read_only:
        return _connect_read_only(path)
    uri = "file:" + quote(str(path.resolve())) + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT)


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on ``path``: our PRAGMAs on every connection, transactions we begin."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    def creator() -> sqlite3.Connection:
        return connect(path, read_only=read_only)

    # "sqlite://" would mean an in-memory database (one shared connection): name the pool.
    engine = create_engine("sqlite://", creator=creator, poolclass=QueuePool)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("juryapp_begin", "DEFERRED")
        connection.exec_driver_sql(rawsql.BEGIN[mode])

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, holding the write lock from its start."""
    with engine.connect() as connection:
        connection.execution_options(juryapp_begin="IMMEDIATE")
        with connection.begin():
            yield connection


def driver(connection: Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection under a SQLAlchemy one (for the raw statements)."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


# --- one open file ---------------------------------------------------------------------------


class Database:
    """The connections and transactions of one open campaign file.

    Methods may be called from several threads; :meth:`transaction` groups the
    writes made by the calling thread into one commit. ``diagnose`` (set by the
    file's owner) turns a decoding error into :class:`DamagedFileError` when the file
    is found damaged, or returns None (a bug: the error propagates).
    """

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        self.path = path
        self.read_only = read_only  # opened from read-only media: every write is refused
        self.diagnose: Callable[[BaseException], DamagedFileError | None] = lambda _e: None
        self._engine = engine
        self._local = threading.local()
        self._lock = threading.Lock()
        self._free: list[sqlite3.Connection] = []  # plain connections for reading

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made on first use (writes, and reads of table models)."""
        with self._lock:
            if self._engine is None:
                self._engine = make_engine(self.path, read_only=self.read_only)
            return self._engine

    def close(self) -> None:
        """Close every connection (the last one folds the WAL back into the file)."""
        with self._lock:
            free, self._free = self._free, []
            engine = self._engine
        for connection in free:
            connection.close()
        if engine is not None:
            engine.dispose()

    # --- the calling thread's transaction --------------------------------------------------

    def active(self) -> Connection | None:
        """The calling thread's open transaction's connection, if any."""
        connection: Connection | None = getattr(self._local, "connection", None)
        return connection

    @contextmanager
    def joined(self, connection: Connection) -> Iterator[None]:
        """Make ``connection`` (in a transaction its owner began) the calling thread's:
        every read and write of this thread in the block joins it."""
        self._local.connection = connection
        try:
            yield
        finally:
            self._local.connection = None

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Turn a decoding error on a damaged file into :class:`DamagedFileError`."""
        try:
            yield
        except data_errors() as error:
            if getattr(self._local, "checking", False):
                raise  # while the file is being verified: its own report says it
            self._local.checking = True
            try:
                damage = self.diagnose(error)
            finally:
                self._local.checking = False
            if damage is None:
                raise
            raise damage from error

    # --- reads and writes ------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A consistent snapshot (or the calling thread's open transaction)."""
        active = self.active()
        if active is not None:
            with self.guarded():
                yield active
            return
        with (
            self.guarded(),
            known_error(self.path),
            self.engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """Like :meth:`read`, on a plain sqlite3 connection (no SQLAlchemy needed)."""
        active = self.active()
        if active is not None:
            with self.guarded():
                yield driver(active)
            return
        with self.guarded(), known_error(self.path):
            with self._lock:
                connection = self._free.pop() if self._free else None
            if connection is None:
                connection = connect(self.path, read_only=self.read_only)
            try:
                connection.execute(rawsql.BEGIN["DEFERRED"])
                try:
                    yield connection
                finally:
                    connection.execute(rawsql.COMMIT)
            except BaseException:
                connection.close()
                raise
            with self._lock:
                self._free.append(connection)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One durable write transaction (a savepoint inside :meth:`transaction`)."""
        if self.read_only:
            raise StoreError(
                _(
                    "« {path} » est ouvert en lecture seule (support ou dossier protégé en "
                    "écriture) : impossible d'y enregistrer. Copiez-le dans un dossier où "
                    "vous pouvez écrire."
                ).format(path=self.path)
            )
        active = self.active()
        if active is not None:
            with self.guarded(), known_error(self.path), active.begin_nested():
                yield active
            return
        with self.guarded(), known_error(self.path), writing(self.engine) as connection:
            yield connection

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group this thread's writes in the block into one all-or-nothing commit."""
        if self.active() is not None:
            with self.write():
                yield
            return
        with self.write() as connection, self.joined(connection):
            yield
