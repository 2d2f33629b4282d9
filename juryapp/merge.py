"""Juror copies of a campaign, and merging them (and score sheets) back into it.

**Juror copies.** :func:`make_juror_copy` writes a new campaign file with the
same campaign id, bound to one voting juror: the call, the grid, the dossiers,
the jury, and *only that juror's* recusals, scores and comments (each score
keeps its edit time). :func:`make_all_juror_copies` writes one per voting juror
(``NOM-CAMPAGNE-J2.jury``). Both are journalled in the source campaign.

**Merging.** :func:`merge_files` takes juror copies (``.jury``) and score sheets
(``.xlsx``), many at once. Inputs are never modified: a copy is copied to a
private folder and that copy is attached (see :mod:`juryapp.store.staging`,
which holds every incoming cell in SQLite); a workbook is only read. The rules:

- *Refused whole*, with the reason: a file of another campaign (its id), made
  for another version of the grid (its fingerprint), a ``.jury`` that is not a
  juror copy (or is the campaign itself), an unreadable file, a hand-typed sheet
  whose criterion columns are not exactly the grid's.
- *Refused grid by grid* (one juror, one dossier), with the reason: a score off
  the scale or the step, an unknown criterion, an unknown dossier, an unknown
  juror, a member without a vote (a secretary has no grid), a juror recused on
  that dossier (in the campaign, or by a recusal in this merge), a row of
  another juror than the copy's bound juror (or than the juror a generated score
  sheet was made for), a sheet row with problems (unreadable value, duplicate…).
- *Recusals travel*: a recusal in a copy, or a sheet row with Déport = oui,
  is recorded (``recuse``), which removes that juror's scores on the dossier.
  A recusal always wins over scores. Comments travel too. A blank cell or an
  empty comment never erases anything; a merge never deletes a score.
- *Edit times*: a copy's cells carry their own ``edited_at``; every cell of a
  score sheet takes the workbook's modified time from its document properties
  (``docProps/core.xml``, ``dcterms:modified``, UTC), else the file's mtime.
- *Conflicts*, for each juror, dossier and criterion (or comment), going
  through the campaign then the inputs in the order given:

  - the same value: unchanged (nothing written, edit time kept);
  - a value the campaign does not have: accepted (written with its edit time);
  - a different value from an input, strictly **newer** than the campaign's:
    *replaced*, no conflict (the juror edited after the last merge);
  - a different value from an input, **not newer** than the campaign's (the
    campaign was changed since, or at the same instant): a **conflict**;
  - two inputs of the same merge with different values: a **conflict**,
    whatever their times.

  By default the most recent edit is kept (on equal times: the campaign's
  value, else the input met first). ``resolve(conflict)`` may answer
  ``"other"`` to keep the other value instead (the desktop dialog asks the
  coordinator); a value so chosen is written with the merge's time as its edit
  time, so that merging the losing file again reports the conflict again
  instead of silently undoing the choice.
- The whole merge is one transaction, with a ``merge`` journal entry holding the
  report's JSON; a closed deliberation refuses it. When every input is refused
  (whole, or each of its grids), nothing is written and :class:`MergeRefused` is
  raised with each file's reason; when only some are, the others are merged.
  Merging the same files again changes nothing: every grid is unchanged and only
  the ``merge`` entry is added.

:func:`analyse_merge` runs the same analysis without writing (the dialog lists
the conflicts from it before the real merge).
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import sqlite3
import unicodedata
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Final
from xml.etree import ElementTree

from juryapp.core.grid import check_value, grid_fingerprint
from juryapp.core.model import Criterion, Juror
from juryapp.i18n import _
from juryapp.io.errors import InputError
from juryapp.io.limits import check_workbook_size
from juryapp.io.scoresheet import identity_problem, read_score_sheet
from juryapp.merge_report import (
    CAMPAIGN_SOURCE,
    Conflict,
    FileReport,
    MergeReport,
    Refusal,
    Side,
)
from juryapp.operations import OperationError, voting_juror
from juryapp.store import CampaignFile, StoreError
from juryapp.store.codec import number_text, parse_number_text
from juryapp.store.staging import MergeStaging

__all__ = [
    "Conflict",
    "FileReport",
    "MergeRefused",
    "MergeReport",
    "Progress",
    "Refusal",
    "Resolve",
    "Side",
    "analyse_merge",
    "juror_copy_name",
    "make_all_juror_copies",
    "make_juror_copy",
    "merge_files",
    "sheet_time",
]

Progress = Callable[[int, int, str], None]  # (done, total, what is happening)
Resolve = Callable[[Conflict], str]  # "kept" or "other"

_SIDE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


# --- juror copies ---------------------------------------------------------------------------


def _remove_file_set(path: Path) -> None:
    for suffix in _SIDE_SUFFIXES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def make_juror_copy(campaign_file: CampaignFile, juror: str, out: Path | str, author: str) -> Path:
    """Write ``out``: a copy of the campaign for one voting juror's laptop; returns its path.

    Refused (``OperationError``) for an unknown juror, a member without a vote,
    an existing ``out``. The copy holds no other juror's scores, comments or recusals.
    """
    out = Path(out)
    campaign = campaign_file.load()
    voting_juror(campaign.jurors, juror)
    for suffix in _SIDE_SUFFIXES:
        if Path(f"{out}{suffix}").exists():
            raise OperationError(
                _(
                    "Le fichier « {path} » existe déjà : choisissez un autre nom ou un "
                    "autre dossier."
                ).format(path=Path(f"{out}{suffix}"))
            )
    scores = campaign_file.score_texts(juror)
    comments = campaign_file.comments_for(juror)
    recusals = tuple(r for r in campaign.recusals if r.juror == juror)
    own = replace(campaign, scores=(), recusals=recusals, decisions=())
    # Written under a temporary name and renamed when whole: a copy that exists holds
    # all of the juror's scores and comments.
    with (
        CampaignFile.building(
            out,
            own,
            author,
            campaign_file.name,
            bound_juror=juror,
            campaign_id=campaign_file.campaign_id,
        ) as copy,
        copy.transaction(),
    ):
        copy.set_score_cells([(j, r, c, text, at) for j, r, c, text, at in scores], author)
        copy.set_comment_cells([(c.juror, c.ref, c.text, c.edited_at) for c in comments], author)
    campaign_file.journal_append(
        "juror-copy",
        {
            "juror": juror,
            "file": out.name,
            "scores": len(scores),
            "comments": len(comments),
            "recusals": len(recusals),
        },
        author,
    )
    return out


def _safe(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def juror_copy_name(campaign_name: str, juror: str) -> str:
    """``NOM-CAMPAGNE-J2.jury``: ASCII letters, digits and dashes only."""
    name = _safe(campaign_name).upper()[:60].strip("-") or "CAMPAGNE"
    code = _safe(juror) or "JURE"
    return f"{name}-{code}.jury"


def make_all_juror_copies(
    campaign_file: CampaignFile,
    folder: Path | str,
    author: str,
    progress: Progress | None = None,
) -> list[Path]:
    """One copy per voting juror in ``folder`` (created if needed); the paths written.

    Refused before anything is written when one of the files exists already; a
    failure midway removes the copies this call wrote.
    """
    folder = Path(folder)
    jurors = [j for j in campaign_file.load().jurors if j.votes]
    if not jurors:
        raise OperationError(_("Aucun juré n'a voix délibérative : aucune copie à préparer."))
    names: dict[str, Path] = {}
    for juror in jurors:
        path = folder / juror_copy_name(campaign_file.name, juror.code)
        stem, number = path.stem, 2
        while path.name.lower() in {p.name.lower() for p in names.values()}:
            path = folder / f"{stem}-{number}.jury"
            number += 1
        names[juror.code] = path
    existing = [p for p in names.values() if p.exists()]
    if existing:
        listed = ", ".join(f"« {p.name} »" for p in existing)
        raise OperationError(
            _(
                "Des copies existent déjà dans « {folder} » : {listed}. Choisissez un "
                "dossier vide ou déplacez-les ; aucune copie n'a été écrite."
            ).format(folder=folder, listed=listed)
        )
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OperationError(
            _("Impossible de créer le dossier « {folder} » : {error}.").format(
                folder=folder, error=error
            )
        ) from error
    written: list[Path] = []
    try:
        for index, juror in enumerate(jurors):
            if progress is not None:
                progress(index, len(jurors), f"Copie de {juror.code} ({juror.name})")
            written.append(make_juror_copy(campaign_file, juror.code, names[juror.code], author))
    except BaseException:
        for path in written:
            _remove_file_set(path)
        if created:  # leave no empty folder behind
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    if progress is not None:
        progress(len(jurors), len(jurors), "Copies écrites")
    return written


# --- reading the inputs ------------------------------------------------------------------------


@dataclass
class _Grid:
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
    value_problem: str | None = None  # the first refused value, found by _Fold


@dataclass
class _Source:
    report: FileReport
    label: str  # the file's name, shown as a conflict's source
    index: int  # the input's position: its cells' "source" in the staging
    owner: str | None = None  # the only juror whose rows the file may hold
    owner_kind: str = "copie"  # "copie" or "feuille", for messages
    grids: list[_Grid] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # staged (criterion, value)


@dataclass
class _Target:
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


def _other_campaign(name: str, target: _Target, copy_created: str = "") -> str:
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


def _target(campaign_file: CampaignFile) -> _Target:
    campaign = campaign_file.load_frame()
    return _Target(
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
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or os.path.samefile(a, b)
    except OSError:
        return False


def _read_copy(path: Path, target: _Target, staging: MergeStaging, index: int) -> _Source:
    source = _Source(FileReport(str(path)), path.name, index)
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
    grids = {key: _Grid(*key, has_values=True, staged=True) for key in graded}

    def grid(juror: str, ref: str) -> _Grid:
        found = grids.get((juror, ref))
        if found is None:
            found = grids[(juror, ref)] = _Grid(juror, ref)
        return found

    for juror, ref, text, at in comments:
        if text:
            grid(juror, ref).comment = (text, at)
    for juror, ref, reason, at in recusals:
        grid(juror, ref).recusal = (reason or "déport déclaré dans la copie du juré", at)
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


def _read_sheet(path: Path, target: _Target, staging: MergeStaging, index: int) -> _Source:
    source = _Source(FileReport(str(path)), path.name, index, owner_kind="feuille")
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
        grid = _Grid(
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


def _read_input(path: Path, target: _Target, staging: MergeStaging, index: int) -> _Source:
    if not path.is_file():
        source = _Source(FileReport(str(path)), path.name, index)
        source.report.error = _("fichier introuvable")
        return source
    suffix = path.suffix.lower()
    if suffix == ".jury":
        return _read_copy(path, target, staging, index)
    if suffix in (".xlsx", ".xlsm"):
        return _read_sheet(path, target, staging, index)
    source = _Source(FileReport(str(path)), path.name, index)
    source.report.error = _(
        "format non reconnu : une copie de juré (.jury) ou une feuille de "
        "notes (.xlsx) est attendue"
    )
    return source


# --- deciding ----------------------------------------------------------------------------------

_OLDEST = datetime.min.replace(tzinfo=UTC)


@lru_cache(maxsize=4096)
def _instant(edited_at: str) -> datetime:
    """An edit time; an unreadable one (a damaged file) counts as the oldest."""
    try:
        moment = datetime.fromisoformat(edited_at)
    except ValueError:
        return _OLDEST
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


_NOTHING = ("", "")  # no stored value: "" is never a stored score nor comment


# A cell an input touched: (text, edited_at, source, from_input); from_input is False
# when the campaign's stored value won a conflict.
_Cell = tuple[str, str, str, bool]
_TEXT: Final = 0
_AT: Final = 1
_SOURCE: Final = 2
_FROM_INPUT: Final = 3


@dataclass
class _Plan:
    report: MergeReport
    recusals: list[tuple[str, str, str]] = field(default_factory=list)
    scores: list[tuple[str, str, str, str, str, str | None]] = field(default_factory=list)
    comments: list[tuple[str, str, str, str]] = field(default_factory=list)


def _mark(flags: dict[tuple[int, str, str], str], key: tuple[int, str, str], outcome: str) -> None:
    """A grid's outcome so far: "replaced" wins over "accepted", which wins over nothing."""
    if outcome == "replaced" or (outcome == "accepted" and flags.get(key) != "replaced"):
        flags[key] = outcome


class _Fold:
    """Folds the inputs' grids onto the campaign's values, in order (see the module's rules).

    The cells that need no decision (held by one input only, and new to the
    campaign or equal to its value) stay in the staging; only the *contested*
    ones come through :meth:`_fold`, with the campaign's value when it has one.
    """

    def __init__(
        self,
        campaign_file: CampaignFile,
        staging: MergeStaging,
        target: _Target,
        resolve: Resolve | None,
    ) -> None:
        self.staging = staging
        self.target = target
        self.resolve = resolve
        self.now = _now()
        self.stored_scores: dict[tuple[str, ...], tuple[str, str]] = {}  # contested keys only
        self.stored_comments: dict[tuple[str, ...], tuple[str, str]] = {
            (c.juror, c.ref): (c.text, c.edited_at) for c in campaign_file.comment_cells()
        }
        self.scores: dict[tuple[str, ...], _Cell] = {}  # the contested cells, folded
        self.comments: dict[tuple[str, ...], _Cell] = {}
        self.recused = {(j, r) for j, r, _reason, _at in campaign_file.recusal_cells()}
        self.new_recusals: list[tuple[str, str, str]] = []
        self.conflicts: list[tuple[tuple[int, str, str, int, str], Conflict]] = []
        self._checked: dict[tuple[str, str], str | None] = {}

    def _value_problem(self, code: str, text: str) -> str | None:
        key = (code, text)
        if key not in self._checked:
            criterion = self.target.criteria.get(code)
            if criterion is None:
                self._checked[key] = _("critère inconnu « {code} »").format(code=code)
            else:
                try:
                    value = parse_number_text(text)
                except (ValueError, ZeroDivisionError):
                    self._checked[key] = _("note illisible « {text} » ({code})").format(
                        text=text, code=code
                    )
                else:
                    self._checked[key] = check_value(criterion, value)
        return self._checked[key]

    def check_values(self, sources: Sequence[_Source]) -> None:
        """Set each grid's first refused value (by the grid's criterion order)."""
        rank = {code: i for i, code in enumerate(self.target.criteria_order)}
        for source in sources:
            refused = {
                pair: problem
                for pair in source.pairs
                if (problem := self._value_problem(*pair)) is not None
            }
            if not refused:
                continue
            grids = {(g.juror, g.ref): g for g in source.grids if g.staged}
            first: dict[tuple[str, str], tuple[int, str]] = {}
            for juror, ref, code, text in self.staging.cells_with_values(source.index, refused):
                found = (rank.get(code, len(rank)), refused[(code, text)])
                if (juror, ref) not in first or found < first[(juror, ref)]:
                    first[(juror, ref)] = found
            for key, (_rank, problem) in first.items():
                if key in grids:
                    grids[key].value_problem = problem

    def grid_problem(self, source: _Source, grid: _Grid) -> str | None:
        """Why this grid is refused (French), or None."""
        if grid.problems:
            return "; ".join(grid.problems)
        if source.owner is not None and grid.juror != source.owner:
            if source.owner_kind == "copie":
                return _("note de {juror} dans la copie de {owner} : refusée").format(
                    juror=grid.juror, owner=source.owner
                )
            return _("ligne de {juror} dans la feuille de notes de {owner} : refusée").format(
                juror=grid.juror, owner=source.owner
            )
        juror = self.target.jurors.get(grid.juror)
        if juror is None:
            return _("juré inconnu « {juror} »").format(juror=grid.juror)
        if not juror.votes:
            return _("{code} ({name}) n'a pas voix délibérative : pas de notes").format(
                code=juror.code, name=juror.name
            )
        if grid.ref not in self.target.refs:
            return _("dossier inconnu « {ref} »").format(ref=grid.ref)
        if grid.ref in self.target.inadmissible and (grid.has_values or grid.comment):
            return _("le dossier {ref} est déclaré non recevable : il ne se note pas").format(
                ref=grid.ref
            )
        return grid.value_problem

    def recusal(self, source: _Source, grid: _Grid) -> str:
        """Record a grid's recusal; its outcome: accepted, replaced or unchanged."""
        key = (grid.juror, grid.ref)
        if key in self.recused:
            return "unchanged"
        assert grid.recusal is not None
        self.recused.add(key)
        self.new_recusals.append((grid.juror, grid.ref, grid.recusal[0]))
        graded = key in self.stored_comments or self.staging.has_grid(*key)
        return "replaced" if graded else "accepted"

    def _fold(
        self,
        cells: dict[tuple[str, ...], _Cell],
        stored: dict[tuple[str, ...], tuple[str, str]],
        key: tuple[str, ...],
        criterion: str | None,
        text: str,
        at: str,
        source: _Source,
    ) -> str:
        """One cell; its outcome: accepted, replaced, unchanged (lost or equal)."""
        current = cells.get(key)
        if current is None:
            held = stored.get(key)
            if held is not None:
                current = (held[0], held[1], CAMPAIGN_SOURCE, False)
        incoming: _Cell = (text, at, source.label, True)
        if current is None:
            cells[key] = incoming
            return "accepted"
        if current[_TEXT] == text:
            return "unchanged"
        newer = _instant(at) > _instant(current[_AT])
        if not current[_FROM_INPUT] and newer:
            cells[key] = incoming
            return "replaced"
        kept, other = (incoming, current) if newer else (current, incoming)
        conflict = Conflict(
            juror=key[0],
            ref=key[1],
            criterion=criterion,
            kept=Side(kept[_TEXT], kept[_AT], kept[_SOURCE]),
            other=Side(other[_TEXT], other[_AT], other[_SOURCE]),
        )
        incoming_wins = newer
        if self.resolve is not None and self.resolve(conflict) == "other":
            conflict = Conflict(
                conflict.juror, conflict.ref, criterion, conflict.other, conflict.kept, True
            )
            incoming_wins = not incoming_wins
            kept = incoming if incoming_wins else current
            # The coordinator's choice is a new edit: stamped now, so that merging the
            # losing file again is a conflict, not a silent undo.
            kept = (kept[_TEXT], self.now, kept[_SOURCE], True)
        order = (source.index, key[0], key[1], 1 if criterion is None else 0, criterion or "")
        self.conflicts.append((order, conflict))
        cells[key] = kept
        return "replaced" if incoming_wins else "unchanged"

    def plan(self, report: MergeReport, sources: Sequence[_Source]) -> _Plan:
        plan = _Plan(report)
        self.check_values(sources)
        refused: dict[int, str] = {}
        # Recusals first: they refuse the same juror's scores on the dossier in every input.
        for source in sources:
            for grid in source.grids:
                if grid.recusal is None:
                    continue
                problem = self.grid_problem(source, grid)
                if problem is None and (grid.has_values or grid.comment):
                    problem = _("notes saisies sur un dossier en déport")
                if problem is not None:
                    refused[id(grid)] = problem
                    continue
                _count(source.report, self.recusal(source, grid))
        live: list[tuple[_Source, _Grid]] = []
        for source in sources:
            discarded: list[tuple[str, str]] = []
            for grid in source.grids:
                problem = refused.get(id(grid))
                if problem is None and grid.recusal is not None:
                    continue  # counted above
                if problem is None:
                    problem = self.grid_problem(source, grid)
                if problem is None and (grid.juror, grid.ref) in self.recused:
                    problem = _(
                        "{juror} s'est déporté(e) sur le dossier {ref} : ses notes sont refusées"
                    ).format(juror=grid.juror, ref=grid.ref)
                if problem is not None:
                    source.report.refused.append(Refusal(grid.ref, grid.where + problem))
                    if grid.staged:
                        discarded.append((grid.juror, grid.ref))
                    continue
                live.append((source, grid))
            if discarded:
                self.staging.discard_grids(source.index, discarded)
        # Scores: the staging sets the uncontested cells apart; the rest fold here in order.
        contested, new_grids = self.staging.classify()
        by_index = {source.index: source for source in sources}
        flags: dict[tuple[int, str, str], str] = {}
        for cell in contested:
            key = (cell.juror, cell.ref, cell.criterion)
            if cell.stored is not None:
                self.stored_scores[key] = cell.stored
            outcome = self._fold(
                self.scores,
                self.stored_scores,
                key,
                cell.criterion,
                cell.value,
                cell.edited_at,
                by_index[cell.source],
            )
            _mark(flags, (cell.source, cell.juror, cell.ref), outcome)
        for source, grid in live:
            key3 = (source.index, grid.juror, grid.ref)
            if grid.comment is not None:
                text, at = grid.comment
                outcome = self._fold(
                    self.comments, self.stored_comments, key3[1:], None, text, at, source
                )
                _mark(flags, key3, outcome)
            if key3 in new_grids:
                _mark(flags, key3, "accepted")
            _count(source.report, flags.get(key3, "unchanged"))
        self.conflicts.sort(key=lambda pair: pair[0])
        report.conflicts = [conflict for _order, conflict in self.conflicts]
        plan.recusals = self.new_recusals
        recused = {(j, r) for j, r, _reason in self.new_recusals}
        stored_scores, stored_comments = self.stored_scores, self.stored_comments
        plan.scores = [
            (j, r, c, text, at, stored_scores[(j, r, c)][0] if (j, r, c) in stored_scores else None)
            for (j, r, c), (text, at, _source, from_input) in self.scores.items()
            if from_input
            and (j, r) not in recused
            and stored_scores.get((j, r, c), _NOTHING)[0] != text
        ]
        plan.comments = [
            (j, r, text, at)
            for (j, r), (text, at, _source, from_input) in self.comments.items()
            if from_input
            and (j, r) not in recused
            and stored_comments.get((j, r), _NOTHING)[0] != text
        ]
        return plan


def _count(report: FileReport, outcome: str) -> None:
    if outcome == "accepted":
        report.accepted += 1
    elif outcome == "replaced":
        report.replaced += 1
    else:
        report.unchanged += 1


class MergeRefused(OperationError):
    """Every input of a merge was refused: nothing was written, not even a journal entry.

    ``report`` holds each file's reasons.
    """

    def __init__(self, report: MergeReport) -> None:
        self.report = report
        lines = [
            _("Fusion refusée : aucun des fichiers n'apporte de note ; rien n'a été enregistré.")
        ]
        for item in report.files:
            if item.error is not None:
                reason = item.error
            else:
                first = item.refused[0]
                reason = f"{first.ref} : {first.reason}"
                if len(item.refused) > 1:
                    reason += " " + _("(et {count} autre(s) grille(s) refusée(s))").format(
                        count=len(item.refused) - 1
                    )
            lines.append(f"  - {item.name} : {reason}")
        super().__init__("\n".join(lines))


def _refused_whole(item: FileReport) -> bool:
    """The file brought nothing: refused whole, or every grid of it refused."""
    if item.error is not None:
        return True
    return bool(item.refused) and not (item.accepted or item.unchanged or item.replaced)


def _require_open(campaign_file: CampaignFile) -> None:
    if campaign_file.is_closed:
        raise OperationError(
            _(
                "La délibération est close : la fusion des notes est refusée. "
                "Rouvrez-la (avec une raison) pour fusionner de nouvelles notes ; le "
                "PV changera de version."
            )
        )


def _read_all(
    campaign_file: CampaignFile,
    staging: MergeStaging,
    inputs: Sequence[Path | str],
    progress: Progress | None,
) -> tuple[_Target, list[_Source]]:
    target = _target(campaign_file)
    total = len(inputs) + 1
    sources: list[_Source] = []
    for index, item in enumerate(inputs):
        path = Path(item)
        if progress is not None:
            progress(index, total, f"Lecture de {path.name}")
        sources.append(_read_input(path, target, staging, index))
    if progress is not None:
        progress(len(inputs), total, "Comparaison et enregistrement")
    return target, sources


def _report(sources: Sequence[_Source], dry_run: bool) -> MergeReport:
    return MergeReport(files=[s.report for s in sources], dry_run=dry_run)


@contextmanager
def _bulk_work() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during a merge: tens of thousands of
    small objects are made and kept, and each collection would rescan all of them.
    Nothing here makes cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyse_merge(
    campaign_file: CampaignFile,
    inputs: Sequence[Path | str],
    *,
    progress: Progress | None = None,
    resolve: Resolve | None = None,
) -> MergeReport:
    """What :func:`merge_files` would do, without writing anything (``dry_run`` is true)."""
    _require_open(campaign_file)
    with _bulk_work(), MergeStaging(campaign_file) as staging:
        target, sources = _read_all(campaign_file, staging, inputs, progress)
        report = _report(sources, dry_run=True)
        with staging.transaction(write=False):
            _Fold(campaign_file, staging, target, resolve).plan(report, sources)
    if progress is not None:
        progress(len(inputs) + 1, len(inputs) + 1, "Analyse terminée")
    return report


def merge_files(
    campaign_file: CampaignFile,
    inputs: Sequence[Path | str],
    author: str,
    *,
    progress: Progress | None = None,
    resolve: Resolve | None = None,
) -> MergeReport:
    """Merge juror copies and score sheets into the campaign, in one transaction.

    See the module's docstring for the rules. ``progress(done, total, what)`` is
    called from the calling thread; ``resolve(conflict)`` is called inside the
    write transaction: it must answer at once (``"kept"`` or ``"other"``), not ask.
    """
    _require_open(campaign_file)
    with _bulk_work(), MergeStaging(campaign_file) as staging:
        target, sources = _read_all(campaign_file, staging, inputs, progress)
        report = _report(sources, dry_run=False)
        with staging.transaction(write=True):
            _require_open(campaign_file)
            plan = _Fold(campaign_file, staging, target, resolve).plan(report, sources)
            if report.files and all(_refused_whole(item) for item in report.files):
                raise MergeRefused(report)  # rolls the transaction back: nothing written
            for juror, ref, reason in plan.recusals:
                campaign_file.recuse(juror, ref, reason, author)
            staging.write_scores(author, plan.scores)
            campaign_file.set_comment_cells(plan.comments, author)
            campaign_file.journal_append("merge", report.to_json(), author)
    if progress is not None:
        progress(len(inputs) + 1, len(inputs) + 1, "Fusion terminée")
    return report
