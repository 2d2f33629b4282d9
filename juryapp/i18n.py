"""Languages: French first, English second.

Messages are written in French in the code and wrapped in ``_()``; their English is
in ``resources/i18n/en-DOMAIN.po``, one catalogue per domain of the code (engine,
campaign-file, spreadsheets, documents, merge, operations, command-line, desk, app;
a message in one catalogue only: ``tests/test_i18n_catalogues.py``), read at run time
with Babel (no compiled ``.mo`` to keep in step). Documents take their language as an argument
(``translate(text, lang)``); messages of the command line and the app follow
``set_language``.
"""

from __future__ import annotations

import errno
import locale
import os
from functools import cache

from juryapp.paths import resource_path

LANGUAGES = ("fr", "en")
_current = "fr"


def default_language() -> str:
    """The system's language when it is French or English, French otherwise."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(variable, "")
        if value:
            code = value.split(":")[0][:2].lower()
            return code if code in LANGUAGES else "fr"
    try:
        code = (locale.getlocale()[0] or "fr")[:2].lower()
    except ValueError:
        code = "fr"
    return code if code in LANGUAGES else "fr"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


def current_language() -> str:
    return _current


@cache
def _catalogue(lang: str) -> dict[str, str]:
    """Every ``resources/i18n/LANG-*.po`` (one per domain of the code), merged."""
    from babel.messages.pofile import read_po  # only when English is asked for

    folder = resource_path("i18n")
    paths = sorted(folder.glob(f"{lang}-*.po"))
    if not paths:  # an incomplete installation: say so rather than stay silently in French
        missing = str(folder / f"{lang}-*.po")
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), missing)
    messages: dict[str, str] = {}
    for path in paths:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        messages.update(
            (str(message.id), str(message.string))
            for message in catalog
            if message.id and message.string and isinstance(message.id, str)
        )
    return messages


def translate(message: str, lang: str) -> str:
    """``message`` (French) in ``lang``; the French text when no translation exists."""
    if lang == "fr":
        return message
    return _catalogue(lang).get(message, message)


def _(message: str) -> str:
    """``message`` in the current language."""
    return translate(message, _current)
