"""The start page: open a campaign, create one from a workbook, or reopen a recent one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _
from juryapp.ui.settings import recent_campaigns

__all__ = ["WelcomePage"]


class WelcomePage(QWidget):
    open_requested = Signal()
    create_requested = Signal()
    recent_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        outer.addLayout(column, 3)
        outer.addStretch(1)
        column.addStretch(1)
        title = QLabel("juryapp")
        title.setObjectName("welcomeTitle")
        subtitle = QLabel(
            _(
                "Notation et délibération des jurys d'appels à projets, AMI et prix — "
                "hors ligne, sur votre ordinateur."
            )
        )
        subtitle.setWordWrap(True)
        subtitle.setProperty("muted", True)
        column.addWidget(title)
        column.addWidget(subtitle)

        buttons = QHBoxLayout()
        self.open_button = QPushButton(_("&Ouvrir une campagne…"))
        self.open_button.setObjectName("primary")
        self.open_button.setAccessibleName(_("Ouvrir une campagne"))
        self.open_button.setToolTip("Ctrl+O")
        self.create_button = QPushButton(_("&Créer depuis un classeur…"))
        self.create_button.setAccessibleName(_("Créer une campagne depuis un classeur"))
        self.create_button.setToolTip("Ctrl+N")
        self.open_button.clicked.connect(self.open_requested)
        self.create_button.clicked.connect(self.create_requested)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        line = QFrame()
        line.setObjectName("separator")
        line.setFixedHeight(1)
        column.addWidget(line)
        recent_label = QLabel(_("Campagnes &récentes"))
        recent_label.setProperty("heading", True)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName(_("Campagnes récentes"))
        self.recent.setMinimumHeight(220)
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(recent_label)
        column.addWidget(self.recent)
        self.empty_label = QLabel(_("Aucune campagne ouverte récemment."))
        self.empty_label.setProperty("muted", True)
        column.addWidget(self.empty_label)
        column.addStretch(2)
        self.refresh()

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_campaigns():
            item = QListWidgetItem(f"{path.name}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setText(f"{path.name} — " + _("introuvable") + f"\n{path.parent}")
                item.setForeground(Qt.GlobalColor.gray)
            self.recent.addItem(item)
        empty = self.recent.count() == 0
        self.recent.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            self.recent.setCurrentRow(0)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(str(item.data(Qt.ItemDataRole.UserRole))))
