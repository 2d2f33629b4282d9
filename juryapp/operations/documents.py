"""The documents the jury's work produces (PV, explanation, award table, open data),
written and journalled as the command line's ``export`` writes them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from juryapp.core.errors import OperationError
from juryapp.i18n import _
from juryapp.operations.campaign import resolve_session
from juryapp.store import CampaignFile

if TYPE_CHECKING:
    from juryapp.store import SealInfo

__all__ = ["TrustCheck", "check_printed_seal", "check_pv", "check_request", "export"]


def check_request(
    *,
    minutes: object,
    awards: object,
    opendata: object,
    explain: object,
    explain_out: object,
    ds_annotations: object = None,
    year_summary: object = None,
) -> None:
    """Refuse with one sentence when nothing is asked for, or an explanation without its
    file (before any file is opened)."""
    if not any((minutes, awards, opendata, explain, ds_annotations, year_summary)):
        raise OperationError(
            _(
                "Rien à exporter : indiquez --minutes, --awards, --opendata, --ds-annotations, "
                "--year-summary ou --explain REF --out FICHIER.pdf."
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
    sign: Path | None = None,
    sign_password: bytes | None = None,
    ds_annotations: Path | None = None,
    session: str | None = None,
    year_summary: Path | None = None,
) -> list[Path]:
    """Write the documents asked for (each journalled); the paths written (see
    ``check_request`` for the refusals). ``progress(done, total, what)`` is told each step
    and may raise to stop: a stopped export leaves nothing behind. ``ds_annotations``:
    the results file for Démarches Simplifiées (after the seal)."""
    check_request(
        minutes=minutes,
        awards=awards,
        opendata=opendata,
        explain=explain,
        explain_out=explain_out,
        ds_annotations=ds_annotations,
        year_summary=year_summary,
    )
    from juryapp.documents.export import export as write_documents

    found = resolve_session(campaign_file.load_frame(), session)

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
        sign=sign,
        sign_password=sign_password,
        ds_annotations=ds_annotations,
        session=None if found is None else found.code,
        year_summary=year_summary,
    )


@dataclass
class TrustCheck:
    """What checking a printed seal or a PV against the campaign found: ``lines`` to
    tell, ``problems`` that make ``verify`` exit 3."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sealed_line(seal: SealInfo) -> str:
    line = _("version {v}, scellée le {at} par {by}").format(
        v=seal.version, at=seal.sealed_at[:19].replace("T", " ") + " UTC", by=seal.sealed_by
    )
    if seal.reopened_at:
        line += _(" (rouverte depuis le {at} : {reason})").format(
            at=seal.reopened_at[:10], reason=seal.reopen_reason or "—"
        )
    return line


def check_printed_seal(campaign_file: CampaignFile, printed: str) -> TrustCheck:
    """Compare a seal or short code read on paper with every seal of the campaign.

    Refused (``OperationError``) when ``printed`` is neither; a problem when no seal
    matches: the file was changed after that PV was printed (journal and seal
    recomputed), or it is another campaign's.
    """
    from juryapp.store.seal import printed_seal, seal_code

    wanted = printed_seal(printed)
    if wanted is None:
        raise OperationError(
            _(
                "« {text} » n'est ni un sceau (64 chiffres hexadécimaux) ni un code de "
                "contrôle (16 chiffres hexadécimaux, par exemple 1A2B-3C4D-5E6F-7A8B)."
            ).format(text=printed)
        )
    check = TrustCheck()
    matching = [s for s in campaign_file.seals() if s.hash.startswith(wanted)]
    if not matching:
        check.problems.append(
            _(
                "le sceau imprimé ({code}) ne correspond à aucun sceau de ce fichier : le "
                "fichier a été modifié depuis l'impression de ce PV (journal et sceau "
                "recalculés), ou ce n'est pas le fichier de ce PV"
            ).format(code=seal_code(wanted + "0" * (64 - len(wanted))))
        )
    for seal in matching:
        check.lines.append(_("Sceau imprimé conforme : {seal}.").format(seal=_sealed_line(seal)))
    return check


def check_pv(campaign_file: CampaignFile, pv: Path) -> TrustCheck:
    """Check a PV (PDF) against the campaign: its campaign and seal (from its metadata),
    and each of its signatures (intact, covering the whole file). Refused
    (``OperationError``) when the file is not a readable PDF."""
    from juryapp.documents.signature import read_pv

    reading = read_pv(pv)
    check = TrustCheck()
    if reading.campaign_id is None:
        check.problems.append(
            _(
                "« {name} » n'est pas un procès-verbal de juryapp (aucune identité de campagne)"
            ).format(name=pv.name)
        )
        return check
    if reading.campaign_id != campaign_file.campaign_id:
        check.problems.append(
            _("« {name} » est le procès-verbal d'une autre campagne").format(name=pv.name)
        )
    if reading.seal is None:
        check.problems.append(
            _("« {name} » est un projet de PV, sans sceau : il ne prouve rien").format(name=pv.name)
        )
    else:
        seal = next((s for s in campaign_file.seals() if s.hash == reading.seal), None)
        if seal is None or seal.version != reading.version:
            check.problems.append(
                _(
                    "le sceau de « {name} » ne correspond à aucun sceau de ce fichier : le "
                    "fichier ou le PV a été modifié depuis"
                ).format(name=pv.name)
            )
        else:
            check.lines.append(_("Sceau du PV conforme : {seal}.").format(seal=_sealed_line(seal)))
    if not reading.signatures:
        check.lines.append(
            _(
                "PV non signé : son sceau est comparé, mais rien ne prouve qui l'a émis ni "
                "qu'il n'a pas été modifié (signez-le avec export --minutes --sign)."
            )
        )
    for signature in reading.signatures:
        if not signature.intact:
            check.problems.append(
                _("signature de {signer} invalide : le PV a été modifié après sa signature").format(
                    signer=signature.signer
                )
            )
        elif not signature.whole_file:
            check.problems.append(
                _("signature de {signer} intègre, mais le PV a été complété après elle").format(
                    signer=signature.signer
                )
            )
        else:
            check.lines.append(
                _(
                    "Signature intègre de {signer}{at}, couvrant tout le document ; le "
                    "certificat n'est pas vérifié auprès d'une autorité (juryapp fonctionne "
                    "hors ligne) : vérifiez le nom du signataire."
                ).format(
                    signer=signature.signer,
                    at=_(" le {at}").format(at=signature.signed_at[:10])
                    if signature.signed_at
                    else "",
                )
            )
    return check
