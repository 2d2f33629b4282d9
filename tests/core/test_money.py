"""Money: scenarios 1–5 of shared/domain/scenarios.md, and splits for all inputs."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from juryapp.core.money import (
    AmountError,
    format_cents,
    format_cents_machine,
    parse_amount,
    parse_rate,
    split_equal,
    split_equal_capped,
    split_pro_rata,
)


def test_scenario_01_seven_thousand_among_three():
    assert split_equal(700_000, 3) == [233_334, 233_333, 233_333]


def test_scenario_02_one_thousand_among_seven():
    shares = split_equal(100_000, 7)
    assert sorted(shares, reverse=True) == [14_286] * 5 + [14_285] * 2
    assert sum(shares) == 100_000


def test_scenario_03_pro_rata_of_entitlements():
    assert split_pro_rata(5_000_000, [3_000_000, 2_500_000, 2_000_000]) == [
        2_000_000,
        1_666_667,
        1_333_333,
    ]


@pytest.mark.parametrize(
    "text",
    [
        "7 000 €",
        "7 000,00",
        "7000",
        "7\u202f000,00\u00a0€",
        "7\u00a0000",
        "7000.00",
        "7.000,00",
        7000,
        7000.0,
        Decimal("7000"),
    ],
)
def test_scenario_04_parsing_accepts_what_users_type(text):
    assert parse_amount(text) == 700_000


@pytest.mark.parametrize("text", ["-5", "abc", "7,000,00", "7,000", "7.000", "", -5, 1.234, True])
def test_scenario_04_parsing_refuses_ambiguous_or_negative(text):
    with pytest.raises(AmountError):
        parse_amount(text)


def test_parsing_keeps_cents():
    assert parse_amount("7 000,50") == 700_050
    assert parse_amount("18 354") == 1_835_400
    assert parse_amount("374 696,80 €") == 37_469_680
    assert parse_amount("1.234.567") == 123_456_700


def test_scenario_05_formatting():
    assert format_cents(169_157_700) == "1\u202f691\u202f577,00\u00a0€"
    assert format_cents_machine(169_157_700) == "1691577.00"
    assert format_cents_machine(5) == "0.05"


@pytest.mark.parametrize("text", ["50 %", "50", "0,5", "0.5", 0.5, "50%"])
def test_rates(text):
    assert parse_rate(text) == Decimal("0.5")


def test_equal_capped_gives_what_a_capped_share_cannot_take_to_the_others():
    assert split_equal_capped(1_600_000, [1_500_000, 500_000]) == [1_100_000, 500_000]
    assert split_equal_capped(1_600_000, [1_500_000, 1_500_000]) == [800_000, 800_000]


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**9), min_size=1, max_size=30))
def test_pro_rata_split_sums_exactly_and_stays_within_one_cent_of_quota(total, weights):
    if sum(weights) == 0:
        return
    shares = split_pro_rata(total, weights)
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        quota_floor = total * weight // sum(weights)
        assert quota_floor <= share <= quota_floor + 1


@given(st.integers(0, 10**10), st.lists(st.integers(0, 10**8), min_size=1, max_size=20))
@example(5, [10, 10, 0, 10])
@example(5, [1, 3, 2])
def test_equal_capped_split_never_exceeds_caps_and_sums(total, caps):
    """Water-filling: a share under its cap is at most one cent below any other share."""
    shares = split_equal_capped(total, caps)
    assert sum(shares) == min(total, sum(caps))
    assert all(0 <= s <= c for s, c in zip(shares, caps, strict=True))
    open_shares = [s for s, c in zip(shares, caps, strict=True) if s < c]
    assert all(s >= max(shares) - 1 for s in open_shares)


def test_equal_capped_split_of_five_cents():
    """5 cents among caps 10 / 10 / 0 / 10: the zero cap takes no part, the other three get
    5 = 2 + 2 + 1 (the extra cents to the first). A cap of one cent gets its cent."""
    assert split_equal_capped(5, [10, 10, 0, 10]) == [2, 2, 0, 1]
    assert split_equal_capped(5, [1, 10]) == [1, 4]
    # 1 capped, 4 left for two: 2 + 2 (round by round, 2 + 1 first, then 1 more: 3 + 1)
    assert split_equal_capped(5, [1, 3, 2]) == [1, 2, 2]
    # the same at a cut-off: 5 000,03 € left, the first tied dossier entitled to 1 000,01 €
    assert split_equal_capped(500_003, [100_001, 10**6, 10**6]) == [100_001, 200_001, 200_001]
    assert split_equal_capped(0, [3, 3]) == [0, 0]


@given(st.integers(0, 10**11))
def test_machine_format_round_trips(cents):
    assert parse_amount(format_cents_machine(cents)) == cents
    assert parse_amount(format_cents(cents)) == cents


# --- every refusal says what was read and why (the caller adds file, sheet and cell) ---


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (True, "montant illisible : « True »"),
        (-5, "montant négatif : « -5 »"),
        (Decimal("-5"), "montant négatif : « -5 »"),
        (1.234, "montant avec plus de deux décimales : « 1.234 »"),
        (float("nan"), "montant illisible : « nan »"),
        (None, "montant illisible : « None » (type NoneType)"),
        (date(2026, 1, 2), "montant illisible : « 2026-01-02 » (type date)"),
        ("X 7000", "montant illisible : « X 7000 »"),
        ("7000 X", "montant illisible : « 7000 X »"),
        (" \u00a0", "montant vide"),
        ("-5", "montant négatif : « -5 »"),
        ("−5", "montant négatif : « −5 »"),
        ("7,000", "montant ambigu : « 7,000 » (séparateur de milliers ou de décimales ?)"),
        ("7.000", "montant ambigu : « 7.000 » (séparateur de milliers ou de décimales ?)"),
        ("abc", "montant illisible : « abc »"),
        ("7 000,505", "montant illisible : « 7 000,505 »"),
        (10**10 + 1, "montant trop grand : « 10000000001 » (au plus 10 000 000 000 €)"),
        (
            "10 000 000 000,01",
            "montant trop grand : « 10 000 000 000,01 » (au plus 10 000 000 000 €)",
        ),
        (Decimal("1E+11"), "montant trop grand : « 1E+11 » (au plus 10 000 000 000 €)"),
        # refused before it is scaled to cents (where it would overflow, not be refused)
        (Decimal("1E+999999"), "montant trop grand : « 1E+999999 » (au plus 10 000 000 000 €)"),
        ("1" * 40, f"montant trop grand : « {'1' * 40} » (au plus 10 000 000 000 €)"),
    ],
)
def test_a_refused_amount_names_what_was_read(typed, message):
    with pytest.raises(AmountError) as caught:
        parse_amount(typed)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        (0, 0),
        ("0", 0),
        ("+7 000", 700_000),
        ("+7000", 700_000),
        ("1,234.56", 123_456),
        ("1 234.50", 123_450),
        ("\t7 000 €\n", 700_000),
        ("7\u2009000 EUR", 700_000),
        (10**10, 10**12),  # the largest amount accepted: 10 000 000 000 €
        ("10 000 000 000,00", 10**12),
    ],
)
def test_amounts_at_the_edges_of_what_is_accepted(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize(
    ("typed", "rate"),
    [
        (50, Decimal("0.5")),
        (1, Decimal("1")),  # 1 is 100 %, not 1 %
        ("1 %", Decimal("0.01")),
        ("0,5 %", Decimal("0.005")),  # half a percent
        (0.1, Decimal("0.1")),  # the shortest repr, not the binary float
        (Decimal("0.25"), Decimal("0.25")),
        ("\u00a050\u202f%\u00a0", Decimal("0.5")),
        ("50 %\n", Decimal("0.5")),  # a cell's text with its line break
        ("\t0,5\r\n", Decimal("0.5")),
        ("100 %", Decimal("1")),
    ],
)
def test_rates_as_typed(typed, rate):
    assert parse_rate(typed) == rate


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (True, "taux illisible : « True »"),
        (None, "taux illisible : « None »"),
        ("abc", "taux illisible : « abc »"),
        ("50X", "taux illisible : « 50X »"),
        ("X50 %", "taux illisible : « X50 % »"),
        ("-10 %", "taux illisible : « -10 % »"),
        (float("inf"), "taux illisible : « inf »"),
        ("150 %", "taux supérieur à 100 % : « 150 % »"),
        (101, "taux supérieur à 100 % : « 101 »"),
    ],
)
def test_a_refused_rate_names_what_was_read(typed, message):
    with pytest.raises(AmountError) as caught:
        parse_rate(typed)
    assert str(caught.value) == message


def test_machine_format_of_small_and_negative_amounts():
    assert format_cents_machine(0) == "0.00"
    assert format_cents_machine(-150) == "-1.50"
    assert format_cents_machine(100) == "1.00"


@pytest.mark.parametrize(
    ("typed", "rate"),
    [(1.5, Decimal("0.015")), ("1,5", Decimal("0.015")), (0, Decimal(0)), ("0 %", Decimal(0))],
)
def test_a_number_above_one_is_a_percentage_and_zero_is_a_rate(typed, rate):
    assert parse_rate(typed) == rate


@pytest.mark.parametrize(
    ("total", "weights", "message"),
    [
        (-1, [1], "cannot split a negative amount"),
        (100, [1, -1], "weights must not be negative"),
        (100, [0, 0], "weights must not all be zero"),
    ],
)
def test_a_split_that_makes_no_sense_is_refused(total, weights, message):
    with pytest.raises(ValueError) as caught:
        split_pro_rata(total, weights)
    assert str(caught.value) == message
