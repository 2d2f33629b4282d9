"""Helpers of the accessibility tests: the focus stops of a screen, a walk of the Tab key
through them, the name a screen reader says, WCAG contrast, and the focus ring measured
from grabbed pixels."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


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
