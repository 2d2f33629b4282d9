"""The desk's dialogs on their own: keyboard use, live checks, refusals kept on screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from juryapp.core.errors import OperationError
from juryapp.core.model import MajorityRule, VoteChoice
from juryapp.ui.desk.dialogs import AmountDialog, DrawDialog, ReasonDialog, TieVoteDialog
from tests.ui.desk_helpers import FakeUI, click, type_text

TITLES = {
    "GP-01": "Ressourcerie mobile des quartiers",
    "GP-02": "Jardin partagé des Couronneries",
    "GP-03": "Compostage collectif en pied d'immeuble",
}


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUI:
    return FakeUI(monkeypatch)


def test_vote_dialog_orders_with_the_keyboard(qtbot: QtBot, ui: FakeUI) -> None:
    recorded: list[tuple[object, ...]] = []
    dialog = TieVoteDialog(
        None,
        ["GP-01", "GP-02", "GP-03"],
        TITLES,
        lambda *args: recorded.append(args),
        voters=5,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.order_list.setFocus()
    dialog.order_list.setCurrentRow(2)
    QTest.keyClick(dialog.order_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(dialog.order_list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert dialog.order() == ["GP-03", "GP-01", "GP-02"]
    assert dialog.order_list.item(0).text().startswith("1.  GP-03 — Compostage")
    QTest.keyClick(dialog.order_list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert dialog.order() == ["GP-01", "GP-03", "GP-02"]
    assert dialog.for_spin.maximum() == 5
    assert not dialog.ok_button.isEnabled()  # no vote yet
    assert dialog.outcome.text() == "Saisissez le résultat du vote."
    type_text(dialog.for_spin.lineEdit(), "3")
    type_text(dialog.against_spin.lineEdit(), "1")
    type_text(dialog.abstain_spin.lineEdit(), "1")
    assert not dialog.president_combo.isEnabled()
    assert dialog.outcome.text().startswith("Adopté à la majorité des suffrages exprimés")
    QTest.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert recorded == [(["GP-01", "GP-03", "GP-02"], (3, 1, 1), None, "Vote du jury en séance")]


def test_vote_dialog_majority_of_members_present(qtbot: QtBot, ui: FakeUI) -> None:
    dialog = TieVoteDialog(
        None, ["GP-01", "GP-02"], TITLES, lambda *args: None, majority=MajorityRule.PRESENT
    )
    qtbot.addWidget(dialog)
    dialog.for_spin.setValue(4)
    dialog.against_spin.setValue(3)
    dialog.abstain_spin.setValue(2)
    assert not dialog.adopted()  # 4 of 9 present: rejected (rules §9)
    assert dialog.outcome.text().startswith("Rejeté à la majorité des membres présents")
    dialog.for_spin.setValue(3)
    dialog.against_spin.setValue(3)
    assert dialog.counts_equal()  # as many for as against: the president decides
    assert dialog.president_combo.isEnabled()
    dialog.president_combo.setCurrentIndex(
        dialog.president_combo.findData(VoteChoice.AGAINST.value)
    )
    assert dialog.president_vote() is VoteChoice.AGAINST
    assert not dialog.adopted()
    dialog.president_combo.setCurrentIndex(dialog.president_combo.findData(VoteChoice.FOR.value))
    assert dialog.adopted()
    assert "voix prépondérante" in dialog.outcome.text()


def test_vote_dialog_without_a_president_has_no_casting_vote(qtbot: QtBot, ui: FakeUI) -> None:
    dialog = TieVoteDialog(None, ["GP-01", "GP-02"], TITLES, lambda *a: None, has_president=False)
    qtbot.addWidget(dialog)
    dialog.for_spin.setValue(2)
    dialog.against_spin.setValue(2)
    assert not dialog.president_combo.isEnabled()


def test_draw_dialog_keeps_a_refusal_on_screen(qtbot: QtBot, ui: FakeUI) -> None:
    def refuse(reason: str) -> tuple[int, list[str]]:
        raise OperationError(
            "La délibération est close : rouvrez-la (avec une raison) avant toute décision."
        )

    dialog = DrawDialog(None, ["GP-01", "GP-02"], TITLES, refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    click(dialog.ok_button)
    assert dialog.isVisible() and dialog.seed is None
    assert "close" in ui.error_text
    assert dialog.refusal is not None


def test_amount_dialog_reads_french_amounts(qtbot: QtBot, ui: FakeUI) -> None:
    got: list[tuple[int, str]] = []
    dialog = AmountDialog(
        None,
        "GP-05",
        "Atelier vélo solidaire",
        lambda cents, reason: got.append((cents, reason)),
        current_cents=700_000,
        lang="fr",
    )
    qtbot.addWidget(dialog)
    dialog.show()
    for typed, cents in (
        ("3 500,00", 350_000),
        ("3\u202f500,00 €", 350_000),
        ("3500.5", 350_050),
        ("7.000,50", 700_050),
    ):
        type_text(dialog.amount, typed)
        assert dialog.cents() == cents, typed
    type_text(dialog.amount, "-5")
    assert dialog.cents() is None and not dialog.ok_button.isEnabled()
    assert "négatif" in dialog.preview.text()
    type_text(dialog.amount, "3 500")
    type_text(dialog.reason, "Deux lauréats ex aequo : 3 500 € chacun")
    QTest.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert got == [(350_000, "Deux lauréats ex aequo : 3 500 € chacun")]


def test_reason_dialog_requires_a_reason_when_asked(qtbot: QtBot, ui: FakeUI) -> None:
    got: list[str] = []
    dialog = ReasonDialog(None, "Rouvrir", "Rouvrir la délibération", "…", got.append)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert got == [] and dialog.isVisible()
    type_text(dialog.reason, "Erreur matérielle")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert got == ["Erreur matérielle"]
