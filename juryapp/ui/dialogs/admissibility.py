"""Declaring a dossier admissible or not, with the reason (required when not)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.model import Dossier
from juryapp.i18n import _

__all__ = ["AdmissibilityDialog"]


class AdmissibilityDialog(QDialog):
    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("admissibilityDialog")
        self.setWindowTitle(_("Recevabilité du dossier"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        heading = QLabel(f"{dossier.ref} — {dossier.title}")
        heading.setProperty("heading", True)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.admissible = QCheckBox(_("Dossier &recevable"))
        self.admissible.setAccessibleName(_("Dossier recevable"))
        self.admissible.setChecked(dossier.admissible)
        layout.addWidget(self.admissible)
        label = QLabel(_("&Motif de non-recevabilité :"))
        self.reason = QLineEdit(dossier.inadmissible_reason)
        self.reason.setAccessibleName(_("Motif de non-recevabilité"))
        self.reason.setPlaceholderText(_("Ex. : dossier incomplet, hors délai, hors territoire"))
        self.reason.setMinimumHeight(int(self.reason.fontMetrics().height() * 2.1))
        self.reason.setTextMargins(4, 0, 4, 0)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        note = QLabel(_("Un dossier non recevable n'est pas proposé à la notation des jurés."))
        note.setProperty("muted", True)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.admissible.toggled.connect(self._update)
        self.reason.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        admissible = self.admissible.isChecked()
        self.reason.setEnabled(not admissible)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(admissible or bool(self.reason.text().strip()))

    def values(self) -> tuple[bool, str]:
        admissible = self.admissible.isChecked()
        return admissible, "" if admissible else self.reason.text().strip()
