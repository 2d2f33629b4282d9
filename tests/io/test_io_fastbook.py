"""The fast score sheet reader (calamine) reads exactly what openpyxl reads."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from io_helpers import make_workbook

from juryapp.core.model import Criterion, Dossier
from juryapp.io import _fastbook
from juryapp.io._fastbook import FastBook, open_book
from juryapp.io.errors import InputError
from juryapp.io.scoresheet import read_score_sheet, write_score_sheet

CRITERIA = (
    Criterion("INNO", "Caractère innovant", 30, 5, 0, Fraction(1, 2)),
    Criterion("IMPACT", "Impact social", 50, 20),
)


def both_ways(path: Path, monkeypatch: pytest.MonkeyPatch, **options: object) -> tuple:
    """(fast reading, openpyxl reading) of the same score sheet, rows as plain tuples."""

    def rows(sheet: object) -> list[tuple]:
        return [
            (r.row_number, r.juror, r.ref, r.values, r.comment, r.blank, r.recused, r.problems)
            for r in sheet.rows  # type: ignore[attr-defined]
        ]

    fast = read_score_sheet(path, **options)  # type: ignore[arg-type]
    with monkeypatch.context() as patch:
        patch.setattr(_fastbook, "_read_exactly", lambda _path: None)
        slow = read_score_sheet(path, **options)  # type: ignore[arg-type]
    return (
        (fast.identity, rows(fast), fast.warnings, fast.criteria, fast.sheet),
        (slow.identity, rows(slow), slow.warnings, slow.criteria, slow.sheet),
    )


def test_our_sheet_is_read_fast_and_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "notes-J1.xlsx"
    write_score_sheet(
        path,
        campaign_id="5f1c-uuid",
        campaign_name="Appel",
        fingerprint="f",
        criteria=CRITERIA,
        dossiers=[Dossier(f"D{i}", f"Projet {i}") for i in range(1, 8)],
        juror_code="J1",
        recusals=[],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Notes"]
    # A number, a decimal number, French text « 12,5 », empty cells, a date, a time,
    # a boolean, text, a fraction, a whole number written as a float, spaces.
    for row, (inno, impact) in enumerate(
        [
            (4, 15),
            (4.5, "12,5"),
            (None, 3),
            (dt.datetime(2026, 3, 1), dt.date(2026, 3, 2)),
            (dt.time(10, 30), True),
            ("beaucoup", "9/2"),
            (5.0, "  7 "),
        ],
        start=2,
    ):
        ws.cell(row=row, column=4, value=inno)
        ws.cell(row=row, column=5, value=impact)
    ws.cell(row=12, column=2, value=1234)  # a reference typed as a number, no juror
    wb.save(path)

    assert isinstance(open_book(path), FastBook)
    fast, slow = both_ways(path, monkeypatch, criteria=CRITERIA)
    assert fast == slow
    problems = [p for row in fast[1] for p in row[7]]
    assert any("une date n'est pas une note" in p for p in problems)
    assert any("note illisible : « beaucoup »" in p for p in problems)
    assert fast[1][0][3] == {"INNO": 4, "IMPACT": 15}
    assert fast[1][1][3] == {"INNO": Fraction(9, 2)}  # « 12,5 » is off IMPACT's step
    assert fast[1][1][7] == [
        "colonne E (IMPACT) : la note 12,5 de IMPACT ne respecte pas le pas de 1"
    ]


def test_a_sheet_typed_by_hand_is_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_workbook(
        tmp_path / "saisie.xlsx",
        {
            "Consignes": [["Remplir la feuille Notes"]],
            "Notes": [
                [],
                ["Juré", "Référence", "INNO", "IMPACT", "Commentaire", "Déport"],
                ["J1", "D1", 3, "12,5", "bien", None],
                [None, None, None, None, None, None],
                ["J1", "D2", None, None, None, "oui"],
                ["J2", "D2", 6, 25, None, "peut-être"],
            ],
        },
    )
    assert isinstance(open_book(path), FastBook)
    fast, slow = both_ways(path, monkeypatch, criteria=CRITERIA)
    assert fast == slow
    assert fast[0] is None  # no identity: the document properties were looked at too


def test_formulas_and_other_files_are_read_by_openpyxl(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "formules.xlsx",
        {"Notes": [["Juré", "Référence", "INNO"], ["J1", "D1", "=2+2"]]},
    )
    assert not isinstance(open_book(path), FastBook)
    sheet = read_score_sheet(path, criteria=CRITERIA)
    assert sheet.rows[0].problems == ["colonne C (INNO) : formule sans valeur calculée « =2+2 »"]
    text = tmp_path / "notes.xlsx"
    text.write_text("pas un classeur", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_score_sheet(text)
    assert "notes.xlsx n'est pas un classeur Excel (.xlsx) lisible" in str(refused.value)
