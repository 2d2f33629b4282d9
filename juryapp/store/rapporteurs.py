"""Who scores what (rules §14): the assignment of dossiers to jurors, as the file keeps it.

``assignment_plan`` (one row or none) says how the assignment was made: K
rapporteurs per dossier, the maximum load, the organisations per dossier, the
seed and the method; ``assignment`` holds each (juror, dossier) pair, made by the
solver (``solveur``) or by hand (``main``); ``open_dossier`` the dossiers the
secretariat opened to every voting member. Each write checks, refuses on a closed
deliberation and records its journal entry in one transaction (kinds ``assign``,
``assign-move``, ``assign-open``, ``unassign``; a recusal frees its juror's place).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from juryapp.i18n import _
from juryapp.store import journal
from juryapp.store.checks import CellTargets, refuse, require_author, require_open
from juryapp.store.connection import now
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from juryapp.store.connection import Database

__all__ = [
    "BY_HAND",
    "BY_SOLVER",
    "PLAN_KEYS",
    "assign",
    "clear",
    "move",
    "set_open",
]

BY_SOLVER = "solveur"
BY_HAND = "main"
PLAN_KEYS = ("per_dossier", "max_load", "institutions", "seed", "method")


def _pairs(connection: Connection) -> list[list[str]]:
    pairs = table("assignment")
    rows = connection.execute(
        select(pairs.c.juror, pairs.c.ref).order_by(pairs.c.ref, pairs.c.juror)
    ).all()
    return [[str(j), str(r)] for j, r in rows]


def assign(
    database: Database,
    plan: Mapping[str, Any],
    rapporteurs: Mapping[str, Sequence[str]],
    author: str,
) -> None:
    """Record a new assignment (replacing any before it), refused when a juror's scores or
    comment on a dossier would fall outside it (they would stop counting)."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        score, comment = table("score"), table("comment")
        held = {
            (str(j), str(r))
            for query in (
                select(score.c.juror, score.c.ref).distinct(),
                select(comment.c.juror, comment.c.ref),
            )
            for j, r in connection.execute(query)
        }
        given = {(code, ref) for ref, jurors in rapporteurs.items() for code in jurors}
        lost = sorted(pair for pair in held - given if pair[1] in rapporteurs)
        if lost:
            shown = ", ".join(f"{j} / {r}" for j, r in lost[:8])
            raise refuse(
                _(
                    "Des notes ou commentaires sont déjà enregistrés hors de cette répartition "
                    "({pairs}) : ils ne compteraient plus. Déplacez plutôt un dossier à la main."
                ),
                pairs=shown + (" …" if len(lost) > 8 else ""),
            )
        targets = CellTargets.read(connection)
        for ref, jurors in rapporteurs.items():
            targets.check_dossier(ref)
            for code in jurors:
                targets.check_juror(code, scoring=True, bound=False)
                targets.check_not_recused(code, ref)
        previous = _pairs(connection)
        at = now()
        connection.execute(table("assignment").delete())
        connection.execute(table("assignment_plan").delete())
        values = {key: plan[key] for key in PLAN_KEYS}
        connection.execute(
            table("assignment_plan").insert().values(id=1, at=at, author=author, **values)
        )
        rows = [
            {"juror": code, "ref": ref, "how": BY_SOLVER, "at": at, "author": author}
            for ref, jurors in rapporteurs.items()
            for code in jurors
        ]
        if rows:
            connection.execute(table("assignment").insert(), rows)
        journal.append(
            connection,
            "assign",
            {
                "plan": values,
                "rapporteurs": [[ref, list(jurors)] for ref, jurors in rapporteurs.items()],
                "previous": previous,
            },
            author,
            at,
        )


def _assigned(connection: Connection, juror: str, ref: str) -> bool:
    pairs = table("assignment")
    found = connection.execute(
        select(pairs.c.juror).where(pairs.c.juror == juror, pairs.c.ref == ref)
    ).first()
    return found is not None


def _require_plan(connection: Connection) -> None:
    if connection.execute(select(table("assignment_plan").c.id)).first() is None:
        raise refuse(
            _("Cette campagne n'a pas de répartition des dossiers : chaque juré note tout.")
        )


def move(
    database: Database,
    ref: str,
    from_juror: str | None,
    to_juror: str,
    reason: str,
    author: str,
    broken: Sequence[str] = (),
) -> None:
    """Give ``ref`` to ``to_juror`` in place of ``from_juror`` (None: a freed place).

    Refused when ``from_juror`` has already scored or commented it, when
    ``to_juror`` has no vote, is recused on it or already has it. ``broken``
    lists the constraints the move breaks (checked by the operation, accepted by
    the secretariat), kept in the journal.
    """
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        _require_plan(connection)
        _move(connection, ref, from_juror, to_juror, reason, author, broken)


def swap(
    database: Database,
    first: tuple[str, str],
    second: tuple[str, str],
    reason: str,
    author: str,
    broken: Sequence[str] = (),
) -> None:
    """Swap two dossiers between two rapporteurs: ``first`` = (ref, juror) goes to the
    juror of ``second`` and ``second``'s dossier to the juror of ``first``, both moves
    in one transaction (both or neither), each journaled, refused as ``move`` is."""
    require_author(author)
    (ref_a, juror_a), (ref_b, juror_b) = first, second
    with database.write() as connection:
        require_open(connection, database.path)
        _require_plan(connection)
        _move(connection, ref_a, juror_a, juror_b, reason, author, broken)
        _move(connection, ref_b, juror_b, juror_a, reason, author, broken)


def _move(
    connection: Connection,
    ref: str,
    from_juror: str | None,
    to_juror: str,
    reason: str,
    author: str,
    broken: Sequence[str],
) -> None:
    """One move inside a write transaction: checked, stored and journaled."""
    targets = CellTargets.read(connection)
    targets.check_dossier(ref)
    targets.check_juror(to_juror, scoring=True, bound=False)
    targets.check_not_recused(to_juror, ref)
    if _assigned(connection, to_juror, ref):
        raise refuse(_("{juror} rapporte déjà le dossier {ref}."), juror=to_juror, ref=ref)
    pairs = table("assignment")
    if from_juror is not None:
        if not _assigned(connection, from_juror, ref):
            raise refuse(_("{juror} ne rapporte pas le dossier {ref}."), juror=from_juror, ref=ref)
        score, comment = table("score"), table("comment")
        held = (
            connection.execute(
                select(score.c.criterion).where(score.c.juror == from_juror, score.c.ref == ref)
            ).first()
            or connection.execute(
                select(comment.c.text).where(comment.c.juror == from_juror, comment.c.ref == ref)
            ).first()
        )
        if held is not None:
            raise refuse(
                _(
                    "{juror} a déjà noté ou commenté le dossier {ref} : il ne peut plus "
                    "lui être retiré (ouvrez plutôt le dossier à tous)."
                ),
                juror=from_juror,
                ref=ref,
            )
        connection.execute(pairs.delete().where(pairs.c.juror == from_juror, pairs.c.ref == ref))
    at = now()
    connection.execute(
        pairs.insert().values(juror=to_juror, ref=ref, how=BY_HAND, at=at, author=author)
    )
    journal.append(
        connection,
        "assign-move",
        {"ref": ref, "from": from_juror, "to": to_juror, "reason": reason, "broken": list(broken)},
        author,
        at,
    )


def set_open(database: Database, ref: str, opened: bool, reason: str, author: str) -> bool:
    """Open ``ref`` to every voting member (or close it again); True when it changed."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        _require_plan(connection)
        CellTargets.read(connection, ref=ref).check_dossier(ref)
        table_ = table("open_dossier")
        held = connection.execute(select(table_.c.ref).where(table_.c.ref == ref)).first()
        if (held is not None) == opened:
            return False
        at = now()
        if opened:
            connection.execute(table_.insert().values(ref=ref, reason=reason, at=at, author=author))
        else:
            connection.execute(table_.delete().where(table_.c.ref == ref))
        journal.append(
            connection, "assign-open", {"ref": ref, "open": opened, "reason": reason}, author, at
        )
        return True


def clear(database: Database, reason: str, author: str) -> None:
    """Remove the assignment: every voting member scores every dossier again."""
    require_author(author)
    with database.write() as connection:
        require_open(connection, database.path)
        _require_plan(connection)
        previous = _pairs(connection)
        for name in ("assignment", "assignment_plan", "open_dossier"):
            connection.execute(table(name).delete())
        journal.append(
            connection, "unassign", {"reason": reason, "previous": previous}, author, now()
        )
