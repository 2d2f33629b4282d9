"""The grid (rules §2): reading score values, checking them against scales that do not
start at 0, a juror's exact note, and the integer arithmetic the engine uses.

Every expected number below is computed by hand in the comments, with fractions.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from fractions import Fraction
from itertools import product

import pytest

from juryapp.core.grid import (
    GridArithmetic,
    ScoreValueError,
    check_value,
    format_number,
    grid_fingerprint,
    juror_note,
    normalise_number,
    parse_score_value,
)
from juryapp.core.model import Criterion

# A 1–5 scale in half points, a 1–10 scale, and a 0–20 scale: weights 2 / 1 / 1.
ONE_TO_FIVE = Criterion("PERT", "Pertinence", 2, 5, min=1, step=Fraction(1, 2))
ONE_TO_TEN = Criterion("FAIS", "Faisabilité", 1, 10, min=1)
ZERO_TO_TWENTY = Criterion("IMP", "Impact", 1, 20)
GRID = (ONE_TO_FIVE, ONE_TO_TEN, ZERO_TO_TWENTY)


# --- reading values ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (4, 4),
        ("4", 4),
        (" 4 ", 4),
        ("+4", 4),
        ("4,5", Fraction(9, 2)),
        ("4.5", Fraction(9, 2)),
        ("4,0", 4),
        ("1\u00a0000", 1000),
        ("1\u202f000", 1000),
        ("3/2", Fraction(3, 2)),
        ("4/2", 2),
        (4.5, Fraction(9, 2)),
        (4.0, 4),
        (0.1, Fraction(1, 10)),  # the shortest repr, not the binary float
        (Decimal("4.50"), Fraction(9, 2)),
        (Fraction(8, 2), 4),
    ],
)
def test_a_score_is_read_as_typed_and_an_integral_value_becomes_an_int(typed, expected):
    value = parse_score_value(typed)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (True, "True"),
        ("abc", "abc"),
        ("-4", "-4"),
        ("4,5,0", "4,5,0"),
        ("1/0", "1/0"),
        ("a/b", "a/b"),
        (float("nan"), "nan"),
        (float("inf"), "inf"),
        (Decimal("NaN"), "NaN"),
        (None, "None"),
    ],
)
def test_an_unreadable_score_is_refused_with_the_text_in_the_message(typed, shown):
    with pytest.raises(ScoreValueError) as caught:
        parse_score_value(typed)
    assert str(caught.value) == f"note illisible : « {shown} »"


def test_normalise_number_keeps_a_proper_fraction_and_unwraps_an_integral_one():
    assert normalise_number(Fraction(3, 2)) == Fraction(3, 2)
    assert type(normalise_number(Fraction(6, 2))) is int


# --- checking values on scales that do not start at 0 ----------------------------------


@pytest.mark.parametrize("value", [1, Fraction(3, 2), 3, Fraction(9, 2), 5])
def test_every_value_of_a_one_to_five_half_point_scale_is_accepted(value):
    assert check_value(ONE_TO_FIVE, value) is None


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (0, "la note 0 de PERT est hors de l'échelle 1–5"),
        (Fraction(1, 2), "la note 0,5 de PERT est hors de l'échelle 1–5"),
        (Fraction(11, 2), "la note 5,5 de PERT est hors de l'échelle 1–5"),
        (6, "la note 6 de PERT est hors de l'échelle 1–5"),
        (Fraction(5, 4), "la note 1,25 de PERT ne respecte pas le pas de 0,5"),
    ],
)
def test_a_value_off_a_one_to_five_scale_or_its_step_is_refused(value, message):
    assert check_value(ONE_TO_FIVE, value) == message


def test_the_step_counts_from_the_scale_minimum_not_from_zero():
    # 1–10 in steps of 3: the allowed values are 1, 4, 7, 10 (1 + 3k), not 0, 3, 6, 9.
    criterion = Criterion("C", "C", 1, 10, min=1, step=3)
    assert [v for v in range(0, 11) if check_value(criterion, v) is None] == [1, 4, 7, 10]
    assert check_value(criterion, 3) == "la note 3 de C ne respecte pas le pas de 3"


def test_a_whole_step_refuses_a_half_point_and_a_zero_step_accepts_any_value():
    assert check_value(ONE_TO_TEN, Fraction(5, 2)) == (
        "la note 2,5 de FAIS ne respecte pas le pas de 1"
    )
    free = Criterion("L", "Libre", 1, 10, min=1, step=0)
    assert check_value(free, Fraction(237, 100)) is None


# --- display -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        (4, "4", "4"),
        (Fraction(8, 2), "4", "4"),
        (Fraction(9, 2), "4,5", "4.5"),
        (Fraction(1, 4), "0,25", "0.25"),
        (Fraction(1, 3), "0,3333", "0.3333"),
        (Fraction(2, 3), "0,6667", "0.6667"),
        (Fraction(1001, 10), "100,1", "100.1"),
        # exact however small: never "1E-7", never rounded to 0,0000
        (Fraction(1, 10**7), "0,0000001", "0.0000001"),
        (Fraction(3, 10**25), "0," + "0" * 24 + "3", "0." + "0" * 24 + "3"),
    ],
)
def test_format_number_writes_a_value_as_a_person_does(value, french, english):
    assert format_number(value) == french
    assert format_number(value, "fr") == french
    assert format_number(value, "en") == english


# --- the note ------------------------------------------------------------------------------


def test_note_on_scales_that_do_not_start_at_zero():
    """Weights 2 / 1 / 1 (Σw = 4), display scale 20. Scores PERT 4 on 1–5, FAIS 7 on 1–10,
    IMP 15 on 0–20:

        N = 20 × (2 × (4−1)/(5−1) + 1 × (7−1)/(10−1) + 1 × (15−0)/20) / 4
          = 20 × (3/2 + 2/3 + 3/4) / 4 = 5 × 35/12 = 175/12  (14,58)

    Counting from 0 instead (s/hi) would give 20 × (8/5 + 7/10 + 3/4)/4 = 61/4: wrong.
    """
    values = {"PERT": 4, "FAIS": 7, "IMP": 15}
    assert juror_note(GRID, values, 20) == Fraction(175, 12)


def test_lowest_and_highest_values_of_every_scale_give_zero_and_the_display_scale():
    lowest = {"PERT": 1, "FAIS": 1, "IMP": 0}
    highest = {"PERT": 5, "FAIS": 10, "IMP": 20}
    assert juror_note(GRID, lowest, 20) == 0
    assert juror_note(GRID, highest, 20) == 20
    assert juror_note(GRID, highest, 100) == 100


def test_an_incomplete_grid_has_no_note():
    assert juror_note(GRID, {"PERT": 4, "FAIS": 7}, 20) is None
    assert juror_note(GRID, {"FAIS": 7, "IMP": 15}, 20) is None


def test_integer_arithmetic_on_a_one_to_five_half_point_grid():
    """Common value denominator D = 2 (the half step). Coefficients S × w / ((hi − lo) × Σw):
    PERT 20 × 2/(4 × 4) = 5/2, FAIS 20 × 1/(9 × 4) = 5/9, IMP 20 × 1/(20 × 4) = 1/4;
    their common denominator is 36, so a = (90, 20, 9), L = 36, note denominator D × L = 72.
    Offset = Σ a × lo × D = 90 × 1 × 2 + 20 × 1 × 2 + 9 × 0 = 220.
    PERT 4,5, FAIS 7, IMP 15 -> scaled (9, 14, 30) -> 90×9 + 20×14 + 9×30 − 220 = 1140,
    note 1140/72 = 95/6 = 20 × (2 × 7/8 + 2/3 + 3/4)/4 = 5 × 19/6 = 95/6. ✓
    """
    grid = GridArithmetic(GRID, 20)
    assert grid.criteria == GRID
    assert grid.codes == ("PERT", "FAIS", "IMP")
    assert grid.value_denominator == 2
    assert grid.integer_coefficients == (90, 20, 9)
    assert grid.note_denominator == 72
    assert grid.offset == 220
    scaled = grid.scaled_values({"IMP": 15, "PERT": Fraction(9, 2), "FAIS": 7})
    assert scaled == (9, 14, 30)
    assert grid.note_numerator(scaled) == 1140
    values = {"PERT": Fraction(9, 2), "FAIS": 7, "IMP": 15}
    assert Fraction(1140, 72) == juror_note(GRID, values, 20)


def test_integer_arithmetic_on_whole_scales_keeps_the_denominators_at_one():
    grid = GridArithmetic((ONE_TO_TEN, ZERO_TO_TWENTY), 20)
    # coefficients 20 × 1/(9 × 2) = 10/9 and 20 × 1/(20 × 2) = 1/2 -> L = 18, a = (20, 9)
    assert grid.value_denominator == 1
    assert grid.integer_coefficients == (20, 9)
    assert grid.note_denominator == 18
    assert grid.offset == 20  # 20 × 1 + 9 × 0


def test_integer_arithmetic_equals_the_formula_for_every_value_of_the_grid():
    grid = GridArithmetic(GRID, 20)
    pert = [1 + Fraction(k, 2) for k in range(9)]
    for p, f, i in product(pert, range(1, 11), (0, 7, 20)):
        values = {"PERT": p, "FAIS": f, "IMP": i}
        scaled = grid.scaled_values(values)
        assert scaled is not None
        note = Fraction(grid.note_numerator(scaled), grid.note_denominator)
        assert note == juror_note(GRID, values, 20)


def test_scaled_values_refuse_an_off_step_value_and_say_when_the_grid_is_incomplete():
    grid = GridArithmetic(GRID, 20)
    assert grid.scaled_value(3) == 6
    assert grid.scaled_value(Fraction(7, 2)) == 7
    with pytest.raises(ScoreValueError) as caught:
        grid.scaled_value(Fraction(13, 4))
    assert str(caught.value) == "note 3,25 hors du pas de la grille"
    assert grid.scaled_values({"PERT": 4, "FAIS": 7}) is None
    with pytest.raises(ValueError):
        grid.note_numerator((9, 14))  # one value per criterion, no fewer


def test_a_grid_in_points_keeps_its_integers_as_they_are():
    """One criterion 0–20, weight 1, display scale 20: coefficient 20 × 1/(20 × 1) = 1,
    so D = L = 1 and a note is its score (the smallest denominators, not merely common ones)."""
    grid = GridArithmetic((ZERO_TO_TWENTY,), 20)
    assert (grid.value_denominator, grid.note_denominator) == (1, 1)
    assert grid.integer_coefficients == (1,)
    assert grid.offset == 0
    assert grid.note_numerator((13,)) == 13


# --- the fingerprint -----------------------------------------------------------------------


def test_the_fingerprint_is_the_sha256_of_the_canonical_grid():
    canonical = '{"scale":20,"criteria":[["PERT","2","1","5","1/2"],["FAIS","1","1","10","1"]]}'
    expected = hashlib.sha256(canonical.encode()).hexdigest()[:16]
    assert grid_fingerprint((ONE_TO_FIVE, ONE_TO_TEN), 20) == expected


def test_the_fingerprint_changes_with_each_part_that_makes_notes_comparable():
    base = grid_fingerprint((ONE_TO_FIVE,), 20)
    variants = [
        grid_fingerprint((ONE_TO_FIVE,), 10),
        grid_fingerprint((Criterion("PERT", "Pertinence", 3, 5, min=1, step=Fraction(1, 2)),), 20),
        grid_fingerprint((Criterion("PERT", "Pertinence", 2, 5, min=0, step=Fraction(1, 2)),), 20),
        grid_fingerprint((Criterion("PERT", "Pertinence", 2, 6, min=1, step=Fraction(1, 2)),), 20),
        grid_fingerprint((Criterion("PERT", "Pertinence", 2, 5, min=1),), 20),
        grid_fingerprint((Criterion("X", "Pertinence", 2, 5, min=1, step=Fraction(1, 2)),), 20),
    ]
    assert len({base, *variants}) == 1 + len(variants)
    # the label is not part of it: renaming a criterion keeps scores comparable
    renamed = Criterion("PERT", "Autre libellé", 2, 5, min=1, step=Fraction(1, 2))
    assert grid_fingerprint((renamed,), 20) == base
