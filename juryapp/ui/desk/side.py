"""Where the session stands, around the desk's ranking: the heading (open or sealed,
the call's quorum), the seal banner, the envelope gauges, what blocks closing (the
pending list), and the « Présence et quorum » tab (attendance, quorum dossier by
dossier). Each part shows the desk's state; attendance is asked for, not written here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from juryapp.core.model import QuorumRule
from juryapp.core.report import minimum_projects
from juryapp.core.results import Pending, Results
from juryapp.core.sessions import YearView
from juryapp.i18n import _, translate
from juryapp.operations.campaign import session_seal
from juryapp.ui.desk.gauge import EnvelopeGauge, GaugeValues
from juryapp.ui.desk.models import (
    ATTENDANCE_LABELS,
    ERROR_TEXT,
    AttendanceModel,
    PendingModel,
    TextTableModel,
)
from juryapp.ui.desk.state import DeskState
from juryapp.ui.desk.widgets import (
    BAD,
    OK,
    ElidedLabel,
    fit_side_list,
    section_title,
    small_table,
)

__all__ = [
    "AttendancePanel",
    "DeskHeading",
    "GaugeRow",
    "PendingPanel",
    "SealBanner",
    "gauge_values",
    "grouped_hash",
]


def grouped_hash(digest: str) -> str:
    """A SHA-256 in four groups of sixteen, so that it wraps on a narrow screen."""
    return " ".join(digest[i : i + 16] for i in range(0, len(digest), 16))


def _scaled(widget: QWidget, base: QFont) -> None:
    """``widget`` in ``base``'s type, keeping its own boldness (projection)."""
    font = QFont(base)
    font.setBold(widget.font().bold())
    widget.setFont(font)


# --- heading and seal ---------------------------------------------------------------------------


class DeskHeading(QWidget):
    """The call's name, whether the deliberation is open, and the call's quorum."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        titles = QVBoxLayout(self)
        titles.setContentsMargins(0, 0, 0, 0)
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

    def show_state(self) -> None:
        state = self.state
        assert state.results is not None
        self.name_label.setText(state.file.name)
        version = state.file.pv_version
        session = state.session_text()
        if session is not None and state.year is not None:
            last = state.year.last.session
            sealed = _("clos — PV version {v}") if state.closed else _("ouvert — PV version {v}")
            self.state_label.setText(f"{session} — {sealed.format(v=last.pv_version)}")
            self.state_label.setStyleSheet(
                f"color: {BAD if state.closed else OK}; font-weight: bold;"
            )
        elif state.closed:
            self.state_label.setText(_("Délibération close — PV version {v}").format(v=version))
            self.state_label.setStyleSheet(f"color: {BAD}; font-weight: bold;")
        else:
            text = _("Délibération ouverte")
            if version > 1:
                text += " — " + _("PV version {v} (rouverte)").format(v=version)
            self.state_label.setText(text)
            self.state_label.setStyleSheet(f"color: {OK}; font-weight: bold;")
        quorum = state.results.quorum
        rule = state.results.rules.quorum
        rule_name = _("moitié") if rule is QuorumRule.HALF else _("majorité")
        reached = _("atteint") if quorum.reached else _("NON ATTEINT")
        self.quorum_label.setText(
            _("Quorum ({rule}) : {p} présents / {r} requis — {state}").format(
                rule=rule_name, p=quorum.present, r=quorum.required, state=reached
            )
        )
        self.quorum_label.setStyleSheet(
            f"color: {OK if quorum.reached else BAD}; font-weight: bold;"
        )

    def set_projection(self, base: QFont) -> None:
        for widget in (self.state_label, self.quorum_label):
            _scaled(widget, base)
        title = QFont(base)
        title.setPointSizeF(base.pointSizeF() * 1.45)
        title.setBold(True)
        self.name_label.setFont(title)


class SealBanner(QLabel):
    """Shown once sealed: the PV's version and the seal's SHA-256, in full."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("sealBanner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(
            "QLabel#sealBanner { background: #263238; color: white; padding: 8px 12px;"
            " border-radius: 4px; }"
        )
        self.hide()

    def show_state(self) -> None:
        file = self.state.file
        if not self.state.closed:
            self.hide()
            return
        if self.state.year is not None:
            session = self.state.year.last.session
            found = session_seal(file, session)
            seal = "—" if found is None else found.hash
            self.setText(
                _("Comité {code} scellé — PV version {v} — sceau SHA-256 : {seal}").format(
                    code=session.code, v=session.pv_version, seal=grouped_hash(seal)
                )
            )
            self.setToolTip(seal)
            self.show()
            return
        self.setText(
            _("Délibération scellée — PV version {v} — sceau SHA-256 : {seal}").format(
                v=file.pv_version, seal=grouped_hash(file.seal or "—")
            )
        )
        self.setToolTip(file.seal or "")
        self.show()


# --- the envelope gauges --------------------------------------------------------------------


def gauge_values(results: Results, year: YearView | None = None) -> list[GaugeValues]:
    """One gauge per category (and the reserve), then the call's own; with sessions, the
    session's and, beside it, the year's (spent by sealed sessions and this one's
    proposal, against the year's envelope)."""
    values = []
    pools = [p for p in results.pools if p.kind in ("category", "reserve")]
    for pool in pools:
        has_money = bool(pool.envelope_cents or pool.prizes_cents or pool.received_cents)
        available = (
            pool.envelope_cents + pool.received_cents - pool.released_cents if has_money else None
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
    if year is not None:
        call_name = _("Enveloppe du comité {code}").format(code=year.last.session.code)
    else:
        call_name = _("Ensemble de l'appel") if pools else _("Enveloppe de l'appel")
    values.append(
        GaugeValues(call_name, results.envelope_cents or None, results.awarded_cents, total=True)
    )
    if year is not None and year.ledger is not None:
        ledger = year.ledger
        proposed = 0 if year.last.session.sealed else results.awarded_cents
        values.append(
            GaugeValues(
                _("Année (comités clos et celui-ci)"),
                ledger.year_envelope_cents,
                ledger.spent_cents + ledger.locked_cents + proposed,
                total=True,
            )
        )
    return values


class GaugeRow(QFrame):
    """The envelope gauges side by side, one per pool and one for the call."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("gauges")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.row = QHBoxLayout(self)
        self.row.setSpacing(16)
        self.gauges: list[EnvelopeGauge] = []
        self._projected_font: QFont | None = None
        # « Projets minimum » (rules §12): the funded projects against the call's minimum
        self.minimum = QLabel()
        self.minimum.setObjectName("minimumProjects")
        self.minimum.setWordWrap(True)
        self.minimum.setVisible(False)

    def _show_minimum(self, results: Results) -> None:
        minimum = minimum_projects(results)
        if minimum is None:
            self.minimum.setVisible(False)
            return
        if self.row.indexOf(self.minimum) < 0:
            self.row.addWidget(self.minimum, 0)
        year = self.state.year
        if year is not None:
            # the year's: the sealed sessions' laureates and this session's proposal
            funded = year.funded_projects() + (0 if year.last.session.sealed else minimum.funded)
            minimum = replace(minimum, funded=funded)
            template = _("Projets financés dans l'année : {funded} / {minimum} minimum — {state}")
        else:
            template = _("Projets financés : {funded} / {minimum} minimum — {state}")
        text = template.format(
            funded=minimum.funded,
            minimum=minimum.minimum,
            state=_("atteint") if minimum.met else _("non atteint"),
        )
        self.minimum.setText(text)
        self.minimum.setAccessibleName(text)
        self.minimum.setStyleSheet(f"color: {OK if minimum.met else BAD}; font-weight: bold;")
        self.minimum.setVisible(True)

    def show_state(self) -> None:
        assert self.state.results is not None
        self._show_minimum(self.state.results)
        values = gauge_values(self.state.results, self.state.year)
        while len(self.gauges) > len(values):
            gauge = self.gauges.pop()
            self.row.removeWidget(gauge)
            gauge.deleteLater()
        while len(self.gauges) < len(values):
            gauge = EnvelopeGauge(lang=self.state.lang)
            if self._projected_font is not None:
                gauge.setFont(self._projected_font)
                gauge.set_compact(True)
            self.gauges.append(gauge)
            self.row.insertWidget(len(self.gauges) - 1, gauge, 1)
        for gauge, value in zip(self.gauges, values, strict=True):
            gauge.set_values(value)

    def set_projection(self, on: bool, base: QFont) -> None:
        """Projected, the gauges are compact (two lines) in ``base``'s larger type."""
        self._projected_font = QFont(base) if on else None
        for gauge in self.gauges:
            gauge.setFont(base)
            gauge.set_compact(on)


# --- what blocks closing --------------------------------------------------------------------


class PendingPanel(QGroupBox):
    """What blocks closing (amber), or that nothing does (green)."""

    #: Enter or a double-click on an item.
    item_activated = Signal(object)  # Pending

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.projecting = False
        self.setObjectName("pendingBox")
        box = QVBoxLayout(self)
        box.setContentsMargins(8, 4, 8, 6)
        box.setSpacing(2)
        self.label = QLabel()
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        box.addWidget(self.label)
        self.model = PendingModel(self, state.lang)
        self.view = QListView()
        self.view.setObjectName("pendingView")
        self.view.setAccessibleName(_("À régler avant la clôture"))
        self.view.setAccessibleDescription(_("Entrée : régler l'élément choisi"))
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrapped at each width
        self.view.activated.connect(self._activated)  # Enter, double-click
        box.addWidget(self.view)

    def _activated(self, index: QModelIndex) -> None:
        self.item_activated.emit(self.model.item(index.row()))

    def _fit_height(self) -> None:
        """Tall enough for its first items (three, two projected) as wrapped at its width:
        no line cut at the bottom; the rest scrolls."""
        count = self.model.rowCount()
        if not count or not isValid(self.view):
            return
        rows = min(count, 2 if self.projecting else 3)
        self.view.doItemsLayout()
        height = sum(self.view.visualRect(self.model.index(row)).height() for row in range(rows))
        height = max(height, int(self.view.fontMetrics().height() * 1.45 * rows))
        self.view.setFixedHeight(height + 2 * self.view.frameWidth() + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.view.isVisible():  # narrower, the items wrap on more lines
            QTimer.singleShot(0, self._fit_height)

    def show_state(self) -> None:
        assert self.state.results is not None
        pending: list[Pending] = list(self.state.results.pending)
        self.model.set_items(pending)
        if pending:
            self.label.setText(_("À régler avant la clôture ({n})").format(n=len(pending)))
            self.setStyleSheet(
                "QGroupBox#pendingBox { background: #FFF4CC; border: 2px solid #E0A800;"
                " border-radius: 4px; margin-top: 0px; padding: 2px 4px; }"
            )
            self.view.show()
            self._fit_height()
        else:
            text = (
                _("Délibération close : aucune décision possible sans réouverture motivée.")
                if self.state.closed
                else _("Rien ne bloque la clôture : la délibération peut être close.")
            )
            self.label.setText(text)
            self.setStyleSheet(
                "QGroupBox#pendingBox { background: #E8F5E9; border: 1px solid #81C784;"
                " border-radius: 4px; margin-top: 0px; padding: 2px 4px; }"
            )
            self.view.hide()

    def set_projection(self, on: bool, base: QFont) -> None:
        self.projecting = on
        for widget in (self.label, self.view):
            _scaled(widget, base)
        if self.state.results is not None:
            self.show_state()


# --- attendance and quorum ------------------------------------------------------------------


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


class AttendancePanel(QWidget):
    """The « Présence et quorum » tab: members and how they attend, quorum per dossier.

    Changing a member's attendance emits ``attendance_requested`` (juror code,
    ``Attendance``); the desk records it through ``juryapp.operations``.
    """

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        self.quorum_detail = QLabel()
        self.quorum_detail.setWordWrap(True)
        font = self.quorum_detail.font()
        font.setBold(True)
        self.quorum_detail.setFont(font)
        column.addWidget(self.quorum_detail)
        self.model = AttendanceModel(self, state.lang)
        self.attendance_requested = self.model.attendance_requested
        self.view = QTableView()
        self.view.setObjectName("attendanceView")
        self.view.setAccessibleName(_("Présence des membres"))
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setItemDelegateForColumn(
            AttendanceModel.ATTENDANCE_COLUMN, AttendanceDelegate(self, state.lang)
        )
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        fit_side_list(self.view, stretch_column=0)
        column.addWidget(self.view, 2)
        hint = QLabel(_("Présence : double-clic ou F2 sur la colonne « Présence »."))
        hint.setWordWrap(True)
        column.addWidget(hint)
        column.addWidget(section_title(_("Quorum dossier par dossier (déports)")))
        self.dossier_quorum_model = TextTableModel(
            [_("Dossier"), _("Déport"), _("Quorum (présents / requis)")], self
        )
        self.dossier_quorum_view = small_table(
            self.dossier_quorum_model, _("Quorum dossier par dossier (déports)")
        )
        quorum_header = self.dossier_quorum_view.horizontalHeader()
        quorum_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        quorum_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.dossier_quorum_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        column.addWidget(self.dossier_quorum_view, 1)

    def show_state(self) -> None:
        results, campaign = self.state.results, self.state.campaign
        assert results is not None and campaign is not None
        self.model.set_jurors(campaign.jurors, editable=not self.state.closed)
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
        self.quorum_detail.setStyleSheet(f"color: {OK if quorum.reached else BAD};")
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
