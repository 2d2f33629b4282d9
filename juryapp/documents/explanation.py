"""One dossier's explanation sheet (PDF), for its applicant.

The CRPA (art. L311-3-1 and R311-3-1-2) gives anyone subject to a decision
taken on the basis of an algorithmic processing the right to the rules of that
processing and to the parameters applied to their own situation; the CADA lets
an applicant have their own marks and appraisals. The sheet therefore holds:
the grid and the method's parameters; this dossier's scores, each juror named
by code only; the criterion means, the aggregate, the rank, the tie steps, the
entitlement and the amount, with the engine's explanation step by step; and the
jury's decisions about this dossier.

It holds no other dossier's data: wherever a sentence of the engine or a
decision names another dossier (a tie, an ordering), its reference and title
are replaced by « [autre dossier n] ». Juror names never appear.

This module is the layout and the redaction; the sentences are in
:mod:`juryapp.documents.wording`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from juryapp.core.fields import FieldType, Show, display, shown
from juryapp.core.grid import format_number
from juryapp.core.model import (
    CarryOver,
    Dossier,
    DrawLots,
    NoAward,
    OrderTie,
    SetAmount,
    Withdraw,
)
from juryapp.core.report import result_status_label
from juryapp.core.results import DossierResult, Status
from juryapp.core.texts import format_note
from juryapp.documents import wording as w
from juryapp.documents.minutes import grid_table
from juryapp.documents.pdf import (
    DocumentParagraph,
    build_pdf,
    data_table,
    document_frame,
    heading,
    key_value_table,
    styles,
)
from juryapp.documents.wording import Tr, markup

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = ["Redactor", "explanation_story", "write_explanation"]


class Redactor:
    """Replaces other dossiers' references and titles by « [autre dossier n] »."""

    def __init__(self, record: DeliberationRecord, ref: str, tr: Tr) -> None:
        own = next(d for d in record.campaign.dossiers if d.ref == ref)
        own_text = f"{own.ref} {own.title} {own.applicant}"
        self.tr = tr
        self.labels: dict[str, str] = {}
        self.names: dict[str, str] = {}  # a reference or a title -> its dossier's reference
        for dossier in record.campaign.dossiers:
            if dossier.ref == ref:
                continue
            self.names[dossier.ref] = dossier.ref
            title = dossier.title.strip()
            # a title that is part of this dossier's own words is left alone
            if len(title) >= 3 and title not in own_text:
                self.names.setdefault(title, dossier.ref)
        alternatives = sorted(self.names, key=len, reverse=True)
        self.pattern = (
            re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w-])"
            )
            if alternatives
            else None
        )

    def label(self, other_ref: str) -> str:
        if other_ref not in self.labels:
            self.labels[other_ref] = w.other_dossier(len(self.labels) + 1, self.tr)
        return self.labels[other_ref]

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.label(self.names[m.group(1)]), text)


class _Sheet:
    def __init__(self, record: DeliberationRecord, ref: str, lang: str) -> None:
        self.record = record
        self.campaign = record.campaign
        self.rules = record.campaign.rules
        self.lang = lang
        self.tr = Tr(lang)
        self.s = styles()
        self.ref = ref
        self.dossier: Dossier = next(d for d in self.campaign.dossiers if d.ref == ref)
        self.result: DossierResult = record.results.dossier(ref)
        self.redact: Callable[[str], str] = Redactor(record, ref, self.tr)

    def p(self, text: str, style: str = "body") -> DocumentParagraph:
        return DocumentParagraph(text, getattr(self.s, style))

    def money(self, cents: int | None) -> str:
        return w.money(cents, self.lang)

    def title(self) -> list[Flowable]:
        tr = self.tr
        flow: list[Flowable] = []
        if self.rules.authority:
            flow.append(self.p(markup(self.rules.authority), "subtitle"))
        flow.append(Spacer(1, 0.2 * cm))
        flow.append(self.p(markup(w.explanation_title(self.ref, tr)), "title"))
        flow.append(self.p(markup(self.record.name), "subtitle"))
        flow.append(Spacer(1, 0.3 * cm))
        flow.append(self.p(w.explanation_notice(tr), "box"))
        return flow

    def dossier_section(self) -> list[Flowable]:
        tr = self.tr
        d = self.dossier
        category = next((c for c in self.campaign.categories if c.code == d.category), None)
        fields = shown(Show.EXPLANATION)  # the registry's (core.fields): facts, then amounts
        rows: list[tuple[str, str]] = [
            (tr("Référence"), markup(d.ref)),
            (tr("Projet"), markup(d.title)),
        ]
        rows += [
            (f.title(self.lang), markup(display(d, f, self.lang) or "—"))
            for f in fields
            if f.kind is not FieldType.CENTS
        ]
        if category is not None:
            rows.append((tr("Catégorie"), markup(f"{category.name} ({category.code})")))
            rows.append(
                (
                    tr("Règles propres à la catégorie"),
                    w.category_rules_text(category, tr, self.lang),
                )
            )
        rows += [
            (f.title(self.lang), self.money(getattr(d, f.code)))
            for f in fields
            if f.kind is FieldType.CENTS
        ]
        if not d.admissible:
            rows.append(
                (tr("Recevabilité"), tr("non recevable : {m}", m=markup(d.inadmissible_reason)))
            )
        return [*heading(tr("1. Le dossier"), self.s.h1), key_value_table(rows)]

    def method(self) -> list[Flowable]:
        tr = self.tr
        return [
            *heading(tr("2. Règles appliquées"), self.s.h1),
            *heading(tr("Grille d'évaluation"), self.s.h2, room=3 * cm),
            grid_table(self.campaign, tr, self.lang),
            *heading(tr("Paramètres"), self.s.h2, room=3 * cm),
            key_value_table(w.method_rows(self.campaign, tr, self.lang)),
        ]

    def scores(self) -> list[Flowable]:
        tr = self.tr
        flow = heading(tr("3. Notes des membres du jury"), self.s.h1)
        if not self.dossier.admissible:
            flow.append(self.p(w.nothing_to_show("scores", tr)))
            return flow
        criteria = self.campaign.criteria
        notes = self.result.notes
        normalised = self.result.normalised_notes
        rows: list[list[str]] = []
        for score in self.campaign.scores:
            if score.ref != self.ref:
                continue
            values = [
                format_number(score.values[c.code], self.lang) if c.code in score.values else "—"
                for c in criteria
            ]
            if score.juror in notes:
                note = format_note(notes[score.juror], 2, self.lang)
                if score.juror in normalised:
                    note += " → " + format_note(normalised[score.juror], 2, self.lang)
            elif score.values:
                note = tr("incomplète")
            else:
                continue
            rows.append([markup(score.juror), *values, note])
        means = self.result.criterion_means
        mean_row = len(rows)
        rows.append(
            [
                tr("Moyenne"),
                *[
                    format_note(means[c.code], 2, self.lang) if c.code in means else "—"
                    for c in criteria
                ],
                format_note(self.result.aggregate, self.result.decimals, self.lang)
                if self.result.aggregate is not None
                else "—",
            ]
        )
        code_width = 2.0 * cm
        note_width = 3.0 * cm
        criterion_width = (17.0 * cm - code_width - note_width) / max(len(criteria), 1)
        header = [
            tr("Juré"),
            *[
                f'{markup(c.code)}<br/><font size="7">/ {format_number(c.max, self.lang)}</font>'
                for c in criteria
            ],
            tr("Note / {scale}", scale=self.rules.scale),
        ]
        flow.append(
            data_table(
                header,
                rows,
                [code_width, *[criterion_width] * len(criteria), note_width],
                right=tuple(range(1, len(criteria) + 2)),
                total_rows=(mean_row,),
            )
        )
        recused = len(self.result.recused) or sum(
            1 for r in self.campaign.recusals if r.ref == self.ref
        )
        flow.append(
            self.p(w.scores_summary(self.result.jurors, recused, bool(normalised), tr), "small")
        )
        return flow

    def outcome(self) -> list[Flowable]:
        tr = self.tr
        result = self.result
        flow = heading(tr("4. Résultat"), self.s.h1)
        pool_size = sum(
            1
            for other in self.record.results.dossiers
            if other.pool == result.pool and other.rank is not None
        )
        rows: list[tuple[str, str]] = [
            (
                tr("Note retenue"),
                format_note(result.aggregate, result.decimals, self.lang) + f" / {self.rules.scale}"
                if result.aggregate is not None
                else "—",
            ),
            (tr("Nombre de jurés"), str(result.jurors)),
            (
                tr("Rang"),
                tr("{rank} sur {n}", rank=result.rank, n=pool_size)
                if result.rank is not None
                else "—",
            ),
            (tr("Statut"), result_status_label(result, self.record.results, self.lang)),
            (tr("Droit calculé"), self.money(result.entitlement_cents)),
            (tr("Montant proposé"), self.money(result.amount_cents)),
        ]
        if result.tie_group is not None:
            tie = next(t for t in self.record.results.ties if t.id == result.tie_group)
            rows.insert(
                3,
                (
                    tr("Ex aequo"),
                    tr("oui, avec {n} autre(s) dossier(s)", n=len(tie.refs) - 1),
                ),
            )
        flow.append(key_value_table(rows))
        if result.status is Status.LAUREATE:
            flow.append(self.p(w.proposal_notice(self.rules.authority, tr), "small"))
        return flow

    def steps(self) -> list[Flowable]:
        tr = self.tr
        flow = heading(tr("5. Le calcul, étape par étape"), self.s.h1)
        lines = [self.redact(text.render(self.lang)) for text in self.result.explanation]
        if not lines:
            lines = [w.nothing_to_show("steps", tr)]
        flow.append(
            self.p("<br/>".join(f"{index}. {markup(line)}" for index, line in enumerate(lines, 1)))
        )
        return flow

    def decisions(self) -> list[Flowable]:
        tr = self.tr
        mine = []
        for info in self.record.active_decisions:
            decision = info.decision
            if isinstance(decision, OrderTie | DrawLots):
                concerned = self.ref in decision.refs
            elif isinstance(decision, Withdraw | SetAmount | CarryOver):
                concerned = decision.ref == self.ref
            else:
                assert isinstance(decision, NoAward)
                concerned = decision.category == self.dossier.category
            if concerned:
                mine.append(info)
        flow = heading(tr("6. Décisions du jury concernant le dossier"), self.s.h1)
        if not mine:
            flow.append(self.p(w.nothing_to_show("dossier decisions", tr)))
            return flow
        lines = []
        for info in mine:
            text = w.dossier_decision_text(info, self.campaign, tr, self.lang)
            lines.append(f"{w.format_timestamp(info.at, self.lang)} — {markup(self.redact(text))}")
        flow.append(self.p("<br/>".join(lines)))
        return flow

    def closing(self) -> list[Flowable]:
        record = self.record
        closing = w.sheet_closing(
            record.pv_version, record.current_seal, record.generated_at, self.tr, self.lang
        )
        return [Spacer(1, 0.4 * cm), self.p(closing, "small")]

    def story(self) -> list[Flowable]:
        return [
            *self.title(),
            *self.dossier_section(),
            *self.method(),
            *self.scores(),
            *self.outcome(),
            *self.steps(),
            *self.decisions(),
            *self.closing(),
        ]


def explanation_story(record: DeliberationRecord, ref: str, lang: str = "fr") -> list[Flowable]:
    return _Sheet(record, ref, lang).story()


def write_explanation(
    path: Path | str, record: DeliberationRecord, ref: str, lang: str = "fr"
) -> None:
    """Write dossier ``ref``'s explanation sheet to ``path`` (PDF); ``KeyError`` if unknown."""
    if ref not in {d.ref for d in record.campaign.dossiers}:
        raise KeyError(ref)
    tr = Tr(lang)
    document = w.explanation_title(ref, tr)
    build_pdf(
        str(path),
        explanation_story(record, ref, lang),
        document_frame(record, tr, document),
        title=f"{document} — {record.name}",
        subject=record.name,
        author=record.campaign.rules.authority or "juryapp",
        lang=lang,
        watermark=None if record.current_seal is not None else w.watermark(tr),
    )
