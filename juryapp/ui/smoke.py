"""A launch that checks itself and quits: for installers, bundles and CI.

With ``JURYAPP_SMOKE_TEST=1`` in the environment the app starts as usual (and
opens the campaign given on the command line, if any), waits until its main
window is shown and no background work is running — and, when a campaign was
given, until it is open or a dialog asks something about it — then prints one
line saying what is on screen, closes any dialog and quits with exit code 0.
If nothing settles within ``JURYAPP_SMOKE_TIMEOUT`` seconds (60 by default)
it quits with exit code 1.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QWidget

from juryapp.ui import tasks

__all__ = ["ENVIRONMENT_VARIABLE", "arm", "describe"]

ENVIRONMENT_VARIABLE = "JURYAPP_SMOKE_TEST"
_TIMEOUT_VARIABLE = "JURYAPP_SMOKE_TIMEOUT"


def describe(window: QWidget, modal: QWidget | None) -> str:
    """One line: the window's title and, if a dialog is up, its title and texts."""
    line = f"juryapp smoke test: window « {window.windowTitle()} »"
    if modal is not None:
        texts = [label.text() for label in modal.findChildren(QLabel) if label.text()]
        line += f"; dialog « {modal.windowTitle()} »: " + " / ".join(texts)
    return line


def _settled(window: QMainWindow, expecting_campaign: bool) -> bool:
    if not window.isVisible() or tasks.active_tasks():
        return False
    if not expecting_campaign:
        return True
    has_session = getattr(window, "session", None) is not None
    return has_session or QApplication.activeModalWidget() is not None


def arm(app: QApplication, window: QMainWindow, expecting_campaign: bool) -> None:
    """Quit once ``window`` is up, when the smoke-test variable is set; else nothing."""
    if not os.environ.get(ENVIRONMENT_VARIABLE):
        return
    deadline = time.monotonic() + float(os.environ.get(_TIMEOUT_VARIABLE) or 60)
    timer = QTimer(app)
    timer.setInterval(50)

    def check() -> None:
        if _settled(window, expecting_campaign):
            code = 0
        elif time.monotonic() > deadline:
            code = 1
        else:
            return
        timer.stop()
        modal = QApplication.activeModalWidget()
        print(describe(window, modal), flush=True)
        if code:
            print("juryapp smoke test: nothing settled in time", file=sys.stderr, flush=True)
        if isinstance(modal, QDialog):
            modal.reject()
        app.exit(code)

    timer.timeout.connect(check)
    timer.start()
