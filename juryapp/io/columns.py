"""The columns and settings of the campaign workbook (spec: campaign-workbook.md).

One place for the French and English header names, the help shown in the
blank workbook, and the aliases a secretariat's own sheet may use. The dossier
sheet's columns come from the registry of dossier fields (``core.fields``), the
tie-break setting's help from the registry of tie-break rules (``core.tiebreaks``).
"""

from __future__ import annotations

from dataclasses import dataclass

from juryapp.core import tiebreaks
from juryapp.core.fields import DOSSIER_FIELDS
from juryapp.io.headers import Column, normalise_header

__all__ = [
    "CATEGORY_COLUMNS",
    "CONFLICT_COLUMNS",
    "CRITERION_COLUMNS",
    "DOSSIER_COLUMNS",
    "EXAMPLE_COLUMN",
    "JUROR_COLUMNS",
    "SESSION_COLUMNS",
    "SETTINGS",
    "SHEETS",
    "Setting",
    "SheetName",
    "dossier_field_spellings",
]


@dataclass(frozen=True)
class SheetName:
    french: str
    english: str

    def names(self) -> tuple[str, str]:
        return (self.french, self.english)

    def title(self, lang: str) -> str:
        return self.english if lang == "en" else self.french


SHEETS = {
    "call": SheetName("Appel", "Call"),
    "criteria": SheetName("Critères", "Criteria"),
    "categories": SheetName("Catégories", "Categories"),
    "jury": SheetName("Jury", "Jury"),
    "dossiers": SheetName("Dossiers", "Applications"),
    "conflicts": SheetName("Conflits", "Conflicts"),
    "sessions": SheetName("Sessions", "Sessions"),
}


@dataclass(frozen=True)
class Setting:
    """A row of the "Appel" sheet."""

    field: str
    french: str
    english: str
    default: str  # as shown in the blank workbook ("" when none)
    help: str

    def column(self) -> Column:
        return Column(self.field, self.french, self.english)


SETTINGS: tuple[Setting, ...] = (
    Setting("name", "Nom", "Name", "", "Nom de l'appel (obligatoire), tel qu'il figurera au PV."),
    Setting(
        "authority",
        "Organisme",
        "Authority",
        "",
        "La collectivité ou l'organisme que le jury conseille.",
    ),
    Setting(
        "authority_siret",
        "SIRET de l'organisme",
        "Authority SIRET",
        "",
        "SIRET de l'organisme attribuant (14 chiffres), repris dans le fichier open data "
        "des subventions.",
    ),
    Setting("date", "Date du jury", "Date", "", "Date (et heure) de la séance du jury."),
    Setting("place", "Lieu", "Place", "", "Lieu de la séance."),
    Setting(
        "mode",
        "Mode",
        "Mode",
        "enveloppe",
        "« prix » : un montant fixe par place ; "
        "« enveloppe » : les dossiers sont financés dans l'ordre du classement jusqu'à "
        "épuisement de l'enveloppe.",
    ),
    Setting(
        "envelope",
        "Enveloppe",
        "Envelope",
        "",
        "Montant total, ex. 700 000. Obligatoire "
        "en mode enveloppe sans enveloppe par catégorie ; en mode prix, la somme des prix.",
    ),
    Setting(
        "prizes",
        "Prix",
        "Prizes",
        "",
        "Mode prix sans catégories : le prix de chaque "
        "place, dans l'ordre, séparés par « ; » (ex. 5 000 ; 3 000 ; 2 000).",
    ),
    Setting(
        "prize_capped",
        "Prix plafonné au montant demandé",
        "Prize capped at request",
        "oui",
        "Mode prix : « oui » (par défaut), un lauréat ne reçoit jamais plus que le montant "
        "qu'il a demandé, le reste du prix reste non attribué (ou suit la réaffectation) ; "
        "« non » : le prix est versé en entier, comme le dit le règlement de l'appel.",
    ),
    Setting("cap", "Plafond", "Cap", "", "Montant maximum par dossier (vide : aucun)."),
    Setting(
        "rate",
        "Taux",
        "Rate",
        "",
        "Part maximum de l'assiette : « 50 % », « 0,5 » ou « 50 » (vide : aucun).",
    ),
    Setting(
        "rate_base",
        "Base du taux",
        "Rate base",
        "dépenses éligibles",
        "Assiette du taux : « dépenses éligibles » ou « budget global ».",
    ),
    Setting(
        "floor",
        "Plancher",
        "Floor",
        "0",
        "Aide minimum : un dossier qui ne peut recevoir "
        "au moins ce montant passe en liste d'attente.",
    ),
    Setting(
        "partial_funding",
        "Financement partiel",
        "Partial funding",
        "non",
        "« oui » : le "
        "dernier dossier peut recevoir le reste de l'enveloppe s'il est au moins égal au "
        "plancher ; « non » : seulement son montant entier.",
    ),
    Setting(
        "after_miss",
        "Suite",
        "After a miss",
        "arrêt",
        "Quand un dossier ne tient pas dans "
        "ce qui reste : « arrêt » (on s'arrête) ou « suivant » (on passe au suivant).",
    ),
    Setting(
        "cutoff_tie",
        "Égalité au seuil",
        "Tie at cut-off",
        "prorata",
        "Ex aequo à la limite "
        "de l'enveloppe : « prorata », « égal » ou « décision » (le jury décide).",
    ),
    Setting("scale", "Échelle", "Scale", "20", "Échelle de la note finale : 10, 20 ou 100."),
    Setting(
        "threshold",
        "Seuil",
        "Threshold",
        "",
        "Note minimum pour être retenu, sur l'échelle (ex. 12). Vide : aucun.",
    ),
    Setting(
        "aggregation",
        "Agrégation",
        "Aggregation",
        "moyenne",
        "Combinaison des notes des jurés : « moyenne », « médiane » ou « jugement majoritaire ».",
    ),
    Setting(
        "normalisation",
        "Normalisation",
        "Normalisation",
        "aucune",
        "« aucune » ou « z-score » (corrige les jurés plus sévères ou plus généreux).",
    ),
    Setting(
        "tie_break",
        "Départage",
        "Tie-break",
        "",
        "Étapes pour départager des ex aequo, séparées par « ; » : "
        + ", ".join(f"« {rule.spelling()} »" for rule in tiebreaks.RULES)
        + ". Vide : les ex aequo partagent.",
    ),
    Setting(
        "reallocation",
        "Réaffectation",
        "Reallocation",
        "aucune",
        "Argent non attribué d'une catégorie : « aucune », « catégorie:CODE » ou « réserve ».",
    ),
    Setting(
        "quorum",
        "Quorum",
        "Quorum",
        "moitié",
        "« moitié » (la moitié des membres votants, "
        "visio et représentés compris) ou « majorité » (plus de la moitié présents).",
    ),
    Setting(
        "majority",
        "Majorité",
        "Majority",
        "exprimés",
        "« exprimés » (abstentions non comptées) ou « présents ».",
    ),
    Setting(
        "min_scores",
        "Notes minimum",
        "Minimum scores",
        "3",
        "Nombre de jurés qui doivent avoir noté un dossier avant un avertissement.",
    ),
    Setting("year", "Année", "Year", "", "Année budgétaire de l'appel (ex. 2024)."),
    Setting(
        "carry_over",
        "Report",
        "Carry-over",
        "non",
        "Appel en plusieurs comités : « oui », ce qu'un comité n'a pas attribué de son "
        "enveloppe propre s'ajoute à celle du comité suivant ; « non » (par défaut).",
    ),
    Setting(
        "minimum_projects",
        "Projets minimum",
        "Minimum projects",
        "",
        "Nombre de projets à financer sur l'année (vide : aucun) ; le bureau et le "
        "procès-verbal disent s'il est atteint.",
    ),
    Setting(
        "supported_once",
        "Soutien unique",
        "Supported once",
        "non",
        "« oui » : un porteur déjà lauréat (registre des lauréats, même SIRET ou RNA) n'est "
        "pas recevable, sauf décision motivée du secrétariat ; « non » (par défaut).",
    ),
)


CRITERION_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "Code", required=True),
    Column("label", "Critère", "Criterion", ("Libellé", "Label"), required=True),
    Column("weight", "Poids", "Weight", ("Pondération", "Coefficient", "Coef"), required=True),
    Column("min", "Min", "Min", ("Minimum", "Note min", "Note minimum")),
    Column("max", "Max", "Max", ("Maximum", "Note max", "Note maximum"), required=True),
    Column("step", "Pas", "Step"),
    Column("threshold", "Seuil", "Threshold"),
    Column("description", "Description", "Description"),
)

CATEGORY_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "Code", required=True),
    Column("name", "Catégorie", "Category", ("Nom", "Name", "Libellé"), required=True),
    Column("envelope", "Enveloppe", "Envelope"),
    Column("prizes", "Prix", "Prizes"),
    Column("cap", "Plafond", "Cap"),
    Column("rate", "Taux", "Rate"),
    Column("floor", "Plancher", "Floor"),
    Column("nature", "Nature", "Kind"),
)

JUROR_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "Code", required=True),
    Column("name", "Nom", "Name", ("Prénom Nom", "Nom Prénom", "Juré"), required=True),
    Column("role", "Rôle", "Role", ("Fonction",)),
    Column("votes", "Voix", "Vote", ("Voix délibérative", "Vote")),
    Column("attendance", "Présence", "Attendance"),
    Column("organisation", "Organisme", "Organisation", ("Organization", "Structure")),
)

#: The dossier sheet's columns: one per field of the registry (``core.fields``).
DOSSIER_COLUMNS: tuple[Column, ...] = tuple(
    Column(f.code, f.header.french, f.header.english, f.synonyms, required=f.required)
    for f in DOSSIER_FIELDS
)


def dossier_field_spellings() -> dict[str, str]:
    """Every accepted spelling of a dossier field's name (normalised) -> the field: its
    code with and without « _cents », its headers and synonyms. A mapping's target."""
    names: dict[str, str] = {}
    for column in DOSSIER_COLUMNS:
        for spelling in (column.field, column.field.removesuffix("_cents")):
            names[normalise_header(spelling.replace("_", " "))] = column.field
            names[normalise_header(spelling)] = column.field
        for spelling in column.names():
            names.setdefault(spelling, column.field)
    return names


#: The template's marker of its example rows (a last column « Exemple »): a row with
#: anything in it is never read as data (nor is one whose key starts « EXEMPLE »).
EXAMPLE_COLUMN = Column(
    "example", "Exemple", "Example", ("Ligne d'exemple", "Exemple (ligne ignorée)")
)

#: The « Sessions » sheet of a call that runs over a year (rules §12).
SESSION_COLUMNS: tuple[Column, ...] = (
    Column("code", "Code", "Code", required=True),
    Column("name", "Session", "Session", ("Comité", "Committee", "Nom", "Name", "Libellé")),
    Column("date", "Date", "Date", ("Date du comité", "Date de la séance")),
    Column("envelope", "Enveloppe", "Envelope", ("Enveloppe du comité", "Budget")),
)

CONFLICT_COLUMNS: tuple[Column, ...] = (
    Column("juror", "Juré", "Juror", ("Jurée", "Code juré", "Membre"), required=True),
    Column("ref", "Dossier", "Dossier", ("Référence", "Reference", "Application"), required=True),
    Column("reason", "Motif", "Reason"),
)

HELP: dict[str, dict[str, str]] = {
    "criteria": {
        "code": "Code court du critère (ex. INNO), sans espace : il devient l'en-tête de "
        "colonne de la feuille de notes.",
        "label": "Intitulé du critère, tel que lu par les jurés.",
        "weight": "Poids du critère dans la note (ex. 30). Les poids n'ont pas besoin de "
        "faire 100.",
        "min": "Note minimum du critère (0 par défaut).",
        "max": "Note maximum du critère (ex. 5).",
        "step": "Pas des notes : 1 (par défaut) ou 0,5 pour les demi-points.",
        "threshold": "Moyenne minimum sur ce critère pour être retenu (vide : aucune).",
        "description": "Ce que le critère évalue ; affiché aux jurés.",
    },
    "categories": {
        "code": "Code court de la catégorie (ex. DUR), utilisé dans la feuille Dossiers.",
        "name": "Nom de la catégorie (ex. Territoire durable).",
        "envelope": "Mode enveloppe : l'enveloppe propre à la catégorie, en euros.",
        "prizes": "Mode prix : le prix de chaque place, dans l'ordre, séparés par « ; » "
        "(ex. 5 000 ; 3 000 ; 2 000).",
        "cap": "Plafond par dossier dans cette catégorie (remplace celui de l'appel).",
        "rate": "Taux maximum dans cette catégorie (remplace celui de l'appel), ex. 100 %.",
        "floor": "Plancher dans cette catégorie (remplace celui de l'appel).",
        "nature": "« subvention » (par défaut) ou « avance remboursable ».",
    },
    "jury": {
        "code": "Code court du juré (ex. J1) : il identifie ses notes.",
        "name": "Prénom et nom.",
        "role": "« président », « vice-président », « membre » (par défaut), « rapporteur » "
        "ou « secrétaire ».",
        "votes": "Voix délibérative : « oui » (par défaut) ou « non » (par défaut pour le "
        "secrétaire).",
        "attendance": "« présent » (par défaut), « visio », « représenté » ou « absent ».",
        "organisation": "Organisme ou collège représenté.",
    },
    "dossiers": {f.code: f.help for f in DOSSIER_FIELDS},
    "sessions": {
        "code": "Appel en plusieurs comités : code court du comité (ex. S1), repris dans la "
        "colonne « Session » de la feuille Dossiers. Sans cette feuille, l'appel a un seul "
        "comité.",
        "name": "Nom du comité, tel qu'il figurera au PV (ex. Comité de mars).",
        "date": "Date du comité (JJ/MM/AAAA).",
        "envelope": "Enveloppe propre au comité (vide : ce qui reste de l'enveloppe de "
        "l'année, donnée dans la feuille Appel).",
    },
    "conflicts": {
        "juror": "Code du juré qui se déporte (feuille Jury).",
        "ref": "Référence du dossier (feuille Dossiers).",
        "reason": "Motif du déport, repris au procès-verbal.",
    },
}

EXTRA_DOSSIER_HELP = (
    "Les colonnes ajoutées à droite (ex. Description, Site web) sont conservées comme "
    "champs libres du dossier et montrées aux jurés."
)
