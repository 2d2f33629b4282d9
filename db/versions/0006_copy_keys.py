"""Authenticated juror copies: the keys a campaign issues, and each grid's tag in a copy.

``juror_key``: in a campaign, every key issued with a juror copy (one per copy); in a
juror copy, that copy's own key only. ``grid_tag``: in a juror copy, the HMAC-SHA256
of each of its juror's grids (scores, comment, recusal) under that key, kept up to
date by the app; the merge checks it with the key the campaign kept.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "juror_key",
        sa.Column("key_id", sa.String(), nullable=False),
        sa.Column("juror", sa.String(), nullable=False),
        sa.Column("secret", sa.String(), nullable=False),
        sa.Column("issued_at", sa.String(), nullable=False),
        sa.Column("file", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_table(
        "grid_tag",
        sa.Column("juror", sa.String(), nullable=False),
        sa.Column("ref", sa.String(), nullable=False),
        sa.Column("key_id", sa.String(), nullable=False),
        sa.Column("tag", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("juror", "ref"),
    )


def downgrade() -> None:
    op.drop_table("grid_tag")
    op.drop_table("juror_key")
