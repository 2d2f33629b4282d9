"""Supported only once (rules §13): the dossiers' RNA number, the registry of past
laureates and the secretariat's rulings on the dossiers that match it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossier") as batch:
        batch.add_column(sa.Column("rna", sa.String(), nullable=False, server_default=""))
    op.create_table(
        "past_laureate",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("siret", sa.String(), nullable=False, server_default=""),
        sa.Column("rna", sa.String(), nullable=False, server_default=""),
        sa.Column("holder", sa.String(), nullable=False, server_default=""),
        sa.Column("town", sa.String(), nullable=False, server_default=""),
        sa.Column("call", sa.String(), nullable=False, server_default=""),
        sa.Column("year", sa.String(), nullable=False, server_default=""),
        sa.Column("amount_cents", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "registry_ruling",
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False, server_default=""),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("registry_ruling")
    op.drop_table("past_laureate")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("rna")
