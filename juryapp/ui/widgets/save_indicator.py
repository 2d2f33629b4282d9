"""The status bar's saving state: « Enregistré ✓ », « Enregistrement… » or « Erreur »."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from juryapp.i18n import _

__all__ = ["SaveIndicator"]


class SaveIndicator(QLabel):
    """Shows whether the last change reached the campaign file."""

    IDLE, SAVING, SAVED, FAILED = "idle", "saving", "saved", "failed"
    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = self.IDLE
        self.saved_count = 0
        self.setAccessibleName(_("État de l'enregistrement"))
        self.setContentsMargins(8, 0, 8, 0)
        self._set(self.IDLE, _("Chaque modification est enregistrée aussitôt"), "#5f6b7a")

    def _set(self, state: str, text: str, colour: str) -> None:
        self.state = state
        self.setText(text)
        self.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.state_changed.emit(state)

    def saving(self) -> None:
        self._set(self.SAVING, _("Enregistrement…"), "#5f6b7a")
        # Paint it now: the write that follows runs on this thread.
        self.repaint()

    def saved(self) -> None:
        self.saved_count += 1
        stamp = datetime.now().strftime("%H:%M:%S")
        self._set(self.SAVED, _("Enregistré ✓ ({time})").format(time=stamp), "#1d7a3a")

    def failed(self, reason: str = "") -> None:
        text = _("Erreur : non enregistré")
        self._set(self.FAILED, text, "#b00020")
        self.setToolTip(reason)
