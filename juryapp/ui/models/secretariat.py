"""Table models of the secretariat's screens: dossiers, grid, categories, jury, import preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from juryapp.core.fields import DOSSIER_FIELDS, FieldType, Show, display, dossier_field, shown
from juryapp.core.grid import ScoreValueError, format_number, parse_score_value
from juryapp.core.model import Attendance, Category, Criterion, Dossier, Juror, Role
from juryapp.core.money import format_cents
from juryapp.core.texts import format_note
from juryapp.i18n import _, current_language

__all__ = [
    "AdmissionModel",
    "CategoryModel",
    "CriteriaModel",
    "JuryModel",
    "PreviewModel",
    "attendance_label",
]

ModelIndex = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
REF_ROLE = Qt.ItemDataRole.UserRole + 1
_INADMISSIBLE = QColor("#b00020")


def attendance_label(attendance: Attendance) -> str:
    return {
        Attendance.PRESENT: _("présent(e)"),
        Attendance.VIDEO: _("en visio"),
        Attendance.REPRESENTED: _("représenté(e)"),
        Attendance.ABSENT: _("absent(e)"),
    }[attendance]


def _percent(value: Fraction) -> str:
    return (
        format_note(value * 100, 0 if (value * 100).denominator == 1 else 1, current_language())
        + " %"
    )


class _Table(QAbstractTableModel):
    """A read-only table whose columns are (header, cell function) pairs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def _row_count(self) -> int:
        raise NotImplementedError

    def _valid(self, index: ModelIndex) -> bool:
        return (
            index.isValid()
            and 0 <= index.row() < self._row_count()
            and 0 <= index.column() < len(self._headers)
        )


# --- dossiers ---------------------------------------------------------------------------


class AdmissionModel(_Table):
    """The imported dossiers with their admissibility; free fields as extra columns."""

    def __init__(
        self,
        dossiers: Sequence[Dossier],
        categories: Sequence[Category] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._categories = {c.code: c.name for c in categories}
        self.set_dossiers(dossiers)

    def set_dossiers(self, dossiers: Sequence[Dossier]) -> None:
        self.beginResetModel()
        self.dossiers = list(dossiers)
        self._free: list[str] = []
        for dossier in self.dossiers:
            for name, _value in dossier.fields:
                if name not in self._free:
                    self._free.append(name)
        filled = {
            f.code
            for f in shown(Show.TABLE_WHEN_FILLED)
            if any(getattr(d, f.code) not in (None, "") for d in self.dossiers)
        }
        table = sorted(
            (f for f in DOSSIER_FIELDS if Show.TABLE in f.shown or f.code in filled),
            key=lambda f: f.table_position,
        )
        self.keys = [f.code for f in table] + [f"free:{name}" for name in self._free]
        lang = current_language()
        names = {f.code: f.title(lang) for f in table}
        self._headers = [names.get(key, key.removeprefix("free:")) for key in self.keys]
        self.endResetModel()

    def _row_count(self) -> int:
        return len(self.dossiers)

    def admissible_column(self) -> int:
        return self.keys.index("admissible")

    def row_of(self, ref: str) -> int:
        for row, dossier in enumerate(self.dossiers):
            if dossier.ref == ref:
                return row
        return -1

    def update_dossier(self, dossier: Dossier) -> None:
        row = self.row_of(dossier.ref)
        if row >= 0:
            self.dossiers[row] = dossier
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _cell(self, dossier: Dossier, key: str) -> str:
        if key.startswith("free:"):
            return dict(dossier.fields).get(key.removeprefix("free:"), "")
        return display(dossier, dossier_field(key), current_language(), self._categories)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        dossier = self.dossiers[index.row()]
        key = self.keys[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(dossier, key)
        if role == REF_ROLE:
            return dossier.ref
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _AMOUNT_FIELDS:
            return RIGHT
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and not dossier.admissible
            and key in ("admissible", "inadmissible_reason")
        ):
            return QBrush(_INADMISSIBLE)
        return None


_AMOUNT_FIELDS = frozenset(f.code for f in DOSSIER_FIELDS if f.kind is FieldType.CENTS)


# --- the grid ---------------------------------------------------------------------------


class CriteriaModel(_Table):
    """The grid; ``editable`` lets the grid editor change everything but the codes."""

    CODE, LABEL, WEIGHT, SHARE, MIN, MAX, STEP, THRESHOLD, DESCRIPTION = range(9)
    _FIELDS: ClassVar[dict[int, str]] = {
        LABEL: "label",
        WEIGHT: "weight",
        MIN: "min",
        MAX: "max",
        STEP: "step",
        THRESHOLD: "threshold",
        DESCRIPTION: "description",
    }

    def __init__(
        self, criteria: Sequence[Criterion], editable: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.criteria = list(criteria)
        self.editable = editable
        self.problem = ""
        self._headers = [
            _("Code"),
            _("Critère"),
            _("Poids"),
            _("Part"),
            _("Min"),
            _("Max"),
            _("Pas"),
            _("Seuil"),
            _("Description"),
        ]

    def _row_count(self) -> int:
        return len(self.criteria)

    def _text(self, criterion: Criterion, column: int) -> str:
        lang = current_language()
        total = sum(Fraction(c.weight) for c in self.criteria) or Fraction(1)
        if column == self.CODE:
            return criterion.code
        if column == self.LABEL:
            return criterion.label
        if column == self.WEIGHT:
            return format_number(criterion.weight, lang)
        if column == self.SHARE:
            return _percent(Fraction(criterion.weight) / total)
        if column == self.MIN:
            return format_number(criterion.min, lang)
        if column == self.MAX:
            return format_number(criterion.max, lang)
        if column == self.STEP:
            return format_number(criterion.step, lang)
        if column == self.THRESHOLD:
            return "" if criterion.threshold is None else format_number(criterion.threshold, lang)
        return criterion.description

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        criterion = self.criteria[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(criterion, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.LABEL, self.DESCRIPTION):
            return criterion.description or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.WEIGHT <= column <= self.THRESHOLD:
            return RIGHT
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable and index.isValid() and index.column() in self._FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.editable or not self._valid(index) or role != Qt.ItemDataRole.EditRole:
            return False
        name = self._FIELDS.get(index.column())
        if name is None:
            return False
        text = str(value).strip()
        criterion = self.criteria[index.row()]
        new_value: object
        if name in ("label", "description"):
            if name == "label" and not text:
                self.problem = _("Un critère doit avoir un libellé.")
                return False
            new_value = text
        elif name == "threshold" and not text:
            new_value = None
        else:
            try:
                new_value = parse_score_value(text)
            except ScoreValueError:
                self.problem = _("« {text} » n'est pas un nombre.").format(text=text)
                return False
        self.criteria[index.row()] = replace(criterion, **{name: new_value})  # type: ignore[arg-type]
        self.problem = ""
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.DESCRIPTION))
        if name == "weight":
            self.dataChanged.emit(
                self.index(0, self.SHARE), self.index(len(self.criteria) - 1, self.SHARE)
            )
        return True


class CategoryModel(_Table):
    def __init__(self, categories: Sequence[Category], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.categories = list(categories)
        self._headers = [
            _("Code"),
            _("Catégorie"),
            _("Enveloppe"),
            _("Prix"),
            _("Plafond"),
            _("Taux"),
            _("Plancher"),
            _("Nature"),
        ]

    def _row_count(self) -> int:
        return len(self.categories)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= index.column() <= 6:
            return RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        c = self.categories[index.row()]
        lang = current_language()

        def money(cents: int | None) -> str:
            return "" if cents is None else format_cents(cents, lang)

        values = [
            c.code,
            c.name,
            money(c.envelope_cents),
            " ; ".join(format_cents(p, lang) for p in c.prizes_cents),
            money(c.cap_cents),
            "" if c.rate is None else _percent(c.rate),
            money(c.floor_cents),
            c.nature.value,
        ]
        return values[index.column()]


# --- the jury ---------------------------------------------------------------------------


class JuryModel(_Table):
    """The jury; the attendance column is editable through ``set_attendance``."""

    CODE, NAME, ORGANISATION, ROLE, VOTES, ATTENDANCE = range(6)

    def __init__(
        self,
        jurors: Sequence[Juror],
        set_attendance: Callable[[Juror, Attendance], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.jurors = list(jurors)
        self._set_attendance = set_attendance
        self._headers = [
            _("Code"),
            _("Nom"),
            _("Organisme"),
            _("Rôle"),
            _("Voix délibérative"),
            _("Présence"),
        ]

    def _row_count(self) -> int:
        return len(self.jurors)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        from juryapp.ui.dialogs.who import role_label

        juror = self.jurors[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == self.ATTENDANCE:
            return juror.attendance.value
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        values = [
            juror.code,
            juror.name,
            juror.organisation,
            role_label(Role(juror.role)),
            _("oui") if juror.votes else _("non"),
            attendance_label(juror.attendance),
        ]
        return values[column]

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if (
            self._set_attendance is not None
            and index.isValid()
            and index.column() == self.ATTENDANCE
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self._set_attendance is None
            or not self._valid(index)
            or index.column() != self.ATTENDANCE
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        try:
            attendance = Attendance(str(value))
        except ValueError:
            return False
        juror = self.jurors[index.row()]
        if attendance == juror.attendance:
            return True
        if not self._set_attendance(juror, attendance):
            return False
        self.jurors[index.row()] = replace(juror, attendance=attendance)
        self.dataChanged.emit(index, index)
        return True


# --- the import preview -----------------------------------------------------------------


class PreviewModel(_Table):
    """The first rows of a sheet to import; each header shows the field it maps to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []
        self._targets: list[str] = []

    def set_preview(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._targets = ["" for _h in headers]
        self._rows = [tuple(row) + ("",) * (len(headers) - len(row)) for row in rows]
        self.endResetModel()

    def set_targets(self, targets: Sequence[str]) -> None:
        """The label of the field each column goes to (shown under its header)."""
        self._targets = list(targets)
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
            self.dataChanged.emit(
                self.index(0, 0), self.index(max(len(self._rows) - 1, 0), len(self._headers) - 1)
            )

    def _row_count(self) -> int:
        return len(self._rows)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
            and role == Qt.ItemDataRole.DisplayRole
        ):
            target = self._targets[section] if section < len(self._targets) else ""
            return f"{self._headers[section]}\n→ {target}" if target else self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            target = self._targets[index.column()] if index.column() < len(self._targets) else ""
            if target == _("ignorée"):
                return QBrush(QColor("#9aa3ad"))
        return None
