"""Juror copies: one juror's data only, same campaign, edit times kept, refusals."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from merge_helpers import T0, T1, table_rows

from juryapp.core.errors import OperationError
from juryapp.merge import copies
from juryapp.merge.copies import juror_copy_name, make_all_juror_copies, make_juror_copy
from juryapp.store import CampaignFile
from tests.plugin.campaigns import jury_campaign


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 15}, "coordination", edited_at=T0)
        opened.set_comment("J1", "D1", "secret-de-J1", "coordination", edited_at=T0)
        opened.set_scores("J2", "D1", {"INNO": "3,5"}, "coordination", edited_at=T0)
        opened.set_scores("J2", "D2", {"IMPACT": 12}, "coordination", edited_at=T1)
        opened.set_comment("J2", "D2", "avis de J2", "coordination", edited_at=T1)
        opened.set_scores("J3", "D2", {"INNO": 2}, "coordination")
        opened.recuse("J2", "D3", "administrateur", "coordination")
        opened.recuse("J3", "D4", "motif-secret-J3", "coordination")
        yield opened


def test_a_copy_holds_only_its_jurors_data(campaign: CampaignFile, tmp_path: Path) -> None:
    out = make_juror_copy(campaign, "J2", tmp_path / "j2.jury", "coordination")
    assert out == tmp_path / "j2.jury"
    tables = table_rows(out)
    assert {row[0] for row in tables["score"]} == {"J2"}
    assert {row[0] for row in tables["comment"]} == {"J2"}
    assert {row[0] for row in tables["recusal"]} == {"J2"}
    assert tables["decision"] == []
    # Nothing of another juror anywhere in the file, the journal included.
    everything = json.dumps(tables, ensure_ascii=False, default=str)
    assert "secret-de-J1" not in everything
    assert "motif-secret-J3" not in everything
    for seq, _at, _author, kind, payload, *_hashes in tables["journal"]:
        data = json.loads(payload)
        if kind == "create":
            assert data["scores"] == [] and data["comments"] == []
            assert data["recusals"] == [["J2", "D3", "administrateur"]]
        elif kind == "score-batch":
            assert {cell[0] for cell in data["cells"]} == {"J2"}, seq
        else:
            assert data["juror"] == "J2", (seq, kind)
    # The jury, the grid and the dossiers are all there.
    assert [row[0] for row in tables["juror"]] == ["J1", "J2", "J3", "J4", "J5", "S"]
    assert len(tables["dossier"]) == 5 and len(tables["criterion"]) == 2


def test_a_copy_keeps_identity_and_edit_times(campaign: CampaignFile, tmp_path: Path) -> None:
    out = make_juror_copy(campaign, "J2", tmp_path / "j2.jury", "coordination")
    with CampaignFile.open(out) as copy:
        assert copy.campaign_id == campaign.campaign_id
        assert copy.fingerprint == campaign.fingerprint
        assert copy.bound_juror == "J2"
        assert copy.name == campaign.name
        assert copy.score_texts() == campaign.score_texts("J2")
        assert [(c.ref, c.text, c.edited_at) for c in copy.comment_cells()] == [
            ("D2", "avis de J2", T1)
        ]
        assert copy.verify().ok
    entry = campaign.journal()[-1]
    assert entry.kind == "juror-copy"
    (key,) = campaign.issued_keys().values()
    assert entry.payload == {
        "juror": "J2",
        "file": "j2.jury",
        "scores": 2,
        "comments": 1,
        "recusals": 1,
        "key": key.key_id,  # the key the campaign issued and keeps; only its digest here
        "key_sha256": hashlib.sha256(key.secret.encode()).hexdigest(),
    }


def test_copy_refusals(campaign: CampaignFile, tmp_path: Path) -> None:
    before = len(campaign.journal())
    with pytest.raises(OperationError, match=r"Juré inconnu « J9 »"):
        make_juror_copy(campaign, "J9", tmp_path / "x.jury", "coordination")
    with pytest.raises(OperationError, match="n'a pas voix délibérative"):
        make_juror_copy(campaign, "S", tmp_path / "s.jury", "coordination")
    existing = tmp_path / "pris.jury"
    existing.write_bytes(b"rien")
    with pytest.raises(OperationError, match="existe déjà"):
        make_juror_copy(campaign, "J1", existing, "coordination")
    assert existing.read_bytes() == b"rien"
    assert not (tmp_path / "x.jury").exists() and not (tmp_path / "s.jury").exists()
    assert len(campaign.journal()) == before


def test_copy_name_is_safe() -> None:
    assert juror_copy_name("Appel « Territoires » 2026", "J2") == ("APPEL-TERRITOIRES-2026-J2.jury")
    assert juror_copy_name("Prix d'Île/de:France*?", "J 1/é") == "PRIX-D-ILE-DE-FRANCE-J-1-e.jury"
    assert juror_copy_name("«»", "") == "CAMPAGNE-JURE.jury"


def test_all_copies(campaign: CampaignFile, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    folder = tmp_path / "copies" / "jury"
    paths = make_all_juror_copies(
        campaign, folder, "coordination", progress=lambda *a: calls.append(a)
    )
    assert [p.name for p in paths] == [
        f"APPEL-TERRITOIRES-2026-J{i}.jury" for i in range(1, 6)
    ]  # not the secretary
    assert calls[0] == (0, 5, "Copie de J1 (Anne Dupré)") and calls[-1][:2] == (5, 5)
    for path, code in zip(paths, ["J1", "J2", "J3", "J4", "J5"], strict=True):
        with CampaignFile.open(path) as copy:
            assert copy.bound_juror == code
            assert {cell[0] for cell in copy.score_texts()} <= {code}
    # A second run refuses before writing anything.
    with pytest.raises(OperationError, match="existent déjà"):
        make_all_juror_copies(campaign, folder, "coordination")
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)


def test_all_copies_clean_up_after_a_failure(
    campaign: CampaignFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = make_juror_copy

    def failing(campaign_file: CampaignFile, juror: str, out: Path, author: str) -> Path:
        if juror == "J3":
            raise OSError("disque plein")
        return real(campaign_file, juror, out, author)

    monkeypatch.setattr(copies, "make_juror_copy", failing)
    with pytest.raises(OSError):
        make_all_juror_copies(campaign, tmp_path / "copies", "coordination")
    assert not (tmp_path / "copies").exists()  # no copy, not even the empty folder
