"""The desktop bundle (``dist/juryapp/``), run as a user would: no Python, from another folder.

``bash packaging/bootstrap.sh bundle`` builds the bundle and runs this file;
the ordinary test run skips it when no bundle has been built. Each command
runs the bundle's executable in a temporary folder outside the repository,
with an environment that holds no Python variable and no virtual environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from juryapp import __version__

REPOSITORY = Path(__file__).resolve().parents[2]
BUNDLE = REPOSITORY / "dist" / "juryapp"
EXECUTABLE = BUNDLE / ("juryapp.exe" if sys.platform == "win32" else "juryapp")


def _stale_bundle() -> bool:
    """True when a source file changed after the bundle was built (a bundle tests old code)."""
    built = EXECUTABLE.stat().st_mtime
    sources = (REPOSITORY / "juryapp", REPOSITORY / "db", REPOSITORY / "resources")
    return any(
        path.stat().st_mtime > built
        for folder in sources
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


pytestmark = [
    pytest.mark.skipif(
        not EXECUTABLE.exists(),
        reason=f"no bundle at {EXECUTABLE}: build it with `bash packaging/bootstrap.sh bundle`",
    ),
    pytest.mark.skipif(
        EXECUTABLE.exists() and _stale_bundle(),
        reason="the bundle is older than the sources: rebuild it with "
        "`bash packaging/bootstrap.sh bundle`",
    ),
]

# What Windows needs to start any program; nothing of Python's.
_WINDOWS_KEEP = ("SYSTEMROOT", "SYSTEMDRIVE", "WINDIR", "COMSPEC", "PATHEXT", "TEMP", "TMP")


def bundle_environment(home: Path, **extra: str) -> dict[str, str]:
    """A bare environment: a system PATH, a fresh HOME, Qt offscreen."""
    if sys.platform == "win32":
        env = {name: os.environ[name] for name in _WINDOWS_KEEP if name in os.environ}
        env["PATH"] = os.path.join(os.environ.get("SYSTEMROOT", r"C:\Windows"), "System32")
        env["USERPROFILE"] = str(home)
        env["APPDATA"] = str(home / "AppData" / "Roaming")
        env["LOCALAPPDATA"] = str(home / "AppData" / "Local")
    else:
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    env["HOME"] = str(home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run_bundle(
    folder: Path, *args: str, timeout: float = 120, **extra: str
) -> subprocess.CompletedProcess[str]:
    home = folder / "home"
    home.mkdir(exist_ok=True)
    return subprocess.run(
        [str(EXECUTABLE), *args],
        cwd=folder,
        env=bundle_environment(home, **extra),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def fill_template(workbook: Path, name: str) -> None:
    """What a secretariat does with the blank template: its own call name, its own rows.

    The template's example rows (marked « exemple ») are never imported; each
    sheet gets a row of its own made from its example, with references renamed.
    """
    book = load_workbook(workbook)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        header = [str(cell or "") for cell in rows[0]]
        if header[0] in ("Paramètre", "Parameter"):
            for row in sheet.iter_rows(min_row=2):
                if row[0].value in ("Nom", "Name"):
                    row[1].value = name
            continue
        markers = [i for i, title in enumerate(header) if title in ("Exemple", "Example")]
        if not markers:
            continue
        for example in [row for row in rows[1:] if row[markers[0]]]:
            own = ["DOS-01" if value == "EXEMPLE-1" else value for value in example]
            own[markers[0]] = None
            sheet.append(own)
    book.save(workbook)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A working folder outside the repository (pytest's temporary folder)."""
    assert REPOSITORY not in tmp_path.resolve().parents
    return tmp_path


def test_the_bundle_holds_its_own_python_and_data() -> None:
    internal = BUNDLE / "_internal"
    runtime = [path for path in internal.iterdir() if "python" in path.name.lower()]
    assert runtime, "no Python runtime inside the bundle"
    assert list(internal.rglob("db/env.py")), "the Alembic environment is missing"
    assert list(internal.rglob("db/script.py.mako"))
    assert list(internal.rglob("db/versions/0001_*.py")), "the migrations are missing"
    assert list(internal.rglob("resources/fonts/DejaVuSans.ttf"))
    assert list(internal.rglob("resources/i18n/en-documents.po"))


def test_version(folder: Path) -> None:
    assert ok(run_bundle(folder, "--version")).strip() == f"juryapp {__version__}"


def test_template_new_and_minutes_in_french_and_english(folder: Path) -> None:
    template = folder / "appel.xlsx"
    ok(run_bundle(folder, "template", template.name))
    assert "Critères" in load_workbook(template, read_only=True).sheetnames
    fill_template(template, "Prix de l'essai")

    created = ok(run_bundle(folder, "new", "appel.jury", "--from", template.name))
    assert "appel.jury" in created
    assert (folder / "appel.jury").stat().st_size > 0

    ok(run_bundle(folder, "export", "appel.jury", "--minutes", "pv.pdf"))
    french = pdf_text(folder / "pv.pdf")
    assert "Procès-verbal de délibération du jury" in french
    # The thousands separator and the euro sign need the embedded DejaVu font.
    fonts = {
        str(font.get("/BaseFont", ""))
        for page in PdfReader(folder / "pv.pdf").pages
        for font in page["/Resources"]["/Font"].values()
        for font in [font.get_object()]
    }
    assert any("DejaVu" in name for name in fonts), fonts

    ok(run_bundle(folder, "export", "appel.jury", "--minutes", "minutes.pdf", "--lang", "en"))
    assert "Minutes of the jury's deliberation" in pdf_text(folder / "minutes.pdf")


def test_demo_runs_end_to_end(folder: Path) -> None:
    """Scores, merge, deliberation, seal and every document, all inside the bundle."""
    out = ok(run_bundle(folder, "demo", "demo", timeout=300))
    assert "sceau" in out
    written = {path.suffix for path in (folder / "demo").rglob("*")}
    assert {".jury", ".xlsx", ".pdf"} <= written


def test_bad_workbook_is_refused_in_one_sentence(folder: Path) -> None:
    (folder / "faux.xlsx").write_bytes(b"not a workbook")
    result = run_bundle(folder, "new", "x.jury", "--from", "faux.xlsx")
    assert result.returncode == 1, result.stderr
    assert "faux.xlsx" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "x.jury").exists()


def test_main_window_opens_offscreen_and_quits(folder: Path) -> None:
    out = ok(run_bundle(folder, JURYAPP_SMOKE_TEST="1"))
    assert "juryapp smoke test: window « juryapp" in out


@pytest.mark.parametrize("how", [["open"], []], ids=["juryapp open FILE", "juryapp FILE"])
def test_a_campaign_file_opens_in_the_app(folder: Path, how: list[str]) -> None:
    """What a file manager does with a double-clicked ``.jury`` file."""
    ok(run_bundle(folder, "template", "appel.xlsx"))
    fill_template(folder / "appel.xlsx", "Prix du double clic")
    ok(run_bundle(folder, "new", "double clic.jury", "--from", "appel.xlsx"))
    out = ok(run_bundle(folder, *how, str(folder / "double clic.jury"), JURYAPP_SMOKE_TEST="1"))
    # The campaign is open: the window names it, or asks who works on it.
    assert "Prix du double clic" in out, out


def test_assign_inside_the_bundle(folder: Path) -> None:
    """Who scores what (rules §14): OR-Tools' CP-SAT (three organisations among four
    rapporteurs from three organisations, with numpy and pandas) and its min-cost flow
    run inside the bundle."""
    import json

    from tests.plugin.workbooks import GRAND_POITIERS, write_book

    book = dict(GRAND_POITIERS)
    book["Jury"] = [
        ("Code", "Nom", "Rôle", "Voix", "Présence", "Organisme"),
        ("J1", "Présidente du jury", "président", "oui", "présent", "Grand Poitiers"),
        ("J2", "Élu délégué à l'ESS", "membre", "oui", "présent", "Grand Poitiers"),
        ("J3", "Représentant de la CRESS", "membre", "oui", "visio", "CRESS"),
        ("J5", "Représentante de la CRESS", "membre", "oui", "présent", "CRESS"),
        ("J6", "Représentant de la Région", "membre", "oui", "présent", "Région"),
        ("J7", "Élue de la Région", "membre", "oui", "présent", "Région"),
        ("J4", "Secrétaire de séance", "secrétaire", "non", "présent", "Grand Poitiers"),
    ]
    write_book(folder / "poitiers.xlsx", book)
    ok(run_bundle(folder, "new", "poitiers.jury", "--from", "poitiers.xlsx"))
    assign = ["assign", "poitiers.jury", "--per-dossier", "4", "--institutions", "3"]
    out = ok(run_bundle(folder, *assign, "--seed", "5", "--json"))
    found = json.loads(out)
    assert found["method"] == "cp-sat" and found["seed"] == "5"
    assert all(len(item["jurors"]) == 4 for item in found["assignments"])
    ok(run_bundle(folder, "export", "poitiers.jury", "--minutes", "pv.pdf"))
    assert "Répartition des dossiers entre les jurés" in pdf_text(folder / "pv.pdf")


def test_a_signed_pv_is_written_and_checked(folder: Path) -> None:
    """pyHanko and cryptography inside the bundle: the PV signed, then checked against
    its campaign, and the seal's short code read back."""
    from juryapp.demo import CAMPAIGN_NAME
    from juryapp.store.seal import seal_code
    from tests.plugin.certificates import PASSWORD, certificate

    ok(run_bundle(folder, "demo", "demo", timeout=300))
    sealed = folder / "demo" / f"{CAMPAIGN_NAME}.jury"
    certificate(folder / "secretariat.p12")
    ok(
        run_bundle(
            folder,
            "export",
            str(sealed),
            "--minutes",
            "pv-signe.pdf",
            "--sign",
            "secretariat.p12",
            JURYAPP_SIGN_PASSWORD=PASSWORD,
        )
    )
    out = ok(run_bundle(folder, "verify", str(sealed), "--pv", "pv-signe.pdf"))
    assert "Signature intègre de Nadia Ouali" in out, out
    seal = next(line for line in pdf_text(folder / "pv-signe.pdf").split() if len(line) == 64)
    out = ok(run_bundle(folder, "verify", str(sealed), "--seal", seal_code(seal)))
    assert "Sceau imprimé conforme" in out, out
