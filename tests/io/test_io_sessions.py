"""The « Sessions » sheet of a call that runs over a year (rules §12): each session read,
each dossier presented at one (by code or name; blank: the first), every error naming
the file, sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from juryapp.core.model import CallSession
from juryapp.io.errors import InputError
from juryapp.io.workbook import read_campaign_workbook, read_dossiers
from tests.plugin.sessions import NANTES_FACTORY, write_nantes_factory
from tests.plugin.workbooks import write_book


def test_sessions_and_the_session_of_each_dossier_are_read(tmp_path: Path) -> None:
    book = read_campaign_workbook(write_nantes_factory(tmp_path))
    campaign = book.campaign
    assert campaign.sessions == (
        CallSession("S1", "Revue de projets de mars", "2024-03-14", 30_000_000),
        CallSession("S2", "Revue de projets de juin", "2024-06-13", None),
        CallSession("S3", "Revue de projets d'octobre", "", None),
    )
    assert [(d.ref, d.session) for d in campaign.dossiers] == [
        ("NF-01", "S1"),
        ("NF-02", "S2"),  # named by the session's name, case aside
        ("NF-03", "S1"),  # blank: the first session
    ]
    rules = campaign.rules
    assert (rules.year, rules.carry_over, rules.minimum_projects) == (2024, True, 14)
    assert not rules.supported_once
    assert book.warnings == ()


def test_a_call_without_sessions_is_one_session(tmp_path: Path) -> None:
    sheets = {k: v for k, v in NANTES_FACTORY.items() if k != "Sessions"}
    dossiers = [row[:4] for row in NANTES_FACTORY["Dossiers"]]
    path = write_book(tmp_path / "sans.xlsx", {**sheets, "Dossiers": dossiers})
    campaign = read_campaign_workbook(path).campaign
    assert campaign.sessions == ()
    assert {d.session for d in campaign.dossiers} == {None}


@pytest.mark.parametrize(
    ("sheets", "where"),
    [
        (
            {"Dossiers": [*NANTES_FACTORY["Dossiers"][:2], ("NF-09", "X", "Y", "1 000", "S9")]},
            "feuille « Dossiers », ligne 3, colonne E (Session) : comité inconnu « S9 » "
            "(comités : S1 (Revue de projets de mars), S2 (Revue de projets de juin), "
            "S3 (Revue de projets d'octobre))",
        ),
        (
            {"Sessions": [("Code", "Session"), ("S1", "Mars"), ("S1", "Juin")]},
            "feuille « Sessions », ligne 3, colonne A (Code) : code « S1 » en double "
            "(déjà ligne 2)",
        ),
        (
            {"Sessions": [("Code", "Session", "Date"), ("S1", "Mars", "le 14 mars")]},
            "feuille « Sessions », ligne 2, colonne C (Date) : « le 14 mars » : attendu une "
            "date (JJ/MM/AAAA)",
        ),
        (
            {"Sessions": [("Code", "Session", "Enveloppe"), ("S1", "Mars", "300,000")]},
            "feuille « Sessions », ligne 2, colonne C (Enveloppe)",
        ),
        (
            {"Appel": [*NANTES_FACTORY["Appel"], ("Projets minimum", "quatorze")]},
            "clé « Projets minimum » en double",
        ),
    ],
)
def test_errors_name_the_sheet_row_and_column(tmp_path: Path, sheets, where) -> None:
    with pytest.raises(InputError) as refused:
        read_campaign_workbook(write_nantes_factory(tmp_path, **sheets))
    assert str(refused.value).startswith("nantes-factory-2024.xlsx, ")
    assert where in str(refused.value)


def test_a_session_named_without_a_sessions_sheet_is_refused(tmp_path: Path) -> None:
    sheets = {k: v for k, v in NANTES_FACTORY.items() if k != "Sessions"}
    with pytest.raises(InputError) as refused:
        read_campaign_workbook(write_book(tmp_path / "sans.xlsx", sheets))
    assert (
        "feuille « Dossiers », ligne 2, colonne E (Session) : comité « S1 » : l'appel n'a "
        "pas de feuille « Sessions »" in str(refused.value)
    )


def test_bad_year_and_minimum_are_refused(tmp_path: Path) -> None:
    settings = [r for r in NANTES_FACTORY["Appel"] if r[0] not in ("Année", "Projets minimum")]
    for extra, message in (
        (("Année", "2024-25"), "ligne 9, colonne B (Année) : nombre illisible : « 2024-25 »"),
        (("Année", 1024), "ligne 9, colonne B (Année) : une année, ex. 2024, est attendue"),
        (
            ("Projets minimum", 0),
            "ligne 9, colonne B (Projets minimum) : un nombre entier de projets, au moins 1",
        ),
    ):
        with pytest.raises(InputError) as refused:
            read_campaign_workbook(write_nantes_factory(tmp_path, Appel=[*settings, extra]))
        assert message in str(refused.value)


def test_session_envelopes_beyond_the_year_are_pointed_out(tmp_path: Path) -> None:
    sessions = [
        ("Code", "Session", "Enveloppe"),
        ("S1", "Mars", "600 000"),
        ("S2", "Revue de projets de juin", "400 000"),
    ]
    book = read_campaign_workbook(write_nantes_factory(tmp_path, Sessions=sessions))
    assert any("dépassent l'enveloppe de l'année" in w for w in book.warnings)


def test_an_import_places_each_dossier_in_a_session(tmp_path: Path) -> None:
    sessions = read_campaign_workbook(write_nantes_factory(tmp_path)).campaign.sessions
    sheet = write_book(
        tmp_path / "depot.xlsx",
        {"Dossiers": [("Réf", "Projet", "Montant demandé", "Comité"), ("NF-10", "A", "1 000", "s3"),
                      ("NF-11", "B", "2 000", "")]},
    )  # fmt: skip
    read = read_dossiers(sheet, sessions=sessions)
    assert [(d.ref, d.session) for d in read.dossiers] == [("NF-10", "S3"), ("NF-11", "S1")]
