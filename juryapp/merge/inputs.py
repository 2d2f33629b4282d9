"""Reading a merge's inputs: juror copies (``.jury``) and score sheets (``.xlsx``).

Inputs are never modified: a copy is copied to a private folder and that copy is
attached (see :mod:`juryapp.store.staging`, which holds every incoming cell in
SQLite); a workbook is only read. A file refused whole (another campaign, another
version of the grid, not a juror copy, unreadable, a hand-typed sheet whose
criterion columns are not the grid's) gets its reason in its report; every other
file gives its grids, each with what the file says of it (values staged, comment,
recusal, problems). A score sheet's cells take the workbook's modified time
(``docProps/core.xml``, ``dcterms:modified``, UTC), else the file's mtime.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import Criterion, Juror, Rapporteurs
from juryapp.i18n import _
from juryapp.io.errors import InputError
from juryapp.io.limits import check_workbook_size
from juryapp.io.scoresheet import identity_problem, read_score_sheet
from juryapp.merge.report import FileReport, Progress
from juryapp.store import CampaignFile, StoreError
from juryapp.store.authentication import IssuedKey
from juryapp.store.codec import number_text
from juryapp.store.staging import MergeStaging

__all__ = ["Grid", "Source", "Target", "read_all", "read_input", "read_target", "sheet_time"]


@dataclass
class Grid:
    """One juror's contribution on one dossier, as an input holds it.

    Its score values stay in the merge's staging (SQLite), not here: ``staged``
    says whether it has cells there.
    """

    juror: str
    ref: str
    where: str = ""  # "ligne 7 : " for a sheet row
    has_values: bool = False
    staged: bool = False
    comment: tuple[str, str] | None = None  # (text, at)
    recusal: tuple[str, str] | None = None  # (reason, at)
    problems: list[str] = field(default_factory=list)
    value_problem: str | None = None  # the first refused value, found by Fold


@dataclass
class Source:
    report: FileReport
    label: str  # the file's name, shown as a conflict's source
    index: int  # the input's position: its cells' "source" in the staging
    owner: str | None = None  # the only juror whose rows the file may hold
    owner_kind: str = "copie"  # "copie" or "feuille", for messages
    grids: list[Grid] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # staged (criterion, value)


@dataclass
class Target:
    """What the merge needs of the campaign."""

    path: Path
    campaign_id: str
    name: str
    fingerprint: str
    criteria: dict[str, Criterion]
    criteria_order: tuple[str, ...]
    jurors: dict[str, Juror]
    refs: set[str]
    inadmissible: set[str]
    created_at: str = ""
    rapporteurs: Rapporteurs | None = None  # who scores what (rules §14)
    keys: dict[str, IssuedKey] = field(default_factory=dict)  # issued with juror copies


def _local_moment(stamp: str) -> str:
    """``2026-12-06T02:03:00+00:00`` as « 06/12/2026 à 03:03 » in local time."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime(_("%d/%m/%Y à %H:%M"))


def _folded(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in bare if not unicodedata.combining(c)).casefold().split())


def _other_campaign(name: str, target: Target, copy_created: str = "") -> str:
    """Why a file of another campaign is refused: a campaign re-created under the same
    name is said as such (its copies and sheets were made before)."""
    if _folded(name) != _folded(target.name):
        return _("ce fichier est celui d'une autre campagne (« {name} »)").format(name=name)
    if copy_created and target.created_at and copy_created != target.created_at:
        return _(
            "la campagne « {name} » a été recréée depuis que ce fichier a été préparé : "
            "même nom, mais une autre campagne (celle du fichier créée le {then}, celle-ci "
            "le {now}) ; ses notes ne s'appliquent pas à celle-ci : préparez de nouvelles "
            "copies pour les jurés"
        ).format(name=name, then=_local_moment(copy_created), now=_local_moment(target.created_at))
    return _(
        "la campagne « {name} » a été recréée depuis que ce fichier a été préparé : même "
        "nom, mais une autre campagne (autre identité) ; ses notes ne s'appliquent pas à "
        "celle-ci : préparez de nouvelles copies ou feuilles pour les jurés"
    ).format(name=name)


def read_target(campaign_file: CampaignFile) -> Target:
    campaign = campaign_file.load_frame()
    return Target(
        path=campaign_file.path,
        campaign_id=campaign_file.campaign_id,
        name=campaign_file.name,
        fingerprint=grid_fingerprint(campaign.criteria, campaign.rules.scale),
        criteria={c.code: c for c in campaign.criteria},
        criteria_order=tuple(c.code for c in campaign.criteria),
        jurors={j.code: j for j in campaign.jurors},
        refs={d.ref for d in campaign.dossiers},
        inadmissible={d.ref for d in campaign.dossiers if not d.admissible},
        created_at=campaign_file.created_at,
        rapporteurs=campaign.rapporteurs,
        keys=campaign_file.issued_keys(),
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _read_copy(path: Path, target: Target, staging: MergeStaging, index: int) -> Source:
    source = Source(FileReport(str(path)), path.name, index)
    report = source.report
    if _same_file(path, target.path):
        report.error = _("c'est le fichier de la campagne elle-même, pas une copie de juré")
        return source
    try:
        with staging.juror_copy(path) as copy:
            if copy.campaign_id != target.campaign_id:
                report.error = _other_campaign(copy.name, target, copy.created_at)
                return source
            if copy.fingerprint != target.fingerprint:
                report.error = _(
                    "ce fichier a été fait pour une autre version de la grille (critères, "
                    "poids ou échelles modifiés depuis) : préparez une nouvelle copie"
                )
                return source
            owner = copy.bound_juror
            if owner is None:
                report.error = _(
                    "ce fichier n'est pas une copie de juré (fichier de campagne complet) "
                    ": seules les copies de jurés et les feuilles de notes se fusionnent"
                )
                return source
            report.juror = owner
            source.owner = owner
            check = copy.authenticate(target.keys)
            if check.refused is not None:
                report.error = check.refused
                return source
            report.authenticated = check.authenticated or None
            if check.warning is not None:
                report.warnings.append(check.warning)
            source.pairs = copy.stage_scores(index)
            graded = copy.grids()
            comments = copy.comments()
            recusals = copy.recusals()
    except StoreError as error:
        report.error = str(error)
        return source
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, sqlite3.Error) as error:
        # A damaged copy whose rows cannot be read: the file is refused, not a bug.
        report.error = _("copie illisible ou endommagée ({kind})").format(kind=type(error).__name__)
        return source
    grids = {key: Grid(*key, has_values=True, staged=True) for key in graded}

    def grid(juror: str, ref: str) -> Grid:
        found = grids.get((juror, ref))
        if found is None:
            found = grids[(juror, ref)] = Grid(juror, ref)
        return found

    for juror, ref, text, at in comments:
        if text:
            grid(juror, ref).comment = (text, at)
    for juror, ref, reason, at in recusals:
        grid(juror, ref).recusal = (reason or "déport déclaré dans la copie du juré", at)
    for (juror, ref), problem in check.grids.items():  # refused grid by grid, with why
        grid(juror, ref).problems.append(problem)
    source.grids = list(grids.values())
    return source


_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}


def sheet_time(path: Path) -> str:
    """The edit time of a score sheet's cells: the workbook's modified time (UTC), else mtime."""
    with contextlib.suppress(OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("docProps/core.xml"))
        node = root.find("dcterms:modified", _CORE_NS)
        if node is not None and node.text:
            with contextlib.suppress(ValueError):
                moment = datetime.fromisoformat(node.text.strip().replace("Z", "+00:00"))
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=UTC)
                return moment.astimezone(UTC).isoformat(timespec="microseconds")
    stamp = path.stat().st_mtime
    return datetime.fromtimestamp(stamp, UTC).isoformat(timespec="microseconds")


def _read_sheet(path: Path, target: Target, staging: MergeStaging, index: int) -> Source:
    source = Source(FileReport(str(path)), path.name, index, owner_kind="feuille")
    report = source.report
    criteria = [target.criteria[code] for code in target.criteria_order]
    try:
        check_workbook_size(path)  # whatever reads the sheet, the limits hold
        sheet = read_score_sheet(path, criteria=criteria)
        at = sheet_time(path)
    except InputError as error:
        report.error = str(error)
        return source
    except OSError as error:
        report.error = _("lecture impossible : {reason}").format(reason=error.strerror or error)
        return source
    report.warnings = list(sheet.warnings)
    problem = identity_problem(
        sheet.identity, campaign_id=target.campaign_id, fingerprint=target.fingerprint
    )
    if problem is not None:
        identity = sheet.identity
        if (
            identity is not None
            and identity.campaign_id != target.campaign_id
            and _folded(identity.campaign_name) == _folded(target.name)
        ):
            problem = _other_campaign(identity.campaign_name, target)
        report.error = problem
        return source
    if sheet.identity is None and set(sheet.criteria) != set(target.criteria_order):
        report.error = _(
            "feuille sans identité de campagne dont les colonnes de critères ne "
            "correspondent pas à la grille (attendues : {criteria_order} ; "
            "trouvées : {criteria})"
        ).format(
            criteria_order=", ".join(target.criteria_order), criteria=", ".join(sheet.criteria)
        )
        return source
    if sheet.identity is not None and sheet.identity.juror:
        source.owner = sheet.identity.juror
    jurors: list[str] = []
    cells: list[tuple[str, str, str, str, str]] = []
    for row in sheet.rows:
        if row.is_empty:
            continue
        if row.juror and row.juror not in jurors:
            jurors.append(row.juror)
        grid = Grid(
            row.juror, row.ref, where=_("ligne {row_number} : ").format(row_number=row.row_number)
        )
        grid.problems = list(row.problems)
        grid.has_values = bool(row.values)
        # A row with problems is refused whole: only the others are staged (one per
        # juror and dossier, the sheet's reader flags a second one as a problem).
        if row.values and not row.problems:
            grid.staged = True
            cells += [
                (row.juror, row.ref, code, number_text(value), at)
                for code, value in row.values.items()
            ]
        if row.comment:
            grid.comment = (row.comment, at)
        if row.recused:
            grid.recusal = (f"déport déclaré dans la feuille de notes {path.name}", at)
        source.grids.append(grid)
    staging.stage_cells(index, cells)
    source.pairs = sorted({(code, text) for _j, _r, code, text, _at in cells})
    report.juror = source.owner or (", ".join(jurors) if jurors else None)
    return source


def read_input(path: Path, target: Target, staging: MergeStaging, index: int) -> Source:
    if not path.is_file():
        source = Source(FileReport(str(path)), path.name, index)
        source.report.error = _("fichier introuvable")
        return source
    suffix = path.suffix.lower()
    if suffix == ".jury":
        return _read_copy(path, target, staging, index)
    if suffix in (".xlsx", ".xlsm"):
        return _read_sheet(path, target, staging, index)
    source = Source(FileReport(str(path)), path.name, index)
    source.report.error = _(
        "format non reconnu : une copie de juré (.jury) ou une feuille de "
        "notes (.xlsx) est attendue"
    )
    return source


def read_all(
    campaign_file: CampaignFile,
    staging: MergeStaging,
    inputs: Sequence[Path | str],
    progress: Progress | None,
) -> tuple[Target, list[Source]]:
    target = read_target(campaign_file)
    total = len(inputs) + 1
    sources: list[Source] = []
    for index, item in enumerate(inputs):
        path = Path(item)
        if progress is not None:
            progress(index, total, f"Lecture de {path.name}")
        sources.append(read_input(path, target, staging, index))
    if progress is not None:
        progress(len(inputs), total, "Comparaison et enregistrement")
    return target, sources
