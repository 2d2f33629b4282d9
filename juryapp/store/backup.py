"""Consistent copies of a campaign file, made with SQLite's online backup API, and the
temporary names files are written under before they are renamed into place."""

from __future__ import annotations

import contextlib
import glob
import os
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from juryapp.i18n import _
from juryapp.store.errors import StoreError, known_error, os_reason

__all__ = [
    "TEMP_SUFFIX",
    "backup_copy",
    "create_private_file",
    "process_alive",
    "sweep_stale_temporaries",
    "temporary_name",
]

TEMP_SUFFIX = ".juryapp-tmp"


def temporary_name(path: Path) -> Path:
    """``.NAME.PID-XXXXXXXX.juryapp-tmp`` beside ``path``: where it is written before
    being renamed; the PID lets a later run remove what a killed process left."""
    return path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}{TEMP_SUFFIX}")


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (on Windows, always assumed: nothing is swept)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def sweep_stale_temporaries(folder: Path, name_glob: str) -> None:
    """Remove the temporary files (and their SQLite side files) of dead processes whose
    name matches ``.{name_glob}.*.juryapp-tmp`` in ``folder``."""
    try:
        leftovers = [
            p
            for p in folder.glob(f".{name_glob}.*{TEMP_SUFFIX}*")
            if p.name.endswith((TEMP_SUFFIX, *(TEMP_SUFFIX + s for s in _SIDES)))
        ]
    except OSError:
        return
    for leftover in leftovers:
        base = leftover.name
        for side in _SIDES:
            if base.endswith(TEMP_SUFFIX + side):
                base = base[: -len(side)]
        pid_text = base[: -len(TEMP_SUFFIX)].rsplit(".", 1)[-1].split("-", 1)[0]
        if pid_text.isdigit() and not process_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                leftover.unlink()


_SIDES = ("-wal", "-shm", "-journal")


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
    """Copy the campaign file beside itself as ``NAME.jury.bak-LABEL-TIMESTAMP`` (0600),
    written under a temporary name and renamed when whole."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    final = path.with_name(f"{path.name}.bak-{label}-{stamp}")
    sweep_stale_temporaries(path.parent, f"{glob.escape(path.name)}.bak-*")
    destination = temporary_name(final)
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
        os.replace(destination, final)
    except BaseException:
        for side in ("", *_SIDES):
            Path(f"{destination}{side}").unlink(missing_ok=True)
        raise
    return final
