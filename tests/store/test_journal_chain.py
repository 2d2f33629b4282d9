"""The journal's hash chain, entry by entry: the exact hashed text, and each way of
breaking the chain named by ``check_chain``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Connection, create_engine

from juryapp.store.journal import (
    GENESIS,
    JournalEntry,
    append,
    append_text,
    check_chain,
    entry_hash,
    iter_entries,
)

AT = "2026-03-14T10:00:00"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def connection() -> Iterator[Connection]:
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE journal (seq INTEGER PRIMARY KEY, at TEXT, author TEXT, kind TEXT, "
            "payload TEXT, prev_hash TEXT, hash TEXT)"
        )
        yield connection
    engine.dispose()


def test_genesis_is_sixty_four_zeros():
    assert GENESIS == "0" * 64


def test_the_hash_covers_the_previous_hash_and_the_canonical_body():
    body = (
        '{"at":"2026-03-14T10:00:00","author":"Présidente","kind":"score",'
        '"payload":{"note":"9/2"},"seq":1}'
    )
    expected = sha256(GENESIS + body)
    assert entry_hash(GENESIS, 1, AT, "Présidente", "score", '{"note":"9/2"}') == expected
    # each field changes the hash
    others = {
        entry_hash("1" * 64, 1, AT, "Présidente", "score", '{"note":"9/2"}'),
        entry_hash(GENESIS, 2, AT, "Présidente", "score", '{"note":"9/2"}'),
        entry_hash(GENESIS, 1, AT + "Z", "Présidente", "score", '{"note":"9/2"}'),
        entry_hash(GENESIS, 1, AT, "Secrétaire", "score", '{"note":"9/2"}'),
        entry_hash(GENESIS, 1, AT, "Présidente", "seal", '{"note":"9/2"}'),
        entry_hash(GENESIS, 1, AT, "Présidente", "score", '{"note":"5"}'),
    }
    assert len(others) == 6
    assert expected not in others


def test_appended_entries_are_chained_from_genesis(connection: Connection):
    assert append(connection, "create", {"b": 2, "a": "é"}, "Secrétaire", AT) == 1
    assert append_text(connection, "merge", '{"files":2}', "Secrétaire", AT) == 2
    entries = list(iter_entries(connection))
    first, second = entries
    assert first == JournalEntry(
        1,
        AT,
        "Secrétaire",
        "create",
        {"a": "é", "b": 2},
        '{"a":"é","b":2}',
        GENESIS,
        entry_hash(GENESIS, 1, AT, "Secrétaire", "create", '{"a":"é","b":2}'),
    )
    assert second.seq == 2
    assert second.prev_hash == first.hash
    assert second.hash == entry_hash(first.hash, 2, AT, "Secrétaire", "merge", '{"files":2}')
    assert second.payload == {"files": 2}
    assert check_chain(entries) == []


def test_a_payload_that_is_not_a_json_object_is_read_as_unreadable(connection: Connection):
    append_text(connection, "odd", "[1, 2]", "X", AT)
    append_text(connection, "odd", "not json", "X", AT)
    first, second = iter_entries(connection)
    assert first.payload == {"unreadable": "[1, 2]"}
    assert second.payload == {"unreadable": "not json"}
    assert check_chain([first, second]) == []


def chain(count: int) -> list[JournalEntry]:
    entries = []
    previous = GENESIS
    for seq in range(1, count + 1):
        text = f'{{"n":{seq}}}'
        digest = entry_hash(previous, seq, AT, "X", "k", text)
        entries.append(JournalEntry(seq, AT, "X", "k", {"n": seq}, text, previous, digest))
        previous = digest
    return entries


def test_an_intact_chain_has_no_problem():
    assert check_chain(chain(4)) == []


def test_an_empty_journal_is_a_problem():
    assert check_chain([]) == ["journal : vide (la création de la campagne n'est pas enregistrée)"]


def test_a_missing_entry_is_named_and_the_check_stops_there():
    entries = chain(4)
    assert check_chain([entries[0], entries[2], entries[3]]) == [
        "journal : entrée n° 2 manquante (n° 3 trouvée à sa place)"
    ]
    assert check_chain(entries[1:]) == ["journal : entrée n° 1 manquante (n° 2 trouvée à sa place)"]


def test_a_modified_entry_is_named_with_its_kind_and_date():
    entries = chain(3)
    entries[1] = replace(entries[1], text='{"n":20}')
    assert check_chain(entries) == [
        "journal : l'entrée n° 2 (k, 2026-03-14T10:00:00) a été modifiée hors de juryapp"
    ]


def test_an_entry_chained_to_another_predecessor_is_named():
    """Entry 2 rebuilt with its own valid hash over a wrong predecessor: its hash is right,
    its link is not; entry 3 still points at the old entry 2's hash."""
    entries = chain(3)
    wrong_previous = "f" * 64
    rebuilt = entry_hash(wrong_previous, 2, AT, "X", "k", entries[1].text)
    entries[1] = replace(entries[1], prev_hash=wrong_previous, hash=rebuilt)
    assert check_chain(entries) == [
        "journal : l'entrée n° 2 n'est pas chaînée à la précédente",
        "journal : l'entrée n° 3 n'est pas chaînée à la précédente",
    ]


def test_a_first_entry_not_chained_to_genesis_is_named():
    entries = chain(1)
    rebuilt = entry_hash("a" * 64, 1, AT, "X", "k", entries[0].text)
    entries[0] = replace(entries[0], prev_hash="a" * 64, hash=rebuilt)
    assert check_chain(entries) == ["journal : l'entrée n° 1 n'est pas chaînée à la précédente"]
