"""The grid: reading and checking score values, and a juror's exact note.

A juror's note on the display scale ``S`` (rules §2)::

    N = S × Σ_c w_c × (s_c − lo_c) / (hi_c − lo_c)  /  Σ_c w_c

computed exactly. For speed over hundreds of thousands of scores, ``GridArithmetic``
turns the formula into integer dot products over a common denominator.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from juryapp.core.model import Criterion, Number

__all__ = [
    "GridArithmetic",
    "ScoreValueError",
    "check_value",
    "format_number",
    "grid_fingerprint",
    "grid_step_message",
    "juror_note",
    "normalise_number",
    "parse_score_value",
]

_NUMBER = re.compile(r"^[+]?\d+([.,]\d+)?$")


class ScoreValueError(ValueError):
    """A score that is not a number, or off its criterion's scale or step (French message)."""


def grid_step_message(value: Number) -> str:
    return f"note {format_number(value)} hors du pas de la grille"


def normalise_number(value: Fraction) -> Number:
    """An integral Fraction becomes an int (faster, and prints as ``4``)."""
    return value.numerator if value.denominator == 1 else value


def parse_score_value(value: object) -> Number:
    """Read a score as typed (``4``, ``4,5``, ``4.5``) or stored (int, float, Decimal)."""
    if isinstance(value, bool):
        raise ScoreValueError(f"note illisible : « {value} »")
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction):
        return normalise_number(value)
    if isinstance(value, float | Decimal):
        try:
            decimal = Decimal(repr(value)) if isinstance(value, float) else value
            return normalise_number(Fraction(decimal))
        except (InvalidOperation, ValueError, OverflowError) as error:
            raise ScoreValueError(f"note illisible : « {value} »") from error
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace("\u202f", "")
        if "/" in text:
            try:
                return normalise_number(Fraction(text))
            except (ValueError, ZeroDivisionError) as error:
                raise ScoreValueError(f"note illisible : « {value} »") from error
        if not _NUMBER.match(text):
            raise ScoreValueError(f"note illisible : « {value} »")
        return normalise_number(Fraction(Decimal(text.replace(",", "."))))
    raise ScoreValueError(f"note illisible : « {value} »")


def check_value(criterion: Criterion, value: Number) -> str | None:
    """Why ``value`` is refused for ``criterion`` (French), or None when it is valid."""
    low, high, step = Fraction(criterion.min), Fraction(criterion.max), Fraction(criterion.step)
    if value < low or value > high:
        return (
            f"la note {format_number(value)} de {criterion.code} est hors de l'échelle "
            f"{format_number(low)}–{format_number(high)}"
        )
    if step > 0 and (Fraction(value) - low) % step != 0:
        return (
            f"la note {format_number(value)} de {criterion.code} ne respecte pas le pas "
            f"de {format_number(step)}"
        )
    return None


def format_number(value: Number, lang: str = "fr") -> str:
    """A score value as a person writes it: ``4``, ``4,5`` (``4.5`` in English)."""
    fraction = Fraction(value)
    if fraction.denominator == 1:
        return str(fraction.numerator)
    decimal = Decimal(fraction.numerator) / Decimal(fraction.denominator)
    text = format(decimal.normalize(), "f") if _is_terminating(fraction) else f"{decimal:.4f}"
    return text.replace(".", ",") if lang == "fr" else text


def _is_terminating(fraction: Fraction) -> bool:
    denominator = fraction.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator //= prime
    return denominator == 1


def juror_note(
    criteria: Sequence[Criterion], values: Mapping[str, Number], scale: int
) -> Fraction | None:
    """A juror's exact note, or None when a criterion is not scored (incomplete grid)."""
    total_weight = sum(Fraction(c.weight) for c in criteria)
    note = Fraction(0)
    for criterion in criteria:
        if criterion.code not in values:
            return None
        value = values[criterion.code]
        span = Fraction(criterion.max) - Fraction(criterion.min)
        note += Fraction(criterion.weight) * (Fraction(value) - Fraction(criterion.min)) / span
    return scale * note / total_weight


def grid_fingerprint(criteria: Sequence[Criterion], scale: int) -> str:
    """A short SHA-256 of what makes scores comparable: codes, weights, scales, steps."""
    canonical = json.dumps(
        {
            "scale": scale,
            "criteria": [
                [
                    c.code,
                    str(Fraction(c.weight)),
                    str(Fraction(c.min)),
                    str(Fraction(c.max)),
                    str(Fraction(c.step)),
                ]
                for c in criteria
            ],
        },
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


class GridArithmetic:
    """Exact notes with integer arithmetic.

    Every value ``s_c`` becomes the integer ``k_c = s_c × D`` (``D``: common
    denominator of the values, from the steps and bounds); every coefficient
    ``S × w_c / ((hi_c − lo_c) × Σw)`` becomes the integer ``a_c = coef × L``.
    A note is then ``(Σ a_c × k_c − offset) / (D × L)``: one integer dot product.
    """

    def __init__(self, criteria: Sequence[Criterion], scale: int) -> None:
        self.criteria = tuple(criteria)
        self.codes = tuple(c.code for c in criteria)
        total_weight = sum(Fraction(c.weight) for c in criteria)
        coefficients = [
            scale * Fraction(c.weight) / ((Fraction(c.max) - Fraction(c.min)) * total_weight)
            for c in criteria
        ]
        value_denominator = 1
        for c in criteria:
            for number in (c.min, c.max, c.step):
                value_denominator = math.lcm(value_denominator, Fraction(number).denominator)
        coefficient_denominator = 1
        for coefficient in coefficients:
            coefficient_denominator = math.lcm(coefficient_denominator, coefficient.denominator)
        self.value_denominator = value_denominator
        self.note_denominator = value_denominator * coefficient_denominator
        self.integer_coefficients = tuple(
            int(coefficient * coefficient_denominator) for coefficient in coefficients
        )
        self.offset = sum(
            a * int(Fraction(c.min) * value_denominator)
            for a, c in zip(self.integer_coefficients, criteria, strict=True)
        )

    def scaled_value(self, value: Number) -> int:
        """``value × D`` as an integer; a value off the common denominator is refused."""
        if type(value) is int:
            return value * self.value_denominator
        fraction = Fraction(value)
        scaled = fraction * self.value_denominator
        if scaled.denominator != 1:
            raise ScoreValueError(grid_step_message(fraction))
        return scaled.numerator

    def scaled_values(self, values: Mapping[str, Number]) -> tuple[int, ...] | None:
        """The grid's values as integers in criterion order, or None when incomplete."""
        try:
            return tuple(self.scaled_value(values[code]) for code in self.codes)
        except KeyError:
            return None

    def note_numerator(self, scaled: Sequence[int]) -> int:
        """The note times ``note_denominator``."""
        total = -self.offset
        for coefficient, value in zip(self.integer_coefficients, scaled, strict=True):
            total += coefficient * value
        return total
