"""Agreement between jurors: intraclass correlations on a table small enough to compute by
hand, the refusals, and the spread of one dossier's notes."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from juryapp.core.agreement import icc, spread


def test_icc_of_two_dossiers_and_two_jurors():
    """[[1, 2], [3, 5]]: grand mean 11/4; row means 3/2, 4; column means 2, 7/2.
    SS rows 2 × (25/16 × 2) = 25/4, SS columns 2 × (9/16 × 2) = 9/4, SS total 35/4,
    SS error 1/4. BMS 25/4, WMS (35/4 − 25/4)/2 = 5/4, JMS 9/4, EMS 1/4.
    ICC(1,1) = 5/(15/2) = 2/3; ICC(2,1) = 6/(13/2 + 2 × 2/2) = 12/17; ICC(3,1) = 6/(13/2)
    = 12/13."""
    result = icc([[1, 2], [3, 5]])
    assert result.icc_1_1 == pytest.approx(2 / 3, rel=1e-12)
    assert result.icc_2_1 == pytest.approx(12 / 17, rel=1e-12)
    assert result.icc_3_1 == pytest.approx(12 / 13, rel=1e-12)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[1, 2, 3]], "at least two dossiers are needed"),
        ([[1], [2]], "a complete table with at least two jurors is needed"),
        ([[1, 2], [3, 4, 5]], "a complete table with at least two jurors is needed"),
        ([[1, 2, 3], [3, 4]], "a complete table with at least two jurors is needed"),
    ],
)
def test_icc_refuses_what_it_cannot_compute(table, message):
    with pytest.raises(ValueError) as caught:
        icc(table)
    assert str(caught.value) == message


def test_spread_of_one_dossier():
    """[10, 14, 18]: mean 14, sample variance (16 + 0 + 16)/2 = 16, sd 4, range 8.
    [12, 16]: mean 14, variance 8/1, sd √8, range 4. One note: no spread."""
    assert spread([Fraction(10), Fraction(14), Fraction(18)]) == (4.0, 8)
    sd, span = spread([Fraction(12), Fraction(16)])
    assert sd == pytest.approx(math.sqrt(8), rel=1e-12) and span == 4
    assert spread([Fraction(31, 2), Fraction(33, 2), Fraction(35, 2)]) == (1.0, 2)
    assert spread([Fraction(12)]) is None
    assert spread([]) is None
