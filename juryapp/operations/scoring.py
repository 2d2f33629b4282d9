"""A juror's work: scores, comments, recusals, and the score sheet to fill offline."""

from __future__ import annotations

from pathlib import Path

from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Number
from juryapp.core.quorum import voting_juror
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile

__all__ = [
    "recuse",
    "set_comment",
    "set_score",
    "unrecuse",
    "write_score_sheet",
]


def set_score(
    campaign_file: CampaignFile,
    juror: str,
    ref: str,
    criterion: str,
    value: Number | None,
    author: str,
) -> Outcome[bool]:
    """Set (or clear, with None) one score; the value says whether the file changed."""
    changed = campaign_file.set_score(juror, ref, criterion, value, author)
    return Outcome(changed, Changes(scores=changed))


def set_comment(
    campaign_file: CampaignFile, juror: str, ref: str, text: str, author: str
) -> Outcome[bool]:
    """Set (or clear, with "") a juror's comment on a dossier."""
    changed = campaign_file.set_comment(juror, ref, text, author)
    return Outcome(changed, Changes(scores=changed))


def recuse(
    campaign_file: CampaignFile, juror: str, ref: str, reason: str, author: str
) -> Outcome[None]:
    """A juror recuses themself on a dossier (their scores on it are withdrawn)."""
    campaign_file.recuse(juror, ref, reason, author)
    return Outcome(None, Changes(recusals=True, scores=True))


def unrecuse(campaign_file: CampaignFile, juror: str, ref: str, author: str) -> Outcome[None]:
    """A juror withdraws their recusal: they may score the dossier again."""
    campaign_file.unrecuse(juror, ref, author)
    return Outcome(None, Changes(recusals=True))


def write_score_sheet(campaign_file: CampaignFile, juror: str, out: Path) -> None:
    """A blank score sheet for one voting juror, pre-filled and limited to the grid."""
    from juryapp.io.scoresheet import write_score_sheet as write_sheet

    campaign = campaign_file.load()
    voting_juror(campaign.jurors, juror)
    write_sheet(
        out,
        campaign_id=campaign_file.campaign_id,
        campaign_name=campaign_file.name,
        fingerprint=grid_fingerprint(campaign.criteria, campaign.rules.scale),
        criteria=campaign.criteria,
        dossiers=[
            d
            for d in campaign.dossiers
            if d.admissible
            and (campaign.rapporteurs is None or campaign.rapporteurs.may_score(juror, d.ref))
        ],  # with an assignment, the juror's own dossiers only (rules §14)
        juror_code=juror,
        recusals=[r for r in campaign.recusals if r.juror == juror],
    )
