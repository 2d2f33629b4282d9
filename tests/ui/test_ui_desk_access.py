"""The desk for a juror who works with the keyboard or a screen reader, or sees poorly
(issue 18, the desk's part): every list and table named, Tab leaves every table (no
trap) and cycles through the desk in reading order, the focused control wears a ring
of at least 3:1 against its unfocused look, and the ranking's text reads at 4.5:1 on
every band and tie colour, a strong disagreement marked and not only coloured."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, aquitaine_file, poitiers_file
from juryapp.ui.desk import DeskPage
from juryapp.ui.desk.models import WARNING_TEXT, Column
from juryapp.ui.style import apply_style
from tests.ui.access_helpers import contrast


@pytest.fixture
def desk(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> Iterator[DeskPage]:
    apply_style(qapp)  # the app's own look, as the secretary sees it
    file: CampaignFile = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    page = DeskPage(file, "Lucie Perrin (secrétariat)", "fr")
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    yield page
    file.close()


def _focusable(page: DeskPage) -> list[QWidget]:
    return [
        w
        for w in page.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None  # a tab widget hands the focus to its tab bar
    ]


def test_the_lists_and_tables_of_the_desk_have_names(desk: DeskPage) -> None:
    views = {
        desk.ranking.view: "Classement",
        desk.pending.view: "À régler avant la clôture",
        desk.ranking.pool_tabs: "Catégories du classement",
        desk.decisions.view: "Décisions du jury",
        desk.attendance.view: "Présence des membres",
        desk.side_tabs: "Détail, décisions, présence",
        desk.detail: "Détail du dossier",
    }
    for view, name in views.items():
        assert view.accessibleName() == name
    assert "Entrée" in desk.ranking.view.accessibleDescription()
    # every visible control that takes the focus says what it is
    unnamed = [
        type(w).__name__
        for w in _focusable(desk)
        if not (w.accessibleName() or getattr(w, "text", lambda: "")())
    ]
    assert unnamed == []


def test_no_table_of_the_desk_keeps_tab(desk: DeskPage) -> None:
    for view in desk.findChildren(QAbstractItemView):
        assert not view.tabKeyNavigation(), view.objectName() or type(view).__name__
    ranking = desk.ranking.view
    assert desk.select_ref("GP-01")
    ranking.setFocus()
    assert QApplication.focusWidget() is ranking
    QTest.keyClick(ranking, Qt.Key.Key_Down)  # the arrows move inside the table
    assert QApplication.focusWidget() is ranking and desk.selected_ref == "GP-02"
    QTest.keyClick(ranking, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not ranking
    ranking.setFocus()
    QTest.keyClick(ranking, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is not ranking


def test_tab_cycles_through_every_control_of_the_desk_in_reading_order(desk: DeskPage) -> None:
    start = desk.decisions.close_button
    start.setFocus()
    assert desk.select_ref("GP-01")  # a tie: its two buttons take the focus too
    stops = _focusable(desk)
    visited: list[QWidget] = []
    for _step in range(len(stops) + 2):
        widget = QApplication.focusWidget()
        assert widget is not None
        if visited and widget is start:
            break
        visited.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
    else:
        pytest.fail(f"Tab never came back to the ranking: {[type(w).__name__ for w in visited]}")
    assert set(visited) == set(stops)
    decisions = desk.decisions
    assert visited == [
        decisions.close_button,
        desk.documents.button,
        desk.projection_button,
        desk.pending.view,
        desk.ranking.pool_tabs,
        desk.ranking.view,
        decisions.vote_button,
        decisions.draw_button,
        decisions.withdraw_button,
        decisions.amount_button,
        decisions.no_award_button,
        desk.side_tabs.tabBar(),
        desk.detail,
    ]


def test_the_focused_control_wears_a_ring_of_at_least_3_to_1(desk: DeskPage, qtbot: QtBot) -> None:
    def ring_contrast(widget: QWidget, area: QRect | None = None) -> float:
        """The weakest side of the ring: on each side of ``area`` (the widget, or the
        current tab), the strongest contrast between focused and unfocused pixels."""
        desk.setFocus()
        qtbot.wait(10)
        assert not widget.hasFocus()
        unfocused: QImage = widget.grab().toImage()
        widget.setFocus()
        qtbot.wait(10)
        assert widget.hasFocus()
        focused: QImage = widget.grab().toImage()
        box = area or QRect(0, 0, focused.width(), focused.height())
        middle = box.center()
        sides = (
            [QPoint(middle.x(), box.top() + d) for d in range(3)],
            [QPoint(middle.x(), box.bottom() - d) for d in range(3)],
            [QPoint(box.left() + d, middle.y()) for d in range(3)],
            [QPoint(box.right() - d, middle.y()) for d in range(3)],
        )
        return min(
            max(contrast(focused.pixelColor(p), unfocused.pixelColor(p)) for p in side)
            for side in sides
        )

    assert desk.select_ref("GP-01")
    for widget in (
        desk.ranking.view,
        desk.pending.view,
        desk.decisions.vote_button,
        desk.documents.button,
        desk.projection_button,
    ):
        assert ring_contrast(widget) >= 3.0, widget.objectName() or type(widget).__name__
    for bar in (desk.ranking.pool_tabs, desk.side_tabs.tabBar()):
        assert ring_contrast(bar, bar.tabRect(bar.currentIndex())) >= 3.0, bar.objectName()


@pytest.mark.parametrize("make", [poitiers_file, aquitaine_file])
def test_every_cell_of_the_ranking_reads_at_4_5_to_1(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, make: object
) -> None:
    apply_style(qapp)
    file = make(tmp_path / "call.jury", DEMO_AUTHOR)  # type: ignore[operator]
    strong = make is poitiers_file
    if strong:  # J1 gives GP-04 full marks: a range of over a quarter of the scale
        file.set_scores("J1", "GP-04", {"UTIL": 10, "ESS": 10, "TERR": 10}, DEMO_AUTHOR)
    page = DeskPage(file, "Lucie Perrin (secrétariat)", "fr")
    qtbot.addWidget(page)
    model = page.ranking.model
    text, base = page.palette().text().color(), page.palette().base().color()
    checked = marked = 0
    for pool in range(page.ranking.pool_tabs.count() or 1):
        page.ranking.pool_tabs.setCurrentIndex(pool)
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                index = model.index(row, column)
                if not index.data():
                    continue
                foreground = index.data(Qt.ItemDataRole.ForegroundRole)
                background = index.data(Qt.ItemDataRole.BackgroundRole)
                fg = foreground.color() if foreground is not None else text
                bg = background.color() if background is not None else base
                assert contrast(fg, bg) >= 4.5, (index.data(), fg.name(), bg.name())
                checked += 1
                if column == Column.SPREAD and str(index.data()).endswith("⚠"):
                    assert fg == WARNING_TEXT
                    marked += 1
    assert checked > 30
    assert marked == (1 if strong else 0)
    file.close()
