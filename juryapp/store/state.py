"""The campaign's content as plain values, read from the tables or replayed from the journal.

``verify`` builds the state twice, once by reading every table and once by
replaying the journal's payloads from the ``create`` entry on, and compares
them: a row changed behind the app's back shows as a difference named by table
and key. The seal is a hash over part of this state (see :func:`seal_document`).

Journal kinds and the payload each one carries (all values JSON):

- ``create``: ``campaign`` (id, name, fingerprint, bound_juror, app_version),
  ``rules``, ``criteria``, ``categories``, ``jurors``, ``dossiers`` (encoded by
  ``codec``), ``scores`` ``[[juror, ref, criterion, value], …]``, ``comments``
  ``[[juror, ref, text], …]``, ``recusals`` ``[[juror, ref, reason], …]``,
  ``decisions`` ``[{"id", "decision"}, …]``, ``sessions`` (since 0005, a call with
  sessions only);
- ``score``: juror, ref, ``values`` {criterion: value or null (cleared)},
  ``previous`` (the values replaced), ``edited_at`` (null: the entry's time);
- ``comment``: juror, ref, text ("" clears), previous, edited_at;
- ``recuse``: juror, ref, reason, ``removed_scores``, ``removed_comment``;
- ``unrecuse``: juror, ref, reason (the recusal's);
- ``import``: source, ``added`` [dossier], ``updated`` [{before, after}];
- ``admissibility``: ref, admissible, reason, previous;
- ``attendance``: juror, attendance, previous;
- ``criteria``: criteria, previous, fingerprint;
- ``decision``: id, decision; ``undo``: id, reason;
- ``close``: version, hash, document_sha256; ``reopen``: version, new_version, reason;
- ``assign``: ``plan`` (per_dossier, max_load, institutions, seed, method),
  ``rapporteurs`` ``[[ref, [juror, …]], …]``, ``previous`` pairs; ``assign-move``:
  ref, from (null: a freed place), to, reason, broken; ``assign-open``: ref, open,
  reason; ``unassign``: reason, previous (a ``recuse`` also frees the juror's place);
- ``registry``: source, ``added`` [past laureate]; ``registry-ruling``: ref, kind, reason,
  previous (rules §13; the admissibility that follows has its own entries);
- ``schema`` (a migration) and any kind written with ``journal_append``
  (``merge``…): recorded, no change of state.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from juryapp.core.fields import DOSSIER_FIELDS, LATE_FIELDS, FieldType
from juryapp.i18n import _
from juryapp.store import scores
from juryapp.store.codec import canonical_json
from juryapp.store.connection import driver
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "STATE_KINDS",
    "State",
    "apply_entry",
    "compare_score_rows",
    "compare_states",
    "read_score_cells",
    "read_state",
    "seal_document",
    "seal_hash",
]

JSONDict = dict[str, Any]
Cell = tuple[str, str, str]  # value or text, edited_at, author

# Kinds that change the state; journal_append refuses them.
STATE_KINDS = frozenset(
    {
        "create", "score", "score-batch", "comment", "recuse", "unrecuse", "import",
        "admissibility", "attendance", "criteria", "decision", "undo", "close", "reopen",
        "schema", "assign", "assign-move", "assign-open", "unassign", "registry",
        "registry-ruling",
    }
)  # fmt: skip

_MAX_PROBLEMS_PER_TABLE = 20


@dataclass
class State:
    """Everything the campaign file holds, as comparable plain values."""

    campaign: JSONDict = field(default_factory=dict)
    rules: JSONDict = field(default_factory=dict)
    criteria: list[JSONDict] = field(default_factory=list)
    categories: list[JSONDict] = field(default_factory=list)
    jurors: dict[str, JSONDict] = field(default_factory=dict)
    dossiers: dict[str, JSONDict] = field(default_factory=dict)
    scores: dict[tuple[str, str, str], Cell] = field(default_factory=dict)
    comments: dict[tuple[str, str], Cell] = field(default_factory=dict)
    recusals: dict[tuple[str, str], Cell] = field(default_factory=dict)
    decisions: dict[int, JSONDict] = field(default_factory=dict)
    closed: bool = False
    pv_version: int = 1
    seals: dict[int, JSONDict] = field(default_factory=dict)
    assignment_plan: JSONDict | None = None
    assignment: dict[tuple[str, str], Cell] = field(default_factory=dict)  # how, at, author
    open_dossiers: dict[str, Cell] = field(default_factory=dict)  # reason, at, author
    # the registry of past laureates (since 0004), by row id, and the rulings by dossier
    registry: dict[int, JSONDict] = field(default_factory=dict)
    sessions: list[JSONDict] = field(default_factory=list)  # since 0005
    # since 0010: each session's seal state {"closed", "pv_version"} and attendance
    session_seals: dict[str, JSONDict] = field(default_factory=dict)
    session_attendance: dict[tuple[str, str], str] = field(default_factory=dict)
    share: Shared = field(default_factory=lambda: Shared(), compare=False, repr=False)
    rulings: dict[str, Cell] = field(default_factory=dict)  # kind, reason, at ; author apart


# --- reading the tables ----------------------------------------------------------------


def _criterion_dict(row: Mapping[str, Any]) -> JSONDict:
    return {
        key: row[key]
        for key in ("code", "label", "weight", "max", "min", "step", "threshold", "description")
    }


def _category_dict(row: Mapping[str, Any]) -> JSONDict:
    data = {
        key: row[key]
        for key in ("code", "name", "envelope_cents", "cap_cents", "rate", "floor_cents", "nature")
    }
    data["prizes_cents"] = json.loads(row["prizes_cents"])
    return data


def _juror_dict(row: Mapping[str, Any]) -> JSONDict:
    data = {key: row[key] for key in ("code", "name", "role", "attendance", "organisation")}
    data["votes"] = bool(row["votes"])
    return data


def _dossier_dict(row: Mapping[str, Any]) -> JSONDict:
    """A dossier row as the codec's dict: the registry's fields (``core.fields``)."""
    data = {
        f.code: bool(row[f.code]) if f.kind is FieldType.FLAG else row[f.code]
        for f in DOSSIER_FIELDS
    }
    data["fields"] = json.loads(row["fields"])
    return data


@contextmanager
def _table(name: str) -> Iterator[None]:
    """Name the table whose rows cannot be read (a file edited by hand)."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError) as error:
        raise ValueError(f"table {name} : {type(error).__name__}: {error}") from error


def read_state(connection: Connection, *, with_scores: bool = True) -> State:
    """The state as the tables hold it (``ValueError`` naming the table for unreadable rows).

    ``with_scores=False`` leaves the score cells out (``verify`` compares them row by row
    with :func:`compare_score_rows` instead of holding them twice)."""
    with _table("campaign"):
        state = _read_campaign(connection)
    for name, read in (
        ("criterion", _read_criteria),
        ("category", _read_categories),
        ("call_session", _read_sessions),
        ("juror", _read_jurors),
        ("dossier", _read_dossiers),
        ("score, comment, recusal", _read_cells if with_scores else _read_comments),
        ("decision", _read_decisions),
        ("seal", _read_seals),
        ("assignment_plan, assignment, open_dossier", _read_assignment),
        ("past_laureate, registry_ruling", _read_registry),
    ):
        with _table(name):
            read(connection, state)
    return state


def _ordered(connection: Connection, name: str) -> list[dict[str, Any]]:
    t = table(name)
    rows = connection.execute(select(t).order_by(t.c.position)).mappings()
    return [{str(key): value for key, value in row.items()} for row in rows]


def _read_campaign(connection: Connection) -> State:
    state = State()
    campaign = connection.execute(select(table("campaign"))).mappings().one()
    state.campaign = {
        key: campaign[key]
        for key in (
            "id", "name", "created_at", "created_by", "app_version", "fingerprint", "bound_juror"
        )
    }  # fmt: skip
    state.rules = json.loads(campaign["rules"])
    state.closed = bool(campaign["closed"])
    state.pv_version = int(campaign["pv_version"])
    return state


def _read_criteria(connection: Connection, state: State) -> None:
    state.criteria = [_criterion_dict(row) for row in _ordered(connection, "criterion")]


def _read_categories(connection: Connection, state: State) -> None:
    state.categories = [_category_dict(row) for row in _ordered(connection, "category")]


def _read_sessions(connection: Connection, state: State) -> None:
    rows = _ordered(connection, "call_session")
    state.sessions = [
        {key: row[key] for key in ("code", "name", "date", "envelope_cents")} for row in rows
    ]
    state.session_seals = {
        row["code"]: {"closed": bool(row["closed"]), "pv_version": int(row["pv_version"])}
        for row in rows
    }
    attendance = table("session_attendance")
    found = connection.execute(
        select(attendance.c.session, attendance.c.juror, attendance.c.attendance)
    )
    state.session_attendance = {(s, j): a for s, j, a in found}


def _read_jurors(connection: Connection, state: State) -> None:
    state.jurors = {row["code"]: _juror_dict(row) for row in _ordered(connection, "juror")}


def _read_dossiers(connection: Connection, state: State) -> None:
    state.dossiers = {row["ref"]: _dossier_dict(row) for row in _ordered(connection, "dossier")}


class Shared:
    """One string object for each repeated text (codes, values, authors): 400,000 cells
    hold a few hundred distinct ones, and a state made of fresh copies weighed 100 MB more."""

    def __init__(self) -> None:
        self._known: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        return self._known.setdefault(text, text)


def _read_cells(connection: Connection, state: State) -> None:
    # The score cells through the store's one read path (plain sqlite3: 400,000 rows),
    # row by row (no list of every row beside the state), their repeated texts shared.
    state.scores = read_score_cells(connection)
    _read_comments(connection, state)


def read_score_cells(connection: Connection) -> dict[tuple[str, str, str], Cell]:
    """The score table as the state holds it, its repeated texts shared."""
    share = Shared()
    return {
        (share(j), share(r), share(c)): (share(v), at, share(a))
        for j, r, c, v, at, a in scores.iter_cells(driver(connection))
    }


def _read_comments(connection: Connection, state: State) -> None:
    comment, recusal = table("comment"), table("recusal")
    found = connection.execute(
        select(
            comment.c.juror, comment.c.ref, comment.c.text, comment.c.edited_at, comment.c.author
        )
    )
    state.comments = {(j, r): (t, at, a) for j, r, t, at, a in found}
    found = connection.execute(
        select(recusal.c.juror, recusal.c.ref, recusal.c.reason, recusal.c.at, recusal.c.author)
    )
    state.recusals = {(j, r): (t, at, a) for j, r, t, at, a in found}


def _read_decisions(connection: Connection, state: State) -> None:
    decision = table("decision")
    for row in connection.execute(select(decision).order_by(decision.c.id)).mappings():
        state.decisions[int(row["id"])] = {
            key: row[key]
            for key in (
                "kind", "payload", "reason", "author", "at", "undone_at", "undone_by",
                "undo_reason",
            )
        }  # fmt: skip


_LAUREATE_KEYS = ("siret", "rna", "holder", "town", "call", "year", "amount_cents", "source")


def _read_registry(connection: Connection, state: State) -> None:
    past, ruling = table("past_laureate"), table("registry_ruling")
    for row in connection.execute(select(past).order_by(past.c.id)).mappings():
        state.registry[int(row["id"])] = {key: row[key] for key in _LAUREATE_KEYS}
    for row in connection.execute(select(ruling)).mappings():
        state.rulings[str(row["ref"])] = (
            f"{row['kind']}:{row['reason']}",
            str(row["at"]),
            str(row["author"]),
        )


def _read_seals(connection: Connection, state: State) -> None:
    seal = table("seal")
    for row in connection.execute(select(seal).order_by(seal.c.version)).mappings():
        state.seals[int(row["version"])] = {
            key: row[key]
            for key in (
                "hash", "sealed_at", "sealed_by", "document_sha256", "reopened_at",
                "reopened_by", "reopen_reason", "session",
            )
        }  # fmt: skip


def _read_assignment(connection: Connection, state: State) -> None:
    plan = connection.execute(select(table("assignment_plan"))).mappings().first()
    if plan is not None:
        state.assignment_plan = {
            key: plan[key]
            for key in ("per_dossier", "max_load", "institutions", "seed", "method", "at", "author")
        }
    pairs = table("assignment")
    found = connection.execute(
        select(pairs.c.juror, pairs.c.ref, pairs.c.how, pairs.c.at, pairs.c.author)
    )
    state.assignment = {(j, r): (how, at, a) for j, r, how, at, a in found}
    opened = table("open_dossier")
    found = connection.execute(select(opened.c.ref, opened.c.reason, opened.c.at, opened.c.author))
    state.open_dossiers = {r: (reason, at, a) for r, reason, at, a in found}


# --- the seal --------------------------------------------------------------------------


def seal_document(
    state: State, version: int, document_sha256: str | None, session: str | None = None
) -> JSONDict:
    """What a seal covers, as a JSON value.

    ``format``; the campaign's ``id``, ``name`` and grid ``fingerprint``; the PV
    ``version``; the ``rules``, ``criteria``, ``categories``, ``jurors`` (with
    attendance) and ``dossiers`` (with admissibility) as encoded by ``codec``,
    in their stored order; ``scores`` ``[juror, ref, criterion, value]``,
    ``comments`` ``[juror, ref, text]`` and ``recusals`` ``[juror, ref,
    reason]``, sorted; the ``decisions`` not undone, by id, each ``{id,
    decision, author, at}``; ``document_sha256``: the SHA-256 of the document
    sealed with them (the results, say) or null. Edit times and authors of
    scores are not sealed: the result does not depend on them. A session's seal
    (since 0010) adds its ``session`` code, its PV version and every session's
    attendance.
    """
    return {
        "format": "juryapp-seal/1",
        "campaign": {
            "id": state.campaign["id"],
            "name": state.campaign["name"],
            "fingerprint": state.campaign["fingerprint"],
        },
        "version": version,
        "rules": state.rules,
        "criteria": state.criteria,
        "categories": state.categories,
        "jurors": list(state.jurors.values()),
        "dossiers": [_sealed_dossier(dossier) for dossier in state.dossiers.values()],
        "scores": sorted([*key, cell[0]] for key, cell in state.scores.items()),
        "comments": sorted([*key, cell[0]] for key, cell in state.comments.items()),
        "recusals": sorted([*key, cell[0]] for key, cell in state.recusals.items()),
        "decisions": [
            {
                "id": number,
                "decision": json.loads(row["payload"]),
                "author": row["author"],
                "at": row["at"],
            }
            for number, row in sorted(state.decisions.items())
            if row["undone_at"] is None
        ],
        "document_sha256": document_sha256,
        # since 0004, and only when used, so that the seals made before still hold
        **_sealed_registry(state),
        **_sealed_assignment(state),
        **({} if session is None else _sealed_session(state, session)),
    }


def _sealed_session(state: State, session: str) -> JSONDict:
    return {
        "session": session,
        "session_pv_version": state.session_seals[session]["pv_version"],
        "session_attendance": sorted(
            [*key, value] for key, value in state.session_attendance.items()
        ),
    }


def _sealed_assignment(state: State) -> JSONDict:
    """The assignment as a seal covers it: nothing when the campaign has none, so that
    the seals made before assignments existed still hold."""
    if state.assignment_plan is None:
        return {}
    plan = {key: value for key, value in state.assignment_plan.items() if key not in ("at",)}
    return {
        "assignment": {
            "plan": plan,
            "pairs": sorted(
                [juror, ref, cell[0]] for (juror, ref), cell in state.assignment.items()
            ),
            "open": sorted(state.open_dossiers),
        }
    }


def _sealed_registry(state: State) -> JSONDict:
    """The registry of past laureates and the rulings, as a seal covers them (nothing
    when the campaign has neither)."""
    sealed: JSONDict = {}
    if state.sessions:
        sealed["sessions"] = state.sessions
    if state.registry:
        sealed["registry"] = [state.registry[key] for key in sorted(state.registry)]
    if state.rulings:
        sealed["registry_rulings"] = sorted([ref, cell[0]] for ref, cell in state.rulings.items())
    return sealed


def _sealed_dossier(dossier: JSONDict) -> JSONDict:
    """A dossier as its seal covers it: a field added after seals existed is left out while
    at its default, so that the seals made before it still hold."""
    if not LATE_FIELDS:
        return dossier
    return {
        key: value
        for key, value in dossier.items()
        if key not in LATE_FIELDS or value != LATE_FIELDS[key]
    }


def _journal_dossier(dossier: Mapping[str, Any]) -> JSONDict:
    """A dossier as a journal entry wrote it, with the defaults of the fields added since."""
    return {**LATE_FIELDS, **dossier}


def seal_hash(
    state: State, version: int, document_sha256: str | None, session: str | None = None
) -> str:
    """SHA-256 (hex) of the canonical JSON (UTF-8) of :func:`seal_document`."""
    document = seal_document(state, version, document_sha256, session)
    return hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


# --- replaying the journal ---------------------------------------------------------------


def state_from_create(payload: Mapping[str, Any], at: str, author: str) -> State:
    state = State()
    state.campaign = {**payload["campaign"], "created_at": at, "created_by": author}
    state.campaign.setdefault("bound_juror", None)
    state.rules = payload["rules"]
    state.criteria = list(payload["criteria"])
    state.categories = list(payload["categories"])
    state.sessions = list(payload.get("sessions", []))
    state.session_seals = {s["code"]: {"closed": False, "pv_version": 1} for s in state.sessions}
    state.jurors = {j["code"]: dict(j) for j in payload["jurors"]}
    state.dossiers = {d["ref"]: _journal_dossier(d) for d in payload["dossiers"]}
    share = state.share
    state.scores = {
        (share(j), share(r), share(c)): (share(v), at, author) for j, r, c, v in payload["scores"]
    }
    state.comments = {(j, r): (t, at, author) for j, r, t in payload["comments"]}
    state.recusals = {(j, r): (t, at, author) for j, r, t in payload["recusals"]}
    for item in payload["decisions"]:
        _add_decision(state, int(item["id"]), item["decision"], at, author)
    return state


def _add_decision(state: State, number: int, decision: JSONDict, at: str, author: str) -> None:
    state.decisions[number] = {
        "kind": decision["kind"],
        "payload": canonical_json(decision),
        "reason": decision.get("reason", ""),
        "author": author,
        "at": at,
        "undone_at": None,
        "undone_by": None,
        "undo_reason": None,
    }


def apply_entry(state: State, kind: str, at: str, author: str, payload: JSONDict) -> list[str]:
    """Replay one journal entry onto ``state``; returns problems found (a broken seal)."""
    if kind == "score":
        edited_at = payload.get("edited_at") or at
        juror, ref = payload["juror"], payload["ref"]
        for criterion, value in payload["values"].items():
            if value is None:
                state.scores.pop((juror, ref, criterion), None)
            else:
                state.scores[(juror, ref, criterion)] = (value, edited_at, author)
    elif kind == "score-batch":
        share = state.share
        author = share(author)
        for juror, ref, criterion, value, edited_at, _previous in payload["cells"]:
            if value is None:
                state.scores.pop((juror, ref, criterion), None)
            else:
                cell = (share(juror), share(ref), share(criterion))
                state.scores[cell] = (share(value), edited_at or at, author)
    elif kind == "comment":
        key = (payload["juror"], payload["ref"])
        if payload["text"]:
            state.comments[key] = (payload["text"], payload.get("edited_at") or at, author)
        else:
            state.comments.pop(key, None)
    elif kind == "recuse":
        juror, ref = payload["juror"], payload["ref"]
        state.assignment.pop((juror, ref), None)
        for criterion in payload["removed_scores"]:
            state.scores.pop((juror, ref, criterion), None)
        state.comments.pop((juror, ref), None)
        state.recusals[(juror, ref)] = (payload["reason"], at, author)
    elif kind == "unrecuse":
        state.recusals.pop((payload["juror"], payload["ref"]), None)
    elif kind == "import":
        for dossier in payload["added"]:
            state.dossiers[dossier["ref"]] = _journal_dossier(dossier)
        for change in payload["updated"]:
            state.dossiers[change["after"]["ref"]] = _journal_dossier(change["after"])
    elif kind == "admissibility":
        dossier = state.dossiers[payload["ref"]]
        dossier["admissible"] = payload["admissible"]
        dossier["inadmissible_reason"] = payload["reason"]
    elif kind == "registry":
        first = max(state.registry, default=0) + 1
        for offset, laureate in enumerate(payload["added"]):
            state.registry[first + offset] = {key: laureate[key] for key in _LAUREATE_KEYS}
    elif kind == "registry-ruling":
        state.rulings[payload["ref"]] = (f"{payload['kind']}:{payload['reason']}", at, author)
    elif kind == "attendance" and payload.get("session") is not None:
        state.session_attendance[(payload["session"], payload["juror"])] = payload["attendance"]
    elif kind == "attendance":
        state.jurors[payload["juror"]]["attendance"] = payload["attendance"]
    elif kind == "criteria":
        state.criteria = list(payload["criteria"])
        state.campaign["fingerprint"] = payload["fingerprint"]
    elif kind == "decision":
        _add_decision(state, int(payload["id"]), payload["decision"], at, author)
    elif kind == "undo":
        decision = state.decisions[int(payload["id"])]
        decision.update(undone_at=at, undone_by=author, undo_reason=payload["reason"])
    elif kind == "assign":
        state.assignment_plan = {**payload["plan"], "at": at, "author": author}
        state.assignment = {
            (juror, ref): ("solveur", at, author)
            for ref, jurors in payload["rapporteurs"]
            for juror in jurors
        }
    elif kind == "assign-move":
        if payload["from"] is not None:
            state.assignment.pop((payload["from"], payload["ref"]), None)
        state.assignment[(payload["to"], payload["ref"])] = ("main", at, author)
    elif kind == "assign-open":
        if payload["open"]:
            state.open_dossiers[payload["ref"]] = (payload["reason"], at, author)
        else:
            state.open_dossiers.pop(payload["ref"], None)
    elif kind == "unassign":
        state.assignment_plan = None
        state.assignment = {}
        state.open_dossiers = {}
    elif kind == "close":
        return _replay_close(state, at, author, payload)
    elif kind == "reopen":
        state.seals[int(payload["version"])].update(
            reopened_at=at, reopened_by=author, reopen_reason=payload["reason"]
        )
        session = payload.get("session")
        if session is None:
            state.closed = False
            state.pv_version = int(payload["new_version"])
        else:
            state.session_seals[session] = {
                "closed": False,
                "pv_version": int(payload["new_version"]),
            }
    return []


def _replay_close(state: State, at: str, author: str, payload: JSONDict) -> list[str]:
    version = int(payload["version"])
    session = payload.get("session")
    problems = []
    expected = seal_hash(state, version, payload["document_sha256"], session)
    if expected != payload["hash"]:
        problems.append(
            _("sceau de la version {version} : il ne correspond pas aux données scellées").format(
                version=version
            )
        )
    if session is None:
        state.closed = True
    else:
        state.session_seals[session]["closed"] = True
    state.seals[version] = {
        "hash": payload["hash"],
        "sealed_at": at,
        "sealed_by": author,
        "document_sha256": payload["document_sha256"],
        "reopened_at": None,
        "reopened_by": None,
        "reopen_reason": None,
        "session": session,
    }
    return problems


# --- comparing ---------------------------------------------------------------------------


def _key_text(key: object) -> str:
    if isinstance(key, tuple):
        return " / ".join(str(part) for part in key)
    return str(key)


def compare_score_rows(
    expected: Mapping[tuple[str, str, str], Cell],
    rows: Callable[[], Iterable[tuple[str, str, str, str, str, str]]],
) -> list[str]:
    """The differences between the replayed journal's score cells (``expected``) and the
    table's, read row by row (``rows()``, read a second time only when cells are missing):
    the same sentences as :func:`compare_states`, without a second dict of 400,000 cells."""
    label = _("note (juré / dossier / critère)")
    problems = []
    matched = 0
    for juror, ref, criterion, value, edited_at, author in rows():
        key = (juror, ref, criterion)
        held = expected.get(key)
        if held is None:
            problems.append(
                _(
                    "table {table} : {label} {key} présent dans le fichier mais absent du journal"
                ).format(table="score", label=label, key=_key_text(key))
            )
            continue
        matched += 1
        found = (value, edited_at, author)
        if held != found:
            problems.append(
                _("table {table} : {label} {key} modifié hors de juryapp "
                  "(fichier : {actual} ; journal : {expected})")
                .format(
                    table="score",
                    label=label,
                    key=_key_text(key),
                    actual=_short(found),
                    expected=_short(held),
                )
            )  # fmt: skip
    if matched != len(expected):
        present = {(j, r, c) for j, r, c, *_rest in rows()}
        for key in expected.keys() - present:
            problems.append(
                _(
                    "table {table} : {label} {key} absent du fichier mais présent dans le journal"
                ).format(table="score", label=label, key=_key_text(key))
            )
    return _capped("score", problems)


def _capped(table_name: str, problems: list[str]) -> list[str]:
    problems.sort()
    if len(problems) > _MAX_PROBLEMS_PER_TABLE:
        more = len(problems) - _MAX_PROBLEMS_PER_TABLE
        problems = problems[:_MAX_PROBLEMS_PER_TABLE]
        problems.append(
            _("table {table} : … et {count} autres différences").format(
                table=table_name, count=more
            )
        )
    return problems


def _compare_mapping(
    table_name: str,
    label: str,
    expected: Mapping[Any, Any],
    actual: Mapping[Any, Any],
) -> list[str]:
    if expected == actual:
        return []
    problems = []
    for key in actual.keys() - expected.keys():
        problems.append(
            _(
                "table {table} : {label} {key} présent dans le fichier mais absent du journal"
            ).format(table=table_name, label=label, key=_key_text(key))
        )
    for key in expected.keys() - actual.keys():
        problems.append(
            _(
                "table {table} : {label} {key} absent du fichier mais présent dans le journal"
            ).format(table=table_name, label=label, key=_key_text(key))
        )
    for key in expected.keys() & actual.keys():
        if expected[key] != actual[key]:
            problems.append(
                _("table {table} : {label} {key} modifié hors de juryapp "
                  "(fichier : {actual} ; journal : {expected})")
                .format(
                    table=table_name,
                    label=label,
                    key=_key_text(key),
                    actual=_short(actual[key]),
                    expected=_short(expected[key]),
                )
            )  # fmt: skip
    return _capped(table_name, problems)


def _short(value: object) -> str:
    text = canonical_json(value) if not isinstance(value, str) else value
    return text if len(text) <= 200 else text[:199] + "…"


def compare_states(expected: State, actual: State) -> list[str]:
    """Differences between the replayed journal (expected) and the tables (actual), in French."""
    problems: list[str] = []
    problems += _compare_mapping("campaign", _("campagne"), expected.campaign, actual.campaign)
    problems += _compare_mapping(
        "campaign", _("règles"), {"rules": expected.rules}, {"rules": actual.rules}
    )
    problems += _compare_mapping(
        "campaign",
        _("état"),
        {"closed": expected.closed, "pv_version": expected.pv_version},
        {"closed": actual.closed, "pv_version": actual.pv_version},
    )
    problems += _compare_mapping(
        "criterion",
        _("critère"),
        {c["code"]: c for c in expected.criteria},
        {c["code"]: c for c in actual.criteria},
    )
    orders = (
        ("criterion", [c["code"] for c in expected.criteria], [c["code"] for c in actual.criteria]),
        (
            "category",
            [c["code"] for c in expected.categories],
            [c["code"] for c in actual.categories],
        ),
        ("juror", list(expected.jurors), list(actual.jurors)),
        ("dossier", list(expected.dossiers), list(actual.dossiers)),
    )
    for name, expected_order, actual_order in orders:
        if sorted(expected_order) == sorted(actual_order) and expected_order != actual_order:
            problems.append(
                _("table {table} : ordre des lignes modifié hors de juryapp").format(table=name)
            )
    problems += _compare_mapping(
        "category",
        _("catégorie"),
        {c["code"]: c for c in expected.categories},
        {c["code"]: c for c in actual.categories},
    )
    problems += _compare_mapping(
        "call_session",
        _("comité"),
        {s["code"]: s for s in expected.sessions},
        {s["code"]: s for s in actual.sessions},
    )
    problems += _compare_mapping(
        "call_session", _("comité"), expected.session_seals, actual.session_seals
    )
    problems += _compare_mapping(
        "session_attendance",
        _("présence (comité / juré)"),
        expected.session_attendance,
        actual.session_attendance,
    )
    problems += _compare_mapping("juror", _("juré"), expected.jurors, actual.jurors)
    problems += _compare_mapping("dossier", _("dossier"), expected.dossiers, actual.dossiers)
    problems += _compare_mapping(
        "score", _("note (juré / dossier / critère)"), expected.scores, actual.scores
    )
    problems += _compare_mapping(
        "comment", _("commentaire (juré / dossier)"), expected.comments, actual.comments
    )
    problems += _compare_mapping(
        "recusal", _("déport (juré / dossier)"), expected.recusals, actual.recusals
    )
    problems += _compare_mapping("decision", _("décision"), expected.decisions, actual.decisions)
    problems += _compare_mapping(
        "assignment_plan",
        _("répartition"),
        {"plan": expected.assignment_plan},
        {"plan": actual.assignment_plan},
    )
    problems += _compare_mapping(
        "assignment", _("rapporteur (juré / dossier)"), expected.assignment, actual.assignment
    )
    problems += _compare_mapping(
        "open_dossier", _("dossier ouvert à tous"), expected.open_dossiers, actual.open_dossiers
    )
    problems += _compare_mapping("seal", _("sceau de la version"), expected.seals, actual.seals)
    problems += _compare_mapping(
        "past_laureate", _("lauréat du registre"), expected.registry, actual.registry
    )
    problems += _compare_mapping(
        "registry_ruling",
        _("décision sur le registre (dossier)"),
        expected.rulings,
        actual.rulings,
    )
    return problems
