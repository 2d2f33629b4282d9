"""The import's mapping step: natural headers recognised (« Catégorie visée »), the fields
this call requires marked, the template's example row never imported, and a look."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from juryapp.io.template import write_template
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.import_dossiers import ImportDialog, field_labels
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.pages.secretariat import SecretariatPage
from tests.ui.ui_helpers import Messages


def secretariat(window: MainWindow, path: Path) -> SecretariatPage:
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(path)
    page = window.secretariat_page
    assert page is not None
    return page


def test_natural_headers_and_required_fields(
    qtbot: QtBot, window: MainWindow, full_campaign: Path, tmp_path: Path, shown: Messages
) -> None:
    page = secretariat(window, full_campaign)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Dépôts"
    sheet.append(["N° du dossier", "Nom de l'action", "Structure", "Catégorie visée", "Notes"])
    sheet.append(["AMI-2016-020", "Épicerie mobile", "Asso Panier", "SERV", "à voir"])
    path = tmp_path / "depots.xlsx"
    book.save(path)
    dialog = page.import_dossiers(path)
    assert isinstance(dialog, ImportDialog)
    assert dialog.combos["Catégorie visée"].currentData() == "category"
    assert dialog.combos["Nom de l'action"].currentData() == "title"
    # the demo call is an envelope call with categories: amount and category required
    assert set(dialog.required) == {"ref", "title", "requested_cents", "category"}
    combo = dialog.combos["Notes"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Catégorie *" in labels and "Montant demandé *" in labels and "Commune" in labels
    assert "obligatoire" in dialog.required_legend.text()
    assert "Montant demandé" in dialog.required_legend.text()
    assert not dialog.import_button.isEnabled()  # no column for the amount yet
    assert "Montant demandé" in dialog.problem_label.text()
    combo.setCurrentIndex(combo.findData("requested_cents"))
    assert dialog.import_button.isEnabled()
    folder = Path(os.environ.get("JURYAPP_UI_LOOK") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    combo.setCurrentIndex(combo.findData("free"))
    dialog.show()
    assert dialog.grab().save(str(folder / "import-mapping.png"))
    dialog.reject()
    assert field_labels()["ref"].endswith(" *") and not field_labels()["category"].endswith("*")


def test_the_templates_example_dossier_is_skipped_and_said(
    qtbot: QtBot, window: MainWindow, full_campaign: Path, tmp_path: Path, shown: Messages
) -> None:
    page = secretariat(window, full_campaign)
    path = tmp_path / "modele.xlsx"
    write_template(path)
    book = openpyxl.load_workbook(path)
    book["Dossiers"].append(
        ["AMI-2016-021", "Garage solidaire", "Garage 86", "Poitiers", "SERV", 12000]
    )
    book.save(path)
    dialog = page.import_dossiers(path)
    assert isinstance(dialog, ImportDialog)
    assert dialog.preview is not None and dialog.preview.sheet == "Dossiers"
    assert dialog.preview.rows[0][0] == "AMI-2016-021"  # the example is not shown
    assert "Exemple" not in dialog.combos
    dialog.import_button.click()
    assert dialog.outcome is not None
    with CampaignFile.open(full_campaign) as file:
        refs = {d.ref for d in file.load().dossiers}
    assert "AMI-2016-021" in refs and "EXEMPLE-1" not in refs
    _kind, title, text = shown.shown[-1]
    assert title == "Import terminé"
    assert "feuille « Dossiers », ligne 2 : ligne d'exemple du modèle, ignorée" in text
