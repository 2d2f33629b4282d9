"""Grand Poitiers' AAP « Territoire de l'ESS » (2023), typed once.

Three « coups de cœur » of 7 000 € in the categories Territoire durable / circulaire /
inclusif, ties broken by a vote of the jury (the call lets the jury name ex aequo and
change the amounts). Two dossiers of « Territoire durable » are exactly tied at the top
(:data:`PROFILES`), so the desk opens on a tie waiting for a vote.
"""

from __future__ import annotations

from fractions import Fraction

from juryapp.core.model import (
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    Mode,
    QuorumRule,
    Recusal,
    Role,
    TieBreakKind,
    TieBreakStep,
)

__all__ = ["AUTHORITY", "CATEGORIES", "CRITERIA", "NAME", "PROFILES", "SCORING", "campaign"]

NAME = "AAP « Territoire de l'ESS » 2023"
AUTHORITY = "Grand Poitiers Communauté urbaine"
SESSION = "12/06/2023 09:30"
PLACE = "Hôtel de ville, Poitiers"
PRIZE_CENTS = 700_000
CATEGORIES = (
    Category("DUR", "Territoire durable", prizes_cents=(PRIZE_CENTS,)),
    Category("CIR", "Territoire circulaire", prizes_cents=(PRIZE_CENTS,)),
    Category("INC", "Territoire inclusif", prizes_cents=(PRIZE_CENTS,)),
)
RECUSALS = (Recusal("J3", "GP-08", "Administratrice de l'association Entraide 86"),)

_HALF = Fraction(1, 2)

CRITERIA = (
    Criterion("UTIL", "Utilité sociale", 40, 10, step=_HALF),
    Criterion("ESS", "Principes de l'ESS", 30, 10, step=_HALF),
    Criterion("TERR", "Ancrage territorial", 30, 10, step=_HALF),
)

JURY = (
    Juror("J1", "Claire Moreau", Role.PRESIDENT, organisation="Grand Poitiers"),
    Juror("J2", "Julien Bertrand", organisation="Grand Poitiers, élu à l'ESS"),
    Juror("J3", "Amina Haddad", attendance=Attendance.VIDEO, organisation="CRESS"),
    Juror("J4", "Paul Girard", attendance=Attendance.ABSENT, organisation="France Active"),
    Juror(
        "J5",
        "Hélène Rousseau",
        attendance=Attendance.ABSENT,
        organisation="Caisse des dépôts",
    ),
    Juror("J6", "Lucie Perrin", Role.SECRETARY, votes=False, organisation="Grand Poitiers"),
)
SCORING = ("J1", "J2", "J3", "J4", "J5")

# ref, title, applicant, category, (UTIL, ESS, TERR) means
_DOSSIERS: tuple[tuple[str, str, str, str, tuple[float, float, float]], ...] = (
    ("GP-01", "Ressourcerie mobile des quartiers", "Association Ressources", "DUR", (8, 7, 7)),
    ("GP-02", "Jardin partagé des Couronneries", "Les Couronneries", "DUR", (8, 7, 7)),
    ("GP-03", "Compostage collectif en pied d'immeuble", "Compost'Action", "DUR", (6.5, 6, 6)),
    ("GP-04", "Toitures végétalisées solidaires", "Toits Verts 86", "DUR", (4.5, 4, 5)),
    ("GP-05", "Atelier vélo solidaire", "Vélocité", "CIR", (8.5, 8, 7.5)),
    ("GP-06", "Recyclerie de matériaux du BTP", "Bâti Réemploi", "CIR", (7, 6.5, 7)),
    ("GP-07", "Repair café itinérant", "Répar'Acteurs", "CIR", (6, 6, 5)),
    ("GP-08", "Épicerie solidaire de Beaulieu", "Entraide 86", "INC", (8, 8.5, 8)),
    ("GP-09", "Café des aidants", "Aidants 86", "INC", (7.5, 7, 8)),
    ("GP-10", "Garage solidaire d'insertion", "Mobilité Insertion", "INC", (5, 5.5, 4)),
)


def campaign(
    tie_break: tuple[TieBreakStep, ...] = (TieBreakStep(TieBreakKind.VOTE),),
) -> Campaign:
    """The call, without scores (see :data:`PROFILES`); ties go to a
    vote of the jury unless another ``tie_break`` chain is given."""
    rules = CallRules(
        name=NAME,
        authority=AUTHORITY,
        date=SESSION,
        place=PLACE,
        mode=Mode.PRIZE,
        envelope_cents=sum(sum(c.prizes_cents) for c in CATEGORIES),
        threshold=10,
        tie_break=tie_break,
        quorum=QuorumRule.HALF,
        min_scores=3,
    )
    dossiers = tuple(
        Dossier(ref, title, applicant=applicant, town="Poitiers", category=category)
        for ref, title, applicant, category, _ in _DOSSIERS
    )
    return Campaign(
        rules=rules,
        criteria=CRITERIA,
        dossiers=dossiers,
        jurors=JURY,
        categories=CATEGORIES,
        recusals=RECUSALS,
    )


PROFILES = {ref: profile for ref, _title, _applicant, _category, profile in _DOSSIERS}
