"""Importing dossiers from the secretariat's own spreadsheet, with a column-mapping step.

The sheet is previewed (``preview_dossiers``): each column gets a combo box
choosing the dossier field it fills, « champ libre » or « ignorer », and the
first rows are shown. The import itself (``operations.import_dossiers``) is all
or nothing: on an error, its location (file, sheet, row, column) is shown and
nothing is imported.

A Démarches Simplifiées export (xlsx, ods, csv) is recognised (``preview_ds_export``):
its fixed columns are named and set aside, the procedure's own columns get a combo box
that adds « annotation privée » and « annotation montrée aux jurés », a prefix for the
references may be set, and what was chosen the last time for that procedure is
proposed again (the campaign file remembers it).
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
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _, current_language
from juryapp.io.columns import DOSSIER_COLUMNS
from juryapp.io.ds_export import (
    ANNOTATION,
    DS_FIELDS,
    SHARED,
    DsPreview,
    is_ds_export,
    preview_ds_export,
)
from juryapp.io.errors import InputError
from juryapp.io.workbook import DossierPreview, preview_dossiers, required_dossier_fields
from juryapp.operations import campaign as campaign_ops
from juryapp.operations.campaign import DossierImportResult
from juryapp.ui import tasks
from juryapp.ui.access import leave_with_tab, tab_chain
from juryapp.ui.messages import KNOWN_ERRORS, known_error_text
from juryapp.ui.models.secretariat import PreviewModel
from juryapp.ui.session import Session

__all__ = ["FREE", "IGNORE", "ImportDialog", "field_labels", "import_summary"]

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


def ds_field_labels(required: Collection[str]) -> dict[str, str]:
    """The choices for a column of a Démarches Simplifiées export: the call's fields it may
    fill, a free field, an annotation (private, or shown to jurors), nothing."""
    labels = field_labels(required)
    choices = {field: labels[field] for field in DS_FIELDS}
    choices[FREE] = labels[FREE]
    choices[ANNOTATION] = _("Annotation privée (secrétariat seulement)")
    choices[SHARED] = _("Annotation montrée aux jurés")
    choices[IGNORE] = labels[IGNORE]
    return choices


def import_summary(result: DossierImportResult) -> str:
    """What an import did, for the message that closes it (a DS export: what changed)."""
    report = result.report
    text = _(
        "Feuille « {sheet} » : {a} dossier(s) ajouté(s), {u} mis à jour, {n} inchangé(s)."
    ).format(
        sheet=result.sheet, a=len(report.added), u=len(report.updated), n=len(report.unchanged)
    )
    ds = result.ds
    if ds is not None:
        if ds.changed:
            text += "\n\n" + _("Modifié depuis le dernier export :")
            for change in ds.changed:
                mark = " ⚠" if change.flagged else ""
                text += f"\n• {change.ref} (ID {change.ds_id}){mark} : " + " ; ".join(
                    change.changes
                )
        if ds.documents:
            text += "\n\n" + _("{count} pièce(s) jointe(s) ajoutée(s) ou modifiée(s).").format(
                count=len(ds.documents)
            )
        if ds.absent:
            text += "\n\n" + _("Absents de cet export (conservés) : {refs}").format(
                refs=", ".join(ds.absent)
            )
    if result.warnings:
        text += "\n\n" + _("À vérifier :") + "\n" + "\n".join(f"• {w}" for w in result.warnings)
    return text


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
        grist = path.suffix.lower() == ".grist"  # a Grist document: its tables
        self.sheet_label = sheet_label = QLabel(_("&Table :") if grist else _("&Feuille :"))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setAccessibleName(
            _("Table du document Grist") if grist else _("Feuille du classeur")
        )
        self.sheet_combo.setMinimumWidth(200)
        sheet_label.setBuddy(self.sheet_combo)
        self.sheet_info = QLabel()
        self.sheet_info.setProperty("muted", True)
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo)
        top.addWidget(self.sheet_info, 1)
        layout.addLayout(top)

        # a Démarches Simplifiées export: what was recognised, and the references' prefix
        self.ds_frame = QFrame()
        self.ds_frame.setObjectName("dsExport")
        ds_layout = QVBoxLayout(self.ds_frame)
        ds_layout.setContentsMargins(0, 0, 0, 0)
        self.ds_info = QLabel()
        self.ds_info.setObjectName("dsInfo")
        self.ds_info.setWordWrap(True)
        ds_layout.addWidget(self.ds_info)
        prefix_row = QHBoxLayout()
        prefix_label = QLabel(_("&Préfixe des références :"))
        self.prefix_edit = QLineEdit()
        self.prefix_edit.setObjectName("dsPrefix")
        self.prefix_edit.setAccessibleName(_("Préfixe des références"))
        self.prefix_edit.setPlaceholderText(_("aucun (la référence est l'ID du dossier)"))
        self.prefix_edit.setMaximumWidth(260)
        prefix_label.setBuddy(self.prefix_edit)
        self.prefix_example = QLabel()
        self.prefix_example.setProperty("muted", True)
        self.prefix_edit.textChanged.connect(self._prefix_changed)
        prefix_row.addWidget(prefix_label)
        prefix_row.addWidget(self.prefix_edit)
        prefix_row.addWidget(self.prefix_example, 1)
        ds_layout.addLayout(prefix_row)
        documents_row = QHBoxLayout()
        documents_label = QLabel(_("Pièces &jointes :"))
        self.attachments_edit = QLineEdit()
        self.attachments_edit.setObjectName("dsAttachments")
        self.attachments_edit.setAccessibleName(_("Pièces jointes (zip de Démarches Simplifiées)"))
        self.attachments_edit.setPlaceholderText(
            _("aucune (le zip des pièces jointes de DS, ou un dossier de fichiers)")
        )
        documents_label.setBuddy(self.attachments_edit)
        self.attachments_button = QPushButton(_("Choisir le &zip…"))
        self.attachments_button.setAccessibleName(_("Choisir le zip des pièces jointes"))
        self.attachments_button.clicked.connect(self._choose_attachments)
        documents_row.addWidget(documents_label)
        documents_row.addWidget(self.attachments_edit, 1)
        documents_row.addWidget(self.attachments_button)
        ds_layout.addLayout(documents_row)
        # which columns are the instructors' private annotations: DS puts them last
        annotations_row = QHBoxLayout()
        annotations_label = QLabel(_("A&nnotations privées à partir de :"))
        self.annotations_combo = QComboBox()
        self.annotations_combo.setObjectName("dsAnnotationsFrom")
        self.annotations_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.annotations_combo.setMinimumWidth(260)
        self.annotations_combo.setAccessibleName(_("Première colonne des annotations privées"))
        self.annotations_combo.setToolTip(
            _(
                "Démarches Simplifiées place les annotations privées des instructeurs après "
                "les champs du formulaire : cette colonne et les suivantes deviennent des "
                "annotations privées, montrées au secrétariat seulement (chaque colonne "
                "reste modifiable ci-dessous)."
            )
        )
        annotations_label.setBuddy(self.annotations_combo)
        self.annotations_combo.activated.connect(self._annotations_from_chosen)
        annotations_row.addWidget(annotations_label)
        annotations_row.addWidget(self.annotations_combo)
        annotations_row.addStretch(1)
        ds_layout.addLayout(annotations_row)
        self.ds_fixed = QLabel()
        self.ds_fixed.setWordWrap(True)
        self.ds_fixed.setProperty("muted", True)
        ds_layout.addWidget(self.ds_fixed)
        self.ds_frame.hide()
        layout.addWidget(self.ds_frame)
        self.ds_preview: DsPreview | None = None

        mapping_label = QLabel(_("Correspondance des colonnes"))
        mapping_label.setProperty("strong", True)
        layout.addWidget(mapping_label)
        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        # not a tab stop of its own: Tab goes through its combo boxes, and it scrolls to them
        self.mapping_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mapping_area.setAccessibleName(_("Correspondance des colonnes"))
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
        leave_with_tab(
            self.preview_table, _("Flèches : se déplacer dans le tableau ; Tab : le quitter")
        )
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
        path = self.path

        def read() -> DossierPreview | DsPreview:
            if path.suffix.lower() in (".csv", ".ods", ".txt") or is_ds_export(path):
                return preview_ds_export(path, rows=8)
            return preview_dossiers(path, sheet=sheet, rows=8)

        tasks.run_task(
            self,
            _("Lecture de « {name} »…").format(name=self.path.name),
            read,
            self._show_any_preview,
            self._preview_failed,
        )

    def _show_any_preview(self, preview: DossierPreview | DsPreview) -> None:
        if isinstance(preview, DsPreview):
            self._show_ds_preview(preview)
        else:
            self._show_preview(preview)

    def _preview_failed(self, error: BaseException) -> None:
        if not isinstance(error, KNOWN_ERRORS):
            raise error
        self.show_error(error)

    def _show_ds_preview(self, preview: DsPreview) -> None:
        """A DS export: its own columns to map (what was chosen last time for the
        procedure proposed again), the fixed ones named, the prefix."""
        from juryapp.operations.ds_import import profile_key

        self.ds_preview = preview
        remembered = self.session.file.import_profile(profile_key(preview.procedure))
        mapping = dict(preview.mapping)
        if remembered is not None:
            mapping.update({h: t for h, t in remembered.mapping.items() if h in mapping})
            self.prefix_edit.setText(remembered.prefix)
        drafts = preview.states.get("Brouillon", 0)
        states = ", ".join(f"{state} : {count}" for state, count in preview.states.items())
        info = _(
            "Export Démarches Simplifiées reconnu : démarche « {procedure} », {count} "
            "dossier(s) ({states})."
        ).format(procedure=preview.procedure, count=preview.row_count, states=states)
        if drafts:
            info += " " + _("Les brouillons ne sont pas importés.")
        info += " " + _(
            "« Refusé » et « Classé sans suite » deviennent non recevables, avec ce motif."
        )
        if preview.blocks:
            info += " " + _("Tableaux joints aux dossiers : {blocks}.").format(
                blocks=", ".join(f"« {b} »" for b in preview.blocks)
            )
        if preview.notes:
            info += " " + _("{count} avis d'instruction.").format(count=preview.notes)
        if remembered is not None:
            info += " " + _("Correspondance reprise du dernier import de cette démarche.")
        else:
            guessed = [h for h, target in preview.mapping.items() if target == ANNOTATION]
            if guessed:
                info += " " + _(
                    "Annotations privées devinées d'après leur en-tête : {headers} ; "
                    "vérifiez-les ci-dessous."
                ).format(headers=", ".join(f"« {h} »" for h in guessed))
        self.ds_info.setText(info)
        self.ds_fixed.setText(
            _("Colonnes fixes de Démarches Simplifiées (lues telles quelles) : {headers}.").format(
                headers=", ".join(preview.fixed)
            )
        )
        self.ds_frame.show()
        self.sheet_combo.setEnabled(False)
        labels = field_labels(self.required)
        self.required_legend.setText(
            _("* champ obligatoire pour cet appel : {fields}.").format(
                fields=", ".join(labels[f].rstrip(" *") for f in self.required if f != "ref")
            )
            + " "
            + _("La référence est l'ID du dossier.")
        )
        self._prefix_changed()
        self.annotations_combo.clear()
        self.annotations_combo.addItem(_("(colonne par colonne, ci-dessous)"), "")
        for header in preview.headers:
            if header:
                self.annotations_combo.addItem(header, header)
        self._show_preview(
            DossierPreview(
                sheets=(preview.sheet,),
                sheet=preview.sheet,
                header_row=1,
                headers=preview.headers,
                mapping=mapping,
                rows=preview.rows,
                missing=(),
                row_count=preview.row_count,
            ),
            ds=True,
        )

    def _choose_attachments(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Pièces jointes des dossiers"),
            str(self.path.parent),
            _("Archive zip (*.zip)"),
        )
        if chosen:
            self.attachments_edit.setText(chosen)

    def _prefix_changed(self) -> None:
        if self.ds_preview is None:
            return
        example = next(iter(self.ds_preview.rows), None)
        self.prefix_example.setText(
            _("ex. dossier n° 10234 → référence « {ref} »").format(
                ref=f"{self.prefix_edit.text().strip()}10234"
            )
            if example is not None
            else ""
        )

    def _show_preview(self, preview: DossierPreview, *, ds: bool = False) -> None:
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
        if not ds:
            self.ds_preview = None
            self.ds_frame.hide()
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
        labels = ds_field_labels(self.required) if ds else field_labels(self.required)
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
            sample = first[row - 1] if row - 1 < len(first) else ""
            line = sample.split("\n", 1)[0]
            example = QLabel(line if len(line) <= 70 and line == sample else line[:70] + "…")
            example.setToolTip(sample)
            example.setProperty("muted", True)
            self.mapping_grid.addWidget(name, row, 0)
            self.mapping_grid.addWidget(combo, row, 1)
            self.mapping_grid.addWidget(example, row, 2)
            self.combos[header] = combo
        tab_chain(
            [
                self.sheet_combo,
                *(
                    (
                        self.prefix_edit,
                        self.attachments_edit,
                        self.attachments_button,
                        self.annotations_combo,
                    )
                    if ds
                    else ()
                ),
                *self.combos.values(),
                self.preview_table,
                self.import_button,
                self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            ]
        )
        self.mapping_grid.setColumnStretch(2, 1)
        self.mapping_grid.setRowStretch(len(preview.headers) + 1, 1)
        self.preview_model.set_preview(preview.headers, preview.rows)
        self._mapping_changed()
        self.preview_table.resizeColumnsToContents()
        sections = self.preview_table.horizontalHeader()
        for column in range(self.preview_model.columnCount()):
            sections.resizeSection(column, min(max(sections.sectionSize(column), 110), 260))

    def _annotations_from_chosen(self) -> None:
        """The column chosen and those after it become private annotations, but for those
        mapped to a call's field, shown to jurors as annotations, or ignored."""
        first = self.annotations_combo.currentData()
        if not first:
            return
        reached = False
        for header, combo in self.combos.items():
            reached = reached or header == first
            if reached and combo.currentData() == FREE:
                combo.setCurrentIndex(combo.findData(ANNOTATION))
        self._mapping_changed()

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
            elif field == ANNOTATION:
                targets.append(_("annotation privée"))
            elif field == SHARED:
                targets.append(_("annotation partagée"))
            else:
                targets.append(labels[field].rstrip(" *"))
        self.preview_model.set_targets(targets)
        problems: list[str] = []
        chosen: dict[str, list[str]] = {}
        for header, field in mapping.items():
            if field not in (FREE, IGNORE, ANNOTATION, SHARED):
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
        required = [
            field
            for field in self.required
            if not (field == "ref" and self.ds_preview is not None)  # a DS export: its ID
        ]
        missing = [labels[field].rstrip(" *") for field in required if field not in chosen]
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
        ds = self.ds_preview is not None
        sheet = None if ds else self.preview.sheet
        prefix = self.prefix_edit.text().strip() if ds else None
        documents = self.attachments_edit.text().strip() if ds else ""
        attachments = Path(documents) if documents else None
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
                prefix=prefix,
                attachments=attachments,
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
