"""Folding a merge's inputs onto the campaign: which grids are refused, which values
are written, and the conflicts.

Going through the campaign then the inputs in the order given, a grid is refused
(one juror, one dossier) for a score off the scale or the step, an unknown
criterion, dossier or juror, a member without a vote, a recusal (in the campaign
or in this merge), a row of another juror than the file's own; a recusal always
wins over scores; a blank cell or an empty comment never erases anything.

Conflicts, for each juror, dossier and criterion (or comment):

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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Final

from juryapp.core.grid import check_value
from juryapp.i18n import _
from juryapp.merge.inputs import Grid, Source, Target
from juryapp.merge.report import (
    CAMPAIGN_SOURCE,
    Conflict,
    FileReport,
    MergeReport,
    Refusal,
    Resolve,
    Side,
)
from juryapp.store import CampaignFile
from juryapp.store.codec import parse_number_text
from juryapp.store.staging import MergeStaging

__all__ = ["Fold", "Plan"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


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
class Plan:
    report: MergeReport
    recusals: list[tuple[str, str, str]] = field(default_factory=list)
    scores: list[tuple[str, str, str, str, str, str | None]] = field(default_factory=list)
    comments: list[tuple[str, str, str, str]] = field(default_factory=list)


def _mark(flags: dict[tuple[int, str, str], str], key: tuple[int, str, str], outcome: str) -> None:
    """A grid's outcome so far: "replaced" wins over "accepted", which wins over nothing."""
    if outcome == "replaced" or (outcome == "accepted" and flags.get(key) != "replaced"):
        flags[key] = outcome


class Fold:
    """Folds the inputs' grids onto the campaign's values, in order (see the module's rules).

    The cells that need no decision (held by one input only, and new to the
    campaign or equal to its value) stay in the staging; only the *contested*
    ones come through :meth:`_fold`, with the campaign's value when it has one.
    """

    def __init__(
        self,
        campaign_file: CampaignFile,
        staging: MergeStaging,
        target: Target,
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

    def check_values(self, sources: Sequence[Source]) -> None:
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

    def grid_problem(self, source: Source, grid: Grid) -> str | None:
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
        rapporteurs = self.target.rapporteurs
        if (
            rapporteurs is not None
            and (grid.has_values or grid.comment)
            and not rapporteurs.may_score(grid.juror, grid.ref)
        ):
            return _(
                "{juror} n'est pas rapporteur du dossier {ref} : note refusée (le secrétariat "
                "peut ouvrir ce dossier à tous)"
            ).format(juror=grid.juror, ref=grid.ref)
        return grid.value_problem

    def recusal(self, source: Source, grid: Grid) -> str:
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
        source: Source,
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

    def plan(self, report: MergeReport, sources: Sequence[Source]) -> Plan:
        plan = Plan(report)
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
        live: list[tuple[Source, Grid]] = []
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
