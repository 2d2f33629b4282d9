"""The user guide (``resources/doc/guide-LANG.md``) shown in the app, with a search field.

Esc closes; Ctrl+F goes to the search field; Enter finds the next match,
Maj+Entrée the previous one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from juryapp.i18n import _, current_language
from juryapp.paths import guide_path

__all__ = ["GuideDialog"]


class GuideDialog(QDialog):
    """The guide in the current language, rendered from Markdown."""

    def __init__(self, parent: QWidget | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(_("Guide de l'utilisateur"))
        self.path = guide_path(lang or current_language())
        layout = QVBoxLayout(self)

        search_bar = QHBoxLayout()
        label = QLabel(_("&Rechercher :"))
        self.search = QLineEdit()
        self.search.setObjectName("guideSearch")
        self.search.setPlaceholderText(_("mot à chercher, puis Entrée"))
        self.search.setAccessibleName(_("Rechercher dans le guide"))
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.status = QLabel()
        self.status.setProperty("muted", True)
        search_bar.addWidget(label)
        search_bar.addWidget(self.search, 1)
        search_bar.addWidget(self.status)
        layout.addLayout(search_bar)

        self.browser = QTextBrowser()
        self.browser.setObjectName("guideText")
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(_("Guide de l'utilisateur"))
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError:
            text = _("Le guide est introuvable : {path}").format(path=self.path)
        self.browser.document().setMarkdown(text)
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        layout.addWidget(self.browser, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        path_label = QLabel(str(self.path))
        path_label.setProperty("muted", True)
        path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        footer = QHBoxLayout()
        footer.addWidget(path_label, 1)
        footer.addWidget(buttons)
        layout.addLayout(footer)

        self.search.returnPressed.connect(self.find_next)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.search.installEventFilter(self)
        self.resize(900, 720)
        self.browser.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Maj+Entrée in the search field: the previous match."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find_previous()
            return True
        return super().eventFilter(watched, event)

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def find_next(self) -> bool:
        return self._find(QTextDocument.FindFlag(0))

    def find_previous(self) -> bool:
        return self._find(QTextDocument.FindFlag.FindBackward)

    def _find(self, flags: QTextDocument.FindFlag) -> bool:
        """Select the next match of the search text, wrapping around the guide once."""
        text = self.search.text().strip()
        if not text:
            self.status.setText("")
            return False
        found = self.browser.find(text, flags)
        if not found:
            cursor = self.browser.textCursor()
            backward = bool(flags & QTextDocument.FindFlag.FindBackward)
            cursor.movePosition(
                cursor.MoveOperation.End if backward else cursor.MoveOperation.Start
            )
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
        self.status.setText("" if found else _("introuvable"))
        return found
