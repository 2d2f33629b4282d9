"""Background work: run a function off the UI thread, with progress and cancel, and hand
its result back to the UI thread (after Anki's ``QueryOp``/``CollectionOp``).

``run_task(parent, label, work, on_done, on_error)`` runs ``work()`` on Qt's thread
pool while a progress dialog (shown only if the work lasts) says what is
happening; ``on_done(result)`` or ``on_error(exception)`` then run on the UI thread.

With ``progress=True`` the work is called as ``work(report)``: ``report(done, total,
what)`` moves the bar (the dialog's, or the caller's own through ``Task.progressed``).
With ``cancellable=True`` the dialog has a « Annuler » button (and ``Task.cancel()``
does the same): the next ``report`` with ``done < total`` raises ``Cancelled`` in the
work, whose transaction rolls back — a cancelled operation changes nothing — and
``on_cancelled`` runs on the UI thread. The last report (``done == total``) never
raises: the work has finished by then.

``run_op(parent, session, label, work, on_done, ...)`` is ``run_task`` for an
operation returning an ``Outcome``: the session says what changed (its one
``changed`` signal) before ``on_done(value)``.

With ``set_synchronous(True)`` (tests, scripts), ``work`` runs at once on the calling
thread and the callbacks are called before ``run_task`` returns.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget
from shiboken6 import isValid

from juryapp.i18n import _

if TYPE_CHECKING:
    from juryapp.operations.changes import Outcome
    from juryapp.ui.session import Session

__all__ = [
    "Cancelled",
    "Report",
    "Task",
    "active_tasks",
    "cancel_all",
    "is_synchronous",
    "run_op",
    "run_task",
    "set_synchronous",
    "wait_for_tasks",
]

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
    "juryapp.documents.ds_results",
    "juryapp.documents.explanation",
    "juryapp.operations.copies",
    "juryapp.operations.documents",
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


def wait_for_tasks(timeout_ms: int = 30000) -> bool:
    """Let the running tasks finish (quitting: no worker left behind); True when none is left."""
    pool = QThreadPool.globalInstance()
    return pool.waitForDone(timeout_ms)


def cancel_all() -> None:
    """Ask every running task to stop at its next report (quitting)."""
    for task in list(_running):
        task.cancel()


class Cancelled(Exception):
    """The user cancelled: the work stopped before changing anything."""


Report = Callable[[int, int, str], None]  # (done, total, what is happening)


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


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

    #: (done, total, what): the work's progress, on the UI thread.
    progressed = Signal(int, int, str)

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        work: Callable[..., T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None,
        *,
        progress: bool = False,
        cancellable: bool = False,
        on_cancelled: Callable[[], None] | None = None,
        dialog: bool = True,
    ) -> None:
        super().__init__()
        self._work = work
        self._with_report = progress
        self._on_done = on_done
        self._on_error = on_error
        self._on_cancelled = on_cancelled
        self._cancel_requested = threading.Event()
        self.cancelled = False
        self._signals = _Signals()
        self._signals.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self._signals.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self._progress: QProgressDialog | None = None
        if parent is not None and dialog and not _synchronous:
            progress_dialog = QProgressDialog(label, _("Annuler"), 0, 0, parent)
            progress_dialog.setWindowTitle("juryapp")
            if not cancellable:
                progress_dialog.setCancelButton(None)  # None hides the button
            progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
            progress_dialog.setMinimumDuration(400)
            progress_dialog.setAutoClose(False)
            progress_dialog.setAutoReset(False)
            progress_dialog.canceled.connect(self.cancel)
            progress_dialog.setValue(0)
            self._progress = progress_dialog

    # --- from the work's thread -----------------------------------------------------------

    def report(self, done: int, total: int, what: str) -> None:
        """The work says where it stands; raises ``Cancelled`` when asked to stop midway."""
        if self._cancel_requested.is_set() and done < total:
            raise Cancelled
        if _synchronous:
            self._progressed(done, total, what)
        else:
            self._signals.progressed.emit(done, total, what)

    # --- on the UI thread -------------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop at its next report (nothing it did is kept)."""
        self._cancel_requested.set()
        if self._progress is not None and isValid(self._progress):
            self._progress.setLabelText(_("Annulation…"))

    @property
    def running(self) -> bool:
        return self in _running

    def start(self) -> None:
        work: Callable[[], Any] = (
            (lambda: self._work(self.report)) if self._with_report else self._work
        )
        if _synchronous:
            try:
                result = work()
            except BaseException as error:
                self._failed(error)
            else:
                self._finished(result)
            return
        warm_up()
        _running.add(self)
        QThreadPool.globalInstance().start(_Runnable(work, self._signals))

    def _close(self) -> None:
        _running.discard(self)
        # the progress dialog goes with its parent: a window closed meanwhile took it along
        if self._progress is not None and isValid(self._progress):
            self._progress.canceled.disconnect(self.cancel)
            self._progress.reset()
            self._progress.hide()
            self._progress.deleteLater()
        self._progress = None

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, what: str) -> None:
        if self._progress is not None and isValid(self._progress):
            self._progress.setMaximum(max(total, 1))
            self._progress.setValue(min(done, max(total, 1)))
            if not self._cancel_requested.is_set():
                self._progress.setLabelText(what)
        self.progressed.emit(done, total, what)

    @Slot(object)
    def _finished(self, result: Any) -> None:
        self._close()
        self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._close()
        if isinstance(error, Cancelled):
            self.cancelled = True
            log.info("task cancelled")
            if self._on_cancelled is not None:
                self._on_cancelled()
            return
        if self._on_error is None or not isinstance(error, Exception):
            raise error
        self._on_error(error)


def run_task(
    parent: QWidget | None,
    label: str,
    work: Callable[..., T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    progress: bool = False,
    cancellable: bool = False,
    on_cancelled: Callable[[], None] | None = None,
    on_progress: Report | None = None,
    dialog: bool = True,
) -> Task:
    """Run ``work`` in the background; see the module's docstring. ``on_progress``: told
    each report on the UI thread; ``dialog=False``: no progress dialog (the caller shows
    the progress itself)."""
    task = Task(
        parent,
        label,
        work,
        on_done,
        on_error,
        progress=progress,
        cancellable=cancellable,
        on_cancelled=on_cancelled,
        dialog=dialog,
    )
    if on_progress is not None:
        task.progressed.connect(on_progress)
    task.start()
    return task


def run_op(
    parent: QWidget | None,
    session: Session,
    label: str,
    work: Callable[..., Outcome[T]],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None] | None = None,
    *,
    initiator: object | None = None,
    progress: bool = False,
    cancellable: bool = False,
    on_cancelled: Callable[[], None] | None = None,
    on_progress: Report | None = None,
    dialog: bool = True,
) -> Task:
    """``run_task`` for an operation: once it is done, the session says what it changed
    (``initiator``: who asked), then ``on_done`` receives its value."""

    def done(outcome: Outcome[T]) -> None:
        on_done(session.apply(outcome, initiator))

    return run_task(
        parent,
        label,
        work,
        done,
        on_error,
        progress=progress,
        cancellable=cancellable,
        on_cancelled=on_cancelled,
        on_progress=on_progress,
        dialog=dialog,
    )
