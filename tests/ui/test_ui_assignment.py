"""« Répartition des dossiers » (rules §14): the secretariat assigns, reads each dossier's
rapporteurs, moves one by hand (checked, forced, journaled) and opens one to all, with the
keyboard; a refusal is said in the dialog and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from juryapp.core.model import Dossier, Juror, Role
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.assignment import AssignmentDialog
from juryapp.ui.session import Session, load_campaign
from tests.plugin.campaigns import jury_campaign

SHOTS = Path("/tmp/ui-look")


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    base = jury_campaign()
    organised = replace(
        base,
        dossiers=tuple(Dossier(f"D{i}", f"Projet {i}") for i in range(1, 9)),
        jurors=(
            Juror("J1", "Anne Dupré", Role.PRESIDENT, organisation="Région"),
            Juror("J2", "Bruno Lefèvre", organisation="Région"),
            Juror("J3", "Chloé N'Diaye", organisation="CRESS"),
            Juror("J4", "Dmitri Ivanov", organisation="France Active"),
            Juror("S", "Sam Secrétaire", Role.SECRETARY, votes=False),
        ),
    )
    with CampaignFile.create(tmp_path / "appel.jury", organised, "coordination") as opened:
        yield opened


def _dialog(qtbot: QtBot, campaign: CampaignFile) -> AssignmentDialog:
    session = Session(campaign, load_campaign(campaign), None, "Sam Secrétaire")
    dialog = AssignmentDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return dialog


def _tab_to(qtbot: QtBot, dialog: QWidget, target: QWidget, limit: int = 30) -> None:
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.accessibleName()}")


def test_assign_and_move_with_the_keyboard(qtbot: QtBot, campaign: CampaignFile) -> None:
    dialog = _dialog(qtbot, campaign)
    assert dialog.windowTitle() == "Répartition des dossiers"
    assert "Pas de répartition" in dialog.summary.text()
    assert not dialog.move_button.isEnabled()
    # K = 2, two organisations per dossier, seed 21, all typed
    assert QApplication.focusWidget() is dialog.per_dossier
    dialog.per_dossier.selectAll()
    qtbot.keyClicks(dialog.per_dossier, "2")
    _tab_to(qtbot, dialog, dialog.institutions)
    dialog.institutions.selectAll()
    qtbot.keyClicks(dialog.institutions, "2")
    _tab_to(qtbot, dialog, dialog.seed)
    qtbot.keyClicks(dialog.seed, "21")
    _tab_to(qtbot, dialog, dialog.assign_button)
    qtbot.keyClick(dialog.assign_button, Qt.Key.Key_Space)
    assert "Répartition enregistrée : 8 dossier(s), graine 21" in dialog.message.text()
    rapporteurs = campaign.rapporteurs()
    assert rapporteurs is not None and rapporteurs.seed == "21"
    assert "2 rapporteur(s) par dossier, graine 21" in dialog.summary.text()
    assert dialog.model.rowCount() == 8
    first = dialog.model.index(0, dialog.model.JURORS).data()
    assert all(code in first for code in rapporteurs.assigned("D1"))
    # the table is left with Tab (no keyboard trap)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert dialog.dossier.currentData() == "D2"
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not dialog.table

    # a move that unbalances the loads is refused, then forced with a reason
    holder = dialog.from_juror.currentData()
    target = dialog.to_juror.currentData()
    assert holder in rapporteurs.assigned("D2") and target not in rapporteurs.assigned("D2")
    journal = len(campaign.journal())
    qtbot.keyClick(dialog.move_button, Qt.Key.Key_Space)
    assert "Ce déplacement enfreint la répartition" in dialog.message.text()
    assert len(campaign.journal()) == journal
    _shot(dialog, "assignment-refused.png")
    qtbot.keyClicks(dialog.reason, "indisponible")
    dialog.force.setFocus()
    qtbot.keyClick(dialog.force, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.move_button, Qt.Key.Key_Space)
    assert f"D2 : {target} remplace {holder}." in dialog.message.text()
    entry = campaign.journal()[-1]
    assert entry.kind == "assign-move" and entry.payload["reason"] == "indisponible"
    moved = campaign.rapporteurs()
    assert moved is not None and target in moved.assigned("D2")
    _shot(dialog, "assignment.png")

    # open D2 to all, with its reason
    qtbot.keyClicks(dialog.reason, "a discuter en seance")  # keyClicks: ASCII only
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Space)
    assert "D2 est ouvert à tous les membres votants." in dialog.message.text()
    opened = campaign.rapporteurs()
    assert opened is not None and "D2" in opened.open_refs
    assert "ouvert à tous" in dialog.model.index(1, dialog.model.JURORS).data()
    assert campaign.verify().ok


def test_swap_two_dossiers_between_two_rapporteurs_with_the_keyboard(
    qtbot: QtBot, campaign: CampaignFile
) -> None:
    from juryapp.operations import assignment as ops

    ops.assign(campaign, 2, "Sam Secrétaire", seed=21)
    dialog = _dialog(qtbot, campaign)
    before = campaign.rapporteurs()
    assert before is not None
    dialog.dossier.setFocus()
    dialog.dossier.setCurrentIndex(dialog.dossier.findData("D1"))
    giver = dialog.from_juror.currentData()
    taker = dialog.to_juror.currentData()
    assert giver in before.assigned("D1") and taker not in before.assigned("D1")
    # « En échange » offers the new rapporteur's dossiers the one replaced may take
    offered = [dialog.exchange.itemData(i) for i in range(dialog.exchange.count())]
    assert offered and all(
        taker in before.assigned(ref) and giver not in before.assigned(ref) for ref in offered
    )
    assert dialog.swap_button.isEnabled()
    other = dialog.exchange.currentData()
    _tab_to(qtbot, dialog, dialog.reason)
    qtbot.keyClicks(dialog.reason, "competences")
    _tab_to(qtbot, dialog, dialog.swap_button)
    qtbot.keyClick(dialog.swap_button, Qt.Key.Key_Space)
    said = dialog.message.text()
    assert f"Échange fait : D1 à {taker}, {other} à {giver}." == said, said
    after = campaign.rapporteurs()
    assert after is not None and after.loads() == before.loads()
    assert taker in after.assigned("D1") and giver in after.assigned(other)
    moves = [e.payload for e in campaign.journal() if e.kind == "assign-move"]
    assert [(m["ref"], m["from"], m["to"], m["reason"]) for m in moves] == [
        ("D1", giver, taker, "competences"),
        (other, taker, giver, "competences"),
    ]
    _shot(dialog, "assignment-swap.png")
    assert campaign.verify().ok


def test_an_impossible_assignment_is_said_in_the_dialog(
    qtbot: QtBot, campaign: CampaignFile
) -> None:
    dialog = _dialog(qtbot, campaign)
    dialog.per_dossier.setValue(3)
    dialog.institutions.setValue(3)
    dialog.max_load.setValue(4)  # 24 places, 4 members × 4 = 16
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert "Aucune répartition possible" in dialog.message.text()
    assert "charge : 24 places à pourvoir" in dialog.message.text()
    assert campaign.rapporteurs() is None
    controls = (
        dialog.per_dossier, dialog.max_load, dialog.institutions, dialog.seed, dialog.table,
        dialog.dossier, dialog.from_juror, dialog.to_juror, dialog.reason, dialog.force,
        dialog.move_button, dialog.open_button,
    )  # fmt: skip
    for widget in controls:
        assert widget.accessibleName(), widget


def _shot(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))
