"""The campaign file on disk: checked before it is opened, created whole or not at all.

An existing file is checked (SQLite's integrity, a campaign's tables, a schema
revision this version knows) before anything opens it for writing. A new file is
written under a temporary name and published under its own name only when
complete, never replacing a file that appeared meanwhile.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from juryapp.i18n import _
from juryapp.store import rawsql
from juryapp.store.checks import refuse
from juryapp.store.connection import open_existing
from juryapp.store.errors import DamagedFileError, StoreError, os_reason
from juryapp.store.migrations import known_revisions

__all__ = [
    "SIDE_FILES",
    "cannot_create",
    "check_file",
    "integrity_problems",
    "is_writable",
    "not_a_campaign",
    "publish",
    "refuse_existing",
    "remove_file_set",
]

SIDE_FILES = ("-wal", "-shm", "-journal")


def remove_file_set(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def refuse_existing(path: Path) -> None:
    """Refuse to create over an existing file, or beside an old campaign's side files."""
    for suffix in SIDE_FILES:
        if Path(f"{path}{suffix}").exists():
            raise refuse(
                _(
                    "Impossible de créer « {path} » : un fichier « {side} » d'une ancienne "
                    "campagne traîne à côté. Déplacez-le ou choisissez un autre nom."
                ),
                path=path,
                side=f"{path.name}{suffix}",
            )
    if path.exists():
        raise refuse(_("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path)


def cannot_create(path: Path, error: OSError) -> StoreError:
    """The refusal when the system will not let ``path`` be created."""
    return refuse(
        _("Impossible de créer « {path} » : {reason}."), path=path, reason=os_reason(error)
    )


def publish(temporary: Path, path: Path) -> None:
    """Give the finished file its name, never replacing a file that appeared meanwhile."""
    for suffix in SIDE_FILES:
        if Path(f"{temporary}{suffix}").exists() and Path(f"{temporary}{suffix}").stat().st_size:
            raise refuse(
                _("Impossible de terminer « {path} » : le journal SQLite n'a pas pu être vidé."),
                path=path,
            )
    try:
        os.link(temporary, path)  # fails when path exists: nothing is overwritten
    except FileExistsError as error:
        raise refuse(
            _("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path
        ) from error
    except OSError:
        # No hard links here (FAT/exFAT keys, some network shares): rename instead.
        if path.exists():
            raise refuse(
                _("Le fichier « {path} » existe déjà : choisissez un autre nom."), path=path
            ) from None
        try:
            os.rename(temporary, path)
        except OSError as error:
            raise cannot_create(path, error) from error
    remove_file_set(temporary)
    sync_folder(path)


def sync_folder(path: Path) -> None:
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


def is_writable(path: Path) -> bool:
    """Whether the file and its folder can be written (WAL needs side files beside it)."""
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def integrity_problems(rows: Iterable[Sequence[Any]]) -> list[str]:
    messages = [" ".join(str(row[0]).split()) for row in rows]  # one line each
    return [] if messages == ["ok"] else messages


def not_a_campaign(path: Path) -> DamagedFileError:
    return DamagedFileError(
        _("« {path} » n'est pas un fichier de campagne juryapp (ou il est endommagé).").format(
            path=path
        )
    )


def check_file(path: Path, *, quick: bool = False, read_only: bool = False) -> str:
    """Integrity check and schema revision of an existing file, without changing it.

    ``quick`` runs ``quick_check`` (the file's structure, not that every index
    matches its table): for juror copies read once by a merge, never written.
    A damaged file, or one that is not a campaign, raises :class:`DamagedFileError`.
    """
    connection = open_existing(path, read_only=read_only)
    # A damaged file's text may not be UTF-8: read it with replacement characters.
    connection.text_factory = lambda data: data.decode("utf-8", "replace")
    try:
        try:
            problems = integrity_problems(
                connection.execute(
                    rawsql.QUICK_CHECK if quick else rawsql.INTEGRITY_CHECK
                ).fetchall()
            )
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
        names = {str(row[0]) for row in connection.execute(rawsql.TABLE_NAMES)}
        if not {"alembic_version", "campaign", "journal"} <= names:
            raise not_a_campaign(path)
        rows = connection.execute(rawsql.SCHEMA_REVISION).fetchall()
    finally:
        connection.close()
    if len(rows) != 1:
        raise not_a_campaign(path)
    revision = str(rows[0][0])
    if revision not in known_revisions():
        raise refuse(
            _(
                "Ce fichier a été créé par une version plus récente de juryapp (schéma "
                "« {revision} ») : « {path} ». Mettez juryapp à jour pour l'ouvrir."
            ),
            revision=revision,
            path=path,
        )
    return revision
