"""Engine benchmark: 2,000 dossiers × 25 jurors × 8 criteria (400,000 scores).

Prints the engine's time for the full results (exact arithmetic, ranking, ties,
allocation, explanations) and its ratio to a plain float computation of the
same weighted means, measured in the same run.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from fractions import Fraction

from juryapp.core.engine import compute_results
from juryapp.core.model import (
    CallRules,
    Campaign,
    Criterion,
    Dossier,
    Juror,
    Mode,
    Score,
    TieBreakKind,
    TieBreakStep,
)

DOSSIERS, JURORS, CRITERIA = 2_000, 25, 8


def build_campaign(seed: int = 7) -> Campaign:
    rng = random.Random(seed)
    criteria = tuple(
        Criterion(
            f"C{i}", f"Critère {i}", rng.randint(5, 30), 10 if i % 2 else 5, step=Fraction(1, 2)
        )
        for i in range(CRITERIA)
    )
    dossiers = tuple(
        Dossier(
            f"D{i:04d}",
            f"Projet {i}",
            requested_cents=rng.randint(5_000, 40_000) * 100,
            eligible_expenses_cents=rng.randint(10_000, 120_000) * 100,
        )
        for i in range(DOSSIERS)
    )
    jurors = tuple(Juror(f"J{j:02d}", f"Juré {j}") for j in range(JURORS))
    halves = [Fraction(k, 2) for k in range(21)]
    scores = tuple(
        Score(
            juror.code,
            dossier.ref,
            {
                c.code: (
                    rng.randint(0, int(c.max))
                    if rng.random() < 0.7
                    else halves[rng.randint(0, 2 * int(c.max))]
                )
                for c in criteria
            },
        )
        for dossier in dossiers
        for juror in jurors
    )
    rules = CallRules(
        name="Benchmark",
        mode=Mode.ENVELOPE,
        envelope_cents=70_000_000,
        cap_cents=4_000_000,
        rate=Fraction(1, 2),
        floor_cents=500_000,
        threshold=8,
        tie_break=(
            TieBreakStep(TieBreakKind.CRITERION, "C1"),
            TieBreakStep(TieBreakKind.MAJORITY_JUDGMENT),
        ),
    )
    return Campaign(rules, criteria, dossiers, jurors, (), scores)


def float_baseline(campaign: Campaign) -> list[tuple[float, str]]:
    """The same weighted means in plain floats, sorted: what a naive tool would do."""
    criteria = campaign.criteria
    total = float(sum(c.weight for c in criteria))
    weights = [
        (c.code, float(c.weight) / total / float(c.max - c.min), float(c.min)) for c in criteria
    ]
    sums: dict[str, list[float]] = {}
    for score in campaign.scores:
        note = 20.0 * sum(w * (float(score.values[code]) - low) for code, w, low in weights)
        sums.setdefault(score.ref, []).append(note)
    return sorted(((sum(v) / len(v), ref) for ref, v in sums.items()), reverse=True)


def best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    campaign = build_campaign()
    engine = best_of(3, lambda: compute_results(campaign))
    baseline = best_of(3, lambda: float_baseline(campaign))
    results = compute_results(campaign)
    print(
        f"engine: {DOSSIERS} dossiers × {JURORS} jurors × {CRITERIA} criteria "
        f"({DOSSIERS * JURORS * CRITERIA:,} scores)"
    )
    print(f"  full results (exact):   {engine * 1000:8.1f} ms")
    print(f"  float weighted means:   {baseline * 1000:8.1f} ms")
    print(f"  ratio engine / floats:  {engine / baseline:8.2f}")
    print(
        f"  laureates: {sum(1 for d in results.dossiers if d.amount_cents)}, "
        f"ties: {len(results.ties)}, awarded: {results.awarded_cents / 100:,.2f} €"
    )
