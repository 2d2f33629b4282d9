"""Creating and opening campaign files: round trip, permissions, settings, refusals."""

from __future__ import annotations

import os
import sqlite3
import stat
import uuid
from fractions import Fraction
from pathlib import Path

import pytest

from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Dossier, Score
from juryapp.store import CampaignFile, StoreError
from juryapp.store import connection as connection_module
from juryapp.store.errors import DamagedFileError, translate_error
from tests.plugin.campaigns import full_campaign, small_campaign


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_full_campaign_round_trip(campaign_path: Path) -> None:
    campaign = full_campaign()
    with CampaignFile.create(campaign_path, campaign, "coordination") as store:
        assert store.load() == campaign
        identifier = store.campaign_id
    with CampaignFile.open(campaign_path) as store:
        loaded = store.load()
        assert loaded == campaign
        assert store.campaign_id == identifier
        assert uuid.UUID(identifier).version == 4
        assert store.name == campaign.rules.name
        assert store.fingerprint == grid_fingerprint(campaign.criteria, campaign.rules.scale)
        assert store.bound_juror is None
        assert not store.is_closed
        assert store.seal is None
        assert store.pv_version == 1
    # Exact values come back with their types.
    assert loaded.rules.threshold == Fraction(21, 2)
    assert isinstance(loaded.criteria[2].weight, Fraction)
    assert loaded.scores[0].values["INNO"] == Fraction(9, 2)
    assert type(loaded.scores[0].values["IMPACT"]) is int
    assert loaded.dossiers[0].fields[1] == ("Note interne", '=HYPERLINK("x","y")')


def test_name_bound_juror_and_identity_can_be_given(tmp_path: Path) -> None:
    identifier = str(uuid.uuid4())
    path = tmp_path / "copie-J2.jury"
    with CampaignFile.create(
        path, small_campaign(), "coordination", "Copie de Bruno",
        bound_juror="J2", campaign_id=identifier,
    ) as store:  # fmt: skip
        assert store.name == "Copie de Bruno"
        assert store.bound_juror == "J2"
        assert store.campaign_id == identifier
        assert store.verify().ok


def test_files_are_private_to_their_owner(campaign_path: Path) -> None:
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as store:
        store.set_score("J1", "D1", "INNO", 3, "Anne")
        assert mode(campaign_path) == 0o600
        for suffix in ("-wal", "-shm"):
            side = Path(f"{campaign_path}{suffix}")
            if side.exists():
                assert mode(side) == 0o600
        store.close_deliberation("coordination")
    backups = list(campaign_path.parent.glob("appel.jury.bak-*"))
    assert len(backups) == 1
    assert mode(backups[0]) == 0o600


def test_every_connection_uses_wal_foreign_keys_and_full_sync(store: CampaignFile) -> None:
    with store.database.read() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar() == 1
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
    raw = sqlite3.connect(store.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_foreign_keys_are_enforced(store: CampaignFile) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), store.database.write() as connection:
        connection.exec_driver_sql(
            "INSERT INTO score VALUES ('NOBODY', 'D1', 'INNO', '3', 'x', 'y')"
        )


def test_create_never_overwrites(campaign_path: Path) -> None:
    campaign_path.write_bytes(b"precious")
    with pytest.raises(StoreError, match="existe déjà"):
        CampaignFile.create(campaign_path, small_campaign(), "coordination")
    assert campaign_path.read_bytes() == b"precious"


def test_create_refuses_a_stale_wal_beside_the_file(campaign_path: Path) -> None:
    Path(f"{campaign_path}-wal").write_bytes(b"old")
    with pytest.raises(StoreError, match=r"appel\.jury-wal"):
        CampaignFile.create(campaign_path, small_campaign(), "coordination")
    assert not campaign_path.exists()


def test_create_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dossier introuvable"):
        CampaignFile.create(tmp_path / "nope" / "a.jury", small_campaign(), "coordination")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"dossiers": (Dossier("D1", "Un", category="XYZ"),)},
            "catégorie inconnue",
        ),
        ({"dossiers": (Dossier("D1", "Un"), Dossier("D1", "Bis"))}, "apparaît deux fois"),
        ({"scores": (Score("J1", "D1", {"INNO": Fraction(1, 3)}),)}, "pas"),
        ({"scores": (Score("J1", "D1", {"INNO": 6}),)}, "hors de l'échelle"),
        ({"scores": (Score("J9", "D1", {"INNO": 1}),)}, "Juré inconnu"),
        ({"scores": (Score("J1", "D1", {"NOPE": 1}),)}, "critère inconnu"),
        ({"criteria": ()}, "au moins un critère"),
    ],
)
def test_an_inconsistent_campaign_is_refused_and_no_file_is_left(
    campaign_path: Path, change: dict[str, object], message: str
) -> None:
    campaign = small_campaign()
    fields = {name: getattr(campaign, name) for name in campaign.__dataclass_fields__}
    fields.update(change)
    with pytest.raises(StoreError, match=message):
        CampaignFile.create(campaign_path, type(campaign)(**fields), "coordination")
    assert not campaign_path.exists()


def test_author_is_required(campaign_path: Path) -> None:
    with pytest.raises(StoreError, match="auteur"):
        CampaignFile.create(campaign_path, small_campaign(), "  ")


def test_a_garbage_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "pas-une-campagne.jury"
    path.write_bytes(b"PK\x03\x04 this is a zip, not SQLite" * 100)
    with pytest.raises(StoreError, match=r"pas-une-campagne\.jury") as caught:
        CampaignFile.open(path)
    assert "n'est pas un fichier de campagne" in str(caught.value)


def test_a_damaged_database_is_refused(campaign_path: Path) -> None:
    with CampaignFile.create(campaign_path, full_campaign(), "coordination"):
        pass
    data = bytearray(campaign_path.read_bytes())
    page = 4096
    # Scramble the middle of the second page (a b-tree page) but keep the header.
    data[page + 8 : page + 2000] = os.urandom(1992)
    campaign_path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match=r"appel\.jury"):
        CampaignFile.open(campaign_path)


def test_another_sqlite_file_is_not_a_campaign_and_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "autre.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE t (x)")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="n'est pas un fichier de campagne juryapp"):
        CampaignFile.open(path)
    assert path.read_bytes() == before


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="introuvable"):
        CampaignFile.open(tmp_path / "absent.jury")


def test_a_locked_file_is_a_known_error(
    campaign_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT", 0.05)
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as store:
        other = sqlite3.connect(campaign_path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(StoreError, match="verrouillé"):
                store.set_score("J1", "D1", "INNO", 3, "Anne")
            other.execute("ROLLBACK")
        finally:
            other.close()
        assert store.set_score("J1", "D1", "INNO", 3, "Anne")


def test_known_sqlite_errors_become_store_errors() -> None:
    full = translate_error(sqlite3.OperationalError("database or disk is full"), "a.jury")
    assert full is not None and "disque est plein" in str(full) and "a.jury" in str(full)
    readonly = translate_error(
        sqlite3.OperationalError("attempt to write a readonly database"), "a.jury"
    )
    assert readonly is not None and "lecture seule" in str(readonly)
    missing = translate_error(sqlite3.OperationalError("no such table: score"), "a.jury")
    assert isinstance(missing, DamagedFileError) and "endommagé" in str(missing)
    assert translate_error(sqlite3.OperationalError('near "SELEC": syntax error'), "a") is None
    assert translate_error(ValueError("database is locked"), "a.jury") is None


def test_a_read_only_file_opens_read_only_and_refuses_writes(campaign_path: Path) -> None:
    with CampaignFile.create(campaign_path, small_campaign(), "coordination"):
        pass
    campaign_path.chmod(0o400)
    if os.access(campaign_path, os.W_OK):  # root ignores permissions
        pytest.skip("running as a user who can write anything")
    with CampaignFile.open(campaign_path) as store:
        assert store.read_only and store.verify().ok
        with pytest.raises(StoreError, match="lecture seule"):
            store.set_score("J1", "D1", "INNO", 3, "Anne")
