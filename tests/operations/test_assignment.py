"""Who scores what (rules §14) in a campaign file: the assignment recorded, journaled, replayed
by ``verify`` and sealed; moves by hand checked against the same constraints; a conflict
declared after the assignment frees the place and names who could take it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from juryapp.core.assignment import AssignmentError
from juryapp.core.errors import OperationError
from juryapp.core.model import Dossier, Juror, Role
from juryapp.operations import assignment as ops
from juryapp.store import CampaignFile, StoreError
from tests.plugin.campaigns import jury_campaign


def organised_campaign():
    """Six dossiers, four voting members of two organisations, a secretary."""
    base = jury_campaign()
    return replace(
        base,
        dossiers=tuple(Dossier(f"D{i}", f"Projet {i}") for i in range(1, 7)),
        jurors=(
            Juror("J1", "Anne Dupré", Role.PRESIDENT, organisation="Région"),
            Juror("J2", "Bruno Lefèvre", organisation="Région"),
            Juror("J3", "Chloé N'Diaye", organisation="CRESS"),
            Juror("J4", "Dmitri Ivanov", organisation="France Active"),
            Juror("S", "Sam Secrétaire", Role.SECRETARY, votes=False),
        ),
    )


@pytest.fixture
def organised(tmp_path: Path):
    path = tmp_path / "appel.jury"
    with CampaignFile.create(path, organised_campaign(), "coordination") as created:
        yield created


def test_assign_records_each_dossier_rapporteurs_and_the_seed(organised: CampaignFile) -> None:
    outcome = ops.assign(organised, 2, "Sam Secrétaire", institutions=2, seed=17)
    report = outcome.value
    assert outcome.changes.jury
    assert report.seed == 17 and report.loads == {"J1": 3, "J2": 3, "J3": 3, "J4": 3}
    rapporteurs = organised.rapporteurs()
    assert rapporteurs is not None
    assert dict(rapporteurs.by_dossier) == report.assignments
    assert (rapporteurs.per_dossier, rapporteurs.institutions, rapporteurs.seed) == (2, 2, "17")
    assert organised.load().rapporteurs == rapporteurs
    entry = organised.journal()[-1]
    assert entry.kind == "assign" and entry.payload["plan"]["seed"] == "17"
    assert organised.verify().ok
    # the same seed gives the same assignment on another copy of the campaign
    again = ops.assign(organised, 2, "Sam Secrétaire", institutions=2, seed=17).value
    assert again.assignments == report.assignments


def test_an_impossible_assignment_names_the_constraint(organised: CampaignFile) -> None:
    with pytest.raises(AssignmentError) as refused:
        ops.assign(organised, 5, "Sam Secrétaire")
    assert "le jury ne compte que 4 membre(s) votant(s)" in str(refused.value)
    assert organised.rapporteurs() is None
    assert [e.kind for e in organised.journal()] == ["create"]


def test_assign_is_refused_when_scores_would_fall_outside_it(organised: CampaignFile) -> None:
    organised.set_scores("J1", "D1", {"INNO": 3, "IMPACT": 12}, "Anne Dupré")
    seed = next(s for s in range(1, 50) if "J1" not in _assigned(organised, s, "D1"))
    with pytest.raises(StoreError, match=r"hors de cette répartition \(J1 / D1\)"):
        ops.assign(organised, 2, "Sam Secrétaire", seed=seed)
    assert organised.rapporteurs() is None
    keeps = next(s for s in range(1, 50) if "J1" in _assigned(organised, s, "D1"))
    ops.assign(organised, 2, "Sam Secrétaire", seed=keeps)
    assert organised.verify().ok


def _assigned(campaign_file: CampaignFile, seed: int, ref: str) -> tuple[str, ...]:
    from juryapp.assignment import solve

    problem = ops.problem_of(campaign_file.load_frame(), 2)
    return solve(problem, seed).assignment[ref]


def test_a_move_by_hand_is_checked_and_journaled(organised: CampaignFile) -> None:
    report = ops.assign(organised, 2, "Sam Secrétaire", seed=3).value
    ref, (first, _second) = next(iter(report.assignments.items()))
    other = next(j for j in ("J1", "J2", "J3", "J4") if j not in report.assignments[ref])
    # loads 3,3,3,3: a move makes them 2 and 4, which breaks the balance
    with pytest.raises(OperationError, match="Les charges diffèrent de plus d'un"):
        ops.move(organised, ref, first, other, "indisponible", "Sam Secrétaire")
    broken = ops.move(
        organised, ref, first, other, "indisponible", "Sam Secrétaire", force=True
    ).value
    assert broken == ["Les charges diffèrent de plus d'un : de 2 à 4 dossiers."]
    assigned = organised.rapporteurs()
    assert assigned is not None and other in assigned.assigned(ref)
    entry = organised.journal()[-1]
    assert entry.kind == "assign-move"
    assert entry.payload == {
        "ref": ref, "from": first, "to": other, "reason": "indisponible", "broken": broken
    }  # fmt: skip
    assert organised.verify().ok
    # a member without a vote, or one already on the dossier, is refused
    with pytest.raises(OperationError, match="n'est pas un membre votant"):
        ops.move(organised, ref, other, "S", "", "Sam Secrétaire", force=True)


def test_a_conflict_after_the_assignment_frees_the_place_and_names_candidates(
    organised: CampaignFile,
) -> None:
    report = ops.assign(organised, 2, "Sam Secrétaire", institutions=2, seed=9).value
    jurors = report.assignments["D1"]
    organised.recuse(jurors[0], "D1", "administrateur du porteur", "Sam Secrétaire")
    campaign = organised.load()
    assert campaign.rapporteurs is not None
    assert campaign.rapporteurs.assigned("D1") == jurors[1:]
    assert ops.free_places(campaign) == {"D1": 1}
    candidates = ops.candidates(campaign, "D1")
    assert jurors[0] not in [c.code for c in candidates]
    assert all(c.code not in jurors for c in candidates)
    assert "S" not in [c.code for c in candidates]
    assert organised.verify().ok
    ops.move(organised, "D1", None, candidates[0].code, "remplace", "Sam Secrétaire", force=True)
    assert ops.free_places(organised.load()) == {}
    assert organised.verify().ok


def test_opening_a_dossier_to_all_is_journaled_and_sealed(organised: CampaignFile) -> None:
    ops.assign(organised, 2, "Sam Secrétaire", seed=4)
    with pytest.raises(OperationError, match="Indiquez pourquoi"):
        ops.open_to_all(organised, "D2", True, " ", "Sam Secrétaire")
    assert ops.open_to_all(organised, "D2", True, "débat en séance", "Sam Secrétaire").value
    rapporteurs = organised.rapporteurs()
    assert rapporteurs is not None and rapporteurs.of("D2") is None
    assert rapporteurs.may_score("J1", "D2") and rapporteurs.may_score("J4", "D2")
    assert organised.journal()[-1].payload == {
        "ref": "D2", "open": True, "reason": "débat en séance"
    }  # fmt: skip
    assert organised.verify().ok
    ops.clear_assignment(organised, "retour à la notation par tous", "Sam Secrétaire")
    assert organised.rapporteurs() is None
    assert organised.verify().ok


def test_verify_finds_an_assignment_changed_behind_the_app(organised: CampaignFile) -> None:
    import sqlite3

    report = ops.assign(organised, 2, "Sam Secrétaire", seed=5).value
    juror = report.assignments["D1"][0]
    path = organised.path
    organised.close()
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM assignment WHERE juror = ? AND ref = 'D1'", (juror,))
    connection.commit()
    connection.close()
    with CampaignFile.open(path) as reopened:
        problems = reopened.verify().problems
    assert any("rapporteur (juré / dossier)" in p and "D1" in p for p in problems), problems


def test_a_swap_keeps_the_loads_and_is_all_or_nothing(organised: CampaignFile) -> None:
    report = ops.assign(organised, 2, "Sam Secrétaire", seed=3).value
    by_dossier = report.assignments
    # two dossiers, each with a rapporteur the other dossier lacks
    first, second = next(
        ((ref_a, ja), (ref_b, jb))
        for ref_a, jurors_a in by_dossier.items()
        for ref_b, jurors_b in by_dossier.items()
        if ref_a < ref_b
        for ja in jurors_a
        for jb in jurors_b
        if ja != jb and ja not in jurors_b and jb not in jurors_a
    )
    (ref_a, ja), (ref_b, jb) = first, second
    # the second move cannot be made (jb already scored its dossier): neither is made
    organised.set_scores(jb, ref_b, {"INNO": 3}, "Sam Secrétaire")
    with pytest.raises(StoreError, match="a déjà noté ou commenté"):
        ops.swap(organised, first, second, "échange", "Sam Secrétaire", force=True)
    unchanged = organised.rapporteurs()
    assert unchanged is not None and dict(unchanged.by_dossier) == by_dossier
    organised.set_scores(jb, ref_b, {"INNO": None}, "Sam Secrétaire")
    swapped = ops.swap(organised, first, second, "échange", "Sam Secrétaire").value
    assert swapped == []  # the loads are the same; no organisations asked
    after = organised.rapporteurs()
    assert after is not None
    assert jb in after.assigned(ref_a) and ja not in after.assigned(ref_a)
    assert ja in after.assigned(ref_b) and jb not in after.assigned(ref_b)
    assert after.loads() == unchanged.loads()
    moves = [e.payload for e in organised.journal() if e.kind == "assign-move"]
    assert [(m["ref"], m["from"], m["to"]) for m in moves] == [(ref_a, ja, jb), (ref_b, jb, ja)]
    assert organised.verify().ok
    with pytest.raises(OperationError, match="ne rapporte pas"):
        ops.swap(organised, first, second, "encore", "Sam Secrétaire")
