"""Quorum and votes (rules §9): both quorum rules, both majority rules, the president's
casting vote, with the boundaries counted by hand."""

from __future__ import annotations

import pytest

from juryapp.core.model import (
    Attendance,
    Juror,
    MajorityRule,
    QuorumRule,
    Role,
    VoteChoice,
    VoteCount,
)
from juryapp.core.quorum import QuorumState, president, quorum, vote_outcome

P, V, R, A = Attendance.PRESENT, Attendance.VIDEO, Attendance.REPRESENTED, Attendance.ABSENT


def jury(*attendances: Attendance) -> list[Juror]:
    return [Juror(f"J{i + 1}", f"Juré {i + 1}", attendance=a) for i, a in enumerate(attendances)]


@pytest.mark.parametrize(
    ("members", "present", "half", "majority"),
    [
        # moitié: at least ⌈n/2⌉; majorité: more than half, ⌊n/2⌋ + 1
        (10, 5, True, False),
        (10, 6, True, True),
        (10, 4, False, False),
        (9, 5, True, True),
        (9, 4, False, False),
        (4, 2, True, False),
        (4, 3, True, True),
        (1, 1, True, True),
        (1, 0, False, False),
    ],
)
def test_quorum_rules_at_their_boundaries(members, present, half, majority):
    jurors = jury(*([P] * present + [A] * (members - present)))
    assert quorum(jurors, QuorumRule.HALF).reached is half
    assert quorum(jurors, QuorumRule.MAJORITY).reached is majority


def test_half_quorum_counts_video_and_represented_members_majority_only_those_in_the_room():
    """8 voting members: 2 in the room, 1 by video, 1 represented, 4 absent.
    moitié: 4 count, 4 required (half of 8) -> reached.
    majorité: 2 in the room, 5 required (8/2 + 1) -> not reached."""
    jurors = jury(P, P, V, R, A, A, A, A)
    assert quorum(jurors, QuorumRule.HALF) == QuorumState(8, 4, 4, True)
    assert quorum(jurors, QuorumRule.MAJORITY) == QuorumState(8, 5, 2, False)


def test_recused_and_non_voting_members_do_not_count():
    """6 jurors; J6 does not vote; J1 is recused. Voting members who count: J2–J5 (4).
    Present J2, J3 -> moitié needs 2: reached; majorité needs 3: not reached."""
    jurors = [*jury(P, P, P, A, A), Juror("J6", "Secrétaire", Role.SECRETARY, votes=False)]
    assert quorum(jurors, QuorumRule.HALF, recused=["J1"]) == QuorumState(4, 2, 2, True)
    assert quorum(jurors, QuorumRule.MAJORITY, recused=["J1"]) == QuorumState(4, 3, 2, False)
    # without the recusal: 5 members, 3 present; moitié needs 3, majorité needs 3
    assert quorum(jurors, QuorumRule.HALF) == QuorumState(5, 3, 3, True)
    assert quorum(jurors, QuorumRule.MAJORITY) == QuorumState(5, 3, 3, True)


def test_with_every_voter_recused_no_quorum_is_reached():
    jurors = jury(P, P)
    for rule in QuorumRule:
        assert quorum(jurors, rule, recused=["J1", "J2"]) == QuorumState(0, 1, 0, False)


COUNTS = "4 pour, 3 contre, 2 abstention(s)"


def test_scenario_22_cast_votes_adopt_present_members_reject():
    """9 present, 4 pour / 3 contre / 2 abstentions. exprimés: 4 > 3 -> adopted.
    présents: 4 is not more than 9/2 -> rejected."""
    votes = VoteCount(4, 3, 2)
    cast = vote_outcome(votes, MajorityRule.CAST)
    assert (cast.adopted, cast.casting_vote) == (True, False)
    assert cast.explanation == f"adopté à la majorité des suffrages exprimés ({COUNTS})"
    present = vote_outcome(votes, MajorityRule.PRESENT)
    assert (present.adopted, present.casting_vote) == (False, False)
    assert present.explanation == f"rejeté à la majorité des membres présents ({COUNTS})"


@pytest.mark.parametrize(
    ("for_", "against", "abstain", "cast", "present"),
    [
        (5, 3, 1, True, True),  # présents: 5 > 9/2
        (5, 0, 5, True, False),  # présents: 5 is exactly half of 10, not more
        (6, 0, 5, True, True),  # 6 > 11/2
        (3, 4, 0, False, False),
        (1, 0, 8, True, False),
        (0, 0, 3, False, False),
    ],
)
def test_majority_rules_at_their_boundaries(for_, against, abstain, cast, present):
    votes = VoteCount(for_, against, abstain)
    assert vote_outcome(votes, MajorityRule.CAST).adopted is cast
    assert vote_outcome(votes, MajorityRule.PRESENT).adopted is present


@pytest.mark.parametrize("rule", list(MajorityRule))
def test_the_presidents_vote_decides_an_exact_tie(rule):
    counts = "4 pour, 4 contre, 0 abstention(s)"
    adopted = vote_outcome(VoteCount(4, 4, 0, VoteChoice.FOR), rule)
    assert (adopted.adopted, adopted.casting_vote) == (True, True)
    assert adopted.explanation == f"adopté par la voix prépondérante du président ({counts})"
    rejected = vote_outcome(VoteCount(4, 4, 0, VoteChoice.AGAINST), rule)
    assert (rejected.adopted, rejected.casting_vote) == (False, True)
    assert rejected.explanation == f"rejeté par la voix prépondérante du président ({counts})"
    abstained = vote_outcome(VoteCount(4, 4, 0, VoteChoice.ABSTAIN), rule)
    assert (abstained.adopted, abstained.casting_vote) == (False, True)


def test_a_tie_with_abstentions_under_present_members_goes_to_the_president():
    """présents, 3 pour / 3 contre / 1 abstention: 3 is not more than 7/2, but pour and
    contre are equal: the president's vote decides."""
    outcome = vote_outcome(VoteCount(3, 3, 1, VoteChoice.FOR), MajorityRule.PRESENT)
    assert (outcome.adopted, outcome.casting_vote) == (True, True)


def test_without_the_presidents_vote_a_tie_is_rejected():
    outcome = vote_outcome(VoteCount(4, 4, 1), MajorityRule.CAST)
    assert (outcome.adopted, outcome.casting_vote) == (False, False)
    assert outcome.explanation == (
        "rejeté à la majorité des suffrages exprimés (4 pour, 4 contre, 1 abstention(s))"
    )


def test_one_for_one_against_is_a_tie_for_the_president():
    outcome = vote_outcome(VoteCount(1, 1, 3, VoteChoice.FOR), MajorityRule.PRESENT)
    assert (outcome.adopted, outcome.casting_vote) == (True, True)


def test_no_vote_for_or_against_is_not_a_tie_for_the_president():
    outcome = vote_outcome(VoteCount(0, 0, 5, VoteChoice.FOR), MajorityRule.CAST)
    assert (outcome.adopted, outcome.casting_vote) == (False, False)


@pytest.mark.parametrize("counts", [(-1, 0, 0), (0, -1, 0), (0, 0, -1)])
def test_negative_counts_are_refused(counts):
    with pytest.raises(ValueError) as caught:
        vote_outcome(VoteCount(*counts), MajorityRule.CAST)
    assert str(caught.value) == "vote counts must not be negative"


def test_the_president_is_found_by_role():
    jurors = [Juror("J1", "A"), Juror("J2", "B", Role.PRESIDENT), Juror("J3", "C")]
    assert president(jurors) == jurors[1]
    assert president(jurors[:1]) is None
