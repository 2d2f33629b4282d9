"""The jury's decisions at the desk: the flows that record them and the list of them.

Eight flows, each a dialog then one ``juryapp.operations`` call: break a tie by a
vote or by drawing lots, withdraw a dossier, change an amount, leave a category
unawarded, undo a decision, close (seal) and reopen the deliberation; and a
member's attendance. Each runs through the campaign's ``Session``, which then
says what changed to every screen (the desk recomputes from that); a refusal
is shown in plain French (``refused``) and nothing changes. The « Décisions »
tab lists every decision, undone ones struck out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.errors import OperationError
from juryapp.core.model import Attendance, TieBreakKind, VoteChoice
from juryapp.core.quorum import president
from juryapp.core.report import status_label
from juryapp.core.results import Status, TieState
from juryapp.i18n import _
from juryapp.operations import deliberation, secretariat
from juryapp.operations.changes import Outcome
from juryapp.store import DecisionInfo, StoreError
from juryapp.ui.desk import feedback
from juryapp.ui.desk.dialogs import (
    AmountDialog,
    CarryOverDialog,
    DrawDialog,
    EarlierWithdrawalDialog,
    NoAwardDialog,
    ReasonDialog,
    TieVoteDialog,
    WithdrawDialog,
)
from juryapp.ui.desk.models import DecisionsModel, decision_summary, tie_label
from juryapp.ui.desk.state import DeskState
from juryapp.ui.session import Session

__all__ = ["DecisionFlows"]

T = TypeVar("T")
_REFUSALS = (OperationError, StoreError)


class DecisionFlows(QObject):
    """The decision buttons, the « Décisions » tab, and the dialogs behind them.

    ``session`` runs the operations and says what they changed; ``host`` parents the
    dialogs and is named as the initiator of the changes; ``select`` shows and selects
    a dossier in the ranking; ``current_pool`` is the ranking's shown pool.
    """

    #: An operation was refused (and said so): the desk shows the file as it is.
    refused = Signal()
    #: Closing was refused: what blocks it deserves the focus.
    closing_refused = Signal()

    def __init__(
        self,
        state: DeskState,
        session: Session,
        host: QWidget,
        select: Callable[[str], bool],
        current_pool: Callable[[], str | None],
    ) -> None:
        super().__init__(host)
        self.state = state
        self.session = session
        self.host = host
        self._select = select
        self._current_pool = current_pool
        self._build_actions()
        self._build_log()
        self.close_button = QPushButton(_("Clore la délibération"))
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.close_deliberation)
        self.reopen_button = QPushButton(_("Rouvrir…"))
        self.reopen_button.clicked.connect(self.reopen_deliberation)

    def _build_actions(self) -> None:
        """Two rows of buttons under the ranking, so that the desk fits 1280 pixels."""
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
        # a call that runs over a year only (rules §12)
        self.carry_over_button = QPushButton(_("Re&porter à un comité suivant…"))
        self.carry_over_button.clicked.connect(self.carry_over)
        self.earlier_button = QPushButton(_("Retrait d'un lauréat d'un &comité précédent…"))
        self.earlier_button.clicked.connect(self.withdraw_earlier)
        for index, button in enumerate(
            (
                self.vote_button,
                self.draw_button,
                self.withdraw_button,
                self.amount_button,
                self.no_award_button,
                self.carry_over_button,
                self.earlier_button,
            )
        ):
            actions.addWidget(button, index // 3, index % 3)
        actions.setColumnStretch(3, 1)

    def _build_log(self) -> None:
        """The « Décisions » tab: every decision as a card, and « Annuler la décision… »."""
        self.log_panel = QWidget()
        column = QVBoxLayout(self.log_panel)
        column.setContentsMargins(6, 6, 6, 6)
        self.model = DecisionsModel(self, self.state.lang)
        self.view = QListView()
        self.view.setObjectName("decisionsView")
        self.view.setAccessibleName(_("Décisions du jury"))
        self.view.setModel(self.model)
        self.view.setModelColumn(DecisionsModel.CARD_COLUMN)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setAlternatingRowColors(True)
        self.view.setSpacing(2)
        self.view.selectionModel().currentRowChanged.connect(lambda *_args: self.update_actions())
        column.addWidget(self.view, 1)
        self.undo_button = QPushButton(_("&Annuler la décision…"))
        self.undo_button.clicked.connect(self.undo_selected_decision)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.undo_button)
        column.addLayout(row)

    # --- showing -------------------------------------------------------------------------------

    def show_state(self) -> None:
        """The decisions list again, the chosen decision kept."""
        current = self.view.currentIndex()
        keep = current.row() if current.isValid() else None
        self.model.set_items(self.state.decisions)
        if keep is not None and keep < self.model.rowCount():
            self.select_decision(keep)

    def select_decision(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, DecisionsModel.CARD_COLUMN))

    def selected_decision(self) -> DecisionInfo | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.item(index.row())

    def update_actions(self) -> None:
        """Each button enabled only when its decision can be taken now."""
        state = self.state
        open_ = not state.closed
        result = state.selected_result()
        part = state.tie_part() if result is not None else None
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
        has_categories = bool(state.campaign and state.campaign.categories)
        self.no_award_button.setVisible(has_categories)
        self.no_award_button.setEnabled(open_ and has_categories)
        self.carry_over_button.setVisible(state.year is not None)
        self.earlier_button.setVisible(state.year is not None)
        self.earlier_button.setEnabled(open_ and bool(self._earlier_laureates()))
        self.carry_over_button.setEnabled(
            open_
            and result is not None
            and result.status is Status.WAITING
            and bool(self._later_sessions())
        )
        decision = self.selected_decision()
        self.undo_button.setEnabled(open_ and decision is not None and not decision.undone)
        self.close_button.setEnabled(open_)
        self.reopen_button.setEnabled(state.can_reopen)

    # --- running a flow ------------------------------------------------------------------------

    def _record(self, operation: Callable[[], Outcome[T]]) -> T:
        """Run ``operation`` through the session, which says what it changed."""
        return self.session.run(operation, self.host)

    def _run(self, title: str, operation: Callable[[], Outcome[T]]) -> T | None:
        """Run an operation; a refusal is shown in plain French and nothing changes."""
        try:
            return self._record(operation)
        except _REFUSALS as error:
            feedback.error(self.host, title, str(error))
            self.refused.emit()
            return None

    @staticmethod
    def _run_dialog(dialog: QDialog | None) -> None:
        if dialog is not None:
            feedback.run_dialog(dialog)
            dialog.deleteLater()

    def settle(self, ref: str) -> None:
        """Open the dialog the tie-break chain asks for ``ref``'s tie: a draw or a vote."""
        self._select(ref)
        if self.state.results is not None and self._next_step_is_draw():
            self.draw_lots()
        else:
            self.settle_by_vote()

    def _next_step_is_draw(self) -> bool:
        state = self.state
        result = state.selected_result()
        tie = state.tie_of(result) if result else None
        if tie is None or tie.state is not TieState.PENDING or state.results is None:
            return False
        return tie_label(tie, state.results, "fr") == "tirage requis"

    def _heading(self, part: Sequence[str]) -> str:
        result = self.state.result_of(part[0])
        if result is None or result.rank is None:
            return ", ".join(part)
        return _("Ex aequo au rang {k} — {pool} : {refs}").format(
            k=result.rank, pool=self.state.pool_name(result.pool), refs=", ".join(part)
        )

    # --- ties ----------------------------------------------------------------------------------

    def vote_dialog(self) -> TieVoteDialog | None:
        """The vote dialog for the selected tie (None when the selection is not tied)."""
        state = self.state
        part = state.tie_part()
        if part is None or state.campaign is None or state.results is None:
            return None
        refs = list(part)

        def submit(
            order: list[str],
            votes: tuple[int, int, int],
            president_vote: VoteChoice | None,
            reason: str,
        ) -> None:
            self._record(
                lambda: deliberation.decide_tie(
                    state.file,
                    refs,
                    order,
                    reason,
                    state.author,
                    votes=votes,
                    president_vote=president_vote,
                )
            )

        head = president(state.campaign.jurors)
        return TieVoteDialog(
            self.host,
            refs,
            state.titles(),
            submit,
            heading=self._heading(refs),
            majority=state.results.rules.majority,
            voters=state.voters(refs),
            has_president=head is not None and head.attendance is not Attendance.ABSENT,
        )

    def settle_by_vote(self) -> None:
        self._run_dialog(self.vote_dialog())

    def draw_dialog(self) -> DrawDialog | None:
        state = self.state
        part = state.tie_part()
        if part is None:
            return None
        refs = list(part)

        def draw(reason: str) -> tuple[int, Sequence[str]]:
            seed, order, _results = self._record(
                lambda: deliberation.decide_draw(state.file, refs, state.author, reason=reason)
            )
            return seed, order

        rules = state.results.rules if state.results is not None else None
        departure = (deliberation.chain_departure(rules, TieBreakKind.DRAW) if rules else "") or ""
        return DrawDialog(
            self.host, refs, state.titles(), draw, heading=self._heading(refs), departure=departure
        )

    def draw_lots(self) -> None:
        self._run_dialog(self.draw_dialog())

    # --- a dossier -----------------------------------------------------------------------------

    def withdraw_dialog(self) -> WithdrawDialog | None:
        state = self.state
        result = state.selected_result()
        if result is None:
            return None
        ref = result.ref

        def submit(reason: str) -> None:
            self._record(
                lambda: deliberation.decide_withdraw(state.file, ref, reason, state.author)
            )

        situation = status_label(result.status, state.lang)
        if result.amount_cents:
            situation += " — " + state.money(result.amount_cents)
        return WithdrawDialog(self.host, ref, result.dossier.title, submit, situation=situation)

    def withdraw(self) -> None:
        self._run_dialog(self.withdraw_dialog())

    def amount_dialog(self) -> AmountDialog | None:
        state = self.state
        result = state.selected_result()
        if result is None:
            return None
        ref = result.ref

        def submit(cents: int, reason: str) -> None:
            self._record(
                lambda: deliberation.decide_amount(state.file, ref, cents, reason, state.author)
            )

        return AmountDialog(
            self.host,
            ref,
            result.dossier.title,
            submit,
            current_cents=result.amount_cents,
            entitlement_cents=result.entitlement_cents,
            lang=state.lang,
        )

    def change_amount(self) -> None:
        self._run_dialog(self.amount_dialog())

    # --- a category, a decision ----------------------------------------------------------------

    def no_award_dialog(self) -> NoAwardDialog | None:
        state = self.state
        if state.campaign is None or not state.campaign.categories:
            return None

        def submit(code: str, reason: str) -> None:
            self._record(
                lambda: deliberation.decide_no_award(state.file, code, reason, state.author)
            )

        return NoAwardDialog(
            self.host,
            [(c.code, c.name) for c in state.campaign.categories],
            submit,
            current=self._current_pool(),
        )

    def no_award(self) -> None:
        self._run_dialog(self.no_award_dialog())

    def _later_sessions(self) -> list[tuple[str, str]]:
        """The open sessions after the current one: (code, name)."""
        year = self.state.year
        if year is None or self.state.campaign is None:
            return []
        sessions = self.state.campaign.sessions
        codes = [s.code for s in sessions]
        after = codes.index(year.last.session.code) + 1
        return [(s.code, s.name) for s in sessions[after:] if not s.sealed]

    def carry_over_dialog(self) -> CarryOverDialog | None:
        state = self.state
        result = state.selected_result()
        later = self._later_sessions()
        if result is None or not later:
            return None
        ref = result.ref

        def submit(code: str, reason: str) -> None:
            self._record(
                lambda: deliberation.decide_carry_over(state.file, ref, code, reason, state.author)
            )

        return CarryOverDialog(self.host, ref, result.dossier.title, later, submit)

    def carry_over(self) -> None:
        self._run_dialog(self.carry_over_dialog())

    def _earlier_laureates(self) -> list[tuple[str, str]]:
        """The laureates of earlier sealed sessions not withdrawn since: (ref, label)."""
        year = self.state.year
        if year is None:
            return []
        return [
            (
                d.ref,
                f"{d.ref} — {d.dossier.title} "
                f"({item.session.code}, {self.state.money(d.amount_cents)})",
            )
            for item in year.sessions[:-1]
            if item.session.sealed
            for d in item.results.dossiers
            if d.amount_cents > 0 and d.ref not in year.withdrawn_later
        ]

    def earlier_withdrawal_dialog(self) -> EarlierWithdrawalDialog | None:
        state = self.state
        laureates = self._earlier_laureates()
        if not laureates:
            return None

        def submit(ref: str, reason: str) -> None:
            self._record(
                lambda: deliberation.decide_withdraw(state.file, ref, reason, state.author)
            )

        return EarlierWithdrawalDialog(self.host, laureates, submit)

    def withdraw_earlier(self) -> None:
        self._run_dialog(self.earlier_withdrawal_dialog())

    def undo_dialog(self) -> ReasonDialog | None:
        state = self.state
        decision = self.selected_decision()
        if decision is None or decision.undone or state.closed:
            return None
        number = decision.id

        def submit(reason: str) -> None:
            self._record(
                lambda: deliberation.undo_decision(state.file, number, state.author, reason)
            )

        return ReasonDialog(
            self.host,
            _("Annuler la décision"),
            _("Annuler la décision n° {n}").format(n=number),
            decision_summary(decision, state.lang)
            + "\n\n"
            + _("La décision reste au journal, marquée annulée ; le classement est recalculé."),
            submit,
            ok_text=_("Annuler la décision"),
            cancel_text=_("Garder la décision"),
            required=False,
        )

    def undo_selected_decision(self) -> None:
        self._run_dialog(self.undo_dialog())

    def set_attendance(self, juror: str, attendance: Attendance) -> None:
        state = self.state
        self._run(
            _("Présence non enregistrée"),
            lambda: secretariat.set_attendance(state.file, juror, attendance, state.author),
        )

    # --- the seal ------------------------------------------------------------------------------

    def close_deliberation(self) -> None:
        state = self.state
        if state.closed:
            return
        if not feedback.confirm(
            self.host,
            _("Clore la délibération"),
            _(
                "Clore et sceller la délibération ? Plus rien ne pourra être modifié sans "
                "une réouverture motivée (le PV changera alors de version)."
            ),
            _("Clore et sceller"),
        ):
            return
        try:
            seal = self._record(lambda: deliberation.close_deliberation(state.file, state.author))
        except _REFUSALS as error:
            feedback.error(self.host, _("Clôture refusée"), str(error))
            self.refused.emit()
            self.closing_refused.emit()
            return
        if seal.session is not None:
            feedback.info(
                self.host,
                _("Comité clos"),
                _("Comité {code} scellé ; les autres restent ouverts.\nSceau SHA-256 : {h}").format(
                    code=seal.session, h=seal.hash
                ),
            )
            return
        feedback.info(
            self.host,
            _("Délibération close"),
            _("Délibération scellée (PV version {v}).\nSceau SHA-256 : {h}").format(
                v=seal.version, h=seal.hash
            ),
        )

    def reopen_dialog(self) -> ReasonDialog | None:
        state = self.state
        if not state.can_reopen:
            return None

        def submit(reason: str) -> None:
            self._record(lambda: deliberation.reopen_deliberation(state.file, reason, state.author))

        explanation = _(
            "La réouverture est enregistrée au journal avec sa raison ; le prochain "
            "procès-verbal sera la version {v}."
        ).format(v=state.file.pv_version + 1)
        if state.year is not None:  # the last sealed session
            sealed = [s.session for s in state.year.sessions if s.session.sealed][-1]
            explanation = _(
                "Rouvrir le comité {code}, le dernier clos. La réouverture est enregistrée au "
                "journal avec sa raison ; son prochain procès-verbal sera la version {v}."
            ).format(code=sealed.code, v=sealed.pv_version + 1)
        return ReasonDialog(
            self.host,
            _("Rouvrir la délibération"),
            _("Rouvrir la délibération"),
            explanation,
            submit,
            ok_text=_("Rouvrir"),
        )

    def reopen_deliberation(self) -> None:
        self._run_dialog(self.reopen_dialog())
