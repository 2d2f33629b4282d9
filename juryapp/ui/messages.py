"""Telling the user: errors they can act on, confirmations, and unexpected errors.

Every message box of the app goes through here, so that tests can record
them instead of blocking on a modal dialog (``set_message_hook``). Unexpected
exceptions reach ``excepthook``: a crash report is written and its path shown;
with ``JURYAPP_ERRORS_TO_LOG=1`` (or ``errors_to_log(True)``) they only go to the log.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from juryapp.i18n import _
from juryapp.io.errors import InputError
from juryapp.logs import write_crash_report
from juryapp.store.errors import StoreError

__all__ = [
    "MessageHook",
    "confirm",
    "errors_to_log",
    "excepthook",
    "inform",
    "install_excepthook",
    "known_errors",
    "set_message_hook",
    "show_error",
    "show_known_error",
]


def known_errors() -> tuple[type[Exception], ...]:
    """The refusals the user can act on (imported on first use: the window opens first)."""
    from juryapp.core.errors import OperationError
    from juryapp.core.grid import ScoreValueError
    from juryapp.core.money import AmountError

    return (StoreError, InputError, OperationError, ScoreValueError, AmountError)


def __getattr__(name: str) -> Any:
    """``KNOWN_ERRORS``: :func:`known_errors`, for the modules that import it by name."""
    if name == "KNOWN_ERRORS":
        return known_errors()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


log = logging.getLogger("juryapp.ui")

# (kind, title, text) -> answer for "confirm" (True = yes); None: show the real dialog.
MessageHook = Callable[[str, str, str], bool]
_hook: MessageHook | None = None
_to_log: bool | None = None


def set_message_hook(hook: MessageHook | None) -> None:
    """Replace message boxes by ``hook`` (tests); None restores the dialogs."""
    global _hook
    _hook = hook


def errors_to_log(enabled: bool | None) -> None:
    """Send unexpected errors to the log only (True), show them (False), or follow the env."""
    global _to_log
    _to_log = enabled


def _errors_only_logged() -> bool:
    if _to_log is not None:
        return _to_log
    return os.environ.get("JURYAPP_ERRORS_TO_LOG", "") not in ("", "0")


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    log.info("message to the user: %s — %s", title, text)
    if _hook is not None:
        _hook("error", title, text if not details else f"{text}\n{details}")
        return
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    if _hook is not None:
        _hook("info", title, text)
        return
    QMessageBox.information(parent, title, text)


def confirm(
    parent: QWidget | None, title: str, text: str, yes: str = "", *, default_yes: bool = False
) -> bool:
    """Ask a yes/no question; "No" is the default answer unless ``default_yes``."""
    if _hook is not None:
        return _hook("confirm", title, text)
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton)
    if parent is not None:
        box.setParent(parent, box.windowFlags())
    yes_button = box.addButton(yes or _("Oui"), QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(yes_button if default_yes else no_button)
    box.exec()
    return box.clickedButton() is yes_button


def known_error_text(error: BaseException) -> str:
    """The French sentence of an error the user can act on."""
    text = str(error).strip()
    return text[:1].upper() + text[1:] if text else _("Opération refusée.")


def show_known_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Show a refusal (StoreError, InputError, OperationError…) in plain French."""
    details = ""
    if isinstance(error, InputError):
        where = error.location()
        if where:
            details = _("Emplacement : {where}").format(where=where)
        text = error.message[:1].upper() + error.message[1:]
    else:
        text = known_error_text(error)
    show_error(parent, title or _("Opération impossible"), text, details)


def excepthook(
    kind: type[BaseException], value: BaseException, trace: TracebackType | None
) -> None:
    """Unexpected errors: a crash report, then a dialog naming it (never a silent crash)."""
    if isinstance(value, known_errors()):
        show_known_error(None, value)
        return
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, trace)
        return
    try:
        report = write_crash_report(value)
    except OSError:
        log.exception("could not write the crash report")
        sys.__excepthook__(kind, value, trace)
        return
    log.error("unexpected error (%s), report %s", kind.__name__, report)
    if _errors_only_logged():
        return
    show_error(
        None,
        _("Erreur inattendue"),
        _(
            "Une erreur inattendue s'est produite. Vos notes déjà enregistrées sont "
            "conservées dans le fichier de campagne.\n\nLe détail est enregistré dans :\n"
            "{path}\n\nMerci de transmettre ce fichier à l'équipe juryapp."
        ).format(path=report),
    )


def install_excepthook() -> None:
    sys.excepthook = excepthook
