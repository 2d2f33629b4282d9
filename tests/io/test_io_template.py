"""The blank campaign workbook: layout, help notes, and its round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from juryapp.io.columns import SETTINGS
from juryapp.io.errors import InputError
from juryapp.io.workbook import read_campaign_workbook, read_dossiers, write_template

SHEETS_FR = ["Appel", "Critères", "Catégories", "Jury", "Dossiers", "Sessions", "Conflits"]
SHEETS_EN = ["Call", "Criteria", "Categories", "Jury", "Applications", "Sessions", "Conflicts"]


def test_template_layout(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_FR
    call = wb["Appel"]
    keys = [call.cell(row=r, column=1).value for r in range(2, call.max_row + 1)]
    assert keys == [s.french for s in SETTINGS]
    for row in range(2, call.max_row + 1):
        assert call.cell(row=row, column=1).comment is not None
    assert call["C1"].value == "Par défaut"
    for title in SHEETS_FR[1:]:
        ws = wb[title]
        assert ws.freeze_panes == "A2"
        assert ws.max_row == 2, f"one example row in {title}"
        headers = [cell for cell in ws[1] if cell.value is not None]
        assert headers and all(cell.comment is not None for cell in headers), title
        assert all(cell.font.bold for cell in headers)
        assert ws.column_dimensions["A"].width >= 12
    assert [c.value for c in wb["Dossiers"][1]][:3] == ["Référence", "Projet", "Porteur"]
    assert wb["Dossiers"]["F2"].number_format == "#,##0.00 €"
    assert "Territoire de l'ESS" in str(call["B2"].value)


def fill(path: Path, rows: dict[str, list[list[object]]]) -> None:
    """Add real rows under the example of each sheet, as a secretariat would."""
    wb = openpyxl.load_workbook(path)
    for title, lines in rows.items():
        for line in lines:
            wb[title].append(line)
    wb["Appel"]["B2"] = "Prix de l'innovation 2026"
    wb.save(path)


def test_the_template_as_it_is_is_refused_naming_the_example_row(tmp_path: Path) -> None:
    """The example rows are never imported: the blank template has no criterion."""
    path = tmp_path / "modele.xlsx"
    write_template(path)
    with pytest.raises(InputError) as caught:
        read_campaign_workbook(path)
    error = caught.value
    assert (error.sheet, error.row) == ("Critères", 2)
    assert "aucun critère" in error.message and "exemple du modèle" in error.message


def test_example_rows_left_in_place_are_skipped_and_said(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    fill(
        path,
        {
            "Critères": [["QUAL", "Qualité du projet", 60, 0, 10, 1], ["IMP", "Impact", 40, 0, 10]],
            "Catégories": [["EMP", "Emploi", None, "5 000"]],
            "Jury": [["J1", "Claire Moreau", "président"], ["J2", "Paul Girard"]],
            "Dossiers": [["P-01", "Recyclerie", "Ressources", "Poitiers", "EMP", 5000]],
            "Conflits": [["J2", "P-01", "adhérent"]],
        },
    )
    book = read_campaign_workbook(path)
    campaign = book.campaign
    assert [c.code for c in campaign.criteria] == ["QUAL", "IMP"]
    assert [c.code for c in campaign.categories] == ["EMP"]
    assert [j.name for j in campaign.jurors] == ["Claire Moreau", "Paul Girard"]
    assert [d.ref for d in campaign.dossiers] == ["P-01"]
    assert campaign.dossiers[0].fields == ()  # « Exemple » is not a free field
    assert [(r.juror, r.ref) for r in campaign.recusals] == [("J2", "P-01")]
    skipped = [w for w in book.warnings if "exemple" in w]
    assert skipped == [
        f"feuille « {sheet} », ligne 2 : ligne d'exemple du modèle, ignorée "
        "(elle n'est jamais importée)"
        for sheet in ("Critères", "Catégories", "Jury", "Sessions", "Dossiers", "Conflits")
    ]


def test_the_example_rows_look_like_examples(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    wb = openpyxl.load_workbook(path)
    dossiers = wb["Dossiers"]
    assert dossiers["A2"].value == "EXEMPLE-1"
    assert wb["Conflits"]["B2"].value == "EXEMPLE-1"
    for title in SHEETS_FR[1:]:
        ws = wb[title]
        last = ws.max_column
        assert ws.cell(row=1, column=last).value == "Exemple", title
        assert ws.cell(row=2, column=last).value == "exemple", title
        assert ws.cell(row=2, column=1).font.italic, title


def test_a_dossier_import_skips_the_example_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    fill(path, {"Dossiers": [["P-01", "Recyclerie", "Ressources", "Poitiers", "", 5000]]})
    read = read_dossiers(path, sheet="Dossiers")
    assert [d.ref for d in read.dossiers] == ["P-01"]
    assert read.warnings[0].startswith("feuille « Dossiers », ligne 2 : ligne d'exemple")
    assert "Exemple" not in read.mapping or read.mapping["Exemple"] == "ignore"


def test_a_reference_starting_with_exemple_is_an_example_even_without_the_marker(
    tmp_path: Path,
) -> None:
    path = tmp_path / "depot.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Référence", "Projet", "Montant demandé"])
    ws.append(["Exemple 1", "Projet pour voir", 1000])
    ws.append(["A-1", "Vrai projet", 2000])
    wb.save(path)
    read = read_dossiers(path)
    assert [d.ref for d in read.dossiers] == ["A-1"]
    assert "ligne 2" in read.warnings[0]


def test_only_the_example_dossier_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "modele.xlsx"
    write_template(path)
    with pytest.raises(InputError) as caught:
        read_dossiers(path, sheet="Dossiers")
    assert (caught.value.sheet, caught.value.row) == ("Dossiers", 2)
    assert "aucun dossier" in caught.value.message


def test_english_template_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_EN
    assert wb["Applications"]["A1"].value == "Reference"
    assert wb["Call"]["A2"].value == "Name"
    assert wb["Applications"].cell(row=2, column=wb["Applications"].max_column).value == "example"
    wb["Criteria"].append(["QUAL", "Quality", 1, 0, 10])
    wb["Categories"].append(["DUR", "Sustainable", None, "7 000"])
    wb["Jury"].append(["J1", "Claire Moreau"])
    wb["Applications"].append(["P-01", "Recyclerie", "", "", "DUR"])
    wb.save(path)
    book = read_campaign_workbook(path)
    campaign = book.campaign
    assert campaign.rules.name == "Territoire de l'ESS 2023"
    assert [d.title for d in campaign.dossiers] == ["Recyclerie"]
    assert sum("exemple" in w for w in book.warnings) == 6
