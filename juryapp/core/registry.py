"""Supported only once (rules §13): the registry of past laureates and how a dossier
matches it.

A dossier whose SIRET (14 digits, spaces ignored) or RNA number (``W`` and 9 digits) is
a past laureate's is a **sure** match: under ``Soutien unique: oui`` it is not
admissible, with the reason « déjà soutenu (call, year) », unless the secretariat
overrides it with a reason. Otherwise the same holder name and the same town, once
normalised (case, accents, punctuation, legal-form words such as « association »,
« SCIC », « SARL »), make a **possible** match, which a person confirms (the dossier is
then not admissible) or dismisses: it is never decided here.

Pure functions of plain values: no Qt, no SQL, no file format.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from juryapp.core.model import Dossier, PastLaureate, Ruling, RulingKind

__all__ = [
    "LEGAL_FORM_WORDS",
    "FlagState",
    "MatchBy",
    "MatchKind",
    "PastLaureate",
    "RegistryFlag",
    "RegistryMatch",
    "Ruling",
    "RulingKind",
    "already_supported_reason",
    "find_matches",
    "flag_dossiers",
    "is_rna",
    "is_siret",
    "laureate_key",
    "normalise_name",
    "normalise_rna",
    "normalise_siret",
    "normalise_town",
]

#: Words of a holder's name that say its legal form, not who it is (compared folded).
LEGAL_FORM_WORDS = frozenset(
    {
        "association", "asso", "scic", "scop", "sas", "sasu", "sarl", "eurl", "sa",
        "cooperative", "coop", "fondation",
    }
)  # fmt: skip
# The same forms written in full (folded), taken out before the single words.
_LEGAL_FORM_PHRASES = (
    "societe cooperative d interet collectif",
    "societe cooperative et participative",
    "societe cooperative ouvriere de production",
    "societe cooperative",
    "societe par actions simplifiee unipersonnelle",
    "societe par actions simplifiee",
    "societe a responsabilite limitee",
    "entreprise unipersonnelle a responsabilite limitee",
    "societe anonyme",
    "association loi 1901",
    "loi 1901",
)

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_RNA = re.compile(r"^W(?:\d{9}|2[AB]\d{7})$")
_TOWN_WORDS = {"st": "saint", "ste": "sainte"}
_TOWN_DROP = frozenset({"cedex"})


def _fold(text: str) -> str:
    """Lower case, no accents, ligatures spelled out, every non-letter a space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    bare = bare.replace("ß", "ss").casefold()
    return _NOT_WORD.sub(" ", bare).strip()


def normalise_name(name: str) -> str:
    """A holder's name as the registry compares it: ``"Association L'Épicerie-Solidaire
    (SCIC)"`` and ``"l epicerie solidaire"`` both give ``"l epicerie solidaire"``.

    Case, accents and punctuation are ignored, and so are the words of a legal form
    (:data:`LEGAL_FORM_WORDS`, and the same forms written in full: « société
    coopérative d'intérêt collectif », « association loi 1901 »…)."""
    folded = f" {' '.join(_fold(name).split())} "
    for phrase in _LEGAL_FORM_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    return " ".join(word for word in folded.split() if word not in LEGAL_FORM_WORDS)


def normalise_town(town: str) -> str:
    """A town as the registry compares it: case, accents, punctuation, « St » / « Saint »,
    « CEDEX » and postcodes ignored (``"ST-NAZAIRE CEDEX 44600"`` → ``"saint nazaire"``)."""
    words = []
    for word in _fold(town).split():
        if word.isdigit() or word in _TOWN_DROP:
            continue
        words.append(_TOWN_WORDS.get(word, word))
    return " ".join(words)


def normalise_siret(text: str) -> str:
    """A SIRET without its spaces (``"123 456 789 00012"`` → ``"12345678900012"``)."""
    return _SPACES.sub("", text or "").replace(".", "").replace("-", "")


def is_siret(text: str) -> bool:
    """14 digits once spaces are dropped."""
    value = normalise_siret(text)
    return len(value) == 14 and value.isascii() and value.isdigit()


def normalise_rna(text: str) -> str:
    """An RNA number upper case, without spaces (``"w 751 234 567"`` → ``"W751234567"``)."""
    return _SPACES.sub("", text or "").upper()


def is_rna(text: str) -> bool:
    """``W`` and 9 digits (``W2A…``/``W2B…`` for Corsica)."""
    return bool(_RNA.match(normalise_rna(text)))


class MatchKind(StrEnum):
    SURE = "sure"  # same SIRET or same RNA
    POSSIBLE = "possible"  # same normalised holder name and town


class MatchBy(StrEnum):
    SIRET = "siret"
    RNA = "rna"
    NAME = "name"


@dataclass(frozen=True)
class RegistryMatch:
    ref: str  # the dossier
    kind: MatchKind
    by: MatchBy
    laureate: PastLaureate


def laureate_key(laureate: PastLaureate) -> tuple[str, ...]:
    """What makes two registry entries the same laureate (the source apart)."""
    return (
        normalise_siret(laureate.siret),
        normalise_rna(laureate.rna),
        normalise_name(laureate.holder),
        normalise_town(laureate.town),
        laureate.call.strip(),
        laureate.year.strip(),
        str(laureate.amount_cents),
    )


def find_matches(dossier: Dossier, registry: Iterable[PastLaureate]) -> tuple[RegistryMatch, ...]:
    """Every past laureate the dossier matches, sure matches first (SIRET before RNA),
    then possible ones; each laureate once, in the registry's order within a kind."""
    siret = normalise_siret(dossier.siret) if is_siret(dossier.siret) else ""
    rna_text = getattr(dossier, "rna", "")
    rna = normalise_rna(rna_text) if is_rna(rna_text) else ""
    name = normalise_name(dossier.applicant)
    town = normalise_town(dossier.town)
    by_siret: list[RegistryMatch] = []
    by_rna: list[RegistryMatch] = []
    by_name: list[RegistryMatch] = []
    for laureate in registry:
        if siret and is_siret(laureate.siret) and normalise_siret(laureate.siret) == siret:
            by_siret.append(RegistryMatch(dossier.ref, MatchKind.SURE, MatchBy.SIRET, laureate))
        elif rna and is_rna(laureate.rna) and normalise_rna(laureate.rna) == rna:
            by_rna.append(RegistryMatch(dossier.ref, MatchKind.SURE, MatchBy.RNA, laureate))
        elif (
            name
            and town
            and normalise_name(laureate.holder) == name
            and normalise_town(laureate.town) == town
        ):
            by_name.append(RegistryMatch(dossier.ref, MatchKind.POSSIBLE, MatchBy.NAME, laureate))
    return (*by_siret, *by_rna, *by_name)


class FlagState(StrEnum):
    REFUSED = "refused"  # sure match: not admissible
    OVERRIDDEN = "overridden"  # sure match, overridden by the secretariat: admissible
    TO_CHECK = "to_check"  # possible match waiting for a person
    CONFIRMED = "confirmed"  # possible match confirmed: not admissible
    DISMISSED = "dismissed"  # possible match dismissed: admissible


@dataclass(frozen=True)
class RegistryFlag:
    """A dossier that matches the registry: its best match, every match, and where the
    secretariat's ruling leaves it."""

    match: RegistryMatch
    matches: tuple[RegistryMatch, ...]
    state: FlagState
    ruling: Ruling | None = None

    @property
    def ref(self) -> str:
        return self.match.ref

    @property
    def excludes(self) -> bool:
        """The dossier is not admissible (under ``Soutien unique: oui``)."""
        return self.state in (FlagState.REFUSED, FlagState.CONFIRMED)


def flag_dossiers(
    dossiers: Sequence[Dossier],
    registry: Sequence[PastLaureate],
    rulings: Mapping[str, Ruling] | Iterable[Ruling] = (),
) -> dict[str, RegistryFlag]:
    """The flag of each dossier that matches the registry, by reference (input order)."""
    by_ref = rulings if isinstance(rulings, Mapping) else {r.ref: r for r in rulings}
    flags: dict[str, RegistryFlag] = {}
    if not registry:
        return flags
    for dossier in dossiers:
        matches = find_matches(dossier, registry)
        if not matches:
            continue
        best = matches[0]
        ruling = by_ref.get(dossier.ref)
        if ruling is not None and ruling.answers_sure_match() != (best.kind is MatchKind.SURE):
            ruling = None
        if best.kind is MatchKind.SURE:
            state = FlagState.OVERRIDDEN if ruling is not None else FlagState.REFUSED
        elif ruling is None:
            state = FlagState.TO_CHECK
        elif ruling.kind is RulingKind.CONFIRM:
            state = FlagState.CONFIRMED
        else:
            state = FlagState.DISMISSED
        flags[dossier.ref] = RegistryFlag(best, matches, state, ruling)
    return flags


def already_supported_reason(laureate: PastLaureate) -> str:
    """The reason a matched dossier is not admissible: « déjà soutenu (call, year) »
    (stored French, like every reason a secretariat types)."""
    where = ", ".join(part for part in (laureate.call.strip(), laureate.year.strip()) if part)
    return f"déjà soutenu ({where})" if where else "déjà soutenu"
