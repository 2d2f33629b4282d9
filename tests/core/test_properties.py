"""Rules that must hold for every campaign (hypothesis): money is never created,
caps and envelopes are never exceeded, input order never changes a result,
a draw's seed gives its order."""

from __future__ import annotations

import os
import random
from dataclasses import replace
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juryapp.core.engine import compute_results
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    CallRules,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    Juror,
    Mode,
    NoAward,
    Reallocation,
    ReallocationKind,
    Score,
    TieBreakKind,
    TieBreakStep,
    Withdraw,
)
from juryapp.core.results import Results, Status
from juryapp.core.tiebreaks import draw_order

CRITERIA = (
    Criterion("INNO", "Innovation", 3, 5, step=Fraction(1, 2)),
    Criterion("IMPACT", "Impact", 2, 10),
)


@st.composite
def campaigns(draw: st.DrawFn) -> Campaign:
    mode = draw(st.sampled_from(Mode))
    n_categories = draw(st.integers(0, 3))
    categories = tuple(
        Category(
            f"K{i}",
            f"Catégorie {i}",
            envelope_cents=draw(st.integers(0, 60_000)) * 100 if mode is Mode.ENVELOPE else None,
            prizes_cents=tuple(p * 100 for p in draw(st.lists(st.integers(1, 9_000), max_size=3)))
            if mode is Mode.PRIZE
            else (),
            cap_cents=draw(st.one_of(st.none(), st.integers(1_000, 30_000))),
        )
        for i in range(n_categories)
    )
    n_dossiers = draw(st.integers(1, 10))
    dossiers = tuple(
        Dossier(
            f"D{i:02d}",
            f"Projet {i}",
            category=f"K{draw(st.integers(0, n_categories - 1))}" if n_categories else None,
            requested_cents=draw(st.integers(0, 40_000)) * 100,
            eligible_expenses_cents=draw(st.one_of(st.none(), st.integers(0, 90_000))),
            admissible=draw(st.booleans()) or draw(st.booleans()),
        )
        for i in range(n_dossiers)
    )
    jurors = tuple(Juror(f"J{j}", f"Juré {j}") for j in range(draw(st.integers(1, 4))))
    halves = st.integers(0, 10).map(lambda k: Fraction(k, 2))
    scores = []
    for dossier in dossiers:
        for juror in jurors:
            if draw(st.integers(0, 5)) == 0:
                continue
            values = {"INNO": draw(halves), "IMPACT": draw(st.integers(0, 10))}
            if draw(st.integers(0, 12)) == 0:
                del values["IMPACT"]  # an incomplete grid now and then
            scores.append(Score(juror.code, dossier.ref, values))
    chain = draw(
        st.lists(
            st.sampled_from(
                [
                    TieBreakStep(TieBreakKind.CRITERION, "IMPACT"),
                    TieBreakStep(TieBreakKind.MAJORITY_JUDGMENT),
                    TieBreakStep(TieBreakKind.VOTE),
                ]
            ),
            max_size=2,
            unique=True,
        )
    )
    target = draw(st.sampled_from([c.code for c in categories])) if categories else None
    reallocation = draw(
        st.sampled_from(
            [Reallocation(), Reallocation(ReallocationKind.RESERVE)]
            + ([Reallocation(ReallocationKind.CATEGORY, target)] if target else [])
        )
    )
    rules = CallRules(
        name="Propriétés",
        mode=mode,
        envelope_cents=draw(st.integers(0, 150_000)) * 100 if mode is Mode.ENVELOPE else None,
        prizes_cents=tuple(p * 100 for p in draw(st.lists(st.integers(1, 9_000), max_size=4))),
        cap_cents=draw(st.one_of(st.none(), st.integers(0, 40_000).map(lambda x: x * 100))),
        rate=draw(st.one_of(st.none(), st.sampled_from([Fraction(1, 2), Fraction(4, 5)]))),
        floor_cents=draw(st.integers(0, 6_000)) * 100,
        partial_funding=draw(st.booleans()),
        after_miss=draw(st.sampled_from(AfterMiss)),
        cutoff_tie=draw(st.sampled_from(CutoffTie)),
        threshold=draw(st.one_of(st.none(), st.integers(0, 14))),
        aggregation=draw(st.sampled_from(Aggregation)),
        tie_break=tuple(chain),
        reallocation=reallocation,
    )
    decisions = []
    for dossier in dossiers:
        if draw(st.integers(0, 8)) == 0:
            decisions.append(Withdraw(dossier.ref, "désistement"))
    if categories and draw(st.integers(0, 4)) == 0:
        decisions.append(NoAward(categories[0].code, "aucun dossier au niveau"))
    return Campaign(
        rules, CRITERIA, dossiers, jurors, categories, tuple(scores), (), tuple(decisions)
    )


def fingerprint(results: Results) -> list[tuple[object, ...]]:
    return sorted(
        (
            d.ref,
            d.status,
            d.rank,
            d.aggregate,
            d.amount_cents,
            d.entitlement_cents,
            d.tie_group is not None,
        )
        for d in results.dossiers
    )


# A mutation run (JURYAPP_MUTATION, set by `bootstrap.sh mutate`) runs these for every
# mutant: fewer examples keep it short, the same seed keeps it reproducible.
MUTATION_RUN = bool(os.environ.get("JURYAPP_MUTATION"))
SETTINGS = settings(
    max_examples=25 if MUTATION_RUN else 150,
    derandomize=MUTATION_RUN,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(campaigns())
def test_no_pool_awards_more_than_its_envelope_and_money_adds_up(campaign):
    results = compute_results(campaign)
    assert all(d.amount_cents >= 0 for d in results.dossiers)
    for pool in results.pools:
        assert pool.awarded_cents <= pool.envelope_cents + pool.received_cents
        assert pool.unallocated_cents >= 0
    assert sum(p.awarded_cents for p in results.pools) == results.awarded_cents
    assert results.awarded_cents <= results.envelope_cents
    released = sum(p.released_cents for p in results.pools)
    received = sum(p.received_cents for p in results.pools)
    assert received == released


@SETTINGS
@given(campaigns())
def test_no_dossier_gets_more_than_its_entitlement_cap_or_prize(campaign):
    results = compute_results(campaign)
    rules = campaign.rules
    categories = {c.code: c for c in campaign.categories}
    for result in results.dossiers:
        if result.amount_cents == 0:
            assert result.status is not Status.LAUREATE
            continue
        assert result.status is Status.LAUREATE
        if rules.mode is Mode.ENVELOPE:
            assert result.entitlement_cents is not None
            assert result.amount_cents <= result.entitlement_cents
            category = categories.get(result.dossier.category or "")
            cap = (
                category.cap_cents
                if category and category.cap_cents is not None
                else rules.cap_cents
            )
            if cap is not None:
                assert result.amount_cents <= cap
            assert result.amount_cents <= (result.dossier.requested_cents or 0)
            floor = rules.floor_cents
            assert result.amount_cents >= floor
        else:
            prizes = [p for c in campaign.categories for p in c.prizes_cents]
            prizes += list(rules.prizes_cents)
            largest = max(prizes, default=0)
            pools_received = max((p.received_cents for p in results.pools), default=0)
            assert result.amount_cents <= max(largest, pools_received)


@SETTINGS
@given(campaigns(), st.randoms(use_true_random=False))
def test_shuffling_dossiers_jurors_and_scores_changes_nothing(campaign, rng):
    shuffled = replace(
        campaign,
        dossiers=tuple(rng.sample(campaign.dossiers, len(campaign.dossiers))),
        jurors=tuple(rng.sample(campaign.jurors, len(campaign.jurors))),
        scores=tuple(rng.sample(campaign.scores, len(campaign.scores))),
    )
    assert fingerprint(compute_results(shuffled)) == fingerprint(compute_results(campaign))


@SETTINGS
@given(campaigns())
def test_ranks_are_competition_ranks(campaign):
    results = compute_results(campaign)
    by_pool: dict[str | None, list[int]] = {}
    for result in results.dossiers:
        if result.rank is not None:
            by_pool.setdefault(result.pool, []).append(result.rank)
        else:
            assert result.status in (Status.INELIGIBLE, Status.WITHDRAWN, Status.UNSCORED)
    for ranks in by_pool.values():
        ranks.sort()
        for position, rank in enumerate(ranks):
            assert rank <= position + 1
            assert rank == position + 1 or rank == ranks[position - 1]


@given(
    st.lists(st.text(min_size=1, max_size=6), min_size=1, max_size=12, unique=True),
    st.integers(0, 2**64),
)
def test_a_draw_with_the_same_seed_gives_the_same_order(refs, seed):
    order = draw_order(refs, seed)
    assert sorted(order) == sorted(refs)
    assert draw_order(list(reversed(refs)), seed) == order
    assert draw_order(random.Random(seed).sample(refs, len(refs)), seed) == order
