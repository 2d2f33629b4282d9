"""What a run says once the money is allocated (core/engine/closing.py): decisions
without effect, the last sentence of each explanation, the results' order, the call's
envelope."""

from __future__ import annotations

from juryapp.core.engine import compute_results
from juryapp.core.model import Category, Dossier, Mode, OrderTie, SetAmount
from juryapp.core.results import Status
from juryapp.core.texts import Money, text
from tests.plugin.campaigns import campaign_from_notes, rules


def test_a_decision_on_dossiers_no_longer_tied_is_reported_once_with_its_dossiers():
    campaign = campaign_from_notes(
        {"A": [15, 15, 15], "B": [12, 12, 12], "C": [10, 10, 10], "D": [10, 10, 10]},
        call=rules(envelope_cents=10_000_000),
        dossiers=[Dossier(r, f"Projet {r}", requested_cents=100_000) for r in "ABCD"],
        decisions=[OrderTie(("A", "B"), "vote"), OrderTie(("D", "C"), "vote")],
    )
    results = compute_results(campaign)
    assert results.warnings == [
        text(
            "Décision sur {refs} sans effet : ces dossiers ne sont plus ex aequo.",
            refs=["A", "B"],
        )
    ]
    assert [d.ref for d in results.dossiers if d.status is Status.LAUREATE] == ["A", "B", "D", "C"]


def test_an_amount_set_for_a_dossier_not_retained_is_reported():
    campaign = campaign_from_notes(
        {"A": [15, 15, 15], "B": [5, 5, 5]},
        call=rules(envelope_cents=10_000_000, threshold=10),
        dossiers=[Dossier(r, f"Projet {r}", requested_cents=100_000) for r in "AB"],
        decisions=[SetAmount("B", 50_000, "aide")],
    )
    results = compute_results(campaign)
    assert results.warnings == [
        text("Montant fixé pour {r} sans effet : le dossier n'est pas retenu.", r="B")
    ]


def test_each_explanation_ends_with_the_proposal_or_the_waiting_list():
    campaign = campaign_from_notes(
        {"A": [15, 15, 15], "B": [12, 12, 12]},
        call=rules(envelope_cents=100_000),
        dossiers=[Dossier(r, f"Projet {r}", requested_cents=100_000) for r in "AB"],
    )
    by_ref = {d.ref: d for d in compute_results(campaign).dossiers}
    assert by_ref["A"].explanation[-1] == text("Proposé lauréat : {a}.", a=Money(100_000))
    assert by_ref["B"].explanation[-1] == text("Retenu, non financé : liste complémentaire.")


def test_results_come_uncategorised_first_then_by_category_then_unknown_ones():
    categories = (
        Category("C1", "Un", envelope_cents=1_000_000),
        Category("C2", "Deux", envelope_cents=1_000_000),
    )
    dossiers = [
        Dossier("A", "a", category="C2", requested_cents=1_000),
        Dossier("B", "b", category="C1", requested_cents=1_000),
        Dossier("C", "c", category=None, requested_cents=1_000),
        Dossier("D", "d", category="C9", requested_cents=1_000),
    ]
    campaign = campaign_from_notes(
        {ref: [12, 12, 12] for ref in "ABCD"},
        call=rules(envelope_cents=3_000_000),
        dossiers=dossiers,
        categories=categories,
    )
    assert [d.ref for d in compute_results(campaign).dossiers] == ["C", "B", "A", "D"]


def test_the_call_envelope_in_prize_mode_is_the_larger_of_its_own_and_the_categories():
    categories = (Category("C1", "Un", prizes_cents=(300_000,)),)
    dossiers = [Dossier("A", "a", category="C1", requested_cents=300_000)]
    campaign = campaign_from_notes(
        {"A": [12, 12, 12]},
        call=rules(mode=Mode.PRIZE, envelope_cents=1_000_000),
        dossiers=dossiers,
        categories=categories,
    )
    assert compute_results(campaign).envelope_cents == 1_000_000
    without = campaign_from_notes(
        {"A": [12, 12, 12]},
        call=rules(mode=Mode.PRIZE),
        dossiers=dossiers,
        categories=categories,
    )
    assert compute_results(without).envelope_cents == 300_000
