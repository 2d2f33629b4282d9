"""The blank campaign workbook (``juryapp template OUT.xlsx``).

Six sheets, each with its headers, one example row taken from a real call
(Grand Poitiers, AAP « Territoire de l'ESS » 2023: three « coups de cœur » of
7 000 €) and a help note on every header. The example rows are marked as such
(grey italics, « exemple » in a last column « Exemple », the dossier
« EXEMPLE-1 »): readers never import them, and say so. The « Appel » sheet's
values are the example call's, to be overwritten.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from juryapp.core.fields import DOSSIER_FIELDS, FieldType
from juryapp.io.columns import (
    CATEGORY_COLUMNS,
    CONFLICT_COLUMNS,
    CRITERION_COLUMNS,
    DOSSIER_COLUMNS,
    EXAMPLE_COLUMN,
    EXTRA_DOSSIER_HELP,
    HELP,
    JUROR_COLUMNS,
    SESSION_COLUMNS,
    SETTINGS,
    SHEETS,
)
from juryapp.io.headers import Column
from juryapp.io.xlsx import add_comment, autosize, style_header_row, write_amount, write_text

__all__ = ["EXAMPLE_REF", "EXAMPLE_SETTINGS", "write_template"]

#: The example dossier's reference (its key says « example » even without the marker).
EXAMPLE_REF = "EXEMPLE-1"
_EXAMPLE_FONT = Font(italic=True, color="7F7F7F")

#: Values of the example call in the "Appel" sheet; every other key shows its default.
EXAMPLE_SETTINGS: dict[str, str] = {
    "name": "Territoire de l'ESS 2023",
    "authority": "Grand Poitiers Communauté urbaine",
    "place": "Poitiers",
    "mode": "prix",
}

_LIST_VALUES: dict[str, str] = {
    "mode": "prix,enveloppe",
    "rate_base": "dépenses éligibles,budget global",
    "partial_funding": "oui,non",
    "prize_capped": "oui,non",
    "carry_over": "oui,non",
    "supported_once": "oui,non",
    "after_miss": "arrêt,suivant",
    "cutoff_tie": "prorata,égal,décision",
    "scale": "10,20,100",
    "aggregation": "moyenne,médiane,jugement majoritaire",
    "normalisation": "aucune,z-score",
    "quorum": "moitié,majorité",
    "majority": "exprimés,présents",
}


def _header(column: Column, lang: str) -> str:
    return column.english if lang == "en" and column.english else column.french


def _list_validation(ws: Worksheet, values: str, ref: str) -> None:
    validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True)
    validation.error = f"Valeurs possibles : {values.replace(',', ', ')}"
    validation.errorTitle = "Valeur refusée"
    validation.showErrorMessage = True
    ws.add_data_validation(validation)
    validation.add(ref)


def _table_sheet(
    wb: Workbook,
    key: str,
    columns: tuple[Column, ...],
    example: dict[str, object],
    lang: str,
) -> Worksheet:
    ws = wb.create_sheet(SHEETS[key].title(lang))
    help_texts = HELP[key]
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index)
        write_text(cell, _header(column, lang))
        note = help_texts.get(column.field, "")
        if column.required:
            note = f"Obligatoire. {note}"
        add_comment(cell, note)
        value = example.get(column.field)
        target = ws.cell(row=2, column=index)
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and column.field.endswith(("_cents", "envelope", "cap", "floor"))
        ):
            write_amount(target, value)
        elif isinstance(value, int | float):
            target.value = value
        elif value is not None:
            write_text(target, value)
        target.font = _EXAMPLE_FONT
    marker_column = len(columns) + 1
    marker = ws.cell(row=1, column=marker_column)
    write_text(marker, _header(EXAMPLE_COLUMN, lang))
    add_comment(
        marker,
        "Ligne d'exemple : une ligne marquée ici n'est jamais importée (juryapp le "
        "signale). Remplacez-la par vos lignes, ou laissez-la et écrivez en dessous.",
    )
    write_text(ws.cell(row=2, column=marker_column), "example" if lang == "en" else "exemple")
    ws.cell(row=2, column=marker_column).font = _EXAMPLE_FONT
    style_header_row(ws)
    autosize(ws, minimum=12, maximum=45)
    return ws


def write_template(path: str | Path, lang: str = "fr") -> None:
    """Write the blank campaign workbook, one example row per sheet.

    ``lang="en"`` writes the English sheet names and headers; keywords
    (``prix``, ``oui``…) and help notes stay French, as the readers accept them.
    """
    wb = Workbook()
    wb.remove(wb.active)

    # "Appel": key, value, default.
    ws = wb.create_sheet(SHEETS["call"].title(lang))
    heads = ("Key", "Value", "Default") if lang == "en" else ("Paramètre", "Valeur", "Par défaut")
    for index, text in enumerate(heads, start=1):
        write_text(ws.cell(row=1, column=index), text)
    add_comment(
        ws.cell(row=1, column=1),
        "Une clé par ligne en colonne A, sa valeur en "
        "colonne B. Une valeur vide prend la valeur par défaut (colonne C).",
    )
    for row, setting in enumerate(SETTINGS, start=2):
        key_cell = ws.cell(row=row, column=1)
        write_text(key_cell, setting.english if lang == "en" else setting.french)
        add_comment(key_cell, setting.help)
        value = EXAMPLE_SETTINGS.get(setting.field, setting.default)
        value_cell = ws.cell(row=row, column=2)
        if value.isdigit():
            value_cell.value = int(value)
        elif value:
            write_text(value_cell, value)
        default = setting.default or ("obligatoire" if setting.field == "name" else "—")
        write_text(ws.cell(row=row, column=3), default)
        if setting.field in _LIST_VALUES:
            _list_validation(ws, _LIST_VALUES[setting.field], f"B{row}")
    style_header_row(ws)
    autosize(ws, minimum=12, maximum=50, fixed=(("B", 36),))

    _table_sheet(
        wb,
        "criteria",
        CRITERION_COLUMNS,
        {
            "code": "INNO",
            "label": "Caractère innovant",
            "weight": 30,
            "min": 0,
            "max": 5,
            "step": 0.5,
            "description": "Nouveauté de la réponse apportée aux besoins du territoire",
        },
        lang,
    )
    categories = _table_sheet(
        wb,
        "categories",
        CATEGORY_COLUMNS,
        {
            "code": "DUR",
            "name": "Territoire durable",
            "prizes": "7 000",
            "nature": "subvention",
        },
        lang,
    )
    _list_validation(categories, "subvention,avance remboursable", "H2:H500")
    jury = _table_sheet(
        wb,
        "jury",
        JUROR_COLUMNS,
        {
            "code": "J1",
            "name": "Christine Martin",
            "role": "président",
            "votes": "oui",
            "attendance": "présent",
            "organisation": "Grand Poitiers Communauté urbaine",
        },
        lang,
    )
    _list_validation(jury, "président,vice-président,membre,rapporteur,secrétaire", "C2:C500")
    _list_validation(jury, "oui,non", "D2:D500")
    _list_validation(jury, "présent,visio,représenté,absent", "E2:E500")
    dossiers = _table_sheet(
        wb,
        "dossiers",
        DOSSIER_COLUMNS,
        {
            "ref": EXAMPLE_REF,
            "title": "Atelier vélo solidaire et ressourcerie mobile",
            "applicant": "Association La Roue Libre",
            "town": "Poitiers",
            "category": "DUR",
            "requested_cents": 700_000,
            "total_budget_cents": 2_500_000,
            "eligible_expenses_cents": 2_000_000,
            "admissible": "oui",
        },
        lang,
    )
    last = DOSSIER_COLUMNS[-1].field
    add_comment(
        dossiers.cell(row=1, column=len(DOSSIER_COLUMNS)),
        f"{HELP['dossiers'][last]} {EXTRA_DOSSIER_HELP} La colonne « Exemple » n'est "
        "pas un champ libre : elle marque la ligne d'exemple.",
    )
    for number, field in enumerate(DOSSIER_FIELDS, start=1):
        if field.kind is FieldType.FLAG:
            letter = get_column_letter(number)
            _list_validation(dossiers, "oui,non", f"{letter}2:{letter}5000")
    _table_sheet(
        wb,
        "sessions",
        SESSION_COLUMNS,
        {"code": "S1", "name": "Comité de mars", "date": "14/03/2024", "envelope": 30_000_000},
        lang,
    )
    _table_sheet(
        wb,
        "conflicts",
        CONFLICT_COLUMNS,
        {
            "juror": "J1",
            "ref": EXAMPLE_REF,
            "reason": "membre du conseil d'administration de l'association",
        },
        lang,
    )
    wb.active = 0
    wb.save(Path(path))
