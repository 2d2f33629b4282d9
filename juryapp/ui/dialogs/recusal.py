"""« Je me déporte » : a juror declares a conflict of interest on a dossier, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.model import Dossier
from juryapp.i18n import _

__all__ = ["RecusalDialog"]


class RecusalDialog(QDialog):
    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recusalDialog")
        self.setWindowTitle(_("Je me déporte"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(
            _("Déport sur « {title} » ({ref})").format(title=dossier.title, ref=dossier.ref)
        )
        heading.setProperty("heading", True)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        explanation = QLabel(
            _(
                "Vous déclarez un conflit d'intérêts : vous ne noterez pas ce dossier et ne "
                "prendrez part ni aux débats ni au vote le concernant. Vos éventuelles notes "
                "et votre commentaire sur ce dossier seront retirés (ils restent au journal)."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        label = QLabel(_("&Motif du déport (obligatoire) :"))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("recusalReason")
        self.reason.setAccessibleName(_("Motif du déport"))
        self.reason.setPlaceholderText(_("Ex. : membre du conseil d'administration du porteur"))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        label.setBuddy(self.reason)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Je me déporte"))
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip()))
        )
        layout.addWidget(self.buttons)

    def reason_text(self) -> str:
        return self.reason.toPlainText().strip()

    @staticmethod
    def ask(parent: QWidget, dossier: Dossier) -> str | None:
        dialog = RecusalDialog(dossier, parent=parent)
        dialog.reason.setFocus()
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.reason_text():
                return None
            return dialog.reason_text()
        finally:
            dialog.deleteLater()
