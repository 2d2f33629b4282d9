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

__all__ = ["Money", "Note", "Text", "decimal_string", "format_note", "text"]


@dataclass(frozen=True)
class Money:
    cents: int


@dataclass(frozen=True)
class Note:
    """A note or mean, shown with ``decimals`` decimals (2 unless more are needed)."""

    value: Fraction | float
    decimals: int = 2


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
    quantum = Decimal(1).scaleb(-decimals)
    if isinstance(value, Fraction):
        scaled = abs(value) * 10**decimals
        whole = scaled.numerator // scaled.denominator
        rounded = whole + (1 if scaled - whole >= Fraction(1, 2) else 0)
        sign = "-" if value < 0 and rounded else ""
        digits = str(rounded).rjust(decimals + 1, "0")
        if decimals == 0:
            return f"{sign}{digits}"
        return f"{sign}{digits[:-decimals]}.{digits[-decimals:]}"
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def format_note(value: Fraction | float, decimals: int = 2, lang: str = "fr") -> str:
    shown = decimal_string(value, decimals)
    return shown.replace(".", ",") if lang == "fr" else shown


def _format(value: object, lang: str) -> str:
    if isinstance(value, Money):
        return format_cents(value.cents, lang)
    if isinstance(value, Note):
        return format_note(value.value, value.decimals, lang)
    if isinstance(value, Fraction):
        return format_number(value, lang)
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, list | tuple):
        return ", ".join(_format(item, lang) for item in value)
    return str(value)
