"""An envelope gauge: how much of a pool's money is awarded and how much is left.

A custom-painted bar, readable from the back of a room: the pool's name and
its envelope on the first line, a thick bar (awarded in green, what is left in
light grey, an excess in red), and the amounts in French below it. In compact
form (projection) the amounts go on the first line, « 7 000,00 € / 7 000,00 € »,
and the bar under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_compact(self, compact: bool) -> None:
        """Two lines instead of three: the amounts beside the name (projection)."""
        self.compact = compact
        self.updateGeometry()
        self.update()

    def set_values(self, values: GaugeValues) -> None:
        self.values = values
        self.setToolTip(self.summary())
        self.setAccessibleName(self.summary())
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

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        lines = 2.3 if self.compact else 3.6
        return QSize(300, int(metrics.height() * lines) + 16)

    def minimumSizeHint(self) -> QSize:
        # the name is elided first: six gauges still fit a 1280-pixel screen
        return QSize(150, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        values = self.values
        if values is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(6, 4, -6, -4)
        metrics = self.fontMetrics()
        line = metrics.height()

        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.palette().text().color())
        headline = self.headline()
        if self.compact:
            # the name alone on the first line; the bar and the amounts on the second
            head_width = min(
                painter.fontMetrics().horizontalAdvance(headline) + 12, int(rect.width() * 0.75)
            )
            title_rect = QRectF(rect.left(), rect.top(), rect.width(), line)
            head_rect = QRectF(rect.right() - head_width, rect.top() + line + 4, head_width, line)
        else:
            head_width = min(
                painter.fontMetrics().horizontalAdvance(headline) + 12, int(rect.width() * 0.62)
            )
            title_rect = QRectF(rect.left(), rect.top(), rect.width() - head_width, line)
            head_rect = QRectF(rect.right() - head_width, rect.top(), head_width, line)
        title = painter.fontMetrics().elidedText(
            values.name, Qt.TextElideMode.ElideRight, int(title_rect.width())
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        painter.drawText(
            head_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            painter.fontMetrics().elidedText(headline, Qt.TextElideMode.ElideLeft, head_width),
        )

        if self.compact:
            bar = QRectF(
                rect.left(),
                rect.top() + line + 4 + line * 0.1,
                rect.width() - head_width,
                line * 0.8,
            )
        else:
            bar = QRectF(rect.left(), rect.top() + line + 4, rect.width(), line * 0.9)
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

        if self.compact:
            painter.end()
            return
        painter.setFont(self.font())
        painter.setPen(self.palette().text().color())
        text_rect = QRectF(rect.left(), bar.bottom() + 4, rect.width(), line)
        summary = metrics.elidedText(
            self.summary(), Qt.TextElideMode.ElideRight, int(text_rect.width())
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary
        )
        painter.end()
