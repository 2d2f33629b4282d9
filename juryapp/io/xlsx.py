"""Cell helpers every spreadsheet writer of the project uses.

openpyxl writes any string that starts with ``=`` as a formula: a project title
typed ``=HYPERLINK("http://x","y")`` would become a live link in the award
table. ``write_text`` forces a string cell whatever the text, ``write_amount``
writes cents as euros with a currency format, and ``neutralise_csv`` defuses
the same trap in CSV exports.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "AMOUNT_FORMAT",
    "add_comment",
    "autosize",
    "neutralise_csv",
    "style_header_row",
    "write_amount",
    "write_number",
    "write_text",
]

AMOUNT_FORMAT = "#,##0.00 €"
EXCEL_TEXT_LIMIT = 32_767

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_BORDER = Border(bottom=Side(style="thin", color="000000"))
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)

_CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def write_text(cell: Cell, value: object) -> None:
    """Write ``value`` as a string cell, never a formula, whatever it starts with.

    Characters a workbook cannot hold (control characters) are dropped and the
    text is cut at Excel's cell limit.
    """
    text = "" if value is None else str(value)
    text = ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_TEXT_LIMIT]
    cell.value = text
    # openpyxl marks a string starting with "=" as a formula; a string cell is
    # saved as plain text and read back as the same string.
    cell.data_type = "s"


def write_amount(cell: Cell, cents: int | None) -> None:
    """Write cents as a number of euros (exact, via Decimal), formatted ``#,##0.00 €``."""
    if cents is None:
        cell.value = None
        return
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"amount must be integer cents, not {type(cents).__name__}")
    cell.value = Decimal(cents).scaleb(-2)
    cell.number_format = AMOUNT_FORMAT


def write_number(cell: Cell, value: int | Fraction | Decimal | None) -> None:
    """Write a score or a weight as a number; a Fraction with no finite decimal form is
    written with 9 decimals (spreadsheets hold no fractions)."""
    if value is None:
        cell.value = None
    elif isinstance(value, Fraction):
        if value.denominator == 1:
            cell.value = value.numerator
        else:
            exact = Decimal(value.numerator) / Decimal(value.denominator)
            cell.value = exact.quantize(Decimal("1e-9")).normalize()
    else:
        cell.value = value


def neutralise_csv(text: str) -> str:
    """Prefix ``'`` to a CSV cell that a spreadsheet would run as a formula."""
    if text.startswith(_CSV_TRIGGERS):
        return "'" + text
    return text


def add_comment(cell: Cell, text: str, *, width: int = 320, height: int = 160) -> None:
    """A help note on a cell (shown when the mouse is over it)."""
    comment = Comment(text, "juryapp")
    comment.width = width
    comment.height = height
    cell.comment = comment


def style_header_row(ws: Worksheet, row: int = 1, *, freeze: bool = True) -> None:
    """Bold white on dark blue, and the rows above and including ``row`` frozen."""
    for cell in ws[row]:
        if cell.value is None:
            continue
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = HEADER_ALIGNMENT
    if freeze:
        ws.freeze_panes = ws.cell(row=row + 1, column=1)


def autosize(
    ws: Worksheet,
    *,
    minimum: float = 8,
    maximum: float = 60,
    fixed: Iterable[tuple[str, float]] = (),
) -> None:
    """Column widths from the longest text of each column, within bounds."""
    widths: dict[int, float] = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            longest = max(len(line) for line in str(cell.value).splitlines() or [""])
            widths[cell.column] = max(widths.get(cell.column, 0), longest * 1.1 + 2)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = min(max(width, minimum), maximum)
    for letter, width in fixed:
        ws.column_dimensions[letter].width = width
