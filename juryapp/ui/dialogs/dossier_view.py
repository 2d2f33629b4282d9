"""The secretariat reads a dossier whole: its fields, its tables, the instruction notes and
every annotation of the instruction, the private ones included (jurors see only the
ones the secretariat chose to share)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.details import DossierDetail
from juryapp.core.model import Dossier
from juryapp.i18n import _, current_language
from juryapp.ui.widgets.dossier_content import DossierContent

__all__ = ["DossierViewDialog"]


class DossierViewDialog(QDialog):
    def __init__(
        self, dossier: Dossier, detail: DossierDetail | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dossierViewDialog")
        self.setWindowTitle(_("Dossier {ref}").format(ref=dossier.ref))
        self.resize(820, 700)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        heading = QLabel(f"{dossier.ref} — {dossier.title}")
        heading.setProperty("heading", True)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        subtitle = QLabel(" · ".join(p for p in (dossier.applicant, dossier.town) if p))
        subtitle.setProperty("muted", True)
        layout.addWidget(subtitle)
        self.content = DossierContent()
        self.content.show_dossier(dossier, detail, current_language(), private=True)
        layout.addWidget(self.content, 1)  # a text browser: it scrolls itself
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.content.setFocus()
