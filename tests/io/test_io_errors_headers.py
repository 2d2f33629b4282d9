"""InputError's one-line message, and header matching."""

from __future__ import annotations

import pickle

import pytest

from juryapp.io.errors import InputError
from juryapp.io.headers import Column, match_columns, normalise_header
from juryapp.io.xlsx import neutralise_csv


def test_message_names_file_sheet_row_and_column() -> None:
    error = InputError(
        "montant illisible : « 7,000,00 »",
        file="budget.xlsx",
        sheet="Dossiers",
        row=7,
        column="F",
        header="Montant demandé",
    )
    assert str(error) == (
        "budget.xlsx, feuille « Dossiers », ligne 7, colonne F (Montant demandé) : "
        "montant illisible : « 7,000,00 »"
    )
    assert (error.file, error.sheet, error.row, error.column, error.header) == (
        "budget.xlsx",
        "Dossiers",
        7,
        "F",
        "Montant demandé",
    )


def test_not_a_workbook_message() -> None:
    error = InputError.not_a_workbook("budget.xlsx")
    assert str(error) == "budget.xlsx n'est pas un classeur Excel (.xlsx) lisible"
    assert error.file == "budget.xlsx"


def test_error_survives_pickling() -> None:
    error = InputError("x", file="a.xlsx", sheet="S", row=2, column="B", header="H")
    copy = pickle.loads(pickle.dumps(error))
    assert str(copy) == str(error)
    assert copy.row == 2


@pytest.mark.parametrize(
    "header",
    [
        "Montant demandé",
        "montant demande",
        "  MONTANT DEMANDÉ  ",
        "Montant demandé (€)",
        "Montant demandé (en €)",
        "Montant demandé €",
        "Montant demandé (EUR)",
        "Montant demandé [Requested]",
        "Requested",
        "requested (€)",
        "Montant\u00a0demandé",
    ],
)
def test_header_variants(header: str) -> None:
    column = Column("requested_cents", "Montant demandé", "Requested")
    assert column.matches(header)


def test_normalise_keeps_words_apart() -> None:
    assert normalise_header("Éligible") != normalise_header("Dépenses éligibles")
    assert normalise_header("Taux (%)") == "taux"
    assert normalise_header(None) == ""
    assert normalise_header("Coût d’opération") == "cout d'operation"


def test_match_columns_reports_unknown_in_order() -> None:
    columns = (Column("ref", "Référence", "Reference"), Column("title", "Projet", "Project"))
    known, unknown = match_columns(["Reference", "Site web", None, "PROJET", "Note"], columns)
    assert {i: c.field for i, c in known.items()} == {0: "ref", 3: "title"}
    assert unknown == [1, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+33 5 49", "'+33 5 49"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Atelier vélo", "Atelier vélo"),
        ("", ""),
    ],
)
def test_neutralise_csv(text: str, expected: str) -> None:
    assert neutralise_csv(text) == expected
