"""Undoable edits of the scoring screen; each command writes through the campaign file.

A command holds the value before and after; ``redo``/``undo`` call the page's
``write_score``/``write_comment``, which save at once (one transaction each)
and refresh the screen. A write refused by the file makes the command obsolete
(Qt then drops it from the stack) and the refusal is shown.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtGui import QUndoCommand

from juryapp.core.grid import format_number
from juryapp.core.model import Number
from juryapp.i18n import _, current_language

__all__ = ["ScoreWriter", "SetCommentCommand", "SetScoreCommand"]


class ScoreWriter(Protocol):
    def write_score(self, ref: str, code: str, value: Number | None, *, navigate: bool) -> bool:
        """Save one score; False when refused (the refusal has been shown)."""
        ...

    def write_comment(self, ref: str, text: str, *, navigate: bool) -> bool: ...


def _shown(value: Number | None) -> str:
    return "–" if value is None else format_number(value, current_language())


class SetScoreCommand(QUndoCommand):
    """One score set; the values saved while typing one entry (``typing``) undo as one."""

    ID = 1

    def __init__(
        self,
        writer: ScoreWriter,
        ref: str,
        code: str,
        before: Number | None,
        after: Number | None,
        typing: int | None = None,
    ) -> None:
        super().__init__(self._label(ref, code, before, after))
        self.writer = writer
        self.ref = ref
        self.code = code
        self.before = before
        self.after = after
        self.typing = typing
        self._pushed = False

    @staticmethod
    def _label(ref: str, code: str, before: Number | None, after: Number | None) -> str:
        return _("note {code} de {ref} : {before} → {after}").format(
            code=code, ref=ref, before=_shown(before), after=_shown(after)
        )

    def id(self) -> int:
        return self.ID if self.typing is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """« 4 » then « 4,5 » saved while typing one entry: one step « – → 4,5 »."""
        if (
            not isinstance(other, SetScoreCommand)
            or other.typing is None
            or other.typing != self.typing
            or (other.ref, other.code) != (self.ref, self.code)
        ):
            return False
        self.after = other.after
        self.setText(self._label(self.ref, self.code, self.before, self.after))
        if self.after == self.before:
            self.setObsolete(True)  # typed back to where it was: nothing to undo
        return True

    def redo(self) -> None:
        navigate = self._pushed
        self._pushed = True
        if not self.writer.write_score(self.ref, self.code, self.after, navigate=navigate):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.writer.write_score(self.ref, self.code, self.before, navigate=True):
            self.setObsolete(True)


class SetCommentCommand(QUndoCommand):
    ID = 2

    def __init__(self, writer: ScoreWriter, ref: str, before: str, after: str) -> None:
        super().__init__(_("commentaire de {ref}").format(ref=ref))
        self.writer = writer
        self.ref = ref
        self.before = before
        self.after = after
        self._pushed = False

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Successive saves of one comment (typing pauses) undo as one."""
        if not isinstance(other, SetCommentCommand) or other.ref != self.ref:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        navigate = self._pushed
        self._pushed = True
        if not self.writer.write_comment(self.ref, self.after, navigate=navigate):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.writer.write_comment(self.ref, self.before, navigate=True):
            self.setObsolete(True)
