"""How big a spreadsheet juryapp accepts, checked before it is parsed.

A workbook (.xlsx) is a zip of XML parts. Before any parser sees it, the zip's
directory is read and refused fast when its parts would unpack to more than
``MAX_UNCOMPRESSED_BYTES`` (a « zip bomb » unpacks a few kilobytes into
gigabytes), when it holds more than ``MAX_PARTS`` parts, or when a worksheet has
more than ``MAX_ROWS`` rows (counted in its XML as it streams, without building
it). Every reader of workbooks calls :func:`check_workbook_size` first.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from juryapp.i18n import _
from juryapp.io.errors import InputError

__all__ = ["MAX_PARTS", "MAX_ROWS", "MAX_UNCOMPRESSED_BYTES", "check_workbook_size"]

MAX_ROWS = 50_000  # rows of one worksheet: 2,000 dossiers × 25 jurors fit
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all parts, unpacked
MAX_PARTS = 10_000

_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_CHUNK = 1 << 20
_SMALL_XML = 4 * 1024 * 1024  # workbook.xml and its relations are read whole below this
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part name → the sheet's title (best effort: {} when unreadable)."""
    try:
        infos = {info.filename: info for info in archive.infolist()}
        book = infos.get("xl/workbook.xml")
        rels = infos.get("xl/_rels/workbook.xml.rels")
        if book is None or rels is None or max(book.file_size, rels.file_size) > _SMALL_XML:
            return {}
        targets = {
            node.get("Id", ""): node.get("Target", "")
            for node in ElementTree.fromstring(archive.read(rels)).iter()
            if node.tag.endswith("Relationship")
        }
        names: dict[str, str] = {}
        for node in ElementTree.fromstring(archive.read(book)).iter():
            if node.tag.endswith("}sheet") or node.tag == "sheet":
                target = targets.get(node.get(f"{{{_REL_NS}}}id", ""), "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                names[str(PurePosixPath(part))] = node.get("name", part)
        return names
    except Exception:  # a damaged part (zlib, XML…): the sheet is named by its part
        return {}


def _more_rows_than(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bool:
    """Whether a worksheet's XML has more than ``limit`` rows, read in chunks."""
    count = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = max(len(data) - 64, 0)  # a tag starting after cut is counted next time
            count += sum(1 for match in _ROW_TAG.finditer(data) if match.start() < cut)
            tail = data[cut:]
            if count > limit:
                return True
    count += len(_ROW_TAG.findall(tail))
    return count > limit


_checked: dict[tuple[str, int, int, int, int], None] = {}  # files found within the limits


def check_workbook_size(path: Path) -> None:
    """Refuse (``InputError``) a workbook too big to import, before parsing it.

    A file that is not a zip is left to the parser (which refuses it in its own words).
    A file already found within the limits (same path, size and time) is not read again.
    """
    path = Path(path)
    try:
        status = path.stat()
    except OSError:
        return
    key = (
        str(path.resolve()),
        status.st_size,
        status.st_mtime_ns,
        MAX_ROWS,
        MAX_UNCOMPRESSED_BYTES,
    )
    if key in _checked:
        return
    _check(path)
    if len(_checked) > 256:
        _checked.clear()
    _checked[key] = None


def _check(path: Path) -> None:
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except Exception:  # not a zip, or a damaged one: the parser refuses it in its words
        return
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise InputError(
                _("{path} : trop de fichiers dans le classeur ({count} ; au plus {limit}).").format(
                    path=name, count=len(infos), limit=MAX_PARTS
                ),
                file=name,
                whole=True,
            )
        total = sum(info.file_size for info in infos)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise InputError(
                _(
                    "{path} : trop gros pour être importé ({size} Mo décompressés ; "
                    "au plus {limit} Mo)."
                ).format(
                    path=name,
                    size=total // (1024 * 1024),
                    limit=MAX_UNCOMPRESSED_BYTES // (1024 * 1024),
                ),
                file=name,
                whole=True,
            )
        titles = _sheet_names(archive)
        for info in infos:
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            try:
                too_many = _more_rows_than(archive, info, MAX_ROWS)
            except Exception:  # a damaged part (zlib, CRC…): the parser refuses the file
                return
            if too_many:
                raise InputError(
                    _("{path}, feuille « {sheet} » : trop de lignes (plus de {limit}).").format(
                        path=name, sheet=titles.get(info.filename, info.filename), limit=MAX_ROWS
                    ),
                    file=name,
                    whole=True,
                )
