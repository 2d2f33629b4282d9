"""Lint, types and architecture contracts, checked with the rest of the suite."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool
    if not executable.exists():
        found = shutil.which(tool)
        if found is None:
            pytest.fail(f"{tool} is not installed (pip install -e '.[test]')")
        executable = Path(found)
    return subprocess.run(
        [str(executable), *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing():
    done = run("ruff", "check", "juryapp", "tests", "db")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_strict_on_core_store_and_io():
    done = run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_only_the_ui_imports_qt_and_the_engine_imports_no_sql():
    done = run("lint-imports")
    assert done.returncode == 0, done.stdout + done.stderr
