"""Supported only once (rules §13): filling the registry of past laureates from lists
and from earlier sealed campaign files, the dossiers that match it, and the
secretariat's rulings (override a sure match, confirm or dismiss a possible one)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from juryapp.core.errors import OperationError
from juryapp.core.model import Dossier
from juryapp.core.registry import PastLaureate, RegistryFlag, RulingKind, flag_dossiers
from juryapp.core.results import Status
from juryapp.i18n import _
from juryapp.operations.campaign import compute
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile

__all__ = [
    "RegistryImport",
    "SourceRead",
    "import_registry",
    "laureates_of_sealed_campaign",
    "registry_flags",
    "rule_on_match",
]


@dataclass(frozen=True)
class SourceRead:
    """One file of a registry import: its laureates, how many were new, its warnings."""

    path: Path
    laureates: tuple[PastLaureate, ...]
    added: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RegistryImport:
    sources: tuple[SourceRead, ...]
    admissibility: dict[str, bool]  # dossiers whose admissibility followed, ref -> admissible
    flags: dict[str, RegistryFlag]  # every dossier that matches the registry now
    supported_once: bool  # the call's rule: without it the flags only inform


def registry_flags(
    campaign_file: CampaignFile, dossiers: Sequence[Dossier] | None = None
) -> dict[str, RegistryFlag]:
    """Every dossier that matches the registry, with where the rulings leave it
    (``dossiers``: the campaign's, when already loaded)."""
    laureates = campaign_file.past_laureates()
    if not laureates:
        return {}
    if dossiers is None:
        dossiers = campaign_file.load_frame().dossiers
    return flag_dossiers(dossiers, laureates, campaign_file.registry_rulings())


def laureates_of_sealed_campaign(path: Path, campaign_id: str | None = None) -> SourceRead:
    """The laureates (funded dossiers) of an earlier campaign file whose deliberation is
    sealed. The file is read from a private copy: it is never modified (nor upgraded)."""
    with tempfile.TemporaryDirectory(prefix="juryapp-registre-") as folder:
        copy = Path(folder) / "campagne.jury"
        try:
            shutil.copyfile(path, copy)
            wal = Path(f"{path}-wal")
            if wal.exists():
                shutil.copyfile(wal, f"{copy}-wal")
            copy.chmod(0o600)
        except OSError as error:
            raise OperationError(
                _("Lecture impossible de « {path} » : {reason}.").format(
                    path=path, reason=error.strerror or error
                )
            ) from error
        with CampaignFile.open(copy) as earlier:
            if campaign_id is not None and earlier.campaign_id == campaign_id:
                raise OperationError(
                    _(
                        "« {name} » est cette campagne-ci : le registre reçoit les lauréats "
                        "d'appels précédents."
                    ).format(name=path.name)
                )
            if not earlier.is_closed:
                raise OperationError(
                    _(
                        "« {name} » : la délibération n'est pas scellée ; seuls les lauréats "
                        "d'une campagne close entrent au registre."
                    ).format(name=path.name)
                )
            verified = earlier.verify()
            if not verified.ok:
                raise OperationError(
                    _("« {name} » est endommagé ou modifié hors de juryapp : {problem}").format(
                        name=path.name, problem=verified.problems[0]
                    )
                )
            campaign, results = compute(earlier)
            seals = earlier.seals()
        year = campaign.rules.year
        year_text = str(year) if year is not None else (seals[-1].sealed_at[:4] if seals else "")
        laureates = tuple(
            PastLaureate(
                siret=result.dossier.siret,
                rna=result.dossier.rna,
                holder=result.dossier.applicant,
                town=result.dossier.town,
                call=campaign.rules.name,
                year=year_text,
                amount_cents=result.amount_cents,
                source=path.name,
            )
            for result in sorted(results.dossiers, key=lambda r: r.ref)
            if result.status is Status.LAUREATE and result.amount_cents > 0
        )
    warnings = () if laureates else (_("aucun lauréat dans cette campagne"),)
    return SourceRead(path, laureates, warnings=warnings)


def _read_source(path: Path, campaign_id: str, sheet: str | None) -> SourceRead:
    if path.suffix.lower() == ".jury":
        return laureates_of_sealed_campaign(path, campaign_id)
    from juryapp.io.registry import read_registry_list

    read = read_registry_list(path, sheet)
    return SourceRead(path, read.laureates, warnings=read.warnings)


def import_registry(
    campaign_file: CampaignFile,
    paths: Sequence[Path],
    author: str,
    *,
    sheet: str | None = None,
) -> Outcome[RegistryImport]:
    """Fill the registry from lists (.xlsx, .csv) and sealed campaign files (.jury): every
    file is read first, then all are added in one transaction (a bad file: nothing added).
    Under ``Soutien unique: oui`` the dossiers' admissibility follows."""
    if not paths:
        raise OperationError(_("Indiquez au moins une liste de lauréats ou une campagne close."))
    campaign_id = campaign_file.campaign_id
    read = [_read_source(Path(path), campaign_id, sheet) for path in paths]
    done: list[SourceRead] = []
    admissibility: dict[str, bool] = {}
    with campaign_file.transaction():
        for source in read:
            added = campaign_file.add_past_laureates(source.laureates, source.path.name, author)
            admissibility.update(added.admissibility)
            done.append(SourceRead(source.path, source.laureates, added.added, source.warnings))
    supported_once = campaign_file.load_frame().rules.supported_once
    return Outcome(
        RegistryImport(tuple(done), admissibility, registry_flags(campaign_file), supported_once),
        # the flags on the dossier list follow the registry even when no admissibility moved
        Changes(dossiers=bool(admissibility) or any(source.added for source in done)),
    )


def rule_on_match(
    campaign_file: CampaignFile, ref: str, kind: RulingKind, reason: str, author: str
) -> Outcome[RegistryFlag]:
    """Override a sure match (a reason is required), or confirm or dismiss a possible one;
    journaled, and stated in the PV."""
    flag, _changed = campaign_file.rule_on_match(ref, kind, reason, author)
    return Outcome(flag, Changes(dossiers=True))
