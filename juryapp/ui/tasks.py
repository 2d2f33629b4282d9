"""Background work: run a function off the UI thread, hand its result back to the UI thread.

``run_task(parent, label, work, on_done, on_error)`` runs ``work()`` on Qt's
thread pool while a progress dialog (shown only if the work lasts) says what
is happening; ``on_done(result)`` or ``on_error(exception)`` then run on the UI
thread. With ``set_synchronous(True)`` (tests, scripts), ``work`` runs at once on
the calling thread and the callbacks are called before ``run_task`` returns.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

__all__ = ["Task", "active_tasks", "is_synchronous", "run_task", "set_synchronous"]

T = TypeVar("T")
log = logging.getLogger("juryapp.ui.tasks")

_synchronous = False
_running: set[Task] = set()

# The modules that background work imports on first use (juryapp imports them lazily to
# start fast). Importing a module on a worker thread while Qt runs can crash PySide6's
# import hook, so they are imported here, on the UI thread, once the window is shown.
_HEAVY_MODULES = (
    "sqlalchemy",
    "sqlalchemy.pool",
    "juryapp.store.tables",
    "alembic.command",
    "juryapp.io.workbook",
    "juryapp.io.scoresheet",
    "juryapp.merge.copies",
    "juryapp.merge.run",
    "juryapp.documents.export",
    "juryapp.documents.minutes",
    "juryapp.documents.awards",
    "juryapp.documents.opendata",
    "juryapp.documents.explanation",
    "babel.messages.pofile",
)
_warmed_up = False


def warm_up() -> None:
    """Import, on the UI thread, what background work would otherwise import (once)."""
    global _warmed_up
    if _warmed_up:
        return
    _warmed_up = True
    for name in _HEAVY_MODULES:
        importlib.import_module(name)


def set_synchronous(enabled: bool) -> None:
    """Run every task on the calling thread (tests and scripts)."""
    global _synchronous
    _synchronous = enabled


def is_synchronous() -> bool:
    return _synchronous


def active_tasks() -> int:
    return len(_running)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the UI thread, which decides
            self._signals.failed.emit(error)
        else:
            self._signals.finished.emit(result)


class Task(QObject):
    """One piece of background work; lives on the UI thread and receives the outcome there."""

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        super().__init__()
        self._work = work
        self._on_done = on_done
        self._on_error = on_error
        self._signals = _Signals()
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._progress: QProgressDialog | None = None
        if parent is not None and not _synchronous:
            progress = QProgressDialog(label, "", 0, 0, parent)
            progress.setWindowTitle("juryapp")
            progress.setCancelButton(None)  # None hides the button
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(400)
            progress.setAutoClose(False)
            progress.setAutoReset(False)
            progress.setValue(0)
            self._progress = progress

    def start(self) -> None:
        if _synchronous:
            try:
                result = self._work()
            except BaseException as error:
                self._failed(error)
            else:
                self._finished(result)
            return
        warm_up()
        _running.add(self)
        QThreadPool.globalInstance().start(_Runnable(self._work, self._signals))

    def _close(self) -> None:
        _running.discard(self)
        # the progress dialog goes with its parent: a window closed meanwhile took it along
        if self._progress is not None and isValid(self._progress):
            self._progress.reset()
            self._progress.hide()
            self._progress.deleteLater()
        self._progress = None

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._close()
        self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._close()
        if self._on_error is None or not isinstance(error, Exception):
            raise error
        self._on_error(error)


def run_task(
    parent: QWidget | None,
    label: str,
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> Task:
    """Run ``work`` in the background; see the module's docstring."""
    task = Task(parent, label, work, on_done, on_error)
    task.start()
    return task
