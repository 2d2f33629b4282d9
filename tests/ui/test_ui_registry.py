"""Supported only once (rules §13) on the secretariat's screens: the dossier list flags the
dossiers that match the registry of past laureates, and the registry dialog lets a
person confirm or dismiss a possible match and override a sure one with a reason, with
the keyboard (every control named, Tab leaves the table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QTableView, QWidget
from pytestqt.qtbot import QtBot

from juryapp.cli import main
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.registry import RegistryDialog
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.pages.secretariat import SecretariatPage
from tests.plugin.registry import write_la_rochelle, write_laureates_csv, write_laureates_xlsx
from tests.ui.ui_helpers import Messages, focused, press, type_text


@pytest.fixture
def la_rochelle(tmp_path: Path) -> Path:
    campaign = tmp_path / "la-rochelle-2024.jury"
    assert (
        main(["--lang", "fr", "new", str(campaign), "--from", str(write_la_rochelle(tmp_path))])
        == 0
    )
    listing = write_laureates_csv(tmp_path / "laureats-2023.csv")
    assert main(["--lang", "fr", "registry", "import", str(campaign), str(listing)]) == 0
    return campaign


@pytest.fixture
def page(window: MainWindow, la_rochelle: Path) -> SecretariatPage:
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(la_rochelle)
    found = window.secretariat_page
    assert found is not None
    return found


def _stored(path: Path) -> dict:
    with CampaignFile.open(path) as opened:
        return {d.ref: d for d in opened.load().dossiers}


def test_the_dossier_list_shows_each_match_and_where_it_stands(page: SecretariatPage) -> None:
    model = page.dossier_model
    column = model.keys.index("registry")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Déjà soutenu"

    def cell(ref: str) -> str:
        return model.index(model.row_of(ref), column).data()

    assert cell("LR-01") == "sûre : même SIRET — non recevable (déjà soutenu)"
    assert cell("LR-02") == "sûre : même RNA — non recevable (déjà soutenu)"
    assert cell("LR-03") == "possible : même nom et commune — à vérifier : confirmer ou écarter"
    assert cell("LR-05") == "" and cell("LR-06") == ""
    assert model.index(model.row_of("LR-01"), model.admissible_column()).data() == "non"
    assert page.dossier_count.text() == "6 dossier(s) · 4 recevable(s) · 2 non recevable(s)"


def test_a_person_rules_on_each_match_with_the_keyboard(
    qtbot: QtBot, page: SecretariatPage, la_rochelle: Path, tmp_path: Path
) -> None:
    dialog = page.show_registry()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.table.setFocus()
    assert "4 lauréat(s) au registre ; 4 dossier(s) concerné(s), dont 2 à vérifier" in (
        dialog.summary.text()
    )
    table = dialog.table
    # every control is named for a screen reader
    for widget in dialog.findChildren(QWidget):
        if (
            isinstance(widget, QAbstractButton | QLineEdit | QTableView)
            and widget.objectName() != "qt_tableview_cornerbutton"  # Qt's own, never focused
        ):
            assert widget.accessibleName(), widget.objectName() or widget.text()
    # first row: LR-01, a sure match: only an override, and only with a reason
    assert dialog.current_ref() == "LR-01"
    assert not dialog.confirm_button.isEnabled() and not dialog.override_button.isEnabled()
    # Tab leaves the table for the reason; the arrows move in the table
    table.setFocus()
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.reason
    type_text("nouvelle structure, projet distinct")
    assert dialog.override_button.isEnabled()
    # Tab on: the buttons that cannot act are skipped; Space presses « Passer outre »
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.import_button
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.override_button
    press(Qt.Key.Key_Space)
    assert _stored(la_rochelle)["LR-01"].admissible
    # LR-03 (third row): a possible match, confirmed
    table.setFocus()
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    assert dialog.current_ref() == "LR-03"
    assert dialog.confirm_button.isEnabled() and not dialog.override_button.isEnabled()
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.confirm_button
    press(Qt.Key.Key_Space)
    stored = _stored(la_rochelle)["LR-03"]
    assert not stored.admissible
    assert stored.inadmissible_reason == "déjà soutenu (Acteurs de la transition, 2023)"
    # LR-04: dismissed, with a reason
    table.setFocus()
    press(Qt.Key.Key_Down)
    assert dialog.current_ref() == "LR-04"
    press(Qt.Key.Key_Tab)
    assert focused() is dialog.reason
    type_text("autre association")
    dialog.dismiss_button.setFocus()
    press(Qt.Key.Key_Space)
    assert _stored(la_rochelle)["LR-04"].admissible
    states = [dialog.model.index(row, dialog.model.STATE).data() for row in range(4)]
    assert states == [
        "recevable : le secrétariat passe outre — « nouvelle structure, projet distinct »",
        "non recevable (déjà soutenu)",
        "confirmé : non recevable (déjà soutenu)",
        "écarté : autre porteur — « autre association »",
    ]
    # the dossier list followed
    model = page.dossier_model
    column = model.keys.index("registry")
    assert model.index(model.row_of("LR-04"), column).data().endswith("écarté : autre porteur")
    with CampaignFile.open(la_rochelle) as opened:
        rulings = [e for e in opened.journal() if e.kind == "registry-ruling"]
    assert [(e.payload["ref"], e.payload["kind"], e.author) for e in rulings] == [
        ("LR-01", "override", "Secrétariat ESS"),
        ("LR-03", "confirm", "Secrétariat ESS"),
        ("LR-04", "dismiss", "Secrétariat ESS"),
    ]
    dialog.resize(1100, 520)
    dialog.grab().save(str(tmp_path / "registre.png"))
    dialog.accept()


def test_laureates_added_from_the_dialog_and_a_bad_list_refused(
    qtbot: QtBot, page: SecretariatPage, la_rochelle: Path, tmp_path: Path, shown: Messages
) -> None:
    dialog: RegistryDialog = page.show_registry()
    good = write_laureates_xlsx(
        tmp_path / "laureats-2022.xlsx",
        [("", "", "Compost'Agglo", "La Rochelle", "Acteurs de la transition", 2022, "1 000")],
    )
    assert dialog.add_laureates([good])
    assert shown.shown[-1][2] == "laureats-2022.xlsx : 1 lauréat(s) lu(s), 1 ajouté(s) au registre."
    assert dialog.model.row_of("LR-06") >= 0  # a new possible match
    bad = write_laureates_xlsx(tmp_path / "mauvaise.xlsx", [("123", "", "X", "Y", "", "", "")])
    assert not dialog.add_laureates([bad])
    assert "mauvaise.xlsx, feuille « Lauréats », ligne 2, colonne A (SIRET)" in shown.errors()[-1]
    dialog.accept()


def test_declaring_a_refused_dossier_admissible_points_to_the_override(
    page: SecretariatPage, la_rochelle: Path, shown: Messages
) -> None:
    page.edit_admissibility("LR-02", (True, ""))
    assert shown.errors() and "passe outre avec un motif" in shown.errors()[0]
    assert not _stored(la_rochelle)["LR-02"].admissible


def test_the_desk_says_whether_the_minimum_of_projects_is_met(
    qtbot: QtBot, la_rochelle: Path, tmp_path: Path
) -> None:
    from juryapp.ui.desk import DeskPage

    file = CampaignFile.open(la_rochelle)
    try:
        for juror in ("J1", "J2"):
            file.set_scores(juror, "LR-05", {"TRANS": 8, "CIT": 6}, juror)
            file.set_scores(juror, "LR-06", {"TRANS": 7, "CIT": 7}, juror)
        page = DeskPage(file, "Secrétariat ESS", "fr")
        qtbot.addWidget(page)
        page.resize(1280, 720)
        page.show()
        qtbot.waitExposed(page)
        label = page.gauges.minimum
        assert label.isVisible()
        assert label.text() == "Projets financés : 2 / 3 minimum — non atteint"
        assert label.accessibleName() == label.text()
        # the possible matches wait for the secretariat: they block closing, said on the desk
        model = page.pending.model
        lines = [model.index(row, 0).data() for row in range(model.rowCount())]
        assert (
            "Registre des lauréats — Correspondances possibles avec le registre des lauréats "
            "passés, à confirmer ou écarter : LR-03, LR-04." in lines
        )
        page.grab().save(str(tmp_path / "bureau-minimum.png"))
        for juror in ("J1", "J2"):
            file.set_scores(juror, "LR-04", {"TRANS": 6, "CIT": 6}, juror)
        page.refresh()
        assert page.gauges.minimum.text() == "Projets financés : 3 / 3 minimum — atteint"
    finally:
        page.close()
        file.close()


def test_dossiers_imported_later_are_flagged_in_the_import_report(
    qtbot: QtBot, page: SecretariatPage, la_rochelle: Path, tmp_path: Path, shown: Messages
) -> None:
    from tests.plugin.workbooks import write_book

    sheet = write_book(
        tmp_path / "depot.xlsx",
        {
            "Dossiers": [
                ("Référence", "Projet", "Porteur", "Commune", "Montant demandé", "SIRET"),
                ("LR-07", "Ressourcerie 3", "RDP", "Aytré", "3 000", "12345678900012"),
                ("LR-08", "Atelier", "Nouvelle asso", "Aytré", "3 000", ""),
            ]
        },
    )
    dialog = page.import_dossiers(sheet)
    assert dialog is not None
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(shown.shown))
    _kind, title, text = shown.shown[-1]
    assert title == "Import terminé"
    assert "Registre des lauréats passés (soutien unique) :" in text
    assert "• LR-07 — sûre : même SIRET — non recevable (déjà soutenu)" in text
    assert "LR-08" not in text.split("Registre")[1]
    model = page.dossier_model
    assert model.index(model.row_of("LR-07"), model.admissible_column()).data() == "non"
