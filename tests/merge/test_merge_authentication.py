"""Juror copies that cannot be forged: each copy's key issued and kept by the campaign, each
grid tagged; a copy claiming another juror, or grids edited behind the app, refused at the
merge with the reason; everything typed in the app merges."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_helpers import T0, T1, T2, table_rows

from juryapp.cli import main
from juryapp.merge.copies import make_all_juror_copies, make_juror_copy
from juryapp.merge.run import MergeRefused, merge_files
from juryapp.store import CampaignFile
from tests.plugin.campaigns import jury_campaign


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J3", "D1", {"INNO": 2, "IMPACT": 9}, "coordination", edited_at=T0)
        yield opened


def _edit(path: Path, *statements: str) -> None:
    """Change a copy behind juryapp's back, as a hand edit with the sqlite3 tool would."""
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        for statement in statements:
            raw.execute(statement)


def _typed(campaign: CampaignFile, juror: str, path: Path) -> Path:
    """A juror's copy, scored in the app: two dossiers, a comment."""
    make_juror_copy(campaign, juror, path, "coordination")
    with CampaignFile.open(path) as copy:
        copy.set_scores(juror, "D1", {"INNO": 5, "IMPACT": 20}, "juré", edited_at=T1)
        copy.set_scores(juror, "D2", {"INNO": 4, "IMPACT": 15}, "juré", edited_at=T1)
        copy.set_comment(juror, "D2", "solide", "juré", edited_at=T1)
    return path


def test_a_copy_edited_to_claim_another_juror_is_refused_whole(
    campaign: CampaignFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_juror_copy(campaign, "J3", tmp_path / "j3.jury", "coordination")  # J3 has a copy too
    forged = _typed(campaign, "J2", tmp_path / "j2.jury")
    # J2 rewrites their own copy to speak for J3, every table it can see included.
    _edit(
        forged,
        "UPDATE campaign SET bound_juror = 'J3'",
        "UPDATE score SET juror = 'J3'",
        "UPDATE comment SET juror = 'J3'",
        "UPDATE grid_tag SET juror = 'J3'",
        "UPDATE juror_key SET juror = 'J3'",
    )
    before = table_rows(campaign.path)
    with pytest.raises(MergeRefused) as refused:
        merge_files(campaign, [forged], "coordination")
    error = str(refused.value.report.files[0].error)
    assert "délivrée à J2" in error and "se dit de J3" in error and "j2.jury" in error
    assert table_rows(campaign.path) == before  # J3's real scores kept, nothing journaled
    # The command line says the same, exit 1.
    assert main(["scores", "merge", str(campaign.path), str(forged)]) == 1
    assert "se dit de J3" in capsys.readouterr().err
    assert campaign.verify().ok


def test_scores_changed_behind_the_app_are_refused_grid_by_grid(
    campaign: CampaignFile, tmp_path: Path
) -> None:
    copy = _typed(campaign, "J2", tmp_path / "j2.jury")
    _edit(
        copy,
        "UPDATE score SET value = '3' WHERE ref = 'D1' AND criterion = 'INNO'",  # changed
        "UPDATE comment SET text = 'faible' WHERE ref = 'D2'",  # a comment changed
        "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
        f"VALUES ('J2', 'D3', 'INNO', '1', '{T2}', 'juré')",  # a grid added, no tag
    )
    with pytest.raises(MergeRefused) as refused:  # every grid of it refused: nothing written
        merge_files(campaign, [copy], "coordination")
    item = refused.value.report.files[0]
    reasons = {r.ref: r.reason for r in item.refused}
    assert set(reasons) == {"D1", "D2", "D3"}
    assert "modifiés hors de l'application" in reasons["D1"]
    assert "modifiés hors de l'application" in reasons["D2"]
    assert "sans authentification" in reasons["D3"]
    assert campaign.score_texts("J2") == []
    # Only the grids edited are refused: an untouched one merges.
    second = _typed(campaign, "J4", tmp_path / "j4.jury")
    _edit(second, "UPDATE score SET value = '0' WHERE ref = 'D2' AND criterion = 'INNO'")
    report = merge_files(campaign, [second], "coordination")
    assert [r.ref for r in report.files[0].refused] == ["D2"]
    assert report.files[0].accepted == 1
    assert {r for _j, r, _c, _v, _at in campaign.score_texts("J4")} == {"D1"}
    assert campaign.verify().ok


def test_everything_typed_in_the_app_merges(campaign: CampaignFile, tmp_path: Path) -> None:
    path = tmp_path / "j2.jury"
    make_juror_copy(campaign, "J2", path, "coordination")
    with CampaignFile.open(path) as copy:
        copy.set_scores("J2", "D1", {"INNO": 5, "IMPACT": 20}, "juré", edited_at=T1)
        copy.set_scores("J2", "D1", {"IMPACT": None}, "juré")  # cleared, as undo does
        copy.set_scores("J2", "D1", {"IMPACT": 12}, "juré")
        copy.set_score_cells([("J2", "D2", "INNO", "3,5", T1)], "juré")
        copy.set_comment("J2", "D2", "à revoir", "juré")
        copy.set_comment_cells([("J2", "D4", "très bien", T1)], "juré")
        copy.set_comment("J2", "D4", "", "juré")  # cleared
        copy.recuse("J2", "D3", "lien avec le porteur", "juré")
        copy.recuse("J2", "D4", "par erreur", "juré")
        copy.unrecuse("J2", "D4", "juré")
        assert copy.verify().ok
    report = merge_files(campaign, [path], "coordination")
    item = report.files[0]
    assert (item.error, item.refused, item.warnings) == (None, [], [])
    assert item.to_json()["authenticated"] is True
    assert (item.accepted, item.replaced) == (3, 0)
    assert {(r, c, v) for _j, r, c, v, _at in campaign.score_texts("J2")} == {
        ("D1", "INNO", "5"),
        ("D1", "IMPACT", "12"),
        ("D2", "INNO", "7/2"),
    }
    assert ("J2", "D3") in {(j, r) for j, r, _reason, _at in campaign.recusal_cells()}
    # The same copy again: nothing new, still authenticated.
    again = merge_files(campaign, [path], "coordination")
    assert (again.files[0].refused, again.accepted) == ([], 0)


def test_copies_without_a_key(campaign: CampaignFile, tmp_path: Path) -> None:
    # A copy made before copies were authenticated (no key), for a juror the campaign
    # never issued a key to: accepted, with a warning in the report.
    old = tmp_path / "j4-ancienne.jury"
    with CampaignFile.create(
        old, jury_campaign(), "juré", bound_juror="J4", campaign_id=campaign.campaign_id
    ) as copy:
        copy.set_scores("J4", "D1", {"INNO": 3, "IMPACT": 10}, "juré", edited_at=T1)
    report = merge_files(campaign, [old], "coordination")
    item = report.files[0]
    assert item.accepted == 1 and item.refused == [] and item.authenticated is None
    assert any("avant l'authentification des copies" in w for w in item.warnings)
    assert "authenticated" not in item.to_json()
    # A copy stripped of its key, for a juror who was issued one: refused whole.
    stripped = _typed(campaign, "J2", tmp_path / "j2.jury")
    _edit(stripped, "DELETE FROM juror_key", "DELETE FROM grid_tag")
    with pytest.raises(MergeRefused) as refused:
        merge_files(campaign, [stripped], "coordination")
    error = str(refused.value.report.files[0].error)
    assert "sans authentification" in error and "J2" in error
    # A key the campaign never issued: refused whole.
    made_up = _typed(campaign, "J5", tmp_path / "j5.jury")
    _edit(made_up, "UPDATE juror_key SET key_id = 'ffffffffffffffff'")
    with pytest.raises(MergeRefused) as refused:
        merge_files(campaign, [made_up], "coordination")
    assert "non délivrée par cette campagne" in str(refused.value.report.files[0].error)


def test_each_copy_holds_its_own_key_only(campaign: CampaignFile, tmp_path: Path) -> None:
    paths = make_all_juror_copies(campaign, tmp_path / "copies", "coordination")
    keys = campaign.issued_keys()
    assert sorted(k.juror for k in keys.values()) == ["J1", "J2", "J3", "J4", "J5"]
    by_juror = {k.juror: k for k in keys.values()}
    for path in paths:
        with CampaignFile.open(path) as copy:
            juror = copy.bound_juror
            assert juror is not None
            (own,) = copy.issued_keys().values()
        assert own == by_juror[juror]
        data = path.read_bytes()
        for key in keys.values():
            assert (key.secret.encode() in data) == (key.juror == juror), (path.name, key.juror)
    # The campaign's journal names each key and its digest, never the secret itself.
    journal_text = json.dumps([e.payload for e in campaign.journal()])
    for key in keys.values():
        assert key.secret not in journal_text
        assert hashlib.sha256(key.secret.encode()).hexdigest() in journal_text
    assert campaign.verify().ok


def test_verify_finds_a_key_replaced_in_the_campaign(
    campaign: CampaignFile, tmp_path: Path
) -> None:
    make_juror_copy(campaign, "J2", tmp_path / "j2.jury", "coordination")
    campaign.close()
    _edit(campaign.path, f"UPDATE juror_key SET secret = '{'ab' * 32}'")
    with CampaignFile.open(campaign.path) as reopened:
        report = reopened.verify()
    assert not report.ok
    assert any("clé de la copie de J2" in p for p in report.problems)
    assert main(["verify", str(campaign.path)]) == 3
