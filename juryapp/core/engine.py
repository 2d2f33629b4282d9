"""The deliberation engine: a ``Campaign`` in, ``Results`` out (rules §2–§9).

Steps, in order: the jury's decisions are indexed; every juror's grid becomes an
exact note (integer arithmetic, see ``GridArithmetic``); notes are normalised
(z-score) and aggregated per dossier; statuses and thresholds are applied;
each pool is ranked with competition ranks and its tie groups are run through
the tie-break chain and the jury's decisions; the money is allocated (prizes or
envelope), unused money is reallocated; quorum and what blocks closing are
listed. Every dossier carries the sentences explaining each step.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from juryapp.core import aggregate as agg
from juryapp.core.grid import GridArithmetic, ScoreValueError, grid_step_message
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Campaign,
    Category,
    CutoffTie,
    DrawLots,
    Mode,
    NoAward,
    Normalisation,
    Number,
    OrderTie,
    RateBase,
    ReallocationKind,
    SetAmount,
    TieBreakKind,
    TieBreakStep,
    Withdraw,
)
from juryapp.core.money import split_equal, split_equal_capped, split_pro_rata
from juryapp.core.quorum import QuorumState, quorum, vote_outcome
from juryapp.core.results import (
    DossierResult,
    Pending,
    PoolResult,
    Results,
    Status,
    TieGroup,
    TieState,
    TieStep,
)
from juryapp.core.texts import (
    Money,
    Note,
    NoteList,
    Percent,
    Text,
    round_half_up,
    text,
)

__all__ = ["Z_TOLERANCE", "compute_results", "draw_order", "entitlement"]

Z_TOLERANCE = 1e-9  # under z-score normalisation, ex aequo means equal to 1e-9
CALL_POOL = "appel"
RESERVE_POOL = "réserve"

_STATUS_ORDER = {
    Status.LAUREATE: 0,
    Status.WAITING: 1,
    Status.NOT_RETAINED: 2,
    Status.UNSCORED: 3,
    Status.WITHDRAWN: 4,
    Status.INELIGIBLE: 5,
}


def compute_results(campaign: Campaign) -> Results:
    """Compute every result of a deliberation from its data and decisions."""
    return _Engine(campaign).run()


def draw_order(refs: Iterable[str], seed: int) -> tuple[str, ...]:
    """The order of a draw by lot: by SHA-256 of ``"seed:reference"``, ascending.

    Anyone can recompute it from the seed recorded in the journal and the PV.
    """
    return tuple(sorted(refs, key=lambda ref: hashlib.sha256(f"{seed}:{ref}".encode()).digest()))


@dataclass(frozen=True)
class _PoolParams:
    cap_cents: int | None
    rate: Fraction | None
    floor_cents: int


def entitlement(
    requested: int | None,
    eligible: int | None,
    total_budget: int | None,
    params: _PoolParams,
    rate_base: RateBase,
) -> tuple[int | None, list[Text]]:
    """``min(requested, cap, ⌊rate × base⌋)`` with the sentence explaining it."""
    terms: list[tuple[int, Text]] = []
    if requested is not None:
        terms.append((requested, text("montant demandé {a}", a=Money(requested))))
    if params.cap_cents is not None:
        terms.append((params.cap_cents, text("plafond {a}", a=Money(params.cap_cents))))
    if params.rate is not None:
        if rate_base is RateBase.ELIGIBLE_EXPENSES and eligible is not None:
            base, template = eligible, "{p} % des dépenses éligibles {b} = {a}"
        elif total_budget is not None:
            base, template = total_budget, "{p} % du budget global {b} = {a}"
        elif eligible is not None:
            base, template = eligible, "{p} % des dépenses éligibles {b} = {a}"
        else:
            base, template = None, ""
        if base is not None:
            amount = params.rate.numerator * base // params.rate.denominator
            percent = Percent(params.rate)
            terms.append(
                (
                    amount,
                    text(template, p=percent, b=Money(base), a=Money(amount)),
                )
            )
    if not terms:
        return None, [text("Aucun montant demandé, plafond ni taux : droit inconnu.")]
    value = min(amount for amount, _ in terms)
    return value, [
        text(
            "Droit = le plus petit de : {terms} → {a}.", terms=[t for _, t in terms], a=Money(value)
        )
    ]


def _chain_step_text(step: TieBreakStep) -> Text:
    if step.kind is TieBreakKind.CRITERION:
        return text("critère {c}", c=step.criterion or "")
    return {
        TieBreakKind.MAJORITY_JUDGMENT: text("jugement majoritaire"),
        TieBreakKind.VOTE: text("vote du jury"),
        TieBreakKind.DRAW: text("tirage au sort"),
    }[step.kind]


@dataclass
class _Slot:
    """Dossiers that take the next place(s) together: one dossier, or an unbroken tie."""

    refs: tuple[str, ...]
    tie_id: int | None = None
    pending: bool = False


class _Engine:
    def __init__(self, campaign: Campaign) -> None:
        self.campaign = campaign
        self.rules = campaign.rules
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

    # --- the whole run ---------------------------------------------------------

    def run(self) -> Results:
        self._index_decisions()
        self._create_results()
        self._compute_notes()
        self._aggregate()
        self._apply_thresholds()
        pool_slots = self._rank_pools()
        pools = self._allocate(pool_slots)
        self._warn_unused_decisions()
        call_quorum = self._quorum()
        self._finish_explanations()
        ordered = self._ordered_results()
        envelope = self._call_envelope(pools)
        return Results(
            rules=self.rules,
            dossiers=ordered,
            ties=self.ties,
            pools=pools,
            pending=self.pending,
            quorum=call_quorum,
            envelope_cents=envelope,
            warnings=self.warnings,
            raw_jurors=self.raw_jurors,
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

    # --- dossiers and notes ----------------------------------------------------

    def _create_results(self) -> None:
        codes = self.grid.codes
        for dossier in sorted(self.campaign.dossiers, key=lambda d: d.ref):
            pool = dossier.category if self.categories else None
            if self.categories and pool is None:
                self.warnings.append(
                    text(
                        "Dossier {r} sans catégorie : il est classé à part et financé sur "
                        "l'enveloppe de l'appel.",
                        r=dossier.ref,
                    )
                )
            if pool is not None and pool not in self.categories:
                self.warnings.append(
                    text("Dossier {r} : catégorie inconnue « {c} ».", r=dossier.ref, c=pool)
                )
            result = DossierResult(
                dossier=dossier,
                pool=pool,
                note_denominator=self.grid.note_denominator,
                value_denominator=self.grid.value_denominator,
                criterion_codes=codes,
            )
            self.results[dossier.ref] = result
            if not dossier.admissible:
                result.status = Status.INELIGIBLE
                result.explanation.append(
                    text("Dossier non recevable : {m}.", m=dossier.inadmissible_reason or "—")
                )
                result.reasons.append(
                    text("non recevable : {m}", m=dossier.inadmissible_reason or "—")
                )
        for recusal in self.campaign.recusals:
            recused_result = self.results.get(recusal.ref)
            if recused_result is not None:
                result = recused_result
                result.recused = (*result.recused, recusal.juror)
                result.explanation.append(
                    text(
                        "{j} s'est déporté(e) ({m}) et n'a pris part ni aux débats ni au vote.",
                        j=recusal.juror,
                        m=recusal.reason or "conflit d'intérêts",
                    )
                )

    def _compute_notes(self) -> None:
        recused = {(r.juror, r.ref) for r in self.campaign.recusals}
        known = {j.code for j in self.campaign.jurors}
        # only voting members score: a non-voting member's grid (an old file, a hand-made
        # store) never enters the aggregates; it is reported once per member
        silent = {j.code for j in self.campaign.jurors if not j.votes}
        ignored: dict[str, list[str]] = {}
        grid = self.grid
        codes = grid.codes
        denominator = grid.value_denominator
        coefficients = grid.integer_coefficients
        offset = grid.offset
        mul = operator.mul

        def scale(value: Number) -> int:
            """A score times the grid's common denominator, or refused when off the step."""
            value_denominator = value.denominator
            if denominator % value_denominator:
                raise ScoreValueError(grid_step_message(value))
            return int(value.numerator * (denominator // value_denominator))

        rows: dict[str, dict[str, list[int]]] = {}
        scaled: list[int]
        incomplete: dict[str, list[str]] = {}
        for score in self.campaign.scores:
            result = self.results.get(score.ref)
            if result is None:
                self.warnings.append(
                    text(
                        "Note ignorée : dossier inconnu « {r} » ({j}).", r=score.ref, j=score.juror
                    )
                )
                continue
            if result.status is Status.INELIGIBLE or not score.values:
                continue
            if (score.juror, score.ref) in recused:
                self.warnings.append(
                    text("Note ignorée : {j} s'est déporté(e) sur {r}.", j=score.juror, r=score.ref)
                )
                continue
            if known and score.juror not in known:
                self.warnings.append(
                    text("Note ignorée : juré inconnu « {j} » ({r}).", j=score.juror, r=score.ref)
                )
                continue
            if score.juror in silent:
                ignored.setdefault(score.juror, []).append(score.ref)
                continue
            get = score.values.__getitem__
            try:
                # ints (most scores) in one comprehension; Fractions through ``scale``
                scaled = [
                    value * denominator if type(value) is int else scale(value)
                    for value in map(get, codes)
                ]
            except KeyError:
                incomplete.setdefault(score.ref, []).append(score.juror)
                continue
            except (ScoreValueError, AttributeError, TypeError) as error:
                self.warnings.append(
                    text(
                        "Note ignorée ({j}, {r}) : {e}.",
                        j=score.juror,
                        r=score.ref,
                        e=str(error) or "note illisible",
                    )
                )
                continue
            result.note_numerators[score.juror] = sum(map(mul, coefficients, scaled)) - offset
            rows.setdefault(score.ref, {})[score.juror] = scaled
        for juror, refs in ignored.items():
            self.warnings.append(
                text(
                    "Notes de {j} ignorées ({r}) : membre sans voix délibérative, seuls les "
                    "membres votants notent.",
                    j=juror,
                    r=sorted(refs),
                )
            )
        for ref, scaled_rows in rows.items():
            columns = zip(*scaled_rows.values(), strict=True)
            self.results[ref].criterion_sums = tuple(sum(column) for column in columns)
        for ref, jurors in incomplete.items():
            result = self.results[ref]
            result.incomplete = tuple(sorted(jurors))
            for juror in result.incomplete:
                result.explanation.append(
                    text("La grille de {j} est incomplète : elle ne compte pas.", j=juror)
                )
            self.pending.append(
                Pending(
                    "incomplete",
                    text("{r} : grille incomplète de {j}", r=ref, j=list(result.incomplete)),
                    (ref,),
                )
            )

    def _aggregate(self) -> None:
        if self.normalised:
            all_notes = {
                (juror, result.ref): Fraction(numerator, result.note_denominator)
                for result in self.results.values()
                for juror, numerator in result.note_numerators.items()
            }
            zscores = agg.zscore_notes(all_notes)
            self.raw_jurors = zscores.raw_jurors
            for juror in zscores.raw_jurors:
                self.warnings.append(
                    text(
                        "Normalisation : {j} a moins de 3 notes ou des notes toutes égales ; "
                        "ses notes restent brutes.",
                        j=juror,
                    )
                )
            for (juror, ref), value in zscores.notes.items():
                self.results[ref].normalised_notes[juror] = value
        how = self.rules.aggregation
        scale = self.rules.scale
        few: list[str] = []
        for result in self.results.values():
            if not result.note_numerators or result.status is Status.INELIGIBLE:
                continue
            count = len(result.note_numerators)
            if self.normalised:
                floats = list(result.normalised_notes.values())
                if how is Aggregation.MEAN:
                    result.aggregate = sum(floats) / count
                elif how is Aggregation.MEDIAN:
                    ordered = sorted(floats)
                    middle = count // 2
                    result.aggregate = (
                        ordered[middle]
                        if count % 2
                        else (ordered[middle - 1] + ordered[middle]) / 2
                    )
                else:
                    result.aggregate = agg.lower_median(floats)
                    result.majority_grade = result.aggregate
                described = text("Après normalisation (z-score), ")
            else:
                numerators = list(result.note_numerators.values())
                denominator = result.note_denominator
                if how is Aggregation.MEAN:
                    result.aggregate = Fraction(sum(numerators), count * denominator)
                elif how is Aggregation.MEDIAN:
                    ordered_ints = sorted(numerators)
                    middle = count // 2
                    if count % 2:
                        result.aggregate = Fraction(ordered_ints[middle], denominator)
                    else:
                        result.aggregate = Fraction(
                            ordered_ints[middle - 1] + ordered_ints[middle], 2 * denominator
                        )
                else:
                    result.aggregate = Fraction(agg.lower_median(numerators), denominator)
                    result.majority_grade = result.aggregate
                described = text("Note retenue : ")
            label = {
                Aggregation.MEAN: text("moyenne"),
                Aggregation.MEDIAN: text("médiane"),
                Aggregation.MAJORITY_JUDGMENT: text("mention majoritaire (médiane inférieure)"),
            }[how]
            result.explanation.append(
                text(
                    "Notes des jurés : {notes}.",
                    notes=NoteList(
                        tuple(sorted(result.note_numerators.items())), result.note_denominator
                    ),
                )
            )
            result.explanation.append(
                text(
                    "{pre}{how} des notes complètes ({n}) : {v} / {s}.",
                    pre=described,
                    how=label,
                    n=count,
                    v=Note(result.aggregate),
                    s=scale,
                )
            )
            if count < self.rules.min_scores:
                result.reasons.append(
                    text("seulement {n} juré(s) sur {m} requis", n=count, m=self.rules.min_scores)
                )
                few.append(result.ref)
        if few:
            self.warnings.append(
                text(
                    "Moins de {m} jurés ont noté : {refs}.",
                    m=self.rules.min_scores,
                    refs=sorted(few),
                )
            )

    def _apply_thresholds(self) -> None:
        threshold = self.rules.threshold
        criteria = [c for c in self.campaign.criteria if c.threshold is not None]
        unscored: list[str] = []
        for ref, withdrawal in self.withdrawn.items():
            result = self.results.get(ref)
            if result is None:
                self.warnings.append(text("Retrait ignoré : dossier inconnu « {r} ».", r=ref))
                continue
            if result.status is not Status.INELIGIBLE:
                result.status = Status.WITHDRAWN
                result.reasons.append(text("retiré : {m}", m=withdrawal.reason or "—"))
                result.explanation.append(
                    text("Retiré par décision du jury : {m}.", m=withdrawal.reason or "—")
                )
        for result in self.results.values():
            if result.status in (Status.INELIGIBLE, Status.WITHDRAWN):
                continue
            if result.aggregate is None:
                result.status = Status.UNSCORED
                result.explanation.append(text("Aucune note complète : dossier non classé."))
                unscored.append(result.ref)
                continue
            failed: list[str] = []
            if threshold is not None and result.aggregate < threshold:
                failed.append("")
                result.reasons.append(
                    text(
                        "note {v} sous le seuil de {t}",
                        v=Note(result.aggregate),
                        t=Fraction(threshold),
                    )
                )
            means = result.criterion_means if criteria else {}
            for criterion in criteria:
                assert criterion.threshold is not None
                if means[criterion.code] < criterion.threshold:
                    failed.append(criterion.code)
                    result.reasons.append(
                        text(
                            "moyenne {m} en {c} sous le seuil de {t}",
                            m=Note(means[criterion.code]),
                            c=criterion.code,
                            t=Fraction(criterion.threshold),
                        )
                    )
            result.failed_thresholds = tuple(failed)
            if failed:
                result.status = Status.NOT_RETAINED
                result.explanation.append(
                    text("Non retenu : {why}.", why=[r for r in result.reasons[-len(failed) :]])
                )
            else:
                result.status = Status.WAITING  # retained; the allocation decides
                if threshold is not None or criteria:
                    result.explanation.append(text("Seuils atteints : dossier retenu."))
        if unscored:
            self.pending.append(
                Pending(
                    "unscored",
                    text(
                        "Dossiers recevables sans aucune note complète : {refs}.",
                        refs=sorted(unscored),
                    ),
                    tuple(sorted(unscored)),
                )
            )

    # --- ranking and ties ------------------------------------------------------

    def _compare(self, first: DossierResult, second: DossierResult) -> int:
        """1 when ``first`` ranks above ``second``, −1 below, 0 ex aequo."""
        a, b = first.aggregate, second.aggregate
        assert a is not None and b is not None
        if isinstance(a, float) or isinstance(b, float):
            if abs(float(a) - float(b)) > Z_TOLERANCE:
                return 1 if a > b else -1
        elif a != b:
            return 1 if a > b else -1
        if self.rules.aggregation is Aggregation.MAJORITY_JUDGMENT:
            return self._compare_majority(first, second)
        return 0

    def _compare_descending(self, first: DossierResult, second: DossierResult) -> int:
        return self._compare(second, first)

    def _compare_majority_descending(self, first: DossierResult, second: DossierResult) -> int:
        return self._compare_majority(second, first)

    def _compare_majority(self, first: DossierResult, second: DossierResult) -> int:
        if self.normalised:
            return agg.compare_majority_values(
                list(first.normalised_notes.values()), list(second.normalised_notes.values())
            )
        return agg.compare_majority_values(
            list(first.note_numerators.values()), list(second.note_numerators.values())
        )

    def _sorted(self, results: list[DossierResult]) -> list[list[DossierResult]]:
        """Results in descending order, as groups of ex aequo."""
        if self.rules.aggregation is Aggregation.MAJORITY_JUDGMENT:
            ordered = sorted(
                sorted(results, key=lambda r: r.ref),
                key=functools.cmp_to_key(self._compare_descending),
            )
        else:
            ordered = sorted(results, key=lambda r: (-r.aggregate, r.ref))  # type: ignore[operator]
        groups: list[list[DossierResult]] = []
        for result in ordered:
            if groups and self._compare(groups[-1][-1], result) == 0:
                groups[-1].append(result)
            else:
                groups.append([result])
        return groups

    def _rank_pools(self) -> dict[str | None, list[_Slot]]:
        pools: dict[str | None, list[DossierResult]] = {}
        for result in self.results.values():
            if result.status in (Status.WAITING, Status.NOT_RETAINED):
                pools.setdefault(result.pool, []).append(result)
        slots_by_pool: dict[str | None, list[_Slot]] = {}
        for pool in sorted(pools, key=lambda p: (p is not None, p or "")):
            slots: list[_Slot] = []
            position = 0
            ranked: list[DossierResult] = []
            for group in self._sorted(pools[pool]):
                retained = [r for r in group if r.status is Status.WAITING]
                others = tuple(sorted(r.ref for r in group if r.status is not Status.WAITING))
                parts: list[tuple[str, ...]] = []
                pending_parts: set[tuple[str, ...]] = set()
                tie_id = None
                if len(retained) >= 2:
                    tie = self._resolve_tie(pool, position + 1, [r.ref for r in retained])
                    tie_id = tie.id
                    parts = list(tie.parts)
                    pending_parts = set(tie.pending_parts)
                elif retained:
                    parts = [(retained[0].ref,)]
                for part in parts:
                    slots.append(
                        _Slot(part, tie_id if len(part) > 1 else None, part in pending_parts)
                    )
                group_rank = position + 1
                for part in parts:
                    for ref in part:
                        result = self.results[ref]
                        result.rank = position + 1
                        result.tie_group = tie_id
                        ranked.append(result)
                    position += len(part)
                for ref in others:  # ex aequo, below a threshold: they share the group's rank
                    result = self.results[ref]
                    result.rank = group_rank
                    ranked.append(result)
                    position += 1
            self._set_decimals(ranked)
            slots_by_pool[pool] = slots
            pool_name = self._pool_name(pool)
            for result in ranked:
                result.explanation.append(
                    text("Rang {k} sur {n} dans {p}.", k=result.rank, n=len(ranked), p=pool_name)
                )
        return slots_by_pool

    def _set_decimals(self, ranked: Sequence[DossierResult]) -> None:
        """Neighbours showing the same rounded note without being tied get more decimals."""
        for first, second in itertools.pairwise(ranked):
            a, b = first.aggregate, second.aggregate
            assert a is not None and b is not None
            if a == b or self._compare(first, second) == 0:
                continue
            decimals = 2
            while decimals < 9 and round_half_up(a, decimals) == round_half_up(b, decimals):
                decimals += 1
            first.decimals = max(first.decimals, decimals)
            second.decimals = max(second.decimals, decimals)

    def _pool_name(self, pool: str | None) -> Text:
        if pool is None:
            return text("l'appel")
        category = self.categories.get(pool)
        return text("la catégorie « {c} »", c=category.name if category else pool)

    def _resolve_tie(self, pool: str | None, rank: int, refs: list[str]) -> TieGroup:
        """Run a tie group through the jury's decisions and the tie-break chain."""
        tie = TieGroup(len(self.ties) + 1, pool, rank, (), TieState.SHARED)
        self.ties.append(tie)
        parts: list[tuple[str, ...]] = [tuple(sorted(refs))]
        pending: set[tuple[str, ...]] = set()
        chain: list[TieBreakStep | None] = [*self.rules.tie_break, None]
        for step in chain:
            new_parts: list[tuple[str, ...]] = []
            for part in parts:
                if len(part) == 1 or part in pending:
                    new_parts.append(part)
                    continue
                if step is None or step.kind in (TieBreakKind.VOTE, TieBreakKind.DRAW):
                    decided = self._decided_order(part, tie)
                    if decided is not None:
                        new_parts.extend((ref,) for ref in decided)
                        continue
                if step is None:
                    new_parts.append(part)
                    continue
                split = self._apply_step(step, part, tie)
                if split is None:
                    pending.add(part)
                    new_parts.append(part)
                else:
                    new_parts.extend(split)
            parts = new_parts
        tie.parts = tuple(parts)
        tie.refs = tuple(ref for part in parts for ref in part)
        tie.pending_parts = tuple(p for p in parts if p in pending)
        if tie.pending_parts:
            tie.state = TieState.PENDING
        elif all(len(part) == 1 for part in parts):
            tie.state = TieState.BROKEN
        else:
            tie.state = TieState.SHARED
        for part in tie.pending_parts:
            waiting_for = next(
                (
                    s
                    for s in self.rules.tie_break
                    if s.kind in (TieBreakKind.VOTE, TieBreakKind.DRAW)
                ),
                None,
            )
            what = (
                text("un tirage au sort")
                if waiting_for and waiting_for.kind is TieBreakKind.DRAW
                else text("un vote du jury")
            )
            self.pending.append(
                Pending(
                    "tie",
                    text(
                        "Égalité au rang {k} dans {p} entre {refs} : en attente d'{what}.",
                        k=rank,
                        p=self._pool_name(pool),
                        refs=list(part),
                        what=what,
                    ),
                    part,
                )
            )
        self._explain_tie(tie)
        return tie

    def _decided_order(self, part: tuple[str, ...], tie: TieGroup) -> tuple[str, ...] | None:
        """The order the jury decided for ``part``: the latest vote or draw that covered
        all its members (a withdrawal since then does not undo it)."""
        members = set(part)
        decision = next((d for d in reversed(self.orders) if members <= set(d.refs)), None)
        if decision is None:
            return None
        self.used_orders.add(id(decision))
        if isinstance(decision, DrawLots):
            order = tuple(r for r in draw_order(decision.refs, decision.seed) if r in members)
            tie.steps.append(
                TieStep(
                    "tirage au sort",
                    text(
                        "Tirage au sort (graine {s}) entre {refs} : {o}.",
                        s=decision.seed,
                        refs=list(part),
                        o=list(order),
                    ),
                    tuple((ref,) for ref in order),
                    decision.seed,
                )
            )
            self._note_departure(decision, tie)
            return order
        order = tuple(r for r in decision.refs if r in members)
        if decision.votes is not None:
            votes = decision.votes
            description = text(
                "Vote du jury ({f} pour, {c} contre, {a} abstention(s)) : ordre {o}. {m}",
                f=votes.for_,
                c=votes.against,
                a=votes.abstain,
                o=list(order),
                m=decision.reason,
            )
        else:
            description = text(
                "Décision du jury : ordre {o}. {m}", o=list(order), m=decision.reason
            )
        tie.steps.append(
            TieStep(
                "vote" if decision.votes else "décision",
                description,
                tuple((ref,) for ref in order),
            )
        )
        self._note_departure(decision, tie)
        return order

    def _note_departure(self, decision: OrderTie | DrawLots, tie: TieGroup) -> None:
        """A draw, or an order decided by the jury, that the declared chain does not provide
        for: the tie's steps say that the jury departed from the chain, and why."""
        kind = TieBreakKind.DRAW if isinstance(decision, DrawLots) else TieBreakKind.VOTE
        if any(step.kind is kind for step in self.rules.tie_break):
            return
        declared: list[Text] = [_chain_step_text(step) for step in self.rules.tie_break]
        tie.steps.append(
            TieStep(
                "hors chaîne",
                text(
                    "Le jury s'est écarté du départage déclaré par l'appel ({c}) : {w}. "
                    "Motif : {m}",
                    c=declared or [text("aucun, les ex aequo partagent le rang")],
                    w=text("tirage au sort")
                    if kind is TieBreakKind.DRAW
                    else text("ordre décidé par le jury"),
                    m=decision.reason or "—",
                ),
                tie.steps[-1].order,
            )
        )

    def _apply_step(
        self, step: TieBreakStep, part: tuple[str, ...], tie: TieGroup
    ) -> list[tuple[str, ...]] | None:
        """The part split by one chain step; None when the step waits for the jury."""
        members = [self.results[ref] for ref in part]
        if step.kind is TieBreakKind.CRITERION:
            code = step.criterion or ""
            if code not in self.grid.codes:
                self.warnings.append(text("Départage : critère inconnu « {c} ».", c=code))
                return [part]
            index = self.grid.codes.index(code)
            means = {
                r.ref: Fraction(r.criterion_sums[index], len(r.note_numerators)) for r in members
            }
            ordered_values = sorted(set(means.values()), reverse=True)
            split = [
                tuple(sorted(ref for ref in part if means[ref] == value))
                for value in ordered_values
            ]
            if len(split) > 1:
                denominator = self.grid.value_denominator
                tie.steps.append(
                    TieStep(
                        step.keyword(),
                        text(
                            "Départage par le critère {c} (moyenne la plus haute) : {detail}.",
                            c=code,
                            detail=[
                                text("{r} {m}", r=ref, m=Note(means[ref] / denominator))
                                for part_ in split
                                for ref in part_
                            ],
                        ),
                        tuple(split),
                    )
                )
            return split
        if step.kind is TieBreakKind.MAJORITY_JUDGMENT:
            groups = self._sorted_by_majority(members)
            split = [tuple(sorted(r.ref for r in group)) for group in groups]
            if len(split) > 1:
                tie.steps.append(
                    TieStep(
                        step.keyword(),
                        text(
                            "Départage au jugement majoritaire (valeur majoritaire) : {o}.",
                            o=[" = ".join(p) for p in split],
                        ),
                        tuple(split),
                    )
                )
            return split
        return None  # vote and draw wait for a recorded decision

    def _sorted_by_majority(self, members: list[DossierResult]) -> list[list[DossierResult]]:
        ordered = sorted(
            sorted(members, key=lambda r: r.ref),
            key=functools.cmp_to_key(self._compare_majority_descending),
        )
        groups: list[list[DossierResult]] = []
        for result in ordered:
            if groups and self._compare_majority(groups[-1][-1], result) == 0:
                groups[-1].append(result)
            else:
                groups.append([result])
        return groups

    def _explain_tie(self, tie: TieGroup) -> None:
        for ref in tie.refs:
            result = self.results[ref]
            others = [r for r in tie.refs if r != ref]
            result.explanation.append(text("Ex aequo au rang {k} avec {o}.", k=tie.rank, o=others))
            for step in tie.steps:
                result.explanation.append(step.description)
            if tie.state is TieState.SHARED:
                result.explanation.append(
                    text("L'égalité n'est pas départagée : le rang est partagé.")
                )

    # --- allocation ------------------------------------------------------------

    def _params(self, category: Category | None) -> _PoolParams:
        rules = self.rules
        if category is None:
            return _PoolParams(rules.cap_cents, rules.rate, rules.floor_cents)
        return _PoolParams(
            category.cap_cents if category.cap_cents is not None else rules.cap_cents,
            category.rate if category.rate is not None else rules.rate,
            category.floor_cents if category.floor_cents is not None else rules.floor_cents,
        )

    def _has_own_money(self, category: Category) -> bool:
        if self.rules.mode is Mode.PRIZE:
            return bool(category.prizes_cents) or category.envelope_cents is not None
        return category.envelope_cents is not None

    def _allocate(self, slots_by_pool: dict[str | None, list[_Slot]]) -> list[PoolResult]:
        rules = self.rules
        pools: list[PoolResult] = []
        order: list[tuple[PoolResult, list[_Slot]]] = []
        merged: list[str | None] = []
        for category in self.campaign.categories:
            slots = slots_by_pool.get(category.code, [])
            if not self._has_own_money(category):
                merged.append(category.code)
                pools.append(
                    PoolResult(
                        category.code,
                        category.name,
                        "category",
                        envelope_cents=0,
                        nature=category.nature,
                    )
                )
                continue
            if rules.mode is Mode.PRIZE:
                envelope = (
                    category.envelope_cents
                    if category.envelope_cents is not None
                    else sum(category.prizes_cents)
                )
            else:
                envelope = category.envelope_cents or 0
            pool = PoolResult(
                category.code,
                category.name,
                "category",
                envelope_cents=envelope,
                nature=category.nature,
                prizes_cents=category.prizes_cents,
            )
            pools.append(pool)
            order.append((pool, slots))
        if not self.categories or merged:
            if rules.mode is Mode.PRIZE and rules.envelope_cents is None:
                envelope = sum(rules.prizes_cents)
            else:
                # an explicit call envelope covers every pool: the categories' own
                # envelopes come out of it
                envelope = rules.envelope_cents or 0
                if self.categories:
                    own = sum(p.envelope_cents for p, _ in order)
                    if rules.envelope_cents is not None and own > rules.envelope_cents:
                        self.warnings.append(
                            text(
                                "Les enveloppes des catégories ({o}) dépassent celle de "
                                "l'appel ({e}).",
                                o=Money(own),
                                e=Money(rules.envelope_cents),
                            )
                        )
                    envelope = max(envelope - own, 0)
            if self.categories:
                sharing = [
                    code for code in merged if not self._refuse_category(code, pools, slots_by_pool)
                ]
                if None in slots_by_pool:
                    sharing.append(None)
                slots = self._merged_slots([slots_by_pool.get(code, []) for code in sharing])
            else:
                slots = slots_by_pool.get(None, [])
            call_pool = PoolResult(
                None, rules.name, "call", envelope_cents=envelope, prizes_cents=rules.prizes_cents
            )
            pools.append(call_pool)
            order.append((call_pool, slots))
            if self.categories and not envelope:
                self.warnings.append(
                    text(
                        "Des catégories n'ont ni enveloppe ni prix propres et "
                        "l'appel n'en a pas : leurs dossiers ne reçoivent rien."
                    )
                )

        realloc = rules.reallocation
        multi = len(order) > 1
        target = None
        if realloc.kind is ReallocationKind.CATEGORY:
            target = next((item for item in order if item[0].code == realloc.category), None)
            if target is None or not multi:
                self.warnings.append(
                    text(
                        "Réaffectation vers « {c} » impossible : cette "
                        "catégorie n'a pas d'enveloppe propre.",
                        c=realloc.category or "",
                    )
                )
                target = None
        released_total = 0
        for item in order:
            if item is target:
                continue
            pool, slots = item
            self._allocate_pool(pool, slots, extra_prizes=())
            if target is not None or (realloc.kind is ReallocationKind.RESERVE and multi):
                left = pool.unallocated_cents
                if left > 0:
                    pool.released_cents += left
                    released_total += left
        if target is not None:
            pool, slots = target
            pool.received_cents = released_total
            extra: tuple[int, ...] = ()
            if rules.mode is Mode.PRIZE and released_total:
                extra = (released_total,)
            self._allocate_pool(pool, slots, extra_prizes=extra)
        elif realloc.kind is ReallocationKind.RESERVE and multi:
            reserve = PoolResult(RESERVE_POOL, "Réserve", "reserve", received_cents=released_total)
            pools.append(reserve)
            self._allocate_reserve(reserve)
        return pools

    def _merged_slots(self, slot_lists: list[list[_Slot]]) -> list[_Slot]:
        """Slots of several categories sharing the call's money, by aggregate.

        Dossiers of different categories are ranked in different pools, so equal
        aggregates across categories are not ex aequo: they come in the order of their
        rank in their own category, then of reference (house rule, stated in the PV).
        Each category's own order, ties and the jury's decisions, is kept.
        """
        leaders = {id(slot): self.results[slot.refs[0]] for slots in slot_lists for slot in slots}
        ordered = [slot for slots in slot_lists for slot in slots]
        ordered.sort(key=lambda slot: (leaders[id(slot)].rank or 0, slot.refs[0]))

        def descending(first: _Slot, second: _Slot) -> int:
            return self._compare(leaders[id(second)], leaders[id(first)])

        ordered.sort(key=functools.cmp_to_key(descending))  # stable: ties keep the order above
        return ordered

    def _params_of(self, ref: str) -> _PoolParams:
        """The cap, rate and floor of a dossier: its category's, else the call's."""
        return self._params(self.categories.get(self.results[ref].pool or ""))

    def _refuse_category(
        self,
        code: str | None,
        pools: list[PoolResult],
        slots_by_pool: dict[str | None, list[_Slot]],
    ) -> bool:
        """Apply "not award a category"; True when the jury did not award ``code``."""
        if code is None or code not in self.no_award:
            return False
        decision = self.no_award[code]
        for pool in pools:
            if pool.code == code:
                pool.no_award = True
        for slot in slots_by_pool.get(code, []):
            for ref in slot.refs:
                result = self.results[ref]
                result.status = Status.NOT_RETAINED
                result.reasons.append(text("catégorie non attribuée par le jury"))
                result.explanation.append(
                    text("Le jury n'attribue pas la catégorie : {m}.", m=decision.reason or "—")
                )
        return True

    def _allocate_pool(
        self, pool: PoolResult, slots: list[_Slot], extra_prizes: tuple[int, ...]
    ) -> None:
        if self._refuse_category(pool.code, [pool], {pool.code: slots}):
            return
        funder = pool.code if pool.kind == "category" and pool.code else CALL_POOL
        if self.rules.mode is Mode.PRIZE:
            prizes = (pool.prizes_cents or self.rules.prizes_cents) + extra_prizes
            awarded = self._walk_prizes(slots, prizes, funder)
        else:
            awarded = self._walk_envelope(slots, pool.envelope_cents + pool.received_cents, funder)
        pool.awarded_cents = awarded

    def _walk_prizes(self, slots: list[_Slot], prizes: tuple[int, ...], funder: str) -> int:
        place = 0
        natural: dict[str, int] = {}
        for slot in slots:
            count = len(slot.refs)
            total = sum(prizes[place : place + count])
            shares = split_equal(total, count)
            capped = self._prize_caps(slot.refs, shares)
            for ref, share in zip(slot.refs, shares, strict=True):
                natural[ref] = capped.get(ref, share)
                result = self.results[ref]
                result.entitlement_cents = None
                result.prize_cents = share if ref in capped else None
                if count > 1 and total:
                    places = f"{place + 1} à {place + count}"
                    result.reasons.append(text("ex aequo : prix des places {p} partagé", p=places))
                    result.explanation.append(
                        text(
                            "Les {n} ex aequo occupent les places {p} et partagent {t} : {a} "
                            "chacun (plus fort reste au centime).",
                            n=count,
                            p=places,
                            t=Money(total),
                            a=Money(share),
                        )
                    )
                elif share:
                    result.explanation.append(
                        text("Prix de la place {p} : {a}.", p=place + 1, a=Money(share))
                    )
                else:
                    result.explanation.append(
                        text("Place {p} : au-delà des prix, liste complémentaire.", p=place + 1)
                    )
                if ref in capped:
                    result.explanation.append(
                        text(
                            "Prix plafonné au montant demandé : {a} au lieu de {p} ; la "
                            "différence ({d}) n'est pas attribuée à ce dossier.",
                            a=Money(capped[ref]),
                            p=Money(share),
                            d=Money(share - capped[ref]),
                        )
                    )
                    result.reasons.append(text("prix plafonné au montant demandé"))
            place += count
        room = sum(prizes) - sum(natural.values())
        self._jury_amounts(tuple(natural), natural, room)
        return self._settle_amounts(natural, funder)

    def _prize_caps(self, refs: Sequence[str], shares: Sequence[int]) -> dict[str, int]:
        """Prize mode with ``prize_capped``: each share above its dossier's requested amount,
        brought down to it (ex aequo each keep at most their own share). What is not awarded
        follows the reallocation rule."""
        if not self.rules.prize_capped:
            return {}
        capped: dict[str, int] = {}
        for ref, share in zip(refs, shares, strict=True):
            requested = self.results[ref].dossier.requested_cents
            if requested is not None and requested < share:
                capped[ref] = requested
        return capped

    def _walk_envelope(self, slots: list[_Slot], envelope: int, funder: str) -> int:
        rules = self.rules
        params_of = self._params_of
        left = envelope
        stopped = False
        natural: dict[str, int] = {}
        for slot in slots:
            entitlements: list[int | None] = []
            params = params_of(slot.refs[0])
            for ref in slot.refs:
                result = self.results[ref]
                dossier = result.dossier
                value, why = entitlement(
                    dossier.requested_cents,
                    dossier.eligible_expenses_cents,
                    dossier.total_budget_cents,
                    params_of(ref),
                    rules.rate_base,
                )
                result.entitlement_cents = value
                result.explanation.extend(why)
                entitlements.append(value)
            if stopped:
                for ref in slot.refs:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Liste complémentaire : l'attribution s'est arrêtée "
                            "au premier dossier qui ne tenait pas (suite : arrêt)."
                        ),
                    )
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            if len(slot.refs) == 1:
                ref = slot.refs[0]
                value = entitlements[0]
                if value is None or value == 0 or value < params.floor_cents:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Droit inférieur au plancher de {f} : rien n'est attribué.",
                            f=Money(params.floor_cents),
                        )
                        if value
                        else text("Droit nul ou inconnu : rien n'est attribué."),
                    )
                    left = self._jury_amounts(slot.refs, natural, left)
                    continue
                if value <= left:
                    natural[ref] = value
                    left -= value
                    self.results[ref].explanation.append(
                        text(
                            "Reçoit son droit, {a} ; reste {l} dans l'enveloppe.",
                            a=Money(value),
                            l=Money(left),
                        )
                    )
                elif rules.partial_funding and left > 0 and left >= params.floor_cents:
                    natural[ref] = left
                    self.results[ref].reasons.append(text("financement partiel"))
                    self.results[ref].explanation.append(
                        text(
                            "Financement partiel : reçoit le reste de l'enveloppe, {a}.",
                            a=Money(left),
                        )
                    )
                    left = 0
                else:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Liste complémentaire : son droit de {a} dépasse le "
                            "reste de l'enveloppe ({l}).",
                            a=Money(value),
                            l=Money(left),
                        ),
                    )
                    if rules.after_miss is AfterMiss.STOP:
                        stopped = True
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            # a tie group
            floors = [params_of(ref).floor_cents for ref in slot.refs]
            known = [
                value if value and value >= floor else 0
                for value, floor in zip(entitlements, floors, strict=True)
            ]
            if sum(known) <= left:
                for ref, value in zip(slot.refs, known, strict=True):
                    natural[ref] = value
                    left -= value
                    if value:
                        self.results[ref].explanation.append(
                            text("Reçoit son droit, {a}.", a=Money(value))
                        )
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            decided = all(ref in self.amounts for ref in slot.refs)
            if decided:  # the jury set every amount of the group: they take what is left
                for ref in slot.refs:
                    natural[ref] = 0
                left = self._jury_amounts(slot.refs, natural, left)
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            if rules.cutoff_tie is CutoffTie.DECISION:
                for ref in slot.refs:
                    natural[ref] = 0
                    self.results[ref].explanation.append(
                        text("Égalité au seuil de l'enveloppe : en attente d'une décision du jury.")
                    )
                self.pending.append(
                    Pending(
                        "tie",
                        text(
                            "Égalité au seuil de l'enveloppe entre {refs} ({l} restants) : en "
                            "attente d'une décision du jury.",
                            refs=list(slot.refs),
                            l=Money(left),
                        ),
                        slot.refs,
                    )
                )
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            shares = self._share_cutoff(left, known, floors)
            if not any(shares) and left >= min(floors) and any(known):
                # no share of what is left reaches the floor: the jury must decide
                for ref in slot.refs:
                    natural[ref] = 0
                self.pending.append(
                    Pending(
                        "tie",
                        text(
                            "Égalité au seuil de l'enveloppe entre {refs} : le reste ({l}) ne "
                            "peut être partagé sans descendre sous le plancher ; décision du "
                            "jury nécessaire.",
                            refs=list(slot.refs),
                            l=Money(left),
                        ),
                        slot.refs,
                    )
                )
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            rule_name = (
                text("au prorata des droits")
                if rules.cutoff_tie is CutoffTie.PRORATA
                else text("à parts égales")
            )
            for ref, share in zip(slot.refs, shares, strict=True):
                natural[ref] = share
                result = self.results[ref]
                result.reasons.append(
                    text("ex aequo au seuil : reste partagé {how}", how=rule_name)
                )
                result.explanation.append(
                    text(
                        "Ex aequo au seuil de l'enveloppe : les {l} restants sont partagés {how} "
                        "(plus fort reste au centime) : {a}.",
                        l=Money(left),
                        how=rule_name,
                        a=Money(share),
                    )
                )
            left -= sum(shares)
            left = self._jury_amounts(slot.refs, natural, left)
            if rules.after_miss is AfterMiss.STOP:
                stopped = True
        return self._settle_amounts(natural, funder)

    def _share_cutoff(self, left: int, entitlements: list[int], floors: list[int]) -> list[int]:
        """What is left, shared by the cut-off rule; a share under the floor is dropped and
        the others share again."""
        active = [i for i, value in enumerate(entitlements) if value > 0]
        while active:
            caps = [entitlements[i] for i in active]
            if self.rules.cutoff_tie is CutoffTie.EQUAL:
                shares = split_equal_capped(left, caps)
            else:
                shares = [min(s, c) for s, c in zip(split_pro_rata(left, caps), caps, strict=True)]
            too_small = [
                i
                for i, share in zip(active, shares, strict=True)
                if share < floors[i] or share == 0
            ]
            if not too_small:
                result = [0] * len(entitlements)
                for i, share in zip(active, shares, strict=True):
                    result[i] = share
                return result
            active = [i for i in active if i not in too_small]
        return [0] * len(entitlements)

    def _miss(self, ref: str, why: Text) -> None:
        self.results[ref].explanation.append(why)

    def _jury_amounts(self, refs: Sequence[str], natural: dict[str, int], left: int) -> int:
        """Put the jury's amounts in place of the natural ones; return what is left.

        A lower amount leaves the difference unused (it follows the reallocation rule);
        a higher one takes from what is left at that point of the walk. An amount that
        breaks the entitlement, the floor or the envelope is flagged and not applied.
        """
        for ref in refs:
            decision = self.amounts.get(ref)
            if decision is None:
                continue
            self.used_amounts.add(ref)
            result = self.results[ref]
            params = self._params_of(ref)
            wanted, current = decision.amount_cents, natural[ref]
            ceiling = self._amount_ceiling(result, params)
            problem: Text | None = None
            if wanted < 0:
                problem = text("{r} : un montant ne peut pas être négatif.", r=ref)
            elif ceiling is not None and wanted > ceiling:
                problem = text(
                    "{r} : le montant fixé ({a}) dépasse le droit ({c}).",
                    r=ref,
                    a=Money(wanted),
                    c=Money(ceiling),
                )
            elif 0 < wanted < params.floor_cents:
                problem = text(
                    "{r} : le montant fixé ({a}) est inférieur au plancher ({f}).",
                    r=ref,
                    a=Money(wanted),
                    f=Money(params.floor_cents),
                )
            elif wanted - current > left:
                problem = text(
                    "{r} : le montant fixé ({a}) dépasse l'enveloppe disponible ({l} de plus "
                    "possible).",
                    r=ref,
                    a=Money(wanted),
                    l=Money(max(left, 0)),
                )
            if problem is not None:
                self.pending.append(Pending("amount", problem, (ref,)))
                continue
            left -= max(wanted - current, 0)
            natural[ref] = wanted
            result.reasons.append(text("montant fixé par le jury"))
            result.explanation.append(
                text(
                    "Montant fixé par le jury à {a} : {m}.",
                    a=Money(wanted),
                    m=decision.reason or "—",
                )
            )
        return left

    def _settle_amounts(self, amounts: dict[str, int], funder: str) -> int:
        """Record the amounts of a pool's walk; return what the pool awards."""
        awarded = 0
        for ref, amount in amounts.items():
            result = self.results[ref]
            result.amount_cents = amount
            awarded += amount
            if amount > 0:
                result.status = Status.LAUREATE
                result.funded_by = funder
        return awarded

    def _amount_ceiling(self, result: DossierResult, params: _PoolParams) -> int | None:
        if self.rules.mode is Mode.ENVELOPE:
            return result.entitlement_cents
        dossier = result.dossier
        value, _ = entitlement(
            dossier.requested_cents,
            dossier.eligible_expenses_cents,
            dossier.total_budget_cents,
            params,
            self.rules.rate_base,
        )
        if params.cap_cents is not None or params.rate is not None:
            return value
        if self.rules.prize_capped and dossier.requested_cents is not None:
            return dossier.requested_cents  # a prize capped at the amount requested
        return None

    def _allocate_reserve(self, reserve: PoolResult) -> None:
        """The reserve funds the best retained unfunded dossiers across categories."""
        candidates = [
            r
            for r in self.results.values()
            if r.status is Status.WAITING and r.amount_cents == 0 and r.ref not in self.amounts
        ]
        if not candidates or not reserve.received_cents:
            return
        slots = [_Slot(tuple(sorted(r.ref for r in group))) for group in self._sorted(candidates)]
        for slot in slots:
            for ref in slot.refs:
                self.results[ref].explanation.append(
                    text("Candidat à la réserve (sommes non utilisées des catégories).")
                )

        if self.rules.mode is Mode.PRIZE:
            reserve.awarded_cents = self._walk_prizes(
                slots, (reserve.received_cents,), RESERVE_POOL
            )
        else:
            reserve.awarded_cents = self._walk_envelope(slots, reserve.received_cents, RESERVE_POOL)

    def _warn_unused_decisions(self) -> None:
        for decision in self.orders:
            if id(decision) not in self.used_orders:
                self.warnings.append(
                    text(
                        "Décision sur {refs} sans effet : ces dossiers ne sont plus ex aequo.",
                        refs=list(decision.refs),
                    )
                )
        for ref in sorted(set(self.amounts) - self.used_amounts):
            self.warnings.append(
                text("Montant fixé pour {r} sans effet : le dossier n'est pas retenu.", r=ref)
            )

    # --- quorum, explanations, order --------------------------------------------

    def _quorum(self) -> QuorumState:
        jurors = self.campaign.jurors
        if not any(j.votes for j in jurors):
            return QuorumState(0, 0, 0, True)
        overall = quorum(jurors, self.rules.quorum)
        if not overall.reached:
            self.pending.append(
                Pending(
                    "quorum",
                    text(
                        "Quorum non atteint : {p} membre(s) comptés sur {r} requis.",
                        p=overall.present,
                        r=overall.required,
                    ),
                )
            )
        for result in self.results.values():
            if result.status in (Status.INELIGIBLE, Status.WITHDRAWN):
                continue
            state = quorum(jurors, self.rules.quorum, result.recused) if result.recused else overall
            result.quorum = state
            if result.recused and overall.reached and not state.reached:
                self.pending.append(
                    Pending(
                        "quorum",
                        text(
                            "{r} : quorum non atteint après déport(s) ({p} sur {q} requis).",
                            r=result.ref,
                            p=state.present,
                            q=state.required,
                        ),
                        (result.ref,),
                    )
                )
        return overall

    def _finish_explanations(self) -> None:
        for result in self.results.values():
            if result.status is Status.LAUREATE:
                result.explanation.append(
                    text("Proposé lauréat : {a}.", a=Money(result.amount_cents))
                )
            elif result.status is Status.WAITING:
                result.explanation.append(text("Retenu, non financé : liste complémentaire."))

    def _ordered_results(self) -> list[DossierResult]:
        pool_order: dict[str | None, int] = {None: -1}
        pool_order.update({c.code: i for i, c in enumerate(self.campaign.categories)})

        def key(result: DossierResult) -> tuple[int, int, int, str]:
            return (
                pool_order.get(result.pool, len(pool_order)),
                _STATUS_ORDER[result.status],
                result.rank if result.rank is not None else 0,
                result.ref,
            )

        return sorted(self.results.values(), key=key)

    def _call_envelope(self, pools: list[PoolResult]) -> int:
        rules = self.rules
        own = sum(p.envelope_cents for p in pools if p.kind in ("category", "call"))
        if rules.mode is Mode.PRIZE and rules.envelope_cents is None:
            return own
        if rules.envelope_cents is not None and self.categories:
            return max(rules.envelope_cents, own)
        return own
