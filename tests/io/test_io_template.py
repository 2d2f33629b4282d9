"""The blank campaign workbook: layout, help notes, and its round trip."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from juryapp.core.model import Mode, Role
from juryapp.io.columns import SETTINGS
from juryapp.io.workbook import read_campaign_workbook, write_template

SHEETS_FR = ["Appel", "Critères", "Catégories", "Jury", "Dossiers", "Conflits"]
SHEETS_EN = ["Call", "Criteria", "Categories", "Jury", "Applications", "Conflicts"]


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


def test_template_round_trip_gives_the_example_campaign(tmp_path: Path) -> None:
    """Decision: the example rows form a complete campaign, so reading the blank
    template back gives it (Grand Poitiers, one category, one juror, one dossier)."""
    path = tmp_path / "modele.xlsx"
    write_template(path)
    book = read_campaign_workbook(path)
    campaign = book.campaign
    assert campaign.rules.name == "Territoire de l'ESS 2023"
    assert campaign.rules.authority == "Grand Poitiers Communauté urbaine"
    assert campaign.rules.mode is Mode.PRIZE
    assert campaign.rules.envelope_cents == 700_000  # the sum of the prizes
    assert campaign.rules.scale == 20
    assert [c.code for c in campaign.criteria] == ["INNO"]
    assert campaign.criteria[0].step == pytest.approx(0.5)
    assert [(c.code, c.prizes_cents) for c in campaign.categories] == [("DUR", (700_000,))]
    assert campaign.jurors[0].role is Role.PRESIDENT
    assert campaign.dossiers[0].ref == "GP-01"
    assert campaign.dossiers[0].requested_cents == 700_000
    assert campaign.dossiers[0].category == "DUR"
    assert [(r.juror, r.ref) for r in campaign.recusals] == [("J1", "GP-01")]
    assert book.warnings == ()


def test_english_template_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "template.xlsx"
    write_template(path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_EN
    assert wb["Applications"]["A1"].value == "Reference"
    assert wb["Call"]["A2"].value == "Name"
    campaign = read_campaign_workbook(path).campaign
    assert campaign.rules.name == "Territoire de l'ESS 2023"
    assert campaign.dossiers[0].title.startswith("Atelier vélo")
