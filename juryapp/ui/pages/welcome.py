"""The start page: open a campaign, create one from a workbook, reopen a recent one;
on a first run, try the demo call, start a new call from the blank workbook, read the guide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
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
from juryapp.ui.style import MUTED_ON_SELECTION

__all__ = ["WelcomePage"]


class WelcomePage(QWidget):
    open_requested = Signal()
    create_requested = Signal()
    demo_requested = Signal()
    template_requested = Signal()
    guide_requested = Signal()
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

        column.addWidget(self._separator())
        start_label = QLabel(_("Premiers pas"))
        start_label.setProperty("heading", True)
        column.addWidget(start_label)
        start = QGridLayout()
        start.setHorizontalSpacing(14)
        start.setColumnStretch(1, 1)
        self.demo_button = QPushButton(_("Essayer la &démonstration"))
        self.demo_button.setAccessibleName(_("Ouvrir la campagne de démonstration"))
        self.template_button = QPushButton(_("Nouvel appel à partir du &modèle…"))
        self.template_button.setAccessibleName(_("Nouvel appel à partir du modèle"))
        self.guide_button = QPushButton(_("&Guide de l'utilisateur"))
        self.guide_button.setAccessibleName(_("Guide de l'utilisateur"))
        rows = (
            (
                self.demo_button,
                self.demo_requested,
                _(
                    "Un vrai appel, l'AMI « Innovation sociale » de la Région "
                    "Nouvelle-Aquitaine (2016) : ses projets, son jury et leurs notes, "
                    "prêt à délibérer. Essayez tout sans risque."
                ),
            ),
            (
                self.template_button,
                self.template_requested,
                _(
                    "Enregistre le classeur de campagne vierge, à remplir dans votre tableur "
                    "(une aide sur chaque colonne), puis « Créer depuis un classeur… »."
                ),
            ),
            (
                self.guide_button,
                self.guide_requested,
                _(
                    "Préparer l'appel, noter, fusionner les notes, délibérer, éditer les "
                    "documents, et les règles appliquées."
                ),
            ),
        )
        for row, (button, signal, text) in enumerate(rows):
            button.clicked.connect(signal)
            note = QLabel(text)
            note.setWordWrap(True)
            note.setProperty("muted", True)
            button.setToolTip(text)
            start.addWidget(button, row, 0)
            start.addWidget(note, row, 1)
        column.addLayout(start)

        column.addWidget(self._separator())
        recent_label = QLabel(_("Campagnes &récentes"))
        recent_label.setProperty("heading", True)
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.setAccessibleName(_("Campagnes récentes"))
        self.recent.setMinimumHeight(96)
        recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._activated)
        column.addWidget(recent_label)
        column.addWidget(self.recent)
        self.empty_label = QLabel(_("Aucune campagne ouverte récemment."))
        self.empty_label.setProperty("muted", True)
        column.addWidget(self.empty_label)
        column.addStretch(2)
        self.refresh()

    @staticmethod
    def _separator() -> QFrame:
        line = QFrame()
        line.setObjectName("separator")
        line.setFixedHeight(1)
        return line

    def refresh(self) -> None:
        self.recent.clear()
        for path in recent_campaigns():
            item = QListWidgetItem(f"{path.name}\n{path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            if not path.exists():
                item.setText(f"{path.name} — " + _("introuvable") + f"\n{path.parent}")
                item.setForeground(QColor(MUTED_ON_SELECTION))
            self.recent.addItem(item)
        empty = self.recent.count() == 0
        self.recent.setVisible(not empty)
        self.empty_label.setVisible(empty)
        if not empty:
            self.recent.setCurrentRow(0)

    def _activated(self, item: QListWidgetItem) -> None:
        self.recent_chosen.emit(Path(str(item.data(Qt.ItemDataRole.UserRole))))
