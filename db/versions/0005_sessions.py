"""Calls that run over a year (rules §12): the call's sessions (« comités ») and the
session each dossier is presented at.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "call_session",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("date", sa.String(), nullable=False, server_default=""),
        sa.Column("envelope_cents", sa.Integer(), nullable=True),
    )
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(sa.Column("session", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("session")
    op.drop_table("call_session")
