"""Nothing lost: what was typed survives the app being killed (SIGKILL), and a juror's
copy travels as one file (the write-ahead log folded in; « Enregistrer une copie pour le
coordinateur… » writes one self-contained file)."""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.main_window import MainWindow
from tests.ui.ui_helpers import Messages, press, type_text

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
    # The second value is typed but never confirmed (no Enter, no Tab).
    QTest.keyClicks(page.editors[1], "3")
    # A comment just typed (non-ASCII: one key event per character), no key after it.
    page.comment.setFocus()
    for char in "Très ancré à Poitiers":
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, page.comment, Qt.Key.Key_unknown, char,
            Qt.KeyboardModifier.NoModifier,
        )
    ref = page.current_ref
    while page.sheet.comments.get(ref) is None and time.monotonic() < deadline:
        app.processEvents()  # the comment's short pause
    wal = Path(sys.argv[1] + "-wal")
    while wal.exists() and wal.stat().st_size > 0 and time.monotonic() < deadline:
        app.processEvents()  # the write-ahead log folded into the file
        time.sleep(0.01)
    print("SAVED", window.indicator.text(), flush=True)
    while True:  # the app goes on living until it is killed
        app.processEvents()
        time.sleep(0.01)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_value_not_confirmed_and_a_comment_just_typed_survive_sigkill(
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

    # The .jury alone, as copied onto a USB key after the crash, holds everything.
    alone = tmp_path / "usb" / juror_copy.name
    alone.parent.mkdir()
    shutil.copyfile(juror_copy, alone)
    for path in (juror_copy, alone):
        with CampaignFile.open(path) as file:
            cells = file.scores_for("J2")
            comments = file.comments_for("J2")
        assert {(c.ref, c.criterion): c.value for c in cells} == {
            ("AMI-2016-001", "INNO"): Fraction(9, 2),
            ("AMI-2016-001", "BESOIN"): 3,  # typed, never confirmed
        }
        assert {c.author for c in cells} == {"J2"}
        assert [(c.ref, c.text) for c in comments] == [("AMI-2016-001", "Très ancré à Poitiers")]

    window.open_path(juror_copy)
    page = window.scoring_page
    assert page is not None
    assert page.current_ref == "AMI-2016-001"
    assert page.editors[0].text() == "4,5"
    assert page.editors[1].text() == "3"
    assert page.comment.toPlainText() == "Très ancré à Poitiers"


def test_the_copy_for_the_coordinator_is_one_file_that_merges(
    qtbot: QtBot, window: MainWindow, full_campaign: Path, tmp_path: Path, shown: Messages
) -> None:
    from juryapp.merge.copies import make_juror_copy
    from juryapp.merge.run import merge_files

    with CampaignFile.open(full_campaign) as master:
        copy = make_juror_copy(master, "J2", tmp_path / "ami-J2.jury", "coordination")
    usb = tmp_path / "usb"
    usb.mkdir()
    asked: list[tuple[str, str]] = []

    def ask(_parent: object, title: str, suggested: str, _filter: str) -> str:
        asked.append((title, suggested))
        return str(usb / "karim")  # the extension is added

    window.ask_save_path = ask  # type: ignore[method-assign]
    window.open_path(copy)
    page = window.scoring_page
    assert page is not None
    assert window.copy_action.isEnabled()
    assert window.copy_action.shortcut().toString() == "Ctrl+Shift+S"
    type_text("4,5")
    press(Qt.Key.Key_Tab)
    type_text("3")  # not confirmed
    press(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    type_text("Équipe solide")  # saved by the copy itself, without waiting
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)

    written = usb / "karim.jury"
    assert asked == [
        (
            "Enregistrer une copie pour le coordinateur",
            str(tmp_path / "ami-J2-pour-coordinateur.jury"),
        )
    ]
    assert sorted(p.name for p in usb.iterdir()) == ["karim.jury"]  # one file, no -wal
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    kind, title, text = shown.shown[-1]
    assert (kind, title) == ("info", "Copie enregistrée")
    assert "karim.jury" in text and str(usb) in text
    assert "Copie enregistrée" in window.statusBar().currentMessage()

    # The file alone, moved elsewhere, merges into the campaign with the latest edits.
    moved = tmp_path / "inbox" / "karim.jury"
    moved.parent.mkdir()
    shutil.move(written, moved)
    with CampaignFile.open(full_campaign) as master:
        merge_files(master, [moved], "coordination")
        cells = {(c.ref, c.criterion): c.value for c in master.scores_for("J2")}
        comments = {c.ref: c.text for c in master.comments_for("J2")}
    assert cells == {("AMI-2016-001", "INNO"): Fraction(9, 2), ("AMI-2016-001", "BESOIN"): 3}
    assert comments == {"AMI-2016-001": "Équipe solide"}


def test_the_copy_refuses_to_replace_the_open_file(
    qtbot: QtBot, window: MainWindow, juror_copy: Path, shown: Messages
) -> None:
    window.ask_save_path = lambda *_args: str(juror_copy)  # type: ignore[method-assign]
    window.open_path(juror_copy)
    window.copy_action.trigger()
    assert shown.errors() == [
        f"Copie non enregistrée: « {juror_copy} » est le fichier de campagne ouvert : "
        "choisissez un autre nom pour la copie."
    ]
