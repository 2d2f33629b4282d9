"""Campaigns for the export tests: a realistic call with every feature the PV
shows (categories, déports, ties settled by criterion, vote and draw, a
withdrawal, a dossier not admissible, thresholds), and a long one."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from juryapp.core.model import (
    AfterMiss,
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Decision,
    Dossier,
    DrawLots,
    Juror,
    Mode,
    Nature,
    Number,
    OrderTie,
    Recusal,
    Role,
    Score,
    TieBreakKind,
    TieBreakStep,
    VoteCount,
    Withdraw,
)

ENVELOPE_CENTS = 169_157_700  # 1 691 577,00 €
DRAW_SEED = 20_260_612
FORMULA_TITLE = '=HYPERLINK("http://x","y")'

CRITERIA = (
    Criterion(
        "INNO",
        "Innovation sociale",
        30,
        5,
        step=Fraction(1, 2),
        description="Réponse nouvelle à un besoin social mal satisfait",
    ),
    Criterion("IMPACT", "Impact et utilité sociale", 50, 20, threshold=8),
    Criterion("ANCRAGE", "Ancrage territorial", 20, 10),
)

JURORS = (
    Juror("J1", "Marie Lambert", Role.PRESIDENT, organisation="Conseil régional"),
    Juror("J2", "Karim Benali", Role.VICE_PRESIDENT, organisation="CRESS Nouvelle-Aquitaine"),
    Juror("J3", "Sophie Martin", attendance=Attendance.VIDEO, organisation="France Active"),
    Juror(
        "J4",
        "Jean-Pierre Roux",
        attendance=Attendance.REPRESENTED,
        organisation="Banque des Territoires",
    ),
    Juror("J5", "Élise Fournier", Role.RAPPORTEUR, organisation="Région, service ESS"),
    Juror("J6", "Thomas Garnier", attendance=Attendance.ABSENT, organisation="Université"),
    Juror("J7", "Nadia Ouali", Role.SECRETARY, votes=False, organisation="Région, DGA"),
)
SCORING = ("J1", "J2", "J3", "J4", "J5", "J6")

# ref, title, applicant, town, category, requested €, eligible €, (INNO, IMPACT, ANCRAGE)
_DOSSIERS: Sequence[tuple[str, str, str, str, str, int, int, tuple[float, int, int]]] = (
    (
        "DEV-01",
        "Groupement textile solidaire",
        "Association GTS Nouvelle-Aquitaine",
        "Mérignac",
        "DEV",
        180_000,
        420_000,
        (5, 18, 8),
    ),
    (
        "DEV-02",
        "Coopérative des tiers-lieux",
        "SCIC Tiers-Lieux Aquitaine",
        "Pomerol",
        "DEV",
        225_000,
        450_000,
        (4.5, 18, 7),
    ),
    (
        "DEV-03",
        "Plate-forme mobilité et insertion",
        "PMI Sud Landes",
        "Tarnos",
        "DEV",
        240_000,
        500_000,
        (4, 16, 5),
    ),
    (
        "DEV-04",
        "Recyclerie du Grand Poitiers",
        "Association Ressources",
        "Poitiers",
        "DEV",
        200_000,
        380_000,
        (4, 16, 5),
    ),
    (
        "DEV-05",
        "Épicerie solidaire itinérante",
        "Réseau Épis",
        "Limoges",
        "DEV",
        160_000,
        300_000,
        (4.5, 14, 6),
    ),
    (
        "DEV-06",
        "Conciergerie de territoire",
        "Conciergerie Solidaire",
        "Niort",
        "DEV",
        250_000,
        600_000,
        (3, 14, 6),
    ),
    (
        "DEV-07",
        "Fabrique numérique inclusive",
        "Les Bricodeurs",
        "Pau",
        "DEV",
        210_000,
        400_000,
        (3, 12, 5),
    ),
    (
        "DEV-08",
        "Menuiserie d'insertion",
        "Bois & Compagnie",
        "Périgueux",
        "DEV",
        190_000,
        360_000,
        (2.5, 12, 4),
    ),
    (
        "DEV-09",
        "Habitat partagé intergénérationnel",
        "Toit Commun",
        "La Rochelle",
        "DEV",
        230_000,
        460_000,
        (2, 10, 6),
    ),
    (
        "INC-01",
        "Cantine associative de quartier",
        "Les Marmites",
        "Bordeaux",
        "INC",
        40_000,
        60_000,
        (5, 17, 9),
    ),
    (
        "INC-02",
        "Atelier vélo solidaire",
        "Roue Libre",
        "Angoulême",
        "INC",
        35_000,
        45_000,
        (3.5, 16, 7),
    ),
    (
        "INC-03",
        "Jardins d'insertion",
        "Terres Vivantes",
        "Agen",
        "INC",
        30_000,
        50_000,
        (3.5, 16, 7),
    ),
    (
        "INC-04",
        "Laverie sociale",
        "Lav'Ensemble",
        "Mont-de-Marsan",
        "INC",
        38_000,
        52_000,
        (3, 14, 7),
    ),
    (
        "INC-05",
        FORMULA_TITLE,
        "Collectif Formule",
        "Bayonne",
        "INC",
        25_000,
        40_000,
        (3, 13, 6),
    ),
    (
        "INC-06",
        "Repair café mobile",
        "Répar'Acteurs",
        "Guéret",
        "INC",
        20_000,
        30_000,
        (4, 7, 9),
    ),
    (
        "INC-07",
        "Boutique de troc",
        "Trocœur",
        "Tulle",
        "INC",
        15_000,
        20_000,
        (1, 8, 3),
    ),
    (
        "INC-08",
        "Ludothèque rurale",
        "Jeux d'Ici",
        "Saintes",
        "INC",
        22_000,
        30_000,
        (3, 15, 6),
    ),
)

_SIRETS = {
    "DEV-01": "81223113200026",
    "DEV-02": "67895644300011",
    "INC-01": "38047555800058",
}


def _values(profile: tuple[float, int, int], juror_index: int, vary: bool) -> dict[str, Number]:
    inno, impact, ancrage = profile
    # a spread whose sum over six jurors is zero keeps the mean of each criterion
    delta = (0, 1, -1, 0, 1, -1)[juror_index] if vary else 0
    a = ancrage + delta if 0 <= ancrage + delta <= 10 else ancrage
    return {"INNO": Fraction(inno).limit_denominator(2), "IMPACT": impact, "ANCRAGE": a}


def rich_campaign(*, with_decisions: bool = True, **rule_changes: object) -> Campaign:
    """Two categories with their envelopes (1 691 577,00 € in all), six scoring jurors,
    déports, a criterion step, a tie waiting for a vote, one for a draw, a withdrawal."""
    rules = CallRules(
        name="AMI Innovation sociale 2026",
        authority="Région Nouvelle-Aquitaine",
        authority_siret="20005375900011",
        date="12/06/2026 14:00",
        place="Hôtel de Région, Bordeaux — salle Garonne",
        mode=Mode.ENVELOPE,
        envelope_cents=ENVELOPE_CENTS,
        cap_cents=20_000_000,
        rate=Fraction(1, 2),
        floor_cents=1_000_000,
        partial_funding=False,
        after_miss=AfterMiss.STOP,
        cutoff_tie=CutoffTie.PRORATA,
        threshold=10,
        tie_break=(
            TieBreakStep(TieBreakKind.CRITERION, "IMPACT"),
            TieBreakStep(TieBreakKind.VOTE),
        ),
        min_scores=3,
    )
    for key, value in rule_changes.items():
        rules = _replace(rules, key, value)
    categories = (
        Category("DEV", "Développement", envelope_cents=120_000_000),
        Category(
            "INC",
            "Incubation",
            envelope_cents=49_157_700,
            cap_cents=4_000_000,
            rate=Fraction(4, 5),
            floor_cents=500_000,
            nature=Nature.REPAYABLE_ADVANCE,
        ),
    )
    dossiers = [
        Dossier(
            ref,
            title,
            applicant=applicant,
            town=town,
            category=category,
            requested_cents=requested * 100,
            eligible_expenses_cents=eligible * 100,
            total_budget_cents=eligible * 125,
            siret=_SIRETS.get(ref, ""),
        )
        for ref, title, applicant, town, category, requested, eligible, _ in _DOSSIERS
    ]
    dossiers.append(
        Dossier(
            "DEV-10",
            "Ressourcerie des Landes",
            applicant="Landes Réemploi",
            town="Dax",
            category="DEV",
            requested_cents=15_000_000,
            admissible=False,
            inadmissible_reason="Dossier déposé après la date limite (15 mai 2026)",
        )
    )
    recusals = (
        Recusal("J3", "INC-05", "Administratrice du collectif"),
        Recusal("J2", "DEV-06", "Membre du conseil d'administration"),
    )
    tied = {"DEV-03", "DEV-04", "INC-02", "INC-03"}
    scores = []
    for ref, *_rest, profile in _DOSSIERS:
        for index, juror in enumerate(SCORING):
            if any(r.juror == juror and r.ref == ref for r in recusals):
                continue
            if ref == "INC-08" and juror not in ("J1", "J5"):
                continue  # only two jurors: flagged
            scores.append(Score(juror, ref, _values(profile, index, ref not in tied)))
    decisions: tuple[Decision, ...] = ()
    if with_decisions:
        decisions = (
            OrderTie(
                ("DEV-04", "DEV-03"),
                "Ancrage local plus fort de la recyclerie",
                VoteCount(4, 1, 1, None),
            ),
            DrawLots(("INC-02", "INC-03"), DRAW_SEED, "tirage au sort en séance"),
            Withdraw("DEV-01", "Désistement du porteur (courrier du 5 juin 2026)"),
        )
    return Campaign(
        rules=rules,
        criteria=CRITERIA,
        dossiers=tuple(dossiers),
        jurors=JURORS,
        categories=categories,
        scores=tuple(scores),
        recusals=recusals,
        decisions=decisions,
    )


def _replace(rules: CallRules, key: str, value: object) -> CallRules:
    from dataclasses import replace

    return replace(rules, **{key: value})  # type: ignore[arg-type]


def long_campaign(count: int = 150) -> Campaign:
    """``count`` dossiers in one pool, prizes for the first ten, three jurors."""
    criteria = (Criterion("Q", "Qualité", 1, 20),)
    jurors = (
        Juror("J1", "Anne Dupré", Role.PRESIDENT),
        Juror("J2", "Bruno Lefèvre"),
        Juror("J3", "Chloé N'Diaye", Role.SECRETARY),
    )
    dossiers = tuple(
        Dossier(
            f"L{index:03d}",
            f"Projet numéro {index} — action territoriale",
            applicant=f"Porteur {index}",
            requested_cents=500_000,
        )
        for index in range(1, count + 1)
    )
    scores = tuple(
        Score(juror, d.ref, {"Q": 1 + (index * 7 + offset) % 19})
        for index, d in enumerate(dossiers)
        for offset, juror in enumerate(("J1", "J2", "J3"))
    )
    return Campaign(
        rules=CallRules(
            name="Prix des initiatives locales",
            authority="Communauté urbaine",
            mode=Mode.PRIZE,
            prizes_cents=(500_000, 300_000, 200_000),
            min_scores=2,
        ),
        criteria=criteria,
        dossiers=dossiers,
        jurors=jurors,
        scores=scores,
    )


def pdf_pages(path: object) -> list[str]:
    """Each page's text, runs of spaces, line breaks and U+00A0 made one space
    (U+202F is kept as the thousands separator, made a space next to punctuation)."""
    import re

    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = []
    for page in reader.pages:
        text = page.extract_text() or ""
        # French typography: narrow no-break spaces before ; ! ? and inside « »
        text = re.sub(r"\u202f(?=[;:!?»])|(?<=«)\u202f", " ", text)
        pages.append(re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip())
    return pages


def pdf_text(path: object) -> str:
    return " ".join(pdf_pages(path))
