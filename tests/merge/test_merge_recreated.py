"""A juror copy or a score sheet of a campaign since re-created under the same name is
refused with a message saying so (not just « another campaign »)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juryapp.merge.copies import make_juror_copy
from juryapp.merge.run import MergeRefused, merge_files
from juryapp.operations import scoring
from juryapp.store import CampaignFile
from tests.plugin.campaigns import jury_campaign


def test_a_copy_and_a_sheet_of_a_recreated_campaign_are_refused_as_such(tmp_path: Path) -> None:
    old = CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination")
    copy = make_juror_copy(old, "J1", tmp_path / "J1.jury", "coordination")
    sheet = tmp_path / "notes-J2.xlsx"
    scoring.write_score_sheet(old, "J2", sheet)
    old.close()
    (tmp_path / "appel.jury").unlink()
    # the secretariat creates the campaign again, from the same workbook, same name
    new = CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination")
    try:
        with pytest.raises(MergeRefused) as refused:
            merge_files(new, [copy, sheet], "coordination")
    finally:
        new.close()
    report = refused.value.report.to_json()
    errors = {Path(f["path"]).name: f["error"] for f in report["files"]}
    for name in ("J1.jury", "notes-J2.xlsx"):
        assert "« Appel « Territoires » 2026 » a été recréée" in errors[name], errors[name]
        assert "une autre campagne" in errors[name]
        assert "autre campagne («" not in errors[name]  # not the bare « another campaign »
    assert "créée le" in errors["J1.jury"] and "celle-ci le" in errors["J1.jury"]
    assert "préparez de nouvelles copies" in errors["J1.jury"]


def test_a_copy_of_another_campaign_is_still_another_campaign(tmp_path: Path) -> None:
    other = CampaignFile.create(tmp_path / "autre.jury", jury_campaign("Autre appel"), "c")
    copy = make_juror_copy(other, "J1", tmp_path / "J1.jury", "c")
    other.close()
    campaign = CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "c")
    try:
        with pytest.raises(MergeRefused) as refused:
            merge_files(campaign, [copy], "c")
    finally:
        campaign.close()
    report = refused.value.report.to_json()
    assert report["files"][0]["error"] == (
        "ce fichier est celui d'une autre campagne (« Autre appel »)"
    )
