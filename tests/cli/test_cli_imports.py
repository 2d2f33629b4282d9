"""Fast to start: a command imports only what it needs (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "sqlalchemy", "sqlmodel", "alembic", "openpyxl", "reportlab")

CHILD = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from juryapp.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            status = main(sys.argv[1:])
        except SystemExit as exit_:
            status = exit_.code
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    print(json.dumps({"status": status, "out": out.getvalue(), "loaded": loaded}))
    """
)


def run_child(*args: str) -> dict:
    """``juryapp ARGS`` in a new interpreter: exit status, output and top-level modules loaded."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(done.stdout)


def test_version_loads_neither_sql_nor_file_formats_nor_qt() -> None:
    child = run_child("--version")
    assert child["status"] == 0
    assert child["out"].startswith("juryapp ")
    loaded = set(child["loaded"])
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    assert "babel" not in loaded


def test_results_loads_neither_qt_nor_file_formats_nor_sqlalchemy(
    poitiers: Path, run: Callable[..., tuple[int, str, str]]
) -> None:
    child = run_child("--lang", "fr", "results", str(poitiers), "--json")
    assert child["status"] == 0
    assert json.loads(child["out"])["dossiers"]
    loaded = set(child["loaded"])
    assert loaded.isdisjoint(HEAVY), sorted(loaded & set(HEAVY))
    # The same figures as in-process (where everything may already be loaded).
    status, out, _ = run("results", str(poitiers), "--json")
    assert status == 0
    assert json.loads(out) == json.loads(child["out"])
