"""The merge dialog (with a conflict chosen by the coordinator) and the juror copies dialog."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from juryapp.merge.copies import make_juror_copy
from juryapp.operations.changes import Changes
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.juror_copies_dialog import JurorCopiesDialog
from juryapp.ui.dialogs.merge_dialog import MergeDialog
from juryapp.ui.session import Session, load_campaign
from juryapp.ui.settings import settings
from tests.merge.merge_helpers import T0, T1, T2, T3
from tests.plugin.campaigns import jury_campaign

SHOTS = Path("/tmp/ui-look")


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J2", "D1", {"INNO": 3}, "coordination", edited_at=T0)
        yield opened


@pytest.fixture
def copies(campaign: CampaignFile, tmp_path: Path) -> list[Path]:
    """J2's copy disagrees with a later change in the campaign; J1's copy is plain."""
    inbox = tmp_path / "reçus"
    inbox.mkdir()
    j2 = make_juror_copy(campaign, "J2", inbox / "bruno-J2.jury", "coordination")
    with CampaignFile.open(j2) as copy:
        copy.set_scores("J2", "D1", {"INNO": 4, "IMPACT": 12}, "bruno", edited_at=T1)
        copy.set_comment("J2", "D1", "Projet solide, budget à revoir", "bruno", edited_at=T1)
        copy.set_scores("J2", "D2", {"INNO": "2,5", "IMPACT": 9}, "bruno", edited_at=T3)
    campaign.set_scores("J2", "D1", {"INNO": 2}, "coordination", edited_at=T2)
    j1 = make_juror_copy(campaign, "J1", inbox / "anne-J1.jury", "coordination")
    with CampaignFile.open(j1) as copy:
        copy.set_scores("J1", "D1", {"INNO": 5, "IMPACT": 17}, "anne", edited_at=T1)
        copy.recuse("J1", "D3", "associée au projet", "anne")
    return [j2, j1]


def _session(campaign: CampaignFile) -> Session:
    return Session(campaign, load_campaign(campaign), None, "coordination")


def _shot(widget: MergeDialog | JurorCopiesDialog, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SHOTS / name))


def test_merge_with_a_chosen_conflict(
    qtbot: QtBot, campaign: CampaignFile, copies: list[Path]
) -> None:
    dialog = MergeDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Fusionner des notes"
    assert not dialog.analyse_button.isEnabled() and not dialog.merge_button.isEnabled()
    dialog.set_files([*copies, copies[0]])  # a duplicate is dropped
    assert dialog.files() == copies and dialog.file_list.count() == 2
    journal = len(campaign.journal())

    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    assert dialog.analysis is not None and dialog.analysis.dry_run
    assert len(campaign.journal()) == journal  # nothing written by the analysis
    assert dialog.conflicts.isVisibleTo(dialog) and dialog.conflicts.rowCount() == 1
    assert [dialog.conflicts.item(0, c).text() for c in range(3)] == ["J2", "D1", "INNO"]
    combo = dialog.conflicts.cellWidget(0, 3)
    assert combo.itemText(0).startswith("2 (campagne, modifié le 03/05/2026 10:00:00 UTC)")
    assert combo.itemText(1) == "4 (bruno-J2.jury, modifié le 02/05/2026 09:00:00 UTC)"
    assert "Analyse de la fusion (rien n'a été enregistré)" in dialog.report_view.toPlainText()
    assert dialog.merge_button.isEnabled()

    dialog.choose(0, keep_other=True)
    _shot(dialog, "merge.png")
    with qtbot.waitSignal(dialog.session.changed) as signal:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert signal.args == [Changes(scores=True, recusals=True), dialog]
    report = dialog.report
    assert report is not None and not report.dry_run
    assert [(c.kept.text, c.other.text, c.chosen) for c in report.conflicts] == [("4", "2", True)]
    cells = {(j, r, c): v for j, r, c, v, _at in campaign.score_texts()}
    assert cells[("J2", "D1", "INNO")] == "4"
    assert cells[("J2", "D2", "INNO")] == "5/2"
    assert ("J1", "D3") in {(j, r) for j, r, _reason, _at in campaign.recusal_cells()}
    text = dialog.report_view.toPlainText()
    assert "bruno-J2.jury (juré J2) : 1 acceptée(s), 0 inchangée(s), 1 remplacée(s)" in text
    assert "choix du coordinateur" in text
    assert dialog.status.text().startswith("Fusion enregistrée.")
    assert not dialog.merge_button.isEnabled() and not dialog.analyse_button.isEnabled()
    assert dialog.close_button.isEnabled()
    assert campaign.journal()[-1].kind == "merge"
    combo = dialog.conflicts.cellWidget(0, 3)
    assert combo.currentText().endswith("— gardée (choix du coordinateur)")
    assert not combo.isEnabled()
    _shot(dialog, "merge-done.png")
    assert campaign.verify().ok


def test_merge_keeps_the_default_and_picks_files(
    qtbot: QtBot,
    campaign: CampaignFile,
    copies: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def pick(parent: object, title: str, start: str, filters: str) -> tuple[list[str], str]:
        asked.append(start)
        return [str(p) for p in copies], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", pick)
    dialog = MergeDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert asked == [str(campaign.path.parent)]
    assert dialog.files() == copies
    assert settings().value("fusion/dossier") == str(copies[0].parent)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert asked[-1] == str(copies[0].parent) and dialog.files() == copies
    dialog.file_list.item(1).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.files() == [copies[0]]
    assert dialog.analyse() is not None
    report = dialog.merge()
    assert report is not None
    assert [(c.kept.text, c.chosen) for c in report.conflicts] == [("2", False)]
    cells = {(j, r, c): v for j, r, c, v, _at in campaign.score_texts()}
    assert cells[("J2", "D1", "INNO")] == "2"


def test_merge_refused_on_a_closed_campaign(
    qtbot: QtBot, campaign: CampaignFile, copies: list[Path]
) -> None:
    campaign.close_deliberation("coordination")
    dialog = MergeDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    dialog.set_files(copies)
    assert dialog.analyse() is None
    assert dialog.error.isVisibleTo(dialog)
    assert "La délibération est close" in dialog.error.text()
    assert not dialog.merge_button.isEnabled()


def test_juror_copies_dialog(
    qtbot: QtBot, campaign: CampaignFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = JurorCopiesDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    dialog.resize(720, 560)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Préparer les fichiers des jurés"
    assert dialog.juror_list.count() == 5  # not the secretary
    assert dialog.juror_list.item(1).text() == (
        "J2 — Bruno Lefèvre (membre) → APPEL-TERRITOIRES-2026-J2.jury"
    )
    assert dialog.folder() == campaign.path.parent / "copies-jures"
    folder = tmp_path / "pour les jurés"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.folder() == folder

    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    paths = dialog.paths
    assert [p.name for p in paths] == [f"APPEL-TERRITOIRES-2026-J{i}.jury" for i in range(1, 6)]
    assert all(p.exists() for p in paths)
    assert [dialog.file_list.item(i).text() for i in range(5)] == [str(p) for p in paths]
    assert dialog.status.text() == f"5 copie(s) écrite(s) dans « {folder} »."
    assert dialog.progress.value() == 5
    assert settings().value("copies/dossier") == str(folder)
    _shot(dialog, "juror-copies.png")

    assert dialog.make_copies() == []
    assert "existent déjà" in dialog.error.text() and dialog.error.isVisibleTo(dialog)
    again = JurorCopiesDialog(_session(campaign), None)
    qtbot.addWidget(again)
    assert again.folder() == folder  # remembered


def test_juror_copies_dialog_needs_a_folder(qtbot: QtBot, campaign: CampaignFile) -> None:
    dialog = JurorCopiesDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    dialog.set_folder("  ")
    assert dialog.make_copies() == []
    assert dialog.error.text() == "Indiquez le dossier où écrire les copies."


def test_merge_shows_a_forged_copy_refused_with_why(
    qtbot: QtBot, campaign: CampaignFile, copies: list[Path], tmp_path: Path
) -> None:
    """J1's copy rewritten to speak for J3 is refused whole; a grid of J2's copy edited
    behind the app is refused alone; the dialog's report says which and why."""
    import contextlib
    import sqlite3

    j2, j1 = copies
    with contextlib.closing(sqlite3.connect(j1)) as raw, raw:
        for table in ("score", "recusal", "grid_tag", "juror_key"):
            raw.execute(f"UPDATE {table} SET juror = 'J3'")
        raw.execute("UPDATE campaign SET bound_juror = 'J3'")
    with contextlib.closing(sqlite3.connect(j2)) as raw, raw:
        raw.execute("UPDATE score SET value = '5' WHERE ref = 'D2' AND criterion = 'INNO'")
    dialog = MergeDialog(_session(campaign), None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.set_files(copies)
    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    text = dialog.report_view.toPlainText()
    assert "anne-J1.jury (juré J3) : fichier refusé — copie délivrée à J1" in text
    assert "se dit de J3" in text
    assert "D2 refusé : notes, commentaire ou déport modifiés hors de l'application" in text
    _shot(dialog, "merge-forged.png")
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.report is not None
    cells = {(j, r, c): v for j, r, c, v, _at in campaign.score_texts()}
    assert ("J2", "D2", "INNO") not in cells and cells[("J2", "D1", "IMPACT")] == "12"
    assert not any(j in ("J1", "J3") for j, _r, _c in cells)
    assert campaign.verify().ok
