"""Screenshots of the desk and its dialogs at 1280×800, in French.

Every run paints each state (a pending tie, after settling, sealed, an envelope
call after a withdrawal) and each dialog; with ``JURYAPP_UI_LOOK=/tmp/ui-look``
the pictures are kept there (``desk-*.png``) to be looked at.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, aquitaine_file, poitiers_file
from juryapp.ui.desk import DeskPage
from juryapp.ui.desk.dialogs import TieVoteDialog
from tests.ui.desk_helpers import FakeUI, click, type_text

AUTHOR = "Lucie Perrin (secrétariat)"


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUI:
    return FakeUI(monkeypatch)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    wanted = os.environ.get("JURYAPP_UI_LOOK")
    target = Path(wanted) if wanted else tmp_path / "look"
    target.mkdir(parents=True, exist_ok=True)
    return target


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


def shot(widget: QWidget, path: Path) -> None:
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 10_000


def desk(qtbot: QtBot, file: CampaignFile) -> DeskPage:
    page = DeskPage(file, AUTHOR, "fr")
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    return page


def dialog_shot(dialog: QDialog, path: Path) -> None:
    dialog.show()
    dialog.adjustSize()
    shot(dialog, path)


def test_look_of_the_desk_through_a_session(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, folder: Path
) -> None:
    page = desk(qtbot, poitiers)
    page.select_ref("GP-02")
    shot(page, folder / "desk-1-tie-pending.png")

    dialog = page.decisions.vote_dialog()
    assert isinstance(dialog, TieVoteDialog)
    dialog.set_order(["GP-02", "GP-01"])
    dialog.for_spin.setValue(1)
    dialog.against_spin.setValue(1)
    dialog.abstain_spin.setValue(1)
    dialog_shot(dialog, folder / "desk-dialog-vote-equal.png")
    dialog.president_combo.setCurrentIndex(1)
    dialog_shot(dialog, folder / "desk-dialog-vote.png")
    click(dialog.ok_button)
    dialog.deleteLater()
    shot(page, folder / "desk-2-after-vote.png")

    page.side_tabs.setCurrentIndex(1)
    page.decisions.select_decision(0)
    shot(page, folder / "desk-3-decisions.png")
    undo = page.decisions.undo_dialog()
    assert undo is not None
    dialog_shot(undo, folder / "desk-dialog-undo.png")
    undo.reject()

    page.side_tabs.setCurrentIndex(2)
    shot(page, folder / "desk-4-attendance.png")

    page.show_pool("CIR")
    page.select_ref("GP-05")
    amount = page.decisions.amount_dialog()
    assert amount is not None
    amount.show()
    type_text(amount.amount, "8 000,00")
    click(amount.ok_button)  # refused: over the category's prize
    dialog_shot(amount, folder / "desk-dialog-amount.png")
    amount.reject()
    no_award = page.decisions.no_award_dialog()
    assert no_award is not None
    dialog_shot(no_award, folder / "desk-dialog-no-award.png")
    no_award.reject()

    page.side_tabs.setCurrentIndex(0)
    click(page.decisions.close_button)
    assert poitiers.is_closed
    page.select_ref("GP-05")
    shot(page, folder / "desk-5-sealed.png")
    reopen = page.decisions.reopen_dialog()
    assert reopen is not None
    dialog_shot(reopen, folder / "desk-dialog-reopen.png")
    reopen.reject()


def test_look_of_the_draw_and_the_envelope_call(
    qtbot: QtBot, poitiers: CampaignFile, aquitaine: CampaignFile, ui: FakeUI, folder: Path
) -> None:
    page = desk(qtbot, poitiers)
    page.select_ref("GP-01")
    draw = page.decisions.draw_dialog()
    assert draw is not None
    dialog_shot(draw, folder / "desk-dialog-draw.png")
    click(draw.ok_button)
    dialog_shot(draw, folder / "desk-dialog-draw-done.png")
    draw.accept()

    envelope = desk(qtbot, aquitaine)
    envelope.select_ref("NA-02")
    withdraw = envelope.decisions.withdraw_dialog()
    assert withdraw is not None
    type_text(withdraw.reason, "Désistement du porteur (courrier du 2 décembre)")
    dialog_shot(withdraw, folder / "desk-dialog-withdraw.png")
    click(withdraw.ok_button)
    envelope.select_ref("NA-05")
    shot(envelope, folder / "desk-6-envelope-after-withdrawal.png")
    envelope.set_projection(True)
    shot(envelope, folder / "desk-7-projection.png")
