"""Consistent copies of a campaign file, made with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from juryapp.i18n import _
from juryapp.store.errors import StoreError, known_error, os_reason

__all__ = ["backup_copy", "create_private_file"]


def create_private_file(path: Path) -> None:
    """Create ``path`` empty, readable and writable by its owner only (0600).

    Raises ``FileExistsError`` when it exists: nothing is ever overwritten.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def backup_copy(path: Path, label: str) -> Path:
    """Copy the campaign file beside itself as ``NAME.jury.bak-LABEL-TIMESTAMP`` (0600)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    destination = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    try:
        create_private_file(destination)
    except OSError as error:
        raise StoreError(
            _("Impossible de créer la copie de sauvegarde « {path} » : {reason}").format(
                path=destination, reason=os_reason(error)
            )
        ) from error
    try:
        with known_error(destination):
            source = sqlite3.connect(path)
            try:
                target = sqlite3.connect(destination)
                try:
                    source.backup(target)
                finally:
                    target.close()
            finally:
                source.close()
    except BaseException:
        destination.unlink(missing_ok=True)
        raise
    return destination
