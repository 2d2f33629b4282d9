"""Fixtures of the campaign-file tests: a full campaign and a file made from it."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    Juror,
    MajorityRule,
    Mode,
    Nature,
    NoAward,
    OrderTie,
    QuorumRule,
    Reallocation,
    ReallocationKind,
    Recusal,
    Role,
    Score,
    SetAmount,
    TieBreakKind,
    TieBreakStep,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.store import CampaignFile


def full_campaign() -> Campaign:
    """A campaign using every kind of value: fractions, enums, free fields, unicode."""
    rules = CallRules(
        name="Prix « Territoires durables » 2026",
        authority="Région Île-de-France",
        date="2026-06-12",
        place="Hôtel de région, salle Œ",
        mode=Mode.PRIZE,
        envelope_cents=2_100_000,
        prizes_cents=(500_000, 300_000, 200_000),
        cap_cents=1_500_000,
        rate=Fraction(1, 2),
        floor_cents=500_000,
        partial_funding=True,
        after_miss=AfterMiss.NEXT,
        cutoff_tie=CutoffTie.EQUAL,
        scale=20,
        threshold=Fraction(21, 2),
        aggregation=Aggregation.MEDIAN,
        tie_break=(
            TieBreakStep(TieBreakKind.CRITERION, "IMPACT"),
            TieBreakStep(TieBreakKind.VOTE),
            TieBreakStep(TieBreakKind.DRAW),
        ),
        reallocation=Reallocation(ReallocationKind.CATEGORY, "DUR"),
        quorum=QuorumRule.MAJORITY,
        majority=MajorityRule.PRESENT,
        min_scores=2,
    )
    criteria = (
        Criterion("INNO", "Innovation", 30, 5, step=Fraction(1, 2), threshold=3),
        Criterion("IMPACT", "Impact", 50, 20, description="Effets attendus — mesurés"),
        Criterion("ANCRAGE", "Ancrage", Fraction(40, 3), 10, min=1, threshold=Fraction(5, 2)),
    )
    categories = (
        Category("DUR", "Territoire durable", envelope_cents=700_000, prizes_cents=(400_000,)),
        Category(
            "ÉMG",
            "Émergence",
            cap_cents=100_000,
            rate=Fraction(2, 3),
            floor_cents=10_000,
            nature=Nature.REPAYABLE_ADVANCE,
        ),
    )
    jurors = (
        Juror("J1", "Anne Dupré", Role.PRESIDENT, organisation="Conseil régional"),
        Juror("J2", "Bruno Lefèvre", attendance=Attendance.VIDEO),
        Juror("J3", "Chloé N'Diaye", Role.SECRETARY, votes=False),
        Juror("J4", "Dmitri Ivanov", attendance=Attendance.ABSENT),
    )
    dossiers = (
        Dossier(
            "D1",
            "Jardins partagés « Les Lilas »",
            applicant="Association Vert-Tige",
            town="Saint-Étienne",
            category="DUR",
            requested_cents=1_000_000,
            total_budget_cents=3_000_000,
            eligible_expenses_cents=2_500_000,
            siret="12345678901234",
            fields=(("Référent", "Zoé"), ("Note interne", '=HYPERLINK("x","y")')),
        ),
        Dossier("D2", "Atelier vélo", category="ÉMG", requested_cents=500_000),
        Dossier(
            "D3",
            "Ferme urbaine",
            category="DUR",
            admissible=False,
            inadmissible_reason="Dossier déposé hors délai",
        ),
    )
    scores = (
        Score("J1", "D1", {"INNO": Fraction(9, 2), "IMPACT": 15, "ANCRAGE": 7}, "Très bon — 👍"),
        Score("J1", "D2", {"INNO": 3, "IMPACT": 12}),
        Score("J2", "D2", {"INNO": 4, "IMPACT": 18, "ANCRAGE": 1}, ""),
        Score("J4", "D1", {}, "À revoir"),
    )
    recusals = (Recusal("J2", "D1", "Membre du bureau de l'association"),)
    decisions = (
        OrderTie(("D2", "D1"), "vote du jury", VoteCount(3, 1, 1, VoteChoice.FOR)),
        Withdraw("D3", "désistement"),
        SetAmount("D1", 350_000, "montant modifié"),
        NoAward("ÉMG", "aucun lauréat"),
    )
    return Campaign(
        rules=rules,
        criteria=criteria,
        dossiers=dossiers,
        jurors=jurors,
        categories=categories,
        scores=scores,
        recusals=recusals,
        decisions=decisions,
    )


def small_campaign() -> Campaign:
    """Two criteria, three jurors, three dossiers, no scores."""
    return Campaign(
        rules=CallRules(name="Petit appel"),
        criteria=(
            Criterion("INNO", "Innovation", 1, 5, step=Fraction(1, 2)),
            Criterion("IMPACT", "Impact", 1, 20),
        ),
        dossiers=(Dossier("D1", "Un"), Dossier("D2", "Deux"), Dossier("D3", "Trois")),
        jurors=(Juror("J1", "Anne"), Juror("J2", "Bruno"), Juror("J3", "Chloé")),
    )


@pytest.fixture
def campaign_path(tmp_path: Path) -> Path:
    return tmp_path / "appel.jury"


@pytest.fixture
def store(campaign_path: Path) -> Iterator[CampaignFile]:
    """A small campaign file, open."""
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as opened:
        yield opened
