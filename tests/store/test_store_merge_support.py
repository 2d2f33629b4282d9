"""Bulk writes and raw reads the merge uses: many cells with their own edit times."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from juryapp.store import CampaignFile, StoreError
from tests.plugin.campaigns import full_campaign

T1 = "2026-05-02T09:00:00.000000+00:00"
T2 = "2026-05-03T10:00:00.000000+00:00"


def test_set_score_cells_keeps_each_edit_time(store: CampaignFile) -> None:
    changed = store.set_score_cells(
        [
            ("J1", "D1", "INNO", "4,5", T1),
            ("J1", "D1", "IMPACT", 12, T2),
            ("J2", "D2", "INNO", Fraction(3), T1),
        ],
        "coordination",
    )
    assert changed == 3
    assert store.score_texts() == [
        ("J1", "D1", "IMPACT", "12", T2),
        ("J1", "D1", "INNO", "9/2", T1),
        ("J2", "D2", "INNO", "3", T1),
    ]
    assert store.score_texts("J2") == [("J2", "D2", "INNO", "3", T1)]
    cells = {(c.ref, c.criterion): c for c in store.scores_for("J1")}
    assert cells[("D1", "INNO")].author == "coordination"
    entries = [e for e in store.journal() if e.kind == "score-batch"]
    # One entry for the whole batch: each cell with its edit time and previous value.
    assert len(entries) == 1
    assert sorted(tuple(cell) for cell in entries[0].payload["cells"]) == [
        ("J1", "D1", "IMPACT", "12", T2, None),
        ("J1", "D1", "INNO", "9/2", T1, None),
        ("J2", "D2", "INNO", "3", T1, None),
    ]
    assert store.verify().ok


def test_unchanged_cells_are_left_alone(store: CampaignFile) -> None:
    store.set_score_cells([("J1", "D1", "INNO", 4, T1)], "coordination")
    count = len(store.journal())
    assert store.set_score_cells([("J1", "D1", "INNO", "4", T2)], "autre") == 0
    assert store.score_texts() == [("J1", "D1", "INNO", "4", T1)]
    assert len(store.journal()) == count
    assert store.set_score_cells([("J1", "D1", "INNO", 5, T2)], "autre") == 1
    entry = store.journal()[-1]
    assert entry.payload["cells"] == [["J1", "D1", "INNO", "5", T2, "4"]]
    assert entry.author == "autre"
    assert store.verify().ok


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (("J9", "D1", "INNO", 4, T1), "Juré inconnu"),
        (("J1", "D9", "INNO", 4, T1), "Dossier inconnu"),
        (("J1", "D1", "BUDGET", 4, T1), "critère inconnu"),
        (("J1", "D1", "INNO", 7, T1), "hors de l'échelle"),
        (("J1", "D1", "INNO", "4,3", T1), "pas"),
        (("J1", "D1", "INNO", 4, "hier"), "illisible"),
        (("J1", "D1", "INNO", 4, "2026-05-02T09:00:00"), "fuseau"),
        (("J2", "D3", "INNO", 4, T1), "déporté"),
    ],
)
def test_score_cells_refusals_write_nothing(
    store: CampaignFile, cell: tuple[str, str, str, object, str], message: str
) -> None:
    store.recuse("J2", "D3", "conflit", "coordination")
    count = len(store.journal())
    good = ("J3", "D1", "INNO", 1, T1)
    with pytest.raises(StoreError, match=message):
        store.set_score_cells([good, cell], "coordination")  # type: ignore[list-item]
    assert store.score_texts() == []
    assert len(store.journal()) == count


def test_a_cell_twice_is_refused(store: CampaignFile) -> None:
    with pytest.raises(StoreError, match="deux fois"):
        store.set_score_cells(
            [("J1", "D1", "INNO", 1, T1), ("J1", "D1", "INNO", 2, T2)], "coordination"
        )
    with pytest.raises(StoreError, match="deux fois"):
        store.set_comment_cells([("J1", "D1", "a", T1), ("J1", "D1", "b", T2)], "coordination")


def test_set_comment_cells(store: CampaignFile) -> None:
    assert (
        store.set_comment_cells(
            [("J1", "D1", "Très bien", T1), ("J2", "D2", "Moyen", T2)], "coordination"
        )
        == 2
    )
    assert [(c.juror, c.ref, c.text, c.edited_at) for c in store.comment_cells()] == [
        ("J1", "D1", "Très bien", T1),
        ("J2", "D2", "Moyen", T2),
    ]
    assert store.set_comment_cells([("J1", "D1", "Très bien", T2)], "coordination") == 0
    assert store.set_comment_cells([("J1", "D1", "", T2)], "coordination") == 1
    assert [(c.juror, c.ref) for c in store.comment_cells()] == [("J2", "D2")]
    assert [e.kind for e in store.journal()][-3:] == ["comment", "comment", "comment"]
    assert store.verify().ok


def test_recusal_cells(store: CampaignFile) -> None:
    store.recuse("J2", "D3", "conflit", "coordination")
    ((juror, ref, reason, at),) = store.recusal_cells()
    assert (juror, ref, reason) == ("J2", "D3", "conflit") and at.endswith("+00:00")


def test_bulk_writes_join_a_transaction(store: CampaignFile) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        store.set_score_cells([("J1", "D1", "INNO", 4, T1)], "coordination")
        store.set_comment_cells([("J1", "D1", "Bien", T1)], "coordination")
        raise RuntimeError("abandon")
    assert store.score_texts() == [] and store.comment_cells() == []
    assert [e.kind for e in store.journal()] == ["create"]
    with store.transaction():
        store.set_score_cells([("J1", "D1", "INNO", 4, T1)], "coordination")
        store.set_comment_cells([("J1", "D1", "Bien", T1)], "coordination")
    assert [e.kind for e in store.journal()] == ["create", "score-batch", "comment"]
    assert store.verify().ok


def test_bulk_writes_refused_when_closed(store: CampaignFile) -> None:
    store.close_deliberation("coordination")
    with pytest.raises(StoreError, match="close"):
        store.set_score_cells([("J1", "D1", "INNO", 4, T1)], "coordination")
    with pytest.raises(StoreError, match="close"):
        store.set_comment_cells([("J1", "D1", "Bien", T1)], "coordination")
    with pytest.raises(StoreError, match="auteur"):
        store.set_score_cells([], " ")


def test_load_frame_is_load_without_scores(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "plein.jury", full_campaign(), "coordination") as opened:
        frame, full = opened.load_frame(), opened.load()
    assert frame.scores == () and full.scores
    assert frame == replace(full, scores=())


def test_a_jurors_copy_refuses_another_jurors_scores(tmp_path) -> None:
    from juryapp.core.model import CallRules, Campaign, Criterion, Dossier, Juror
    from juryapp.store import StoreError

    campaign = Campaign(
        CallRules(name="Copie"),
        (Criterion("Q", "Qualité", 1, 10),),
        (
            Dossier("D1", "Un"),
            Dossier("D2", "Deux", admissible=False, inadmissible_reason="hors délai"),
        ),
        (Juror("J1", "Anne"), Juror("J2", "Bruno")),
    )
    path = tmp_path / "j1.jury"
    with CampaignFile.create(path, campaign, "coordination", bound_juror="J1") as copy:
        copy.set_scores("J1", "D1", {"Q": 7}, "anne")
        with pytest.raises(StoreError, match="copie de J1"):
            copy.set_scores("J2", "D1", {"Q": 3}, "anne")
        with pytest.raises(StoreError, match="non recevable"):
            copy.set_scores("J1", "D2", {"Q": 3}, "anne")
        assert [(c.juror, c.ref) for c in copy.scores_for("J1")] == [("J1", "D1")]
