"""The installed package works on its own: a wheel built from this tree, installed
into a fresh virtual environment, run from a folder outside the repository.

The new environment gets juryapp only from the wheel; its third-party
dependencies come from the project's environment through a ``.pth`` line (a
plain path: the editable install's hooks there are not run), so nothing is
downloaded. Each command runs as the installed ``juryapp`` script, with no
``PYTHONPATH``, in a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.plugin.workbooks import GRAND_POITIERS, write_book

REPOSITORY = Path(__file__).resolve().parents[2]
DATA_FOLDERS = {"db": "juryapp/db", "resources": "juryapp/resources"}


def shipped_files() -> dict[str, str]:
    """Every file of ``db/`` and ``resources/`` -> its path inside the wheel."""
    files = {}
    for folder, packaged in DATA_FOLDERS.items():
        for path in sorted((REPOSITORY / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                relative = path.relative_to(REPOSITORY / folder).as_posix()
                files[f"{folder}/{relative}"] = f"{packaged}/{relative}"
    return files


@dataclass
class Installed:
    venv: Path
    wheel: Path
    sdist: Path
    work: Path
    env: dict[str, str]

    @property
    def juryapp(self) -> Path:
        return self.venv / "bin" / "juryapp"

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(self.juryapp), *args],
            cwd=self.work,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if ok:
            assert done.returncode == 0, f"juryapp {' '.join(args)}: {done.stderr}"
        return done


def _build(source: Path, out: Path, hook: str) -> Path:
    """A PEP 517 build (``build_wheel`` or ``build_sdist``) of ``source`` with this
    environment's setuptools (offline, no build isolation)."""
    code = f"import sys; from setuptools import build_meta; print(build_meta.{hook}(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", code, str(out)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return out / done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    dist.mkdir()
    # as `python -m build` does: the sdist, then the wheel from the unpacked sdist
    # (which also shows that the sdist is complete, and keeps stale build/ folders out)
    sdist = _build(REPOSITORY, dist, "build_sdist")
    with tarfile.open(sdist) as archive:
        archive.extractall(root / "sdist", filter="data")
    (unpacked,) = (root / "sdist").iterdir()
    wheel = _build(unpacked, dist, "build_wheel")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # third-party packages from the project's environment, after the wheel's own files
    (site / "project-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    work = root / "work"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "JURYAPP_"))
    }
    env.update(
        HOME=str(root / "home"),
        XDG_DATA_HOME=str(root / "home" / "data"),
        XDG_CONFIG_HOME=str(root / "home" / "config"),
        JURYAPP_LOG_DIR=str(root / "logs"),
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
        QT_QPA_PLATFORM="offscreen",
    )
    yield Installed(venv, wheel, sdist, work, env)


def test_the_wheel_and_the_sdist_carry_migrations_fonts_catalogues_and_guide(installed):
    files = shipped_files()
    assert "db/env.py" in files and "db/script.py.mako" in files
    assert "resources/fonts/DejaVuSans.ttf" in files and "resources/i18n/en-documents.po" in files
    assert "resources/doc/guide-fr.md" in files and "resources/doc/guide-en.md" in files
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    missing = sorted(inside for inside in files.values() if inside not in names)
    assert not missing, f"not in the wheel: {missing}"
    assert not [name for name in names if name.startswith(("db/", "resources/", "tests/"))]
    with tarfile.open(installed.sdist) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(top + "/") for name in sdist.getnames()}
    missing = sorted(path for path in files if path not in in_sdist)
    assert not missing, f"not in the sdist: {missing}"
    assert {"setup.py", "pyproject.toml", "README.md"} <= in_sdist


def test_juryapp_comes_from_the_wheel_not_from_the_source_tree(installed):
    code = (
        "import juryapp, juryapp.paths as p; "
        "print(juryapp.__file__); print(p.migrations_path()); print(p.resource_path('fonts'))"
    )
    done = subprocess.run(
        [str(installed.venv / "bin" / "python"), "-c", code],
        cwd=installed.work,
        env=installed.env,
        capture_output=True,
        text=True,
        check=True,
    )
    module, migrations, fonts = (Path(line) for line in done.stdout.split())
    site = installed.venv.resolve()
    for path in (module, migrations, fonts):
        assert path.resolve().is_relative_to(site), path
        assert not path.resolve().is_relative_to(REPOSITORY)
    assert migrations.as_posix().endswith("juryapp/db")
    assert fonts.as_posix().endswith("juryapp/resources/fonts")


def _fill_score_sheet(path: Path, grids: dict[str, tuple[float, float, float]]) -> None:
    book = load_workbook(path)
    sheet = book["Notes"]
    header_row = next(
        row for row in range(1, 10) if str(sheet.cell(row, 1).value or "").strip() == "Juré"
    )
    headers = {
        str(sheet.cell(header_row, column).value): column
        for column in range(1, sheet.max_column + 1)
    }
    for row in range(header_row + 1, sheet.max_row + 1):
        ref = sheet.cell(row, headers["Référence"]).value
        if ref in grids:
            for code, value in zip(("UTIL", "ESS", "TERR"), grids[ref], strict=True):
                sheet.cell(row, headers[code]).value = value
    book.save(path)


SCORES = {  # GP-01 and GP-02 exactly tied in « Territoire durable »: a vote is needed
    "J1": {
        "GP-01": (8, 7, 9),
        "GP-02": (8, 7, 9),
        "GP-03": (6, 6.5, 7),
        "GP-04": (9, 8, 8),
        "GP-05": (5, 5, 5),
        "GP-07": (7, 7, 7),
    },
    "J2": {
        "GP-01": (7, 8, 8),
        "GP-02": (7, 8, 8),
        "GP-03": (7, 7, 7),
        "GP-04": (8, 8, 9),
        "GP-05": (6, 6, 6),
        "GP-07": (6, 6, 6),
    },
    "J3": {
        "GP-01": (9, 9, 9),
        "GP-02": (9, 9, 9),
        "GP-03": (8, 8, 8),
        "GP-04": (7, 7, 7),
        "GP-07": (5, 5, 5),
    },  # J3 is recused on GP-05
}


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_a_whole_call_with_the_installed_command_line(installed):
    work = installed.work
    assert installed.run("--version").stdout.startswith("juryapp ")

    installed.run("template", "vierge.xlsx")
    assert "Appel" in load_workbook(work / "vierge.xlsx").sheetnames

    write_book(work / "appel.xlsx", GRAND_POITIERS)
    installed.run("new", "appel.jury", "--from", "appel.xlsx")
    write_book(
        work / "depot.xlsx",
        {
            "Dépôt": [
                ("Nom du projet", "Référence", "Catégorie"),
                ("Recyclerie du Clain", "GP-07", "CIR"),
            ]
        },
    )
    installed.run("dossiers", "import", "appel.jury", "depot.xlsx", "--map", "Nom du projet=title")

    sheets = []
    for juror, grids in SCORES.items():
        sheet = work / f"notes-{juror}.xlsx"
        installed.run("scores", "sheet", "appel.jury", "--juror", juror, str(sheet))
        _fill_score_sheet(sheet, grids)
        sheets.append(sheet.name)
    merged = json.loads(installed.run("scores", "merge", "appel.jury", *sheets, "--json").stdout)
    assert merged, "the merge report is empty"

    results = json.loads(installed.run("results", "appel.jury", "--json").stdout)
    assert len(results["dossiers"]) == 7
    assert [tie["refs"] for tie in results["ties"] if tie["state"] == "pending"] == [
        ["GP-01", "GP-02"]
    ]
    refused = installed.run("close", "appel.jury", ok=False)
    assert refused.returncode == 1 and "GP-01" in refused.stderr
    installed.run(
        "decide",
        "appel.jury",
        "tie",
        "--refs",
        "GP-01,GP-02",
        "--order",
        "GP-02,GP-01",
        "--votes",
        "2,1,0",
        "--reason",
        "vote en séance",
    )
    results = json.loads(installed.run("results", "appel.jury", "--json").stdout)
    assert results["pending"] == []
    seal = installed.run("close", "appel.jury").stdout.split()[-1]
    assert len(seal) == 64

    installed.run(
        "export",
        "appel.jury",
        "--minutes",
        "pv.pdf",
        "--awards",
        "attributions.xlsx",
        "--opendata",
        "subventions.csv",
    )
    installed.run("--lang", "en", "export", "appel.jury", "--minutes", "pv-en.pdf")
    french, english = _pdf_text(work / "pv.pdf"), _pdf_text(work / "pv-en.pdf")
    assert "Procès-verbal de délibération du jury" in french
    assert "Minutes of the jury's deliberation" in english
    assert "Procès-verbal de délibération" not in english
    assert seal[:16] in french.replace("\n", "")
    fonts = {
        str(font.get("/BaseFont"))
        for page in PdfReader(work / "pv.pdf").pages
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
        for font in [font.get_object()]
    }
    assert any("DejaVuSans" in name for name in fonts), fonts
    assert load_workbook(work / "attributions.xlsx").sheetnames
    assert "Jardin partagé des Couronneries" in (work / "subventions.csv").read_text(
        encoding="utf-8"
    )

    assert "intègre" in installed.run("verify", "appel.jury").stdout
    english_verify = installed.run("--lang", "en", "verify", "appel.jury").stdout
    assert english_verify.strip() and "intègre" not in english_verify

    demo = installed.run("demo", "demo")
    assert (work / "demo").is_dir() and any((work / "demo").glob("*.pdf")), demo.stdout
    assert not list((Path(installed.env["JURYAPP_LOG_DIR"])).glob("*")), "a crash report"


def test_the_guide_is_installed_and_named_by_the_help(installed):
    help_text = installed.run("--help").stdout
    french = Path(installed.run("guide", "--path").stdout.strip())
    english = Path(installed.run("guide", "--lang", "en", "--path").stdout.strip())
    assert french.resolve().is_relative_to(installed.venv.resolve())
    assert french.name == "guide-fr.md" and english.name == "guide-en.md"
    assert str(french) in help_text.replace("\n", "")
    printed = installed.run("guide").stdout
    assert printed == french.read_text(encoding="utf-8")
