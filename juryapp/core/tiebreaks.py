"""The one registry of tie-break rules: for each rule, how it is written in the
campaign workbook (French keyword, English spellings, a criterion code or not),
how the engine applies it to a tie group, how a step is named in the
explanations, and how the PV words it.

Adding a rule (README, « Ajouter une règle de départage »): a member of
``TieBreakKind`` in ``core/model.py``, an entry in ``RULES`` here, and the English
of its sentences in ``resources/i18n/en-engine.po``. The workbook reader, the
store's codec, the engine, the PV and the workbook's help all read this registry.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from juryapp.core import aggregate as agg
from juryapp.core.model import TieBreakKind, TieBreakStep
from juryapp.core.results import DossierResult
from juryapp.core.texts import Note, Text, text

__all__ = [
    "RULES",
    "Outcome",
    "TieBreakRule",
    "TieContext",
    "compare_majority",
    "draw_order",
    "rule_of",
    "step_from_keyword",
]

Split = list[tuple[str, ...]]


@dataclass(frozen=True)
class TieContext:
    """What a rule reads of the engine's run, besides the tied dossiers' results."""

    criterion_codes: tuple[str, ...]
    value_denominator: int
    normalised: bool  # notes are z-scores (floats), not exact fractions
    warnings: list[Text]


@dataclass(frozen=True)
class Outcome:
    """A tie group's part after one step: its sub-parts in order, best first, and the
    sentence saying how the step split it (None when it split nothing)."""

    split: Split
    description: Text | None


Apply = Callable[[TieBreakStep, Sequence[DossierResult], TieContext], Outcome]


@dataclass(frozen=True)
class TieBreakRule:
    kind: TieBreakKind
    english: tuple[str, ...]  # English spellings accepted in the workbook
    takes_criterion: bool  # written ``keyword:CODE``
    named: Callable[[TieBreakStep], Text]  # the step in a sentence of the explanation
    pv: str  # the PV's wording (a French template, translated by the documents)
    apply: Apply | None  # None: the rule waits for a recorded decision of the jury

    @property
    def keyword(self) -> str:
        return self.kind.value

    @property
    def waits_for_jury(self) -> bool:
        return self.apply is None

    def spelling(self) -> str:
        """How the workbook's help writes it: ``critère:CODE``, ``vote``…"""
        return f"{self.keyword}:CODE" if self.takes_criterion else self.keyword


def draw_order(refs: Iterable[str], seed: int) -> tuple[str, ...]:
    """The order of a draw by lot: by SHA-256 of ``"seed:reference"``, ascending.

    Anyone can recompute it from the seed recorded in the journal and the PV.
    """
    return tuple(sorted(refs, key=lambda ref: hashlib.sha256(f"{seed}:{ref}".encode()).digest()))


def compare_majority(first: DossierResult, second: DossierResult, normalised: bool) -> int:
    """Majority judgment between two dossiers: 1 when ``first`` is above, −1 below, 0 equal."""
    if normalised:
        return agg.compare_majority_values(
            list(first.normalised_notes.values()), list(second.normalised_notes.values())
        )
    return agg.compare_majority_values(
        list(first.note_numerators.values()), list(second.note_numerators.values())
    )


def _by_criterion(
    step: TieBreakStep, members: Sequence[DossierResult], context: TieContext
) -> Outcome:
    """The highest mean on one criterion first."""
    part = tuple(r.ref for r in members)
    code = step.criterion or ""
    if code not in context.criterion_codes:
        context.warnings.append(text("Départage : critère inconnu « {c} ».", c=code))
        return Outcome([part], None)
    index = context.criterion_codes.index(code)
    means = {r.ref: Fraction(r.criterion_sums[index], len(r.note_numerators)) for r in members}
    ordered_values = sorted(set(means.values()), reverse=True)
    split = [tuple(sorted(ref for ref in part if means[ref] == value)) for value in ordered_values]
    if len(split) == 1:
        return Outcome(split, None)
    denominator = context.value_denominator
    return Outcome(
        split,
        text(
            "Départage par le critère {c} (moyenne la plus haute) : {detail}.",
            c=code,
            detail=[
                text("{r} {m}", r=ref, m=Note(means[ref] / denominator))
                for part_ in split
                for ref in part_
            ],
        ),
    )


def _by_majority_judgment(
    step: TieBreakStep, members: Sequence[DossierResult], context: TieContext
) -> Outcome:
    """The better majority value first (notes compared by majority judgment)."""
    normalised = context.normalised

    def descending(first: DossierResult, second: DossierResult) -> int:
        return compare_majority(second, first, normalised)

    ordered = sorted(sorted(members, key=lambda r: r.ref), key=functools.cmp_to_key(descending))
    groups: list[list[DossierResult]] = []
    for result in ordered:
        if groups and compare_majority(groups[-1][-1], result, normalised) == 0:
            groups[-1].append(result)
        else:
            groups.append([result])
    split = [tuple(sorted(r.ref for r in group)) for group in groups]
    if len(split) == 1:
        return Outcome(split, None)
    return Outcome(
        split,
        text(
            "Départage au jugement majoritaire (valeur majoritaire) : {o}.",
            o=[" = ".join(p) for p in split],
        ),
    )


RULES: tuple[TieBreakRule, ...] = (
    TieBreakRule(
        TieBreakKind.CRITERION,
        english=("criterion",),
        takes_criterion=True,
        named=lambda step: text("critère {c}", c=step.criterion or ""),
        pv="moyenne la plus haute au critère {code} ({label})",
        apply=_by_criterion,
    ),
    TieBreakRule(
        TieBreakKind.MAJORITY_JUDGMENT,
        english=("majority judgment", "majority judgement"),
        takes_criterion=False,
        named=lambda step: text("jugement majoritaire"),
        pv="jugement majoritaire (comparaison des valeurs majoritaires)",
        apply=_by_majority_judgment,
    ),
    TieBreakRule(
        TieBreakKind.VOTE,
        english=("vote",),
        takes_criterion=False,
        named=lambda step: text("vote du jury"),
        pv="vote du jury (pour, contre, abstentions ; voix prépondérante du président)",
        apply=None,
    ),
    TieBreakRule(
        TieBreakKind.DRAW,
        english=("draw", "lot"),
        takes_criterion=False,
        named=lambda step: text("tirage au sort"),
        pv="tirage au sort entre tous les dossiers du groupe, à partir d'une graine consignée "
        "au journal (recalculable)",
        apply=None,
    ),
)

_BY_KIND = {rule.kind: rule for rule in RULES}


def rule_of(step: TieBreakStep | TieBreakKind) -> TieBreakRule:
    """The rule of a chain step (or of a kind)."""
    return _BY_KIND[step.kind if isinstance(step, TieBreakStep) else step]


def step_from_keyword(keyword: str) -> TieBreakStep:
    """A step from its stored keyword (``critère:IMPACT``, ``vote``…), as ``keyword()`` has it."""
    head, colon, argument = keyword.partition(":")
    kind = TieBreakKind(head)
    if rule_of(kind).takes_criterion and colon:
        return TieBreakStep(kind, argument)
    return TieBreakStep(TieBreakKind(keyword))
