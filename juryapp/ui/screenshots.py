"""Regenerate the screenshots of every screen, in French, at 1280×800.

Run: ``QT_QPA_PLATFORM=offscreen python -m juryapp.ui.screenshots [OUT_DIR]``
(default ``/tmp/ui-look``). Uses the demo campaign in a temporary folder and
settings kept there too, so the user's own settings are untouched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from juryapp.core.model import Campaign
from juryapp.i18n import set_language
from juryapp.store import CampaignFile

__all__ = ["main", "take_all"]

SIZE = (1280, 800)


def _settle(app: QApplication) -> None:
    for _round in range(5):
        app.processEvents()


def _save(widget: QWidget, folder: Path, name: str) -> Path:
    path = folder / f"{name}.png"
    widget.grab().save(str(path))
    return path


def _grab_dialog(
    app: QApplication,
    folder: Path,
    name: str,
    opener: Callable[[], object],
    size: tuple[int, int] | None = None,
) -> None:
    """Open a modal dialog, grab it once shown, then close it."""

    def grab() -> None:
        dialog = app.activeModalWidget()
        if isinstance(dialog, QDialog):
            if size is not None:
                dialog.resize(*size)
            _settle(app)
            _save(dialog, folder, name)
            dialog.reject()

    QTimer.singleShot(200, grab)
    opener()


def take_all(folder: Path) -> list[Path]:
    """Every screen as a PNG under ``folder``; returns their paths."""
    from openpyxl import Workbook

    from juryapp.ui import messages, settings, tasks
    from juryapp.ui.app import make_application
    from juryapp.ui.demo import demo_file
    from juryapp.ui.dialogs.import_dossiers import ImportDialog
    from juryapp.ui.dialogs.recusal import RecusalDialog
    from juryapp.ui.dialogs.who import WhoDialog
    from juryapp.ui.main_window import MainWindow

    folder.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="juryapp-shots-"))
    settings.use_settings_folder(work / "settings")
    set_language("fr")
    app = make_application()
    tasks.set_synchronous(True)
    messages.set_message_hook(lambda kind, title, text: True)

    full = demo_file(work / "AMI innovation sociale 2016.jury")
    full.close()
    copy = demo_file(work / "AMI innovation sociale 2016 - J2.jury", bound_juror="J2")
    campaign = copy.load()
    copy.set_scores(
        "J2",
        "AMI-2016-001",
        {"INNO": 4, "BESOIN": "4,5", "IMPACT": 16, "ANCRAGE": 8, "MODELE": 6, "GOUV": 4},
        "J2",
    )
    copy.set_comment(
        "J2",
        "AMI-2016-001",
        "Coopération solide entre dix structures ; indicateurs d'impact à préciser.",
        "J2",
    )
    copy.set_scores(
        "J2",
        "AMI-2016-002",
        {"INNO": "3,5", "BESOIN": 4, "IMPACT": 13, "ANCRAGE": 9, "MODELE": 7, "GOUV": "4,5"},
        "J2",
    )
    copy.set_scores("J2", "AMI-2016-003", {"INNO": 5, "BESOIN": 5, "IMPACT": 17}, "J2")
    copy.recuse("J2", "AMI-2016-005", "Membre du conseil d'administration du porteur", "J2")
    copy.close()
    shots: list[Path] = []
    settings.add_recent(full.path)
    settings.add_recent(copy.path)

    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    _settle(app)
    shots.append(_save(window, folder, "01-accueil"))

    who = WhoDialog(campaign, full.name)
    who.show()
    _settle(app)
    shots.append(_save(who, folder, "02-qui-note"))
    who.close()

    window.open_path(copy.path)
    _settle(app)
    page = window.scoring_page
    assert page is not None
    page.select_ref("AMI-2016-003")
    page.focus_first_editor()
    _settle(app)
    shots.append(_save(window, folder, "03-notation"))

    editor = page.editors[3]
    editor.setFocus()
    editor.setText("7,5")
    editor.textEdited.emit("7,5")
    _settle(app)
    shots.append(_save(window, folder, "04-notation-pas-refuse"))

    page.select_ref("AMI-2016-005")
    _settle(app)
    shots.append(_save(window, folder, "05-notation-deporte"))

    recusal = RecusalDialog(campaign.dossiers[1], window)
    recusal.reason.setPlainText("Salariée d'un partenaire du projet")
    recusal.show()
    _settle(app)
    shots.append(_save(recusal, folder, "06-deport-motif"))
    recusal.close()

    window.close_campaign()
    window.start_session(*_reopen(full.path), user="")
    _settle(app)
    secretariat = window.secretariat_page
    assert secretariat is not None
    shots.append(_save(window, folder, "07-secretariat-dossiers"))
    secretariat.tabs.setCurrentIndex(1)
    _settle(app)
    shots.append(_save(window, folder, "08-secretariat-regles"))
    secretariat.tabs.setCurrentIndex(2)
    _settle(app)
    shots.append(_save(window, folder, "09-secretariat-jury"))
    secretariat.show_desk()
    _settle(app)
    shots.append(_save(window, folder, "12-secretariat-deliberation"))
    secretariat.tabs.setCurrentIndex(0)

    workbook = work / "depot-dossiers.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Candidatures"
    sheet.append(
        [
            "N° dossier",
            "Nom du projet",
            "Association",
            "Ville",
            "Axe",
            "Montant sollicité",
            "Référent",
            "Remarque interne",
        ]
    )
    sheet.append(
        [
            "AMI-2016-014",
            "Recyclerie du Marais poitevin",
            "Association La Trame",
            "Coulon",
            "SERV",
            "14 500",
            "M. Giraud",
            "à relancer",
        ]
    )
    sheet.append(
        [
            "AMI-2016-015",
            "Garage solidaire du Niortais",
            "Garage Solidaire 79",
            "Chauray",
            "SERV",
            "21 000",
            "Mme Bernard",
            "",
        ]
    )
    sheet.append(
        [
            "AMI-2016-016",
            "Tiers-lieu nourricier",
            "SCIC La Ferme d'Ici",
            "Melle",
            "TERR",
            "douze mille",
            "M. Roux",
            "",
        ]
    )
    book.save(workbook)
    dialog = ImportDialog(window.session, workbook, window)  # type: ignore[arg-type]
    dialog.resize(1100, 760)
    dialog.show()
    _settle(app)
    shots.append(_save(dialog, folder, "10-import-correspondance"))
    dialog.combos["Association"].setCurrentIndex(dialog.combos["Association"].findData("applicant"))
    dialog.combos["Remarque interne"].setCurrentIndex(
        dialog.combos["Remarque interne"].findData("ignore")
    )
    dialog.run_import()
    _settle(app)
    shots.append(_save(dialog, folder, "11-import-erreur"))
    dialog.close()
    window.close()
    _settle(app)
    return shots


def _reopen(path: Path) -> tuple[CampaignFile, Campaign]:
    from juryapp.ui.session import load_campaign

    file = CampaignFile.open(path)
    return file, load_campaign(file)


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(arguments[0]) if arguments else Path("/tmp/ui-look")
    for path in take_all(folder):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
