"""The deliberation desk: what the jury sees projected in session, and what it decides.

One ranking per pool (category, or the call) with ties, the threshold line and
the waiting list; the envelope gauges; what blocks closing; a dossier's detail
(each juror's note and criterion means, shown only here); the jury's decisions
(vote, draw, withdrawal, amount, category not awarded, undo); attendance and
quorum; closing (the seal), reopening, and the four documents (``documents``).

It fits a 1280×720 screen or projector in every state; the projection mode
(F5, Échap to leave) shows the ranking alone in large type, with full titles,
the gauges on two short lines and the legend on screen.

Every change goes through ``juryapp.operations`` and the results are recomputed
from the campaign file right after, so the desk always shows what the engine
says. Modal interactions go through ``juryapp.ui.desk.feedback`` (tests patch it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from juryapp import operations
from juryapp.core.model import Attendance, Campaign, QuorumRule, TieBreakKind, VoteChoice
from juryapp.core.money import format_cents
from juryapp.core.quorum import president
from juryapp.core.report import result_status_label, status_label
from juryapp.core.results import DossierResult, Results, Status, TieGroup, TieState
from juryapp.core.texts import format_note
from juryapp.i18n import _, translate
from juryapp.operations import OperationError
from juryapp.store import CampaignFile, DecisionInfo, StoreError
from juryapp.ui.desk import feedback
from juryapp.ui.desk.dialogs import (
    AmountDialog,
    DrawDialog,
    NoAwardDialog,
    ReasonDialog,
    TieVoteDialog,
    WithdrawDialog,
)
from juryapp.ui.desk.documents import Document, Documents
from juryapp.ui.desk.gauge import EnvelopeGauge, GaugeValues
from juryapp.ui.desk.models import (
    ATTENDANCE_LABELS,
    BROKEN_TIE,
    ERROR_TEXT,
    PENDING_TIE,
    REF_ROLE,
    SHARED_TIE,
    AttendanceModel,
    Column,
    DecisionsModel,
    PendingModel,
    RankingModel,
    TextTableModel,
    decision_summary,
    tie_label,
)

__all__ = ["DeskPage", "ElidedLabel", "grouped_hash"]

T = TypeVar("T")
_REFUSALS = (OperationError, StoreError)
_OK = "#2E7D32"
_BAD = "#B00020"


class AttendanceDelegate(QStyledItemDelegate):
    """A combo box of the four attendances for the « Présence » column."""

    def __init__(self, parent: QWidget | None = None, lang: str = "fr") -> None:
        super().__init__(parent)
        self.lang = lang

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        combo = QComboBox(parent)
        for attendance, label in ATTENDANCE_LABELS.items():
            combo.addItem(translate(label, self.lang), attendance.value)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = index.data(Qt.ItemDataRole.EditRole)
            editor.setCurrentIndex(max(0, editor.findData(value)))

    def setModelData(
        self,
        editor: QWidget,
        model: Any,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class _RankingDelegate(QStyledItemDelegate):
    """Projected, a title wraps: its row is as tall as the wrapped title needs, padding
    included (the style's own size hint measures the text without the padding)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        if index.column() != Column.TITLE or not self.view.wordWrap():
            return size
        metrics = self.view.fontMetrics()
        width = max(self.view.columnWidth(Column.TITLE) - 26, 40)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        needed = metrics.boundingRect(
            0, 0, width, 100_000, int(Qt.TextFlag.TextWordWrap), text
        ).height()
        return QSize(size.width(), max(size.height(), needed + 10))


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _small_table(model: TextTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustIgnored)
    view.setMinimumWidth(0)
    view.verticalHeader().setDefaultSectionSize(int(view.fontMetrics().height() * 1.5))
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return view


def grouped_hash(digest: str) -> str:
    """A SHA-256 in four groups of sixteen, so that it wraps on a narrow screen."""
    return " ".join(digest[i : i + 16] for i in range(0, len(digest), 16))


class ElidedLabel(QLabel):
    """One line that gives way to its neighbours: elided with « … », whole in its tooltip."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)
        self.setAccessibleName(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("MMMMMMMM"), super().sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)
        painter.end()


def _legend_chip(colour: QColor, text: str) -> str:
    return (
        f'<span style="background-color:{colour.name()};">&nbsp;&nbsp;&nbsp;&nbsp;</span>'
        f"&nbsp;{text}"
    )


class DeskPage(QWidget):
    """The deliberation desk for one campaign file (the secretariat's view, in session)."""

    #: Emitted after every change recorded from the desk (decision, attendance, seal).
    changed = Signal()
    #: Emitted when the projection mode starts (True) or ends (False).
    projection_changed = Signal(bool)

    def __init__(
        self,
        campaign_file: CampaignFile,
        author: str,
        lang: str = "fr",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPage")
        self.file = campaign_file
        self.author = author
        self.lang = lang
        self.campaign: Campaign | None = None
        self.results: Results | None = None
        self.decisions: list[DecisionInfo] = []
        self.closed = False
        self.selected_ref: str | None = None
        self._pools: list[str | None] = []
        self._gauges: list[EnvelopeGauge] = []
        self._build()
        self.refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        self.projecting = False
        self._fit_pending = False
        self._documents = Documents(self, self.file, self.author, self.lang)
        layout.addLayout(self._build_header())
        self.seal_banner = QLabel()
        self.seal_banner.setObjectName("sealBanner")
        self.seal_banner.setWordWrap(True)
        self.seal_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.seal_banner.setStyleSheet(
            "QLabel#sealBanner { background: #263238; color: white; padding: 8px 12px;"
            " border-radius: 4px; }"
        )
        self.seal_banner.hide()
        layout.addWidget(self.seal_banner)
        self.gauge_row = QHBoxLayout()
        self.gauge_row.setSpacing(16)
        self.gauges_frame = QFrame()
        self.gauges_frame.setObjectName("gauges")
        self.gauges_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.gauges_frame.setLayout(self.gauge_row)
        layout.addWidget(self.gauges_frame)
        layout.addWidget(self._build_pending())

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("deskSplitter")
        self.splitter.addWidget(self._build_ranking())
        self.splitter.addWidget(self._build_side())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([920, 350])
        layout.addWidget(self.splitter, 1)
        self._normal_font = QFont(self.font())
        self._build_projection()

    def _build_header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.name_label = ElidedLabel()
        self.name_label.setObjectName("deskTitle")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.45)
        font.setBold(True)
        self.name_label.setFont(font)
        # The name is elided and the quorum wraps: a reopened, long-named call fits 1280 px.
        self.state_label = QLabel()
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        status = QHBoxLayout()
        status.setSpacing(18)
        status.addWidget(self.state_label)
        status.addWidget(self.quorum_label, 1)
        titles.addWidget(self.name_label)
        titles.addLayout(status)
        row.addLayout(titles, 1)
        self.close_button = QPushButton(_("Clore la délibération"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close_deliberation)
        self.reopen_button = QPushButton(_("Rouvrir…"))
        self.reopen_button.clicked.connect(self.reopen_deliberation)
        self.documents_button = QPushButton(_("D&ocuments"))
        self.documents_button.setObjectName("documentsButton")
        self.documents_button.setToolTip(
            _("Procès-verbal, fiche d'explication, tableau d'attribution, données ouvertes")
        )
        self.documents_menu = QMenu(self.documents_button)
        self.minutes_action = self._document_action(
            _("&Procès-verbal (PDF)…"), lambda: self.export_minutes()
        )
        self.explanation_action = self._document_action(
            _("&Fiche d'explication du dossier (PDF)…"), lambda: self.export_explanation()
        )
        self.awards_action = self._document_action(
            _("&Tableau d'attribution (XLSX)…"), lambda: self.export_awards()
        )
        self.opendata_action = self._document_action(
            _("&Données ouvertes (CSV)…"), lambda: self.export_opendata()
        )
        self.documents_button.setMenu(self.documents_menu)
        self.projection_button = QPushButton(_("Projection (F5)"))
        self.projection_button.setObjectName("projectionButton")
        self.projection_button.setCheckable(True)
        self.projection_button.setToolTip(
            _("Le classement seul, en grands caractères, pour la salle ; Échap pour revenir")
        )
        self.projection_button.clicked.connect(self.set_projection)
        self.header_buttons: tuple[QWidget, ...] = (
            self.close_button,
            self.reopen_button,
            self.documents_button,
        )
        for button in self.header_buttons:
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.projection_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _document_action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        self.documents_menu.addAction(action)
        return action

    def _build_projection(self) -> None:
        """F5 (or the menu's action) projects; Échap, F5 or the button come back."""
        self.projection_action = QAction(_("Mode &projection"), self)
        self.projection_action.setCheckable(True)
        # the window hosting the desk puts it in a menu (one F5 per window)
        self.projection_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.projection_action.setToolTip(self.projection_button.toolTip())
        self.projection_action.toggled.connect(self.set_projection)
        self.leave_projection = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self.leave_projection.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.leave_projection.activated.connect(lambda: self.set_projection(False))
        self.leave_projection.setEnabled(False)

    def _build_pending(self) -> QWidget:
        self.pending_box = QGroupBox()
        self.pending_box.setObjectName("pendingBox")
        box = QVBoxLayout(self.pending_box)
        box.setContentsMargins(8, 4, 8, 6)
        box.setSpacing(2)
        self.pending_title = QLabel()
        font = self.pending_title.font()
        font.setBold(True)
        self.pending_title.setFont(font)
        box.addWidget(self.pending_title)
        self.pending_model = PendingModel(self, self.lang)
        self.pending_view = QListView()
        self.pending_view.setObjectName("pendingView")
        self.pending_view.setModel(self.pending_model)
        self.pending_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pending_view.setWordWrap(True)
        self.pending_view.setUniformItemSizes(False)
        self.pending_view.activated.connect(self._pending_activated)  # Enter, double-click
        box.addWidget(self.pending_view)
        return self.pending_box

    def _build_ranking(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        self.pool_tabs = QTabBar()
        self.pool_tabs.setObjectName("poolTabs")
        self.pool_tabs.setExpanding(False)
        self.pool_tabs.setDrawBase(False)
        self.pool_tabs.currentChanged.connect(self._pool_changed)
        column.addWidget(self.pool_tabs)

        self.ranking_model = RankingModel(self, self.lang)
        self.ranking_view = QTableView()
        self.ranking_view.setObjectName("rankingView")
        self.ranking_view.setModel(self.ranking_model)
        self.ranking_view.setItemDelegate(_RankingDelegate(self.ranking_view))
        table_font = QFont(self.font())
        table_font.setPointSizeF(table_font.pointSizeF() * 1.2)
        self.ranking_view.setFont(table_font)
        self.ranking_model.base_font = table_font
        self.ranking_view.verticalHeader().hide()
        self.ranking_view.verticalHeader().setDefaultSectionSize(
            int(self.ranking_view.fontMetrics().height() * 1.75)
        )
        self.ranking_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ranking_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.ranking_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.ranking_view.setWordWrap(False)
        self.ranking_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ranking_view.setShowGrid(True)
        self.ranking_view.setGridStyle(Qt.PenStyle.SolidLine)
        self.ranking_view.setStyleSheet(
            "QTableView#rankingView { gridline-color: #E0E0E0; }"
            "QTableView#rankingView::item { padding-left: 6px; padding-right: 6px; }"
        )
        header = self.ranking_view.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        self.ranking_view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.ranking_view.activated.connect(self._ranking_activated)  # Enter, double-click
        self.ranking_model.modelReset.connect(self._apply_spans)
        # projected, titles wrap: rows follow the title column's width
        header.sectionResized.connect(self._fit_rows_later)
        self.ranking_model.modelReset.connect(self._fit_rows_later)
        column.addWidget(self.ranking_view, 1)

        self.legend = QLabel(
            "&nbsp;&nbsp;".join(
                (
                    _legend_chip(PENDING_TIE, _("ex aequo : vote ou tirage requis")),
                    _legend_chip(SHARED_TIE, _("ex aequo : rang partagé")),
                    _legend_chip(BROKEN_TIE, _("ex aequo départagé")),
                    _legend_chip(QColor("#B00020"), _("ligne du seuil")),
                    _legend_chip(QColor("#1F5FA8"), _("liste complémentaire")),
                )
            )
            + "<br>"
            + _(
                "<b>Désaccord</b> : écart-type · étendue (max − min) des notes des jurés ; "
                "en orange quand l'étendue atteint le quart de l'échelle."
            )
        )
        self.legend.setObjectName("deskLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        column.addWidget(self.legend)

        self.actions_panel = QWidget()
        actions = QGridLayout(self.actions_panel)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setHorizontalSpacing(6)
        actions.setVerticalSpacing(4)
        self.vote_button = QPushButton(_("Départager par un &vote…"))
        self.vote_button.clicked.connect(self.settle_by_vote)
        self.draw_button = QPushButton(_("&Tirage au sort…"))
        self.draw_button.clicked.connect(self.draw_lots)
        self.withdraw_button = QPushButton(_("&Retirer…"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.amount_button = QPushButton(_("&Modifier le montant…"))
        self.amount_button.clicked.connect(self.change_amount)
        self.no_award_button = QPushButton(_("&Ne pas attribuer la catégorie…"))
        self.no_award_button.clicked.connect(self.no_award)
        # Two rows, so that the desk fits a 1280-pixel laptop screen or projector.
        for index, button in enumerate(
            (
                self.vote_button,
                self.draw_button,
                self.withdraw_button,
                self.amount_button,
                self.no_award_button,
            )
        ):
            actions.addWidget(button, index // 3, index % 3)
        actions.setColumnStretch(3, 1)
        column.addWidget(self.actions_panel)
        return panel

    # --- projection ------------------------------------------------------------------------

    def set_projection(self, on: bool) -> None:
        """Projection: the ranking alone in large type, full titles, the legend on screen."""
        on = bool(on)
        if on == self.projecting:
            return
        self.projecting = on
        for control in (self.projection_action, self.projection_button):
            control.blockSignals(True)
            control.setChecked(on)
            control.blockSignals(False)
        self.leave_projection.setEnabled(on)
        self.projection_button.setText(
            _("Quitter la projection (Échap)") if on else _("Projection (F5)")
        )
        self.side_tabs.setVisible(not on)
        self.actions_panel.setVisible(not on)
        for button in self.header_buttons:
            button.setVisible(not on)
        scale = 1.3 if on else 1.0
        base = QFont(self._normal_font)
        base.setPointSizeF(self._normal_font.pointSizeF() * scale)
        for widget in (
            self.state_label,
            self.quorum_label,
            self.seal_banner,
            self.pending_title,
            self.pending_view,
            self.pool_tabs,
            self.legend,
        ):
            font = QFont(base)
            font.setBold(widget.font().bold())
            widget.setFont(font)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.45)
        title.setBold(True)
        self.name_label.setFont(title)
        for gauge in self._gauges:
            gauge.setFont(base)
            gauge.set_compact(on)
        self._style_ranking()
        self._refresh_pending()
        if on:
            self.ranking_view.setFocus()
            self._fit_rows()
        self.projection_changed.emit(on)

    def _fit_rows_later(self, *_args: object) -> None:
        if self.projecting and not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_rows)

    def _fit_rows(self) -> None:
        self._fit_pending = False
        if self.projecting:
            self.ranking_view.resizeRowsToContents()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Échap leaves the projection (also when the window is not the active one)."""
        if self.projecting and event.key() == Qt.Key.Key_Escape:
            self.set_projection(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def toggle_projection(self) -> None:
        self.set_projection(not self.projecting)

    def _style_ranking(self) -> None:
        """The ranking's type: 1.2× the page's, 1.6× projected, titles wrapped when projected."""
        font = QFont(self._normal_font)
        font.setPointSizeF(self._normal_font.pointSizeF() * (1.4 if self.projecting else 1.2))
        self.ranking_view.setFont(font)
        self.ranking_model.base_font = font
        rows = self.ranking_view.verticalHeader()
        rows.setDefaultSectionSize(int(self.ranking_view.fontMetrics().height() * 1.75))
        self.ranking_view.setWordWrap(self.projecting)
        self.ranking_view.horizontalHeader().setFont(
            font if self.projecting else QFont(self._normal_font)
        )
        padding = "1px 8px" if self.projecting else "0px 6px"
        self.ranking_view.setStyleSheet(
            "QTableView#rankingView { gridline-color: #E0E0E0; }"
            f"QTableView#rankingView::item {{ padding: {padding}; }}"
        )
        rows.setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
            if self.projecting
            else QHeaderView.ResizeMode.Interactive
        )
        if not self.projecting:
            for row in range(self.ranking_model.rowCount()):
                rows.resizeSection(row, rows.defaultSectionSize())
        self.ranking_model.layoutChanged.emit()

    def _build_side(self) -> QWidget:
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.addTab(self._build_detail(), _("Dossier"))
        self.side_tabs.addTab(self._build_decisions(), _("Décisions"))
        self.side_tabs.addTab(self._build_attendance(), _("Présence et quorum"))
        self.side_tabs.setMinimumWidth(320)
        return self.side_tabs

    def _build_detail(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(8, 8, 8, 8)
        self.detail_title = QLabel(_("Choisissez un dossier dans le classement."))
        self.detail_title.setWordWrap(True)
        font = self.detail_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.detail_title.setFont(font)
        column.addWidget(self.detail_title)
        self.detail_facts = QLabel()
        self.detail_facts.setWordWrap(True)
        column.addWidget(self.detail_facts)
        self.notes_title = _section_title(_("Notes des jurés"))
        column.addWidget(self.notes_title)
        self.notes_model = TextTableModel([_("Juré"), _("Note")], self)
        self.notes_view = _small_table(self.notes_model)
        column.addWidget(self.notes_view)
        self.means_title = _section_title(_("Moyennes par critère"))
        column.addWidget(self.means_title)
        self.means_model = TextTableModel([_("Critère"), _("Moyenne"), _("Poids")], self)
        self.means_view = _small_table(self.means_model)
        column.addWidget(self.means_view)
        self.detail_quorum = QLabel()
        self.detail_quorum.setWordWrap(True)
        column.addWidget(self.detail_quorum)
        self.explanation_title = _section_title(_("Explication"))
        column.addWidget(self.explanation_title)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.explanation)
        column.addStretch(1)
        scroll.setWidget(inner)
        return scroll

    def _build_decisions(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(6, 6, 6, 6)
        self.decisions_model = DecisionsModel(self, self.lang)
        self.decisions_view = QListView()
        self.decisions_view.setObjectName("decisionsView")
        self.decisions_view.setModel(self.decisions_model)
        self.decisions_view.setModelColumn(DecisionsModel.CARD_COLUMN)
        self.decisions_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.decisions_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.decisions_view.setWordWrap(True)
        self.decisions_view.setUniformItemSizes(False)
        self.decisions_view.setAlternatingRowColors(True)
        self.decisions_view.setSpacing(2)
        self.decisions_view.selectionModel().currentRowChanged.connect(
            lambda *_args: self._update_actions()
        )
        column.addWidget(self.decisions_view, 1)
        self.undo_button = QPushButton(_("&Annuler la décision…"))
        self.undo_button.clicked.connect(self.undo_selected_decision)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        column.addLayout(row)
        return panel

    def _build_attendance(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(6, 6, 6, 6)
        self.quorum_detail = QLabel()
        self.quorum_detail.setWordWrap(True)
        font = self.quorum_detail.font()
        font.setBold(True)
        self.quorum_detail.setFont(font)
        column.addWidget(self.quorum_detail)
        self.attendance_model = AttendanceModel(self, self.lang)
        self.attendance_model.attendance_requested.connect(
            self.set_attendance, Qt.ConnectionType.QueuedConnection
        )
        self.attendance_view = QTableView()
        self.attendance_view.setObjectName("attendanceView")
        self.attendance_view.setModel(self.attendance_model)
        self.attendance_view.verticalHeader().hide()
        self.attendance_view.setItemDelegateForColumn(
            AttendanceModel.ATTENDANCE_COLUMN, AttendanceDelegate(self, self.lang)
        )
        self.attendance_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.attendance_view.setWordWrap(False)
        self.attendance_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.attendance_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        attendance_header = self.attendance_view.horizontalHeader()
        attendance_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        attendance_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        column.addWidget(self.attendance_view, 2)
        hint = QLabel(_("Présence : double-clic ou F2 sur la colonne « Présence »."))
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(_section_title(_("Quorum dossier par dossier (déports)")))
        self.dossier_quorum_model = TextTableModel(
            [_("Dossier"), _("Déport"), _("Quorum (présents / requis)")], self
        )
        self.dossier_quorum_view = _small_table(self.dossier_quorum_model)
        quorum_header = self.dossier_quorum_view.horizontalHeader()
        quorum_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        quorum_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.dossier_quorum_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        column.addWidget(self.dossier_quorum_view, 1)
        return panel

    # --- refreshing ------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the desk: scores may have changed elsewhere (merge, scoring)."""
        if self.results is not None and not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Recompute the results from the campaign file and show them everywhere."""
        self.campaign, self.results = operations.compute(self.file)
        self.closed = self.file.is_closed
        self.decisions = self.file.decisions()
        self._refresh_header()
        self._refresh_gauges()
        self._refresh_pending()
        self._refresh_pools()
        self._refresh_ranking()
        self._refresh_decisions()
        self._refresh_attendance()
        self._refresh_detail()
        self._update_actions()

    def _tr(self, message: str) -> str:
        return translate(message, self.lang)

    def _money(self, cents: int) -> str:
        return format_cents(cents, self.lang)

    def _refresh_header(self) -> None:
        assert self.results is not None
        self.name_label.setText(self.file.name)
        version = self.file.pv_version
        if self.closed:
            self.state_label.setText(_("Délibération close — PV version {v}").format(v=version))
            self.state_label.setStyleSheet(f"color: {_BAD}; font-weight: bold;")
            self.seal_banner.setText(
                _("Délibération scellée — PV version {v} — sceau SHA-256 : {seal}").format(
                    v=version, seal=grouped_hash(self.file.seal or "—")
                )
            )
            self.seal_banner.setToolTip(self.file.seal or "")
            self.seal_banner.show()
        else:
            text = _("Délibération ouverte")
            if version > 1:
                text += " — " + _("PV version {v} (rouverte)").format(v=version)
            self.state_label.setText(text)
            self.state_label.setStyleSheet(f"color: {_OK}; font-weight: bold;")
            self.seal_banner.hide()
        quorum = self.results.quorum
        rule = self.results.rules.quorum
        rule_name = _("moitié") if rule is QuorumRule.HALF else _("majorité")
        reached = _("atteint") if quorum.reached else _("NON ATTEINT")
        self.quorum_label.setText(
            _("Quorum ({rule}) : {p} présents / {r} requis — {state}").format(
                rule=rule_name, p=quorum.present, r=quorum.required, state=reached
            )
        )
        self.quorum_label.setStyleSheet(
            f"color: {_OK if quorum.reached else _BAD}; font-weight: bold;"
        )

    def _gauge_values(self) -> list[GaugeValues]:
        results = self.results
        assert results is not None
        values = []
        pools = [p for p in results.pools if p.kind in ("category", "reserve")]
        for pool in pools:
            has_money = bool(pool.envelope_cents or pool.prizes_cents or pool.received_cents)
            available = (
                pool.envelope_cents + pool.received_cents - pool.released_cents
                if has_money
                else None
            )
            name = pool.name if pool.kind == "category" else _("Réserve")
            awarded = pool.awarded_cents
            if not has_money:
                # a category on the call's envelope: what its own dossiers received there
                awarded = sum(d.amount_cents for d in results.dossiers if d.pool == pool.code)
            values.append(
                GaugeValues(
                    name,
                    available,
                    awarded,
                    pool.received_cents,
                    pool.released_cents,
                    pool.no_award,
                )
            )
        values.append(
            GaugeValues(
                _("Ensemble de l'appel") if pools else _("Enveloppe de l'appel"),
                results.envelope_cents or None,
                results.awarded_cents,
                total=True,
            )
        )
        return values

    def _refresh_gauges(self) -> None:
        values = self._gauge_values()
        while len(self._gauges) > len(values):
            gauge = self._gauges.pop()
            self.gauge_row.removeWidget(gauge)
            gauge.deleteLater()
        while len(self._gauges) < len(values):
            gauge = EnvelopeGauge(lang=self.lang)
            if self.projecting:
                gauge.setFont(self.legend.font())
                gauge.set_compact(True)
            self._gauges.append(gauge)
            self.gauge_row.addWidget(gauge, 1)
        for gauge, value in zip(self._gauges, values, strict=True):
            gauge.set_values(value)

    def _refresh_pending(self) -> None:
        assert self.results is not None
        pending = self.results.pending
        self.pending_model.set_items(pending)
        if pending:
            self.pending_title.setText(_("À régler avant la clôture ({n})").format(n=len(pending)))
            self.pending_box.setStyleSheet(
                "QGroupBox#pendingBox { background: #FFF4CC; border: 2px solid #E0A800;"
                " border-radius: 4px; margin-top: 0px; padding: 2px 4px; }"
            )
            rows = min(len(pending), 2 if self.projecting else 3)
            height = self.pending_view.fontMetrics().height()
            self.pending_view.setFixedHeight(int(height * 1.45 * rows) + 8)
            self.pending_view.show()
        else:
            text = (
                _("Délibération close : aucune décision possible sans réouverture motivée.")
                if self.closed
                else _("Rien ne bloque la clôture : la délibération peut être close.")
            )
            self.pending_title.setText(text)
            self.pending_box.setStyleSheet(
                "QGroupBox#pendingBox { background: #E8F5E9; border: 1px solid #81C784;"
                " border-radius: 4px; margin-top: 0px; padding: 2px 4px; }"
            )
            self.pending_view.hide()

    def _pool_name(self, code: str | None) -> str:
        assert self.results is not None
        for pool in self.results.pools:
            if pool.code == code and pool.kind in ("category", "call"):
                return pool.name if pool.kind == "category" else _("Classement")
        return code or _("Classement")

    def _refresh_pools(self) -> None:
        results = self.results
        assert results is not None
        # One tab per category; the call's own tab only when it ranks dossiers (no
        # categories, or dossiers without one), not for the call's shared envelope.
        codes: list[str | None] = [p.code for p in results.pools if p.kind == "category"]
        for dossier in results.dossiers:
            if dossier.pool not in codes:
                codes.append(dossier.pool)
        current = self.current_pool()
        pending_pools = {
            results.dossier(ref).pool
            for item in results.pending
            for ref in item.refs
            if ref in results.by_ref()
        }
        self.pool_tabs.blockSignals(True)
        if codes != self._pools:
            while self.pool_tabs.count():
                self.pool_tabs.removeTab(0)
            for code in codes:
                self.pool_tabs.addTab(self._pool_name(code))
            self._pools = codes
        for number, code in enumerate(codes):
            name = self._pool_name(code)
            if code in pending_pools:
                self.pool_tabs.setTabText(number, f"{name}  ⚠")
                self.pool_tabs.setTabTextColor(number, QColor("#8A5A00"))
            else:
                self.pool_tabs.setTabText(number, name)
                self.pool_tabs.setTabTextColor(number, self.palette().text().color())
        if current in codes:
            self.pool_tabs.setCurrentIndex(codes.index(current))
        self.pool_tabs.setVisible(len(codes) > 1)
        self.pool_tabs.blockSignals(False)
        self.pool_tabs.updateGeometry()  # its size hint changes with its tabs

    def current_pool(self) -> str | None:
        index = self.pool_tabs.currentIndex()
        if 0 <= index < len(self._pools):
            return self._pools[index]
        return None

    def show_pool(self, code: str | None) -> None:
        if code in self._pools:
            self.pool_tabs.setCurrentIndex(self._pools.index(code))

    def _pool_changed(self, _index: int) -> None:
        self.selected_ref = None
        self._refresh_ranking()
        self._refresh_detail()
        self._update_actions()

    def _refresh_ranking(self) -> None:
        assert self.results is not None and self.campaign is not None
        keep = self.selected_ref
        self.ranking_model.set_results(self.results, self.campaign, self.current_pool())
        self.ranking_view.setColumnHidden(
            Column.TIE,
            not any(
                r.result is not None and r.result.tie_group is not None
                for r in self.ranking_model.rows()
            ),
        )
        row = self.ranking_model.row_of(keep) if keep else None
        if row is None:
            self.selected_ref = None
            self.ranking_view.clearSelection()
        else:
            self.ranking_view.selectRow(row)
            self.ranking_view.setCurrentIndex(self.ranking_model.index(row, 0))

    def _apply_spans(self) -> None:
        self.ranking_view.clearSpans()
        for row in self.ranking_model.separator_rows():
            self.ranking_view.setSpan(row, 0, 1, self.ranking_model.columnCount())

    def _refresh_decisions(self) -> None:
        current = self.decisions_view.currentIndex()
        keep = current.row() if current.isValid() else None
        self.decisions_model.set_items(self.decisions)
        if keep is not None and keep < self.decisions_model.rowCount():
            self.select_decision(keep)

    def _refresh_attendance(self) -> None:
        results = self.results
        assert results is not None and self.campaign is not None
        self.attendance_model.set_jurors(self.campaign.jurors, editable=not self.closed)
        quorum = results.quorum
        self.quorum_detail.setText(
            _(
                "Quorum de l'appel : {p} membres comptés sur {m} votants, {r} requis — {state}"
            ).format(
                p=quorum.present,
                m=quorum.members,
                r=quorum.required,
                state=_("atteint") if quorum.reached else _("NON ATTEINT"),
            )
        )
        self.quorum_detail.setStyleSheet(f"color: {_OK if quorum.reached else _BAD};")
        rows: list[list[str]] = []
        colours: list[QColor | None] = []
        for result in results.dossiers:
            state = result.quorum
            if state is None or (not result.recused and state.reached == quorum.reached):
                continue
            rows.append(
                [
                    result.ref,
                    ", ".join(result.recused) or "—",
                    f"{state.present} / {state.required} — "
                    + (_("atteint") if state.reached else _("NON ATTEINT")),
                ]
            )
            colours.append(None if state.reached else ERROR_TEXT)
        self.dossier_quorum_model.set_text(rows, colours)

    def _refresh_detail(self) -> None:
        results, campaign = self.results, self.campaign
        assert results is not None and campaign is not None
        ref = self.selected_ref
        result = results.by_ref().get(ref) if ref else None
        widgets: Sequence[QWidget] = (
            self.notes_title,
            self.notes_view,
            self.means_title,
            self.means_view,
            self.explanation_title,
            self.explanation,
            self.detail_quorum,
        )
        if result is None:
            self.detail_title.setText(_("Choisissez un dossier dans le classement."))
            self.detail_facts.setText(
                _(
                    "Le détail montre la note de chaque juré et les moyennes par critère : "
                    "il n'apparaît qu'ici, au bureau de la délibération."
                )
            )
            for widget in widgets:
                widget.hide()
            return
        for widget in widgets:
            widget.show()
        dossier = result.dossier
        self.detail_title.setText(f"{dossier.ref} — {dossier.title}")
        facts = [part for part in (dossier.applicant, dossier.town) if part]
        if dossier.category:
            facts.append(self._pool_name(dossier.category))
        line = [" · ".join(facts)] if facts else []
        summary = []
        if result.rank is not None:
            summary.append(_("rang {k}").format(k=result.rank))
        if result.aggregate is not None:
            summary.append(
                _("note {n} / {s}").format(
                    n=format_note(result.aggregate, result.decimals, self.lang),
                    s=results.rules.scale,
                )
            )
        summary.append(result_status_label(result, results, self.lang))
        if result.amount_cents:
            summary.append(self._money(result.amount_cents))
        if result.entitlement_cents is not None:
            summary.append(_("droit {a}").format(a=self._money(result.entitlement_cents)))
        line.append(" · ".join(summary))
        tie = self._tie_of(result)
        if tie is not None:
            line.append(
                _("Ex aequo ({state}) : {refs}").format(
                    state=tie_label(tie, results, self.lang), refs=", ".join(tie.refs)
                )
            )
        self.detail_facts.setText("\n".join(line))

        names = {j.code: j.name for j in campaign.jurors}
        self.notes_model.set_text(
            [
                [f"{code} {names.get(code, '')}".strip(), format_note(note, 2, self.lang)]
                for code, note in result.notes.items()
            ],
            right={1},
        )
        criteria = {c.code: c for c in campaign.criteria}
        total_weight = sum((c.weight for c in campaign.criteria), 0) or 1
        rows = []
        for code, mean in result.criterion_means.items():
            criterion = criteria.get(code)
            label = criterion.label if criterion else code
            maximum = criterion.max if criterion else ""
            weight = criterion.weight if criterion else 0
            share = round(100 * weight / total_weight)
            rows.append([label, f"{format_note(mean, 2, self.lang)} / {maximum}", f"{share} %"])
        self.means_model.set_text(rows, right={1, 2})
        for view in (self.notes_view, self.means_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, view.model().columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            view.setFixedHeight(
                view.horizontalHeader().height()
                + sum(view.rowHeight(r) for r in range(view.model().rowCount()))
                + 4
            )
        quorum_lines = []
        if result.recused:
            quorum_lines.append(
                _("Déport : {names} (ni débat ni vote sur ce dossier)").format(
                    names=", ".join(f"{c} {names.get(c, '')}".strip() for c in result.recused)
                )
            )
        if result.incomplete:
            quorum_lines.append(
                _("Grille incomplète : {names}").format(names=", ".join(result.incomplete))
            )
        if result.quorum is not None:
            quorum_lines.append(
                _("Quorum du dossier : {p} présents / {r} requis — {state}").format(
                    p=result.quorum.present,
                    r=result.quorum.required,
                    state=_("atteint") if result.quorum.reached else _("NON ATTEINT"),
                )
            )
        self.detail_quorum.setText("\n".join(quorum_lines))
        self.detail_quorum.setStyleSheet(
            f"color: {_BAD};" if result.quorum is not None and not result.quorum.reached else ""
        )
        self.explanation.setText(
            "\n".join(f"• {line.render(self.lang)}" for line in result.explanation)
        )

    # --- selection -------------------------------------------------------------------------

    def _current_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        ref = current.data(REF_ROLE) if current.isValid() else None
        self.selected_ref = ref if isinstance(ref, str) else None
        self._refresh_detail()
        self._update_actions()

    def select_ref(self, ref: str) -> bool:
        """Show ``ref``'s pool and select it in the ranking."""
        if self.results is None or ref not in self.results.by_ref():
            return False
        self.show_pool(self.results.dossier(ref).pool)
        row = self.ranking_model.row_of(ref)
        if row is None:
            return False
        self.ranking_view.setCurrentIndex(self.ranking_model.index(row, 0))
        self.ranking_view.selectRow(row)
        self.selected_ref = ref
        self._refresh_detail()
        self._update_actions()
        return True

    def selected_result(self) -> DossierResult | None:
        if self.results is None or self.selected_ref is None:
            return None
        return self.results.by_ref().get(self.selected_ref)

    def _tie_of(self, result: DossierResult) -> TieGroup | None:
        if self.results is None or result.tie_group is None:
            return None
        return next((t for t in self.results.ties if t.id == result.tie_group), None)

    def tie_part(self, ref: str | None = None) -> tuple[str, ...] | None:
        """The unbroken ex aequo part ``ref`` (default: the selection) belongs to, if any."""
        result = self.selected_result() if ref is None else self.results_for(ref)
        if result is None:
            return None
        tie = self._tie_of(result)
        if tie is None or tie.state is TieState.BROKEN:
            return None
        part = next((p for p in tie.parts if result.ref in p), ())
        return part if len(part) > 1 else None

    def results_for(self, ref: str) -> DossierResult | None:
        return None if self.results is None else self.results.by_ref().get(ref)

    def select_decision(self, row: int) -> None:
        self.decisions_view.setCurrentIndex(
            self.decisions_model.index(row, DecisionsModel.CARD_COLUMN)
        )

    def selected_decision(self) -> DecisionInfo | None:
        index = self.decisions_view.currentIndex()
        if not index.isValid():
            return None
        return self.decisions_model.item(index.row())

    def _update_actions(self) -> None:
        open_ = not self.closed
        result = self.selected_result()
        part = self.tie_part() if result is not None else None
        self.vote_button.setEnabled(open_ and part is not None)
        self.draw_button.setEnabled(open_ and part is not None)
        self.withdraw_button.setEnabled(
            open_
            and result is not None
            and result.status not in (Status.WITHDRAWN, Status.INELIGIBLE)
        )
        self.amount_button.setEnabled(
            open_ and result is not None and result.status in (Status.LAUREATE, Status.WAITING)
        )
        has_categories = bool(self.campaign and self.campaign.categories)
        self.no_award_button.setVisible(has_categories)
        self.no_award_button.setEnabled(open_ and has_categories)
        decision = self.selected_decision()
        self.undo_button.setEnabled(open_ and decision is not None and not decision.undone)
        self.close_button.setEnabled(open_)
        self.reopen_button.setEnabled(self.closed)
        self.explanation_action.setEnabled(result is not None)

    def _ranking_activated(self, index: QModelIndex) -> None:
        """Enter (or a double-click) on a tied dossier opens the vote or the draw."""
        ref = index.data(REF_ROLE)
        if isinstance(ref, str) and not self.closed and self.tie_part(ref) is not None:
            self._settle(ref)

    def _pending_activated(self, index: QModelIndex) -> None:
        item = self.pending_model.item(index.row())
        if not item.refs:
            return
        self.select_ref(item.refs[0])
        if item.kind == "tie" and not self.closed:
            self._settle(item.refs[0])

    def _settle(self, ref: str) -> None:
        """Open the dialog the tie-break chain asks for: a draw or a vote."""
        self.select_ref(ref)
        if self.results is not None and self._next_step_is_draw():
            self.draw_lots()
        else:
            self.settle_by_vote()

    def _next_step_is_draw(self) -> bool:
        result = self.selected_result()
        tie = self._tie_of(result) if result else None
        if tie is None or tie.state is not TieState.PENDING or self.results is None:
            return False
        return tie_label(tie, self.results, "fr") == "tirage requis"

    # --- recording -------------------------------------------------------------------------

    def _recorded(self) -> None:
        self.refresh()
        self.changed.emit()

    def _run(self, title: str, work: Callable[[], T]) -> T | None:
        """Run an operation; a refusal is shown in plain French and nothing changes."""
        try:
            value = work()
        except _REFUSALS as error:
            feedback.error(self, title, str(error))
            self.refresh()
            return None
        self._recorded()
        return value

    def _titles(self) -> dict[str, str]:
        assert self.campaign is not None
        return {d.ref: d.title for d in self.campaign.dossiers}

    def _heading(self, part: Sequence[str]) -> str:
        result = self.results_for(part[0])
        if result is None or result.rank is None:
            return ", ".join(part)
        return _("Ex aequo au rang {k} — {pool} : {refs}").format(
            k=result.rank, pool=self._pool_name(result.pool), refs=", ".join(part)
        )

    def _voters(self, part: Sequence[str]) -> int:
        assert self.campaign is not None
        recused = {(r.juror, r.ref) for r in self.campaign.recusals}
        return sum(
            1
            for j in self.campaign.jurors
            if j.votes
            and j.attendance is not Attendance.ABSENT
            and not any((j.code, ref) in recused for ref in part)
        )

    def vote_dialog(self) -> TieVoteDialog | None:
        """The vote dialog for the selected tie (None when the selection is not tied)."""
        part = self.tie_part()
        if part is None or self.campaign is None or self.results is None:
            return None
        refs = list(part)

        def submit(
            order: list[str],
            votes: tuple[int, int, int],
            president_vote: VoteChoice | None,
            reason: str,
        ) -> None:
            operations.decide_tie(
                self.file,
                refs,
                order,
                reason,
                self.author,
                votes=votes,
                president_vote=president_vote,
            )
            self._recorded()

        head = president(self.campaign.jurors)
        return TieVoteDialog(
            self,
            refs,
            self._titles(),
            submit,
            heading=self._heading(refs),
            majority=self.results.rules.majority,
            voters=self._voters(refs),
            has_president=head is not None and head.attendance is not Attendance.ABSENT,
        )

    def settle_by_vote(self) -> None:
        dialog = self.vote_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def draw_dialog(self) -> DrawDialog | None:
        part = self.tie_part()
        if part is None:
            return None
        refs = list(part)

        def draw(reason: str) -> tuple[int, Sequence[str]]:
            seed, order, _results = operations.decide_draw(
                self.file, refs, self.author, reason=reason
            ).value
            self._recorded()
            return seed, order

        rules = self.results.rules if self.results is not None else None
        departure = (operations.chain_departure(rules, TieBreakKind.DRAW) if rules else "") or ""
        return DrawDialog(
            self, refs, self._titles(), draw, heading=self._heading(refs), departure=departure
        )

    def draw_lots(self) -> None:
        dialog = self.draw_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def withdraw_dialog(self) -> WithdrawDialog | None:
        result = self.selected_result()
        if result is None:
            return None
        ref = result.ref

        def submit(reason: str) -> None:
            operations.decide_withdraw(self.file, ref, reason, self.author)
            self._recorded()

        situation = status_label(result.status, self.lang)
        if result.amount_cents:
            situation += " — " + self._money(result.amount_cents)
        return WithdrawDialog(self, ref, result.dossier.title, submit, situation=situation)

    def withdraw(self) -> None:
        dialog = self.withdraw_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def amount_dialog(self) -> AmountDialog | None:
        result = self.selected_result()
        if result is None:
            return None
        ref = result.ref

        def submit(cents: int, reason: str) -> None:
            operations.decide_amount(self.file, ref, cents, reason, self.author)
            self._recorded()

        return AmountDialog(
            self,
            ref,
            result.dossier.title,
            submit,
            current_cents=result.amount_cents,
            entitlement_cents=result.entitlement_cents,
            lang=self.lang,
        )

    def change_amount(self) -> None:
        dialog = self.amount_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def no_award_dialog(self) -> NoAwardDialog | None:
        if self.campaign is None or not self.campaign.categories:
            return None

        def submit(code: str, reason: str) -> None:
            operations.decide_no_award(self.file, code, reason, self.author)
            self._recorded()

        return NoAwardDialog(
            self,
            [(c.code, c.name) for c in self.campaign.categories],
            submit,
            current=self.current_pool(),
        )

    def no_award(self) -> None:
        dialog = self.no_award_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def undo_dialog(self) -> ReasonDialog | None:
        decision = self.selected_decision()
        if decision is None or decision.undone or self.closed:
            return None
        number = decision.id

        def submit(reason: str) -> None:
            operations.undo_decision(self.file, number, self.author, reason)
            self._recorded()

        return ReasonDialog(
            self,
            _("Annuler la décision"),
            _("Annuler la décision n° {n}").format(n=number),
            decision_summary(decision, self.lang)
            + "\n\n"
            + _("La décision reste au journal, marquée annulée ; le classement est recalculé."),
            submit,
            ok_text=_("Annuler la décision"),
            cancel_text=_("Garder la décision"),
            required=False,
        )

    def undo_selected_decision(self) -> None:
        dialog = self.undo_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def set_attendance(self, juror: str, attendance: Attendance) -> None:
        self._run(
            _("Présence non enregistrée"),
            lambda: operations.set_attendance(self.file, juror, attendance, self.author),
        )

    # --- the seal --------------------------------------------------------------------------

    def close_deliberation(self) -> None:
        if self.closed:
            return
        if not feedback.confirm(
            self,
            _("Clore la délibération"),
            _(
                "Clore et sceller la délibération ? Plus rien ne pourra être modifié sans "
                "une réouverture motivée (le PV changera alors de version)."
            ),
            _("Clore et sceller"),
        ):
            return
        try:
            seal = operations.close_deliberation(self.file, self.author).value
        except _REFUSALS as error:
            feedback.error(self, _("Clôture refusée"), str(error))
            self.refresh()
            self.pending_view.setFocus()
            return
        self._recorded()
        feedback.info(
            self,
            _("Délibération close"),
            _("Délibération scellée (PV version {v}).\nSceau SHA-256 : {h}").format(
                v=seal.version, h=seal.hash
            ),
        )

    def reopen_dialog(self) -> ReasonDialog | None:
        if not self.closed:
            return None

        def submit(reason: str) -> None:
            operations.reopen_deliberation(self.file, reason, self.author)
            self._recorded()

        return ReasonDialog(
            self,
            _("Rouvrir la délibération"),
            _("Rouvrir la délibération"),
            _(
                "La réouverture est enregistrée au journal avec sa raison ; le prochain "
                "procès-verbal sera la version {v}."
            ).format(v=self.file.pv_version + 1),
            submit,
            ok_text=_("Rouvrir"),
        )

    def reopen_deliberation(self) -> None:
        dialog = self.reopen_dialog()
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    # --- documents -------------------------------------------------------------------------

    @property
    def documents(self) -> Documents:
        return self._documents

    def export_minutes(self, path: Path | None = None) -> bool:
        """The procès-verbal (PDF); « projet » until sealed, after a confirmation."""
        return self._documents.export(Document.MINUTES, path)

    def export_explanation(self, path: Path | None = None) -> bool:
        """The selected dossier's explanation sheet for its applicant (PDF)."""
        result = self.selected_result()
        return self._documents.export(
            Document.EXPLANATION, path, ref=result.ref if result is not None else None
        )

    def export_awards(self, path: Path | None = None) -> bool:
        """The award table (XLSX)."""
        return self._documents.export(Document.AWARDS, path)

    def export_opendata(self, path: Path | None = None) -> bool:
        """The open-data subsidy file (CSV, SCDL « subventions »)."""
        return self._documents.export(Document.OPENDATA, path)
