"""The Région Nouvelle-Aquitaine's AMI « Innovation sociale et sociétale » (2016), typed once.

The call (a budget of 700 000 € in 2016, at most 40 000 € a project as a share of its total
budget) and its first laureates, voted by the Commission permanente on 21 November 2016,
come from the Région's published list. :func:`call_campaign` is that call as the demo runs
it (its workbook: :func:`workbook_sheets`); :func:`app_campaign` and :func:`desk_campaign`
are the variants the app's screens and the deliberation desk are shown with: the same
authority, session, categories and aid rules, each with its own grid, jury and dossiers
(the app's adds structures of Niort Agglo's ESS road map; the desk's is ranked for a tie).
"""

from __future__ import annotations

from collections.abc import Sequence
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
    Dossier,
    Juror,
    MajorityRule,
    Mode,
    QuorumRule,
    RateBase,
    Recusal,
    Role,
    TieBreakKind,
    TieBreakStep,
)

__all__ = [
    "AUTHORITY",
    "NAME",
    "QUALITY",
    "app_campaign",
    "app_dossiers",
    "call_campaign",
    "desk_campaign",
    "workbook_sheets",
]

# --- the call -------------------------------------------------------------------------------

NAME = "AMI Innovation sociale et sociétale 2016 — session de novembre"
SHORT_NAME = "AMI Innovation sociale 2016"
AUTHORITY = "Région Nouvelle-Aquitaine"
SESSION = "21/11/2016 14:00"
PLACE = "Hôtel de Région, Bordeaux"
BUDGET_CENTS = 70_000_000  # the AMI's budget for 2016
DEMO_ENVELOPE_CENTS = 20_000_000  # the demo's session shares part of it
CAP_CENTS = 4_000_000
RATE = Fraction(1, 2)
RATE_BASE = RateBase.TOTAL_BUDGET
FLOOR_CENTS = 500_000
TIE_BREAK = (TieBreakStep(TieBreakKind.CRITERION, "IMPACT"), TieBreakStep(TieBreakKind.VOTE))
CATEGORIES = (
    Category("SERV", "Innovation de services ou de produits"),
    Category("ORGA", "Innovation organisationnelle"),
    Category("TERR", "Innovation territoriale"),
)

_HALF = Fraction(1, 2)

CRITERIA = (
    Criterion(
        "INNO",
        "Caractère socialement innovant",
        30,
        5,
        step=_HALF,
        description=(
            "Réponse nouvelle à un besoin social mal satisfait ; participation des acteurs."
        ),
    ),
    Criterion(
        "IMPACT",
        "Impact social attendu",
        30,
        5,
        step=_HALF,
        threshold=2,
        description=(
            "Bénéficiaires, effets mesurables, capacité à qualifier l'impact économique et social."
        ),
    ),
    Criterion(
        "COOP",
        "Coopération entre acteurs",
        20,
        5,
        step=_HALF,
        description=(
            "Projet collectif, partenaires engagés, nouvelles coopérations acteurs / bénéficiaires."
        ),
    ),
    Criterion(
        "TERR",
        "Ancrage territorial",
        20,
        5,
        step=_HALF,
        description=(
            "Le territoire comme laboratoire : besoins locaux, essaimage en Nouvelle-Aquitaine."
        ),
    ),
)

JURY = (
    Juror(
        "PD",
        "Pascal Duforestel",
        Role.PRESIDENT,
        organisation="Région Nouvelle-Aquitaine, conseiller délégué à l'ESS",
    ),
    Juror(
        "CM",
        "Christine Moebs",
        Role.VICE_PRESIDENT,
        organisation="Région Nouvelle-Aquitaine, conseillère déléguée à l'innovation sociale",
    ),
    Juror("CRESS", "Représentant·e de la CRESS", organisation="CRESS Nouvelle-Aquitaine"),
    Juror(
        "ADI",
        "Représentant·e de l'ADI",
        attendance=Attendance.VIDEO,
        organisation="ADI Nouvelle-Aquitaine",
    ),
    Juror(
        "ATIS",
        "Représentant·e d'ATIS",
        organisation="Association Territoires et Innovation sociale",
    ),
    Juror(
        "JLP",
        "Jacques Le Priol",
        Role.SECRETARY,
        votes=False,
        organisation="Région, directeur de la mission ESS et innovation sociale",
    ),
)

RECUSALS = (Recusal("ATIS", "NA-03", "ATIS accompagne le porteur du projet"),)


def _dossier(
    ref: str,
    title: str,
    applicant: str,
    town: str,
    category: str,
    requested_cents: int,
    total_budget_cents: int,
    inadmissible_reason: str = "",
) -> Dossier:
    return Dossier(
        ref,
        title,
        applicant=applicant,
        town=town,
        category=category,
        requested_cents=requested_cents,
        total_budget_cents=total_budget_cents,
        admissible=not inadmissible_reason,
        inadmissible_reason=inadmissible_reason,
    )


DOSSIERS = (
    _dossier(
        "NA-01",
        "Coopération des structures de recyclage textile de seconde main",
        "Groupement textile solidaire Nouvelle Aquitaine",
        "Mérignac (33)",
        "ORGA",
        1_835_400,
        4_885_800,
    ),
    _dossier(
        "NA-02",
        "Pôle de compétences pour 300 tiers-lieux en Nouvelle-Aquitaine",
        "La Coopérative des Tiers-Lieux",
        "Pomerol (33)",
        "TERR",
        2_250_000,
        9_000_000,
    ),
    _dossier(
        "NA-03",
        "Offre de service globale de mobilité pour l'insertion",
        "Plate-forme mobilité et insertions",
        "Tarnos (40)",
        "SERV",
        4_000_000,
        12_050_000,
    ),
    _dossier(
        "NA-04",
        "Accession sociale à la propriété par dissociation du foncier",
        "Comité Ouvrier du Logement",
        "Anglet (64)",
        "SERV",
        4_000_000,
        8_000_000,
    ),
    _dossier(
        "NA-05",
        "Transformation de produits frais périssables pour l'aide alimentaire",
        "Banque Alimentaire de la Haute-Vienne",
        "Limoges (87)",
        "SERV",
        4_000_000,
        37_469_680,
    ),
    _dossier(
        "NA-06",
        "Développement du pouvoir d'agir des habitants",
        "Association des Centres Socio-Culturels des Trois Cités",
        "Poitiers (86)",
        "ORGA",
        4_000_000,
        9_780_000,
    ),
    _dossier(
        "NA-07",
        "Les Mets Locaux",
        "Les Mets Locaux",
        "Mauprévoir (86)",
        "TERR",
        4_000_000,
        6_230_000,
    ),
    _dossier(
        "NA-08",
        "Tera, un écovillage pour le XXIe siècle",
        "Tera",
        "Masquières (47)",
        "TERR",
        4_000_000,
        7_200_000,
    ),
    _dossier(
        "NA-09",
        "« Nous vieillirons ensemble » : culture contre l'isolement des aînés",
        "Nous vieillirons ensemble",
        "Sore et Labrit (40)",
        "SERV",
        2_500_000,
        6_000_000,
    ),
    _dossier(
        "NA-10",
        "Supermarché coopératif et participatif",
        "Les amis du Supercoop",
        "Floirac (33)",
        "ORGA",
        3_500_000,
        15_000_000,
    ),
    _dossier(
        "NA-11",
        "Décision partagée et participation des salariés",
        "AE&T",
        "Jurançon (64)",
        "ORGA",
        3_000_000,
        7_500_000,
        "dossier incomplet : budget prévisionnel manquant",
    ),
)

# The jurors' shared view of each dossier's quality (0–1): drives the demo's scoring.
QUALITY = {
    "NA-01": 0.80,
    "NA-02": 0.74,
    "NA-03": 0.70,
    "NA-04": 0.66,
    "NA-05": 0.70,
    "NA-06": 0.62,
    "NA-07": 0.58,
    "NA-08": 0.55,
    "NA-09": 0.52,
    "NA-10": 0.40,
    "NA-11": 0.0,
}


def call_rules() -> CallRules:
    """The rules of the demo's session."""
    return CallRules(
        name=NAME,
        authority=AUTHORITY,
        date=SESSION,
        place=PLACE,
        mode=Mode.ENVELOPE,
        envelope_cents=DEMO_ENVELOPE_CENTS,
        cap_cents=CAP_CENTS,
        rate=RATE,
        rate_base=RATE_BASE,
        floor_cents=FLOOR_CENTS,
        partial_funding=True,
        after_miss=AfterMiss.STOP,
        cutoff_tie=CutoffTie.PRORATA,
        scale=20,
        threshold=10,
        aggregation=Aggregation.MEAN,
        tie_break=TIE_BREAK,
        quorum=QuorumRule.HALF,
        majority=MajorityRule.CAST,
        min_scores=3,
    )


def call_campaign() -> Campaign:
    """The call as the demo runs it, without scores (see :data:`QUALITY`)."""
    return Campaign(
        rules=call_rules(),
        criteria=CRITERIA,
        dossiers=DOSSIERS,
        jurors=JURY,
        categories=CATEGORIES,
        recusals=RECUSALS,
    )


# --- the call as the secretariat types it in the campaign workbook ---------------------------


def _euros(cents: int) -> str:
    """An amount as a secretariat types it: « 18 354 », « 374 696,80 »."""
    euros, rest = divmod(cents, 100)
    text = f"{euros:,}".replace(",", " ")
    return f"{text},{rest:02d}" if rest else text


def _yes(flag: bool) -> str:
    return "oui" if flag else "non"


def _number(value: Fraction | int) -> float | int:
    return int(value) if Fraction(value).denominator == 1 else float(value)


def workbook_sheets() -> dict[str, list[Sequence[object]]]:
    """The sheets of the campaign workbook (title -> rows, headers first) a secretariat fills
    for :func:`call_campaign`, as ``juryapp template`` lays it out."""
    rules = call_rules()
    assert rules.envelope_cents and rules.cap_cents and rules.rate is not None
    call: list[Sequence[object]] = [
        ("Paramètre", "Valeur"),
        ("Nom", rules.name),
        ("Organisme", rules.authority),
        ("Date du jury", rules.date),
        ("Lieu", rules.place),
        ("Mode", rules.mode.value),
        ("Enveloppe", f"{_euros(rules.envelope_cents)} €"),
        ("Plafond", f"{_euros(rules.cap_cents)} €"),
        ("Taux", f"{_number(rules.rate * 100)} %"),
        ("Base du taux", rules.rate_base.value),
        ("Plancher", f"{_euros(rules.floor_cents)} €"),
        ("Financement partiel", _yes(rules.partial_funding)),
        ("Suite", rules.after_miss.value),
        ("Égalité au seuil", rules.cutoff_tie.value),
        ("Échelle", rules.scale),
        ("Seuil", rules.threshold),
        ("Agrégation", rules.aggregation.value),
        ("Départage", " ; ".join(step.keyword() for step in rules.tie_break)),
        ("Réaffectation", "aucune"),
        ("Quorum", rules.quorum.value),
        ("Majorité", rules.majority.value),
        ("Notes minimum", rules.min_scores),
    ]
    criteria: list[Sequence[object]] = [
        ("Code", "Critère", "Poids", "Min", "Max", "Pas", "Seuil", "Description"),
        *(
            (
                c.code,
                c.label,
                _number(c.weight),
                _number(c.min),
                _number(c.max),
                _number(c.step),
                None if c.threshold is None else _number(c.threshold),
                c.description,
            )
            for c in CRITERIA
        ),
    ]
    categories: list[Sequence[object]] = [
        ("Code", "Catégorie", "Nature"),
        *((c.code, c.name, c.nature.value) for c in CATEGORIES),
    ]
    jury: list[Sequence[object]] = [
        ("Code", "Nom", "Rôle", "Voix", "Présence", "Organisme"),
        *(
            (j.code, j.name, j.role.value, _yes(j.votes), j.attendance.value, j.organisation)
            for j in JURY
        ),
    ]
    dossiers: list[Sequence[object]] = [
        (
            "Référence",
            "Projet",
            "Porteur",
            "Commune",
            "Catégorie",
            "Montant demandé",
            "Budget global",
            "Recevable",
            "Motif",
        ),
        *(
            (
                d.ref,
                d.title,
                d.applicant,
                d.town,
                d.category,
                _euros(d.requested_cents or 0),
                _euros(d.total_budget_cents or 0),
                _yes(d.admissible),
                d.inadmissible_reason,
            )
            for d in DOSSIERS
        ),
    ]
    conflicts: list[Sequence[object]] = [
        ("Juré", "Dossier", "Motif"),
        *((r.juror, r.ref, r.reason) for r in RECUSALS),
    ]
    return {
        "Appel": call,
        "Critères": criteria,
        "Catégories": categories,
        "Jury": jury,
        "Dossiers": dossiers,
        "Conflits": conflicts,
    }


# --- the variant of the app's screens ----------------------------------------------------

APP_CRITERIA = (
    Criterion(
        "INNO",
        "Caractère innovant",
        25,
        5,
        step=_HALF,
        description="Nouveauté de la réponse apportée au besoin sur le territoire.",
    ),
    Criterion(
        "BESOIN",
        "Réponse à un besoin social",
        20,
        5,
        step=_HALF,
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
        step=_HALF,
        description="Participation des parties prenantes et des bénéficiaires.",
    ),
)

APP_JURORS = (
    Juror("J1", "Christine Martin", Role.PRESIDENT, organisation="Conseil régional"),
    Juror("J2", "Karim Benali", organisation="CRESS Nouvelle-Aquitaine"),
    Juror("J3", "Sophie Durand", attendance=Attendance.VIDEO, organisation="France Active"),
    Juror("J4", "Marc Etcheverry", organisation="ADI Nouvelle-Aquitaine"),
    Juror("J5", "Paul Leroy", Role.SECRETARY, votes=False, organisation="Direction ESS"),
)

# (title, applicant, town, category, requested €, total budget €, free fields)
_APP_DOSSIERS: tuple[tuple[str, str, str, str, int, int, tuple[tuple[str, str], ...]], ...] = (
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


def app_dossiers(count: int | None = None) -> tuple[Dossier, ...]:
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
            _APP_DOSSIERS, start=1
        )
    ]
    wanted = len(dossiers) if count is None else count
    index = len(dossiers)
    while len(dossiers) < wanted:
        model = dossiers[index % len(_APP_DOSSIERS)]
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


def app_campaign(dossier_count: int | None = None) -> Campaign:
    """The call as the app's screens show it: a six-criterion grid, a jury of five and
    thirteen dossiers (or ``dossier_count``), the ninth not admissible."""
    # the whole AMI's budget, no floor, no partial funding
    rules = replace(
        call_rules(),
        name=SHORT_NAME,
        envelope_cents=BUDGET_CENTS,
        floor_cents=0,
        partial_funding=False,
    )
    dossiers = list(app_dossiers(dossier_count))
    if len(dossiers) >= 9:
        dossiers[8] = replace(
            dossiers[8], admissible=False, inadmissible_reason="Dossier déposé après la date limite"
        )
    return Campaign(
        rules=rules,
        criteria=APP_CRITERIA,
        dossiers=tuple(dossiers),
        jurors=APP_JURORS,
        categories=CATEGORIES,
    )


# --- the variant of the deliberation desk -----------------------------------------------------

DESK_CRITERIA = (
    Criterion("INNO", "Caractère socialement innovant", 30, 5, step=_HALF),
    Criterion("IMPACT", "Impact social attendu", 40, 5, step=_HALF),
    Criterion("COOP", "Coopération et ancrage territorial", 30, 5, step=_HALF),
)

DESK_JURORS = (
    Juror("J1", "Marie Lambert", Role.PRESIDENT, organisation="Conseil régional"),
    Juror("J2", "Karim Benali", Role.VICE_PRESIDENT, organisation="CRESS Nouvelle-Aquitaine"),
    Juror("J3", "Sophie Martin", attendance=Attendance.VIDEO, organisation="France Active"),
    Juror("J4", "Jean-Pierre Roux", organisation="Banque des Territoires"),
    Juror("J5", "Nadia Ouali", Role.SECRETARY, votes=False, organisation="Région, DGA"),
)
DESK_SCORING = ("J1", "J2", "J3", "J4")

# ref, title, applicant, town, requested €, total budget €, (INNO, IMPACT, COOP)
_DESK: tuple[tuple[str, str, str, str, int, int, tuple[float, float, float]], ...] = (
    (
        "NA-01",
        "Cantine associative de quartier",
        "Les Marmites",
        "Bordeaux",
        45_000,
        120_000,
        (4.5, 4.5, 4),
    ),
    (
        "NA-02",
        "Coopérative des tiers-lieux ruraux",
        "SCIC Tiers-Lieux",
        "Pomerol",
        40_000,
        95_000,
        (4, 4.5, 4),
    ),
    (
        "NA-03",
        "Plate-forme mobilité et insertion",
        "PMI Sud Landes",
        "Tarnos",
        35_000,
        70_000,
        (4, 4, 4),
    ),
    (
        "NA-04",
        "Épicerie solidaire itinérante",
        "Réseau Épis",
        "Limoges",
        30_000,
        64_000,
        (3.5, 4, 3.5),
    ),
    (
        "NA-05",
        "Conciergerie de territoire",
        "Conciergerie Solidaire",
        "Niort",
        30_000,
        62_000,
        (3.5, 3.5, 3.5),
    ),
    ("NA-06", "Fabrique numérique inclusive", "Les Bricodeurs", "Pau", 25_000, 52_000, (3, 3.5, 3)),
    (
        "NA-07",
        "Menuiserie d'insertion",
        "Bois & Compagnie",
        "Périgueux",
        20_000,
        48_000,
        (2, 2, 2.5),
    ),
    ("NA-08", "Boutique de troc", "Trocœur", "Tulle", 15_000, 30_000, (1.5, 2, 2)),
)


def desk_campaign(envelope_cents: int = 15_000_000) -> Campaign:
    """The call as the desk shows it, without scores (see :data:`DESK_PROFILES`): a
    three-criterion grid and eight dossiers ranked so the envelope runs out on a waiting list."""
    rules = replace(call_rules(), envelope_cents=envelope_cents, partial_funding=False)
    dossiers = tuple(
        Dossier(
            ref,
            title,
            applicant=applicant,
            town=town,
            requested_cents=requested * 100,
            total_budget_cents=budget * 100,
        )
        for ref, title, applicant, town, requested, budget, _ in _DESK
    )
    return Campaign(rules=rules, criteria=DESK_CRITERIA, dossiers=dossiers, jurors=DESK_JURORS)


DESK_PROFILES = {ref: profile for ref, *_rest, profile in _DESK}
