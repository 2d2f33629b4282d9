"""« Préparer les fichiers des jurés » : one campaign copy per voting juror, in a folder.

Choose the folder (or ``set_folder``), *Préparer les fichiers* writes the copies
with ``operations.copies.make_juror_copies`` in the background while a bar shows the
progress (« Annuler » stops it and removes the copies written), then lists the files
written: the secretariat hands each juror their own file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _
from juryapp.merge.copies import juror_copy_name
from juryapp.operations import copies
from juryapp.ui.dialogs.task_dialog import TaskDialog
from juryapp.ui.dialogs.who import role_label
from juryapp.ui.session import Session
from juryapp.ui.settings import settings

__all__ = ["JurorCopiesDialog"]

_FOLDER_KEY = "copies/dossier"


class JurorCopiesDialog(TaskDialog):
    """Write every voting juror's copy of the session's campaign into a folder."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("copy", parent)
        self.session = session
        self.campaign_file = campaign_file = session.file
        self.paths: list[Path] = []
        self.setObjectName("jurorCopiesDialog")
        self.setWindowTitle(_("Préparer les fichiers des jurés"))
        self.setMinimumSize(620, 520)
        campaign = session.campaign
        self.jurors = [j for j in campaign.jurors if j.votes]
        without_vote = [j for j in campaign.jurors if not j.votes]

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        heading = QLabel(_("Préparer les fichiers des jurés"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        heading.setProperty("heading", True)
        layout.addWidget(heading)
        explanation = QLabel(
            _(
                "Chaque juré ayant voix délibérative reçoit sa copie de la campagne : l'appel, "
                "la grille, les dossiers, et seulement ses propres notes et déports. Il note "
                "sur son ordinateur, sans réseau, puis vous renvoie son fichier pour la fusion "
                "(« Fusionner des notes… »)."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)

        jurors_label = QLabel(_("{count} copie(s) à préparer :").format(count=len(self.jurors)))
        layout.addWidget(jurors_label)
        self.juror_list = QListWidget()
        self.juror_list.setObjectName("copyJurors")
        self.juror_list.setAccessibleName(_("Jurés qui recevront une copie"))
        for juror in self.jurors:
            name = juror_copy_name(campaign_file.name, juror.code)
            self.juror_list.addItem(
                f"{juror.code} — {juror.name} ({role_label(juror.role)}) → {name}"
            )
        self.juror_list.setMaximumHeight(150)
        layout.addWidget(self.juror_list)
        if without_vote:
            names = ", ".join(f"{j.name} ({role_label(j.role)})" for j in without_vote)
            note = QLabel(_("Sans voix délibérative, pas de copie : {names}.").format(names=names))
            note.setWordWrap(True)
            layout.addWidget(note)

        folder_label = QLabel(_("&Dossier où écrire les copies :"))
        layout.addWidget(folder_label)
        row = QHBoxLayout()
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("copyFolder")
        self.folder_edit.setAccessibleName(_("Dossier où écrire les copies"))
        default = campaign_file.path.parent / "copies-jures"
        self.folder_edit.setText(str(settings().value(_FOLDER_KEY, str(default))))
        folder_label.setBuddy(self.folder_edit)
        row.addWidget(self.folder_edit, 1)
        self.choose_button = QPushButton(_("&Choisir…"))
        self.choose_button.setObjectName("copyChoose")
        self.choose_button.clicked.connect(self.choose_folder)
        row.addWidget(self.choose_button)
        layout.addLayout(row)

        self.add_task_status(layout)
        self.file_list = QListWidget()
        self.file_list.setObjectName("copyFiles")
        self.file_list.setAccessibleName(_("Fichiers écrits"))
        layout.addWidget(self.file_list, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.make_button = QPushButton(_("&Préparer les fichiers"))
        self.make_button.setObjectName("makeCopies")
        self.make_button.setDefault(True)
        self.make_button.setEnabled(bool(self.jurors))
        self.make_button.clicked.connect(self.make_copies)
        self.cancel_button = QPushButton(_("Annu&ler"))
        self.cancel_button.setObjectName("copyCancel")
        self.cancel_button.setToolTip(_("Arrêter : les copies déjà écrites sont retirées"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.close_button = QPushButton(_("Fermer"))
        self.close_button.setObjectName("copyClose")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def folder(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text) if text else None

    def set_folder(self, folder: Path | str) -> None:
        self.folder_edit.setText(str(folder))

    def choose_folder(self) -> None:
        start = str(self.folder() or self.campaign_file.path.parent)
        chosen = QFileDialog.getExistingDirectory(self, _("Dossier des copies des jurés"), start)
        if chosen:
            self.set_folder(chosen)

    def busy_changed(self) -> None:
        busy = self.busy
        for button in (self.make_button, self.choose_button, self.close_button):
            button.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)

    def make_copies(self) -> list[Path]:
        """Write the copies in the background; shows the files written. The paths at once in
        synchronous mode (empty when refused), else [] (see ``paths``)."""
        folder = self.folder()
        if self.busy:
            return []
        if folder is None:
            self.set_error(_("Indiquez le dossier où écrire les copies."))
            return []
        file, author = self.campaign_file, self.session.author
        written: list[Path] = []

        def done(paths: list[Path]) -> None:
            written.extend(paths)
            settings().setValue(_FOLDER_KEY, str(folder))
            self.paths = paths
            self.file_list.clear()
            for path in paths:
                self.file_list.addItem(str(path))
            self.status.setText(
                _("{count} copie(s) écrite(s) dans « {folder} ».").format(
                    count=len(paths), folder=folder
                )
            )

        def refused(error: BaseException) -> None:
            self.set_error(str(error))
            self.status.setText(_("Aucune copie n'a été écrite."))

        def cancelled() -> None:
            self.status.setText(_("Annulé : aucune copie n'a été gardée."))

        self.run_in_background(
            _("Préparation des copies…"),
            lambda report: copies.make_juror_copies(file, folder, author, progress=report),
            done,
            refused,
            cancelled,
        )
        return written
