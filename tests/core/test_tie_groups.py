"""A tie of four split by a criterion into two pairs: each pair is settled (or left shared,
or waits) on its own, and what it waits for is said (rules §8)."""

from __future__ import annotations

import pytest

from juryapp.core.engine import compute_results
from juryapp.core.model import (
    Category,
    Criterion,
    Dossier,
    OrderTie,
    Score,
    TieBreakKind,
    TieBreakStep,
)
from juryapp.core.results import TieState
from tests.plugin.campaigns import campaign_from_notes, rules

CRITERIA = (
    Criterion("INNO", "Innovation", 1, 10, min=1),
    Criterion("IMPACT", "Impact", 1, 10, min=1),
)
# One juror; every dossier totals 10 on two criteria of equal weight: N = 20 × 8/18 = 80/9.
# IMPACT 7 for A and B, 6 for C and D: the criterion splits the four into two pairs.
SCORES = {"A": (3, 7), "B": (3, 7), "C": (4, 6), "D": (4, 6)}


def results(*steps, decisions=()):
    chain = (TieBreakStep(TieBreakKind.CRITERION, "IMPACT"), *steps)
    campaign = campaign_from_notes(
        {},
        criteria=CRITERIA,
        dossiers=[Dossier(ref, ref) for ref in SCORES],
        call=rules(tie_break=chain, min_scores=1),
        decisions=decisions,
    )
    scores = tuple(
        Score("J1", ref, {"INNO": inno, "IMPACT": impact}) for ref, (inno, impact) in SCORES.items()
    )
    return compute_results(type(campaign)(**{**campaign.__dict__, "scores": scores}))


def test_a_criterion_alone_leaves_two_shared_pairs():
    shared = results()
    tie = shared.ties[0]
    assert (tie.id, tie.pool, tie.rank, tie.state) == (1, None, 1, TieState.SHARED)
    assert tie.parts == (("A", "B"), ("C", "D"))
    assert [(step.kind, step.order) for step in tie.steps] == [
        ("critère:IMPACT", (("A", "B"), ("C", "D")))
    ]
    assert {d.ref: d.rank for d in shared.dossiers} == {"A": 1, "B": 1, "C": 3, "D": 3}
    lines = [line.render("fr") for line in shared.dossier("C").explanation]
    start = lines.index("Ex aequo au rang 1 avec A, B, D.")
    assert lines[start + 1 : start + 3] == [
        "Départage par le critère IMPACT (moyenne la plus haute) : A 7,00, B 7,00, C 6,00, D 6,00.",
        "L'égalité n'est pas départagée : le rang est partagé.",
    ]


@pytest.mark.parametrize(
    ("kind", "what"),
    [(TieBreakKind.VOTE, "un vote du jury"), (TieBreakKind.DRAW, "un tirage au sort")],
)
def test_both_pairs_wait_for_the_jury_and_say_for_what(kind, what):
    waiting = results(TieBreakStep(kind))
    assert waiting.ties[0].state is TieState.PENDING
    assert waiting.ties[0].pending_parts == (("A", "B"), ("C", "D"))
    assert [(p.kind, p.refs) for p in waiting.pending] == [("tie", ("A", "B")), ("tie", ("C", "D"))]
    # C and D wait for the third place, not the first
    assert [p.detail.render("fr") for p in waiting.pending] == [
        f"Égalité au rang 1 dans l'appel entre A, B : en attente d'{what}.",
        f"Égalité au rang 3 dans l'appel entre C, D : en attente d'{what}.",
    ]


def test_the_jury_orders_both_pairs():
    decided = results(
        TieBreakStep(TieBreakKind.VOTE),
        decisions=[OrderTie(("B", "A"), "vote"), OrderTie(("D", "C"), "vote")],
    )
    assert decided.ties[0].state is TieState.BROKEN
    assert decided.ties[0].refs == ("B", "A", "D", "C")
    assert {d.ref: d.rank for d in decided.dossiers} == {"B": 1, "A": 2, "D": 3, "C": 4}
    lines = [line.render("fr") for line in decided.dossier("C").explanation]
    assert "Ex aequo au rang 1 avec B, A, D." in lines
    assert not [line for line in lines if "pas départagée" in line]


def test_a_tie_in_a_category_belongs_to_that_category():
    campaign = campaign_from_notes(
        {"A": [15] * 3, "B": [15] * 3},
        dossiers=[Dossier("A", "a", category="DUR"), Dossier("B", "b", category="DUR")],
        categories=(Category("DUR", "Durable", envelope_cents=100_000),),
    )
    tie = compute_results(campaign).ties[0]
    assert (tie.pool, tie.rank, tie.refs) == ("DUR", 1, ("A", "B"))
    voting = type(campaign)(
        **{**campaign.__dict__, "rules": rules(tie_break=(TieBreakStep(TieBreakKind.VOTE),))}
    )
    assert [p.detail.render("fr") for p in compute_results(voting).pending] == [
        "Égalité au rang 1 dans la catégorie « Durable » entre A, B : en attente d'un vote du jury."
    ]
