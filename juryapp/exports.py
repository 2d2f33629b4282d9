"""The documents that leave the room: the procès-verbal (PDF), the award table
(XLSX), the open-data subsidy file (CSV, SCDL « subventions ») and one dossier's
explanation sheet for its applicant (PDF).

Everything a document shows is gathered once in a :class:`DeliberationRecord`
(``build_record``): the campaign, its recomputed results, the decisions with
their authors and times, the seals and the PV version. The writers are pure
functions of that record, so the desktop app and the tests can call them
without a campaign file. :func:`export` is what ``juryapp export`` runs: it
checks the request, writes each file atomically (a temporary file renamed into
place) and journals each export in the campaign file (allowed when sealed).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from glob import escape as glob_escape
from pathlib import Path

from juryapp.core.engine import compute_results
from juryapp.core.model import Campaign
from juryapp.core.report import CampaignInfo
from juryapp.core.results import Results
from juryapp.operations import OperationError, campaign_info, compute
from juryapp.store import CampaignFile, DecisionInfo, SealInfo
from juryapp.store.backup import TEMP_SUFFIX, sweep_stale_temporaries
from juryapp.store.codec import decision_kind

__all__ = [
    "DeliberationRecord",
    "build_record",
    "export",
    "record_from_campaign",
    "write_awards",
    "write_explanation",
    "write_minutes",
    "write_opendata",
]


@dataclass(frozen=True)
class DeliberationRecord:
    """Everything the documents of one deliberation show, read once."""

    campaign: Campaign
    results: Results
    info: CampaignInfo
    decisions: tuple[DecisionInfo, ...] = ()  # every decision, undone ones included
    seals: tuple[SealInfo, ...] = ()  # every seal ever made, by version
    pv_version: int = 1
    closed: bool = False
    generated_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().astimezone())

    @property
    def name(self) -> str:
        return self.info.name

    @property
    def active_decisions(self) -> tuple[DecisionInfo, ...]:
        return tuple(d for d in self.decisions if not d.undone)

    @property
    def current_seal(self) -> SealInfo | None:
        """The seal of this version while the deliberation is closed."""
        if not self.closed:
            return None
        return next((s for s in self.seals if s.version == self.pv_version), None)


def build_record(campaign_file: CampaignFile) -> DeliberationRecord:
    """Read the campaign file once and recompute the results."""
    campaign, results = compute(campaign_file)
    return DeliberationRecord(
        campaign=campaign,
        results=results,
        info=campaign_info(campaign_file),
        decisions=tuple(campaign_file.decisions()),
        seals=tuple(campaign_file.seals()),
        pv_version=campaign_file.pv_version,
        closed=campaign_file.is_closed,
    )


def record_from_campaign(
    campaign: Campaign,
    *,
    name: str | None = None,
    decisions: Sequence[DecisionInfo] | None = None,
    seals: Sequence[SealInfo] = (),
    pv_version: int = 1,
    closed: bool = False,
    generated_at: dt.datetime | None = None,
    author: str = "—",
) -> DeliberationRecord:
    """A record without a campaign file (tests, previews): the campaign's own decisions
    are listed as taken by ``author`` at ``generated_at``."""
    moment = generated_at or dt.datetime.now().astimezone()
    if decisions is None:
        decisions = [
            DecisionInfo(
                id=index,
                kind=decision_kind(decision),
                decision=decision,
                reason=decision.reason,
                author=author,
                at=moment.isoformat(),
                undone=False,
                undone_at=None,
                undone_by=None,
                undo_reason=None,
            )
            for index, decision in enumerate(campaign.decisions, start=1)
        ]
    seal = next((s for s in seals if s.version == pv_version), None) if closed else None
    info = CampaignInfo(
        id="—",
        name=name or campaign.rules.name,
        closed=closed,
        seal=seal.hash if seal else None,
    )
    return DeliberationRecord(
        campaign=campaign,
        results=compute_results(campaign),
        info=info,
        decisions=tuple(decisions),
        seals=tuple(seals),
        pv_version=pv_version,
        closed=closed,
        generated_at=moment,
    )


# --- the writers, re-exported for the desktop app -------------------------------------


def write_minutes(path: Path, record: DeliberationRecord, lang: str = "fr") -> None:
    """The procès-verbal (PDF)."""
    from juryapp.io.minutes import write_minutes as write

    write(path, record, lang)


def write_awards(path: Path, record: DeliberationRecord, lang: str = "fr") -> None:
    """The award table (XLSX)."""
    from juryapp.io.awards import write_awards as write

    write(path, record, lang)


def write_opendata(path: Path, record: DeliberationRecord) -> None:
    """The open-data subsidy file (CSV, SCDL « subventions »)."""
    from juryapp.io.opendata import write_opendata as write

    write(path, record)


def write_explanation(path: Path, record: DeliberationRecord, ref: str, lang: str = "fr") -> None:
    """One dossier's explanation sheet for its applicant (PDF)."""
    from juryapp.io.explanation import write_explanation as write

    write(path, record, ref, lang)


# --- the command --------------------------------------------------------------------


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic_write(path: Path, write: Callable[[Path], None]) -> str:
    """Write through a temporary file renamed into place; the file's SHA-256.

    The document gets the permissions the user's umask gives new files (documents
    are meant to be shared); a failure leaves nothing behind, and the leftovers of a
    killed export are removed by the next export of the same file.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OperationError(f"Impossible d'écrire « {path} » : le dossier {folder} n'existe pas.")
    sweep_stale_temporaries(folder, glob_escape(path.name))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as error:
        raise OperationError(
            f"Impossible d'écrire « {path} » : {error.strerror or error}."
        ) from error
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        write(temporary_path)
        os.chmod(temporary_path, 0o666 & ~_umask())
        digest = hashlib.sha256(temporary_path.read_bytes()).hexdigest()
        os.replace(temporary_path, path)
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        raise OperationError(
            f"Impossible d'écrire « {path} » : {error.strerror or error}."
        ) from error
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise
    return digest


def export(
    campaign_file: CampaignFile,
    *,
    minutes: Path | None = None,
    awards: Path | None = None,
    opendata: Path | None = None,
    explain: str | None = None,
    explain_out: Path | None = None,
    lang: str = "fr",
    author: str,
) -> list[Path]:
    """Write the documents asked for, journal each one, return the paths written.

    Refuses (``OperationError``, nothing written) an unknown reference for
    ``explain``, ``explain`` without ``explain_out``, or an unknown language.
    """
    if lang not in ("fr", "en"):
        raise OperationError(f"Langue inconnue « {lang} » (fr ou en).")
    if explain is not None and explain_out is None:
        raise OperationError("--explain demande --out FICHIER.pdf.")
    record = build_record(campaign_file)
    if explain is not None and explain not in {d.ref for d in record.campaign.dossiers}:
        raise OperationError(f"Dossier inconnu « {explain} ».")
    jobs: list[tuple[str, Path, Callable[[Path], None]]] = []
    if minutes is not None:
        jobs.append(("minutes", Path(minutes), lambda p: write_minutes(p, record, lang)))
    if awards is not None:
        jobs.append(("awards", Path(awards), lambda p: write_awards(p, record, lang)))
    if opendata is not None:
        jobs.append(("opendata", Path(opendata), lambda p: write_opendata(p, record)))
    if explain is not None and explain_out is not None:
        ref = explain
        jobs.append(
            ("explanation", Path(explain_out), lambda p: write_explanation(p, record, ref, lang))
        )
    written: list[Path] = []
    for document, path, write in jobs:
        digest = _atomic_write(path, write)
        payload: dict[str, object] = {
            "document": document,
            "file": path.name,
            "sha256": digest,
            "pv_version": record.pv_version,
            "sealed": record.current_seal is not None,
            "lang": lang,
        }
        if document == "explanation":
            payload["ref"] = explain
        if not campaign_file.read_only:  # on read-only media the export is not journalled
            campaign_file.journal_append("export", payload, author)
        written.append(path)
    return written
