"""Where juryapp writes its log and crash reports (never a silent crash).

A crash report is private (0600) and holds where the error happened, not what the
user typed: the code locations of the traceback and the exception's type, never
its message nor any variable's value (a message may quote a score or a comment).
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

import platformdirs

from juryapp import __version__

_FRAME_LINE = re.compile(r'^\s*File ".*", line \d+, in \S+$')


def log_dir() -> Path:
    """The user's log folder for juryapp (``JURYAPP_LOG_DIR`` overrides it, for tests)."""
    folder = Path(os.environ.get("JURYAPP_LOG_DIR") or platformdirs.user_log_dir("juryapp"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _private(path: Path) -> None:
    """Create ``path`` if needed, readable and writable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(descriptor, 0o600)
    finally:
        os.close(descriptor)


def setup_logging() -> Path:
    """Log to ``juryapp.log`` in the log folder (0600); returns its path."""
    path = log_dir() / "juryapp.log"
    _private(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("juryapp")
    if not any(isinstance(h, logging.FileHandler) for h in root.handlers):
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def scrubbed_traceback(error: BaseException) -> str:
    """The traceback's code locations and exception types, without messages or values."""
    lines: list[str] = []
    seen: set[int] = set()
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for index, item in enumerate(reversed(chain)):
        if index:
            lines.append("\nwhile handling it, another error:\n")
        lines.append("Traceback (most recent call last):\n")
        for frame in traceback.extract_tb(item.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}\n')
            if frame.line:
                lines.append(f"    {frame.line.strip()}\n")
        kind = type(item)
        length = len(str(item))
        lines.append(
            f"{kind.__module__}.{kind.__qualname__} (message withheld: {length} characters)\n"
        )
    return "".join(lines)


def _scrub_text(details: str) -> str:
    """A formatted traceback reduced to its frame lines (messages may quote user data)."""
    kept = [line for line in details.splitlines() if _FRAME_LINE.match(line)]
    return "Traceback (code locations only):\n" + "\n".join(kept) + "\n"


def write_crash_report(details: BaseException | str) -> Path:
    """Write an unexpected error's report (0600, no user data) to a dated file; its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    path = log_dir() / f"erreur-{stamp}.txt"
    body = (
        scrubbed_traceback(details) if isinstance(details, BaseException) else _scrub_text(details)
    )
    command = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("/") else ""
    text = (
        f"juryapp {__version__}\n{datetime.now(UTC).isoformat()}\n"
        f"Python {platform.python_version()} on {platform.platform(terse=True)}\n"
        f"command: {command}\n\n{body}"
    )
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        if hasattr(os, "fchmod"):
            os.fchmod(handle.fileno(), 0o600)
        handle.write(text)
    logging.getLogger("juryapp").error("unexpected error, report in %s", path)
    return path
