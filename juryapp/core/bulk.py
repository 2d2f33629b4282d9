"""Bulk work: reading a campaign, computing its results, importing or merging many rows
makes hundreds of thousands of small objects that all live to the end. Python's cyclic
garbage collector would walk them again and again for nothing (a third of the time);
:func:`collector_paused` holds it for the duration (it runs once, after)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector in the block (reference counting still frees
    what is let go; nothing is lost, cycles are collected after)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
