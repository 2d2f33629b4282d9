"""A dossier's content as the applicant wrote it: its free fields read in full (typed:
numbers, dates, yes/no), its repeated blocks as tables, the instruction notes (« avis »)
and the annotations of the instruction — the private ones only for the secretariat.

One read-only, focusable text (a screen reader reads it as a document; the arrows move
through it; Tab leaves it), as tall as its content so that the page around it scrolls.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from juryapp.core.details import Annotation, DossierDetail
from juryapp.core.fields import FieldType, format_free
from juryapp.core.model import Dossier
from juryapp.i18n import _

__all__ = ["DossierContent", "content_html", "has_content"]


def has_content(dossier: Dossier, detail: DossierDetail | None, *, private: bool) -> bool:
    if dossier.fields:
        return True
    if detail is None:
        return False
    shown = detail.annotations if private else detail.for_jurors().annotations
    return bool(detail.blocks or detail.notes or shown)


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>")


def _rows(pairs: list[tuple[str, str]]) -> str:
    return "".join(
        f"<tr><td class='label'>{escape(label)}</td><td>{_text(value)}</td></tr>"
        for label, value in pairs
        if value
    )


def _annotations(title: str, annotations: tuple[Annotation, ...], lang: str) -> str:
    if not annotations:
        return ""
    pairs = [(a.label, format_free(a.kind, a.value, lang)) for a in annotations]
    return f"<h3>{escape(title)}</h3><table class='fields'>{_rows(pairs)}</table>"


def content_html(
    dossier: Dossier, detail: DossierDetail | None, lang: str, *, private: bool
) -> str:
    """The dossier's content as HTML: free fields, blocks, notes, annotations (private ones
    only when ``private``: the secretariat's view)."""
    parts: list[str] = []
    if detail is not None and detail.external_id:
        parts.append(
            "<p class='muted'>"
            + escape(
                _("Dossier Démarches Simplifiées n° {id} · état : {state}").format(
                    id=detail.external_id, state=detail.state
                )
            )
            + "</p>"
        )
    fields = [
        (
            label,
            format_free(detail.kind_of(label), value, lang) if detail is not None else value,
        )
        for label, value in dossier.fields
    ]
    if fields:
        parts.append(f"<table class='fields'>{_rows(fields)}</table>")
    if detail is not None:
        for block in detail.blocks:
            header = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
            body = "".join(
                "<tr>"
                + "".join(
                    f"<td{' align=right' if kind is FieldType.NUMBER else ''}>"
                    f"{_text(format_free(kind, value, lang))}</td>"
                    for kind, value in zip(block.kinds, row, strict=False)
                )
                + "</tr>"
                for row in block.rows
            )
            parts.append(
                f"<h3>{escape(block.title)}</h3>"
                f"<table class='block' border='1' cellspacing='0' cellpadding='4'>"
                f"<tr>{header}</tr>{body}</table>"
            )
        if detail.notes:
            title = _("Avis d’instruction")
            parts.append(f"<h3>{escape(title)}</h3>")
            for note in detail.notes:
                parts.append(f"<table class='fields note'>{_rows(list(note.items))}</table>")
        shared = tuple(a for a in detail.annotations if a.shared)
        private_ones = tuple(a for a in detail.annotations if not a.shared)
        parts.append(_annotations(_("Annotations de l’instruction"), shared, lang))
        if private:
            parts.append(
                _annotations(_("Annotations privées (secrétariat seulement)"), private_ones, lang)
            )
    style = (
        "<style>h3 { margin-top: 10px; margin-bottom: 4px; font-size: 11pt; }"
        " td.label { color: #555; padding-right: 14px; white-space: nowrap; }"
        " table.fields td { padding-bottom: 3px; vertical-align: top; }"
        " table.block th { background: #eef1f5; text-align: left; }"
        " table.note { margin-bottom: 8px; }"
        " p.muted { color: #666; }</style>"
    )
    return style + "".join(parts)


class DossierContent(QTextBrowser):
    """The dossier's content, read-only, as tall as its text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierContent")
        self.setAccessibleName(_("Contenu du dossier"))
        self.setAccessibleDescription(
            _("Champs du dossier, tableaux et avis, en lecture seule ; Tab pour en sortir.")
        )
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())

    def show_dossier(
        self, dossier: Dossier, detail: DossierDetail | None, lang: str, *, private: bool
    ) -> None:
        self.setHtml(content_html(dossier, detail, lang, private=private))
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 4
        if height != self.height():
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())
