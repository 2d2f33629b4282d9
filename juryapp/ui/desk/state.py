"""What the desk shows, in one place: the campaign and its results recomputed from the
campaign file, the jury's decisions, whether the deliberation is sealed, and the
dossier the secretary selected. Every part of the desk reads it; only the page
renews it, right after each change: ``compute`` reads and recomputes (on any
thread), ``take`` keeps what it returned (on the UI thread). No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from juryapp.core.model import Attendance, Campaign
from juryapp.core.money import format_cents
from juryapp.core.results import DossierResult, Results, TieGroup, TieState
from juryapp.core.sessions import YearView
from juryapp.i18n import _
from juryapp.operations.campaign import compute, year_of
from juryapp.store import CampaignFile, DecisionInfo

__all__ = ["Computed", "DeskState"]


class Computed(NamedTuple):
    """What the desk shows, as read and recomputed from the campaign file at one moment."""

    campaign: Campaign
    results: Results
    closed: bool
    decisions: list[DecisionInfo]
    year: YearView | None = None  # a call with sessions: the year up to the current one


@dataclass
class DeskState:
    """One campaign file at the desk, and who records the decisions taken there."""

    file: CampaignFile
    author: str
    lang: str = "fr"
    campaign: Campaign | None = None
    results: Results | None = None
    decisions: list[DecisionInfo] = field(default_factory=list)
    closed: bool = False
    selected_ref: str | None = None
    # a call that runs over a year: the desk works on the current session (the first not
    # sealed), with the year up to it
    year: YearView | None = None

    @staticmethod
    def compute(file: CampaignFile) -> Computed:
        """Read ``file`` and recompute its results (what the engine says now); for a call
        with sessions, the current session's."""
        view = year_of(file.load(), None)
        if view is None:
            campaign, results = compute(file)
            return Computed(campaign, results, file.is_closed, file.decisions())
        last = view.last
        first = view.sessions[0].session.code
        decisions = [
            d for d in file.decisions() if (d.decision.session or first) == last.session.code
        ]
        return Computed(last.campaign, last.results, last.session.sealed, decisions, view)

    def take(self, computed: Computed) -> None:
        """Show ``computed`` from now on (the selection is kept; the ranking checks it)."""
        self.campaign, self.results, self.closed, self.decisions, self.year = computed

    @property
    def can_reopen(self) -> bool:
        """Whether a sealed deliberation (or, with sessions, a sealed session) exists."""
        if self.year is None:
            return self.closed
        return any(s.session.sealed for s in self.year.sessions)

    def session_text(self) -> str | None:
        """« Comité n° 2 — Revue de projets de juin (S2) », or None without sessions."""
        if self.year is None:
            return None
        last = self.year.last
        return _("Comité n° {number} — {name} ({code})").format(
            number=last.number, name=last.session.name, code=last.session.code
        )

    # --- reading the results -----------------------------------------------------------------

    def result_of(self, ref: str) -> DossierResult | None:
        return None if self.results is None else self.results.by_ref().get(ref)

    def selected_result(self) -> DossierResult | None:
        return None if self.selected_ref is None else self.result_of(self.selected_ref)

    def tie_of(self, result: DossierResult) -> TieGroup | None:
        if self.results is None or result.tie_group is None:
            return None
        return next((t for t in self.results.ties if t.id == result.tie_group), None)

    def tie_part(self, ref: str | None = None) -> tuple[str, ...] | None:
        """The unbroken ex aequo part ``ref`` (default: the selection) belongs to, if any."""
        result = self.selected_result() if ref is None else self.result_of(ref)
        if result is None:
            return None
        tie = self.tie_of(result)
        if tie is None or tie.state is TieState.BROKEN:
            return None
        part = next((p for p in tie.parts if result.ref in p), ())
        return part if len(part) > 1 else None

    def pool_name(self, code: str | None) -> str:
        """A category's name, or « Classement » for the call's own ranking."""
        if self.results is not None:
            for pool in self.results.pools:
                if pool.code == code and pool.kind in ("category", "call"):
                    return pool.name if pool.kind == "category" else _("Classement")
        return code or _("Classement")

    def titles(self) -> dict[str, str]:
        assert self.campaign is not None
        return {d.ref: d.title for d in self.campaign.dossiers}

    def voters(self, part: Sequence[str]) -> int:
        """The members who may vote on every dossier of ``part`` (present, not recused)."""
        assert self.campaign is not None
        recused = {(r.juror, r.ref) for r in self.campaign.recusals}
        return sum(
            1
            for j in self.campaign.jurors
            if j.votes
            and j.attendance is not Attendance.ABSENT
            and not any((j.code, ref) in recused for ref in part)
        )

    def money(self, cents: int) -> str:
        return format_cents(cents, self.lang)
