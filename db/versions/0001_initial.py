"""The first schema of the campaign file.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "campaign",
        sa.Column("id", sa.String(), primary_key=True),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("created_at", sa.String(), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("app_version", sa.String(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("pv_version", sa.Integer(), nullable=False, server_default="1"),
    )
    op.create_table(
        "criterion",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("weight", sa.String(), nullable=False),
        sa.Column("max", sa.String(), nullable=False),
        sa.Column("min", sa.String(), nullable=False),
        sa.Column("step", sa.String(), nullable=False),
        sa.Column("threshold", sa.String(), nullable=True),
        sa.Column("description", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "category",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("envelope_cents", sa.Integer(), nullable=True),
        sa.Column("prizes_cents", sa.String(), nullable=False, server_default="[]"),
        sa.Column("cap_cents", sa.Integer(), nullable=True),
        sa.Column("rate", sa.String(), nullable=True),
        sa.Column("floor_cents", sa.Integer(), nullable=True),
        sa.Column("nature", sa.String(), nullable=False),
    )
    op.create_table(
        "juror",
        sa.Column("code", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("votes", sa.Boolean(), nullable=False),
        sa.Column("attendance", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False, server_default=""),
    )
    op.create_table(
        "dossier",
        sa.Column("ref", sa.String(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("applicant", sa.String(), nullable=False, server_default=""),
        sa.Column("town", sa.String(), nullable=False, server_default=""),
        sa.Column("category", sa.String(), nullable=True),
        sa.Column("requested_cents", sa.Integer(), nullable=True),
        sa.Column("total_budget_cents", sa.Integer(), nullable=True),
        sa.Column("eligible_expenses_cents", sa.Integer(), nullable=True),
        sa.Column("admissible", sa.Boolean(), nullable=False),
        sa.Column("inadmissible_reason", sa.String(), nullable=False, server_default=""),
        sa.Column("siret", sa.String(), nullable=False, server_default=""),
        sa.Column("fields", sa.String(), nullable=False, server_default="[]"),
    )
    op.create_table(
        "score",
        sa.Column("juror", sa.String(), sa.ForeignKey("juror.code"), primary_key=True),
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("criterion", sa.String(), sa.ForeignKey("criterion.code"), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
        sa.Column("edited_at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )
    op.create_table(
        "comment",
        sa.Column("juror", sa.String(), sa.ForeignKey("juror.code"), primary_key=True),
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("edited_at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )
    op.create_table(
        "recusal",
        sa.Column("juror", sa.String(), sa.ForeignKey("juror.code"), primary_key=True),
        sa.Column("ref", sa.String(), sa.ForeignKey("dossier.ref"), primary_key=True),
        sa.Column("reason", sa.String(), nullable=False, server_default=""),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
    )
    op.create_table(
        "decision",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False, server_default=""),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("undone_at", sa.String(), nullable=True),
        sa.Column("undone_by", sa.String(), nullable=True),
        sa.Column("undo_reason", sa.String(), nullable=True),
    )
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("at", sa.String(), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
    )
    op.create_table(
        "seal",
        sa.Column("version", sa.Integer(), primary_key=True),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("sealed_at", sa.String(), nullable=False),
        sa.Column("sealed_by", sa.String(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=True),
        sa.Column("document_sha256", sa.String(), nullable=True),
        sa.Column("reopened_at", sa.String(), nullable=True),
        sa.Column("reopened_by", sa.String(), nullable=True),
        sa.Column("reopen_reason", sa.String(), nullable=True),
    )
    # The journal is append-only: the app never updates nor deletes an entry.
    op.execute(
        "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal "
        "BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS journal_no_delete")
    op.execute("DROP TRIGGER IF EXISTS journal_no_update")
    for name in (
        "seal", "journal", "decision", "recusal", "comment", "score",
        "dossier", "juror", "category", "criterion", "campaign",
    ):
        op.drop_table(name)
