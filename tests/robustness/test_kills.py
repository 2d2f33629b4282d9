"""SIGKILL during the commands that write: never a half state.

Each command runs once to the end (its duration T), then is killed a few times
after a delay drawn with a fixed seed between 0 and 120 % of T. After each kill:
the campaign verifies and is either unchanged or complete; a file being created
(a campaign, a juror copy, a document) is either absent or whole. Then the command
runs once more to the end, and no temporary file (``.NAME.PID-….juryapp-tmp``) nor
private merge folder is left: what a killed process left is removed by the next run.

``JURYAPP_KILLS`` (default 3) sets the kills per command; ``bash packaging/bootstrap.sh
fuzz`` runs more.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import pytest

from juryapp.cli import main
from juryapp.store import CampaignFile

from .fuzzing import Seeds, run_cli

KILLS = int(os.environ.get("JURYAPP_KILLS", "3"))
pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX")


@dataclass
class Case:
    name: str
    args: Callable[[Path], list[object]]  # the command, given the work folder
    prepare: Callable[[Path], None]  # puts the inputs in the work folder
    done: Callable[[Path], bool]  # whether the command's whole effect is there


def _verifies(path: Path) -> bool:
    with CampaignFile.open(path) as opened:
        return opened.verify().ok


def _journal_length(path: Path) -> int:
    with CampaignFile.open(path) as opened:
        return len(opened.journal())


def _last_kind(path: Path) -> str:
    with CampaignFile.open(path) as opened:
        return opened.journal()[-1].kind


def _strays(folder: Path, temporary: Path) -> list[str]:
    found = [p.name for p in folder.rglob("*") if ".juryapp-tmp" in p.name]
    found += [p.name for p in temporary.glob("juryapp-fusion-*")]
    return found


def _copy_done(work: Path) -> bool:
    """j1.jury is absent (then False) or whole: it verifies and holds all of J1's scores."""
    copy = work / "j1.jury"
    if not copy.exists():
        return False
    assert _verifies(copy), "a juror copy exists but does not verify"
    with CampaignFile.open(work / "campagne.jury") as campaign, CampaignFile.open(copy) as opened:
        assert len(opened.scores_for("J1")) == len(campaign.scores_for("J1")), "a partial copy"
    return True


def _new_done(work: Path) -> bool:
    created = work / "nouvelle.jury"
    if not created.exists():
        return False
    assert _verifies(created), "a new campaign exists but does not verify"
    return _last_kind(created) == "import-workbook"


def _document_done(work: Path) -> bool:
    pdf = work / "pv.pdf"
    if not pdf.exists():
        return False
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:], "a half-written PV"
    return True


def _bigger(seeds_folder: Path, work: Path) -> None:
    """The seeds' scored campaign with 40 more dossiers scored by every juror (longer runs)."""
    campaign = work / "campagne.jury"
    shutil.copyfile(seeds_folder / "notee.jury", campaign)
    rows = [("Référence", "Projet", "Porteur", "Catégorie", "Recevable")]
    rows += [(f"GP-{n:03d}", f"Projet {n}", "Asso", "DUR", "oui") for n in range(100, 140)]
    from tests.plugin.workbooks import write_book

    book = write_book(work / "plus.xlsx", {"Dossiers": rows})
    status, _out, err = run_cli("dossiers", "import", campaign, book)
    assert status == 0, err
    with CampaignFile.open(campaign) as opened:
        for juror in ("J1", "J2", "J3"):
            # Distinct totals (0.2 a + 0.15 b): no tie waits for a decision.
            opened.set_score_cells(
                [
                    (juror, f"GP-{n:03d}", code, value, "2026-05-01T08:00:00.000000+00:00")
                    for n in range(100, 140)
                    for code, value in (
                        ("UTIL", str(Fraction((n - 100) % 20, 2))),
                        ("ESS", str(Fraction((n - 100) // 20, 2))),
                        ("TERR", "0"),
                    )
                ],
                juror,
            )


def _cases(seeds_folder: Path) -> list[Case]:
    def nothing(work: Path) -> None:
        pass

    def with_copy(work: Path) -> None:
        status, _out, err = run_cli(
            "scores", "juror-copy", work / "campagne.jury", "--juror", "J2", work / "j2.jury"
        )
        assert status == 0, err
        with CampaignFile.open(work / "j2.jury") as copy:
            copy.set_scores("J2", "GP-04", {"UTIL": 9, "ESS": 9, "TERR": 9}, "J2")

    return [
        Case(
            "new",
            lambda w: ["new", w / "nouvelle.jury", "--from", seeds_folder / "appel.xlsx"],
            nothing,
            _new_done,
        ),
        Case(
            "dossiers import",
            lambda w: ["dossiers", "import", w / "campagne.jury", seeds_folder / "dossiers.xlsx"],
            nothing,
            lambda w: _last_kind(w / "campagne.jury") == "import",
        ),
        Case(
            "juror copy",
            lambda w: ["scores", "juror-copy", w / "campagne.jury", "--juror", "J1", w / "j1.jury"],
            nothing,
            _copy_done,
        ),
        Case(
            "merge",
            lambda w: ["scores", "merge", w / "campagne.jury", w / "j2.jury"],
            with_copy,
            lambda w: _last_kind(w / "campagne.jury") == "merge",
        ),
        Case(
            "close",
            lambda w: ["close", w / "campagne.jury"],
            nothing,
            lambda w: _last_kind(w / "campagne.jury") == "close",
        ),
        Case(
            "export",
            lambda w: ["export", w / "campagne.jury", "--minutes", w / "pv.pdf"],
            nothing,
            _document_done,
        ),
    ]


def _spawn(args: list[object], temporary: Path, log_dir: Path) -> int:
    """The command in a forked child (no start-up to wait for): its PID. The child runs
    ``juryapp.cli.main`` as a process of its own would, its output to ``child.err``."""
    (temporary / "child.err").write_bytes(b"")
    pid = os.fork()
    if pid:
        return pid
    status = 70
    try:
        descriptor = os.open(temporary / "child.err", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(descriptor, 1)
        os.dup2(descriptor, 2)
        os.environ["JURYAPP_LOG_DIR"] = str(log_dir)
        tempfile.tempdir = str(temporary)
        status = main(["--lang", "fr", *(str(a) for a in args)])
    finally:
        os._exit(status)


def _fresh_work(base: Path, campaign: Path, case: Case) -> Path:
    work = base / case.name.replace(" ", "-")
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    shutil.copyfile(campaign, work / "campagne.jury")
    case.prepare(work)
    return work


@pytest.fixture(scope="module")
def bigger(seeds: Seeds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bigger campaign every command runs on."""
    folder = tmp_path_factory.mktemp("grande")
    _bigger(seeds.folder, folder)
    return folder / "campagne.jury"


@pytest.mark.parametrize("index", range(6), ids=lambda i: str(i))
def test_a_killed_command_leaves_no_half_state(
    index: int, seeds: Seeds, bigger: Path, tmp_path: Path
) -> None:
    seeds_folder = seeds.folder
    case = _cases(seeds_folder)[index]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log_dir = tmp_path / "logs"
    rng = random.Random(f"{case.name}-2026")
    # Its duration, run to the end (twice: the first run imports what the command needs).
    for _ in range(2):
        work = _fresh_work(tmp_path, bigger, case)
        started = time.monotonic()
        status, _out, err = run_cli(*case.args(work))
        duration = time.monotonic() - started
        assert status == 0, err
    outcomes: list[str] = []
    for _ in range(KILLS):
        work = _fresh_work(tmp_path, bigger, case)
        campaign = work / "campagne.jury"
        before = _journal_length(campaign)
        pid = _spawn(case.args(work), temporary, log_dir)
        time.sleep(duration * rng.uniform(0.0, 1.2))
        os.kill(pid, signal.SIGKILL)
        _pid, wait_status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(wait_status)
        assert b"Traceback" not in (temporary / "child.err").read_bytes()
        (temporary / "child.err").unlink()
        assert _verifies(campaign), f"{case.name}: the campaign does not verify after a kill"
        done = case.done(work)
        unchanged = _journal_length(campaign) == before
        assert done or unchanged, f"{case.name}: neither unchanged nor complete after a kill"
        outcomes.append(
            ("killed, " if killed else "ended, ") + ("complete" if done else "unchanged")
        )
    # Once more to the end: what the killed processes left is gone.
    if case.name == "new":
        (work / "nouvelle.jury").unlink(missing_ok=True)
    if case.name == "juror copy":
        (work / "j1.jury").unlink(missing_ok=True)
    previous = tempfile.tempdir
    tempfile.tempdir = str(temporary)
    try:
        status, _out, err = run_cli(*case.args(work))
    finally:
        tempfile.tempdir = previous
    assert status in (0, 1), err  # 1: already closed, say
    assert _strays(work, temporary) == []
    assert _verifies(work / "campagne.jury")
    assert not list(log_dir.glob("erreur-*"))
    print(f"{case.name}: {duration:.2f} s to the end; after {KILLS} kill(s): {outcomes}")
