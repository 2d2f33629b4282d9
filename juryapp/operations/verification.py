"""Checking a campaign as an auditor would: the file's integrity, its journal and seal,
and, when given, a seal printed on paper or a PV (PDF) against the file. Used by
``juryapp verify`` and the secretariat's « Vérifier » actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juryapp.i18n import _
from juryapp.operations.documents import check_printed_seal, check_pv
from juryapp.store import CampaignFile
from juryapp.store.errors import DamagedFileError

__all__ = ["Verification", "verify_campaign"]


@dataclass
class Verification:
    """What the check found: ``problems`` mean damage (``verify`` exits 3), ``lines`` are
    what else there is to tell (the printed seal matched, the PV's signatures)."""

    sealed: bool = False
    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """The first sentence to say."""
        if not self.ok:
            return _("Fichier endommagé ou modifié hors de juryapp :")
        if self.sealed:
            return _("Fichier intègre : journal et sceau vérifiés.")
        return _("Fichier intègre : journal vérifié (délibération non scellée).")


def verify_campaign(
    campaign_file: CampaignFile, *, seal: str | None = None, pv: Path | None = None
) -> Verification:
    """Check ``campaign_file`` (never raises on damage: it is named in ``problems``);
    ``seal``: a seal or its short code read on paper; ``pv``: a PV to check against it.
    A PV that is not a readable PDF is refused (``OperationError``)."""
    found = Verification()
    try:
        verified = campaign_file.verify()
        found.problems += verified.problems
        found.sealed = verified.ok and campaign_file.seal is not None
        for part in (
            check_printed_seal(campaign_file, seal) if seal else None,
            check_pv(campaign_file, pv) if pv else None,
        ):
            if part is not None:
                found.lines += part.lines
                found.problems += part.problems
    except DamagedFileError as error:
        found.problems.append(str(error))
    return found
