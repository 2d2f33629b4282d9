"""Helpers of the app's tests: message boxes recorded instead of shown, and keys sent
to the focused widget (non-ASCII text included)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


@dataclass
class Messages:
    """Message boxes shown during a test; ``answer`` replies to confirmations."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: bool = True

    def __call__(self, kind: str, title: str, text: str) -> bool:
        self.shown.append((kind, title, text))
        return self.answer

    def errors(self) -> list[str]:
        return [f"{title}: {text}" for kind, title, text in self.shown if kind == "error"]


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str, widget: QWidget | None = None) -> None:
    """Type into ``widget`` (the focused one by default), one key event per character
    (``QTest.sendKeyEvent``: non-ASCII safe, unlike ``keyClicks``)."""
    for char in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click,
            widget or focused(),
            Qt.Key.Key_unknown,
            char,
            Qt.KeyboardModifier.NoModifier,
        )


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), key, modifiers)
