"""A fast reader of ``.xlsx`` workbooks (python-calamine, a Rust parser) for score sheets.

It stands in for :class:`juryapp.io._book.Book` where reading speed matters (merging
dozens of score sheets), and gives the same values: empty cells are None, numbers
as openpyxl reads them (whole numbers as ``int``), dates and times as ``datetime``
values. A file it cannot read exactly as openpyxl would — not an Office Open XML
workbook, a sheet holding formulas (whose text and cached value openpyxl gives), a
file calamine refuses — is read by :class:`Book` instead, so every message about a
file stays the same.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from juryapp.io._book import IDENTITY_SHEET, Book
from juryapp.io.headers import normalise_header

__all__ = ["FastBook", "open_book"]

_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")
_WORKSHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


class FastCell:
    """A cell's value, as ``openpyxl``'s cell gives it (no formulas here)."""

    __slots__ = ("value",)
    data_type = "n"

    def __init__(self, value: Any) -> None:
        self.value = value


def _value(value: Any) -> Any:
    if value == "" and isinstance(value, str):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # openpyxl reads "4" as 4
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)  # openpyxl: a datetime
    return value


class FastSheet:
    """One worksheet, read at once: its rows from A1, each cell a :class:`FastCell`."""

    sheet_state = "visible"

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        self.title = title
        self._rows = [[FastCell(_value(v)) for v in row] for row in rows]

    def iter_rows(
        self, min_col: int | None = None, max_col: int | None = None
    ) -> Iterator[list[FastCell]]:
        start = (min_col or 1) - 1
        for row in self._rows:
            yield row[start:max_col]


class FastBook(Book):
    """A :class:`Book` whose worksheets were read by calamine (see the module's docstring)."""

    def __init__(self, path: Path, sheets: list[FastSheet]) -> None:
        # Book.__init__ would parse the file with openpyxl: only what is needed here.
        self.path = path
        self.name = path.name
        self._sheets = sheets
        self._openpyxl: Book | None = None
        self._cached = None

    @property
    def workbook(self) -> Any:
        """openpyxl's workbook, loaded only when asked for (document properties)."""
        if self._openpyxl is None:
            self._openpyxl = Book(self.path)
        return self._openpyxl.workbook

    def sheets(self) -> list[Any]:
        return [ws for ws in self._sheets if ws.title != IDENTITY_SHEET]

    def find_sheet(self, names: Sequence[str]) -> Any:
        wanted = {normalise_header(name) for name in names}
        for ws in self.sheets():
            if normalise_header(ws.title) in wanted:
                return ws
        return None

    def raw_sheet(self, title: str) -> Any:
        return next((ws for ws in self._sheets if ws.title == title), None)


def _read_exactly(path: Path) -> list[FastSheet] | None:
    """The worksheets, or None when only openpyxl would read this file exactly."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if "xl/workbook.xml" not in names:
                return None
            for name in names:
                if _WORKSHEET.match(name) and _FORMULA.search(archive.read(name)):
                    return None
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        workbook = CalamineWorkbook.from_path(str(path))
        try:
            return [
                FastSheet(
                    meta.name,
                    workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False),
                )
                for meta in workbook.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet
            ]
        finally:
            workbook.close()
    except Exception:  # any doubt: openpyxl reads it, and names what is wrong
        return None


def open_book(path: str | Path) -> Book:
    """The workbook at ``path``, read fast when that reads it exactly (InputError if bad)."""
    path = Path(path)
    if path.is_file():
        sheets = _read_exactly(path)
        if sheets is not None:
            return FastBook(path, sheets)
    return Book(path)
