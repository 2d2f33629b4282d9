"""The application shell: Qt's French buttons, settings, errors, language, background tasks."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from juryapp.i18n import current_language
from juryapp.store import StoreError
from juryapp.ui import messages, settings, tasks
from juryapp.ui.app import AppController, install_translator, make_application
from juryapp.ui.main_window import MainWindow
from tests.ui.ui_helpers import Messages


def test_qt_standard_buttons_are_in_french(qtbot: QtBot) -> None:
    app = make_application()
    assert QCoreApplication.organizationName() == "juryapp"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    install_translator(app, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    install_translator(app, "fr")


def test_recent_campaigns_and_window_geometry_are_remembered(
    qtbot: QtBot, juror_copy: Path, shown: Messages
) -> None:
    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.open_path(juror_copy)
    first.resize(760, 520)  # the scoring list keeps its titles readable: 749 px at least
    page = first.scoring_page
    assert page is not None
    page.splitter.setSizes([400, 700])
    sizes = page.splitter.sizes()
    first.close()
    assert settings.recent_campaigns() == [juror_copy.resolve()]

    second = MainWindow()
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (760, 520)
    assert second.welcome.recent.count() == 1
    assert juror_copy.name in second.welcome.recent.item(0).text()
    second.show()
    second.open_path(juror_copy)
    restored = second.scoring_page
    assert restored is not None
    assert restored.splitter.sizes() == sizes
    second.close()


def test_a_missing_recent_campaign_is_dropped(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    gone = tmp_path / "partie.jury"
    settings.add_recent(gone)
    window.welcome.refresh()
    assert "introuvable" in window.welcome.recent.item(0).text()
    window.open_path(gone.resolve())
    assert settings.recent_campaigns() == []
    assert "introuvable" in shown.errors()[0]


def test_unexpected_errors_write_a_report_and_say_where(
    qtbot: QtBot, tmp_path: Path, shown: Messages
) -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        failure = error
    messages.errors_to_log(False)
    try:
        messages.excepthook(RuntimeError, failure, failure.__traceback__)
    finally:
        messages.errors_to_log(None)
    reports = list((tmp_path / "logs").glob("erreur-*.txt"))
    assert len(reports) == 1
    report = reports[0].read_text(encoding="utf-8")
    # Where it happened, not what it said (a message may quote a score or a comment).
    assert "builtins.RuntimeError" in report and "test_unexpected_errors_write" in report
    assert "RuntimeError: boom" not in report and "message withheld" in report
    assert reports[0].stat().st_mode & 0o777 == 0o600
    kind, title, text = shown.shown[-1]
    assert (kind, title) == ("error", "Erreur inattendue")
    assert str(reports[0]) in text


def test_the_switch_sends_unexpected_errors_to_the_log_only(
    qtbot: QtBot, tmp_path: Path, shown: Messages
) -> None:
    failure = ValueError("silencieux")
    messages.excepthook(ValueError, failure, None)  # JURYAPP_ERRORS_TO_LOG=1 (conftest)
    assert shown.shown == []
    assert len(list((tmp_path / "logs").glob("erreur-*.txt"))) == 1


def test_errors_the_user_can_act_on_are_plain_french_dialogs(
    qtbot: QtBot, tmp_path: Path, shown: Messages
) -> None:
    messages.excepthook(StoreError, StoreError("le fichier est verrouillé."), None)
    assert shown.shown == [("error", "Opération impossible", "Le fichier est verrouillé.")]
    assert not (tmp_path / "logs").exists() or not list((tmp_path / "logs").glob("erreur-*"))


def test_english_from_the_language_menu_reopens_the_window(
    qtbot: QtBot, juror_copy: Path, shown: Messages
) -> None:
    controller = AppController(make_application())
    qtbot.addWidget(controller.window)
    controller.window.show()
    controller.window.open_path(juror_copy)
    language_menu = controller.window.menuBar().actions()[3].menu()
    assert language_menu is not None
    english = next(a for a in language_menu.actions() if a.text() == "English")
    english.trigger()
    try:
        window = controller.window
        qtbot.addWidget(window)
        assert current_language() == "en"
        assert settings.language() == "en"
        assert window.menuBar().actions()[0].text() == "&Campaign"
        assert window.windowTitle().startswith("AMI Innovation sociale 2016 — open — juror J2")
        page = window.scoring_page
        assert page is not None
        assert page.progress_label.text() == "0 / 12 scored"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        controller.change_language("fr")
        qtbot.addWidget(controller.window)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"


def test_background_tasks_hand_results_to_the_ui_thread(qtbot: QtBot) -> None:
    tasks.set_synchronous(False)
    main_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["done"] = (value, threading.get_ident())

    tasks.run_task(None, "calcul", work, done)
    qtbot.waitUntil(lambda: "done" in seen, timeout=5000)
    assert seen["done"] == (42, main_thread)
    assert seen["worker"] != main_thread

    def fail() -> int:
        raise StoreError("disque plein")

    failures: list[BaseException] = []
    tasks.run_task(None, "calcul", fail, done, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], StoreError)
    assert tasks.active_tasks() == 0


def test_opening_in_the_background_shows_the_scoring(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    tasks.set_synchronous(False)
    window.open_path(juror_copy)
    qtbot.waitUntil(lambda: window.scoring_page is not None, timeout=10000)


MAIN_SCRIPT = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from juryapp.ui import settings
from juryapp.ui.app import main, make_application
from juryapp.ui.main_window import MainWindow

settings.use_settings_folder(Path(sys.argv[2]))
make_application()  # main() reuses it; the timer below needs it


def quit_soon() -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.scoring_page is not None:
            print("TITLE", widget.windowTitle(), flush=True)
            widget.close()
            QApplication.quit()
            return
    QTimer.singleShot(100, quit_soon)


QTimer.singleShot(100, quit_soon)
print("EXIT", main([sys.argv[1]]), flush=True)
"""


def test_main_opens_the_file_given_and_returns_when_closed(
    juror_copy: Path, tmp_path: Path
) -> None:
    # In a child process: app.exec() and quit() would leave this test process's app
    # unable to run modal dialogs afterwards.
    import os
    import subprocess

    root = Path(__file__).resolve().parents[2]
    script = tmp_path / "run_main.py"
    script.write_text(MAIN_SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(juror_copy), str(tmp_path / "child-settings")],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(root),
            "JURYAPP_LOG_DIR": str(tmp_path / "child-logs"),
        },
        check=False,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("TITLE AMI Innovation sociale 2016 — ouverte — juré J2"), result
    assert lines[-1] == "EXIT 0"
    assert (tmp_path / "child-logs" / "juryapp.log").exists()


def test_the_first_window_fits_the_screen(qtbot: QtBot) -> None:
    # No geometry saved yet (settings in tmp_path): the window never starts taller than
    # the screen (a 1280×720 projector once hid the status bar and the desk's buttons).
    window = MainWindow()
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width()
    assert window.height() <= room.height() - 48


def test_enter_answers_a_confirmation_with_its_default(qtbot: QtBot) -> None:
    # Cautious questions default to no; a question about what the user just asked for
    # (export a draft PV) defaults to yes, so that Enter never cancels it silently.
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        QTest.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(0, press_enter)
    assert messages.confirm(None, "Procès-verbal", "Exporter ?", "Exporter", default_yes=True)
    QTimer.singleShot(0, press_enter)
    assert not messages.confirm(None, "Clore", "Clore ?", "Clore")
