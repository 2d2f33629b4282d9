"""Scoring follows the assignment (rules §14): a juror's copy and score sheet carry only the
juror's dossiers; at the merge a score from a juror who is not a dossier's rapporteur is
refused row by row, unless the secretariat opened the dossier to all; the engine counts the
assigned cells and says which places a late conflict freed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from juryapp.core.engine import compute_results
from juryapp.merge.copies import make_juror_copy
from juryapp.operations import assignment as ops
from juryapp.operations.copies import merge_files
from juryapp.operations.scoring import write_score_sheet
from juryapp.store import CampaignFile
from tests.merge.merge_helpers import hand_typed_sheet
from tests.plugin.campaigns import jury_campaign

AUTHOR = "Sam Secrétaire"


@pytest.fixture
def assigned(tmp_path: Path) -> Iterator[CampaignFile]:
    """Five dossiers, five voting members, two rapporteurs each (loads 2 each)."""
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        ops.assign(opened, 2, AUTHOR, seed=8)
        yield opened


def _own(campaign_file: CampaignFile, juror: str) -> list[str]:
    rapporteurs = campaign_file.rapporteurs()
    assert rapporteurs is not None
    return [ref for ref, jurors in rapporteurs.by_dossier if juror in jurors]


def test_a_juror_copy_holds_only_the_juror_dossiers(assigned: CampaignFile, tmp_path: Path) -> None:
    own = _own(assigned, "J2")
    assert len(own) == 2
    copy = make_juror_copy(assigned, "J2", tmp_path / "J2.jury", "coordination")
    with CampaignFile.open(copy) as opened:
        assert [d.ref for d in opened.load().dossiers] == own
        assert opened.rapporteurs() is None
        assert opened.verify().ok


def test_a_score_sheet_holds_only_the_juror_dossiers(
    assigned: CampaignFile, tmp_path: Path
) -> None:
    import openpyxl

    sheet = tmp_path / "J3.xlsx"
    write_score_sheet(assigned, "J3", sheet)
    rows = list(openpyxl.load_workbook(sheet)["Notes"].iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows if row[1]] == _own(assigned, "J3")


def test_a_score_from_a_juror_not_assigned_is_refused_unless_opened(
    assigned: CampaignFile, tmp_path: Path
) -> None:
    rapporteurs = assigned.rapporteurs()
    assert rapporteurs is not None
    outsider_ref = next(ref for ref, jurors in rapporteurs.by_dossier if "J1" not in jurors)
    own_ref = _own(assigned, "J1")[0]
    sheet = tmp_path / "J1.xlsx"
    # J1's sheet (a copy of the whole call, made before the assignment, typed by hand)

    hand_typed_sheet(
        sheet,
        [["J1", own_ref, 4, 15, "", ""], ["J1", outsider_ref, 3, 11, "hors répartition", ""]],
    )
    report = merge_files(assigned, [sheet], "coordination").value
    [refusal] = report.files[0].refused
    assert refusal.ref == outsider_ref
    assert f"J1 n'est pas rapporteur du dossier {outsider_ref}" in refusal.reason
    assert report.accepted == 1  # J1's own dossier
    # opened to all, the same row is taken (journaled)
    ops.open_to_all(assigned, outsider_ref, True, "avis de J1 demandé", AUTHOR)
    report = merge_files(assigned, [sheet], "coordination").value
    assert report.files[0].refused == [] and report.accepted == 1 and report.unchanged == 1
    assert assigned.verify().ok


def test_the_engine_counts_assigned_cells_and_frees_a_place(assigned: CampaignFile) -> None:
    rapporteurs = assigned.rapporteurs()
    assert rapporteurs is not None
    ref, (first, second) = rapporteurs.by_dossier[0]
    outsider = next(j for j in ("J1", "J2", "J3", "J4", "J5") if j not in (first, second))
    assigned.set_scores(first, ref, {"INNO": 4, "IMPACT": 15}, "coordination")
    assigned.set_scores(outsider, ref, {"INNO": 1, "IMPACT": 2}, "coordination")
    results = compute_results(assigned.load())
    result = results.by_ref()[ref]
    assert result.jurors == 1  # the outsider's grid does not count
    assert any(
        f"Notes de {outsider} ignorées" in w and "n'est pas rapporteur de ces dossiers" in w
        for w in map(str, results.warnings)
    ), results.warnings
    assert any(
        p.kind == "incomplete" and second in str(p.detail) and ref in p.refs
        for p in results.pending
    )
    assert results.rules.min_scores == 2  # the minimum counts assigned jurors (K = 2)
    # a conflict declared after the assignment frees the place and says who could take it
    assigned.recuse(second, ref, "associé au porteur", AUTHOR)
    campaign = assigned.load()
    results = compute_results(campaign)
    assert any(p.kind == "rapporteurs" and ref in p.refs for p in results.pending)
    assert ops.free_places(campaign) == {ref: 1}
    assert second not in [c.code for c in ops.candidates(campaign, ref)]


def test_without_an_assignment_everyone_scores_as_before(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "a.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 15}, "coordination")
        results = compute_results(opened.load())
        assert results.rules.min_scores == jury_campaign().rules.min_scores
        assert not any(p.kind == "rapporteurs" for p in results.pending)
        copy = make_juror_copy(opened, "J2", tmp_path / "J2.jury", "coordination")
        with CampaignFile.open(copy) as own:
            assert len(own.load().dossiers) == 5
