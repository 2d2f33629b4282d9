"""First run: the welcome page opens the demo call at the desk, writes the blank
workbook, and shows the user guide (also from the « Aide » menu)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.i18n import set_language
from juryapp.operations.campaign import compute
from juryapp.ui.dialogs.guide import GuideDialog
from juryapp.ui.main_window import MainWindow
from juryapp.ui.settings import recent_campaigns
from tests.ui.ui_helpers import Messages


def test_the_demo_opens_scored_at_the_deliberation_desk(
    window: MainWindow, shown: Messages, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(MainWindow, "demo_folder", staticmethod(lambda: tmp_path / "démo"))
    assert window.welcome.demo_button.isVisible()
    window.welcome.demo_button.click()
    assert not shown.errors()
    session = window.session
    assert session is not None and session.juror is None  # the secretariat
    assert session.file.path.parent == tmp_path / "démo"
    page = window.secretariat_page
    assert page is not None and page.desk is not None
    assert page.tabs.currentWidget() is page.desk_tab
    _, results = compute(session.file)
    assert len(results.dossiers) >= 10
    assert sum(1 for d in results.dossiers if d.amount_cents) >= 5  # laureates, from real scores
    assert not session.is_closed
    assert recent_campaigns()[0] == session.file.path.resolve()
    # opening it again starts afresh, with no error
    window.demo_action.trigger()
    assert not shown.errors() and window.secretariat_page is not None


def test_a_new_call_from_the_template_writes_and_opens_the_blank_workbook(
    window: MainWindow, shown: Messages, tmp_path: Path, monkeypatch
) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(MainWindow, "open_externally", staticmethod(lambda p: opened.append(p)))
    monkeypatch.setattr(
        MainWindow, "ask_template_path", staticmethod(lambda _w, _s: str(tmp_path / "mon-appel"))
    )
    window.welcome.template_button.click()
    target = tmp_path / "mon-appel.xlsx"
    assert opened == [target]
    assert load_workbook(target).sheetnames[:2] == ["Appel", "Critères"]
    ((kind, _title, text),) = shown.shown
    assert kind == "info" and str(target) in text and "Créer depuis un classeur" in text
    # cancelled: nothing written, nothing said
    monkeypatch.setattr(MainWindow, "ask_template_path", staticmethod(lambda _w, _s: ""))
    window.template_action.trigger()
    assert len(shown.shown) == 1


def test_a_refused_write_of_the_template_says_where(
    window: MainWindow, shown: Messages, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(
        MainWindow,
        "ask_template_path",
        staticmethod(lambda _w, _s: str(tmp_path / "absent" / "appel.xlsx")),
    )
    window.template_action.trigger()
    (error,) = shown.errors()
    assert "absent" in error and "Impossible d'écrire" in error


def test_the_guide_from_the_help_menu_searches_and_closes_with_escape(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.guide_action.trigger()
    dialog = window.guide_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    text = dialog.browser.toPlainText()
    assert text.startswith("Guide de l'utilisateur de juryapp")
    for subject in ("Feuille « Appel »", "Fusionner", "L311-3-1", "Hamilton", "L2121-17"):
        assert subject in text, subject
    assert "|" not in text.split("Feuille « Critères »")[1][:400]  # tables rendered, not raw
    QTest.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is dialog.search
    dialog.search.setText("quorum")
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.browser.textCursor().selectedText().lower() == "quorum"
    first = dialog.browser.textCursor().position()
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.browser.textCursor().position() > first
    QTest.keyClick(dialog.search, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.browser.textCursor().position() == first
    dialog.search.setText("mot absent du guide")
    assert not dialog.find_next() and dialog.status.text() == "introuvable"
    QTest.keyClick(dialog.browser, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_guide_in_english(qtbot: QtBot) -> None:
    set_language("en")
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "User guide"
    assert dialog.path.name == "guide-en.md"
    assert "the essentials in English" in dialog.browser.toPlainText()
