"""The annual envelope as a ledger (rules §12), by hand on Nantes Factory's year
(900 000 € over three project reviews), and for every sequence of sessions and
withdrawals: never more spent than the year's envelope."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juryapp.core.ledger import SessionFigures, build_ledger

K = 100_000  # 1 000,00 € in cents


def test_carry_over_adds_what_a_session_left_to_the_next_one() -> None:
    ledger = build_ledger(
        9_000 * K,
        [
            SessionFigures("S1", 3_000 * K, 2_500 * K, sealed=True),
            SessionFigures("S2", 3_000 * K, 3_400 * K, sealed=True),
            SessionFigures("S3", None, 0),
        ],
        carry_over=True,
    )
    s1, s2, s3 = ledger.sessions
    assert (s1.available_cents, s1.carried_out_cents) == (3_000 * K, 500 * K)
    assert (s2.carried_in_cents, s2.available_cents, s2.carried_out_cents) == (
        500 * K, 3_500 * K, 100 * K
    )  # fmt: skip
    assert s3.available_cents == 3_100 * K  # what remains of the year
    assert (ledger.spent_cents, ledger.locked_cents, ledger.remaining_cents) == (
        5_900 * K, 0, 3_100 * K
    )  # fmt: skip


def test_without_carry_over_what_is_left_is_not_consumed_and_not_available() -> None:
    ledger = build_ledger(
        9_000 * K,
        [
            SessionFigures("S1", 3_000 * K, 2_500 * K, sealed=True),
            SessionFigures("S2", 3_000 * K, 2_900 * K, sealed=True),
            SessionFigures("S3", None),
        ],
        carry_over=False,
    )
    s1, s2, s3 = ledger.sessions
    assert (s1.not_consumed_cents, s1.carried_out_cents) == (500 * K, 0)
    assert (s2.carried_in_cents, s2.available_cents, s2.not_consumed_cents) == (
        0, 3_000 * K, 100 * K
    )  # fmt: skip
    assert s3.available_cents == 3_000 * K  # 9 000 − 5 400 awarded − 600 not consumed
    assert (ledger.spent_cents, ledger.locked_cents, ledger.remaining_cents) == (
        5_400 * K, 600 * K, 3_000 * K
    )  # fmt: skip


def test_a_withdrawal_after_a_seal_gives_the_money_back_to_the_year() -> None:
    ledger = build_ledger(
        9_000 * K,
        [
            SessionFigures("S1", None, 4_000 * K, sealed=True),
            # a laureate of S1 withdraws, recorded in S2: 600 back to the year
            SessionFigures("S2", None, 5_600 * K, returned_cents=600 * K, sealed=True),
        ],
        carry_over=False,
    )
    assert ledger.sessions[1].available_cents == 5_600 * K
    assert (ledger.spent_cents, ledger.remaining_cents) == (9_000 * K, 0)


def test_a_session_never_awards_beyond_what_remains_of_the_year() -> None:
    ledger = build_ledger(
        5_000 * K,
        [
            SessionFigures("S1", 3_000 * K, 3_000 * K, sealed=True),
            SessionFigures("S2", 3_000 * K, 0),
        ],
        carry_over=True,
    )
    assert ledger.sessions[1].available_cents == 2_000 * K
    with pytest.raises(ValueError, match="S2"):
        build_ledger(
            5_000 * K,
            [SessionFigures("S1", 3_000 * K, 3_000 * K, sealed=True),
             SessionFigures("S2", 3_000 * K, 2_000 * K + 1)],
            carry_over=True,
        )  # fmt: skip


def test_an_open_session_spends_nothing_yet() -> None:
    ledger = build_ledger(9_000 * K, [SessionFigures("S1", 3_000 * K, 2_000 * K)], True)
    assert (ledger.spent_cents, ledger.remaining_cents) == (0, 9_000 * K)
    assert ledger.sessions[0].carried_out_cents == 0


@st.composite
def years(draw: st.DrawFn) -> tuple[int, list[SessionFigures], bool]:
    envelope = draw(st.integers(0, 10_000 * K))
    carry_over = draw(st.booleans())
    figures: list[SessionFigures] = []
    spent_awards = 0
    for index in range(draw(st.integers(1, 6))):
        declared = draw(st.none() | st.integers(0, 6_000 * K))
        returned = draw(st.integers(0, spent_awards))
        sealed = draw(st.booleans())
        probe = [*figures, SessionFigures(f"S{index}", declared, 0, returned, sealed)]
        available = build_ledger(envelope, probe, carry_over).sessions[-1].available_cents
        awarded = draw(st.integers(0, max(available, 0)))
        figures.append(SessionFigures(f"S{index}", declared, awarded, returned, sealed))
        spent_awards += awarded if sealed else 0
        spent_awards -= returned
    return envelope, figures, carry_over


@settings(max_examples=300, deadline=None)
@given(years())
def test_no_sequence_of_sessions_and_withdrawals_spends_more_than_the_year(year) -> None:
    envelope, figures, carry_over = year
    ledger = build_ledger(envelope, figures, carry_over)
    assert 0 <= ledger.spent_cents <= envelope
    assert ledger.remaining_cents >= 0
    assert ledger.spent_cents + ledger.locked_cents + ledger.remaining_cents == envelope
    for account in ledger.sessions:
        assert 0 <= account.awarded_cents <= account.available_cents
        if account.declared_cents is not None:
            assert account.available_cents <= account.declared_cents + account.carried_in_cents
