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
    CutoffTie,
    Dossier,
    Juror,
    Mode,
    Normalisation,
    QuorumRule,
    Recusal,
    Score,
)
from juryapp.core.quorum import QuorumState
from juryapp.core.results import Status
from tests.plugin.campaigns import campaign_from_notes, rules

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


def test_zscore_median_with_an_odd_count():
    """One criterion on 1–11 (N = 2 × (s − 1)); three jurors each give 14, 12, 10:
        J1: D1 14, D2 12, D3 10    J2: D1 14, D2 10, D3 12    J3: D2 14, D3 12, D1 10
    Each juror: mean 12, sd 2, z = +1, 0, −1. All nine notes: mean 12, sample variance
    6 × 4/8 = 3, σ = √3. Median of three z (the middle one):
    D1 [−1, 1, 1] -> 1; D2 [−1, 0, 1] -> 0; D3 [−1, 0, 0] -> 0.  Aggregates 12 + σ, 12, 12."""
    to_score = {14: 8, 12: 7, 10: 6}
    plan = {"D1": [14, 14, 10], "D2": [12, 10, 14], "D3": [10, 12, 12]}
    notes = {ref: [to_score[n] for n in row] for ref, row in plan.items()}
    call = rules(aggregation=Aggregation.MEDIAN, normalisation=Normalisation.ZSCORE)
    criteria = (Criterion("Q", "Qualité", 1, 11, min=1),)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=criteria))
    assert results.dossier("D1").aggregate == pytest.approx(12 + math.sqrt(3), rel=1e-12)
    assert results.dossier("D2").aggregate == pytest.approx(12, rel=1e-12)
    assert results.dossier("D3").aggregate == pytest.approx(12, rel=1e-12)
    # the same normalised note: ex aequo
    assert {d.ref: d.rank for d in results.dossiers} == {"D1": 1, "D2": 2, "D3": 2}


def test_zscore_on_a_half_point_scale_from_one():
    """One criterion on 1–5 by halves: N = 5 × (s − 1), exact notes in halves (the engine
    keeps them as numerators over 2). Scores 4 / 3,5 / 3 give 15 / 12,5 / 10, the same plan
    as above: each juror has mean 12,5, sd 2,5, z = +1, 0, −1. All twelve notes: mean 12,5,
    sample variance (4 × 6,25 × 2)/11 = 50/11. J5 scores two dossiers only: kept raw, said.
    Medians: D1 12,5 + σ, D2 12,5, D3 12,5 − σ/2 (σ over the twelve normalised notes and
    J5's two raw notes 15 and 10: mean 12,5 again, variance (50 + 2 × 6,25)/13 = 62,5/13)."""
    to_score = {15: 4, F(25, 2): F(7, 2), 10: 3}
    plan = {
        "D1": [15, 10, 15, 15, 15],
        "D2": [F(25, 2), 15, 10, F(25, 2), None],
        "D3": [10, F(25, 2), F(25, 2), 10, 10],
    }
    notes = {
        ref: [to_score[n] if n is not None else None for n in row] for ref, row in plan.items()
    }
    call = rules(aggregation=Aggregation.MEDIAN, normalisation=Normalisation.ZSCORE)
    criteria = (Criterion("Q", "Qualité", 1, 5, min=1, step=F(1, 2)),)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=criteria))
    sigma = math.sqrt(62.5 / 13)
    # D1: J1–J4 z = [1, −1, 1, 1], J5 raw 15 (σ ≈ 2,19):
    # sorted [12,5 − σ, 12,5 + σ, 12,5 + σ, 12,5 + σ, 15]: the middle one, 12,5 + σ
    assert results.dossier("D1").aggregate == pytest.approx(12.5 + sigma, rel=1e-12)
    # D2: four notes, z's [0, 1, −1, 0] -> (12,5 + 12,5)/2
    assert results.dossier("D2").aggregate == pytest.approx(12.5, rel=1e-12)
    # D3: z's [−1, 0, 0, −1] and J5 raw 10: sorted [10, 12,5 − σ, 12,5 − σ, 12,5, 12,5]
    assert results.dossier("D3").aggregate == pytest.approx(12.5 - sigma, rel=1e-12)
    assert results.raw_jurors == ("J5",)
    assert [w.render("fr") for w in results.warnings] == [
        "Normalisation : J5 a moins de 3 notes ou des notes toutes égales ; "
        "ses notes restent brutes."
    ]


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
    assert majority.dossier("D1").majority_grade == majority.dossier("D1").aggregate
    assert {d.ref: d.rank for d in majority.dossiers} == {"D1": 1, "D2": 2, "D3": 3}


# --- floors at the envelope's cut-off ---------------------------------------------------------


def envelope(rows, envelope_cents, floor_cents, unit=100, **settings):
    """rows: (ref, score on 1–5, requested euros, or cents with unit=1). One juror;
    N = 5 × (s − 1)."""
    call = rules(
        mode=Mode.ENVELOPE,
        envelope_cents=envelope_cents,
        floor_cents=floor_cents,
        min_scores=1,
        **settings,
    )
    dossiers = [Dossier(ref, ref, requested_cents=euros * unit) for ref, _, euros in rows]
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
    4 000 each, both under the floor, both dropped: the jury decides (pending)."""
    rows = [("A", 5, 20_000), ("B", 4, 15_000), ("C", 4, 15_000)]
    results = envelope(rows, 2_800_000, 500_000)
    assert amounts(results) == {"A": 2_000_000, "B": 0, "C": 0}
    assert [p.kind for p in results.pending] == ["tie"]


@pytest.mark.parametrize(
    ("entitled", "expected"),
    [
        # 16 000 left, entitled 15 000 and 9 000: 8 000 each
        ((15_000, 9_000), (800_000, 800_000)),
        # entitled 15 000 and 5 000: 5 000 is capped, the other takes the 11 000 left over
        ((15_000, 5_000), (1_100_000, 500_000)),
    ],
)
def test_scenario_18_equal_sharing_at_the_cut_off(entitled, expected):
    """Envelope 100 000; A (5/5) takes 84 000; B and C tie (4/5) with 16 000 left,
    `Égalité au seuil` = égal: equal shares, none above its entitlement (water-filling)."""
    rows = [("A", 5, 84_000), ("B", 4, entitled[0]), ("C", 4, entitled[1])]
    results = envelope(rows, 10_000_000, 0, cutoff_tie=CutoffTie.EQUAL)
    assert (results.dossier("B").amount_cents, results.dossier("C").amount_cents) == expected
    assert "ex aequo au seuil : reste partagé à parts égales" in lines(results.dossier("B"))


def test_an_equal_share_under_the_floor_is_dropped_and_the_rest_shared_again():
    """16 000 left, floor 9 000, égal: 8 000 each, both under the floor, both dropped:
    what is left cannot be shared without going under the floor, the jury decides."""
    rows = [("A", 5, 84_000), ("B", 4, 15_000), ("C", 4, 15_000)]
    results = envelope(rows, 10_000_000, 900_000, cutoff_tie=CutoffTie.EQUAL)
    assert (results.dossier("B").amount_cents, results.dossier("C").amount_cents) == (0, 0)
    assert [p.kind for p in results.pending] == ["tie"]


def test_the_last_cent_at_the_cut_off_goes_to_the_first_of_the_tie():
    """No floor. Envelope 200,01 €: A takes 200 €; B and C tie, entitled to 100 € each,
    and share 1 cent: pro rata 1/2 each, the cent to B (reference order); C's share of 0
    is dropped. Entitlements of 1 cent each share the same cent the same way."""
    rows = [("A", 5, 200), ("B", 4, 100), ("C", 4, 100)]
    assert amounts(envelope(rows, 20_001, 0)) == {"A": 20_000, "B": 1, "C": 0}
    cents = [("A", 5, 20_000), ("B", 4, 1), ("C", 4, 1)]
    assert amounts(envelope(cents, 20_001, 0, unit=1)) == {"A": 20_000, "B": 1, "C": 0}


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
    assert [p.refs for p in majority.pending if p.kind == "quorum"] == [("D2",)]


# --- odd juries on a half-point scale, and a dossier nobody scored -------------------------

HALF_POINTS = (Criterion("Q", "Qualité", 1, 5, min=1, step=F(1, 2)),)


@pytest.mark.parametrize(
    ("aggregation", "expected", "label"),
    [
        # scores 3,5 / 5 / 1,5 -> notes 5 × (s − 1) = 25/2, 20, 5/2; mean (25/2 + 20 + 5/2)/3 = 35/3
        (Aggregation.MEAN, F(35, 3), "moyenne"),
        # sorted 5/2, 25/2, 20: the middle one
        (Aggregation.MEDIAN, F(25, 2), "médiane"),
        # lower median of three: index 1, the same middle one
        (Aggregation.MAJORITY_JUDGMENT, F(25, 2), "mention majoritaire (médiane inférieure)"),
    ],
)
def test_odd_jury_on_a_half_point_scale_and_an_unscored_dossier(aggregation, expected, label):
    """D0 comes first and nobody scored it: it is left unranked, and D1 after it is still
    aggregated. D1: J1 3,5, J2 5, J3 1,5 on 1–5 by halves."""
    notes = {"D0": [None, None, None], "D1": [F(7, 2), 5, F(3, 2)]}
    call = rules(aggregation=aggregation)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=HALF_POINTS))
    d0, d1 = results.dossier("D0"), results.dossier("D1")
    assert (d0.aggregate, d0.rank, d0.status) == (None, None, Status.UNSCORED)
    assert [line.render() for line in d0.explanation] == [
        "Aucune note complète : dossier non classé."
    ]
    assert (d1.aggregate, d1.rank) == (expected, 1)
    if aggregation is Aggregation.MAJORITY_JUDGMENT:
        assert d1.majority_grade == F(25, 2)
    shown = f"{expected.numerator / expected.denominator:.2f}".replace(".", ",")
    assert [line.render() for line in d1.explanation][:2] == [
        "Notes des jurés : J1 12,50 ; J2 20,00 ; J3 2,50.",
        f"Note retenue : {label} des notes complètes (3) : {shown} / 20.",
    ]


def test_the_explanation_says_when_notes_were_normalised():
    """Three jurors, three dossiers, each juror 15 / 12,5 / 10 in a different order:
    every juror's z's are +1, 0, −1. D1 gets z = [1, 1, 0] (mean 2/3)."""
    to_score = {15: 4, F(25, 2): F(7, 2), 10: 3}
    plan = {"D1": [15, 15, F(25, 2)], "D2": [F(25, 2), 10, 15], "D3": [10, F(25, 2), 10]}
    notes = {ref: [to_score[n] for n in row] for ref, row in plan.items()}
    call = rules(normalisation=Normalisation.ZSCORE)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=HALF_POINTS))
    sigma = math.sqrt((3 * 6.25 * 2) / 8)  # nine notes: three each of 15, 12,5, 10
    aggregate = 12.5 + sigma * 2 / 3
    assert results.dossier("D1").aggregate == pytest.approx(aggregate, rel=1e-12)
    shown = f"{aggregate:.2f}".replace(".", ",")
    assert (
        f"Après normalisation (z-score), moyenne des notes complètes (3) : {shown} / 20."
        in lines(results.dossier("D1"))
    )


def test_without_a_jury_list_the_quorum_is_not_in_question():
    """No voting member recorded (scores only, or only non-voting members): nothing to
    count, the quorum is reached with 0 of 0 and nothing is pending for it."""
    for jurors in ((), (Juror("S", "Secrétaire", votes=False),)):
        results = compute_results(
            campaign_from_notes({"D1": [4, 4, 4]}, criteria=ONE_TO_FIVE, jurors=jurors)
        )
        assert results.quorum == QuorumState(0, 0, 0, True)
        assert not [p for p in results.pending if p.kind == "quorum"]


def test_too_few_jurors_is_said_on_the_dossier_and_in_the_warnings():
    """At least 3 jurors required (default): D1 and D3 have 2 notes each, D2 has 3."""
    notes = {"D1": [4, 5, None], "D2": [3, 3, 3], "D3": [None, 2, 2]}
    results = compute_results(campaign_from_notes(notes, criteria=ONE_TO_FIVE))
    assert "seulement 2 juré(s) sur 3 requis" in lines(results.dossier("D1"))
    assert not any("requis" in line for line in lines(results.dossier("D2")))
    assert [w.render("fr") for w in results.warnings] == ["Moins de 3 jurés ont noté : D1, D3."]


def test_a_dossier_out_of_the_deliberation_does_not_stop_the_quorum_of_the_next():
    """D1 is not admissible and comes first: D2 after it still gets its quorum state."""
    dossiers = [
        Dossier("D1", "un", admissible=False, inadmissible_reason="hors délai"),
        Dossier("D2", "deux"),
    ]
    jurors = (Juror("J1", "A"), Juror("J2", "B"), Juror("J3", "C"))
    results = compute_results(
        campaign_from_notes(
            {"D1": [4, 4, 4], "D2": [4, 4, 4]},
            criteria=ONE_TO_FIVE,
            dossiers=dossiers,
            jurors=jurors,
        )
    )
    assert results.dossier("D2").quorum == QuorumState(3, 2, 3, True)


# --- scenarios 9, 10, 13, 14 and 17 on scales from one with even juries -------------------

# One criterion on 1–10, display scale 20: N = 20 × (s − 1)/9.
ONE_TO_TEN = (Criterion("Q", "Qualité", 1, 10, min=1),)


def test_scenario_09_with_an_even_jury_on_a_scale_from_one():
    """Six jurors on 1–10. A [3,8,5,6,8,5] and B [4,8,5,6,7,5] have the same Σ(s − 1) = 29,
    so the same mean N = 20 × 29/54 = 290/27, and the same median s = (5 + 6)/2, N = 20 × 4,5/9
    = 10. Majority values (lower
    median of 6 at index 2, then m+1, m−1, m+2, m−2, m+3):
        A sorted [3,5,5,6,8,8] -> (5, 6, 5, 8, 3, 8)
        B sorted [4,5,5,6,7,8] -> (5, 6, 5, 7, 4, 8)
    The fourth term decides: 8 > 7, A before B. Majority grade 5 on both: N = 20 × 4/9."""
    notes = {"A": [3, 8, 5, 6, 8, 5], "B": [4, 8, 5, 6, 7, 5]}

    def ranked(aggregation):
        call = rules(aggregation=aggregation)
        results = compute_results(campaign_from_notes(notes, call=call, criteria=ONE_TO_TEN))
        return {d.ref: (d.aggregate, d.rank) for d in results.dossiers}

    assert ranked(Aggregation.MEAN) == {"A": (F(290, 27), 1), "B": (F(290, 27), 1)}
    assert ranked(Aggregation.MEDIAN) == {"A": (10, 1), "B": (10, 1)}
    assert ranked(Aggregation.MAJORITY_JUDGMENT) == {"A": (F(80, 9), 1), "B": (F(80, 9), 2)}


def test_scenario_10_on_grades_from_one():
    """MieuxVoter's example with every grade moved up by one (1–4): the ten voters' order is
    unchanged, Chips > Pasta > Pizza > Bread; majority grades (lower median, index 4 of 10)
    3 / 2 / 2 / 2, i.e. N = 20 × (g − 1)/3: 40/3, 20/3, 20/3, 20/3."""
    notes = {
        "Pizza": [1, 1, 1, 2, 2, 3, 3, 4, 4, 4],
        "Chips": [1, 1, 2, 2, 3, 3, 3, 3, 4, 4],
        "Pasta": [1, 1, 2, 2, 2, 3, 3, 4, 4, 4],
        "Bread": [1, 1, 2, 2, 2, 2, 3, 3, 3, 4],
    }
    campaign = campaign_from_notes(
        notes,
        call=rules(aggregation=Aggregation.MAJORITY_JUDGMENT),
        criteria=(Criterion("Q", "Mention", 1, 4, min=1),),
    )
    results = compute_results(campaign)
    assert sorted(notes, key=lambda ref: results.dossier(ref).rank) == [
        "Chips",
        "Pasta",
        "Pizza",
        "Bread",
    ]
    assert {ref: results.dossier(ref).aggregate for ref in notes} == {
        "Chips": F(40, 3),
        "Pasta": F(20, 3),
        "Pizza": F(20, 3),
        "Bread": F(20, 3),
    }


# Four jurors on 1–10 (s − 1 in brackets):
#   A [10, 9, 8, 9]  (9+8+7+8 = 32)  mean 20 × 32/36 = 160/9   median 9 -> 160/9   lower median 9
#   B [ 7, 7, 8, 6]  (6+6+7+5 = 24)  mean 40/3                  median 7 -> 40/3    lower median 7
#   C [ 9, 5, 6, 8]  (8+4+5+7 = 24)  mean 40/3                  median (6+8)/2 = 7  lower median 6
#   D [ 4, 4, 5, 3]  (3+3+4+2 = 12)  mean 20/3                  median 4 -> 20/3    lower median 4
PRIZES_13 = {"A": [10, 9, 8, 9], "B": [7, 7, 8, 6], "C": [9, 5, 6, 8], "D": [4, 4, 5, 3]}


@pytest.mark.parametrize(
    ("aggregation", "expected"),
    [
        # B and C tied second share places 2 and 3: (3 000 + 2 000)/2 = 2 500 each.
        (Aggregation.MEAN, {"A": 500_000, "B": 250_000, "C": 250_000, "D": 0}),
        (Aggregation.MEDIAN, {"A": 500_000, "B": 250_000, "C": 250_000, "D": 0}),
        # Lower medians 7 and 6 part B and C: each its own place.
        (Aggregation.MAJORITY_JUDGMENT, {"A": 500_000, "B": 300_000, "C": 200_000, "D": 0}),
    ],
)
def test_scenario_13_with_an_even_jury_on_a_scale_from_one(aggregation, expected):
    """Prizes 5 000 / 3 000 / 2 000 for the four dossiers above; the total is always
    10 000 and D, fourth, waits."""
    call = rules(aggregation=aggregation, mode=Mode.PRIZE, prizes_cents=(500_000, 300_000, 200_000))
    results = compute_results(campaign_from_notes(PRIZES_13, call=call, criteria=ONE_TO_TEN))
    assert amounts(results) == expected
    assert results.awarded_cents == 1_000_000
    assert results.dossier("A").aggregate == F(160, 9)
    assert results.dossier("D").rank == 4 and results.dossier("D").status is Status.WAITING


def test_scenario_14_with_an_even_jury_on_a_scale_from_one():
    """One prize of 10 000; four jurors on 1–5 (N = 5 × (s − 1)):
        X [2, 4, 2, 4]  notes 5, 15, 5, 15   mean 10, median (5 + 15)/2 = 10, lower median 5
        Y [3, 3, 3, 3]  notes 10 × 4         mean 10, median 10,              lower median 10
        Z [1, 5, 1, 5]  notes 0, 20, 0, 20   mean 10, median 10,              lower median 0
    Mean and median: three tied first, 3 333,34 to X (reference order) and 3 333,33 each to
    Y and Z. Majority judgment: Y alone first with the whole prize, then X, then Z."""
    notes = {"X": [2, 4, 2, 4], "Y": [3, 3, 3, 3], "Z": [1, 5, 1, 5]}
    for aggregation in (Aggregation.MEAN, Aggregation.MEDIAN):
        call = rules(aggregation=aggregation, mode=Mode.PRIZE, prizes_cents=(1_000_000,))
        results = compute_results(campaign_from_notes(notes, call=call, criteria=ONE_TO_FIVE))
        assert amounts(results) == {"X": 333_334, "Y": 333_333, "Z": 333_333}
        assert {d.rank for d in results.dossiers} == {1}
    call = rules(
        aggregation=Aggregation.MAJORITY_JUDGMENT, mode=Mode.PRIZE, prizes_cents=(1_000_000,)
    )
    results = compute_results(campaign_from_notes(notes, call=call, criteria=ONE_TO_FIVE))
    assert amounts(results) == {"X": 0, "Y": 1_000_000, "Z": 0}
    assert {d.ref: d.rank for d in results.dossiers} == {"Y": 1, "X": 2, "Z": 3}


# Scenario 17's money with four jurors on 1–10 instead of one note: N = 20 × Σ(s − 1)/36,
# retained from 12/20, i.e. Σ(s − 1) ≥ 21,6. The order and the amounts are the scenario's.
ENVELOPE_17_EVEN = [
    # ref, scores (Σ(s − 1), N), requested, eligible expenses
    ("P1", [10, 10, 9, 9], 20_000, 60_000),  # 34, 170/9  -> min(20 000, 30 000, 15 000) 15 000
    ("P2", [9, 9, 9, 9], 15_000, 40_000),  # 32, 160/9    -> 15 000
    ("P3", [10, 8, 8, 8], 10_000, 30_000),  # 30, 50/3    -> 10 000
    ("P4", [8, 8, 8, 8], 18_000, 30_000),  # 28, 140/9    -> 15 000
    ("P5", [9, 8, 7, 7], 14_000, 50_000),  # 27, 15       -> 14 000
    ("P6", [7, 7, 8, 8], 25_000, 30_000),  # 26, 130/9    -> 15 000 (84 000 so far)
    ("P7", [7, 7, 7, 7], 15_000, 30_000),  # 24, 40/3     -> 15 000 (99 000)
    ("P8", [7, 6, 7, 6], 15_000, 30_000),  # 22, 110/9    -> 1 000 left < floor 5 000: waits
    ("P9", [6, 6, 6, 7], 15_000, 30_000),  # 21, 35/3     -> under 12: not retained
]


def test_scenario_17_with_an_even_jury_on_a_scale_from_one():
    call = rules(
        mode=Mode.ENVELOPE,
        envelope_cents=10_000_000,
        cap_cents=1_500_000,
        rate=F(1, 2),
        floor_cents=500_000,
        threshold=12,
    )
    dossiers = [
        Dossier(ref, ref, requested_cents=req * 100, eligible_expenses_cents=eligible * 100)
        for ref, _, req, eligible in ENVELOPE_17_EVEN
    ]
    results = compute_results(
        campaign_from_notes(
            {ref: scores for ref, scores, _, _ in ENVELOPE_17_EVEN},
            call=call,
            dossiers=dossiers,
            criteria=ONE_TO_TEN,
        )
    )
    assert results.dossier("P8").aggregate == F(110, 9)
    assert results.dossier("P9").aggregate == F(35, 3)
    assert [d.ref for d in sorted(results.dossiers, key=lambda d: d.rank)] == [
        f"P{i}" for i in range(1, 10)
    ]
    assert {ref: cents // 100 for ref, cents in amounts(results).items()} == {
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


@pytest.mark.parametrize("aggregation", [Aggregation.MEAN, Aggregation.MAJORITY_JUDGMENT])
def test_zscore_ranking_does_not_follow_the_reference_order(aggregation):
    """The even-count plan above with its dossiers renamed so that the best one comes last
    in reference order: C (z's [1, −1, 1, 1]) first, B ([0, 1, −1, 0]) second, A third."""
    to_score = {14: 8, 12: 7, 10: 6}
    plan = {"C": [14, 10, 14, 14], "B": [12, 14, 10, 12], "A": [10, 12, 12, 10]}
    notes = {ref: [to_score[n] for n in row] for ref, row in plan.items()}
    call = rules(aggregation=aggregation, normalisation=Normalisation.ZSCORE)
    criteria = (Criterion("Q", "Qualité", 1, 11, min=1),)
    results = compute_results(campaign_from_notes(notes, call=call, criteria=criteria))
    assert {d.ref: d.rank for d in results.dossiers} == {"C": 1, "B": 2, "A": 3}
