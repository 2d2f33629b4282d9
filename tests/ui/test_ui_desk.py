"""The deliberation desk on real campaign files: ties settled by a vote or a draw,
a withdrawal moving the waiting list up, amounts refused, closing refused then
sealed, undo, attendance and quorum, documents. Dialogs are driven as a secretary
would (keys and clicks) through the desk's ``feedback`` hooks."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox, QDialog
from pytestqt.qtbot import QtBot

from juryapp.core.model import (
    Attendance,
    OrderTie,
    TieBreakKind,
    TieBreakStep,
    VoteChoice,
    Withdraw,
)
from juryapp.core.results import Status, TieState
from juryapp.operations import secretariat
from juryapp.store import CampaignFile, StoreError
from juryapp.ui import tasks
from juryapp.ui.demo import DEMO_AUTHOR, aquitaine_file, poitiers_file
from juryapp.ui.desk import DeskPage
from juryapp.ui.desk.dialogs import (
    AmountDialog,
    DrawDialog,
    NoAwardDialog,
    ReasonDialog,
    TieVoteDialog,
    WithdrawDialog,
)
from juryapp.ui.desk.models import PENDING_TIE, REF_ROLE, SHARED_TIE, Column
from juryapp.ui.desk.side import grouped_hash
from juryapp.ui.desk.state import Computed, DeskState
from tests.ui.desk_helpers import FakeUI, click, type_text

AUTHOR = "Lucie Perrin (secrétariat)"


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUI:
    return FakeUI(monkeypatch)


@pytest.fixture
def poitiers(tmp_path: Path) -> Iterator[CampaignFile]:
    file = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    yield file
    file.close()


@pytest.fixture
def aquitaine(tmp_path: Path) -> Iterator[CampaignFile]:
    file = aquitaine_file(tmp_path / "ami-innovation-sociale.jury", DEMO_AUTHOR)
    yield file
    file.close()


def make_desk(qtbot: QtBot, file: CampaignFile) -> DeskPage:
    page = DeskPage(file, AUTHOR, "fr")
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def cell(
    page: DeskPage, ref: str, column: Column, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    row = page.ranking.model.row_of(ref)
    assert row is not None, f"{ref} is not in the shown pool"
    return page.ranking.model.index(row, column).data(role)


def vote(order: list[str], counts: tuple[int, int, int], president: int = 0):  # type: ignore[no-untyped-def]
    """A driver filling the vote dialog with the keyboard and buttons, then OK."""

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, TieVoteDialog)
        # put the order with the « Monter » button, as a secretary would
        for position, ref in enumerate(order):
            row = dialog.order().index(ref)
            dialog.order_list.setCurrentRow(row)
            for _ in range(row - position):
                click(dialog.up_button)
        assert dialog.order() == order
        for spin, value in zip(
            (dialog.for_spin, dialog.against_spin, dialog.abstain_spin), counts, strict=True
        ):
            type_text(spin.lineEdit(), str(value))
        dialog.president_combo.setCurrentIndex(president)
        click(dialog.ok_button)

    return driver


# --- a tie settled by a vote ------------------------------------------------------------


def test_pending_tie_is_highlighted_and_blocks_closing(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    assert page.current_pool() == "DUR"
    for ref in ("GP-01", "GP-02"):
        assert cell(page, ref, Column.RANK) == "1 ="
        assert cell(page, ref, Column.TIE) == "vote requis"
        background = cell(page, ref, Column.TITLE, Qt.ItemDataRole.BackgroundRole)
        assert isinstance(background, QBrush) and background.color() == PENDING_TIE
        assert cell(page, ref, Column.AMOUNT) == "3\u202f500,00\xa0€"
    assert page.pending.model.rowCount() == 1
    assert "GP-01, GP-02" in page.pending.label.text() + page.pending.model.index(0).data()
    assert "⚠" in page.ranking.pool_tabs.tabText(0)
    # the separators: waiting list, then the threshold line
    kinds = [row.kind for row in page.ranking.model.rows()]
    assert kinds == ["dossier", "dossier", "waiting", "dossier", "threshold", "dossier"]
    threshold = page.ranking.model.rows()[4]
    assert threshold.text.startswith("Seuil 10 / 20")
    assert page.ranking.view.columnSpan(4, 0) == len(Column)


def test_tie_settled_by_a_vote_updates_the_ranking(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    assert page.select_ref("GP-01")
    assert page.decisions.vote_button.isEnabled() and page.decisions.draw_button.isEnabled()
    ui.drive(vote(["GP-02", "GP-01"], (2, 1, 0)))
    with qtbot.waitSignal(page.changed):
        click(page.decisions.vote_button)
    assert ui.errors == []
    assert ui.results == [QDialog.DialogCode.Accepted]
    results = page.results
    assert results is not None
    assert results.dossier("GP-02").rank == 1
    assert results.dossier("GP-02").amount_cents == 700_000
    assert results.dossier("GP-01").rank == 2
    assert results.dossier("GP-01").status is Status.WAITING
    assert results.pending == []
    # the table follows: GP-02 first, the tie shown as settled
    assert page.ranking.model.row_item(0).result is not None
    assert page.ranking.model.row_item(0).result.ref == "GP-02"
    assert cell(page, "GP-02", Column.TIE) == "départagé"
    assert cell(page, "GP-02", Column.AMOUNT) == "7\u202f000,00\xa0€"
    assert not page.pending.view.isVisible()
    assert "Rien ne bloque" in page.pending.label.text()
    [decision] = poitiers.decisions()
    assert isinstance(decision.decision, OrderTie)
    assert decision.decision.refs == ("GP-02", "GP-01")
    assert decision.author == AUTHOR
    assert page.decisions.model.rowCount() == 1
    assert "GP-02 > GP-01" in page.decisions.model.index(0, 1).data()


def test_vote_with_equal_counts_needs_the_presidents_casting_vote(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    dialog = page.decisions.vote_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.for_spin.setValue(1)
    dialog.against_spin.setValue(1)
    assert dialog.president_combo.isEnabled()
    assert not dialog.ok_button.isEnabled()
    assert dialog.outcome.text().startswith("Rejeté")
    assert "voix prépondérante du président décide" in dialog.outcome.text()
    dialog.president_combo.setCurrentIndex(dialog.president_combo.findData(VoteChoice.FOR.value))
    assert dialog.ok_button.isEnabled()
    assert "voix prépondérante" in dialog.outcome.text()
    click(dialog.ok_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [decision] = poitiers.decisions()
    assert isinstance(decision.decision, OrderTie)
    assert decision.decision.votes is not None
    assert decision.decision.votes.president is VoteChoice.FOR


def test_vote_with_more_voices_than_voters_is_refused_and_the_dialog_stays(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-02")
    dialog = page.decisions.vote_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.for_spin.setMaximum(10)  # the spin box caps at the voters; force past it
    dialog.for_spin.setValue(5)
    click(dialog.ok_button)
    assert "5 voix" in ui.error_text
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert poitiers.decisions() == []


def test_draw_by_lot_shows_the_seed_and_records_it(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-02")
    seen: dict[str, object] = {}

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, DrawDialog)
        # the call declares only a vote: a draw departs from it, so a reason is required
        assert dialog.departure.isVisibleTo(dialog)
        assert "ne prévoit pas le tirage au sort" in dialog.departure.text()
        assert dialog.reason.text() == "" and not dialog.ok_button.isEnabled()
        type_text(dialog.reason, "voix partagées, la présidente propose le sort")
        assert dialog.ok_button.isEnabled()
        click(dialog.ok_button)  # « Tirer au sort »
        seen["seed"] = dialog.seed
        seen["text"] = dialog.result_label.text()
        seen["button"] = dialog.ok_button.text()
        assert dialog.isVisible()  # the result stays on screen
        click(dialog.ok_button)  # « Fermer »

    ui.drive(driver)
    click(page.decisions.draw_button)
    [decision] = poitiers.decisions()
    assert decision.kind == "draw"
    assert f"Graine du tirage : {seen['seed']}" in str(seen["text"])
    assert seen["button"] == "Fermer"
    assert page.results is not None
    tie = page.results.ties[0]
    assert tie.state is TieState.BROKEN
    first = tie.refs[0]
    assert f"1. {first}" in str(seen["text"])
    assert page.results.dossier(first).amount_cents == 700_000
    assert [step.kind for step in tie.steps] == ["tirage au sort", "hors chaîne"]
    assert (
        "Motif : voix partagées, la présidente propose le sort" in tie.steps[1].description.render()
    )


# --- withdrawal, amounts, no award ---------------------------------------------------------


def test_withdrawal_funds_the_first_of_the_waiting_list(
    qtbot: QtBot, aquitaine: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, aquitaine)
    assert page.results is not None
    assert page.results.dossier("NA-05").status is Status.WAITING
    awarded_before = page.gauges.gauges[-1].values
    assert awarded_before is not None and awarded_before.awarded_cents == 14_500_000
    page.select_ref("NA-02")

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, WithdrawDialog)
        assert not dialog.ok_button.isEnabled()  # a reason is required
        type_text(dialog.reason, "Désistement du porteur (courrier du 2 décembre)")
        click(dialog.ok_button)

    ui.drive(driver)
    click(page.decisions.withdraw_button)
    results = page.results
    assert results is not None
    assert results.dossier("NA-02").status is Status.WITHDRAWN
    assert results.dossier("NA-05").status is Status.LAUREATE
    assert results.dossier("NA-05").amount_cents == 3_000_000
    assert results.dossier("NA-06").status is Status.WAITING
    [decision] = aquitaine.decisions()
    assert decision.decision == Withdraw("NA-02", "Désistement du porteur (courrier du 2 décembre)")
    assert cell(page, "NA-05", Column.AMOUNT) == "30\u202f000,00\xa0€"
    kinds = [row.kind for row in page.ranking.model.rows()]
    assert kinds[-2:] == ["out", "dossier"]  # the withdrawn dossier, out of the ranking
    assert page.ranking.model.rows()[-1].result is not None
    assert page.ranking.model.rows()[-1].result.ref == "NA-02"
    gauge = page.gauges.gauges[-1]
    assert gauge.values is not None and gauge.values.awarded_cents == 13_500_000
    assert "Non attribué 15\u202f000,00\xa0€" in gauge.summary()


def test_amount_over_the_envelope_is_refused_and_nothing_is_recorded(
    qtbot: QtBot, aquitaine: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, aquitaine)
    page.select_ref("NA-05")
    assert page.decisions.amount_button.isEnabled()
    states: dict[str, object] = {}

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, AmountDialog)
        type_text(dialog.amount, "30 000,00 €")
        states["preview"] = dialog.preview.text()
        click(dialog.ok_button)
        states["open"] = dialog.isVisible()
        states["refusal"] = dialog.refusal_label.text() if dialog.refusal_label.isVisible() else ""

    ui.drive(driver)
    click(page.decisions.amount_button)
    assert states["preview"] == "= 30\u202f000,00\xa0€"
    assert states["open"] is True  # refused: the dialog stayed for a correction
    assert ui.results == [QDialog.DialogCode.Rejected]
    assert "dépasse l'enveloppe disponible" in ui.error_text
    assert "dépasse l'enveloppe disponible" in str(states["refusal"])
    assert aquitaine.decisions() == []
    assert page.results is not None
    assert page.results.dossier("NA-05").amount_cents == 0


def test_amount_over_the_cap_is_refused_then_a_lower_one_is_set(
    qtbot: QtBot, aquitaine: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, aquitaine)
    page.select_ref("NA-03")

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, AmountDialog)
        type_text(dialog.amount, "45 000")
        click(dialog.ok_button)
        assert "dépasse le droit" in ui.error_text
        type_text(dialog.amount, "7,000")  # ambiguous: refused before any operation
        assert not dialog.ok_button.isEnabled()
        assert "ambigu" in dialog.preview.text()
        type_text(dialog.amount, "30 000,00")
        click(dialog.ok_button)

    ui.drive(driver)
    click(page.decisions.amount_button)
    assert ui.results == [QDialog.DialogCode.Accepted]
    [decision] = aquitaine.decisions()
    assert decision.kind == "amount"
    assert page.results is not None
    assert page.results.dossier("NA-03").amount_cents == 3_000_000
    assert cell(page, "NA-03", Column.AMOUNT) == "30\u202f000,00\xa0€"


def test_a_category_not_awarded_frees_its_prize(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.show_pool("CIR")

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, NoAwardDialog)
        assert dialog.category.currentData() == "CIR"
        type_text(dialog.reason, "Aucun projet ne répond aux attentes du jury")
        click(dialog.ok_button)

    ui.drive(driver)
    click(page.decisions.no_award_button)
    assert page.results is not None
    assert page.results.dossier("GP-05").amount_cents == 0
    assert cell(page, "GP-05", Column.STATUS) == "non retenu (catégorie non attribuée)"
    gauge = page.gauges.gauges[1]
    assert gauge.values is not None and gauge.values.name == "Territoire circulaire"
    assert gauge.values.awarded_cents == 0
    assert "non attribuée par le jury" in gauge.summary()


# --- undo ---------------------------------------------------------------------------------


def test_undo_a_decision_brings_the_tie_back(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    ui.drive(vote(["GP-01", "GP-02"], (3, 0, 0)))
    click(page.decisions.vote_button)
    assert page.results is not None and page.results.pending == []
    assert not page.decisions.undo_button.isEnabled()  # nothing chosen yet
    page.side_tabs.setCurrentIndex(1)
    page.decisions.select_decision(0)
    assert page.decisions.undo_button.isEnabled()

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        assert dialog.ok_button.isEnabled()  # the reason is optional
        type_text(dialog.reason, "Erreur de saisie du vote")
        click(dialog.ok_button)

    ui.drive(driver)
    click(page.decisions.undo_button)
    [decision] = poitiers.decisions()
    assert decision.undone and decision.undo_reason == "Erreur de saisie du vote"
    assert page.results.ties[0].state is TieState.PENDING
    assert cell(page, "GP-01", Column.TIE) == "vote requis"
    assert page.decisions.model.index(0, 5).data().startswith("annulée le")
    assert not page.decisions.undo_button.isEnabled()


# --- closing and the seal -----------------------------------------------------------------


def test_closing_is_refused_while_a_tie_is_pending_then_sealed(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    click(page.decisions.close_button)
    assert len(ui.questions) == 1
    assert "Clôture impossible" in ui.error_text
    assert "GP-01, GP-02" in ui.error_text
    assert not poitiers.is_closed
    assert page.pending.view.isVisible() and page.pending.model.rowCount() == 1

    page.select_ref("GP-01")
    ui.drive(vote(["GP-01", "GP-02"], (3, 0, 0)))
    click(page.decisions.vote_button)
    with qtbot.waitSignal(page.changed):
        click(page.decisions.close_button)
    assert poitiers.is_closed
    seal = poitiers.seal
    assert seal is not None and len(seal) == 64
    assert page.seal_banner.isVisible()
    assert grouped_hash(seal) in page.seal_banner.text()  # wraps on a narrow screen
    assert page.seal_banner.toolTip() == seal
    assert "version 1" in page.seal_banner.text()
    assert any(seal in text for _title, text in ui.infos)
    page.select_ref("GP-01")
    for button in (
        page.decisions.vote_button,
        page.decisions.draw_button,
        page.decisions.withdraw_button,
        page.decisions.amount_button,
        page.decisions.no_award_button,
        page.decisions.undo_button,
        page.decisions.close_button,
    ):
        assert not button.isEnabled(), button.text()
    assert page.decisions.reopen_button.isEnabled()
    assert page.documents.minutes_action.isEnabled()
    assert not page.attendance.model.flags(page.attendance.model.index(0, 3)) & (
        Qt.ItemFlag.ItemIsEditable
    )
    # the store itself refuses a score now
    with pytest.raises(StoreError, match="close"):
        poitiers.set_score("J1", "GP-01", "UTIL", 9, AUTHOR)


def test_reopening_asks_for_a_reason_and_opens_version_two(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    ui.drive(vote(["GP-02", "GP-01"], (2, 0, 1)))
    click(page.decisions.vote_button)
    click(page.decisions.close_button)
    assert poitiers.is_closed

    def driver(dialog: QDialog) -> None:
        assert isinstance(dialog, ReasonDialog)
        assert not dialog.ok_button.isEnabled()
        type_text(dialog.reason, "Recours gracieux de l'association « Les Couronneries »")
        click(dialog.ok_button)

    ui.drive(driver)
    click(page.decisions.reopen_button)
    assert not poitiers.is_closed
    assert poitiers.pv_version == 2
    assert not page.seal_banner.isVisible()
    assert "version 2" in page.heading.state_label.text()
    assert page.decisions.close_button.isEnabled()


def test_sealed_campaign_refuses_a_score_from_the_scoring_page(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    scoring = pytest.importorskip("juryapp.ui.pages.scoring")
    session_module = pytest.importorskip("juryapp.ui.session")
    messages = pytest.importorskip("juryapp.ui.messages")
    indicator_module = pytest.importorskip("juryapp.ui.widgets.save_indicator")
    from PySide6.QtGui import QUndoStack

    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    ui.drive(vote(["GP-01", "GP-02"], (3, 0, 0)))
    click(page.decisions.vote_button)
    click(page.decisions.close_button)
    assert poitiers.is_closed

    shown: list[tuple[str, str, str]] = []
    messages.set_message_hook(lambda kind, title, text: shown.append((kind, title, text)) or True)
    try:
        campaign = session_module.load_campaign(poitiers)
        juror = campaign.jurors[0]
        session = session_module.Session(poitiers, campaign, juror, AUTHOR)
        sheet = session_module.JurorSheet.read(poitiers, campaign, juror)
        stack = QUndoStack()
        indicator = indicator_module.SaveIndicator()
        qtbot.addWidget(indicator)
        scoring_page = scoring.ScoringPage(session, sheet, stack, indicator)
        qtbot.addWidget(scoring_page)
        before = [c for c in poitiers.score_cells() if c.ref == "GP-01" and c.juror == juror.code]
        assert scoring_page.write_score("GP-01", "UTIL", 2, navigate=False) is False
    finally:
        messages.set_message_hook(None)
    # Said where the juror looks (under the field, or above the comment), not in a dialog.
    said = [label.text() for label in (*scoring_page.field_messages, scoring_page.hint_label)]
    assert any("Délibération close" in text for text in said), said
    assert indicator.state == indicator.READ_ONLY
    assert shown == []
    after = [c for c in poitiers.score_cells() if c.ref == "GP-01" and c.juror == juror.code]
    assert after == before


# --- attendance and quorum ----------------------------------------------------------------


def test_attendance_change_flips_the_quorum(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    assert page.results is not None and page.results.quorum.reached
    assert (
        "atteint" in page.heading.quorum_label.text()
        and "NON" not in page.heading.quorum_label.text()
    )
    # GP-08: J3 recused, its own quorum listed dossier by dossier
    refs = [
        page.attendance.dossier_quorum_model.index(r, 0).data()
        for r in range(page.attendance.dossier_quorum_model.rowCount())
    ]
    assert "GP-08" in refs
    model = page.attendance.model
    row = next(r for r in range(model.rowCount()) if model.juror(r).code == "J3")
    index = model.index(row, model.ATTENDANCE_COLUMN)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    # through the delegate: open the editor, choose « absent », commit
    page.side_tabs.setCurrentIndex(2)
    page.attendance.view.setCurrentIndex(index)
    page.attendance.view.edit(index)
    combos = page.attendance.view.viewport().findChildren(QComboBox)
    assert len(combos) == 1
    combos[0].setCurrentIndex(combos[0].findData(Attendance.ABSENT.value))
    page.attendance.view.commitData(combos[0])
    page.attendance.view.closeEditor(combos[0], QAbstractItemDelegate.EndEditHint.NoHint)
    qtbot.waitUntil(lambda: page.results is not None and not page.results.quorum.reached)
    assert "NON ATTEINT" in page.heading.quorum_label.text()
    assert any(item.kind == "quorum" for item in page.results.pending)
    assert page.results.dossier("GP-08").quorum is not None
    assert page.results.dossier("GP-08").quorum.reached  # J3 was recused there anyway
    assert poitiers.load().jurors[row].attendance is Attendance.ABSENT
    # and back, through the model
    assert model.setData(model.index(row, model.ATTENDANCE_COLUMN), Attendance.VIDEO.value)
    qtbot.waitUntil(lambda: page.results is not None and page.results.quorum.reached)
    assert "NON" not in page.heading.quorum_label.text()


def test_the_desk_follows_what_the_session_says_changed(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    said: list[tuple[tuple[str, ...], object]] = []
    page.session.changed.connect(
        lambda changes, initiator: said.append((changes.names(), initiator))
    )
    assert page.results is not None and page.results.quorum.reached
    # a change made elsewhere (the secretariat's Jury tab): the desk recomputes, and does
    # not claim the change as its own
    with qtbot.assertNotEmitted(page.changed):
        page.session.run(
            lambda: secretariat.set_attendance(poitiers, "J3", Attendance.ABSENT, AUTHOR)
        )
    assert said == [(("jury",), None)]
    assert not page.results.quorum.reached
    assert "NON ATTEINT" in page.heading.quorum_label.text()
    # a change made at the desk goes through the session, the desk named as its initiator
    model = page.attendance.model
    row = next(r for r in range(model.rowCount()) if model.juror(r).code == "J3")
    with qtbot.waitSignal(page.changed):
        assert model.setData(model.index(row, model.ATTENDANCE_COLUMN), Attendance.PRESENT.value)
    assert said[-1] == (("jury",), page)
    assert page.results.quorum.reached
    assert page.session.campaign.jurors[row].attendance is Attendance.PRESENT


# --- detail and documents -----------------------------------------------------------------


def test_detail_shows_each_jurors_note_and_criterion_means(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.show_pool("INC")
    row = page.ranking.model.row_of("GP-08")
    assert row is not None
    page.ranking.view.setCurrentIndex(page.ranking.model.index(row, 0))
    assert page.selected_ref == "GP-08"
    assert page.detail.title.text().startswith("GP-08 — Épicerie solidaire")
    assert page.detail.notes_model.rowCount() == 4  # J3 recused
    jurors = [page.detail.notes_model.index(r, 0).data() for r in range(4)]
    assert all("J3" not in juror for juror in jurors)
    assert page.detail.means_model.rowCount() == 3
    assert page.detail.means_model.index(0, 0).data() == "Utilité sociale"
    assert page.detail.means_model.index(0, 1).data() == "8,00 / 10"
    assert "Déport : J3 Amina Haddad" in page.detail.quorum.text()
    assert "Rang 1 sur 3" in page.detail.explanation.text()
    assert page.ranking.model.index(row, 0).data(REF_ROLE) == "GP-08"


def test_export_minutes_and_explanation(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, tmp_path: Path
) -> None:
    page = make_desk(qtbot, poitiers)
    ui.save_to = tmp_path / "pv-v1.pdf"
    page.documents.minutes_action.trigger()
    assert ui.errors == [], ui.error_text
    assert any("projet" in text.lower() for _title, text in ui.questions)  # not closed yet
    assert (tmp_path / "pv-v1.pdf").read_bytes().startswith(b"%PDF")
    assert ui.written == [("Procès-verbal exporté", tmp_path)]
    assert not page.documents.explanation_action.isEnabled()
    page.select_ref("GP-05")
    assert page.documents.explanation_action.isEnabled()
    ui.save_to = tmp_path / "explication-GP-05.pdf"
    page.documents.explanation_action.trigger()
    assert ui.errors == [], ui.error_text
    assert (tmp_path / "explication-GP-05.pdf").read_bytes().startswith(b"%PDF")
    journal = [entry for entry in poitiers.journal() if entry.kind == "export"]
    assert len(journal) == 2


def test_double_click_on_a_pending_item_opens_the_vote(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.show_pool("INC")
    ui.drive(vote(["GP-02", "GP-01"], (2, 1, 0)))
    page.pending.view.activated.emit(page.pending.model.index(0))
    assert page.current_pool() == "DUR"
    assert page.results is not None and page.results.pending == []


# --- the models ---------------------------------------------------------------------------


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    models = (
        page.ranking.model,
        page.pending.model,
        page.decisions.model,
        page.attendance.model,
        page.detail.notes_model,
        page.detail.means_model,
        page.attendance.dossier_quorum_model,
    )
    for model in models:
        qtmodeltester.check(model)  # type: ignore[attr-defined]
    ui.drive(vote(["GP-02", "GP-01"], (3, 0, 0)))
    click(page.decisions.vote_button)
    for code in ("DUR", "CIR", "INC"):
        page.show_pool(code)
        qtmodeltester.check(page.ranking.model)  # type: ignore[attr-defined]
    for model in models[1:]:
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_envelope_call_has_one_pool_and_its_gauge(
    qtbot: QtBot, qtmodeltester: object, aquitaine: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, aquitaine)
    assert not page.ranking.pool_tabs.isVisible()
    assert len(page.gauges.gauges) == 1
    gauge = page.gauges.gauges[0]
    assert gauge.headline() == "150\u202f000,00\xa0€"
    assert gauge.summary() == "Attribué 145\u202f000,00\xa0€ · Non attribué 5\u202f000,00\xa0€"
    assert page.ranking.view.isColumnHidden(Column.TIE)  # no tie in this pool
    assert cell(page, "NA-05", Column.AMOUNT) == "—"
    assert (
        cell(page, "NA-05", Column.AMOUNT, Qt.ItemDataRole.ToolTipRole)
        == "Droit : 30\u202f000,00\xa0€"
    )
    qtmodeltester.check(page.ranking.model)  # type: ignore[attr-defined]


def test_the_desk_in_english(qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI) -> None:
    from juryapp.i18n import current_language, set_language

    previous = current_language()
    set_language("en")
    try:
        page = DeskPage(poitiers, AUTHOR, "en")
        qtbot.addWidget(page)
        header = page.ranking.model.headerData(Column.RANK, Qt.Orientation.Horizontal)
        assert header == "Rank"
        assert cell(page, "GP-01", Column.TIE) == "vote needed"
        assert page.decisions.close_button.text() == "Close the deliberation"
        assert page.gauges.gauges[0].summary().startswith("Awarded €7,000.00")
        assert page.pending.label.text() == "To settle before closing (1)"
    finally:
        set_language(previous)


def test_enter_on_a_tied_dossier_opens_the_vote(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    page.select_ref("GP-01")
    ui.drive(vote(["GP-01", "GP-02"], (3, 0, 0)))
    page.ranking.view.activated.emit(page.ranking.view.currentIndex())
    assert len(ui.dialogs) == 1 and isinstance(ui.dialogs[0], TieVoteDialog)
    assert page.results is not None and page.results.pending == []
    page.ranking.view.activated.emit(page.ranking.view.currentIndex())  # settled: nothing opens
    assert len(ui.dialogs) == 1


def test_projection_hides_the_panel_and_enlarges_the_ranking(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI
) -> None:
    page = make_desk(qtbot, poitiers)
    size = page.ranking.view.font().pointSizeF()
    click(page.projection_button)
    assert page.projecting and page.projection_action.isChecked()
    assert not page.side_tabs.isVisible() and not page.decisions.actions_panel.isVisible()
    assert page.ranking.legend.isVisible() and "Désaccord" in page.ranking.legend.text()
    assert page.ranking.view.font().pointSizeF() > size
    assert page.ranking.view.wordWrap()  # full titles
    assert all(gauge.compact for gauge in page.gauges.gauges)
    qtbot.keyClick(page.ranking.view, Qt.Key.Key_Escape)  # Échap leaves
    assert not page.projecting and not page.projection_button.isChecked()
    assert page.side_tabs.isVisible()
    assert page.ranking.view.font().pointSizeF() == size
    page.projection_action.trigger()  # F5 in the window's menu
    assert page.projecting
    page.projection_action.trigger()
    assert not page.projecting


def test_show_desk_opens_a_window_on_a_file(
    qtbot: QtBot, poitiers: CampaignFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from juryapp.i18n import current_language, set_language
    from juryapp.ui.desk import window

    shown: list[QMainWindow] = []

    def fake_exec(self: QApplication) -> int:
        shown.extend(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
        for widget in shown:
            widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    previous = current_language()
    path = poitiers.path
    poitiers.close()
    try:
        assert window.main([str(path), "--author", AUTHOR]) == 0
    finally:
        set_language(previous)
    [main] = [w for w in shown if isinstance(w.centralWidget(), DeskPage)]
    assert main.windowTitle().startswith("Bureau de la délibération — AAP")
    assert main.width() == 1280


def test_a_tie_without_a_chain_stays_shared(qtbot: QtBot, tmp_path: Path, ui: FakeUI) -> None:
    file = poitiers_file(tmp_path / "partage.jury", DEMO_AUTHOR, tie_break=())
    try:
        page = make_desk(qtbot, file)
        assert cell(page, "GP-01", Column.TIE) == "ex aequo (partagé)"
        assert cell(page, "GP-01", Column.RANK) == "1 ="
        rank_background = cell(page, "GP-01", Column.RANK, Qt.ItemDataRole.BackgroundRole)
        assert isinstance(rank_background, QBrush) and rank_background.color() == SHARED_TIE
        assert cell(page, "GP-01", Column.AMOUNT) == "3\u202f500,00\xa0€"
        assert page.results is not None and page.results.pending == []
        # the jury may still order a shared tie
        page.select_ref("GP-02")
        assert page.decisions.vote_button.isEnabled()
    finally:
        file.close()


def test_a_tie_waiting_for_a_draw_opens_the_draw(qtbot: QtBot, tmp_path: Path, ui: FakeUI) -> None:
    chain = (TieBreakStep(TieBreakKind.DRAW),)
    file = poitiers_file(tmp_path / "tirage.jury", DEMO_AUTHOR, tie_break=chain)
    try:
        page = make_desk(qtbot, file)
        assert cell(page, "GP-01", Column.TIE) == "tirage requis"
        page.select_ref("GP-01")

        def driver(dialog: QDialog) -> None:
            assert isinstance(dialog, DrawDialog)
            assert not dialog.departure.isVisibleTo(dialog)  # the chain declares the draw
            assert dialog.reason.text() == "tirage au sort en séance"
            click(dialog.ok_button)
            click(dialog.ok_button)

        ui.drive(driver)
        page.ranking.view.activated.emit(page.ranking.view.currentIndex())
        assert page.results is not None and page.results.ties[0].state is TieState.BROKEN
        assert [d.kind for d in file.decisions()] == ["draw"]
    finally:
        file.close()


def test_a_category_on_the_calls_envelope_shows_what_its_dossiers_received(
    qtbot: QtBot, tmp_path: Path, ui: FakeUI
) -> None:
    # The 2016 AMI: three kinds of innovation as categories, all on the call's envelope.
    from juryapp.demo import prepare_demo

    file = CampaignFile.open(prepare_demo(tmp_path / "demo"))
    try:
        page = make_desk(qtbot, file)
        results = page.results
        assert results is not None
        shared = [g.values for g in page.gauges.gauges[:-1] if g.values is not None]
        assert shared and all(v.available_cents is None for v in shared)
        for values in shared:
            pool = next(p for p in results.pools if p.name == values.name)
            expected = sum(d.amount_cents for d in results.dossiers if d.pool == pool.code)
            assert values.awarded_cents == expected
        # every euro awarded on the call is shown under one of its categories
        total = page.gauges.gauges[-1].values
        assert total is not None
        assert sum(v.awarded_cents for v in shared) == total.awarded_cents > 0
    finally:
        file.close()


# --- recomputing off the UI thread -----------------------------------------------------------


def test_the_desk_recomputes_off_the_ui_thread(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, monkeypatch: pytest.MonkeyPatch
) -> None:
    tasks.set_synchronous(False)  # the fixtures put it back
    on_ui_thread: list[bool] = []
    compute = DeskState.compute

    def recording(file: CampaignFile) -> Computed:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return compute(file)

    monkeypatch.setattr(DeskState, "compute", staticmethod(recording))
    page = make_desk(qtbot, poitiers)
    qtbot.waitUntil(lambda: page.results is not None and tasks.active_tasks() == 0)
    assert on_ui_thread == [False]
    assert page.select_ref("GP-03")

    def withdraw(dialog: QDialog) -> None:
        assert isinstance(dialog, WithdrawDialog)
        type_text(dialog.reason, "Désistement du porteur")
        click(dialog.ok_button)

    ui.drive(withdraw)
    with qtbot.waitSignal(page.changed):
        click(page.decisions.withdraw_button)
    page.refresh()  # asked for again while it runs: one more after it
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0 and not page._computing)
    results = page.results
    assert results is not None and results.dossier("GP-03").status is Status.WITHDRAWN
    assert page.ranking.model.row_of("GP-03") is not None
    assert len(on_ui_thread) in (2, 3) and not any(on_ui_thread)


def test_a_desk_closed_while_it_recomputes_is_left_alone(
    qtbot: QtBot, poitiers: CampaignFile
) -> None:
    tasks.set_synchronous(False)
    page = DeskPage(poitiers, AUTHOR, "fr")
    page.deleteLater()
    qtbot.waitUntil(lambda: tasks.active_tasks() == 0)
