"""Deterministic jurors' scores for the sample calls: a seeded simulation of a jury around
each dossier's quality, and exact profiles kept by zero-sum spreads."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from fractions import Fraction

from juryapp.core.model import Campaign, Score

__all__ = ["profile_scores", "simulated_scores"]


def simulated_scores(
    campaign: Campaign, quality: Mapping[str, float], seed: int = 2016
) -> list[Score]:
    """Each voting member scores every admissible dossier they are not recused on, around
    the dossier's ``quality`` (0–1) with a severity of their own; the same ``seed`` gives
    the same scores."""
    rng = random.Random(seed)
    recused = {(r.juror, r.ref) for r in campaign.recusals}
    scores = []
    for juror in campaign.jurors:
        if not juror.votes:
            continue
        severity = rng.uniform(-0.08, 0.08)
        for dossier in campaign.dossiers:
            if not dossier.admissible or (juror.code, dossier.ref) in recused:
                continue
            values = {}
            for criterion in campaign.criteria:
                level = quality[dossier.ref] + severity + rng.uniform(-0.12, 0.12)
                level = min(max(level, 0.0), 1.0)
                raw = Fraction(criterion.max) * Fraction(level).limit_denominator(1000)
                step = Fraction(criterion.step)
                values[criterion.code] = round(raw / step) * step
            scores.append(Score(juror.code, dossier.ref, values))
    return scores


_H = Fraction(1, 2)
# zero-sum spreads by number of jurors: how far each juror is from the mean
_SPREADS: dict[int, tuple[tuple[Fraction, ...], ...]] = {
    5: (
        (0 * _H, _H, -_H, 2 * _H, -2 * _H),
        (0 * _H, 0 * _H, 0 * _H, _H, -_H),
        (2 * _H, -2 * _H, 3 * _H, -3 * _H, 0 * _H),
        (_H, _H, -_H, -_H, 0 * _H),
    ),
    4: ((_H, -_H, 2 * _H, -2 * _H), (0 * _H, 0 * _H, _H, -_H), (3 * _H, -3 * _H, _H, -_H)),
    3: ((0 * _H, _H, -_H), (2 * _H, -2 * _H, 0 * _H)),
}


def profile_scores(
    campaign: Campaign,
    jurors: Sequence[str],
    profiles: Mapping[str, Sequence[float]],
) -> list[Score]:
    """Every juror of ``jurors`` not recused scores each dossier of ``profiles`` (its mean
    per criterion, in the grid's order): each juror's values differ from the profile by a
    spread that sums to zero, so the means are the profile's."""
    codes = [c.code for c in campaign.criteria]
    maxima = {c.code: Fraction(c.max) for c in campaign.criteria}
    recused = {(r.juror, r.ref) for r in campaign.recusals}
    scores = []
    for number, (ref, profile) in enumerate(profiles.items()):
        counted = [j for j in jurors if (j, ref) not in recused]
        patterns = _SPREADS.get(len(counted), ((Fraction(0),) * len(counted),))
        spread = patterns[number % len(patterns)]
        for index, juror in enumerate(counted):
            values: dict[str, Fraction] = {}
            for position, code in enumerate(codes):
                base = Fraction(profile[position]).limit_denominator(2)
                shift = spread[(index + position) % len(spread)] if spread else 0
                value = base + shift
                if not 0 <= value <= maxima[code]:
                    value = base
                values[code] = value
            scores.append(Score(juror, ref, values))
    return scores
