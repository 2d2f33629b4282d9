"""Editing the grid (labels, weights, scales, steps, thresholds, descriptions).

The campaign file refuses a new grid once any score exists: the refusal
(``replace_grid``'s StoreError) is shown and the dialog stays open.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _
from juryapp.operations import secretariat
from juryapp.ui.access import leave_with_tab
from juryapp.ui.messages import KNOWN_ERRORS, show_known_error
from juryapp.ui.models.secretariat import CriteriaModel
from juryapp.ui.session import Session

__all__ = ["GridEditorDialog"]


class GridEditorDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gridEditor")
        self.setWindowTitle(_("Modifier la grille"))
        self.resize(980, 420)
        self.session = session
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Double-cliquez une cellule (ou F2) pour la modifier. La grille ne peut plus "
                "changer dès qu'une note a été enregistrée : les notes déjà données ne "
                "seraient plus comparables."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = CriteriaModel(session.campaign.criteria, editable=True, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Critères de la grille"))
        leave_with_tab(
            self.table,
            _(
                "Flèches : choisir une cellule ; F2 ou une touche : la modifier ; "
                "Entrée : valider ; Tab : quitter le tableau"
            ),
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CriteriaModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        session = self.session
        criteria = list(self.model.criteria)
        try:
            session.run(lambda: secretariat.replace_grid(session.file, criteria, session.author))
        except KNOWN_ERRORS as error:
            show_known_error(self, error, _("Grille non modifiée"))
            return
        self.accept()
