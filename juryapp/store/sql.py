"""SQLAlchemy, imported on first use: reading a campaign needs only ``sqlite3``.

``select``, ``update`` and ``table`` stand for SQLAlchemy's and
``juryapp.store.tables.table``; SQLAlchemy and SQLModel are imported the first
time one of them is called (a write, or a read that needs the table models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Select, Table, Update

__all__ = ["select", "table", "update"]


def select(*entities: Any) -> Select[Any]:
    from sqlalchemy import select as sa_select

    return sa_select(*entities)


def update(target: Table) -> Update:
    from sqlalchemy import update as sa_update

    return sa_update(target)


def table(name: str) -> Table:
    from juryapp.store.tables import table as model_table

    return model_table(name)
