"""Every French message of the desk has its English translation (in ``en-desk.po``, or in
the catalogue of a lower layer saying it too: ``tests/test_i18n_catalogues.py``)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from juryapp.i18n import translate
from juryapp.ui.desk import models

DESK = Path(__file__).resolve().parents[2] / "juryapp" / "ui" / "desk"
CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "i18n" / "en-desk.po"


def desk_messages() -> set[str]:
    found: set[str] = set()
    for path in sorted(DESK.glob("*.py")):
        for _line, message, _comments, _context in extract_from_file(
            "python", str(path), keywords={"_": None, "translate": (1,), "tr": None}
        ):
            if isinstance(message, str):
                found.add(message)
    for table in (
        models._PENDING_KINDS,
        models.ATTENDANCE_LABELS,
        models.ROLE_LABELS,
    ):
        found.update(table.values())
    return found


def test_every_desk_message_is_translated() -> None:
    translated = set()
    for path in CATALOGUE.parent.glob("en-*.po"):
        with path.open("rb") as handle:
            translated.update(m.id for m in read_po(handle, locale="en") if m.id and m.string)
    assert sorted(desk_messages() - translated) == []
    assert translate("vote requis", "en") == "vote needed"


def test_the_catalogue_is_a_valid_po_file_with_placeholders_kept() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    assert len(catalogue) > 150
    for message in catalogue:
        if not message.id:
            continue
        assert isinstance(message.id, str) and isinstance(message.string, str)
        for placeholder in ("{a}", "{n}", "{v}", "{ref}", "{refs}", "{state}", "{seal}"):
            assert (placeholder in message.id) == (placeholder in message.string), message.id
