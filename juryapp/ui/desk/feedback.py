"""How the desk talks to the user: message boxes, questions, file choices, modal dialogs.

Every interaction of the desk that would block on a modal window goes through
a module-level function here, so tests replace them (``monkeypatch.setattr``)
and drive the desk without a human. Errors, information and confirmations use
the app's own message boxes (``juryapp.ui.messages``, which has its own test
hook) when that module is present.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

__all__ = ["confirm", "error", "info", "run_dialog", "save_path"]

try:  # the main window's message boxes (tests can hook them too)
    from juryapp.ui import messages as _messages
except ImportError:  # pragma: no cover - the desk also runs alone
    _messages = None  # type: ignore[assignment]


def error(parent: QWidget | None, title: str, text: str) -> None:
    """A refusal or an error, in plain French."""
    if _messages is not None:
        _messages.show_error(parent, title, text)
        return
    QMessageBox.warning(parent, title, text)  # pragma: no cover


def info(parent: QWidget | None, title: str, text: str) -> None:
    if _messages is not None:
        _messages.inform(parent, title, text)
        return
    QMessageBox.information(parent, title, text)  # pragma: no cover


def confirm(parent: QWidget | None, title: str, text: str, yes: str = "") -> bool:
    """A yes/no question; the default answer is no."""
    if _messages is not None:
        return _messages.confirm(parent, title, text, yes)
    answer = QMessageBox.question(parent, title, text)  # pragma: no cover
    return answer == QMessageBox.StandardButton.Yes  # pragma: no cover


def save_path(parent: QWidget | None, title: str, suggested: Path, filter_: str) -> Path | None:
    """Where to write a document; None when cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_)
    return Path(chosen) if chosen else None


def run_dialog(dialog: QDialog) -> int:
    """Show a dialog modally; returns ``QDialog.DialogCode`` as an int."""
    return int(dialog.exec())
