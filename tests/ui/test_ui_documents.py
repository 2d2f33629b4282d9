"""The four documents from the window: the desk and the secretariat's menu write the PV,
an explanation sheet, the award table and the open-data file through ``juryapp export``'s
code, each after a save dialog, and say where with « Ouvrir le dossier »."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from juryapp.operations import deliberation
from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, poitiers_file
from juryapp.ui.desk import DeskPage, feedback
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.pages.secretariat import SecretariatPage
from tests.ui.desk_helpers import FakeUI
from tests.ui.ui_helpers import Messages

AUTHOR = "Lucie Perrin (secrétariat)"


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    finally:
        book.close()


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_documents(folder: Path, sealed: bool) -> None:
    """The four files are real documents of the Poitiers call."""
    minutes = pdf_text(folder / "pv.pdf")
    assert "Atelier vélo solidaire" in minutes
    assert ("PROJET" in minutes) is not sealed  # the draft mark, until sealed
    explanation = pdf_text(folder / "explication.pdf")
    assert "GP-05" in explanation and "Atelier vélo solidaire" in explanation
    assert "GP-06" not in explanation  # no other dossier's data
    awards = xlsx_text(folder / "attributions.xlsx")
    assert "Atelier vélo solidaire" in awards and "Territoire circulaire" in awards
    rows = csv_rows(folder / "subventions.csv")
    laureate = next(row for row in rows if row["objet"].startswith("Atelier vélo solidaire"))
    assert laureate["montant"] == "7000.00"
    assert laureate["nomBeneficiaire"] == "Vélocité"


# --- the desk ---------------------------------------------------------------------------


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUI:
    return FakeUI(monkeypatch)


@pytest.fixture
def poitiers(tmp_path: Path) -> Iterator[CampaignFile]:
    file = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    deliberation.decide_tie(
        file, ["GP-01", "GP-02"], ["GP-02", "GP-01"], "vote", AUTHOR, votes=(3, 0, 0)
    )
    deliberation.close_deliberation(file, AUTHOR)
    yield file
    file.close()


def test_the_desk_exports_all_four_documents(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, tmp_path: Path
) -> None:
    page = DeskPage(poitiers, AUTHOR, "fr")
    qtbot.addWidget(page)
    out = tmp_path / "documents"
    out.mkdir()
    page.select_ref("GP-05")
    for action, name in (
        (page.documents.minutes_action, "pv.pdf"),
        (page.documents.explanation_action, "explication.pdf"),
        (page.documents.awards_action, "attributions.xlsx"),
        (page.documents.opendata_action, "subventions.csv"),
    ):
        assert action in page.documents.menu.actions()
        ui.save_to = out / name
        action.trigger()
    assert ui.errors == [], ui.error_text
    assert ui.questions == []  # sealed: no « projet » question
    check_documents(out, sealed=True)
    assert [title for title, _folder in ui.written] == [
        "Procès-verbal exporté",
        "Fiche d'explication exportée",
        "Tableau d'attribution exporté",
        "Données ouvertes exportées",
    ]
    assert {folder for _title, folder in ui.written} == {out}
    exported = [e.payload["document"] for e in poitiers.journal() if e.kind == "export"]
    assert exported == ["minutes", "explanation", "awards", "opendata"]


def test_the_desk_signs_the_pv_of_a_sealed_deliberation_with_the_chosen_certificate(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, tmp_path: Path
) -> None:
    from juryapp.operations.documents import check_pv
    from tests.plugin.certificates import PASSWORD, certificate

    page = DeskPage(poitiers, AUTHOR, "fr")
    qtbot.addWidget(page)
    assert page.documents.signed_minutes_action.isEnabled()  # sealed
    ui.save_to = tmp_path / "pv-signé.pdf"
    ui.certificate = certificate(tmp_path / "secretariat.p12")
    ui.password = PASSWORD
    page.documents.signed_minutes_action.trigger()
    assert ui.errors == [], ui.error_text
    assert [title for title, _folder in ui.written] == ["Procès-verbal exporté"]
    entry = [e for e in poitiers.journal() if e.kind == "export"][-1]
    assert entry.payload["signed_by"].startswith("Nadia Ouali")
    check = check_pv(poitiers, tmp_path / "pv-signé.pdf")
    assert check.problems == []
    assert "Signature intègre de Nadia Ouali" in " ".join(check.lines)

    ui.save_to = tmp_path / "pv-faux.pdf"  # a wrong password: said, nothing written
    ui.password = "pas le bon"
    page.documents.signed_minutes_action.trigger()
    assert "mot de passe incorrect" in ui.error_text
    assert not (tmp_path / "pv-faux.pdf").exists()


def test_a_signed_pv_needs_a_sealed_deliberation(qtbot: QtBot, ui: FakeUI, tmp_path: Path) -> None:
    file = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    try:
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        assert not page.documents.signed_minutes_action.isEnabled()
        ui.save_to = tmp_path / "pv.pdf"
        assert not page.documents.export_signed_minutes()
        assert "scellez d'abord la délibération" in ui.error_text
        assert not (tmp_path / "pv.pdf").exists()
    finally:
        file.close()


def test_the_save_dialog_suggests_a_name_in_the_last_folder_used(
    qtbot: QtBot,
    poitiers: CampaignFile,
    ui: FakeUI,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from juryapp.ui import settings

    settings.use_settings_folder(tmp_path / "settings")
    page = DeskPage(poitiers, AUTHOR, "fr")
    qtbot.addWidget(page)
    asked: list[tuple[str, Path, str]] = []

    def save_path(parent: QWidget | None, title: str, suggested: Path, filter_: str) -> Path:
        asked.append((title, suggested, filter_))
        return tmp_path / "ailleurs" / "tableau"  # no suffix typed

    monkeypatch.setattr(feedback, "save_path", save_path)
    (tmp_path / "ailleurs").mkdir()
    page.documents.export_awards()
    assert asked[0][1] == poitiers.path.parent / "territoire-ess-2023-attributions-v1.xlsx"
    assert asked[0][2] == "Classeur Excel (*.xlsx)"
    assert (tmp_path / "ailleurs" / "tableau.xlsx").is_file()  # the suffix is added
    page.documents.export_opendata()
    assert asked[1][1] == tmp_path / "ailleurs" / "territoire-ess-2023-subventions-v1.csv"
    page.documents.export_minutes()
    assert asked[2][1].name == "territoire-ess-2023-pv-v1.pdf"


def test_an_unwritable_folder_is_said_and_nothing_is_journaled(
    qtbot: QtBot, poitiers: CampaignFile, ui: FakeUI, tmp_path: Path
) -> None:
    page = DeskPage(poitiers, AUTHOR, "fr")
    qtbot.addWidget(page)
    ui.save_to = tmp_path / "absent" / "pv.pdf"
    page.documents.export_minutes()
    assert "n'existe pas" in ui.error_text
    assert ui.written == []
    assert not [e for e in poitiers.journal() if e.kind == "export"]


def test_the_message_opens_the_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(feedback, "open_folder", lambda folder: opened.append(folder) or True)
    box = feedback.written_box(None, "Procès-verbal exporté", "Document écrit", tmp_path)
    qtbot.addWidget(box)
    button = box.findChild(QPushButton, "openFolderButton")
    assert isinstance(button, QPushButton)
    assert button.text() == "Ouvrir le &dossier"
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Ok)
    button.click()
    assert opened == [tmp_path]


# --- the secretariat ------------------------------------------------------------------


@pytest.fixture
def secretariat(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> SecretariatPage:
    path = tmp_path / "territoire-ess-2023.jury"
    poitiers_file(path, DEMO_AUTHOR).close()
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(path)
    page = window.secretariat_page
    assert page is not None
    return page


def test_the_secretariat_exports_all_four_documents_from_its_menu(
    secretariat: SecretariatPage,
    window: MainWindow,
    shown: Messages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    target: list[Path] = []
    monkeypatch.setattr(feedback, "save_path", lambda parent, title, suggested, f: target[0])
    menu = {a.text(): a for a in window.page_menu.actions()}
    row = secretariat.dossier_model.row_of("GP-05")
    source = secretariat.dossier_model.index(row, 0)
    secretariat.dossier_table.setCurrentIndex(secretariat.dossier_proxy.mapFromSource(source))
    assert secretariat.current_dossier_ref() == "GP-05"
    for label, name in (
        ("Exporter le &procès-verbal…", "pv.pdf"),
        ("Exporter la fic&he d'explication…", "explication.pdf"),
        ("Exporter le &tableau d'attribution…", "attributions.xlsx"),
        ("Exporter les &données ouvertes…", "subventions.csv"),
    ):
        target[:] = [out / name]
        menu[label].trigger()
    assert shown.errors() == []
    questions = [text for kind, _title, text in shown.shown if kind == "confirm"]
    assert len(questions) == 3 and all("pas close" in q for q in questions)  # not the sheet
    check_documents(out, sealed=False)
    written = [title for kind, title, _text in shown.shown if kind == "info"]
    assert written == [
        "Procès-verbal exporté",
        "Fiche d'explication exportée",
        "Tableau d'attribution exporté",
        "Données ouvertes exportées",
    ]


def test_the_window_title_follows_the_seal_and_the_reopening(
    secretariat: SecretariatPage, window: MainWindow, shown: Messages, qtbot: QtBot
) -> None:
    from juryapp.ui.desk.dialogs import ReasonDialog

    secretariat.show_desk()
    desk = secretariat.desk
    assert desk is not None and "ouverte" in window.windowTitle()
    deliberation.decide_tie(
        desk.file, ["GP-01", "GP-02"], ["GP-02", "GP-01"], "vote", AUTHOR, votes=(3, 0, 0)
    )
    desk.refresh()
    desk.decisions.close_deliberation()
    assert desk.file.is_closed
    assert " — close — " in window.windowTitle()
    dialog = desk.decisions.reopen_dialog()
    assert isinstance(dialog, ReasonDialog)
    qtbot.addWidget(dialog)
    dialog.reason.setText("erreur matérielle")
    dialog.ok_button.click()
    assert not desk.file.is_closed
    assert " — ouverte — " in window.windowTitle()


def test_file_dialogs_speak_french(qapp: object) -> None:
    from juryapp.ui.file_dialogs import _dialog

    dialog = _dialog(None, "Exporter", Path("pv.pdf"), "Document PDF (*.pdf)", save=True)
    try:
        labels = {
            label: dialog.labelText(label)
            for label in (
                QFileDialog.DialogLabel.LookIn,
                QFileDialog.DialogLabel.FileType,
                QFileDialog.DialogLabel.Accept,
                QFileDialog.DialogLabel.Reject,
            )
        }
    finally:
        dialog.deleteLater()
    assert labels[QFileDialog.DialogLabel.LookIn] == "Regarder dans :"
    assert labels[QFileDialog.DialogLabel.FileType] == "&Type de fichier :"
    assert labels[QFileDialog.DialogLabel.Accept] == "&Enregistrer"
    assert labels[QFileDialog.DialogLabel.Reject] == "Annuler"


def test_qt_own_file_words_are_french(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from juryapp.ui.app import install_translator, remove_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_translator(app, "fr")
    try:
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder") == "Dossier"
        assert QCoreApplication.translate("QFileDialog", "&Look in:") == "&Regarder dans :"
        assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "&Type de fichier :"
        assert QCoreApplication.translate("QFileDialog", "Back") == "Précédent"  # qtbase_fr
        assert QCoreApplication.translate("QFileDialog", "Nothing like this") == "Nothing like this"
    finally:
        remove_translators(app)


def test_the_secretariat_verifies_the_file_and_a_pv_from_its_menu(
    secretariat: SecretariatPage,
    window: MainWindow,
    shown: Messages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from juryapp.ui import file_dialogs

    menu = {a.text(): a for a in window.page_menu.actions()}
    menu["Vérifi&er l'intégrité du fichier"].trigger()
    said = [(kind, text) for kind, _title, text in shown.shown]
    assert said[-1] == ("info", "Fichier intègre : journal vérifié (délibération non scellée).")

    pv = tmp_path / "pv.pdf"
    monkeypatch.setattr(feedback, "save_path", lambda parent, title, suggested, f: pv)
    menu["Exporter le &procès-verbal…"].trigger()
    assert pv.is_file()
    monkeypatch.setattr(file_dialogs, "open_file", lambda *_args: pv)
    menu["Vérifier un pr&ocès-verbal (PDF)…"].trigger()
    kind, text = [(kind, text) for kind, _title, text in shown.shown][-1]
    assert kind == "error", text  # a draft PV, with no seal, proves nothing: said so
    assert "« pv.pdf » est un projet de PV, sans sceau" in text
    assert "PV non signé" in text

    forged = tmp_path / "pas-un-pv.pdf"
    forged.write_bytes(b"%PDF-1.4 nothing here")
    monkeypatch.setattr(file_dialogs, "open_file", lambda *_args: forged)
    menu["Vérifier un pr&ocès-verbal (PDF)…"].trigger()
    assert shown.errors(), shown.shown[-1]
