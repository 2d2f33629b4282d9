"""The desk's « Ordre du jour » (rules §14) on the Poitiers call, from the keyboard: the
current pool in the order the president chooses, the dossier under discussion chosen
with the arrows and selected in the ranking, who leaves the room, the quorum without
them, who comes back at the next dossier, and the PV's déport sentence. With
``JURYAPP_UI_LOOK=/tmp/ui-look`` the screenshot (``agenda.png``) is kept there."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, poitiers_file
from juryapp.ui.desk import DeskPage
from juryapp.ui.style import apply_style


@pytest.fixture
def desk(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[DeskPage]:
    apply_style(qapp)
    file: CampaignFile = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    page = DeskPage(file, "Lucie Perrin (secrétariat)", "fr")
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    yield page
    file.close()


def _refs(page: DeskPage) -> list[str]:
    return [item.ref for item in page.agenda.items]


def test_the_agenda_chooses_the_dossier_under_discussion_from_the_keyboard(
    desk: DeskPage, tmp_path: Path
) -> None:
    agenda = desk.agenda
    desk.side_tabs.setCurrentWidget(agenda)
    assert desk.select_ref("GP-09")  # « Territoire inclusif », where J3 leaves for GP-08
    assert _refs(desk) == ["GP-09", "GP-08", "GP-10"]  # the most disputed first
    assert "Sorties de la salle : 1." in agenda.exits_label.text()
    assert agenda.view.currentIndex().row() == 0
    assert "Personne ne sort de la salle." in agenda.discussion.text()
    agenda.view.setFocus()
    QTest.keyClick(agenda.view, Qt.Key.Key_Down)
    assert desk.selected_ref == "GP-08"  # the ranking follows
    current = desk.ranking.model.row_item(desk.ranking.view.currentIndex().row()).result
    assert current is not None and current.ref == "GP-08"
    assert QApplication.focusWidget() is agenda.view  # the keyboard stays in the agenda
    said = agenda.discussion.text()
    assert "Sortent de la salle : Amina Haddad (J3)." in said
    assert "Quorum sans eux : " in said and "atteint" in said and "NON" not in said
    # the sentence of the PV's « Déports », in the same words
    assert "Amina Haddad, intéressé(e), s'est retiré(e) et n'a pris part ni aux débats" in said
    assert "Dossier suivant : GP-10 — reviennent : Amina Haddad (J3)." in said
    path = Path(os.environ.get("JURYAPP_UI_LOOK") or tmp_path) / "agenda.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    assert desk.grab().save(str(path))
    # rank order, chosen from the keyboard: the dossier under discussion stays chosen
    agenda.order_combo.setFocus()
    QTest.keyClick(agenda.order_combo, Qt.Key.Key_End)
    assert agenda.order == "rank"
    assert _refs(desk) == ["GP-08", "GP-09", "GP-10"]
    assert agenda.view.currentIndex().row() == 0 and desk.selected_ref == "GP-08"
    QTest.keyClick(agenda.order_combo, Qt.Key.Key_Up)
    assert agenda.order == "category"
    # a dossier chosen in the ranking is the one under discussion here too
    assert desk.select_ref("GP-10")
    assert agenda.view.currentIndex().row() == 2
    assert "Dossier suivant" not in agenda.discussion.text()  # the last of its pool


def test_the_agenda_follows_the_pool_and_the_results(desk: DeskPage, qtbot: QtBot) -> None:
    agenda = desk.agenda
    desk.show_pool("DUR")
    assert desk.current_pool() == "DUR"
    assert _refs(desk) == ["GP-03", "GP-04", "GP-01", "GP-02"]
    assert agenda.view.model().rowCount() == 4
    assert agenda.model.index(0, 2).data() == "1,9"  # the spread, on the scale of 20
    assert agenda.discussion.text().startswith("Choisissez un dossier")
    # a member declares a conflict on GP-03 at the secretariat: the agenda moves
    desk.file.recuse("J2", "GP-03", "entreprise du conjoint", "Lucie Perrin")
    desk.refresh()
    qtbot.waitUntil(lambda: agenda.model.index(_refs(desk).index("GP-03"), 3).data() == "J2")
