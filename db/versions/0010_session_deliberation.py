"""Each session deliberates on its own (rules §12): its seal and PV version, and its
attendance.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("call_session") as batch:
        batch.add_column(
            sa.Column("closed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("pv_version", sa.Integer(), nullable=False, server_default="1")
        )
    with op.batch_alter_table("seal") as batch:
        batch.add_column(sa.Column("session", sa.String(), nullable=True))
    op.create_table(
        "session_attendance",
        sa.Column("session", sa.String(), sa.ForeignKey("call_session.code"), primary_key=True),
        sa.Column("juror", sa.String(), sa.ForeignKey("juror.code"), primary_key=True),
        sa.Column("attendance", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("session_attendance")
    with op.batch_alter_table("seal") as batch:
        batch.drop_column("session")
    with op.batch_alter_table("call_session") as batch:
        batch.drop_column("pv_version")
        batch.drop_column("closed")
