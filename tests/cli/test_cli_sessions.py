"""``--session CODE`` on results, decide, close, reopen and export, and ``results --json``'s
``session`` and ``ledger`` (spec/cli.md), on the Nantes Factory year."""

from __future__ import annotations

import json
from pathlib import Path

from tests.plugin.fixtures import Runner
from tests.plugin.years import EUROS, create_year, nantes_year


def test_a_year_session_by_session_from_the_command_line(tmp_path: Path, run: Runner) -> None:
    campaign = str(create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True)))
    status, out, err = run("results", campaign)
    assert status == 0, err
    assert "Comité n° 1 — Revue de projets de mars (S1) — 2024-03-14 — ouvert" in out
    assert "Projets financés dans l'année : 0 / 14 — non atteint" in out
    status, out, err = run("close", campaign, "--session", "S1")
    assert status == 0, err
    assert "Comité S1 clos ; les autres restent ouverts." in out
    status, out, err = run(
        "decide", campaign, "withdraw", "--ref", "S1-2", "--reason", "désistement"
    )
    assert status == 0, err
    status, out, err = run("results", campaign, "--session", "S2", "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["session"] == {
        "code": "S2",
        "name": "Revue de projets de juin",
        "number": 2,
        "date": "2024-06-13",
        "sealed": False,
        "pv_version": 1,
        "envelope_cents": 300_000 * EUROS,
        "available_cents": 320_000 * EUROS,
        "returned_cents": 70_000 * EUROS,
    }
    ledger = data["ledger"]
    assert (ledger["year_envelope_cents"], ledger["spent_cents"], ledger["remaining_cents"]) == (
        900_000 * EUROS,
        210_000 * EUROS,
        690_000 * EUROS,
    )
    assert (ledger["funded_projects"], ledger["minimum_projects"]) == (3, 14)
    assert ledger["sessions"][0] == {
        "code": "S1",
        "sealed": True,
        "awarded_cents": 280_000 * EUROS,
        "returned_cents": 0,
        "carried_over_cents": 20_000 * EUROS,
        "not_consumed_cents": 0,
    }
    assert {d["ref"] for d in data["dossiers"]} == {f"S2-{i}" for i in range(1, 6)}
    status, _out, err = run("decide", campaign, "--session", "S1", "amount", "--ref", "S1-1",
                            "--amount", "1000", "--reason", "x")  # fmt: skip
    assert status == 1
    assert "Le comité S1 est clos" in err
    pv = tmp_path / "pv-s1.pdf"
    status, out, err = run("export", campaign, "--session", "S1", "--minutes", str(pv))
    assert status == 0, err
    assert pv.read_bytes().startswith(b"%PDF")
    status, out, err = run("reopen", campaign, "--session", "S1", "--reason", "erreur")
    assert status == 0, err
    status, out, err = run("verify", campaign)
    assert status == 0, err + out


def test_a_session_named_for_a_call_without_sessions_is_refused(
    poitiers: Path, run: Runner
) -> None:
    status, _out, err = run("results", str(poitiers), "--session", "S1")
    assert status == 1
    assert "L'appel n'a pas de comités" in err


def test_carry_over_from_the_command_line_and_in_the_pv(tmp_path: Path, run: Runner) -> None:
    campaign = str(create_year(tmp_path / "nantes.jury", nantes_year(carry_over=False)))
    status, out, err = run(
        "decide", campaign, "carry-over", "--ref", "S1-5", "--to", "S2", "--reason", "à revoir"
    )
    assert status == 0, err
    assert "Dossier S1-5 reporté au comité S2." in out
    status, out, err = run("results", campaign, "--session", "S2", "--json")
    assert status == 0, err
    assert "S1-5" in {d["ref"] for d in json.loads(out)["dossiers"]}
    pv = tmp_path / "pv-s1.pdf"
    status, out, err = run("export", campaign, "--session", "S1", "--minutes", str(pv))
    assert status == 0, err
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(pv).pages).replace("\n", " ")
    assert "Report du dossier S1-5 « Projet S1-5 » au comité S2" in text


def test_the_years_summary_in_a_workbook_and_a_pdf(tmp_path: Path, run: Runner) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    campaign = str(create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True)))
    for args in (
        ("close", campaign),
        ("decide", campaign, "withdraw", "--ref", "S1-1", "--reason", "désistement"),
        ("close", campaign),
    ):
        status, _out, err = run(*args)
        assert status == 0, err
    book_path, pdf_path = tmp_path / "bilan.xlsx", tmp_path / "bilan.pdf"
    status, _out, err = run("export", campaign, "--year-summary", str(book_path))
    assert status == 0, err
    status, _out, err = run("export", campaign, "--year-summary", str(pdf_path))
    assert status == 0, err
    book = load_workbook(book_path)
    assert book.sheetnames == ["Bilan", "Comités", "Attributions"]
    balance = [[c.value for c in row] for row in book["Bilan"].iter_rows()]
    assert ["Ensemble de l'année", 900_000, 530_000, 370_000] in balance
    # S1's three laureates left and S2's five (S3, open, is a proposal)
    assert ["Projets financés", "8 projets financés pour un minimum de 14\xa0: minimum non atteint",
            None, None] in balance  # fmt: skip
    sessions = [[c.value for c in row] for row in book["Comités"].iter_rows(min_row=2)]
    assert [row[1] for row in sessions] == ["S1", "S2", "S3"]
    assert sessions[0][4:12] == ["clos", 300_000, 0, 300_000, 280_000, 0, 20_000, 0]
    assert sessions[1][4:12] == ["clos", 300_000, 20_000, 320_000, 320_000, 70_000, 0, 0]
    assert sessions[2][4] == "ouvert (proposition)"
    awards = [[c.value for c in row] for row in book["Attributions"].iter_rows(min_row=2)]
    assert awards[0] == [
        "S1", "S1-1", "Projet S1-1", "Porteur S1-1", None, 70_000,
        "retiré depuis\xa0: montant rendu à l'année",
    ]  # fmt: skip
    assert len(awards) == 4 + 5 + 4  # S3's proposal included, marked as such
    text = " ".join(page.extract_text() for page in PdfReader(pdf_path).pages)
    assert "Bilan de l'année" in text and "minimum non atteint" in text
    status, _out, err = run("export", campaign, "--year-summary", str(tmp_path / "x.xlsx"))
    assert status == 0, err


def test_a_year_summary_needs_sessions(poitiers: Path, run: Runner, tmp_path: Path) -> None:
    status, _out, err = run("export", str(poitiers), "--year-summary", str(tmp_path / "b.xlsx"))
    assert status == 1
    assert "appel en comités" in err
    assert not (tmp_path / "b.xlsx").exists()


def test_the_open_data_file_covers_the_year(tmp_path: Path, run: Runner) -> None:
    import csv

    campaign = str(create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True)))
    for args in (
        ("close", campaign),
        ("decide", campaign, "withdraw", "--ref", "S1-1", "--reason", "désistement"),
    ):
        status, _out, err = run(*args)
        assert status == 0, err
    out = tmp_path / "subventions.csv"
    status, _out, err = run("export", campaign, "--opendata", str(out))
    assert status == 0, err
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    # S1's sealed laureates but the one withdrawn since, then S2's (the session exported)
    assert [row["objet"] for row in rows] == [
        *(f"Projet S1-{i}" for i in (2, 3, 4)),
        *(f"Projet S2-{i}" for i in range(1, 6)),
    ]
    assert [row["montant"] for row in rows] == ["70000.00"] * 3 + ["64000.00"] * 5
