"""A new campaign's first content: written into an empty file with its ``create`` entry.

The campaign is validated first (:func:`juryapp.store.checks.validate_campaign`);
its rows go into the SQLModel tables, its scores through the one write path of
:mod:`juryapp.store.scores`, and the journal's first entry holds all of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import juryapp
from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Campaign
from juryapp.store import journal, scores
from juryapp.store.checks import ValueChecker
from juryapp.store.codec import (
    canonical_json,
    encode_category,
    encode_criterion,
    encode_decision,
    encode_dossier,
    encode_juror,
    encode_rules,
    encode_session,
)
from juryapp.store.connection import now
from juryapp.store.deliberation import insert_decision
from juryapp.store.secretariat import dossier_values, insert_criteria
from juryapp.store.sql import table

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["insert_campaign"]


def insert_campaign(
    connection: Connection,
    campaign: Campaign,
    *,
    identifier: str,
    name: str,
    author: str,
    bound_juror: str | None,
) -> None:
    """Write a validated campaign into an empty file, with its ``create`` journal entry."""
    at = now()
    rules = encode_rules(campaign.rules)
    fingerprint = grid_fingerprint(campaign.criteria, campaign.rules.scale)
    connection.execute(
        table("campaign")
        .insert()
        .values(
            id=identifier,
            name=name,
            created_at=at,
            created_by=author,
            app_version=juryapp.__version__,
            fingerprint=fingerprint,
            rules=canonical_json(rules),
            closed=False,
            pv_version=1,
            bound_juror=bound_juror,
        )
    )
    criteria = [encode_criterion(c) for c in campaign.criteria]
    insert_criteria(connection, criteria)
    categories = [encode_category(c) for c in campaign.categories]
    if categories:
        connection.execute(
            table("category").insert(),
            [
                {**c, "prizes_cents": canonical_json(c["prizes_cents"]), "position": i}
                for i, c in enumerate(categories)
            ],
        )
    sessions = [encode_session(s) for s in campaign.sessions]
    if sessions:
        connection.execute(
            table("call_session").insert(), [{**s, "position": i} for i, s in enumerate(sessions)]
        )
    jurors = [encode_juror(j) for j in campaign.jurors]
    if jurors:
        connection.execute(
            table("juror").insert(), [{**j, "position": i} for i, j in enumerate(jurors)]
        )
    dossiers = [encode_dossier(d) for d in campaign.dossiers]
    if dossiers:
        connection.execute(
            table("dossier").insert(),
            [{**dossier_values(d), "position": i} for i, d in enumerate(dossiers)],
        )
    checker = ValueChecker(campaign.criteria)
    cells = [
        [score.juror, score.ref, code, checker.text(score.juror, score.ref, code, value)]
        for score in campaign.scores
        for code, value in score.values.items()
    ]
    scores.write_cells(connection, [(j, r, c, v, at) for j, r, c, v in cells], author)
    comments = [[s.juror, s.ref, s.comment] for s in campaign.scores if s.comment]
    if comments:
        connection.execute(
            table("comment").insert(),
            [
                {"juror": j, "ref": r, "text": t, "edited_at": at, "author": author}
                for j, r, t in comments
            ],
        )
    recusals = [[r.juror, r.ref, r.reason] for r in campaign.recusals]
    if recusals:
        connection.execute(
            table("recusal").insert(),
            [
                {"juror": j, "ref": r, "reason": reason, "at": at, "author": author}
                for j, r, reason in recusals
            ],
        )
    decisions = [
        {"id": insert_decision(connection, d, author, at), "decision": encode_decision(d)}
        for d in campaign.decisions
    ]
    journal.append(
        connection,
        "create",
        {
            "campaign": {
                "id": identifier,
                "name": name,
                "fingerprint": fingerprint,
                "bound_juror": bound_juror,
                "app_version": juryapp.__version__,
            },
            "rules": rules,
            "criteria": criteria,
            "categories": categories,
            "jurors": jurors,
            "dossiers": dossiers,
            "scores": cells,
            "comments": comments,
            "recusals": recusals,
            "decisions": decisions,
            # since 0005, and only for a call with sessions
            **({"sessions": sessions} if sessions else {}),
        },
        author,
        at,
    )
