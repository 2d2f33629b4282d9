"""Merging juror copies and score sheets: every rule, idempotence, atomicity, sources untouched."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest
from merge_helpers import (
    T0,
    T1,
    T2,
    T3,
    file_hash,
    fill_sheet,
    hand_typed_sheet,
    set_sheet_time,
    side_files,
    table_rows,
)

from juryapp.cli import main
from juryapp.core.errors import OperationError
from juryapp.core.model import Criterion
from juryapp.merge.copies import make_juror_copy
from juryapp.merge.inputs import sheet_time
from juryapp.merge.report import Conflict, MergeReport
from juryapp.merge.run import MergeRefused, analyse_merge, merge_files
from juryapp.operations import scoring
from juryapp.store import CampaignFile
from tests.plugin.campaigns import grid_criteria, jury_campaign


@dataclass
class Scenario:
    campaign: CampaignFile
    inputs: list[Path]

    def named(self, stem: str) -> Path:
        return next(p for p in self.inputs if p.name.startswith(stem))


def _bound_copy(path: Path, campaign: CampaignFile, juror: str, **kwargs: object) -> CampaignFile:
    """A juror copy built by hand (same id), with another grid or campaign when asked."""
    base = jury_campaign(str(kwargs.get("name", campaign.name)))
    if "criteria" in kwargs:
        from dataclasses import replace

        base = replace(base, criteria=kwargs["criteria"])  # type: ignore[arg-type]
    return CampaignFile.create(
        path,
        base,
        "juré",
        bound_juror=juror,
        campaign_id=None if kwargs.get("other_campaign") else campaign.campaign_id,
    )


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[Scenario]:
    inbox = tmp_path / "reçus"
    inbox.mkdir()
    campaign = CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination")
    # c: an older copy of J2 (another laptop, issued first) that disagrees on D2.
    c = make_juror_copy(campaign, "J2", inbox / "c-j2-ancienne.jury", "coordination")
    campaign.set_scores("J1", "D3", {"INNO": 1}, "coordination", edited_at=T0)
    campaign.set_scores("J2", "D1", {"INNO": 3}, "coordination", edited_at=T0)
    campaign.set_scores("J2", "D4", {"IMPACT": 5}, "coordination", edited_at=T0)

    # a: J1 scores two dossiers and recuses on D3 (where the campaign has a score of J1).
    a = make_juror_copy(campaign, "J1", inbox / "a-j1.jury", "coordination")
    with CampaignFile.open(a) as copy:
        copy.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 15}, "anne", edited_at=T1)
        copy.set_comment("J1", "D1", "Très bon ancrage", "anne", edited_at=T1)
        copy.set_scores("J1", "D2", {"INNO": "2,5", "IMPACT": 8}, "anne", edited_at=T1)
        copy.recuse("J1", "D3", "associée au projet", "anne")
    # b: J2 scores; D1 older than the coordinator's later change; D4 newer; a row of J3.
    b = make_juror_copy(campaign, "J2", inbox / "b-j2.jury", "coordination")
    with CampaignFile.open(b) as copy:
        copy.set_scores("J2", "D1", {"INNO": 4}, "bruno", edited_at=T1)
        copy.set_scores("J2", "D2", {"IMPACT": 10}, "bruno", edited_at=T3)
        copy.set_scores("J2", "D4", {"IMPACT": 6}, "bruno", edited_at=T3)
    # The copy refuses another juror's score; one may still arrive written behind its back.
    with contextlib.closing(sqlite3.connect(b)) as raw, raw:
        raw.execute(
            "INSERT INTO score (juror, ref, criterion, value, edited_at, author) "
            "VALUES ('J3', 'D1', 'INNO', '1', ?, 'bruno')",
            (T1,),
        )
    campaign.set_scores("J2", "D1", {"INNO": 2}, "coordination", edited_at=T2)
    with CampaignFile.open(c) as copy:
        copy.set_scores("J2", "D2", {"IMPACT": 12}, "bruno", edited_at=T1)
    # d: another campaign; e: this campaign with another version of the grid.
    with _bound_copy(
        inbox / "d-autre.jury", campaign, "J4", name="Autre appel", other_campaign=True
    ) as copy:
        copy.set_scores("J4", "D1", {"INNO": 1}, "dmitri")
    other_grid = (Criterion("INNO", "Innovation", 30, 10), grid_criteria()[1])
    with _bound_copy(inbox / "e-grille.jury", campaign, "J5", criteria=other_grid) as copy:
        copy.set_scores("J5", "D1", {"INNO": 9}, "émilie")
    # f: J3's generated sheet: off scale, off step, recusal, recused dossier, unknown dossier.
    f = inbox / "f-j3.xlsx"
    scoring.write_score_sheet(campaign, "J3", f)
    fill_sheet(
        f,
        {
            "D1": {"INNO": 7, "IMPACT": 10},
            "D2": {"INNO": 2.3, "IMPACT": 10},
            "D3": {"Déport": "oui"},
            "D4": {"INNO": 3, "IMPACT": 10},
            "D5": {"INNO": 4.5, "IMPACT": 18, "Commentaire": "Solide"},
        },
        extra=[["J3", "D99", None, 3, 10]],
    )
    set_sheet_time(f, T2)
    campaign.recuse("J3", "D4", "salariée du porteur", "coordination")
    # g: a secretariat's sheet typed by hand, several jurors, no identity.
    g = hand_typed_sheet(
        inbox / "g-saisie.xlsx",
        [
            ["J4", "D1", 4, 15, "Bien"],
            ["J4", "D2", 3, 11, None],
            ["J9", "D1", 2, 5, None],
            ["S", "D1", 1, 1, None],
        ],
    )
    set_sheet_time(g, T2)
    inputs = [
        a,
        b,
        c,
        inbox / "d-autre.jury",
        inbox / "e-grille.jury",
        f,
        g,
    ]
    yield Scenario(campaign, inputs)
    campaign.close()


def _file(report: MergeReport, stem: str) -> dict[str, object]:
    return next(f for f in report.to_json()["files"] if Path(f["path"]).name.startswith(stem))


def test_every_rule(scenario: Scenario) -> None:
    campaign = scenario.campaign
    report = merge_files(campaign, scenario.inputs, "coordination")
    data = report.to_json()
    assert set(data) == {"files", "conflicts"}
    assert [Path(f["path"]).name for f in data["files"]] == [p.name for p in scenario.inputs]

    a = _file(report, "a-")
    assert (a["juror"], a["accepted"], a["replaced"], a["unchanged"], a["refused"]) == (
        "J1",
        2,
        1,
        0,
        [],
    )
    b = _file(report, "b-")
    assert (b["juror"], b["accepted"], b["replaced"], b["unchanged"]) == ("J2", 1, 1, 1)
    assert b["refused"] == [{"ref": "D1", "reason": "note de J3 dans la copie de J2 : refusée"}]
    c = _file(report, "c-")
    assert (c["accepted"], c["replaced"], c["unchanged"], c["refused"]) == (0, 0, 1, [])
    d = _file(report, "d-")
    assert "autre campagne" in d["error"] and "Autre appel" in d["error"]
    assert (d["accepted"], d["unchanged"], d["replaced"], d["refused"]) == (0, 0, 0, [])
    e = _file(report, "e-")
    assert "autre version de la grille" in e["error"]
    f = _file(report, "f-")
    assert (f["juror"], f["accepted"], f["replaced"], f["unchanged"]) == ("J3", 2, 0, 0)
    reasons = {r["ref"]: r["reason"] for r in f["refused"]}
    assert set(reasons) == {"D1", "D2", "D4", "D99"}
    assert "hors de l'échelle" in reasons["D1"] and reasons["D1"].startswith("ligne 2 : ")
    assert "pas" in reasons["D2"]
    assert "déporté(e) sur le dossier D4" in reasons["D4"]
    assert "dossier inconnu « D99 »" in reasons["D99"]
    g = _file(report, "g-")
    assert (g["juror"], g["accepted"], g["unchanged"]) == ("J4, J9, S", 2, 0)
    reasons = {r["reason"].split(" : ", 1)[1] for r in g["refused"]}
    assert reasons == {
        "juré inconnu « J9 »",
        "S (Sam Secrétaire) n'a pas voix délibérative : pas de notes",
    }
    assert any("sans identité" in w for w in g["warnings"])

    assert data["conflicts"] == [
        {"juror": "J2", "ref": "D1", "criterion": "INNO", "kept": "2", "other": "4",
         "kept_at": T2, "other_at": T1, "chosen": False},
        {"juror": "J2", "ref": "D2", "criterion": "IMPACT", "kept": "10", "other": "12",
         "kept_at": T3, "other_at": T1, "chosen": False},
    ]  # fmt: skip
    assert report.conflicts[0].kept.source == "campagne"
    assert report.conflicts[0].other.source == "b-j2.jury"
    assert report.conflicts[1].other.source == "c-j2-ancienne.jury"

    cells = {(j, r, c): (v, at) for j, r, c, v, at in campaign.score_texts()}
    assert cells[("J1", "D1", "INNO")] == ("4", T1)
    assert cells[("J1", "D2", "INNO")] == ("5/2", T1)
    assert ("J1", "D3", "INNO") not in cells  # removed by J1's recusal
    assert cells[("J2", "D1", "INNO")] == ("2", T2)  # the campaign's newer value
    assert cells[("J2", "D2", "IMPACT")] == ("10", T3)
    assert cells[("J2", "D4", "IMPACT")] == ("6", T3)  # replaced: the juror's later edit
    assert cells[("J3", "D5", "INNO")] == ("9/2", T2)  # the sheet's modified time
    assert cells[("J4", "D1", "IMPACT")] == ("15", T2)
    assert not any(j == "J3" and r == "D1" for j, r, _c in cells)
    assert not any(j in ("J5", "J9", "S") for j, _r, _c in cells)
    recusals = {(j, r) for j, r, _reason, _at in campaign.recusal_cells()}
    assert recusals == {("J1", "D3"), ("J3", "D3"), ("J3", "D4")}
    comments = {(c.juror, c.ref): c.text for c in campaign.comment_cells()}
    assert comments == {
        ("J1", "D1"): "Très bon ancrage",
        ("J3", "D5"): "Solide",
        ("J4", "D1"): "Bien",
    }

    last = campaign.journal()[-1]
    assert last.kind == "merge" and last.author == "coordination"
    assert last.payload == json.loads(json.dumps(data))
    assert campaign.verify().ok

    text = report.to_text("fr")
    assert "fichier refusé" in text and "Conflits (2)" in text
    assert "J2 / D1 / INNO : gardé 2 (campagne" in text
    assert "écarté 4 (b-j2.jury" in text
    assert "D99 refusé : ligne" in text


def test_merging_again_changes_nothing(scenario: Scenario) -> None:
    campaign = scenario.campaign
    merge_files(campaign, scenario.inputs, "coordination")
    before = table_rows(campaign.path)
    again = merge_files(campaign, scenario.inputs, "coordination")
    after = table_rows(campaign.path)
    assert after["journal"][:-1] == before["journal"]
    assert after["journal"][-1][3] == "merge"
    assert {k: v for k, v in after.items() if k != "journal"} == {
        k: v for k, v in before.items() if k != "journal"
    }
    assert again.accepted == 0 and again.replaced == 0
    # The two files that disagree with the campaign still say so.
    assert [(c.juror, c.ref, c.kept.source) for c in again.conflicts] == [
        ("J2", "D1", "campagne"),
        ("J2", "D2", "campagne"),
    ]


def test_one_file_twice_is_all_unchanged(scenario: Scenario) -> None:
    campaign = scenario.campaign
    a, g = scenario.named("a-"), scenario.named("g-")
    merge_files(campaign, [a, g], "coordination")
    kinds = [e.kind for e in campaign.journal()]
    report = merge_files(campaign, [a, g], "coordination")
    assert [e.kind for e in campaign.journal()] == [*kinds, "merge"]
    assert report.conflicts == []
    files = report.to_json()["files"]
    assert [(f["accepted"], f["replaced"], f["unchanged"]) for f in files] == [(0, 0, 3), (0, 0, 2)]
    # The same file twice in one merge: the second brings nothing more.
    report = merge_files(campaign, [a, a], "coordination")
    assert [f.unchanged for f in report.files] == [3, 3] and report.conflicts == []


def test_the_next_merge_brings_only_the_change(scenario: Scenario) -> None:
    campaign = scenario.campaign
    a = scenario.named("a-")
    merge_files(campaign, [a], "coordination")
    seq = len(campaign.journal())
    with CampaignFile.open(a) as copy:
        copy.set_scores("J1", "D4", {"INNO": 5, "IMPACT": 20}, "anne", edited_at=T3)
        copy.set_scores("J1", "D2", {"INNO": 3}, "anne", edited_at=T3)
    report = merge_files(campaign, [a], "coordination")
    assert (report.accepted, report.replaced, report.unchanged) == (1, 1, 2)
    assert report.conflicts == []
    entries = campaign.journal()[seq:]
    assert [e.kind for e in entries] == ["score-batch", "merge"]
    cells = sorted(tuple(cell) for cell in entries[0].payload["cells"])
    assert [
        (juror, ref, code, value, previous) for juror, ref, code, value, _at, previous in cells
    ] == [
        ("J1", "D2", "INNO", "3", "5/2"),
        ("J1", "D4", "IMPACT", "20", None),
        ("J1", "D4", "INNO", "5", None),
    ]


def test_sources_are_never_modified(scenario: Scenario) -> None:
    hashes = {p: file_hash(p) for p in scenario.inputs}
    stats = {p: p.stat().st_mtime_ns for p in scenario.inputs}
    listing = sorted(p.name for p in scenario.inputs[0].parent.iterdir())
    analyse_merge(scenario.campaign, scenario.inputs)
    merge_files(scenario.campaign, scenario.inputs, "coordination")
    assert {p: file_hash(p) for p in scenario.inputs} == hashes
    assert {p: p.stat().st_mtime_ns for p in scenario.inputs} == stats
    assert sorted(p.name for p in scenario.inputs[0].parent.iterdir()) == listing
    assert all(side_files(p) == [] for p in scenario.inputs)


def test_a_read_only_copy_is_merged(scenario: Scenario) -> None:
    a = scenario.named("a-")
    a.chmod(0o400)
    report = merge_files(scenario.campaign, [a], "coordination")
    assert report.files[0].error is None and report.accepted == 2


def test_the_coordinator_chooses(scenario: Scenario) -> None:
    campaign = scenario.campaign
    seen: list[Conflict] = []

    def other(conflict: Conflict) -> str:
        seen.append(conflict)
        return "other"

    report = merge_files(campaign, scenario.inputs, "coordination", resolve=other)
    assert [c.chosen for c in report.conflicts] == [True, True]
    assert [(c.kept.text, c.other.text) for c in report.conflicts] == [("4", "2"), ("12", "10")]
    assert [c.key for c in seen] == [c.key for c in report.conflicts]
    cells = {(j, r, c): (v, at) for j, r, c, v, at in campaign.score_texts()}
    assert cells[("J2", "D1", "INNO")][0] == "4"
    assert cells[("J2", "D1", "INNO")][1] > T3  # the choice is a new edit
    assert cells[("J2", "D2", "IMPACT")][0] == "12"
    # Merging the losing copy again is a conflict again (kept: the choice), not an undo.
    again = merge_files(campaign, [scenario.named("b-")], "coordination")
    assert (
        cells[("J2", "D1", "INNO")]
        == {(j, r, c): (v, at) for j, r, c, v, at in campaign.score_texts()}[("J2", "D1", "INNO")]
    )
    assert [(c.ref, c.kept.text, c.other.text) for c in again.conflicts] == [("D2", "12", "10")]
    assert campaign.verify().ok


def test_analysis_writes_nothing_and_matches(scenario: Scenario) -> None:
    campaign = scenario.campaign
    before = table_rows(campaign.path)
    analysis = analyse_merge(campaign, scenario.inputs)
    assert table_rows(campaign.path) == before
    assert analysis.dry_run and "rien n'a été enregistré" in analysis.to_text()
    report = merge_files(campaign, scenario.inputs, "coordination")
    assert analysis.to_json() == report.to_json()
    assert [c.key for c in analysis.conflicts] == [c.key for c in report.conflicts]


def test_all_or_nothing(scenario: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = scenario.campaign
    before = table_rows(campaign.path)

    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("panne au milieu de la fusion")

    monkeypatch.setattr(campaign, "set_comment_cells", broken)
    with pytest.raises(RuntimeError):
        merge_files(campaign, scenario.inputs, "coordination")
    assert table_rows(campaign.path) == before


def test_a_closed_campaign_refuses(scenario: Scenario) -> None:
    campaign = scenario.campaign
    campaign.close_deliberation("coordination")
    before = table_rows(campaign.path)
    with pytest.raises(OperationError, match="close"):
        merge_files(campaign, scenario.inputs, "coordination")
    with pytest.raises(OperationError, match="close"):
        analyse_merge(campaign, scenario.inputs)
    assert table_rows(campaign.path) == before


def test_files_refused_whole(scenario: Scenario, tmp_path: Path) -> None:
    campaign = scenario.campaign
    full = tmp_path / "sauvegarde.jury"
    with CampaignFile.create(full, jury_campaign(), "x", campaign_id=campaign.campaign_id):
        pass
    garbage = tmp_path / "abîmé.jury"
    garbage.write_bytes(b"pas une base" * 100)
    text = tmp_path / "notes.txt"
    text.write_text("J1;D1;4")
    bad_columns = hand_typed_sheet(
        tmp_path / "colonnes.xlsx", [["J4", "D1", 4]], headers=["Juré", "Référence", "INNO"]
    )
    unknown_column = hand_typed_sheet(
        tmp_path / "inconnue.xlsx",
        [["J4", "D1", 4, 1]],
        headers=["Juré", "Référence", "INNO", "BUDGET"],
    )
    paths = [
        campaign.path,
        full,
        garbage,
        text,
        tmp_path / "absent.jury",
        bad_columns,
        unknown_column,
    ]
    entries = len(campaign.journal())
    with pytest.raises(MergeRefused) as refused:
        merge_files(campaign, paths, "coordination")
    report = refused.value.report
    assert len(campaign.journal()) == entries  # nothing written, not even the merge entry
    assert "rien n'a été enregistré" in str(refused.value) and "notes.txt" in str(refused.value)
    errors = [f.error for f in report.files]
    assert all(errors), errors
    assert "campagne elle-même" in str(errors[0])
    assert "pas une copie de juré" in str(errors[1])
    assert "abîmé.jury" in str(errors[2]) and "copie.jury" not in str(errors[2])
    assert "format non reconnu" in str(errors[3])
    assert errors[4] == "fichier introuvable"
    assert "ne correspondent pas à la grille" in str(errors[5])
    assert "BUDGET" in str(errors[6])
    assert report.accepted == 0 and campaign.verify().ok


def test_sheet_time(tmp_path: Path) -> None:
    sheet = hand_typed_sheet(tmp_path / "s.xlsx", [])
    set_sheet_time(sheet, T1)
    assert sheet_time(sheet) == T1
    import zipfile

    bare = tmp_path / "nu.xlsx"
    with zipfile.ZipFile(bare, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    import os

    os.utime(bare, (1_700_000_000, 1_700_000_000))
    assert sheet_time(bare) == "2023-11-14T22:13:20.000000+00:00"


def test_progress_is_reported(scenario: Scenario) -> None:
    calls: list[tuple[int, int, str]] = []
    merge_files(
        scenario.campaign, scenario.inputs[:2], "coordination", progress=lambda *a: calls.append(a)
    )
    assert calls == [
        (0, 3, "Lecture de a-j1.jury"),
        (1, 3, "Lecture de b-j2.jury"),
        (2, 3, "Comparaison et enregistrement"),
        (3, 3, "Fusion terminée"),
    ]


def test_command_line(
    scenario: Scenario, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    campaign = scenario.campaign
    path = campaign.path
    campaign.close()
    out = tmp_path / "j5.jury"
    assert main(["scores", "juror-copy", str(path), "--juror", "J5", str(out)]) == 0
    with CampaignFile.open(out) as copy:
        copy.set_scores("J5", "D1", {"INNO": Fraction(7, 2), "IMPACT": 2}, "émilie", edited_at=T1)
    capsys.readouterr()
    assert main(["scores", "merge", str(path), str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["files"][0]["juror"] == "J5" and data["files"][0]["accepted"] == 1
    assert main(["scores", "merge", str(path), str(out)]) == 0
    assert "1 inchangée(s)" in capsys.readouterr().out
    assert main(["scores", "juror-copy", str(path), "--juror", "S", str(tmp_path / "s.jury")]) == 1
    assert "voix délibérative" in capsys.readouterr().err
    scenario.campaign = CampaignFile.open(path)
