"""A dialog that runs one long task at a time in the background, with its bar and status.

The merge and the juror copies share it: a progress bar, a status line, an error line
said in red, « Annuler » that stops the task midway, and no closing while it runs.
Subclasses build their own controls, place ``add_task_status`` in their layout, and
update their buttons in ``busy_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QProgressBar, QWidget

from juryapp.core.errors import OperationError
from juryapp.i18n import _
from juryapp.io.errors import InputError
from juryapp.store import StoreError
from juryapp.ui import tasks
from juryapp.ui.access import announce

__all__ = ["REFUSALS", "TaskDialog"]

T = TypeVar("T")

# What a task may refuse with: said in the dialog. Anything else is a bug and goes on up.
REFUSALS = (OperationError, StoreError, InputError)


class TaskDialog(QDialog):
    """A dialog with one background task at a time (``run_in_background``)."""

    def __init__(self, object_prefix: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: tasks.Task | None = None  # the last one started
        self._busy = False
        self.progress = QProgressBar()
        self.progress.setObjectName(f"{object_prefix}Progress")
        self.progress.setAccessibleName(_("Avancement"))
        self.progress.setTextVisible(True)
        self.progress.setVisible(False)
        self.status = QLabel("")
        self.status.setObjectName(f"{object_prefix}Status")
        self.status.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName(f"{object_prefix}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setVisible(False)

    def add_task_status(self, layout: QLayout) -> None:
        """Place the bar, the status line and the error line in ``layout``."""
        for widget in (self.progress, self.status, self.error):
            layout.addWidget(widget)

    @property
    def busy(self) -> bool:
        return self._busy

    def busy_changed(self) -> None:
        """Called when a task starts or ends: enable or disable the dialog's buttons."""

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        if message:
            announce(self.error, message, assertive=True)  # a refusal, said at once

    def show_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.status.setText(what)

    def run_in_background(
        self,
        label: str,
        work: Callable[[tasks.Report], T],
        on_done: Callable[[T], None],
        on_refused: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
    ) -> None:
        """Run ``work`` off the UI thread, the bar following it; ``on_refused`` says a refusal."""
        self.set_error(None)
        self.progress.setVisible(True)
        self.progress.setValue(0)

        def done(value: T) -> None:
            self._set_busy(False)
            on_done(value)

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(error, REFUSALS):
                raise error
            on_refused(error)

        def cancelled() -> None:
            self._set_busy(False)
            on_cancelled()

        self._set_busy(True)  # before starting: a synchronous run ends at once
        self.task = tasks.run_task(
            self,
            label,
            work,
            done,
            failed,
            progress=True,
            cancellable=True,
            on_cancelled=cancelled,
            on_progress=self.show_progress,
            dialog=False,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_changed()

    def cancel(self) -> None:
        """Stop the running task midway (what it wrote is undone)."""
        if self._busy and self.task is not None:
            self.task.cancel()
            self.status.setText(_("Annulation…"))

    def reject(self) -> None:
        if not self._busy:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)
