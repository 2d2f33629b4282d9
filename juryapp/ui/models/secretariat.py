"""Table models of the secretariat's screens: dossiers, grid, categories, jury, import preview.

Each is a ``RowTableModel`` (``juryapp.ui.models.table``): declared columns over
its list of rows (dossiers, criteria, categories, jurors, sheet rows).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from juryapp.core.fields import DOSSIER_FIELDS, FieldType, Show, display, dossier_field, shown
from juryapp.core.grid import ScoreValueError, format_number, parse_score_value
from juryapp.core.model import Attendance, Category, Criterion, Dossier, Juror, Role
from juryapp.core.money import format_cents
from juryapp.core.registry import RegistryFlag
from juryapp.core.texts import format_note
from juryapp.i18n import _, current_language
from juryapp.ui.models.registry import flag_summary, state_colour
from juryapp.ui.models.table import RIGHT, ModelIndex, RowTableModel, TableColumn
from juryapp.ui.style import MUTED_ON_SELECTION

__all__ = [
    "AdmissionModel",
    "CategoryModel",
    "CriteriaModel",
    "JuryModel",
    "PreviewModel",
    "attendance_label",
]

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


# --- dossiers ---------------------------------------------------------------------------


class AdmissionModel(RowTableModel[Dossier]):
    """The imported dossiers with their admissibility; free fields as extra columns."""

    def __init__(
        self,
        dossiers: Sequence[Dossier],
        categories: Sequence[Category] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__((), parent)
        self._categories = {c.code: c.name for c in categories}
        self._flags: Mapping[str, RegistryFlag] = {}
        self.set_dossiers(dossiers)

    @property
    def dossiers(self) -> list[Dossier]:
        """The dossiers shown, one per line (the model's own list)."""
        return self._rows

    def set_dossiers(
        self, dossiers: Sequence[Dossier], flags: Mapping[str, RegistryFlag] | None = None
    ) -> None:
        """Show ``dossiers``; ``flags``: those that match the registry of past laureates
        (rules §13), shown in a « Déjà soutenu » column when there are any."""
        if flags is not None:
            self._flags = flags
        self._free: list[str] = []
        for dossier in dossiers:
            for name, _value in dossier.fields:
                if name not in self._free:
                    self._free.append(name)
        filled = {
            f.code
            for f in shown(Show.TABLE_WHEN_FILLED)
            if any(getattr(d, f.code) not in (None, "") for d in dossiers)
        }
        table = sorted(
            (f for f in DOSSIER_FIELDS if Show.TABLE in f.shown or f.code in filled),
            key=lambda f: f.table_position,
        )
        registry = ["registry"] if self._flags else []
        self.keys = ([f.code for f in table][:4] + registry + [f.code for f in table][4:]) + [
            f"free:{name}" for name in self._free
        ]
        lang = current_language()
        columns = [
            TableColumn(f.title(lang), align=RIGHT if f.kind is FieldType.CENTS else None)
            for f in table
        ]
        if registry:
            columns.insert(
                4,
                TableColumn(
                    _("Déjà soutenu"),
                    tip=_("Correspondance avec le registre des lauréats passés (soutien unique)"),
                ),
            )
        columns += [TableColumn(name) for name in self._free]
        self.set_rows(dossiers, columns)

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
            self._rows[row] = dossier
            self.row_changed(row)

    def flag(self, ref: str) -> RegistryFlag | None:
        return self._flags.get(ref)

    def _cell(self, dossier: Dossier, key: str) -> str:
        if key == "registry":
            flag = self._flags.get(dossier.ref)
            return flag_summary(flag) if flag is not None else ""
        if key.startswith("free:"):
            return dict(dossier.fields).get(key.removeprefix("free:"), "")
        return display(dossier, dossier_field(key), current_language(), self._categories)

    def cell(self, dossier: Dossier, column: int, role: int) -> Any:
        key = self.keys[column]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(dossier, key)
        if role == REF_ROLE:
            return dossier.ref
        if role == Qt.ItemDataRole.ForegroundRole and key == "registry":
            flag = self._flags.get(dossier.ref)
            colour = state_colour(flag) if flag is not None else None
            return QBrush(colour) if colour is not None else None
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and not dossier.admissible
            and key in ("admissible", "inadmissible_reason")
        ):
            return QBrush(_INADMISSIBLE)
        return None


# --- the grid ---------------------------------------------------------------------------


class CriteriaModel(RowTableModel[Criterion]):
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
        super().__init__(
            [
                TableColumn(_("Code")),
                TableColumn(_("Critère")),
                TableColumn(_("Poids"), align=RIGHT),
                TableColumn(_("Part"), align=RIGHT),
                TableColumn(_("Min"), align=RIGHT),
                TableColumn(_("Max"), align=RIGHT),
                TableColumn(_("Pas"), align=RIGHT),
                TableColumn(_("Seuil"), align=RIGHT),
                TableColumn(_("Description")),
            ],
            parent,
        )
        self.editable = editable
        self.problem = ""
        self.set_rows(criteria)

    @property
    def criteria(self) -> list[Criterion]:
        """The grid as edited so far (the model's own list)."""
        return self._rows

    @criteria.setter
    def criteria(self, criteria: list[Criterion]) -> None:
        # callers reset the model around this assignment
        self._rows = list(criteria)

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

    def cell(self, criterion: Criterion, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(criterion, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.LABEL, self.DESCRIPTION):
            return criterion.description or None
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if self.editable and index.isValid() and index.column() in self._FIELDS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self.editable or not self.is_valid(index) or role != Qt.ItemDataRole.EditRole:
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


class CategoryModel(RowTableModel[Category]):
    """The call's categories: envelope, prizes, cap, rate, floor, nature."""

    def __init__(self, categories: Sequence[Category], parent: QObject | None = None) -> None:
        super().__init__(
            [
                TableColumn(_("Code")),
                TableColumn(_("Catégorie")),
                TableColumn(_("Enveloppe"), align=RIGHT),
                TableColumn(_("Prix"), align=RIGHT),
                TableColumn(_("Plafond"), align=RIGHT),
                TableColumn(_("Taux"), align=RIGHT),
                TableColumn(_("Plancher"), align=RIGHT),
                TableColumn(_("Nature")),
            ],
            parent,
        )
        self.set_rows(categories)

    @property
    def categories(self) -> list[Category]:
        return self._rows

    def cell(self, c: Category, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
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
        return values[column]


# --- the jury ---------------------------------------------------------------------------


class JuryModel(RowTableModel[Juror]):
    """The jury; the attendance column is editable through ``set_attendance``."""

    CODE, NAME, ORGANISATION, ROLE, VOTES, ATTENDANCE = range(6)

    def __init__(
        self,
        jurors: Sequence[Juror],
        set_attendance: Callable[[Juror, Attendance], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            [
                TableColumn(_("Code")),
                TableColumn(_("Nom")),
                TableColumn(_("Organisme")),
                TableColumn(_("Rôle")),
                TableColumn(_("Voix délibérative")),
                TableColumn(_("Présence")),
            ],
            parent,
        )
        self._set_attendance = set_attendance
        self.set_rows(jurors)

    @property
    def jurors(self) -> list[Juror]:
        return self._rows

    def set_attendance_writer(self, writer: Callable[[Juror, Attendance], bool] | None) -> None:
        """Who records an attendance (None: the column is read-only, e.g. once sealed)."""
        self._set_attendance = writer

    def cell(self, juror: Juror, column: int, role: int) -> Any:
        from juryapp.ui.dialogs.who import role_label

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
            or not self.is_valid(index)
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


class PreviewModel(RowTableModel[tuple[str, ...]]):
    """The first rows of a sheet to import; each header shows the field it maps to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)
        self._headers: list[str] = []
        self._targets: list[str] = []

    def set_preview(self, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self._headers = list(headers)
        self._targets = ["" for _h in headers]
        self.set_rows(
            (tuple(row) + ("",) * (len(headers) - len(row)) for row in rows),
            [TableColumn(header) for header in headers],
        )

    def set_targets(self, targets: Sequence[str]) -> None:
        """The label of the field each column goes to (shown under its header)."""
        self._targets = list(targets)
        if self._headers:
            padded = self._targets + [""] * (len(self._headers) - len(self._targets))
            self._columns = [
                TableColumn(f"{header}\n→ {target}" if target else header)
                for header, target in zip(self._headers, padded, strict=False)
            ]
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self._headers) - 1)
                )

    def cell(self, row: tuple[str, ...], column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            target = self._targets[column] if column < len(self._targets) else ""
            if target == _("ignorée"):
                return QBrush(QColor(MUTED_ON_SELECTION))
        return None
