"""Review of juryapp.core.engine against shared/domain/rules.md.

Each test asserts what the RULES require; a failure is a confirmed engine bug.
Run: cd /work/main && .venv/bin/python -m pytest /tmp/review/test_review_engine.py -q
"""

from __future__ import annotations

from fractions import Fraction

from juryapp.core.engine import compute_results
from juryapp.core.model import (
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    DrawLots,
    MajorityRule,
    Mode,
    NoAward,
    OrderTie,
    Reallocation,
    ReallocationKind,
    Score,
    SetAmount,
    TieBreakKind,
    TieBreakStep,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.core.quorum import vote_outcome
from juryapp.core.results import Status
from tests.plugin.campaigns import campaign_from_notes, rules


def _asked(ref: str, cents: int, **kw: object) -> Dossier:
    return Dossier(ref, ref, requested_cents=cents, **kw)  # type: ignore[arg-type]


def _amount_pending(results, ref: str) -> list:
    return [p for p in results.pending if p.kind == "amount" and ref in p.refs]


# --- §7/§8: cut-off tie under `décision` --------------------------------------------


def test_s7_s8_cutoff_decision_amounts_that_fit_what_is_left_are_accepted():
    """16 000 left, tied A (entitled 15 000) and B (9 000), `Égalité au seuil` = décision.
    The jury sets 12 000 / 4 000: total 16 000 does not exceed the envelope and each is
    within its entitlement, so both amounts stand. The engine first applies prorata
    (10 000 / 6 000), leaves no room, and refuses A's 12 000 (whatever the order)."""
    call = rules(envelope_cents=2_600_000, cutoff_tie=CutoffTie.DECISION)
    dossiers = [_asked("Z", 1_000_000), _asked("A", 1_500_000), _asked("B", 900_000)]
    for decisions in (
        [SetAmount("A", 1_200_000), SetAmount("B", 400_000)],
        [SetAmount("B", 400_000), SetAmount("A", 1_200_000)],
    ):
        results = compute_results(
            campaign_from_notes(
                {"Z": [18], "A": [15], "B": [15]},
                call=call,
                dossiers=dossiers,
                decisions=decisions,
            )
        )
        assert _amount_pending(results, "A") == []
        assert results.dossier("A").amount_cents == 1_200_000
        assert results.dossier("B").amount_cents == 400_000
        assert results.awarded_cents == 2_600_000


# --- §7: a category's own cap / rate / floor ---------------------------------------------


def test_s7_category_cap_and_rate_apply_when_category_shares_the_call_envelope():
    """Lyon-style axes: axis 1 ≤ 10 000 €, axis 2 ≤ 15 000 € and ≤ 50 %, one call envelope.
    Each category's cap/rate replaces the call's; the engine uses the call's params
    (cap 40 000) for every category without its own envelope."""
    categories = (
        Category("AX1", "Axe 1", cap_cents=1_000_000),
        Category("AX2", "Axe 2", cap_cents=1_500_000, rate=Fraction(1, 2)),
    )
    dossiers = [
        Dossier(
            "A", "A", category="AX1", requested_cents=3_000_000, eligible_expenses_cents=3_000_000
        ),
        Dossier(
            "B", "B", category="AX2", requested_cents=3_000_000, eligible_expenses_cents=2_000_000
        ),
    ]
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [14]},
            call=rules(envelope_cents=10_000_000, cap_cents=4_000_000),
            categories=categories,
            dossiers=dossiers,
        )
    )
    assert results.dossier("A").entitlement_cents == 1_000_000
    assert results.dossier("A").amount_cents == 1_000_000
    assert results.dossier("B").entitlement_cents == 1_000_000  # min(30k, 15k, 50% × 20k)
    assert results.dossier("B").amount_cents == 1_000_000


def test_s7_reserve_tie_across_categories_respects_each_category_floor():
    """Réserve of 10 000 € shared by a cross-category tie A (cat. X, floor 1 000) and
    B (cat. Y, floor 6 000), both entitled to 9 000: prorata gives 5 000 each, which is
    under B's floor, so B gets nothing and A its 9 000. The engine applies the floor
    of the first ref of the slot to both and awards B 5 000 (< its Plancher)."""
    categories = (
        Category("X", "X", envelope_cents=0, floor_cents=100_000),
        Category("Y", "Y", envelope_cents=0, floor_cents=600_000),
        Category("Z", "Z", envelope_cents=1_000_000),
    )
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [15]},
            call=rules(reallocation=Reallocation(ReallocationKind.RESERVE)),
            categories=categories,
            dossiers=[_asked("A", 900_000, category="X"), _asked("B", 900_000, category="Y")],
        )
    )
    assert results.dossier("B").amount_cents == 0
    assert results.dossier("A").amount_cents == 900_000


def test_s7_floor_is_never_undercut_by_a_jury_amount():
    """« An amount below Plancher is never awarded. » A SetAmount of 1 000 € with a
    floor of 3 000 € must be refused/flagged; the engine awards 1 000 € silently."""
    results = compute_results(
        campaign_from_notes(
            {"A": [18], "B": [15]},
            call=rules(envelope_cents=2_000_000, floor_cents=300_000),
            dossiers=[_asked("A", 1_000_000), _asked("B", 1_000_000)],
            decisions=[SetAmount("A", 100_000, "réduction")],
        )
    )
    a = results.dossier("A")
    assert a.amount_cents == 0 or a.amount_cents >= 300_000 or _amount_pending(results, "A")


# --- §8: not awarding a category -----------------------------------------------------


def test_s8_no_award_applies_to_a_category_sharing_the_call_envelope():
    """`no-award --category X` is accepted by operations for any known category; when X
    has no envelope of its own (its dossiers draw on the call's), the engine ignores it
    and X's dossier is still funded."""
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [14]},
            call=rules(envelope_cents=2_000_000),
            categories=(Category("X", "X"), Category("Y", "Y")),
            dossiers=[_asked("A", 1_000_000, category="X"), _asked("B", 1_000_000, category="Y")],
            decisions=[NoAward("X", "pas de lauréat")],
        )
    )
    assert results.dossier("A").amount_cents == 0
    assert results.dossier("A").status is not Status.LAUREATE


# --- §1: largest remainder order ---------------------------------------------------------


def test_s1_equal_aggregates_across_categories_share_no_place():
    """Categories X and Y share the call's prizes (places worth 100, 1 and 0 cents). A and
    D are ex aequo in X and share places 1–2 (51 / 50: the extra cent to A by reference);
    B, with the same aggregate in Y, is in another ranking pool: not their ex aequo, it
    comes after them (rank 1 in Y, then reference order) and takes place 3."""
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "D": [15], "B": [15]},
            call=rules(mode=Mode.PRIZE, prizes_cents=(100, 1, 0)),
            categories=(Category("X", "X"), Category("Y", "Y")),
            dossiers=[
                Dossier("A", "A", category="X"),
                Dossier("D", "D", category="X"),
                Dossier("B", "B", category="Y"),
            ],
        )
    )
    amounts = {ref: results.dossier(ref).amount_cents for ref in "ABD"}
    assert amounts == {"A": 51, "D": 50, "B": 0}


# --- §6: ex aequo with a dossier below a per-criterion threshold --------------------------

_GRID_XY = (Criterion("X", "X", 1, 10, threshold=3), Criterion("Y", "Y", 1, 10))


def _xy_campaign():
    scores = (
        Score("J1", "A", {"X": 5, "Y": 5}),
        Score("J1", "B", {"X": 2, "Y": 8}),  # same note as A and D, fails X's threshold
        Score("J1", "C", {"X": 4, "Y": 4}),
        Score("J1", "D", {"X": 5, "Y": 5}),
    )
    base = campaign_from_notes({}, criteria=_GRID_XY, dossiers=[Dossier(r, r) for r in "ABCD"])
    return type(base)(**{**base.__dict__, "scores": scores})


def test_s6_ex_aequo_share_a_rank_even_when_one_is_not_retained():
    """A, B, D have exactly the same aggregate (10/20); B is non retenu on a criterion
    threshold. Ex aequo share a rank (1, 1, 1, 4); the engine gives B rank 3."""
    results = compute_results(_xy_campaign())
    assert results.dossier("B").aggregate == results.dossier("A").aggregate
    assert results.dossier("B").rank == results.dossier("A").rank == 1
    assert results.dossier("C").rank == 4


def test_cli_tie_group_points_to_a_tie_that_lists_the_dossier():
    """cli.md: `tie_group` is the id of its entry in `ties`. The engine sets B's
    tie_group to the tie of A and D, whose refs do not contain B."""
    results = compute_results(_xy_campaign())
    b = results.dossier("B")
    if b.tie_group is not None:
        tie = next(t for t in results.ties if t.id == b.tie_group)
        assert "B" in tie.refs


# --- §6/§8: a decided tie and a later withdrawal ------------------------------------------


def test_s8_withdrawal_keeps_the_voted_order_of_the_rest_of_the_tie():
    """A, B, C tied; the jury voted C, A, B; then A withdraws. The waiting list moves up
    and C, B keep their voted order; the engine drops the decision and the tie is
    pending again (a new vote on an already-settled question)."""
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [15], "C": [15]},
            call=rules(
                mode=Mode.PRIZE,
                prizes_cents=(300, 200, 100),
                tie_break=(TieBreakStep(TieBreakKind.VOTE),),
            ),
            decisions=[
                OrderTie(("C", "A", "B"), "vote", VoteCount(5, 1)),
                Withdraw("A", "désistement"),
            ],
        )
    )
    assert [p for p in results.pending if p.kind == "tie"] == []
    assert results.dossier("C").rank == 1 and results.dossier("B").rank == 2
    assert results.dossier("C").amount_cents == 300


def test_s6_s8_withdrawal_after_a_draw_does_not_reopen_the_draw():
    """A draw over all of A, B, C (seed 7 -> A, C, B); C then withdraws. The draw covered
    every member; A before B stands. The engine asks for a new draw (which could reverse
    the order)."""
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [15], "C": [15]},
            call=rules(
                mode=Mode.PRIZE,
                prizes_cents=(300, 200, 100),
                tie_break=(TieBreakStep(TieBreakKind.DRAW),),
            ),
            decisions=[DrawLots(("A", "B", "C"), 7), Withdraw("C", "désistement")],
        )
    )
    assert [p for p in results.pending if p.kind == "tie"] == []
    assert results.dossier("A").rank == 1 and results.dossier("B").rank == 2


# --- §9: casting vote only on an equal split ----------------------------------------------


def test_s9_casting_vote_only_when_for_equals_against():
    """`présents`, 8 present, 4 pour / 2 contre / 2 abstentions: 4 is not more than half
    of 8 -> rejected. There is no partage des voix (4 ≠ 2), so the president's vote does
    not decide; the engine treats 2×pour == présents as a tie and adopts."""
    outcome = vote_outcome(VoteCount(4, 2, 2, president=VoteChoice.FOR), MajorityRule.PRESENT)
    assert outcome.adopted is False
    assert outcome.casting_vote is False


# --- robustness: a dossier without category when the call has categories -----------------


def test_robustness_uncategorised_dossier_is_funded_or_reported():
    """Call envelope 20 000, category X has 10 000 of it; B has no category. The engine
    ranks B in a pool nobody allocates: B stays `waiting` with 0, 10 000 € unallocated,
    and no warning says why. It must either be funded from the call's remainder or be
    reported."""
    results = compute_results(
        campaign_from_notes(
            {"A": [15], "B": [14]},
            call=rules(envelope_cents=2_000_000, min_scores=1),
            categories=(Category("X", "X", envelope_cents=1_000_000),),
            dossiers=[_asked("A", 1_000_000, category="X"), _asked("B", 1_000_000)],
        )
    )
    reported = any("B" in w.render("fr") for w in results.warnings)
    assert results.dossier("B").amount_cents == 1_000_000 or reported


def _shared_envelope_call(envelope_cents, decisions=()):
    """Prix Eco Motiv-like: categories EMERG and DEV share the call's envelope, cap
    10 000, floor 8 000; EM-08 (EMERG), EM-01 and EM-12 (DEV) have equal aggregates."""
    return campaign_from_notes(
        {"EM-05": [18], "EM-08": [15], "EM-01": [15], "EM-12": [15]},
        call=rules(envelope_cents=envelope_cents, cap_cents=1_000_000, floor_cents=800_000),
        categories=(Category("EMERG", "Émergence"), Category("DEV", "Développement")),
        dossiers=[
            _asked("EM-05", 1_000_000, category="DEV"),
            _asked("EM-08", 800_000, category="EMERG"),
            _asked("EM-01", 1_000_000, category="DEV"),
            _asked("EM-12", 1_000_000, category="DEV"),
        ],
        decisions=decisions,
    )


def test_s6_s8_a_voted_order_inside_a_category_holds_in_a_shared_envelope():
    vote = OrderTie(("EM-12", "EM-01"), "vote", VoteCount(4, 1, 0))
    results = compute_results(_shared_envelope_call(2_800_000, [vote]))
    assert results.dossier("EM-12").rank < results.dossier("EM-01").rank
    # EM-05 10 000, EM-08 (rank 1 in its category) 8 000, then EM-12 before EM-01
    assert results.dossier("EM-08").amount_cents == 800_000
    assert results.dossier("EM-12").amount_cents == 1_000_000
    assert results.dossier("EM-01").amount_cents == 0


def test_s7_money_is_never_blocked_by_equal_aggregates_across_categories():
    results = compute_results(_shared_envelope_call(2_000_000))
    # 10 000 left after EM-05: EM-08 (rank 1 in EMERG, then reference) takes its 8 000
    assert results.dossier("EM-08").amount_cents == 800_000
    assert results.awarded_cents == 1_800_000


def test_s7_a_cut_off_tie_that_cannot_be_shared_above_the_floor_waits_for_the_jury():
    call = rules(envelope_cents=2_000_000, floor_cents=800_000)
    dossiers = [_asked("Z", 1_000_000), _asked("A", 1_000_000), _asked("B", 1_000_000)]
    results = compute_results(
        campaign_from_notes({"Z": [18], "A": [15], "B": [15]}, call=call, dossiers=dossiers)
    )
    assert results.dossier("A").amount_cents == results.dossier("B").amount_cents == 0
    assert [p.kind for p in results.pending] == ["tie"]
    assert "plancher" in str(results.pending[0].detail)
