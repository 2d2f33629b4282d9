"""Every screen and dialog for a juror who works with the keyboard or a screen reader, or
sees poorly (issue 18; the desk has its own test, ``test_ui_desk_access.py``): Tab
leaves every table and list and cycles through every control in reading order, with no
invisible or unnamed stop."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor, QFont, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from juryapp.ui import settings
from juryapp.ui.access import Announcement, add_listener, remove_listener
from juryapp.ui.app import AppController, make_application
from juryapp.ui.demo import DEMO_AUTHOR, poitiers_file
from juryapp.ui.desk import DeskPage
from juryapp.ui.main_window import MainWindow
from juryapp.ui.models.scoring import DossierListModel
from juryapp.ui.models.secretariat import PreviewModel
from juryapp.ui.pages.welcome import WelcomePage
from juryapp.ui.style import apply_style
from tests.ui.access_helpers import (
    contrast,
    cut_texts,
    describe,
    focusable,
    reads_before,
    ring_contrast,
    spoken_name,
    walk_tab,
)
from tests.ui.access_screens import DIALOGS, SCREENS, build, scoring_window, secretariat_window
from tests.ui.ui_helpers import Messages, press, type_text

# Where the reading order is not simply top to bottom, left to right: the scoring screen
# reads its list (left) before the dossier (right); the secretariat reads its tabs first.
_COLUMNS = {"scoring", "secretariat-desk", "secretariat-desk-agenda"}


@pytest.fixture
def styled(qapp: QApplication) -> None:
    apply_style(qapp)  # the app's own look, as the juror sees it


@pytest.mark.parametrize("name", SCREENS + DIALOGS)
def test_tab_cycles_through_every_control_of_every_screen(
    name: str, qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    root = build(name, qtbot, tmp_path)
    for view in root.findChildren(QAbstractItemView):
        assert not view.tabKeyNavigation(), f"{name}: {describe(view)} keeps Tab"
    stops = focusable(root)
    assert stops, name
    visited = walk_tab(stops[0], 2 * len(stops) + 2)
    assert len(set(visited)) == len(visited), f"{name}: {[describe(w) for w in visited]}"
    missing = [describe(w) for w in stops if w not in visited]
    assert missing == [], f"{name}: Tab never reaches {missing}"
    for widget in visited:  # a stop the eye cannot see nor the ear name is a trap too
        if isinstance(widget, QAbstractScrollArea):
            assert spoken_name(widget), f"{name}: an unnamed scrolling stop {describe(widget)}"
    if name not in _COLUMNS:
        # from the first control in reading order, each next one reads after it
        first = min(range(len(visited)), key=lambda i: _position(visited[i]))
        order = visited[first:] + visited[:first]
        for before, after in itertools.pairwise(order):
            assert reads_before(before, after), (
                f"{name}: {describe(before)} then {describe(after)}: {[describe(w) for w in order]}"
            )


def _position(widget: QWidget) -> tuple[int, int]:
    top_left = widget.mapTo(widget.window(), widget.rect().topLeft())
    return (top_left.y(), top_left.x())


def test_tab_follows_the_reading_order_of_the_scoring_screen(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    window = scoring_window(qtbot, tmp_path)
    page = window.scoring_page
    assert page is not None
    visited = walk_tab(page.filter_combo, 40)
    assert visited == [
        page.filter_combo,
        page.search,
        page.table,
        page.detail_scroll,
        *page.editors,
        page.comment,
        page.recuse_button,
        page.previous_button,
        page.next_button,
    ]


def test_tables_are_left_with_tab_and_browsed_with_the_arrows(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    window = scoring_window(qtbot, tmp_path)
    page = window.scoring_page
    assert page is not None
    table = page.table
    table.setFocus()
    first = page.current_ref
    QTest.keyClick(table, Qt.Key.Key_Down)  # the arrows choose the dossier
    assert QApplication.focusWidget() is table and page.current_ref != first
    QTest.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.detail_scroll
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is page.search
    assert "Tab" in table.accessibleDescription()


def test_the_secretariat_tabs_read_tab_bar_first(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    window, page = secretariat_window(qtbot, tmp_path)
    assert isinstance(window, MainWindow)
    bar = page.tabs.tabBar()
    for index in range(3):
        page.tabs.setCurrentIndex(index)
        visited = walk_tab(bar, 20)
        assert visited[0] is bar and len(visited) > 1
        # Ctrl+Tab from inside a table goes to the next tab, never trapped by the table
        inside = next(w for w in visited if isinstance(w, QAbstractItemView))
        inside.setFocus()
        QTest.keyClick(inside, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert page.tabs.currentIndex() == index + 1


@pytest.mark.parametrize("name", SCREENS + DIALOGS)
def test_every_focus_stop_wears_a_ring_of_at_least_3_to_1(
    name: str, qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    root = build(name, qtbot, tmp_path)
    weak: dict[str, float] = {}
    for widget in focusable(root):
        area = widget.tabRect(widget.currentIndex()) if isinstance(widget, QTabBar) else None
        ratio = ring_contrast(widget, area)
        if ratio < 3.0:
            weak[describe(widget)] = round(ratio, 2)
    assert weak == {}, name


def _backgrounds(view: QAbstractItemView) -> list[QColor]:
    """What a cell's text may be drawn on: a row, an alternate row, the selection."""
    palette = view.palette()
    roles = (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase)
    return [palette.color(r) for r in roles] + [QColor("#d6e6f8")]  # the style's selection


def test_the_weak_texts_of_the_audit_read_at_4_5_to_1_and_say_their_state(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    window = scoring_window(qtbot, tmp_path)
    page = window.scoring_page
    assert page is not None
    # an empty score's « – » is the only cue that it is empty (was 4.0:1)
    for editor in page.editors:
        palette = editor.palette()
        placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
        assert contrast(placeholder, palette.color(QPalette.ColorRole.Base)) >= 4.5
    # « partiel », « noté », « à noter », « déporté(e) » on any row, the selected one too
    refs = [d.ref for d in page.dossiers]
    codes = [e.criterion.code for e in page.editors]
    for code in codes:
        assert page.write_score(refs[0], code, 1, navigate=False)
    assert page.write_score(refs[1], codes[0], 1, navigate=False)
    model, states = page.model, set()
    for row in range(model.rowCount()):
        index = model.index(row, DossierListModel.PROGRESS)
        states.add(index.data())
        colour = index.data(Qt.ItemDataRole.ForegroundRole).color()
        for background in _backgrounds(page.table):
            assert contrast(colour, background) >= 4.5, (index.data(), colour.name())
    assert len(states) >= 3, states  # each state said in words, not only in colour
    # a recent campaign gone from the disk: « introuvable », in words and readable
    settings.add_recent(tmp_path / "ailleurs" / "appel 2015.jury")
    welcome = WelcomePage()
    qtbot.addWidget(welcome)
    item = welcome.recent.item(0)
    assert "introuvable" in item.text()
    for background in _backgrounds(welcome.recent):
        assert contrast(item.foreground().color(), background) >= 4.5
    # an ignored column of an import's preview: « ignorée » under its header, readable
    preview = PreviewModel()
    preview.set_preview(["N° dossier", "Remarque interne"], [["AMI-1", "à relancer"]])
    preview.set_targets(["Référence", "ignorée"])
    assert "ignorée" in str(preview.headerData(1, Qt.Orientation.Horizontal))
    ignored = preview.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color()
    for background in _backgrounds(page.table):
        assert contrast(ignored, background) >= 4.5


@pytest.mark.parametrize("name", SCREENS + DIALOGS)
def test_every_control_of_every_screen_has_a_name(
    name: str, qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    """What a screen reader says for each control: never nothing. Fields are named
    themselves or by their label (Qt on Linux says a combo box's value as its name, and
    its label by a relation: both are checked)."""
    root = build(name, qtbot, tmp_path)
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy()}
    controls = focusable(root) + [
        w
        for kind in (QAbstractItemView, QTabBar, QProgressBar)
        for w in root.findChildren(kind)
        if w.isVisible()
        and w.window() is root.window()
        # a header is said by its table, as the names of its columns
        and not isinstance(w, QHeaderView)
    ]
    unnamed = [describe(w) for w in controls if not spoken_name(w).strip()]
    assert unnamed == [], name
    fields = (QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit)
    unlabelled = [
        describe(w)
        for w in controls
        if isinstance(w, fields) and not w.accessibleName() and w not in buddies
    ]
    assert unlabelled == [], name


def test_a_refused_score_and_each_save_are_announced_to_screen_readers(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    heard: list[Announcement] = []
    add_listener(heard.append)
    try:
        window = scoring_window(qtbot, tmp_path)
        page = window.scoring_page
        assert page is not None
        page.focus_first_editor()
        type_text("9")  # INNO is scored out of 5: refused at once, said at once
        refusal = [a for a in heard if a.assertive]
        assert refusal and "hors de l'échelle 0–5" in refusal[-1].message
        assert refusal[-1].event_type == QAccessible.Event.Announcement
        assert refusal[-1].source is page
        press(Qt.Key.Key_Backspace)
        type_text("4")
        QApplication.processEvents()  # saved as typed
        assert page.indicator.state == page.indicator.SAVED
        # « Enregistré ✓ » with the note, once things are quiet (not at every key)
        qtbot.waitUntil(lambda: any(not a.assertive for a in heard), timeout=3000)
        saved = [a for a in heard if not a.assertive]
        assert len(saved) == 1
        assert saved[0].message == "Enregistré ✓. Ma note : aucune / 20, incomplète : 1/6 critères."
        assert saved[0].source is page.indicator
        assert saved[0].event_type == QAccessible.Event.Announcement
    finally:
        remove_listener(heard.append)


def _at_150_percent(qapp: QApplication) -> None:
    """The system's text at 150 % (15 points instead of 10), with the app's look."""
    font = QFont(qapp.font())
    font.setPointSizeF(15)
    qapp.setFont(font)
    apply_style(qapp)


@pytest.mark.parametrize(
    "name",
    [
        "scoring",
        "secretariat-desk",
        "secretariat-desk-agenda",
        "secretariat-jury",
        "desk-alone",
        "desk-projection",
    ],
)
def test_text_at_150_percent_fits_1280_by_720(
    name: str, qtbot: QtBot, tmp_path: Path, qapp: QApplication
) -> None:
    """Scoring, the desk (and its projection) and the secretariat's desk tab with text at
    150 %: the window asks for no more than 1280×720 (the desk scrolls up and down), and
    no text in sight is cut: labels, buttons, tabs, table headers and cells, the blocking
    list's lines and the gauges' texts are drawn whole (wrapped, never elided)."""
    _at_150_percent(qapp)
    if name.startswith("desk-"):
        file = poitiers_file(tmp_path / "poitiers.jury", DEMO_AUTHOR)
        root: QWidget = QMainWindow()
        qtbot.addWidget(root)
        desk = DeskPage(file, DEMO_AUTHOR, "fr")
        root.setCentralWidget(desk)
        assert desk.select_ref("GP-01")  # a pending tie: its buttons and warnings shown
        root.resize(1280, 720)
        root.show()
        qtbot.waitExposed(root)
        if name == "desk-projection":
            desk.set_projection(True)
    else:
        root = build(name, qtbot, tmp_path, (1280, 720))
    QApplication.processEvents()
    minimum = root.minimumSizeHint().expandedTo(root.minimumSize())
    desks = root.findChildren(DeskPage)
    content = desks[0].scroll_area.widget().minimumSizeHint() if desks else minimum
    print(  # shown with -s
        f"{name} at 150 %: minimum {minimum.width()}×{minimum.height()}, "
        f"content {content.width()}×{content.height()}"
    )
    assert minimum.width() <= 1280 and minimum.height() <= 720, (name, minimum)
    root.resize(1280, 720)
    for _round in range(3):
        QApplication.processEvents()
    assert (root.width(), root.height()) == (1280, 720)
    root.grab().save(str(tmp_path / f"{name}-150.png"))
    cut = cut_texts(root)
    assert cut == [], f"{name}: " + "\n".join(cut)


def test_larger_text_from_the_view_menu_is_remembered_and_keeps_the_campaign_open(
    qtbot: QtBot, juror_copy: Path, shown: Messages
) -> None:
    controller = AppController(make_application())
    qtbot.addWidget(controller.window)
    controller.window.show()
    controller.window.open_path(juror_copy)
    base = QApplication.font().pointSizeF()
    assert settings.text_size() == 1.0
    controller.window.larger_text_action.trigger()  # Ctrl++
    try:
        window = controller.window
        qtbot.addWidget(window)
        assert settings.text_size() == 1.25
        assert QApplication.font().pointSizeF() == pytest.approx(base * 1.25)
        page = window.scoring_page
        assert page is not None  # the same campaign, reopened in the larger text
        assert page.title_label.font().pointSizeF() == pytest.approx(base * 1.25 * 1.5, 0.01)
    finally:
        controller.window.normal_text_action.trigger()  # Ctrl+0
        qtbot.addWidget(controller.window)
    assert settings.text_size() == 1.0
    assert QApplication.font().pointSizeF() == pytest.approx(base)
    controller.window.smaller_text_action.trigger()  # Ctrl+− goes no smaller than the system's
    assert settings.text_size() == 1.0


def test_each_score_field_is_labelled_by_its_criterion_and_described_by_its_hint(
    qtbot: QtBot, tmp_path: Path, styled: None
) -> None:
    """A score field says its criterion as a relation (QAccessible's Label, from the
    label's buddy), and its hint as its description (PySide6 offers no way to add a
    « described by » relation without an accessibility factory of our own)."""
    window = scoring_window(qtbot, tmp_path)
    page = window.scoring_page
    assert page is not None
    for editor in page.editors:
        interface = QAccessible.queryAccessibleInterface(editor)
        assert interface is not None
        labels = [
            other.text(QAccessible.Text.Name)
            for other, relation in interface.relations(QAccessible.RelationFlag.Label)
            if relation & QAccessible.RelationFlag.Label
        ]
        assert any(editor.criterion.label in label for label in labels), labels
        assert interface.text(QAccessible.Text.Description) == editor.criterion.description
