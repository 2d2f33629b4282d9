"""Every SQL statement of the store that stays text, in one place, each with why.

The store reads and writes the SQLModel tables of :mod:`juryapp.store.tables`
through SQLAlchemy (``select``, ``insert``, ``update`` on those tables). What is
here cannot, or is measured faster raw on a hot path:

- PRAGMAs, ``BEGIN``/``COMMIT`` and SQLite's own catalogue (``sqlite_master``):
  SQLAlchemy has no expression for them;
- the start-up reads: opening a campaign and computing its results run on plain
  ``sqlite3`` and never import SQLAlchemy (``juryapp results`` on 2,000 dossiers
  × 25 jurors; see ``tests/bench/startup_bench.py``);
- the score cells, read and written by the hundred thousand (juror copies, the
  load): grouping a grid in SQLite halves the load, and ``executemany`` of plain
  tuples is the bench's baseline (``tests/bench/store_bench.py``, ``merge_bench.py``);
- the merge's staging (:mod:`juryapp.store.staging`): ``ATTACH`` of a juror copy,
  temporary tables, and set-based statements that copy and compare 400,000 cells
  inside SQLite without passing them through Python.

Table and column names here are our own, never the user's text; values are always
bound parameters.
"""

from __future__ import annotations

__all__: list[str] = []  # constants only: read as ``rawsql.NAME``

# --- connections (juryapp.store.connection) -------------------------------------------------

WAL_MODE = "PRAGMA journal_mode=WAL"
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    # 32 MiB of page cache (default 2 MiB): bulk merges of 400,000 cells stay in memory.
    "PRAGMA cache_size=-32768",
)
FOREIGN_KEYS_ON = "PRAGMA foreign_keys=ON"
FOREIGN_KEYS_OFF = "PRAGMA foreign_keys=OFF"
PROBE = "SELECT count(*) FROM sqlite_master"  # a read-only connection can read the file
BEGIN = {"DEFERRED": "BEGIN DEFERRED", "IMMEDIATE": "BEGIN IMMEDIATE"}
COMMIT = "COMMIT"

# --- checking a file (juryapp.store.files, juryapp.store.verify) --------------------------

INTEGRITY_CHECK = "PRAGMA integrity_check"
QUICK_CHECK = "PRAGMA quick_check"
FOREIGN_KEY_CHECK = "PRAGMA foreign_key_check"
TABLE_NAMES = "SELECT name FROM sqlite_master WHERE type = 'table'"
SCHEMA_REVISION = "SELECT version_num FROM alembic_version"
# A sealed document as stored: a hand-edited one may be text, not bytes.
SEAL_DOCUMENTS = "SELECT version, document, document_sha256 FROM seal"

# --- a new file's schema (juryapp.store.tables) ------------------------------------------

SCHEMA_STATEMENTS = (
    "SELECT type, sql FROM sqlite_master WHERE sql IS NOT NULL "
    "AND name NOT LIKE 'sqlite_%' ORDER BY rowid"
)
SET_SCHEMA_REVISION = "INSERT INTO alembic_version (version_num) VALUES (?)"

# --- one-file copies (juryapp.store.standalone) ------------------------------------------

WAL_CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)"
ROLLBACK_JOURNAL = "PRAGMA journal_mode=DELETE"

# --- start-up reads on plain sqlite3 (reads, deliberation, seal) -------------------------

CAMPAIGN = "SELECT * FROM campaign"
ORDERED = {
    name: f"SELECT * FROM {name} ORDER BY position"
    for name in ("criterion", "category", "juror", "dossier", "call_session")
}
COMMENTS = "SELECT juror, ref, text FROM comment"
RECUSALS = "SELECT juror, ref, reason FROM recusal"
ACTIVE_DECISIONS = "SELECT payload FROM decision WHERE undone_at IS NULL ORDER BY id"
# Who scores what (rules §14), read with the campaign on the start-up path.
ASSIGNMENT_PLAN = (
    "SELECT per_dossier, max_load, institutions, seed, method, at, author FROM assignment_plan"
)
ASSIGNMENT_PAIRS = (
    "SELECT a.ref, a.juror, a.how FROM assignment a JOIN dossier d ON d.ref = a.ref "
    "JOIN juror j ON j.code = a.juror ORDER BY d.position, j.position"
)
OPEN_DOSSIERS = "SELECT ref FROM open_dossier"
SESSION_ATTENDANCE = "SELECT session, juror, attendance FROM session_attendance ORDER BY 1, 2"
DECISIONS = "SELECT * FROM decision ORDER BY id"
SEALS = (
    "SELECT version, hash, sealed_at, sealed_by, document_sha256, reopened_at, "
    "reopened_by, reopen_reason, session FROM seal ORDER BY version"
)
SEAL_HASH = "SELECT hash FROM seal WHERE version = ?"
# the registry of past laureates and the rulings on it (juryapp.store.registry)
PAST_LAUREATES = (
    "SELECT siret, rna, holder, town, call, year, amount_cents, source FROM past_laureate "
    "ORDER BY id"
)
REGISTRY_RULINGS = "SELECT ref, kind, reason, author, at FROM registry_ruling ORDER BY ref"

# --- score cells (juryapp.store.scores) ---------------------------------------------------

_CELL_COLUMNS = "juror, ref, criterion, value, edited_at, author"
SCORE_CELLS = f"SELECT {_CELL_COLUMNS} FROM score ORDER BY juror, ref, criterion"
SCORE_CELLS_OF = f"SELECT {_CELL_COLUMNS} FROM score WHERE juror = ? ORDER BY juror, ref, criterion"
SCORE_CELLS_OF_GRID = (
    f"SELECT {_CELL_COLUMNS} FROM score WHERE juror = ? AND ref = ? ORDER BY criterion"
)
# One row per grid (not per cell): SQLite joins the grid's criteria and values, in the
# same order, each with the unit separator (U+001F) between them.
SCORE_GRIDS = (
    "SELECT juror, ref, group_concat(criterion, char(31)), group_concat(value, char(31)) "
    "FROM score GROUP BY juror, ref"
)
_SCORE_UPSERT = (
    f"INSERT INTO main.score ({_CELL_COLUMNS}) {{source}} ON CONFLICT (juror, ref, criterion) "
    "DO UPDATE SET value = excluded.value, edited_at = excluded.edited_at, "
    "author = excluded.author"
)
SCORE_UPSERT = _SCORE_UPSERT.format(source="VALUES (?, ?, ?, ?, ?, ?)")
# From a staging table ({source}: "temp.TABLE WHERE condition"); "WHERE" lets SQLite
# read ON CONFLICT as the upsert's, not as a join's.
SCORE_UPSERT_FROM = _SCORE_UPSERT.format(
    source="SELECT juror, ref, criterion, value, edited_at, ? FROM {source}"
)
SCORE_CLEAR = "DELETE FROM main.score WHERE juror = ? AND ref = ? AND criterion = ?"
CHANGES = "SELECT changes()"

# --- the merge's staging (juryapp.store.staging) -----------------------------------------

TEMP_STORE_MEMORY = "PRAGMA temp_store=MEMORY"  # changing it drops every temporary table
TEMP_STORE_DEFAULT = "PRAGMA temp_store=DEFAULT"
STAGING_TABLES = """
CREATE TEMP TABLE merge_cell (
    source INTEGER NOT NULL, juror TEXT NOT NULL, ref TEXT NOT NULL,
    criterion TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
    state INTEGER, PRIMARY KEY (juror, ref, criterion, source)
) WITHOUT ROWID;
CREATE TEMP TABLE merge_multi (
    juror TEXT NOT NULL, ref TEXT NOT NULL, criterion TEXT NOT NULL,
    PRIMARY KEY (juror, ref, criterion)
) WITHOUT ROWID;
CREATE TEMP TABLE merge_decided (
    juror TEXT NOT NULL, ref TEXT NOT NULL,
    criterion TEXT NOT NULL, value TEXT NOT NULL, edited_at TEXT NOT NULL,
    previous TEXT, PRIMARY KEY (juror, ref, criterion)
) WITHOUT ROWID;
"""
COPY = "merge_copy"  # the schema name of the attached juror copy
ATTACH_COPY = f"ATTACH DATABASE ? AS {COPY}"
DETACH_COPY = f"DETACH DATABASE {COPY}"
COPY_IDENTITY = f"SELECT id, name, fingerprint, bound_juror, created_at FROM {COPY}.campaign"
# A damaged copy may hold other types: the queries cast to text.
COPY_COMMENTS = (
    "SELECT CAST(juror AS TEXT), CAST(ref AS TEXT), CAST(text AS TEXT), "
    f"CAST(edited_at AS TEXT) FROM {COPY}.comment ORDER BY 1, 2"
)
COPY_RECUSALS = (
    "SELECT CAST(juror AS TEXT), CAST(ref AS TEXT), CAST(reason AS TEXT), "
    f"CAST(at AS TEXT) FROM {COPY}.recusal ORDER BY 1, 2"
)
# Along the key's index, no sorting: no cast here (a damaged copy's codes of another
# type are refused later, as unknown jurors or dossiers).
COPY_GRIDS = f"SELECT DISTINCT juror, ref FROM {COPY}.score ORDER BY 1, 2"
COPY_ODD_TIMES = f"SELECT DISTINCT edited_at FROM {COPY}.score WHERE edited_at NOT GLOB ?"
COPY_JURORS = f"SELECT DISTINCT juror FROM {COPY}.score"
COPY_VALUES = f"SELECT DISTINCT criterion, value FROM {COPY}.score"
STAGE_COPY = (
    "INSERT INTO temp.merge_cell (source, juror, ref, criterion, value, edited_at) "
    f"SELECT ?, juror, ref, criterion, value, edited_at FROM {COPY}.score"
)
STAGE_CELL = (
    "INSERT INTO temp.merge_cell (source, juror, ref, criterion, value, edited_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
RESTAGE_VALUE = (
    "UPDATE temp.merge_cell SET value = ? WHERE source = ? AND criterion = ? AND value = ?"
)
STAGED_WITH_VALUE = (
    "SELECT juror, ref, criterion, value FROM temp.merge_cell "
    "WHERE source = ? AND criterion = ? AND value = ? ORDER BY juror, ref"
)
UNSTAGE_GRID = "DELETE FROM temp.merge_cell WHERE juror = ? AND ref = ? AND source = ?"
HAS_GRID = (
    "SELECT EXISTS (SELECT 1 FROM main.score WHERE juror = ? AND ref = ?) "
    "OR EXISTS (SELECT 1 FROM main.comment WHERE juror = ? AND ref = ?)"
)
# A staged cell's state (classify): the same as the campaign's, new, or contested.
EQUAL, NEW, CONTESTED = 0, 1, 2
CLEAR_MULTI = "DELETE FROM temp.merge_multi"
MARK_MULTI = (
    "INSERT INTO temp.merge_multi SELECT juror, ref, criterion "
    "FROM temp.merge_cell WHERE juror = ? "
    "GROUP BY juror, ref, criterion HAVING count(*) > 1"
)
CLASSIFY = (
    "UPDATE temp.merge_cell AS m SET state = CASE WHEN EXISTS ("
    "SELECT 1 FROM temp.merge_multi AS x WHERE x.juror = m.juror "
    f"AND x.ref = m.ref AND x.criterion = m.criterion) THEN {CONTESTED} "
    f"ELSE coalesce((SELECT CASE WHEN s.value = m.value THEN {EQUAL} "
    f"ELSE {CONTESTED} END FROM main.score AS s WHERE s.juror = m.juror "
    f"AND s.ref = m.ref AND s.criterion = m.criterion), {NEW}) END"
)
CONTESTED_CELLS = (
    "SELECT m.source, m.juror, m.ref, m.criterion, m.value, m.edited_at, "
    "s.value, s.edited_at FROM temp.merge_cell AS m "
    "LEFT JOIN main.score AS s "
    "ON s.juror = m.juror AND s.ref = m.ref AND s.criterion = m.criterion "
    f"WHERE m.state = {CONTESTED} "
    "ORDER BY m.source, m.juror, m.ref, m.criterion"
)
NEW_GRIDS = f"SELECT DISTINCT source, juror, ref FROM temp.merge_cell WHERE state = {NEW}"
CLEAR_DECIDED = "DELETE FROM temp.merge_decided"
STAGE_DECIDED = (
    "INSERT INTO temp.merge_decided "
    "(juror, ref, criterion, value, edited_at, previous) VALUES (?, ?, ?, ?, ?, ?)"
)
# What write_scores writes: (staging table with its condition, the cells' previous value).
TO_WRITE = (
    (f"temp.merge_cell WHERE state = {NEW}", "NULL"),
    ("temp.merge_decided WHERE true", "previous"),
)
WRITTEN_GRIDS = "SELECT DISTINCT juror, ref FROM {source}"
WRITTEN_VALUES = "SELECT DISTINCT criterion, value FROM {source}"
WRITTEN_VALUE_CELL = "SELECT juror, ref FROM {source} AND criterion = ? AND value = ? LIMIT 1"
# The payload of set_score_cells's entries, built by SQLite (in key order).
WRITTEN_JOURNAL_CELLS = (
    "SELECT json_group_array(json_array(juror, ref, criterion, value, edited_at, {previous})) "
    "FROM {source}"
)

# --- dossiers' sources (details.py) -----------------------------------------------------------

DOSSIER_SOURCES = (
    "SELECT ref, origin, procedure, external_id, state, content FROM dossier_source ORDER BY ref"
)
IMPORT_PROFILE = "SELECT key, mapping, prefix, annotations_from FROM import_profile WHERE key = ?"

# --- juror copies' keys and grid tags (juryapp.store.authentication) ----------------------------
# ``{schema}``: "main", or the attached copy's schema (COPY) when the merge checks it.

INSERT_KEY = "INSERT INTO juror_key (key_id, juror, secret, issued_at, file) VALUES (?, ?, ?, ?, ?)"
KEYS = "SELECT key_id, juror, secret, issued_at, file FROM juror_key ORDER BY issued_at, key_id"
BOUND_JUROR = "SELECT bound_juror FROM campaign"
OWN_KEY = (
    "SELECT c.id, c.bound_juror, k.key_id, k.secret FROM campaign c "
    "JOIN juror_key k ON k.juror = c.bound_juror WHERE c.bound_juror IS NOT NULL"
)
UPSERT_TAG = (
    "INSERT INTO grid_tag (juror, ref, key_id, tag) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (juror, ref) DO UPDATE SET key_id = excluded.key_id, tag = excluded.tag"
)
DELETE_TAG = "DELETE FROM grid_tag WHERE juror = ? AND ref = ?"
GRID_CELLS = (
    "SELECT criterion, value, edited_at FROM {schema}.score WHERE juror = ? AND ref = ? "
    "ORDER BY criterion"
)
GRID_COMMENT = "SELECT text, edited_at FROM {schema}.comment WHERE juror = ? AND ref = ?"
GRID_RECUSAL = "SELECT reason, at FROM {schema}.recusal WHERE juror = ? AND ref = ?"
GRIDS_OF = (
    "SELECT juror, ref FROM {schema}.score WHERE juror = ? UNION "
    "SELECT juror, ref FROM {schema}.comment WHERE juror = ? UNION "
    "SELECT juror, ref FROM {schema}.recusal WHERE juror = ? UNION "
    "SELECT juror, ref FROM {schema}.grid_tag WHERE juror = ?"
)
COPY_KEYS = "SELECT key_id FROM {schema}.juror_key"
COPY_TAGS = "SELECT juror, ref, key_id, tag FROM {schema}.grid_tag WHERE juror = ?"
COPY_COMMENTS_OF = "SELECT ref, text, edited_at FROM {schema}.comment WHERE juror = ?"
COPY_RECUSALS_OF = "SELECT ref, reason, at FROM {schema}.recusal WHERE juror = ?"
# One row per grid: the canonical form's fields for the dossier, the count of cells and
# its criteria, values and times (each joined by U+001F in the primary key's order: juror,
# ref, criterion), each length-prefixed; built in C, 3× faster than a string per cell.
GRID_BODIES = (
    "SELECT ref, length(ref) || ':' || ref || length(n) || ':' || n || "
    "length(c) || ':' || c || length(v) || ':' || v || length(t) || ':' || t FROM ("
    "SELECT ref, count(*) AS n, group_concat(criterion, char(31)) AS c, "
    "group_concat(value, char(31)) AS v, group_concat(edited_at, char(31)) AS t "
    "FROM {schema}.score WHERE juror = ? GROUP BY juror, ref)"
)
ATTACHMENT_INDEX = "SELECT ref, name, size, sha256 FROM attachment ORDER BY ref, name"
ATTACHMENT_ROWS = "SELECT ref, name, size, sha256, content FROM attachment ORDER BY ref, name"
ATTACHMENT_DATA = "SELECT content FROM attachment WHERE ref = ? AND name = ?"
ATTACHMENTS_OF = "SELECT ref, name, sha256, content FROM attachment WHERE ref = ? ORDER BY name"
