"""Dossiers from Démarches Simplifiées: ``dossier_source`` (where a dossier comes from,
its private annotations, repeated blocks and instruction notes) and ``import_profile``
(the mapping remembered for a procedure).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "dossier_source",
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("procedure", sa.String(), nullable=False, server_default=""),
        sa.Column("external_id", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False, server_default=""),
        sa.Column("content", sa.Text(), nullable=False, server_default="{}"),
        sa.Column("updated_at", sa.String(), nullable=False),
    )
    op.create_index(
        "ix_dossier_source_external", "dossier_source", ["origin", "external_id"], unique=True
    )
    op.create_table(
        "import_profile",
        sa.Column("key", sa.String(), primary_key=True),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("prefix", sa.String(), nullable=False, server_default=""),
        sa.Column("annotations_from", sa.String(), nullable=False, server_default=""),
        sa.Column("updated_at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("import_profile")
    op.drop_index("ix_dossier_source_external", table_name="dossier_source")
    op.drop_table("dossier_source")
