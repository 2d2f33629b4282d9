"""The layout every PDF of juryapp shares: the embedded fonts, the documents' own
paragraph, the paragraph styles, the table look and the page frame (header,
footer, « page x / y », the draft marking). The words are in :mod:`wording`.

reportlab's built-in Helvetica has neither U+202F (the French thousands
separator) nor a reliable €: the documents embed DejaVu Sans, shipped in
``resources/fonts/`` with its licence. The look is deliberately sober: black
and greys on white, A4, wide margins, like an administrative document.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, TypeAlias

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    LongTable,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph

from juryapp.documents import wording
from juryapp.documents.wording import Tr, markup
from juryapp.paths import resource_path

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = [
    "BODY_FONT",
    "BOLD_FONT",
    "PAGE_SIZE",
    "DocumentFrame",
    "DocumentParagraph",
    "Styles",
    "build_pdf",
    "data_table",
    "document_frame",
    "heading",
    "key_value_table",
    "register_fonts",
    "styles",
]

BODY_FONT = "DejaVuSans"
BOLD_FONT = "DejaVuSans-Bold"
ITALIC_FONT = "DejaVuSans-Oblique"
PAGE_SIZE = A4
LEFT_MARGIN = 2.0 * cm
RIGHT_MARGIN = 2.0 * cm
TOP_MARGIN = 2.3 * cm
BOTTOM_MARGIN = 2.4 * cm
TEXT_WIDTH = PAGE_SIZE[0] - LEFT_MARGIN - RIGHT_MARGIN

INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
LIGHT_GREY = colors.Color(0.88, 0.88, 0.88)
RULE_GREY = colors.Color(0.6, 0.6, 0.6)
ZEBRA = colors.Color(0.965, 0.965, 0.965)
SECTION_GREY = colors.Color(0.92, 0.92, 0.92)


# --- the documents' own paragraph ------------------------------------------------------
#
# Why not reportlab's Paragraph as it is: it breaks lines at U+202F (the narrow no-break
# space of French typography: « 1 691 577,00 € », « ; », « ? ») as at a space, and draws a
# plain space in its place, so an amount could be split across two lines and lose its
# narrow spaces. Its word splitting is a module-level function (``split``) read by its
# text cleaner, by ``_getFragWords`` and by ``Paragraph.breakLines``. Rather than patching
# that module for the whole process, the documents use :class:`DocumentParagraph`, whose
# cleaner and line breaking are the same code run against a private copy of the module's
# names, where ``split`` keeps U+202F and U+00A0 inside words. reportlab's own Paragraph
# is left untouched. Checked by tests/documents/test_pdf.py (narrow spaces kept, reportlab
# unpatched).

_BREAKING_SPACES = "".join(c for c in rl_paragraph._wsc if c not in "\u202f\u00a0")
_split_on_breaking_spaces = re.compile(f"[{re.escape(_BREAKING_SPACES)}]+").split


def _split_words(text: str | bytes, delim: str | bytes | None = None) -> list[str]:
    """reportlab's ``split``, except that U+202F and U+00A0 never separate words."""
    if isinstance(text, bytes):
        text = text.decode("utf8")
    if delim is None:  # like str.split(): no empty words
        return [word for word in _split_on_breaking_spaces(text) if word]
    if isinstance(delim, bytes):
        delim = delim.decode("utf8")
    return text.split(delim)


def _with_split_words(function: Any, names: dict[str, Any]) -> Any:
    """``function``'s code run against ``names`` instead of its module's globals."""
    return types.FunctionType(
        function.__code__,
        names,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )


_names = dict(vars(rl_paragraph), split=_split_words)
_names["_lineClean"] = _with_split_words(rl_paragraph._lineClean, _names)
_names["_getFragWords"] = _with_split_words(rl_paragraph._getFragWords, _names)
clean_text: Callable[[str], str] = _with_split_words(rl_paragraph.cleanBlockQuotedText, _names)


class DocumentParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's Paragraph whose lines never break at a narrow or no-break space."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle,
        bulletText: str | None = None,  # reportlab's name
        frags: list[Any] | None = None,
    ) -> None:
        self.caseSensitive = 1
        self.encoding = "utf8"
        self._setup(
            text, style, bulletText or getattr(style, "bulletText", None), frags, clean_text
        )

    breakLines = _with_split_words(Paragraph.breakLines, _names)
    minWidth = _with_split_words(Paragraph.minWidth, _names)


@cache
def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) once, as one family."""
    from reportlab.lib.fonts import addMapping

    for name, file in (
        (BODY_FONT, "DejaVuSans.ttf"),
        (BOLD_FONT, "DejaVuSans-Bold.ttf"),
        (ITALIC_FONT, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file))))
    addMapping(BODY_FONT, 0, 0, BODY_FONT)
    addMapping(BODY_FONT, 1, 0, BOLD_FONT)
    addMapping(BODY_FONT, 0, 1, ITALIC_FONT)
    addMapping(BODY_FONT, 1, 1, BOLD_FONT)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_right_bold: ParagraphStyle
    cell_center: ParagraphStyle
    header_cell: ParagraphStyle
    header_cell_right: ParagraphStyle
    box: ParagraphStyle
    signature: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=BODY_FONT,
        fontSize=9.5,
        leading=13,
        textColor=INK,
        spaceAfter=4,
        alignment=TA_LEFT,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=8.3, leading=10.4, spaceAfter=0)
    return Styles(
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=16,
            leading=20,
            alignment=TA_CENTER,
            spaceAfter=6,
        ),
        subtitle=ParagraphStyle(
            "subtitle", parent=body, fontSize=12, leading=15, alignment=TA_CENTER, spaceAfter=2
        ),
        h1=ParagraphStyle(
            "h1",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=11.5,
            leading=14,
            spaceBefore=12,
            spaceAfter=5,
        ),
        h2=ParagraphStyle(
            "h2",
            parent=body,
            fontName=BOLD_FONT,
            fontSize=9.8,
            leading=12.5,
            spaceBefore=8,
            spaceAfter=3,
        ),
        body=body,
        small=ParagraphStyle(
            "small", parent=body, fontSize=8, leading=10, textColor=GREY, spaceBefore=3
        ),
        note=ParagraphStyle(
            "note", parent=body, fontSize=7.8, leading=9.8, textColor=GREY, spaceBefore=2
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD_FONT),
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_right_bold=ParagraphStyle(
            "cell_right_bold", parent=cell, alignment=TA_RIGHT, fontName=BOLD_FONT
        ),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=BOLD_FONT),
        header_cell_right=ParagraphStyle(
            "header_cell_right", parent=cell, fontName=BOLD_FONT, alignment=TA_RIGHT
        ),
        box=ParagraphStyle(
            "box",
            parent=body,
            borderColor=RULE_GREY,
            borderWidth=0.6,
            borderPadding=6,
            backColor=ZEBRA,
            spaceBefore=6,
            spaceAfter=10,
        ),
        signature=ParagraphStyle("signature", parent=body, alignment=TA_CENTER, leading=14),
    )


def heading(text: str, style: ParagraphStyle, *, room: float = 4 * cm) -> list[Flowable]:
    """A heading that never ends a page alone: a page break when less than ``room`` is left."""
    return [CondPageBreak(room), DocumentParagraph(markup(text), style)]


Cell: TypeAlias = str | Flowable


# A table cell of plain text (no markup, no entity) skips reportlab's markup parser:
# its fragment is the one the parser makes for any plain text in that style, holding
# the text as the parser would (whitespace folded). The same paragraph, ten times
# faster to build (a PV of 2,000 dossiers has some 26,000 cells).
_plain_fragments: dict[int, tuple[ParagraphStyle, Any]] = {}


def _plain_paragraph(text: str, style: ParagraphStyle) -> Paragraph | None:
    if "<" in text or "&" in text:
        return None
    cleaned = clean_text(text)
    if not cleaned.strip():
        return None
    known = _plain_fragments.get(id(style))
    if known is None or known[0] is not style:
        known = _plain_fragments[id(style)] = (style, DocumentParagraph("x", style).frags[0])
    fragment = known[1].clone(text=cleaned, link=[], us_lines=[])
    return DocumentParagraph(cleaned, style, frags=[fragment])


def _cell(value: Cell, style: ParagraphStyle) -> Flowable:
    if isinstance(value, Flowable):
        return value
    return _plain_paragraph(value, style) or DocumentParagraph(value, style)


_CELL_PADDING = 3.5


def _table_cell(value: Cell, style: ParagraphStyle, room: float) -> Flowable | str:
    """A table cell: plain text that fits on one line is drawn as a string (in the same
    font, size, leading, colour and alignment as its paragraph would be: the table's
    commands set them), which lays out a long table several times faster."""
    if isinstance(value, str) and "<" not in value and "&" not in value:
        text = clean_text(value).strip()
        if text and pdfmetrics.stringWidth(text, style.fontName, style.fontSize) < room:
            return text
    return _cell(value, style)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    bold_rows: Sequence[int] = (),
    total_rows: Sequence[int] = (),
    section_rows: Sequence[int] = (),
) -> LongTable:
    """A table that breaks across pages with its header repeated.

    Header and cells are paragraph markup (escape user text with :func:`markup`);
    columns in ``right`` are right-aligned (amounts, notes, counts); ``bold_rows``
    and ``total_rows`` index ``rows`` (total rows get a rule above them);
    ``section_rows`` hold one title spanning the whole width (a category, say).
    """
    s = styles()
    right_set = set(right)
    scale = TEXT_WIDTH / sum(widths) if sum(widths) > TEXT_WIDTH else 1.0
    room = [width * scale - 2 * _CELL_PADDING for width in widths]
    head = [
        _table_cell(text, s.header_cell_right if i in right_set else s.header_cell, room[i])
        for i, text in enumerate(header)
    ]
    body: list[list[Flowable | str]] = []
    bold = set(bold_rows) | set(total_rows) | set(section_rows)
    sections = set(section_rows)
    for index, row in enumerate(rows):
        cells: list[Flowable | str] = []
        for column, value in enumerate(row):
            if column in right_set:
                style = s.cell_right_bold if index in bold else s.cell_right
            else:
                style = s.cell_bold if index in bold else s.cell
            fits = room[column] if index not in sections else 0.0
            cells.append(_table_cell(value, style, fits))
        body.append(cells)
    commands: list[tuple[Any, ...]] = [
        # For the cells drawn as plain strings (see _table_cell): the cell styles' font.
        ("FONTNAME", (0, 0), (-1, -1), s.cell.fontName),
        ("FONTNAME", (0, 0), (-1, 0), s.header_cell.fontName),
        *(("FONTNAME", (0, i + 1), (-1, i + 1), s.cell_bold.fontName) for i in sorted(bold)),
        ("FONTSIZE", (0, 0), (-1, -1), s.cell.fontSize),
        ("LEADING", (0, 0), (-1, -1), s.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), s.cell.textColor),
        *(("ALIGN", (c, 0), (c, -1), "RIGHT") for c in sorted(right_set)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT_GREY),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2.4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PADDING),
    ]
    for index in range(len(body)):
        if index % 2 == 1:
            commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), ZEBRA))
        if index > 0:
            commands.append(("LINEABOVE", (0, index + 1), (-1, index + 1), 0.25, LIGHT_GREY))
    for index in total_rows:
        commands.append(("LINEABOVE", (0, index + 1), (-1, index + 1), 0.8, INK))
    for index in section_rows:
        commands.append(("SPAN", (0, index + 1), (-1, index + 1)))
        commands.append(("BACKGROUND", (0, index + 1), (-1, index + 1), SECTION_GREY))
        commands.append(("LINEABOVE", (0, index + 1), (-1, index + 1), 0.5, RULE_GREY))
    table = LongTable(
        [head, *body],
        colWidths=[w * scale for w in widths],
        repeatRows=1,
        hAlign="LEFT",
        style=TableStyle(commands),
        spaceAfter=5,
    )
    return table


def key_value_table(rows: Sequence[tuple[str, Cell]], *, key_width: float = 5.2 * cm) -> LongTable:
    """Label / value lines (the method's parameters, the session's facts)."""
    s = styles()
    data = [[DocumentParagraph(key, s.cell_bold), _cell(value, s.cell)] for key, value in rows]
    table = LongTable(
        data,
        colWidths=[key_width, TEXT_WIDTH - key_width],
        hAlign="LEFT",
        spaceAfter=5,
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, LIGHT_GREY),
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE_GREY),
                ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE_GREY),
                ("TOPPADDING", (0, 0), (-1, -1), 2.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )
    return table


# --- the page frame -------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentFrame:
    """What each page shows around the text."""

    header_left: str  # the authority
    header_right: str  # the document and the call
    footer_left: str  # version line
    footer_second: str  # the seal, or the draft warning
    draft_mark: str | None  # « PROJET — délibération non close » on every page when set
    page_label: str  # "page {page} / {pages}"


def _clip(canvas: Canvas, text: str, font: str, size: float, width: float) -> str:
    if canvas.stringWidth(text, font, size) <= width:
        return text
    while text and canvas.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def _numbered_canvas(frame: DocumentFrame) -> type[Canvas]:
    """A canvas that draws every page's header and footer once the page count is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _decorate(self, total: int) -> None:
            width, height = PAGE_SIZE
            inner = width - LEFT_MARGIN - RIGHT_MARGIN
            self.saveState()
            self.setStrokeColor(RULE_GREY)
            self.setLineWidth(0.5)
            # header
            top = height - 1.35 * cm
            self.setFillColor(GREY)
            self.setFont(BODY_FONT, 7.5)
            self.drawString(
                LEFT_MARGIN, top, _clip(self, frame.header_left, BODY_FONT, 7.5, inner * 0.42)
            )
            self.drawRightString(
                width - RIGHT_MARGIN,
                top,
                _clip(self, frame.header_right, BODY_FONT, 7.5, inner * 0.56),
            )
            self.line(LEFT_MARGIN, top - 4, width - RIGHT_MARGIN, top - 4)
            if frame.draft_mark:
                self.setFillColor(INK)
                self.setFont(BOLD_FONT, 8.5)
                self.drawCentredString(width / 2, top - 15, frame.draft_mark)
            # footer
            bottom = 1.55 * cm
            self.line(LEFT_MARGIN, bottom + 10, width - RIGHT_MARGIN, bottom + 10)
            self.setFillColor(GREY)
            self.setFont(BODY_FONT, 7.5)
            page = frame.page_label.format(page=self._pageNumber, pages=total)
            self.drawString(
                LEFT_MARGIN, bottom, _clip(self, frame.footer_left, BODY_FONT, 7.5, inner - 70)
            )
            self.setFillColor(INK)
            self.setFont(BOLD_FONT, 8)
            self.drawRightString(width - RIGHT_MARGIN, bottom, page)
            # The seal's line shrinks (down to 6 pt) before it is clipped: the whole seal
            # and its short code must be on every page.
            font = BOLD_FONT if frame.draft_mark else BODY_FONT
            size = 6.8
            while size > 6.0 and self.stringWidth(frame.footer_second, font, size) > inner:
                size -= 0.2
            self.setFont(font, size)
            self.setFillColor(INK if frame.draft_mark else GREY)
            self.drawString(
                LEFT_MARGIN,
                bottom - 10,
                _clip(self, frame.footer_second, font, size, inner),
            )
            self.restoreState()

    return NumberedCanvas


def _watermark(text: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    """A light diagonal mark under the text of each page (drafts only)."""

    def draw(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        width, height = PAGE_SIZE
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.5, 0.5, 0.5, alpha=0.13))
        canvas.setFont(BOLD_FONT, 54)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(52)
        canvas.drawCentredString(0, -18, text)
        canvas.restoreState()

    return draw


def build_pdf(
    path: str,
    story: list[Flowable],
    frame: DocumentFrame,
    *,
    title: str,
    subject: str,
    author: str,
    lang: str,
    watermark: str | None = None,
    page_done: Callable[[int], None] | None = None,
    keywords: str = "",
) -> None:
    """Lay ``story`` out on A4 pages with the header, footer and page numbers of ``frame``;
    ``page_done(number)`` is told as each page is laid out (it may raise to stop);
    ``keywords``: the PDF's ``/Keywords`` (what ``signature.read_pv`` reads back)."""
    register_fonts()
    doc = BaseDocTemplate(
        path,
        pagesize=PAGE_SIZE,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=TOP_MARGIN + (0.3 * cm if frame.draft_mark else 0),
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        subject=subject,
        author=author,
        creator="juryapp",
        lang=lang,
        keywords=keywords,
    )
    body = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    on_page = _watermark(watermark) if watermark else None
    template = PageTemplate(id="page", frames=[body])
    if on_page:
        template.onPage = on_page
    if page_done is not None:
        template.onPageEnd = lambda _canvas, built: page_done(built.page)
    doc.addPageTemplates([template])
    doc.build(story, canvasmaker=_numbered_canvas(frame))


def spacer(height: float) -> Spacer:
    return Spacer(1, height)


def document_frame(record: DeliberationRecord, tr: Tr, document: str) -> DocumentFrame:
    """The header and footer of a document about ``record`` (PV or explanation sheet)."""
    seal = record.current_seal
    return DocumentFrame(
        header_left=record.campaign.rules.authority or record.name,
        header_right=f"{document} — {record.name}",
        footer_left=wording.version_footer(document, record.pv_version, tr),
        footer_second=wording.seal_footer(seal, tr),
        draft_mark=None if seal is not None else wording.draft_mark(tr),
        page_label=wording.page_label(tr),
    )
