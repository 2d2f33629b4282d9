"""A prize and the amount requested: with « Prix plafonné au montant demandé » (the default),
a laureate never receives more than it asked for; hand-computed amounts."""

from __future__ import annotations

from juryapp.core.engine import compute_results
from juryapp.core.engine.state import CALL_POOL
from juryapp.core.model import (
    Category,
    Dossier,
    Mode,
    Reallocation,
    ReallocationKind,
    SetAmount,
)
from juryapp.core.results import Status
from tests.plugin.campaigns import campaign_from_notes, rules

PRIZE = 700_000  # 7 000,00 €


def _call(capped: bool = True, **settings: object):  # type: ignore[no-untyped-def]
    return rules(
        **{"mode": Mode.PRIZE, "prizes_cents": (PRIZE,), "prize_capped": capped, **settings}
    )


def _dossier(ref: str, requested: int | None, category: str | None = None) -> Dossier:
    return Dossier(ref, f"Projet {ref}", requested_cents=requested, category=category)


def test_the_default_caps_a_prize_at_the_amount_requested() -> None:
    assert rules().prize_capped is True
    campaign = campaign_from_notes(
        {"D1": [16], "D2": [12]},
        call=_call(),
        dossiers=[_dossier("D1", 650_000), _dossier("D2", 900_000)],
    )
    results = compute_results(campaign)
    d1 = results.dossier("D1")
    assert (d1.status, d1.amount_cents, d1.prize_cents) == (Status.LAUREATE, 650_000, PRIZE)
    assert results.awarded_cents == 650_000 and results.unallocated_cents == 50_000
    assert results.dossier("D2").amount_cents == 0  # the 500 € stay « non attribué »
    explanation = [" ".join(t.render("fr").replace("\u202f", " ").split()) for t in d1.explanation]
    assert (
        "Prix plafonné au montant demandé : 6 500,00 € au lieu de 7 000,00 € ; la "
        "différence (500,00 €) n'est pas attribuée à ce dossier."
    ) in explanation
    assert "Prize capped at the amount requested: €6,500.00 instead of €7,000.00" in " ".join(
        t.render("en") for t in d1.explanation
    )
    assert "prix plafonné au montant demandé" in [t.render("fr") for t in d1.reasons]
    assert d1.funded_by == CALL_POOL and results.dossier("D2").funded_by is None


def test_a_request_equal_to_the_prize_is_not_capped() -> None:
    """Asked 7 000 € of a 7 000 € prize: the whole prize, and no word of a cap."""
    campaign = campaign_from_notes({"D1": [16]}, call=_call(), dossiers=[_dossier("D1", PRIZE)])
    d1 = compute_results(campaign).dossier("D1")
    assert (d1.amount_cents, d1.prize_cents) == (PRIZE, None)
    assert not [t for t in (*d1.reasons, *d1.explanation) if "plafonn" in t.render("fr")]
    assert "Prix de la place 1 : 7\u202f000,00\u00a0€." in [t.render("fr") for t in d1.explanation]


def test_the_jury_raises_a_prize_only_with_what_the_prizes_leave() -> None:
    """Prizes 5 000 / 3 000, not capped. D1 asked 4 000 € of the first prize… but without
    a cap it receives 5 000 €; the prizes leave nothing, so raising D2 to 3 000,01 € is
    refused (0,00 € more possible). Capped, D1 receives its 4 000 €: 1 000 € are left and
    D2 may be raised to 4 000 € exactly, not one cent more."""
    prizes = (500_000, 300_000)
    dossiers = [_dossier("D1", 400_000), _dossier("D2", None)]

    def walk(capped: bool, amount: int):  # type: ignore[no-untyped-def]
        return compute_results(
            campaign_from_notes(
                {"D1": [16], "D2": [14]},
                call=_call(capped=capped, prizes_cents=prizes),
                dossiers=dossiers,
                decisions=[SetAmount("D2", amount, "décision du jury")],
            )
        )

    refused = walk(False, 300_001)
    assert refused.dossier("D2").amount_cents == 300_000
    assert [p.detail.render("fr") for p in refused.pending] == [
        "D2 : le montant fixé (3\u202f000,01\u00a0€) dépasse l'enveloppe disponible "
        "(0,00\u00a0€ de plus possible)."
    ]
    raised = walk(True, 400_000)
    assert not raised.pending
    assert [raised.dossier(r).amount_cents for r in ("D1", "D2")] == [400_000, 400_000]
    assert raised.awarded_cents == 800_000 and raised.unallocated_cents == 0
    assert walk(True, 400_001).dossier("D2").amount_cents == 300_000


def test_not_capped_the_whole_prize_is_awarded() -> None:
    campaign = campaign_from_notes(
        {"D1": [16]}, call=_call(capped=False), dossiers=[_dossier("D1", 650_000)]
    )
    results = compute_results(campaign)
    d1 = results.dossier("D1")
    assert (d1.amount_cents, d1.prize_cents) == (PRIZE, None)
    assert results.unallocated_cents == 0


def test_a_request_above_the_prize_or_no_request_changes_nothing() -> None:
    campaign = campaign_from_notes(
        {"D1": [16], "D2": [14]},
        call=_call(prizes_cents=(PRIZE, 300_000)),
        dossiers=[_dossier("D1", 1_000_000), _dossier("D2", None)],
    )
    results = compute_results(campaign)
    assert [results.dossier(r).amount_cents for r in ("D1", "D2")] == [PRIZE, 300_000]
    assert results.unallocated_cents == 0


def test_ex_aequo_each_keep_at_most_their_share_and_their_request() -> None:
    """Two tied 1st for one prize of 7 000 €: 3 500 € each; A asked 2 000 €, so A receives
    2 000 € and B, who asked 10 000 €, its 3 500 € share: 1 500 € are not awarded."""
    campaign = campaign_from_notes(
        {"A": [15], "B": [15]},
        call=_call(),
        dossiers=[_dossier("A", 200_000), _dossier("B", 1_000_000)],
    )
    results = compute_results(campaign)
    assert [results.dossier(r).amount_cents for r in ("A", "B")] == [200_000, 350_000]
    assert [results.dossier(r).prize_cents for r in ("A", "B")] == [350_000, None]
    assert results.awarded_cents == 550_000 and results.unallocated_cents == 150_000


def test_the_remainder_follows_the_reallocation_rule() -> None:
    """Category DUR's laureate asks 6 500 € of a 7 000 € prize: with « catégorie:CIR » the
    500 € become one more place in CIR, whose second dossier receives them."""
    categories = (
        Category("DUR", "Durable", prizes_cents=(PRIZE,)),
        Category("CIR", "Circulaire", prizes_cents=(PRIZE,)),
    )
    campaign = campaign_from_notes(
        {"D1": [16], "C1": [15], "C2": [13]},
        call=_call(
            prizes_cents=(),
            reallocation=Reallocation(ReallocationKind.CATEGORY, "CIR"),
        ),
        categories=categories,
        dossiers=[
            _dossier("D1", 650_000, "DUR"),
            _dossier("C1", 800_000, "CIR"),
            _dossier("C2", 400_000, "CIR"),
        ],
    )
    results = compute_results(campaign)
    amounts = {r: results.dossier(r).amount_cents for r in ("D1", "C1", "C2")}
    assert amounts == {"D1": 650_000, "C1": PRIZE, "C2": 50_000}
    assert results.awarded_cents == 1_400_000 and results.unallocated_cents == 0


def test_the_jury_cannot_set_more_than_the_request() -> None:
    campaign = campaign_from_notes(
        {"D1": [16]},
        call=_call(),
        dossiers=[_dossier("D1", 650_000)],
        decisions=[SetAmount("D1", 680_000, "arrondi")],
    )
    results = compute_results(campaign)
    assert results.dossier("D1").amount_cents == 650_000
    assert [p.kind for p in results.pending] == ["amount"]
    assert "dépasse le droit (6" in results.pending[0].detail.render("fr")
