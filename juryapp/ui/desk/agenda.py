"""The « Ordre du jour » tab of the desk (rules §14): the ranking's current pool in the
order of discussion the president chooses (disagreements first, the order of the
dossiers category by category, or rank order; ``juryapp.core.agenda``), and for the
dossier under discussion who leaves the room, whether the quorum holds without them,
who comes back or leaves at the next one, and the déport sentence as the PV will
say it.

Choosing a row (arrows, or a click) makes it the dossier under discussion: the
ranking selects it and the other tabs show it; a dossier selected in the ranking is
found here too.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.agenda import ORDERS, AgendaItem, AgendaPool, exits, session_agenda
from juryapp.core.grid import format_number
from juryapp.core.results import Results
from juryapp.documents.wording import Tr, markup, recusal_text
from juryapp.i18n import _
from juryapp.ui.desk.models import TextTableModel
from juryapp.ui.desk.state import DeskState
from juryapp.ui.desk.widgets import BAD, OK, fit_side_list, section_title

__all__ = ["AgendaPanel"]


def _order_names() -> dict[str, str]:
    return {
        "disagreement": _("Désaccords d'abord"),
        "category": _("Par catégorie, dans l'ordre des dossiers"),
        "rank": _("Par rang"),
    }


class AgendaPanel(QWidget):
    """The « Ordre du jour » tab; ``dossier_chosen`` (ref) when a row becomes current."""

    dossier_chosen = Signal(str)

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.pool: str | None = None
        self.items: list[AgendaItem] = []
        self._computed: tuple[Results | None, str, str | None] | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 6)
        row = QHBoxLayout()
        label = QLabel(_("Ord&re :"))
        self.order_combo = QComboBox()
        self.order_combo.setObjectName("agendaOrder")
        self.order_combo.setAccessibleName(_("Ordre de discussion"))
        names = _order_names()
        for order in ORDERS:
            self.order_combo.addItem(names[order], order)
        label.setBuddy(self.order_combo)
        row.addWidget(label)
        row.addWidget(self.order_combo, 1)
        column.addLayout(row)
        self.exits_label = QLabel()
        self.exits_label.setWordWrap(True)
        column.addWidget(self.exits_label)
        self.model = TextTableModel([_("N°"), _("Dossier"), _("Écart"), _("Sortent")], self)
        self.view = QTableView()
        self.view.setObjectName("agendaView")
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("Ordre du jour"))
        self.view.setAccessibleDescription(
            _("Flèches : le dossier en discussion, choisi aussi dans le classement.")
        )
        self.view.verticalHeader().hide()
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_side_list(self.view, stretch_column=1)
        column.addWidget(self.view, 1)
        column.addWidget(section_title(_("Dossier en discussion")))
        self.discussion = QLabel()
        self.discussion.setObjectName("agendaDiscussion")
        self.discussion.setTextFormat(Qt.TextFormat.RichText)
        self.discussion.setWordWrap(True)
        self.discussion.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.discussion.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a named tab stop: the arrows scroll a long text from the keyboard
        self.discussion_scroll = QScrollArea()
        self.discussion_scroll.setAccessibleName(_("Dossier en discussion"))
        self.discussion_scroll.setWidgetResizable(True)
        self.discussion_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.discussion_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.discussion_scroll.setWidget(self.discussion)
        column.addWidget(self.discussion_scroll, 1)
        self.order_combo.currentIndexChanged.connect(lambda _index: self.show_state(self.pool))
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    @property
    def order(self) -> str:
        return str(self.order_combo.currentData())

    def set_order(self, order: str) -> None:
        self.order_combo.setCurrentIndex(ORDERS.index(order))

    # --- what it shows ---------------------------------------------------------------------

    def show_state(self, pool: str | None) -> None:
        """``pool``'s agenda in the chosen order (recomputed only when something moved),
        the selected dossier as the one under discussion."""
        state = self.state
        if state.results is None or state.campaign is None:
            return
        key = (state.results, self.order, pool)
        if key != self._computed:
            self._computed = key
            self.pool = pool
            pools = session_agenda(state.campaign, state.results, self.order)
            found = next((p for p in pools if p.category == pool), AgendaPool(pool, ()))
            self.items = list(found.items)
            self._show_rows(found)
        self.show_selection()

    def _show_rows(self, pool: AgendaPool) -> None:
        scale = self.state.campaign.rules.scale if self.state.campaign else 20
        rows = [
            [
                str(position),
                f"{item.ref} — {item.title}",
                "—"
                if item.spread is None
                else format_number(round(item.spread, 2), self.state.lang),
                ", ".join(item.leaving) or "—",
            ]
            for position, item in enumerate(self.items, start=1)
        ]
        self.view.blockSignals(True)
        self.model.set_text(rows, right={0, 2})
        self.view.blockSignals(False)
        self.exits_label.setText(
            _("{pool} — écart des notes sur {scale}.").format(
                pool=self.state.pool_name(pool.category), scale=scale
            )
            + " "
            + _("Sorties de la salle : {n}.").format(n=exits([pool]))
        )

    def show_selection(self) -> None:
        """Find the selected dossier in the agenda and say what its discussion needs."""
        ref = self.state.selected_ref
        row = next((n for n, item in enumerate(self.items) if item.ref == ref), None)
        selection = self.view.selectionModel()
        selection.blockSignals(True)
        if row is None:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        else:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)
        selection.blockSignals(False)
        self.discussion.setText(self._discussion(row))

    def _row_changed(
        self,
        current: QModelIndex | QPersistentModelIndex,
        _previous: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if current.isValid() and current.row() < len(self.items):
            ref = self.items[current.row()].ref
            if ref != self.state.selected_ref:
                self.dossier_chosen.emit(ref)

    def _discussion(self, row: int | None) -> str:
        """Who leaves, the quorum without them, the next dossier's moves, the PV's words
        (rich text)."""
        state = self.state
        if row is None or state.campaign is None:
            return _("Choisissez un dossier de l'ordre du jour ou du classement.")
        item = self.items[row]
        names = {j.code: j.name for j in state.campaign.jurors}

        def who(codes: set[str] | tuple[str, ...]) -> str:
            return ", ".join(f"{names.get(c, c)} ({c})" for c in sorted(codes))

        lines = [f"<b>{markup(item.ref)}</b> — {markup(item.title)}"]
        if not item.leaving:
            lines.append(_("Personne ne sort de la salle."))
        else:
            lines.append(_("Sortent de la salle : {who}.").format(who=markup(who(item.leaving))))
            quorum = item.quorum
            if quorum is not None:
                colour = OK if quorum.reached else BAD
                lines.append(
                    f'<span style="color:{colour}"><b>'
                    + _("Quorum sans eux : {p} membres comptés, {r} requis — {state}.").format(
                        p=quorum.present,
                        r=quorum.required,
                        state=_("atteint") if quorum.reached else _("NON ATTEINT"),
                    )
                    + "</b></span>"
                )
            lines.append(
                _("Au procès-verbal :")
                + " "
                + recusal_text(
                    item.ref,
                    item.title,
                    [names.get(code, code) for code in item.leaving],
                    quorum,
                    Tr(state.lang),
                )
            )
        if row + 1 < len(self.items):
            following = self.items[row + 1]
            back = set(item.leaving) - set(following.leaving)
            out = set(following.leaving) - set(item.leaving)
            moves = []
            if back:
                moves.append(_("reviennent : {who}").format(who=markup(who(back))))
            if out:
                moves.append(_("sortent : {who}").format(who=markup(who(out))))
            lines.append(
                _("Dossier suivant : {ref}").format(ref=following.ref)
                + (" — " + " ; ".join(moves) if moves else "")
                + "."
            )
        return "<br/>".join(lines)
