"""The sample calls of :mod:`juryapp.samples` as campaign files, for the app's screenshots,
its tests and trying the app: the app's AMI (unscored, or a juror's copy), and the desk's
two calls scored by their jury (Grand Poitiers opens on a tie waiting for a vote)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from juryapp.core.model import Campaign, Score, TieBreakKind, TieBreakStep
from juryapp.samples import aquitaine, poitiers
from juryapp.samples.scoring import profile_scores
from juryapp.store import CampaignFile

__all__ = ["DEMO_AUTHOR", "aquitaine_file", "demo_file", "poitiers_file"]

DEMO_AUTHOR = "secrétariat"


def demo_file(
    path: Path, *, bound_juror: str | None = None, dossier_count: int | None = None
) -> CampaignFile:
    """A new campaign file holding the app's AMI, no score yet (a juror's copy with
    ``bound_juror``; ``dossier_count`` > 13 adds numbered copies, for volume tests)."""
    return CampaignFile.create(
        path, aquitaine.app_campaign(dossier_count), DEMO_AUTHOR, bound_juror=bound_juror
    )


def _scored(
    path: Path | str, campaign: Campaign, scores: Sequence[Score], author: str
) -> CampaignFile:
    file = CampaignFile.create(path, campaign, author)
    with file.transaction():
        for score in scores:
            file.set_scores(score.juror, score.ref, dict(score.values), author)
    return file


def poitiers_file(
    path: Path | str,
    author: str = DEMO_AUTHOR,
    tie_break: tuple[TieBreakStep, ...] = (TieBreakStep(TieBreakKind.VOTE),),
) -> CampaignFile:
    """A new Grand Poitiers campaign file at ``path``, every juror's grid filled."""
    campaign = poitiers.campaign(tie_break)
    scores = profile_scores(campaign, poitiers.SCORING, poitiers.PROFILES)
    return _scored(path, campaign, scores, author)


def aquitaine_file(
    path: Path | str, author: str = DEMO_AUTHOR, envelope_cents: int = 15_000_000
) -> CampaignFile:
    """A new campaign file at ``path`` holding the desk's AMI, scored."""
    campaign = aquitaine.desk_campaign(envelope_cents)
    scores = profile_scores(campaign, aquitaine.DESK_SCORING, aquitaine.DESK_PROFILES)
    return _scored(path, campaign, scores, author)
