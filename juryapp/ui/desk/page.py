"""The deliberation desk: what the jury sees projected in session, and what it decides.

The page only assembles the desk's parts and keeps them in step:

- ``side``: the heading (open or sealed, the call's quorum), the seal banner, the
  envelope gauges, what blocks closing, attendance and quorum;
- ``ranking``: one ranking per pool with ties, the threshold line and the
  waiting list, and the selected dossier;
- ``detail``: the selected dossier (each juror's note and criterion means, shown
  only here);
- ``decisions``: the jury's decisions (vote, draw, withdrawal, amount, category not
  awarded, undo, closing and reopening, attendance) and their list;
- ``documents``: the four documents;
- ``agenda``: the order of discussion, who leaves the room for the dossier discussed.

Every part reads one ``DeskState``. Every change goes through
``juryapp.operations`` by the campaign's ``Session``; whenever the session says
something changed (at the desk or elsewhere: a merge, scoring, the jury tab), the
page recomputes the state from the campaign file, off the UI thread
(``juryapp.ui.tasks``), and shows it everywhere, so the desk always shows what the
engine says.

It fits a 1280×720 screen or projector in every state; the projection mode
(F5, Échap to leave) shows the ranking alone in large type, with full titles,
the gauges on two short lines and the legend on screen.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from juryapp.core.model import Campaign
from juryapp.core.results import Pending, Results
from juryapp.i18n import _
from juryapp.operations.changes import Changes
from juryapp.store import CampaignFile
from juryapp.ui import tasks
from juryapp.ui.desk.agenda import AgendaPanel
from juryapp.ui.desk.decisions import DecisionFlows
from juryapp.ui.desk.detail import DossierDetail
from juryapp.ui.desk.documents import DocumentsMenu
from juryapp.ui.desk.ranking import RankingPanel
from juryapp.ui.desk.side import AttendancePanel, DeskHeading, GaugeRow, PendingPanel, SealBanner
from juryapp.ui.desk.state import Computed, DeskState
from juryapp.ui.session import Session, load_campaign

__all__ = ["DeskPage"]

# Every control of the desk shows where the keyboard is: a 2-pixel ring in the app's
# accent, 6.9:1 against the white and light grey it sits on (WCAG 1.4.11 asks 3:1).
_FOCUS_RING = "#1F5FA8"
_DESK_STYLE = f"""
#deskPage QScrollArea#deskScroll {{ border: none; background: transparent; }}
#deskPage QWidget#deskBody {{ background: transparent; }}
#deskPage QPushButton:focus {{ border: 2px solid {_FOCUS_RING}; border-radius: 3px; }}
#deskPage QTabBar::tab:focus {{ border: 2px solid {_FOCUS_RING}; }}
#deskPage QTableView:focus, #deskPage QListView:focus, #deskPage QScrollArea:focus {{
    border: 2px solid {_FOCUS_RING}; }}
"""


class _VerticalScroll(QScrollArea):
    """Scrolls up and down only: never narrower than its content needs (nothing cut at
    the right), as short as the window wants."""

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(width + bar, super().minimumSizeHint().height())


class _CompactSplitter(QSplitter):
    """The ranking and the side tabs ask for no more height than their minimum: the desk
    scrolls only when that does not fit (the scroll area reaches for the preferred height),
    and the ranking takes whatever height is left."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())


class DeskPage(QWidget):
    """The deliberation desk for one campaign file (the secretariat's view, in session).

    ``session`` is the campaign's session when the desk sits in the main window;
    alone (``python -m juryapp.ui.desk``, tests) the desk opens its own.
    """

    #: Emitted after every change made at the desk (decision, attendance, seal), once the
    #: session has said what changed.
    changed = Signal()
    #: Emitted when the projection mode starts (True) or ends (False).
    projection_changed = Signal(bool)

    def __init__(
        self,
        campaign_file: CampaignFile,
        author: str,
        lang: str = "fr",
        parent: QWidget | None = None,
        *,
        session: Session | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPage")
        self.setStyleSheet(_DESK_STYLE)
        if session is None:
            session = Session(
                campaign_file, load_campaign(campaign_file), None, author, parent=self
            )
        self.session = session
        self.state = DeskState(campaign_file, author, lang)
        self.file = campaign_file
        self.author = author
        self.lang = lang
        self.projecting = False
        self._computing = False  # a recomputation runs in the background
        self._again = False  # and another was asked for meanwhile
        self._build()
        self.refresh()

    # --- assembling ------------------------------------------------------------------------

    def _build(self) -> None:
        state = self.state
        self.heading = DeskHeading(state)
        self.seal_banner = SealBanner(state)
        self.gauges = GaugeRow(state)
        self.pending = PendingPanel(state)
        self.ranking = RankingPanel(state)
        self.detail = DossierDetail(state)
        self.attendance = AttendancePanel(state)
        self.decisions = DecisionFlows(
            state, self.session, self, self.select_ref, self.ranking.current_pool
        )
        self.documents = DocumentsMenu(state, self)
        self.agenda = AgendaPanel(state)
        self.projection_button = QPushButton(_("Projection (F5)"))
        self.projection_button.setObjectName("projectionButton")
        self.projection_button.setCheckable(True)
        self.projection_button.setToolTip(
            _("Le classement seul, en grands caractères, pour la salle ; Échap pour revenir")
        )

        # Larger text (150 %) on a 1280×720 screen: the desk scrolls up and down rather
        # than squeezing the ranking to nothing; at 100 % it fits and nothing scrolls.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = _VerticalScroll()
        self.scroll_area.setObjectName("deskScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its controls take the focus
        body = QWidget()
        body.setObjectName("deskBody")
        self.scroll_area.setWidget(body)
        outer.addWidget(self.scroll_area)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(8)
        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        self.header_buttons: tuple[QWidget, ...] = (
            self.decisions.close_button,
            self.decisions.reopen_button,
            self.documents.button,
        )
        for button in (*self.header_buttons, self.projection_button):
            header.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        layout.addWidget(self.seal_banner)
        layout.addWidget(self.gauges)
        layout.addWidget(self.pending)

        ranking_column = QWidget()
        column = QVBoxLayout(ranking_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.ranking, 1)
        column.addWidget(self.decisions.actions_panel)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setAccessibleName(_("Détail, décisions, présence"))
        self.side_tabs.tabBar().setAccessibleName(_("Détail, décisions, présence"))
        self.side_tabs.addTab(self.detail, _("Dossier"))
        self.side_tabs.addTab(self.decisions.log_panel, _("Décisions"))
        self.side_tabs.addTab(self.attendance, _("Présence"))
        self.side_tabs.addTab(self.agenda, _("Ordre du jour"))
        self.side_tabs.setTabToolTip(2, _("Présence et quorum"))
        # the four tabs in sight at the usual text size (with larger text, they scroll)
        tabs_width = self.side_tabs.tabBar().sizeHint().width()
        self.side_tabs.setMinimumWidth(max(320, min(tabs_width, 400)))
        self.splitter = _CompactSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("deskSplitter")
        self.splitter.addWidget(ranking_column)
        self.splitter.addWidget(self.side_tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([920, 350])
        layout.addWidget(self.splitter, 1)
        self._normal_font = QFont(self.font())
        self._build_projection()
        self._order_tabs()
        self._connect()

    def _reflow(self) -> None:
        """Larger text on a narrow screen: when the ranking (its columns wrapped, in the
        page's type) and the side tabs do not fit side by side, the side tabs go under the
        ranking (WCAG 1.4.10, reflow) rather than cutting either; the desk scrolls."""
        side = max(
            self.side_tabs.minimumSizeHint().width(), self.side_tabs.tabBar().sizeHint().width()
        )
        need = self.ranking.narrowest() + side + self.splitter.handleWidth() + 20
        room = self.scroll_area.viewport().width()
        orientation = (
            Qt.Orientation.Vertical
            if not self.projecting and room < need
            else Qt.Orientation.Horizontal
        )
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
        # side by side, the side tabs are as wide as their tab bar: no tab cut nor hidden
        self.side_tabs.setMinimumWidth(
            0 if orientation == Qt.Orientation.Vertical else max(320, side)
        )
        # side by side (1280×720 at the usual size) every row stays in sight on one line
        self.ranking.set_wrapping(orientation == Qt.Orientation.Vertical)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _order_tabs(self) -> None:
        """Tab follows the reading order: the header's buttons, what blocks closing, the
        pools and the ranking, the decision buttons under it, then the side tabs."""
        decisions = self.decisions
        chain: list[QWidget] = [
            *self.header_buttons,
            self.projection_button,
            self.pending.view,
            self.ranking.pool_tabs,
            self.ranking.view,
            decisions.vote_button,
            decisions.draw_button,
            decisions.withdraw_button,
            decisions.amount_button,
            decisions.no_award_button,
            decisions.carry_over_button,
            decisions.earlier_button,
            self.side_tabs,  # it hands the focus to its tab bar
            self.side_tabs.tabBar(),
            self.detail,
            decisions.view,
            decisions.undo_button,
            self.attendance.view,
            self.agenda.order_combo,
            self.agenda.view,
            self.agenda.discussion_scroll,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _build_projection(self) -> None:
        """F5 (or the menu's action) projects; Échap, F5 or the button come back."""
        self.projection_button.clicked.connect(self.set_projection)
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

    def _connect(self) -> None:
        self.ranking.selection_changed.connect(self._selection_changed)
        self.ranking.dossier_activated.connect(self._ranking_activated)
        self.pending.item_activated.connect(self._pending_activated)
        self.agenda.dossier_chosen.connect(self.select_ref)
        self.attendance.attendance_requested.connect(
            self.decisions.set_attendance, Qt.ConnectionType.QueuedConnection
        )
        self.session.changed.connect(self._session_changed)
        self.decisions.refused.connect(self.refresh)
        self.decisions.closing_refused.connect(self.pending.view.setFocus)

    # --- what the desk shows ---------------------------------------------------------------

    @property
    def campaign(self) -> Campaign | None:
        return self.state.campaign

    @property
    def results(self) -> Results | None:
        return self.state.results

    @property
    def closed(self) -> bool:
        return self.state.closed

    @property
    def selected_ref(self) -> str | None:
        return self.state.selected_ref

    def showEvent(self, event: QShowEvent) -> None:
        """Coming back to the desk: scores may have changed elsewhere (merge, scoring)."""
        if self.state.results is not None and not event.spontaneous():
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Recompute the results from the campaign file in the background, then show them
        everywhere; asked for while one runs, it runs again right after."""
        if self._computing:
            self._again = True
            return
        self._computing = True
        file = self.state.file
        tasks.run_task(
            self,
            _("Calcul du classement…"),
            lambda: DeskState.compute(file),
            self._computed,
            self._compute_failed,
        )

    def _computed(self, computed: Computed) -> None:
        self._computing = False
        if not isValid(self):  # the desk was closed meanwhile
            return
        self.state.take(computed)
        self._show_state()
        if self._again:
            self._again = False
            self.refresh()

    def _compute_failed(self, error: BaseException) -> None:
        self._computing = self._again = False
        raise error

    def _show_state(self) -> None:
        self.heading.show_state()
        self.seal_banner.show_state()
        self.gauges.show_state()
        self.pending.show_state()
        self.ranking.show_results()
        self.decisions.show_state()
        self.attendance.show_state()
        self._selection_changed()
        self._reflow()

    def _session_changed(self, changes: Changes, initiator: object) -> None:
        """Whatever changed, wherever: the results may have moved."""
        if changes.results:
            self.refresh()
        if initiator is self:
            self.changed.emit()

    def _selection_changed(self, *_ref: object) -> None:
        self.detail.show_selection()
        self.agenda.show_state(self.ranking.current_pool())
        self.decisions.update_actions()
        self.documents.update_actions()

    def select_ref(self, ref: str) -> bool:
        """Show ``ref``'s pool and select it in the ranking."""
        if not self.ranking.select_ref(ref):
            return False
        self._selection_changed()
        return True

    def current_pool(self) -> str | None:
        return self.ranking.current_pool()

    def show_pool(self, code: str | None) -> None:
        self.ranking.show_pool(code)

    def _ranking_activated(self, ref: str) -> None:
        """Enter (or a double-click) on a tied dossier opens the vote or the draw."""
        if not self.state.closed and self.state.tie_part(ref) is not None:
            self.decisions.settle(ref)

    def _pending_activated(self, item: Pending) -> None:
        if not item.refs:
            return
        self.select_ref(item.refs[0])
        if item.kind == "tie" and not self.state.closed:
            self.decisions.settle(item.refs[0])

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
        self.decisions.actions_panel.setVisible(not on)
        for button in self.header_buttons:
            button.setVisible(not on)
        base = QFont(self._normal_font)
        base.setPointSizeF(self._normal_font.pointSizeF() * (1.3 if on else 1.0))
        self.heading.set_projection(base)
        banner = QFont(base)
        banner.setBold(self.seal_banner.font().bold())
        self.seal_banner.setFont(banner)
        self.gauges.set_projection(on, base)
        self.pending.set_projection(on, base)
        self.ranking.set_projection(on, base)
        self._reflow()
        self.projection_changed.emit(on)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Échap leaves the projection (also when the window is not the active one)."""
        if self.projecting and event.key() == Qt.Key.Key_Escape:
            self.set_projection(False)
            event.accept()
            return
        super().keyPressEvent(event)

    def toggle_projection(self) -> None:
        self.set_projection(not self.projecting)
