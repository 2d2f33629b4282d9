"""The documents the jury's work produces (PV, explanation, award table, open data),
written and journalled as the command line's ``export`` writes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from juryapp.core.errors import OperationError
from juryapp.i18n import _
from juryapp.store import CampaignFile

__all__ = ["check_request", "export"]


def check_request(
    *, minutes: object, awards: object, opendata: object, explain: object, explain_out: object
) -> None:
    """Refuse with one sentence when nothing is asked for, or an explanation without its
    file (before any file is opened)."""
    if not any((minutes, awards, opendata, explain)):
        raise OperationError(
            _(
                "Rien à exporter : indiquez --minutes, --awards, --opendata ou "
                "--explain REF --out FICHIER.pdf."
            )
        )
    if explain and not explain_out:
        raise OperationError(_("--explain demande --out FICHIER.pdf."))


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
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write the documents asked for (each journalled); the paths written (see
    ``check_request`` for the refusals). ``progress(done, total, what)`` is told each step
    and may raise to stop: a stopped export leaves nothing behind."""
    check_request(
        minutes=minutes, awards=awards, opendata=opendata, explain=explain, explain_out=explain_out
    )
    from juryapp.documents.export import export as write_documents

    return write_documents(
        campaign_file,
        minutes=minutes,
        awards=awards,
        opendata=opendata,
        explain=explain,
        explain_out=explain_out,
        lang=lang,
        author=author,
        progress=progress,
    )
