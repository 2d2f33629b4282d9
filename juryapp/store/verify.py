"""Checking a campaign file: SQLite's integrity, the journal's chain, the tables against a
replay of the journal, and every seal against the data it sealed.

:func:`verify` never raises on a damaged file: whatever cannot be read is a
problem named. :func:`diagnose` tells whether an error met while reading rows is
the file's damage (a hand-edited row) or a bug.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from juryapp.i18n import _
from juryapp.store import authentication, journal, rawsql
from juryapp.store.connection import data_errors, driver
from juryapp.store.errors import DamagedFileError, StoreError, damaged_message, known_error
from juryapp.store.files import integrity_problems
from juryapp.store.sql import count_rows
from juryapp.store.state import (
    State,
    apply_entry,
    compare_states,
    read_state,
    seal_hash,
    state_from_create,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = ["VerifyReport", "diagnose", "verify"]


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    problems: list[str]


def verify(database: Database) -> VerifyReport:
    """Every problem found in the file (none: ``ok``)."""
    problems: list[str] = []
    try:
        _verify(database, problems)
    except StoreError as error:
        problems.append(str(error))
    except data_errors() as error:
        problems.append(_("fichier illisible : {error}").format(error=_error_text(error)))
    return VerifyReport(ok=not problems, problems=problems)


def diagnose(database: Database, error: BaseException) -> DamagedFileError | None:
    """The DamagedFileError for ``error`` raised while reading rows, when :func:`verify`
    finds the file damaged; None when the file is intact (a bug)."""
    try:
        report = verify(database)
    except Exception:
        return DamagedFileError(damaged_message(database.path, [str(error)]))
    if report.ok:
        return None
    return DamagedFileError(damaged_message(database.path, report.problems))


def _sqlite_problems(connection: Connection) -> list[str]:
    raw = connection.exec_driver_sql
    problems = [
        _("SQLite : {problem}").format(problem=p)
        for p in integrity_problems(raw(rawsql.INTEGRITY_CHECK).all())
    ]
    for table_name, _rowid, parent, _key in raw(rawsql.FOREIGN_KEY_CHECK).all()[:5]:
        problems.append(
            _("SQLite : une ligne de « {table} » renvoie à « {parent} » inexistant").format(
                table=table_name, parent=parent
            )
        )
    return problems


def _verify(database: Database, problems: list[str]) -> None:
    with (
        known_error(database.path),
        database.engine.connect() as connection,
        connection.begin(),
    ):
        problems += _sqlite_problems(connection)
        count = connection.execute(count_rows("campaign")).scalar()
        if count != 1:
            problems.append(
                _("table campaign : {count} ligne(s) au lieu d'une").format(count=count)
            )
        try:
            entries = list(journal.iter_entries(connection))
        except data_errors() as error:
            problems.append(_("journal illisible : {error}").format(error=_error_text(error)))
            entries = []
        actual: State | None = None
        if count == 1:
            try:
                actual = read_state(connection)
            except data_errors() as error:
                problems.append(_("tables illisibles : {error}").format(error=_error_text(error)))
        documents = connection.exec_driver_sql(rawsql.SEAL_DOCUMENTS).all()
        try:
            problems += authentication.key_problems(driver(connection), entries)
        except data_errors() as error:
            problems.append(
                _("clés des copies illisibles : {error}").format(error=_error_text(error))
            )
    problems += journal.check_chain(entries)
    if entries and entries[0].kind == "create":
        if actual is not None:
            problems += _replay(entries, actual)
    elif entries:
        problems.append(_("journal : la première entrée n'est pas la création de la campagne"))
    for version, document, document_sha256 in documents:
        digest = (
            None
            if document is None
            else hashlib.sha256(
                document if isinstance(document, bytes) else str(document).encode()
            ).hexdigest()
        )
        if digest != document_sha256:
            problems.append(
                _("sceau de la version {version} : le document scellé a été modifié").format(
                    version=version
                )
            )
    if actual is not None and actual.closed:
        version = actual.pv_version
        found = actual.seals.get(version)
        if found is None:
            problems.append(_("la délibération est close mais son sceau est introuvable"))
        else:
            try:
                expected = seal_hash(actual, version, found["document_sha256"])
            except data_errors():
                expected = None
            if expected != found["hash"]:
                problems.append(
                    _(
                        "sceau de la version {version} : les données ne correspondent plus au sceau"
                    ).format(version=version)
                )


def _error_text(error: BaseException) -> str:
    """A short description of a decoding error, for verify's report."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


def _replay(entries: list[journal.JournalEntry], actual: State) -> list[str]:
    problems: list[str] = []
    first = entries[0]
    try:
        expected = state_from_create(first.payload, first.at, first.author)
    except data_errors():
        return [_("journal : l'entrée de création est illisible")]
    for entry in entries[1:]:
        try:
            problems += apply_entry(expected, entry.kind, entry.at, entry.author, entry.payload)
        except data_errors():
            problems.append(
                _("journal : l'entrée n° {seq} ({kind}) ne peut pas être rejouée").format(
                    seq=entry.seq, kind=entry.kind
                )
            )
    try:
        return problems + compare_states(expected, actual)
    except data_errors() as error:
        return [
            *problems,
            _("journal et tables incomparables : {error}").format(error=_error_text(error)),
        ]
