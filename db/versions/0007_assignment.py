"""Who scores what (rules §14): the assignment of dossiers to jurors.

``assignment_plan`` holds how the assignment was made (K rapporteurs per dossier,
maximum load, organisations, the seed, the method), one row or none;
``assignment`` each (juror, dossier) pair assigned, by the solver or by hand;
``open_dossier`` the dossiers the secretariat opened to every voting member.
A campaign without a plan behaves as before: every voting member scores every dossier.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "assignment_plan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("per_dossier", sa.Integer(), nullable=False),
        sa.Column("max_load", sa.Integer(), nullable=True),
        sa.Column("institutions", sa.Integer(), nullable=False),
        sa.Column("seed", sa.String(), nullable=False),
        sa.Column("method", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )
    op.create_table(
        "assignment",
        sa.Column("juror", sa.String(), sa.ForeignKey("juror.code"), primary_key=True),
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("how", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )
    op.create_table(
        "open_dossier",
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("open_dossier")
    op.drop_table("assignment")
    op.drop_table("assignment_plan")
