"""Reading a Grist document (``.grist``): a SQLite file whose user tables are plain SQLite
tables. Each table becomes a sheet (headers: the columns' labels, else their ids; rows in
Grist's order), so that a table imports through the same mapping as a workbook's sheet.

Grist's own tables (``_grist_*``), the row id, ``manualSort`` and helper columns
(``gristHelper_*``) are left out. Cells are converted by the column's Grist type: dates
(seconds since 1970) become dates, booleans ``oui``/``non``, choice lists their items
joined. The file is opened read-only, never changed.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

from juryapp.i18n import _
from juryapp.io._fastbook import FastBook, FastSheet
from juryapp.io.errors import InputError
from juryapp.io.limits import check_workbook_size

__all__ = ["open_grist"]

_EPOCH = dt.datetime(1970, 1, 1)


def open_grist(path: str | Path) -> FastBook:
    """Every user table of the Grist document at ``path`` as a sheet; ``InputError``
    (naming the file) when it is not a readable Grist document or holds no table."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError(_("fichier introuvable : {path}").format(path=path), file=name)
    check_workbook_size(path)
    with path.open("rb") as handle:
        magic = handle.read(16)
    if magic != b"SQLite format 3\x00":
        raise _not_grist(name, _("ce n'est pas une base SQLite"))
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise _not_grist(name, str(error)) from error
    try:
        sheets = _sheets(connection)
    except sqlite3.Error as error:
        raise _not_grist(name, str(error)) from error
    finally:
        connection.close()
    if not sheets:
        raise InputError(
            _("{file} : le document Grist n'a aucune table").format(file=name),
            file=name,
            whole=True,
        )
    return FastBook(path, sheets)


def _not_grist(name: str, reason: str) -> InputError:
    return InputError(
        _("{file} n'est pas un document Grist lisible ({reason})").format(file=name, reason=reason),
        file=name,
        whole=True,
    )


def _quoted(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _sheets(connection: sqlite3.Connection) -> list[FastSheet]:
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid"
        )
        if not str(row[0]).startswith(("_grist", "sqlite_"))
    ]
    labels, kinds = _metadata(connection)
    sheets: list[FastSheet] = []
    for table in tables:
        columns = [
            str(row[1]) for row in connection.execute(f"PRAGMA table_info({_quoted(table)})")
        ]
        shown = [
            c for c in columns if c not in ("id", "manualSort") and not c.startswith("gristHelper_")
        ]
        if not shown:
            continue
        order = (
            "manualSort, id" if "manualSort" in columns else ("id" if "id" in columns else "rowid")
        )
        select = ", ".join(_quoted(c) for c in shown)
        rows = connection.execute(f"SELECT {select} FROM {_quoted(table)} ORDER BY {order}")
        types = [kinds.get((table, c), "") for c in shown]
        sheet_rows: list[list[Any]] = [[labels.get((table, c)) or c for c in shown]]
        sheet_rows += [[_cell(v, t) for v, t in zip(row, types, strict=True)] for row in rows]
        sheets.append(FastSheet(table, sheet_rows))
    return sheets


def _metadata(
    connection: sqlite3.Connection,
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """The columns' labels and Grist types, by (table, column id); empty when the document
    has no Grist metadata (a plain SQLite file named .grist: its columns as they are)."""
    try:
        rows = connection.execute(
            "SELECT t.tableId, c.colId, c.label, c.type FROM _grist_Tables_column c "
            "JOIN _grist_Tables t ON t.id = c.parentId"
        ).fetchall()
    except sqlite3.Error:
        return {}, {}
    labels = {(str(t), str(c)): str(label or "") for t, c, label, _kind in rows}
    kinds = {(str(t), str(c)): str(kind or "") for t, c, _label, kind in rows}
    return labels, kinds


def _cell(value: Any, kind: str) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bytes):
        return None  # Grist's encoded values (errors, lists kept as marshal): not data
    if kind == "Bool":
        return bool(value)
    if kind == "Date" and isinstance(value, int | float):
        return _EPOCH + dt.timedelta(seconds=value)
    if kind.startswith("DateTime") and isinstance(value, int | float):
        return (_EPOCH + dt.timedelta(seconds=value)).replace(second=0, microsecond=0)
    if kind == "ChoiceList" and isinstance(value, str) and value.startswith("["):
        try:
            items = json.loads(value)
        except ValueError:
            return value
        return ", ".join(str(i) for i in items if i != "L")
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value
