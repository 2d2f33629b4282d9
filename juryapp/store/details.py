"""Where imported dossiers come from and what they carry besides their fields
(``dossier_source``, see ``core.details``), and the import mappings remembered per source
(``import_profile``). Written inside the import's transaction; read by the screens and
by juror copies (which carry no private annotation)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from juryapp.core.details import DossierDetail
from juryapp.store import rawsql
from juryapp.store.codec import canonical_json
from juryapp.store.reads import records
from juryapp.store.sql import table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "ImportProfile",
    "StoredDocument",
    "attachment_data",
    "attachment_index",
    "attachments_of",
    "profile",
    "read_details",
    "save_profile",
    "source_digest",
    "write_attachments",
    "write_details",
]


@dataclass(frozen=True)
class StoredDocument:
    """A document attached to a dossier, as the campaign keeps it."""

    ref: str
    name: str
    size: int
    sha256: str


def attachment_index(database: Database) -> dict[str, list[StoredDocument]]:
    """Every dossier's documents (names, sizes, hashes; not their content)."""
    with database.snapshot() as connection:
        rows = connection.execute(rawsql.ATTACHMENT_INDEX).fetchall()
    found: dict[str, list[StoredDocument]] = {}
    for ref, name, size, sha256 in rows:
        found.setdefault(str(ref), []).append(
            StoredDocument(str(ref), str(name), int(size), str(sha256))
        )
    return found


def attachment_data(database: Database, ref: str, name: str) -> bytes:
    with database.snapshot() as connection:
        row = connection.execute(rawsql.ATTACHMENT_DATA, (ref, name)).fetchone()
    return b"" if row is None else bytes(row[0])


def attachments_of(database: Database, ref: str) -> list[tuple[str, str, str, bytes]]:
    """A dossier's documents whole: (ref, name, sha256, content)."""
    with database.snapshot() as connection:
        rows = connection.execute(rawsql.ATTACHMENTS_OF, (ref,)).fetchall()
    return [(str(r), str(n), str(h), bytes(c)) for r, n, h, c in rows]


def write_attachments(
    connection: Connection, documents: Iterable[tuple[str, str, str, bytes]], at: str
) -> None:
    """Add or replace documents ``(ref, name, sha256, content)`` (the dossiers exist)."""
    rows = [
        {"ref": r, "name": n, "sha256": h, "size": len(c), "content": c, "added_at": at}
        for r, n, h, c in documents
    ]
    if rows:
        connection.execute(table("attachment").insert().prefix_with("OR REPLACE"), rows)


@dataclass(frozen=True)
class ImportProfile:
    """How a source's columns were last mapped (``ds:<procedure>``)."""

    key: str
    mapping: Mapping[str, str]
    prefix: str = ""
    annotations_from: str = ""


def read_details(database: Database, refs: Iterable[str] | None = None) -> dict[str, DossierDetail]:
    """The details of the imported dossiers by reference (of ``refs`` only, when given)."""
    with database.snapshot() as connection:
        rows = records(connection.execute(rawsql.DOSSIER_SOURCES))
    wanted = None if refs is None else set(refs)
    return {
        str(row["ref"]): DossierDetail.from_row(row, json.loads(row["content"]))
        for row in rows
        if wanted is None or row["ref"] in wanted
    }


def source_digest(origin: str, procedure: str, external_id: str, state: str, content: str) -> str:
    """The SHA-256 of a ``dossier_source`` row as stored (its fields joined by the unit
    separator, the content being canonical JSON): journaled by the import, checked by
    ``verify``."""
    row = "\x1f".join((origin, procedure, external_id, state, content))  # unit separator
    return hashlib.sha256(row.encode("utf-8")).hexdigest()


def write_details(
    connection: Connection, details: Iterable[DossierDetail], at: str
) -> dict[str, str]:
    """Add or replace the details of dossiers (the dossiers exist); the digest of each row
    written (:func:`source_digest`) by reference."""
    rows: list[dict[str, Any]] = [
        {
            "ref": d.ref,
            "origin": d.origin,
            "procedure": d.procedure,
            "external_id": d.external_id,
            "state": d.state,
            "content": canonical_json(d.content()),
            "updated_at": at,
        }
        for d in details
    ]
    if rows:
        connection.execute(table("dossier_source").insert().prefix_with("OR REPLACE"), rows)
    return {
        row["ref"]: source_digest(
            row["origin"], row["procedure"], row["external_id"], row["state"], row["content"]
        )
        for row in rows
    }


def profile(database: Database, key: str) -> ImportProfile | None:
    with database.snapshot() as connection:
        found = records(connection.execute(rawsql.IMPORT_PROFILE, (key,)))
    if not found:
        return None
    row = found[0]
    return ImportProfile(
        str(row["key"]),
        json.loads(row["mapping"]),
        str(row["prefix"]),
        str(row["annotations_from"]),
    )


def save_profile(connection: Connection, remembered: ImportProfile, at: str, author: str) -> None:
    connection.execute(
        table("import_profile").insert().prefix_with("OR REPLACE"),
        {
            "key": remembered.key,
            "mapping": canonical_json(dict(remembered.mapping)),
            "prefix": remembered.prefix,
            "annotations_from": remembered.annotations_from,
            "updated_at": at,
            "author": author,
        },
    )
