"""Roles on the command line: only voting members get a score sheet; the person acting
(``--author``, by default the jury's secretary) is named in the journal and the PV."""

from __future__ import annotations

import getpass
import re
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from juryapp.store import CampaignFile
from tests.plugin.workbooks import GRAND_POITIERS, write_book

from .test_cli_deliberation import score_everything

Run = Callable[..., tuple[int, str, str]]
SECRETARY = "Secrétaire de séance"  # J4 of the Grand Poitiers workbook, without a vote


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


def test_a_score_sheet_only_for_a_voting_member(poitiers: Path, run: Run, tmp_path: Path) -> None:
    status, out, err = run(
        "scores", "sheet", str(poitiers), "--juror", "J1", str(tmp_path / "j1.xlsx")
    )
    assert status == 0, err
    status, out, err = run(
        "scores", "sheet", str(poitiers), "--juror", "J4", str(tmp_path / "j4.xlsx")
    )
    assert status == 1 and out == ""
    assert err.strip() == (
        "juryapp : J4 (Secrétaire de séance, secrétaire) n'a pas voix délibérative : seuls les "
        "membres votants notent, donc ni feuille de notes ni copie de juré (membres votants : "
        "J1, J2, J3)."
    )
    assert not (tmp_path / "j4.xlsx").exists()
    status, _, err = run(
        "--lang", "en", "scores", "sheet", str(poitiers), "--juror", "J4", str(tmp_path / "j4.xlsx")
    )
    assert status == 1 and "has no vote: only voting members score" in err
    assert err.startswith("juryapp: "), "English punctuation: no space before the colon"
    status, _, err = run(
        "scores", "juror-copy", str(poitiers), "--juror", "J4", str(tmp_path / "j4.jury")
    )
    assert status == 1 and "n'a pas voix délibérative" in err


def _decide_tie(run: Run, campaign: Path, *author: str) -> None:
    status, _, err = run(
        "decide", str(campaign), "tie", "--refs", "GP-01,GP-02", "--order", "GP-02,GP-01",
        "--votes", "2,1,0", "--reason", "vote en séance", *author,
    )  # fmt: skip
    assert status == 0, err


def test_the_secretary_named_in_the_workbook_acts_by_default(
    poitiers: Path, run: Run, tmp_path: Path
) -> None:
    account = getpass.getuser()
    score_everything(poitiers)
    _decide_tie(run, poitiers)
    status, _, err = run("close", str(poitiers))
    assert status == 0, err
    with CampaignFile.open(poitiers) as file:
        assert file.journal()[0].author == SECRETARY  # the creation, by ``new``
        assert [d.author for d in file.decisions()] == [SECRETARY]
        assert [s.sealed_by for s in file.seals()] == [SECRETARY]
    pv = tmp_path / "pv.pdf"
    assert run("export", str(poitiers), "--minutes", str(pv))[0] == 0
    text = pdf_text(pv)
    assert re.search(rf"scellée le [^.]* par {SECRETARY}\.", text)
    assert (
        "Qui note seuls les membres ayant voix délibérative notent ; la note d'un membre sans "
        "voix délibérative n'est jamais comptée"
    ) in text
    # the decisions table: motif, vote, then the author
    assert re.search(rf"GP-02 > GP-01\. vote en séance 2 pour, [^.]* exprimés {SECRETARY} ", text)
    if account not in SECRETARY:
        assert f"par {account}" not in text and f" {account} " not in text


def test_author_names_the_person_acting_on_every_writing_command(
    poitiers: Path, run: Run, tmp_path: Path
) -> None:
    score_everything(poitiers)
    president = "Christine Martin"
    _decide_tie(run, poitiers, "--author", president)
    status, _, err = run("close", str(poitiers), "--author", "  Christine   Martin ")
    assert status == 0, err
    status, _, err = run(
        "reopen", str(poitiers), "--reason", "erreur matérielle", "--author", "Paul Durand"
    )
    assert status == 0, err
    status, _, err = run(
        "decide", str(poitiers), "withdraw", "--ref", "GP-03", "--reason", "désistement",
        "--author", "Paul Durand",
    )  # fmt: skip
    assert status == 0, err
    status, _, err = run("close", str(poitiers), "--author", president)
    assert status == 0, err
    with CampaignFile.open(poitiers) as file:
        assert [d.author for d in file.decisions()] == [president, "Paul Durand"]
        seals = file.seals()
        assert [(s.sealed_by, s.reopened_by) for s in seals] == [
            (president, "Paul Durand"),
            (president, None),
        ]
    pv = tmp_path / "pv.pdf"
    assert run("export", str(poitiers), "--minutes", str(pv))[0] == 0
    text = pdf_text(pv)
    assert re.search(rf"Délibération close et scellée le [^.]* par {president}\.", text)
    assert re.search(r"rouverte le \S+ \S+ par Paul Durand : erreur matérielle", text)
    assert re.search(r"Retrait du dossier GP-03 [^.]*\. désistement — Paul Durand ", text)


def test_author_on_the_other_writing_commands(run: Run, tmp_path: Path) -> None:
    book = write_book(tmp_path / "poitiers.xlsx", GRAND_POITIERS)
    campaign = tmp_path / "c.jury"
    assert run("new", str(campaign), "--from", str(book), "--author", "Zoé Agent")[0] == 0
    more = write_book(
        tmp_path / "more.xlsx",
        {"Dossiers": [("Référence", "Projet", "Catégorie"), ("GP-07", "Nouveau", "DUR")]},
    )
    status, _, err = run("dossiers", "import", str(campaign), str(more))
    assert status == 0, err
    status, _, err = run(
        "scores", "sheet", str(campaign), "--juror", "J2", str(tmp_path / "j2.xlsx")
    )
    assert status == 0, err
    status, _, err = run(
        "scores", "merge", str(campaign), str(tmp_path / "j2.xlsx"), "--author", "Léa Coordination"
    )
    assert status == 0, err
    with CampaignFile.open(campaign) as file:
        authors = [(e.kind, e.author) for e in file.journal()]
    assert authors[0][1] == "Zoé Agent"
    assert ("import-dossiers", SECRETARY) in authors or any(
        kind.startswith("import") and who == SECRETARY for kind, who in authors[1:]
    )
    assert authors[-1] == ("merge", "Léa Coordination")


def test_author_before_the_kind_of_decision_is_kept(poitiers: Path, run: Run) -> None:
    status, _, err = run(
        "decide", "--author", "Avant Sous-commande", str(poitiers), "withdraw", "--ref", "GP-03",
        "--reason", "désistement",
    )  # fmt: skip
    assert status == 0, err
    with CampaignFile.open(poitiers) as file:
        assert [d.author for d in file.decisions()] == ["Avant Sous-commande"]


def _with_requests(capped: str | None) -> dict[str, list[tuple[object, ...]]]:
    """The Grand Poitiers call with amounts requested; GP-04 (INC laureate) asks 6 500 €."""
    sheets = {name: list(rows) for name, rows in GRAND_POITIERS.items()}
    if capped is not None:
        sheets["Appel"].append(("Prix plafonné au montant demandé", capped))
    requested = {"GP-04": "6 500", "GP-03": "9 000 €"}
    header, *rows = sheets["Dossiers"]
    sheets["Dossiers"] = [
        (*header, "Montant demandé"),
        *((*row, requested.get(str(row[0]), "")) for row in rows),
    ]
    return sheets


def test_a_prize_is_capped_at_the_amount_requested_in_the_pv_and_award_table(
    run: Run, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    book = write_book(tmp_path / "poitiers.xlsx", _with_requests(None))  # the default: capped
    campaign = tmp_path / "c.jury"
    assert run("new", str(campaign), "--from", str(book))[0] == 0
    score_everything(campaign)
    _decide_tie(run, campaign)
    by_ref = {d["ref"]: d for d in _results(run, campaign)["dossiers"]}
    # INC: GP-04 first, 7 000 € prize capped at its 6 500 € request; GP-03 (CIR) asked more
    assert by_ref["GP-04"]["amount_cents"] == 650_000
    assert by_ref["GP-03"]["amount_cents"] == 700_000
    assert "prix plafonné au montant demandé" in by_ref["GP-04"]["reasons"]
    pv, awards = tmp_path / "pv.pdf", tmp_path / "awards.xlsx"
    status, _, err = run("export", str(campaign), "--minutes", str(pv), "--awards", str(awards))
    assert status == 0, err
    text = pdf_text(pv)
    assert (
        "Prix et montant demandé plafonné : un lauréat ne reçoit jamais plus que le montant "
        "qu'il a demandé"
    ) in text
    assert (
        "GP-04 : prix de 7 000,00 € plafonné au montant demandé, 6 500,00 € ; la différence "
        "(500,00 €) n'est pas attribuée à ce dossier."
    ) in text
    assert "non attribué : 500,00 €" in text
    workbook = load_workbook(awards)
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True) if row}
    plain = " ".join(str(summary["Prix et montant demandé"]).replace("\u202f", " ").split())
    assert plain.startswith("plafonné : un lauréat ne reçoit jamais plus que le montant")
    inc = [
        c for row in workbook["INC Territoire inclusif"].iter_rows(values_only=True) for c in row
    ]
    assert "Prix plafonnés au montant demandé" in inc
    assert any(str(c).startswith("GP-04\u00a0: prix de 7") for c in inc if c)


def test_prizes_not_capped_when_the_workbook_says_non(run: Run, tmp_path: Path) -> None:
    book = write_book(tmp_path / "poitiers.xlsx", _with_requests("non"))
    campaign = tmp_path / "c.jury"
    assert run("new", str(campaign), "--from", str(book))[0] == 0
    score_everything(campaign)
    by_ref = {d["ref"]: d for d in _results(run, campaign)["dossiers"]}
    assert by_ref["GP-04"]["amount_cents"] == 700_000
    pv = tmp_path / "pv.pdf"
    assert run("export", str(campaign), "--minutes", str(pv))[0] == 0
    assert "Prix et montant demandé non plafonné : le prix est attribué en entier" in pdf_text(pv)


def test_a_bad_prize_cap_value_names_file_sheet_row_and_column(run: Run, tmp_path: Path) -> None:
    book = write_book(tmp_path / "poitiers.xlsx", _with_requests("peut-être"))
    status, _, err = run("new", str(tmp_path / "c.jury"), "--from", str(book))
    assert status == 1 and not (tmp_path / "c.jury").exists()
    row = len(GRAND_POITIERS["Appel"]) + 1
    assert err.strip() == (
        f"juryapp : poitiers.xlsx, feuille « Appel », ligne {row}, colonne B (Prix plafonné au "
        "montant demandé) : « peut-être » : attendu oui ou non"
    )


def test_the_template_has_the_prize_cap_setting(run: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert run("template", str(tmp_path / "t.xlsx"))[0] == 0
    rows = list(load_workbook(tmp_path / "t.xlsx")["Appel"].iter_rows(values_only=True))
    found = [row for row in rows if row[0] == "Prix plafonné au montant demandé"]
    assert len(found) == 1 and found[0][2] == "oui"


def _results(run: Run, campaign: Path) -> dict:  # type: ignore[type-arg]
    import json

    status, out, err = run("results", str(campaign), "--json")
    assert status == 0, err
    return json.loads(out)


def test_a_draw_outside_the_declared_chain_needs_a_reason_and_the_pv_says_so(
    poitiers: Path, run: Run, tmp_path: Path
) -> None:
    """Grand Poitiers declares only « vote »: a draw is a departure from the chain."""
    score_everything(poitiers)
    status, out, err = run("decide", str(poitiers), "draw", "--refs", "GP-01,GP-02")
    assert status == 1 and out == ""
    assert err.strip() == (
        "juryapp : Le règlement de l'appel ne prévoit pas le tirage au sort pour départager "
        "les ex aequo (départage déclaré : vote). Le jury peut s'en écarter en indiquant "
        "pourquoi ; le procès-verbal le dira. Indiquez le motif du tirage au sort (--reason)."
    )
    with CampaignFile.open(poitiers) as file:
        assert file.decisions() == []
    status, _, err = run(
        "decide", str(poitiers), "draw", "--refs", "GP-01,GP-02", "--seed", "7",
        "--reason", "voix partagées deux fois, la présidente propose le sort",
    )  # fmt: skip
    assert status == 0, err
    data = _results(run, poitiers)
    kinds = [step["kind"] for step in data["ties"][0]["steps"]]
    assert kinds == ["tirage au sort", "hors chaîne"]
    pv = tmp_path / "pv.pdf"
    assert run("export", str(poitiers), "--minutes", str(pv))[0] == 0
    text = pdf_text(pv)
    assert (
        "Le jury s'est écarté du départage déclaré par l'appel (vote du jury) : tirage au "
        "sort. Motif : voix partagées deux fois, la présidente propose le sort"
    ) in text


def test_a_draw_the_chain_declares_needs_no_reason(run: Run, tmp_path: Path) -> None:
    sheets = {name: list(rows) for name, rows in GRAND_POITIERS.items()}
    sheets["Appel"] = [row for row in sheets["Appel"] if row[0] != "Départage"]
    sheets["Appel"].append(("Départage", "vote ; tirage au sort"))
    book = write_book(tmp_path / "p.xlsx", sheets)
    campaign = tmp_path / "c.jury"
    assert run("new", str(campaign), "--from", str(book))[0] == 0
    score_everything(campaign)
    status, _, err = run("decide", str(campaign), "draw", "--refs", "GP-01,GP-02", "--seed", "7")
    assert status == 0, err
    steps = _results(run, campaign)["ties"][0]["steps"]
    assert [s["kind"] for s in steps] == ["tirage au sort"]


def test_an_order_by_vote_outside_the_chain_says_so(run: Run, tmp_path: Path) -> None:
    """No tie-break declared: ex aequo share; the jury still orders them by a vote, with a
    reason, and the PV says that it departed from the declared rule."""
    sheets = {name: list(rows) for name, rows in GRAND_POITIERS.items()}
    sheets["Appel"] = [row for row in sheets["Appel"] if row[0] != "Départage"]
    book = write_book(tmp_path / "p.xlsx", sheets)
    campaign = tmp_path / "c.jury"
    assert run("new", str(campaign), "--from", str(book))[0] == 0
    score_everything(campaign)
    status, _, err = run(
        "decide", str(campaign), "tie", "--refs", "GP-01,GP-02", "--order", "GP-02,GP-01",
        "--votes", "2,1,0", "--reason", "",
    )  # fmt: skip
    assert status == 1 and "ne prévoit pas un vote du jury" in err
    assert "départage déclaré : aucune : les ex aequo partagent le rang" in err
    _decide_tie(run, campaign)
    pv = tmp_path / "pv.pdf"
    assert run("export", str(campaign), "--minutes", str(pv))[0] == 0
    assert (
        "Le jury s'est écarté du départage déclaré par l'appel (aucun, les ex aequo partagent "
        "le rang) : ordre décidé par le jury. Motif : vote en séance"
    ) in pdf_text(pv)
