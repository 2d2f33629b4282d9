"""packaging/linux/install.sh and uninstall.sh, run for a user whose HOME is a temporary folder.

The bundle installed is a stand-in (an executable script in a folder laid out
like dist/juryapp/), so this runs with the ordinary suite; the real bundle is
tried by tests/packaging/test_bundle.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPTS = REPOSITORY / "packaging" / "linux"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the install scripts are for Linux"
)


def fake_bundle(folder: Path) -> Path:
    """A folder shaped like dist/juryapp/: the executable, _internal/ with the icons."""
    bundle = folder / "dist" / "juryapp"
    icons = bundle / "_internal" / "juryapp" / "resources" / "icons"
    icons.mkdir(parents=True)
    for icon in (REPOSITORY / "resources" / "icons").iterdir():
        shutil.copy(icon, icons / icon.name)
    executable = bundle / "juryapp"
    executable.write_text('#!/bin/sh\necho "stand-in juryapp $*"\n', encoding="utf-8")
    executable.chmod(0o755)
    return bundle


def user_environment(home: Path) -> dict[str, str]:
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    env["XDG_DATA_HOME"] = str(home / ".local" / "share")
    env["XDG_CONFIG_HOME"] = str(home / ".config")
    return env


def run_script(name: str, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["bash", str(SCRIPTS / name), "--user", *args],
        env=user_environment(home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_install_for_a_user_then_uninstall(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    bundle = fake_bundle(tmp_path)

    out = run_script("install.sh", home, "--from", str(bundle)).stdout
    target = home / ".local" / "opt" / "juryapp"
    assert f"juryapp installed in {target}" in out
    share = home / ".local" / "share"

    # The program and its command, which runs it.
    assert (target / "juryapp").is_file()
    assert (target / "uninstall.sh").is_file()
    command = home / ".local" / "bin" / "juryapp"
    assert command.resolve() == (target / "juryapp").resolve()
    shown = subprocess.run([str(command), "open", "x.jury"], capture_output=True, text=True)
    assert shown.stdout.strip() == "stand-in juryapp open x.jury"

    # The menu entry opens a double-clicked file with the installed program.
    desktop = (share / "applications" / "juryapp.desktop").read_text(encoding="utf-8")
    assert f'Exec="{target}/juryapp" %f' in desktop
    assert "MimeType=application/x-juryapp;" in desktop
    assert "Icon=juryapp" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(share / "applications" / "juryapp.desktop")],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stdout + check.stderr

    # The icons, for the app and its files.
    hicolor = share / "icons" / "hicolor"
    for icon in (
        "scalable/apps/juryapp.svg",
        "256x256/apps/juryapp.png",
        "scalable/mimetypes/application-x-juryapp.svg",
        "256x256/mimetypes/application-x-juryapp.png",
    ):
        assert (hicolor / icon).stat().st_size > 0, icon

    # The file type.
    mime_xml = (share / "mime" / "packages" / "juryapp.xml").read_text(encoding="utf-8")
    assert 'type="application/x-juryapp"' in mime_xml
    assert 'pattern="*.jury"' in mime_xml

    # Installing again replaces the copy.
    (target / "stale").write_text("old", encoding="utf-8")
    run_script("install.sh", home, "--from", str(bundle))
    assert not (target / "stale").exists()

    run_script("uninstall.sh", home)
    assert not target.exists()
    assert not command.exists() and not command.is_symlink()
    assert not (share / "applications" / "juryapp.desktop").exists()
    assert not (share / "mime" / "packages" / "juryapp.xml").exists()
    assert not (hicolor / "scalable" / "apps" / "juryapp.svg").exists()
    assert bundle.is_dir(), "uninstalling must not touch the bundle it was installed from"


@pytest.mark.skipif(
    not shutil.which("update-mime-database"),
    reason="update-mime-database (shared-mime-info) absent",
)
def test_the_system_knows_jury_files_after_install(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    run_script("install.sh", home, "--from", str(fake_bundle(tmp_path)))
    mime = home / ".local" / "share" / "mime"
    globs = (mime / "globs2").read_text(encoding="utf-8")
    assert "application/x-juryapp:*.jury" in globs
    assert "application/x-juryapp" in (mime / "types").read_text(encoding="utf-8")
    assert (mime / "application" / "x-juryapp.xml").is_file()

    # What a file manager sees: Qt's MIME database (KDE's), which reads the same files as GIO.
    env = user_environment(home)
    env["XDG_DATA_DIRS"] = "/usr/local/share:/usr/share"
    campaign = tmp_path / "appel.jury"
    campaign.write_bytes(b"SQLite format 3\x00" + bytes(100))
    probe = (
        "import sys; from PySide6.QtCore import QMimeDatabase; "
        "print(QMimeDatabase().mimeTypeForFile(sys.argv[1]).name())"
    )
    seen = subprocess.run(
        [sys.executable, "-c", probe, str(campaign)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert seen.stdout.strip() == "application/x-juryapp", seen.stdout + seen.stderr

    if shutil.which("xdg-mime"):
        default = subprocess.run(
            ["xdg-mime", "query", "default", "application/x-juryapp"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert default.stdout.strip() == "juryapp.desktop", default.stdout + default.stderr

    run_script("uninstall.sh", home)
    assert "x-juryapp" not in (mime / "globs2").read_text(encoding="utf-8")
