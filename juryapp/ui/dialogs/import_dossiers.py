"""Importing dossiers from the secretariat's own spreadsheet, with a column-mapping step.

The sheet is previewed (``preview_dossiers``): each column gets a combo box
choosing the dossier field it fills, « champ libre » or « ignorer », and the
first rows are shown. The import itself (``operations.import_dossiers``) is all
or nothing: on an error, its location (file, sheet, row, column) is shown and
nothing is imported.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _, current_language
from juryapp.io.columns import DOSSIER_COLUMNS
from juryapp.io.errors import InputError
from juryapp.io.workbook import DossierPreview, preview_dossiers, required_dossier_fields
from juryapp.operations import campaign as campaign_ops
from juryapp.operations.campaign import DossierImportResult
from juryapp.ui import tasks
from juryapp.ui.messages import KNOWN_ERRORS, known_error_text
from juryapp.ui.models.secretariat import PreviewModel
from juryapp.ui.session import Session

__all__ = ["FREE", "IGNORE", "ImportDialog", "field_labels"]

FREE = "free"
IGNORE = "ignore"


def field_labels(required: Collection[str] | None = None) -> dict[str, str]:
    """Dossier field -> its name for people, the fields ``required`` (by default those
    every call requires) marked with *."""
    english = current_language() == "en"
    needed = (
        set(required)
        if required is not None
        else {column.field for column in DOSSIER_COLUMNS if column.required}
    )
    labels = {
        column.field: (column.english if english else column.french)
        + (" *" if column.field in needed else "")
        for column in DOSSIER_COLUMNS
    }
    labels[FREE] = _("Champ libre (montré aux jurés)")
    labels[IGNORE] = _("Ignorer cette colonne")
    return labels


class ImportDialog(QDialog):
    """Choose the sheet and the mapping, see the first rows, import or read the refusal."""

    def __init__(self, session: Session, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Importer des dossiers"))
        self.resize(1100, 760)
        self.session = session
        self.path = path
        self.preview: DossierPreview | None = None
        self.outcome: DossierImportResult | None = None
        self.task: tasks.Task | None = None  # the last import started
        self.combos: dict[str, QComboBox] = {}
        campaign = session.campaign
        #: What this call requires: reference, project, and the amount or the category.
        self.required = required_dossier_fields(campaign.rules.mode, campaign.categories)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(_("Importer des dossiers depuis « {name} »").format(name=path.name))
        heading.setProperty("heading", True)
        layout.addWidget(heading)
        intro = QLabel(
            _(
                "Indiquez ce que contient chaque colonne. Les dossiers déjà connus (même "
                "référence) sont mis à jour ; l'import est refusé en bloc à la moindre erreur."
            )
        )
        intro.setWordWrap(True)
        intro.setProperty("muted", True)
        layout.addWidget(intro)

        top = QHBoxLayout()
        sheet_label = QLabel(_("&Feuille :"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(_("Feuille du classeur"))
        self.sheet_combo.setMinimumWidth(200)
        sheet_label.setBuddy(self.sheet_combo)
        self.sheet_info = QLabel()
        self.sheet_info.setProperty("muted", True)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo)
        top.addWidget(self.sheet_info, 1)
        layout.addLayout(top)

        mapping_label = QLabel(_("Correspondance des colonnes"))
        mapping_label.setProperty("strong", True)
        layout.addWidget(mapping_label)
        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setMinimumHeight(230)
        self.mapping_widget = QWidget()
        self.mapping_grid = QGridLayout(self.mapping_widget)
        self.mapping_grid.setHorizontalSpacing(16)
        self.mapping_grid.setVerticalSpacing(6)
        self.mapping_area.setWidget(self.mapping_widget)
        layout.addWidget(self.mapping_area, 2)
        self.required_legend = QLabel(
            _("* champ obligatoire pour cet appel : {fields}.").format(
                fields=", ".join(field_labels(self.required)[f].rstrip(" *") for f in self.required)
            )
        )
        self.required_legend.setObjectName("requiredLegend")
        self.required_legend.setProperty("muted", True)
        self.required_legend.setWordWrap(True)
        layout.addWidget(self.required_legend)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("hint")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        preview_label = QLabel(_("&Aperçu des premières lignes"))
        preview_label.setProperty("strong", True)
        self.preview_model = PreviewModel(self)
        self.preview_table = QTableView()
        self.preview_table.setModel(self.preview_model)
        self.preview_table.setAccessibleName(_("Aperçu des premières lignes"))
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.verticalHeader().setVisible(False)
        self.preview_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.preview_table.horizontalHeader().setDefaultSectionSize(150)
        self.preview_table.setWordWrap(False)
        preview_label.setBuddy(self.preview_table)
        layout.addWidget(preview_label)
        layout.addWidget(self.preview_table, 2)

        self.error_frame = QFrame()
        self.error_frame.setObjectName("errorReport")
        error_layout = QVBoxLayout(self.error_frame)
        error_title = QLabel(_("Import refusé : aucun dossier n'a été importé."))
        error_title.setProperty("strong", True)
        error_layout.addWidget(error_title)
        self.error_form = QFormLayout()
        self.error_form.setHorizontalSpacing(16)
        error_layout.addLayout(self.error_form)
        self.error_frame.hide()
        layout.addWidget(self.error_frame)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = QPushButton(_("&Importer"))
        self.import_button.setObjectName("primary")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        self.load_preview(None)

    # --- preview ------------------------------------------------------------------------------

    def load_preview(self, sheet: str | None) -> None:
        self.import_button.setEnabled(False)
        tasks.run_task(
            self,
            _("Lecture de « {name} »…").format(name=self.path.name),
            lambda: preview_dossiers(self.path, sheet=sheet, rows=8),
            self._show_preview,
            self._preview_failed,
        )

    def _preview_failed(self, error: BaseException) -> None:
        if not isinstance(error, KNOWN_ERRORS):
            raise error
        self.show_error(error)

    def _show_preview(self, preview: DossierPreview) -> None:
        self.preview = preview
        self.error_frame.hide()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(preview.sheets))
        self.sheet_combo.setCurrentText(preview.sheet)
        self.sheet_combo.blockSignals(False)
        self.sheet_info.setText(
            _("En-têtes en ligne {row} · {count} ligne(s) de données").format(
                row=preview.header_row, count=preview.row_count
            )
        )
        while self.mapping_grid.count():
            item = self.mapping_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.combos.clear()
        for column, title in enumerate(
            (_("Colonne du classeur"), _("Devient"), _("Exemple (1re ligne)"))
        ):
            caption = QLabel(title)
            caption.setProperty("muted", True)
            self.mapping_grid.addWidget(caption, 0, column)
        labels = field_labels(self.required)
        first = preview.rows[0] if preview.rows else ()
        for row, header in enumerate(preview.headers, start=1):
            if not header:
                continue
            name = QLabel(header)
            name.setProperty("strong", True)
            combo = QComboBox()
            combo.setAccessibleName(_("Champ pour la colonne « {header} »").format(header=header))
            for field, label in labels.items():
                combo.addItem(label, field)
            combo.setCurrentIndex(max(combo.findData(preview.mapping.get(header, FREE)), 0))
            combo.currentIndexChanged.connect(self._mapping_changed)
            name.setBuddy(combo)
            example = QLabel(first[row - 1] if row - 1 < len(first) else "")
            example.setProperty("muted", True)
            self.mapping_grid.addWidget(name, row, 0)
            self.mapping_grid.addWidget(combo, row, 1)
            self.mapping_grid.addWidget(example, row, 2)
            self.combos[header] = combo
        self.mapping_grid.setColumnStretch(2, 1)
        self.mapping_grid.setRowStretch(len(preview.headers) + 1, 1)
        self.preview_model.set_preview(preview.headers, preview.rows)
        self._mapping_changed()
        self.preview_table.resizeColumnsToContents()
        sections = self.preview_table.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            sections.resizeSection(column, min(max(sections.sectionSize(column), 110), 260))

    def _sheet_changed(self) -> None:
        sheet = self.sheet_combo.currentText()
        if self.preview is not None and sheet and sheet != self.preview.sheet:
            self.load_preview(sheet)

    def mapping(self) -> dict[str, str]:
        return {header: str(combo.currentData()) for header, combo in self.combos.items()}

    def _mapping_changed(self) -> None:
        if self.preview is None:
            return
        mapping = self.mapping()
        labels = field_labels(self.required)
        targets = []
        for header in self.preview.headers:
            field = mapping.get(header, IGNORE)
            if field == IGNORE:
                targets.append(_("ignorée"))
            elif field == FREE:
                targets.append(_("champ libre"))
            else:
                targets.append(labels[field].rstrip(" *"))
        self.preview_model.set_targets(targets)
        problems: list[str] = []
        chosen: dict[str, list[str]] = {}
        for header, field in mapping.items():
            if field not in (FREE, IGNORE):
                chosen.setdefault(field, []).append(header)
        for field, headers in chosen.items():
            if len(headers) > 1:
                problems.append(
                    _(
                        "Les colonnes {headers} vont toutes dans « {field} » : n'en gardez qu'une."
                    ).format(
                        headers=", ".join(f"« {h} »" for h in headers),
                        field=labels[field].rstrip(" *"),
                    )
                )
        missing = [labels[field].rstrip(" *") for field in self.required if field not in chosen]
        if missing:
            problems.append(
                _("Champ(s) obligatoire(s) sans colonne : {fields}.").format(
                    fields=", ".join(missing)
                )
            )
        self.problem_label.setText("⚠ " + " ".join(problems) if problems else "")
        self.problem_label.setVisible(bool(problems))
        self.import_button.setEnabled(not problems)

    # --- import -------------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.preview is None:
            return
        self.error_frame.hide()
        sheet = self.preview.sheet
        mapping = self.mapping()
        session = self.session
        self.import_button.setEnabled(False)
        path = self.path
        self.task = tasks.run_op(
            self,
            session,
            _("Import des dossiers…"),
            lambda report: campaign_ops.import_dossiers(
                session.file,
                path,
                session.author,
                sheet=sheet,
                mapping=mapping,
                progress=report,
            ),
            self._imported,
            self._import_failed,
            initiator=self,
            progress=True,
            cancellable=True,
            on_cancelled=lambda: self.import_button.setEnabled(True),
        )

    def _imported(self, result: DossierImportResult) -> None:
        self.outcome = result
        self.accept()

    def _import_failed(self, error: BaseException) -> None:
        if not isinstance(error, KNOWN_ERRORS):
            raise error
        self.import_button.setEnabled(True)
        self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        """The refusal, with its location when the spreadsheet is at fault."""
        while self.error_form.rowCount():
            self.error_form.removeRow(0)
        rows: list[tuple[str, str]] = []
        if isinstance(error, InputError):
            if error.file:
                rows.append((_("Fichier"), error.file))
            if error.sheet:
                rows.append((_("Feuille"), error.sheet))
            if error.row is not None:
                rows.append((_("Ligne"), str(error.row)))
            if error.column or error.header:
                column = error.column or ""
                if error.header:
                    column = f"{column} ({error.header})" if column else error.header
                rows.append((_("Colonne"), column))
            message = error.message
            rows.append((_("Problème"), message[:1].upper() + message[1:]))
        else:
            rows.append((_("Problème"), known_error_text(error)))
        for name, value in rows:
            label = QLabel(name)
            label.setProperty("muted", True)
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.error_form.addRow(label, text)
        self.error_frame.show()

    def error_rows(self) -> dict[str, str]:
        """The error report as shown (for tests)."""
        shown: dict[str, str] = {}
        for row in range(self.error_form.rowCount()):
            label = self.error_form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.error_form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None:
                name, value = label.widget(), field.widget()
                if isinstance(name, QLabel) and isinstance(value, QLabel):
                    shown[name.text()] = value.text()
        return shown
