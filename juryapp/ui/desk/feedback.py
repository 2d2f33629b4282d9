"""How the desk talks to the user: message boxes, questions, file choices, modal dialogs.

Every interaction of the desk that would block on a modal window goes through
a module-level function here, so tests replace them (``monkeypatch.setattr``)
and drive the desk without a human. Errors, information and confirmations use
the app's own message boxes (``juryapp.ui.messages``, which has its own test
hook) when that module is present.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from juryapp.i18n import _
from juryapp.ui.file_dialogs import open_file, save_file

__all__ = [
    "confirm",
    "error",
    "info",
    "open_folder",
    "run_dialog",
    "save_path",
    "written",
    "written_box",
]

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


def confirm(
    parent: QWidget | None, title: str, text: str, yes: str = "", *, default_yes: bool = False
) -> bool:
    """A yes/no question; the default answer is no unless ``default_yes``."""
    if _messages is not None:
        return _messages.confirm(parent, title, text, yes, default_yes=default_yes)
    answer = QMessageBox.question(parent, title, text)  # pragma: no cover
    return answer == QMessageBox.StandardButton.Yes  # pragma: no cover


def save_path(parent: QWidget | None, title: str, suggested: Path, filter_: str) -> Path | None:
    """Where to write a document; None when cancelled."""
    return save_file(parent, title, suggested, filter_)


def certificate_path(parent: QWidget | None, title: str, folder: Path) -> Path | None:
    """The signer's certificate (PKCS#12, .p12 or .pfx); None when cancelled."""
    return open_file(parent, title, folder, _("Certificat de signature (*.p12 *.pfx)"))


def password(parent: QWidget | None, title: str, text: str) -> str | None:
    """A password typed hidden; None when cancelled ("" when none is typed)."""
    typed, accepted = QInputDialog.getText(parent, title, text, QLineEdit.EchoMode.Password)
    return typed if accepted else None


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def written_box(parent: QWidget | None, title: str, text: str, folder: Path) -> QMessageBox:
    """« Document écrit » with « Ouvrir le dossier » (which shows ``folder``) and OK."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    button = box.addButton(_("Ouvrir le &dossier"), QMessageBox.ButtonRole.ActionRole)
    button.setObjectName("openFolderButton")
    # an ActionRole button closes the box too; showing the folder is its only effect
    button.clicked.connect(lambda: open_folder(folder))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    return box


def written(parent: QWidget | None, title: str, text: str, folder: Path) -> None:
    """A document is written: say where, and offer to open its folder."""
    if _messages is not None and getattr(_messages, "_hook", None) is not None:  # tests
        _messages.inform(parent, title, text)
        return
    box = written_box(parent, title, text, folder)
    box.exec()
    box.deleteLater()


def run_dialog(dialog: QDialog) -> int:
    """Show a dialog modally; returns ``QDialog.DialogCode`` as an int."""
    return int(dialog.exec())
