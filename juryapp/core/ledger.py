"""The annual envelope as a ledger (rules §12): what each session of a call that runs over
a year may award, what it spent, what it carries over, and what remains of the year.

Pure arithmetic on integer cents, in the order of the sessions; the engine's results
of each session supply what it awarded. Not yet wired to the engine, the store or the
screens (sessions, second part): the deliberation session by session uses it.

- A sealed session's awards are spent. A laureate of a sealed session who withdraws
  later gives its money back to the year (recorded in a later session).
- A session with a declared envelope awards at most that, plus what the previous
  session carried over (``Report: oui``), and never more than what remains of the year.
  A session without one may award what remains of the year.
- ``Report: oui``: what a session left unawarded of its declared envelope (and of what
  it received) goes to the next session. ``Report: non``: it is not available to later
  sessions and is shown as not consumed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Ledger", "SessionAccount", "SessionFigures", "build_ledger"]


@dataclass(frozen=True)
class SessionFigures:
    """What one session did: its declared envelope (None: none), what it awarded, and the
    money given back by withdrawals of earlier sessions' laureates recorded in it."""

    code: str
    declared_cents: int | None = None
    awarded_cents: int = 0
    returned_cents: int = 0
    sealed: bool = False


@dataclass(frozen=True)
class SessionAccount:
    code: str
    declared_cents: int | None
    carried_in_cents: int  # received from the previous session (Report: oui)
    available_cents: int  # what it may award
    awarded_cents: int
    returned_cents: int
    carried_out_cents: int  # given to the next session (Report: oui)
    not_consumed_cents: int  # left unawarded and not available later (Report: non)
    sealed: bool


@dataclass(frozen=True)
class Ledger:
    year_envelope_cents: int
    spent_cents: int  # awarded by sealed sessions, less what withdrawals gave back
    locked_cents: int  # declared but not consumed by sealed sessions (Report: non)
    sessions: tuple[SessionAccount, ...]

    @property
    def remaining_cents(self) -> int:
        """What later sessions may still award."""
        return self.year_envelope_cents - self.spent_cents - self.locked_cents


def build_ledger(
    year_envelope_cents: int, sessions: Sequence[SessionFigures], carry_over: bool
) -> Ledger:
    """The ledger after ``sessions``, in order. Each session's ``available_cents`` is what
    it may award given the sessions before it; only sealed sessions spend the year's
    money (an open session's awards are a proposal).

    Refuses (``ValueError``) a session that awarded more than it was allowed: the engine
    never does, so that is a bug, not an input."""
    spent = 0
    locked = 0
    carried = 0
    accounts: list[SessionAccount] = []
    for figures in sessions:
        spent -= figures.returned_cents
        remaining = year_envelope_cents - spent - locked
        if figures.declared_cents is None:
            available = remaining
            carried_in = 0
        else:
            carried_in = carried
            available = min(figures.declared_cents + carried_in, remaining)
        if figures.awarded_cents > available:
            raise ValueError(
                f"session {figures.code}: {figures.awarded_cents} awarded, {available} allowed"
            )
        carried_out = 0
        not_consumed = 0
        if figures.sealed:
            spent += figures.awarded_cents
            if figures.declared_cents is not None:
                left = available - figures.awarded_cents
                if carry_over:
                    carried_out = left
                else:
                    not_consumed = left
                    locked += left
        carried = carried_out
        accounts.append(
            SessionAccount(
                code=figures.code,
                declared_cents=figures.declared_cents,
                carried_in_cents=carried_in,
                available_cents=available,
                awarded_cents=figures.awarded_cents,
                returned_cents=figures.returned_cents,
                carried_out_cents=carried_out,
                not_consumed_cents=not_consumed,
                sealed=figures.sealed,
            )
        )
    return Ledger(year_envelope_cents, spent, locked, tuple(accounts))
