"""Aggregation over jurors (rules §4) on juries of even and odd size, computed by hand,
and the majority value checked against its definition (repeatedly remove one copy of
the lower median) for every list of notes."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juryapp.core.aggregate import (
    compare_majority_values,
    lower_median,
    majority_value,
    mean,
    median,
    zscore_notes,
)

F = Fraction


def removal_sequence(notes: list[int]) -> list[int]:
    """The definition: take the lower median (index ⌊(n−1)/2⌋), remove it, repeat."""
    left = sorted(notes)
    sequence = []
    while left:
        sequence.append(left.pop((len(left) - 1) // 2))
    return sequence


def test_mean_and_median_of_an_odd_jury():
    notes = [F(14), F(9), F(12)]
    assert mean(notes) == F(35, 3)
    assert median(notes) == 12


def test_median_of_an_even_jury_is_the_mean_of_the_two_middle_notes():
    # sorted 8, 11, 12, 15 -> (11 + 12)/2 = 23/2; not 11 (lower) nor 12 (upper)
    assert median([F(15), F(8), F(12), F(11)]) == F(23, 2)
    assert median([F(3), F(1)]) == 2


def test_lower_median_of_an_even_jury_is_the_lower_middle_note():
    # sorted 8, 11, 12, 15: index ⌊(4−1)/2⌋ = 1 -> 11
    assert lower_median([15, 8, 12, 11]) == 11
    assert lower_median([9, 2]) == 2
    assert lower_median([7, 3, 5]) == 5


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        # odd: 3 | remove -> [1,2,4,5]: 2 | [1,4,5]: 4 | [1,5]: 1 | 5
        ([5, 1, 4, 2, 3], [3, 2, 4, 1, 5]),
        # even: [1,2,3,4]: 2 | [1,3,4]: 3 | [1,4]: 1 | 4
        ([4, 3, 2, 1], [2, 3, 1, 4]),
        # even, six jurors: 3 | [1,2,4,5,6]: 4 | [1,2,5,6]: 2 | [1,5,6]: 5 | [1,6]: 1 | 6
        ([6, 5, 4, 3, 2, 1], [3, 4, 2, 5, 1, 6]),
        ([7, 11, 9, 9, 11], [9, 9, 11, 7, 11]),
        ([8], [8]),
    ],
)
def test_majority_value_by_hand(notes, expected):
    assert majority_value(notes) == expected


@given(st.lists(st.integers(0, 20), min_size=1, max_size=12))
def test_majority_value_is_the_repeated_removal_of_the_lower_median(notes):
    assert majority_value(notes) == removal_sequence(notes)


def test_even_jury_majority_judgment_reads_the_upper_side_first():
    """Four jurors each. A = [2,2,3,4] -> (2,3,2,4); B = [1,2,4,4] -> (2,4,1,4).
    Same majority grade 2; the second term decides: 4 > 3, B ranks above A."""
    a, b = [2, 2, 3, 4], [1, 2, 4, 4]
    assert compare_majority_values(b, a) == 1
    assert compare_majority_values(a, b) == -1
    assert compare_majority_values(a, list(reversed(a))) == 0


def test_majority_judgment_with_unequal_counts_scales_to_a_common_count():
    """A has 2 notes [3, 5], B has 3 notes [3, 4, 5]. lcm = 6:
    A -> [3,3,3,5,5,5]: (3,5,3,5,3,5); B -> [3,3,4,4,5,5]: (4,4,3,5,3,5).
    B's majority grade 4 beats A's 3."""
    assert compare_majority_values([3, 5], [3, 4, 5]) == -1
    assert compare_majority_values([3, 4, 5], [3, 5]) == 1
    # [4, 4] against [3, 4, 5]: (4,4,4,4,4,4) against (4,4,3,5,3,5): third term 4 > 3
    assert compare_majority_values([4, 4], [3, 4, 5]) == 1


@given(
    st.lists(st.integers(0, 6), min_size=1, max_size=6),
    st.lists(st.integers(0, 6), min_size=1, max_size=6),
)
def test_compare_majority_values_is_the_comparison_of_scaled_removal_sequences(a, b):
    length = math.lcm(len(a), len(b))
    first = removal_sequence(a * (length // len(a)))
    second = removal_sequence(b * (length // len(b)))
    expected = (first > second) - (first < second)
    assert compare_majority_values(a, b) == expected


def test_majority_judgment_needs_a_note_on_each_side():
    for first, second in (([], [3]), ([3], [])):
        with pytest.raises(ValueError) as caught:
            compare_majority_values(first, second)
        assert str(caught.value) == "majority judgment needs at least one note on each side"


def test_zscore_by_hand():
    """J1: 18, 16, 14 -> mean 16, sample sd √((4+0+4)/2) = 2, z = 1, 0, −1.
    J2: 12, 8, 4 -> mean 8, sd √((16+0+16)/2) = 4, z = 1, 0, −1.
    All six notes: mean 72/6 = 12, sample variance (36+16+4+0+16+64)/5 = 136/5.
    Rescaled: 12 + √(136/5) × z. J3 (two notes) and J4 (σ = 0) keep raw notes."""
    notes = {
        ("J1", "D1"): F(18),
        ("J1", "D3"): F(16),
        ("J1", "D4"): F(14),
        ("J2", "D2"): F(12),
        ("J2", "D3"): F(8),
        ("J2", "D4"): F(4),
        ("J3", "D1"): F(10),
        ("J3", "D2"): F(11),
        ("J4", "D1"): F(9),
        ("J4", "D2"): F(9),
        ("J4", "D3"): F(9),
    }
    result = zscore_notes(notes)
    assert result.raw_jurors == ("J3", "J4")
    everything = [float(v) for v in notes.values()]
    mu = sum(everything) / len(everything)
    sigma = math.sqrt(sum((v - mu) ** 2 for v in everything) / (len(everything) - 1))
    assert result.notes[("J1", "D1")] == pytest.approx(mu + sigma, rel=1e-12)
    assert result.notes[("J1", "D3")] == pytest.approx(mu, rel=1e-12)
    assert result.notes[("J2", "D4")] == pytest.approx(mu - sigma, rel=1e-12)
    assert result.notes[("J2", "D2")] == pytest.approx(result.notes[("J1", "D1")], rel=1e-12)
    assert result.notes[("J3", "D2")] == 11.0
    assert result.notes[("J4", "D1")] == 9.0
    only_six = {key: v for key, v in notes.items() if key[0] in {"J1", "J2"}}
    six = zscore_notes(only_six)
    assert six.raw_jurors == ()
    assert six.notes[("J1", "D1")] == pytest.approx(12 + math.sqrt(136 / 5), rel=1e-12)
    assert six.notes[("J2", "D3")] == pytest.approx(12.0, rel=1e-12)


def test_zscore_with_a_single_note_keeps_it_raw():
    result = zscore_notes({("J1", "D1"): F(13)})
    assert result.notes == {("J1", "D1"): 13.0}
    assert result.raw_jurors == ("J1",)
    assert zscore_notes({}).notes == {}
