"""How much the jurors agree: per-dossier spread and intraclass correlations.

ICC forms of Shrout & Fleiss (1979) on a complete dossiers × jurors table:
ICC(1,1) one-way random, ICC(2,1) two-way random absolute agreement,
ICC(3,1) two-way mixed consistency. Floats: this is a statistic for display,
never a ranking input.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

__all__ = ["IntraclassCorrelations", "icc", "spread"]


@dataclass(frozen=True)
class IntraclassCorrelations:
    icc_1_1: float
    icc_2_1: float
    icc_3_1: float


def icc(table: Sequence[Sequence[float | Fraction | int]]) -> IntraclassCorrelations:
    """ICC(1,1), ICC(2,1), ICC(3,1) of a complete table (rows: dossiers, columns: jurors)."""
    n = len(table)
    if n < 2:
        raise ValueError("at least two dossiers are needed")
    k = len(table[0])
    if k < 2 or any(len(row) != k for row in table):
        raise ValueError("a complete table with at least two jurors is needed")
    data = [[float(x) for x in row] for row in table]
    grand = sum(map(sum, data)) / (n * k)
    row_means = [sum(row) / k for row in data]
    column_means = [sum(data[i][j] for i in range(n)) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_columns = n * sum((m - grand) ** 2 for m in column_means)
    ss_total = sum((x - grand) ** 2 for row in data for x in row)
    ss_error = ss_total - ss_rows - ss_columns
    bms = ss_rows / (n - 1)
    wms = (ss_total - ss_rows) / (n * (k - 1))
    jms = ss_columns / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))
    return IntraclassCorrelations(
        icc_1_1=(bms - wms) / (bms + (k - 1) * wms),
        icc_2_1=(bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n),
        icc_3_1=(bms - ems) / (bms + (k - 1) * ems),
    )


def spread(notes: Sequence[Fraction]) -> tuple[float, Fraction] | None:
    """Disagreement over one dossier: (sample standard deviation, max − min), or None."""
    if len(notes) < 2:
        return None
    mean = sum(notes, Fraction(0)) / len(notes)
    variance = sum(((x - mean) ** 2 for x in notes), Fraction(0)) / (len(notes) - 1)
    return math.sqrt(variance), max(notes) - min(notes)
