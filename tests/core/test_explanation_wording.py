"""The explanation sentences for places (prize mode) and rates (entitlements), word for word:
an applicant reads them (CRPA L311-3-1), so a wrong place number or a wrong rate is a
wrong answer even when the amount is right."""

from __future__ import annotations

from fractions import Fraction

import pytest

from juryapp.core.engine import compute_results
from juryapp.core.engine.amounts import entitlement
from juryapp.core.engine.state import PoolParams
from juryapp.core.model import Mode, RateBase
from tests.plugin.campaigns import campaign_from_notes, rules

NNBSP, NBSP = "\u202f", "\u00a0"


def euros(amount: str) -> str:
    return amount.replace(" ", NNBSP) + f"{NBSP}€"


def test_places_and_shared_places_in_prize_mode():
    """Prizes 5 000 / 3 000 / 2 000. A first; B and C tied second take places 2 and 3 and
    share 3 000 + 2 000 = 5 000: 2 500 each; D fourth is past the list."""
    call = rules(mode=Mode.PRIZE, prizes_cents=(500_000, 300_000, 200_000), min_scores=1)
    notes = {"A": [18], "B": [15], "C": [15], "D": [12]}
    results = compute_results(campaign_from_notes(notes, call=call))
    by_ref = {d.ref: d for d in results.dossiers}
    assert f"Prix de la place 1 : {euros('5 000,00')}." in [
        line.render() for line in by_ref["A"].explanation
    ]
    shared = (
        f"Les 2 ex aequo occupent les places 2 à 3 et partagent {euros('5 000,00')} : "
        f"{euros('2 500,00')} chacun (plus fort reste au centime)."
    )
    for ref in ("B", "C"):
        assert shared in [line.render() for line in by_ref[ref].explanation]
        assert [r.render() for r in by_ref[ref].reasons] == [
            "ex aequo : prix des places 2 à 3 partagé"
        ]
    assert "Place 4 : au-delà des prix, liste complémentaire." in [
        line.render() for line in by_ref["D"].explanation
    ]
    # prize mode has no entitlement (the JSON says null, the PV leaves it blank)
    assert all(d.entitlement_cents is None for d in results.dossiers)
    english = [line.render("en") for line in by_ref["A"].explanation]
    assert any("5,000.00" in line for line in english)


@pytest.mark.parametrize(
    ("rate", "french", "english"),
    [
        (Fraction(1, 2), "50", "50"),
        (Fraction(1), "100", "100"),
        (Fraction(1, 8), "12,5", "12.5"),
        (Fraction(1, 3), "33,33", "33.33"),
        (Fraction(2, 3), "66,67", "66.67"),
        (Fraction(1, 10), "10", "10"),
    ],
)
def test_a_rate_is_written_in_french_with_a_decimal_comma(rate, french, english):
    """30 000 € of eligible expenses, no request, no cap: entitlement ⌊rate × 30 000⌋."""
    value, why = entitlement(
        None, 3_000_000, None, PoolParams(None, rate, 0), RateBase.ELIGIBLE_EXPENSES
    )
    assert value == rate.numerator * 3_000_000 // rate.denominator
    amount = f"{value // 100:,}".replace(",", " ") + f",{value % 100:02d}"
    assert why[0].render("fr") == (
        f"Droit = le plus petit de : {french} % des dépenses éligibles {euros('30 000,00')} "
        f"= {euros(amount)} → {euros(amount)}."
    )
    assert f"{english} % of eligible expenses" in why[0].render("en")


def test_entitlement_sentence_names_every_term_and_the_smallest():
    """Requested 20 000, cap 15 000, 50 % of 30 000 eligible = 15 000 -> 15 000."""
    value, why = entitlement(
        2_000_000,
        3_000_000,
        5_000_000,
        PoolParams(1_500_000, Fraction(1, 2), 0),
        RateBase.ELIGIBLE_EXPENSES,
    )
    assert value == 1_500_000
    assert why[0].render() == (
        f"Droit = le plus petit de : montant demandé {euros('20 000,00')}, plafond "
        f"{euros('15 000,00')}, 50 % des dépenses éligibles {euros('30 000,00')} = "
        f"{euros('15 000,00')} → {euros('15 000,00')}."
    )


@pytest.mark.parametrize(
    ("base", "eligible", "total", "sentence"),
    [
        # the total budget when the call says so: 50 % of 50 000 = 25 000
        (RateBase.TOTAL_BUDGET, 3_000_000, 5_000_000, "50 % du budget global {50} = {25}"),
        # eligible expenses asked for but unknown: the total budget
        (RateBase.ELIGIBLE_EXPENSES, None, 5_000_000, "50 % du budget global {50} = {25}"),
        # total budget asked for but unknown: the eligible expenses, 50 % of 30 000
        (RateBase.TOTAL_BUDGET, 3_000_000, None, "50 % des dépenses éligibles {30} = {15}"),
    ],
)
def test_the_rate_applies_to_the_base_the_call_names_or_the_one_known(
    base, eligible, total, sentence
):
    result, why = entitlement(None, eligible, total, PoolParams(None, Fraction(1, 2), 0), base)
    term = sentence
    for thousands in ("50", "30", "25", "15"):
        term = term.replace("{" + thousands + "}", euros(f"{thousands} 000,00"))
    expected = 2_500_000 if "budget" in sentence else 1_500_000
    assert result == expected
    total_shown = euros(f"{expected // 100_000} 000,00")
    assert why[0].render() == f"Droit = le plus petit de : {term} → {total_shown}."


def test_no_request_cap_or_known_base_gives_an_unknown_entitlement():
    value, why = entitlement(
        None, None, None, PoolParams(None, Fraction(1, 2), 0), RateBase.TOTAL_BUDGET
    )
    assert value is None
    assert [w.render() for w in why] == ["Aucun montant demandé, plafond ni taux : droit inconnu."]
