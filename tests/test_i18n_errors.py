"""Error messages of the operations, the store, the spreadsheets and the merge in English.

Every message these modules wrap in ``_()`` has an English entry keeping its
``{placeholders}``, and a real refusal reads in English with ``--lang en`` and
unchanged in French with ``--lang fr``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

from juryapp import cli
from juryapp.i18n import set_language, translate

ROOT = Path(__file__).resolve().parents[1]
MODULES = (
    "juryapp/operations",
    "juryapp/store",
    "juryapp/io",
    "juryapp/merge",
    "juryapp/core/quorum.py",
)
KEYWORDS = {"_": None, "translate": (1,)}


def _wanted(path: str) -> bool:
    return any(path == m or path.startswith(m + "/") for m in MODULES)


def _msgids() -> list[str]:
    found: set[str] = set()
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "juryapp"),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(),
        strip_comment_tags=True,
    ):
        path = f"juryapp/{filename}".replace("\\", "/")
        if _wanted(path) and isinstance(message, str) and message:
            found.add(message)
    return sorted(found)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"(?<!\{)\{(\w*)[^{}]*\}", text))


@pytest.fixture(autouse=True)
def _french_afterwards() -> Iterator[None]:
    yield
    set_language("fr")


def test_messages_of_these_modules_are_found() -> None:
    msgids = _msgids()
    assert "Le dossier {ref} est déjà retiré." in msgids
    assert "montant vide dans la liste « {value} »" in msgids
    assert len(msgids) > 150


@pytest.mark.parametrize("msgid", _msgids())
def test_each_message_has_an_english_entry_with_the_same_placeholders(msgid: str) -> None:
    english = translate(msgid, "en")
    assert english != msgid or msgid in {"dossier"}, f"no English for {msgid!r}"
    assert _placeholders(english) == _placeholders(msgid)
    assert english.format(**dict.fromkeys(_placeholders(msgid), "X")), msgid


def test_refusal_of_a_missing_workbook_in_english_and_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["new", str(tmp_path / "x.jury"), "--from", str(tmp_path / "missing.xlsx")]

    assert cli.main(["--lang", "en", *args]) != 0
    english = capsys.readouterr().err
    assert f"missing.xlsx: file not found: {tmp_path / 'missing.xlsx'}" in english
    assert "introuvable" not in english

    assert cli.main(["--lang", "fr", *args]) != 0
    french = capsys.readouterr().err
    assert f"missing.xlsx : fichier introuvable : {tmp_path / 'missing.xlsx'}" in french
