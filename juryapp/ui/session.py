"""The open campaign, who works in it, and what changed after each operation.

``Session`` holds the campaign file, the campaign read without scores, the user
(a juror, or the secretariat acting in someone's name). Every change goes
through ``Session.run`` (or ``Session.apply`` for an operation run in the
background by ``juryapp.ui.tasks``): the operation returns an ``Outcome``, the
session reloads what it holds and emits ``changed(Changes, initiator)`` once —
every screen refreshes from that one signal (Anki's ``operation_did_execute``),
and the screen that made the change (``initiator``) may skip what it already shows.

A juror's session holds only that juror's scores (``JurorSheet``): other
jurors' scores are dropped right after loading and never reach a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from juryapp.core.grid import juror_note
from juryapp.core.model import Campaign, Criterion, Dossier, Juror, Number
from juryapp.operations.campaign import account_name, acting_author
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile

__all__ = ["JurorSheet", "Progress", "Session", "default_author", "load_campaign"]

T = TypeVar("T")
log = logging.getLogger("juryapp.ui.session")


def default_author(campaign: Campaign | None = None) -> str:
    """The name written in the journal for the secretariat's changes: the secretary the
    jury names, else the computer account's name."""
    if campaign is None:
        return account_name()
    return acting_author(campaign)


def load_campaign(file: CampaignFile) -> Campaign:
    """The campaign without anyone's scores (the UI reads a juror's own with ``JurorSheet``).

    ``load_frame`` never reads the score table; ``load`` is the fallback for older stores.
    """
    frame = getattr(file, "load_frame", None)
    campaign: Campaign = frame() if callable(frame) else file.load()
    return replace(campaign, scores=())


class Progress:
    """Where a juror stands on one dossier."""

    TODO = "todo"
    PARTIAL = "partial"
    DONE = "done"
    RECUSED = "recused"


@dataclass
class JurorSheet:
    """One juror's own scores, comments and recusals, as stored."""

    juror: Juror
    criteria: tuple[Criterion, ...]
    scale: int
    values: dict[str, dict[str, Number]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    recusals: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, file: CampaignFile, campaign: Campaign, juror: Juror) -> JurorSheet:
        sheet = cls(juror, campaign.criteria, campaign.rules.scale)
        for cell in file.scores_for(juror.code):
            sheet.values.setdefault(cell.ref, {})[cell.criterion] = cell.value
        for comment in file.comments_for(juror.code):
            sheet.comments[comment.ref] = comment.text
        for recusal in campaign.recusals:
            if recusal.juror == juror.code:
                sheet.recusals[recusal.ref] = recusal.reason
        return sheet

    def value(self, ref: str, code: str) -> Number | None:
        return self.values.get(ref, {}).get(code)

    def set_value(self, ref: str, code: str, value: Number | None) -> None:
        grid = self.values.setdefault(ref, {})
        if value is None:
            grid.pop(code, None)
        else:
            grid[code] = value

    def scored(self, ref: str) -> int:
        return len(self.values.get(ref, {}))

    def progress(self, ref: str) -> str:
        if ref in self.recusals:
            return Progress.RECUSED
        count = self.scored(ref)
        if count == 0:
            return Progress.TODO
        return Progress.DONE if count >= len(self.criteria) else Progress.PARTIAL

    def note(self, ref: str) -> Fraction | None:
        """The juror's exact note on the display scale, None while the grid is incomplete."""
        if ref in self.recusals:
            return None
        return juror_note(self.criteria, self.values.get(ref, {}), self.scale)

    def recuse(self, ref: str, reason: str) -> None:
        self.recusals[ref] = reason
        self.values.pop(ref, None)
        self.comments.pop(ref, None)


class Session(QObject):
    """An open campaign and who uses it: a juror (scoring) or the secretariat (``juror`` None),
    the latter in the name of ``acting`` (the secretary, the president) when one was chosen."""

    #: After each operation: (Changes, the object that asked for it or None).
    changed = Signal(object, object)

    def __init__(
        self,
        file: CampaignFile,
        campaign: Campaign,
        juror: Juror | None,
        author: str,
        acting: Juror | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.file = file
        self.campaign = campaign
        self.juror = juror
        self.author = author
        self.acting = acting

    @property
    def is_closed(self) -> bool:
        return self.file.is_closed

    def scoring_dossiers(self) -> tuple[Dossier, ...]:
        """The dossiers a juror scores: the admissible ones, and with an assignment of
        dossiers to jurors (rules §14) the juror's own only."""
        rapporteurs = self.campaign.rapporteurs
        juror = self.juror
        return tuple(
            d
            for d in self.campaign.dossiers
            if d.admissible
            and (rapporteurs is None or juror is None or rapporteurs.may_score(juror.code, d.ref))
        )

    def reload(self) -> None:
        self.campaign = load_campaign(self.file)

    # --- what changed ---------------------------------------------------------------------

    def run(self, operation: Callable[[], Outcome[T]], initiator: object | None = None) -> T:
        """Run ``operation`` now (on the UI thread), then say what it changed; its value.
        A refusal propagates and nothing is said (nothing changed)."""
        return self.apply(operation(), initiator)

    def apply(self, outcome: Outcome[T], initiator: object | None = None) -> T:
        """Say what an operation run elsewhere (a background task) changed; its value."""
        self.notify(outcome.changes, initiator)
        return outcome.value

    def notify(self, changes: Changes, initiator: object | None = None) -> None:
        """Reload what the session holds if needed, then emit ``changed`` (nothing when
        nothing changed)."""
        if not changes:
            return
        if changes.frame:
            self.reload()
        log.debug("changed: %s (from %s)", ", ".join(changes.names()), type(initiator).__name__)
        self.changed.emit(changes, initiator)
