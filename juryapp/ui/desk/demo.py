"""Two real-looking French calls for the deliberation desk: demos, screenshots and tests.

- Grand Poitiers, AAP « Territoire de l'ESS » (2023): three « coups de cœur » of
  7 000 € in the categories Territoire durable / circulaire / inclusif, ties
  broken by a vote of the jury (the call lets the jury name ex aequo and change
  the amounts). Two dossiers of « Territoire durable » are exactly tied at the
  top, so the desk opens on a tie waiting for a vote.
- Région Nouvelle-Aquitaine, AMI « Innovation sociale » : an envelope shared in
  rank order, aid capped at 40 000 € and at 50 % of the project's total budget,
  a floor of 5 000 €, a waiting list.

Scores are deterministic: each juror's values differ from the dossier's profile
by a spread that sums to zero, so the means are the profile's.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

from juryapp.core.model import (
    AfterMiss,
    Attendance,
    CallRules,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    Juror,
    Mode,
    QuorumRule,
    RateBase,
    Recusal,
    Role,
    TieBreakKind,
    TieBreakStep,
)
from juryapp.store import CampaignFile

__all__ = [
    "DEMO_AUTHOR",
    "aquitaine_campaign",
    "aquitaine_file",
    "poitiers_campaign",
    "poitiers_file",
]

DEMO_AUTHOR = "secrétariat"

_HALF = Fraction(1, 2)

# --- Grand Poitiers -----------------------------------------------------------------

POITIERS_CRITERIA = (
    Criterion("UTIL", "Utilité sociale", 40, 10, step=_HALF),
    Criterion("ESS", "Principes de l'ESS", 30, 10, step=_HALF),
    Criterion("TERR", "Ancrage territorial", 30, 10, step=_HALF),
)

POITIERS_JURORS = (
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
POITIERS_SCORING = ("J1", "J2", "J3", "J4", "J5")

# ref, title, applicant, category, (UTIL, ESS, TERR) means
_POITIERS: tuple[tuple[str, str, str, str, tuple[float, float, float]], ...] = (
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


def poitiers_campaign(
    tie_break: tuple[TieBreakStep, ...] = (TieBreakStep(TieBreakKind.VOTE),),
) -> Campaign:
    """The Grand Poitiers call, without scores (see :func:`poitiers_file`); ties go to a
    vote of the jury unless another ``tie_break`` chain is given."""
    rules = CallRules(
        name="AAP « Territoire de l'ESS » 2023",
        authority="Grand Poitiers Communauté urbaine",
        date="12/06/2023 09:30",
        place="Hôtel de ville, Poitiers",
        mode=Mode.PRIZE,
        envelope_cents=2_100_000,
        threshold=10,
        tie_break=tie_break,
        quorum=QuorumRule.HALF,
        min_scores=3,
    )
    categories = (
        Category("DUR", "Territoire durable", prizes_cents=(700_000,)),
        Category("CIR", "Territoire circulaire", prizes_cents=(700_000,)),
        Category("INC", "Territoire inclusif", prizes_cents=(700_000,)),
    )
    dossiers = tuple(
        Dossier(ref, title, applicant=applicant, town="Poitiers", category=category)
        for ref, title, applicant, category, _ in _POITIERS
    )
    return Campaign(
        rules=rules,
        criteria=POITIERS_CRITERIA,
        dossiers=dossiers,
        jurors=POITIERS_JURORS,
        categories=categories,
        recusals=(Recusal("J3", "GP-08", "Administratrice de l'association Entraide 86"),),
    )


# --- Région Nouvelle-Aquitaine --------------------------------------------------------

AQUITAINE_CRITERIA = (
    Criterion("INNO", "Caractère socialement innovant", 30, 5, step=_HALF),
    Criterion("IMPACT", "Impact social attendu", 40, 5, step=_HALF),
    Criterion("COOP", "Coopération et ancrage territorial", 30, 5, step=_HALF),
)

AQUITAINE_JURORS = (
    Juror("J1", "Marie Lambert", Role.PRESIDENT, organisation="Conseil régional"),
    Juror("J2", "Karim Benali", Role.VICE_PRESIDENT, organisation="CRESS Nouvelle-Aquitaine"),
    Juror("J3", "Sophie Martin", attendance=Attendance.VIDEO, organisation="France Active"),
    Juror("J4", "Jean-Pierre Roux", organisation="Banque des Territoires"),
    Juror("J5", "Nadia Ouali", Role.SECRETARY, votes=False, organisation="Région, DGA"),
)
AQUITAINE_SCORING = ("J1", "J2", "J3", "J4")

# ref, title, applicant, town, requested €, total budget €, (INNO, IMPACT, COOP)
_AQUITAINE: tuple[tuple[str, str, str, str, int, int, tuple[float, float, float]], ...] = (
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


def aquitaine_campaign(envelope_cents: int = 15_000_000) -> Campaign:
    """The Région Nouvelle-Aquitaine AMI, envelope mode, without scores."""
    rules = CallRules(
        name="AMI Innovation sociale et sociétale — session de novembre",
        authority="Région Nouvelle-Aquitaine",
        date="21/11/2016 14:00",
        place="Hôtel de Région, Bordeaux",
        mode=Mode.ENVELOPE,
        envelope_cents=envelope_cents,
        cap_cents=4_000_000,
        rate=_HALF,
        rate_base=RateBase.TOTAL_BUDGET,
        floor_cents=500_000,
        partial_funding=False,
        after_miss=AfterMiss.STOP,
        cutoff_tie=CutoffTie.PRORATA,
        threshold=10,
        tie_break=(TieBreakStep(TieBreakKind.CRITERION, "IMPACT"), TieBreakStep(TieBreakKind.VOTE)),
        min_scores=3,
    )
    dossiers = tuple(
        Dossier(
            ref,
            title,
            applicant=applicant,
            town=town,
            requested_cents=requested * 100,
            total_budget_cents=budget * 100,
        )
        for ref, title, applicant, town, requested, budget, _ in _AQUITAINE
    )
    return Campaign(
        rules=rules, criteria=AQUITAINE_CRITERIA, dossiers=dossiers, jurors=AQUITAINE_JURORS
    )


# --- files ----------------------------------------------------------------------------

_H = _HALF
# zero-sum spreads by number of jurors: how far each juror is from the mean
_SPREADS: dict[int, tuple[tuple[Fraction, ...], ...]] = {
    5: (
        (0 * _H, _H, -_H, 2 * _H, -2 * _H),
        (0 * _H, 0 * _H, 0 * _H, _H, -_H),
        (2 * _H, -2 * _H, 3 * _H, -3 * _H, 0 * _H),
        (_H, _H, -_H, -_H, 0 * _H),
    ),
    4: ((_H, -_H, 2 * _H, -2 * _H), (0 * _H, 0 * _H, _H, -_H), (3 * _H, -3 * _H, _H, -_H)),
    3: ((0 * _H, _H, -_H), (2 * _H, -2 * _H, 0 * _H)),
}


def _fill(
    file: CampaignFile,
    campaign: Campaign,
    jurors: tuple[str, ...],
    profiles: Mapping[str, tuple[float, ...]],
    author: str,
) -> None:
    codes = [c.code for c in campaign.criteria]
    maxima = {c.code: Fraction(c.max) for c in campaign.criteria}
    recused = {(r.juror, r.ref) for r in campaign.recusals}
    with file.transaction():
        for number, (ref, profile) in enumerate(profiles.items()):
            counted = [j for j in jurors if (j, ref) not in recused]
            # a zero-sum spread over the counted jurors keeps each criterion's mean
            patterns = _SPREADS.get(len(counted), ((Fraction(0),) * len(counted),))
            spread = patterns[number % len(patterns)]
            for index, juror in enumerate(counted):
                values: dict[str, Fraction] = {}
                for position, code in enumerate(codes):
                    base = Fraction(profile[position]).limit_denominator(2)
                    shift = spread[(index + position) % len(spread)] if spread else 0
                    value = base + shift
                    if not 0 <= value <= maxima[code]:
                        value = base
                    values[code] = value
                file.set_scores(juror, ref, dict(values), author)


def poitiers_file(
    path: Path | str,
    author: str = DEMO_AUTHOR,
    tie_break: tuple[TieBreakStep, ...] = (TieBreakStep(TieBreakKind.VOTE),),
) -> CampaignFile:
    """A new Grand Poitiers campaign file at ``path``, every juror's grid filled."""
    campaign = poitiers_campaign(tie_break)
    file = CampaignFile.create(path, campaign, author)
    profiles = {ref: profile for ref, _t, _a, _c, profile in _POITIERS}
    _fill(file, campaign, POITIERS_SCORING, profiles, author)
    return file


def aquitaine_file(
    path: Path | str, author: str = DEMO_AUTHOR, envelope_cents: int = 15_000_000
) -> CampaignFile:
    """A new Région Nouvelle-Aquitaine campaign file at ``path``, scored."""
    campaign = aquitaine_campaign(envelope_cents)
    file = CampaignFile.create(path, campaign, author)
    profiles = {ref: profile for ref, *_rest, profile in _AQUITAINE}
    _fill(file, campaign, AQUITAINE_SCORING, profiles, author)
    return file
