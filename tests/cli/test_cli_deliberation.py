"""A whole call through the command line: workbook → campaign → scores → results →
decisions → seal, with the exit codes of shared/spec/cli.md."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from juryapp.store import CampaignFile
from tests.plugin.fixtures import results_json
from tests.plugin.workbooks import GRAND_POITIERS, write_book

SCORES = {  # juror -> ref -> (UTIL, ESS, TERR)
    "J1": {
        "GP-01": (8, 7, 9),
        "GP-02": (8, 7, 9),
        "GP-03": (6, 6.5, 7),
        "GP-04": (9, 8, 8),
        "GP-05": (5, 5, 5),
    },
    "J2": {
        "GP-01": (7, 8, 8),
        "GP-02": (7, 8, 8),
        "GP-03": (7, 7, 7),
        "GP-04": (8, 8, 9),
        "GP-05": (6, 6, 6),
    },
    "J3": {"GP-01": (9, 9, 9), "GP-02": (9, 9, 9), "GP-03": (8, 8, 8), "GP-04": (7, 7, 7)},
}


def score_everything(campaign: Path) -> None:
    with CampaignFile.open(campaign) as file:
        for juror, grids in SCORES.items():
            for ref, (util, ess, terr) in grids.items():
                file.set_scores(juror, ref, {"UTIL": util, "ESS": ess, "TERR": terr}, juror)


def test_a_whole_call_from_workbook_to_results_json(poitiers, run):
    score_everything(poitiers)
    data = results_json(run, poitiers)
    assert set(data) == {
        "campaign",
        "quorum",
        "envelope_cents",
        "awarded_cents",
        "unallocated_cents",
        "categories",
        "dossiers",
        "ties",
        "pending",
    }
    assert data["campaign"]["mode"] == "prix" and data["campaign"]["closed"] is False
    assert data["envelope_cents"] == 2_100_000
    assert [c["code"] for c in data["categories"]] == ["DUR", "CIR", "INC"]
    by_ref = {d["ref"]: d for d in data["dossiers"]}
    assert set(by_ref["GP-01"]) == {
        "ref",
        "title",
        "category",
        "status",
        "rank",
        "score",
        "score_exact",
        "jurors",
        "tie_group",
        "amount_cents",
        "entitlement_cents",
        "reasons",
    }
    # GP-01 and GP-02 have identical grids: a tie in DUR, pending a vote (chain « vote »)
    assert by_ref["GP-01"]["rank"] == by_ref["GP-02"]["rank"] == 1
    tie = data["ties"][0]
    assert tie["refs"] == ["GP-01", "GP-02"] and tie["state"] == "pending"
    assert [p["kind"] for p in data["pending"]] == ["tie"]
    assert by_ref["GP-06"]["status"] == "ineligible" and by_ref["GP-06"]["rank"] is None
    assert by_ref["GP-05"]["jurors"] == 2  # J3 recused
    assert by_ref["GP-03"]["status"] == "laureate" and by_ref["GP-03"]["amount_cents"] == 700_000
    assert by_ref["GP-04"]["score"] == "15.80" and by_ref["GP-04"]["score_exact"] == "79/5"
    # the dossiers are listed pool by pool, laureates first
    assert [d["ref"] for d in data["dossiers"]][:3] == ["GP-01", "GP-02", "GP-03"]


def test_scenario_16_close_is_refused_until_the_vote_is_recorded(poitiers, run):
    score_everything(poitiers)
    status, _, err = run("close", str(poitiers))
    assert status == 1 and "GP-01" in err and "vote" in err
    status, _, err = run(
        "decide",
        str(poitiers),
        "tie",
        "--refs",
        "GP-01,GP-02",
        "--order",
        "GP-02,GP-01",
        "--votes",
        "1,1,0",
        "--reason",
        "vote",
    )
    assert status == 1 and "pas adopté" in err  # 1 pour / 1 contre, no casting vote
    status, _, err = run(
        "decide",
        str(poitiers),
        "tie",
        "--refs",
        "GP-01,GP-02",
        "--order",
        "GP-02,GP-01",
        "--votes",
        "1,1,0",
        "--president",
        "pour",
        "--reason",
        "voix prépondérante de la présidente",
    )
    assert status == 0, err
    data = results_json(run, poitiers)
    by_ref = {d["ref"]: d for d in data["dossiers"]}
    assert (by_ref["GP-02"]["rank"], by_ref["GP-01"]["rank"]) == (1, 2)
    assert by_ref["GP-02"]["amount_cents"] == 700_000 and by_ref["GP-01"]["amount_cents"] == 0
    assert data["ties"][0]["state"] == "broken" and data["pending"] == []
    status, out, err = run("close", str(poitiers))
    assert status == 0, err
    seal = out.strip().split()[-1]
    assert len(seal) == 64
    data = results_json(run, poitiers)
    assert data["campaign"]["closed"] is True and data["campaign"]["seal"] == seal
    # sealed: every write refused, on the command line as in the app
    status, _, err = run(
        "decide", str(poitiers), "withdraw", "--ref", "GP-03", "--reason", "désistement"
    )
    assert status == 1 and "close" in err
    assert run("reopen", str(poitiers))[0] == 2  # a reason is required
    status, out, _ = run("reopen", str(poitiers), "--reason", "erreur matérielle au PV")
    assert status == 0 and "version 2" in out
    assert (
        run("decide", str(poitiers), "withdraw", "--ref", "GP-03", "--reason", "désistement")[0]
        == 0
    )


def test_draw_prints_the_seed_and_the_same_seed_gives_the_same_order(poitiers, run):
    score_everything(poitiers)
    status, out, err = run(
        "decide", str(poitiers), "draw", "--refs", "GP-01,GP-02", "--seed", "424242",
        "--reason", "le jury préfère le sort au vote",
    )  # fmt: skip
    assert status == 0, err
    assert "424242" in out
    order = out.strip().rsplit(":", 1)[1].strip().split(", ")
    data = results_json(run, poitiers)
    ranks = {d["ref"]: d["rank"] for d in data["dossiers"]}
    assert [ranks[ref] for ref in order] == [1, 2]
    assert data["ties"][0]["steps"][0]["seed"] == 424242


def test_an_amount_over_the_prize_pool_is_refused_with_the_reason(poitiers, run):
    score_everything(poitiers)
    before = results_json(run, poitiers)
    status, _, err = run(
        "decide",
        str(poitiers),
        "amount",
        "--ref",
        "GP-03",
        "--amount",
        "9 000",
        "--reason",
        "coup de cœur renforcé",
    )
    assert status == 1 and "Montant refusé" in err and "enveloppe" in err
    assert results_json(run, poitiers) == before
    status, out, err = run(
        "decide",
        str(poitiers),
        "amount",
        "--ref",
        "GP-03",
        "--amount",
        "5 000,00",
        "--reason",
        "montant ajusté",
    )
    assert status == 0 and "5\u202f000,00\u00a0€" in out, err
    data = results_json(run, poitiers)
    cir = next(c for c in data["categories"] if c["code"] == "CIR")
    assert cir["awarded_cents"] == 500_000 and cir["unallocated_cents"] == 200_000


def test_withdrawal_and_no_award(poitiers, run):
    score_everything(poitiers)
    assert (
        run(
            "decide",
            str(poitiers),
            "withdraw",
            "--ref",
            "GP-04",
            "--reason",
            "désistement du porteur",
        )[0]
        == 0
    )
    assert (
        run(
            "decide",
            str(poitiers),
            "no-award",
            "--category",
            "CIR",
            "--reason",
            "aucun projet au niveau",
        )[0]
        == 0
    )
    data = results_json(run, poitiers)
    by_ref = {d["ref"]: d for d in data["dossiers"]}
    assert by_ref["GP-04"]["status"] == "withdrawn"
    assert by_ref["GP-05"]["status"] == "laureate"  # the waiting list moves up
    assert by_ref["GP-03"]["status"] == "not_retained"
    assert run("decide", str(poitiers), "no-award", "--category", "XXX", "--reason", "x")[0] == 1


def test_bad_workbook_is_one_clear_message_and_no_file(tmp_path, run):
    sheets = {**GRAND_POITIERS}
    sheets["Dossiers"] = [
        *GRAND_POITIERS["Dossiers"],
        ("GP-01", "Doublon", "X", "DUR", "oui", "", ""),
    ]
    book = write_book(tmp_path / "doublon.xlsx", sheets)
    status, out, err = run("new", str(tmp_path / "c.jury"), "--from", str(book))
    assert status == 1 and out == ""
    assert "doublon.xlsx" in err and "Dossiers" in err and "GP-01" in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "c.jury").exists()


def test_a_failed_dossier_import_leaves_the_campaign_unchanged(poitiers, tmp_path, run):
    with CampaignFile.open(poitiers) as file:
        before, journal_before = file.load(), len(file.journal())
    sheet = write_book(
        tmp_path / "ajout.xlsx",
        {
            "Dossiers": [
                ("Référence", "Projet", "Catégorie"),
                ("GP-07", "Nouveau projet", "DUR"),
                ("GP-08", "Catégorie inconnue", "ZZZ"),
            ]
        },
    )
    status, _, err = run("dossiers", "import", str(poitiers), str(sheet))
    assert status == 1 and "ligne 3" in err and "ZZZ" in err
    with CampaignFile.open(poitiers) as file:
        assert file.load() == before and len(file.journal()) == journal_before
    ok = write_book(
        tmp_path / "ok.xlsx",
        {
            "Feuil1": [
                ("Réf.", "Nom du projet", "Catégorie", "Territoire"),
                ("GP-07", "Nouveau projet", "DUR", "Poitiers"),
                ("GP-01", "Ressourcerie mobile (v2)", "DUR", ""),
            ]
        },
    )
    status, out, err = run(
        "dossiers",
        "import",
        str(poitiers),
        str(ok),
        "--map",
        "Nom du projet=title",
        "--map",
        "Réf.=ref",
    )
    assert status == 0, err
    assert "1 ajouté(s), 1 mis à jour" in out


def test_verify_detects_a_score_changed_behind_the_apps_back(poitiers, run):
    score_everything(poitiers)
    assert run("verify", str(poitiers))[0] == 0
    with sqlite3.connect(poitiers) as connection:
        connection.execute(
            "UPDATE score SET value = '10' WHERE juror = 'J2' AND ref = 'GP-03' "
            "AND criterion = 'UTIL'"
        )
    status, _, err = run("verify", str(poitiers))
    assert status == 3 and "GP-03" in err


def test_usage_errors_exit_2_and_the_cli_never_loads_qt(poitiers, run):
    assert run("results")[0] == 2
    assert run("decide", str(poitiers), "tie", "--refs", "A,B")[0] == 2
    code = (
        "import sys; from juryapp.cli import main; "
        f"status = main(['results', {str(poitiers)!r}]); "
        "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Territoire durable" in done.stdout


def test_score_sheet_command_writes_a_real_workbook(poitiers, tmp_path, run):
    out = tmp_path / "notes-J2.xlsx"
    status, _, err = run("scores", "sheet", str(poitiers), "--juror", "J2", str(out))
    assert status == 0, err
    from juryapp.io.scoresheet import read_score_sheet

    sheet = read_score_sheet(out)
    assert sheet.identity is not None and sheet.identity.juror == "J2"
    assert [row.ref for row in sheet.rows] == ["GP-01", "GP-02", "GP-03", "GP-04", "GP-05"]
    assert run("scores", "sheet", str(poitiers), "--juror", "J9", str(out))[0] == 1


def test_english_messages(poitiers, run):
    status, out, _ = run("--lang", "en", "results", str(poitiers), "--json")
    assert status == 0 and json.loads(out)["campaign"]["mode"] == "prix"


def test_a_partial_update_keeps_the_columns_the_sheet_does_not_have(poitiers, tmp_path, run):
    """Re-importing a sheet with a few columns updates those, never erases the others."""
    with CampaignFile.open(poitiers) as file:
        before = {d.ref: d for d in file.load().dossiers}["GP-01"]
    assert before.applicant == "Association Ressources"
    assert dict(before.fields) == {"Thème": "réemploi"}
    update = write_book(
        tmp_path / "maj.xlsx",
        {
            "Feuil1": [
                ("Référence", "Projet", "Catégorie", "Territoire"),
                ("GP-01", "Ressourcerie mobile et atelier", "CIR", "Poitiers Sud"),
            ]
        },
    )
    status, out, err = run("dossiers", "import", str(poitiers), str(update))
    assert status == 0 and "1 mis à jour" in out, err
    with CampaignFile.open(poitiers) as file:
        after = {d.ref: d for d in file.load().dossiers}["GP-01"]
    assert after.title == "Ressourcerie mobile et atelier" and after.category == "CIR"
    assert after.applicant == "Association Ressources" and after.admissible
    assert dict(after.fields) == {"Thème": "réemploi", "Territoire": "Poitiers Sud"}


def test_results_reads_the_whole_campaign_once(poitiers, run, monkeypatch):
    """Loading 400,000 scores is most of what ``results`` costs: it is done once."""
    score_everything(poitiers)
    loads = []
    original = CampaignFile.load

    def counted(self, *args, **kwargs):
        loads.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CampaignFile, "load", counted)
    status, out, _ = run("results", str(poitiers), "--json")
    assert status == 0 and json.loads(out)["dossiers"]
    assert len(loads) == 1
