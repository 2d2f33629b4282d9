"""Juror copies and merges: ``campaign.bound_juror`` and an index on ``score.edited_at``.

A juror's own copy of the campaign is bound to that juror; merging copies back
looks for the cells edited since a time, hence the index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("campaign") as batch:
        batch.add_column(sa.Column("bound_juror", sa.String(), nullable=True))
    op.create_index("ix_score_edited_at", "score", ["edited_at"])


def downgrade() -> None:
    op.drop_index("ix_score_edited_at", table_name="score")
    with op.batch_alter_table("campaign") as batch:
        batch.drop_column("bound_juror")
