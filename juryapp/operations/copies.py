"""Files that travel: the jurors' copies, the juror's copy for the coordinator, and merging
copies and score sheets back into the campaign (the work itself is ``juryapp.merge``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from juryapp.merge import copies, run
from juryapp.merge.report import MergeReport, Progress, Resolve
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile

__all__ = [
    "analyse_merge",
    "make_juror_copies",
    "make_juror_copy",
    "merge_files",
    "save_coordinator_copy",
]


def make_juror_copy(campaign_file: CampaignFile, juror: str, out: Path, author: str) -> Path:
    """One voting juror's copy of the campaign, at ``out`` (journalled in the campaign)."""
    return copies.make_juror_copy(campaign_file, juror, out, author)


def make_juror_copies(
    campaign_file: CampaignFile, folder: Path, author: str, progress: Progress | None = None
) -> list[Path]:
    """One copy per voting juror in ``folder``; a failure (or a cancel) midway removes the
    copies written."""
    return copies.make_all_juror_copies(campaign_file, folder, author, progress=progress)


def save_coordinator_copy(campaign_file: CampaignFile, out: Path) -> Path:
    """The campaign as one self-contained file (a juror hands it to the coordinator)."""
    return campaign_file.save_copy(out)


def analyse_merge(
    campaign_file: CampaignFile,
    inputs: Sequence[Path],
    progress: Progress | None = None,
) -> MergeReport:
    """What merging ``inputs`` would do, nothing written (the conflicts to choose from)."""
    return run.analyse_merge(campaign_file, inputs, progress=progress)


def merge_files(
    campaign_file: CampaignFile,
    inputs: Sequence[Path],
    author: str,
    *,
    progress: Progress | None = None,
    resolve: Resolve | None = None,
) -> Outcome[MergeReport]:
    """Merge juror copies and score sheets into the campaign, in one transaction: refused
    (or cancelled through ``progress``) means nothing written."""
    report = run.merge_files(campaign_file, inputs, author, progress=progress, resolve=resolve)
    return Outcome(report, Changes(scores=True, recusals=True))
