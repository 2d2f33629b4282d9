"""The secretariat's screens: admissibility, the call's rules, the jury, importing dossiers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from juryapp.core.model import Attendance
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.import_dossiers import FREE, IGNORE, ImportDialog
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.models.secretariat import (
    AdmissionModel,
    CategoryModel,
    CriteriaModel,
    JuryModel,
    PreviewModel,
)
from juryapp.ui.pages.secretariat import SecretariatPage
from tests.ui.ui_helpers import Messages

HEADERS = [
    "N° dossier",
    "Nom du projet",
    "Association",
    "Ville",
    "Axe",
    "Montant sollicité",
    "Référent",
    "Remarque interne",
]
ROWS = [
    [
        "AMI-2016-014",
        "Recyclerie du Marais poitevin",
        "Association La Trame",
        "Coulon",
        "SERV",
        "14 500",
        "M. Giraud",
        "à relancer",
    ],
    [
        "AMI-2016-015",
        "Garage solidaire du Niortais",
        "Garage Solidaire 79",
        "Chauray",
        "SERV",
        "21 000",
        "Mme Bernard",
        "",
    ],
]


def workbook(path: Path, rows: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Candidatures"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    notes = book.create_sheet("Notes")
    notes.append(["rien à importer"])
    book.save(path)
    return path


@pytest.fixture
def page(window: MainWindow, full_campaign: Path) -> SecretariatPage:
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(full_campaign)
    found = window.secretariat_page
    assert found is not None
    return found


def dossiers(path: Path) -> dict[str, Any]:
    with CampaignFile.open(path) as file:
        return {d.ref: d for d in file.load().dossiers}


def test_admissibility_is_recorded_with_its_reason(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path
) -> None:
    assert page.dossier_count.text() == "13 dossier(s) · 12 recevable(s) · 1 non recevable(s)"
    page.edit_admissibility("AMI-2016-004", (False, "Structure hors du territoire régional"))
    stored = dossiers(full_campaign)["AMI-2016-004"]
    assert not stored.admissible
    assert stored.inadmissible_reason == "Structure hors du territoire régional"
    model = page.dossier_model
    row = model.row_of("AMI-2016-004")
    assert model.index(row, model.admissible_column()).data() == "non"
    assert model.index(row, model.admissible_column() + 1).data().startswith("Structure hors")
    assert page.dossier_count.text().endswith("2 non recevable(s)")
    page.edit_admissibility("AMI-2016-009", (True, ""))
    assert dossiers(full_campaign)["AMI-2016-009"].admissible


def test_a_refusal_of_the_file_is_shown(
    qtbot: QtBot, page: SecretariatPage, shown: Messages
) -> None:
    page.edit_admissibility("AMI-2016-004", (False, "   "))
    assert shown.errors() and "Indiquez pourquoi" in shown.errors()[0]


def test_the_rules_summary_says_what_the_engine_will_apply(
    qtbot: QtBot, page: SecretariatPage
) -> None:
    lines = dict(page.rules_lines)
    assert lines["Autorité"] == "Région Nouvelle-Aquitaine"
    assert lines["Enveloppe"] == "700\u202f000,00\u00a0€"
    assert lines["Plafond par projet"] == "40\u202f000,00\u00a0€"
    assert lines["Taux maximal d'aide"] == "50 % du budget global"
    assert lines["Note"] == "sur 20, 6 critères pondérés"
    assert lines["Départage des ex aequo"] == "critère:IMPACT → vote"
    criteria = page.criteria_model
    assert criteria.index(0, CriteriaModel.SHARE).data() == "25 %"
    assert criteria.index(0, CriteriaModel.STEP).data() == "0,5"
    assert criteria.index(3, CriteriaModel.THRESHOLD).data() == "4"


def test_attendance_is_edited_in_the_jury_table(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path
) -> None:
    model = page.jury_model
    index = model.index(2, JuryModel.ATTENDANCE)
    assert index.data() == "en visio"
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, Attendance.ABSENT.value)
    assert index.data() == "absent(e)"
    with CampaignFile.open(full_campaign) as file:
        assert file.load().jurors[2].attendance is Attendance.ABSENT


def test_changing_the_grid_once_scores_exist_is_refused_with_the_reason(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path, shown: Messages
) -> None:
    from juryapp.ui.dialogs.grid_editor import GridEditorDialog

    page.session.file.set_score("J1", "AMI-2016-001", "INNO", 3, "J1")
    dialog = GridEditorDialog(page.session, page)
    qtbot.addWidget(dialog)
    assert dialog.model.setData(dialog.model.index(0, CriteriaModel.WEIGHT), "30")
    dialog.save()
    assert "La grille ne peut plus changer" in shown.errors()[-1]
    with CampaignFile.open(full_campaign) as file:
        assert file.load().criteria[0].weight == 25


def test_the_grid_can_change_before_any_score(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path
) -> None:
    from juryapp.ui.dialogs.grid_editor import GridEditorDialog

    dialog = GridEditorDialog(page.session, page)
    qtbot.addWidget(dialog)
    assert not dialog.model.setData(dialog.model.index(0, CriteriaModel.WEIGHT), "beaucoup")
    assert dialog.model.setData(dialog.model.index(0, CriteriaModel.WEIGHT), "30")
    dialog.save()
    with CampaignFile.open(full_campaign) as file:
        assert file.load().criteria[0].weight == 30


def test_import_with_a_column_mapping(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path, tmp_path: Path, shown: Messages
) -> None:
    book = workbook(tmp_path / "depot.xlsx", ROWS)
    dialog = page.import_dossiers(book)
    assert isinstance(dialog, ImportDialog)
    assert dialog.preview is not None
    assert dialog.preview.sheet == "Candidatures"
    assert set(dialog.combos) == set(HEADERS)
    # Guessed from the headers:
    assert dialog.combos["N° dossier"].currentData() == "ref"
    assert dialog.combos["Nom du projet"].currentData() == "title"
    assert dialog.combos["Association"].currentData() == "applicant"
    assert dialog.combos["Référent"].currentData() == FREE
    # The secretariat maps the rest.
    dialog.combos["Remarque interne"].setCurrentIndex(
        dialog.combos["Remarque interne"].findData(IGNORE)
    )
    assert dialog.preview_model.headerData(2, Qt.Orientation.Horizontal) == "Association\n→ Porteur"
    # Two columns for one field: refused before importing.
    dialog.combos["Ville"].setCurrentIndex(dialog.combos["Ville"].findData("applicant"))
    assert not dialog.import_button.isEnabled()
    assert "n'en gardez qu'une" in dialog.problem_label.text()
    dialog.combos["Ville"].setCurrentIndex(dialog.combos["Ville"].findData("town"))
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert dialog.outcome is not None
    imported = dossiers(full_campaign)
    assert imported["AMI-2016-014"].applicant == "Association La Trame"
    assert imported["AMI-2016-014"].requested_cents == 1_450_000
    assert imported["AMI-2016-014"].fields == (("Référent", "M. Giraud"),)
    assert page.dossier_model.rowCount() == 15
    assert shown.shown[-1][1] == "Import terminé"
    assert "2 dossier(s) ajouté(s)" in shown.shown[-1][2]


def test_an_import_error_names_its_place_and_imports_nothing(
    qtbot: QtBot, page: SecretariatPage, full_campaign: Path, tmp_path: Path
) -> None:
    rows = [
        *ROWS,
        [
            "AMI-2016-016",
            "Tiers-lieu nourricier",
            "SCIC La Ferme d'Ici",
            "Melle",
            "TERR",
            "douze mille",
            "M. Roux",
            "",
        ],
    ]
    dialog = page.import_dossiers(workbook(tmp_path / "depot.xlsx", rows))
    assert dialog is not None
    dialog.import_button.click()
    assert dialog.outcome is None
    assert dialog.error_frame.isVisibleTo(dialog)
    report = dialog.error_rows()
    assert report["Fichier"] == "depot.xlsx"
    assert report["Feuille"] == "Candidatures"
    assert report["Ligne"] == "4"
    assert report["Colonne"] == "F (Montant sollicité)"
    assert "douze mille" in report["Problème"]
    assert len(dossiers(full_campaign)) == 13  # nothing imported
    dialog.reject()


def test_another_sheet_can_be_chosen(qtbot: QtBot, page: SecretariatPage, tmp_path: Path) -> None:
    dialog = page.import_dossiers(workbook(tmp_path / "depot.xlsx", ROWS))
    assert dialog is not None
    dialog.sheet_combo.setCurrentText("Notes")
    assert dialog.preview is not None and dialog.preview.sheet == "Notes"
    assert not dialog.import_button.isEnabled()  # no reference, no title
    assert "obligatoire" in dialog.problem_label.text()
    dialog.reject()


def test_every_secretariat_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: Any, page: SecretariatPage, tmp_path: Path
) -> None:
    qtmodeltester.check(page.dossier_model)
    qtmodeltester.check(page.dossier_proxy)
    qtmodeltester.check(page.criteria_model)
    qtmodeltester.check(page.jury_model)
    assert page.category_model is not None
    qtmodeltester.check(page.category_model)
    editable = CriteriaModel(page.session.campaign.criteria, editable=True)
    qtmodeltester.check(editable)
    preview = PreviewModel()
    qtmodeltester.check(preview)
    preview.set_preview(HEADERS, [[str(v) for v in row] for row in ROWS])
    preview.set_targets(["Référence"] * len(HEADERS))
    qtmodeltester.check(preview)
    qtmodeltester.check(AdmissionModel([]))
    qtmodeltester.check(CategoryModel([]))


def test_the_deliberation_desk_opens_in_its_tab(qtbot: QtBot, page: SecretariatPage) -> None:
    assert page.desk is None  # built only when shown
    page.tabs.setCurrentWidget(page.desk_tab)
    assert page.desk is not None
    assert page.desk.objectName() == "deskPage"
