"""The report of a merge of juror copies and score sheets: what each file brought, what was
refused and why, and the conflicts with both values (and the callbacks a merge takes).

``MergeReport.to_json()`` is the structure of ``juryapp scores merge --json``
(``shared/spec/cli.md``), with these additions:

- a file refused whole carries ``"error"`` (why: another campaign, another
  version of the grid, not a juror copy, unreadable…) and counts of 0;
- a file may carry ``"warnings"`` (a score sheet typed by hand, without the
  campaign's identity; a criterion column missing; a juror copy made before copies
  were authenticated);
- a juror copy whose key and grids were checked carries ``"authenticated": true``;
- a conflict carries ``"criterion"`` (the criterion code, or ``null`` for the
  comment on the dossier), and ``"kept_at"`` / ``"other_at"``, the edit times
  (UTC ISO-8601) of the value kept and of the one set aside; ``"chosen"`` is
  true when the coordinator chose, false when the most recent edit won.

Counts are in **grids**: one juror's scores (and comment, or recusal) on one
dossier. ``accepted``: the grid brought something the campaign did not have;
``replaced``: it changed a value the campaign had (the juror edited it later)
or recorded a recusal that removed scores; ``unchanged``: nothing new (the same
values, or values that lost a conflict). Score values in the JSON are decimal
strings with a point (``"4.5"``), or ``"p/q"`` when they have no finite decimal form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from juryapp.core.grid import format_number
from juryapp.i18n import translate
from juryapp.store.codec import parse_number_text

__all__ = [
    "Conflict",
    "FileReport",
    "MergeReport",
    "Progress",
    "Refusal",
    "Resolve",
    "Side",
    "display_time",
]

CAMPAIGN_SOURCE = "campagne"


@dataclass(frozen=True)
class Side:
    """One of the two values in a conflict: stored text, edit time, where it came from."""

    text: str  # a score as stored ("9/2"), or a comment's text
    edited_at: str  # UTC ISO-8601
    source: str  # "campagne", or the input file's name


@dataclass(frozen=True)
class Conflict:
    """One juror's value on one dossier's criterion (or comment) that two sources disagree on."""

    juror: str
    ref: str
    criterion: str | None  # None: the comment
    kept: Side
    other: Side
    chosen: bool = False  # the coordinator chose (``resolve``), not the default rule

    @property
    def key(self) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
        """Stable across an analysis and the real merge, whichever side is kept."""
        sides = sorted([(self.kept.source, self.kept.text), (self.other.source, self.other.text)])
        return (self.juror, self.ref, self.criterion or "", tuple(sides))

    def value_text(self, side: Side, lang: str = "fr") -> str:
        """The value as a person reads it (``4,5``), or the comment."""
        if self.criterion is None:
            return side.text
        return format_number(parse_number_text(side.text), lang)


# The callbacks a merge (and the juror copies) take.
Progress = Callable[[int, int, str], None]  # (done, total, what is happening)
Resolve = Callable[[Conflict], str]  # "kept" or "other"


@dataclass(frozen=True)
class Refusal:
    ref: str
    reason: str


@dataclass
class FileReport:
    path: str
    juror: str | None = None
    accepted: int = 0
    unchanged: int = 0
    replaced: int = 0
    refused: list[Refusal] = field(default_factory=list)
    error: str | None = None  # the whole file was refused
    warnings: list[str] = field(default_factory=list)
    # A juror copy whose key the campaign issued, its grids checked: True (None: a sheet,
    # or a copy refused or made before copies were authenticated).
    authenticated: bool | None = None

    @property
    def name(self) -> str:
        return Path(self.path).name

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "juror": self.juror,
            "accepted": self.accepted,
            "unchanged": self.unchanged,
            "replaced": self.replaced,
            "refused": [{"ref": r.ref, "reason": r.reason} for r in self.refused],
        }
        if self.error is not None:
            data["error"] = self.error
        if self.warnings:
            data["warnings"] = list(self.warnings)
        if self.authenticated:
            data["authenticated"] = True
        return data


def _json_value(conflict: Conflict, side: Side) -> str:
    if conflict.criterion is None:
        return side.text
    value = Fraction(side.text)
    text = format_number(value, "en")
    return text if Fraction(text) == value else side.text


def display_time(edited_at: str) -> str:
    """``02/05/2026 12:31:00 UTC+2``: an ISO-8601 time in local time, with its offset
    (edits come from several machines); the text itself when unreadable."""
    from juryapp.moments import local, zone_label

    moment = local(edited_at)
    if moment is None:
        return edited_at
    return f"{moment:%d/%m/%Y %H:%M:%S} {zone_label(moment)}"


@dataclass
class MergeReport:
    files: list[FileReport] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    dry_run: bool = False  # an analysis: nothing was written

    @property
    def accepted(self) -> int:
        return sum(f.accepted for f in self.files)

    @property
    def unchanged(self) -> int:
        return sum(f.unchanged for f in self.files)

    @property
    def replaced(self) -> int:
        return sum(f.replaced for f in self.files)

    @property
    def refused(self) -> int:
        return sum(len(f.refused) for f in self.files)

    @property
    def files_refused(self) -> int:
        return sum(1 for f in self.files if f.error is not None)

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [f.to_json() for f in self.files],
            "conflicts": [
                {
                    "juror": c.juror,
                    "ref": c.ref,
                    "criterion": c.criterion,
                    "kept": _json_value(c, c.kept),
                    "other": _json_value(c, c.other),
                    "kept_at": c.kept.edited_at,
                    "other_at": c.other.edited_at,
                    "chosen": c.chosen,
                }
                for c in self.conflicts
            ],
        }

    def summary(self, lang: str = "fr") -> str:
        """One sentence: how many grids were accepted, unchanged, replaced, refused."""
        t = _translator(lang)
        text = t(
            "{files} fichier(s) : {accepted} grille(s) acceptée(s), {unchanged} inchangée(s), "
            "{replaced} remplacée(s), {refused} refusée(s) ; {conflicts} conflit(s)."
        ).format(
            files=len(self.files),
            accepted=self.accepted,
            unchanged=self.unchanged,
            replaced=self.replaced,
            refused=self.refused,
            conflicts=len(self.conflicts),
        )
        if self.files_refused:
            text += " " + t("{count} fichier(s) refusé(s) en entier.").format(
                count=self.files_refused
            )
        return text

    def conflict_line(self, conflict: Conflict, lang: str = "fr") -> str:
        t = _translator(lang)
        what = conflict.criterion if conflict.criterion is not None else t("commentaire")
        rule = t("choix du coordinateur") if conflict.chosen else t("modification la plus récente")
        return t(
            "{juror} / {ref} / {what} : gardé {kept} ({kept_source}, modifié le {kept_at}) ; "
            "écarté {other} ({other_source}, modifié le {other_at}) — {rule}"
        ).format(
            juror=conflict.juror,
            ref=conflict.ref,
            what=what,
            kept=_quoted(conflict, conflict.kept, lang),
            kept_source=conflict.kept.source,
            kept_at=display_time(conflict.kept.edited_at),
            other=_quoted(conflict, conflict.other, lang),
            other_source=conflict.other.source,
            other_at=display_time(conflict.other.edited_at),
            rule=rule,
        )

    def to_text(self, lang: str = "fr") -> str:
        """A readable report (French; English where the catalogue has the sentence)."""
        t = _translator(lang)
        title = t("Analyse de la fusion (rien n'a été enregistré)") if self.dry_run else None
        lines = [title] if title else []
        lines.append(t("Fusion des notes — ") + self.summary(lang))
        for report in self.files:
            lines.append("")
            juror = (
                t(" (juré {juror})").format(juror=report.juror) if report.juror is not None else ""
            )
            if report.error is not None:
                lines.append(
                    t("{name}{juror} : fichier refusé — {error}").format(
                        name=report.name, juror=juror, error=report.error
                    )
                )
            else:
                lines.append(
                    t(
                        "{name}{juror} : {accepted} acceptée(s), {unchanged} inchangée(s), "
                        "{replaced} remplacée(s), {refused} refusée(s)"
                    ).format(
                        name=report.name,
                        juror=juror,
                        accepted=report.accepted,
                        unchanged=report.unchanged,
                        replaced=report.replaced,
                        refused=len(report.refused),
                    )
                )
            for refusal in report.refused:
                lines.append(
                    t("  - {ref} refusé : {reason}").format(ref=refusal.ref, reason=refusal.reason)
                )
            for warning in report.warnings:
                lines.append(t("  ! avertissement : {warning}").format(warning=warning))
        if self.conflicts:
            lines.append("")
            lines.append(
                t(
                    "Conflits ({count}) — par défaut, la modification la plus récente est gardée :"
                ).format(count=len(self.conflicts))
            )
            for conflict in self.conflicts:
                lines.append("  - " + self.conflict_line(conflict, lang))
        return "\n".join(lines) + "\n"


def _quoted(conflict: Conflict, side: Side, lang: str) -> str:
    text = conflict.value_text(side, lang)
    return f"« {text} »" if conflict.criterion is None else text


def _translator(lang: str) -> Callable[[str], str]:
    def t(message: str) -> str:
        return translate(message, lang)

    return t
