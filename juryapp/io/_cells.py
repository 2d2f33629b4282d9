"""One cell of an input sheet, read as the type a field needs, with errors that
name the file, sheet, row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from fractions import Fraction
from typing import Any, TypeVar

from juryapp.core.grid import ScoreValueError, parse_score_value
from juryapp.core.model import Number
from juryapp.core.money import AmountError, parse_amount, parse_rate
from juryapp.i18n import _
from juryapp.io._book import Book, is_blank, is_date, is_formula, text_of
from juryapp.io.errors import InputError
from juryapp.io.headers import fold

E = TypeVar("E", bound=Enum)

YES = frozenset({"oui", "o", "yes", "y", "vrai", "true", "x", "1"})
NO = frozenset({"non", "n", "no", "faux", "false", "0"})

# English (and common variant) spellings of the workbook's French keywords (those of the
# tie-break rules are in ``juryapp.core.tiebreaks``).
ENGLISH_KEYWORDS: dict[str, str] = {
    "prize": "prix",
    "prizes": "prix",
    "envelope": "enveloppe",
    "mean": "moyenne",
    "average": "moyenne",
    "median": "médiane",
    "majority judgment": "jugement majoritaire",
    "majority judgement": "jugement majoritaire",
    "none": "aucune",
    "aucun": "aucune",
    "zscore": "z-score",
    "z score": "z-score",
    "eligible expenses": "dépenses éligibles",
    "total budget": "budget global",
    "stop": "arrêt",
    "next": "suivant",
    "pro rata": "prorata",
    "equal": "égal",
    "egale": "égal",
    "decision": "décision",
    "half": "moitié",
    "majority": "majorité",
    "cast": "exprimés",
    "present": "présent",
    "presents": "présents",
    "president": "président",
    "presidente": "président",
    "chair": "président",
    "vice-presidente": "vice-président",
    "vice president": "vice-président",
    "member": "membre",
    "secretary": "secrétaire",
    "video": "visio",
    "visioconference": "visio",
    "represented": "représenté",
    "representee": "représenté",
    "absente": "absent",
    "grant": "subvention",
    "repayable advance": "avance remboursable",
    "reserve": "réserve",
    "category": "catégorie",
}


@dataclass
class CellRef:
    """Where a value comes from, and the value itself (formulas kept as text)."""

    book: Book
    sheet: str
    row: int
    column: int  # 1-based
    header: str
    cell: Any  # an openpyxl cell, or None for a column the row does not reach

    # --- errors -----------------------------------------------------------------

    def error(self, message: str) -> InputError:
        return self.book.error(
            message, sheet=self.sheet, row=self.row, column=self.column, header=self.header
        )

    # --- raw --------------------------------------------------------------------

    @property
    def value(self) -> Any:
        return None if self.cell is None else self.cell.value

    def blank(self) -> bool:
        return is_blank(self.value)

    def computed(self) -> Any:
        """The value for a number: a formula's cached result, or an error when none."""
        if self.cell is not None and is_formula(self.cell):
            cached = self.book.cached_value(self.sheet, self.row, self.column)
            if cached is None:
                raise self.error(
                    _(
                        "formule sans valeur calculée : « {value} » (saisissez la valeur, ou "
                        "enregistrez le fichier dans Excel)"
                    ).format(value=text_of(self.value))
                )
            return cached
        return self.value

    # --- typed ------------------------------------------------------------------

    def text(self) -> str:
        """The text as typed; a formula stays its own text (``=HYPERLINK(…)``)."""
        return text_of(self.value)

    def required_text(self, what: str) -> str:
        text = self.text()
        if not text:
            raise self.error(_("{what} est obligatoire").format(what=what))
        return text

    def amount(self) -> int | None:
        """Cents, or None for an empty cell."""
        if self.blank():
            return None
        value = self.computed()
        if is_date(value):
            raise self.error(
                _(
                    "une date n'est pas un montant : « {value} » (la cellule est au format Date)"
                ).format(value=text_of(value))
            )
        try:
            return parse_amount(value)
        except AmountError as error:
            raise self.error(str(error)) from error

    def amounts(self) -> tuple[int, ...]:
        """A list of amounts separated by ``;`` (``5 000 ; 3 000 ; 2 000``)."""
        if self.blank():
            return ()
        value = self.computed()
        if not isinstance(value, str):
            single = self.amount()
            return () if single is None else (single,)
        parts = [part.strip() for part in value.split(";")]
        if parts and not parts[-1]:
            parts.pop()
        result = []
        for part in parts:
            if not part:
                raise self.error(_("montant vide dans la liste « {value} »").format(value=value))
            try:
                result.append(parse_amount(part))
            except AmountError as error:
                raise self.error(str(error)) from error
        return tuple(result)

    def rate(self) -> Fraction | None:
        if self.blank():
            return None
        value = self.computed()
        try:
            return Fraction(parse_rate(value))
        except AmountError as error:
            raise self.error(str(error)) from error

    def number(self) -> Number | None:
        """A weight, bound, step or threshold (``4,5`` or 4.5), or None when empty."""
        if self.blank():
            return None
        value = self.computed()
        if is_date(value):
            raise self.error(
                _("une date n'est pas un nombre : « {value} »").format(value=text_of(value))
            )
        try:
            return parse_score_value(value)
        except ScoreValueError as error:
            raise self.error(str(error).replace("note illisible", "nombre illisible")) from error

    def date(self) -> str:
        """A day as « AAAA-MM-JJ » ("" when empty): a date cell, « JJ/MM/AAAA » or ISO."""
        if self.blank():
            return ""
        value = self.computed()
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        typed = text_of(value)
        for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(typed, pattern).date().isoformat()
            except ValueError:
                continue
        raise self.error(_("« {value} » : attendu une date (JJ/MM/AAAA)").format(value=typed))

    def boolean(self, default: bool) -> bool:
        if self.blank():
            return default
        value = self.computed()
        if isinstance(value, bool):
            return value
        word = fold(text_of(value))
        if word in YES:
            return True
        if word in NO:
            return False
        raise self.error(_("« {value} » : attendu oui ou non").format(value=text_of(value)))

    def keyword(self, enum: type[E], default: E) -> E:
        if self.blank():
            return default
        found = keyword_of(enum, self.text())
        if found is None:
            raise self.error(
                _("« {text} » : valeurs possibles {values}").format(
                    text=self.text(), values=" / ".join(f"« {member.value} »" for member in enum)
                )
            )
        return found


def keyword_of(enum: type[E], text: str) -> E | None:
    """The member whose French keyword (or English name) is ``text``, any case or accents."""
    word = fold(text)
    lookup: Mapping[str, E] = {fold(member.value): member for member in enum}
    if word in lookup:
        return lookup[word]
    translated = ENGLISH_KEYWORDS.get(word)
    if translated is not None:
        return lookup.get(fold(translated))
    return None
