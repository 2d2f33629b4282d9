"""Roles on the command line: only voting members get a score sheet; the person acting
(``--author``, by default the jury's secretary) is named in the journal and the PV."""

from __future__ import annotations

import getpass
import re
from collections.abc import Callable
from pathlib import Path

from pypdf import PdfReader

from juryapp.store import CampaignFile

from .conftest import GRAND_POITIERS, write_book
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
