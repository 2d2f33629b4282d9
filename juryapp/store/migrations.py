"""Running the campaign file's Alembic migrations from the app, without alembic.ini.

The scripts live in ``db/`` (``juryapp.paths.migrations_path()``). The open
connection is handed to ``db/env.py`` through ``config.attributes``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from juryapp.paths import migrations_path
from juryapp.store import rawsql

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# Opening a file needs only the revisions' names, read from the scripts' text: Alembic
# (and SQLAlchemy) are imported only to upgrade a file. tests/store/test_migrations.py
# checks that this reading agrees with Alembic's.
_REVISION = re.compile(r"^revision(?:\s*:[^=]*)?=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(
    r"^down_revision(?:\s*:[^=]*)?=\s*(?:None|[\"']([^\"']+)[\"'])", re.MULTILINE
)

__all__ = ["alembic_config", "current_revision", "head_revision", "known_revisions", "upgrade"]


def alembic_config(connection: Connection | None = None) -> Config:
    """An in-memory Alembic configuration pointing at ``db/``."""
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates "%": escape it in the folder's name.
    config.set_main_option("script_location", str(migrations_path()).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _revisions() -> dict[str, str | None]:
    """Each revision of ``db/versions`` with the one it revises (None for the first)."""
    revisions: dict[str, str | None] = {}
    for script in (migrations_path() / "versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:  # pragma: no cover - the scripts ship with the app
            raise RuntimeError(f"unreadable Alembic revision in {script}")
        revisions[revision.group(1)] = down.group(1)
    return revisions


def head_revision() -> str:
    """The newest schema revision this version of juryapp knows."""
    revisions = _revisions()
    heads = set(revisions) - {down for down in revisions.values() if down is not None}
    if len(heads) != 1:  # pragma: no cover - the scripts ship with the app
        raise RuntimeError(f"not one Alembic head in {migrations_path()}: {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    """Every revision this version of juryapp can upgrade from."""
    return set(_revisions())


def current_revision(connection: Connection) -> str | None:
    """The file's schema revision, or None when it has no ``alembic_version`` table."""
    from sqlalchemy import inspect

    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.exec_driver_sql(rawsql.SCHEMA_REVISION).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the schema, inside the connection's current transaction."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
