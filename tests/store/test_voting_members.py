"""Only voting members score: the store refuses a non-voting member's scores and comments,
and the engine leaves out the scores of a non-voting member found in an older file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from juryapp.core.model import CallRules, Campaign, Criterion, Dossier, Juror, Role, Score
from juryapp.operations.campaign import compute
from juryapp.store import CampaignFile, StoreError

T1 = "2026-05-02T09:00:00.000000+00:00"


def _campaign(scores: tuple[Score, ...] = ()) -> Campaign:
    """One juror of every role: a voting president, a member, a rapporteur, a vice-president
    without a vote, and a secretary (no vote)."""
    return Campaign(
        rules=CallRules(name="Prix des rôles", min_scores=1),
        criteria=(Criterion("Q", "Qualité", 1, 20),),
        dossiers=(Dossier("D1", "Projet un"), Dossier("D2", "Projet deux")),
        jurors=(
            Juror("P", "Paule Présidente", Role.PRESIDENT),
            Juror("M", "Marc Membre"),
            Juror("R", "Rita Rapporteure", Role.RAPPORTEUR),
            Juror("V", "Victor Vice", Role.VICE_PRESIDENT, votes=False),
            Juror("S", "Sonia Secrétaire", Role.SECRETARY, votes=False),
        ),
        scores=scores,
    )


@pytest.fixture
def store(tmp_path: Path) -> CampaignFile:
    file = CampaignFile.create(tmp_path / "roles.jury", _campaign(), "Sonia Secrétaire")
    yield file
    file.close()


@pytest.mark.parametrize("juror", ["P", "M", "R"])
def test_every_voting_role_scores(store: CampaignFile, juror: str) -> None:
    assert store.set_score(juror, "D1", "Q", 12, juror)
    assert store.set_comment(juror, "D1", "Solide", juror)
    assert store.set_score_cells([(juror, "D2", "Q", 14, T1)], "coordination") == 1
    assert [(c.juror, c.ref, c.value) for c in store.scores_for(juror)] == [
        (juror, "D1", 12),
        (juror, "D2", 14),
    ]


@pytest.mark.parametrize(("juror", "name"), [("S", "Sonia Secrétaire"), ("V", "Victor Vice")])
def test_a_member_without_a_vote_cannot_score_by_any_write(
    store: CampaignFile, juror: str, name: str
) -> None:
    before = len(store.journal())
    expected = f"{juror} \\({name}\\) n'a pas voix délibérative : seuls les membres votants"
    with pytest.raises(StoreError, match=expected):
        store.set_score(juror, "D1", "Q", 12, juror)
    with pytest.raises(StoreError, match=expected):
        store.set_scores(juror, "D1", {"Q": 12}, juror)
    with pytest.raises(StoreError, match=expected):
        store.set_comment(juror, "D1", "Mon avis", juror)
    with pytest.raises(StoreError, match=expected):
        store.set_score_cells([("M", "D1", "Q", 10, T1), (juror, "D2", "Q", 14, T1)], "coord")
    with pytest.raises(StoreError, match=expected):
        store.set_comment_cells([(juror, "D2", "Mon avis", T1)], "coord")
    assert list(store.score_cells()) == []  # the batch with a voting member's cell: nothing
    assert store.comment_cells() == []
    assert len(store.journal()) == before


def test_a_new_campaign_with_scores_of_a_secretary_is_refused(tmp_path: Path) -> None:
    campaign = _campaign((Score("S", "D1", {"Q": 15}),))
    with pytest.raises(StoreError, match="S \\(Sonia Secrétaire\\) n'a pas voix délibérative"):
        CampaignFile.create(tmp_path / "bad.jury", campaign, "coordination")
    assert not (tmp_path / "bad.jury").exists()


def test_a_secretary_may_still_declare_a_conflict(store: CampaignFile) -> None:
    store.recuse("S", "D1", "salariée du porteur", "Sonia Secrétaire")
    assert [(r.juror, r.ref) for r in store.load().recusals] == [("S", "D1")]


def test_scores_of_a_non_voting_member_in_an_older_file_never_count(tmp_path: Path) -> None:
    """An older file where the secretary's scores were accepted: she is the only one to score
    D2, and she gave D1 a 20. Her scores are left out of every aggregate, and said so."""
    path = tmp_path / "old.jury"
    with CampaignFile.create(path, _campaign(), "coordination") as file:
        file.set_scores("P", "D1", {"Q": 10}, "P")
        file.set_scores("M", "D1", {"Q": 12}, "M")
    # what an older version let through: the secretary's rows written straight in the table
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
            "VALUES (?, ?, 'Q', ?, ?, 'S')",
            [("S", "D1", "20", T1), ("S", "D2", "19", T1)],
        )
    connection.close()
    with CampaignFile.open(path) as file:
        _campaign_loaded, results = compute(file)
    d1, d2 = results.dossier("D1"), results.dossier("D2")
    assert d1.jurors == 2 and d1.aggregate == 11  # (10 + 12) / 2, not (10 + 12 + 20) / 3
    assert set(d1.note_numerators) == {"P", "M"}
    assert d2.jurors == 0 and d2.status.value == "unscored"
    warnings = [w.render("fr") for w in results.warnings]
    assert (
        "Notes de S ignorées (D1, D2) : membre sans voix délibérative, seuls les membres "
        "votants notent."
    ) in warnings
    english = [w.render("en") for w in results.warnings]
    assert "Scores of S ignored (D1, D2): a member without a vote; only voting members score." in (
        english
    )
