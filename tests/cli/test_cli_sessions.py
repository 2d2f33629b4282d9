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
