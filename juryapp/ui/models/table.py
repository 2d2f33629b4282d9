"""One base for the app's table models: declared columns over a cached list of rows.

A model says which columns it has (``TableColumn``: header, tooltip, alignment)
and what one cell shows (``cell(row, column, role)``); the base answers Qt's
``rowCount``, ``columnCount`` and ``headerData``, checks every index and keeps
the rows (``set_rows`` resets the model at once). Modelled on Anki's browser
``DataModel`` (a row cache under a ``QAbstractTableModel``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

__all__ = ["CENTER", "LEFT", "RIGHT", "ModelIndex", "RowTableModel", "TableColumn"]

ModelIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
_ROOT = QModelIndex()


@dataclass(frozen=True)
class TableColumn:
    """One column: its header (already translated), its header's tooltip, its alignment.

    ``align`` applies to the header and to every cell that does not say otherwise.
    """

    header: str
    tip: str = ""
    align: Qt.AlignmentFlag | None = None


class RowTableModel(QAbstractTableModel, Generic[R]):
    """A flat table over a list of rows of type ``R``, one per line, with declared columns."""

    def __init__(self, columns: Sequence[TableColumn] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[TableColumn] = list(columns)
        self._rows: list[R] = []

    # --- content ---------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[R], columns: Sequence[TableColumn] | None = None) -> None:
        """Show ``rows`` (and ``columns`` when given) instead of what was shown."""
        self.beginResetModel()
        if columns is not None:
            self._columns = list(columns)
        self._rows = list(rows)
        self.endResetModel()

    def row_item(self, row: int) -> R:
        """The row object shown on line ``row``."""
        return self._rows[row]

    def row_items(self) -> list[R]:
        """Every row object, in display order (a copy)."""
        return list(self._rows)

    def column(self, section: int) -> TableColumn:
        return self._columns[section]

    def is_valid(self, index: ModelIndex) -> bool:
        """``index`` is a cell of this table (not a stale or foreign index)."""
        return (
            index.isValid()
            and 0 <= index.row() < len(self._rows)
            and 0 <= index.column() < len(self._columns)
        )

    def row_changed(self, row: int) -> None:
        """Tell the views that every cell of line ``row`` changed."""
        if 0 <= row < len(self._rows) and self._columns:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def cell(self, row: R, column: int, role: int) -> Any:
        """What cell (``row``, ``column``) shows for ``role``; None for nothing."""
        return None

    # --- Qt ----------------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.ToolTipRole and column.tip:
            return column.tip
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align is not None:
            return int(column.align)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.is_valid(index):
            return None
        value = self.cell(self._rows[index.row()], index.column(), role)
        if value is None and role == Qt.ItemDataRole.TextAlignmentRole:
            align = self._columns[index.column()].align
            return None if align is None else int(align)
        return value
