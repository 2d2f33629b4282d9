"""The order of the session (rules §14), counted by hand: the most disputed dossiers first,
the dossiers that make the same members leave kept together, the exits counted."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from juryapp.core.agenda import exits, session_agenda
from juryapp.core.engine import compute_results
from juryapp.core.model import (
    CallRules,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    Recusal,
    Score,
)

JURORS = tuple(Juror(f"J{i}", f"Juré {i}") for i in range(1, 6))


def _campaign(notes: dict[str, tuple[int, ...]], recusals: tuple[Recusal, ...] = ()) -> Campaign:
    """One criterion on 20: a dossier's notes are its jurors' scores, J1 first."""
    recused = {(r.juror, r.ref) for r in recusals}
    scores = tuple(
        Score(juror.code, ref, {"Q": value})
        for ref, values in notes.items()
        for juror, value in zip(
            [j for j in JURORS if (j.code, ref) not in recused], values, strict=False
        )
    )
    return Campaign(
        rules=CallRules(name="Ordre du jour", min_scores=1),
        criteria=(Criterion("Q", "Qualité", 1, 20),),
        dossiers=tuple(Dossier(ref, f"Projet {ref}") for ref in notes),
        jurors=JURORS,
        scores=scores,
        recusals=recusals,
    )


def test_most_disputed_first_and_same_leavers_together() -> None:
    # spreads: A 2, B 10, C 6, D 8, E 0; J2 leaves for C and E, J3 for D
    campaign = _campaign(
        {
            "A": (10, 11, 12, 11, 10),
            "B": (5, 15, 10, 10, 10),
            "C": (8, 14, 11, 12),
            "D": (6, 14, 10, 10),
            "E": (12, 12, 12, 12),
        },
        (Recusal("J2", "C"), Recusal("J2", "E"), Recusal("J3", "D")),
    )
    [pool] = session_agenda(campaign, compute_results(campaign))
    assert [i.ref for i in pool.items] == ["B", "D", "C", "E", "A"]
    spreads = {i.ref: i.spread for i in pool.items}
    assert spreads == {"A": 2, "B": 10, "C": 6, "D": 8, "E": 0}
    assert [i.leaving for i in pool.items] == [(), ("J3",), ("J2",), ("J2",), ()]
    assert exits([pool]) == 2  # J3 once, J2 once for C and E together
    quorum = pool.items[1].quorum
    assert quorum is not None and quorum.reached  # four of five members still there


def test_rank_order_and_a_dossier_with_one_note() -> None:
    campaign = _campaign({"A": (10, 12), "B": (18,), "C": (5, 15)})
    [pool] = session_agenda(campaign, compute_results(campaign), "rank")
    assert [i.ref for i in pool.items] == ["B", "A", "C"]
    assert pool.items[0].spread is None and pool.items[2].spread == Fraction(10)


def test_category_order_follows_the_dossiers_category_by_category() -> None:
    # two categories; within each, the order of the dossier list, except that the
    # dossiers J2 leaves for (Z and X) are kept together at the place of the first
    base = _campaign(
        {"Z": (10, 12), "Y": (5, 15), "X": (9, 9, 9), "W": (10, 20), "V": (12, 14)},
        (Recusal("J2", "Z"), Recusal("J2", "X")),
    )
    category = {"Z": "A", "Y": "A", "X": "A", "W": "B", "V": "A"}
    campaign = replace(
        base,
        categories=(Category("B", "Bâtiment"), Category("A", "Alimentation")),
        dossiers=tuple(replace(d, category=category[d.ref]) for d in base.dossiers),
    )
    pools = session_agenda(campaign, compute_results(campaign), "category")
    assert [(p.category, [i.ref for i in p.items]) for p in pools] == [
        ("B", ["W"]),
        ("A", ["Z", "X", "Y", "V"]),
    ]
    assert exits(pools) == 1
    by_disagreement = session_agenda(campaign, compute_results(campaign))
    assert [i.ref for i in by_disagreement[1].items] == ["Y", "V", "Z", "X"]


def test_an_unknown_order_is_refused() -> None:
    campaign = _campaign({"A": (10, 12)})
    with pytest.raises(ValueError, match="sideways"):
        session_agenda(campaign, compute_results(campaign), "sideways")
