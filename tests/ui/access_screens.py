"""Every screen and dialog of the app, built on the demo call for the accessibility tests:
``build(name, qtbot, folder)`` returns the window or dialog, shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from juryapp.core.model import MajorityRule
from juryapp.merge.copies import make_juror_copy
from juryapp.ui import settings
from juryapp.ui.demo import demo_file
from juryapp.ui.desk import dialogs as desk_dialogs
from juryapp.ui.dialogs.admissibility import AdmissibilityDialog
from juryapp.ui.dialogs.assignment import AssignmentDialog
from juryapp.ui.dialogs.dossier_view import DossierViewDialog
from juryapp.ui.dialogs.grid_editor import GridEditorDialog
from juryapp.ui.dialogs.guide import GuideDialog
from juryapp.ui.dialogs.import_dossiers import ImportDialog
from juryapp.ui.dialogs.juror_copies_dialog import JurorCopiesDialog
from juryapp.ui.dialogs.merge_dialog import MergeDialog
from juryapp.ui.dialogs.recusal import RecusalDialog
from juryapp.ui.dialogs.registry import RegistryDialog
from juryapp.ui.dialogs.who import SECRETARIAT, WhoDialog
from juryapp.ui.main_window import MainWindow
from juryapp.ui.pages.secretariat import SecretariatPage

SCREENS = (
    "welcome",
    "scoring",
    "secretariat-dossiers",
    "secretariat-rules",
    "secretariat-jury",
    "secretariat-desk",
    "secretariat-desk-agenda",
)
DIALOGS = (
    "admissibility",
    "grid-editor",
    "recusal",
    "guide",
    "who",
    "juror-copies",
    "merge",
    "tie-vote",
    "draw",
    "withdraw",
    "amount",
    "no-award",
    "carry-over",
    "earlier-withdrawal",
    "reason",
    "import",
    "registry",
    "assignment",
    "dossier-view",
)
TITLES = {"GP-01": "Ressourcerie des Couronneries", "GP-02": "Épicerie solidaire"}


def _window(qtbot: QtBot, size: tuple[int, int] = (1280, 800)) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    return window


def scoring_window(qtbot: QtBot, folder: Path, size: tuple[int, int] = (1280, 800)) -> MainWindow:
    """Karim Benali (J2) scoring his copy of the demo call."""
    copy = folder / "ami-J2.jury"
    demo_file(copy, bound_juror="J2").close()
    window = _window(qtbot, size)
    window.open_path(copy)
    assert window.scoring_page is not None
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def secretariat_window(
    qtbot: QtBot, folder: Path, size: tuple[int, int] = (1280, 800)
) -> tuple[MainWindow, SecretariatPage]:
    full = folder / "ami.jury"
    demo_file(full).close()
    window = _window(qtbot, size)
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(full)
    page = window.secretariat_page
    assert page is not None
    return window, page


def _merge_dialog(window: MainWindow, folder: Path) -> MergeDialog:
    """The merge of a juror's copy that disagrees with the campaign: one conflict."""
    session = window.session
    assert session is not None
    copy = make_juror_copy(session.file, "J2", folder / "J2.jury", "secrétariat")
    from juryapp.store import CampaignFile

    with CampaignFile.open(copy) as opened:
        opened.set_scores("J2", "AMI-2016-001", {"INNO": 2}, "J2")
    session.file.set_scores("J2", "AMI-2016-001", {"INNO": 3}, "secrétariat")
    dialog = MergeDialog(session, window)
    dialog.set_files([copy])
    dialog.analyse()
    assert dialog.analysis is not None and dialog.analysis.conflicts
    return dialog


def _import_dialog(window: MainWindow, folder: Path) -> ImportDialog:
    """The import of a secretariat's own sheet of three dossiers, before the mapping."""
    import openpyxl

    session = window.session
    assert session is not None
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["N° dossier", "Nom du projet", "Association", "Ville", "Montant sollicité"])
    sheet.append(["AMI-2016-101", "Recyclerie du Marais", "La Trame", "Coulon", "14 500"])
    sheet.append(["AMI-2016-102", "Épicerie mobile", "Le Panier", "Niort", "9 000"])
    path = folder / "dossiers.xlsx"
    book.save(path)
    return ImportDialog(session, path, window)


def _dialog(name: str, window: MainWindow, folder: Path) -> QDialog:
    session = window.session
    assert session is not None
    campaign = session.campaign
    refs = ["GP-01", "GP-02"]
    builders: dict[str, Callable[[], QDialog]] = {
        "admissibility": lambda: AdmissibilityDialog(campaign.dossiers[0], window),
        "grid-editor": lambda: GridEditorDialog(session, window),
        "recusal": lambda: RecusalDialog(campaign.dossiers[0], window),
        "guide": lambda: GuideDialog(window),
        "who": lambda: WhoDialog(campaign, "ami.jury", window),
        "juror-copies": lambda: JurorCopiesDialog(session, window),
        "merge": lambda: _merge_dialog(window, folder),
        "tie-vote": lambda: desk_dialogs.TieVoteDialog(
            window, refs, TITLES, lambda *a: None, majority=MajorityRule.CAST, voters=5
        ),
        "draw": lambda: desk_dialogs.DrawDialog(window, refs, TITLES, lambda r: (7, refs)),
        "withdraw": lambda: desk_dialogs.WithdrawDialog(
            window, "GP-01", TITLES["GP-01"], lambda r: None
        ),
        "amount": lambda: desk_dialogs.AmountDialog(
            window, "GP-01", TITLES["GP-01"], lambda c, r: None, current_cents=350000
        ),
        "no-award": lambda: desk_dialogs.NoAwardDialog(
            window, [("SERV", "Services"), ("TERR", "Territoires")], lambda c, r: None
        ),
        "carry-over": lambda: desk_dialogs.CarryOverDialog(
            window, "GP-01", TITLES["GP-01"], [("S2", "Comité de juin")], lambda c, r: None
        ),
        "earlier-withdrawal": lambda: desk_dialogs.EarlierWithdrawalDialog(
            window, [("GP-01", "GP-01 — Ressourcerie (S1, 35 000,00 €)")], lambda c, r: None
        ),
        "reason": lambda: desk_dialogs.ReasonDialog(
            window, "Rouvrir", "Rouvrir la délibération", "Pourquoi ?", lambda r: None
        ),
        "import": lambda: _import_dialog(window, folder),
        "registry": lambda: RegistryDialog(session, window),
        "assignment": lambda: AssignmentDialog(session, window),
        "dossier-view": lambda: DossierViewDialog(campaign.dossiers[0], None, window),
    }
    return builders[name]()


def build(name: str, qtbot: QtBot, folder: Path, size: tuple[int, int] = (1280, 800)) -> QWidget:
    """Screen or dialog ``name``, shown and active."""
    if name == "welcome":
        settings.add_recent(folder / "ailleurs" / "appel 2015.jury")  # gone: « introuvable »
        demo_file(folder / "ami.jury").close()
        settings.add_recent(folder / "ami.jury")
        return _window(qtbot, size)
    if name == "scoring":
        return scoring_window(qtbot, folder, size)
    window, page = secretariat_window(qtbot, folder, size)
    if name.startswith("secretariat-"):
        desk = name.startswith("secretariat-desk")
        tab = SCREENS.index("secretariat-desk" if desk else name) - 2
        if desk:
            page.show_desk()
        page.tabs.setCurrentIndex(tab)
        if name == "secretariat-desk-agenda":  # the desk's « Ordre du jour » tab
            assert page.desk is not None
            page.desk.side_tabs.setCurrentWidget(page.desk.agenda)
        qtbot.wait(10)
        return window
    dialog = _dialog(name, window, folder)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog
