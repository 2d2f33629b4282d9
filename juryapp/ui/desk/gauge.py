"""An envelope gauge: how much of a pool's money is awarded and how much is left.

A custom-painted bar, readable from the back of a room: the pool's name and
its envelope on the first line, a thick bar (awarded in green, what is left in
light grey, an excess in red), and the amounts in French below it. In compact
form (projection) the name is alone on the first line, the bar and « 7 000 € / 7 000 € »
on the second. Nothing is elided, in larger text (150 %) too: the name wraps, the
headline goes under it when it does not fit beside it, the amounts wrap part by part,
and the gauge is as tall as its width needs (height for width).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from juryapp.core.money import format_cents
from juryapp.i18n import translate

__all__ = ["EnvelopeGauge", "GaugeValues"]

AWARDED = QColor("#2E7D32")
LEFT = QColor("#E3E6EA")
EXCESS = QColor("#C62828")
FRAME = QColor("#9AA0A6")


@dataclass(frozen=True)
class GaugeValues:
    """A pool's money: what it can award (envelope ± reallocations) and what it awards."""

    name: str
    available_cents: int | None  # None: the pool has no envelope of its own
    awarded_cents: int
    received_cents: int = 0
    released_cents: int = 0
    no_award: bool = False
    total: bool = False  # the call's gauge (drawn a little stronger)

    @property
    def left_cents(self) -> int:
        return (self.available_cents or 0) - self.awarded_cents


class EnvelopeGauge(QWidget):
    """One pool's envelope, awarded and left."""

    def __init__(self, parent: QWidget | None = None, lang: str = "fr") -> None:
        super().__init__(parent)
        self.lang = lang
        self.values: GaugeValues | None = None
        self.compact = False
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_compact(self, compact: bool) -> None:
        """Two lines instead of three: the amounts beside the name (projection)."""
        self.compact = compact
        self.updateGeometry()
        self.update()

    def set_values(self, values: GaugeValues) -> None:
        self.values = values
        self.setToolTip(self.summary())
        self.setAccessibleName(self.summary())
        self.updateGeometry()
        self.update()

    def _money(self, cents: int) -> str:
        return format_cents(cents, self.lang)

    def _whole_money(self, cents: int) -> str:
        """« 7 000 € » for a whole amount (projection), cents otherwise."""
        text = self._money(cents)
        if cents % 100 == 0:
            text = text.replace(",00", "", 1) if self.lang == "fr" else text.replace(".00", "", 1)
        return text

    def headline(self) -> str:
        values = self.values
        if values is None:
            return ""
        if self.compact:
            awarded = self._whole_money(values.awarded_cents)
            if values.available_cents is None:
                return awarded
            return f"{awarded} / {self._whole_money(values.available_cents)}"
        if values.available_cents is None:
            return ""  # said in the summary line, to leave the title its room
        return self._money(values.available_cents)

    def summary(self) -> str:
        """The amounts in words: « Attribué 7 000,00 € · Non attribué 0,00 € »."""
        values = self.values
        if values is None:
            return ""
        tr = self._tr
        parts = [tr("Attribué {a}").format(a=self._money(values.awarded_cents))]
        if values.available_cents is None:
            parts.append(tr("sur l'enveloppe de l'appel"))
        else:
            if values.left_cents >= 0:
                parts.append(tr("Non attribué {a}").format(a=self._money(values.left_cents)))
            else:
                parts.append(tr("Dépassement {a}").format(a=self._money(-values.left_cents)))
        if values.received_cents:
            parts.append(tr("reçu {a}").format(a=self._money(values.received_cents)))
        if values.released_cents:
            parts.append(tr("réaffecté {a}").format(a=self._money(values.released_cents)))
        if values.no_award:
            parts.append(tr("non attribuée par le jury"))
        return " · ".join(parts)

    def _tr(self, message: str) -> str:
        return translate(message, self.lang)

    # --- layout: every text whole, wrapped rather than elided ------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._layout(width).height)

    def sizeHint(self) -> QSize:
        return QSize(300, self.heightForWidth(300))

    def minimumSizeHint(self) -> QSize:
        """As narrow as its longest word (the texts wrap): six gauges fit 1280 pixels."""
        bold, plain = self._metrics()
        words = [bold.horizontalAdvance(w) for w in self._words(self._name())]
        words.append(bold.horizontalAdvance(self.headline()))
        words += [plain.horizontalAdvance(w) for w in self._words(self.summary())]
        width = max(words) + 2 * _MARGIN
        if self.compact:
            width = max(width, 2 * _MARGIN + 3 * plain.height())
        return QSize(width, self.heightForWidth(width))

    def cut_texts(self) -> list[str]:
        """The texts not drawn whole at the gauge's width (none unless a word is wider)."""
        layout = self._layout(self.width())
        return [
            piece.text
            for piece in layout.pieces
            if self._metrics()[0 if piece.bold else 1].horizontalAdvance(piece.text)
            > piece.rect.width() + 1
        ]

    def _name(self) -> str:
        return self.values.name if self.values is not None else ""

    @staticmethod
    def _words(text: str) -> list[str]:
        return [w for w in text.split(" ") if w] or [""]

    def _metrics(self) -> tuple[QFontMetrics, QFontMetrics]:
        bold = QFont(self.font())
        bold.setBold(True)
        return QFontMetrics(bold), self.fontMetrics()

    def _layout(self, width: int) -> _Layout:
        """Where each text and the bar go at ``width``: the name (wrapped) with the headline
        beside it when it fits, under it otherwise; the bar; the amounts, part by part,
        on as many lines as they need. Compact: the name, then the headline and the bar."""
        bold, plain = self._metrics()
        line = max(bold.height(), plain.height())
        inner = max(width - 2 * _MARGIN, 1)
        left = float(_MARGIN)
        pieces: list[_Piece] = []
        y = float(_TOP)

        def add(text: str, metrics: QFontMetrics, is_bold: bool, right: bool = False) -> None:
            nonlocal y
            advance = metrics.horizontalAdvance(text)
            x = left + inner - advance if right else left
            pieces.append(_Piece(text, QRectF(x, y, min(advance, inner), line), is_bold))
            y += line

        title_lines = _wrap(self._words(self._name()), bold, inner, " ")
        headline = self.headline()
        head_width = bold.horizontalAdvance(headline)
        if self.compact:
            for text in title_lines:
                add(text, bold, True)
            bar_width = inner - head_width - _GAP if headline else inner
            if headline and bar_width < 3 * line:  # no room for the bar beside the amounts
                add(headline, bold, True, right=True)
                bar_width = inner
            elif headline:
                pieces.append(
                    _Piece(headline, QRectF(left + inner - head_width, y, head_width, line), True)
                )
            bar = QRectF(left, y + line * 0.1, bar_width, line * 0.8)
            return _Layout(pieces, bar, y + line + _TOP)
        last = bold.horizontalAdvance(title_lines[-1])
        for text in title_lines:
            add(text, bold, True)
        if headline:
            if last + _GAP + head_width <= inner:
                y -= line  # beside the name's last line
            add(headline, bold, True, right=True)
        bar = QRectF(left, y + 4, inner, line * 0.9)
        y = bar.bottom() + 4
        for text in _wrap(self.summary().split(" · "), plain, inner, " · ", self._words):
            add(text, plain, False)
        return _Layout(pieces, bar, y + _TOP)

    def paintEvent(self, event: QPaintEvent) -> None:
        values = self.values
        if values is None:
            return
        layout = self._layout(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setPen(self.palette().text().color())
        for piece in layout.pieces:
            painter.setFont(bold if piece.bold else self.font())
            painter.drawText(
                piece.rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, piece.text
            )
        bar = layout.bar
        painter.setPen(QPen(FRAME, 1))
        painter.setBrush(LEFT)
        painter.drawRoundedRect(bar, 4, 4)
        available = values.available_cents
        if available is not None and available > 0 and values.awarded_cents > 0:
            share = min(values.awarded_cents / available, 1.0)
            filled = QRectF(bar.left(), bar.top(), bar.width() * share, bar.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(EXCESS if values.awarded_cents > available else AWARDED)
            painter.drawRoundedRect(filled, 4, 4)
        elif available is None and values.awarded_cents > 0:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(AWARDED)
            painter.drawRoundedRect(bar, 4, 4)
        painter.end()


_MARGIN = 6
_TOP = 4
_GAP = 12


@dataclass(frozen=True)
class _Piece:
    text: str
    rect: QRectF
    bold: bool


@dataclass(frozen=True)
class _Layout:
    pieces: list[_Piece]
    bar: QRectF
    height: float


def _wrap(
    parts: list[str],
    metrics: QFontMetrics,
    width: int,
    joint: str,
    split: Callable[[str], list[str]] | None = None,
) -> list[str]:
    """``parts`` joined by ``joint`` on as few lines of ``width`` as they fit; a part wider
    than a line is ``split`` (into words) and wrapped by itself."""
    lines: list[str] = []
    for part in parts:
        if split is not None and metrics.horizontalAdvance(part) > width:
            lines += _wrap(split(part), metrics, width, " ")
            continue
        joined = f"{lines[-1]}{joint}{part}" if lines else part
        if lines and metrics.horizontalAdvance(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(part)
    return lines or [""]
