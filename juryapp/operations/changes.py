"""What an operation changed in a campaign (after Anki's ``OpChanges``).

Every operation that writes returns an ``Outcome``: its value and the
``Changes`` it made, so that the app refreshes only the screens that show
what changed. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

__all__ = ["Changes", "Outcome"]

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Which parts of the campaign an operation changed."""

    #: the dossiers: the list, their fields, their admissibility
    dossiers: bool = False
    #: the scoring grid (criteria, weights, thresholds)
    grid: bool = False
    #: the jurors' scores and comments
    scores: bool = False
    #: the jurors' recusals (déports)
    recusals: bool = False
    #: the jury's members and their attendance
    jury: bool = False
    #: the jury's decisions (ties, draws, withdrawals, amounts, no award, undoing)
    decisions: bool = False
    #: the seal: closing or reopening the deliberation
    seal: bool = False

    @classmethod
    def everything(cls) -> Changes:
        """Anything may have changed (a campaign opened afresh, a file merged in)."""
        return cls(**{f.name: True for f in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    @property
    def results(self) -> bool:
        """The ranking and the amounts may have moved (they follow from all the rest)."""
        return bool(self)

    @property
    def frame(self) -> bool:
        """What the campaign read without scores holds changed (everything but the scores
        and comments themselves): a session reloads it."""
        return any((self.dossiers, self.grid, self.recusals, self.jury, self.decisions, self.seal))

    def names(self) -> tuple[str, ...]:
        """The parts that changed, by name (logs, tests)."""
        return tuple(f.name for f in fields(self) if getattr(self, f.name))


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What an operation returns: its value (results, a report, paths) and what changed."""

    value: T
    changes: Changes
