"""Fixtures shared by the tests of several packages: the command line run in-process, a
Grand Poitiers campaign created by it, and a small campaign file."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from juryapp.cli import main
from juryapp.store import CampaignFile
from tests.plugin.campaigns import small_campaign
from tests.plugin.workbooks import GRAND_POITIERS, write_book

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run the command line in-process: (exit status, stdout, stderr)."""

    def runner(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            status = (
                main(["--lang", "fr", *args]) if args and args[0] != "--lang" else main(list(args))
            )
        except SystemExit as exit_:
            status = int(exit_.code or 0)
        out = capsys.readouterr()
        return status, out.out, out.err

    return runner


@pytest.fixture
def poitiers(tmp_path: Path, run: Runner) -> Path:
    book = write_book(tmp_path / "poitiers.xlsx", GRAND_POITIERS)
    campaign = tmp_path / "poitiers.jury"
    status, _, err = run("new", str(campaign), "--from", str(book))
    assert status == 0, err
    return campaign


def results_json(run: Runner, campaign: Path) -> dict:
    status, out, err = run("results", str(campaign), "--json")
    assert status == 0, err
    return json.loads(out)


@pytest.fixture
def campaign_path(tmp_path: Path) -> Path:
    return tmp_path / "appel.jury"


@pytest.fixture
def store(campaign_path: Path) -> Iterator[CampaignFile]:
    """A small campaign file, open."""
    with CampaignFile.create(campaign_path, small_campaign(), "coordination") as opened:
        yield opened
