"""Decoding a text file (csv) as the secretariat's tools write it: UTF-8 with or without
its BOM, UTF-16 (with a BOM, or without one when every other byte is zero), and, when
the bytes are not UTF-8, Windows-1252 — what Excel on Windows writes when « CSV » is
chosen rather than « CSV UTF-8 » — when they read as Windows-1252 text (no byte it leaves
undefined, no control character, letters, punctuation and spaces beyond ASCII). Anything else
is refused with one message naming the file, the line and the first byte not understood.
"""

from __future__ import annotations

import re
import unicodedata

from juryapp.i18n import _
from juryapp.io.errors import InputError

__all__ = ["decode_text"]

_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def decode_text(data: bytes, file: str) -> str:
    """``data`` (the whole file ``file``) as text; ``InputError`` when undecodable."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16", errors="replace"), data, file)
    unmarked = _utf16_without_bom(data)
    if unmarked is not None:
        return _checked(data.decode(unmarked, errors="replace"), data, file)
    try:
        return _checked(data.decode("utf-8-sig"), data, file)
    except UnicodeDecodeError as error:
        position = error.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:  # a byte Windows-1252 leaves undefined
        raise _undecodable(data, error.start, file) from None
    if not _reads_as_text(text):
        raise _undecodable(data, position, file)
    return _checked(text, data, file)


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when nearly every other byte of the start is zero (mostly
    Latin text in UTF-16 without its byte-order mark)."""
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:4096]
    half = len(head) // 2
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.8 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.8 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _reads_as_text(text: str) -> bool:
    """Whether the characters beyond ASCII are those of French text: letters, signs,
    punctuation, spaces (not the symbols and box pieces of a binary file decoded)."""
    if _CONTROL.search(text):
        return False
    beyond = _BEYOND_ASCII.findall(text)
    usual = sum(1 for c in beyond if unicodedata.category(c)[0] in "LPZ" or c in "€°§")
    return usual >= 0.9 * len(beyond)


def _checked(text: str, data: bytes, file: str) -> str:
    """``text``, unless it holds a zero character (a binary file)."""
    index = text.find("\x00")
    if index >= 0:
        raise _undecodable(data, None, file, line=text.count("\n", 0, index) + 1)
    return text


def _undecodable(
    data: bytes, position: int | None, file: str, *, line: int | None = None
) -> InputError:
    if position is not None:
        line = data.count(b"\n", 0, position) + 1
        detail = _("octet 0x{byte}").format(byte=f"{data[position]:02X}")
    else:
        detail = _("caractère nul")
    return InputError(
        _(
            "{file}, ligne {line} : encodage inattendu ({detail}) : ni UTF-8 ni Windows-1252, "
            "ou ce n'est pas un fichier texte ; enregistrez-le en « CSV UTF-8 »"
        ).format(file=file, line=line, detail=detail),
        file=file,
        row=line,
        whole=True,
    )
