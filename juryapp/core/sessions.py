"""One session of a call that runs over a year (rules §12): the campaign as that session
deliberates it, and the year's ledger that says what it may award.

A session deliberates its own dossiers (those presented at it), with its own attendance
and decisions; its envelope is what the ledger (``core.ledger``) leaves it after the
sessions before it, per category as for the call. A withdrawal recorded in a session of
a laureate of an earlier session gives that laureate's money back to the year and does
not change the earlier session's results (its PV is sealed).

When a session's own envelope is less than what remains of the categories' envelopes, it
is shared among them in proportion to what remains of each.

A campaign without sessions is one session: :func:`year_view` is not used for it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from juryapp.core.engine import compute_results
from juryapp.core.ledger import Ledger, SessionFigures, build_ledger
from juryapp.core.model import (
    Attendance,
    CallSession,
    Campaign,
    CarryOver,
    Decision,
    Dossier,
    DrawLots,
    Juror,
    Mode,
    OrderTie,
    Withdraw,
)
from juryapp.core.money import format_cents
from juryapp.core.results import Results
from juryapp.i18n import translate

__all__ = [
    "SessionResults",
    "YearView",
    "current_session",
    "find_session",
    "presented_at",
    "session_of_decision",
    "session_of_dossier",
    "year_json",
    "year_text",
    "year_view",
]


def find_session(campaign: Campaign, code: str) -> CallSession | None:
    """The session named by its code (or its name, case ignored), or None."""
    wanted = code.strip().casefold()
    for session in campaign.sessions:
        if wanted in (session.code.casefold(), session.name.casefold()):
            return session
    return None


def current_session(campaign: Campaign) -> CallSession | None:
    """The session the secretariat works on by default: the first not sealed (the last
    when all are); None for a call without sessions."""
    for session in campaign.sessions:
        if not session.sealed:
            return session
    return campaign.sessions[-1] if campaign.sessions else None


def session_of_dossier(campaign: Campaign, ref_session: str | None) -> str:
    """The session a dossier is presented at (a dossier without one: the first)."""
    return ref_session if ref_session is not None else campaign.sessions[0].code


def session_of_decision(campaign: Campaign, decision: Decision) -> str:
    """The session a decision was taken in (one recorded without: the first)."""
    return decision.session if decision.session is not None else campaign.sessions[0].code


@dataclass(frozen=True)
class SessionResults:
    """One session's deliberation: its campaign (its dossiers, attendance, decisions and
    what it may award), its results, and what withdrawals recorded in it gave back."""

    session: CallSession
    number: int  # its place in the year, from 1 (« Comité n° 2 »)
    campaign: Campaign
    results: Results
    returned_cents: int
    returned_by_category: dict[str, int]


@dataclass(frozen=True)
class YearView:
    """Every session up to the one asked for, with the year's ledger (and each
    category's, for categories with their own envelope)."""

    sessions: tuple[SessionResults, ...]
    ledger: Ledger | None  # None: the call has no envelope (prize mode)
    # every dossier of the year (a decision may name one deliberated in another session)
    dossiers: tuple[Dossier, ...]
    category_ledgers: dict[str, Ledger]

    @property
    def last(self) -> SessionResults:
        return self.sessions[-1]

    withdrawn_later: frozenset[str] = frozenset()  # earlier laureates withdrawn since

    def funded_projects(self) -> int:
        """Laureates of sealed sessions, less those withdrawn since."""
        return sum(
            1
            for s in self.sessions
            if s.session.sealed
            for d in s.results.dossiers
            if d.amount_cents > 0 and d.ref not in self.withdrawn_later
        )


def year_view(campaign: Campaign, code: str) -> YearView:
    """The sessions of the year up to ``code`` (included), each deliberated with what
    the ledger left it. ``KeyError`` for an unknown session code."""
    asked = find_session(campaign, code)
    if asked is None:
        raise KeyError(code)
    year = campaign.rules.envelope_cents if campaign.rules.mode is Mode.ENVELOPE else None
    category_years = {
        c.code: c.envelope_cents
        for c in campaign.categories
        if c.envelope_cents is not None and campaign.rules.mode is Mode.ENVELOPE
    }
    figures: list[SessionFigures] = []
    category_figures: dict[str, list[SessionFigures]] = {c: [] for c in category_years}
    done: list[SessionResults] = []
    awarded_where: dict[str, tuple[int, str | None]] = {}  # ref → amount, category
    for number, session in enumerate(campaign.sessions, start=1):
        own = _restricted(campaign, session.code)
        returned, returned_by_category = _returned(campaign, session.code, own, awarded_where)
        ledger = (
            None
            if year is None
            else build_ledger(
                year,
                [*figures, SessionFigures(session.code, session.envelope_cents, 0, returned)],
                campaign.rules.carry_over,
            )
        )
        category_ledgers = {
            cat: build_ledger(
                envelope,
                [
                    *category_figures[cat],
                    SessionFigures(session.code, None, 0, returned_by_category.get(cat, 0)),
                ],
                carry_over=False,
            )
            for cat, envelope in category_years.items()
        }
        deliberated = _with_envelopes(own, ledger, category_ledgers)
        results = compute_results(deliberated)
        done.append(
            SessionResults(session, number, deliberated, results, returned, returned_by_category)
        )
        category_of = {d.ref: d.category for d in own.dossiers}
        for d in results.dossiers:
            if d.amount_cents > 0:
                awarded_where[d.ref] = (d.amount_cents, category_of.get(d.ref))
        figures.append(
            SessionFigures(
                session.code,
                session.envelope_cents,
                results.awarded_cents if session.sealed else 0,
                returned,
                session.sealed,
            )
        )
        for cat in category_years:
            awarded = sum(d.amount_cents for d in results.dossiers if category_of.get(d.ref) == cat)
            category_figures[cat].append(
                SessionFigures(
                    session.code,
                    None,
                    awarded if session.sealed else 0,
                    returned_by_category.get(cat, 0),
                    session.sealed,
                )
            )
        if session.code == asked.code:
            break
    # the ledgers after the last session, its awards spent only when it is sealed
    final = None if year is None else build_ledger(year, figures, campaign.rules.carry_over)
    final_categories = {
        cat: build_ledger(envelope, category_figures[cat], carry_over=False)
        for cat, envelope in category_years.items()
    }
    withdrawn_later = frozenset(
        d.ref
        for s in done
        for d in campaign.decisions
        if isinstance(d, Withdraw)
        and session_of_decision(campaign, d) == s.session.code
        and d.ref not in {x.ref for x in s.campaign.dossiers}
    )
    return YearView(tuple(done), final, campaign.dossiers, final_categories, withdrawn_later)


def presented_at(campaign: Campaign) -> dict[str, str]:
    """The session each dossier is deliberated at: the one it is presented at, or the one
    a carry-over (« Report ») decided in that session sent it to."""
    where = {d.ref: session_of_dossier(campaign, d.session) for d in campaign.dossiers}
    for decision in campaign.decisions:
        if isinstance(decision, CarryOver) and where.get(decision.ref) == session_of_decision(
            campaign, decision
        ):
            where[decision.ref] = decision.to_session
    return where


def _restricted(campaign: Campaign, code: str) -> Campaign:
    """The campaign as session ``code`` deliberates it, before its envelope is set."""
    where = presented_at(campaign)
    refs = {ref for ref, session in where.items() if session == code}
    attendance = {juror: how for s, juror, how in campaign.session_attendance if s == code}
    return replace(
        campaign,
        dossiers=tuple(d for d in campaign.dossiers if d.ref in refs),
        jurors=tuple(_attending(j, attendance) for j in campaign.jurors),
        scores=tuple(s for s in campaign.scores if s.ref in refs),
        recusals=tuple(r for r in campaign.recusals if r.ref in refs),
        decisions=tuple(
            d
            for d in campaign.decisions
            if session_of_decision(campaign, d) == code and _concerns(d, refs)
        ),
    )


def _attending(juror: Juror, attendance: dict[str, Attendance]) -> Juror:
    how = attendance.get(juror.code)
    return juror if how is None else replace(juror, attendance=how)


def _concerns(decision: Decision, refs: set[str]) -> bool:
    """Whether the engine deliberates a decision with the session's own dossiers: not a
    carry-over (it moved the dossier), nor a withdrawal of an earlier session's laureate
    (it gives money back to the year), nor an order naming a dossier carried away."""
    if isinstance(decision, CarryOver):
        return False
    if isinstance(decision, OrderTie | DrawLots):
        return set(decision.refs) <= refs
    ref = getattr(decision, "ref", None)
    return ref is None or ref in refs


def _returned(
    campaign: Campaign,
    code: str,
    own: Campaign,
    awarded_where: dict[str, tuple[int, str | None]],
) -> tuple[int, dict[str, int]]:
    """The money withdrawals recorded in session ``code`` give back: the amounts earlier
    sessions awarded to the dossiers withdrawn."""
    own_refs = {d.ref for d in own.dossiers}
    total = 0
    by_category: dict[str, int] = {}
    for decision in campaign.decisions:
        if (
            isinstance(decision, Withdraw)
            and session_of_decision(campaign, decision) == code
            and decision.ref not in own_refs
            and decision.ref in awarded_where
        ):
            amount, category = awarded_where[decision.ref]
            total += amount
            if category is not None:
                by_category[category] = by_category.get(category, 0) + amount
    return total, by_category


def _with_envelopes(
    campaign: Campaign, ledger: Ledger | None, category_ledgers: dict[str, Ledger]
) -> Campaign:
    """The session's campaign with what the ledger lets it award. When what remains of
    the categories' envelopes is more than the session may award (its own envelope), the
    session's is shared among them in proportion to what remains of each (rounded down)."""
    if ledger is None:
        return campaign
    available = ledger.sessions[-1].available_cents
    shares = {code: cat.sessions[-1].available_cents for code, cat in category_ledgers.items()}
    wanted = sum(shares.values())
    if wanted > available:
        shares = {code: available * share // wanted for code, share in shares.items()}
    rules = replace(campaign.rules, envelope_cents=available)
    categories = tuple(
        replace(c, envelope_cents=shares[c.code]) if c.code in shares else c
        for c in campaign.categories
    )
    return replace(campaign, rules=rules, categories=categories)


def year_json(view: YearView, minimum: int | None) -> dict[str, Any]:
    """``session`` and ``ledger`` of ``results --session S --json`` (spec/cli.md)."""
    last = view.last
    ledger = view.ledger
    account = None if ledger is None else ledger.sessions[-1]
    accounts = {} if ledger is None else {a.code: a for a in ledger.sessions}
    return {
        "session": {
            "code": last.session.code,
            "name": last.session.name,
            "number": last.number,
            "date": last.session.date,
            "sealed": last.session.sealed,
            "pv_version": last.session.pv_version,
            "envelope_cents": last.session.envelope_cents,
            "available_cents": None if account is None else account.available_cents,
            "returned_cents": last.returned_cents,
        },
        "ledger": {
            "year_envelope_cents": None if ledger is None else ledger.year_envelope_cents,
            "spent_cents": (
                sum(s.results.awarded_cents for s in view.sessions if s.session.sealed)
                if ledger is None
                else ledger.spent_cents
            ),
            "not_consumed_cents": 0 if ledger is None else ledger.locked_cents,
            "remaining_cents": None if ledger is None else ledger.remaining_cents,
            "funded_projects": view.funded_projects(),
            "minimum_projects": minimum,
            "sessions": [
                {
                    "code": s.session.code,
                    "sealed": s.session.sealed,
                    "awarded_cents": s.results.awarded_cents,
                    "returned_cents": s.returned_cents,
                    "carried_over_cents": (
                        accounts[s.session.code].carried_out_cents if accounts else 0
                    ),
                    "not_consumed_cents": (
                        accounts[s.session.code].not_consumed_cents if accounts else 0
                    ),
                }
                for s in view.sessions
            ],
            "categories": {
                code: {
                    "year_envelope_cents": cat.year_envelope_cents,
                    "spent_cents": cat.spent_cents,
                    "remaining_cents": cat.remaining_cents,
                }
                for code, cat in view.category_ledgers.items()
            },
        },
    }


def year_text(view: YearView, minimum: int | None, lang: str = "fr") -> str:
    """The session and the year's ledger, as lines above ``results``' table."""

    def money(cents: int | None) -> str:
        return "—" if cents is None else format_cents(cents, lang)

    last = view.last
    state = translate("clos", lang) if last.session.sealed else translate("ouvert", lang)
    lines = [
        translate("Comité n° {number} — {name} ({code}) — {date} — {state}", lang).format(
            number=last.number,
            name=last.session.name,
            code=last.session.code,
            date=last.session.date or "—",
            state=state,
        )
    ]
    ledger = view.ledger
    if ledger is not None:
        account = ledger.sessions[-1]
        lines.append(
            translate(
                "Année : {year} — dépensé par les comités clos : {spent} — reste : {remaining}",
                lang,
            ).format(
                year=money(ledger.year_envelope_cents),
                spent=money(ledger.spent_cents),
                remaining=money(ledger.remaining_cents),
            )
        )
        lines.append(
            translate("Ce comité peut attribuer : {available}", lang).format(
                available=money(account.available_cents)
            )
            + (
                translate(" (enveloppe du comité : {declared})", lang).format(
                    declared=money(account.declared_cents)
                )
                if account.declared_cents is not None
                else ""
            )
        )
    if last.returned_cents:
        lines.append(
            translate(
                "Rendu par des retraits de lauréats de comités précédents : {amount}", lang
            ).format(amount=money(last.returned_cents))
        )
    if minimum is not None:
        funded = view.funded_projects()
        met = translate("atteint", lang) if funded >= minimum else translate("non atteint", lang)
        lines.append(
            translate("Projets financés dans l'année : {funded} / {minimum} — {met}", lang).format(
                funded=funded, minimum=minimum, met=met
            )
        )
    return "\n".join(lines) + "\n\n"
