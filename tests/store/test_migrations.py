"""Schema versions: an older file is backed up and upgraded, a newer one is refused."""

from __future__ import annotations

import json
import sqlite3
import stat
from fractions import Fraction
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from juryapp.core.model import Score
from juryapp.store import CampaignFile, StoreError
from juryapp.store.codec import canonical_json
from juryapp.store.journal import GENESIS, entry_hash
from juryapp.store.migrations import head_revision, known_revisions, upgrade
from juryapp.store.tables import metadata
from tests.plugin.campaigns import small_campaign

AT = "2026-03-01T09:00:00.000000+00:00"
RULES = {
    "name": "Ancien appel", "authority": "", "date": "", "place": "", "mode": "enveloppe",
    "envelope_cents": 1000000, "prizes_cents": [], "cap_cents": None, "rate": None,
    "rate_base": "dépenses éligibles", "floor_cents": 0, "partial_funding": False,
    "after_miss": "arrêt", "cutoff_tie": "prorata", "scale": 20, "threshold": None,
    "aggregation": "moyenne", "normalisation": "aucune", "tie_break": [],
    "reallocation": "aucune", "quorum": "moitié", "majority": "exprimés", "min_scores": 3,
}  # fmt: skip
CRITERION = {
    "code": "INNO", "label": "Innovation", "weight": "1", "max": "5", "min": "0",
    "step": "1/2", "threshold": None, "description": "",
}  # fmt: skip
JUROR = {
    "code": "J1", "name": "Anne", "role": "membre", "votes": True, "attendance": "présent",
    "organisation": "",
}  # fmt: skip
DOSSIER = {
    "ref": "D1", "title": "Un", "applicant": "", "town": "", "category": None,
    "requested_cents": 300000, "total_budget_cents": None, "eligible_expenses_cents": None,
    "admissible": True, "inadmissible_reason": "", "siret": "", "fields": [["Référent", "Zoé"]],
}  # fmt: skip


def make_revision_0001_file(path: Path) -> None:
    """A campaign file as juryapp at schema 0001 wrote it, rows inserted with plain SQL."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as alembic_connection:
        upgrade(alembic_connection, "0001")
    engine.dispose()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(
        "INSERT INTO campaign (id, name, created_at, created_by, app_version, fingerprint, "
        "rules, closed, pv_version) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1)",
        (
            "0b6a4c1e-2f35-4d7a-9c1e-7f0a8a9b1c2d", "Ancien appel", AT, "coordination",
            "0.0.9", "abc", canonical_json(RULES),
        ),
    )  # fmt: skip
    connection.execute(
        "INSERT INTO criterion VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)",
        ("INNO", "Innovation", "1", "5", "0", "1/2", None, ""),
    )
    connection.execute("INSERT INTO juror VALUES ('J1', 0, 'Anne', 'membre', 1, 'présent', '')")
    connection.execute(
        "INSERT INTO dossier VALUES ('D1', 0, 'Un', '', '', NULL, 300000, NULL, NULL, 1, '', "
        "'', ?)",
        (json.dumps([["Référent", "Zoé"]], ensure_ascii=False),),
    )
    connection.execute(
        "INSERT INTO score VALUES ('J1', 'D1', 'INNO', '9/2', ?, 'coordination')", (AT,)
    )
    payload = canonical_json(
        {
            "campaign": {
                "id": "0b6a4c1e-2f35-4d7a-9c1e-7f0a8a9b1c2d", "name": "Ancien appel",
                "fingerprint": "abc", "app_version": "0.0.9",
            },
            "rules": RULES, "criteria": [CRITERION], "categories": [], "jurors": [JUROR],
            "dossiers": [DOSSIER], "scores": [["J1", "D1", "INNO", "9/2"]], "comments": [],
            "recusals": [], "decisions": [],
        }
    )  # fmt: skip
    digest = entry_hash(GENESIS, 1, AT, "coordination", "create", payload)
    connection.execute(
        "INSERT INTO journal VALUES (1, ?, 'coordination', 'create', ?, ?, ?)",
        (AT, payload, GENESIS, digest),
    )
    connection.commit()
    connection.close()


def revision_of(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def test_there_are_three_revisions_at_least() -> None:
    assert {"0001", "0002", "0003"} <= known_revisions()
    assert head_revision() == max(known_revisions())  # numbered in order, the newest is head


def test_the_migrations_build_the_schema_the_tables_describe(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'schema.jury'}")
    with engine.begin() as connection:
        upgrade(connection)
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


def test_an_older_file_is_backed_up_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "ancien.jury"
    make_revision_0001_file(path)
    assert revision_of(path) == "0001"
    with CampaignFile.open(path) as store:
        campaign = store.load()
        assert store.bound_juror is None
        assert store.name == "Ancien appel"
        assert campaign.scores == (Score("J1", "D1", {"INNO": Fraction(9, 2)}),)
        assert campaign.dossiers[0].fields == (("Référent", "Zoé"),)
        assert campaign.dossiers[0].requested_cents == 300000
        report = store.verify()
        assert report.ok, report.problems
        schema = store.journal()[-1]
        assert schema.kind == "schema"
        assert schema.payload["from"] == "0001" and schema.payload["to"] == head_revision()
        # The upgraded file works as any other.
        assert store.set_score("J1", "D1", "INNO", 3, "Anne")
    assert revision_of(path) == head_revision()
    backups = list(tmp_path.glob("ancien.jury.bak-0001-*"))
    assert len(backups) == 1
    assert stat.S_IMODE(backups[0].stat().st_mode) == 0o600
    assert backups[0].name == schema.payload["backup"]
    assert revision_of(backups[0]) == "0001"
    # The backup holds the data as it was before the upgrade.
    copy = sqlite3.connect(backups[0])
    try:
        assert copy.execute("SELECT value FROM score").fetchone()[0] == "9/2"
    finally:
        copy.close()
    # Opening again does not upgrade nor back up again.
    with CampaignFile.open(path):
        pass
    assert len(list(tmp_path.glob("ancien.jury.bak-*"))) == 1


def test_a_file_from_a_newer_version_is_refused_and_left_unchanged(
    campaign_path: Path,
) -> None:
    with CampaignFile.create(campaign_path, small_campaign(), "coordination"):
        pass
    connection = sqlite3.connect(campaign_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099_future'")
    connection.commit()
    connection.close()
    before = campaign_path.read_bytes()
    with pytest.raises(StoreError, match="créé par une version plus récente de juryapp"):
        CampaignFile.open(campaign_path)
    assert campaign_path.read_bytes() == before
    assert list(campaign_path.parent.glob("*.bak-*")) == []


def test_revisions_read_from_the_scripts_agree_with_alembic() -> None:
    """Opening a file reads the revisions from the scripts' text, without Alembic."""
    from alembic.script import ScriptDirectory

    from juryapp.store.migrations import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {s.revision for s in script.walk_revisions()}


def test_an_older_file_takes_an_assignment_after_its_upgrade(tmp_path: Path) -> None:
    """0007 (who scores what, rules §14): a file from before it opens with no assignment,
    behaves as before, then records one and verifies."""
    path = tmp_path / "ancien.jury"
    make_revision_0001_file(path)
    with CampaignFile.open(path) as store:
        assert store.rapporteurs() is None and store.load().rapporteurs is None
        store.assign(
            {"per_dossier": 1, "max_load": None, "institutions": 1, "seed": "5",
             "method": "min-cost-flow"},
            {"D1": ["J1"]},
            "coordination",
        )  # fmt: skip
        rapporteurs = store.rapporteurs()
        assert rapporteurs is not None and rapporteurs.assigned("D1") == ("J1",)
        report = store.verify()
        assert report.ok, report.problems
    assert "0007" in known_revisions()
