"""A call's sessions in the campaign file (rules §12): stored with the dossiers' session,
journaled in the ``create`` entry, checked by ``verify``, sealed only when the call has
sessions (the seals made before still hold), carried by juror copies; older files open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from juryapp.core.model import CallSession
from juryapp.io.errors import InputError
from juryapp.operations.campaign import create_from_workbook, import_dossiers
from juryapp.operations.copies import make_juror_copy
from juryapp.store import CampaignFile
from juryapp.store.state import read_state, seal_document
from tests.plugin.campaigns import small_campaign
from tests.plugin.sessions import write_nantes_factory
from tests.plugin.workbooks import write_book
from tests.store.test_migrations import make_revision_0001_file

SESSIONS = (
    CallSession("S1", "Revue de projets de mars", "2024-03-14", 30_000_000),
    CallSession("S2", "Revue de projets de juin", "2024-06-13", None),
    CallSession("S3", "Revue de projets d'octobre", "", None),
)


@pytest.fixture
def nantes(tmp_path: Path) -> CampaignFile:
    created = create_from_workbook(tmp_path / "nf.jury", write_nantes_factory(tmp_path), None)
    yield created.file
    created.file.close()


def test_sessions_are_stored_journaled_and_sealed(nantes: CampaignFile) -> None:
    campaign = nantes.load()
    assert campaign.sessions == SESSIONS
    assert nantes.load_frame().sessions == SESSIONS
    assert [(d.ref, d.session) for d in campaign.dossiers] == [
        ("NF-01", "S1"), ("NF-02", "S2"), ("NF-03", "S1")
    ]  # fmt: skip
    create = nantes.journal()[0]
    assert [s["code"] for s in create.payload["sessions"]] == ["S1", "S2", "S3"]
    assert nantes.verify().ok
    with nantes.database.read() as connection:
        document = seal_document(read_state(connection), 1, None)
    assert [s["code"] for s in document["sessions"]] == ["S1", "S2", "S3"]
    assert [d["session"] for d in document["dossiers"]] == ["S1", "S2", "S1"]


def test_a_one_session_call_writes_and_seals_as_before(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "a.jury", small_campaign(), "sec") as store:
        assert "sessions" not in store.journal()[0].payload
        with store.database.read() as connection:
            document = seal_document(read_state(connection), 1, None)
        assert "sessions" not in document
        assert all("session" not in d for d in document["dossiers"])
        assert store.load().sessions == ()


def test_a_session_changed_behind_the_app_s_back_is_named(
    nantes: CampaignFile, tmp_path: Path
) -> None:
    path = nantes.path
    nantes.close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE call_session SET envelope_cents = 90000000 WHERE code = 'S2'")
    connection.commit()
    connection.close()
    with CampaignFile.open(path) as store:
        problems = store.verify().problems
    assert any(
        p.startswith("table call_session : comité S2 modifié hors de juryapp") for p in problems
    )


def test_an_import_places_new_dossiers_in_a_session_and_refuses_an_unknown_one(
    nantes: CampaignFile, tmp_path: Path
) -> None:
    sheet = write_book(
        tmp_path / "depot.xlsx",
        {"Dossiers": [("Réf", "Projet", "Montant demandé", "Comité"),
                      ("NF-10", "A", "1 000", "S3"), ("NF-11", "B", "2 000", "")]},
    )  # fmt: skip
    import_dossiers(nantes, sheet, "sec")
    sessions = {d.ref: d.session for d in nantes.load().dossiers}
    assert (sessions["NF-10"], sessions["NF-11"]) == ("S3", "S1")
    # a re-import without the column keeps each dossier's session
    again = write_book(
        tmp_path / "maj.xlsx",
        {"Dossiers": [("Réf", "Projet", "Montant demandé"), ("NF-02", "Cantine", "40 000")]},
    )
    import_dossiers(nantes, again, "sec")
    assert {d.ref: d.session for d in nantes.load().dossiers}["NF-02"] == "S2"
    before = len(nantes.journal())
    bad = write_book(
        tmp_path / "mauvais.xlsx",
        {"Dossiers": [("Réf", "Projet", "Montant demandé", "Session"), ("NF-12", "C", "1", "S7")]},
    )
    with pytest.raises(InputError) as refused:
        import_dossiers(nantes, bad, "sec")
    assert "ligne 2, colonne D (Session) : comité inconnu « S7 »" in str(refused.value)
    assert len(nantes.journal()) == before
    assert nantes.verify().ok


def test_a_juror_copy_carries_the_sessions(nantes: CampaignFile, tmp_path: Path) -> None:
    copy = make_juror_copy(nantes, "J2", tmp_path / "J2.jury", "sec")
    with CampaignFile.open(copy) as opened:
        assert opened.load().sessions == SESSIONS
        assert opened.verify().ok


def test_a_file_from_before_sessions_opens_as_one_session(tmp_path: Path) -> None:
    path = tmp_path / "ancien.jury"
    make_revision_0001_file(path)
    with CampaignFile.open(path) as store:
        campaign = store.load()
        assert campaign.sessions == () and campaign.dossiers[0].session is None
        assert store.verify().ok
