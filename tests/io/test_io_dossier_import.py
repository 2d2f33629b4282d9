"""Importing a secretariat's own list of dossiers (``juryapp dossiers import``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from io_helpers import make_workbook

from juryapp.core.fields import DOSSIER_FIELDS
from juryapp.core.model import Category, Mode
from juryapp.io.errors import InputError
from juryapp.io.workbook import (
    preview_dossiers,
    read_dossiers,
    required_dossier_fields,
)

HEADERS = [
    "N° dossier",
    "Nom du projet",
    "Structure",
    "Ville",
    "Montant sollicité (€)",
    "Coût total",
    "Date de dépôt",
    "Contact",
]
ROWS = [
    [
        "IS-001",
        "Groupement textile solidaire",
        "GTS Nouvelle Aquitaine",
        "Mérignac",
        18354,
        "48 858",
        dt.datetime(2016, 9, 1),
        "contact@gts.example",
    ],
    [
        "IS-002",
        "Coopérative des Tiers-Lieux",
        "Travailler Autrement",
        "Pomerol",
        "22\u202f500 €",
        90000,
        dt.datetime(2016, 9, 5),
        None,
    ],
]
CATEGORIES = (
    Category("SERV", "Innovation de services"),
    Category("TERR", "Innovation territoriale"),
)


def secretariat(tmp_path: Path, rows: list[list[Any]] | None = None, **extra: Any) -> Path:
    sheets: dict[str, Any] = {
        "Lisez-moi": [["Export du portail des aides"]],
        "Export 2016": [
            ["AMI Innovation sociale — export du 6/09/2016"],
            [],
            HEADERS,
            *(ROWS if rows is None else rows),
        ],
    }
    sheets.update(extra)
    return make_workbook(tmp_path / "export.xlsx", sheets)


def import_error(path: Path, **options: Any) -> InputError:
    with pytest.raises(InputError) as caught:
        read_dossiers(path, **options)
    return caught.value


def test_guessed_mapping(tmp_path: Path) -> None:
    result = read_dossiers(secretariat(tmp_path), sheet="Export 2016", mode=Mode.ENVELOPE)
    assert result.sheet == "Export 2016"
    first, second = result.dossiers
    assert (first.ref, first.title, first.applicant, first.town) == (
        "IS-001",
        "Groupement textile solidaire",
        "GTS Nouvelle Aquitaine",
        "Mérignac",
    )
    assert (first.requested_cents, first.total_budget_cents) == (1_835_400, 4_885_800)
    assert first.fields == (("Date de dépôt", "01/09/2016"), ("Contact", "contact@gts.example"))
    assert second.requested_cents == 2_250_000
    assert second.fields == (("Date de dépôt", "05/09/2016"), ("Contact", ""))
    assert result.mapping == {
        "N° dossier": "ref",
        "Nom du projet": "title",
        "Structure": "applicant",
        "Ville": "town",
        "Montant sollicité (€)": "requested_cents",
        "Coût total": "total_budget_cents",
        "Date de dépôt": "free",
        "Contact": "free",
    }


def test_first_sheet_with_data_or_one_named_dossiers(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "x.xlsx",
        {"Vide": [], "Liste": [["Référence", "Projet"], ["A", "B"]]},
    )
    assert read_dossiers(path, mode=Mode.PRIZE).sheet == "Liste"
    path = make_workbook(
        tmp_path / "y.xlsx",
        {
            "Liste": [["Référence", "Projet"], ["A", "B"]],
            "DOSSIERS": [["Référence", "Projet"], ["C", "D"]],
        },
    )
    assert read_dossiers(path, mode=Mode.PRIZE).dossiers[0].ref == "C"


def test_user_mapping_with_french_and_attribute_names(tmp_path: Path) -> None:
    rows = [[*row, "Textile"] for row in ROWS]
    path = make_workbook(
        tmp_path / "export.xlsx",
        {"Feuil1": [[*HEADERS, "Intitulé court"], *rows]},
    )
    result = read_dossiers(
        path,
        mapping={
            "Intitulé court": "projet",
            "Montant sollicité": "montant demandé",
            "Coût total": "eligible_expenses_cents",
            "contact": "ignorer",
            "N° DOSSIER": "référence",
        },
        mode=Mode.ENVELOPE,
    )
    first = result.dossiers[0]
    assert first.title == "Textile"
    assert first.eligible_expenses_cents == 4_885_800
    assert first.total_budget_cents is None
    # The guessed title column lost to the user's choice: it is a free field now.
    assert first.fields == (
        ("Nom du projet", "Groupement textile solidaire"),
        ("Date de dépôt", "01/09/2016"),
    )
    assert result.mapping["Contact"] == "ignore"


def test_categories_by_code_or_label(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "x.xlsx",
        {
            "Dossiers": [
                ["Référence", "Projet", "Axe"],
                ["A", "P", "serv"],
                ["B", "Q", "Innovation territoriale"],
            ]
        },
    )
    result = read_dossiers(path, mode=Mode.PRIZE, categories=CATEGORIES)
    assert [d.category for d in result.dossiers] == ["SERV", "TERR"]


def test_preview(tmp_path: Path) -> None:
    preview = preview_dossiers(secretariat(tmp_path), sheet="export 2016", rows=1)
    assert preview.sheets == ("Lisez-moi", "Export 2016")
    assert preview.sheet == "Export 2016"
    assert preview.header_row == 3
    assert preview.headers == tuple(HEADERS)
    assert preview.mapping["Nom du projet"] == "title"
    assert preview.rows == (
        (
            "IS-001",
            "Groupement textile solidaire",
            "GTS Nouvelle Aquitaine",
            "Mérignac",
            "18354",
            "48 858",
            "01/09/2016",
            "contact@gts.example",
        ),
    )
    assert preview.missing == ()
    assert preview.row_count == 2
    partial = preview_dossiers(
        secretariat(tmp_path), sheet="Export 2016", mapping={"Nom du projet": "free"}
    )
    assert partial.missing == ("title",)
    assert "title" in [field.code for field in DOSSIER_FIELDS]


# --- every refusal ---------------------------------------------------------------------


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert str(import_error(path)) == "export.xlsx n'est pas un classeur Excel (.xlsx) lisible"


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    openpyxl.Workbook().save(path)
    assert str(import_error(path)) == "export.xlsx : le classeur est vide"


def test_empty_sheet(tmp_path: Path) -> None:
    path = secretariat(tmp_path, Vide=[])
    assert (
        str(import_error(path, sheet="Vide"))
        == "export.xlsx, feuille « Vide » : la feuille est vide"
    )


def test_headers_without_rows(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[])
    assert str(import_error(path, sheet="Export 2016")) == (
        "export.xlsx, feuille « Export 2016 », ligne 3 : aucun dossier sous la ligne d'en-tête"
    )


def test_unknown_sheet(tmp_path: Path) -> None:
    assert str(import_error(secretariat(tmp_path), sheet="2017")) == (
        "export.xlsx : pas de feuille « 2017 » (feuilles : « Lisez-moi », « Export 2016 »)"
    )


def test_duplicate_reference(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[*ROWS, ["IS-001", "Doublon", None, None, 10]])
    assert str(import_error(path, sheet="Export 2016")) == (
        "export.xlsx, feuille « Export 2016 », ligne 6, colonne A (N° dossier) : "
        "référence « IS-001 » en double (déjà ligne 4)"
    )


def test_missing_required_field(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[*ROWS, ["IS-003", None, "X", None, 10]])
    assert str(import_error(path, sheet="Export 2016")) == (
        "export.xlsx, feuille « Export 2016 », ligne 6, colonne B (Nom du projet) : "
        "l'intitulé du projet est obligatoire"
    )


def test_missing_required_column(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "export.xlsx", {"Feuil1": [["Code interne", "Projet"], ["A", "B"]]}
    )
    error = import_error(path, mode=Mode.PRIZE)
    assert error.row == 1
    assert error.message == (
        "aucune colonne pour le champ « Référence », obligatoire, parmi « Code interne », "
        '« Projet » ; indiquez laquelle le contient (--map "En-tête=Référence")'
    )
    # the French name the message gives is one --map accepts
    found = read_dossiers(path, mode=Mode.PRIZE, mapping={"Code interne": "Référence"})
    assert [d.ref for d in found.dossiers] == ["A"]


CATEGORY = Category("DUR", "Territoire durable", prizes_cents=(700_000,))


def test_missing_conditional_columns_say_why(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "export.xlsx", {"Feuil1": [["Réf", "Projet"], ["A", "B"]]})
    error = import_error(path, mode=Mode.ENVELOPE)
    assert error.message.startswith(
        "aucune colonne pour le champ « Montant demandé », obligatoire en mode enveloppe"
    )
    assert required_dossier_fields(Mode.ENVELOPE) == ("ref", "title", "requested_cents")
    assert required_dossier_fields(Mode.PRIZE, [CATEGORY]) == ("ref", "title", "category")


def test_natural_headers_are_recognised(tmp_path: Path) -> None:
    headers = ["N° du dossier", "Nom de l'action", "Nom de la structure", "Catégorie visée"]
    path = make_workbook(tmp_path / "export.xlsx", {"Feuil1": [headers, ["A", "B", "C", "DUR"]]})
    found = read_dossiers(path, mode=Mode.PRIZE, categories=[CATEGORY])
    assert found.mapping == {
        "N° du dossier": "ref",
        "Nom de l'action": "title",
        "Nom de la structure": "applicant",
        "Catégorie visée": "category",
    }
    assert found.dossiers[0].category == "DUR"


def test_missing_requested_amount_in_envelope_mode(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[*ROWS, ["IS-003", "P", "X", None, None]])
    error = import_error(path, sheet="Export 2016", mode=Mode.ENVELOPE)
    assert (error.row, error.column, error.header) == (6, "E", "Montant sollicité (€)")
    assert error.message == "le montant demandé est obligatoire en mode enveloppe"
    # In prize mode the amount is optional.
    assert len(read_dossiers(path, sheet="Export 2016", mode=Mode.PRIZE).dossiers) == 3


def test_amount_that_is_not_an_amount(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[*ROWS, ["IS-003", "P", "X", None, "quarante mille"]])
    assert str(import_error(path, sheet="Export 2016")) == (
        "export.xlsx, feuille « Export 2016 », ligne 6, colonne E (Montant sollicité (€)) : "
        "montant illisible : « quarante mille »"
    )


def test_date_in_an_amount_cell(tmp_path: Path) -> None:
    path = secretariat(tmp_path, rows=[*ROWS, ["IS-003", "P", "X", None, dt.datetime(2016, 9, 1)]])
    error = import_error(path, sheet="Export 2016")
    assert (error.row, error.column) == (6, "E")
    assert error.message.startswith("une date n'est pas un montant : « 01/09/2016 »")


def test_unknown_category(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "export.xlsx",
        {
            "Dossiers": [
                ["Référence", "Projet", "Catégorie"],
                ["A", "P", "SERV"],
                ["B", "Q", "Sport"],
            ]
        },
    )
    assert str(import_error(path, mode=Mode.PRIZE, categories=CATEGORIES)) == (
        "export.xlsx, feuille « Dossiers », ligne 3, colonne C (Catégorie) : catégorie inconnue "
        "« Sport » (catégories : SERV (Innovation de services), TERR (Innovation territoriale))"
    )


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ({"Budget": "title"}, "correspondance « Budget=title » : pas de colonne « Budget »"),
        ({"Contact": "email"}, "correspondance « Contact=email » : champ inconnu « email »"),
    ],
)
def test_bad_mapping(tmp_path: Path, mapping: dict[str, str], message: str) -> None:
    error = import_error(secretariat(tmp_path), sheet="Export 2016", mapping=mapping)
    assert error.message.startswith(message)
    with pytest.raises(InputError):
        preview_dossiers(secretariat(tmp_path), sheet="Export 2016", mapping=mapping)


def test_two_columns_for_one_field(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "export.xlsx",
        {"Dossiers": [["Référence", "Projet", "Titre"], ["A", "P", "T"]]},
    )
    error = import_error(path, mode=Mode.PRIZE)
    assert error.message.startswith("les colonnes « Projet » et « Titre » désignent toutes deux")
    result = read_dossiers(path, mode=Mode.PRIZE, mapping={"Titre": "free"})
    assert result.dossiers[0].fields == (("Titre", "T"),)
