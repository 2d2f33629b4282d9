"""The secretariat's preparation: admissibility of dossiers, the scoring grid, the jury's
attendance."""

from __future__ import annotations

from collections.abc import Sequence

from juryapp.core.errors import OperationError
from juryapp.core.model import Attendance, Criterion
from juryapp.core.registry import MatchKind, already_supported_reason, flag_dossiers
from juryapp.core.results import Results
from juryapp.i18n import _
from juryapp.operations.campaign import compute, resolve_session
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile

__all__ = ["replace_grid", "require_open", "set_admissibility", "set_attendance"]


def require_open(campaign_file: CampaignFile) -> None:
    """Refuse a change to the deliberation once it is sealed."""
    if campaign_file.is_closed:
        raise OperationError(
            _("La délibération est close : rouvrez-la (avec une raison) avant toute décision.")
        )


def set_admissibility(
    campaign_file: CampaignFile, ref: str, admissible: bool, reason: str, author: str
) -> Outcome[bool]:
    """Declare a dossier admissible or not (a reason is required for "not"). A dossier the
    registry of past laureates excludes (rules §13) becomes admissible only by a ruling."""
    if admissible:
        _refuse_registry_exclusion(campaign_file, ref)
    changed = campaign_file.set_admissibility(ref, admissible, reason, author)
    return Outcome(changed, Changes(dossiers=changed))


def _refuse_registry_exclusion(campaign_file: CampaignFile, ref: str) -> None:
    laureates = campaign_file.past_laureates()
    if not laureates:
        return
    frame = campaign_file.load_frame()
    if not frame.rules.supported_once:
        return
    dossiers = [d for d in frame.dossiers if d.ref == ref]
    flag = flag_dossiers(dossiers, laureates, campaign_file.registry_rulings()).get(ref)
    if flag is None or not flag.excludes:
        return
    if flag.match.kind is MatchKind.SURE:
        raise OperationError(
            _(
                "Le dossier {ref} a le même {by} qu'un lauréat passé ({source}) : pour le "
                "déclarer recevable, le secrétariat passe outre avec un motif "
                "(juryapp registry override)."
            ).format(
                ref=ref,
                by=flag.match.by.value.upper(),
                source=already_supported_reason(flag.match.laureate),
            )
        )
    raise OperationError(
        _(
            "Le dossier {ref} a été reconnu comme un lauréat passé ({source}) : pour le "
            "déclarer recevable, écartez la correspondance (juryapp registry dismiss)."
        ).format(ref=ref, source=already_supported_reason(flag.match.laureate))
    )


def replace_grid(
    campaign_file: CampaignFile, criteria: Sequence[Criterion], author: str
) -> Outcome[None]:
    """Replace the scoring grid; refused once any score exists."""
    campaign_file.replace_criteria(criteria, author)
    return Outcome(None, Changes(grid=True))


def set_attendance(
    campaign_file: CampaignFile,
    juror: str,
    attendance: Attendance,
    author: str,
    session: str | None = None,
) -> Outcome[Results]:
    """Record a member's attendance (présent, visio, représenté, absent); quorum follows.
    For a call with sessions, the attendance of ``session`` (None: the current one)."""
    require_open(campaign_file)
    frame = campaign_file.load_frame()
    if juror not in {j.code for j in frame.jurors}:
        raise OperationError(_("Membre du jury inconnu « {juror} ».").format(juror=juror))
    found = resolve_session(frame, session)
    code = None if found is None else found.code
    changed = campaign_file.set_attendance(juror, attendance, author, code)
    return Outcome(compute(campaign_file, code)[1], Changes(jury=changed))
