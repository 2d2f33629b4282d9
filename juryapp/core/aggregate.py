"""Aggregation over jurors (rules §4): mean, median, majority judgment; z-scores.

Means and medians are exact Fractions. Majority judgment (Balinski & Laraki)
ranks by the majority grade (the lower median) then by the majority value: the
sequence obtained by repeatedly removing one copy of the lower median, compared
lexicographically. With unequal numbers of notes (recusals) sequences are
compared after scaling every count to the least common multiple of the counts
(MieuxVoter's normalised tally), which leaves the majority grade unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

__all__ = [
    "ZScoreResult",
    "compare_majority_values",
    "lower_median",
    "majority_value",
    "mean",
    "median",
    "zscore_notes",
]

T = TypeVar("T", int, Fraction, float)


def mean(notes: Sequence[Fraction]) -> Fraction:
    return sum(notes, Fraction(0)) / len(notes)


def median(notes: Sequence[Fraction]) -> Fraction:
    """The median; the mean of the two middle values for an even count."""
    ordered = sorted(notes)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def lower_median(notes: Sequence[T]) -> T:
    """The majority grade: sorted ascending, index ⌊(n−1)/2⌋."""
    ordered = sorted(notes)
    return ordered[(len(ordered) - 1) // 2]


def majority_value(notes: Sequence[T]) -> list[T]:
    """The majority value sequence (for display and tests)."""
    ordered = sorted(notes)
    return [ordered[_majority_index_exact(p, len(ordered))] for p in range(len(ordered))]


def _majority_index_exact(position: int, length: int) -> int:
    middle = (length - 1) // 2
    if position == 0:
        return middle
    step = (position + 1) // 2
    if length % 2:
        # odd: m, m-1, m+1, m-2, m+2 ...
        return middle - step if position % 2 else middle + step
    # even: m, m+1, m-1, m+2, m-2 ...
    return middle + step if position % 2 else middle - (position // 2)


def compare_majority_values(first: Sequence[T], second: Sequence[T]) -> int:
    """1 when ``first`` ranks above ``second`` by majority judgment, −1 below, 0 tied.

    Both lists are compared as if each note were repeated so that both have
    ``lcm(len(first), len(second))`` notes.
    """
    a, b = sorted(first), sorted(second)
    if not a or not b:
        raise ValueError("majority judgment needs at least one note on each side")
    length = math.lcm(len(a), len(b))
    repeat_a, repeat_b = length // len(a), length // len(b)
    for position in range(length):
        index = _majority_index_exact(position, length)
        value_a, value_b = a[index // repeat_a], b[index // repeat_b]
        if value_a != value_b:
            return 1 if value_a > value_b else -1
    return 0


class ZScoreResult:
    """Notes after z-score normalisation, and the jurors left raw (flagged)."""

    def __init__(self, notes: dict[tuple[str, str], float], raw_jurors: tuple[str, ...]) -> None:
        self.notes = notes  # (juror, ref) -> rescaled note
        self.raw_jurors = raw_jurors


def zscore_notes(notes: Mapping[tuple[str, str], Fraction]) -> ZScoreResult:
    """Each juror's notes become ``z = (N − μ_j)/σ_j`` over that juror's complete notes,
    rescaled as ``μ + σ·z`` with ``μ, σ`` over all notes (sample standard deviations).
    A juror with fewer than 3 notes or ``σ_j = 0`` keeps raw notes."""
    by_juror: dict[str, list[tuple[str, Fraction]]] = {}
    for (juror, ref), note in notes.items():
        by_juror.setdefault(juror, []).append((ref, note))
    everything = list(notes.values())
    overall_mean = float(mean(everything)) if everything else 0.0
    overall_sd = _sample_sd(everything)
    result: dict[tuple[str, str], float] = {}
    raw: list[str] = []
    for juror, items in sorted(by_juror.items()):
        values = [note for _, note in items]
        juror_sd = _sample_sd(values)
        if len(values) < 3 or juror_sd == 0.0:
            raw.append(juror)
            for ref, note in items:
                result[(juror, ref)] = float(note)
            continue
        juror_mean = mean(values)
        for ref, note in items:
            z = float(note - juror_mean) / juror_sd
            result[(juror, ref)] = overall_mean + overall_sd * z
    return ZScoreResult(result, tuple(raw))


def _sample_sd(values: Sequence[Fraction]) -> float:
    if len(values) < 2:
        return 0.0
    average = mean(values)
    variance = sum(((v - average) ** 2 for v in values), Fraction(0)) / (len(values) - 1)
    return math.sqrt(variance)
