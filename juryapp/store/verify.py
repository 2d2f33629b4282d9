"""Checking a campaign file: SQLite's integrity, the journal's chain, the tables against a
replay of the journal, every seal against the data it sealed, and the imported dossiers'
sources and documents against the digests their import journaled.

:func:`verify` never raises on a damaged file: whatever cannot be read is a
problem named. :func:`diagnose` tells whether an error met while reading rows is
the file's damage (a hand-edited row) or a bug.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from juryapp.i18n import _
from juryapp.store import authentication, journal, rawsql, scores
from juryapp.store.connection import data_errors, driver
from juryapp.store.details import source_digest
from juryapp.store.errors import DamagedFileError, StoreError, damaged_message, known_error
from juryapp.store.files import integrity_problems
from juryapp.store.sql import count_rows
from juryapp.store.state import (
    State,
    apply_entry,
    compare_score_rows,
    compare_states,
    read_score_cells,
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
        # The journal is read once, each entry checked in the chain and replayed, then
        # let go: a payload of 400,000 cells is never held beside the two states.
        replay = _Replay()
        try:
            for entry in journal.iter_entries(connection, lazy_cells=True):
                replay.add(entry)
        except data_errors() as error:
            problems.append(_("journal illisible : {error}").format(error=_error_text(error)))
        actual: State | None = None
        if count == 1:
            try:
                replayed = replay.expected
                actual = read_state(connection, with_scores=replayed is None)
                if replayed is not None:
                    # The score cells compared row by row: never two dicts of 400,000.
                    raw = driver(connection)
                    differences = compare_score_rows(
                        replayed.scores, lambda: scores.iter_cells(raw)
                    )
                    problems += differences
                    # Equal: the replayed cells serve for the seal; else the table's (the
                    # seal is checked against what the file holds).
                    actual.scores = read_score_cells(connection) if differences else replayed.scores
            except data_errors() as error:
                problems.append(_("tables illisibles : {error}").format(error=_error_text(error)))
        try:
            problems += _detail_problems(connection, replay)
        except data_errors() as error:
            problems.append(
                _("pièces jointes ou origines des dossiers illisibles : {error}").format(
                    error=_error_text(error)
                )
            )
        documents = connection.exec_driver_sql(rawsql.SEAL_DOCUMENTS).all()
        try:
            problems += authentication.key_problems(driver(connection), replay.keys)
        except data_errors() as error:
            problems.append(
                _("clés des copies illisibles : {error}").format(error=_error_text(error))
            )
    problems += replay.chain.finish()
    if replay.first_kind == "create":
        if actual is not None:
            problems += replay.finish(actual)
    elif replay.first_kind is not None:
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


def _detail_problems(connection: Connection, replay: _Replay) -> list[str]:
    """Each imported dossier's source row and each stored document against the digest its
    import journaled; each document's content against its own SHA-256 (in a juror's copy,
    which journals no import, only the latter)."""
    problems: list[str] = []
    raw = connection.exec_driver_sql
    if replay.sources:
        for ref, origin, procedure, external_id, state, content in raw(rawsql.DOSSIER_SOURCES):
            recorded = replay.sources.pop(str(ref), None)
            digest = source_digest(origin, procedure, external_id, state, content)
            if recorded is None:
                if replay.strict_sources:
                    problems.append(
                        _(
                            "contenu importé du dossier {ref} : absent du journal (ajouté hors "
                            "de juryapp)"
                        ).format(ref=ref)
                    )
            elif recorded != digest:
                problems.append(
                    _(
                        "contenu importé du dossier {ref} (champs, annotations, tableaux, avis) : "
                        "modifié hors de juryapp"
                    ).format(ref=ref)
                )
        for ref in sorted(replay.sources):
            problems.append(
                _("contenu importé du dossier {ref} : inscrit au journal mais absent").format(
                    ref=ref
                )
            )
    journaled = dict(replay.attachments)
    for ref, name, size, sha256, content in raw(rawsql.ATTACHMENT_ROWS):
        data = bytes(content)
        recorded = journaled.pop((str(ref), str(name)), None)
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            problems.append(
                _(
                    "pièce jointe « {name} » du dossier {ref} : son contenu ne correspond plus "
                    "à son empreinte SHA-256 (modifiée hors de juryapp)"
                ).format(name=name, ref=ref)
            )
        elif replay.imported and recorded is None:
            problems.append(
                _(
                    "pièce jointe « {name} » du dossier {ref} : absente du journal (ajoutée "
                    "hors de juryapp)"
                ).format(name=name, ref=ref)
            )
        elif replay.imported and recorded != sha256:
            problems.append(
                _(
                    "pièce jointe « {name} » du dossier {ref} : empreinte différente de celle "
                    "du journal (remplacée hors de juryapp)"
                ).format(name=name, ref=ref)
            )
    for ref, name in sorted(journaled):
        problems.append(
            _("pièce jointe « {name} » du dossier {ref} : inscrite au journal mais absente").format(
                name=name, ref=ref
            )
        )
    return problems


def _error_text(error: BaseException) -> str:
    """A short description of a decoding error, for verify's report."""
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {text[:200]}" if text else type(error).__name__


class _Replay:
    """The journal replayed entry by entry onto the state of its ``create`` entry."""

    def __init__(self) -> None:
        self.chain = journal.ChainCheck()
        self.first_kind: str | None = None
        self.expected: State | None = None
        self.problems: list[str] = []
        self.keys: dict[str, tuple[str, str]] = {}  # juror copies' keys, as journaled
        # imported dossiers' sources and documents, as their imports journaled them
        self.imported = False
        self.sources: dict[str, str] = {}  # ref: source_digest
        self.strict_sources = True  # no DS import before sources were journaled
        self.attachments: dict[tuple[str, str], str] = {}  # (ref, name): sha256

    def add(self, entry: journal.JournalEntry) -> None:
        self.chain.add(entry)
        if entry.kind == "import":
            try:
                self._imported(entry.payload)
            except data_errors():
                self.problems.append(
                    _("journal : l'entrée n° {seq} ({kind}) ne peut pas être rejouée").format(
                        seq=entry.seq, kind=entry.kind
                    )
                )
        key = authentication.journaled_key(entry)
        if key is not None:
            self.keys[key[0]] = key[1]
        if self.first_kind is None:
            self.first_kind = entry.kind
            if entry.kind == "create":
                try:
                    self.expected = state_from_create(entry.payload, entry.at, entry.author)
                except data_errors():
                    self.problems.append(_("journal : l'entrée de création est illisible"))
            return
        if self.expected is None:
            return
        try:
            self.problems += apply_entry(
                self.expected, entry.kind, entry.at, entry.author, entry.payload
            )
        except data_errors():
            self.problems.append(
                _("journal : l'entrée n° {seq} ({kind}) ne peut pas être rejouée").format(
                    seq=entry.seq, kind=entry.kind
                )
            )

    def _imported(self, payload: dict[str, Any]) -> None:
        self.imported = True
        ds = (payload.get("summary") or {}).get("ds")
        if "sources" in payload:
            self.sources.update({str(ref): str(d) for ref, d in payload["sources"].items()})
        elif ds is not None:
            self.strict_sources = False  # imported before sources were journaled
        # the documents, and before they were journaled apart, the DS summary's
        documents = payload.get("attachments") or (ds or {}).get("documents") or ()
        for ref, name, sha256 in documents:
            self.attachments[(str(ref), str(name))] = str(sha256)

    def finish(self, actual: State) -> list[str]:
        if self.expected is None:
            return self.problems
        try:
            return self.problems + compare_states(self.expected, actual)
        except data_errors() as error:
            return [
                *self.problems,
                _("journal et tables incomparables : {error}").format(error=_error_text(error)),
            ]
