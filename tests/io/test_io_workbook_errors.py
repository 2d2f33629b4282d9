"""Every refusal of a campaign workbook names the file, sheet, row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from io_helpers import call_sheet, make_workbook

from juryapp.io.errors import InputError
from juryapp.io.workbook import read_campaign_workbook

GRID = [["Code", "Critère", "Poids", "Max"], ["Q", "Qualité", 1, 20], ["R", "Réalisme", 1, 10]]
CATEGORIES = [["Code", "Catégorie", "Enveloppe"], ["A", "Axe un", 1000], ["B", "Axe deux", 1000]]


def read_error(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        read_campaign_workbook(path)
    return caught.value


def book(tmp_path: Path, **sheets: Any) -> Path:
    content: dict[str, Any] = {"Appel": call_sheet(Nom="Appel", Enveloppe=5000), "Critères": GRID}
    content.update({name.replace("_", " "): rows for name, rows in sheets.items()})
    return make_workbook(tmp_path / "budget.xlsx", content)


# --- scenario 25 ---------------------------------------------------------------------


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    path.write_text("Référence;Projet\nD1;Vélo\n", encoding="utf-8")
    error = read_error(path)
    assert str(error) == "budget.xlsx n'est pas un classeur Excel (.xlsx) lisible"
    assert error.file == "budget.xlsx"


def test_old_xls_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "budget.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert str(read_error(path)) == (
        "budget.xls n'est pas un classeur Excel (.xlsx) lisible "
        "(ancien format .xls : enregistrez-le en .xlsx)"
    )


def test_a_good_workbook_with_another_extension_is_read(tmp_path: Path) -> None:
    path = book(tmp_path)
    renamed = path.rename(tmp_path / "budget.data")
    assert read_campaign_workbook(renamed).campaign.rules.name == "Appel"


def test_missing_file(tmp_path: Path) -> None:
    error = read_error(tmp_path / "absent.xlsx")
    assert str(error).startswith("absent.xlsx : fichier introuvable")


def test_empty_workbook(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    openpyxl.Workbook().save(path)
    assert str(read_error(path)) == "budget.xlsx : le classeur est vide"


def test_duplicate_reference(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        Dossiers=[
            ["Référence", "Projet", "Montant demandé"],
            ["D01", "Vélo", 100],
            ["D02", "Jardin", 100],
            ["d01", "Ressourcerie", 100],
        ],
    )
    error = read_error(path)
    assert str(error) == (
        "budget.xlsx, feuille « Dossiers », ligne 4, colonne A (Référence) : "
        "référence « d01 » en double (déjà ligne 2)"
    )
    assert (error.sheet, error.row, error.column, error.header) == ("Dossiers", 4, "A", "Référence")


def test_amount_in_a_date_cell(tmp_path: Path) -> None:
    path = book(tmp_path, Dossiers=[["Référence", "Projet", "Montant demandé"], ["D01", "Vélo", 1]])
    wb = openpyxl.load_workbook(path)
    cell = wb["Dossiers"]["C2"]
    cell.value = dt.datetime(1919, 2, 28)  # what 7000 shows as in a cell formatted as a date
    cell.number_format = "dd/mm/yyyy"
    wb.save(path)
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Dossiers », ligne 2, colonne C (Montant demandé) : "
        "une date n'est pas un montant : « 28/02/1919 » (la cellule est au format Date)"
    )


# --- the call's settings -------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "row", "message"),
    [
        (
            {"Nom": "A", "Mode": "loterie"},
            2,
            "« loterie » : valeurs possibles « prix » / « enveloppe »",
        ),
        ({"Nom": "A", "Enveloppe": 1, "Échelle": 15}, 3, "échelle « 15 » : 10, 20 ou 100"),
        ({"Nom": "A", "Enveloppe": 1, "Seuil": 25}, 3, "le seuil 25 est hors de l'échelle 0–20"),
        ({"Nom": "A", "Enveloppe": 1, "Taux": "150 %"}, 3, "taux supérieur à 100 % : « 150 % »"),
        (
            {"Nom": "A", "Enveloppe": 1, "Financement partiel": "peut-être"},
            3,
            "« peut-être » : attendu oui ou non",
        ),
        (
            {"Nom": "A", "Enveloppe": 1, "Départage": "critère:XYZ"},
            3,
            "« critère:XYZ » : pas de critère « XYZ » dans la feuille « Critères » (codes : Q, R)",
        ),
        (
            {"Nom": "A", "Enveloppe": 1, "Départage": "vote ; pile ou face"},
            3,
            "étape de départage inconnue « pile ou face »",
        ),
        (
            {"Nom": "A", "Enveloppe": 1, "Réaffectation": "catégorie:ZZ"},
            3,
            "« catégorie:ZZ » : pas de catégorie « ZZ » (aucune catégorie)",
        ),
        (
            {"Nom": "A", "Enveloppe": 1, "Notes minimum": "2,5"},
            3,
            "un nombre entier de jurés, au moins 1, est attendu",
        ),
        (
            {"Nom": "A", "Enveloppe": 1, "Prix": "5 000"},
            3,
            "des prix ne se donnent qu'en mode « prix »",
        ),
        (
            {"Nom": "A", "Mode": "prix", "Prix": "5 000 ; ; 2 000"},
            3,
            "montant vide dans la liste « 5 000 ; ; 2 000 »",
        ),
        (
            {"Nom": "A", "Mode": "enveloppe"},
            None,
            "en mode enveloppe, la clé « Enveloppe » est obligatoire "
            "(ou une enveloppe par catégorie)",
        ),
        ({"Nom": "A", "Enveloppe": 1, "Plafonds": 3}, 3, "clé inconnue « Plafonds »"),
        ({"Nom": ""}, 1, "le nom de l'appel (clé « Nom ») est obligatoire"),
    ],
)
def test_settings_errors(
    tmp_path: Path, settings: dict[str, Any], row: int | None, message: str
) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx", {"Appel": call_sheet(**settings), "Critères": GRID}
    )
    error = read_error(path)
    assert error.sheet == "Appel"
    assert error.row == row
    assert error.message.startswith(message)


def test_prize_mode_needs_prizes_without_categories(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx", {"Appel": call_sheet(Nom="A", Mode="prix"), "Critères": GRID}
    )
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Appel » : en mode prix sans catégories, la clé « Prix » est "
        "obligatoire"
    )


def test_missing_sheet(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "budget.xlsx", {"Appel": call_sheet(Nom="A", Enveloppe=1)})
    assert str(read_error(path)) == (
        "budget.xlsx : feuille « Critères » absente (feuilles du classeur : « Appel », « Jury »)"
    )


def test_duplicate_key(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {"Appel": [["Nom", "A"], ["Enveloppe", 1], ["Envelope", 2]], "Critères": GRID},
    )
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Appel », ligne 3, colonne A : clé « Envelope » en double "
        "(déjà ligne 2)"
    )


# --- criteria, categories, jury, dossiers, conflicts -----------------------------------


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["Q", "Autre", 1, 5], "A", "code « Q » en double (déjà ligne 2)"),
        (["S T", "Autre", 1, 5], "A", "code « S T » : lettres, chiffres"),
        (["Commentaire", "Autre", 1, 5], "A", "« Commentaire » est un en-tête réservé"),
        (["S", None, 1, 5], "B", "l'intitulé du critère est obligatoire"),
        (["S", "Autre", 0, 5], "C", "le poids doit être positif"),
        (["S", "Autre", "lourd", 5], "C", "nombre illisible : « lourd »"),
        (["S", "Autre", 1, None], "D", "la note maximum est obligatoire"),
        (["S", "Autre", 1, 5, 5], "D", "le maximum (5) doit dépasser le minimum (5)"),
        (["S", "Autre", 1, 5, 0, 2], "F", "le pas 2 ne mène pas de 0 à 5"),
        (["S", "Autre", 1, 5, 0, 1, 6], "G", "le seuil 6 est hors de l'échelle 0–5"),
    ],
)
def test_criteria_errors(tmp_path: Path, row: list[Any], column: str, message: str) -> None:
    grid = [["Code", "Critère", "Poids", "Max", "Min", "Pas", "Seuil"], ["Q", "Qualité", 1, 20]]
    # Columns in the file's order: Code, Critère, Poids, Max, Min, Pas, Seuil.
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {"Appel": call_sheet(Nom="A", Enveloppe=1), "Critères": [*grid, row]},
    )
    error = read_error(path)
    assert (error.sheet, error.row, error.column) == ("Critères", 3, column)
    assert error.message.startswith(message)


def test_missing_required_column(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Appel": call_sheet(Nom="A", Enveloppe=1),
            "Critères": [["Code", "Critère", "Max"], ["Q", "Q", 5]],
        },
    )
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Critères », ligne 1 : "
        "colonne « Poids » absente de la ligne d'en-tête"
    )


def test_duplicate_column(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        Dossiers=[["Référence", "Projet", "Project", "Montant demandé"], ["D1", "a", "b", 1]],
    )
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Dossiers », ligne 1, colonne C (Project) : la colonne « Projet » "
        "apparaît deux fois (« Projet » et « Project »)"
    )


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["D2", None, "A", 100], "B", "l'intitulé du projet est obligatoire"),
        ([None, "Vélo", "A", 100], "A", "la référence du dossier est obligatoire"),
        (
            ["D2", "Vélo", "Z", 100],
            "C",
            "catégorie inconnue « Z » (catégories : A (Axe un), B (Axe deux))",
        ),
        (["D2", "Vélo", None, 100], "C", "la catégorie est obligatoire"),
        (["D2", "Vélo", "A", None], "D", "le montant demandé est obligatoire en mode enveloppe"),
        (
            ["D2", "Vélo", "A", 100, "non"],
            "F",
            "le dossier « D2 » n'est pas recevable : le motif est obligatoire",
        ),
        (["D2", "Vélo", "A", 100, "bof"], "E", "« bof » : attendu oui ou non"),
    ],
)
def test_dossier_errors(tmp_path: Path, row: list[Any], column: str, message: str) -> None:
    header = ["Référence", "Projet", "Catégorie", "Montant demandé", "Recevable", "Motif"]
    path = book(
        tmp_path,
        Catégories=CATEGORIES,
        Dossiers=[header, ["D1", "Jardin", "axe deux", 100], row],
    )
    error = read_error(path)
    assert (error.sheet, error.row, error.column) == ("Dossiers", 3, column)
    assert error.message == message


def test_category_in_a_call_without_categories(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        Dossiers=[["Référence", "Projet", "Catégorie", "Montant demandé"], ["D1", "Vélo", "A", 1]],
    )
    assert read_error(path).message == "catégorie « A » : l'appel n'a pas de catégories"


def test_envelope_mode_needs_the_requested_column(tmp_path: Path) -> None:
    path = book(tmp_path, Dossiers=[["Référence", "Projet"], ["D1", "Vélo"]])
    assert str(read_error(path)) == (
        "budget.xlsx, feuille « Dossiers », ligne 1 : colonne « Montant demandé » absente "
        "(obligatoire en mode enveloppe)"
    )


def test_category_rules_follow_the_mode(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Appel": call_sheet(Nom="A", Mode="prix"),
            "Critères": GRID,
            "Catégories": [
                ["Code", "Catégorie", "Prix"],
                ["A", "Axe un", "1 000"],
                ["B", "Axe deux", None],
            ],
        },
    )
    error = read_error(path)
    assert (error.sheet, error.row, error.column) == ("Catégories", 3, "C")
    assert error.message.startswith("en mode prix, la catégorie « B » doit avoir ses prix")


def test_call_prizes_apply_to_categories_without_their_own(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {
            "Appel": call_sheet(Nom="A", Mode="prix", Prix="3 000 ; 1 000"),
            "Critères": GRID,
            "Catégories": [
                ["Code", "Catégorie", "Prix"],
                ["A", "Axe un", "1 000"],
                ["B", "Axe deux", None],
            ],
        },
    )
    campaign = read_campaign_workbook(path).campaign
    assert [c.prizes_cents for c in campaign.categories] == [(100_000,), (300_000, 100_000)]
    assert campaign.rules.envelope_cents == 500_000


def test_category_envelopes_make_the_call_envelope(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "budget.xlsx",
        {"Appel": call_sheet(Nom="A"), "Critères": GRID, "Catégories": CATEGORIES},
    )
    campaign = read_campaign_workbook(path).campaign
    assert campaign.rules.envelope_cents == 200_000
    assert [c.envelope_cents for c in campaign.categories] == [100_000, 100_000]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["J1", "Autre"], "A", "code « J1 » en double (déjà ligne 2)"),
        (["J2", None], "B", "le nom du juré est obligatoire"),
        (["J2", "Bob", "arbitre"], "C", "« arbitre » : valeurs possibles « président »"),
        (["J2", "Bob", None, None, "parti"], "E", "« parti » : valeurs possibles « présent »"),
    ],
)
def test_jury_errors(tmp_path: Path, row: list[Any], column: str, message: str) -> None:
    header = ["Code", "Nom", "Rôle", "Voix", "Présence"]
    path = book(tmp_path, Jury=[header, ["J1", "Alice"], row])
    error = read_error(path)
    assert (error.sheet, error.row, error.column) == ("Jury", 3, column)
    assert error.message.startswith(message)


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["J9", "D1"], "A", "juré inconnu « J9 » (feuille « Jury »)"),
        (["J1", "D9"], "B", "dossier inconnu « D9 » (feuille « Dossiers »)"),
    ],
)
def test_conflict_errors(tmp_path: Path, row: list[Any], column: str, message: str) -> None:
    path = book(
        tmp_path,
        Jury=[["Code", "Nom"], ["J1", "Alice"]],
        Dossiers=[["Référence", "Projet", "Montant demandé"], ["D1", "Vélo", 10]],
        Conflits=[["Juré", "Dossier"], row],
    )
    error = read_error(path)
    assert (error.sheet, error.row, error.column) == ("Conflits", 2, column)
    assert error.message == message


def test_warnings_do_not_stop_the_reading(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        Jury=[["Code", "Nom", "Rôle"], ["J1", "Alice", "président"], ["J2", "Bob", "président"]],
        Dossiers=[
            ["Référence", "Projet", "Montant demandé", "Motif", "SIRET"],
            ["D1", "Vélo", 10, "rien", "123"],
        ],
        Conflits=[["Juré", "Dossier"], ["J1", "D1"], ["J1", "D1"]],
    )
    result = read_campaign_workbook(path)
    assert len(result.campaign.recusals) == 1
    assert result.campaign.dossiers[0].inadmissible_reason == ""
    text = " | ".join(result.warnings)
    assert "plusieurs présidents" in text
    assert "motif « rien » ignoré" in text
    assert "SIRET « 123 »" in text
    assert "en double" in text
