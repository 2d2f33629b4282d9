"""The secretariat's writes: dossiers imported, admissibility, attendance, the grid, recusals.

Each write checks what it is handed, refuses on a closed deliberation, changes
the SQLModel tables and records its journal entry, in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from juryapp.core.details import DossierDetail
from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Attendance, Criterion, Dossier
from juryapp.i18n import _
from juryapp.store import authentication, journal, reads, scores
from juryapp.store.checks import (
    CellTargets,
    check_criteria,
    check_dossiers,
    refuse,
    require_author,
    require_open,
    require_refs_open,
    require_session_open,
)
from juryapp.store.codec import (
    canonical_json,
    decode_dossier,
    decode_rules,
    encode_criterion,
    encode_dossier,
)
from juryapp.store.connection import driver, now
from juryapp.store.details import (
    ImportProfile,
    save_profile,
    write_attachments,
    write_details,
)
from juryapp.store.sql import count_rows, select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "ImportReport",
    "dossier_values",
    "import_dossiers",
    "insert_criteria",
    "recusal_cells",
    "recuse",
    "replace_criteria",
    "set_admissibility",
    "set_attendance",
    "unrecuse",
    "write_admissibility",
]


@dataclass(frozen=True)
class ImportReport:
    """The references added, updated and left unchanged by an import, in input order."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


def dossier_values(encoded: dict[str, Any]) -> dict[str, Any]:
    """An encoded dossier as the ``dossier`` table's columns (position apart)."""
    return {**encoded, "fields": canonical_json(encoded["fields"])}


def insert_criteria(connection: Connection, encoded: Sequence[dict[str, Any]]) -> None:
    """Write the grid's criteria, in order."""
    connection.execute(
        table("criterion").insert(), [{**c, "position": i} for i, c in enumerate(encoded)]
    )


def import_dossiers(
    database: Database,
    dossiers: Sequence[Dossier],
    author: str,
    source: str,
    *,
    sources: Sequence[DossierDetail] = (),
    remembered: ImportProfile | None = None,
    summary: dict[str, Any] | None = None,
    documents: Sequence[tuple[str, str, str, bytes]] = (),
) -> ImportReport:
    """Add new dossiers and update known ones (matched by reference), all or nothing;
    with them, where they come from (``sources``), the mapping to remember for their
    source, and a ``summary`` of the import for the journal."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        check_dossiers(dossiers, {c.code for c in reads.categories(connection)})
        existing = {
            row["ref"]: (
                int(row["position"]),
                encode_dossier(decode_dossier({**row, "fields": json.loads(row["fields"])})),
            )
            for row in reads.ordered(connection, "dossier")
        }
        position = max((p for p, _d in existing.values()), default=-1)
        added: list[dict[str, Any]] = []
        updated: list[dict[str, Any]] = []
        unchanged: list[str] = []
        dossier = table("dossier")
        inserted: list[dict[str, Any]] = []
        for item in dossiers:
            encoded = encode_dossier(item)
            if item.ref not in existing:
                position += 1
                inserted.append({"position": position, **dossier_values(encoded)})
                added.append(encoded)
            elif existing[item.ref][1] != encoded:
                connection.execute(
                    dossier.update()
                    .where(dossier.c.ref == encoded["ref"])
                    .values(**dossier_values(encoded))
                )
                updated.append({"before": existing[item.ref][1], "after": encoded})
            else:
                unchanged.append(item.ref)
        # a sealed session's dossiers stay as sealed; none is added to it
        require_refs_open(connection, [change["after"]["ref"] for change in updated])
        for session in {d.get("session") for d in added}:
            require_session_open(connection, session)
        if inserted:  # one statement for all (a DS export may bring thousands)
            connection.execute(dossier.insert(), inserted)
        at = now()
        digests = write_details(connection, sources, at)
        write_attachments(connection, documents, at)
        if remembered is not None:
            save_profile(connection, remembered, at, author)
        if added or updated or summary or digests or documents:
            payload: dict[str, Any] = {"source": source, "added": added, "updated": updated}
            if summary:
                payload["summary"] = summary
            # what ``verify`` checks the dossiers' sources and documents against
            if digests:
                payload["sources"] = digests
            if documents:
                payload["attachments"] = [[r, n, h] for r, n, h, _content in documents]
            journal.append(connection, "import", payload, author, at)
    return ImportReport(
        added=tuple(d["ref"] for d in added),
        updated=tuple(change["after"]["ref"] for change in updated),
        unchanged=tuple(unchanged),
    )


def set_admissibility(
    database: Database, ref: str, admissible: bool, reason: str, author: str
) -> bool:
    """Declare a dossier admissible or not (a reason is required for "not")."""
    require_author(author)
    if not admissible and not reason.strip():
        raise refuse(_("Indiquez pourquoi le dossier {ref} n'est pas recevable."), ref=ref)
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, (ref,))
        return write_admissibility(connection, ref, admissible, reason, author)


def write_admissibility(
    connection: Connection, ref: str, admissible: bool, reason: str, author: str
) -> bool:
    """Set a dossier's admissibility and journal it, inside the caller's transaction."""
    dossier = table("dossier")
    row = connection.execute(
        select(dossier.c.admissible, dossier.c.inadmissible_reason).where(dossier.c.ref == ref)
    ).first()
    if row is None:
        raise refuse(_("Dossier inconnu : « {ref} »."), ref=ref)
    previous = {"admissible": bool(row[0]), "reason": str(row[1])}
    if previous == {"admissible": admissible, "reason": reason}:
        return False
    connection.execute(
        dossier.update()
        .where(dossier.c.ref == ref)
        .values(admissible=admissible, inadmissible_reason=reason)
    )
    journal.append(
        connection,
        "admissibility",
        {"ref": ref, "admissible": admissible, "reason": reason, "previous": previous},
        author,
        now(),
    )
    return True


def set_attendance(
    database: Database,
    juror: str,
    attendance: Attendance,
    author: str,
    session: str | None = None,
) -> bool:
    """Record how a juror attends the session (``session``: that session of a call that
    runs over a year); True when it changed."""
    require_author(author)
    attendance = Attendance(attendance)
    with database.write() as connection:
        require_open(connection, database.path)
        table_ = table("juror")
        previous = connection.execute(
            select(table_.c.attendance).where(table_.c.code == juror)
        ).scalar()
        if previous is None:
            raise refuse(_("Juré inconnu : « {juror} »."), juror=juror)
        if session is not None:
            return _set_session_attendance(connection, session, juror, attendance, previous, author)
        if previous == attendance.value:
            return False
        connection.execute(
            table_.update().where(table_.c.code == juror).values(attendance=attendance.value)
        )
        journal.append(
            connection,
            "attendance",
            {"juror": juror, "attendance": attendance.value, "previous": previous},
            author,
            now(),
        )
        return True


def _set_session_attendance(
    connection: Connection,
    session: str,
    juror: str,
    attendance: Attendance,
    default: str,
    author: str,
) -> bool:
    """A juror's attendance at one session (one not recorded: the jury list's)."""
    calls = table("call_session")
    if connection.execute(select(calls.c.code).where(calls.c.code == session)).first() is None:
        raise refuse(_("Comité inconnu : « {session} »."), session=session)
    require_session_open(connection, session)
    rows = table("session_attendance")
    where = (rows.c.session == session) & (rows.c.juror == juror)
    stored = connection.execute(select(rows.c.attendance).where(where)).scalar()
    previous = default if stored is None else str(stored)
    if previous == attendance.value:
        return False
    if stored is None:
        connection.execute(
            rows.insert().values(session=session, juror=juror, attendance=attendance.value)
        )
    else:
        connection.execute(rows.update().where(where).values(attendance=attendance.value))
    journal.append(
        connection,
        "attendance",
        {"juror": juror, "attendance": attendance.value, "previous": previous, "session": session},
        author,
        now(),
    )
    return True


def replace_criteria(database: Database, criteria: Sequence[Criterion], author: str) -> None:
    """Replace the grid; refused once any score exists (they would stop being comparable)."""
    require_author(author)
    check_criteria(criteria)
    with database.write() as connection:
        campaign = require_open(connection, database.path)
        count = int(connection.execute(count_rows("score")).scalar_one())
        if count:
            raise refuse(
                _(
                    "La grille ne peut plus changer : des notes existent ({count} notes "
                    "enregistrées). Les notes déjà données ne seraient plus comparables."
                ),
                count=count,
            )
        previous = [encode_criterion(c) for c in reads.criteria(connection)]
        rules = decode_rules(json.loads(campaign["rules"]))
        fingerprint = grid_fingerprint(criteria, rules.scale)
        connection.execute(table("criterion").delete())
        encoded = [encode_criterion(c) for c in criteria]
        insert_criteria(connection, encoded)
        connection.execute(table("campaign").update().values(fingerprint=fingerprint))
        journal.append(
            connection,
            "criteria",
            {"criteria": encoded, "previous": previous, "fingerprint": fingerprint},
            author,
            now(),
        )


# --- recusals -------------------------------------------------------------------------------


def _recusal(connection: Connection, juror: str, ref: str) -> str | None:
    recusal = table("recusal")
    row = connection.execute(
        select(recusal.c.reason).where(recusal.c.juror == juror, recusal.c.ref == ref)
    ).first()
    return None if row is None else str(row[0])


def recuse(database: Database, juror: str, ref: str, reason: str, author: str) -> None:
    """Record a juror's recusal (déport) on a dossier.

    The juror's scores and comment on it are removed from the tables; the
    journal entry keeps them, so nothing is lost.
    """
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, (ref,))
        targets = CellTargets.read(connection, juror=juror, ref=ref)
        targets.check_juror(juror, scoring=False)
        targets.check_dossier(ref)
        if _recusal(connection, juror, ref) is not None:
            raise refuse(
                _("{juror} est déjà déporté(e) sur le dossier {ref}."), juror=juror, ref=ref
            )
        removed = scores.stored_grid(connection, juror, ref)
        comment = table("comment")
        removed_comment = connection.execute(
            select(comment.c.text).where(comment.c.juror == juror, comment.c.ref == ref)
        ).scalar()
        at = now()
        scores.write_cells(connection, [(juror, ref, c, None, at) for c in removed], author)
        connection.execute(comment.delete().where(comment.c.juror == juror, comment.c.ref == ref))
        connection.execute(
            table("recusal")
            .insert()
            .values(juror=juror, ref=ref, reason=reason, at=at, author=author)
        )
        pairs = table("assignment")  # a conflict declared after the assignment frees the place
        connection.execute(pairs.delete().where(pairs.c.juror == juror, pairs.c.ref == ref))
        journal.append(
            connection,
            "recuse",
            {
                "juror": juror,
                "ref": ref,
                "reason": reason,
                "removed_scores": removed,
                "removed_comment": removed_comment,
            },
            author,
            at,
        )
        authentication.refresh(driver(connection), [(juror, ref)])


def unrecuse(database: Database, juror: str, ref: str, author: str) -> None:
    """Withdraw a recusal recorded by mistake (the removed scores stay in the journal)."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        require_refs_open(connection, (ref,))
        reason = _recusal(connection, juror, ref)
        if reason is None:
            raise refuse(
                _("{juror} n'est pas déporté(e) sur le dossier {ref}."), juror=juror, ref=ref
            )
        recusal = table("recusal")
        connection.execute(recusal.delete().where(recusal.c.juror == juror, recusal.c.ref == ref))
        journal.append(
            connection,
            "unrecuse",
            {"juror": juror, "ref": ref, "reason": reason},
            author,
            now(),
        )
        authentication.refresh(driver(connection), [(juror, ref)])


def recusal_cells(database: Database) -> list[tuple[str, str, str, str]]:
    """Every recusal as ``(juror, ref, reason, at)``, by juror and dossier."""
    recusal = table("recusal")
    with database.read() as connection:
        rows = connection.execute(
            select(recusal.c.juror, recusal.c.ref, recusal.c.reason, recusal.c.at).order_by(
                recusal.c.juror, recusal.c.ref
            )
        ).all()
    return [(str(j), str(r), str(reason), str(at)) for j, r, reason, at in rows]
