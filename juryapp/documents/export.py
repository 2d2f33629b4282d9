"""What ``juryapp export`` and the app's document buttons run: check the request,
build the record once, write each document atomically (a temporary file renamed into
place) and journal each export in the campaign file (allowed when sealed).

The document writers are imported when a document is asked for, so that opening
the app or the command line loads neither reportlab nor openpyxl.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from glob import escape as glob_escape
from pathlib import Path

from juryapp.core.details import DossierDetail
from juryapp.core.errors import OperationError
from juryapp.documents.record import DeliberationRecord, build_record
from juryapp.i18n import _, translate
from juryapp.store import CampaignFile
from juryapp.store.backup import TEMP_SUFFIX, sweep_stale_temporaries

__all__ = ["export"]


# --- writing ----------------------------------------------------------------------------

# ``progress(done, total, what)``: told before each step; it may raise to stop the export.
Progress = Callable[[int, int, str], None]


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _cannot_write(path: Path, error: OSError) -> OperationError:
    return OperationError(
        _("Impossible d'écrire « {path} » : {reason}.").format(
            path=path, reason=error.strerror or error
        )
    )


def _write_temporary(path: Path, write: Callable[[Path], None]) -> tuple[Path, str]:
    """Write a document beside ``path`` under a temporary name; (that name, its SHA-256).

    The document gets the permissions the user's umask gives new files (documents
    are meant to be shared); a failure leaves nothing behind, and the leftovers of a
    killed export are removed by the next export of the same file.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise OperationError(
            _("Impossible d'écrire « {path} » : le dossier {folder} n'existe pas.").format(
                path=path, folder=folder
            )
        )
    sweep_stale_temporaries(folder, glob_escape(path.name))
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder
        )
    except OSError as error:
        raise _cannot_write(path, error) from error
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        write(temporary_path)
        os.chmod(temporary_path, 0o666 & ~_umask())
        digest = hashlib.sha256(temporary_path.read_bytes()).hexdigest()
    except OSError as error:
        temporary_path.unlink(missing_ok=True)
        raise _cannot_write(path, error) from error
    except BaseException:
        temporary_path.unlink(missing_ok=True)
        raise
    return temporary_path, digest


def _step_name(document: str) -> str:
    return {
        "minutes": _("Procès-verbal"),
        "awards": _("Tableau des attributions"),
        "opendata": _("Données ouvertes"),
        "explanation": _("Fiche d'explication"),
        "ds_annotations": _("Résultats pour Démarches Simplifiées"),
        "year-summary": _("Bilan de l'année"),
    }[document]


def _with_pages(
    write: Callable[[Path, Callable[[int], None]], None],
    step: int,
    total: int,
    name: str,
    report: Progress,
) -> Callable[[Path], None]:
    """``write`` with each page laid out told to ``report`` as part of ``step``."""

    def page_done(number: int) -> None:
        report(step, total, _("{document} : page {number}").format(document=name, number=number))

    return lambda path: write(path, page_done)


def _signed_minutes(
    path: Path,
    write: Callable[[Path], None],
    certificate: Path,
    password: bytes | None,
    lang: str,
) -> str:
    """Write the PV to a temporary file beside ``path``, then ``path``: that PV signed;
    the signer's name."""
    from juryapp.documents.signature import sign_pdf

    handle, unsigned = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=path.parent
    )
    os.close(handle)
    try:
        write(Path(unsigned))
        reason = translate("Procès-verbal de la délibération du jury", lang)
        return sign_pdf(Path(unsigned), path, certificate, password, reason=reason)
    finally:
        Path(unsigned).unlink(missing_ok=True)


def _ds_sources(
    campaign_file: CampaignFile, record: DeliberationRecord
) -> dict[str, DossierDetail]:
    """The DS origin of the dossiers, for the results file; refused before the seal or
    when no dossier comes from Démarches Simplifiées."""
    if record.current_seal is None:
        raise OperationError(
            _(
                "Les résultats ne partent vers Démarches Simplifiées qu'une fois la "
                "délibération close (juryapp close)."
            )
        )
    sources = {
        ref: detail
        for ref, detail in campaign_file.dossier_details().items()
        if detail.origin == "ds"
    }
    if not sources:
        raise OperationError(
            _("Aucun dossier de cette campagne ne vient de Démarches Simplifiées.")
        )
    return sources


def _year_summary_job(
    campaign_file: CampaignFile, lang: str, as_pdf: bool
) -> Callable[[Path, Callable[[int], None]], None]:
    """The year's summary of every session, written as XLSX or PDF by the path's suffix;
    refused for a call without sessions."""
    from juryapp.core.sessions import year_view
    from juryapp.documents.year import write_year_pdf, write_year_xlsx, year_summary

    campaign = campaign_file.load()
    if not campaign.sessions:
        raise OperationError(
            _("Le bilan de l'année est celui d'un appel en comités (feuille « Sessions »).")
        )
    summary = year_summary(campaign, year_view(campaign, campaign.sessions[-1].code))

    def write(path: Path, _page: Callable[[int], None]) -> None:
        if as_pdf:  # ``path`` is a temporary name: the suffix is the target's
            write_year_pdf(path, summary, lang)
        else:
            write_year_xlsx(path, summary, lang)

    return write


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
    progress: Progress | None = None,
    sign: Path | None = None,
    sign_password: bytes | None = None,
    ds_annotations: Path | None = None,
    session: str | None = None,
    year_summary: Path | None = None,
) -> list[Path]:
    """Write the documents asked for, journal each one, return the paths written.
    ``session``: the documents of that session of a call that runs over a year (None:
    the current one). ``year_summary``: the year's summary (``.xlsx``, or ``.pdf``), every
    session of a call that runs over a year.

    Refuses (``OperationError``, nothing written) an unknown reference for
    ``explain``, ``explain`` without ``explain_out``, or an unknown language. Every
    document is written under a temporary name first; only when all are written are
    they renamed into place and journalled, in one transaction: an export stopped
    midway (``progress`` raising, a failure) leaves nothing behind and changes nothing.
    ``sign``: a PKCS#12 certificate (``sign_password`` its password) that signs the PV
    (PAdES); refused without ``minutes`` or before the deliberation is sealed.
    ``ds_annotations``: the results file for Démarches Simplifiées, refused before the
    seal or when no dossier comes from DS.
    """
    if lang not in ("fr", "en"):
        raise OperationError(_("Langue inconnue « {lang} » (fr ou en).").format(lang=lang))
    if explain is not None and explain_out is None:
        raise OperationError(_("--explain demande --out FICHIER.pdf."))
    report: Progress = progress or (lambda _done, _total, _what: None)
    record = build_record(campaign_file, session)
    if explain is not None and explain not in {d.ref for d in record.campaign.dossiers}:
        raise OperationError(_("Dossier inconnu « {ref} ».").format(ref=explain))
    if sign is not None and minutes is None:
        raise OperationError(_("--sign signe le procès-verbal : indiquez aussi --minutes PV.pdf."))
    if sign is not None and record.current_seal is None:
        raise OperationError(
            _(
                "Seul un procès-verbal scellé se signe : clôturez la délibération (juryapp "
                "close) avant de signer ; ce PV serait un projet."
            )
        )
    sources = _ds_sources(campaign_file, record) if ds_annotations is not None else {}
    jobs: list[tuple[str, Path, Callable[[Path, Callable[[int], None]], None]]] = []
    signers: list[str] = []
    if minutes is not None:
        from juryapp.documents.minutes import write_minutes

        if sign is None:
            jobs.append(
                ("minutes", Path(minutes), lambda p, page: write_minutes(p, record, lang, page))
            )
        else:
            certificate = Path(sign)

            def signed(path: Path, page: Callable[[int], None]) -> None:
                signers.append(
                    _signed_minutes(
                        path,
                        lambda p: write_minutes(p, record, lang, page),
                        certificate,
                        sign_password,
                        lang,
                    )
                )

            jobs.append(("minutes", Path(minutes), signed))
    if awards is not None:
        from juryapp.documents.awards import write_awards

        jobs.append(("awards", Path(awards), lambda p, _page: write_awards(p, record, lang)))
    if opendata is not None:
        from juryapp.documents.opendata import write_opendata

        jobs.append(("opendata", Path(opendata), lambda p, _page: write_opendata(p, record)))
    if year_summary is not None:
        jobs.append(
            (
                "year-summary",
                Path(year_summary),
                _year_summary_job(campaign_file, lang, Path(year_summary).suffix.lower() == ".pdf"),
            )
        )
    if explain is not None and explain_out is not None:
        from juryapp.documents.explanation import write_explanation

        ref = explain
        jobs.append(
            (
                "explanation",
                Path(explain_out),
                lambda p, _page: write_explanation(p, record, ref, lang),
            )
        )
    if ds_annotations is not None:
        from juryapp.documents.ds_results import write_ds_results

        jobs.append(
            (
                "ds_annotations",
                Path(ds_annotations),
                lambda p, _page: write_ds_results(p, record, sources, lang),
            )
        )
    total = len(jobs) + 1  # the last step: renaming and journalling
    temporaries: list[tuple[str, Path, Path, str]] = []
    try:
        for step, (document, path, write) in enumerate(jobs):
            name = _step_name(document)
            report(step, total, name)
            temporary, digest = _write_temporary(
                path, _with_pages(write, step, total, name, report)
            )
            temporaries.append((document, path, temporary, digest))
        report(len(jobs), total, _("Enregistrement"))
        journal = nullcontext() if campaign_file.read_only else campaign_file.transaction()
        with journal:
            for document, path, _temporary, digest in temporaries:
                payload: dict[str, object] = {
                    "document": document,
                    "file": path.name,
                    "sha256": digest,
                    "pv_version": record.pv_version,
                    "sealed": record.current_seal is not None,
                    "lang": lang,
                }
                if record.session is not None:
                    payload["session"] = record.session.session.code
                if document == "explanation":
                    payload["ref"] = explain
                if document == "minutes" and signers:
                    payload["signed_by"] = signers[0]
                if not campaign_file.read_only:  # on read-only media the export is not journalled
                    campaign_file.journal_append("export", payload, author)
            for _document, path, temporary, _digest in temporaries:
                try:
                    os.replace(temporary, path)
                except OSError as error:
                    raise _cannot_write(path, error) from error
    finally:
        for _document, _path, temporary, _digest in temporaries:
            temporary.unlink(missing_ok=True)  # gone once renamed: only leftovers are removed
    report(total, total, _("Terminé"))
    return [path for _document, path, _temporary, _digest in temporaries]
