"""The journal's hash chain and ``verify``: changes made behind juryapp's back are found."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from juryapp.core.model import Attendance, Dossier, OrderTie
from juryapp.store import CampaignFile
from juryapp.store.journal import GENESIS, entry_hash
from tests.plugin.campaigns import full_campaign


def many_changes(store: CampaignFile) -> None:
    for juror in ("J1", "J2", "J3"):
        for ref in ("D1", "D2", "D3"):
            store.set_scores(juror, ref, {"INNO": 3, "IMPACT": 10}, juror)
    store.set_score("J1", "D1", "INNO", "4,5", "J1")
    store.set_comment("J1", "D1", "Très bien", "J1")
    store.recuse("J3", "D3", "conflit", "coordination")
    store.import_dossiers([Dossier("D4", "Quatre")], "coordination", "ajout.xlsx")
    store.set_admissibility("D4", False, "incomplet", "coordination")
    store.set_attendance("J2", Attendance.VIDEO, "coordination")
    decision = store.add_decision(OrderTie(("D1", "D2")), "président")
    store.undo_decision(decision, "président")
    store.add_decision(OrderTie(("D2", "D1"), "vote"), "président")
    store.journal_append("merge", {"files": 2}, "coordination")
    store.close_deliberation("président", b"results")
    store.reopen("Erreur de saisie", "président")
    store.set_score("J2", "D2", "IMPACT", 11, "J2")
    store.close_deliberation("président")


def tamper(path: Path, *statements: str) -> None:
    """Change the file with plain sqlite3, as someone bypassing juryapp would."""
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


@pytest.fixture
def busy_file(campaign_path: Path, store: CampaignFile) -> Path:
    many_changes(store)
    store.close()
    return campaign_path


def test_the_chain_is_intact_after_many_operations(busy_file: Path) -> None:
    with CampaignFile.open(busy_file) as store:
        entries = store.journal()
        report = store.verify()
    assert report.ok, report.problems
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    previous = GENESIS
    for entry in entries:
        assert entry.prev_hash == previous
        assert entry.hash == entry_hash(
            previous, entry.seq, entry.at, entry.author, entry.kind, entry.text
        )
        previous = entry.hash
    assert len(entries) == 24


def test_a_score_changed_with_sqlite_is_named(busy_file: Path) -> None:
    tamper(busy_file, "UPDATE score SET value = '5' WHERE juror = 'J1' AND ref = 'D2'")
    with CampaignFile.open(busy_file) as store:
        report = store.verify()
    assert not report.ok
    text = "\n".join(report.problems)
    assert "table score" in text
    assert "J1 / D2 / INNO" in text and "J1 / D2 / IMPACT" in text
    assert "sceau de la version 2" in text  # the sealed data changed too


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("DELETE FROM recusal", "table recusal : déport (juré / dossier) J3 / D3 absent"),
        (
            "INSERT INTO score VALUES ('J3', 'D3', 'INNO', '5', '2026-01-01', 'x')",
            "J3 / D3 / INNO présent dans le fichier mais absent du journal",
        ),
        ("UPDATE dossier SET title = 'Autre' WHERE ref = 'D2'", "table dossier : dossier D2"),
        ("UPDATE juror SET attendance = 'absent' WHERE code = 'J1'", "table juror : juré J1"),
        ("UPDATE decision SET undone_at = NULL", "table decision : décision 1"),
        ("UPDATE comment SET text = 'Mauvais'", "table comment"),
        ("UPDATE campaign SET rules = replace(rules, '\"scale\":20', '\"scale\":10')", "règles"),
        ("UPDATE seal SET reopen_reason = 'autre'", "table seal : sceau de la version 1"),
        ("UPDATE seal SET document = x'00' WHERE version = 1", "document scellé a été modifié"),
        ("UPDATE dossier SET position = 10 - position", "ordre des lignes"),
    ],
)
def test_rows_changed_behind_the_app_s_back_are_detected(
    busy_file: Path, statement: str, expected: str
) -> None:
    tamper(busy_file, statement)
    with CampaignFile.open(busy_file) as store:
        report = store.verify()
    assert not report.ok
    assert any(expected in problem for problem in report.problems), report.problems


def test_the_journal_refuses_updates_and_deletes(busy_file: Path) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        tamper(busy_file, "UPDATE journal SET author = 'x' WHERE seq = 2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        tamper(busy_file, "DELETE FROM journal WHERE seq = 2")


def test_a_tampered_journal_entry_breaks_the_chain(busy_file: Path) -> None:
    tamper(
        busy_file,
        "DROP TRIGGER journal_no_update",
        "UPDATE journal SET author = 'quelqu''un' WHERE seq = 3",
    )
    with CampaignFile.open(busy_file) as store:
        report = store.verify()
    assert not report.ok
    assert any("l'entrée n° 3" in p and "modifiée" in p for p in report.problems)


def test_a_removed_journal_entry_is_found(busy_file: Path) -> None:
    tamper(busy_file, "DROP TRIGGER journal_no_delete", "DELETE FROM journal WHERE seq = 4")
    with CampaignFile.open(busy_file) as store:
        report = store.verify()
    assert any("n° 4 manquante" in p for p in report.problems)


def test_rewriting_journal_and_table_together_still_breaks_the_chain(busy_file: Path) -> None:
    """Changing a score and its journal payload consistently leaves the hash wrong."""
    tamper(
        busy_file,
        "DROP TRIGGER journal_no_update",
        'UPDATE journal SET payload = replace(payload, \'"IMPACT":"11"\', \'"IMPACT":"19"\') '
        "WHERE kind = 'score'",
        "UPDATE score SET value = '19' WHERE juror = 'J2' AND ref = 'D2' AND criterion = 'IMPACT'",
    )
    with CampaignFile.open(busy_file) as store:
        report = store.verify()
    assert any("modifiée hors de juryapp" in p for p in report.problems)


def test_a_sealed_campaign_verifies_from_a_fresh_open(tmp_path: Path) -> None:
    path = tmp_path / "full.jury"
    with CampaignFile.create(path, full_campaign(), "coordination") as store:
        store.close_deliberation("président", b"%PDF-1.7 ...")
    with CampaignFile.open(path) as store:
        assert store.verify().ok
        assert store.is_closed and store.seal is not None
