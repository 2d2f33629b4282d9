"""One file that travels: the WAL folded into the file, and self-contained copies."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from juryapp.store import CampaignFile, StoreError
from tests.plugin.campaigns import small_campaign


def _wal(path: Path) -> Path:
    return Path(f"{path}-wal")


def test_a_checkpoint_leaves_the_file_alone_complete(campaign_path: Path, tmp_path: Path) -> None:
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as store:
        store.set_score("J1", "D1", "INNO", "4,5", "Anne")
        store.set_comment("J1", "D1", "à revoir", "Anne")
        assert _wal(campaign_path).stat().st_size > 0
        assert store.checkpoint() is True
        assert _wal(campaign_path).stat().st_size == 0
        alone = tmp_path / "alone" / "copy.jury"
        alone.parent.mkdir()
        shutil.copyfile(campaign_path, alone)  # only the .jury, while the file is open
    with CampaignFile.open(alone) as copy:
        assert [(c.ref, c.text) for c in copy.comments_for("J1")] == [("D1", "à revoir")]
        assert [c.criterion for c in copy.scores_for("J1")] == ["INNO"]


def test_a_copy_is_one_consistent_private_file(campaign_path: Path, tmp_path: Path) -> None:
    destination = tmp_path / "out" / "pour-coordinateur.jury"
    destination.parent.mkdir()
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as store:
        store.set_score("J1", "D1", "INNO", "4,5", "Anne")
        store.set_comment("J1", "D1", "dernier mot", "Anne")
        assert store.save_copy(destination) == destination
    assert sorted(p.name for p in destination.parent.iterdir()) == ["pour-coordinateur.jury"]
    assert destination.stat().st_mode & 0o777 == 0o600
    raw = sqlite3.connect(destination)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        raw.close()
    with CampaignFile.open(destination) as copy:
        assert [c.text for c in copy.comments_for("J1")] == ["dernier mot"]
        assert copy.verify().ok


def test_a_copy_replaces_an_older_one_and_never_the_open_file(
    campaign_path: Path, tmp_path: Path
) -> None:
    destination = tmp_path / "copie.jury"
    destination.write_bytes(b"an older copy")
    Path(f"{destination}-wal").write_bytes(b"stale")
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as store:
        store.save_copy(destination)
        with pytest.raises(StoreError, match="est le fichier de campagne ouvert"):
            store.save_copy(campaign_path)
    assert not Path(f"{destination}-wal").exists()
    with CampaignFile.open(destination) as copy:
        assert copy.name == small_campaign().rules.name
    assert [p.name for p in tmp_path.iterdir() if "juryapp-tmp" in p.name] == []


def test_a_copy_into_a_missing_folder_says_so_and_leaves_nothing(
    campaign_path: Path, tmp_path: Path
) -> None:
    with (
        CampaignFile.create(campaign_path, small_campaign(), "coordination") as store,
        pytest.raises(StoreError, match="dossier introuvable"),
    ):
        store.save_copy(tmp_path / "absent" / "copie.jury")
    assert not (tmp_path / "absent").exists()
