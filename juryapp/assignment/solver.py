"""Solve an assignment :class:`~juryapp.core.assignment.Problem` exactly, with OR-Tools.

Two exact methods, both from OR-Tools:

- **Min-cost flow** (``SimpleMinCostFlow``) when the organisations' constraint is
  a capacity: source → member (the load's lower bound at a large negative cost,
  the rest up to the upper bound at no cost) → (dossier, organisation) (one arc
  per pair without a declared conflict) → dossier (at most K − M + 1 members of
  one organisation) → sink (K). « At least M organisations among K » is exactly
  « at most K − M + 1 of any one » when M ≤ 2 or M = K: the common cases (K = 2
  or 3 with two or three institutions), solved in well under a second at
  2,000 × 60. An assignment exists if and only if the maximum flow fills every
  dossier and every load's lower bound.
- **CP-SAT** otherwise (3 ≤ M < K): one boolean per pair, each dossier exactly K,
  loads within bounds, one boolean per (dossier, organisation) present, at least
  M present; the flow's answer (organisations as capacities) is given as a hint.

There is no objective beyond feasibility: any assignment that satisfies every
constraint is a right one. Reproducible: the seed draws the small cost of each
(member, dossier) arc (and shuffles CP-SAT's variables); the solvers run on one
thread with that seed, so the same problem and the same seed give the same
assignment. A different seed gives another (equally valid) one.

When the counting of ``obstacles`` finds nothing and the search still proves
that no assignment exists, the search is run again without the organisations,
then without the balance of loads, to name the constraint that makes it
impossible.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ortools.graph.python import min_cost_flow

from juryapp.core.assignment import (
    AssignmentError,
    Member,
    Obstacle,
    Problem,
    load_bounds,
    loads_of,
    obstacles,
    violations,
)
from juryapp.i18n import _

if TYPE_CHECKING:  # CP-SAT imports numpy and pandas: only when it is needed
    from ortools.sat.python import cp_model

__all__ = ["Solution", "solve"]

# Enough for 2,000 dossiers × 60 jurors (a feasibility search takes well under a second
# there); a deterministic limit (the solver's own work units), not wall time, so that a
# slow machine finds the same answer as a fast one.
_DETERMINISTIC_LIMIT = 120.0


@dataclass(frozen=True)
class Solution:
    """Each admissible dossier's rapporteurs (in jury order), each member's load, the
    seed, and how long the solver itself took (seconds, model building apart)."""

    assignment: dict[str, tuple[str, ...]]
    loads: dict[str, int]
    seed: int
    solver_seconds: float
    method: str  # "min-cost-flow" or "cp-sat"


def _model(
    problem: Problem, seed: int
) -> tuple[cp_model.CpModel, dict[tuple[int, int], cp_model.IntVar]]:
    from ortools.sat.python import cp_model

    members = problem.members
    order_members = list(range(len(members)))
    order_refs = list(range(len(problem.refs)))
    shuffle = random.Random(seed)
    shuffle.shuffle(order_members)
    shuffle.shuffle(order_refs)
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    for d in order_refs:
        ref = problem.refs[d]
        for j in order_members:
            if (members[j].code, ref) not in problem.conflicts:
                x[(j, d)] = model.new_bool_var(f"x{j}_{d}")
    by_ref: dict[int, list[tuple[int, cp_model.IntVar]]] = {d: [] for d in order_refs}
    by_member: dict[int, list[cp_model.IntVar]] = {j: [] for j in order_members}
    for (j, d), var in x.items():
        by_ref[d].append((j, var))
        by_member[j].append(var)
    for d in order_refs:
        model.add(sum(var for _j, var in by_ref[d]) == problem.per_dossier)
    low, high = load_bounds(problem)
    for j in order_members:
        load = sum(by_member[j])
        model.add_linear_constraint(load, low, high)
    if problem.institutions > 1:
        cap = problem.per_dossier - problem.institutions + 1
        names = sorted({m.organisation for m in members})
        for d in order_refs:
            seen = []
            for name in names:
                among = [var for j, var in by_ref[d] if members[j].organisation == name]
                if not among:
                    continue
                present = model.new_bool_var(f"o{d}_{name}")
                model.add(sum(among) >= 1).only_enforce_if(present)
                model.add(sum(among) <= cap)  # implied, and a strong hint to the search
                seen.append(present)
            model.add(sum(seen) >= problem.institutions)
    return model, x


def _cpsat(
    problem: Problem, seed: int, hint: dict[str, tuple[str, ...]] | None
) -> tuple[str, dict[str, tuple[str, ...]] | None, float]:
    """CP-SAT on the whole problem: ``("found", assignment)``, ``("impossible", None)``
    or ``("unknown", None)`` when the work limit is reached, and the solver's own time."""
    from ortools.sat.python import cp_model

    model, x = _model(problem, seed)
    if hint:
        index = {m.code: j for j, m in enumerate(problem.members)}
        taken = {(index[code], d) for d, ref in enumerate(problem.refs) for code in hint[ref]}
        for key, var in x.items():
            model.add_hint(var, key in taken)
    solver = cp_model.CpSolver()
    solver.parameters.num_search_workers = 1  # one worker: the same answer every time
    solver.parameters.random_seed = seed % (2**31)
    solver.parameters.linearization_level = 0  # the counting constraints need no LP
    solver.parameters.max_deterministic_time = _DETERMINISTIC_LIMIT
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen: dict[str, list[str]] = {ref: [] for ref in problem.refs}
        for (j, d), var in sorted(x.items()):
            if solver.boolean_value(var):
                chosen[problem.refs[d]].append(problem.members[j].code)
        return "found", {ref: tuple(codes) for ref, codes in chosen.items()}, solver.wall_time
    if status == cp_model.INFEASIBLE:
        return "impossible", None, solver.wall_time
    return "unknown", None, solver.wall_time


_BIG = 1_000_000  # the cost that makes the loads' lower bounds fill first


def _flow(
    problem: Problem,
    seed: int,
    *,
    organisations: bool = True,
    balance: bool = True,
    per_organisation: int | None = None,
) -> tuple[dict[str, tuple[str, ...]] | None, float]:
    """The min-cost flow's assignment (organisations as capacities), or None when the
    maximum flow cannot fill every dossier and every load's lower bound; and the time of
    the flow's solve itself."""
    members, refs, k = problem.members, problem.refs, problem.per_dossier
    low, high = load_bounds(problem) if balance else (0, problem.total)
    constrained = organisations and problem.institutions > 1
    if per_organisation is None:
        per_organisation = k - problem.institutions + 1 if constrained else k
    source, sink = 0, 1
    member_node = {j: 2 + j for j in range(len(members))}
    dossier_node = {d: 2 + len(members) + d for d in range(len(refs))}
    next_node = 2 + len(members) + len(refs)
    group_node: dict[tuple[int, str], int] = {}
    flow = min_cost_flow.SimpleMinCostFlow()
    costs = random.Random(seed)
    for j in member_node:
        if low > 0:
            flow.add_arc_with_capacity_and_unit_cost(source, member_node[j], low, -_BIG)
        if high > low:
            flow.add_arc_with_capacity_and_unit_cost(source, member_node[j], high - low, 0)
    pair_arcs: list[tuple[int, int, int]] = []
    for d, ref in enumerate(refs):
        for j, member in enumerate(members):
            if (member.code, ref) in problem.conflicts:
                continue
            if constrained:
                key = (d, member.organisation)
                if key not in group_node:
                    group_node[key] = next_node
                    next_node += 1
                head = group_node[key]
            else:
                head = dossier_node[d]
            arc = flow.add_arc_with_capacity_and_unit_cost(
                member_node[j], head, 1, costs.randrange(1000)
            )
            pair_arcs.append((arc, j, d))
        flow.add_arc_with_capacity_and_unit_cost(dossier_node[d], sink, k, 0)
    for (d, _name), node in sorted(group_node.items(), key=lambda item: item[1]):
        flow.add_arc_with_capacity_and_unit_cost(node, dossier_node[d], per_organisation, 0)
    flow.set_node_supply(source, problem.total)
    flow.set_node_supply(sink, -problem.total)
    started = time.perf_counter()
    status = flow.solve_max_flow_with_min_cost()
    seconds = time.perf_counter() - started
    if status != flow.OPTIMAL or flow.maximum_flow() < problem.total:
        return None, seconds
    chosen: dict[str, list[str]] = {ref: [] for ref in refs}
    for arc, j, d in pair_arcs:
        if flow.flow(arc):
            chosen[refs[d]].append(members[j].code)
    assignment = {ref: tuple(sorted(codes, key=_order(members))) for ref, codes in chosen.items()}
    loads = loads_of((m.code for m in members), assignment)
    if any(load < low for load in loads.values()):
        return None, seconds
    return assignment, seconds


def _order(members: Sequence[Member]) -> Callable[[str], int]:
    rank = {m.code: i for i, m in enumerate(members)}
    return rank.__getitem__


def _flow_is_exact(problem: Problem) -> bool:
    """« At least M organisations » is a capacity (at most K − M + 1 of one) iff M ≤ 2 or M = K."""
    return problem.institutions <= 2 or problem.institutions == problem.per_dossier


def new_seed() -> int:
    """A fresh seed for an assignment (recorded with it, so that it can be redone)."""
    return random.SystemRandom().randrange(1, 2**31)


def solve(problem: Problem, seed: int | None = None) -> Solution:
    """An assignment satisfying every constraint of ``problem``, reproducible from ``seed``.

    Raises :class:`AssignmentError` naming the constraint that fails and what would
    make an assignment possible.
    """
    found = obstacles(problem)
    if found:
        raise AssignmentError(found)
    seed = new_seed() if seed is None else seed
    assignment, solver_seconds = _flow(problem, seed)
    method = "min-cost-flow"
    if _flow_is_exact(problem):
        if assignment is None:
            raise AssignmentError(_diagnose(problem, seed))
    elif assignment is None:  # the capacities are necessary: no assignment exists
        raise AssignmentError(_diagnose(problem, seed))
    else:
        # A stronger capacity, at most c of one organisation with ⌈K / c⌉ ≥ M, is
        # sufficient: when the flow fills it, every constraint holds.
        per_dossier, institutions = problem.per_dossier, problem.institutions
        strict = max(c for c in range(1, per_dossier + 1) if -(-per_dossier // c) >= institutions)
        stronger, seconds = _flow(problem, seed, per_organisation=strict)
        solver_seconds += seconds
        if stronger is not None:
            assignment = stronger
        else:
            method = "cp-sat"
            outcome, assignment, cp_seconds = _cpsat(problem, seed, assignment)
            solver_seconds += cp_seconds
            if outcome == "impossible":
                raise AssignmentError(_diagnose(problem, seed))
        if assignment is None:
            raise AssignmentError(
                [
                    Obstacle(
                        "time",
                        _("le solveur n'a trouvé aucune répartition dans le temps imparti."),
                        _("Demandez moins de rapporteurs ou d'organismes par dossier, ou une "
                          "charge maximale plus haute (--max-load)."),
                    )
                ]
            )  # fmt: skip
    broken = violations(problem, assignment)
    if broken:  # never expected: the model and the check disagree
        raise AssertionError("; ".join(broken))
    return Solution(
        assignment=assignment,
        loads=loads_of((m.code for m in problem.members), assignment),
        seed=seed,
        solver_seconds=solver_seconds,
        method=method,
    )


def _feasible(problem: Problem, seed: int, *, organisations: bool, balance: bool = True) -> bool:
    relaxed = problem if organisations else replace(problem, institutions=1)
    if organisations and not _flow_is_exact(problem):
        return _cpsat(relaxed, seed, None)[0] == "found"
    return _flow(relaxed, seed, balance=balance)[0] is not None


def _diagnose(problem: Problem, seed: int) -> Sequence[Obstacle]:
    """Which constraint makes the proven-impossible problem impossible."""
    if problem.institutions > 1 and _feasible(problem, seed, organisations=False):
        return [
            Obstacle(
                "organisations",
                _("organismes : une répartition existe sans la contrainte de {n} organismes "
                  "par dossier, mais aucune avec elle (trop peu de membres de certains "
                  "organismes pour tous les dossiers).").format(n=problem.institutions),
                _("Demandez moins d'organismes par dossier (--institutions {n}), ou ajoutez "
                  "des membres d'autres organismes.").format(n=problem.institutions - 1),
            )
        ]  # fmt: skip
    if _feasible(problem, seed, organisations=False, balance=False):
        low, high = load_bounds(problem)
        if problem.max_load is None:
            return [
                Obstacle(
                    "balance",
                    _("équilibre des charges : avec les conflits d'intérêts déclarés, aucune "
                      "répartition ne garde les charges entre {low} et {high} dossiers.").format(
                        low=low, high=high
                    ),
                    _("Donnez une charge maximale (--max-load {n} ou plus).").format(n=high + 1),
                )
            ]  # fmt: skip
        return [
            Obstacle(
                "capacity",
                _("charge : avec les conflits d'intérêts déclarés, aucune répartition ne tient "
                  "dans {n} dossiers par membre.").format(n=high),
                _("Donnez une charge maximale plus haute (--max-load {n} ou plus).").format(
                    n=high + 1
                ),
            )
        ]  # fmt: skip
    return [
        Obstacle(
            "conflicts",
            _("conflits d'intérêts : aucune répartition n'évite tous les conflits déclarés."),
            _("Demandez moins de rapporteurs par dossier."),
        )
    ]
