"""Running a merge: :func:`merge_files` reads the inputs, folds them onto the
campaign and writes the result in one transaction; :func:`analyse_merge` does the
same without writing (the dialog lists the conflicts from it before the real merge).

The whole merge is one transaction, with a ``merge`` journal entry holding the
report's JSON; a closed deliberation refuses it. When every input is refused
(whole, or each of its grids), nothing is written and :class:`MergeRefused` is
raised with each file's reason; when only some are, the others are merged.
Merging the same files again changes nothing: every grid is unchanged and only
the ``merge`` entry is added.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from juryapp.core.bulk import collector_paused
from juryapp.core.errors import OperationError
from juryapp.i18n import _
from juryapp.merge.inputs import Source, read_all
from juryapp.merge.plan import Fold
from juryapp.merge.report import FileReport, MergeReport, Progress, Resolve
from juryapp.store import CampaignFile
from juryapp.store.staging import MergeStaging

__all__ = ["MergeRefused", "analyse_merge", "merge_files"]


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


def _report(sources: Sequence[Source], dry_run: bool) -> MergeReport:
    return MergeReport(files=[s.report for s in sources], dry_run=dry_run)


def analyse_merge(
    campaign_file: CampaignFile,
    inputs: Sequence[Path | str],
    *,
    progress: Progress | None = None,
    resolve: Resolve | None = None,
) -> MergeReport:
    """What :func:`merge_files` would do, without writing anything (``dry_run`` is true)."""
    _require_open(campaign_file)
    with collector_paused(), MergeStaging(campaign_file) as staging:
        target, sources = read_all(campaign_file, staging, inputs, progress)
        report = _report(sources, dry_run=True)
        with staging.transaction(write=False):
            Fold(campaign_file, staging, target, resolve).plan(report, sources)
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
    with collector_paused(), MergeStaging(campaign_file) as staging:
        target, sources = read_all(campaign_file, staging, inputs, progress)
        report = _report(sources, dry_run=False)
        with staging.transaction(write=True):
            _require_open(campaign_file)
            plan = Fold(campaign_file, staging, target, resolve).plan(report, sources)
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
