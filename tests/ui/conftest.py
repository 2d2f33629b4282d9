"""Fixtures of the desktop app's tests: settings and logs in tmp_path, synchronous tasks,
recorded message boxes, and demo campaign files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.i18n import set_language
from juryapp.ui import messages, settings, tasks
from juryapp.ui.app import remove_translators
from juryapp.ui.demo import demo_file
from juryapp.ui.main_window import MainWindow
from tests.ui.ui_helpers import Messages


@pytest.fixture(autouse=True)
def ui_environment(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    # The app's look and Qt's translation are process-wide: put them back after each test.
    style_sheet, palette, font = qapp.styleSheet(), qapp.palette(), qapp.font()
    style_name = qapp.style().name()
    settings.use_settings_folder(tmp_path / "settings")
    monkeypatch.setenv("JURYAPP_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("JURYAPP_ERRORS_TO_LOG", "1")
    set_language("fr")
    tasks.set_synchronous(True)
    yield
    tasks.set_synchronous(False)
    messages.set_message_hook(None)
    set_language("fr")
    remove_translators(qapp)
    qapp.setStyleSheet(style_sheet)
    if qapp.style().name() != style_name:
        qapp.setStyle(style_name)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture
def shown() -> Messages:
    recorder = Messages()
    messages.set_message_hook(recorder)
    return recorder


@pytest.fixture
def juror_copy(tmp_path: Path) -> Path:
    """Karim Benali's (J2) copy of the demo campaign."""
    path = tmp_path / "ami-J2.jury"
    demo_file(path, bound_juror="J2").close()
    return path


@pytest.fixture
def full_campaign(tmp_path: Path) -> Path:
    path = tmp_path / "ami.jury"
    demo_file(path).close()
    return path


@pytest.fixture
def window(qtbot: QtBot, shown: Messages) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win
