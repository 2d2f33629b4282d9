"""The merge staged in SQLite: hand-edited copies, and the store's own checks of what it writes."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_helpers import T0, T1, T2, file_hash, table_rows

from juryapp.merge.copies import make_juror_copy
from juryapp.merge.run import MergeRefused, analyse_merge, merge_files
from juryapp.store import CampaignFile, StoreError, authentication
from juryapp.store.staging import MergeStaging
from tests.plugin.campaigns import jury_campaign


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J2", "D2", {"INNO": 3}, "coordination", edited_at=T0)
        opened.recuse("J3", "D4", "salariée du porteur", "coordination")
        opened.set_admissibility("D5", False, "dossier incomplet", "coordination")
        yield opened


def _copy(campaign: CampaignFile, juror: str, path: Path) -> Path:
    make_juror_copy(campaign, juror, path, "coordination")
    return path


def _edit(path: Path, sql: str, *parameters: object) -> None:
    """Change a copy behind juryapp's back, as a hand edit with a SQLite tool would."""
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(sql, parameters)


def test_a_hand_edited_copy(campaign: CampaignFile, tmp_path: Path) -> None:
    copy = _copy(campaign, "J1", tmp_path / "j1.jury")
    with CampaignFile.open(copy) as opened:
        opened.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 15}, "anne", edited_at=T1)
        opened.set_scores("J1", "D2", {"INNO": 2, "IMPACT": 8}, "anne", edited_at=T1)
    # "8/2" reads as 4, in a form the store never writes; 9 is off the 0-5 scale.
    _edit(copy, "UPDATE score SET value = '8/2' WHERE ref = 'D1' AND criterion = 'INNO'")
    _edit(copy, "UPDATE score SET value = '9' WHERE ref = 'D2' AND criterion = 'INNO'")
    # Re-tagged with the copy's own key, as its juror could (the key is in their copy):
    # authentication passes, and the merge's value checks still refuse the 9.
    with contextlib.closing(sqlite3.connect(copy)) as raw, raw:
        authentication.refresh_all(raw)
    before = file_hash(copy)
    report = merge_files(campaign, [copy], "coordination")
    assert file_hash(copy) == before
    assert (report.accepted, report.unchanged) == (1, 0)
    [refusal] = report.files[0].refused
    assert refusal.ref == "D2" and "9" in refusal.reason
    cells = {(j, r, c): v for j, r, c, v, _at in campaign.score_texts("J1")}
    assert cells == {("J1", "D1", "INNO"): "4", ("J1", "D1", "IMPACT"): "15"}
    assert campaign.verify().ok
    # Merging again: the stored "4" and the copy's "8/2" are the same value.
    again = merge_files(campaign, [copy], "coordination")
    assert (again.accepted, again.replaced, again.unchanged) == (0, 0, 1)


def test_a_copy_with_an_unreadable_edit_time_is_refused_whole(
    campaign: CampaignFile, tmp_path: Path
) -> None:
    copy = _copy(campaign, "J1", tmp_path / "j1.jury")
    with CampaignFile.open(copy) as opened:
        opened.set_scores("J1", "D1", {"INNO": 4}, "anne", edited_at=T1)
    _edit(copy, "UPDATE score SET edited_at = 'hier soir'")
    before = table_rows(campaign.path)
    with pytest.raises(MergeRefused) as refused:
        merge_files(campaign, [copy], "coordination")
    report = refused.value.report
    error = str(report.files[0].error)
    assert "endommagée" in error and "j1.jury" in error and "hier soir" in error
    assert report.accepted == 0
    after = table_rows(campaign.path)
    assert after["score"] == before["score"]


def _write(campaign: CampaignFile, cells: list[tuple[str, str, str, str, str]]) -> None:
    with MergeStaging(campaign) as staging:
        staging.stage_cells(0, cells)
        with staging.transaction(write=True):
            staging.classify()
            staging.write_scores("coordination")


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (("S", "D1", "INNO", "1", T1), "juré votant"),
        (("J9", "D1", "INNO", "1", T1), "juré votant"),
        (("J1", "D9", "INNO", "1", T1), "inconnu ou non recevable"),
        (("J1", "D5", "INNO", "1", T1), "inconnu ou non recevable"),
        (("J3", "D4", "INNO", "1", T1), "déporté"),
        (("J1", "D1", "BUDGET", "1", T1), "critère inconnu"),
        (("J1", "D1", "INNO", "9", T1), "Note de J1 sur D1"),
        (("J1", "D1", "INNO", "4.0", T1), "forme exacte"),
    ],
)
def test_the_store_checks_every_cell_a_merge_writes(
    campaign: CampaignFile, cell: tuple[str, str, str, str, str], message: str
) -> None:
    """The merge refuses such cells itself; the store does not rely on it."""
    before = table_rows(campaign.path)
    with pytest.raises(StoreError, match=message):
        _write(campaign, [("J1", "D2", "INNO", "2", T1), cell])
    assert table_rows(campaign.path) == before


def test_a_staged_edit_time_without_a_time_zone_is_refused(campaign: CampaignFile) -> None:
    with pytest.raises(StoreError, match="fuseau"):
        _write(campaign, [("J1", "D1", "INNO", "2", "2026-05-02T09:00:00")])


def test_staged_cells_are_written_and_journalled(campaign: CampaignFile) -> None:
    _write(campaign, [("J1", "D1", "INNO", "2", T1), ("J1", "D1", "IMPACT", "11", T2)])
    cells = {(j, r, c): (v, at) for j, r, c, v, at in campaign.score_texts("J1")}
    assert cells == {("J1", "D1", "INNO"): ("2", T1), ("J1", "D1", "IMPACT"): ("11", T2)}
    entry = campaign.journal()[-1]
    assert entry.kind == "score-batch"
    assert sorted(map(tuple, entry.payload["cells"])) == [
        ("J1", "D1", "IMPACT", "11", T2, None),
        ("J1", "D1", "INNO", "2", T1, None),
    ]
    assert campaign.verify().ok


def test_foreign_keys_are_enforced_again_after_a_merge(
    campaign: CampaignFile, tmp_path: Path
) -> None:
    copy = _copy(campaign, "J1", tmp_path / "j1.jury")
    with CampaignFile.open(copy) as opened:
        opened.set_scores("J1", "D1", {"INNO": 4}, "anne", edited_at=T1)
    merge_files(campaign, [copy], "coordination")
    analyse_merge(campaign, [copy])
    engine = campaign.database.engine
    with contextlib.ExitStack() as stack:
        connections = [stack.enter_context(engine.connect()) for _ in range(3)]
        for connection in connections:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_verify_names_a_broken_foreign_key(campaign: CampaignFile) -> None:
    path = campaign.path
    campaign.close()
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
            "VALUES ('J9', 'D1', 'INNO', '1', ?, 'outil')",
            (T1,),
        )
    with CampaignFile.open(path) as reopened:
        report = reopened.verify()
    assert not report.ok
    assert any("« score » renvoie à « juror »" in problem for problem in report.problems)
