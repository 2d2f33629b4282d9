"""Who scores what (rules §14): the search finds an assignment satisfying every constraint,
the same one from the same seed, and says which constraint fails when none exists."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juryapp.assignment import solve
from juryapp.assignment.solver import new_seed
from juryapp.core.assignment import (
    AssignmentError,
    Member,
    Problem,
    load_bounds,
    obstacles,
    violations,
)


def members(*specs: str) -> tuple[Member, ...]:
    """``"J1:Région"`` → Member("J1", "Région")."""
    return tuple(Member(*spec.split(":")) for spec in specs)


def refs(count: int) -> tuple[str, ...]:
    return tuple(f"D{i:02d}" for i in range(1, count + 1))


def test_six_dossiers_four_jurors_two_each_by_hand() -> None:
    # 12 places for 4 jurors: exactly 3 each; J1 has a conflict on D01.
    problem = Problem(members("J1", "J2", "J3", "J4"), refs(6), 2, frozenset({("J1", "D01")}))
    solution = solve(problem, seed=11)
    assert all(len(jurors) == 2 for jurors in solution.assignment.values())
    assert "J1" not in solution.assignment["D01"]
    assert solution.loads == {"J1": 3, "J2": 3, "J3": 3, "J4": 3}
    assert solution.seed == 11
    assert violations(problem, solution.assignment) == []


def test_loads_within_one_when_places_do_not_divide() -> None:
    # 7 dossiers × 2 = 14 places for 4 jurors: loads 3 or 4, two of each.
    problem = Problem(members("J1", "J2", "J3", "J4"), refs(7), 2)
    assert load_bounds(problem) == (3, 4)
    solution = solve(problem, seed=3)
    assert sorted(solution.loads.values()) == [3, 3, 4, 4]


def test_two_organisations_on_every_dossier() -> None:
    jury = members("J1:Région", "J2:Région", "J3:CRESS", "J4:France Active")
    problem = Problem(jury, refs(8), 2, institutions=2)
    solution = solve(problem, seed=5)
    organisation = {m.code: m.organisation for m in jury}
    for jurors in solution.assignment.values():
        assert len({organisation[j] for j in jurors}) == 2
    assert violations(problem, solution.assignment) == []


def test_three_organisations_among_four_rapporteurs() -> None:
    # four organisations: four different ones on each dossier (a flow) is enough
    jury = members(*(f"J{i}:O{i % 4}" for i in range(1, 13)))
    problem = Problem(jury, refs(30), 4, institutions=3)
    solution = solve(problem, seed=2)
    assert solution.method == "min-cost-flow"
    assert violations(problem, solution.assignment) == []
    # three organisations: two of one and one of each other on each dossier, by CP-SAT
    jury = members(*(f"J{i}:O{i % 3}" for i in range(1, 13)))
    problem = Problem(jury, refs(30), 4, institutions=3)
    solution = solve(problem, seed=2)
    assert solution.method == "cp-sat"
    assert violations(problem, solution.assignment) == []


def test_a_maximum_load_replaces_the_balance() -> None:
    # J1 is conflicted on 5 of 6 dossiers: balanced loads (3 each) are impossible,
    # a maximum load of 4 lets the others carry more.
    conflicts = frozenset(("J1", ref) for ref in refs(5))
    jury = members("J1", "J2", "J3", "J4")
    with pytest.raises(AssignmentError) as refused:
        solve(Problem(jury, refs(6), 2, conflicts))
    assert [o.constraint for o in refused.value.found] == ["balance"]
    assert refused.value.found[0].jurors == ("J1",)
    assert "--max-load 4" in str(refused.value)
    solution = solve(Problem(jury, refs(6), 2, conflicts, max_load=4), seed=1)
    assert solution.loads["J1"] <= 1 and max(solution.loads.values()) <= 4


def test_the_same_seed_gives_the_same_assignment_and_another_seed_another() -> None:
    jury = members(*(f"J{i}:O{i % 3}" for i in range(1, 9)))
    problem = Problem(jury, refs(40), 3, institutions=2)
    first = solve(problem, seed=42)
    assert solve(problem, seed=42).assignment == first.assignment
    assert solve(problem, seed=43).assignment != first.assignment
    assert 0 < new_seed() < 2**31


def test_too_few_jurors_for_k() -> None:
    with pytest.raises(AssignmentError) as refused:
        solve(Problem(members("J1", "J2"), refs(3), 3))
    assert refused.value.found[0].constraint == "jurors"
    assert "le jury ne compte que 2 membre(s) votant(s)" in str(refused.value)
    assert "au plus 2 rapporteurs" in str(refused.value)


def test_a_dossier_without_k_jurors_free_of_conflict_is_named() -> None:
    conflicts = frozenset({("J1", "D02"), ("J2", "D02")})
    with pytest.raises(AssignmentError) as refused:
        solve(Problem(members("J1", "J2", "J3"), refs(3), 2, conflicts))
    (obstacle,) = [o for o in refused.value.found if o.constraint == "conflicts"]
    assert obstacle.refs == ("D02",)
    assert "D02 : 1 (J3)" in obstacle.message
    assert "au plus 1 rapporteur(s)" in obstacle.remedy


def test_capacity_under_a_maximum_load() -> None:
    with pytest.raises(AssignmentError) as refused:
        solve(Problem(members("J1", "J2", "J3"), refs(10), 2, max_load=5))
    (obstacle,) = refused.value.found
    assert obstacle.constraint == "capacity"
    assert "20 places à pourvoir (2 × 10 dossiers) mais 3 membres × 5" in obstacle.message
    assert "au moins 7 (--max-load)" in obstacle.remedy


def test_organisations_missing_or_too_few() -> None:
    with pytest.raises(AssignmentError) as unnamed:
        solve(Problem(members("J1", "J2", "J3"), refs(3), 2, institutions=2))
    assert "ne donne l'organisme d'aucun membre" in str(unnamed.value)
    with pytest.raises(AssignmentError) as one:
        solve(Problem(members("J1:A", "J2:A", "J3:A"), refs(3), 2, institutions=2))
    assert "n'en représentent que 1 (A)" in str(one.value)
    # Each dossier could see two organisations, but B's only member is conflicted on D01.
    conflicts = frozenset({("J3", "D01")})
    with pytest.raises(AssignmentError) as poor:
        solve(Problem(members("J1:A", "J2:A", "J3:B"), refs(2), 2, conflicts, institutions=2))
    (obstacle,) = [o for o in poor.value.found if o.constraint == "organisations"]
    assert obstacle.refs == ("D01",)


def test_organisations_proven_impossible_by_the_search_are_named() -> None:
    # Every dossier needs a member of B, but B's one member can take only 2 of 6
    # dossiers (max load 2): the counting finds nothing, the search proves it.
    jury = members("J1:A", "J2:A", "J3:A", "J4:B")
    problem = Problem(jury, refs(6), 2, max_load=3, institutions=2)
    assert obstacles(problem) == []
    with pytest.raises(AssignmentError) as refused:
        solve(problem, seed=1)
    assert [o.constraint for o in refused.value.found] == ["organisations"]
    assert "--institutions 1" in refused.value.found[0].remedy


@st.composite
def problems(draw: st.DrawFn) -> Problem:
    count = draw(st.integers(2, 7))
    organisations = draw(st.integers(1, 3))
    jury = tuple(
        Member(f"J{i}", f"O{draw(st.integers(0, organisations - 1))}") for i in range(count)
    )
    dossiers = refs(draw(st.integers(1, 12)))
    per_dossier = draw(st.integers(1, count))
    pairs = [(m.code, ref) for m in jury for ref in dossiers]
    conflicts = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=len(pairs) // 4)))
    max_load = draw(st.none() | st.integers(1, len(dossiers)))
    institutions = draw(st.integers(1, min(per_dossier, 3)))
    return Problem(jury, dossiers, per_dossier, conflicts, max_load, institutions)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(1, 2**31 - 1))
def test_every_solution_satisfies_every_constraint_and_seeds_reproduce(
    problem: Problem, seed: int
) -> None:
    try:
        solution = solve(problem, seed)
    except AssignmentError as refused:
        assert refused.found and all(o.message and o.remedy for o in refused.found)
        return
    assert violations(problem, solution.assignment) == []
    for ref, jurors in solution.assignment.items():
        assert len(set(jurors)) == problem.per_dossier
        assert not any((j, ref) in problem.conflicts for j in jurors)
    loads = list(solution.loads.values())
    if problem.max_load is None:
        assert max(loads) - min(loads) <= 1
    else:
        assert max(loads) <= problem.max_load
    assert solve(problem, seed).assignment == solution.assignment
