"""Variants of the worked scenarios with scales that do not start at 0 and juries of
even size, computed by hand (exact fractions in the docstrings), through the engine."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from juryapp.core.engine import compute_results
from juryapp.core.model import (
    Aggregation,
    Attendance,
    Criterion,
    Dossier,
    Juror,
    Mode,
    Normalisation,
    QuorumRule,
    Recusal,
    Score,
)
from juryapp.core.results import Status

from .builders import campaign_from_notes, rules

F = Fraction


def lines(result, lang="fr"):
    return [line.render(lang) for line in [*result.explanation, *result.reasons]]


# --- scenario 6 on scales 1–5 and 1–10 -------------------------------------------------------

GRID_6_FROM_ONE = (
    Criterion("INNO", "Caractère innovant", 30, 5, min=1),
    Criterion("IMPACT", "Impact social", 50, 10, min=1),
    Criterion("ANCRAGE", "Ancrage territorial", 20, 5, min=1, step=F(1, 2)),
)


def test_scenario_06_on_scales_from_one():
    """INNO w 30 on 1–5, IMPACT w 50 on 1–10, ANCRAGE w 20 on 1–5 by halves; scores 4 / 7 / 3,5:

        N = 20 × (30 × (4−1)/4 + 50 × (7−1)/9 + 20 × (3,5−1)/4) / 100
          = 20 × (45/2 + 100/3 + 25/2) / 100 = 20 × 205/3 / 100 = 41/3   (13,67)

    J2 scores the bottom of every scale (1 / 1 / 1) -> 0; J3 the top (5 / 10 / 5) -> 20.
    """
    scores = (
        Score("J1", "D1", {"INNO": 4, "IMPACT": 7, "ANCRAGE": F(7, 2)}),
        Score("J2", "D1", {"INNO": 1, "IMPACT": 1, "ANCRAGE": 1}),
        Score("J3", "D1", {"INNO": 5, "IMPACT": 10, "ANCRAGE": 5}),
    )
    campaign = campaign_from_notes({}, criteria=GRID_6_FROM_ONE, dossiers=[Dossier("D1", "P")])
    campaign = type(campaign)(**{**campaign.__dict__, "scores": scores})
    result = compute_results(campaign).dossier("D1")
    assert result.notes == {"J1": F(41, 3), "J2": 0, "J3": 20}
    # mean (41/3 + 0 + 20) / 3 = 101/9
    assert result.aggregate == F(101, 9)


def test_a_score_off_the_half_step_is_ignored_with_a_warning():
    scores = (
        Score("J1", "D1", {"INNO": 4, "IMPACT": 7, "ANCRAGE": F(13, 4)}),
        Score("J2", "D1", {"INNO": 5, "IMPACT": 10, "ANCRAGE": 5}),
    )
    campaign = campaign_from_notes(
        {}, criteria=GRID_6_FROM_ONE, dossiers=[Dossier("D1", "P")], call=rules(min_scores=1)
    )
    campaign = type(campaign)(**{**campaign.__dict__, "scores": scores})
    results = compute_results(campaign)
    assert results.dossier("D1").notes == {"J2": 20}
    assert [w.render("fr") for w in results.warnings] == [
        "Note ignorée (J1, D1) : note 3,25 hors du pas de la grille."
    ]


# --- scenario 12 on a 1–5 scale: per-criterion thresholds ----------------------------------


def test_scenario_12_on_scales_from_one():
    """Three criteria on 1–5, equal weights, threshold 3 each; overall threshold 10/20.
    Every juror scores 5 / 5 / 2,5: N = 20 × (1 + 1 + 1,5/4)/3 = 20 × 19/24 = 95/6 (15,83),
    above 10, but the third criterion's mean 2,5 < 3 -> not retained.
    Scores 5 / 5 / 3: the third mean equals its threshold -> retained (N = 20 × 5/6 = 50/3)."""
    criteria = tuple(
        Criterion(code, code, 1, 5, min=1, step=F(1, 2), threshold=3) for code in ("A", "B", "C")
    )
    dossiers = [Dossier("D1", "un"), Dossier("D2", "deux")]
    scores = tuple(
        Score(juror, ref, {"A": 5, "B": 5, "C": third})
        for juror in ("J1", "J2", "J3", "J4")
        for ref, third in (("D1", F(5, 2)), ("D2", 3))
    )
    call = rules(threshold=10)
    campaign = campaign_from_notes({}, criteria=criteria, dossiers=dossiers, call=call)
    campaign = type(campaign)(**{**campaign.__dict__, "scores": scores})
    results = compute_results(campaign)
    assert results.dossier("D1").aggregate == F(95, 6)
    assert results.dossier("D1").status is Status.NOT_RETAINED
    assert results.dossier("D2").aggregate == F(50, 3)
    assert results.dossier("D2").status is not Status.NOT_RETAINED


# --- even juries: mean, median, majority judgment on a 1–5 scale ----------------------------

# One criterion on 1–5, display scale 20: N = 20 × (s − 1)/4 = 5 × (s − 1).
ONE_TO_FIVE = (Criterion("Q", "Qualité", 1, 5, min=1),)
EVEN_JURY = {
    # scores of J1..J4     notes          sorted          mean   median        lower median
    "D1": [5, 4, 2, 2],  # 20, 15, 5, 5   5, 5, 15, 20    45/4   (5+15)/2 = 10   5
    "D2": [3, 3, 3, 4],  # 10, 10, 10, 15 10,10,10,15     45/4   10              10
    "D3": [1, 3, 4, 5],  # 0, 10, 15, 20  0,10,15,20      45/4   25/2            10
}


def even_jury_results(aggregation):
    call = rules(aggregation=aggregation, mode=Mode.PRIZE, prizes_cents=(500_000,))
    return compute_results(campaign_from_notes(EVEN_JURY, call=call, criteria=ONE_TO_FIVE))


def test_even_jury_under_the_mean_all_three_are_ex_aequo():
    results = even_jury_results(Aggregation.MEAN)
    assert {d.ref: (d.aggregate, d.rank) for d in results.dossiers} == {
        "D1": (F(45, 4), 1),
        "D2": (F(45, 4), 1),
        "D3": (F(45, 4), 1),
    }


def test_even_jury_under_the_median_takes_the_mean_of_the_two_middle_notes():
    """D3 25/2 first; D1 and D2 both 10: ex aequo second (ranks 1, 2, 2)."""
    results = even_jury_results(Aggregation.MEDIAN)
    assert {d.ref: (d.aggregate, d.rank) for d in results.dossiers} == {
        "D3": (F(25, 2), 1),
        "D1": (10, 2),
        "D2": (10, 2),
    }
    assert "Note retenue : médiane des notes complètes (4) : 12,50 / 20." in lines(
        results.dossier("D3")
    )
    assert "Notes des jurés : J1 0,00 ; J2 10,00 ; J3 15,00 ; J4 20,00." in lines(
        results.dossier("D3")
    )


def test_even_jury_under_majority_judgment():
    """Majority grades (lower median, index 1 of 4): D1 5, D2 10, D3 10.
    D2 and D3 share the grade 10; majority values (remove the lower median, repeat):
    D2 [10,10,10,15] -> (10, 10, 10, 15); D3 [0,10,15,20] -> (10, 15, 0, 20).
    Second term 15 > 10: D3 before D2, then D1."""
    results = even_jury_results(Aggregation.MAJORITY_JUDGMENT)
    by_ref = {d.ref: d for d in results.dossiers}
    assert {ref: d.aggregate for ref, d in by_ref.items()} == {"D1": 5, "D2": 10, "D3": 10}
    assert {ref: d.rank for ref, d in by_ref.items()} == {"D3": 1, "D2": 2, "D1": 3}
    assert by_ref["D3"].amount_cents == 500_000
    assert (
        "Note retenue : mention majoritaire (médiane inférieure) des notes complètes (4) : "
        "10,00 / 20." in lines(by_ref["D3"])
    )


# --- z-scores with an even count under the median -------------------------------------------


def test_zscore_median_with_an_even_count():
    """One criterion on 1–11, N = 20 × (s − 1)/10 = 2 × (s − 1); scores 8 / 7 / 6 give
    notes 14 / 12 / 10. Four jurors each give 14, 12, 10 to the three dossiers in a different
    order, so each juror has mean 12, sample sd 2, and z = +1, 0, −1.

        J1: D1 +1, D2 0, D3 −1      J2: D2 +1, D3 0, D1 −1
        J3: D1 +1, D3 0, D2 −1      J4: D1 +1, D2 0, D3 −1

    All twelve notes: mean 12, sample variance (4 × 4 + 4 × 4)/11 = 32/11, σ = √(32/11).
    Median of four z per dossier (mean of the two middle ones):
    D1 [−1, 1, 1, 1] -> 1; D2 [−1, 0, 0, 1] -> 0; D3 [−1, −1, 0, 0] -> −1/2.
    Aggregates 12 + σ, 12, 12 − σ/2."""
    to_score = {14: 8, 12: 7, 10: 6}
    plan = {
        "D1": [14, 10, 14, 14],
        "D2": [12, 14, 10, 12],
        "D3": [10, 12, 12, 10],
    }
    notes = {ref: [to_score[n] for n in row] for ref, row in plan.items()}
    call = rules(aggregation=Aggregation.MEDIAN, normalisation=Normalisation.ZSCORE)
    criteria = (Criterion("Q", "Qualité", 1, 11, min=1),)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=criteria))
    sigma = math.sqrt(32 / 11)
    aggregates = {d.ref: d.aggregate for d in results.dossiers}
    assert aggregates["D1"] == pytest.approx(12 + sigma, rel=1e-12)
    assert aggregates["D2"] == pytest.approx(12, rel=1e-12)
    assert aggregates["D3"] == pytest.approx(12 - sigma / 2, rel=1e-12)
    assert [d.ref for d in sorted(results.dossiers, key=lambda d: d.rank)] == ["D1", "D2", "D3"]
    assert results.dossier("D1").notes == {"J1": 14, "J2": 10, "J3": 14, "J4": 14}


def test_zscore_mean_and_majority_with_an_even_count():
    """Same plan. Mean of z: D1 (1−1+1+1)/4 = 1/2, D2 0, D3 −1/2 -> 12 + σ/2, 12, 12 − σ/2.
    Lower median of z: D1 1 (index 1 of [−1,1,1,1]), D2 0, D3 −1."""
    to_score = {14: 8, 12: 7, 10: 6}
    plan = {"D1": [14, 10, 14, 14], "D2": [12, 14, 10, 12], "D3": [10, 12, 12, 10]}
    notes = {ref: [to_score[n] for n in row] for ref, row in plan.items()}
    criteria = (Criterion("Q", "Qualité", 1, 11, min=1),)
    sigma = math.sqrt(32 / 11)
    mean = compute_results(
        campaign_from_notes(
            notes,
            call=rules(aggregation=Aggregation.MEAN, normalisation=Normalisation.ZSCORE),
            criteria=criteria,
        )
    )
    assert mean.dossier("D1").aggregate == pytest.approx(12 + sigma / 2, rel=1e-12)
    assert mean.dossier("D3").aggregate == pytest.approx(12 - sigma / 2, rel=1e-12)
    majority = compute_results(
        campaign_from_notes(
            notes,
            call=rules(
                aggregation=Aggregation.MAJORITY_JUDGMENT, normalisation=Normalisation.ZSCORE
            ),
            criteria=criteria,
        )
    )
    assert majority.dossier("D1").aggregate == pytest.approx(12 + sigma, rel=1e-12)
    assert majority.dossier("D2").aggregate == pytest.approx(12, rel=1e-12)
    assert majority.dossier("D3").aggregate == pytest.approx(12 - sigma, rel=1e-12)


# --- floors at the envelope's cut-off ---------------------------------------------------------


def envelope(rows, envelope_cents, floor_cents, **settings):
    """rows: (ref, score on 1–5, requested euros). One juror; N = 5 × (s − 1)."""
    call = rules(
        mode=Mode.ENVELOPE,
        envelope_cents=envelope_cents,
        floor_cents=floor_cents,
        min_scores=1,
        **settings,
    )
    dossiers = [Dossier(ref, ref, requested_cents=euros * 100) for ref, _, euros in rows]
    return compute_results(
        campaign_from_notes(
            {ref: [score] for ref, score, _ in rows},
            call=call,
            dossiers=dossiers,
            criteria=ONE_TO_FIVE,
        )
    )


def amounts(results):
    return {d.ref: d.amount_cents for d in results.dossiers}


def test_partial_funding_when_what_is_left_equals_the_floor():
    """Envelope 25 000, floor 5 000, partial funding. A (5/5) takes 20 000; 5 000 are left,
    exactly the floor: B (4/5, entitled to 15 000) receives the 5 000. One cent less in the
    envelope: 4 999,99 < floor, B goes to the waiting list."""
    rows = [("A", 5, 20_000), ("B", 4, 15_000)]
    at_floor = envelope(rows, 2_500_000, 500_000, partial_funding=True)
    assert amounts(at_floor) == {"A": 2_000_000, "B": 500_000}
    assert "financement partiel" in lines(at_floor.dossier("B"))
    below = envelope(rows, 2_499_999, 500_000, partial_funding=True)
    assert amounts(below) == {"A": 2_000_000, "B": 0}
    assert below.dossier("B").status is Status.WAITING


def test_an_entitlement_equal_to_the_floor_is_awarded():
    """Floor 5 000: B entitled to exactly 5 000 receives it; C entitled to 4 999,99 does not
    (« an amount below the floor is never awarded »), and D after it is still funded (the
    miss of C is not a lack of money)."""
    call_rows = [("A", 5, 10_000), ("B", 4, 5_000), ("C", 3, 4_999), ("D", 2, 6_000)]
    results = envelope(call_rows, 10_000_000, 500_000)
    assert amounts(results) == {"A": 1_000_000, "B": 500_000, "C": 0, "D": 600_000}
    assert "Droit inférieur au plancher de 5\u202f000,00\u00a0€ : rien n'est attribué." in lines(
        results.dossier("C")
    )


def test_a_tie_at_the_cut_off_shared_exactly_at_the_floor():
    """Envelope 30 000, floor 5 000. A (5/5) takes 20 000; B and C tie (4/5), each entitled
    to 15 000; 10 000 left shared pro rata 15/30 each: 5 000 and 5 000, each exactly the
    floor: both kept."""
    rows = [("A", 5, 20_000), ("B", 4, 15_000), ("C", 4, 15_000)]
    results = envelope(rows, 3_000_000, 500_000)
    assert amounts(results) == {"A": 2_000_000, "B": 500_000, "C": 500_000}
    assert (
        "Ex aequo au seuil de l'enveloppe : les 10\u202f000,00\u00a0€ restants sont partagés "
        "au prorata des droits (plus fort reste au centime) : 5\u202f000,00\u00a0€."
        in lines(results.dossier("B"))
    )


def test_a_tie_share_one_cent_under_the_floor_is_dropped_and_the_rest_shared_again():
    """Same with 29 999,99 in the envelope: 9 999,99 left; pro rata 5 000,00 / 4 999,99 (the
    odd cent to B, first in reference order). C's share is under the floor: dropped; B alone
    takes min(9 999,99, 15 000) = 9 999,99."""
    rows = [("A", 5, 20_000), ("B", 4, 15_000), ("C", 4, 15_000)]
    results = envelope(rows, 2_999_999, 500_000)
    assert amounts(results) == {"A": 2_000_000, "B": 999_999, "C": 0}


def test_a_tie_member_entitled_to_exactly_the_floor_counts_in_the_group():
    """Envelope 100 000, floor 5 000: B and C tie, entitled to 5 000 and 4 999; B's equals
    the floor and is funded, C's is below it and gets nothing."""
    rows = [("A", 5, 20_000), ("B", 4, 5_000), ("C", 4, 4_999)]
    results = envelope(rows, 10_000_000, 500_000)
    assert amounts(results) == {"A": 2_000_000, "B": 500_000, "C": 0}


def test_a_tie_whose_shares_all_fall_under_the_floor_waits_for_the_jury():
    """Envelope 28 000, floor 5 000: 8 000 left for B and C entitled to 15 000 each:
    4 000 each, under the floor; dropping one leaves B alone? No: both shares are under
    the floor, so both drop and nothing can be shared: the jury decides (pending)."""
    rows = [("A", 5, 20_000), ("B", 4, 15_000), ("C", 4, 15_000)]
    results = envelope(rows, 2_800_000, 500_000)
    assert amounts(results) == {"A": 2_000_000, "B": 0, "C": 0}
    assert [p.kind for p in results.pending] == ["tie"]


# --- quorum in the engine: even juries, both rules, recusals -------------------------------


def quorum_results(rule, attendances, recusals=()):
    jurors = tuple(
        Juror(f"J{i + 1}", f"Juré {i + 1}", attendance=a) for i, a in enumerate(attendances)
    )
    notes = {"D1": [4, 4, 4, 4], "D2": [3, 3, 3, 3]}
    return compute_results(
        campaign_from_notes(
            notes,
            call=rules(quorum=rule),
            criteria=ONE_TO_FIVE,
            jurors=jurors,
            recusals=recusals,
        )
    )


def test_engine_quorum_of_an_even_jury_under_both_rules():
    """4 voting members, 2 present and 2 absent: moitié needs 2 -> reached; majorité needs
    3 -> not reached, pending with its message."""
    present, absent = Attendance.PRESENT, Attendance.ABSENT
    half = quorum_results(QuorumRule.HALF, [present, present, absent, absent])
    assert half.quorum.reached and not [p for p in half.pending if p.kind == "quorum"]
    majority = quorum_results(QuorumRule.MAJORITY, [present, present, absent, absent])
    assert not majority.quorum.reached
    assert [p.detail.render("fr") for p in majority.pending if p.kind == "quorum"] == [
        "Quorum non atteint : 2 membre(s) comptés sur 3 requis."
    ]


def test_engine_quorum_lost_on_one_dossier_after_a_recusal():
    """5 members: J1–J3 in the room, J4 by video, J5 absent; J1 recused on D2.
    moitié: overall 4 counted ≥ 3; on D2 (J2–J5, 4 members) 3 counted ≥ 2: reached.
    majorité: overall 3 in the room ≥ 5/2 + 1 = 3: reached; on D2 2 in the room
    < 4/2 + 1 = 3: D2 alone is pending."""
    present, absent = Attendance.PRESENT, Attendance.ABSENT
    attendances = [present, present, present, Attendance.VIDEO, absent]
    recusals = (Recusal("J1", "D2", "conflit"),)
    half = quorum_results(QuorumRule.HALF, attendances, recusals)
    assert half.dossier("D2").quorum.reached
    assert not [p for p in half.pending if p.kind == "quorum"]
    majority = quorum_results(QuorumRule.MAJORITY, attendances, recusals)
    assert majority.quorum.reached
    assert majority.dossier("D1").quorum.reached
    assert not majority.dossier("D2").quorum.reached
    assert [p.detail.render("fr") for p in majority.pending if p.kind == "quorum"] == [
        "D2 : quorum non atteint après déport(s) (2 sur 3 requis)."
    ]
