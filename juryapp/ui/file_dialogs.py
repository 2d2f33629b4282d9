"""File dialogs in the user's language.

The platform's own dialog is used where it has one (Windows, macOS, a desktop
portal): it speaks the system's language. Elsewhere Qt draws its own dialog,
translated by ``qtbase_fr.qm`` (installed by ``juryapp.ui.app``), which leaves
a few labels in English: they are set here, and ``FallbackTranslator`` gives
French to the file types Qt's catalogue lacks (« Dossier », « Fichier »).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QFileDialog, QWidget

from juryapp.i18n import _, current_language

__all__ = ["FallbackTranslator", "open_file", "save_file"]

# Qt strings missing from qtbase_fr.qm (context, source) -> French.
_MISSING_FR = {
    ("QFileDialog", "&Look in:"): "&Regarder dans :",
    ("QFileDialog", "Files of &type:"): "&Type de fichier :",
    ("QAbstractFileIconProvider", "Folder"): "Dossier",
    ("QAbstractFileIconProvider", "File"): "Fichier",
    ("QAbstractFileIconProvider", "Drive"): "Lecteur",
    ("QAbstractFileIconProvider", "%1 File"): "Fichier %1",
    ("QAbstractFileIconProvider", "Alias"): "Alias",
    ("QAbstractFileIconProvider", "Shortcut"): "Raccourci",
}


class FallbackTranslator(QTranslator):
    """French for the few Qt strings ``qtbase_fr.qm`` does not translate."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null QString) lets Qt ask the next translator.
        return _MISSING_FR.get((context, source))

    def isEmpty(self) -> bool:
        return False


def _dialog(
    parent: QWidget | None, title: str, start: Path, filter_: str, save: bool
) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(start), filter_)
    dialog.setAcceptMode(
        QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen
    )
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if current_language() == "fr":
        # Only Qt's own dialog reads these (a native dialog speaks the system's language).
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, _("Regarder dans :"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileName, _("&Nom du fichier :"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, _("&Type de fichier :"))
        dialog.setLabelText(
            QFileDialog.DialogLabel.Accept, _("&Enregistrer") if save else _("&Ouvrir")
        )
        dialog.setLabelText(QFileDialog.DialogLabel.Reject, _("Annuler"))
    return dialog


def save_file(parent: QWidget | None, title: str, suggested: Path, filter_: str) -> Path | None:
    """Where to write; ``suggested`` gives the folder and the name. None when cancelled."""
    dialog = _dialog(parent, title, suggested, filter_, save=True)
    dialog.selectFile(suggested.name)
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen and chosen[0] else None


def open_file(parent: QWidget | None, title: str, folder: Path | str, filter_: str) -> Path | None:
    """A file to read; None when cancelled."""
    dialog = _dialog(parent, title, Path(folder or "."), filter_, save=False)
    if not dialog.exec():
        return None
    chosen = dialog.selectedFiles()
    return Path(chosen[0]) if chosen and chosen[0] else None
