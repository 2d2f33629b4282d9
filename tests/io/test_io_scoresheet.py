"""The score sheet: written blank, filled in with openpyxl, read back."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from io_helpers import make_workbook

import juryapp
from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Criterion, Dossier, Recusal
from juryapp.io.errors import InputError
from juryapp.io.scoresheet import (
    SheetIdentity,
    identity_problem,
    read_score_sheet,
    write_score_sheet,
)

CRITERIA = (
    Criterion("INNO", "Caractère innovant", 30, 5, 0, Fraction(1, 2), description="Nouveauté"),
    Criterion("IMPACT", "Impact social", 50, 20),
    Criterion("ANCRAGE", "Ancrage territorial", 20, 10, 1),
)
DOSSIERS = (
    Dossier("D01", "Atelier vélo solidaire"),
    Dossier("D02", '=HYPERLINK("http://x","y")'),
    Dossier("D05", "Ressourcerie"),
)
FINGERPRINT = grid_fingerprint(CRITERIA, 20)


def blank_sheet(tmp_path: Path, **options: object) -> Path:
    path = tmp_path / "notes-J2.xlsx"
    write_score_sheet(
        path,
        campaign_id="5f1c-uuid",
        campaign_name="Territoire de l'ESS 2023",
        fingerprint=FINGERPRINT,
        criteria=CRITERIA,
        dossiers=DOSSIERS,
        juror_code="J2",
        recusals=[Recusal("J2", "D05", "administrateur"), Recusal("J3", "D01")],
        **options,  # type: ignore[arg-type]
    )
    return path


def test_layout(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(blank_sheet(tmp_path))
    assert wb.sheetnames == ["Notes", "_juryapp"]
    assert wb["_juryapp"].sheet_state == "hidden"
    ws = wb["Notes"]
    assert [c.value for c in ws[1]] == [
        "Juré",
        "Référence",
        "Projet",
        "INNO",
        "IMPACT",
        "ANCRAGE",
        "Commentaire",
        "Déport",
    ]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_row=4, max_col=3)] == [
        ["J2", "D01", "Atelier vélo solidaire"],
        ["J2", "D02", '=HYPERLINK("http://x","y")'],
        ["J2", "D05", "Ressourcerie"],
    ]
    assert ws["C3"].data_type == "s"  # a title is never a formula
    assert [ws.cell(row=r, column=8).value for r in (2, 3, 4)] == [None, None, "oui"]
    assert ws.freeze_panes == "D2"
    note = ws["D1"].comment.text
    assert "Caractère innovant" in note and "Poids : 30" in note and "pas de 0,5" in note
    assert "Nouveauté" in note
    assert ws.protection.sheet is True
    assert ws["B2"].protection.locked is True
    assert ws["D2"].protection.locked is False


def test_data_validation_on_each_criterion_column(tmp_path: Path) -> None:
    ws = openpyxl.load_workbook(blank_sheet(tmp_path))["Notes"]
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert validations["D2:D204"].type == "custom"
    assert validations["D2:D204"].formula1 == "AND(ISNUMBER(D2),D2>=0,D2<=5,MOD(D2*2,1)=0)"
    assert validations["E2:E204"].formula1 == "AND(ISNUMBER(E2),E2>=0,E2<=20,MOD(E2,1)=0)"
    assert validations["F2:F204"].formula1 == "AND(ISNUMBER(F2),F2>=1,F2<=10,MOD((F2-1),1)=0)"
    for letter in "DEF":
        dv = validations[f"{letter}2:{letter}204"]
        assert dv.showErrorMessage and dv.allow_blank
        assert dv.error and dv.error.startswith(ws[f"{letter}1"].value)
    assert validations["H2:H204"].type == "list"
    assert validations["H2:H204"].formula1 == '"oui,non"'


def test_identity_round_trip(tmp_path: Path) -> None:
    path = blank_sheet(tmp_path)
    expected = SheetIdentity(
        campaign_id="5f1c-uuid",
        campaign_name="Territoire de l'ESS 2023",
        fingerprint=FINGERPRINT,
        juror="J2",
        app_version=juryapp.__version__,
        criteria=("INNO", "IMPACT", "ANCRAGE"),
    )
    sheet = read_score_sheet(path)
    assert sheet.identity == expected
    assert sheet.warnings == []
    props = {p.name: p.value for p in openpyxl.load_workbook(path).custom_doc_props.props}
    assert props["juryapp.campaign_id"] == "5f1c-uuid"
    assert props["juryapp.fingerprint"] == FINGERPRINT
    # Without the hidden sheet, the document properties still tell who it is.
    wb = openpyxl.load_workbook(path)
    del wb["_juryapp"]
    wb.save(path)
    assert read_score_sheet(path).identity == expected
    assert identity_problem(expected, campaign_id="5f1c-uuid", fingerprint=FINGERPRINT) is None
    assert "autre campagne" in str(
        identity_problem(expected, campaign_id="other", fingerprint=FINGERPRINT)
    )
    assert "autre version de la grille" in str(
        identity_problem(expected, campaign_id="5f1c-uuid", fingerprint="0000")
    )


def test_filled_in_and_read_back(tmp_path: Path) -> None:
    path = blank_sheet(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Notes"]
    ws["D2"], ws["E2"], ws["F2"], ws["G2"] = 4.5, 15, 5, "Très bon ancrage local"
    ws["D3"], ws["E3"], ws["F3"] = "3,5", "12", "beaucoup"
    # A row typed under the others (the blank rows below keep validation and stay unlocked).
    for column, value in enumerate(["J2", "D07", None, 2, 11, 10, None, "non"], start=1):
        ws.cell(row=5, column=column, value=value)
    wb.save(path)

    sheet = read_score_sheet(path, criteria=CRITERIA)
    assert sheet.criteria == ("INNO", "IMPACT", "ANCRAGE")
    first, second, recused, added = sheet.rows
    assert (first.row_number, first.juror, first.ref) == (2, "J2", "D01")
    assert first.values == {"INNO": Fraction(9, 2), "IMPACT": 15, "ANCRAGE": 5}
    assert first.comment == "Très bon ancrage local"
    assert (first.blank, first.recused, first.problems) == ((), False, [])
    # A bad value is a problem of its row only.
    assert second.values == {"INNO": Fraction(7, 2), "IMPACT": 12}
    assert second.problems == ["colonne F (ANCRAGE) : note illisible : « beaucoup »"]
    assert (recused.ref, recused.recused, recused.values, recused.problems) == ("D05", True, {}, [])
    assert recused.blank == ("INNO", "IMPACT", "ANCRAGE")
    assert (added.row_number, added.ref, added.recused) == (5, "D07", False)
    assert added.values == {"INNO": 2, "IMPACT": 11, "ANCRAGE": 10}


def test_values_off_the_scale_or_step(tmp_path: Path) -> None:
    path = blank_sheet(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Notes"]
    ws["D2"], ws["E2"], ws["F2"] = 4.25, 21, 0
    ws["D3"] = 4
    ws["D4"] = 3  # on a recused dossier
    wb.save(path)
    rows = read_score_sheet(path, criteria=CRITERIA).rows
    assert rows[0].values == {}
    assert rows[0].problems == [
        "colonne D (INNO) : la note 4,25 de INNO ne respecte pas le pas de 0,5",
        "colonne E (IMPACT) : la note 21 de IMPACT est hors de l'échelle 0–20",
        "colonne F (ANCRAGE) : la note 0 de ANCRAGE est hors de l'échelle 1–10",
    ]
    assert rows[1].values == {"INNO": 4} and rows[1].blank == ("IMPACT", "ANCRAGE")
    assert rows[2].problems == ["notes saisies sur un dossier en déport"]


def test_english_headers_and_several_jurors_typed_by_hand(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "paper.xlsx",
        {
            "Scores": [
                ["Juror", "Reference", "inno", "IMPACT", "ANCRAGE", "Comment", "Recused"],
                ["J1", "D01", 4, 12, 7, "ok", None],
                ["J3", "D01", None, None, None, None, "yes"],
                ["J3", "D02", 5, 20, 10, None, "no"],
                [None, None, None, None, None, None, None],
                ["J3", "D02", 1, 1, 1, None, None],
                ["J4", None, 1, 2, 3, None, None],
            ]
        },
    )
    sheet = read_score_sheet(path, criteria=CRITERIA)
    assert sheet.identity is None
    assert len(sheet.warnings) == 1 and "sans identité" in sheet.warnings[0]
    assert sheet.criteria == ("INNO", "IMPACT", "ANCRAGE")
    assert [(r.juror, r.ref) for r in sheet.rows] == [
        ("J1", "D01"),
        ("J3", "D01"),
        ("J3", "D02"),
        ("J3", "D02"),
        ("J4", ""),
    ]
    assert sheet.rows[0].values == {"INNO": 4, "IMPACT": 12, "ANCRAGE": 7}
    assert sheet.rows[1].recused is True
    assert sheet.rows[3].problems == ["J3 / D02 en double (déjà ligne 4)"]
    assert sheet.rows[4].problems == ["référence du dossier manquante"]


def test_without_grid_the_columns_are_taken_as_written(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "paper.xlsx",
        {"Notes": [["Juré", "Référence", "Q1", "Q2"], ["J1", "D1", "4,5", 3]]},
    )
    sheet = read_score_sheet(path)
    assert sheet.criteria == ("Q1", "Q2")
    assert sheet.rows[0].values == {"Q1": Fraction(9, 2), "Q2": 3}


def test_unknown_criterion_column_refuses_the_file(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "paper.xlsx",
        {
            "Notes": [
                ["Juré", "Référence", "INNO", "IMPACT", "ANCRAGE", "BONUS"],
                ["J1", "D01", 4, 12, 7, 1],
            ]
        },
    )
    with pytest.raises(InputError) as caught:
        read_score_sheet(path, criteria=CRITERIA)
    assert str(caught.value) == (
        "paper.xlsx, feuille « Notes », ligne 1, colonne F (BONUS) : critère inconnu "
        "(critères de la grille : INNO, IMPACT, ANCRAGE)"
    )


def test_identity_criteria_are_checked_without_a_grid(tmp_path: Path) -> None:
    path = blank_sheet(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["Notes"]["F1"] = "AUTRE"
    wb.save(path)
    with pytest.raises(InputError) as caught:
        read_score_sheet(path)
    assert caught.value.column == "F"


def test_missing_criterion_column_is_a_warning(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "paper.xlsx",
        {"Notes": [["Juré", "Référence", "INNO", "IMPACT"], ["J1", "D01", 4, 12]]},
    )
    sheet = read_score_sheet(path, criteria=CRITERIA)
    assert any("ANCRAGE" in w for w in sheet.warnings)
    assert sheet.rows[0].blank == ()


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("J2;D01;4", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_score_sheet(path)
    assert str(caught.value) == "notes.xlsx n'est pas un classeur Excel (.xlsx) lisible"


def test_no_notes_sheet(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "notes.xlsx", {"Feuil1": [["Juré", "Référence", "INNO"]]})
    with pytest.raises(InputError) as caught:
        read_score_sheet(path)
    assert str(caught.value) == (
        "notes.xlsx : pas de feuille « Notes » : ce n'est pas une feuille de notes "
        "(feuilles : « Feuil1 »)"
    )


def test_formula_in_a_score_cell(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "notes.xlsx",
        {"Notes": [["Juré", "Référence", "INNO"], ["J1", "D01", "=2+2"], ["J1", "D02", 3]]},
    )
    rows = read_score_sheet(path).rows
    assert rows[0].problems == ["colonne C (INNO) : formule sans valeur calculée « =2+2 »"]
    assert rows[1].values == {"INNO": 3}


def test_english_sheet(tmp_path: Path) -> None:
    path = blank_sheet(tmp_path, lang="en")
    ws = openpyxl.load_workbook(path)["Scores"]
    assert [c.value for c in ws[1]][:3] == ["Juror", "Reference", "Project"]
    assert read_score_sheet(path).rows[2].recused is True
