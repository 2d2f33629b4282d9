"""A demonstration campaign with real French data, for screenshots, tests and trying the app.

The call is the Région Nouvelle-Aquitaine's AMI « Innovation sociale » (2016:
700 000 €, aid capped at 40 000 € as a share of the project's total budget);
the dossiers are structures named in its published results and in Niort
Agglo's ESS road map.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from juryapp.core.model import (
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    Dossier,
    Juror,
    Mode,
    RateBase,
    Role,
    TieBreakKind,
    TieBreakStep,
)
from juryapp.store import CampaignFile

__all__ = ["DEMO_AUTHOR", "demo_campaign", "demo_file"]

DEMO_AUTHOR = "secretariat-demo"

CRITERIA = (
    Criterion(
        "INNO",
        "Caractère innovant",
        25,
        5,
        step=Fraction(1, 2),
        description="Nouveauté de la réponse apportée au besoin sur le territoire.",
    ),
    Criterion(
        "BESOIN",
        "Réponse à un besoin social",
        20,
        5,
        step=Fraction(1, 2),
        description="Besoin social identifié, peu ou mal satisfait.",
    ),
    Criterion(
        "IMPACT",
        "Impact social attendu",
        20,
        20,
        description="Effets attendus pour les publics et le territoire, indicateurs de suivi.",
    ),
    Criterion(
        "ANCRAGE",
        "Ancrage territorial et partenariats",
        15,
        10,
        threshold=4,
        description="Partenaires locaux engagés, coopération avec les acteurs du territoire.",
    ),
    Criterion(
        "MODELE",
        "Modèle économique",
        10,
        10,
        description="Viabilité, diversité des ressources, co-financements.",
    ),
    Criterion(
        "GOUV",
        "Gouvernance",
        10,
        5,
        step=Fraction(1, 2),
        description="Participation des parties prenantes et des bénéficiaires.",
    ),
)

CATEGORIES = (
    Category("SERV", "Innovation de services ou de produits"),
    Category("ORGA", "Innovation organisationnelle"),
    Category("TERR", "Innovation territoriale"),
)

JURORS = (
    Juror("J1", "Christine Martin", Role.PRESIDENT, organisation="Conseil régional"),
    Juror("J2", "Karim Benali", organisation="CRESS Nouvelle-Aquitaine"),
    Juror("J3", "Sophie Durand", attendance=Attendance.VIDEO, organisation="France Active"),
    Juror("J4", "Marc Etcheverry", organisation="ADI Nouvelle-Aquitaine"),
    Juror("J5", "Paul Leroy", Role.SECRETARY, votes=False, organisation="Direction ESS"),
)

# (title, applicant, town, category, requested €, total budget €, free fields)
_DOSSIERS: tuple[tuple[str, str, str, str, int, int, tuple[tuple[str, str], ...]], ...] = (
    (
        "Groupement textile solidaire Nouvelle Aquitaine",
        "Association Groupement Textile Solidaire",
        "Mérignac",
        "ORGA",
        18_354,
        48_858,
        (
            ("Département", "Gironde (33)"),
            ("Statut", "Association"),
            ("Résumé", "Coopération de dix structures du textile de seconde main."),
        ),
    ),
    (
        "La Coopérative des Tiers-Lieux",
        "Coopérative des Tiers-Lieux (SCIC)",
        "Pomerol",
        "TERR",
        22_500,
        90_000,
        (
            ("Département", "Gironde (33)"),
            ("Statut", "SCIC"),
            ("Résumé", "Accompagnement et incubation de 60 tiers-lieux en Aquitaine."),
        ),
    ),
    (
        "Plate-forme mobilité et insertions",
        "Plate-forme mobilité et insertion Sud Landes",
        "Tarnos",
        "SERV",
        40_000,
        120_500,
        (
            ("Département", "Landes (40)"),
            ("Statut", "Association"),
            ("Résumé", "Offre de service globale pour lever les freins liés à la mobilité."),
        ),
    ),
    (
        "Magasin Bazar",
        "Magasin Bazar",
        "Niort",
        "SERV",
        12_000,
        35_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
    (
        "Cirque en Scène",
        "Cirque en Scène",
        "Niort",
        "TERR",
        8_500,
        26_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association culturelle")),
    ),
    (
        "La Maison des Associations de Niort",
        "Maison des Associations",
        "Niort",
        "ORGA",
        15_000,
        60_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
    (
        "L'Îlot Sauvage, café associatif culturel",
        "L'Îlot Sauvage",
        "Niort",
        "TERR",
        9_800,
        31_500,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
    (
        "L'Atelier Méca",
        "L'Atelier Méca",
        "Niort",
        "SERV",
        25_000,
        82_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Structure d'insertion (IAE)")),
    ),
    (
        "La C.I.N",
        "La C.I.N",
        "Niort",
        "ORGA",
        30_000,
        140_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "SCOP industrielle")),
    ),
    (
        "La Conciergerie d'Echiré",
        "La Conciergerie d'Echiré",
        "Échiré",
        "SERV",
        11_200,
        28_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "SCIC")),
    ),
    (
        "L'EHPAD associatif de Mauzé",
        "EHPAD associatif de Mauzé",
        "Mauzé-sur-le-Mignon",
        "ORGA",
        20_000,
        95_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
    (
        "Soli'Niort, épicerie solidaire",
        "Soli'Niort",
        "Niort",
        "SERV",
        7_500,
        19_800,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
    (
        "Emmaüs Prahecq, ressourcerie",
        "Emmaüs Prahecq",
        "Prahecq",
        "TERR",
        16_000,
        52_000,
        (("Département", "Deux-Sèvres (79)"), ("Statut", "Association")),
    ),
)


def demo_dossiers(count: int | None = None) -> tuple[Dossier, ...]:
    """The demo dossiers (``count`` > 13 adds numbered copies, for volume tests)."""
    dossiers = [
        Dossier(
            ref=f"AMI-2016-{index:03d}",
            title=title,
            applicant=applicant,
            town=town,
            category=category,
            requested_cents=requested * 100,
            total_budget_cents=total * 100,
            fields=fields,
        )
        for index, (title, applicant, town, category, requested, total, fields) in enumerate(
            _DOSSIERS, start=1
        )
    ]
    wanted = len(dossiers) if count is None else count
    index = len(dossiers)
    while len(dossiers) < wanted:
        model = dossiers[index % len(_DOSSIERS)]
        index += 1
        dossiers.append(
            Dossier(
                ref=f"AMI-2016-{index:03d}",
                title=f"{model.title} (antenne {index})",
                applicant=model.applicant,
                town=model.town,
                category=model.category,
                requested_cents=model.requested_cents,
                total_budget_cents=model.total_budget_cents,
                fields=model.fields,
            )
        )
    return tuple(dossiers[:wanted])


def demo_campaign(dossier_count: int | None = None) -> Campaign:
    """The AMI « Innovation sociale » call with its grid, jury and dossiers."""
    rules = CallRules(
        name="AMI Innovation sociale 2016",
        authority="Région Nouvelle-Aquitaine",
        date="2016-11-21",
        place="Hôtel de Région, Bordeaux",
        mode=Mode.ENVELOPE,
        envelope_cents=70_000_000,
        cap_cents=4_000_000,
        rate=Fraction(1, 2),
        rate_base=RateBase.TOTAL_BUDGET,
        scale=20,
        threshold=10,
        tie_break=(
            TieBreakStep(TieBreakKind.CRITERION, "IMPACT"),
            TieBreakStep(TieBreakKind.VOTE),
        ),
        min_scores=3,
    )
    dossiers = list(demo_dossiers(dossier_count))
    if len(dossiers) >= 9:
        dossiers[8] = Dossier(
            **{
                **dossiers[8].__dict__,
                "admissible": False,
                "inadmissible_reason": "Dossier déposé après la date limite",
            }
        )
    return Campaign(
        rules=rules,
        criteria=CRITERIA,
        dossiers=tuple(dossiers),
        jurors=JURORS,
        categories=CATEGORIES,
    )


def demo_file(
    path: Path, *, bound_juror: str | None = None, dossier_count: int | None = None
) -> CampaignFile:
    """A new campaign file holding the demo campaign (a juror's copy with ``bound_juror``)."""
    return CampaignFile.create(
        path, demo_campaign(dossier_count), DEMO_AUTHOR, bound_juror=bound_juror
    )
