"""What a juror who works with the keyboard or a screen reader needs, in every screen.

- ``leave_with_tab(view)``: Tab and Shift+Tab leave a table or a list (the arrows move
  inside it); Qt's tables keep Tab by default, moving from cell to cell forever.
- ``tab_chain(widgets)``: Tab follows the reading order given.
- ``announce(widget, text)``: a short message for the screen reader (a refused score,
  « Enregistré ✓ » and the note), sent as a ``QAccessibleAnnouncementEvent`` (polite, or
  assertive for a refusal). ``add_listener`` lets the tests see each one sent.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget
from shiboken6 import isValid

__all__ = [
    "Announcement",
    "Announcer",
    "add_listener",
    "announce",
    "leave_with_tab",
    "remove_listener",
    "tab_chain",
]


def leave_with_tab(view: QAbstractItemView, hint: str = "") -> QAbstractItemView:
    """Tab leaves ``view`` (no keyboard trap); ``hint`` tells how to move inside it."""
    view.setTabKeyNavigation(False)
    if hint and not view.accessibleDescription():
        view.setAccessibleDescription(hint)
    return view


def tab_chain(widgets: Iterable[QWidget | None]) -> None:
    """Tab goes through ``widgets`` in this order (the reading order)."""
    present = [w for w in widgets if w is not None]
    for first, second in itertools.pairwise(present):
        QWidget.setTabOrder(first, second)


@dataclass(frozen=True)
class Announcement:
    """One message sent to assistive technologies."""

    source: QObject
    message: str
    assertive: bool
    event_type: QAccessible.Event


Listener = Callable[[Announcement], None]
_listeners: list[Listener] = []


def add_listener(listener: Listener) -> None:
    _listeners.append(listener)


def remove_listener(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


def announce(source: QObject, message: str, *, assertive: bool = False) -> None:
    """Have the screen reader say ``message`` (interrupting it when ``assertive``)."""
    if not message or not isValid(source):
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if assertive
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)
    sent = Announcement(source, event.message(), assertive, event.type())
    for listener in list(_listeners):
        listener(sent)


class Announcer(QObject):
    """Announces the last message asked for once things are quiet (``delay_ms``): a value
    saved at each key typed is said once, not at every key."""

    def __init__(self, source: QWidget, delay_ms: int = 600) -> None:
        super().__init__(source)
        self._source = source
        self._message = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    def later(self, message: str) -> None:
        self._message = message
        self._timer.start()

    def now(self, message: str, *, assertive: bool = True) -> None:
        """Said at once (a refusal): what waited is dropped."""
        self._timer.stop()
        self._message = ""
        announce(self._source, message, assertive=assertive)

    def flush(self) -> None:
        self._timer.stop()
        message, self._message = self._message, ""
        announce(self._source, message)
