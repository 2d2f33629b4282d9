"""The desk alone in a window, for manual checks and demonstrations.

``show_desk(path)`` opens a campaign file; without a path it creates a demo
campaign (Grand Poitiers, or the Région Nouvelle-Aquitaine AMI) in a temporary
folder first.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

from juryapp.i18n import _, set_language
from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, aquitaine_file, poitiers_file
from juryapp.ui.desk.page import DeskPage

__all__ = ["main", "show_desk"]


def show_desk(
    path: Path | str | None = None,
    author: str = DEMO_AUTHOR,
    lang: str = "fr",
    demo: str = "poitiers",
) -> int:
    """Open the desk on ``path`` (or a new demo campaign) and run the event loop."""
    set_language(lang)
    app = QApplication.instance() or QApplication(sys.argv)
    if path is None:
        folder = Path(tempfile.mkdtemp(prefix="juryapp-desk-"))
        make = aquitaine_file if demo == "aquitaine" else poitiers_file
        campaign_file = make(folder / f"{demo}.jury", author)
    else:
        campaign_file = CampaignFile.open(path)
    window = QMainWindow()
    window.setWindowTitle(_("Bureau de la délibération — {name}").format(name=campaign_file.name))
    page = DeskPage(campaign_file, author, lang)
    window.setCentralWidget(page)
    documents = window.menuBar().addMenu(_("&Documents"))
    for action in (
        page.documents.minutes_action,
        page.documents.explanation_action,
        page.documents.awards_action,
        page.documents.opendata_action,
        page.documents.ds_action,
    ):
        documents.addAction(action)
    view = window.menuBar().addMenu(_("&Affichage"))
    view.addAction(page.projection_action)
    window.resize(1280, 720)
    window.show()
    try:
        return int(app.exec())
    finally:
        campaign_file.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m juryapp.ui.desk [CAMPAIGN.jury | --demo poitiers|aquitaine] [--lang fr|en]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m juryapp.ui.desk")
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--demo", choices=("poitiers", "aquitaine"), default="poitiers")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    parser.add_argument("--author", default=DEMO_AUTHOR)
    args = parser.parse_args(argv)
    return show_desk(args.path, args.author, args.lang, args.demo)
