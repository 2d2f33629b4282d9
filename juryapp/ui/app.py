"""Starting the desktop app: ``main(argv) -> int`` (called by ``juryapp`` and ``juryapp open``).

Sets up the QApplication (names, French translation of Qt's own buttons from
the PySide6 wheel's ``qtbase_fr.qm``, style), logging and the handler of
unexpected errors, then shows the main window, opening ``argv[0]`` if given once
the window is shown. Nothing of the store, the engine or the file formats is imported
before the window is shown (``tests/bench/startup_bench.py`` measures it).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QThreadPool, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from juryapp.i18n import current_language, default_language, set_language
from juryapp.logs import setup_logging
from juryapp.paths import resource_path
from juryapp.ui import settings
from juryapp.ui.main_window import MainWindow
from juryapp.ui.messages import install_excepthook
from juryapp.ui.smoke import arm as arm_smoke_test
from juryapp.ui.style import apply_style

__all__ = [
    "AppController",
    "install_translator",
    "main",
    "make_application",
    "remove_translators",
]

log = logging.getLogger("juryapp.ui")
_translators: list[QTranslator] = []
_system_points: float | None = None  # the system's font size, in points


def remove_translators(app: QApplication) -> None:
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()


def install_translator(app: QApplication, lang: str) -> bool:
    """Qt's own strings (OK, Annuler, Oui…) in French; nothing to do for English."""
    remove_translators(app)
    QLocale.setDefault(
        QLocale(QLocale.Language.French if lang == "fr" else QLocale.Language.English)
    )
    if lang != "fr":
        return True
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_fr", folder) and app.installTranslator(translator):
        _translators.append(translator)
        from juryapp.ui.file_dialogs import FallbackTranslator

        fallback = FallbackTranslator(app)  # the few file-dialog words qtbase_fr lacks
        app.installTranslator(fallback)
        _translators.append(fallback)
        return True
    log.warning("qtbase_fr.qm not found in %s", folder)
    return False


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (the existing one, if any) with names, language and style."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(settings.APPLICATION)
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationDisplayName("juryapp")
    app.setDesktopFileName("juryapp")  # the .desktop entry, for Wayland's window icon
    app.setWindowIcon(QIcon(str(resource_path("icons", "juryapp.svg"))))
    lang = settings.language() or current_language() or default_language()
    set_language(lang)
    install_translator(app, lang)
    global _system_points
    if _system_points is None:  # the system's own size, before the app's zoom
        _system_points = app.font().pointSizeF()
    apply_style(app, settings.text_size(), _system_points)
    return app


class AppController:
    """Owns the main window; rebuilds it when the language changes."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.window = self._new_window()

    def _new_window(self) -> MainWindow:
        window = MainWindow()
        window.language_chosen.connect(self.change_language)
        window.text_size_chosen.connect(self.change_text_size)
        return window

    def change_language(self, lang: str) -> None:
        """Keep the choice, then reopen the window (and its campaign) in that language."""
        settings.set_language_setting(lang)
        set_language(lang)
        install_translator(self.app, lang)
        self._reopen()

    def change_text_size(self, size: float) -> None:
        """Keep the text size (1: the system's), then reopen the window in that size."""
        settings.set_text_size(size)
        apply_style(self.app, size, _system_points)
        self._reopen()

    def _reopen(self) -> None:
        location = self.window.current_location()
        old = self.window
        old.close()
        old.deleteLater()
        self.window = self._new_window()
        self.window.show()
        if location is not None:
            self.window.open_path(location[0], user=location[1])


def main(argv: list[str]) -> int:
    """Run the app; ``argv`` may hold a campaign file to open."""
    setup_logging()
    install_excepthook()
    app = make_application([sys.argv[0]])
    controller = AppController(app)
    controller.window.show()
    if argv:
        # The window is painted first; the campaign then opens in the background (the
        # store, the engine and the pages are imported only then).
        path = Path(argv[0])
        QTimer.singleShot(0, lambda: controller.window.open_path(path))
    arm_smoke_test(app, controller.window, expecting_campaign=bool(argv))
    status = int(app.exec())
    # Work still running in the background ends before the interpreter is torn down.
    QThreadPool.globalInstance().waitForDone()
    return status
