"""Helpers of the accessibility tests: the focus stops of a screen, a walk of the Tab key
through them, the name a screen reader says, WCAG contrast, and the focus ring measured
from grabbed pixels."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QFontMetrics, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QWidget,
)

from juryapp.ui.desk.gauge import EnvelopeGauge


def focusable(root: QWidget) -> list[QWidget]:
    """The visible, enabled widgets of ``root`` that Tab stops on."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None  # a tab widget hands the focus to its tab bar
        and w.window() is root.window()
    ]


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or spoken_name(widget)!r})"


def walk_tab(start: QWidget, limit: int) -> list[QWidget]:
    """The widgets the focus goes through from ``start``, pressing Tab until it comes
    back to ``start`` (fails after ``limit`` presses: a trap, or a stop left out)."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert QApplication.focusWidget() is start, describe(start)
    visited: list[QWidget] = []
    for _step in range(limit):
        widget = QApplication.focusWidget()
        assert widget is not None, "the focus left the window"
        if visited and widget is start:
            return visited
        visited.append(widget)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        QApplication.processEvents()
    raise AssertionError(f"Tab never came back: {[describe(w) for w in visited]}")


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader says for ``widget`` (QAccessible's Name)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def reads_before(first: QWidget, second: QWidget) -> bool:
    """``first`` comes before ``second`` in the reading order of their window: above it,
    or on the same line and to its left."""
    window = first.window()
    a = QRect(first.mapTo(window, QPoint(0, 0)), first.size())
    b = QRect(second.mapTo(window, QPoint(0, 0)), second.size())
    if a.center().y() < b.top() or b.contains(a.center()) or a.contains(b.center()):
        return True  # above it (or one inside the other: the outer one first)
    same_line = a.top() <= b.center().y() <= a.bottom() or b.top() <= a.center().y() <= b.bottom()
    return same_line and a.left() <= b.left()


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in (colour.red(), colour.green(), colour.blue()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: QColor, second: QColor) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def grab_focused(widget: QWidget, focused: bool) -> QImage:
    """``widget`` as drawn with the focus (or without it), from its own pixels."""
    if focused:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
    else:
        widget.window().setFocus()
        if widget.hasFocus():
            widget.clearFocus()
    for _round in range(3):
        QApplication.processEvents()
    assert widget.hasFocus() == focused, describe(widget)
    return widget.grab().toImage()


def ring_contrast(widget: QWidget, area: QRect | None = None) -> float:
    """The weakest side of the focus ring: on each side of ``area`` (the widget, or the
    current tab of a tab bar), the strongest contrast between the focused and the
    unfocused pixels of its three outer pixels."""
    unfocused = grab_focused(widget, False)
    focused = grab_focused(widget, True)
    ratio = focused.width() / max(widget.width(), 1)  # a high-DPI grab has more pixels
    box = area or widget.rect()
    box = QRect(
        int(box.left() * ratio),
        int(box.top() * ratio),
        int(box.width() * ratio),
        int(box.height() * ratio),
    )
    middle = box.center()
    depth = max(3, int(3 * ratio))
    sides = (
        [QPoint(middle.x(), box.top() + d) for d in range(depth)],
        [QPoint(middle.x(), box.bottom() - d) for d in range(depth)],
        [QPoint(box.left() + d, middle.y()) for d in range(depth)],
        [QPoint(box.right() - d, middle.y()) for d in range(depth)],
    )
    return min(
        max(contrast(focused.pixelColor(p), unfocused.pixelColor(p)) for p in side)
        for side in sides
    )


def _cut_cells(view: QAbstractItemView) -> list[str]:
    """The cells of ``view`` in sight whose text the delegate cannot draw whole (elided,
    or wrapped onto more lines than the row holds), and a view that scrolls sideways."""
    model = view.model()
    if model is None:
        return []
    cut: list[str] = []
    if view.horizontalScrollBar().maximum() > 0:
        cut.append(f"{describe(view)} scrolls sideways")
    sight = view.viewport().rect()
    table = view if isinstance(view, QTableView) else None
    root = QModelIndex()
    for row in range(model.rowCount(root)):
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
        for column in range(columns):
            index = model.index(row, column)
            if table is not None and (
                table.isColumnHidden(column)
                or any(table.columnSpan(row, c) > column - c for c in range(column))
            ):
                continue
            rect = view.visualRect(index)
            if not rect.intersects(sight) or rect.top() < sight.top():
                continue  # scrolled out of sight, up or down: there to be read
            if rect.bottom() > sight.bottom() + 1 and rect.top() <= sight.top() + 4:
                # the first line in sight is cut at the bottom: the view is too short
                cut.append(
                    f"{describe(view)}[{row}] cut at the bottom: {rect.height()} px "
                    f"in {sight.height()}"
                )
            problem = _cell_cut(view, index, rect)
            if problem:
                text = str(index.data() or "")[:30]
                cut.append(f"{describe(view)}[{row},{column}] {text!r} {problem}")
    return cut


def _cut_tabs(bar: QTabBar) -> list[str]:
    cut = []
    for index in range(bar.count()):
        rect = bar.tabRect(index)
        if not bar.rect().contains(rect) or bar.tabSizeHint(index).width() > rect.width() + 1:
            cut.append(f"{describe(bar)} tab {bar.tabText(index)!r} cut")
    return cut


def _cell_cut(view: QAbstractItemView, index: QModelIndex, rect: QRect) -> str:
    """How a cell's text does not fit ``rect`` ('' when it does): on one line, its whole
    width; wrapped, its longest word and its lines (the style's padding measured from the
    delegate's own size for one line)."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    delegate = view.itemDelegateForIndex(index)
    if not isinstance(delegate, QStyledItemDelegate):
        return ""  # a delegate of its own measures itself
    delegate.initStyleOption(option, index)
    text = option.text
    if not text:
        return ""
    option.rect = QRect()
    # the style's own size (a delegate may ask for taller rows than its text needs)
    one_line = QStyledItemDelegate.sizeHint(delegate, option, index)
    metrics = QFontMetrics(option.font)
    extra_width = one_line.width() - metrics.horizontalAdvance(text)
    extra_height = one_line.height() - metrics.height()
    wraps = isinstance(view, (QTableView, QListView)) and view.wordWrap()
    if not wraps or one_line.width() <= rect.width() + 1:
        if one_line.width() > rect.width() + 1 or one_line.height() > rect.height() + 1:
            return f"needs {one_line.width()}×{one_line.height()} in {rect.width()}×{rect.height()}"
        return ""
    width = rect.width() - extra_width
    word = max(metrics.horizontalAdvance(w) for w in text.split() or [text])
    lines = metrics.boundingRect(
        QRect(0, 0, max(width, 1), 100_000), int(Qt.TextFlag.TextWordWrap), text
    ).height()
    if word > width + 1 or lines + extra_height > rect.height() + 1:
        return f"wrapped needs a word of {word} px in {width}, {lines} px high in {rect.height()}"
    return ""


def cut_texts(root: QWidget) -> list[str]:
    """Every text of ``root`` in sight that is not shown whole: a label or a button narrower
    than its text (or a wrapped label shorter than its lines), a header narrower than its
    title, a cell elided or cut, a tab scrolled away or elided, a gauge's text elided."""
    cut: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not root.window():
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 1:
                    cut.append(f"{describe(widget)} needs {needed} px high, has {widget.height()}")
            elif widget.sizeHint().width() > widget.width() + 1:
                cut.append(
                    f"{describe(widget)} needs {widget.sizeHint().width()} px, has {widget.width()}"
                )
        elif isinstance(widget, QPushButton):
            if widget.minimumSizeHint().width() > widget.width() + 1:
                cut.append(
                    f"{describe(widget)} {widget.width()} < {widget.minimumSizeHint().width()}"
                )
        elif isinstance(widget, QHeaderView):
            for section in range(widget.count()):
                if widget.isSectionHidden(section):
                    continue
                if widget.sectionSizeHint(section) > widget.sectionSize(section) + 1:
                    title = widget.model().headerData(section, widget.orientation())
                    cut.append(
                        f"header {title!r} needs {widget.sectionSizeHint(section)} px, "
                        f"has {widget.sectionSize(section)}"
                    )
        elif isinstance(widget, QAbstractItemView):
            cut += _cut_cells(widget)
        elif isinstance(widget, QTabBar):
            cut += _cut_tabs(widget)
        elif isinstance(widget, EnvelopeGauge):
            cut += [
                f"gauge {widget.values and widget.values.name!r}: {t!r}" for t in widget.cut_texts()
            ]
    return cut
