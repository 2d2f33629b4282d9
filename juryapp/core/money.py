"""Money: integer cents only. Parsing what French users type, CLDR formatting,
and exact splits by the largest-remainder (Hamilton) method.

No float ever holds an amount: a number read from a spreadsheet is converted
through ``Decimal`` of its shortest representation and refused when it has
more than two decimals.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from babel.numbers import format_currency

__all__ = [
    "MAX_CENTS",
    "AmountError",
    "format_cents",
    "format_cents_machine",
    "parse_amount",
    "parse_rate",
    "split_equal",
    "split_equal_capped",
    "split_pro_rata",
]

# The largest amount a call can hold: ten billion euros. Sums of 10⁵ such amounts
# stay far below SQLite's 64-bit integers.
MAX_CENTS = 10**12
_SPACES = "\u0020\u00a0\u202f\u2009"
_CURRENCY = re.compile(r"\s*(€|eur|euros?)\s*$", re.IGNORECASE)
# French: comma decimal, groups by space or dot.
_FR_PLAIN = re.compile(r"^\d+(,\d{1,2})?$")
_FR_SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+(,\d{1,2})?$")
_FR_DOT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+,\d{1,2}$")
_DOT_GROUPED_INTEGER = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")
# Point decimal (as typed on an English keyboard or exported by software).
_POINT_PLAIN = re.compile(r"^\d+(\.\d{1,2})?$")
_POINT_SPACE_GROUPED = re.compile(r"^\d{1,3}( \d{3})+(\.\d{1,2})?$")
_EN_COMMA_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+\.\d{1,2}$")


class AmountError(ValueError):
    """An amount that cannot be read without guessing. The message is French and
    names the text; the caller adds where it comes from (file, sheet, cell)."""


def parse_amount(value: object) -> int:
    """Read an amount in euros and return integer cents.

    Accepts ``7000``, ``7 000``, ``7 000,50``, ``7 000,50 €``, ``7000.50``,
    ``7.000,50``, the group separators U+0020, U+00A0, U+202F, and numbers
    stored as numbers. Negative, ambiguous (``7,000`` or ``7.000``) or
    malformed input raises ``AmountError``.
    """
    if isinstance(value, bool):
        raise AmountError(f"montant illisible : « {value} »")
    if isinstance(value, int):
        if value < 0:
            raise AmountError(f"montant négatif : « {value} »")
        return _bounded(value * 100, str(value))
    if isinstance(value, float | Decimal):
        return _cents_from_decimal(
            Decimal(repr(value)) if isinstance(value, float) else value, str(value)
        )
    if not isinstance(value, str):
        raise AmountError(f"montant illisible : « {value} » (type {type(value).__name__})")
    text = value
    cleaned = text.strip()  # every Unicode space: tabs, line breaks, U+00A0, U+202F
    cleaned = _CURRENCY.sub("", cleaned)
    for space in _SPACES:
        cleaned = cleaned.replace(space, " ")
    cleaned = cleaned.strip()
    if not cleaned:
        raise AmountError("montant vide")
    if cleaned.startswith("-") or cleaned.startswith("−"):
        raise AmountError(f"montant négatif : « {text} »")
    if cleaned.startswith("+"):
        cleaned = cleaned[1:]

    if (
        _FR_PLAIN.match(cleaned)
        or _FR_SPACE_GROUPED.match(cleaned)
        or _FR_DOT_GROUPED.match(cleaned)
    ):
        number = cleaned.replace(" ", "").replace(".", "").replace(",", ".")
    elif _DOT_GROUPED_INTEGER.match(cleaned):
        number = cleaned.replace(".", "")
    elif _POINT_PLAIN.match(cleaned) or _POINT_SPACE_GROUPED.match(cleaned):
        number = cleaned.replace(" ", "")
    elif _EN_COMMA_GROUPED.match(cleaned):
        number = cleaned.replace(",", "")
    elif re.match(r"^\d{1,3}[.,]\d{3}$", cleaned):
        raise AmountError(f"montant ambigu : « {text} » (séparateur de milliers ou de décimales ?)")
    else:
        raise AmountError(f"montant illisible : « {text} »")
    return _cents_from_decimal(Decimal(number), text)


def _cents_from_decimal(amount: Decimal, text: str) -> int:
    if not amount.is_finite():
        raise AmountError(f"montant illisible : « {text} »")
    if amount < 0:
        raise AmountError(f"montant négatif : « {text} »")
    if amount > MAX_CENTS // 100:  # before scaling: 1E+999999 would overflow
        raise _too_big(text)
    cents = amount.scaleb(2)
    if cents != cents.to_integral_value():
        raise AmountError(f"montant avec plus de deux décimales : « {text} »")
    return int(cents)


def _bounded(cents: int, text: str) -> int:
    if cents > MAX_CENTS:
        raise _too_big(text)
    return cents


def _too_big(text: str) -> AmountError:
    return AmountError(f"montant trop grand : « {text} » (au plus 10 000 000 000 €)")


def parse_rate(value: object) -> Decimal:
    """Read a rate: ``50 %``, ``50``, ``0,5`` or ``0.5`` all give ``Decimal('0.5')``."""
    if isinstance(value, bool):
        raise AmountError(f"taux illisible : « {value} »")
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        percent = False
    elif isinstance(value, str):
        text = value.strip()  # every Unicode space, U+00A0 and U+202F included
        percent = text.endswith("%")
        text = text.rstrip("%").strip().replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation as error:
            raise AmountError(f"taux illisible : « {value} »") from error
    else:
        raise AmountError(f"taux illisible : « {value} »")
    if not number.is_finite() or number < 0:
        raise AmountError(f"taux illisible : « {value} »")
    if percent or number > 1:
        number = number / 100
    if number > 1:
        raise AmountError(f"taux supérieur à 100 % : « {value} »")
    return number


def format_cents(cents: int, lang: str = "fr") -> str:
    """Amount for people, CLDR style: ``1 691 577,00 €`` (U+202F, U+00A0) in French."""
    locale = "fr_FR" if lang == "fr" else "en_GB"
    return str(format_currency(Decimal(cents).scaleb(-2), "EUR", locale=locale))


def format_cents_machine(cents: int) -> str:
    """Amount for machines (JSON, open-data CSV): ``1691577.00``."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def split_pro_rata(total_cents: int, weights: Sequence[int]) -> list[int]:
    """Split ``total_cents`` in proportion to ``weights`` by the largest remainder.

    Each share is the floor of its quota; the cents left go one by one in
    decreasing order of fractional part, equal fractional parts in the order
    of ``weights`` (the caller passes them in ranking order, then reference
    order). The shares sum exactly to ``total_cents``.
    """
    if total_cents < 0:
        raise ValueError("cannot split a negative amount")
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")
    weight_sum = sum(weights)
    if not weights:
        return []
    if weight_sum == 0:
        raise ValueError("weights must not all be zero")
    shares = []
    remainders = []
    for index, weight in enumerate(weights):
        share, remainder = divmod(total_cents * weight, weight_sum)
        shares.append(share)
        remainders.append((-remainder, index))
    left = total_cents - sum(shares)
    for _, index in sorted(remainders)[:left]:
        shares[index] += 1
    return shares


def split_equal(total_cents: int, count: int) -> list[int]:
    """Split equally; the extra cents go to the first ones (ranking, then reference order)."""
    if count <= 0:
        return []
    return split_pro_rata(total_cents, [1] * count)


def split_equal_capped(total_cents: int, caps: Sequence[int]) -> list[int]:
    """Split equally, no share above its cap; what a capped share cannot take goes to
    the others (water-filling). The shares sum to ``min(total_cents, sum(caps))``; shares
    under their caps differ by one cent at most, the extra cents to the first ones."""
    shares = [0] * len(caps)
    open_indexes = [i for i, cap in enumerate(caps) if cap > 0]
    left = min(total_cents, sum(caps))
    while open_indexes:
        even = split_equal(left, len(open_indexes))
        capped = [i for k, i in enumerate(open_indexes) if caps[i] <= even[k]]
        if not capped:
            for k, index in enumerate(open_indexes):
                shares[index] = even[k]
            break
        for index in capped:
            shares[index] = caps[index]
            left -= caps[index]
        open_indexes = [i for i in open_indexes if i not in capped]
    return shares
