"""The award table: totals are the engine's, amounts are numbers, user text stays text."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from export_fixtures import FORMULA_TITLE, long_campaign, pdf_text, rich_campaign
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from juryapp.core.model import Category
from juryapp.documents.awards import sheet_name, write_awards
from juryapp.documents.minutes import write_minutes
from juryapp.documents.record import DeliberationRecord, record_from_campaign


@pytest.fixture(scope="module")
def record() -> DeliberationRecord:
    return record_from_campaign(rich_campaign())


@pytest.fixture(scope="module")
def book_path(record: DeliberationRecord, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("awards") / "awards.xlsx"
    write_awards(path, record)
    return path


def euros(cents: int) -> Decimal:
    return Decimal(cents) / 100


def value_right_of(ws: Worksheet, label: str, *, column: int | None = None) -> object:
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                return ws.cell(cell.row, column or cell.column + 1).value
    raise AssertionError(f"no cell {label!r}")


def row_of(ws: Worksheet, first: str) -> list[object]:
    for row in ws.iter_rows(values_only=True):
        if row[0] == first:
            return list(row)
    raise AssertionError(first)


def test_sheets(book_path: Path) -> None:
    book = load_workbook(book_path)
    assert book.sheetnames == ["Synthèse", "DEV Développement", "INC Incubation"]


def test_summary_totals_are_the_engines(book_path: Path, record: DeliberationRecord) -> None:
    ws = load_workbook(book_path)["Synthèse"]
    results = record.results
    assert Decimal(str(value_right_of(ws, "Enveloppe totale"))) == euros(results.envelope_cents)
    assert Decimal(str(value_right_of(ws, "Montant attribué"))) == euros(results.awarded_cents)
    assert Decimal(str(value_right_of(ws, "Non attribué"))) == euros(results.unallocated_cents)
    assert results.envelope_cents == 169_157_700
    assert ws.cell(1, 1).value == "Tableau d'attribution — AMI Innovation sociale 2026"
    assert value_right_of(ws, "Autorité qui décide") == "Région Nouvelle-Aquitaine"
    assert value_right_of(ws, "Version du procès-verbal") == "1"
    assert "PROJET" in str(value_right_of(ws, "Sceau (SHA-256)"))
    dev = row_of(ws, "Développement")
    assert dev[1] == "DEV"
    assert [Decimal(str(v)) for v in (dev[3], dev[6], dev[7])] == [
        Decimal("1200000"),
        Decimal("1140000"),
        Decimal("60000"),
    ]
    inc = row_of(ws, "Incubation")
    assert inc[2] == "avance remboursable"
    assert Decimal(str(inc[7])) == Decimal("301577")
    total = row_of(ws, "Total")
    assert Decimal(str(total[6])) == euros(results.awarded_cents)
    assert Decimal(str(total[7])) == euros(results.unallocated_cents)
    assert total[8] == 12
    # numbers in euro format, never formulas
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f"


def test_category_sheet_rows_and_totals(book_path: Path, record: DeliberationRecord) -> None:
    ws = load_workbook(book_path)["DEV Développement"]
    header = [c.value for c in ws[1]]
    assert header == [
        "Rang",
        "Référence",
        "Projet",
        "Porteur",
        "Commune",
        "SIRET",
        "Catégorie",
        "Nature",
        "Note /20",
        "Montant demandé",
        "Droit",
        "Montant attribué",
        "Statut",
    ]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:M8"
    first = [c.value for c in ws[2]]
    assert first[:9] == [
        1,
        "DEV-02",
        "Coopérative des tiers-lieux",
        "SCIC Tiers-Lieux Aquitaine",
        "Pomerol",
        "67895644300011",
        "Développement",
        "subvention",
        Decimal("17.20") if isinstance(first[8], Decimal) else 17.2,
    ]
    assert [Decimal(str(v)) for v in first[9:12]] == [
        Decimal("225000"),
        Decimal("200000"),
        Decimal("200000"),
    ]
    assert ws.cell(2, 12).number_format == "#,##0.00 €"
    assert first[12] == "lauréat"
    waiting = [c.value for c in ws[8]]
    assert waiting[1] == "DEV-08" and waiting[12] == "liste complémentaire"
    assert waiting[11] in (0, Decimal(0))
    awarded = sum(d.amount_cents for d in record.results.dossiers if d.pool == "DEV")
    assert Decimal(str(value_right_of(ws, "Total attribué"))) == euros(awarded)
    assert Decimal(str(value_right_of(ws, "Enveloppe"))) == Decimal("1200000")
    assert Decimal(str(value_right_of(ws, "Non attribué"))) == Decimal("60000")


def test_formula_like_title_stays_text(book_path: Path) -> None:
    ws = load_workbook(book_path)["INC Incubation"]
    cells = [cell for row in ws.iter_rows() for cell in row if cell.value == FORMULA_TITLE]
    assert cells, "the title was not written as text"
    assert all(cell.data_type == "s" for cell in cells)
    computed = load_workbook(book_path, data_only=True)["INC Incubation"]
    assert any(cell.value == FORMULA_TITLE for row in computed.iter_rows() for cell in row)


def test_without_categories_one_laureates_sheet(tmp_path: Path) -> None:
    record = record_from_campaign(long_campaign(30))
    path = tmp_path / "prizes.xlsx"
    write_awards(path, record)
    book = load_workbook(path)
    assert book.sheetnames == ["Synthèse", "Lauréats"]
    ws = book["Lauréats"]
    assert "Catégorie" not in [c.value for c in ws[1]]
    awarded = sum(
        Decimal(str(row[10]))
        for row in ws.iter_rows(min_row=2, values_only=True)
        if row[11] == "lauréat"
    )
    assert awarded == euros(record.results.awarded_cents) == Decimal("10000")


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("A/B: [test]*?", taken) == "A-B- -test---"
    long = sheet_name("X" * 40, taken)
    assert long == "X" * 31
    assert sheet_name("X" * 40, taken) == "X" * 27 + " (2)"
    assert sheet_name("'quoted'", taken) == "quoted"


def test_english_labels(record: DeliberationRecord, tmp_path: Path) -> None:
    path = tmp_path / "en.xlsx"
    write_awards(path, record, "en")
    book = load_workbook(path)
    assert book.sheetnames[0] == "Summary"
    ws = book["Summary"]
    assert Decimal(str(value_right_of(ws, "Amount awarded"))) == euros(record.results.awarded_cents)
    assert row_of(ws, "Incubation")[2] == "repayable advance"


def test_a_category_without_its_own_money(tmp_path: Path) -> None:
    campaign = rich_campaign()
    from dataclasses import replace

    campaign = replace(
        campaign,
        categories=(
            Category("DEV", "Développement"),
            Category("INC", "Incubation"),
        ),
    )
    record = record_from_campaign(campaign)
    path = tmp_path / "merged.xlsx"
    write_awards(path, record)
    ws = load_workbook(path)["Synthèse"]
    assert row_of(ws, "Développement")[3] == "sur l'enveloppe de l'appel"
    assert Decimal(str(row_of(ws, "Total")[6])) == euros(record.results.awarded_cents)


def test_a_category_not_awarded_says_so_on_its_dossiers(tmp_path: Path) -> None:
    from dataclasses import replace

    from juryapp.core.model import NoAward

    campaign = rich_campaign()
    campaign = replace(campaign, decisions=(*campaign.decisions, NoAward("INC", "trop tôt")))
    record = record_from_campaign(campaign)
    path = tmp_path / "awards.xlsx"
    write_awards(path, record)
    ws = load_workbook(path)["INC Incubation"]
    assert ws.cell(2, 3).value == "Catégorie non attribuée par le jury."
    minutes = tmp_path / "pv.pdf"
    write_minutes(minutes, record)
    assert "non retenu (catégorie non attribuée)" in " ".join(pdf_text(minutes).split())
