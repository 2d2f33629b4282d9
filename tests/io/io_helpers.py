"""Campaign workbooks for the io tests: a one-member jury added when none is given, a call
sheet from keyword settings, a grid and a jury, and the extension Excel writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.plugin.workbooks import Rows, write_book


def make_workbook(path: Path, sheets: dict[str, Rows]) -> Path:
    """A workbook with one sheet per entry, rows written as given (None = empty cell).

    A campaign workbook (with an « Appel » sheet) and no « Jury » sheet gets a
    one-member jury, since a call without a voting member is refused."""
    titles = {title.casefold() for title in sheets}
    if titles & {"appel", "call"} and not titles & {"jury"}:
        sheets = {**sheets, "Jury": [["Code", "Nom"], ["J1", "Juré de test"]]}
    return write_book(path, sheets)


def call_sheet(**settings: Any) -> list[list[Any]]:
    """The "Appel" sheet from keyword settings (French keys)."""
    return [[key, value] for key, value in settings.items()]


GRID = [
    ["Code", "Critère", "Poids", "Min", "Max", "Pas", "Seuil", "Description"],
    ["INNO", "Caractère innovant", 30, 0, 5, 0.5, None, "Nouveauté de la réponse"],
    ["IMPACT", "Impact social", 50, 0, 20, 1, None, "Effets attendus"],
    ["ANCRAGE", "Ancrage territorial", 20, 0, 10, 1, None, "Partenaires locaux"],
]

JURY = [
    ["Code", "Nom", "Rôle", "Voix", "Présence", "Organisme"],
    ["J1", "Christine Martin", "président", "oui", "présent", "Région"],
    ["J2", "Karim Benali", None, None, None, "CRESS"],
    ["J3", "Sophie Durand", "membre", None, "visio", "France Active"],
    ["J4", "Paul Leroy", "secrétaire", None, None, "Services"],
]


DV_EXTENSION = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="0"/></ext></extLst>'
)


def add_excel_extension(path: Path) -> None:
    """Give every sheet the data-validation extension Excel writes (openpyxl warns on it)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename.startswith("xl/worksheets/sheet"):
                data = data.replace(b"</worksheet>", DV_EXTENSION.encode() + b"</worksheet>")
            target.writestr(info, data)
