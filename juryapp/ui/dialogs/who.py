"""« Qui utilise cette campagne ? » : in a full campaign, the user says who they are.

Voting members score (only they do). Members without a vote (a secretary, an observer)
are offered only as the secretariat, acting in their own name; the president may also
preside the deliberation (the secretariat's screens and the desk) in their own name.
The name chosen is the one the journal and the PV give as the author of decisions,
of the seal and of a reopening. Nobody is preselected: Enter opens nothing until a
choice is made.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from juryapp.core.model import Campaign, Juror, Role
from juryapp.i18n import _

__all__ = [
    "SECRETARIAT",
    "WhoDialog",
    "acting_member",
    "role_label",
    "secretariat_for",
    "secretariat_member",
]

SECRETARIAT = ""  # the value chosen for « Secrétariat », in nobody's name in particular
_AS = "secrétariat:"  # prefix of the value for the secretariat in a member's name


def secretariat_for(code: str) -> str:
    """The choice « the secretariat, acting as member ``code`` »."""
    return f"{_AS}{code}"


def secretariat_member(user: str) -> str | None:
    """The member's code of a ``secretariat_for`` choice, else None."""
    return user[len(_AS) :] if user.startswith(_AS) else None


def acting_member(campaign: Campaign, user: str) -> Juror | None:
    """The member in whose name a secretariat choice acts (None: the generic secretariat)."""
    code = secretariat_member(user)
    return next((j for j in campaign.jurors if j.code == code), None) if code else None


def role_label(role: Role) -> str:
    return {
        Role.PRESIDENT: _("président(e)"),
        Role.VICE_PRESIDENT: _("vice-président(e)"),
        Role.MEMBER: _("membre"),
        Role.RAPPORTEUR: _("rapporteur(e)"),
        Role.SECRETARY: _("secrétaire"),
    }[role]


def _choices(campaign: Campaign) -> list[tuple[str, str, bool]]:
    """(label, value, secretariat-type) for each entry, scoring members first."""
    entries: list[tuple[str, str, bool]] = []
    for juror in campaign.jurors:
        if juror.votes:
            detail = ", ".join(p for p in (role_label(juror.role), juror.organisation) if p)
            entries.append(
                (
                    _("{name}  ({code}) — {detail} · noter les dossiers").format(
                        name=juror.name, code=juror.code, detail=detail
                    ),
                    juror.code,
                    False,
                )
            )
    for juror in campaign.jurors:
        if juror.role is Role.PRESIDENT:
            entries.append(
                (
                    _("{name}  ({code}) — présider la séance (secrétariat, délibération)").format(
                        name=juror.name, code=juror.code
                    ),
                    secretariat_for(juror.code),
                    True,
                )
            )
    for juror in campaign.jurors:
        if not juror.votes and juror.role is not Role.PRESIDENT:
            entries.append(
                (
                    _("{name}  ({code}) — {role}, sans voix · secrétariat et séance").format(
                        name=juror.name, code=juror.code, role=role_label(juror.role)
                    ),
                    secretariat_for(juror.code),
                    True,
                )
            )
    if not any(j.role is Role.SECRETARY for j in campaign.jurors):
        entries.append((_("Secrétariat (dossiers, règles, jury)"), SECRETARIAT, True))
    return entries


class _WhoList(QListWidget):
    """With nothing chosen yet, ↓ chooses the first entry and ↑ the last (Qt would move
    from the row that merely has the focus frame)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_Down: 0, Qt.Key.Key_Up: self.count() - 1}
        if not self.selectedItems() and event.key() in keys and self.count():
            self.setCurrentRow(keys[Qt.Key(event.key())])
            event.accept()
            return
        super().keyPressEvent(event)


class WhoDialog(QDialog):
    """Lists who may use the campaign; a click or the arrows choose, then Enter continues."""

    def __init__(self, campaign: Campaign, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whoDialog")
        self.setWindowTitle(_("Qui utilise juryapp ?"))
        self.setMinimumSize(620, 400)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel(_("Qui utilise cette campagne ?"))
        heading.setProperty("heading", True)
        layout.addWidget(heading)
        intro = QLabel(
            _(
                "« {name} » est la campagne complète. Seuls les membres votants notent : un "
                "juré ne voit et ne modifie que ses propres notes. Le secrétariat et la "
                "présidence gèrent les dossiers, les règles et la séance, sans voir les notes ; "
                "leurs décisions sont inscrites au procès-verbal sous le nom choisi ici."
            ).format(name=name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(_("&Je suis :"))
        self.list = _WhoList()
        self.list.setObjectName("whoList")
        self.list.setAccessibleName(_("Utilisateur"))
        label.setBuddy(self.list)
        for text, value, secretariat in _choices(campaign):
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, value)
            font = self.list.font()
            font.setBold(secretariat)
            item.setFont(font)
            # the style's item padding (6 px above and below) in every row's height
            item.setSizeHint(QSize(0, QFontMetrics(font).height() + 14))
            self.list.addItem(item)
        # every line whole: the list is as wide as its longest entry (a screen's width at most)
        widest = max(
            (
                QFontMetrics(self.list.item(row).font()).horizontalAdvance(
                    self.list.item(row).text()
                )
                for row in range(self.list.count())
            ),
            default=0,
        )
        self.list.setMinimumWidth(min(widest + 48, 1180))
        margins = layout.contentsMargins()
        self.setMinimumWidth(max(620, self.list.minimumWidth() + margins.left() + margins.right()))
        # nobody preselected (and no current row, so that ↓ goes to the first entry)
        self.list.setCurrentRow(-1)
        self.list.clearSelection()
        self.list.itemSelectionChanged.connect(self._update_button)
        self.list.itemActivated.connect(self._activated)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(_("Choisissez une ligne (flèches ↑ ↓ ou clic), puis Entrée."))
        self.hint.setObjectName("whoHint")
        layout.addWidget(self.hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button: QPushButton = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Continuer"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_button()
        self.list.setFocus()

    def _update_button(self) -> None:
        self.ok_button.setEnabled(self.choice() is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        if item.isSelected():
            self.accept()

    def accept(self) -> None:
        if self.choice() is None:  # Enter before any choice: nothing opens
            return
        super().accept()

    def choice(self) -> str | None:
        items = self.list.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    @staticmethod
    def ask(parent: QWidget | None, campaign: Campaign, name: str) -> str | None:
        """A voting juror's code, ``secretariat_for(code)``, ``SECRETARIAT`` (""), or None
        when cancelled."""
        dialog = WhoDialog(campaign, name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice()
