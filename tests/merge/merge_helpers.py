"""Builders for the merge tests: edit times, juror copies and score sheets (the campaign:
``tests.plugin.campaigns.jury_campaign``)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

T0 = "2026-05-01T08:00:00.000000+00:00"  # the campaign's first scores
T1 = "2026-05-02T09:00:00.000000+00:00"
T2 = "2026-05-03T10:00:00.000000+00:00"
T3 = "2026-05-04T11:00:00.000000+00:00"
T4 = "2026-05-05T12:00:00.000000+00:00"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def side_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.glob(path.name + "-*"))


def set_sheet_time(path: Path, iso: str) -> None:
    """Rewrite the workbook's ``dcterms:modified`` (openpyxl stamps the save time)."""
    stamp = iso.replace("+00:00", "Z")
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                text = re.sub(
                    r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rf"\g<1>{stamp}\g<2>",
                    data.decode("utf-8"),
                )
                data = text.encode("utf-8")
            target.writestr(info, data)


def fill_sheet(path: Path, rows: dict[str, dict[str, Any]], extra: list[list[Any]] = ()) -> None:
    """Type values into a generated score sheet (``rows[ref][header] = value``), add rows."""
    book = openpyxl.load_workbook(path)
    sheet = book["Notes"]
    headers = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        ref = row[1].value
        for header, value in rows.get(str(ref), {}).items():
            row[headers.index(header)].value = value
    last = max(r[0].row for r in sheet.iter_rows(min_row=1) if r[1].value is not None)
    for offset, values in enumerate(extra, start=1):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=last + offset, column=column).value = value
    book.save(path)


def hand_typed_sheet(path: Path, rows: list[list[Any]], headers: list[str] | None = None) -> Path:
    """A secretariat's own sheet: the headers, no identity."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Notes"
    sheet.append(headers or ["Juré", "Référence", "INNO", "IMPACT", "Commentaire", "Déport"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of a campaign file, read with plain sqlite3."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            str(r[0])
            for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {name: connection.execute(f'SELECT * FROM "{name}"').fetchall() for name in names}
    finally:
        connection.close()
