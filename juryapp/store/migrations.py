"""Running the campaign file's Alembic migrations from the app, without alembic.ini.

The scripts live in ``db/`` (``juryapp.paths.migrations_path()``). The open
connection is handed to ``db/env.py`` through ``config.attributes``.
"""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text

from juryapp.paths import migrations_path

__all__ = ["alembic_config", "current_revision", "head_revision", "known_revisions", "upgrade"]


def alembic_config(connection: Connection | None = None) -> Config:
    """An in-memory Alembic configuration pointing at ``db/``."""
    config = Config()
    # ConfigParser interpolates "%": escape it in the folder's name.
    config.set_main_option("script_location", str(migrations_path()).replace("%", "%%"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this version of juryapp knows."""
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the scripts ship with the app
        raise RuntimeError(f"no Alembic revision in {migrations_path()}")
    return head


def known_revisions() -> set[str]:
    """Every revision this version of juryapp can upgrade from."""
    return {script.revision for script in _script().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The file's schema revision, or None when it has no ``alembic_version`` table."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Upgrade the schema, inside the connection's current transaction."""
    command.upgrade(alembic_config(connection), revision)
