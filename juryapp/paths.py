"""Where juryapp finds its migrations, fonts, catalogues and user guide.

This module is the one place that resolves them. The repository keeps them in
the top-level ``db/`` and ``resources/`` folders; an installed wheel carries
them as ``juryapp/db/`` and ``juryapp/resources/`` (mapped by ``setup.py``); a
PyInstaller bundle puts them at ``juryapp/db`` and ``juryapp/resources`` under
its own folder (``sys._MEIPASS``). Looked for in that order: the bundle, the
installed package (``importlib.resources``), the source tree (a checkout, an
editable install, the test suite).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

__all__ = ["app_root", "data_folder", "guide_path", "migrations_path", "resource_path"]

_SOURCE_ROOT = Path(__file__).resolve().parent.parent


def _candidates(name: str) -> list[Path]:
    found: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "juryapp" / name)
    from importlib.resources import files  # not at import time: --version stays fast

    installed = files("juryapp") / name
    if isinstance(installed, Path):
        found.append(installed)
    found.append(_SOURCE_ROOT / name)
    return found


@cache
def data_folder(name: str) -> Path:
    """The folder ``name`` (``db`` or ``resources``): the first of the places that has it."""
    candidates = _candidates(name)
    for folder in candidates:
        if folder.is_dir():
            return folder
    return candidates[0]  # named in the error that follows


def app_root() -> Path:
    """The folder that holds ``resources/`` and ``db/``."""
    return data_folder("resources").parent


def resource_path(*parts: str) -> Path:
    return data_folder("resources").joinpath(*parts)


def migrations_path() -> Path:
    return data_folder("db")


def guide_path(lang: str = "fr") -> Path:
    """The user guide (Markdown) in ``lang``, French when there is none in that language."""
    guide = resource_path("doc", f"guide-{lang}.md")
    return guide if guide.is_file() else resource_path("doc", "guide-fr.md")
