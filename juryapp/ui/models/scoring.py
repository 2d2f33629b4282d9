"""The juror's dossier list: a table model over the juror's sheet, and its sort/filter proxy."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from juryapp.core.model import Category, Dossier
from juryapp.core.texts import format_note
from juryapp.i18n import _, current_language
from juryapp.ui.models.table import RIGHT, ModelIndex, RowTableModel, TableColumn
from juryapp.ui.session import JurorSheet, Progress

__all__ = ["FILTERS", "DossierFilterProxy", "DossierListModel", "progress_label"]

REF_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3

# filter key -> progress states shown
FILTERS: dict[str, frozenset[str]] = {
    "all": frozenset({Progress.TODO, Progress.PARTIAL, Progress.DONE, Progress.RECUSED}),
    "todo": frozenset({Progress.TODO, Progress.PARTIAL}),
    "done": frozenset({Progress.DONE}),
    "partial": frozenset({Progress.PARTIAL}),
    "recused": frozenset({Progress.RECUSED}),
}

_PROGRESS_ORDER = {Progress.TODO: 0, Progress.PARTIAL: 1, Progress.DONE: 2, Progress.RECUSED: 3}
_PROGRESS_COLOURS = {
    Progress.TODO: "#566170",
    Progress.PARTIAL: "#8f4a00",
    Progress.DONE: "#17692f",
    Progress.RECUSED: "#7a4bb0",
}


def progress_label(state: str) -> str:
    return {
        Progress.TODO: _("à noter"),
        Progress.PARTIAL: _("incomplet"),
        Progress.DONE: _("noté"),
        Progress.RECUSED: _("déporté"),
    }[state]


def filter_labels() -> dict[str, str]:
    return {
        "all": _("Tous les dossiers"),
        "todo": _("À noter"),
        "done": _("Notés"),
        "partial": _("Incomplets"),
        "recused": _("Déportés"),
    }


class DossierListModel(RowTableModel[Dossier]):
    """Columns: reference, project, category, progress, the juror's note."""

    REF, TITLE, CATEGORY, PROGRESS, NOTE = range(5)

    def __init__(
        self,
        dossiers: tuple[Dossier, ...],
        sheet: JurorSheet,
        categories: tuple[Category, ...] = (),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            [
                TableColumn(_("Réf.")),
                TableColumn(_("Projet")),
                TableColumn(_("Catégorie")),
                TableColumn(_("État")),
                TableColumn(_("Ma note"), align=RIGHT),
            ],
            parent,
        )
        self._sheet = sheet
        self._row_of = {d.ref: row for row, d in enumerate(dossiers)}
        self._categories = {c.code: c.name for c in categories}
        self.set_rows(dossiers)

    # --- reading -------------------------------------------------------------------------

    def dossier(self, row: int) -> Dossier:
        return self.row_item(row)

    def row_of(self, ref: str) -> int:
        return self._row_of.get(ref, -1)

    def cell(self, dossier: Dossier, column: int, role: int) -> Any:
        if role == REF_ROLE:
            return dossier.ref
        if role == PROGRESS_ROLE:
            return self._sheet.progress(dossier.ref)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(dossier, column)
        if role == SORT_ROLE:
            return self._sort_key(dossier, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(dossier, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.PROGRESS:
            return QBrush(QColor(_PROGRESS_COLOURS[self._sheet.progress(dossier.ref)]))
        return None

    def _display(self, dossier: Dossier, column: int) -> str:
        if column == self.REF:
            return dossier.ref
        if column == self.TITLE:
            return dossier.title
        if column == self.CATEGORY:
            return self._categories.get(dossier.category or "", dossier.category or "")
        state = self._sheet.progress(dossier.ref)
        if column == self.PROGRESS:
            label = progress_label(state)
            if state == Progress.PARTIAL:
                label += f" ({self._sheet.scored(dossier.ref)}/{len(self._sheet.criteria)})"
            return label
        note = self._sheet.note(dossier.ref)
        return "" if note is None else format_note(note, 2, current_language())

    def _sort_key(self, dossier: Dossier, column: int) -> Any:
        if column == self.REF:
            return dossier.ref
        if column == self.PROGRESS:
            return _PROGRESS_ORDER[self._sheet.progress(dossier.ref)]
        if column == self.NOTE:
            note = self._sheet.note(dossier.ref)
            return -1.0 if note is None else float(note)
        return self._display(dossier, column).casefold()

    def _tooltip(self, dossier: Dossier, column: int) -> str | None:
        if column == self.TITLE:
            return f"{dossier.title}\n{dossier.applicant} — {dossier.town}".strip(" —\n")
        if column == self.PROGRESS and dossier.ref in self._sheet.recusals:
            reason = self._sheet.recusals[dossier.ref]
            return _("Déport : {reason}").format(reason=reason or _("sans motif"))
        if column == self.NOTE:
            note = self._sheet.note(dossier.ref)
            if note is not None:
                return _("Note exacte : {note}").format(
                    note=format_note(note, 4, current_language())
                )
        return None

    # --- changes -------------------------------------------------------------------------

    def dossier_changed(self, ref: str) -> None:
        self.row_changed(self.row_of(ref))

    def counts(self) -> tuple[int, int]:
        """(dossiers fully scored, dossiers to score: all but the recused ones)."""
        done = total = 0
        for dossier in self.row_items():
            state = self._sheet.progress(dossier.ref)
            if state == Progress.RECUSED:
                continue
            total += 1
            done += state == Progress.DONE
        return done, total


class DossierFilterProxy(QSortFilterProxyModel):
    """Sorts on the model's sort keys; filters on progress and on a search text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._states = FILTERS["all"]
        self._text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, key: str) -> None:
        self.beginFilterChange()
        self._states = FILTERS[key]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if model.data(index, PROGRESS_ROLE) not in self._states:
            return False
        if not self._text:
            return True
        if isinstance(model, DossierListModel):
            dossier = model.dossier(source_row)
            haystack = " ".join(
                (dossier.ref, dossier.title, dossier.applicant, dossier.town)
            ).casefold()
            return self._text in haystack
        return True

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        if a == b:
            model = self.sourceModel()
            first = model.index(left.row(), 0).data(SORT_ROLE)
            second = model.index(right.row(), 0).data(SORT_ROLE)
            return bool(first < second)
        return bool(a < b)
