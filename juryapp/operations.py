"""What a user can do to a campaign, shared by the command line and the desktop app.

Each operation checks its input against the rules and the current results,
refuses with one French sentence (``OperationError``) and changes nothing, or
records its change in the campaign file (which journals it). No Qt here.
"""

from __future__ import annotations

import getpass
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from juryapp.core.engine import compute_results
from juryapp.core.errors import OperationError
from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import (
    Attendance,
    CallRules,
    Campaign,
    Decision,
    Dossier,
    DrawLots,
    NoAward,
    OrderTie,
    Role,
    SetAmount,
    TieBreakKind,
    VoteChoice,
    VoteCount,
    Withdraw,
)
from juryapp.core.quorum import president, vote_outcome, voting_juror
from juryapp.core.report import CampaignInfo, results_to_json, status_label
from juryapp.core.results import DossierResult, Results, Status, TieGroup
from juryapp.core.tiebreaks import draw_order
from juryapp.i18n import _, current_language
from juryapp.store import CampaignFile, ImportReport, SealInfo

__all__ = [
    "CreatedCampaign",
    "DossierImportResult",
    "OperationError",
    "account_name",
    "acting_author",
    "author_of",
    "campaign_info",
    "chain_departure",
    "close_deliberation",
    "compute",
    "create_from_workbook",
    "decide_amount",
    "decide_draw",
    "decide_no_award",
    "decide_tie",
    "decide_withdraw",
    "import_dossiers",
    "reopen_deliberation",
    "set_attendance",
    "undo_decision",
    "write_score_sheet",
]


# --- who acts -----------------------------------------------------------------------


def account_name() -> str:
    """The computer account's name: the last resort for naming who acts."""
    try:
        return getpass.getuser() or _("secrétariat")
    except (KeyError, OSError):
        return _("secrétariat")


def acting_author(campaign: Campaign, given: str | None = None) -> str:
    """The person named in the journal and the PV: ``given`` (``--author``, the person
    chosen in the app), else the secretary named in the jury, else the account's name."""
    if given is not None and given.strip():
        return " ".join(given.split())
    secretary = next((j for j in campaign.jurors if j.role is Role.SECRETARY), None)
    return secretary.name if secretary is not None else account_name()


def author_of(campaign_file: CampaignFile, given: str | None = None) -> str:
    """``acting_author`` for an open campaign file (reads the jury, not the scores)."""
    if given is not None and given.strip():
        return " ".join(given.split())
    return acting_author(campaign_file.load_frame())


def campaign_info(campaign_file: CampaignFile) -> CampaignInfo:
    return CampaignInfo(
        id=campaign_file.campaign_id,
        name=campaign_file.name,
        closed=campaign_file.is_closed,
        seal=campaign_file.seal,
    )


def compute(campaign_file: CampaignFile) -> tuple[Campaign, Results]:
    """The campaign as stored and its results, recomputed from scratch."""
    campaign = campaign_file.load()
    return campaign, compute_results(campaign)


# --- creating and filling ----------------------------------------------------------


@dataclass(frozen=True)
class CreatedCampaign:
    file: CampaignFile
    warnings: tuple[str, ...]


def create_from_workbook(path: Path, workbook: Path, author: str | None) -> CreatedCampaign:
    """A new campaign file from a campaign workbook (InputError/StoreError pass through);
    ``author`` None: the secretary the workbook names (see ``acting_author``)."""
    from juryapp.io.workbook import read_campaign_workbook

    book = read_campaign_workbook(workbook)
    author = acting_author(book.campaign, author)
    # Created under a temporary name and renamed when whole (journal entry included).
    with CampaignFile.building(path, book.campaign, author) as building:
        building.journal_append(
            "import-workbook",
            {"file": Path(workbook).name, "warnings": list(book.warnings)},
            author,
        )
    return CreatedCampaign(CampaignFile.open(path), book.warnings)


@dataclass(frozen=True)
class DossierImportResult:
    report: ImportReport
    sheet: str
    warnings: tuple[str, ...]


def import_dossiers(
    campaign_file: CampaignFile,
    workbook: Path,
    author: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> DossierImportResult:
    """Add or update dossiers from a sheet, all or nothing."""
    from juryapp.io.workbook import FREE, IGNORE, read_dossiers

    campaign = campaign_file.load()
    read = read_dossiers(
        workbook,
        sheet=sheet,
        mapping=mapping,
        mode=campaign.rules.mode,
        categories=campaign.categories,
    )
    known = {d.ref: d for d in campaign.dossiers}
    present = {field for field in read.mapping.values() if field not in (FREE, IGNORE)}
    dossiers = [_updated(known[d.ref], d, present) if d.ref in known else d for d in read.dossiers]
    report = campaign_file.import_dossiers(
        dossiers, author, f"{Path(workbook).name} / {read.sheet}"
    )
    return DossierImportResult(report, read.sheet, read.warnings)


def _updated(current: Dossier, imported: Dossier, present: set[str]) -> Dossier:
    """A known dossier updated by an import: only the columns the sheet has change;
    the others (and free fields the sheet does not carry) keep their values."""
    changes = {field: getattr(imported, field) for field in present if field != "ref"}
    if "admissible" in present and "inadmissible_reason" not in present:
        changes["inadmissible_reason"] = imported.inadmissible_reason
    fields = dict(current.fields)
    fields.update(imported.fields)
    return replace(current, **changes, fields=tuple(fields.items()))


def write_score_sheet(campaign_file: CampaignFile, juror: str, out: Path) -> None:
    """A blank score sheet for one voting juror, pre-filled and limited to the grid."""
    from juryapp.io.scoresheet import write_score_sheet as write_sheet

    campaign = campaign_file.load()
    voting_juror(campaign.jurors, juror)
    write_sheet(
        out,
        campaign_id=campaign_file.campaign_id,
        campaign_name=campaign_file.name,
        fingerprint=grid_fingerprint(campaign.criteria, campaign.rules.scale),
        criteria=campaign.criteria,
        dossiers=[d for d in campaign.dossiers if d.admissible],
        juror_code=juror,
        recusals=[r for r in campaign.recusals if r.juror == juror],
    )


# --- decisions ----------------------------------------------------------------------


def _require_open(campaign_file: CampaignFile) -> None:
    if campaign_file.is_closed:
        raise OperationError(
            _("La délibération est close : rouvrez-la (avec une raison) avant toute décision.")
        )


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


def _record(campaign_file: CampaignFile, decision: Decision, author: str) -> Results:
    campaign_file.add_decision(decision, author)
    return compute(campaign_file)[1]


def decide_tie(
    campaign_file: CampaignFile,
    refs: Sequence[str],
    order: Sequence[str],
    reason: str,
    author: str,
    *,
    votes: tuple[int, int, int] | None = None,
    president_vote: VoteChoice | None = None,
) -> Results:
    """Order a tie group (after a vote of the jury when ``votes`` are given)."""
    _require_open(campaign_file)
    campaign, results = compute(campaign_file)
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
    return _record(campaign_file, OrderTie(tuple(order), reason, count), author)


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
) -> tuple[int, tuple[str, ...], Results]:
    """Draw lots over a whole tie group; the seed is recorded so anyone can redo it.
    A draw the call's tie-break chain does not declare needs a reason."""
    _require_open(campaign_file)
    campaign, results = compute(campaign_file)
    _tie_part(results, refs)
    departure = chain_departure(campaign.rules, TieBreakKind.DRAW)
    if departure is not None and not reason.strip():
        raise OperationError(departure + " " + _("Indiquez le motif du tirage au sort (--reason)."))
    seed = secrets.randbits(63) if seed is None else seed
    if seed < 0:
        raise OperationError(_("La graine du tirage doit être un entier positif."))
    order = draw_order(refs, seed)
    results = _record(
        campaign_file, DrawLots(tuple(sorted(refs)), seed, reason or "tirage au sort"), author
    )
    return seed, order, results


def decide_withdraw(campaign_file: CampaignFile, ref: str, reason: str, author: str) -> Results:
    """Withdraw a dossier (désistement, disqualification): the waiting list moves up."""
    _require_open(campaign_file)
    _campaign, results = compute(campaign_file)
    result = _dossier(results, ref)
    if result.status is Status.WITHDRAWN:
        raise OperationError(_("Le dossier {ref} est déjà retiré.").format(ref=ref))
    if not reason.strip():
        raise OperationError(_("Indiquez la raison du retrait (--reason)."))
    return _record(campaign_file, Withdraw(ref, reason), author)


def decide_amount(
    campaign_file: CampaignFile, ref: str, amount_cents: int, reason: str, author: str
) -> Results:
    """Set a dossier's amount; refused when it breaks a cap or the envelope."""
    _require_open(campaign_file)
    campaign, results = compute(campaign_file)
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
    return _record(campaign_file, decision, author)


def decide_no_award(
    campaign_file: CampaignFile, category: str, reason: str, author: str
) -> Results:
    """The jury does not award a category; its money follows the reallocation rule."""
    _require_open(campaign_file)
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
    return _record(campaign_file, NoAward(category, reason), author)


def _dossier(results: Results, ref: str) -> DossierResult:
    try:
        return results.dossier(ref)
    except KeyError:
        raise OperationError(_("Dossier inconnu « {ref} ».").format(ref=ref)) from None


# --- sealing ------------------------------------------------------------------------


def close_deliberation(campaign_file: CampaignFile, author: str) -> SealInfo:
    """Seal the deliberation, refused with the list of what is pending."""
    if campaign_file.is_closed:
        raise OperationError(_("La délibération est déjà close."))
    _campaign, results = compute(campaign_file)
    if results.pending:
        lines = "\n".join(
            f"  - {item.detail.render(current_language())}" for item in results.pending
        )
        raise OperationError(
            _("Clôture impossible : des points restent en attente :\n{lines}").format(lines=lines)
        )
    sealed = campaign_info(campaign_file)
    payload = json.dumps(
        results_to_json(results, sealed), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode()
    return campaign_file.close_deliberation(author, payload)


def reopen_deliberation(campaign_file: CampaignFile, reason: str, author: str) -> int:
    """Reopen a sealed deliberation; the next PV is a new version."""
    if not reason.strip():
        raise OperationError(_("Une raison est nécessaire pour rouvrir la délibération."))
    if not campaign_file.is_closed:
        raise OperationError(_("La délibération n'est pas close."))
    return campaign_file.reopen(reason, author)


def undo_decision(
    campaign_file: CampaignFile, decision_id: int, author: str, reason: str = ""
) -> Results:
    """Cancel a decision of the jury (until closing); the results follow at once."""
    _require_open(campaign_file)
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
    return compute(campaign_file)[1]


def set_attendance(
    campaign_file: CampaignFile, juror: str, attendance: Attendance, author: str
) -> Results:
    """Record a member's attendance (présent, visio, représenté, absent); quorum follows."""
    _require_open(campaign_file)
    if juror not in {j.code for j in campaign_file.load().jurors}:
        raise OperationError(_("Membre du jury inconnu « {juror} ».").format(juror=juror))
    campaign_file.set_attendance(juror, attendance, author)
    return compute(campaign_file)[1]
