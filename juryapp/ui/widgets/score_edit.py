"""The value editor of one criterion: fast typing, « 4,5 » or « 4.5 », held to scale and step.

Any number-like text can be typed (a keystroke is never silently eaten); a
value off the scale or the step is *Intermediate* for the validator and the
editor says why in ``problem()``, which the scoring page shows as a hint.
Enter and the arrow keys are signals, so the page decides where focus goes.
"""

from __future__ import annotations

import re
from fractions import Fraction

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from juryapp.core.grid import ScoreValueError, check_value, format_number, parse_score_value
from juryapp.core.model import Criterion, Number
from juryapp.i18n import _, current_language

__all__ = [
    "PASS_THROUGH_KEYS",
    "ScoreEdit",
    "ScoreValidator",
    "is_typing",
    "passes_through",
]

_NUMBER_LIKE = re.compile(r"^\d{0,4}([.,]\d{0,4})?$")

# Window shortcuts that a text field must not swallow (undo/redo are the window's).
PASS_THROUGH_KEYS: tuple[QKeySequence, ...] = (
    QKeySequence("Ctrl+Z"),
    QKeySequence("Ctrl+Shift+Z"),
    QKeySequence("Ctrl+Y"),
    QKeySequence("Ctrl+D"),
    QKeySequence("Ctrl+M"),
    QKeySequence("Ctrl+PgDown"),
    QKeySequence("Ctrl+PgUp"),
    QKeySequence("Alt+Down"),
    QKeySequence("Alt+Up"),
)


def passes_through(event: QKeyEvent, keys: tuple[QKeySequence, ...] = PASS_THROUGH_KEYS) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in keys)


def scale_text(criterion: Criterion) -> str:
    """« /5 · pas 0,5 » for the editor's side label."""
    lang = current_language()
    text = f"/ {format_number(criterion.max, lang)}"
    if Fraction(criterion.min) != 0:
        text = _("de {low} à {high}").format(
            low=format_number(criterion.min, lang), high=format_number(criterion.max, lang)
        )
    if Fraction(criterion.step) != 1:
        text += " · " + _("pas {step}").format(step=format_number(criterion.step, lang))
    return text


class ScoreValidator(QValidator):
    """Acceptable: empty (no score) or a value on the criterion's scale and step."""

    def __init__(self, criterion: Criterion, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion

    def problem(self, text: str) -> str | None:
        """Why ``text`` cannot be saved (French), None when it can."""
        text = text.strip()
        if not text:
            return None
        if not _NUMBER_LIKE.match(text) or text in {".", ","}:
            return _("« {text} » n'est pas une note").format(text=text)
        if text[-1] in ".,":
            return _("note inachevée : « {text} »").format(text=text)
        try:
            value = parse_score_value(text)
        except ScoreValueError:
            return _("« {text} » n'est pas une note").format(text=text)
        lang = current_language()
        low, high, step = self.criterion.min, self.criterion.max, self.criterion.step
        if value < Fraction(low) or value > Fraction(high):
            return _("{value} est hors de l'échelle {low}–{high}").format(
                value=format_number(value, lang),
                low=format_number(low, lang),
                high=format_number(high, lang),
            )
        if check_value(self.criterion, value) is not None:
            return _("{value} ne respecte pas le pas de {step} (ex. {a} ou {b})").format(
                value=format_number(value, lang),
                step=format_number(step, lang),
                a=format_number(_floor_step(self.criterion, value), lang),
                b=format_number(_floor_step(self.criterion, value) + Fraction(step), lang),
            )
        return None

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        if stripped and (not _NUMBER_LIKE.match(stripped)):
            return QValidator.State.Invalid, text, position
        if self.problem(text) is None:
            return QValidator.State.Acceptable, text, position
        return QValidator.State.Intermediate, text, position


def _floor_step(criterion: Criterion, value: Number) -> Fraction:
    low, step = Fraction(criterion.min), Fraction(criterion.step)
    return low + ((Fraction(value) - low) // step) * step


def is_typing(event: QKeyEvent) -> bool:
    """A key that would change a text: a printable character, Backspace or Delete."""
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
        return True
    text = event.text()
    return (
        bool(text)
        and text.isprintable()
        and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
    )


class ScoreEdit(QLineEdit):
    """One criterion's value; Enter → ``submitted``, ↑/↓ → ``stepped(-1/+1)``.

    Read-only (a sealed campaign), it still takes the focus, and a key that would
    change the value emits ``refused_typing`` so that the page can say why.
    """

    submitted = Signal()
    stepped = Signal(int)
    left = Signal()
    refused_typing = Signal()

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self._validator = ScoreValidator(criterion, self)
        self.setValidator(self._validator)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedWidth(72)
        self.setPlaceholderText("–")
        self.setProperty("invalid", False)

    def problem(self) -> str | None:
        return self._validator.problem(self.text())

    def parsed(self) -> Number | None:
        """The typed value (None for empty); call only when ``problem()`` is None."""
        text = self.text().strip()
        return None if not text else parse_score_value(text)

    def show_value(self, value: Number | None) -> None:
        self.setText("" if value is None else format_number(value, current_language()))
        self.mark_invalid(False)

    def mark_invalid(self, invalid: bool) -> None:
        if bool(self.property("invalid")) == invalid:
            return
        self.setProperty("invalid", invalid)
        self.style().unpolish(self)
        self.style().polish(self)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and passes_through(event)
        ):
            event.ignore()  # let the window's shortcut have it
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            self.submitted.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Down and plain:
            self.stepped.emit(1)
            event.accept()
            return
        if key == Qt.Key.Key_Up and plain:
            self.stepped.emit(-1)
            event.accept()
            return
        if self.isReadOnly() and is_typing(event):
            self.refused_typing.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()
