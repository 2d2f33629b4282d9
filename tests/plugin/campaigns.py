"""Campaigns for the tests as plain core values (no SQL, no Qt: the engine's tests use
them): a campaign from a few lines of notes, a small one, one using every kind of value,
and a jury of five for the merge of their copies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction

from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Decision,
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

ONE_CRITERION = (Criterion("Q", "Qualité", 1, 20),)


def rules(**settings: object) -> CallRules:
    return replace(CallRules(name="Appel test"), **settings)  # type: ignore[arg-type]


def campaign_from_notes(
    notes: Mapping[str, Sequence[int | Fraction | None]],
    *,
    call: CallRules | None = None,
    criteria: Sequence[Criterion] = ONE_CRITERION,
    dossiers: Iterable[Dossier] | None = None,
    categories: Sequence[Category] = (),
    jurors: Sequence[Juror] = (),
    recusals: Sequence[Recusal] = (),
    decisions: Sequence[Decision] = (),
) -> Campaign:
    """Each dossier's list gives one juror's score per position on the single criterion Q
    (J1, J2…); None leaves that juror without a score for the dossier."""
    scores = [
        Score(f"J{index + 1}", ref, {"Q": value})
        for ref, values in notes.items()
        for index, value in enumerate(values)
        if value is not None
    ]
    if dossiers is None:
        dossiers = [Dossier(ref, f"Projet {ref}") for ref in notes]
    return Campaign(
        rules=call or rules(),
        criteria=tuple(criteria),
        dossiers=tuple(dossiers),
        jurors=tuple(jurors),
        categories=tuple(categories),
        scores=tuple(scores),
        recusals=tuple(recusals),
        decisions=tuple(decisions),
    )


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


def grid_criteria() -> tuple[Criterion, ...]:
    return (
        Criterion("INNO", "Innovation", 30, 5, step=Fraction(1, 2)),
        Criterion("IMPACT", "Impact", 70, 20),
    )


def jury_campaign(name: str = "Appel « Territoires » 2026") -> Campaign:
    """Five dossiers, five voting jurors and a secretary."""
    return Campaign(
        rules=CallRules(name=name),
        criteria=grid_criteria(),
        dossiers=tuple(Dossier(f"D{i}", f"Projet {i}") for i in range(1, 6)),
        jurors=(
            Juror("J1", "Anne Dupré", Role.PRESIDENT),
            Juror("J2", "Bruno Lefèvre"),
            Juror("J3", "Chloé N'Diaye"),
            Juror("J4", "Dmitri Ivanov"),
            Juror("J5", "Émilie Roux"),
            Juror("S", "Sam Secrétaire", Role.SECRETARY, votes=False),
        ),
    )
