"""Files: read-only media, size limits, no half-created file, merge status, crash
reports and the permissions of what juryapp writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from juryapp.io import limits
from juryapp.logs import write_crash_report
from juryapp.store import CampaignFile, StoreError
from juryapp.store import campaign_file as campaign_file_module
from tests.plugin.workbooks import write_book

from .fuzzing import Seeds, file_hash, run_cli


def _journal(path: Path) -> int:
    with CampaignFile.open(path) as opened:
        return len(opened.journal())


# --- read-only media ---------------------------------------------------------------------


def _protect(paths: list[Path]) -> bool:
    """Make ``paths`` unwritable even for root (chattr +i), else by their mode; whether
    they are now unwritable."""
    if os.geteuid() == 0 and shutil.which("chattr"):
        result = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
        if result.returncode != 0:
            return False
    else:
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
    return not any(os.access(path, os.W_OK) for path in paths)


def _unprotect(paths: list[Path]) -> None:
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True)
    for path in paths:
        path.chmod(0o755 if path.is_dir() else 0o600)


@pytest.fixture
def read_only_campaign(seeds: Seeds, tmp_path: Path) -> Iterator[Path]:
    """The sealed campaign alone in a folder that nobody can write to."""
    folder = tmp_path / "cle-usb"
    folder.mkdir()
    campaign = folder / "scellee.jury"
    shutil.copyfile(seeds.sealed, campaign)
    protected = [campaign, folder]
    try:
        if not _protect(protected):
            pytest.skip("cannot make a read-only folder here")
        yield campaign
    finally:
        _unprotect(protected)


def test_a_campaign_on_read_only_media_is_read_verified_and_exported(
    read_only_campaign: Path, tmp_path: Path
) -> None:
    before = file_hash(read_only_campaign)
    status, out, err = run_cli("verify", read_only_campaign)
    assert status == 0 and "journal et sceau vérifiés" in out, err
    status, out, err = run_cli("results", read_only_campaign, "--json")
    assert status == 0 and '"closed": true' in out, err
    status, out, err = run_cli(
        "export", read_only_campaign, "--minutes", tmp_path / "pv.pdf", "--awards",
        tmp_path / "attribution.xlsx",
    )  # fmt: skip
    assert status == 0, err
    assert "lecture seule" in out and (tmp_path / "pv.pdf").read_bytes().startswith(b"%PDF")
    status, _out, err = run_cli("reopen", read_only_campaign, "--reason", "erreur")
    assert status == 1 and "lecture seule" in err and "Traceback" not in err
    assert file_hash(read_only_campaign) == before
    assert sorted(p.name for p in read_only_campaign.parent.iterdir()) == ["scellee.jury"]


# --- sizes ---------------------------------------------------------------------------------


def test_a_sheet_with_too_many_rows_is_refused_before_parsing(
    seeds: Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_ROWS", 100)
    rows = [("Référence", "Projet", "Porteur", "Catégorie", "Recevable")]
    rows += [(f"GP-{n}", f"Projet {n}", "Asso", "DUR", "oui") for n in range(200, 350)]
    book = write_book(tmp_path / "trop.xlsx", {"Dossiers": rows})
    campaign = tmp_path / "c.jury"
    shutil.copyfile(seeds.scored, campaign)
    before = file_hash(campaign)
    status, _out, err = run_cli("dossiers", "import", campaign, book)
    assert status == 1
    assert "trop.xlsx, feuille « Dossiers » : trop de lignes (plus de 100)" in err
    assert file_hash(campaign) == before


def test_a_zip_bomb_is_refused_from_its_directory(
    seeds: Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)
    bomb = tmp_path / "bombe.xlsx"
    shutil.copyfile(seeds.sheet, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/vide.bin", bytes(3 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    campaign = tmp_path / "c.jury"
    shutil.copyfile(seeds.fresh, campaign)
    before = _journal(campaign)
    status, _out, err = run_cli("scores", "merge", campaign, bomb)
    assert status == 1 and "bombe.xlsx : trop gros pour être importé (3 Mo" in err
    assert _journal(campaign) == before


def test_the_row_limit_fits_the_largest_call() -> None:
    assert limits.MAX_ROWS >= 2_000 * 25  # one sheet for 2,000 dossiers × 25 jurors


# --- creation ----------------------------------------------------------------------------


def test_a_creation_that_fails_leaves_nothing(
    seeds: Seeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise StoreError("disque débranché")

    monkeypatch.setattr(campaign_file_module, "insert_campaign", broken)
    status, _out, err = run_cli("new", tmp_path / "c.jury", "--from", seeds.workbook)
    assert status == 1 and "disque débranché" in err
    assert list(tmp_path.iterdir()) == []


def test_a_leftover_of_a_killed_creation_does_not_block_it(seeds: Seeds, tmp_path: Path) -> None:
    ended = subprocess.Popen(["true"])  # a process that no longer runs
    ended.wait()
    leftover = tmp_path / f".c.jury.{ended.pid}-0badc0de.juryapp-tmp"
    leftover.write_bytes(b"half a campaign")
    Path(f"{leftover}-wal").write_bytes(b"")
    status, _out, err = run_cli("new", tmp_path / "c.jury", "--from", seeds.workbook)
    assert status == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.jury"]


# --- merge status --------------------------------------------------------------------------


def _sheet(seeds: Seeds, path: Path, rows: dict[str, tuple[object, object, object]]) -> Path:
    """J2's score sheet holding only ``rows`` (reference → UTIL, ESS, TERR)."""
    shutil.copyfile(seeds.sheet, path)
    book = openpyxl.load_workbook(path)
    notes = book["Notes"]
    headers = [str(cell.value or "") for cell in notes[1]]
    columns = [
        next(i for i, h in enumerate(headers) if h.startswith(c)) for c in ("UTIL", "ESS", "TERR")
    ]
    for row in notes.iter_rows(min_row=2):
        values = rows.get(str(row[1].value), (None, None, None))
        for column, value in zip(columns, values, strict=True):
            row[column].value = value
    book.save(path)
    return path


def test_a_merge_with_some_rows_refused_exits_0_with_the_report(
    seeds: Seeds, tmp_path: Path
) -> None:
    campaign = tmp_path / "c.jury"
    shutil.copyfile(seeds.fresh, campaign)
    sheet = _sheet(seeds, tmp_path / "j2.xlsx", {"GP-01": (7, 8, 8), "GP-02": (70, 8, 8)})
    status, out, err = run_cli("scores", "merge", campaign, sheet)
    assert status == 0, err
    assert "GP-02" in out and _journal(campaign) > 1


def test_a_merge_with_every_input_refused_exits_1_and_records_nothing(
    seeds: Seeds, tmp_path: Path
) -> None:
    campaign = tmp_path / "c.jury"
    shutil.copyfile(seeds.fresh, campaign)
    sheet = _sheet(seeds, tmp_path / "j2.xlsx", {"GP-01": (70, 8, 8), "GP-02": (7, -8, 8)})
    garbage = tmp_path / "copie.jury"
    garbage.write_bytes(b"pas une copie" * 100)
    before = file_hash(campaign)
    status, out, err = run_cli("scores", "merge", campaign, sheet, garbage, "--json")
    assert status == 1 and "rien n'a été enregistré" in err
    assert "j2.xlsx" in err and "copie.jury" in err and '"files"' in out
    assert file_hash(campaign) == before


# --- permissions and crash reports ------------------------------------------------------------


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_exports_follow_the_umask_campaigns_stay_private(
    seeds: Seeds, tmp_path: Path, umask: int
) -> None:
    campaign = tmp_path / "c.jury"
    previous = os.umask(umask)
    try:
        status, _out, err = run_cli("new", campaign, "--from", seeds.workbook)
        assert status == 0, err
        status, _out, err = run_cli("export", campaign, "--opendata", tmp_path / "subv.csv")
        assert status == 0, err
        status, _out, err = run_cli(
            "scores", "juror-copy", campaign, "--juror", "J1", tmp_path / "j1.jury"
        )
        assert status == 0, err
    finally:
        os.umask(previous)
    assert (tmp_path / "subv.csv").stat().st_mode & 0o777 == 0o666 & ~umask
    assert campaign.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "j1.jury").stat().st_mode & 0o777 == 0o600


SECRET = {"comment": "Projet fragile, porteur peu fiable", "score": "17,5"}


def test_a_crash_report_is_private_and_quotes_no_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JURYAPP_LOG_DIR", str(tmp_path))

    def scoring(values: dict[str, str]) -> None:
        raise ValueError(" ".join(values.values()))

    try:
        try:
            scoring(SECRET)
        except ValueError as inner:
            raise RuntimeError(str(inner)) from inner
    except RuntimeError as error:
        report = write_crash_report(error)
    text = report.read_text(encoding="utf-8")
    assert report.stat().st_mode & 0o777 == 0o600
    assert "fiable" not in text and "17,5" not in text
    assert "builtins.ValueError" in text and "builtins.RuntimeError" in text
    assert "in scoring" in text and "test_files.py" in text
