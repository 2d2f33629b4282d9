"""Helpers for the deliberation desk's tests: recorded message boxes, scripted dialogs,
typing French text (non-ASCII characters need ``QTest.sendKeyEvent``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWidget

from juryapp.ui.desk import feedback

DialogDriver = Callable[[QDialog], None]


class FakeUI:
    """Stands in for every modal interaction of the desk (``juryapp.ui.desk.feedback``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.questions: list[tuple[str, str]] = []
        self.answer = True
        self.save_to: Path | None = None
        self.drivers: list[DialogDriver] = []
        self.dialogs: list[QDialog] = []
        self.results: list[int] = []
        self.written: list[tuple[str, Path]] = []  # (title, folder) of each document written
        self.certificate: Path | None = None  # the certificate chosen for a signed PV
        self.password: str | None = None  # its password as typed (None: cancelled)
        monkeypatch.setattr(feedback, "error", self._error)
        monkeypatch.setattr(feedback, "info", self._info)
        monkeypatch.setattr(feedback, "confirm", self._confirm)
        monkeypatch.setattr(feedback, "save_path", self._save_path)
        monkeypatch.setattr(feedback, "run_dialog", self._run_dialog)
        monkeypatch.setattr(feedback, "written", self._written)
        monkeypatch.setattr(feedback, "certificate_path", lambda *_args: self.certificate)
        monkeypatch.setattr(feedback, "password", lambda *_args: self.password)

    def _error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.errors.append((title, text))

    def _info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.infos.append((title, text))

    def _confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        yes: str = "",
        *,
        default_yes: bool = False,
    ) -> bool:
        self.questions.append((title, text))
        return self.answer

    def _save_path(
        self, parent: QWidget | None, title: str, suggested: Path, filter_: str
    ) -> Path | None:
        return self.save_to

    def _written(self, parent: QWidget | None, title: str, text: str, folder: Path) -> None:
        self.infos.append((title, text))
        self.written.append((title, folder))

    def drive(self, driver: DialogDriver) -> None:
        """The next dialog the desk opens is handed to ``driver`` instead of a human."""
        self.drivers.append(driver)

    def _run_dialog(self, dialog: QDialog) -> int:
        assert self.drivers, f"unexpected dialog {type(dialog).__name__}"
        self.dialogs.append(dialog)
        dialog.show()
        self.drivers.pop(0)(dialog)
        result = int(dialog.result())
        self.results.append(result)
        if dialog.isVisible():
            dialog.reject()
        return result

    @property
    def error_text(self) -> str:
        return "\n".join(text for _title, text in self.errors)


def type_text(widget: QWidget, text: str, *, clear: bool = True) -> None:
    """Type ``text`` into ``widget`` key by key, accents and € included."""
    widget.setFocus()
    if clear:
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(widget, Qt.Key.Key_Delete)
    for character in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget,
            Qt.Key.Key_unknown,
            character,
            Qt.KeyboardModifier.NoModifier,
        )


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
