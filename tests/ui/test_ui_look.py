"""The screenshots script runs and draws every screen (the images are looked at by people)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from juryapp.ui.screenshots import take_all


def test_every_screen_is_drawn(qtbot: QtBot, tmp_path: Path) -> None:
    shots = take_all(tmp_path / "look")
    names = [path.stem for path in shots]
    assert (
        names[0] == "01-accueil" and "03-notation" in names and "10-import-correspondance" in names
    )
    for path in shots:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 400, path
    scoring = QImage(str(tmp_path / "look" / "03-notation.png"))
    assert (scoring.width(), scoring.height()) == (1280, 800)
