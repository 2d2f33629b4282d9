"""The deliberation: the jury's decisions (ties, draws, withdrawals, amounts, no award,
undoing one), then sealing and reopening.

Each operation checks its input against the rules and the current results,
refuses with one French sentence (``OperationError``) and changes nothing, or
records its change in the campaign file (which journals it).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from juryapp.core.engine import compute_results
from juryapp.core.errors import OperationError
from juryapp.core.model import (
    Attendance,
    CallRules,
    Campaign,
    CarryOver,
    Decision,
    DrawLots,
    NoAward,
    OrderTie,
    SetAmount,
    TieBreakKind,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.core.quorum import president, vote_outcome
from juryapp.core.report import results_to_json, status_label
from juryapp.core.results import DossierResult, Results, Status, TieGroup
from juryapp.core.sessions import YearView, year_json
from juryapp.core.tiebreaks import draw_order
from juryapp.i18n import _, current_language
from juryapp.operations.campaign import campaign_info, compute, resolve_session, year_of
from juryapp.operations.changes import Changes, Outcome
from juryapp.operations.registry import registry_flags
from juryapp.operations.secretariat import require_open
from juryapp.store import CampaignFile, SealInfo

__all__ = [
    "Draw",
    "chain_departure",
    "close_deliberation",
    "decide_amount",
    "decide_carry_over",
    "decide_draw",
    "decide_no_award",
    "decide_tie",
    "decide_withdraw",
    "reopen_deliberation",
    "undo_decision",
]

_DECIDED = Changes(decisions=True)


class Draw(NamedTuple):
    """A draw of lots: the seed recorded, the order it gives, the results after it."""

    seed: int
    order: tuple[str, ...]
    results: Results


# --- decisions ----------------------------------------------------------------------


def _tie_part(results: Results, refs: Sequence[str]) -> TieGroup:
    """The tie group one of whose unbroken parts is exactly ``refs`` (what the chain or an
    earlier decision already ordered cannot be decided again without undoing it)."""
    wanted = set(refs)
    for tie in results.ties:
        if any(set(part) == wanted for part in tie.parts if len(part) > 1):
            return tie
    listed = ", ".join(refs)
    known = "; ".join(", ".join(p) for t in results.ties for p in t.parts if len(p) > 1)
    hint = (
        _(" Ex aequo en cours : {known}.").format(known=known)
        if known
        else _(" Aucun ex aequo en cours.")
    )
    raise OperationError(
        _("{listed} ne forment pas un groupe d'ex aequo.{hint}").format(listed=listed, hint=hint)
    )


def _record(
    campaign_file: CampaignFile, decision: Decision, author: str, session: str | None = None
) -> Outcome[Results]:
    """Record ``decision``, in ``session`` (None: the current one) for a call with
    sessions; the session's results after it."""
    found = resolve_session(campaign_file.load_frame(), session)
    if found is not None:
        decision = replace(decision, session=found.code)
    campaign_file.add_decision(decision, author)
    return Outcome(compute(campaign_file, None if found is None else found.code)[1], _DECIDED)


def decide_tie(
    campaign_file: CampaignFile,
    refs: Sequence[str],
    order: Sequence[str],
    reason: str,
    author: str,
    *,
    votes: tuple[int, int, int] | None = None,
    president_vote: VoteChoice | None = None,
    session: str | None = None,
) -> Outcome[Results]:
    """Order a tie group (after a vote of the jury when ``votes`` are given)."""
    require_open(campaign_file)
    campaign, results = compute(campaign_file, session)
    _tie_part(results, refs)
    if sorted(order) != sorted(refs):
        raise OperationError(
            _("L'ordre ({order}) doit reprendre exactement les dossiers ex aequo ({refs}).").format(
                order=", ".join(order), refs=", ".join(refs)
            )
        )
    if not reason.strip():
        departure = chain_departure(campaign.rules, TieBreakKind.VOTE)
        raise OperationError(
            (departure + " " if departure else "")
            + _("Indiquez la raison de la décision (--reason).")
        )
    count = None
    if votes is not None:
        count = VoteCount(*votes, president=president_vote)
        if min(votes) < 0:
            raise OperationError(_("Les nombres de voix ne peuvent pas être négatifs."))
        voters = [
            j
            for j in campaign.jurors
            if j.votes
            and j.attendance is not Attendance.ABSENT
            and not any(r.juror == j.code and r.ref in refs for r in campaign.recusals)
        ]
        if campaign.jurors and sum(votes) > len(voters):
            raise OperationError(
                _(
                    "{votes} voix exprimées ou abstentions pour {voters} membres votants "
                    "présents (déportés exclus)."
                ).format(votes=sum(votes), voters=len(voters))
            )
        if president_vote is not None and president(campaign.jurors) is None:
            raise OperationError(_("Le jury n'a pas de président : pas de voix prépondérante."))
        outcome = vote_outcome(count, campaign.rules.majority)
        if not outcome.adopted:
            hint = ""
            if votes[0] == votes[1] and president_vote is None:
                hint = _(
                    " Les voix sont partagées : la voix du président peut départager "
                    "(--president pour ou contre)."
                )
            raise OperationError(
                _("L'ordre proposé n'est pas adopté : {explanation}.{hint}").format(
                    explanation=outcome.explanation, hint=hint
                )
            )
    return _record(campaign_file, OrderTie(tuple(order), reason, count), author, session)


def chain_departure(rules: CallRules, kind: TieBreakKind) -> str | None:
    """Why settling a tie by ``kind`` (a vote or a draw) departs from the call's declared
    tie-break chain, as a French sentence; None when the chain declares that step."""
    if any(step.kind is kind for step in rules.tie_break):
        return None
    chain = " ; ".join(step.keyword() for step in rules.tie_break) or _(
        "aucune : les ex aequo partagent le rang"
    )
    what = _("le tirage au sort") if kind is TieBreakKind.DRAW else _("un vote du jury")
    return _(
        "Le règlement de l'appel ne prévoit pas {what} pour départager les ex aequo "
        "(départage déclaré : {chain}). Le jury peut s'en écarter en indiquant pourquoi ; "
        "le procès-verbal le dira."
    ).format(what=what, chain=chain)


def decide_draw(
    campaign_file: CampaignFile,
    refs: Sequence[str],
    author: str,
    *,
    seed: int | None = None,
    reason: str = "",
    session: str | None = None,
) -> Outcome[Draw]:
    """Draw lots over a whole tie group; the seed is recorded so anyone can redo it.
    A draw the call's tie-break chain does not declare needs a reason."""
    require_open(campaign_file)
    campaign, results = compute(campaign_file, session)
    _tie_part(results, refs)
    departure = chain_departure(campaign.rules, TieBreakKind.DRAW)
    if departure is not None and not reason.strip():
        raise OperationError(departure + " " + _("Indiquez le motif du tirage au sort (--reason)."))
    seed = secrets.randbits(63) if seed is None else seed
    if seed < 0:
        raise OperationError(_("La graine du tirage doit être un entier positif."))
    order = draw_order(refs, seed)
    recorded = _record(
        campaign_file,
        DrawLots(tuple(sorted(refs)), seed, reason or "tirage au sort"),
        author,
        session,
    )
    return Outcome(Draw(seed, tuple(order), recorded.value), recorded.changes)


def decide_withdraw(
    campaign_file: CampaignFile, ref: str, reason: str, author: str, session: str | None = None
) -> Outcome[Results]:
    """Withdraw a dossier (désistement, disqualification): the waiting list moves up. For
    a call with sessions, a laureate of an earlier sealed session may withdraw later: the
    withdrawal is recorded in ``session`` (the current one) and its money goes back to
    the year; the sealed session's results do not change."""
    require_open(campaign_file)
    campaign = campaign_file.load()
    view = year_of(campaign, session)
    if view is not None and not any(d.ref == ref for d in view.last.campaign.dossiers):
        _withdraw_earlier_laureate(campaign, view, ref)
    else:
        results = compute(campaign_file, session)[1]
        result = _dossier(results, ref)
        if result.status is Status.WITHDRAWN:
            raise OperationError(_("Le dossier {ref} est déjà retiré.").format(ref=ref))
    if not reason.strip():
        raise OperationError(_("Indiquez la raison du retrait (--reason)."))
    return _record(campaign_file, Withdraw(ref, reason), author, session)


def _withdraw_earlier_laureate(campaign: Campaign, view: YearView, ref: str) -> None:
    """Refuse a withdrawal in a session of a dossier that is neither its own nor a
    laureate of an earlier sealed session (or one already withdrawn)."""
    if ref in view.withdrawn_later:
        raise OperationError(_("Le dossier {ref} est déjà retiré.").format(ref=ref))
    for earlier in view.sessions[:-1]:
        if any(d.ref == ref for d in earlier.campaign.dossiers):
            result = earlier.results.dossier(ref)
            if not earlier.session.sealed or result.amount_cents <= 0:
                raise OperationError(
                    _(
                        "Le dossier {ref} est présenté au comité {session}, qui n'en a pas "
                        "fait un lauréat clos : son retrait se décide dans ce comité "
                        "(--session {session})."
                    ).format(ref=ref, session=earlier.session.code)
                )
            return
    if not any(d.ref == ref for d in campaign.dossiers):
        raise OperationError(_("Dossier inconnu « {ref} ».").format(ref=ref))
    later = next(d.session for d in campaign.dossiers if d.ref == ref)
    raise OperationError(
        _(
            "Le dossier {ref} est présenté à un comité suivant ({later}) : son retrait se "
            "décide dans ce comité (--session {later})."
        ).format(ref=ref, later=later)
    )


def decide_amount(
    campaign_file: CampaignFile,
    ref: str,
    amount_cents: int,
    reason: str,
    author: str,
    session: str | None = None,
) -> Outcome[Results]:
    """Set a dossier's amount; refused when it breaks a cap or the envelope."""
    require_open(campaign_file)
    campaign, results = compute(campaign_file, session)
    result = _dossier(results, ref)
    if result.status not in (Status.LAUREATE, Status.WAITING):
        raise OperationError(
            _(
                "Le dossier {ref} n'est pas retenu ({status}) : aucun montant ne peut "
                "lui être fixé."
            ).format(ref=ref, status=status_label(result.status, current_language()))
        )
    if amount_cents < 0:
        raise OperationError(_("Un montant ne peut pas être négatif."))
    if not reason.strip():
        raise OperationError(_("Indiquez la raison du montant fixé (--reason)."))
    decision = SetAmount(ref, amount_cents, reason)
    trial = compute_results(replace(campaign, decisions=(*campaign.decisions, decision)))
    refused = [p for p in trial.pending if p.kind == "amount" and ref in p.refs]
    if refused:
        raise OperationError(
            _("Montant refusé : {problem}").format(
                problem=refused[0].detail.render(current_language())
            )
        )
    return _record(campaign_file, decision, author, session)


def decide_no_award(
    campaign_file: CampaignFile,
    category: str,
    reason: str,
    author: str,
    session: str | None = None,
) -> Outcome[Results]:
    """The jury does not award a category; its money follows the reallocation rule."""
    require_open(campaign_file)
    campaign = campaign_file.load()
    if category not in {c.code for c in campaign.categories}:
        known = ", ".join(c.code for c in campaign.categories) or _("aucune")
        raise OperationError(
            _("Catégorie inconnue « {category} » (catégories : {known}).").format(
                category=category, known=known
            )
        )
    if not reason.strip():
        raise OperationError(_("Indiquez la raison (--reason)."))
    return _record(campaign_file, NoAward(category, reason), author, session)


def decide_carry_over(
    campaign_file: CampaignFile,
    ref: str,
    to_session: str,
    reason: str,
    author: str,
    session: str | None = None,
) -> Outcome[Results]:
    """« Report » (rules §12): carry a retained, unfunded dossier of ``session`` (the
    current one) over to a later, open session, where it is ranked again; the session's
    results after it."""
    require_open(campaign_file)
    campaign = campaign_file.load()
    view = year_of(campaign, session)
    if view is None:
        raise OperationError(
            _("L'appel n'a pas de comités (pas de feuille « Sessions ») : rien à reporter.")
        )
    here = view.last
    result = _dossier(here.results, ref)
    if result.status is not Status.WAITING:
        raise OperationError(
            _(
                "Seul un dossier retenu et non financé (liste complémentaire) se reporte ; "
                "{ref} est : {status}."
            ).format(ref=ref, status=status_label(result.status, current_language()))
        )
    target = resolve_session(campaign, to_session)
    assert target is not None
    codes = [s.code for s in campaign.sessions]
    if codes.index(target.code) <= codes.index(here.session.code):
        raise OperationError(
            _("Un dossier se reporte à un comité suivant (après {session}).").format(
                session=here.session.code
            )
        )
    if target.sealed:
        raise OperationError(
            _("Le comité {session} est clos : rien ne peut y être reporté.").format(
                session=target.code
            )
        )
    if not reason.strip():
        raise OperationError(_("Indiquez la raison du report (--reason)."))
    return _record(campaign_file, CarryOver(ref, target.code, reason), author, here.session.code)


def _dossier(results: Results, ref: str) -> DossierResult:
    try:
        return results.dossier(ref)
    except KeyError:
        raise OperationError(_("Dossier inconnu « {ref} ».").format(ref=ref)) from None


# --- sealing ------------------------------------------------------------------------


def close_deliberation(
    campaign_file: CampaignFile, author: str, session: str | None = None
) -> Outcome[SealInfo]:
    """Seal the deliberation, refused with the list of what is pending. For a call with
    sessions: seal ``session`` (None: the current one), the others staying open."""
    if campaign_file.is_closed:
        raise OperationError(_("La délibération est déjà close."))
    view = year_of(campaign_file.load(), session)
    if view is not None:
        return _close_session(campaign_file, author, view)
    campaign, results = compute(campaign_file)
    lines = "\n".join(f"  - {item.detail.render(current_language())}" for item in results.pending)
    flags = registry_flags(campaign_file, campaign.dossiers)
    if lines:
        raise OperationError(
            _("Clôture impossible : des points restent en attente :\n{lines}").format(lines=lines)
        )
    sealed = campaign_info(campaign_file)
    payload = json.dumps(
        results_to_json(results, sealed, registry=flags),
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    return Outcome(campaign_file.close_deliberation(author, payload), Changes(seal=True))


def _close_session(campaign_file: CampaignFile, author: str, view: YearView) -> Outcome[SealInfo]:
    last = view.last
    if last.session.sealed:
        raise OperationError(
            _("Le comité {session} est déjà clos.").format(session=last.session.code)
        )
    open_before = [s.session.code for s in view.sessions[:-1] if not s.session.sealed]
    if open_before:
        raise OperationError(
            _(
                "Clôture impossible : le comité {session} délibère sur ce qu'il reste de "
                "l'année après les comités précédents ; clore d'abord {before}."
            ).format(session=last.session.code, before=", ".join(open_before))
        )
    results = last.results
    lines = "\n".join(f"  - {item.detail.render(current_language())}" for item in results.pending)
    if lines:
        raise OperationError(
            _("Clôture impossible : des points restent en attente :\n{lines}").format(lines=lines)
        )
    flags = registry_flags(campaign_file, last.campaign.dossiers)
    sealed = replace(last.session, sealed=True)
    sealed_view = replace(view, sessions=(*view.sessions[:-1], replace(last, session=sealed)))
    data = results_to_json(results, campaign_info(campaign_file), registry=flags)
    data["campaign"]["closed"] = True
    data.update(year_json(sealed_view, campaign_file.load().rules.minimum_projects))
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    info = campaign_file.close_deliberation(author, payload, session=last.session.code)
    return Outcome(info, Changes(seal=True))


def reopen_deliberation(
    campaign_file: CampaignFile, reason: str, author: str, session: str | None = None
) -> Outcome[int]:
    """Reopen a sealed deliberation; the next PV is a new version. For a call with
    sessions: reopen ``session`` (None: the last sealed one)."""
    if not reason.strip():
        raise OperationError(_("Une raison est nécessaire pour rouvrir la délibération."))
    campaign = campaign_file.load_frame()
    if campaign.sessions:
        code = session
        if code is None:
            sealed = [s.code for s in campaign.sessions if s.sealed]
            if not sealed:
                raise OperationError(_("Aucun comité n'est clos : rien à rouvrir."))
            code = sealed[-1]
        found = resolve_session(campaign, code)
        assert found is not None
        if not found.sealed:
            raise OperationError(
                _("Le comité {session} n'est pas clos.").format(session=found.code)
            )
        return Outcome(campaign_file.reopen(reason, author, found.code), Changes(seal=True))
    resolve_session(campaign, session)
    if not campaign_file.is_closed:
        raise OperationError(_("La délibération n'est pas close."))
    return Outcome(campaign_file.reopen(reason, author), Changes(seal=True))


def undo_decision(
    campaign_file: CampaignFile,
    decision_id: int,
    author: str,
    reason: str = "",
    session: str | None = None,
) -> Outcome[Results]:
    """Cancel a decision of the jury (until closing); the results follow at once."""
    require_open(campaign_file)
    known = {info.id: info for info in campaign_file.decisions()}
    info = known.get(decision_id)
    if info is None:
        raise OperationError(
            _("Décision n° {decision_id} inconnue.").format(decision_id=decision_id)
        )
    if info.undone:
        raise OperationError(
            _("La décision n° {decision_id} est déjà annulée.").format(decision_id=decision_id)
        )
    campaign_file.undo_decision(decision_id, author, reason)
    return Outcome(compute(campaign_file, info.decision.session or session)[1], _DECIDED)
