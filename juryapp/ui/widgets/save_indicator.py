"""The status bar's saving state: « Enregistré ✓ », « Enregistrement… » or « Erreur ».

A screen reader hears it too: « Enregistré ✓ » once things are quiet (not at every key
saved), with what the page adds (the juror's note); an error at once.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from juryapp.i18n import _
from juryapp.ui.access import Announcer

__all__ = ["SaveIndicator"]


class SaveIndicator(QLabel):
    """Shows whether the last change reached the campaign file."""

    IDLE, SAVING, SAVED, FAILED, READ_ONLY = "idle", "saving", "saved", "failed", "read_only"
    state_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = self.IDLE
        self.saved_count = 0
        self.setAccessibleName(_("État de l'enregistrement"))
        self.announcer = Announcer(self)
        self.setContentsMargins(8, 0, 8, 0)
        self.reset()

    def reset(self) -> None:
        """Nothing open, or a new session: every change will be saved at once."""
        self.setToolTip("")
        self._set(self.IDLE, _("Chaque modification est enregistrée aussitôt"), "#5f6b7a")

    def read_only(self, text: str) -> None:
        """Nothing can be saved (a sealed campaign): never claim that changes are saved."""
        self.setToolTip("")
        self._set(self.READ_ONLY, text, "#8a5a00")

    def _set(self, state: str, text: str, colour: str) -> None:
        self.state = state
        self.setText(text)
        self.setStyleSheet(f"color: {colour}; font-weight: 600;")
        self.state_changed.emit(state)

    def saving(self) -> None:
        self._set(self.SAVING, _("Enregistrement…"), "#5f6b7a")
        # Paint it now: the write that follows runs on this thread.
        self.repaint()

    def saved(self, spoken: str = "") -> None:
        """Saved; ``spoken`` is said after « Enregistré ✓ » (the note, on the scoring page)."""
        self.saved_count += 1
        self.setToolTip("")
        stamp = datetime.now().strftime("%H:%M:%S")
        self._set(self.SAVED, _("Enregistré ✓ ({time})").format(time=stamp), "#17692f")
        self.announcer.later(" ".join(t for t in (_("Enregistré ✓."), spoken) if t))

    def failed(self, reason: str = "") -> None:
        text = _("Erreur : non enregistré")
        self._set(self.FAILED, text, "#b00020")
        self.setToolTip(reason)
        self.announcer.now(" ".join(t for t in (text + ".", reason) if t))
