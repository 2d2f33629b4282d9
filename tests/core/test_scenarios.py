"""The engine cases of shared/domain/scenarios.md, one test each (6–23)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from juryapp.core.agreement import icc
from juryapp.core.engine import compute_results
from juryapp.core.model import (
    Aggregation,
    Attendance,
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    DrawLots,
    Juror,
    MajorityRule,
    Mode,
    Normalisation,
    OrderTie,
    QuorumRule,
    Reallocation,
    ReallocationKind,
    Recusal,
    Score,
    TieBreakKind,
    TieBreakStep,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.core.quorum import quorum, vote_outcome
from juryapp.core.results import Status, TieState
from juryapp.core.tiebreaks import draw_order
from tests.plugin.campaigns import campaign_from_notes, rules

GRID_6 = (
    Criterion("INNO", "Caractère innovant", 30, 5),
    Criterion("IMPACT", "Impact social", 50, 20),
    Criterion("ANCRAGE", "Ancrage territorial", 20, 10),
)


def test_scenario_06_weighted_note_is_exact():
    campaign = campaign_from_notes({}, criteria=GRID_6, dossiers=[Dossier("D1", "Projet")])
    campaign = type(campaign)(
        **{
            **campaign.__dict__,
            "scores": (Score("J1", "D1", {"INNO": 4, "IMPACT": 15, "ANCRAGE": 5}),),
        }
    )
    result = compute_results(campaign).dossier("D1")
    assert result.notes == {"J1": Fraction(143, 10)}
    assert result.aggregate == Fraction(143, 10)


def test_scenario_07_incomplete_grid_counts_for_nothing_and_blocks_closing():
    campaign = campaign_from_notes({}, criteria=GRID_6, dossiers=[Dossier("D1", "Projet")])
    campaign = type(campaign)(
        **{
            **campaign.__dict__,
            "scores": (
                Score("J1", "D1", {"INNO": 4, "IMPACT": 15}),
                Score("J2", "D1", {"INNO": 5, "IMPACT": 20, "ANCRAGE": 10}),
            ),
        }
    )
    results = compute_results(campaign)
    result = results.dossier("D1")
    assert result.incomplete == ("J1",)
    assert result.jurors == 1 and result.aggregate == 20
    assert [p.kind for p in results.pending] == ["incomplete"]
    assert not results.can_close


def test_scenario_08_recused_juror_is_left_out():
    campaign = campaign_from_notes(
        {"D5": [10, 12, 20], "D6": [8, 8, 8]},
        recusals=[Recusal("J3", "D5", "membre du conseil d'administration")],
    )
    results = compute_results(campaign)
    d5 = results.dossier("D5")
    assert d5.aggregate == 11 and d5.jurors == 2 and d5.recused == ("J3",)
    assert any("J3 s'est déporté" in str(line) for line in d5.explanation)
    assert any("déporté(e) sur D5" in str(w) for w in results.warnings)


def test_scenario_09_majority_judgment_by_majority_value():
    campaign = campaign_from_notes(
        {"A": [7, 11, 9, 9, 11], "B": [8, 11, 9, 9, 10]},
        call=rules(aggregation=Aggregation.MAJORITY_JUDGMENT),
    )
    results = compute_results(campaign)
    assert results.dossier("A").rank == 1 and results.dossier("B").rank == 2


def test_scenario_10_majority_judgment_mieux_voter_example():
    notes = {
        "Pizza": [0, 0, 0, 1, 1, 2, 2, 3, 3, 3],
        "Chips": [0, 0, 1, 1, 2, 2, 2, 2, 3, 3],
        "Pasta": [0, 0, 1, 1, 1, 2, 2, 3, 3, 3],
        "Bread": [0, 0, 1, 1, 1, 1, 2, 2, 2, 3],
    }
    campaign = campaign_from_notes(
        notes,
        call=rules(aggregation=Aggregation.MAJORITY_JUDGMENT),
        criteria=(Criterion("Q", "Mention", 1, 3),),
    )
    results = compute_results(campaign)
    ranking = sorted(notes, key=lambda ref: results.dossier(ref).rank)
    assert ranking == ["Chips", "Pasta", "Pizza", "Bread"]


def test_scenario_11_zscore_flips_the_ranking():
    notes = {"D1": [18, None], "D2": [None, 13], "D3": [16, 8], "D4": [14, 4]}
    raw = compute_results(campaign_from_notes(notes))
    assert raw.dossier("D1").rank < raw.dossier("D2").rank
    normalised = compute_results(
        campaign_from_notes(notes, call=rules(normalisation=Normalisation.ZSCORE, min_scores=1))
    )
    assert normalised.dossier("D2").rank < normalised.dossier("D1").rank
    d1, d2 = normalised.dossier("D1"), normalised.dossier("D2")
    assert d1.normalised_notes["J1"] == pytest.approx(raw_mu_sigma(notes) + 1.0 * sigma(notes))
    assert d2.aggregate > d1.aggregate


def raw_mu_sigma(notes):
    values = [v for row in notes.values() for v in row if v is not None]
    return sum(values) / len(values)


def sigma(notes):
    values = [v for row in notes.values() for v in row if v is not None]
    mean = sum(values) / len(values)
    return (sum((v - mean) ** 2 for v in values) / (len(values) - 1)) ** 0.5


def test_scenario_12_per_criterion_threshold():
    criteria = tuple(
        Criterion(code, code, 1, 5, step=Fraction(1, 2), threshold=3) for code in ("A", "B", "C")
    )
    campaign = campaign_from_notes({}, criteria=criteria, dossiers=[Dossier("D1", "Projet")])
    scores = tuple(Score(j, "D1", {"A": 5, "B": 5, "C": Fraction(5, 2)}) for j in ("J1", "J2"))
    campaign = type(campaign)(
        **{**campaign.__dict__, "scores": scores, "rules": rules(threshold=10)}
    )
    result = compute_results(campaign).dossier("D1")
    assert result.aggregate == Fraction(50, 3)
    assert result.status is Status.NOT_RETAINED
    assert result.failed_thresholds == ("C",)


def prize_campaign(notes, prizes, **settings):
    return campaign_from_notes(
        notes, call=rules(mode=Mode.PRIZE, prizes_cents=tuple(p * 100 for p in prizes), **settings)
    )


def test_scenario_13_two_tied_second_share_places_two_and_three():
    results = compute_results(
        prize_campaign({"A": [18], "B": [15], "C": [15], "D": [12]}, [5000, 3000, 2000])
    )
    amounts = {d.ref: d.amount_cents for d in results.dossiers}
    assert amounts == {"A": 500_000, "B": 250_000, "C": 250_000, "D": 0}
    assert results.dossier("B").rank == results.dossier("C").rank == 2
    assert results.dossier("D").rank == 4 and results.dossier("D").status is Status.WAITING
    assert results.awarded_cents == 1_000_000
    assert results.ties[0].state is TieState.SHARED


def test_scenario_14_three_tied_first_for_one_prize():
    results = compute_results(prize_campaign({"C": [17], "A": [17], "B": [17]}, [10_000]))
    assert [d.amount_cents for d in results.dossiers if d.status is Status.LAUREATE] == [
        333_334,
        333_333,
        333_333,
    ]
    assert results.dossier("A").amount_cents == 333_334  # ranking, then reference order


def two_criteria_tie(impact_a, impact_b):
    criteria = (Criterion("INNO", "Innovation", 1, 10), Criterion("IMPACT", "Impact", 1, 10))
    campaign = campaign_from_notes(
        {}, criteria=criteria, dossiers=[Dossier("A", "a"), Dossier("B", "b")]
    )
    scores = (
        Score("J1", "A", {"INNO": 10 - impact_a, "IMPACT": impact_a}),
        Score("J1", "B", {"INNO": 10 - impact_b, "IMPACT": impact_b}),
    )
    chain = (TieBreakStep(TieBreakKind.CRITERION, "IMPACT"), TieBreakStep(TieBreakKind.DRAW))
    return type(campaign)(
        **{**campaign.__dict__, "scores": scores, "rules": rules(tie_break=chain, min_scores=1)}
    )


def test_scenario_15_criterion_then_draw():
    results = compute_results(two_criteria_tie(7, 6))
    assert [results.dossier(r).rank for r in "AB"] == [1, 2]
    tie = results.ties[0]
    assert tie.state is TieState.BROKEN and tie.steps[0].kind == "critère:IMPACT"

    campaign = two_criteria_tie(6, 6)
    pending = compute_results(campaign)
    assert pending.ties[0].state is TieState.PENDING
    assert [p.kind for p in pending.pending] == ["tie"]

    seed = 20261122
    drawn = type(campaign)(**{**campaign.__dict__, "decisions": (DrawLots(("A", "B"), seed),)})
    first = compute_results(drawn)
    again = compute_results(drawn)
    order = draw_order(["A", "B"], seed)
    assert first.ties[0].state is TieState.BROKEN
    assert first.ties[0].steps[-1].seed == seed
    assert [first.dossier(r).rank for r in order] == [1, 2]
    assert [again.dossier(r).rank for r in order] == [1, 2]


def test_scenario_16_vote_keeps_the_tie_pending_until_decided():
    chain = (TieBreakStep(TieBreakKind.VOTE),)
    notes = {"A": [16], "B": [16], "C": [12]}
    pending = compute_results(campaign_from_notes(notes, call=rules(tie_break=chain)))
    assert pending.ties[0].state is TieState.PENDING
    assert pending.pending[0].kind == "tie" and pending.pending[0].refs == ("A", "B")
    assert not pending.can_close
    decided = compute_results(
        campaign_from_notes(
            notes,
            call=rules(tie_break=chain),
            decisions=[OrderTie(("B", "A"), "vote du jury", VoteCount(5, 2, 1))],
        )
    )
    assert decided.ties[0].state is TieState.BROKEN
    assert (decided.dossier("B").rank, decided.dossier("A").rank) == (1, 2)
    assert "5 pour, 2 contre, 1 abstention" in str(decided.ties[0].steps[0].description)
    assert decided.can_close


ENVELOPE_17 = [
    # ref, note, requested, eligible expenses
    ("P1", Fraction(35, 2), 20_000, 60_000),
    ("P2", Fraction(84, 5), 15_000, 40_000),
    ("P3", 16, 10_000, 30_000),
    ("P4", Fraction(76, 5), 18_000, 30_000),
    ("P5", Fraction(149, 10), 14_000, 50_000),
    ("P6", Fraction(141, 10), 25_000, 30_000),
    ("P7", 13, 15_000, 30_000),
    ("P8", Fraction(25, 2), 15_000, 30_000),
    ("P9", 11, 15_000, 30_000),
]


def envelope_campaign(rows, *, decisions=(), **settings):
    call = rules(
        mode=Mode.ENVELOPE,
        envelope_cents=10_000_000,
        cap_cents=1_500_000,
        rate=Fraction(1, 2),
        floor_cents=500_000,
        threshold=12,
        **settings,
    )
    dossiers = [
        Dossier(
            ref, f"Projet {ref}", requested_cents=req * 100, eligible_expenses_cents=eligible * 100
        )
        for ref, _, req, eligible in rows
    ]
    return campaign_from_notes(
        {ref: [note] for ref, note, _, _ in rows},
        call=call,
        dossiers=dossiers,
        decisions=decisions,
        criteria=(Criterion("Q", "Qualité", 1, 20, step=Fraction(1, 10)),),
    )


def test_scenario_17_envelope_in_strict_order():
    results = compute_results(envelope_campaign(ENVELOPE_17))
    amounts = {d.ref: d.amount_cents // 100 for d in results.dossiers}
    assert amounts == {
        "P1": 15_000,
        "P2": 15_000,
        "P3": 10_000,
        "P4": 15_000,
        "P5": 14_000,
        "P6": 15_000,
        "P7": 15_000,
        "P8": 0,
        "P9": 0,
    }
    assert results.dossier("P8").status is Status.WAITING
    assert results.dossier("P9").status is Status.NOT_RETAINED
    assert results.awarded_cents == 9_900_000 and results.unallocated_cents == 100_000


def cutoff_campaign(entitled, rule):
    rows = [
        ("A", 18, 84_000, 168_000),
        ("B", 15, entitled[0], 100_000),
        ("C", 15, entitled[1], 100_000),
    ]
    call = rules(mode=Mode.ENVELOPE, envelope_cents=10_000_000, cutoff_tie=rule)
    dossiers = [Dossier(r, r, requested_cents=req * 100) for r, _, req, _ in rows]
    return campaign_from_notes({r: [n] for r, n, _, _ in rows}, call=call, dossiers=dossiers)


def test_scenario_18_tie_at_the_cut_off():
    prorata = compute_results(cutoff_campaign((15_000, 9_000), CutoffTie.PRORATA))
    assert (prorata.dossier("B").amount_cents, prorata.dossier("C").amount_cents) == (
        1_000_000,
        600_000,
    )
    decision = compute_results(cutoff_campaign((15_000, 9_000), CutoffTie.DECISION))
    assert [p.kind for p in decision.pending] == ["tie"]
    assert decision.dossier("B").amount_cents == 0
    equal_rights = compute_results(cutoff_campaign((15_000, 15_000), CutoffTie.PRORATA))
    assert (equal_rights.dossier("B").amount_cents, equal_rights.dossier("C").amount_cents) == (
        800_000,
        800_000,
    )


def test_scenario_19_withdrawal_funds_the_first_of_the_waiting_list():
    results = compute_results(
        envelope_campaign(ENVELOPE_17, decisions=[Withdraw("P2", "désistement du porteur")])
    )
    assert results.dossier("P2").status is Status.WITHDRAWN
    assert results.dossier("P2").rank is None
    assert results.dossier("P8").amount_cents == 1_500_000
    assert results.dossier("P8").status is Status.LAUREATE
    assert results.awarded_cents == 9_900_000


def categories_20(realloc):
    categories = (
        Category("EMERG", "Émergence", envelope_cents=1_000_000),
        Category("DEV", "Développement", envelope_cents=2_000_000),
    )
    dossiers = [
        Dossier("E1", "e", category="EMERG", requested_cents=800_000),
        Dossier("D1", "d1", category="DEV", requested_cents=1_500_000),
        Dossier("D2", "d2", category="DEV", requested_cents=1_000_000),
    ]
    call = rules(mode=Mode.ENVELOPE, threshold=10, reallocation=realloc)
    return campaign_from_notes(
        {"E1": [8], "D1": [16], "D2": [14]}, call=call, dossiers=dossiers, categories=categories
    )


def test_scenario_20_unused_category_money():
    kept = compute_results(categories_20(Reallocation()))
    emergence = next(p for p in kept.pools if p.code == "EMERG")
    assert emergence.awarded_cents == 0 and emergence.unallocated_cents == 1_000_000
    assert kept.dossier("D2").amount_cents == 0 and kept.dossier("D2").status is Status.WAITING
    moved = compute_results(categories_20(Reallocation(ReallocationKind.CATEGORY, "DEV")))
    development = next(p for p in moved.pools if p.code == "DEV")
    assert development.received_cents == 1_000_000
    assert moved.dossier("D2").amount_cents == 1_000_000
    assert moved.unallocated_cents == 500_000


def test_scenario_21_quorum_rules():
    jurors = [
        Juror(f"J{i}", f"Juré {i}", attendance=Attendance.PRESENT if i <= 5 else Attendance.ABSENT)
        for i in range(1, 11)
    ]
    assert quorum(jurors, QuorumRule.HALF).reached
    assert not quorum(jurors, QuorumRule.MAJORITY).reached


def test_scenario_22_votes():
    votes = VoteCount(4, 3, 2)
    assert vote_outcome(votes, MajorityRule.CAST).adopted
    assert not vote_outcome(votes, MajorityRule.PRESENT).adopted
    casting = vote_outcome(VoteCount(4, 4, 0, president=VoteChoice.FOR), MajorityRule.CAST)
    assert casting.adopted and casting.casting_vote


def test_scenario_23_intraclass_correlations():
    table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    result = icc(table)
    assert round(result.icc_1_1, 3) == 0.166
    assert round(result.icc_2_1, 3) == 0.290
    assert round(result.icc_3_1, 3) == 0.715
