"""Storage errors: the ones a user can act on, told in French, and bugs.

Following qutebrowser's ``misc/sql.py``, an SQLite error is either *known*
(a locked file, a full disk, a read-only folder, a file that is not a
database): it becomes a :class:`StoreError` with a message naming the file;
or it is a bug and propagates unchanged.
"""

from __future__ import annotations

import errno
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from juryapp.i18n import _

__all__ = [
    "DamagedFileError",
    "StoreError",
    "damaged_message",
    "known_error",
    "os_reason",
    "translate_error",
]


class StoreError(Exception):
    """A refusal or a storage problem the user can act on; the message is in French."""


class DamagedFileError(StoreError):
    """The file is damaged, truncated, not a campaign, or was changed outside juryapp.

    ``verify`` reports it as damage (exit 3); every other command refuses (exit 1).
    """


def damaged_message(path: Path | str, problems: list[str]) -> str:
    """« … est endommagé ou a été modifié hors de juryapp : p1 ; p2 (…) »."""
    shown = " ; ".join(problems[:3])
    if len(problems) > 3:
        shown += " ; " + _("… et {count} autre(s)").format(count=len(problems) - 3)
    return _(
        "Le fichier « {path} » est endommagé ou a été modifié hors de juryapp : {problems}. "
        "« juryapp verify » en donne le détail ; reprenez la dernière sauvegarde."
    ).format(path=path, problems=shown)


# (fragment of SQLite's message, French explanation with a {path} placeholder, translated)
_KNOWN: tuple[tuple[str, Callable[[], str]], ...] = (
    (
        "database is locked",
        lambda: _(
            "Le fichier « {path} » est verrouillé par une autre application ou une autre "
            "fenêtre de juryapp. Réessayez dans un instant."
        ),
    ),
    (
        "database table is locked",
        lambda: _("Le fichier « {path} » est verrouillé par une autre opération. Réessayez."),
    ),
    (
        "database or disk is full",
        lambda: _(
            "Le disque est plein : impossible d'enregistrer dans « {path} ». Libérez de "
            "la place puis recommencez ; rien n'a été modifié."
        ),
    ),
    (
        "attempt to write a readonly database",
        lambda: _("Le fichier « {path} » est en lecture seule : impossible d'y enregistrer."),
    ),
    (
        "readonly database",
        lambda: _("Le fichier « {path} » est en lecture seule : impossible d'y enregistrer."),
    ),
    (
        "unable to open database file",
        lambda: _(
            "Impossible d'ouvrir « {path} » : dossier introuvable, protégé en écriture "
            "ou fichier inaccessible."
        ),
    ),
    (
        "disk i/o error",
        lambda: _("Erreur d'entrée-sortie sur « {path} » (disque ou clé USB retiré ?)."),
    ),
    (
        "file is not a database",
        lambda: _(
            "« {path} » n'est pas un fichier de campagne juryapp (fichier endommagé ou "
            "d'un autre type)."
        ),
    ),
    (
        "database disk image is malformed",
        lambda: _("Le fichier « {path} » est endommagé (base SQLite corrompue)."),
    ),
    (
        "malformed",
        lambda: _("Le fichier « {path} » est endommagé (base SQLite corrompue)."),
    ),
    (
        "unsupported file format",
        lambda: _("Le fichier « {path} » est endommagé (base SQLite corrompue)."),
    ),
    (
        "no such table",
        lambda: _(
            "Le fichier « {path} » est endommagé : une table manque (modifiée hors de juryapp)."
        ),
    ),
    (
        "no such column",
        lambda: _(
            "Le fichier « {path} » est endommagé : une colonne manque (modifiée hors de juryapp)."
        ),
    ),
)

# Fragments of SQLite's messages that mean a damaged file (DamagedFileError).
_DAMAGE = (
    "file is not a database",
    "malformed",
    "unsupported file format",
    "no such table",
    "no such column",
)


_OS_REASONS: dict[int, Callable[[], str]] = {
    errno.ENOENT: lambda: _("dossier introuvable"),
    errno.EACCES: lambda: _("accès refusé"),
    errno.EPERM: lambda: _("opération non permise"),
    errno.ENOSPC: lambda: _("disque plein"),
    errno.EROFS: lambda: _("support en lecture seule"),
    errno.EISDIR: lambda: _("c'est un dossier"),
    errno.ENAMETOOLONG: lambda: _("nom trop long"),
}


def os_reason(error: OSError) -> str:
    """A short French reason for a system error (its own text when unknown)."""
    reason = _OS_REASONS.get(error.errno or 0)
    return reason() if reason else str(error.strerror or error)


def translate_error(error: BaseException, path: Path | str) -> StoreError | None:
    """The :class:`StoreError` for a known SQLite error, or None for a bug."""
    original: BaseException = error
    dbapi_error = _dbapi_error()
    if dbapi_error is not None and isinstance(error, dbapi_error) and error.orig is not None:
        original = error.orig
    if not isinstance(original, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    if isinstance(original, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return None
    text = str(original).lower()
    for fragment, message in _KNOWN:
        if fragment in text:
            kind = DamagedFileError if any(d in text for d in _DAMAGE) else StoreError
            return kind(message().format(path=path))
    return None


def _dbapi_error() -> Any:
    """SQLAlchemy's ``DBAPIError`` once SQLAlchemy is loaded (none can be raised before)."""
    module = sys.modules.get("sqlalchemy.exc")
    return None if module is None else module.DBAPIError


@contextmanager
def known_error(path: Path | str) -> Iterator[None]:
    """Turn known SQLite errors raised inside the block into :class:`StoreError`."""
    try:
        yield
    except Exception as error:
        dbapi_error = _dbapi_error()
        if not isinstance(error, sqlite3.Error) and not (
            dbapi_error is not None and isinstance(error, dbapi_error)
        ):
            raise
        translated = translate_error(error, path)
        if translated is None:
            raise
        raise translated from error
