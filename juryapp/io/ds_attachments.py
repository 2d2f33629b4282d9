"""The attachments of dossiers: the zip Démarches Simplifiées gives (one folder per dossier,
named with its ID), or a folder of files named by reference (``DS-10234 budget.pdf``, or
a sub-folder ``DS-10234/``).

Read whole or refused (``InputError`` naming the file and the entry): an entry for an
unknown dossier, a path leaving its folder (``../``, an absolute path), a file over
``MAX_ATTACHMENT_BYTES``, more than ``MAX_TOTAL_BYTES`` in all. Sizes are checked from
the zip's directory before anything is unpacked.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from juryapp.i18n import _
from juryapp.io.errors import InputError

__all__ = [
    "MAX_ATTACHMENT_BYTES",
    "MAX_TOTAL_BYTES",
    "Attachment",
    "read_attachments",
]

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # one document
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024  # all of them (kept in the campaign file)
_ID_FOLDER = re.compile(r"^(?:dossier[-_ ]?)?(\d+)$", re.IGNORECASE)
_SKIPPED = ("__MACOSX", ".DS_Store", "Thumbs.db", "desktop.ini")


@dataclass(frozen=True)
class Attachment:
    ref: str
    name: str  # the path under the dossier's folder (« pieces/budget.pdf »)
    data: bytes
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_attachments(path: str | Path, refs: Mapping[str, str]) -> tuple[Attachment, ...]:
    """The documents of ``path`` (a zip or a folder) by dossier; ``refs`` gives each known
    dossier's reference by its DS ID and by its reference (both lead to the reference)."""
    path = Path(path)
    if path.is_dir():
        return _from_folder(path, refs)
    if not path.is_file():
        raise InputError(_("fichier introuvable : {path}").format(path=path), file=path.name)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InputError(
            _("{file} n'est pas une archive zip lisible").format(file=path.name),
            file=path.name,
            whole=True,
        ) from error
    with archive:
        wanted: list[tuple[zipfile.ZipInfo, str, str]] = []
        total = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            if (
                info.filename.startswith(("/", "\\"))
                or ".." in parts
                or (parts and re.match(r"^[A-Za-z]:", parts[0]))
            ):
                raise _entry_error(
                    path, info.filename, _("chemin hors du dossier de l'archive, refusé")
                )
            if any(p in _SKIPPED for p in parts) or parts[-1].startswith("._"):
                continue
            found = _owner(parts, refs)
            if found is None:
                raise _entry_error(
                    path,
                    info.filename,
                    _("aucun dossier connu pour ce document (dossier « {folder} »)").format(
                        folder="/".join(parts[:-1]) or parts[-1]
                    ),
                )
            ref, name = found
            if info.file_size > MAX_ATTACHMENT_BYTES:
                raise _entry_error(
                    path,
                    info.filename,
                    _("document de {size} Mo (au plus {limit} Mo par document)").format(
                        size=_mb(info.file_size), limit=_mb(MAX_ATTACHMENT_BYTES)
                    ),
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(
                    _("{file} : plus de {limit} Mo de documents en tout").format(
                        file=path.name, limit=_mb(MAX_TOTAL_BYTES)
                    ),
                    file=path.name,
                    whole=True,
                )
            wanted.append((info, ref, name))
        attachments = []
        for info, ref, name in wanted:
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as error:  # damaged, encrypted
                raise _entry_error(path, info.filename, _("entrée illisible")) from error
            if len(data) > MAX_ATTACHMENT_BYTES:  # a directory that lied about the size
                raise _entry_error(
                    path, info.filename, _("document plus gros que l'annonce de l'archive")
                )
            attachments.append(Attachment(ref, name, data, hashlib.sha256(data).hexdigest()))
    return tuple(attachments)


def _owner(parts: tuple[str, ...], refs: Mapping[str, str]) -> tuple[str, str] | None:
    """The dossier an entry belongs to, and its name under the dossier's folder: the first
    folder that is a known ID (« 10234 », « dossier-10234 ») or reference."""
    for index, part in enumerate(parts[:-1]):
        match = _ID_FOLDER.match(part)
        key = match.group(1) if match else part
        if key in refs:
            return refs[key], "/".join(parts[index + 1 :])
    return None


def _entry_error(path: Path, entry: str, message: str) -> InputError:
    return InputError(
        _("{file}, « {entry} » : {message}").format(file=path.name, entry=entry, message=message),
        file=path.name,
        whole=True,
    )


def _from_folder(folder: Path, refs: Mapping[str, str]) -> tuple[Attachment, ...]:
    """Files named by reference (``REF…``) or in a sub-folder named by reference or ID."""
    ordered = sorted(refs, key=len, reverse=True)  # « DS-1023 » before « DS-102 »
    attachments = []
    total = 0
    for file in sorted(folder.rglob("*")):
        if not file.is_file() or file.is_symlink() or file.name in _SKIPPED:
            continue
        relative = file.relative_to(folder).parts
        found = _owner(relative, refs) if len(relative) > 1 else None
        if found is None:
            key = next(
                (
                    k
                    for k in ordered
                    if file.name.startswith(k)
                    and (len(file.name) == len(k) or not file.name[len(k)].isalnum())
                ),
                None,
            )
            if key is None:
                raise InputError(
                    _(
                        "{file} : aucun dossier connu pour ce document (son nom doit commencer "
                        "par la référence du dossier, ex. « {example} budget.pdf »)"
                    ).format(file=file.relative_to(folder), example=next(iter(refs), "DS-10234")),
                    file=file.name,
                    whole=True,
                )
            found = (refs[key], file.name)
        size = file.stat().st_size
        if size > MAX_ATTACHMENT_BYTES:
            raise InputError(
                _("{file} : document de {size} Mo (au plus {limit} Mo par document)").format(
                    file=file.name, size=_mb(size), limit=_mb(MAX_ATTACHMENT_BYTES)
                ),
                file=file.name,
                whole=True,
            )
        total += size
        if total > MAX_TOTAL_BYTES:
            raise InputError(
                _("{file} : plus de {limit} Mo de documents en tout").format(
                    file=folder.name, limit=_mb(MAX_TOTAL_BYTES)
                ),
                file=folder.name,
                whole=True,
            )
        data = file.read_bytes()
        attachments.append(Attachment(found[0], found[1], data, hashlib.sha256(data).hexdigest()))
    return tuple(attachments)
