"""Nothing lost: a score shown as saved survives the app being killed (SIGKILL) at once."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from fractions import Fraction
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import sys
    import time
    from pathlib import Path

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from juryapp.ui import settings
    from juryapp.ui.app import make_application
    from juryapp.ui.main_window import MainWindow

    settings.use_settings_folder(Path(sys.argv[2]))
    app = make_application()
    window = MainWindow()
    window.show()
    window.open_path(Path(sys.argv[1]))  # in the background, as in real use
    deadline = time.monotonic() + 30
    while window.scoring_page is None and time.monotonic() < deadline:
        app.processEvents()
    page = window.scoring_page
    editor = page.editors[0]
    editor.setFocus()
    QTest.keyClicks(editor, "4,5")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    while window.indicator.state != window.indicator.SAVED and time.monotonic() < deadline:
        app.processEvents()
    print("SAVED", window.indicator.text(), flush=True)
    while True:  # the app goes on living until it is killed
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_score_shown_as_saved_survives_sigkill(
    qtbot: QtBot, window: MainWindow, juror_copy: Path, tmp_path: Path
) -> None:
    script = tmp_path / "score_then_wait.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "JURYAPP_LOG_DIR": str(tmp_path / "child-logs"),
    }
    child = subprocess.Popen(
        [sys.executable, str(script), str(juror_copy), str(tmp_path / "child-settings")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _w, _x = select.select([child.stdout], [], [], 1)
            if ready:
                line = child.stdout.readline()
                break
            assert child.poll() is None, "the app stopped before saving"
        assert line.startswith("SAVED Enregistré ✓"), line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with CampaignFile.open(juror_copy) as file:
        cells = file.scores_for("J2")
        assert [(c.ref, c.criterion, c.value) for c in cells] == [
            ("AMI-2016-001", "INNO", Fraction(9, 2))
        ]
        assert cells[0].author == "J2"

    window.open_path(juror_copy)
    page = window.scoring_page
    assert page is not None
    assert page.current_ref == "AMI-2016-001"
    assert page.editors[0].text() == "4,5"
