"""Core values to and from JSON-ready dicts, and the canonical JSON used for hashes.

Numbers that may be fractions are written exactly as text (``"9/2"``, ``"4"``),
enums by their value (the workbook's French keyword), tuples as lists. The same
dicts are stored in the journal, compared by ``verify`` and sealed, so every
encoder here must stay deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction
from typing import Any

from juryapp.core.fields import DOSSIER_FIELDS, FieldType
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    CallRules,
    CallSession,
    CarryOver,
    Category,
    Criterion,
    CutoffTie,
    Decision,
    Dossier,
    DrawLots,
    Juror,
    MajorityRule,
    Mode,
    Nature,
    NoAward,
    Normalisation,
    Number,
    OrderTie,
    QuorumRule,
    RateBase,
    Reallocation,
    ReallocationKind,
    Role,
    SetAmount,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.core.tiebreaks import step_from_keyword

__all__ = [
    "canonical_json",
    "decision_kind",
    "decode_category",
    "decode_criterion",
    "decode_decision",
    "decode_dossier",
    "decode_juror",
    "decode_rules",
    "decode_session",
    "encode_category",
    "encode_criterion",
    "encode_decision",
    "encode_dossier",
    "encode_juror",
    "encode_rules",
    "encode_session",
    "number_text",
    "parse_number_text",
]

JSONDict = dict[str, Any]


def canonical_json(value: object) -> str:
    """Sorted keys, no spaces, UTF-8 characters kept: one text for one value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def number_text(value: Number) -> str:
    """An exact number as stored: ``"4"``, ``"9/2"``, ``"-1/3"``."""
    if type(value) is int:
        return str(value)
    return str(Fraction(value))


def parse_number_text(text: str) -> Number:
    """The inverse of :func:`number_text`: an int when integral, else a Fraction."""
    if "/" not in text:
        return int(text)
    fraction = Fraction(text)
    return fraction.numerator if fraction.denominator == 1 else fraction


def _optional_number(value: Number | None) -> str | None:
    return None if value is None else number_text(value)


def _parse_optional_number(text: str | None) -> Number | None:
    return None if text is None else parse_number_text(text)


# --- the call's rules ---------------------------------------------------------------


def _reallocation_from_keyword(keyword: str) -> Reallocation:
    if keyword.startswith("catégorie:"):
        return Reallocation(ReallocationKind.CATEGORY, keyword.split(":", 1)[1])
    return Reallocation(ReallocationKind(keyword))


def encode_rules(rules: CallRules) -> JSONDict:
    return {
        "name": rules.name,
        "authority": rules.authority,
        "authority_siret": rules.authority_siret,
        "date": rules.date,
        "place": rules.place,
        "mode": rules.mode.value,
        "envelope_cents": rules.envelope_cents,
        "prizes_cents": list(rules.prizes_cents),
        "prize_capped": rules.prize_capped,
        "cap_cents": rules.cap_cents,
        "rate": None if rules.rate is None else str(Fraction(rules.rate)),
        "rate_base": rules.rate_base.value,
        "floor_cents": rules.floor_cents,
        "partial_funding": rules.partial_funding,
        "after_miss": rules.after_miss.value,
        "cutoff_tie": rules.cutoff_tie.value,
        "scale": rules.scale,
        "threshold": _optional_number(rules.threshold),
        "aggregation": rules.aggregation.value,
        "normalisation": rules.normalisation.value,
        "tie_break": [step.keyword() for step in rules.tie_break],
        "reallocation": rules.reallocation.keyword(),
        "quorum": rules.quorum.value,
        "majority": rules.majority.value,
        "min_scores": rules.min_scores,
        "year": rules.year,
        "carry_over": rules.carry_over,
        "minimum_projects": rules.minimum_projects,
        "supported_once": rules.supported_once,
    }


def decode_rules(data: Mapping[str, Any]) -> CallRules:
    return CallRules(
        name=data["name"],
        authority=data["authority"],
        authority_siret=data.get("authority_siret", ""),
        date=data["date"],
        place=data["place"],
        mode=Mode(data["mode"]),
        envelope_cents=data["envelope_cents"],
        prizes_cents=tuple(data["prizes_cents"]),
        # files written before this setting: prizes were never capped
        prize_capped=data.get("prize_capped", False),
        cap_cents=data["cap_cents"],
        rate=None if data["rate"] is None else Fraction(data["rate"]),
        rate_base=RateBase(data["rate_base"]),
        floor_cents=data["floor_cents"],
        partial_funding=data["partial_funding"],
        after_miss=AfterMiss(data["after_miss"]),
        cutoff_tie=CutoffTie(data["cutoff_tie"]),
        scale=data["scale"],
        threshold=_parse_optional_number(data["threshold"]),
        aggregation=Aggregation(data["aggregation"]),
        normalisation=Normalisation(data["normalisation"]),
        tie_break=tuple(step_from_keyword(k) for k in data["tie_break"]),
        reallocation=_reallocation_from_keyword(data["reallocation"]),
        quorum=QuorumRule(data["quorum"]),
        majority=MajorityRule(data["majority"]),
        min_scores=data["min_scores"],
        # files written before these settings: a one-off call
        year=data.get("year"),
        carry_over=data.get("carry_over", False),
        minimum_projects=data.get("minimum_projects"),
        supported_once=data.get("supported_once", False),
    )


# --- grid, categories, jury, dossiers -------------------------------------------------


def encode_criterion(criterion: Criterion) -> JSONDict:
    return {
        "code": criterion.code,
        "label": criterion.label,
        "weight": number_text(criterion.weight),
        "max": number_text(criterion.max),
        "min": number_text(criterion.min),
        "step": number_text(criterion.step),
        "threshold": _optional_number(criterion.threshold),
        "description": criterion.description,
    }


def decode_criterion(data: Mapping[str, Any]) -> Criterion:
    return Criterion(
        code=data["code"],
        label=data["label"],
        weight=parse_number_text(data["weight"]),
        max=parse_number_text(data["max"]),
        min=parse_number_text(data["min"]),
        step=parse_number_text(data["step"]),
        threshold=_parse_optional_number(data["threshold"]),
        description=data["description"],
    )


def encode_category(category: Category) -> JSONDict:
    return {
        "code": category.code,
        "name": category.name,
        "envelope_cents": category.envelope_cents,
        "prizes_cents": list(category.prizes_cents),
        "cap_cents": category.cap_cents,
        "rate": None if category.rate is None else str(Fraction(category.rate)),
        "floor_cents": category.floor_cents,
        "nature": category.nature.value,
    }


def decode_category(data: Mapping[str, Any]) -> Category:
    return Category(
        code=data["code"],
        name=data["name"],
        envelope_cents=data["envelope_cents"],
        prizes_cents=tuple(data["prizes_cents"]),
        cap_cents=data["cap_cents"],
        rate=None if data["rate"] is None else Fraction(data["rate"]),
        floor_cents=data["floor_cents"],
        nature=Nature(data["nature"]),
    )


def encode_session(session: CallSession) -> JSONDict:
    return {
        "code": session.code,
        "name": session.name,
        "date": session.date,
        "envelope_cents": session.envelope_cents,
    }


def decode_session(data: Mapping[str, Any]) -> CallSession:
    return CallSession(
        code=data["code"],
        name=data["name"],
        date=data["date"],
        envelope_cents=data["envelope_cents"],
        sealed=bool(data.get("closed", False)),
        pv_version=int(data.get("pv_version") or 1),
    )


def encode_juror(juror: Juror) -> JSONDict:
    return {
        "code": juror.code,
        "name": juror.name,
        "role": juror.role.value,
        "votes": juror.votes,
        "attendance": juror.attendance.value,
        "organisation": juror.organisation,
    }


def decode_juror(data: Mapping[str, Any]) -> Juror:
    return Juror(
        code=data["code"],
        name=data["name"],
        role=Role(data["role"]),
        votes=bool(data["votes"]),
        attendance=Attendance(data["attendance"]),
        organisation=data["organisation"],
    )


def encode_dossier(dossier: Dossier) -> JSONDict:
    """Every field of the registry (``core.fields``) by its code, then the free columns."""
    data: JSONDict = {f.code: getattr(dossier, f.code) for f in DOSSIER_FIELDS}
    data["fields"] = [[key, value] for key, value in dossier.fields]
    return data


def decode_dossier(data: Mapping[str, Any]) -> Dossier:
    """A dossier from its dict; a field the dict lacks (written before it existed) takes
    its default."""
    values: dict[str, Any] = {}
    for field in DOSSIER_FIELDS:
        value = data.get(field.code, field.default)
        values[field.code] = bool(value) if field.kind is FieldType.FLAG else value
    return Dossier(**values, fields=tuple((str(key), str(value)) for key, value in data["fields"]))


# --- decisions ------------------------------------------------------------------------


def decision_kind(decision: Decision) -> str:
    """The decision's keyword, as in ``juryapp decide``: tie, draw, withdraw, amount, no-award."""
    if isinstance(decision, OrderTie):
        return "tie"
    if isinstance(decision, DrawLots):
        return "draw"
    if isinstance(decision, Withdraw):
        return "withdraw"
    if isinstance(decision, SetAmount):
        return "amount"
    if isinstance(decision, CarryOver):
        return "carry-over"
    return "no-award"


def _encode_votes(votes: VoteCount | None) -> JSONDict | None:
    if votes is None:
        return None
    return {
        "for": votes.for_,
        "against": votes.against,
        "abstain": votes.abstain,
        "president": None if votes.president is None else votes.president.value,
    }


def _decode_votes(data: Mapping[str, Any] | None) -> VoteCount | None:
    if data is None:
        return None
    president = data["president"]
    return VoteCount(
        for_=data["for"],
        against=data["against"],
        abstain=data["abstain"],
        president=None if president is None else VoteChoice(president),
    )


def encode_decision(decision: Decision) -> JSONDict:
    """A decision as JSON; its ``session`` only when it has one, so that the decisions
    (and seals) of a call without sessions read as before."""
    data = _encode_decision(decision)
    if decision.session is not None:
        data["session"] = decision.session
    return data


def _encode_decision(decision: Decision) -> JSONDict:
    kind = decision_kind(decision)
    if isinstance(decision, OrderTie):
        return {
            "kind": kind,
            "refs": list(decision.refs),
            "reason": decision.reason,
            "votes": _encode_votes(decision.votes),
        }
    if isinstance(decision, DrawLots):
        return {
            "kind": kind,
            "refs": list(decision.refs),
            "seed": decision.seed,
            "reason": decision.reason,
        }
    if isinstance(decision, Withdraw):
        return {"kind": kind, "ref": decision.ref, "reason": decision.reason}
    if isinstance(decision, SetAmount):
        return {
            "kind": kind,
            "ref": decision.ref,
            "amount_cents": decision.amount_cents,
            "reason": decision.reason,
        }
    if isinstance(decision, CarryOver):
        return {
            "kind": kind,
            "ref": decision.ref,
            "to_session": decision.to_session,
            "reason": decision.reason,
        }
    return {"kind": kind, "category": decision.category, "reason": decision.reason}


def decode_decision(data: Mapping[str, Any]) -> Decision:
    decision = _decode_decision(data)
    session = data.get("session")
    return decision if session is None else replace(decision, session=str(session))


def _decode_decision(data: Mapping[str, Any]) -> Decision:
    kind = data["kind"]
    if kind == "tie":
        return OrderTie(
            refs=tuple(data["refs"]), reason=data["reason"], votes=_decode_votes(data["votes"])
        )
    if kind == "draw":
        return DrawLots(refs=tuple(data["refs"]), seed=data["seed"], reason=data["reason"])
    if kind == "withdraw":
        return Withdraw(ref=data["ref"], reason=data["reason"])
    if kind == "amount":
        return SetAmount(ref=data["ref"], amount_cents=data["amount_cents"], reason=data["reason"])
    if kind == "no-award":
        return NoAward(category=data["category"], reason=data["reason"])
    if kind == "carry-over":
        return CarryOver(ref=data["ref"], to_session=data["to_session"], reason=data["reason"])
    raise ValueError(f"unknown decision kind {kind!r}")
