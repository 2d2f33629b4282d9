"""The seal: closing the deliberation under a hash of its data, reopening it, the archive.

Closing stores the SHA-256 of the sealed data (``state.seal_document``) and the
document sealed with it, refuses every write until reopened, and leaves a backup
copy. Reopening (with a reason) starts the next version of the PV. Every seal
is kept for ever.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from juryapp.i18n import _
from juryapp.store import journal, rawsql, verify
from juryapp.store.backup import backup_copy
from juryapp.store.checks import campaign_row, refuse, require_author, require_open
from juryapp.store.connection import now
from juryapp.store.errors import DamagedFileError, damaged_message
from juryapp.store.reads import campaign_record, records
from juryapp.store.sql import select, table
from juryapp.store.state import read_state, seal_hash

if TYPE_CHECKING:
    from juryapp.store.connection import Database

__all__ = [
    "SealInfo",
    "close_deliberation",
    "current_seal",
    "printed_seal",
    "reopen",
    "seal_code",
    "sealed_document",
    "seals",
]

_CODE_DIGITS = 16  # the short code: the seal's first 64 bits


def seal_code(seal_hash: str) -> str:
    """The seal's short code printed on the PV, to type back from paper: its first 64
    bits in four groups (« 1A2B-3C4D-5E6F-7A8B »). Finding other sealed data whose
    seal starts the same takes about 2⁶⁴ tries of SHA-256."""
    head = seal_hash[:_CODE_DIGITS].upper()
    return "-".join(head[i : i + 4] for i in range(0, _CODE_DIGITS, 4))


def printed_seal(text: str) -> str | None:
    """A seal (64 hex digits) or a short code (16) as typed from paper, in lower-case hex
    without separators; None when it is neither."""
    bare = "".join(ch for ch in text if ch not in " -\u2010\u2011\u2013\u00a0\u202f").lower()
    if len(bare) in (_CODE_DIGITS, 64) and all(ch in "0123456789abcdef" for ch in bare):
        return bare
    return None


@dataclass(frozen=True)
class SealInfo:
    version: int
    hash: str
    sealed_at: str
    sealed_by: str
    document_sha256: str | None
    reopened_at: str | None
    reopened_by: str | None
    reopen_reason: str | None
    session: str | None = None  # the session it seals (a call that runs over a year)


def current_seal(database: Database) -> str | None:
    """The SHA-256 of the sealed data while the deliberation is closed, else None."""
    with database.snapshot() as connection:
        row = campaign_record(connection, database.path)
        if not row["closed"]:
            return None
        found = connection.execute(rawsql.SEAL_HASH, (row["pv_version"],)).fetchall()
        if len(found) != 1:
            raise DamagedFileError(
                damaged_message(
                    database.path, [_("la délibération est close mais son sceau est introuvable")]
                )
            )
        return str(found[0][0])


def seals(database: Database) -> list[SealInfo]:
    """Every seal ever made, by version (the archive)."""
    with database.snapshot() as connection:
        rows = records(connection.execute(rawsql.SEALS))
    return [
        SealInfo(
            version=int(row["version"]),
            hash=row["hash"],
            sealed_at=row["sealed_at"],
            sealed_by=row["sealed_by"],
            document_sha256=row["document_sha256"],
            reopened_at=row["reopened_at"],
            reopened_by=row["reopened_by"],
            reopen_reason=row["reopen_reason"],
            session=row["session"],
        )
        for row in rows
    ]


def sealed_document(database: Database, version: int) -> bytes | None:
    """The document stored with the seal of ``version`` (:func:`close_deliberation`)."""
    seal = table("seal")
    with database.read() as connection:
        value = connection.execute(
            select(seal.c.document).where(seal.c.version == version)
        ).scalar()
    return None if value is None else bytes(value)


def close_deliberation(
    database: Database,
    author: str,
    sealed_payload: bytes | None = None,
    session: str | None = None,
) -> SealInfo:
    """Seal the deliberation: store the seal's hash, refuse writes until reopened.

    ``sealed_payload`` (the results, say) is stored with the seal and its
    SHA-256 is part of the sealed data (see ``state.seal_document``). A backup
    copy ``NAME.jury.bak-sceau-vN-TIMESTAMP`` is made once it is committed.
    A file that :func:`verify.verify` finds damaged is never sealed (DamagedFileError).
    ``session``: seal that session of a call that runs over a year, the others staying
    open; its seal takes the next free version number of the file.
    """
    require_author(author)
    if database.active() is not None:
        raise RuntimeError("close_deliberation cannot run inside transaction()")
    checked = verify.verify(database)
    if not checked.ok:
        raise DamagedFileError(damaged_message(database.path, checked.problems))
    document_sha256 = None if sealed_payload is None else hashlib.sha256(sealed_payload).hexdigest()
    with database.write() as connection:
        require_open(connection, database.path)
        state = read_state(connection)
        if session is None:
            version = state.pv_version
        else:
            _require_session(state.session_seals, session, closed=False)
            version = max(state.seals, default=0) + 1
        digest = seal_hash(state, version, document_sha256, session)
        at = now()
        connection.execute(
            table("seal")
            .insert()
            .values(
                version=version,
                hash=digest,
                sealed_at=at,
                sealed_by=author,
                document=sealed_payload,
                document_sha256=document_sha256,
                session=session,
            )
        )
        entry = {"version": version, "hash": digest, "document_sha256": document_sha256}
        if session is None:
            connection.execute(table("campaign").update().values(closed=True))
        else:
            calls = table("call_session")
            connection.execute(calls.update().where(calls.c.code == session).values(closed=True))
            entry["session"] = session
        journal.append(connection, "close", entry, author, at)
    backup_copy(database.path, f"sceau-v{version}")
    return SealInfo(version, digest, at, author, document_sha256, None, None, None, session)


def _require_session(seals: dict[str, dict[str, object]], session: str, *, closed: bool) -> None:
    """Refuse an unknown session, or one not in the state wanted (sealed or open)."""
    if session not in seals:
        raise refuse(_("Comité inconnu : « {session} »."), session=session)
    if bool(seals[session]["closed"]) != closed:
        if closed:
            raise refuse(_("Le comité {session} n'est pas clos : rien à rouvrir."), session=session)
        raise refuse(_("Le comité {session} est déjà clos."), session=session)


def reopen(database: Database, reason: str, author: str, session: str | None = None) -> int:
    """Reopen a closed deliberation (a reason is required); returns the new PV version
    (of ``session``'s PV for a session of a call that runs over a year)."""
    require_author(author)
    if not reason or not reason.strip():
        raise refuse(_("Une raison est nécessaire pour rouvrir la délibération."))
    if session is not None:
        return _reopen_session(database, reason, author, session)
    with database.write() as connection:
        row = campaign_row(connection, database.path)
        if not row["closed"]:
            raise refuse(_("La délibération n'est pas close : rien à rouvrir."))
        version = int(row["pv_version"])
        at = now()
        seal = table("seal")
        connection.execute(
            seal.update()
            .where(seal.c.version == version)
            .values(reopened_at=at, reopened_by=author, reopen_reason=reason)
        )
        connection.execute(table("campaign").update().values(closed=False, pv_version=version + 1))
        journal.append(
            connection,
            "reopen",
            {"version": version, "new_version": version + 1, "reason": reason},
            author,
            at,
        )
    return version + 1


def _reopen_session(database: Database, reason: str, author: str, session: str) -> int:
    with database.write() as connection:
        require_open(connection, database.path)
        state = read_state(connection, with_scores=False)
        _require_session(state.session_seals, session, closed=True)
        later = [
            s["code"]
            for s in state.sessions[[x["code"] for x in state.sessions].index(session) + 1 :]
            if state.session_seals[s["code"]]["closed"]
        ]
        if later:
            raise refuse(
                _(
                    "Le comité {session} ne peut pas être rouvert : un comité suivant est "
                    "clos ({later}) et a délibéré sur ce qu'il restait de l'année. Rouvrir "
                    "d'abord {later}."
                ),
                session=session,
                later=", ".join(later),
            )
        version = max(v for v, seal in state.seals.items() if seal["session"] == session)
        new_version = int(state.session_seals[session]["pv_version"]) + 1
        at = now()
        seal = table("seal")
        connection.execute(
            seal.update()
            .where(seal.c.version == version)
            .values(reopened_at=at, reopened_by=author, reopen_reason=reason)
        )
        calls = table("call_session")
        connection.execute(
            calls.update()
            .where(calls.c.code == session)
            .values(closed=False, pv_version=new_version)
        )
        journal.append(
            connection,
            "reopen",
            {"version": version, "new_version": new_version, "reason": reason, "session": session},
            author,
            at,
        )
    return new_version
