"""The state of one engine run: the campaign's data, the decisions indexed, and
what every step adds (results, warnings, pending items, tie groups); the pool
parameters and slots the ranking hands to the allocation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from juryapp.core import tiebreaks
from juryapp.core.grid import GridArithmetic
from juryapp.core.model import (
    Campaign,
    Category,
    DrawLots,
    NoAward,
    Normalisation,
    OrderTie,
    SetAmount,
    Withdraw,
)
from juryapp.core.quorum import vote_outcome
from juryapp.core.results import (
    DossierResult,
    Pending,
    TieGroup,
)
from juryapp.core.texts import (
    Text,
    text,
)

Z_TOLERANCE = 1e-9  # under z-score normalisation, ex aequo means equal to 1e-9
CALL_POOL = "appel"
RESERVE_POOL = "réserve"


@dataclass(frozen=True)
class PoolParams:
    """The cap, rate and floor that apply to one pool's dossiers."""

    cap_cents: int | None
    rate: Fraction | None
    floor_cents: int


@dataclass
class Slot:
    """Dossiers that take the next place(s) together: one dossier, or an unbroken tie."""

    refs: tuple[str, ...]
    tie_id: int | None = None
    pending: bool = False


class EngineState:
    """What one run of the engine builds up, shared by every step."""

    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.rules = campaign.rules
        if campaign.rapporteurs is not None:
            # rules §14: the minimum number of scores counts assigned jurors (K at most)
            self.rules = replace(
                self.rules,
                min_scores=min(self.rules.min_scores, campaign.rapporteurs.per_dossier),
            )
        self.grid = GridArithmetic(campaign.criteria, campaign.rules.scale)
        self.categories = {c.code: c for c in campaign.categories}
        self.results: dict[str, DossierResult] = {}
        self.warnings: list[Text] = []
        self.pending: list[Pending] = []
        self.ties: list[TieGroup] = []
        self.withdrawn: dict[str, Withdraw] = {}
        self.amounts: dict[str, SetAmount] = {}
        self.orders: list[OrderTie | DrawLots] = []  # in the order taken
        self.used_orders: set[int] = set()
        self.no_award: dict[str, NoAward] = {}
        self.used_amounts: set[str] = set()
        self.normalised = self.rules.normalisation is Normalisation.ZSCORE
        self.raw_jurors: tuple[str, ...] = ()
        self.tie_context = tiebreaks.TieContext(
            self.grid.codes, self.grid.value_denominator, self.normalised, self.warnings
        )

    # --- decisions -------------------------------------------------------------

    def _index_decisions(self) -> None:
        for decision in self.campaign.decisions:
            if isinstance(decision, Withdraw):
                self.withdrawn[decision.ref] = decision
            elif isinstance(decision, SetAmount):
                self.amounts[decision.ref] = decision
            elif isinstance(decision, OrderTie | DrawLots):
                if (
                    isinstance(decision, OrderTie)
                    and decision.votes is not None
                    and not vote_outcome(decision.votes, self.rules.majority).adopted
                ):
                    self.warnings.append(
                        text(
                            "Ordre {o} ignoré : le vote enregistré ne l'adopte pas.",
                            o=list(decision.refs),
                        )
                    )
                    continue
                self.orders.append(decision)
            elif isinstance(decision, NoAward):
                self.no_award[decision.category] = decision

    def _pool_name(self, pool: str | None) -> Text:
        if pool is None:
            return text("l'appel")
        category = self.categories.get(pool)
        return text("la catégorie « {c} »", c=category.name if category else pool)

    # --- allocation ------------------------------------------------------------

    def _params(self, category: Category | None) -> PoolParams:
        rules = self.rules
        if category is None:
            return PoolParams(rules.cap_cents, rules.rate, rules.floor_cents)
        return PoolParams(
            category.cap_cents if category.cap_cents is not None else rules.cap_cents,
            category.rate if category.rate is not None else rules.rate,
            category.floor_cents if category.floor_cents is not None else rules.floor_cents,
        )

    def _params_of(self, ref: str) -> PoolParams:
        """The cap, rate and floor of a dossier: its category's, else the call's."""
        return self._params(self.categories.get(self.results[ref].pool or ""))
