"""« Qui note ? » : in a full campaign, the user says which juror they are, or the secretariat."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.model import Campaign, Role
from juryapp.i18n import _

__all__ = ["SECRETARIAT", "WhoDialog", "role_label"]

SECRETARIAT = ""  # the value chosen for « Secrétariat »


def role_label(role: Role) -> str:
    return {
        Role.PRESIDENT: _("président(e)"),
        Role.VICE_PRESIDENT: _("vice-président(e)"),
        Role.MEMBER: _("membre"),
        Role.RAPPORTEUR: _("rapporteur(e)"),
        Role.SECRETARY: _("secrétaire"),
    }[role]


class WhoDialog(QDialog):
    """Lists the jurors, then « Secrétariat »; Enter or double-click chooses."""

    def __init__(self, campaign: Campaign, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoDialog")
        self.setWindowTitle(_("Qui utilise juryapp ?"))
        self.setMinimumSize(460, 380)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(_("Qui utilise cette campagne ?"))
        heading.setProperty("heading", True)
        layout.addWidget(heading)
        intro = QLabel(
            _(
                "« {name} » est la campagne complète. Un juré ne voit et ne modifie que ses "
                "propres notes ; le secrétariat gère les dossiers et les règles, sans voir les "
                "notes."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(_("&Je suis :"))
        self.list = QListWidget()
        self.list.setObjectName("whoList")
        self.list.setAccessibleName(_("Utilisateur"))
        label.setBuddy(self.list)
        for juror in campaign.jurors:
            detail = ", ".join(p for p in (role_label(juror.role), juror.organisation) if p)
            item = QListWidgetItem(f"{juror.name}  ({juror.code}) — {detail}")
            item.setData(Qt.ItemDataRole.UserRole, juror.code)
            self.list.addItem(item)
        secretariat = QListWidgetItem(_("Secrétariat (dossiers, règles, jury)"))
        secretariat.setData(Qt.ItemDataRole.UserRole, SECRETARIAT)
        font = secretariat.font()
        font.setBold(True)
        secretariat.setFont(font)
        self.list.addItem(secretariat)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Continuer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choice(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @staticmethod
    def ask(parent: QWidget | None, campaign: Campaign, name: str) -> str | None:
        """A juror's code, ``SECRETARIAT`` (""), or None when cancelled."""
        dialog = WhoDialog(campaign, name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
