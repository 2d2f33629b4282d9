"""The secretariat's screens: dossiers and admissibility, the call's rules, the jury.

The secretariat never sees jurors' scores here (rules §11); it imports
dossiers, declares them admissible or not, records attendance, and reads the
call's settings as the engine will apply them. Every change goes through
``juryapp.operations`` by the session, and every tab refreshes from the
session's ``changed`` signal (a change at the desk, a merge, an import).
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.fields import DOSSIER_FIELDS
from juryapp.core.grid import format_number
from juryapp.core.model import (
    Aggregation,
    Attendance,
    CallRules,
    Juror,
    MajorityRule,
    Mode,
    QuorumRule,
    RateBase,
)
from juryapp.core.money import format_cents
from juryapp.core.registry import RegistryFlag
from juryapp.core.texts import format_note
from juryapp.i18n import _, current_language
from juryapp.operations import registry, secretariat
from juryapp.operations.changes import Changes
from juryapp.ui.access import leave_with_tab
from juryapp.ui.dialogs.admissibility import AdmissibilityDialog
from juryapp.ui.dialogs.assignment import AssignmentDialog
from juryapp.ui.dialogs.dossier_view import DossierViewDialog
from juryapp.ui.dialogs.grid_editor import GridEditorDialog
from juryapp.ui.dialogs.import_dossiers import ImportDialog, import_summary
from juryapp.ui.dialogs.registry import RegistryDialog
from juryapp.ui.messages import KNOWN_ERRORS, inform, show_known_error
from juryapp.ui.models.registry import flag_summary
from juryapp.ui.models.secretariat import (
    REF_ROLE,
    AdmissionModel,
    CategoryModel,
    CriteriaModel,
    JuryModel,
    attendance_label,
)
from juryapp.ui.session import Session
from juryapp.ui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:  # the desk is imported when first shown
    from juryapp.ui.desk import DeskPage
    from juryapp.ui.desk.documents import Documents

__all__ = ["SecretariatPage", "rules_summary"]

ModelIndex = QModelIndex | QPersistentModelIndex


def _table(name: str, hint: str = "") -> QTableView:
    table = QTableView()
    table.setAccessibleName(name)
    leave_with_tab(table, hint or _("Flèches : se déplacer dans le tableau ; Tab : le quitter"))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 11)
    table.horizontalHeader().setHighlightSections(False)
    return table


def rules_summary(rules: CallRules, criteria_count: int) -> list[tuple[str, str]]:
    """The call's settings as (label, value) lines, in French (or English)."""
    lang = current_language()

    def money(cents: int | None) -> str:
        return _("aucun") if cents is None else format_cents(cents, lang)

    mode = {
        Mode.ENVELOPE: _("enveloppe répartie dans l'ordre du classement"),
        Mode.PRIZE: _("prix par place"),
    }[rules.mode]
    aggregation = {
        Aggregation.MEAN: _("moyenne des notes des jurés"),
        Aggregation.MEDIAN: _("médiane des notes des jurés"),
        Aggregation.MAJORITY_JUDGMENT: _("jugement majoritaire"),
    }[rules.aggregation]
    rate = _("aucun")
    if rules.rate is not None:
        base = {
            RateBase.ELIGIBLE_EXPENSES: _("des dépenses éligibles"),
            RateBase.TOTAL_BUDGET: _("du budget global"),
        }[rules.rate_base]
        rate = f"{format_note(Fraction(rules.rate) * 100, 0, lang)} % {base}"
    quorum = {
        QuorumRule.HALF: _("la moitié des membres votants (visio et représentés comptent)"),
        QuorumRule.MAJORITY: _("plus de la moitié présents physiquement"),
    }[rules.quorum]
    majority = {
        MajorityRule.CAST: _("des suffrages exprimés"),
        MajorityRule.PRESENT: _("des membres présents"),
    }[rules.majority]
    lines: list[tuple[str, str]] = [
        (_("Appel"), rules.name),
        (_("Autorité"), rules.authority or "—"),
        (_("Séance"), " · ".join(p for p in (rules.date, rules.place) if p) or "—"),
        (_("Mode d'attribution"), mode),
    ]
    if rules.mode is Mode.ENVELOPE:
        lines.append((_("Enveloppe"), money(rules.envelope_cents)))
    else:
        prizes = " ; ".join(
            _("{place}e : {amount}").format(place=i, amount=format_cents(p, lang))
            for i, p in enumerate(rules.prizes_cents, start=1)
        )
        lines.append((_("Prix"), prizes or "—"))
    lines += [
        (_("Plafond par projet"), money(rules.cap_cents)),
        (_("Taux maximal d'aide"), rate),
        (_("Aide minimale"), money(rules.floor_cents) if rules.floor_cents else _("aucune")),
        (_("Financement partiel"), _("oui") if rules.partial_funding else _("non")),
        (
            _("Note"),
            _("sur {scale}, {count} critères pondérés").format(
                scale=rules.scale, count=criteria_count
            ),
        ),
        (
            _("Seuil de note"),
            "—"
            if rules.threshold is None
            else f"{format_number(rules.threshold, lang)} / {rules.scale}",
        ),
        (_("Agrégation"), aggregation),
        (_("Notes minimum par dossier"), str(rules.min_scores)),
        (
            _("Départage des ex aequo"),
            " → ".join(step.keyword() for step in rules.tie_break)
            or _("aucun (ex aequo partagés)"),
        ),
        (_("Quorum"), quorum),
        (_("Majorité"), majority),
    ]
    return lines


class AttendanceDelegate(QStyledItemDelegate):
    """A combo box over the attendance values."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(_("Présence"))
        for attendance in Attendance:
            combo.addItem(attendance_label(attendance), attendance.value)
        return combo

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: object, index: ModelIndex) -> None:
        if isinstance(editor, QComboBox) and hasattr(model, "setData"):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SecretariatPage(QWidget):
    """Tabs: Dossiers, Règles de l'appel, Jury."""

    #: Picks the workbook to import (tests replace it).
    choose_workbook: Callable[[QWidget], Path | None] = staticmethod(
        lambda parent: (
            Path(path)
            if (
                path := QFileDialog.getOpenFileName(
                    parent,
                    _("Classeur des dossiers"),
                    "",
                    _("Dossiers (*.xlsx *.ods *.csv *.grist);;Classeur Excel (*.xlsx);;*"),
                )[0]
            )
            else None
        )
    )

    def __init__(
        self, session: Session, indicator: SaveIndicator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("secretariatPage")
        self.session = session
        self.indicator = indicator
        self.read_only = session.is_closed
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Écrans du secrétariat"))
        self.tabs.addTab(self._build_dossiers(), _("&Dossiers"))
        self.tabs.addTab(self._build_rules(), _("&Règles de l'appel"))
        self.tabs.addTab(self._build_jury(), _("&Jury"))
        self.desk_tab = QWidget()
        self.desk_tab.setObjectName("deskTab")
        QVBoxLayout(self.desk_tab).setContentsMargins(0, 0, 0, 0)
        self.desk: DeskPage | None = None
        self.tabs.addTab(self.desk_tab, _("D&élibération"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs)
        self._documents: Documents | None = None
        self.actions_list = self._build_actions()
        session.changed.connect(self._campaign_changed)

    # --- dossiers -----------------------------------------------------------------------------

    def _build_dossiers(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setSpacing(8)
        bar = QHBoxLayout()
        self.dossier_count = QLabel()
        self.dossier_count.setWordWrap(True)  # larger text: on two lines, never cut
        self.dossier_count.setProperty("strong", True)
        self.import_button = QPushButton(_("&Importer des dossiers…"))
        self.import_button.setObjectName("primary")
        self.import_button.setAccessibleName(_("Importer des dossiers"))
        self.import_button.clicked.connect(self.import_dossiers)
        self.admissibility_button = QPushButton(_("Re&cevabilité…"))
        self.admissibility_button.setAccessibleName(_("Modifier la recevabilité du dossier"))
        self.admissibility_button.setToolTip(_("Ou Entrée / double-clic sur le dossier"))
        self.admissibility_button.clicked.connect(self.edit_admissibility)
        for button in (self.import_button, self.admissibility_button):
            button.setEnabled(not self.read_only)
        self.registry_button = QPushButton(_("Registre des &lauréats…"))
        self.registry_button.setObjectName("registryButton")
        self.registry_button.setAccessibleName(
            _("Registre des lauréats passés : correspondances à confirmer, écarter ou passer outre")
        )
        self.registry_button.setToolTip(_("Soutien unique : un projet n'est soutenu qu'une fois"))
        self.registry_button.clicked.connect(lambda: self.show_registry())
        bar.addWidget(self.dossier_count)
        bar.addStretch(1)
        bar.addWidget(self.registry_button)
        bar.addWidget(self.admissibility_button)
        bar.addWidget(self.import_button)
        layout.addLayout(bar)

        self.dossier_model = AdmissionModel(
            self.session.campaign.dossiers, self.session.campaign.categories, self
        )
        self.dossier_model.set_dossiers(self.session.campaign.dossiers, self._registry_flags())
        self.dossier_proxy = QSortFilterProxyModel(self)
        self.dossier_proxy.setSourceModel(self.dossier_model)
        self.dossier_proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.dossier_table = _table(_("Dossiers de la campagne"))
        self.dossier_table.setObjectName("admissionTable")
        self.dossier_table.setModel(self.dossier_proxy)
        self.dossier_table.setSortingEnabled(True)
        self.dossier_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.dossier_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dossier_table.doubleClicked.connect(lambda _i: self.edit_admissibility())
        self.dossier_table.activated.connect(lambda _i: self.edit_admissibility())
        self._size_dossier_columns()
        layout.addWidget(self.dossier_table, 1)
        self._update_count()
        return tab

    def _registry_flags(self) -> dict[str, RegistryFlag]:
        """The dossiers that match the registry of past laureates (rules §13)."""
        return registry.registry_flags(self.session.file, self.session.campaign.dossiers)

    def show_registry(self) -> RegistryDialog:
        """The registry of past laureates: confirm, dismiss or override its matches."""
        dialog = RegistryDialog(self.session, self)
        dialog.open()
        return dialog

    def _size_dossier_columns(self) -> None:
        header = self.dossier_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {f.code: f.width for f in DOSSIER_FIELDS} | {"registry": 250}
        for column, key in enumerate(self.dossier_model.keys):
            # never narrower than its title (larger text)
            width = max(widths.get(key, 160), header.sectionSizeHint(column))
            header.resizeSection(column, width)

    def _update_count(self) -> None:
        dossiers = self.dossier_model.dossiers
        admissible = sum(d.admissible for d in dossiers)
        self.dossier_count.setText(
            _("{n} dossier(s) · {a} recevable(s) · {i} non recevable(s)").format(
                n=len(dossiers), a=admissible, i=len(dossiers) - admissible
            )
        )

    def current_dossier_ref(self) -> str | None:
        index = self.dossier_table.currentIndex()
        if not index.isValid():
            return None
        return str(index.siblingAtColumn(0).data(REF_ROLE))

    def view_dossier(self, ref: str | None = None) -> DossierViewDialog | None:
        """The dossier whole, the instruction's private annotations included."""
        ref = ref or self.current_dossier_ref()
        dossier = next((d for d in self.session.campaign.dossiers if d.ref == ref), None)
        if dossier is None:
            inform(self, _("Dossier"), _("Choisissez d'abord un dossier dans la liste."))
            return None
        detail = self.session.file.dossier_details([dossier.ref]).get(dossier.ref)
        dialog = DossierViewDialog(dossier, detail, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def edit_admissibility(
        self, ref: str | None = None, values: tuple[bool, str] | None = None
    ) -> None:
        """Ask (or take ``values``) and record a dossier's admissibility."""
        if self.read_only:
            return
        ref = ref or self.current_dossier_ref()
        if ref is None:
            inform(self, _("Recevabilité"), _("Choisissez d'abord un dossier dans la liste."))
            return
        row = self.dossier_model.row_of(ref)
        dossier = self.dossier_model.dossiers[row]
        if values is None:
            dialog = AdmissibilityDialog(dossier, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            values = dialog.values()
        admissible, reason = values
        session = self.session
        self.indicator.saving()
        try:
            session.run(
                lambda: secretariat.set_admissibility(
                    session.file, ref, admissible, reason, session.author
                ),
                self,
            )
        except KNOWN_ERRORS as error:
            self.indicator.failed(str(error))
            show_known_error(self, error, _("Recevabilité non enregistrée"))
            return
        self.indicator.saved()

    def assign_dossiers(self) -> AssignmentDialog:
        """« Répartition des dossiers »: who scores what (rules §14)."""
        dialog = AssignmentDialog(self.session, self)
        dialog.open()
        return dialog

    def import_dossiers(self, path: Path | None = None) -> ImportDialog | None:
        """Choose a workbook and open the mapping dialog; reload the dossiers after."""
        if self.read_only:
            return None
        path = path or self.choose_workbook(self)
        if path is None:
            return None
        dialog = ImportDialog(self.session, path, self)
        dialog.finished.connect(lambda code: self._import_finished(dialog, code))
        dialog.open()
        return dialog

    def _import_finished(self, dialog: ImportDialog, code: int) -> None:
        result = dialog.outcome
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted or result is None:
            return
        self.indicator.saved()
        text = import_summary(result)
        if result.registry:
            text += (
                "\n\n"
                + _("Registre des lauréats passés (soutien unique) :")
                + "\n"
                + "\n".join(
                    f"• {ref} — {flag_summary(flag)}" for ref, flag in result.registry.items()
                )
            )
        inform(self, _("Import terminé"), text)

    # --- what changed -------------------------------------------------------------------------

    def _campaign_changed(self, changes: Changes, initiator: object) -> None:
        """Every tab follows the session: one signal after each operation, wherever made."""
        campaign = self.session.campaign
        if changes.dossiers:
            current = self.current_dossier_ref()
            self.dossier_model.set_dossiers(campaign.dossiers, self._registry_flags())
            self._size_dossier_columns()
            self._update_count()
            if current is not None and current in {d.ref for d in campaign.dossiers}:
                row = self.dossier_model.row_of(current)
                index = self.dossier_proxy.mapFromSource(self.dossier_model.index(row, 0))
                self.dossier_table.setCurrentIndex(index)
        if changes.grid:
            self.criteria_model.set_rows(campaign.criteria)
        if changes.jury and initiator is not self.jury_model:
            self.jury_model.set_rows(campaign.jurors)
        if changes.seal:
            self._set_read_only(self.session.is_closed)

    def _set_read_only(self, read_only: bool) -> None:
        """Sealed: nothing of the preparation changes any more (reopened: it may again)."""
        self.read_only = read_only
        for button in (self.import_button, self.admissibility_button, self.grid_button):
            button.setEnabled(not read_only)
        for act in self.actions_list[:4]:
            act.setEnabled(not read_only)
        self.jury_model.set_attendance_writer(None if read_only else self._set_attendance)

    # --- rules --------------------------------------------------------------------------------

    def _build_rules(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setObjectName("rulesScroll")
        scroll.setWidgetResizable(True)
        # a tab stop (to scroll the rules with the arrows), so it is named and ringed
        scroll.setAccessibleName(_("Règles de l'appel"))
        scroll.setAccessibleDescription(_("Flèches : faire défiler les règles"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(12)
        campaign = self.session.campaign

        top = QHBoxLayout()
        settings_box = QGroupBox(_("L'appel"))
        form = QFormLayout(settings_box)
        form.setHorizontalSpacing(18)
        form.setVerticalSpacing(6)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        self.rules_lines = rules_summary(campaign.rules, len(campaign.criteria))
        for label, value in self.rules_lines:
            name = QLabel(label)
            name.setProperty("muted", True)
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(name, text)
        top.addWidget(settings_box, 1)
        layout.addLayout(top)

        grid_box = QGroupBox(_("Grille de notation"))
        grid_layout = QVBoxLayout(grid_box)
        self.criteria_model = CriteriaModel(campaign.criteria, parent=self)
        self.criteria_table = _table(_("Critères de la grille"))
        self.criteria_table.setModel(self.criteria_model)
        header = self.criteria_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CriteriaModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        self._fit_height(self.criteria_table, len(campaign.criteria))
        grid_layout.addWidget(self.criteria_table)
        grid_bar = QHBoxLayout()
        grid_note = QLabel(
            _("Part : poids du critère dans la note finale. Seuil : moyenne minimale exigée.")
        )
        grid_note.setProperty("muted", True)
        self.grid_button = QPushButton(_("&Modifier la grille…"))
        self.grid_button.setAccessibleName(_("Modifier la grille"))
        self.grid_button.setEnabled(not self.read_only)
        self.grid_button.clicked.connect(self.edit_grid)
        grid_bar.addWidget(grid_note, 1)
        grid_bar.addWidget(self.grid_button)
        grid_layout.addLayout(grid_bar)
        layout.addWidget(grid_box)

        categories_box = QGroupBox(_("Catégories"))
        categories_layout = QVBoxLayout(categories_box)
        if campaign.categories:
            self.category_model: CategoryModel | None = CategoryModel(campaign.categories, self)
            table = _table(_("Catégories de l'appel"))
            table.setModel(self.category_model)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
            self._fit_height(table, len(campaign.categories))
            categories_layout.addWidget(table)
        else:
            self.category_model = None
            categories_layout.addWidget(QLabel(_("Pas de catégories : un seul classement.")))
        layout.addWidget(categories_box)
        layout.addStretch(1)
        scroll.setWidget(body)
        return scroll

    @staticmethod
    def _fit_height(table: QTableView, rows: int) -> None:
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = table.verticalHeader().defaultSectionSize()
        height = table.horizontalHeader().sizeHint().height() + row * rows + 6
        table.setFixedHeight(height)

    def edit_grid(self) -> None:
        dialog = GridEditorDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.indicator.saved()
        dialog.deleteLater()

    # --- jury ---------------------------------------------------------------------------------

    def _build_jury(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        intro = QLabel(
            _(
                "La présence sert au quorum et au procès-verbal. Double-cliquez (ou F2) la "
                "présence d'un membre pour la modifier."
            )
        )
        intro.setProperty("muted", True)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.jury_model = JuryModel(
            self.session.campaign.jurors,
            None if self.read_only else self._set_attendance,
            self,
        )
        self.jury_table = _table(
            _("Membres du jury"),
            _("Flèches : se déplacer ; F2 : modifier la présence ; Tab : quitter le tableau"),
        )
        self.jury_table.setModel(self.jury_model)
        self.jury_table.setItemDelegateForColumn(JuryModel.ATTENDANCE, AttendanceDelegate(self))
        header = self.jury_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((70, 240, 320, 170, 160)):
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        header.setStretchLastSection(True)
        layout.addWidget(self.jury_table, 1)
        return tab

    def _set_attendance(self, juror: Juror, attendance: Attendance) -> bool:
        session = self.session
        self.indicator.saving()
        try:
            session.run(
                lambda: secretariat.set_attendance(
                    session.file, juror.code, attendance, session.author
                ),
                self.jury_model,
            )
        except KNOWN_ERRORS as error:
            self.indicator.failed(str(error))
            show_known_error(self, error, _("Présence non enregistrée"))
            return False
        self.indicator.saved()
        return True

    # --- deliberation desk, juror copies, merge -------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.desk_tab and self.desk is None:
            self.show_desk()

    def show_desk(self) -> None:
        """The deliberation desk (ranking, decisions, seal), built when first shown."""
        if self.desk is None:
            from juryapp.ui.desk import DeskPage

            # the desk runs its operations through the session and refreshes from it
            self.desk = DeskPage(
                self.session.file,
                self.session.author,
                current_language(),
                session=self.session,
            )
            self.desk.projection_changed.connect(self._desk_projection)
            layout = self.desk_tab.layout()
            if layout is not None:
                layout.addWidget(self.desk)
        self.tabs.setCurrentWidget(self.desk_tab)

    def juror_copies(self) -> None:
        from juryapp.ui.dialogs.juror_copies_dialog import JurorCopiesDialog

        dialog = JurorCopiesDialog(self.session, self)
        dialog.exec()
        dialog.deleteLater()

    def merge_copies(self) -> None:
        from juryapp.ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.session, self)
        dialog.exec()
        dialog.deleteLater()

    # --- documents ----------------------------------------------------------------------------

    @property
    def documents(self) -> Documents:
        """The four documents, written as ``juryapp export`` writes them."""
        if self._documents is None:
            from juryapp.ui.desk.documents import Documents

            self._documents = Documents(
                self, self.session.file, self.session.author, current_language()
            )
        return self._documents

    def export_minutes(self, path: Path | None = None) -> bool:
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.MINUTES, path)

    def verify_file(self, pv: Path | None = None) -> None:
        """The auditor's check of the campaign file (integrity, journal, seal), and of a
        PV against it when ``pv`` is given, in the background; what was found is said."""
        from juryapp.operations.verification import Verification, verify_campaign
        from juryapp.ui import tasks
        from juryapp.ui.messages import show_error

        file = self.session.file
        title = _("Vérification du fichier") if pv is None else _("Vérification du procès-verbal")

        def done(found: Verification) -> None:
            said = [found.summary(), *(f"• {p}" for p in found.problems), *found.lines]
            (inform if found.ok else show_error)(self, title, "\n".join(said))

        def failed(error: BaseException) -> None:
            if not isinstance(error, KNOWN_ERRORS):
                raise error
            show_known_error(self, error, title)

        tasks.run_task(
            self, _("Vérification du fichier…"), lambda: verify_campaign(file, pv=pv), done, failed
        )

    def verify_minutes(self, path: Path | None = None) -> None:
        """Check a procès-verbal (PDF, signed or not) against this campaign file."""
        from juryapp.ui.file_dialogs import open_file

        if path is None:
            path = open_file(
                self,
                _("Vérifier un procès-verbal"),
                self.session.file.path.parent,
                _("Document PDF (*.pdf)"),
            )
        if path is not None:
            self.verify_file(pv=path)

    def export_signed_minutes(self, path: Path | None = None) -> bool:
        """The PV of the sealed deliberation, signed with the secretariat's certificate."""
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.MINUTES, path, signed=True)

    def export_awards(self, path: Path | None = None) -> bool:
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.AWARDS, path)

    def export_opendata(self, path: Path | None = None) -> bool:
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.OPENDATA, path)

    def export_ds_results(self, path: Path | None = None) -> bool:
        """The results file for Démarches Simplifiées (after the seal)."""
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.DS_ANNOTATIONS, path)

    def export_explanation(self, path: Path | None = None) -> bool:
        """The dossier chosen at the desk, or else in the dossiers' list."""
        ref = None
        if self.desk is not None and self.tabs.currentWidget() is self.desk_tab:
            ref = self.desk.selected_ref
        ref = ref or self.current_dossier_ref()
        if ref is None:
            inform(
                self,
                _("Fiche d'explication"),
                _(
                    "Choisissez d'abord un dossier (liste des dossiers ou bureau de la "
                    "délibération)."
                ),
            )
            return False
        from juryapp.ui.desk.documents import Document

        return self.documents.export(Document.EXPLANATION, path, ref=ref)

    def toggle_projection(self) -> None:
        """The desk, projected (F5); Échap or F5 again come back."""
        self.show_desk()
        if self.desk is not None:
            self.desk.toggle_projection()

    def _desk_projection(self, on: bool) -> None:
        """While projecting, the secretariat's own tabs give their room to the desk."""
        self.tabs.tabBar().setVisible(not on)
        margin = 0 if on else 12
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(margin, margin, margin, margin)

    # --- actions ------------------------------------------------------------------------------

    def _build_actions(self) -> list[QAction]:
        def action(text: str, keys: str, slot: Callable[[], object]) -> QAction:
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
            act.triggered.connect(lambda _checked=False: slot())
            act.setEnabled(not self.read_only)
            self.addAction(act)
            return act

        actions = [
            action(_("&Importer des dossiers…"), "Ctrl+I", self.import_dossiers),
            action(_("&Recevabilité du dossier…"), "Ctrl+E", self.edit_admissibility),
            action(_("&Modifier la grille…"), "", self.edit_grid),
            action(_("Ré&partition des dossiers…"), "Ctrl+Shift+R", self.assign_dossiers),
            # named as their dialogs (and the README) name them
            action(_("Préparer les &fichiers des jurés…"), "", self.juror_copies),
            action(_("Fusio&nner des notes…"), "", self.merge_copies),
            action(_("&Bureau de la délibération"), "Ctrl+B", self.show_desk),
            action(_("Mode pro&jection du bureau"), "F5", self.toggle_projection),
            action(_("Exporter le &procès-verbal…"), "Ctrl+Shift+P", self.export_minutes),
            action(_("Exporter le procès-verbal si&gné…"), "", self.export_signed_minutes),
            action(_("Vérifi&er l'intégrité du fichier"), "", self.verify_file),
            action(_("Vérifier un pr&ocès-verbal (PDF)…"), "", self.verify_minutes),
            action(_("Exporter la fic&he d'explication…"), "Ctrl+Shift+H", self.export_explanation),
            action(_("Exporter le &tableau d'attribution…"), "Ctrl+Shift+T", self.export_awards),
            action(_("Exporter les &données ouvertes…"), "Ctrl+Shift+D", self.export_opendata),
            action(
                _("Exporter les résultats pour Démarches &Simplifiées…"),
                "",
                self.export_ds_results,
            ),
            action(_("&Voir le dossier…"), "Ctrl+Shift+V", self.view_dossier),
            action(_("Registre des &lauréats passés…"), "Ctrl+Shift+L", self.show_registry),
        ]
        for act in actions[4:]:
            act.setEnabled(True)  # useful on a closed campaign too
        return actions
