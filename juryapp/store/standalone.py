"""A campaign file that travels alone: the WAL folded back in, and one-file copies.

While a campaign is open, SQLite keeps the latest changes in ``NAME.jury-wal``
beside the file. :func:`checkpoint` folds them back into ``NAME.jury`` (so the
file alone is complete, even after a crash); :func:`write_standalone_copy` writes
one self-contained file (no ``-wal`` needed) under a temporary name, checks it,
then renames it into place: the destination is either the whole copy or untouched.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from juryapp.i18n import _
from juryapp.store import rawsql
from juryapp.store.backup import create_private_file, sweep_stale_temporaries, temporary_name
from juryapp.store.errors import StoreError, known_error, os_reason

__all__ = ["checkpoint", "write_standalone_copy"]

_TIMEOUT = 5.0  # seconds to wait for a writer of the same file
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _connect_existing(path: Path) -> sqlite3.Connection:
    """A plain connection to an existing file, never creating it nor changing its mode."""
    uri = "file:" + quote(str(path.resolve())) + "?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=_TIMEOUT, isolation_level=None)


def checkpoint(path: Path) -> bool:
    """Fold ``path``'s write-ahead log into the file and empty the log.

    True when the whole log went in (False: a reader elsewhere held part of it back;
    a later checkpoint finishes it). Raises :class:`StoreError` on a storage problem.
    """
    with known_error(path):
        connection = _connect_existing(path)
        try:
            row = connection.execute(rawsql.WAL_CHECKPOINT).fetchone()
        finally:
            connection.close()
    return row is not None and int(row[0]) == 0


def _fsync(path: Path, *, folder: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        if folder:
            return  # some systems cannot open a folder: the rename is durable enough there
        raise
    try:
        os.fsync(descriptor)
    except OSError:
        if not folder:
            raise
    finally:
        os.close(descriptor)


def _remove_set(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def write_standalone_copy(source: Path, destination: Path) -> Path:
    """Copy the campaign ``source`` into the single file ``destination`` (replaced if there).

    The copy is consistent (SQLite's online backup), in rollback-journal mode so that
    it needs no side file, readable and writable by its owner only, and checked before
    it takes the destination's name. Returns the destination.
    """
    destination = Path(destination)
    if destination.exists() and destination.resolve() == Path(source).resolve():
        raise StoreError(
            _(
                "« {path} » est le fichier de campagne ouvert : choisissez un autre nom "
                "pour la copie."
            ).format(path=destination)
        )
    sweep_stale_temporaries(destination.parent, destination.name)  # a killed earlier copy
    temporary = temporary_name(destination)
    try:
        create_private_file(temporary)
    except OSError as error:
        raise StoreError(
            _("Impossible d'écrire la copie « {path} » : {reason}.").format(
                path=destination, reason=os_reason(error)
            )
        ) from error
    try:
        with known_error(source):
            origin = _connect_existing(Path(source))
            try:
                with known_error(destination):
                    target = sqlite3.connect(str(temporary), isolation_level=None)
                    try:
                        origin.backup(target)
                        target.execute(rawsql.ROLLBACK_JOURNAL)
                        problems = target.execute(rawsql.QUICK_CHECK).fetchall()
                    finally:
                        target.close()
            finally:
                origin.close()
        if [tuple(row) for row in problems] != [("ok",)]:
            raise StoreError(
                _("La copie « {path} » n'a pas pu être vérifiée : rien n'a été écrit.").format(
                    path=destination
                )
            )
        _fsync(temporary)
        for suffix in _SIDE_FILES:  # a stale side file would be read with the new copy
            Path(f"{destination}{suffix}").unlink(missing_ok=True)
        try:
            os.replace(temporary, destination)
        except OSError as error:
            raise StoreError(
                _("Impossible d'écrire la copie « {path} » : {reason}.").format(
                    path=destination, reason=os_reason(error)
                )
            ) from error
        _fsync(destination.parent, folder=True)
    except BaseException:
        _remove_set(temporary)
        raise
    return destination
