"""The documents attached to dossiers (a Démarches Simplifiées zip, or a folder of files
named by reference): ``attachment``, each document kept whole with its SHA-256.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "attachment",
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("added_at", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("attachment")
