"""``juryapp FILE.jury`` and ``juryapp open FILE.jury`` open the campaign in the app.

That is what a file manager runs for a double-clicked ``.jury`` file (the
.desktop entry, the Windows association, the macOS document type). The app is
started for real, offscreen, with ``JURYAPP_SMOKE_TEST=1`` so that it says what
it shows and quits by itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from juryapp.cli import _file_to_open, build_parser, main
from tests.plugin.workbooks import GRAND_POITIERS, write_book


def launch(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "JURYAPP_SMOKE_TEST": "1",
        "LANG": "fr_FR.UTF-8",
    }
    if sys.platform == "win32":
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
    return subprocess.run(
        [sys.executable, "-m", "juryapp", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def campaign(tmp_path: Path) -> Path:
    workbook = write_book(tmp_path / "appel.xlsx", GRAND_POITIERS)
    path = tmp_path / "territoire ESS.jury"
    assert main(["new", str(path), "--from", str(workbook)]) == 0
    return path


@pytest.mark.parametrize("how", [["open"], []], ids=["open FILE", "FILE"])
def test_a_campaign_file_opens_in_the_app(tmp_path: Path, campaign: Path, how: list[str]) -> None:
    result = launch(tmp_path, *how, str(campaign))
    assert result.returncode == 0, result.stdout + result.stderr
    # Opened: the app asks who works on « AAP « Territoire de l'ESS » 2023 ».
    assert "Territoire de l'ESS » 2023" in result.stdout, result.stdout


def test_without_a_file_the_window_opens_and_the_smoke_test_quits(tmp_path: Path) -> None:
    result = launch(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("juryapp smoke test: window « juryapp »")
    assert "dialog" not in result.stdout


def test_a_missing_campaign_file_is_said_in_the_app(tmp_path: Path) -> None:
    result = launch(tmp_path, "absent.jury")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "absent.jury" in result.stdout, result.stdout


def test_which_arguments_are_a_file_to_open(tmp_path: Path, campaign: Path) -> None:
    parser = build_parser()
    assert _file_to_open(parser, [str(campaign)]) == str(campaign)
    assert _file_to_open(parser, ["ailleurs/Appel.JURY"]) == "ailleurs/Appel.JURY"
    other = tmp_path / "campagne-sans-extension"
    other.write_bytes(campaign.read_bytes())
    assert _file_to_open(parser, [str(other)]) == str(other)
    # Commands, options and anything else stay the command line's.
    assert _file_to_open(parser, ["demo"]) is None
    assert _file_to_open(parser, ["--version"]) is None
    assert _file_to_open(parser, ["mot-inconnu"]) is None
    assert _file_to_open(parser, ["open", str(campaign)]) is None
