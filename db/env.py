"""Alembic environment of the campaign file.

juryapp runs migrations itself (``juryapp.store.migrations``): it passes an open
SQLAlchemy connection in ``config.attributes["connection"]``, already inside a
transaction, so a whole upgrade commits or rolls back at once. A developer can
also point ``sqlalchemy.url`` at a file to use the ``alembic`` command.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from juryapp.store.tables import metadata

config = context.config
target_metadata = metadata


def run_migrations_offline() -> None:
    """Write the SQL of the migrations instead of running them."""
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or "sqlite://",
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection in config.attributes and no sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as own_connection:
        _run(own_connection)
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
