"""Writer helpers on real files: text stays text, amounts are exact euros."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from juryapp.io.xlsx import AMOUNT_FORMAT, write_amount, write_number, write_text

FORMULA_TITLE = '=HYPERLINK("http://x","y")'


def test_write_text_never_writes_a_formula(tmp_path: Path) -> None:
    # Scenario 24, writing side.
    path = tmp_path / "out.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    write_text(ws["A1"], FORMULA_TITLE)
    write_text(ws["A2"], "+33 5 49 52 35 35")
    write_text(ws["A3"], "ligne\x01avec contrôle")
    wb.save(path)

    for data_only in (False, True):
        reloaded = openpyxl.load_workbook(path, data_only=data_only).active
        assert reloaded["A1"].value == FORMULA_TITLE
        assert reloaded["A1"].data_type == "s"
        assert reloaded["A2"].value == "+33 5 49 52 35 35"
        assert reloaded["A3"].value == "ligneavec contrôle"


def test_plain_openpyxl_would_write_a_formula(tmp_path: Path) -> None:
    """Why write_text exists."""
    path = tmp_path / "trap.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = FORMULA_TITLE
    wb.save(path)
    assert openpyxl.load_workbook(path).active["A1"].data_type == "f"


def test_write_amount(tmp_path: Path) -> None:
    path = tmp_path / "amounts.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    write_amount(ws["A1"], 169_157_700)
    write_amount(ws["A2"], 233_334)
    write_amount(ws["A3"], None)
    wb.save(path)
    reloaded = openpyxl.load_workbook(path).active
    assert Decimal(str(reloaded["A1"].value)) == Decimal("1691577")
    assert reloaded["A1"].number_format == AMOUNT_FORMAT == "#,##0.00 €"
    assert Decimal(str(reloaded["A2"].value)) == Decimal("2333.34")
    assert reloaded["A3"].value is None


def test_write_amount_refuses_non_cents() -> None:
    ws = openpyxl.Workbook().active
    with pytest.raises(TypeError):
        write_amount(ws["A1"], 7000.5)  # type: ignore[arg-type]


def test_write_number() -> None:
    ws = openpyxl.Workbook().active
    write_number(ws["A1"], Fraction(9, 2))
    write_number(ws["A2"], Fraction(8, 1))
    write_number(ws["A3"], Fraction(1, 3))
    assert ws["A1"].value == Decimal("4.5")
    assert ws["A2"].value == 8
    assert ws["A3"].value == Decimal("0.333333333")
