"""Plain values the deliberation engine takes in: the call's rules, the grid,
the jury, the dossiers, the scores, the recusals and the jury's decisions.

Everything here is immutable and free of Qt and SQL. Money is integer cents;
score values, weights and scales are ``int`` or ``fractions.Fraction``, never
floats. Enum values are the French keywords of the campaign workbook, so that
a setting read from a spreadsheet maps to its enum with ``Enum(value)``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

Number = int | Fraction


class Mode(StrEnum):
    """How the money is shared: fixed prizes per place, or an envelope in rank order."""

    PRIZE = "prix"
    ENVELOPE = "enveloppe"


class Aggregation(StrEnum):
    MEAN = "moyenne"
    MEDIAN = "médiane"
    MAJORITY_JUDGMENT = "jugement majoritaire"


class Normalisation(StrEnum):
    NONE = "aucune"
    ZSCORE = "z-score"


class RateBase(StrEnum):
    ELIGIBLE_EXPENSES = "dépenses éligibles"
    TOTAL_BUDGET = "budget global"


class AfterMiss(StrEnum):
    """What happens after a dossier whose entitlement does not fit the envelope."""

    STOP = "arrêt"
    NEXT = "suivant"


class CutoffTie(StrEnum):
    """How a tie group at the envelope's cut-off shares what is left."""

    PRORATA = "prorata"
    EQUAL = "égal"
    DECISION = "décision"


class QuorumRule(StrEnum):
    HALF = "moitié"  # at least half of voting members, video and represented count
    MAJORITY = "majorité"  # more than half physically present


class MajorityRule(StrEnum):
    CAST = "exprimés"  # abstentions excluded
    PRESENT = "présents"  # majority of members present


class Role(StrEnum):
    PRESIDENT = "président"
    VICE_PRESIDENT = "vice-président"
    MEMBER = "membre"
    RAPPORTEUR = "rapporteur"
    SECRETARY = "secrétaire"


class Attendance(StrEnum):
    PRESENT = "présent"
    VIDEO = "visio"
    REPRESENTED = "représenté"
    ABSENT = "absent"


class Nature(StrEnum):
    GRANT = "subvention"
    REPAYABLE_ADVANCE = "avance remboursable"


class TieBreakKind(StrEnum):
    CRITERION = "critère"
    MAJORITY_JUDGMENT = "jugement majoritaire"
    VOTE = "vote"
    DRAW = "tirage au sort"


@dataclass(frozen=True)
class TieBreakStep:
    kind: TieBreakKind
    criterion: str | None = None  # the criterion code for ``critère:CODE``

    def keyword(self) -> str:
        """The step as written in the workbook (``critère:IMPACT``, ``vote``…)."""
        if self.kind is TieBreakKind.CRITERION:
            return f"critère:{self.criterion}"
        return self.kind.value


class ReallocationKind(StrEnum):
    NONE = "aucune"
    CATEGORY = "catégorie"
    RESERVE = "réserve"


@dataclass(frozen=True)
class Reallocation:
    kind: ReallocationKind = ReallocationKind.NONE
    category: str | None = None  # target category code for ``catégorie:CODE``

    def keyword(self) -> str:
        if self.kind is ReallocationKind.CATEGORY:
            return f"catégorie:{self.category}"
        return self.kind.value


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str
    weight: Number
    max: Number
    min: Number = 0
    step: Number = 1
    threshold: Number | None = None  # minimum mean score on this criterion
    description: str = ""


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    envelope_cents: int | None = None  # its own envelope (envelope mode)
    prizes_cents: tuple[int, ...] = ()  # prize of each place (prize mode)
    cap_cents: int | None = None  # replaces the call's cap when given
    rate: Fraction | None = None  # replaces the call's rate when given
    floor_cents: int | None = None  # replaces the call's floor when given
    nature: Nature = Nature.GRANT


@dataclass(frozen=True)
class CallSession:
    """A selection session (« comité ») of a call that runs over a year (rules §12)."""

    code: str
    name: str
    date: str = ""  # « AAAA-MM-JJ », "" when not given
    envelope_cents: int | None = None  # its own envelope; None: what remains of the year
    sealed: bool = False  # its deliberation is sealed (the others stay open)
    pv_version: int = 1  # the version of its PV (a reopening starts the next)


@dataclass(frozen=True)
class Juror:
    code: str
    name: str
    role: Role = Role.MEMBER
    votes: bool = True
    attendance: Attendance = Attendance.PRESENT
    organisation: str = ""


@dataclass(frozen=True)
class Dossier:
    """A dossier: one attribute per field of the registry ``core.fields`` (its types,
    headers and where it is shown are declared there), then the import's free columns."""

    ref: str
    title: str
    applicant: str = ""
    town: str = ""
    category: str | None = None  # a category code
    requested_cents: int | None = None
    total_budget_cents: int | None = None
    eligible_expenses_cents: int | None = None
    admissible: bool = True
    inadmissible_reason: str = ""
    siret: str = ""
    rna: str = ""  # an association's RNA number (« W » and 9 digits)
    session: str | None = None  # the code of the session it is presented at (rules §12)
    fields: tuple[tuple[str, str], ...] = ()  # free columns of the import, in order


@dataclass(frozen=True)
class Score:
    """One juror's grid for one dossier; a criterion absent from ``values`` is not scored."""

    juror: str
    ref: str
    values: Mapping[str, Number]
    comment: str = ""


@dataclass(frozen=True)
class Recusal:
    juror: str
    ref: str
    reason: str = ""


@dataclass(frozen=True)
class CallRules:
    """The settings of the "Appel" sheet, with the defaults of the rules."""

    name: str
    authority: str = ""
    authority_siret: str = ""  # the authority's SIRET, for the open-data subsidy file
    date: str = ""
    place: str = ""
    mode: Mode = Mode.ENVELOPE
    envelope_cents: int | None = None
    prizes_cents: tuple[int, ...] = ()
    # prize mode: a laureate never receives more than the amount it requested
    prize_capped: bool = True
    cap_cents: int | None = None
    rate: Fraction | None = None
    rate_base: RateBase = RateBase.ELIGIBLE_EXPENSES
    floor_cents: int = 0
    partial_funding: bool = False
    after_miss: AfterMiss = AfterMiss.STOP
    cutoff_tie: CutoffTie = CutoffTie.PRORATA
    scale: int = 20
    threshold: Number | None = None
    aggregation: Aggregation = Aggregation.MEAN
    normalisation: Normalisation = Normalisation.NONE
    tie_break: tuple[TieBreakStep, ...] = ()
    reallocation: Reallocation = field(default_factory=Reallocation)
    quorum: QuorumRule = QuorumRule.HALF
    majority: MajorityRule = MajorityRule.CAST
    min_scores: int = 3
    year: int | None = None  # « Année »: the budget year of the call
    carry_over: bool = False  # « Report » (rules §12)
    minimum_projects: int | None = None  # « Projets minimum » (rules §12)
    supported_once: bool = False  # « Soutien unique » (rules §13)


# --- supported only once (rules §13): the registry of past laureates ------------------


@dataclass(frozen=True)
class PastLaureate:
    """A laureate of an earlier call: who, where, which call and year, how much."""

    siret: str = ""  # 14 digits or ""
    rna: str = ""  # W + 9 digits or ""
    holder: str = ""
    town: str = ""
    call: str = ""
    year: str = ""  # the call's year as written (« 2023 »), "" when unknown
    amount_cents: int | None = None
    source: str = ""  # the list or campaign file it came from


class RulingKind(StrEnum):
    """What the secretariat decided about a dossier's match."""

    OVERRIDE = "override"  # a sure match: the dossier stays admissible (reason required)
    CONFIRM = "confirm"  # a possible match is the same holder: not admissible
    DISMISS = "dismiss"  # a possible match is another holder: nothing changes


@dataclass(frozen=True)
class Ruling:
    """The secretariat's ruling on one dossier's match, with who, when and why."""

    ref: str
    kind: RulingKind
    reason: str = ""
    author: str = ""
    at: str = ""

    def answers_sure_match(self) -> bool:
        """An override answers a sure match; a confirmation or dismissal a possible one
        (a dismissed name match does not clear a SIRET match found later)."""
        return self.kind is RulingKind.OVERRIDE


# --- the jury's decisions -------------------------------------------------------


class VoteChoice(StrEnum):
    FOR = "pour"
    AGAINST = "contre"
    ABSTAIN = "abstention"


@dataclass(frozen=True)
class VoteCount:
    """A vote of the jury: counts, and the president's own vote for a casting vote."""

    for_: int
    against: int
    abstain: int = 0
    president: VoteChoice | None = None


@dataclass(frozen=True)
class OrderTie:
    """The jury orders a tie group, after a vote (or by its own decision)."""

    refs: tuple[str, ...]  # the tied dossiers, in the order decided
    reason: str = ""
    votes: VoteCount | None = None
    session: str | None = None  # the session it was taken in (a call with sessions)


@dataclass(frozen=True)
class DrawLots:
    """A draw by lot over a tie group, reproducible from its recorded seed."""

    refs: tuple[str, ...]
    seed: int
    reason: str = ""
    session: str | None = None  # the session it was taken in (a call with sessions)


@dataclass(frozen=True)
class Withdraw:
    ref: str
    reason: str = ""
    session: str | None = None  # the session it was taken in (a call with sessions)


@dataclass(frozen=True)
class SetAmount:
    ref: str
    amount_cents: int
    reason: str = ""
    session: str | None = None  # the session it was taken in (a call with sessions)


@dataclass(frozen=True)
class NoAward:
    category: str
    reason: str = ""
    session: str | None = None  # the session it was taken in (a call with sessions)


@dataclass(frozen=True)
class CarryOver:
    """« Report » (rules §12): a retained, unfunded dossier carried over to a later
    session, where it is ranked again; decided in its session, with a reason."""

    ref: str
    to_session: str
    reason: str = ""
    session: str | None = None  # the session it was taken in


Decision = OrderTie | DrawLots | Withdraw | SetAmount | NoAward | CarryOver


@dataclass(frozen=True)
class Rapporteurs:
    """Who scores what (rules §14): each dossier's rapporteurs and how they were chosen.

    A dossier in ``open_refs`` (opened to all by the secretariat) may be scored by
    every voting member; a dossier absent from ``by_dossier`` (imported after the
    assignment, or whose rapporteurs all declared a conflict) has none yet.
    """

    per_dossier: int
    by_dossier: tuple[tuple[str, tuple[str, ...]], ...]  # ref → juror codes, in jury order
    max_load: int | None = None
    institutions: int = 1
    seed: str = ""
    method: str = ""
    at: str = ""
    author: str = ""
    open_refs: frozenset[str] = frozenset()
    by_hand: frozenset[tuple[str, str]] = frozenset()  # (juror, ref) designated by hand

    @functools.cached_property
    def _mapping(self) -> dict[str, tuple[str, ...]]:
        return dict(self.by_dossier)

    def of(self, ref: str) -> tuple[str, ...] | None:
        """The rapporteurs of ``ref``, or None when it is open to every voting member."""
        if ref in self.open_refs:
            return None
        return self._mapping.get(ref, ())

    def assigned(self, ref: str) -> tuple[str, ...]:
        """The rapporteurs of ``ref`` (open to all or not)."""
        return self._mapping.get(ref, ())

    def may_score(self, juror: str, ref: str) -> bool:
        jurors = self.of(ref)
        return jurors is None or juror in jurors

    def loads(self) -> dict[str, int]:
        found: dict[str, int] = {}
        for _ref, jurors in self.by_dossier:
            for code in jurors:
                found[code] = found.get(code, 0) + 1
        return found


@dataclass(frozen=True)
class Campaign:
    """Everything the engine needs to compute a deliberation's results."""

    rules: CallRules
    criteria: tuple[Criterion, ...]
    dossiers: tuple[Dossier, ...]
    jurors: tuple[Juror, ...] = ()
    categories: tuple[Category, ...] = ()
    scores: tuple[Score, ...] = ()
    recusals: tuple[Recusal, ...] = ()
    decisions: tuple[Decision, ...] = ()  # in the order they were taken
    rapporteurs: Rapporteurs | None = None  # who scores what (rules §14); None: everyone
    # a call that runs over a year: its sessions, in order (empty: one session)
    sessions: tuple[CallSession, ...] = ()
    # supported only once (rules §13): past laureates and the secretariat's rulings
    past_laureates: tuple[PastLaureate, ...] = ()
    registry_rulings: tuple[Ruling, ...] = ()
    # each session's own attendance (session, juror, attendance); a juror not listed for a
    # session attends as the jury's list says
    session_attendance: tuple[tuple[str, str, Attendance], ...] = ()
