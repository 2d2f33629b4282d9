"""Quorum and votes (rules §9).

Quorum ``moitié``: at least half of the voting members present, members by
video and represented members counting (décret 2006-672 art. 10–11).
Quorum ``majorité``: more than half physically present (CGCT L2121-17).
A member recused on a dossier does not count for that dossier.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from juryapp.core.errors import OperationError
from juryapp.core.model import (
    Attendance,
    Juror,
    MajorityRule,
    QuorumRule,
    Role,
    VoteChoice,
    VoteCount,
)
from juryapp.i18n import _

__all__ = ["QuorumState", "VoteOutcome", "quorum", "vote_outcome", "voting_juror"]


@dataclass(frozen=True)
class QuorumState:
    members: int  # voting members who count (recused excluded)
    required: int
    present: int
    reached: bool


def quorum(jurors: Sequence[Juror], rule: QuorumRule, recused: Iterable[str] = ()) -> QuorumState:
    """The quorum among voting members, ``recused`` juror codes excluded."""
    excluded = set(recused)
    members = [j for j in jurors if j.votes and j.code not in excluded]
    if rule is QuorumRule.HALF:
        counted = {Attendance.PRESENT, Attendance.VIDEO, Attendance.REPRESENTED}
        required = (len(members) + 1) // 2
    else:
        counted = {Attendance.PRESENT}
        required = len(members) // 2 + 1
    required = max(required, 1)  # with every voter recused, no quorum can be reached
    present = sum(1 for j in members if j.attendance in counted)
    return QuorumState(len(members), required, present, present >= required)


@dataclass(frozen=True)
class VoteOutcome:
    adopted: bool
    casting_vote: bool  # decided by the president's casting vote
    explanation: str  # French, for the PV


def vote_outcome(votes: VoteCount, rule: MajorityRule) -> VoteOutcome:
    """Whether a proposal is adopted.

    ``exprimés``: more votes for than against, abstentions excluded.
    ``présents``: more votes for than half of those present (for + against + abstentions).
    When the votes for and against are equal (and not both zero), the president's vote
    decides when recorded (voix prépondérante).
    """
    if min(votes.for_, votes.against, votes.abstain) < 0:
        raise ValueError("vote counts must not be negative")
    counts = f"{votes.for_} pour, {votes.against} contre, {votes.abstain} abstention(s)"
    if rule is MajorityRule.CAST:
        majority_for, majority_against = votes.for_, votes.against
        basis = "à la majorité des suffrages exprimés"
    else:
        present = votes.for_ + votes.against + votes.abstain
        majority_for, majority_against = 2 * votes.for_, present
        basis = "à la majorité des membres présents"
    if majority_for > majority_against:
        return VoteOutcome(True, False, f"adopté {basis} ({counts})")
    split = votes.for_ == votes.against and votes.for_ > 0
    if split and votes.president is not None:
        adopted = votes.president is VoteChoice.FOR
        verdict = "adopté" if adopted else "rejeté"
        return VoteOutcome(
            adopted,
            True,
            f"{verdict} par la voix prépondérante du président ({counts})",
        )
    return VoteOutcome(False, False, f"rejeté {basis} ({counts})")


def president(jurors: Sequence[Juror]) -> Juror | None:
    """The president, if the jury has one."""
    return next((j for j in jurors if j.role is Role.PRESIDENT), None)


def voting_juror(jurors: Sequence[Juror], code: str) -> Juror:
    """The member ``code``, refused when unknown or without a vote (only voting members score)."""
    found = next((j for j in jurors if j.code == code), None)
    if found is None:
        known = ", ".join(j.code for j in jurors)
        raise OperationError(
            _("Juré inconnu « {code} » (jurés : {known}).").format(code=code, known=known)
        )
    if not found.votes:
        voting = ", ".join(j.code for j in jurors if j.votes) or _("aucun")
        raise OperationError(
            _(
                "{code} ({name}, {role}) n'a pas voix délibérative : seuls les membres votants "
                "notent, donc ni feuille de notes ni copie de juré (membres votants : {voting})."
            ).format(code=found.code, name=found.name, role=found.role.value, voting=voting)
        )
    return found
