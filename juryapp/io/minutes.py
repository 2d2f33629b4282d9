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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from juryapp.core import tiebreaks
from juryapp.core.grid import format_number
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    Campaign,
    CutoffTie,
    Decision,
    DrawLots,
    Juror,
    MajorityRule,
    Mode,
    Nature,
    NoAward,
    Normalisation,
    OrderTie,
    QuorumRule,
    RateBase,
    ReallocationKind,
    Role,
    SetAmount,
    TieBreakStep,
    VoteCount,
    Withdraw,
)
from juryapp.core.money import format_cents
from juryapp.core.quorum import president, vote_outcome
from juryapp.core.report import result_status_label
from juryapp.core.results import DossierResult, PoolResult, Results, Status, TieGroup, TieState
from juryapp.core.texts import decimal_string, format_note
from juryapp.core.tiebreaks import draw_order
from juryapp.io.pdf_style import (
    TEXT_WIDTH,
    DocumentFrame,
    Tr,
    build_pdf,
    data_table,
    format_session_date,
    format_timestamp,
    heading,
    key_value_table,
    markup,
    styles,
)

if TYPE_CHECKING:
    from juryapp.exports import DeliberationRecord

__all__ = [
    "attendance_label",
    "decision_text",
    "grid_table",
    "method_rows",
    "minutes_story",
    "percent",
    "rank_text",
    "role_label",
    "write_minutes",
]

_ROLE_LABELS = {
    Role.PRESIDENT: "président(e)",
    Role.VICE_PRESIDENT: "vice-président(e)",
    Role.MEMBER: "membre",
    Role.RAPPORTEUR: "rapporteur(e)",
    Role.SECRETARY: "secrétaire",
}
_ATTENDANCE_LABELS = {
    Attendance.PRESENT: "présent(e)",
    Attendance.VIDEO: "en visioconférence",
    Attendance.REPRESENTED: "représenté(e)",
    Attendance.ABSENT: "absent(e)",
}
_ROLE_ORDER = {
    Role.PRESIDENT: 0,
    Role.VICE_PRESIDENT: 1,
    Role.RAPPORTEUR: 2,
    Role.MEMBER: 3,
    Role.SECRETARY: 4,
}


def role_label(role: Role, tr: Tr) -> str:
    return tr(_ROLE_LABELS[role])


def attendance_label(attendance: Attendance, tr: Tr) -> str:
    return tr(_ATTENDANCE_LABELS[attendance])


def percent(rate: Fraction, lang: str) -> str:
    shown = decimal_string(rate * 100, 2).rstrip("0").rstrip(".")
    shown = shown.replace(".", ",") if lang == "fr" else shown
    return f"{shown}\u00a0%" if lang == "fr" else f"{shown}%"


def _money(cents: int | None, lang: str, empty: str = "—") -> str:
    return empty if cents is None else format_cents(cents, lang)


def _pool_title(pool: PoolResult | None, code: str | None, tr: Tr) -> str:
    if code is None:
        return tr("Classement de l'appel")
    name = pool.name if pool is not None else code
    return tr("Catégorie « {name} » ({code})", name=name, code=code)


_POSTCODE = re.compile(r"^\s*(\d{5}|\d{2}\s\d{3})\s+")
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?\s*$", re.IGNORECASE)
_PARTS = re.compile(r"\s*(?:,|;|—|–|\s-\s)\s*")
#: A part of a place that names a building, a room or a street, not the town.
_NOT_A_TOWN = re.compile(
    r"^(hôtel|hotel|salle|mairie|maison|siège|siege|centre|espace|bâtiment|batiment|"
    r"immeuble|locaux|visio|en visio|amphi|auditorium|bureau|rue|avenue|av\.|boulevard|"
    r"bd|place|quai|allée|allee|chemin|route|cours|impasse|square|esplanade|parvis)\b",
    re.IGNORECASE,
)


def signing_town(place: str) -> str:
    """The town a PV is « fait à », from the session's place: « Hôtel de ville,
    Poitiers », « Salle du conseil, 84 rue Carnot, 86000 Poitiers » and « Hôtel de
    Région, Bordeaux — salle Garonne » give the town; a place naming only a building
    gives "" (the PV then says « Fait le … »)."""
    for part in reversed(_PARTS.split(place)):
        town = _CEDEX.sub("", _POSTCODE.sub("", part)).strip()
        if town and not town[0].isdigit() and not _NOT_A_TOWN.match(town):
            return town
    return ""


# --- method -------------------------------------------------------------------------------


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
                percent(share, lang),
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


def _tie_step_text(step: TieBreakStep, campaign: Campaign, tr: Tr) -> str:
    label = next((c.label for c in campaign.criteria if c.code == step.criterion), "")
    return tr(tiebreaks.rule_of(step).pv, code=step.criterion or "", label=label or "?")


def _aggregation_text(aggregation: Aggregation, tr: Tr) -> str:
    if aggregation is Aggregation.MEAN:
        return tr("moyenne des notes des jurés ayant noté toutes les rubriques")
    if aggregation is Aggregation.MEDIAN:
        return tr(
            "médiane des notes des jurés ayant noté toutes les rubriques (moyenne des deux "
            "valeurs centrales pour un nombre pair de notes)"
        )
    return tr(
        "jugement majoritaire (Balinski et Laraki) : la mention majoritaire est la médiane "
        "inférieure ; à mention égale, les valeurs majoritaires sont comparées ; avec des "
        "nombres de notes inégaux (déports), la comparaison se fait après mise à effectifs "
        "égaux (plus petit commun multiple)"
    )


def _normalisation_text(normalisation: Normalisation, tr: Tr) -> str:
    if normalisation is Normalisation.NONE:
        return tr("aucune (notes brutes)")
    return tr(
        "z-score par juré : z = (N − μj) / σj sur ses notes complètes, ramené à l'échelle par "
        "μ + σ·z (μ et σ sur toutes les notes) ; un juré ayant moins de 3 notes ou des notes "
        "toutes égales garde ses notes brutes ; ex aequo signifie égalité à 10⁻⁹ près"
    )


def method_rows(campaign: Campaign, tr: Tr, lang: str) -> list[tuple[str, str]]:
    """The method's parameters as (label, value) lines, values as paragraph markup."""
    rules = campaign.rules
    rows: list[tuple[str, str]] = [
        (tr("Échelle d'affichage"), tr("note sur {scale}", scale=rules.scale)),
        (
            tr("Note d'un juré"),
            tr(
                "N = S × Σ [w × (s − min) / (max − min)] / Σ w, sommes sur les critères "
                "(w : poids du critère, s : sa note, min et max : les bornes de son échelle, "
                "S : l'échelle d'affichage) ; chaque critère pèse w / Σ w quelle que soit son "
                "échelle ; calcul exact, arrondi seulement à l'affichage"
            ),
        ),
        (tr("Agrégation des notes"), _aggregation_text(rules.aggregation, tr)),
        (tr("Normalisation"), _normalisation_text(rules.normalisation, tr)),
        (
            tr("Seuil global"),
            tr(
                "{value} / {scale} : un dossier dont la note est inférieure n'est pas retenu",
                value=format_number(rules.threshold, lang),
                scale=rules.scale,
            )
            if rules.threshold is not None
            else tr("aucun"),
        ),
    ]
    thresholds = [c for c in campaign.criteria if c.threshold is not None]
    if thresholds:
        rows.append(
            (
                tr("Seuils par critère"),
                tr(
                    "un dossier dont la moyenne sur un critère est inférieure au seuil de ce "
                    "critère n'est pas retenu : {list}",
                    list=", ".join(
                        f"{markup(c.code)} {format_number(c.threshold or 0, lang)}"
                        for c in thresholds
                    ),
                ),
            )
        )
    if rules.tie_break:
        chain = " ; ".join(
            f"{index}. {_tie_step_text(step, campaign, tr)}"
            for index, step in enumerate(rules.tie_break, start=1)
        )
        rows.append(
            (
                tr("Départage des ex aequo"),
                tr(
                    "ex aequo = note exactement égale ; dans l'ordre, jusqu'à départage : {chain}",
                    chain=chain,
                ),
            )
        )
    else:
        rows.append(
            (
                tr("Départage des ex aequo"),
                tr("aucun : les ex aequo partagent leur rang (le rang suivant est sauté)"),
            )
        )
    if rules.mode is Mode.PRIZE:
        rows.append(
            (
                tr("Mode d'attribution"),
                tr(
                    "prix par place : les dossiers retenus prennent les places dans l'ordre du "
                    "classement ; des ex aequo occupant plusieurs places se partagent la somme "
                    "des prix de ces places"
                ),
            )
        )
    else:
        rows.append(
            (
                tr("Mode d'attribution"),
                tr(
                    "enveloppe : dans l'ordre du classement, chaque dossier retenu reçoit son "
                    "droit tant que l'enveloppe le permet"
                ),
            )
        )
    rows.append((tr("Enveloppe de l'appel"), _money(rules.envelope_cents, lang)))
    if rules.prizes_cents:
        rows.append(
            (
                tr("Prix par place"),
                " ; ".join(
                    tr("place {n} : {amount}", n=index, amount=format_cents(prize, lang))
                    for index, prize in enumerate(rules.prizes_cents, start=1)
                ),
            )
        )
    if rules.mode is Mode.PRIZE:
        rows.append((tr("Prix et montant demandé"), prize_cap_text(rules.prize_capped, tr)))
    if rules.mode is Mode.ENVELOPE:
        base = (
            tr("des dépenses éligibles")
            if rules.rate_base is RateBase.ELIGIBLE_EXPENSES
            else tr("du budget global du projet")
        )
        rows += [
            (
                tr("Droit d'un dossier"),
                tr(
                    "le plus petit de : montant demandé, plafond, taux × base "
                    "(arrondi au centime inférieur)"
                ),
            ),
            (tr("Plafond"), _money(rules.cap_cents, lang, tr("aucun"))),
            (
                tr("Taux et base"),
                tr("{rate} {base}", rate=percent(rules.rate, lang), base=base)
                if rules.rate is not None
                else tr("aucun taux"),
            ),
            (tr("Plancher"), _money(rules.floor_cents, lang) if rules.floor_cents else tr("aucun")),
            (
                tr("Financement partiel"),
                tr(
                    "oui : un dossier dont le droit ne tient plus reçoit le reste s'il atteint "
                    "le plancher"
                )
                if rules.partial_funding
                else tr("non"),
            ),
            (
                tr("Après un dossier qui ne tient pas"),
                tr("arrêt : les dossiers suivants vont en liste complémentaire")
                if rules.after_miss is AfterMiss.STOP
                else tr("suivant : les dossiers suivants qui tiennent sont encore financés"),
            ),
            (tr("Égalité au seuil de l'enveloppe"), _cutoff_text(rules.cutoff_tie, tr)),
        ]
    rows.append((tr("Réaffectation des sommes non utilisées"), _reallocation_text(campaign, tr)))
    rows.append(
        (
            tr("Arrondi des répartitions"),
            tr(
                "méthode des plus forts restes (Hamilton) au centime : chacun reçoit la partie "
                "entière de sa part, puis les centimes restants vont un à un aux plus fortes "
                "parties fractionnaires ; à parties égales, dans l'ordre du classement puis de "
                "la référence du dossier"
            ),
        )
    )
    rows.append((tr("Quorum"), _quorum_rule_text(rules.quorum, tr)))
    rows.append((tr("Majorité des votes"), _majority_text(rules.majority, tr)))
    rows.append(
        (
            tr("Qui note"),
            tr(
                "seuls les membres ayant voix délibérative notent ; la note d'un membre sans "
                "voix délibérative n'est jamais comptée"
            ),
        )
    )
    rows.append(
        (
            tr("Règles internes"),
            tr(
                "une note ne compte que si toutes les rubriques sont notées ; aucune note "
                "manquante n'est imputée : la note du dossier porte sur les jurés qui l'ont "
                "noté ; un dossier noté par moins de {n} jurés est signalé ; les notes données "
                "avant la séance par un membre absent sont prises en compte ; un membre déporté "
                "ne note pas le dossier et ne compte pas dans son quorum",
                n=rules.min_scores,
            ),
        )
    )
    return rows


def prize_cap_text(capped: bool, tr: Tr) -> str:
    """Whether a prize is capped at the amount requested (setting « Prix plafonné au montant
    demandé » of the call)."""
    if capped:
        return tr(
            "plafonné : un lauréat ne reçoit jamais plus que le montant qu'il a demandé (un ex "
            "aequo, jamais plus que sa part ni que sa demande) ; la différence n'est pas "
            "attribuée et suit la règle de réaffectation (paramètre « Prix plafonné au montant "
            "demandé » : oui)"
        )
    return tr(
        "non plafonné : le prix est attribué en entier, même au-delà du montant demandé "
        "(paramètre « Prix plafonné au montant demandé » : non)"
    )


def capped_prize_lines(results: Iterable[DossierResult], tr: Tr, lang: str) -> list[str]:
    """One sentence per laureate whose prize was capped at the amount it requested."""
    return [
        tr(
            "{ref} : prix de {prize} plafonné au montant demandé, {requested} ; la différence "
            "({left}) n'est pas attribuée à ce dossier.",
            ref=result.ref,
            prize=format_cents(result.prize_cents, lang),
            requested=format_cents(result.dossier.requested_cents or 0, lang),
            left=format_cents(result.prize_cents - (result.dossier.requested_cents or 0), lang),
        )
        for result in results
        if result.prize_cents is not None
    ]


def _cutoff_text(rule: CutoffTie, tr: Tr) -> str:
    if rule is CutoffTie.PRORATA:
        return tr(
            "prorata : le reste est partagé au prorata des droits, chacun plafonné à son droit"
        )
    if rule is CutoffTie.EQUAL:
        return tr("égal : le reste est partagé à parts égales, chacun plafonné à son droit")
    return tr("décision : le jury décide du partage")


def _reallocation_text(campaign: Campaign, tr: Tr) -> str:
    realloc = campaign.rules.reallocation
    if realloc.kind is ReallocationKind.NONE:
        return tr("aucune : les sommes non utilisées restent « non attribuées »")
    if realloc.kind is ReallocationKind.CATEGORY:
        name = next(
            (c.name for c in campaign.categories if c.code == realloc.category), realloc.category
        )
        return tr(
            "vers la catégorie {code} « {name} », qui finance ses dossiers retenus suivants",
            code=realloc.category or "",
            name=name or "",
        )
    return tr(
        "réserve : les sommes non utilisées des catégories financent les meilleurs dossiers "
        "retenus non financés, toutes catégories confondues, par note"
    )


def _quorum_rule_text(rule: QuorumRule, tr: Tr) -> str:
    if rule is QuorumRule.HALF:
        return tr(
            "moitié : au moins la moitié des membres ayant voix délibérative, présents, en "
            "visioconférence ou représentés (décret n° 2006-672, art. 10 et 11)"
        )
    return tr(
        "majorité : plus de la moitié des membres ayant voix délibérative physiquement "
        "présents (CGCT, art. L2121-17)"
    )


def _majority_text(rule: MajorityRule, tr: Tr) -> str:
    if rule is MajorityRule.CAST:
        text = tr("suffrages exprimés, abstentions exclues (CGCT, art. L2121-20)")
    else:
        text = tr("membres présents (décret n° 2006-672, art. 12)")
    return text + tr(" ; en cas de partage égal, la voix du président est prépondérante")


def _categories_table(campaign: Campaign, tr: Tr, lang: str) -> Flowable:
    rows: list[list[str]] = []
    for category in campaign.categories:
        money = []
        if category.envelope_cents is not None:
            money.append(tr("enveloppe {a}", a=format_cents(category.envelope_cents, lang)))
        if category.prizes_cents:
            money.append(
                tr("prix") + " " + " / ".join(format_cents(p, lang) for p in category.prizes_cents)
            )
        rows.append(
            [
                markup(category.code),
                markup(category.name),
                "<br/>".join(money) or tr("celle de l'appel"),
                _money(category.cap_cents, lang, tr("celui de l'appel")),
                percent(category.rate, lang) if category.rate is not None else "—",
                _money(category.floor_cents, lang, "—"),
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


# --- decisions ----------------------------------------------------------------------------


def vote_text(votes: VoteCount, rule: MajorityRule, tr: Tr) -> str:
    """``4 pour, 3 contre, 2 abstention(s) — adopté à la majorité des suffrages exprimés``."""
    counts = tr(
        "{f} pour, {c} contre, {a} abstention(s)",
        f=votes.for_,
        c=votes.against,
        a=votes.abstain,
    )
    outcome = vote_outcome(votes, rule)
    if outcome.casting_vote:
        verdict = (
            tr("adopté par la voix prépondérante du président")
            if outcome.adopted
            else tr("rejeté par la voix prépondérante du président")
        )
    elif rule is MajorityRule.CAST:
        verdict = (
            tr("adopté à la majorité des suffrages exprimés")
            if outcome.adopted
            else tr("rejeté à la majorité des suffrages exprimés")
        )
    else:
        verdict = (
            tr("adopté à la majorité des membres présents")
            if outcome.adopted
            else tr("rejeté à la majorité des membres présents")
        )
    return f"{counts} — {verdict}"


def decision_text(decision: Decision, campaign: Campaign, tr: Tr, lang: str) -> str:
    """What the jury decided, in one sentence (plain text)."""
    titles = {d.ref: d.title for d in campaign.dossiers}
    if isinstance(decision, OrderTie):
        return tr(
            "Ordre des ex aequo {refs} : {order}.",
            refs=", ".join(sorted(decision.refs)),
            order=" > ".join(decision.refs),
        )
    if isinstance(decision, DrawLots):
        order = draw_order(decision.refs, decision.seed)
        return tr(
            "Tirage au sort entre {refs} (graine {seed}) : {order}.",
            refs=", ".join(decision.refs),
            seed=decision.seed,
            order=" > ".join(order),
        )
    if isinstance(decision, Withdraw):
        return tr(
            "Retrait du dossier {ref} « {title} ».",
            ref=decision.ref,
            title=titles.get(decision.ref, ""),
        )
    if isinstance(decision, SetAmount):
        return tr(
            "Montant du dossier {ref} fixé à {amount}.",
            ref=decision.ref,
            amount=format_cents(decision.amount_cents, lang),
        )
    assert isinstance(decision, NoAward)
    name = next((c.name for c in campaign.categories if c.code == decision.category), "")
    return tr(
        "La catégorie {code} « {name} » n'est pas attribuée.", code=decision.category, name=name
    )


def _decision_vote(decision: Decision, campaign: Campaign, tr: Tr) -> str:
    if isinstance(decision, OrderTie) and decision.votes is not None:
        return vote_text(decision.votes, campaign.rules.majority, tr)
    if isinstance(decision, DrawLots):
        return tr("tirage au sort")
    return "—"


# --- rows of the ranking ------------------------------------------------------------------


def rank_text(result: DossierResult, ties: dict[int, TieGroup]) -> str:
    """The rank, ``=`` when shared with another dossier, ``†`` when a tie was broken."""
    if result.rank is None:
        return "—"
    if result.tie_group is None:
        return str(result.rank)
    tie = ties.get(result.tie_group)
    if tie is None:
        return str(result.rank)
    shared = any(result.ref in part and len(part) > 1 for part in tie.parts)
    return f"{result.rank}\u00a0=" if shared else f"{result.rank}\u00a0†"


def _note_text(result: DossierResult, lang: str) -> str:
    if result.aggregate is None:
        return "—"
    return format_note(result.aggregate, result.decimals, lang)


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

    def p(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(text, getattr(self.s, style))

    def h1(self, text: str) -> list[Flowable]:
        return heading(text, self.s.h1)

    def h2(self, text: str) -> list[Flowable]:
        return heading(text, self.s.h2, room=3 * cm)

    def money(self, cents: int | None, empty: str = "—") -> str:
        return _money(cents, self.lang, empty)

    # --- sections -------------------------------------------------------------------------

    def title(self) -> list[Flowable]:
        tr = self.tr
        flow: list[Flowable] = []
        if self.rules.authority:
            flow.append(self.p(markup(self.rules.authority), "subtitle"))
        flow.append(Spacer(1, 0.3 * cm))
        flow.append(self.p(markup(tr("Procès-verbal de délibération du jury")), "title"))
        flow.append(self.p(markup(self.record.name), "subtitle"))
        flow.append(Spacer(1, 0.4 * cm))
        day, clock = format_session_date(self.rules.date, self.lang)
        admissible = sum(1 for d in self.campaign.dossiers if d.admissible)
        facts: list[tuple[str, str]] = [
            (tr("Appel"), markup(self.record.name)),
            (tr("Autorité qui décide"), markup(self.rules.authority or "—")),
            (tr("Date de la séance"), markup(day or "—")),
            (tr("Heure"), markup(clock or tr("non précisée"))),
            (tr("Lieu"), markup(self.rules.place or "—")),
            (
                tr("Dossiers"),
                tr(
                    "déposés : {n} · recevables : {a} · non recevables : {i}",
                    n=len(self.campaign.dossiers),
                    a=admissible,
                    i=len(self.campaign.dossiers) - admissible,
                ),
            ),
            (
                tr("Version du procès-verbal"),
                tr("version {v}", v=self.record.pv_version)
                + (" — " + tr("PROJET, délibération non close") if not self.record.closed else ""),
            ),
            (
                tr("Document établi le"),
                format_timestamp(self.record.generated_at, self.lang, zone=True),
            ),
        ]
        flow.append(key_value_table(facts))
        authority = self.rules.authority or tr("l'autorité compétente")
        flow.append(
            self.p(
                tr(
                    "<b>Nature du document.</b> Le présent procès-verbal constitue l'avis du "
                    "jury : une proposition adressée à {authority}, seule compétente pour "
                    "décider de l'attribution des aides. Il ne vaut pas décision d'attribution.",
                    authority=markup(authority),
                ),
                "box",
            )
        )
        return flow

    def members(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("1. Composition du jury et présences"))
        jurors = sorted(
            self.campaign.jurors, key=lambda j: (_ROLE_ORDER[j.role], self._position(j))
        )
        if not jurors:
            flow.append(self.p(tr("La composition du jury n'est pas renseignée.")))
            return flow
        rows = [
            [
                markup(j.name) + f' <font color="#555555">({markup(j.code)})</font>',
                role_label(j.role, tr),
                markup(j.organisation or "—"),
                attendance_label(j.attendance, tr),
                tr("délibérative") if j.votes else tr("consultative"),
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
        flow.append(
            self.p(
                tr(
                    "Présents : {p} ; en visioconférence : {v} ; représentés : {r} ; "
                    "absents : {a}.",
                    p=counts[Attendance.PRESENT],
                    v=counts[Attendance.VIDEO],
                    r=counts[Attendance.REPRESENTED],
                    a=counts[Attendance.ABSENT],
                ),
                "small",
            )
        )
        chair = president(self.campaign.jurors)
        secretary = self._secretary()
        flow.append(
            self.p(
                tr("<b>Présidence :</b> {name}", name=markup(chair.name if chair else "—"))
                + "<br/>"
                + tr(
                    "<b>Secrétariat de séance :</b> {name}",
                    name=markup(secretary.name if secretary else "—"),
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
        reached = tr("atteint") if state.reached else tr("NON ATTEINT")
        flow.append(
            key_value_table(
                [
                    (tr("Règle"), _quorum_rule_text(self.rules.quorum, tr)),
                    (tr("Membres ayant voix délibérative"), str(state.members)),
                    (tr("Requis"), str(state.required)),
                    (tr("Comptés"), str(state.present)),
                    (tr("Quorum"), f"<b>{reached}</b>"),
                ]
            )
        )
        flow.append(
            self.p(
                tr(
                    "Quorum : {present} membres comptés pour {required} requis — {reached}.",
                    present=state.present,
                    required=state.required,
                    reached=reached,
                ),
                "small",
            )
        )
        return flow

    def recusals(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("3. Déports"))
        by_ref: dict[str, list[str]] = {}
        for recusal in self.campaign.recusals:
            by_ref.setdefault(recusal.ref, []).append(recusal.juror)
        if not by_ref:
            flow.append(self.p(tr("Aucun membre ne s'est déporté.")))
            return flow
        results = self.results.by_ref()
        for dossier in self.campaign.dossiers:
            codes = by_ref.get(dossier.ref)
            if not codes:
                continue
            sentences = []
            for code in codes:
                juror = self.jurors.get(code)
                sentences.append(
                    tr(
                        "{name}, intéressé(e), s'est retiré(e) et n'a pris part ni aux débats "
                        "ni au vote.",
                        name=markup(juror.name if juror else code),
                    )
                )
            text = tr(
                "<b>Dossier {ref}</b> « {title} » : ",
                ref=markup(dossier.ref),
                title=markup(dossier.title),
            ) + " ".join(sentences)
            result = results.get(dossier.ref)
            if result is not None and result.quorum is not None:
                q = result.quorum
                text += " " + tr(
                    "(quorum pour ce dossier : {p} comptés, {r} requis — {state})",
                    p=q.present,
                    r=q.required,
                    state=tr("atteint") if q.reached else tr("NON ATTEINT"),
                )
            flow.append(self.p(text))
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
        flow.append(key_value_table(method_rows(self.campaign, tr, self.lang)))
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
            flow.append(self.p(tr("Tous les dossiers déposés sont recevables.")))
            return flow
        flow.append(
            self.p(
                tr(
                    "Ces dossiers, déclarés non recevables par le service instructeur, n'ont été "
                    "ni notés ni classés."
                )
            )
        )
        flow.append(
            data_table(
                [tr("Réf."), tr("Projet"), tr("Porteur"), tr("Motif")],
                rows,
                [2.0 * cm, 5.6 * cm, 3.6 * cm, 5.8 * cm],
            )
        )
        return flow

    def ranking(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("6. Classement"))
        min_scores = self.rules.min_scores
        for code, members in _pools_of(self.results):
            flow += self.h2(_pool_title(self.pools.get(code), code, tr))
            rows: list[list[str]] = []
            few = False
            for result in members:
                jurors = str(result.jurors)
                if result.aggregate is not None and result.jurors < min_scores:
                    jurors += "\u00a0*"
                    few = True
                rows.append(
                    [
                        rank_text(result, self.ties),
                        markup(result.ref),
                        markup(result.dossier.title),
                        _note_text(result, self.lang),
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
            legend = [tr("« = » : ex aequo, rang partagé"), tr("« † » : ex aequo départagé")]
            if few:
                legend.append(tr("« * » : noté par moins de {n} jurés", n=min_scores))
            flow.append(self.p(" ; ".join(legend) + ".", "note"))
        return flow

    def ties_section(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("7. Départage des ex aequo"))
        if not self.results.ties:
            flow.append(self.p(tr("Aucun ex aequo entre dossiers retenus.")))
            return flow
        states = {
            TieState.BROKEN: tr("départagés"),
            TieState.SHARED: tr("rang partagé"),
            TieState.PENDING: tr("en attente d'une décision du jury"),
        }
        for tie in self.results.ties:
            where = (
                tr("l'appel") if tie.pool is None else tr("catégorie {code}", code=markup(tie.pool))
            )
            lines = [
                tr(
                    "<b>Ex aequo n° {id}</b> — rang {rank} ({where}) : {refs} — <b>{state}</b>.",
                    id=tie.id,
                    rank=tie.rank,
                    where=where,
                    refs=markup(", ".join(sorted(tie.refs))),
                    state=states[tie.state],
                )
            ]
            for step in tie.steps:
                seed = (
                    " " + tr("(graine {seed})", seed=step.seed)
                    if step.seed is not None and str(step.seed) not in step.description.render()
                    else ""
                )
                lines.append("• " + markup(step.description.render(self.lang)) + seed)
            if tie.state is TieState.SHARED:
                lines.append(
                    "• "
                    + tr(
                        "L'égalité n'est pas départagée : les dossiers partagent le rang et les "
                        "sommes des places qu'ils occupent."
                    )
                )
            if tie.state is TieState.PENDING:
                lines.append("• " + tr("Le départage attend un vote ou un tirage au sort."))
            final = " > ".join(" = ".join(part) for part in tie.parts)
            lines.append(tr("Ordre résultant : {order}", order=markup(final)))
            flow.append(KeepTogether([self.p("<br/>".join(lines))]))
        return flow

    def decisions(self) -> list[Flowable]:
        tr = self.tr
        flow = self.h1(tr("8. Décisions du jury"))
        active = self.record.active_decisions
        if not active:
            flow.append(self.p(tr("Le jury n'a pris aucune décision particulière.")))
        else:
            rows = [
                [
                    str(info.id),
                    format_timestamp(info.at, self.lang),
                    markup(decision_text(info.decision, self.campaign, tr, self.lang)),
                    markup(info.reason or "—"),
                    markup(_decision_vote(info.decision, self.campaign, tr)),
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
                        tr(
                            "Décision n° {id} ({what}) annulée le {at} par {by} : {reason}",
                            id=d.id,
                            what=markup(decision_text(d.decision, self.campaign, tr, self.lang)),
                            at=format_timestamp(d.undone_at, self.lang),
                            by=markup(d.undone_by or "—"),
                            reason=markup(d.undo_reason or "—"),
                        )
                        for d in undone
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
                    rows.append([_pool_title(pool, code, tr), "", "", "", "", "", ""])
                for result in members:
                    rows.append(
                        [
                            markup(result.ref),
                            markup(result.dossier.title),
                            markup(result.dossier.applicant or "—"),
                            tr(self._nature(result).value),
                            self.money(result.entitlement_cents),
                            self.money(result.amount_cents),
                            rank_text(result, self.ties),
                        ]
                    )
            total_row = len(rows)
            rows.append(
                [
                    "",
                    tr("Total proposé"),
                    "",
                    "",
                    "",
                    self.money(self.results.awarded_cents),
                    "",
                ]
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
            capped = capped_prize_lines(self.results.dossiers, tr, self.lang)
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
            flow.append(self.p(tr("Aucun dossier n'est proposé à l'attribution.")))
        flow += self.h2(tr("Totaux par rapport à l'enveloppe"))
        flow.append(self._totals_table())
        flow.append(
            self.p(
                tr(
                    "Montant total proposé : <b>{awarded}</b> pour une enveloppe de {envelope} ; "
                    "non attribué : <b>{left}</b>.",
                    awarded=self.money(self.results.awarded_cents),
                    envelope=self.money(self.results.envelope_cents),
                    left=self.money(self.results.unallocated_cents),
                )
            )
        )
        waiting = [d for d in self.results.dossiers if d.status is Status.WAITING]
        if waiting:
            flow += self.h2(tr("Liste complémentaire"))
            flow.append(
                self.p(
                    tr(
                        "Dossiers retenus mais non financés, dans l'ordre du classement : ils "
                        "seraient financés en cas de désistement, dans cet ordre."
                    )
                )
            )
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
                            _note_text(d, self.lang),
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
        for pool in self.results.pools:
            label = (
                tr("Appel (hors catégories)")
                if pool.kind == "call" and self.campaign.categories
                else tr("Appel")
                if pool.kind == "call"
                else tr("Réserve")
                if pool.kind == "reserve"
                else markup(pool.name)
            )
            if pool.no_award:
                label += " " + tr("(non attribuée par le jury)")
            own_money = pool.envelope_cents or pool.prizes_cents or pool.received_cents
            if pool.kind == "category" and not own_money:
                awarded = sum(d.amount_cents for d in self.results.dossiers if d.pool == pool.code)
                rows.append([label, tr("sur l'enveloppe de l'appel"), "", self.money(awarded), ""])
                continue
            moved = pool.received_cents - pool.released_cents
            rows.append(
                [
                    label,
                    self.money(pool.envelope_cents),
                    ("+" if moved > 0 else "−" if moved < 0 else "")
                    + (self.money(abs(moved)) if moved else "—"),
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
        tr = self.tr
        flow = self.h1(tr("10. Traitement algorithmique"))
        flow.append(
            self.p(
                tr(
                    "La proposition du jury repose sur un traitement algorithmique (calcul des "
                    "notes, classement, départage des ex aequo et répartition des montants) dont "
                    "les règles et les paramètres sont énoncés à la section 4 du présent "
                    "procès-verbal, conformément à l'article L311-3-1 du code des relations entre "
                    "le public et l'administration (CRPA). Chaque candidat a le droit d'obtenir la "
                    "communication des règles de ce traitement et des principales "
                    "caractéristiques de sa mise en œuvre, y compris des paramètres appliqués à "
                    "son dossier et de leur pondération (CRPA, art. R311-3-1-2)."
                )
            )
        )
        return flow

    def versions(self) -> list[Flowable]:
        tr = self.tr
        flow: list[Flowable] = [Paragraph(markup(tr("11. Version et sceau")), self.s.h1)]
        seal = self.record.current_seal
        lines = [tr("Version {v} du procès-verbal.", v=self.record.pv_version)]
        if seal is not None:
            lines.append(
                tr(
                    "Délibération close et scellée le {at} par {by}.",
                    at=format_timestamp(seal.sealed_at, self.lang, zone=True),
                    by=markup(seal.sealed_by),
                )
            )
            lines.append(
                tr("Sceau SHA-256 des données scellées : <b>{hash}</b>", hash=markup(seal.hash))
            )
        else:
            lines.append(
                "<b>"
                + tr(
                    "PROJET — délibération non close : ce document n'est pas le procès-verbal "
                    "définitif et ne porte pas de sceau."
                )
                + "</b>"
            )
        for earlier in self.record.seals:
            if earlier.version == self.record.pv_version and seal is not None:
                continue
            text = tr(
                "Version {v} scellée le {at} par {by} (sceau {hash})",
                v=earlier.version,
                at=format_timestamp(earlier.sealed_at, self.lang, zone=True),
                by=markup(earlier.sealed_by),
                hash=markup(earlier.hash[:16]) + "…",
            )
            if earlier.reopened_at:
                text += tr(
                    ", rouverte le {at} par {by} : {reason}",
                    at=format_timestamp(earlier.reopened_at, self.lang),
                    by=markup(earlier.reopened_by or "—"),
                    reason=markup(earlier.reopen_reason or "—"),
                )
            lines.append(text + ".")
        flow.append(self.p("<br/>".join(lines)))
        return flow

    def signatures(self) -> list[Flowable]:
        tr = self.tr
        chair = president(self.campaign.jurors)
        secretary = self._secretary()
        day, _clock = format_session_date(self.rules.date, self.lang)
        town = signing_town(self.rules.place)
        if town:
            done = tr(
                "Fait à {place}, le {date}.",
                place=markup(town),
                date=markup(day or "…"),
            )
        else:
            done = tr("Fait le {date}.", date=markup(day or "…"))
        blocks = []
        for title, person in (
            (tr("Le président du jury"), chair),
            (tr("Le secrétaire de séance"), secretary),
        ):
            name = markup(person.name) if person else "……………………"
            blocks.append(
                self.p(
                    f"<b>{title}</b><br/>{name}<br/><br/><br/><br/>"
                    f'<font size="7.5" color="#555555">{tr("(signature)")}</font>',
                    "signature",
                )
            )
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
            Paragraph(markup(tr("Signatures")), self.s.h1),
            self.p(done),
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


def document_frame(record: DeliberationRecord, tr: Tr, document: str) -> DocumentFrame:
    """The header and footer of a document about ``record`` (PV or explanation sheet)."""
    seal = record.current_seal
    if seal is not None:
        second = tr(
            "Sceau SHA-256 : {hash} — scellé le {at}",
            hash=seal.hash,
            at=format_timestamp(seal.sealed_at, tr.lang, zone=True),
        )
        draft = None
    else:
        second = tr("PROJET — délibération non close — document provisoire, sans sceau")
        draft = tr("PROJET — délibération non close")
    return DocumentFrame(
        header_left=record.campaign.rules.authority or record.name,
        header_right=f"{document} — {record.name}",
        footer_left=tr("{document} — version {v}", document=document, v=record.pv_version),
        footer_second=second,
        draft_mark=draft,
        page_label=tr("page {page} / {pages}"),
    )


def write_minutes(path: Path | str, record: DeliberationRecord, lang: str = "fr") -> None:
    """Write the procès-verbal of ``record`` to ``path`` (PDF)."""
    tr = Tr(lang)
    story = minutes_story(record, lang)
    build_pdf(
        str(path),
        story,
        document_frame(record, tr, tr("Procès-verbal")),
        title=tr("Procès-verbal de délibération du jury") + " — " + record.name,
        subject=record.name,
        author=record.campaign.rules.authority or "juryapp",
        lang=lang,
        watermark=None if record.current_seal is not None else tr("PROJET"),
    )
