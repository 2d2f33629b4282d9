"""Grist documents built in the tests: a ``.grist`` file is SQLite, Grist's metadata in
``_grist_*`` tables (``_grist_Tables``, ``_grist_Tables_column``: each column's id, label
and type), each user table a plain table with ``id``, ``manualSort`` and Grist's helper
columns beside the user's."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: The call's dossiers as a secretariat keeps them in Grist: (id, type, label) columns.
PROJECT_COLUMNS = (
    ("Reference", "Text", "Référence"),
    ("Projet", "Text", "Nom du projet"),
    ("Porteur", "Text", "Porteur"),
    ("Categorie", "Choice", "Catégorie"),
    ("Montant", "Numeric", "Montant demandé"),
    ("Budget", "Int", "Budget global"),
    ("Depot", "Date", "Déposé le"),
    ("Labellise", "Bool", "Déjà labellisé"),
    ("Themes", "ChoiceList", "Thèmes"),
)
PROJECT_ROWS = (
    # manualSort puts Jardin first: Grist's order, not the row ids'
    (2, 1.0, "GR-02", "Jardin partagé", "Les Jardins", "TER", 8000.0, 20000, 1767225600, 0,
     '["L","nature","quartier"]'),
    (1, 2.0, "GR-01", "Ressourcerie", "Recyclerie du Marais", "EMP", 12000.5, 48000, 1767312000,
     1, '["L","emploi"]'),
    (3, 3.0, "GR-03", "Garage solidaire", "Roue Libre", "Emploi", 15000.0, 60000, None, 0, None),
)  # fmt: skip


def write_grist(
    path: Path,
    tables: dict[str, tuple[Sequence[tuple[str, str, str]], Sequence[Sequence[Any]]]] | None = None,
) -> Path:
    """A ``.grist``-shaped SQLite file holding ``tables`` (name: (columns, rows), each row
    ``id, manualSort, *values``); by default « Projets » and a « Contacts » table."""
    if tables is None:
        tables = {
            "Projets": (PROJECT_COLUMNS, PROJECT_ROWS),
            "Contacts": (
                (("Nom", "Text", "Nom"), ("Mail", "Text", "Courriel")),
                ((1, 1.0, "Anne", "anne@example.org"),),
            ),
        }
    connection = sqlite3.connect(path)
    try:
        connection.executescript(
            "CREATE TABLE _grist_DocInfo (id INTEGER PRIMARY KEY, docId TEXT, "
            "schemaVersion INTEGER);"
            "CREATE TABLE _grist_Tables (id INTEGER PRIMARY KEY, tableId TEXT, "
            "primaryViewId INTEGER);"
            "CREATE TABLE _grist_Tables_column (id INTEGER PRIMARY KEY, parentId INTEGER, "
            "parentPos NUMERIC, colId TEXT, type TEXT, label TEXT, isFormula BOOLEAN);"
            "INSERT INTO _grist_DocInfo VALUES (1, 'doc', 41);"
        )
        column_id = 0
        for table_id, (name, (columns, rows)) in enumerate(tables.items(), start=1):
            connection.execute("INSERT INTO _grist_Tables VALUES (?, ?, 0)", (table_id, name))
            declared = ", ".join(f'"{c}"' for c, _kind, _label in columns)
            connection.execute(
                f'CREATE TABLE "{name}" (id INTEGER PRIMARY KEY, "manualSort" NUMERIC, '
                f'{declared}, "gristHelper_Display" TEXT)'
            )
            for position, (column, kind, label) in enumerate(
                [("manualSort", "ManualSortPos", ""), *columns, ("gristHelper_Display", "Any", "")]
            ):
                column_id += 1
                connection.execute(
                    "INSERT INTO _grist_Tables_column VALUES (?, ?, ?, ?, ?, ?, 0)",
                    (column_id, table_id, position, column, kind, label),
                )
            marks = ", ".join("?" * (len(columns) + 3))
            for row in rows:
                connection.execute(f'INSERT INTO "{name}" VALUES ({marks})', (*row, "helper"))
        connection.commit()
    finally:
        connection.close()
    return path


__all__ = ["PROJECT_COLUMNS", "PROJECT_ROWS", "write_grist"]
