"""The refusal of an operation by the rules or the campaign's state.

Defined here, at the bottom of the layers, so that every layer that refuses
(operations, documents, merge) raises the same error and the command line and
the app catch one class.
"""

from __future__ import annotations

__all__ = ["OperationError"]


class OperationError(Exception):
    """An operation refused by the rules or the campaign's state (French message)."""
