"""The one registry of a dossier's fields: for each, its code (the ``Dossier``
attribute, the store's column and the journal's key), its headers in the
campaign workbook (French, English and the synonyms of a secretariat's own
sheet), its type, whether a dossier sheet must have it, its help in the blank
workbook, and where the app and the documents show it.

Adding a field (README, « Ajouter un champ de dossier »): an entry in
``DOSSIER_FIELDS`` here, the attribute on ``Dossier`` (``core/model.py``), the
column on ``DossierRow`` (``store/tables.py``) and a migration (``db/versions``).
The codec, the workbook and dossier import, the blank workbook, the
secretariat's table, the juror's view of a dossier, the explanation sheet and
the award table all read this registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum

from juryapp.core.model import Dossier
from juryapp.core.money import format_cents
from juryapp.i18n import translate

__all__ = [
    "DOSSIER_FIELDS",
    "LATE_FIELDS",
    "DossierField",
    "FieldType",
    "Label",
    "Show",
    "display",
    "dossier_field",
    "format_date",
    "format_free",
    "shown",
]


class FieldType(StrEnum):
    """How a value is read from a cell, stored and shown."""

    TEXT = "texte"  # str, "" when empty
    CENTS = "montant"  # int cents or None: « 7 000,00 € » in a cell
    FLAG = "oui/non"  # bool: « oui » / « non »
    CATEGORY = "catégorie"  # a category code (or None), read by code or name
    SIRET = "siret"  # str of digits, spaces dropped; 14 digits expected
    DATE = "date"  # str « AAAA-MM-JJ » ("" when empty); a date cell or « JJ/MM/AAAA »
    NUMBER = "nombre"  # a free field's number, as an exact decimal text (« 12.5 »)
    RNA = "rna"  # str « W » and 9 digits, upper case, spaces dropped
    SESSION = "session"  # a session code (or None), read by code or name (rules §12)


class Show(Enum):
    """Where a field is shown besides the workbook (each consumer reads its own)."""

    TABLE = "the secretariat's dossier table"
    TABLE_WHEN_FILLED = "the secretariat's dossier table, when one dossier has a value"
    SUBTITLE = "the juror's view of a dossier: the line under its title (values only)"
    AMOUNTS = "the juror's view of a dossier: the amounts line (« label : value »)"
    EXPLANATION = "the explanation sheet: the dossier's block"
    AWARDS = "the award table: a column after the project (text, as displayed)"


@dataclass(frozen=True)
class Label:
    french: str
    english: str

    def __call__(self, lang: str) -> str:
        return self.english if lang == "en" else self.french


@dataclass(frozen=True)
class DossierField:
    code: str  # the Dossier attribute, the store's column, the journal's key
    header: Label  # the column's header in the campaign workbook
    kind: FieldType
    help: str  # the help of the blank workbook's column (French)
    synonyms: tuple[str, ...] = ()  # other headers a secretariat's own sheet may use
    required: bool = False  # a dossier sheet must have the column, and a value in it
    label: Label | None = None  # on screens and documents, when not the header
    shown: frozenset[Show] = frozenset()
    table_position: int = 0  # the order of the secretariat's table (smallest first)
    width: int = 160  # the table's column width, in pixels
    sentence: Label | None = None  # in the juror's amounts line, when not the label
    # added once campaign files existed: left out of a seal while at its default (the
    # seals made before it still hold), and given its default where older journal
    # entries lack it
    added_after_seals: bool = False

    def title(self, lang: str) -> str:
        """The field's name on screens and documents."""
        return (self.label or self.header)(lang)

    def in_sentence(self, lang: str) -> str:
        return (self.sentence or self.label or self.header)(lang)

    @property
    def default(self) -> object:
        """The value of a dossier without it."""
        return _DEFAULTS.get(self.kind, "")


_DEFAULTS: dict[FieldType, object] = {
    FieldType.CENTS: None,
    FieldType.CATEGORY: None,
    FieldType.FLAG: True,
    FieldType.SESSION: None,
}

_EVERYWHERE = frozenset({Show.TABLE, Show.SUBTITLE, Show.EXPLANATION, Show.AWARDS})

DOSSIER_FIELDS: tuple[DossierField, ...] = (
    DossierField(
        "ref",
        Label("Référence", "Reference"),
        FieldType.TEXT,
        "Référence unique du dossier (obligatoire), ex. GP-01.",
        (
            "Réf",
            "Réf.",
            "Ref",
            "Ref.",
            "N° dossier",
            "Numéro de dossier",
            "N° de dossier",
            "Numéro",
            "Identifiant",
            "Id",
            "N°",
            "Dossier n°",
            "N° du dossier",
            "Numéro du dossier",
            "Référence du dossier",
            "Réf. dossier",
            "Code dossier",
        ),
        required=True,
        label=Label("Réf.", "Ref."),
        shown=frozenset({Show.TABLE, Show.SUBTITLE}),
        table_position=10,
        width=110,
    ),
    DossierField(
        "title",
        Label("Projet", "Project"),
        FieldType.TEXT,
        "Intitulé du projet (obligatoire).",
        (
            "Titre",
            "Title",
            "Intitulé",
            "Nom du projet",
            "Titre du projet",
            "Intitulé du projet",
            "Project title",
            "Nom de l'action",
            "Intitulé de l'action",
            "Titre de l'action",
            "Projet présenté",
        ),
        required=True,
        shown=frozenset({Show.TABLE}),
        table_position=20,
        width=290,
    ),
    DossierField(
        "applicant",
        Label("Porteur", "Applicant"),
        FieldType.TEXT,
        "Structure porteuse du projet.",
        (
            "Porteur de projet",
            "Porteur du projet",
            "Structure",
            "Structure porteuse",
            "Candidat",
            "Bénéficiaire",
            "Raison sociale",
            "Organisme porteur",
            "Nom de la structure",
            "Nom du porteur",
            "Association",
            "Structure candidate",
        ),
        shown=_EVERYWHERE,
        table_position=50,
        width=230,
    ),
    DossierField(
        "town",
        Label("Commune", "Town"),
        FieldType.TEXT,
        "Commune du porteur ou du projet.",
        ("Ville", "City", "Commune du projet", "Commune du porteur", "Localisation"),
        shown=_EVERYWHERE,
        table_position=60,
        width=140,
    ),
    DossierField(
        "category",
        Label("Catégorie", "Category"),
        FieldType.CATEGORY,
        "Code ou nom de la catégorie (obligatoire quand l'appel a des catégories).",
        (
            "Axe",
            "Catégorie de prix",
            "Catégorie visée",
            "Catégorie demandée",
            "Catégorie choisie",
            "Catégorie de candidature",
            "Catégorie du prix",
            "Prix visé",
            "Axe visé",
        ),
        shown=frozenset({Show.TABLE, Show.SUBTITLE}),
        table_position=70,
        width=220,
    ),
    DossierField(
        "requested_cents",
        Label("Montant demandé", "Requested"),
        FieldType.CENTS,
        "Montant demandé en euros (obligatoire en mode enveloppe), ex. 7 000 ou 7 000,00 €.",
        (
            "Montant sollicité",
            "Aide demandée",
            "Subvention demandée",
            "Requested amount",
            "Montant de l'aide demandée",
            "Aide sollicitée",
            "Subvention sollicitée",
            "Montant de la subvention demandée",
            "Montant sollicité auprès de l'appel",
            "Aide financière sollicitée",
        ),
        label=Label("Montant demandé", "Amount requested"),
        sentence=Label("Montant demandé", "Requested"),
        shown=frozenset({Show.TABLE, Show.AMOUNTS, Show.EXPLANATION}),
        table_position=80,
        width=150,
    ),
    DossierField(
        "total_budget_cents",
        Label("Budget global", "Total budget"),
        FieldType.CENTS,
        "Budget global du projet, en euros.",
        (
            "Budget total",
            "Coût total",
            "Coût global",
            "Budget prévisionnel",
            "Montant global",
            "Coût total du projet",
        ),
        sentence=Label("budget global", "total budget"),
        shown=frozenset({Show.TABLE, Show.AMOUNTS, Show.EXPLANATION}),
        table_position=90,
        width=150,
    ),
    DossierField(
        "eligible_expenses_cents",
        Label("Dépenses éligibles", "Eligible expenses"),
        FieldType.CENTS,
        "Dépenses éligibles, en euros (assiette du taux).",
        ("Assiette éligible", "Dépenses retenues", "Assiette"),
        sentence=Label("dépenses éligibles", "eligible expenses"),
        shown=frozenset({Show.TABLE_WHEN_FILLED, Show.AMOUNTS, Show.EXPLANATION}),
        table_position=100,
        width=150,
    ),
    DossierField(
        "admissible",
        Label("Recevable", "Admissible"),
        FieldType.FLAG,
        "« oui » (par défaut) ou « non » : un dossier non recevable n'est pas classé.",
        ("Recevabilité", "Éligible", "Eligible"),
        shown=frozenset({Show.TABLE}),
        table_position=30,
        width=90,
    ),
    DossierField(
        "inadmissible_reason",
        Label("Motif", "Reason"),
        FieldType.TEXT,
        "Motif de non-recevabilité (obligatoire si Recevable = non).",
        ("Motif d'irrecevabilité", "Motif de non-recevabilité", "Motif irrecevabilité"),
        label=Label("Motif de non-recevabilité", "Reason for inadmissibility"),
        shown=frozenset({Show.TABLE}),
        table_position=40,
        width=230,
    ),
    DossierField(
        "siret",
        Label("SIRET", "SIRET"),
        FieldType.SIRET,
        "Numéro SIRET (14 chiffres).",
        ("N° SIRET", "Numéro SIRET"),
        shown=frozenset({Show.AWARDS}),
    ),
    DossierField(
        "rna",
        Label("RNA", "RNA"),
        FieldType.RNA,
        "Numéro RNA d'une association (W suivi de 9 chiffres).",
        ("N° RNA", "Numéro RNA", "Numéro d'association", "N° d'association", "RNA number"),
        added_after_seals=True,
    ),
    DossierField(
        "session",
        Label("Session", "Session"),
        FieldType.SESSION,
        "Appel en plusieurs comités : code ou nom du comité où le dossier est présenté "
        "(feuille « Sessions ») ; vide : le premier comité.",
        ("Comité", "Séance", "Committee", "Comité de sélection"),
        shown=frozenset({Show.TABLE_WHEN_FILLED}),
        table_position=75,
        width=110,
        added_after_seals=True,
    ),
)

_BY_CODE = {f.code: f for f in DOSSIER_FIELDS}


#: The fields ``added_after_seals``, with their defaults.
LATE_FIELDS: dict[str, object] = {f.code: f.default for f in DOSSIER_FIELDS if f.added_after_seals}


def dossier_field(code: str) -> DossierField:
    return _BY_CODE[code]


def shown(where: Show) -> tuple[DossierField, ...]:
    """The fields shown in ``where``, in the registry's order."""
    return tuple(f for f in DOSSIER_FIELDS if where in f.shown)


def format_date(iso: str, lang: str) -> str:
    """« 2026-03-14 » as « 14/03/2026 » (French) or « 14 Mar 2026 » (English); a time
    (« 2026-03-14T09:30 ») adds « 09:30 »."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    day = moment.strftime("%d %b %Y") if lang == "en" else moment.strftime("%d/%m/%Y")
    if "T" in iso and moment.time() != dt.time(0, 0):
        day += moment.strftime(" %H:%M")
    return day


def _format_decimal(text: str, lang: str) -> str:
    """« 12500.5 » as « 12 500,5 » (French, narrow no-break spaces) or « 12,500.5 »."""
    negative = text.startswith("-")
    whole, dot, fraction = text.removeprefix("-").partition(".")
    if not whole.isdigit() or (fraction and not fraction.isdigit()):
        return text
    separator = "," if lang == "en" else "\u202f"
    groups = f"{int(whole):,}".replace(",", separator)
    mark = "." if lang == "en" else ","
    return ("-" if negative else "") + groups + (mark + fraction if dot else "")


def format_free(kind: FieldType, value: str, lang: str) -> str:
    """A free field's stored text as people read it: a number with its separators, a date
    as a day (and its time), oui/non; text as it is."""
    if not value:
        return ""
    if kind is FieldType.NUMBER:
        return _format_decimal(value, lang)
    if kind is FieldType.DATE:
        return format_date(value, lang)
    if kind is FieldType.FLAG:
        return translate("oui", lang) if value == "oui" else translate("non", lang)
    return value


def display(
    dossier: Dossier,
    field: DossierField,
    lang: str,
    category_names: Mapping[str, str] | None = None,
) -> str:
    """A field's value as people read it ("" when the dossier has none)."""
    value = getattr(dossier, field.code)
    if field.kind is FieldType.CENTS:
        return "" if value is None else format_cents(value, lang)
    if field.kind is FieldType.FLAG:
        return translate("oui", lang) if value else translate("non", lang)
    if field.kind is FieldType.CATEGORY:
        return (category_names or {}).get(value or "", value or "")
    if field.kind is FieldType.SESSION:
        return value or ""
    if field.kind is FieldType.DATE:
        return format_date(value, lang) if value else ""
    return str(value)
