"""The year deliberated session by session (rules §12): whatever the sessions' envelopes,
the carry-over, the scores and the withdrawals of earlier laureates, the sealed sessions
never spend more than the year's envelope, per category and in all, and no session
awards more than what the ledger left it."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from juryapp.core.model import (
    CallRules,
    CallSession,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    Mode,
    Score,
    Withdraw,
)
from juryapp.core.sessions import year_view

K = 100_000  # 1 000,00 € in cents
CATEGORIES = ("A", "B")

session_plan = st.tuples(
    st.one_of(st.none(), st.integers(0, 40).map(lambda n: n * 5 * K)),  # declared envelope
    st.lists(  # dossiers: category, requested (thousands of €), score
        st.tuples(st.sampled_from(CATEGORIES), st.integers(1, 60), st.integers(0, 20)),
        min_size=0,
        max_size=6,
    ),
    st.lists(st.integers(0, 30), max_size=3),  # withdrawals: picks among earlier laureates
)


@settings(max_examples=60, deadline=None)
@given(
    extra=st.integers(0, 30).map(lambda n: n * 5 * K),
    category_years=st.tuples(st.integers(0, 40), st.integers(0, 40)),
    carry_over=st.booleans(),
    plans=st.lists(session_plan, min_size=1, max_size=4),
)
def test_no_sequence_of_sessions_and_withdrawals_spends_more_than_the_year(
    extra: int,
    category_years: tuple[int, int],
    carry_over: bool,
    plans: list[tuple[int | None, list[tuple[str, int, int]], list[int]]],
) -> None:
    envelopes = {code: n * 5 * K for code, n in zip(CATEGORIES, category_years, strict=True)}
    year = sum(envelopes.values()) + extra  # the categories share the year's envelope
    dossiers = []
    scores = []
    for number, (_declared, items, _picks) in enumerate(plans, start=1):
        for index, (category, thousands, score) in enumerate(items):
            ref = f"S{number}-{index}"
            dossiers.append(
                Dossier(ref, ref, category=category, requested_cents=thousands * K,
                        session=f"S{number}")
            )  # fmt: skip
            scores.append(Score("J1", ref, {"Q": score}))
    campaign = Campaign(
        rules=CallRules(
            name="Année",
            mode=Mode.ENVELOPE,
            envelope_cents=year,
            carry_over=carry_over,
            min_scores=1,
        ),
        criteria=(Criterion("Q", "Qualité", 1, 20),),
        jurors=(Juror("J1", "Juré"),),
        categories=tuple(Category(c, c, envelopes[c]) for c in CATEGORIES),
        sessions=tuple(
            CallSession(f"S{n}", f"Comité {n}", envelope_cents=declared)
            for n, (declared, _items, _picks) in enumerate(plans, start=1)
        ),
        dossiers=tuple(dossiers),
        scores=tuple(scores),
    )
    for number, (_declared, _items, picks) in enumerate(plans, start=1):
        code = f"S{number}"
        view = year_view(campaign, code)
        # withdrawals of earlier laureates, recorded in this session
        laureates = sorted(
            d.ref
            for s in view.sessions[:-1]
            for d in s.results.dossiers
            if d.amount_cents > 0 and d.ref not in view.withdrawn_later
        )
        for pick in picks:
            if laureates:
                ref = laureates.pop(pick % len(laureates))
                campaign = replace(
                    campaign, decisions=(*campaign.decisions, Withdraw(ref, "retrait", code))
                )
        view = year_view(campaign, code)
        last = view.last
        assert last.campaign.rules.envelope_cents is not None
        assert last.results.awarded_cents <= last.campaign.rules.envelope_cents
        for pool in last.campaign.categories:
            awarded = sum(
                d.amount_cents for d in last.results.dossiers if d.dossier.category == pool.code
            )
            assert pool.envelope_cents is not None
            assert awarded <= pool.envelope_cents
        # seal it
        campaign = replace(
            campaign,
            sessions=tuple(
                replace(s, sealed=True) if s.code == code else s for s in campaign.sessions
            ),
        )
    view = year_view(campaign, campaign.sessions[-1].code)
    assert view.ledger is not None
    spent = sum(s.results.awarded_cents - s.returned_cents for s in view.sessions)
    assert spent == view.ledger.spent_cents
    assert 0 <= view.ledger.spent_cents <= year
    assert view.ledger.remaining_cents >= 0
    for code, ledger in view.category_ledgers.items():
        assert 0 <= ledger.spent_cents <= envelopes[code]
        by_category = sum(
            d.amount_cents
            for s in view.sessions
            for d in s.results.dossiers
            if d.dossier.category == code
        ) - sum(s.returned_by_category.get(code, 0) for s in view.sessions)
        assert by_category == ledger.spent_cents
