"""Importing a Démarches Simplifiées export (spec: ds-export.md), and importing it again.

A first import adds one dossier per DS dossier (drafts left out). A later export of the
same procedure updates the dossiers by DS ``ID``: a field changes only where DS changed it
since the last import (a value the secretariat corrected in the app stays, unless DS
changed it too), free fields, annotations, blocks and notes follow the export; no
dossier is added twice and no score is touched. The report says what changed for each
dossier, and flags those whose category or amount requested changed after scoring began.
The mapping (and prefix, and first annotation column) is remembered for the procedure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from juryapp.core.bulk import collector_paused
from juryapp.core.details import DossierDetail
from juryapp.core.fields import DOSSIER_FIELDS, display
from juryapp.core.model import Campaign, Dossier
from juryapp.i18n import _, current_language
from juryapp.operations.changes import Changes, Outcome
from juryapp.store import CampaignFile, ImportProfile, ImportReport

__all__ = ["DossierChange", "DsReport", "import_ds_export", "profile_key"]

_FIELDS = {f.code: f for f in DOSSIER_FIELDS}
#: Changes to these after scoring began are flagged: they move a dossier's pool or money.
_FLAGGED = ("category", "requested_cents")


def profile_key(procedure: str) -> str:
    return f"ds:{procedure}"


@dataclass(frozen=True)
class DossierChange:
    """What a re-import changed in one dossier: « label : before → after » lines."""

    ref: str
    ds_id: str
    changes: tuple[str, ...]
    flagged: bool = False  # category or amount changed after scoring began


@dataclass(frozen=True)
class DsReport:
    procedure: str
    skipped: tuple[str, ...]  # drafts' IDs
    changed: tuple[DossierChange, ...]  # known dossiers the export changed
    absent: tuple[str, ...]  # references imported before, absent from this export
    mapping: Mapping[str, str]
    documents: tuple[tuple[str, str], ...] = ()  # (ref, name) of the documents added or changed

    @property
    def flagged(self) -> tuple[str, ...]:
        return tuple(c.ref for c in self.changed if c.flagged)


def import_ds_export(
    campaign_file: CampaignFile,
    path: Path,
    author: str,
    *,
    mapping: Mapping[str, str] | None = None,
    prefix: str | None = None,
    annotations_from: str | None = None,
    attachments: Path | None = None,
    progress: Any = None,
) -> Outcome[Any]:
    """Import (or import again) a DS export, all or nothing; returns a
    ``campaign.DossierImportResult`` whose ``ds`` is the :class:`DsReport`."""
    # Reading 10,000 dossiers makes hundreds of thousands of small objects that all live
    # to the end (see ``collector_paused``).
    with collector_paused():
        return _import(
            campaign_file,
            path,
            author,
            mapping=mapping,
            prefix=prefix,
            annotations_from=annotations_from,
            attachments=attachments,
            progress=progress,
        )


def _import(
    campaign_file: CampaignFile,
    path: Path,
    author: str,
    *,
    mapping: Mapping[str, str] | None,
    prefix: str | None,
    annotations_from: str | None,
    attachments: Path | None,
    progress: Any,
) -> Outcome[Any]:
    from juryapp.io.ds_export import read_ds_export
    from juryapp.operations.campaign import DossierImportResult, registry_flags

    if progress is not None:
        progress(0, 2, _("Lecture de « {name} »").format(name=Path(path).name))
    campaign = campaign_file.load()
    before = campaign_file.dossier_details()
    refs_by_id = {d.external_id: d.ref for d in before.values() if d.origin == "ds"}
    read = read_ds_export(
        path,
        mapping=mapping,
        prefix=prefix,
        annotations_from=annotations_from,
        mode=campaign.rules.mode,
        categories=campaign.categories,
        refs_by_id=refs_by_id,
        remembered=lambda procedure: campaign_file.import_profile(profile_key(procedure)),
    )
    known = {d.ref: d for d in campaign.dossiers}
    scored = _scored(campaign)
    lang = current_language()
    categories = {c.code: c.name for c in campaign.categories}
    labels = set(read.mapping)  # the export's own columns
    dossiers: list[Dossier] = []
    changed: list[DossierChange] = []
    for dossier, detail in zip(read.dossiers, read.details, strict=True):
        current = known.get(dossier.ref)
        if current is None:
            dossiers.append(dossier)
            continue
        previous = before.get(dossier.ref)
        merged = _merged(current, dossier, read.present, previous, labels)
        dossiers.append(merged)
        lines = _differences(current, merged, lang, categories)
        lines += _detail_differences(previous, detail)
        if lines:
            moved = any(getattr(current, c) != getattr(merged, c) for c in _FLAGGED)
            changed.append(
                DossierChange(
                    dossier.ref, detail.external_id, tuple(lines), moved and dossier.ref in scored
                )
            )
    seen = {d.ref for d in read.dossiers}
    absent = tuple(
        d.ref for d in before.values() if d.origin == "ds" and d.ref not in seen and d.ref in known
    )
    documents: list[tuple[str, str, str, bytes]] = []
    if attachments is not None:
        from juryapp.io.ds_attachments import read_attachments

        owners = {**refs_by_id, **{d.external_id: d.ref for d in read.details}}
        owners.update({ref: ref for ref in [*known, *(d.ref for d in read.dossiers)]})
        stored = {
            (doc.ref, doc.name): doc.sha256
            for docs in campaign_file.attachments().values()
            for doc in docs
        }
        for document in read_attachments(attachments, owners):
            if stored.get((document.ref, document.name)) != document.sha256:
                documents.append((document.ref, document.name, document.sha256, document.data))
    if progress is not None:
        progress(1, 2, _("Enregistrement de {count} dossier(s)").format(count=len(dossiers)))
    with campaign_file.transaction():
        report: ImportReport = campaign_file.import_dossiers(
            dossiers,
            author,
            f"{Path(path).name} / {read.sheet}",
            sources=read.details,
            remembered=ImportProfile(
                profile_key(read.procedure),
                dict(read.mapping),
                read.prefix,
                read.annotations_from,
            ),
            summary={
                "ds": {
                    "procedure": read.procedure,
                    "skipped": list(read.skipped),
                    "changed": [c.ref for c in changed],
                    "flagged": [c.ref for c in changed if c.flagged],
                    "absent": list(absent),
                    "documents": [[r, n, h] for r, n, h, _c in documents],
                }
            },
            documents=documents,
        )
        campaign_file.apply_registry(author)  # supported only once (rules §13)
    if progress is not None:
        progress(2, 2, _("Dossiers enregistrés"))
    ds = DsReport(
        read.procedure,
        read.skipped,
        tuple(changed),
        absent,
        read.mapping,
        tuple((r, n) for r, n, _h, _c in documents),
    )
    warnings = list(read.warnings)
    for change in changed:
        if change.flagged:
            warnings.append(
                _(
                    "dossier « {ref} » (ID {id}) : catégorie ou montant demandé modifié alors "
                    "que la notation a commencé"
                ).format(ref=change.ref, id=change.ds_id)
            )
    flags = registry_flags(campaign_file, {d.ref for d in dossiers})
    return Outcome(
        DossierImportResult(report, read.sheet, tuple(warnings), ds, registry=flags),
        Changes(dossiers=True),
    )


def _scored(campaign: Campaign) -> set[str]:
    return {s.ref for s in campaign.scores if s.values}


def _merged(
    current: Dossier,
    imported: Dossier,
    present: frozenset[str],
    previous: DossierDetail | None,
    labels: set[str],
) -> Dossier:
    """``current`` updated by what DS changed since the last import (everything the export
    carries when the dossier was not imported from DS before)."""
    last = dict(previous.imported) if previous is not None else None
    changes: dict[str, Any] = {}
    for code in present:
        if code in ("ref", "inadmissible_reason"):
            continue
        new = getattr(imported, code)
        if last is not None and code in last and last[code] == new:
            continue  # DS did not change it: the app's value stays
        changes[code] = new
        if code == "admissible":
            changes["inadmissible_reason"] = imported.inadmissible_reason
    # the export's own columns replace the dossier's free fields of the same name (one
    # emptied since is removed); a free field from elsewhere (a workbook) stays
    fields = {label: value for label, value in current.fields if label not in labels}
    fields.update(imported.fields)
    return replace(current, **changes, fields=tuple(fields.items()))


def _differences(
    before: Dossier, after: Dossier, lang: str, categories: Mapping[str, str]
) -> list[str]:
    lines: list[str] = []
    for code, field in _FIELDS.items():
        if getattr(before, code) != getattr(after, code):
            lines.append(
                f"{field.title(lang)} : « {display(before, field, lang, categories)} » → "
                f"« {display(after, field, lang, categories)} »"
            )
    old, new = dict(before.fields), dict(after.fields)
    for label in dict.fromkeys([*old, *new]):
        if old.get(label) != new.get(label):
            lines.append(f"{label} : « {old.get(label, '')} » → « {new.get(label, '')} »")
    return lines


def _detail_differences(before: DossierDetail | None, after: DossierDetail) -> list[str]:
    if before is None:
        return []
    lines: list[str] = []
    if before.state != after.state:
        lines.append(
            _("État DS : « {before} » → « {after} »").format(before=before.state, after=after.state)
        )
    if before.annotations != after.annotations:
        lines.append(_("annotations privées modifiées"))
    if before.blocks != after.blocks:
        lines.append(
            _("blocs modifiés : {blocks}").format(
                blocks=", ".join(
                    sorted({b.title for b in after.blocks} ^ {b.title for b in before.blocks})
                    or sorted({b.title for b in after.blocks if b not in before.blocks})
                )
            )
        )
    if before.notes != after.notes:
        lines.append(
            _("avis : {before} → {after}").format(before=len(before.notes), after=len(after.notes))
        )
    return lines
