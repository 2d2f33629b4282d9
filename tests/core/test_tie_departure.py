"""A tie settled otherwise than the call's declared chain says: the tie's steps keep the
jury's decision and a « hors chaîne » step naming the chain and the reason (rules §8)."""

from __future__ import annotations

import pytest

from juryapp.core.engine import compute_results
from juryapp.core.model import DrawLots, OrderTie, TieBreakKind, TieBreakStep, VoteCount
from juryapp.core.tiebreaks import draw_order
from tests.plugin.campaigns import campaign_from_notes, rules

NOTES = {"A": [16], "B": [16], "C": [12]}


def steps(chain, decision):
    results = compute_results(
        campaign_from_notes(NOTES, call=rules(tie_break=chain), decisions=[decision])
    )
    return [(s.kind, s.description.render("fr"), s.order) for s in results.ties[0].steps]


def test_a_draw_without_a_declared_chain():
    order = tuple(draw_order(["A", "B"], 7))
    split = tuple((ref,) for ref in order)
    assert steps((), DrawLots(("A", "B"), 7, "urgence")) == [
        ("tirage au sort", f"Tirage au sort (graine 7) entre A, B : {', '.join(order)}.", split),
        (
            "hors chaîne",
            "Le jury s'est écarté du départage déclaré par l'appel (aucun, les ex aequo "
            "partagent le rang) : tirage au sort. Motif : urgence",
            split,
        ),
    ]


def test_an_order_decided_when_the_chain_says_criterion_then_draw():
    chain = (TieBreakStep(TieBreakKind.CRITERION, "Q"), TieBreakStep(TieBreakKind.DRAW))
    assert steps(chain, OrderTie(("B", "A"))) == [
        ("décision", "Décision du jury : ordre B, A. ", (("B",), ("A",))),
        (
            "hors chaîne",
            "Le jury s'est écarté du départage déclaré par l'appel (critère Q, tirage au "
            "sort) : ordre décidé par le jury. Motif : —",
            (("B",), ("A",)),
        ),
    ]


@pytest.mark.parametrize(
    ("chain", "decision"),
    [
        ((TieBreakStep(TieBreakKind.DRAW),), DrawLots(("A", "B"), 7)),
        ((TieBreakStep(TieBreakKind.VOTE),), OrderTie(("B", "A"), "vote", VoteCount(5, 2, 1))),
    ],
)
def test_a_decision_the_chain_provides_for_is_no_departure(chain, decision):
    assert [kind for kind, _, _ in steps(chain, decision)] == [
        "tirage au sort" if isinstance(decision, DrawLots) else "vote"
    ]


def test_a_vote_the_chain_provides_for_is_described():
    chain = (TieBreakStep(TieBreakKind.VOTE),)
    assert steps(chain, OrderTie(("B", "A"), "après débat", VoteCount(5, 2, 1))) == [
        (
            "vote",
            "Vote du jury (5 pour, 2 contre, 1 abstention(s)) : ordre B, A. après débat",
            (("B",), ("A",)),
        )
    ]
