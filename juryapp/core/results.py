"""What the engine gives back: per-dossier results, tie groups, pools, pending items.

Everything is recomputed from the campaign's data and decisions; nothing here
is ever stored as truth.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from juryapp.core.model import CallRules, Dossier, Nature
from juryapp.core.quorum import QuorumState
from juryapp.core.texts import Text

__all__ = [
    "DossierResult",
    "Pending",
    "PoolResult",
    "Results",
    "Status",
    "TieGroup",
    "TieState",
    "TieStep",
]


class Status(StrEnum):
    LAUREATE = "laureate"
    WAITING = "waiting"
    NOT_RETAINED = "not_retained"
    INELIGIBLE = "ineligible"
    WITHDRAWN = "withdrawn"
    UNSCORED = "unscored"


STATUS_LABELS_FR = {
    Status.LAUREATE: "lauréat",
    Status.WAITING: "liste complémentaire",
    Status.NOT_RETAINED: "non retenu",
    Status.INELIGIBLE: "non recevable",
    Status.WITHDRAWN: "retiré",
    Status.UNSCORED: "non noté",
}


class TieState(StrEnum):
    BROKEN = "broken"
    SHARED = "shared"
    PENDING = "pending"


@dataclass
class DossierResult:
    dossier: Dossier
    pool: str | None  # category code, or None for the call
    status: Status = Status.UNSCORED
    rank: int | None = None
    aggregate: Fraction | float | None = None
    decimals: int = 2  # decimals needed to tell it from its neighbours
    note_numerators: dict[str, int] = field(default_factory=dict)  # complete notes × denominator
    note_denominator: int = 1
    normalised_notes: dict[str, float] = field(default_factory=dict)  # z-score only
    criterion_sums: tuple[int, ...] = ()  # sum over counted jurors of value × value_denominator
    value_denominator: int = 1
    criterion_codes: tuple[str, ...] = ()
    incomplete: tuple[str, ...] = ()  # jurors whose grid is incomplete
    recused: tuple[str, ...] = ()
    majority_grade: Fraction | float | None = None
    tie_group: int | None = None
    amount_cents: int = 0
    funded_by: str | None = None  # the pool whose money it receives (category, call, reserve)
    entitlement_cents: int | None = None
    prize_cents: int | None = None  # prize mode: its prize (share) when capped at its request
    reasons: list[Text] = field(default_factory=list)
    explanation: list[Text] = field(default_factory=list)
    quorum: QuorumState | None = None
    failed_thresholds: tuple[str, ...] = ()  # "" for the overall threshold, else criterion codes

    @property
    def ref(self) -> str:
        return self.dossier.ref

    @property
    def jurors(self) -> int:
        """How many jurors' complete notes count."""
        return len(self.note_numerators)

    @property
    def notes(self) -> dict[str, Fraction]:
        """Each counted juror's exact note, on the display scale."""
        return {
            juror: Fraction(numerator, self.note_denominator)
            for juror, numerator in sorted(self.note_numerators.items())
        }

    @property
    def criterion_means(self) -> dict[str, Fraction]:
        """Mean score per criterion over the counted jurors."""
        count = len(self.note_numerators)
        if not count:
            return {}
        return {
            code: Fraction(total, count * self.value_denominator)
            for code, total in zip(self.criterion_codes, self.criterion_sums, strict=True)
        }


@dataclass(frozen=True)
class TieStep:
    kind: str  # the chain step keyword, or "décision" / "vote" / "tirage au sort"
    description: Text
    order: tuple[tuple[str, ...], ...]  # the group's parts after the step
    seed: int | None = None


@dataclass
class TieGroup:
    id: int
    pool: str | None
    rank: int
    refs: tuple[str, ...]  # in the order resolved (parts flattened)
    state: TieState
    steps: list[TieStep] = field(default_factory=list)
    parts: tuple[tuple[str, ...], ...] = ()  # ordered parts; a part of 2+ stays ex aequo
    pending_parts: tuple[tuple[str, ...], ...] = ()  # parts waiting for a vote or a draw


@dataclass
class PoolResult:
    code: str | None  # category code; None for the call; "réserve" for the reserve
    name: str
    kind: str  # "category", "call" or "reserve"
    envelope_cents: int = 0
    received_cents: int = 0  # reallocated into this pool
    released_cents: int = 0  # reallocated out of this pool
    awarded_cents: int = 0
    nature: Nature = Nature.GRANT
    no_award: bool = False
    prizes_cents: tuple[int, ...] = ()

    @property
    def unallocated_cents(self) -> int:
        return self.envelope_cents + self.received_cents - self.released_cents - self.awarded_cents


@dataclass(frozen=True)
class Pending:
    kind: str  # "tie", "quorum", "incomplete", "amount"
    detail: Text
    refs: tuple[str, ...] = ()


@dataclass
class Results:
    rules: CallRules
    dossiers: list[DossierResult]  # pool by pool, in the order of cli.md
    ties: list[TieGroup]
    pools: list[PoolResult]  # categories (or the call), then the reserve if any
    pending: list[Pending]
    quorum: QuorumState
    envelope_cents: int
    warnings: list[Text] = field(default_factory=list)
    raw_jurors: tuple[str, ...] = ()  # kept raw under z-score normalisation

    @property
    def awarded_cents(self) -> int:
        return sum(d.amount_cents for d in self.dossiers)

    @property
    def unallocated_cents(self) -> int:
        return self.envelope_cents - self.awarded_cents

    def dossier(self, ref: str) -> DossierResult:
        for result in self.dossiers:
            if result.ref == ref:
                return result
        raise KeyError(ref)

    def by_ref(self) -> dict[str, DossierResult]:
        return {d.ref: d for d in self.dossiers}

    @property
    def can_close(self) -> bool:
        return not self.pending
