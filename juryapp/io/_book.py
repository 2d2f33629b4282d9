"""Reading side of the spreadsheets: open a workbook safely, find sheets and
header rows, and turn cells into text, numbers and amounts with errors that
name the file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from juryapp.i18n import _
from juryapp.io.errors import InputError
from juryapp.io.headers import normalise_header
from juryapp.io.limits import check_workbook_size

IDENTITY_SHEET = "_juryapp"


def _load(path: Path, *, data_only: bool) -> Workbook:
    # openpyxl warns about parts of the file it drops (« Data Validation
    # extension is not supported », conditional formatting, headers/footers…).
    # They change nothing we read, a user can do nothing about them, and the
    # test suite turns warnings into errors. (catch_warnings is process-wide:
    # a warning raised by another thread meanwhile may be hidden too.)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl(\.|$)")
        # From an open file, not a path: openpyxl would refuse a good workbook
        # with an unusual extension before looking at its content.
        with path.open("rb") as handle:
            return openpyxl.load_workbook(handle, data_only=data_only, rich_text=False)


class Book:
    """An opened workbook (formulas as text) and, on demand, its cached values."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.name = self.path.name
        if not self.path.exists():
            raise InputError(
                _("fichier introuvable : {path}").format(path=self.path), file=self.name
            )
        if self.path.is_dir():
            raise InputError.not_a_workbook(self.name, _("c'est un dossier"))
        check_workbook_size(self.path)  # refused fast, before any parsing
        try:
            self.workbook = _load(self.path, data_only=False)
        except OSError as error:
            raise InputError(
                _("lecture impossible : {reason}").format(reason=error.strerror or error),
                file=self.name,
            ) from error
        except Exception as error:  # openpyxl raises many kinds on a bad file
            detail = ""
            if self.path.suffix.lower() == ".xls":
                detail = _("ancien format .xls : enregistrez-le en .xlsx")
            elif self.path.suffix.lower() in (".csv", ".ods", ".txt"):
                detail = _("format {suffix} : enregistrez-le en .xlsx").format(
                    suffix=self.path.suffix.lower()
                )
            raise InputError.not_a_workbook(self.name, detail) from error
        self._cached: Workbook | None = None

    # --- sheets -----------------------------------------------------------------

    def sheets(self) -> list[Worksheet]:
        """The worksheets a person sees (chart sheets and our hidden sheet left out)."""
        return [ws for ws in self.workbook.worksheets if ws.title != IDENTITY_SHEET]

    def find_sheet(self, names: Sequence[str]) -> Worksheet | None:
        wanted = {normalise_header(name) for name in names}
        for ws in self.sheets():
            if normalise_header(ws.title) in wanted:
                return ws
        return None

    def is_empty(self) -> bool:
        return all(sheet_is_empty(ws) for ws in self.sheets())

    def raw_sheet(self, title: str) -> Worksheet | None:
        return self.workbook[title] if title in self.workbook.sheetnames else None

    # --- errors -----------------------------------------------------------------

    def error(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: int | None = None,
        header: str | None = None,
    ) -> InputError:
        """An error at a place of this file; ``column`` is 1-based."""
        letter = get_column_letter(column) if column else None
        return InputError(
            message, file=self.name, sheet=sheet, row=row, column=letter, header=header
        )

    # --- values -----------------------------------------------------------------

    def cached_value(self, sheet: str, row: int, column: int) -> Any:
        """The value Excel computed for a formula cell (None when never computed)."""
        if self._cached is None:
            self._cached = _load(self.path, data_only=True)
        return self._cached[sheet].cell(row=row, column=column).value


def sheet_is_empty(ws: Worksheet) -> bool:
    return all(
        cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())
        for row in ws.iter_rows()
        for cell in row
    )


# --- cell conversions -----------------------------------------------------------

_STRIP = " \t\r\n\u00a0\u202f\u2009"


def is_formula(cell: Any) -> bool:
    return bool(getattr(cell, "data_type", None) == "f")


def text_of(value: object) -> str:
    """A cell value as the text a person sees (formulas stay their own text)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip(_STRIP)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    text = getattr(value, "text", None)  # ArrayFormula
    if isinstance(text, str):
        return text.strip(_STRIP)
    return str(value).strip(_STRIP)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(_STRIP))


def is_date(value: object) -> bool:
    return isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta)


@dataclass
class Table:
    """A sheet read as a header row and data rows (each row a list of cells)."""

    ws: Worksheet
    header_row: int  # 1-based; 0 when the sheet is empty
    headers: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number, cells), blank rows left out

    @property
    def title(self) -> str:
        return str(self.ws.title)


def rows_of(ws: Worksheet) -> Iterator[tuple[int, list[Any]]]:
    """Every non-blank row as (row number, cells)."""
    for index, row in enumerate(ws.iter_rows(), start=1):
        cells = list(row)
        if any(not is_blank(cell.value) for cell in cells):
            yield index, cells


def table(ws: Worksheet, *, header_row: int | None = None, header_score: Any = None) -> Table:
    """Read ``ws`` as a table.

    The header row is ``header_row`` when given; otherwise, among the first ten
    non-blank rows, the one ``header_score(headers)`` rates highest (the first
    non-blank row when no scorer is given or nothing scores).
    """
    all_rows = list(rows_of(ws))
    if not all_rows:
        return Table(ws, 0, [], [])
    chosen = 0
    if header_row is not None:
        chosen = next((i for i, (n, _) in enumerate(all_rows) if n == header_row), 0)
    elif header_score is not None:
        best = 0
        for i, (_, cells) in enumerate(all_rows[:10]):
            score = header_score([text_of(c.value) for c in cells])
            if score > best:
                best, chosen = score, i
    number, cells = all_rows[chosen]
    headers = [text_of(c.value) for c in cells]
    while headers and not headers[-1]:
        headers.pop()
    return Table(ws, number, headers, all_rows[chosen + 1 :])
