"""The campaign as a whole: creating it from a workbook, importing its dossiers, who
acts in it, what it is, and its results recomputed."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from juryapp.core.engine import compute_results
from juryapp.core.errors import OperationError
from juryapp.core.model import CallSession, Campaign, Dossier, Role
from juryapp.core.registry import RegistryFlag, flag_dossiers
from juryapp.core.report import CampaignInfo
from juryapp.core.results import Results
from juryapp.core.sessions import YearView, current_session, find_session, year_view
from juryapp.i18n import _
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile, ImportReport, SealInfo

if TYPE_CHECKING:
    from juryapp.operations.ds_import import DsReport

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)

__all__ = [
    "CreatedCampaign",
    "DossierImportResult",
    "account_name",
    "acting_author",
    "author_of",
    "campaign_info",
    "compute",
    "create_from_workbook",
    "import_dossiers",
    "resolve_session",
    "session_seal",
    "year_of",
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


# --- what it is ---------------------------------------------------------------------


def campaign_info(campaign_file: CampaignFile, session: CallSession | None = None) -> CampaignInfo:
    """The campaign file's identity and seal (``session``: that session's seal)."""
    if session is None:
        return CampaignInfo(
            id=campaign_file.campaign_id,
            name=campaign_file.name,
            closed=campaign_file.is_closed,
            seal=campaign_file.seal,
        )
    seal = session_seal(campaign_file, session)
    return CampaignInfo(
        id=campaign_file.campaign_id,
        name=campaign_file.name,
        closed=session.sealed,
        seal=None if seal is None else seal.hash,
    )


def session_seal(campaign_file: CampaignFile, session: CallSession) -> SealInfo | None:
    """The seal of a sealed session (None while it is open)."""
    if not session.sealed:
        return None
    return next(
        (
            s
            for s in reversed(campaign_file.seals())
            if s.session == session.code and s.reopened_at is None
        ),
        None,
    )


def resolve_session(campaign: Campaign, session: str | None) -> CallSession | None:
    """The session asked for (None: the current one, the first not sealed); None for a
    call without sessions. An unknown code, or a code for a call without sessions, is
    refused naming the known sessions."""
    if not campaign.sessions:
        if session is not None:
            raise OperationError(
                _(
                    "L'appel n'a pas de comités (pas de feuille « Sessions ») : "
                    "--session {session} est sans objet."
                ).format(session=session)
            )
        return None
    if session is None:
        return current_session(campaign)
    found = find_session(campaign, session)
    if found is None:
        raise OperationError(
            _("Comité inconnu « {session} » (comités : {known}).").format(
                session=session, known=", ".join(s.code for s in campaign.sessions)
            )
        )
    return found


def year_of(campaign: Campaign, session: str | None) -> YearView | None:
    """The year up to ``session`` (None: the current one); None without sessions."""
    found = resolve_session(campaign, session)
    return None if found is None else year_view(campaign, found.code)


def compute(campaign_file: CampaignFile, session: str | None = None) -> tuple[Campaign, Results]:
    """The campaign as stored and its results, recomputed from scratch. For a call with
    sessions: ``session``'s (None: the current one) dossiers, attendance, decisions and
    what the year's ledger leaves it."""
    campaign = campaign_file.load()
    view = year_of(campaign, session)
    if view is None:
        return campaign, compute_results(campaign)
    return view.last.campaign, view.last.results


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
    ds: DsReport | None = None  # a Démarches Simplifiées export: what it changed
    # the imported dossiers that match the registry of past laureates (rules §13)
    registry: Mapping[str, RegistryFlag] = field(default_factory=dict)


def import_dossiers(
    campaign_file: CampaignFile,
    workbook: Path,
    author: str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    prefix: str | None = None,
    annotations_from: str | None = None,
    attachments: Path | None = None,
    progress: Progress | None = None,
) -> Outcome[DossierImportResult]:
    """Add or update dossiers from a sheet, all or nothing; ``progress(done, total, what)``
    is told before reading and before writing (it may stop the import: nothing written).
    A Démarches Simplifiées export (xlsx, ods, csv) is recognised and imported as such
    (``operations.ds_import``; ``prefix``, ``annotations_from`` and ``attachments``, the
    zip of its documents or a folder of files named by reference, are for it)."""
    from juryapp.io.ds_export import is_ds_export
    from juryapp.io.workbook import FREE, IGNORE, read_dossiers

    if (
        attachments is not None
        or Path(workbook).suffix.lower() in (".csv", ".ods", ".txt")
        or is_ds_export(workbook)
    ):
        from juryapp.operations.ds_import import import_ds_export

        return import_ds_export(
            campaign_file,
            workbook,
            author,
            mapping=mapping,
            prefix=prefix,
            annotations_from=annotations_from,
            attachments=attachments,
            progress=progress,
        )

    if progress is not None:
        progress(0, 2, _("Lecture de « {name} »").format(name=Path(workbook).name))
    campaign = campaign_file.load()
    read = read_dossiers(
        workbook,
        sheet=sheet,
        mapping=mapping,
        mode=campaign.rules.mode,
        categories=campaign.categories,
        sessions=campaign.sessions,
    )
    known = {d.ref: d for d in campaign.dossiers}
    present = {field for field in read.mapping.values() if field not in (FREE, IGNORE)}
    dossiers = [_updated(known[d.ref], d, present) if d.ref in known else d for d in read.dossiers]
    if progress is not None:
        progress(1, 2, _("Enregistrement de {count} dossier(s)").format(count=len(dossiers)))
    with campaign_file.transaction():
        report = campaign_file.import_dossiers(
            dossiers, author, f"{Path(workbook).name} / {read.sheet}"
        )
        campaign_file.apply_registry(author)  # supported only once (rules §13)
    changed = bool(report.added or report.updated)
    if progress is not None:
        progress(2, 2, _("Dossiers enregistrés"))
    flags = registry_flags(campaign_file, {d.ref for d in dossiers})
    return Outcome(
        DossierImportResult(report, read.sheet, read.warnings, registry=flags),
        Changes(dossiers=changed),
    )


def registry_flags(campaign_file: CampaignFile, refs: set[str]) -> dict[str, RegistryFlag]:
    """The flags of the dossiers ``refs`` that match the registry of past laureates."""
    laureates = campaign_file.past_laureates()
    if not laureates:
        return {}
    dossiers = [d for d in campaign_file.load_frame().dossiers if d.ref in refs]
    return flag_dossiers(dossiers, laureates, campaign_file.registry_rulings())


def _updated(current: Dossier, imported: Dossier, present: set[str]) -> Dossier:
    """A known dossier updated by an import: only the columns the sheet has change;
    the others (and free fields the sheet does not carry) keep their values."""
    changes = {field: getattr(imported, field) for field in present if field != "ref"}
    if "admissible" in present and "inadmissible_reason" not in present:
        changes["inadmissible_reason"] = imported.inadmissible_reason
    fields = dict(current.fields)
    fields.update(imported.fields)
    return replace(current, **changes, fields=tuple(fields.items()))
