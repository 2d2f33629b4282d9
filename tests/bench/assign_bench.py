"""Assignment benchmark (rules §14): who scores what, solved exactly with OR-Tools.

Cases: 200 dossiers × 12 jurors (K = 3, two organisations per dossier), 2,000 × 25
(K = 3, two organisations), 2,000 × 60 (K = 3, three organisations: the issue's ≤ 10 s),
and two CP-SAT cases (K = 4 from three organisations, three per dossier). Each with
about 2 % of conflicts of interest. Prints the whole call's time, the solver's own
time, and the ratio to a plain greedy assignment (least loaded free member first,
no guarantee) of the same problem measured in the same run.
"""

from __future__ import annotations

import random
import time

from juryapp.assignment import solve
from juryapp.core.assignment import Member, Problem

CASES = (
    (200, 12, 3, 2, 4),
    (2_000, 25, 3, 2, 4),
    (2_000, 60, 3, 3, 6),
    (200, 12, 4, 3, 3),
    (2_000, 25, 4, 3, 3),
)


def problem(dossiers: int, jurors: int, k: int, m: int, organisations: int) -> Problem:
    rng = random.Random(dossiers * 1000 + jurors)
    members = tuple(Member(f"J{i:02d}", f"O{i % organisations}") for i in range(jurors))
    refs = tuple(f"D{i:04d}" for i in range(dossiers))
    conflicts = frozenset(
        (member.code, ref) for member in members for ref in refs if rng.random() < 0.02
    )
    return Problem(members, refs, k, conflicts, None, m)


def greedy(problem: Problem) -> dict[str, list[str]]:
    loads = {m.code: 0 for m in problem.members}
    found: dict[str, list[str]] = {}
    for ref in problem.refs:
        free = sorted(problem.eligible(ref), key=loads.__getitem__)[: problem.per_dossier]
        for code in free:
            loads[code] += 1
        found[ref] = free
    return found


def main() -> None:
    print("Assignment (OR-Tools), K rapporteurs per dossier, ~2 % conflicts:")
    for dossiers, jurors, k, m, organisations in CASES:
        case = problem(dossiers, jurors, k, m, organisations)
        started = time.perf_counter()
        greedy(case)
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        solution = solve(case, seed=1)
        total = time.perf_counter() - started
        loads = solution.loads.values()
        print(
            f"  {dossiers:>5} × {jurors:>2}, K = {k}, M = {m}: {total:6.2f} s "
            f"(solver {solution.solver_seconds:5.2f} s, {solution.method}; "
            f"greedy {baseline:5.3f} s, × {total / baseline:5.0f}); loads {min(loads)}–{max(loads)}"
        )


if __name__ == "__main__":
    main()
