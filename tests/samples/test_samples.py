"""The sample calls: the demo's workbook says what the call says, the variants share the
call's facts, and the jurors' scores are deterministic (that ``juryapp.samples`` imports
only the engine is import-linter's contract)."""

from __future__ import annotations

from pathlib import Path

from juryapp.io.workbook import read_campaign_workbook
from juryapp.samples import aquitaine, poitiers
from juryapp.samples.scoring import profile_scores, simulated_scores
from tests.plugin.workbooks import write_book


def test_the_demo_workbook_reads_back_as_the_call(tmp_path: Path) -> None:
    path = write_book(tmp_path / "ami.xlsx", aquitaine.workbook_sheets())
    assert read_campaign_workbook(path).campaign == aquitaine.call_campaign()


def test_the_variants_share_the_call_s_authority_place_and_aid_rules() -> None:
    call = aquitaine.call_campaign().rules
    for variant in (aquitaine.app_campaign().rules, aquitaine.desk_campaign().rules):
        assert (variant.authority, variant.place, variant.date) == (
            call.authority,
            call.place,
            call.date,
        )
        assert (variant.cap_cents, variant.rate, variant.rate_base, variant.tie_break) == (
            call.cap_cents,
            call.rate,
            call.rate_base,
            call.tie_break,
        )


def test_simulated_scores_are_deterministic_and_skip_recusals_and_inadmissible() -> None:
    campaign = aquitaine.call_campaign()
    scores = simulated_scores(campaign, aquitaine.QUALITY)
    assert scores == simulated_scores(campaign, aquitaine.QUALITY)
    assert scores != simulated_scores(campaign, aquitaine.QUALITY, seed=1)
    pairs = {(s.juror, s.ref) for s in scores}
    assert ("ATIS", "NA-03") not in pairs
    assert not any(ref == "NA-11" for _juror, ref in pairs)
    assert not any(juror == "JLP" for juror, _ref in pairs)  # the secretary does not vote
    assert len(scores) == 5 * 10 - 1


def test_profile_scores_keep_each_profile_as_the_mean() -> None:
    campaign = poitiers.campaign()
    scores = profile_scores(campaign, poitiers.SCORING, poitiers.PROFILES)
    for ref, profile in poitiers.PROFILES.items():
        grids = [s.values for s in scores if s.ref == ref]
        for position, criterion in enumerate(campaign.criteria):
            values = [grid[criterion.code] for grid in grids]
            assert sum(values) / len(values) == profile[position], (ref, criterion.code)
    assert ("J3", "GP-08") not in {(s.juror, s.ref) for s in scores}  # recused
