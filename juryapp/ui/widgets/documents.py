"""A dossier's attached documents: a list read with the keyboard (Enter opens the chosen one
in the system's viewer, from a private temporary copy: the campaign file stays closed to
other programs)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QStringListModel, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from juryapp.i18n import _

__all__ = ["DocumentList", "private_copy"]

_folder: list[Path] = []


def private_copy(name: str, data: bytes) -> Path:
    """``data`` written under ``name`` in a folder only this user can read (made once per
    session, removed by the system's temporary cleaning)."""
    if not _folder or not _folder[0].is_dir():
        _folder[:] = [Path(tempfile.mkdtemp(prefix="juryapp-documents-"))]
    safe = Path(name).name or "document"
    target = _folder[0] / safe
    counter = 1
    while target.exists():
        target = _folder[0] / f"{Path(safe).stem}-{counter}{Path(safe).suffix}"
        counter += 1
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return target


def _open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class DocumentList(QListView):
    """The documents of one dossier, by name and size; Enter or a double click opens one."""

    #: Opens a file in the system's viewer (tests replace it).
    opener: Callable[[Path], bool] = staticmethod(_open_in_viewer)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentList")
        self.setAccessibleName(_("Pièces jointes du dossier"))
        self.setAccessibleDescription(_("Entrée : ouvrir le document choisi"))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self._names: list[str] = []
        self._read: Callable[[str], bytes] | None = None
        self.activated.connect(self._open)
        self.opened: list[Path] = []

    def set_documents(
        self, documents: Sequence[tuple[str, int]], read: Callable[[str], bytes]
    ) -> None:
        self._names = [name for name, _size in documents]
        self._read = read
        self._model.setStringList(
            [f"{name}  ({max(size // 1024, 1)} Ko)" for name, size in documents]
        )
        rows = max(len(documents), 1)
        self.setFixedHeight(min(rows, 6) * (self.fontMetrics().height() + 8) + 6)
        if documents:
            self.setCurrentIndex(self._model.index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _open(self, index: QModelIndex) -> None:
        if self._read is None or not index.isValid():
            return
        name = self._names[index.row()]
        path = private_copy(name, self._read(name))
        self.opened.append(path)
        type(self).opener(path)
