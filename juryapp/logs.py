"""Where juryapp writes its log and crash reports (never a silent crash)."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from juryapp import __version__


def log_dir() -> Path:
    """The user's log folder for juryapp (``JURYAPP_LOG_DIR`` overrides it, for tests)."""
    folder = Path(os.environ.get("JURYAPP_LOG_DIR") or platformdirs.user_log_dir("juryapp"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def setup_logging() -> Path:
    """Log to ``juryapp.log`` in the log folder; returns its path."""
    path = log_dir() / "juryapp.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("juryapp")
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def write_crash_report(details: str) -> Path:
    """Write an unexpected error's details to a dated file; return its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = log_dir() / f"erreur-{stamp}.txt"
    path.write_text(
        f"juryapp {__version__}\n{datetime.now(UTC).isoformat()}\n\n{details}", encoding="utf-8"
    )
    logging.getLogger("juryapp").error("unexpected error, report in %s", path)
    return path
