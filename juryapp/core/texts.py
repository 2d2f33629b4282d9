"""Sentences of the results (reasons, explanations, pending items) kept as a
French template with typed parameters, rendered in French or English on demand.

The engine stays fast (no formatting while computing) and one result can be
shown in either language.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from juryapp.core.grid import format_number
from juryapp.core.money import format_cents
from juryapp.i18n import translate

__all__ = [
    "Money",
    "Note",
    "NoteList",
    "Percent",
    "Text",
    "decimal_string",
    "format_note",
    "round_half_up",
    "text",
]


@dataclass(frozen=True)
class Money:
    cents: int


@dataclass(frozen=True)
class Note:
    """A note or mean, shown with ``decimals`` decimals (2 unless more are needed)."""

    value: Fraction | float
    decimals: int = 2


@dataclass(frozen=True)
class NoteList:
    """Jurors' notes as ``J1 14,30 ; J2 12,00``, kept as integers until shown."""

    numerators: tuple[tuple[str, int], ...]
    denominator: int


@dataclass(frozen=True)
class Percent:
    """A rate as a percentage, at most 2 decimals: ``33,33`` (``33.33`` in English)."""

    rate: Fraction


@dataclass(frozen=True)
class Text:
    template: str  # French, with {name} placeholders; translated by its exact text
    params: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str = "fr") -> str:
        values = {name: _format(value, lang) for name, value in self.params}
        return translate(self.template, lang).format(**values)

    def __str__(self) -> str:
        return self.render("fr")


def text(template: str, **params: object) -> Text:
    return Text(template, tuple(params.items()))


def decimal_string(value: Fraction | float, decimals: int = 2) -> str:
    """``value`` rounded half-up with ``decimals`` decimals, point separator."""
    if isinstance(value, Fraction):
        rounded = abs(round_half_up(value, decimals))
        sign = "-" if value < 0 and rounded else ""
        digits = str(rounded).rjust(decimals + 1, "0")
        if decimals == 0:
            return f"{sign}{digits}"
        return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def round_half_up(value: Fraction | float, decimals: int) -> int:
    """``value × 10^decimals`` rounded half away from zero, as an integer."""
    if isinstance(value, float):
        rounded_float = Decimal(repr(value)).scaleb(decimals).quantize(Decimal(1), ROUND_HALF_UP)
        return int(rounded_float)
    numerator: int = abs(value.numerator) * 10**decimals
    denominator: int = value.denominator
    whole, remainder = divmod(numerator, denominator)
    rounded: int = whole + (1 if 2 * remainder >= denominator else 0)
    return -rounded if value.numerator < 0 else rounded


def format_note(value: Fraction | float, decimals: int = 2, lang: str = "fr") -> str:
    shown = decimal_string(value, decimals)
    return shown.replace(".", ",") if lang == "fr" else shown


def _format(value: object, lang: str) -> str:
    if isinstance(value, Money):
        return format_cents(value.cents, lang)
    if isinstance(value, Note):
        return format_note(value.value, value.decimals, lang)
    if isinstance(value, Percent):
        shown = decimal_string(value.rate * 100, 2).rstrip("0").rstrip(".")
        return shown.replace(".", ",") if lang == "fr" else shown
    if isinstance(value, Fraction):
        return format_number(value, lang)
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, NoteList):
        separator = " ; " if lang == "fr" else "; "
        return separator.join(
            f"{juror} {format_note(Fraction(numerator, value.denominator), 2, lang)}"
            for juror, numerator in value.numerators
        )
    if isinstance(value, list | tuple):
        return ", ".join(_format(item, lang) for item in value)
    return str(value)
