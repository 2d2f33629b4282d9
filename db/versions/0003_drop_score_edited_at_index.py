"""Drop the index on ``score.edited_at``: no query uses it, and it slowed bulk merges.

Merges compare cells by key (juror, dossier, criterion) and never look cells up by
edit time; keeping the index cost about a third of the time of writing 400,000 cells.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_score_edited_at", table_name="score")


def downgrade() -> None:
    op.create_index("ix_score_edited_at", "score", ["edited_at"])
