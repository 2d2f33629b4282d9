"""An envelope gauge: how much of a pool's money is awarded and how much is left.

A custom-painted bar, readable from the back of a room: the pool's name and
its envelope on the first line, a thick bar (awarded in green, what is left in
light grey, an excess in red), and the amounts in French below it.
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
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)

    def set_values(self, values: GaugeValues) -> None:
        self.values = values
        self.setToolTip(self.summary())
        self.setAccessibleName(self.summary())
        self.update()

    def _money(self, cents: int) -> str:
        return format_cents(cents, self.lang)

    def headline(self) -> str:
        values = self.values
        if values is None:
            return ""
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
        return QSize(300, int(metrics.height() * 3.6) + 16)

    def minimumSizeHint(self) -> QSize:
        return QSize(220, self.sizeHint().height())

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
        head_width = painter.fontMetrics().horizontalAdvance(headline) + 12
        title_rect = QRectF(rect.left(), rect.top(), rect.width() - head_width, line)
        title = painter.fontMetrics().elidedText(
            values.name, Qt.TextElideMode.ElideRight, int(title_rect.width())
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        painter.drawText(
            QRectF(rect.right() - head_width, rect.top(), head_width, line),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            headline,
        )

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
