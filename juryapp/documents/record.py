"""What a document shows, gathered once: a :class:`DeliberationRecord` holds the
campaign, its recomputed results, the decisions with their authors and times, the
seals and the PV version. ``build_record`` reads it from a campaign file,
``record_from_campaign`` makes one without a file (tests, previews). Every document
writer is a pure function of a record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from juryapp.core.engine import compute_results
from juryapp.core.model import Campaign
from juryapp.core.registry import PastLaureate, RegistryFlag, flag_dossiers
from juryapp.core.report import CampaignInfo
from juryapp.core.results import Results
from juryapp.core.sessions import (
    SessionResults,
    YearView,
    current_session,
    find_session,
    year_view,
)
from juryapp.store import CampaignFile, DecisionInfo, SealInfo
from juryapp.store.codec import decision_kind

__all__ = ["DeliberationRecord", "build_record", "record_from_campaign"]


@dataclass(frozen=True)
class DeliberationRecord:
    """Everything the documents of one deliberation show, read once."""

    campaign: Campaign
    results: Results
    info: CampaignInfo
    decisions: tuple[DecisionInfo, ...] = ()  # every decision, undone ones included
    seals: tuple[SealInfo, ...] = ()  # every seal ever made, by version
    pv_version: int = 1
    closed: bool = False
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())
    # supported only once (rules §13): the registry of past laureates and the dossiers
    # that match it, with the secretariat's rulings
    registry: tuple[PastLaureate, ...] = ()
    # a call that runs over a year (rules §12): the session this record is of, and the
    # year up to it (its ledger); None for a call without sessions
    year: YearView | None = None
    registry_flags: Mapping[str, RegistryFlag] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def active_decisions(self) -> tuple[DecisionInfo, ...]:
        return tuple(d for d in self.decisions if not d.undone)

    @property
    def session(self) -> SessionResults | None:
        return None if self.year is None else self.year.last

    @property
    def current_seal(self) -> SealInfo | None:
        """The seal of this version while the deliberation is closed."""
        if not self.closed:
            return None
        return next((s for s in self.seals if s.version == self.pv_version), None)


def build_record(campaign_file: CampaignFile, session: str | None = None) -> DeliberationRecord:
    """Read the campaign file once and recompute the results; for a call with sessions,
    of ``session`` (a code checked by the caller; None: the current one)."""
    campaign = campaign_file.load()
    if campaign.sessions:
        return _session_record(campaign_file, campaign, session)
    info = CampaignInfo(
        id=campaign_file.campaign_id,
        name=campaign_file.name,
        closed=campaign_file.is_closed,
        seal=campaign_file.seal,
    )
    registry = tuple(campaign_file.past_laureates())
    return DeliberationRecord(
        campaign=campaign,
        results=compute_results(campaign),
        info=info,
        decisions=tuple(campaign_file.decisions()),
        seals=tuple(campaign_file.seals()),
        pv_version=campaign_file.pv_version,
        closed=campaign_file.is_closed,
        registry=registry,
        registry_flags=flag_dossiers(campaign.dossiers, registry, campaign_file.registry_rulings())
        if registry
        else {},
    )


def _session_record(
    campaign_file: CampaignFile, campaign: Campaign, session: str | None
) -> DeliberationRecord:
    """The record of one session: its dossiers, decisions and seals (numbered as its own
    PV's versions), with the year's ledger up to it."""
    asked = current_session(campaign) if session is None else find_session(campaign, session)
    if asked is None:
        raise KeyError(session)
    view = year_view(campaign, asked.code)
    last = view.last
    code = last.session.code
    first = campaign.sessions[0].code
    seals = tuple(
        replace(seal, version=number)
        for number, seal in enumerate(
            (s for s in campaign_file.seals() if s.session == code), start=1
        )
    )
    sealed = last.session.sealed
    current = seals[-1] if sealed and seals else None
    registry = tuple(campaign_file.past_laureates())
    return DeliberationRecord(
        campaign=last.campaign,
        results=last.results,
        info=CampaignInfo(
            id=campaign_file.campaign_id,
            name=campaign_file.name,
            closed=sealed,
            seal=None if current is None else current.hash,
        ),
        decisions=tuple(
            d for d in campaign_file.decisions() if (d.decision.session or first) == code
        ),
        seals=seals,
        pv_version=last.session.pv_version,
        closed=sealed,
        registry=registry,
        registry_flags=flag_dossiers(
            last.campaign.dossiers, registry, campaign_file.registry_rulings()
        )
        if registry
        else {},
        year=view,
    )


def record_from_campaign(
    campaign: Campaign,
    *,
    name: str | None = None,
    decisions: Sequence[DecisionInfo] | None = None,
    seals: Sequence[SealInfo] = (),
    pv_version: int = 1,
    closed: bool = False,
    generated_at: dt.datetime | None = None,
    author: str = "—",
) -> DeliberationRecord:
    """A record without a campaign file (tests, previews): the campaign's own decisions
    are listed as taken by ``author`` at ``generated_at``."""
    moment = generated_at or dt.datetime.now().astimezone()
    if decisions is None:
        decisions = [
            DecisionInfo(
                id=index,
                kind=decision_kind(decision),
                decision=decision,
                reason=decision.reason,
                author=author,
                at=moment.isoformat(),
                undone=False,
                undone_at=None,
                undone_by=None,
                undo_reason=None,
            )
            for index, decision in enumerate(campaign.decisions, start=1)
        ]
    seal = next((s for s in seals if s.version == pv_version), None) if closed else None
    info = CampaignInfo(
        id="—",
        name=name or campaign.rules.name,
        closed=closed,
        seal=seal.hash if seal else None,
    )
    return DeliberationRecord(
        campaign=campaign,
        results=compute_results(campaign),
        info=info,
        decisions=tuple(decisions),
        seals=tuple(seals),
        pv_version=pv_version,
        closed=closed,
        generated_at=moment,
    )
