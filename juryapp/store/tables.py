"""The campaign file's schema: its tables as SQLModel classes, and a new file's schema.

The migrations in ``db/versions`` are the truth about the schema; these classes
describe its current state for reads and writes (``table("score")``) and for
``alembic revision --autogenerate``; :func:`create_schema` makes the head schema
in a new file.

Keys are the workbook's codes (juror code, dossier reference, criterion code),
so a row can be named in a message. Numbers that may be fractions are stored as
exact text (``"9/2"``), times as UTC ISO-8601 with microseconds.
"""

from __future__ import annotations

import functools

from sqlalchemy import Column, Connection, Index, LargeBinary, Table, Text, create_engine
from sqlmodel import Field, SQLModel

from juryapp.store import rawsql
from juryapp.store.migrations import upgrade

__all__ = [
    "AssignmentPlanRow",
    "AssignmentRow",
    "AttachmentRow",
    "CallSessionRow",
    "CampaignRow",
    "CategoryRow",
    "CommentRow",
    "CriterionRow",
    "DecisionRow",
    "DossierRow",
    "DossierSourceRow",
    "GridTagRow",
    "ImportProfileRow",
    "JournalRow",
    "JurorKeyRow",
    "JurorRow",
    "OpenDossierRow",
    "PastLaureateRow",
    "RecusalRow",
    "RegistryRulingRow",
    "ScoreRow",
    "SealRow",
    "SessionAttendanceRow",
    "create_schema",
    "metadata",
    "table",
]


class CampaignRow(SQLModel, table=True):
    """The one row naming the campaign: identity, rules, state of the deliberation."""

    __tablename__ = "campaign"

    id: str = Field(primary_key=True)  # a UUID, stable across copies of the file
    name: str
    created_at: str
    created_by: str
    app_version: str  # juryapp's version that created the file
    fingerprint: str  # grid_fingerprint(criteria, scale)
    rules: str = Field(sa_column=Column(Text, nullable=False))  # CallRules as JSON
    closed: bool = False
    pv_version: int = 1
    bound_juror: str | None = None  # since 0002: a juror's own copy


class CriterionRow(SQLModel, table=True):
    __tablename__ = "criterion"

    code: str = Field(primary_key=True)
    position: int
    label: str
    weight: str
    max: str
    min: str
    step: str
    threshold: str | None = None
    description: str = ""


class CategoryRow(SQLModel, table=True):
    __tablename__ = "category"

    code: str = Field(primary_key=True)
    position: int
    name: str
    envelope_cents: int | None = None
    prizes_cents: str = "[]"  # JSON list of cents
    cap_cents: int | None = None
    rate: str | None = None
    floor_cents: int | None = None
    nature: str


class JurorRow(SQLModel, table=True):
    __tablename__ = "juror"

    code: str = Field(primary_key=True)
    position: int
    name: str
    role: str
    votes: bool = True
    attendance: str
    organisation: str = ""


class DossierRow(SQLModel, table=True):
    __tablename__ = "dossier"

    ref: str = Field(primary_key=True)
    position: int
    title: str
    applicant: str = ""
    town: str = ""
    category: str | None = None
    requested_cents: int | None = None
    total_budget_cents: int | None = None
    eligible_expenses_cents: int | None = None
    admissible: bool = True
    inadmissible_reason: str = ""
    siret: str = ""
    rna: str = ""  # since 0004
    session: str | None = None  # since 0005: the session it is presented at
    fields: str = "[]"  # JSON list of [header, value]


class DossierSourceRow(SQLModel, table=True):
    """Where an imported dossier comes from (a Démarches Simplifiées procedure and ID),
    and what it carries besides its fields (``core.details``), since 0008."""

    __tablename__ = "dossier_source"
    __table_args__ = (Index("ix_dossier_source_external", "origin", "external_id", unique=True),)

    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    origin: str  # « ds »
    procedure: str = ""
    external_id: str  # the platform's dossier ID
    state: str = ""
    content: str = Field(default="{}", sa_column=Column(Text, nullable=False, server_default="{}"))
    updated_at: str


class AttachmentRow(SQLModel, table=True):
    """A document attached to a dossier, kept whole with its SHA-256, since 0009."""

    __tablename__ = "attachment"

    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    name: str = Field(primary_key=True)
    sha256: str
    size: int
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    added_at: str


class ImportProfileRow(SQLModel, table=True):
    """A remembered import mapping, one per source (« ds:<procedure> »), since 0008."""

    __tablename__ = "import_profile"

    key: str = Field(primary_key=True)
    mapping: str = Field(sa_column=Column(Text, nullable=False))  # JSON {header: target}
    prefix: str = ""
    annotations_from: str = ""
    updated_at: str
    author: str


class CallSessionRow(SQLModel, table=True):
    """A session (« comité ») of a call that runs over a year (since 0005)."""

    __tablename__ = "call_session"

    code: str = Field(primary_key=True)
    position: int
    name: str
    date: str = ""
    envelope_cents: int | None = None
    closed: bool = False  # since 0010: its deliberation is sealed
    pv_version: int = 1  # since 0010: the version of its PV


class SessionAttendanceRow(SQLModel, table=True):
    """How a juror attends one session (since 0010)."""

    __tablename__ = "session_attendance"

    session: str = Field(primary_key=True, foreign_key="call_session.code")
    juror: str = Field(primary_key=True, foreign_key="juror.code")
    attendance: str


class PastLaureateRow(SQLModel, table=True):
    """A laureate of an earlier call, in the registry of « Soutien unique » (since 0004)."""

    __tablename__ = "past_laureate"

    id: int | None = Field(default=None, primary_key=True)
    siret: str = ""
    rna: str = ""
    holder: str = ""
    town: str = ""
    call: str = ""
    year: str = ""
    amount_cents: int | None = None
    source: str = ""


class RegistryRulingRow(SQLModel, table=True):
    """The secretariat's ruling on a dossier that matches the registry (since 0004):
    ``override`` (a sure match kept admissible), ``confirm`` or ``dismiss`` (a possible one)."""

    __tablename__ = "registry_ruling"

    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    kind: str
    reason: str = ""
    author: str
    at: str


class ScoreRow(SQLModel, table=True):
    """One cell of one juror's grid: the value exactly as text."""

    __tablename__ = "score"

    juror: str = Field(primary_key=True, foreign_key="juror.code")
    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    criterion: str = Field(primary_key=True, foreign_key="criterion.code")
    value: str
    edited_at: str  # indexed from 0002 to 0003 only
    author: str


class CommentRow(SQLModel, table=True):
    __tablename__ = "comment"

    juror: str = Field(primary_key=True, foreign_key="juror.code")
    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    text: str
    edited_at: str
    author: str


class RecusalRow(SQLModel, table=True):
    __tablename__ = "recusal"

    juror: str = Field(primary_key=True, foreign_key="juror.code")
    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    reason: str = ""
    at: str
    author: str


class AssignmentPlanRow(SQLModel, table=True):
    """How the assignment of dossiers to jurors was made (since 0007; one row or none)."""

    __tablename__ = "assignment_plan"

    id: int = Field(primary_key=True)
    per_dossier: int
    max_load: int | None = None
    institutions: int
    seed: str
    method: str
    at: str
    author: str


class AssignmentRow(SQLModel, table=True):
    """One juror assigned to one dossier, by the solver (``solveur``) or by hand (``main``)."""

    __tablename__ = "assignment"

    juror: str = Field(primary_key=True, foreign_key="juror.code")
    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    how: str
    at: str
    author: str


class OpenDossierRow(SQLModel, table=True):
    """A dossier the secretariat opened to every voting member despite the assignment."""

    __tablename__ = "open_dossier"

    ref: str = Field(primary_key=True, foreign_key="dossier.ref")
    reason: str
    at: str
    author: str


class DecisionRow(SQLModel, table=True):
    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    payload: str  # the decision as canonical JSON
    reason: str = ""
    author: str
    at: str
    undone_at: str | None = None
    undone_by: str | None = None
    undo_reason: str | None = None


class JournalRow(SQLModel, table=True):
    """An append-only, hash-chained record of every change."""

    __tablename__ = "journal"

    seq: int = Field(primary_key=True)
    at: str
    author: str
    kind: str
    payload: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str
    hash: str


class SealRow(SQLModel, table=True):
    """Each sealed version of the deliberation, kept for ever."""

    __tablename__ = "seal"

    version: int = Field(primary_key=True)
    hash: str
    sealed_at: str
    sealed_by: str
    document: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    document_sha256: str | None = None
    reopened_at: str | None = None
    reopened_by: str | None = None
    reopen_reason: str | None = None
    session: str | None = None  # since 0010: the session it seals (None: the campaign)


class JurorKeyRow(SQLModel, table=True):
    """A key issued with a juror copy (since 0006): every one in a campaign, the copy's
    own only in a juror copy. ``secret``: 32 random bytes, hex."""

    __tablename__ = "juror_key"

    key_id: str = Field(primary_key=True)
    juror: str
    secret: str
    issued_at: str
    file: str  # the copy's file name when issued


class GridTagRow(SQLModel, table=True):
    """In a juror copy (since 0006): the HMAC-SHA256 of one grid under the copy's key."""

    __tablename__ = "grid_tag"

    juror: str = Field(primary_key=True)
    ref: str = Field(primary_key=True)
    key_id: str
    tag: str


metadata = SQLModel.metadata


def table(name: str) -> Table:
    """The SQLAlchemy core ``Table`` of one of the campaign file's tables."""
    return metadata.tables[name]


@functools.cache
def _head_schema() -> tuple[tuple[str, ...], str]:
    """The SQL that makes a new file's schema at the head revision, and that revision:
    Alembic runs once per process, on a database in memory (running it for every new
    file — a juror copy each — costs half a second each)."""
    engine = create_engine("sqlite://")
    try:
        with engine.connect() as connection, connection.begin():
            upgrade(connection)
            rows = connection.exec_driver_sql(rawsql.SCHEMA_STATEMENTS).all()
            (revision,) = connection.exec_driver_sql(rawsql.SCHEMA_REVISION).one()
    finally:
        engine.dispose()
    order = {"table": 0, "index": 1, "view": 2, "trigger": 3}
    statements = tuple(str(sql) for kind, sql in sorted(rows, key=lambda r: order[r[0]]))
    return statements, str(revision)


def create_schema(connection: Connection) -> None:
    """The head schema in an empty file (what ``upgrade`` makes, without Alembic)."""
    statements, revision = _head_schema()
    for statement in statements:
        connection.exec_driver_sql(statement)  # the migrations' own DDL, triggers included
    connection.exec_driver_sql(rawsql.SET_SCHEMA_REVISION, (revision,))
