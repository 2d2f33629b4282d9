"""The procès-verbal of the deliberation (PDF), everything of rules §10.

The PV is the jury's proposal (avis) to the authority that decides. In order:
the title, the call, the authority, the session (date, time, place); the nature
of the document; the members and their attendance, the secretary; the quorum;
the déports dossier by dossier, in the words of rules §3; the method (grid,
scales, aggregation, normalisation, thresholds, tie-break chain, allocation and
its parameters, reallocation, rounding, the house rules); the dossiers not
admissible; the ranking of each pool with its ties; how each tie was settled;
the jury's decisions; the award table with its totals against the envelope and
what is left unawarded; the waiting list; the mention of the algorithmic
processing (CRPA L311-3-1); the versions and the seal; the signatures.

Every page carries « page x / y », the PV's version and either the seal or,
while the deliberation is open, the marking « PROJET — délibération non close ».
French by default, English with ``lang="en"`` (texts of ``resources/i18n/en-documents.po``).

This module is the layout: the sections, their tables, widths and styles, in order;
the sentences are in :mod:`juryapp.documents.wording`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from juryapp.core.grid import format_number
from juryapp.core.model import Attendance, Campaign, Juror, Nature, Role
from juryapp.core.money import format_cents
from juryapp.core.quorum import president
from juryapp.core.report import minimum_projects, result_status_label
from juryapp.core.results import DossierResult, Results, Status
from juryapp.documents import wording as w
from juryapp.documents.pdf import (
    TEXT_WIDTH,
    DocumentParagraph,
    build_pdf,
    data_table,
    document_frame,
    heading,
    key_value_table,
    styles,
)
from juryapp.documents.signature import pv_keywords
from juryapp.documents.wording import Tr, markup

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = ["grid_table", "minutes_story", "write_minutes"]

_ROLE_ORDER = {
    Role.PRESIDENT: 0,
    Role.VICE_PRESIDENT: 1,
    Role.RAPPORTEUR: 2,
    Role.MEMBER: 3,
    Role.SECRETARY: 4,
}


# --- tables shared with the explanation sheet ---------------------------------------------


def grid_table(campaign: Campaign, tr: Tr, lang: str) -> Flowable:
    """The grid: each criterion's weight, share of the note, scale, step and threshold."""
    total = sum(Fraction(c.weight) for c in campaign.criteria) or Fraction(1)
    rows: list[list[str]] = []
    for criterion in campaign.criteria:
        share = Fraction(criterion.weight) / total
        label = markup(criterion.label)
        if criterion.description:
            label += f'<br/><font size="7" color="#555555">{markup(criterion.description)}</font>'
        rows.append(
            [
                markup(criterion.code),
                label,
                format_number(criterion.weight, lang),
                w.percent(share, lang),
                f"{format_number(criterion.min, lang)}–{format_number(criterion.max, lang)}",
                format_number(criterion.step, lang) if criterion.step else tr("libre"),
                format_number(criterion.threshold, lang)
                if criterion.threshold is not None
                else "—",
            ]
        )
    return data_table(
        [
            tr("Code"),
            tr("Critère"),
            tr("Poids"),
            tr("Part de la note"),
            tr("Échelle"),
            tr("Pas"),
            tr("Seuil (moyenne)"),
        ],
        rows,
        [1.9 * cm, 6.0 * cm, 1.5 * cm, 2.0 * cm, 1.9 * cm, 1.4 * cm, 2.3 * cm],
        right=(2, 3, 4, 5, 6),
    )


def _categories_table(campaign: Campaign, tr: Tr, lang: str) -> Flowable:
    rows: list[list[str]] = []
    for category in campaign.categories:
        money = []
        if category.envelope_cents is not None:
            money.append(tr("enveloppe {a}", a=format_cents(category.envelope_cents, lang)))
        if category.prizes_cents:
            money.append(w.prizes_text(category.prizes_cents, tr, lang))
        rows.append(
            [
                markup(category.code),
                markup(category.name),
                "<br/>".join(money) or tr("celle de l'appel"),
                w.money(category.cap_cents, lang, tr("celui de l'appel")),
                w.percent(category.rate, lang) if category.rate is not None else "—",
                w.money(category.floor_cents, lang, "—"),
                tr(category.nature.value),
            ]
        )
    return data_table(
        [
            tr("Code"),
            tr("Catégorie"),
            tr("Enveloppe ou prix"),
            tr("Plafond"),
            tr("Taux"),
            tr("Plancher"),
            tr("Nature"),
        ],
        rows,
        [1.6 * cm, 3.3 * cm, 3.6 * cm, 2.3 * cm, 1.3 * cm, 2.0 * cm, 2.9 * cm],
        right=(3, 4, 5),
    )


def _pools_of(results: Results) -> list[tuple[str | None, list[DossierResult]]]:
    pools: dict[str | None, list[DossierResult]] = {}
    for result in results.dossiers:
        if result.status is Status.INELIGIBLE:
            continue
        pools.setdefault(result.pool, []).append(result)
    return list(pools.items())


# --- the story ----------------------------------------------------------------------------


class _Minutes:
    def __init__(self, record: DeliberationRecord, lang: str) -> None:
        self.record = record
        self.campaign = record.campaign
        self.results = record.results
        self.rules = record.campaign.rules
        self.lang = lang
        self.tr = Tr(lang)
        self.s = styles()
        self.jurors = {j.code: j for j in self.campaign.jurors}
        self.pools = {p.code: p for p in self.results.pools}
        self.ties = {t.id: t for t in self.results.ties}

    def p(self, text: str, style: str = "body") -> DocumentParagraph:
        return DocumentParagraph(text, getattr(self.s, style))

    def h1(self, text: str) -> list[Flowable]:
        return heading(text, self.s.h1)

    def h2(self, text: str) -> list[Flowable]:
        return heading(text, self.s.h2, room=3 * cm)

    def money(self, cents: int | None, empty: str = "—") -> str:
        return w.money(cents, self.lang, empty)

    # --- sections -------------------------------------------------------------------------

    def title(self) -> list[Flowable]:
        tr = self.tr
        flow: list[Flowable] = []
        if self.rules.authority:
            flow.append(self.p(markup(self.rules.authority), "subtitle"))
        flow.append(Spacer(1, 0.3 * cm))
        flow.append(self.p(markup(w.minutes_title(tr)), "title"))
        flow.append(self.p(markup(self.record.name), "subtitle"))
        flow.append(Spacer(1, 0.4 * cm))
        session = self.record.session
        day, clock = w.format_session_date(
            session.session.date if session is not None else self.rules.date, self.lang
        )
        admissible = sum(1 for d in self.campaign.dossiers if d.admissible)
        facts: list[tuple[str, str]] = [
            (tr("Appel"), markup(self.record.name)),
            *(
                [
                    (
                        tr("Comité"),
                        markup(w.session_title(session.number, session.session.name, day, tr)),
                    )
                ]
                if session is not None
                else []
            ),
            (tr("Autorité qui décide"), markup(self.rules.authority or "—")),
            (tr("Date de la séance"), markup(day or "—")),
            (tr("Heure"), markup(clock or tr("non précisée"))),
            (tr("Lieu"), markup(self.rules.place or "—")),
            (tr("Dossiers"), w.dossier_counts_text(len(self.campaign.dossiers), admissible, tr)),
            (
                tr("Version du procès-verbal"),
                w.minutes_version_text(self.record.pv_version, self.record.closed, tr),
            ),
            (
                tr("Document établi le"),
                w.format_timestamp(self.record.generated_at, self.lang, zone=True),
            ),
        ]
        flow.append(key_value_table(facts))
        flow.append(self.p(w.nature_of_document(self.rules.authority, tr), "box"))
        return flow

    def members(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("1. Composition du jury et présences"))
        jurors = sorted(
            self.campaign.jurors, key=lambda j: (_ROLE_ORDER[j.role], self._position(j))
        )
        if not jurors:
            flow.append(self.p(w.nothing_to_show("jury", tr)))
            return flow
        rows = [
            [
                w.juror_cell(j.name, j.code),
                w.role_label(j.role, tr),
                markup(j.organisation or "—"),
                w.attendance_label(j.attendance, tr),
                w.voice_label(j.votes, tr),
            ]
            for j in jurors
        ]
        flow.append(
            data_table(
                [tr("Membre"), tr("Rôle"), tr("Organisme"), tr("Présence"), tr("Voix")],
                rows,
                [4.4 * cm, 3.0 * cm, 4.2 * cm, 3.1 * cm, 2.3 * cm],
            )
        )
        counts = {a: sum(1 for j in jurors if j.attendance is a) for a in Attendance}
        flow.append(self.p(w.attendance_summary(counts, tr), "small"))
        chair = president(self.campaign.jurors)
        secretary = self._secretary()
        flow.append(
            self.p(
                w.chair_and_secretary(
                    chair.name if chair else None, secretary.name if secretary else None, tr
                )
            )
        )
        return flow

    def _position(self, juror: Juror) -> int:
        return self.campaign.jurors.index(juror)

    def _secretary(self) -> Juror | None:
        return next((j for j in self.campaign.jurors if j.role is Role.SECRETARY), None)

    def quorum(self) -> list[Flowable]:
        tr = self.tr
        state = self.results.quorum
        flow = self.h1(tr("2. Quorum"))
        flow.append(
            key_value_table(
                [
                    (tr("Règle"), w.quorum_rule_text(self.rules.quorum, tr)),
                    (tr("Membres ayant voix délibérative"), str(state.members)),
                    (tr("Requis"), str(state.required)),
                    (tr("Comptés"), str(state.present)),
                    (tr("Quorum"), f"<b>{w.reached_text(state.reached, tr)}</b>"),
                ]
            )
        )
        flow.append(self.p(w.quorum_summary(state, tr), "small"))
        return flow

    def recusals(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("3. Déports"))
        by_ref: dict[str, list[str]] = {}
        for recusal in self.campaign.recusals:
            by_ref.setdefault(recusal.ref, []).append(recusal.juror)
        if not by_ref:
            flow.append(self.p(w.nothing_to_show("recusals", tr)))
            return flow
        results = self.results.by_ref()
        for dossier in self.campaign.dossiers:
            codes = by_ref.get(dossier.ref)
            if not codes:
                continue
            names = [juror.name if (juror := self.jurors.get(code)) else code for code in codes]
            result = results.get(dossier.ref)
            quorum = result.quorum if result is not None else None
            flow.append(self.p(w.recusal_text(dossier.ref, dossier.title, names, quorum, tr)))
        return flow

    def method(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("4. Méthode de notation, de classement et d'attribution"))
        flow += self.h2(tr("Grille d'évaluation"))
        flow.append(grid_table(self.campaign, tr, self.lang))
        if self.campaign.categories:
            flow += self.h2(tr("Catégories"))
            flow.append(_categories_table(self.campaign, tr, self.lang))
        flow += self.h2(tr("Paramètres"))
        rows = w.method_rows(self.campaign, tr, self.lang)
        if self.rules.supported_once:
            rows.append((tr("Soutien unique"), w.supported_once_text(self.record.registry, tr)))
        flow.append(key_value_table(rows))
        flow += self.assignment()
        return flow

    def assignment(self) -> list[Flowable]:
        """Who scored what (rules §14): how the dossiers were assigned, each one's rapporteurs."""
        rapporteurs = self.campaign.rapporteurs
        if rapporteurs is None:
            return []
        tr = self.tr
        flow = self.h2(tr("Répartition des dossiers entre les jurés"))
        by_hand = len(rapporteurs.by_hand)
        flow.append(self.p(w.assignment_text(rapporteurs, by_hand, tr)))
        rows = []
        for dossier in self.campaign.dossiers:
            if not dossier.admissible:
                continue
            codes = rapporteurs.assigned(dossier.ref)
            names = [
                markup(juror.name if (juror := self.jurors.get(code)) else code)
                + ("\u00a0¹" if (code, dossier.ref) in rapporteurs.by_hand else "")
                for code in codes
            ]
            if dossier.ref in rapporteurs.open_refs:
                names.append(tr("<i>ouvert à tous les membres votants</i>"))
            rows.append([markup(dossier.ref), markup(dossier.title), ", ".join(names) or "—"])
        flow.append(
            data_table(
                [tr("Réf."), tr("Projet"), tr("Rapporteurs")],
                rows,
                [2.0 * cm, 6.6 * cm, 8.4 * cm],
            )
        )
        if by_hand:
            flow.append(self.p(tr("¹ rapporteur désigné à la main par le secrétariat."), "note"))
        return flow

    def inadmissible(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("5. Dossiers non recevables"))
        rows = [
            [
                markup(d.ref),
                markup(d.title),
                markup(d.applicant or "—"),
                markup(d.inadmissible_reason or "—"),
            ]
            for d in self.campaign.dossiers
            if not d.admissible
        ]
        if not rows:
            flow.append(self.p(w.nothing_to_show("inadmissible", tr)))
        else:
            flow.append(self.p(w.inadmissible_text(tr)))
            flow.append(
                data_table(
                    [tr("Réf."), tr("Projet"), tr("Porteur"), tr("Motif")],
                    rows,
                    [2.0 * cm, 5.6 * cm, 3.6 * cm, 5.8 * cm],
                )
            )
        return flow + self.registry()

    def registry(self) -> list[Flowable]:
        """Supported only once (rules §13): every dossier that matches the registry of past
        laureates, and the secretariat's ruling on it (overrides with their reasons)."""
        tr = self.tr
        flags = self.record.registry_flags
        if not self.rules.supported_once or not flags:
            return []
        titles = {d.ref: d.title for d in self.campaign.dossiers}
        flow = self.h2(tr("Soutien unique : dossiers correspondant au registre des lauréats"))
        flow.append(
            data_table(
                [tr("Réf."), tr("Projet"), tr("Correspondance"), tr("Décision du secrétariat")],
                [
                    [
                        markup(ref),
                        markup(titles.get(ref, "")),
                        w.registry_match_text(flag, tr),
                        w.registry_ruling_text(flag, tr, self.lang),
                    ]
                    for ref, flag in flags.items()
                ],
                [1.8 * cm, 4.0 * cm, 5.4 * cm, 5.8 * cm],
            )
        )
        return flow

    def ranking(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("6. Classement"))
        min_scores = self.rules.min_scores
        for code, members in _pools_of(self.results):
            flow += self.h2(w.pool_title(self.pools.get(code), code, tr))
            rows: list[list[str]] = []
            few = False
            for result in members:
                jurors = str(result.jurors)
                if result.aggregate is not None and result.jurors < min_scores:
                    jurors += "\u00a0*"
                    few = True
                rows.append(
                    [
                        w.rank_text(result, self.ties),
                        markup(result.ref),
                        markup(result.dossier.title),
                        w.note_text(result, self.lang),
                        jurors,
                        result_status_label(result, self.results, self.lang),
                        self.money(result.amount_cents) if result.amount_cents else "—",
                    ]
                )
            flow.append(
                data_table(
                    [
                        tr("Rang"),
                        tr("Réf."),
                        tr("Projet"),
                        tr("Note /{scale}", scale=self.rules.scale),
                        tr("Jurés"),
                        tr("Statut"),
                        tr("Montant proposé"),
                    ],
                    rows,
                    [1.3 * cm, 1.9 * cm, 4.6 * cm, 1.7 * cm, 1.2 * cm, 3.6 * cm, 2.7 * cm],
                    right=(0, 3, 4, 6),
                )
            )
            flow.append(self.p(w.ranking_legend(few, min_scores, tr), "note"))
        return flow

    def ties_section(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("7. Départage des ex aequo"))
        if not self.results.ties:
            flow.append(self.p(w.nothing_to_show("ties", tr)))
            return flow
        for tie in self.results.ties:
            lines = w.tie_lines(tie, tr, self.lang)
            flow.append(KeepTogether([self.p("<br/>".join(lines))]))
        return flow

    def decisions(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("8. Décisions du jury"))
        active = self.record.active_decisions
        year = self.record.year
        # a decision may name a dossier deliberated in another session (a carry-over)
        year_campaign = (
            self.campaign if year is None else replace(self.campaign, dossiers=year.dossiers)
        )
        if not active:
            flow.append(self.p(w.nothing_to_show("decisions", tr)))
        else:
            rows = [
                [
                    str(info.id),
                    w.format_timestamp(info.at, self.lang),
                    markup(
                        w.earlier_withdrawal_text(info.decision, self.record.year, tr, self.lang)
                        or w.decision_text(info.decision, year_campaign, tr, self.lang)
                    ),
                    markup(info.reason or "—"),
                    markup(w.decision_vote(info.decision, self.campaign, tr)),
                    markup(info.author),
                ]
                for info in active
            ]
            flow.append(
                data_table(
                    [
                        tr("N°"),
                        tr("Date"),
                        tr("Décision"),
                        tr("Motif"),
                        tr("Vote"),
                        tr("Auteur"),
                    ],
                    rows,
                    [0.95 * cm, 2.4 * cm, 4.9 * cm, 3.75 * cm, 3.0 * cm, 2.0 * cm],
                )
            )
        undone = [d for d in self.record.decisions if d.undone]
        if undone:
            flow.append(
                self.p(
                    "<br/>".join(
                        w.undone_decision_text(d, self.campaign, tr, self.lang) for d in undone
                    ),
                    "small",
                )
            )
        return flow

    def awards(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("9. Proposition d'attribution"))
        laureates = [d for d in self.results.dossiers if d.status is Status.LAUREATE]
        if laureates:
            rows: list[list[str]] = []
            sections: list[int] = []
            by_pool: dict[str | None, list[DossierResult]] = {}
            for result in laureates:
                by_pool.setdefault(result.pool, []).append(result)
            for code, members in by_pool.items():
                if code is not None:
                    sections.append(len(rows))
                    pool = self.pools.get(code)
                    rows.append([w.pool_title(pool, code, tr), "", "", "", "", "", ""])
                for result in members:
                    rows.append(
                        [
                            markup(result.ref),
                            markup(result.dossier.title),
                            markup(result.dossier.applicant or "—"),
                            tr(self._nature(result).value),
                            self.money(result.entitlement_cents),
                            self.money(result.amount_cents),
                            w.rank_text(result, self.ties),
                        ]
                    )
            total_row = len(rows)
            rows.append(
                ["", tr("Total proposé"), "", "", "", self.money(self.results.awarded_cents), ""]
            )
            flow.append(
                data_table(
                    [
                        tr("Réf."),
                        tr("Projet"),
                        tr("Bénéficiaire"),
                        tr("Nature"),
                        tr("Droit"),
                        tr("Montant"),
                        tr("Rang"),
                    ],
                    rows,
                    [1.8 * cm, 4.1 * cm, 3.0 * cm, 2.6 * cm, 2.4 * cm, 2.8 * cm, 1.2 * cm],
                    right=(4, 5, 6),
                    total_rows=(total_row,),
                    section_rows=sections,
                )
            )
            capped = w.capped_prize_lines(self.results.dossiers, tr, self.lang)
            if capped:
                flow.append(
                    self.p(
                        "<br/>".join(
                            [tr("<b>Prix plafonnés au montant demandé</b>")]
                            + [markup(line) for line in capped]
                        ),
                        "small",
                    )
                )
        else:
            flow.append(self.p(w.nothing_to_show("awards", tr)))
        flow += self.h2(tr("Totaux par rapport à l'enveloppe"))
        flow.append(self._totals_table())
        flow.append(self.p(w.totals_text(self.results, tr, self.lang)))
        year = self.record.year
        if year is not None:
            flow += self.h2(tr("L'enveloppe de l'année"))
            flow.append(self.p(w.year_ledger_text(year, tr, self.lang)))
            minimum = self.rules.minimum_projects
            if minimum is not None:
                flow.append(self.p(w.funded_projects_text(year.funded_projects(), minimum, tr)))
        else:
            found = minimum_projects(self.results)
            if found is not None:
                flow.append(self.p(w.funded_projects_text(found.funded, found.minimum, tr)))
        waiting = [d for d in self.results.dossiers if d.status is Status.WAITING]
        if waiting:
            flow += self.h2(tr("Liste complémentaire"))
            flow.append(self.p(w.waiting_list_text(tr)))
            flow.append(
                data_table(
                    [
                        tr("Ordre"),
                        tr("Réf."),
                        tr("Projet"),
                        tr("Catégorie"),
                        tr("Note"),
                        tr("Droit"),
                    ],
                    [
                        [
                            str(index),
                            markup(d.ref),
                            markup(d.dossier.title),
                            markup(d.pool or "—"),
                            w.note_text(d, self.lang),
                            self.money(d.entitlement_cents),
                        ]
                        for index, d in enumerate(waiting, start=1)
                    ],
                    [1.3 * cm, 2.0 * cm, 6.8 * cm, 2.2 * cm, 1.8 * cm, 2.9 * cm],
                    right=(0, 4, 5),
                )
            )
        return flow

    def _nature(self, result: DossierResult) -> Nature:
        pool = self.pools.get(result.pool)
        return pool.nature if pool is not None else Nature.GRANT

    def _totals_table(self) -> Flowable:
        tr = self.tr
        rows: list[list[str]] = []
        has_categories = bool(self.campaign.categories)
        for pool in self.results.pools:
            label = w.envelope_label(pool, has_categories, tr)
            own_money = pool.envelope_cents or pool.prizes_cents or pool.received_cents
            if pool.kind == "category" and not own_money:
                awarded = sum(d.amount_cents for d in self.results.dossiers if d.pool == pool.code)
                rows.append([label, tr("sur l'enveloppe de l'appel"), "", self.money(awarded), ""])
                continue
            rows.append(
                [
                    label,
                    self.money(pool.envelope_cents),
                    w.moved_text(pool.received_cents - pool.released_cents, self.lang),
                    self.money(pool.awarded_cents),
                    self.money(pool.unallocated_cents),
                ]
            )
        total_row = len(rows)
        rows.append(
            [
                tr("Total"),
                self.money(self.results.envelope_cents),
                "",
                self.money(self.results.awarded_cents),
                self.money(self.results.unallocated_cents),
            ]
        )
        return data_table(
            [
                tr("Enveloppe"),
                tr("Montant"),
                tr("Réaffectation"),
                tr("Attribué"),
                tr("Non attribué"),
            ],
            rows,
            [5.2 * cm, 3.0 * cm, 2.6 * cm, 3.0 * cm, 3.2 * cm],
            right=(1, 2, 3, 4),
            total_rows=(total_row,),
        )

    def pending(self) -> list[Flowable]:
        tr = self.tr
        flow: list[Flowable] = []
        if self.results.pending:
            flow += self.h2(tr("Points en suspens (la délibération ne peut pas être close)"))
            flow.append(
                self.p(
                    "<br/>".join(
                        "• " + markup(item.detail.render(self.lang))
                        for item in self.results.pending
                    )
                )
            )
        if self.results.warnings:
            flow += self.h2(tr("Observations"))
            flow.append(
                self.p(
                    "<br/>".join(
                        "• " + markup(item.render(self.lang)) for item in self.results.warnings
                    ),
                    "small",
                )
            )
        return flow

    def algorithm(self) -> list[Flowable]:
        flow = self.h1(self.tr("10. Traitement algorithmique"))
        flow.append(self.p(w.algorithm_notice(self.tr)))
        return flow

    def versions(self) -> list[Flowable]:
        record = self.record
        lines = w.version_lines(
            record.pv_version, record.current_seal, record.seals, self.tr, self.lang
        )
        return [
            DocumentParagraph(markup(self.tr("11. Version et sceau")), self.s.h1),
            self.p("<br/>".join(lines)),
        ]

    def signatures(self) -> list[Flowable]:
        tr = self.tr
        chair = president(self.campaign.jurors)
        secretary = self._secretary()
        day, _clock = w.format_session_date(self.rules.date, self.lang)
        blocks = [
            self.p(w.signature_block(title, person.name if person else None, tr), "signature")
            for title, person in (
                (tr("Le président du jury"), chair),
                (tr("Le secrétaire de séance"), secretary),
            )
        ]
        table = Table(
            [blocks],
            colWidths=[TEXT_WIDTH / 2, TEXT_WIDTH / 2],
            style=TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BOX", (0, 0), (0, 0), 0.5, "#999999"),
                    ("BOX", (1, 0), (1, 0), 0.5, "#999999"),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
                ]
            ),
        )
        return [
            DocumentParagraph(markup(tr("Signatures")), self.s.h1),
            self.p(w.done_at(self.rules.place, day, tr)),
            Spacer(1, 4),
            table,
        ]

    def story(self) -> list[Flowable]:
        return [
            *self.title(),
            *self.members(),
            *self.quorum(),
            *self.recusals(),
            *self.method(),
            *self.inadmissible(),
            *self.ranking(),
            *self.ties_section(),
            *self.decisions(),
            *self.awards(),
            *self.pending(),
            *self.algorithm(),
            # the seal and the signatures stay on one page
            KeepTogether([*self.versions(), *self.signatures()]),
        ]


def minutes_story(record: DeliberationRecord, lang: str = "fr") -> list[Flowable]:
    """The flowables of the PV (for tests or another layout)."""
    return _Minutes(record, lang).story()


def write_minutes(
    path: Path | str,
    record: DeliberationRecord,
    lang: str = "fr",
    page_done: Callable[[int], None] | None = None,
) -> None:
    """Write the procès-verbal of ``record`` to ``path`` (PDF); ``page_done`` as in
    :func:`~juryapp.documents.pdf.build_pdf`."""
    tr = Tr(lang)
    story = minutes_story(record, lang)
    build_pdf(
        str(path),
        story,
        document_frame(record, tr, tr("Procès-verbal")),
        title=w.minutes_title(tr) + " — " + record.name,
        subject=record.name,
        author=record.campaign.rules.authority or "juryapp",
        lang=lang,
        watermark=None if record.current_seal is not None else w.watermark(tr),
        page_done=page_done,
        keywords=pv_keywords(
            record.info.id,
            record.pv_version,
            None if record.current_seal is None else record.current_seal.hash,
        ),
    )
