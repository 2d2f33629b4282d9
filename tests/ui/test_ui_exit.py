"""Closing the app after a scoring session: exit status 0, nothing on stderr, nothing lost.

The abort that this guards against ("Fatal Python error: bool_dealloc" at exit,
status 134) came from the Qt binding: PySide6 6.12.0's ``SignalInstance.emit()``
returns ``True`` without taking a reference to it, so every signal emitted from
Python code took one reference from ``True``. On CPython 3.11 (where ``True`` is
not immortal) a few thousand emissions — about 40 typed values — drained it, and
the interpreter aborted when its last references were released at shutdown.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import PySide6
from PySide6.QtCore import QObject, Signal

from juryapp.store import CampaignFile

ROOT = Path(__file__).resolve().parents[2]

# What the offscreen platform itself prints; a real display does not.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


class _Emitter(QObject):
    changed = Signal(str)
    pinged = Signal()


def test_emitting_a_signal_keeps_the_references_of_true() -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(2000):
        emitter.changed.emit("x")
        emitter.pinged.emit()
    lost = before - sys.getrefcount(True)
    assert len(received) == 2000
    assert lost < 10, (
        f"PySide6 {PySide6.__version__} loses a reference to True at each emit() "
        f"({lost} lost for 4000 emissions): the app would abort at exit; exclude this "
        "release in pyproject.toml"
    )


SCRIPT = textwrap.dedent(
    """
    import os
    import sys
    import traceback
    from pathlib import Path

    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from juryapp.ui import settings
    from juryapp.ui.app import main, make_application
    from juryapp.ui.widgets.score_edit import ScoreEdit

    settings.use_settings_folder(Path(sys.argv[2]))
    VALUES = ("3", "4", "2", "5", "1", "4,5")  # each fits every criterion of the demo grid
    COUNT = int(sys.argv[3])


    def score_then_quit() -> None:
        try:
            score_then_quit_or_fail()
        except BaseException:  # a failing check must end the child, not hang it
            traceback.print_exc()
            os._exit(3)


    def score_then_quit_or_fail() -> None:
        app = QApplication.instance()
        window = next(w for w in app.topLevelWidgets() if w.objectName() == "mainWindow")
        page = window.scoring_page
        if page is None:  # still opening in the background
            QTimer.singleShot(20, score_then_quit)
            return
        window.activateWindow()  # what a window manager does when the window shows
        app.processEvents()
        page.focus_first_editor()
        for number in range(COUNT):
            editor = app.focusWidget()
            assert isinstance(editor, ScoreEdit), editor
            QTest.keyClicks(editor, VALUES[number % len(VALUES)])
            last = editor is page.editors[-1]
            # Tab inside a grid, Enter on its last criterion (→ next dossier).
            QTest.keyClick(editor, Qt.Key.Key_Return if last else Qt.Key.Key_Tab)
        print("TYPED", COUNT, flush=True)
        QTest.keyClick(app.focusWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


    make_application()
    QTimer.singleShot(0, score_then_quit)
    status = main([sys.argv[1]])
    print("EXIT", status, flush=True)
    sys.exit(status)
    """
)


def test_sixty_values_then_ctrl_q_exit_with_status_zero_and_a_clean_stderr(
    juror_copy: Path, tmp_path: Path
) -> None:
    script = tmp_path / "score_and_quit.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(juror_copy), str(tmp_path / "child-settings"), "60"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
            "JURYAPP_LOG_DIR": str(tmp_path / "child-logs"),
            "JURYAPP_ERRORS_TO_LOG": "1",
        },
        check=False,
    )
    stderr = [line for line in result.stderr.splitlines() if line.strip() != OFFSCREEN_NOISE]
    assert result.returncode == 0, result.stderr
    assert stderr == []
    assert result.stdout.splitlines() == ["TYPED 60", "EXIT 0"]
    # Closed properly: the write-ahead log is folded back into the file itself.
    assert not Path(f"{juror_copy}-wal").exists()
    with CampaignFile.open(juror_copy) as file:
        cells = file.scores_for("J2")
    assert len(cells) == 60
    assert len({cell.ref for cell in cells}) == 10
