"""Header and keyword matching: what a person typed in a header cell or a setting.

``Montant demandé (€)``, ``montant demande``, `` MONTANT DEMANDÉ `` and
``Requested`` all name the same column: matching ignores case, accents,
surrounding spaces, a trailing unit (``(€)``, ``(en €)``, ``€``, ``(%)``) and a
trailing English name in brackets (``Projet [Project]``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Column", "duplicate_columns", "fold", "match_columns", "normalise_header"]

_UNIT = re.compile(
    r"\s*(\(\s*(en\s+)?(€|eur|euros?|%|ht|ttc)\s*\)|€|%)\s*$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\s*\[[^\]]*\]\s*$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("’", "'").replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    return _SPACES.sub(" ", bare).strip().casefold()


def normalise_header(text: object) -> str:
    """A header reduced to what matching compares (``""`` for an empty cell)."""
    if text is None:
        return ""
    value = _SPACES.sub(" ", str(text)).strip()
    value = _BRACKETS.sub("", value)
    previous = None
    while previous != value:  # ``Montant (en €) €`` has two units
        previous = value
        value = _UNIT.sub("", value)
    return fold(value)


@dataclass(frozen=True)
class Column:
    """A column a reader knows: its field, French and English headers, other names."""

    field: str
    french: str
    english: str = ""
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> tuple[str, ...]:
        """Every accepted header, normalised."""
        names = (self.french, self.english, *self.aliases)
        return tuple(dict.fromkeys(normalise_header(n) for n in names if n))

    def matches(self, header: object) -> bool:
        return normalise_header(header) in self.names()


def match_columns(
    headers: Sequence[object], columns: Iterable[Column]
) -> tuple[dict[int, Column], list[int]]:
    """Match a header row to known columns.

    Returns ``({index: column}, unknown_indexes)``; empty headers are in
    neither. When two header cells name the same column, both are matched and
    the caller reports the duplicate (see ``duplicate_columns``).
    """
    lookup: dict[str, Column] = {}
    for column in columns:
        for name in column.names():
            lookup.setdefault(name, column)
    known: dict[int, Column] = {}
    unknown: list[int] = []
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        if key in lookup:
            known[index] = lookup[key]
        else:
            unknown.append(index)
    return known, unknown


def duplicate_columns(known: dict[int, Column]) -> tuple[int, int] | None:
    """The first two indexes that name the same column, if any."""
    seen: dict[str, int] = {}
    for index in sorted(known):
        field = known[index].field
        if field in seen:
            return seen[field], index
        seen[field] = index
    return None
