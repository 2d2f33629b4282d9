"""A Démarches Simplifiées export in the app: the import dialog recognises it, proposes the
mapping (annotations private or shared, a prefix), remembers it for the procedure, says
what a re-import changed; the juror reads the dossier in full (fields, tables, avis,
shared annotations only) with the keyboard; the secretariat sees the private annotations."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.io.ds_export import ANNOTATION, SHARED
from juryapp.operations.campaign import import_dossiers
from juryapp.operations.copies import make_juror_copy
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.dossier_view import DossierViewDialog
from juryapp.ui.dialogs.import_dossiers import ImportDialog
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.pages.secretariat import SecretariatPage
from juryapp.ui.widgets.documents import DocumentList
from juryapp.ui.widgets.dossier_content import DossierContent
from tests.plugin.ds_exports import (
    dossiers_sheet,
    ds_call,
    export_sheets,
    write_attachments_zip,
    write_export,
    write_xlsx,
)
from tests.ui.ui_helpers import Messages, focused, press


def look_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("JURYAPP_UI_LOOK") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ds_campaign(tmp_path: Path) -> Path:
    path = tmp_path / "aap-ess.jury"
    CampaignFile.create(path, ds_call(), "Sam Secrétaire").close()
    return path


def secretariat(window: MainWindow, path: Path) -> SecretariatPage:
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(path)
    page = window.secretariat_page
    assert page is not None
    return page


def test_the_import_dialog_recognises_a_ds_export_and_remembers_its_mapping(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    campaign = ds_campaign(tmp_path)
    page = secretariat(window, campaign)
    export = write_export(tmp_path, "ods")
    dialog = page.import_dossiers(export)
    assert isinstance(dialog, ImportDialog)
    assert dialog.ds_preview is not None and dialog.ds_frame.isVisibleTo(dialog)
    assert "aap-ess-2026" in dialog.ds_info.text() and "Brouillon : 1" in dialog.ds_info.text()
    assert "« Budget previsionnel »" in dialog.ds_info.text()
    assert "État du dossier" in dialog.ds_fixed.text()
    assert "ID" not in dialog.combos and "État du dossier" not in dialog.combos
    assert dialog.combos["Nom du projet"].currentData() == "title"
    assert dialog.combos["Axe visé"].currentData() == "category"
    assert dialog.combos["Pré-note instructeur"].currentData() == ANNOTATION  # guessed private
    assert dialog.combos["Avis du service"].currentData() == "free"
    assert dialog.import_button.isEnabled()  # the ID is the reference: nothing missing
    assert dialog.prefix_edit.accessibleName() == "Préfixe des références"
    combo = dialog.combos["Avis du service"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert (
        "Annotation montrée aux jurés" in labels
        and "Annotation privée (secrétariat seulement)" in labels
    )
    combo.setCurrentIndex(combo.findData(SHARED))
    dialog.prefix_edit.setText("DS-")
    assert dialog.attachments_edit.accessibleName().startswith("Pièces jointes")
    dialog.attachments_edit.setText(str(write_attachments_zip(tmp_path / "pieces.zip")))
    assert "DS-10234" in dialog.prefix_example.text()
    dialog.show()
    assert dialog.grab().save(str(look_folder(tmp_path) / "import-ds.png"))
    dialog.run_import()
    assert dialog.outcome is not None
    title, text = shown.shown[-1][1:]
    assert title == "Import terminé" and "6 dossier(s) ajouté(s)" in text and "brouillon" in text
    assert "3 pièce(s) jointe(s) ajoutée(s)" in text
    assert [d.name for d in page.session.file.attachments()["DS-10234"]] == [
        "budget.pdf",
        "pieces/statuts.pdf",
    ]
    refs = [d.ref for d in page.session.campaign.dossiers]
    assert refs[0] == "DS-10234"

    # a later export: the mapping and the prefix come back; the changes are said
    rows = dossiers_sheet()
    rows[1][rows[0].index("Montant sollicité")] = 13000
    later = write_xlsx(
        tmp_path / "dossiers_aap-ess-2026_2026-03-27_18-00.xlsx",
        {**export_sheets(), "Dossiers": rows},
    )
    again = page.import_dossiers(later)
    assert isinstance(again, ImportDialog)
    assert again.combos["Avis du service"].currentData() == SHARED
    assert again.prefix_edit.text() == "DS-"
    assert "reprise du dernier import" in again.ds_info.text()
    again.run_import()
    text = shown.shown[-1][2]
    assert "1 mis à jour" in text and "DS-10234 (ID 10234)" in text and "Montant demandé" in text

    # the secretariat reads the whole dossier, private annotations included
    view = page.view_dossier("DS-10234")
    assert isinstance(view, DossierViewDialog)
    html = view.content.toPlainText()
    assert "Annotations privées (secrétariat seulement)" in html and "Pré-note instructeur" in html
    assert "Avis du service" in html and "Solide" in html
    view.reject()


def test_the_secretariat_chooses_the_private_annotations_in_the_mapping_step(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    page = secretariat(window, ds_campaign(tmp_path))
    dialog = page.import_dossiers(write_export(tmp_path, "xlsx"))
    assert isinstance(dialog, ImportDialog)
    # the guess is said, to be checked
    assert "devinées d'après leur en-tête : « Pré-note instructeur »" in dialog.ds_info.text()
    chooser = dialog.annotations_combo
    assert chooser.accessibleName() == "Première colonne des annotations privées"
    assert chooser.currentData() == ""  # column by column until chosen
    chooser.setFocus()
    index = chooser.findData("Code postal")
    chooser.setCurrentIndex(index)
    chooser.activated.emit(index)
    targets = {h: c.currentData() for h, c in dialog.combos.items()}
    assert (
        targets["Code postal"] == ANNOTATION and targets["Ancien champ (révision 1)"] == ANNOTATION
    )
    assert (
        targets["Avis du service"] == ANNOTATION and targets["Pré-note instructeur"] == ANNOTATION
    )
    assert targets["Projet déjà soutenu ?"] == "free"  # before the first: unchanged
    assert targets["Nom du projet"] == "title"
    # one column made public again, by the secretariat's word
    combo = dialog.combos["Pré-note instructeur"]
    combo.setCurrentIndex(combo.findData("free"))
    dialog.run_import()
    assert dialog.outcome is not None
    detail = page.session.file.dossier_details()["10234"]
    assert {a.label for a in detail.annotations if not a.shared} == {
        "Code postal",
        "Avis du service",
    }  # « Ancien champ » is empty: no annotation
    fields = dict(page.session.campaign.dossiers[0].fields)
    assert "Pré-note instructeur" in fields and "Code postal" not in fields


def test_a_refused_ds_export_names_the_cell_and_imports_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    campaign = ds_campaign(tmp_path)
    page = secretariat(window, campaign)
    rows = dossiers_sheet()
    rows[2][rows[0].index("Montant sollicité")] = "douze mille"
    export = write_xlsx(
        tmp_path / "dossiers_aap-ess-2026_2026-03-20_09-30.xlsx", {"Dossiers": rows}
    )
    dialog = page.import_dossiers(export)
    assert isinstance(dialog, ImportDialog)
    dialog.run_import()
    assert dialog.outcome is None and dialog.error_frame.isVisibleTo(dialog)
    where = dialog.error_rows()
    assert where["Feuille"] == "Dossiers" and where["Ligne"] == "3"
    assert where["Colonne"].endswith("(Montant sollicité)")
    assert page.session.campaign.dossiers == ()
    dialog.reject()


def test_the_juror_reads_the_dossier_in_full_with_the_keyboard(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    shown: Messages,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    campaign = ds_campaign(tmp_path)
    with CampaignFile.open(campaign) as file:
        import_dossiers(
            file,
            write_export(tmp_path, "xlsx"),
            "Sam Secrétaire",
            mapping={
                "Avis du service": "annotation partagée",
                "Pré-note instructeur": "annotation",
            },
            attachments=write_attachments_zip(tmp_path / "pieces.zip"),
        )
        copy = make_juror_copy(file, "J2", tmp_path / "J2.jury", "Sam Secrétaire")
    window.open_path(copy)
    page = window.scoring_page
    assert page is not None
    assert page.select_ref("10234")
    content = page.content_view
    assert isinstance(content, DossierContent) and content.isVisible()
    assert content.accessibleName() == "Contenu du dossier"
    text = content.toPlainText()
    assert "six communes rurales.\nDeux salariés en insertion" in text  # in full
    assert "Date de démarrage" in text and "01/04/2026" in text
    assert "Projet déjà soutenu ?" in text and "oui" in text
    assert "Budget previsionnel" in text and "Emmaüs 79" in text
    assert "26 000,5" in text  # a number of a block, the French way
    assert "Avis d’instruction" in text and "Modèle économique crédible." in text
    assert "Annotations de l’instruction" in text and "Solide" in text  # shared
    assert "Pré-note instructeur" not in text and "privées" not in text  # never to jurors
    assert content.isReadOnly()
    # keyboard: the content takes the focus, Tab leaves it (no trap), shortcuts still work
    content.setFocus()
    QApplication.processEvents()
    assert focused() is content
    press(Qt.Key.Key_Tab)
    assert focused() is not content
    content.setFocus()
    press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert page.current_ref != "10234"
    assert page.select_ref("10234")
    page.resize(1280, 800)
    QApplication.processEvents()
    assert page.grab().save(str(look_folder(tmp_path) / "scoring-ds-dossier.png"))
    # its documents: a list named for what it is; Enter opens a private copy
    opened: list[Path] = []
    monkeypatch.setattr(
        DocumentList, "opener", staticmethod(lambda path: opened.append(path) or True)
    )
    documents = page.documents_view
    assert documents.isVisible() and documents.accessibleName() == "Pièces jointes du dossier"
    assert documents.model().rowCount() == 2
    documents.setFocus()
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Return)
    (copy_path,) = opened
    assert copy_path.name == "statuts.pdf"
    assert copy_path.read_bytes() == b"%PDF-1.4 statuts de l'association"
    assert stat.S_IMODE(copy_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(copy_path.parent.stat().st_mode) == 0o700
    press(Qt.Key.Key_Tab)
    assert focused() is not documents  # Tab leaves the list
    # a dossier with nothing beyond its title shows no empty box, and no documents
    assert page.select_ref("10235")
    assert "Budget" not in content.toPlainText()
    assert not documents.isVisible()


def test_the_import_dialog_lists_a_grist_documents_tables(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    from tests.plugin.grist_docs import write_grist

    page = secretariat(window, ds_campaign(tmp_path))
    dialog = page.import_dossiers(write_grist(tmp_path / "appel-2026.grist"))
    assert isinstance(dialog, ImportDialog)
    assert dialog.ds_preview is None
    assert dialog.sheet_label.text() == "&Table :"
    assert dialog.sheet_combo.accessibleName() == "Table du document Grist"
    tables = [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())]
    assert tables == ["Projets", "Contacts"]
    assert dialog.combos["Nom du projet"].currentData() == "title"
    dialog.sheet_combo.setCurrentIndex(1)  # another table: its own columns
    assert set(dialog.combos) == {"Nom", "Courriel"}
    dialog.sheet_combo.setCurrentIndex(0)
    assert dialog.import_button.isEnabled()
    dialog.run_import()
    assert dialog.outcome is not None
    assert [d.ref for d in page.session.campaign.dossiers] == ["GR-02", "GR-01", "GR-03"]
