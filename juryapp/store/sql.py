"""SQLAlchemy, imported on first use: reading a campaign needs only ``sqlite3``.

``select`` and ``table`` stand for SQLAlchemy's and ``juryapp.store.tables.table``,
``count_rows`` for ``SELECT count(*)`` of a table; SQLAlchemy and SQLModel are imported the first
time one of them is called (a write, or a read that needs the table models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Select, Table

__all__ = ["count_rows", "select", "table"]


def select(*entities: Any) -> Select[Any]:
    from sqlalchemy import select as sa_select

    return sa_select(*entities)


def count_rows(name: str) -> Select[Any]:
    """How many rows the table ``name`` holds, as a query."""
    from sqlalchemy import func

    return select(func.count()).select_from(table(name))


def table(name: str) -> Table:
    from juryapp.store.tables import table as model_table

    return model_table(name)
