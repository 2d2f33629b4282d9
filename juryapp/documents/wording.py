"""The words of the documents, apart from their layout: every French sentence of the
procès-verbal, the explanation sheet and the award table (English through
``resources/i18n/en-documents.po``), the labels, and the formatting of amounts, rates,
dates and times for people.

Each function returns text in the document's language (``Tr``); sentences meant
for a paragraph are reportlab paragraph markup (user text escaped with
:func:`markup`), the others plain text. Which sentence goes where, in which table,
style and order, is the layout's business (:mod:`minutes`, :mod:`explanation`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from babel.dates import format_date, format_datetime

from juryapp.core import tiebreaks
from juryapp.core.grid import format_number
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    Campaign,
    CarryOver,
    Category,
    CutoffTie,
    Decision,
    DrawLots,
    MajorityRule,
    Mode,
    NoAward,
    Normalisation,
    OrderTie,
    QuorumRule,
    Rapporteurs,
    RateBase,
    ReallocationKind,
    Role,
    SetAmount,
    TieBreakStep,
    VoteCount,
    Withdraw,
)
from juryapp.core.money import format_cents
from juryapp.core.quorum import QuorumState, vote_outcome
from juryapp.core.registry import MatchBy, MatchKind, PastLaureate, RegistryFlag, RulingKind
from juryapp.core.results import DossierResult, PoolResult, Results, TieGroup, TieState
from juryapp.core.texts import decimal_string, format_note
from juryapp.core.tiebreaks import draw_order
from juryapp.i18n import translate

if TYPE_CHECKING:
    from juryapp.core.sessions import YearView
    from juryapp.store import DecisionInfo, SealInfo

# --- language and typography ---------------------------------------------------------------


class Tr:
    """French text of the code in the document's language, with ``{name}`` values."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, message: str, **values: object) -> str:
        translated = translate(message, self.lang)
        text = translated.format(**values) if values else translated
        return french_spacing(text) if self.lang == "fr" else text


_FRENCH_SPACES = (
    (" ;", "\u202f;"),
    (" :", "\u00a0:"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def french_spacing(text: str) -> str:
    """No line break before ``; : ? ! »`` nor after ``«`` (narrow and no-break spaces)."""
    for plain, fixed in _FRENCH_SPACES:
        text = text.replace(plain, fixed)
    return text


def markup(text: object) -> str:
    """User text made safe for reportlab's paragraph markup (``&``, ``<``, ``>``)."""
    return escape("" if text is None else str(text)).replace("\n", "<br/>")


# --- dates and times ---------------------------------------------------------------------


_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_SESSION_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y %Hh%M", "%d/%m/%Y", "%Y-%m-%d %H:%M")


def parse_session_date(value: str) -> tuple[dt.date, dt.time | None] | None:
    """The session's date (and time) from the call's ``Date`` text, when it is one."""
    text = value.strip()
    if not text:
        return None
    for pattern in _SESSION_FORMATS:
        try:
            parsed = dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        has_time = "%H" in pattern
        return parsed.date(), parsed.time() if has_time else None
    try:
        parsed = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    has_time = bool(re.search(r"[T ]\d{1,2}:\d{2}", text))
    return parsed.date(), parsed.time() if has_time else None


def format_session_date(value: str, lang: str) -> tuple[str, str]:
    """``(date, time)`` for people (``12 juin 2026``, ``14 h 00``); text as typed otherwise."""
    parsed = parse_session_date(value)
    if parsed is None:
        return value.strip(), ""
    day, time = parsed
    shown = str(format_date(day, "long", locale=_LOCALES.get(lang, "fr_FR")))
    if time is None:
        return shown, ""
    clock = (
        f"{time.hour} h {time.minute:02d}" if lang == "fr" else f"{time.hour:02d}:{time.minute:02d}"
    )
    return shown, clock


def format_timestamp(value: str | dt.datetime | None, lang: str, *, zone: bool = False) -> str:
    """A stored UTC timestamp in local time: ``12/06/2026 14:32``; with ``zone``, its
    offset from UTC too (``12/06/2026 14:32 UTC+2``), for the seal and the document."""
    from juryapp.moments import local, zone_label

    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        moment: dt.datetime | None = value  # a naive time is already local (tests, previews)
    else:
        moment = local(value)
    if moment is None:
        return str(value)
    pattern = "dd/MM/yyyy HH:mm" if lang == "fr" else "d MMM yyyy HH:mm"
    text = str(format_datetime(moment, pattern, locale=_LOCALES.get(lang, "fr_FR")))
    if zone:
        aware = moment if moment.tzinfo is not None else moment.astimezone()
        text += f" {zone_label(aware)}"
    return text


# --- labels and amounts ------------------------------------------------------------------


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


def role_label(role: Role, tr: Tr) -> str:
    return tr(_ROLE_LABELS[role])


def attendance_label(attendance: Attendance, tr: Tr) -> str:
    return tr(_ATTENDANCE_LABELS[attendance])


def percent(rate: Fraction, lang: str) -> str:
    shown = decimal_string(rate * 100, 2).rstrip("0").rstrip(".")
    shown = shown.replace(".", ",") if lang == "fr" else shown
    return f"{shown}\u00a0%" if lang == "fr" else f"{shown}%"


def money(cents: int | None, lang: str, empty: str = "—") -> str:
    return empty if cents is None else format_cents(cents, lang)


def pool_title(pool: PoolResult | None, code: str | None, tr: Tr) -> str:
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


def tie_step_text(step: TieBreakStep, campaign: Campaign, tr: Tr) -> str:
    label = next((c.label for c in campaign.criteria if c.code == step.criterion), "")
    return tr(tiebreaks.rule_of(step).pv, code=step.criterion or "", label=label or "?")


def aggregation_text(aggregation: Aggregation, tr: Tr) -> str:
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


def normalisation_text(normalisation: Normalisation, tr: Tr) -> str:
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
        (tr("Agrégation des notes"), aggregation_text(rules.aggregation, tr)),
        (tr("Normalisation"), normalisation_text(rules.normalisation, tr)),
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
            f"{index}. {tie_step_text(step, campaign, tr)}"
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
    rows.append((tr("Enveloppe de l'appel"), money(rules.envelope_cents, lang)))
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
            (tr("Plafond"), money(rules.cap_cents, lang, tr("aucun"))),
            (
                tr("Taux et base"),
                tr("{rate} {base}", rate=percent(rules.rate, lang), base=base)
                if rules.rate is not None
                else tr("aucun taux"),
            ),
            (tr("Plancher"), money(rules.floor_cents, lang) if rules.floor_cents else tr("aucun")),
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
            (tr("Égalité au seuil de l'enveloppe"), cutoff_text(rules.cutoff_tie, tr)),
        ]
    rows.append((tr("Réaffectation des sommes non utilisées"), reallocation_text(campaign, tr)))
    if rules.minimum_projects is not None:
        rows.append((tr("Projets minimum"), minimum_projects_text(rules.minimum_projects, tr)))
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
    rows.append((tr("Quorum"), quorum_rule_text(rules.quorum, tr)))
    rows.append((tr("Majorité des votes"), majority_text(rules.majority, tr)))
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


def cutoff_text(rule: CutoffTie, tr: Tr) -> str:
    if rule is CutoffTie.PRORATA:
        return tr(
            "prorata : le reste est partagé au prorata des droits, chacun plafonné à son droit"
        )
    if rule is CutoffTie.EQUAL:
        return tr("égal : le reste est partagé à parts égales, chacun plafonné à son droit")
    return tr("décision : le jury décide du partage")


def reallocation_text(campaign: Campaign, tr: Tr) -> str:
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


def quorum_rule_text(rule: QuorumRule, tr: Tr) -> str:
    if rule is QuorumRule.HALF:
        return tr(
            "moitié : au moins la moitié des membres ayant voix délibérative, présents, en "
            "visioconférence ou représentés (décret n° 2006-672, art. 10 et 11)"
        )
    return tr(
        "majorité : plus de la moitié des membres ayant voix délibérative physiquement "
        "présents (CGCT, art. L2121-17)"
    )


def majority_text(rule: MajorityRule, tr: Tr) -> str:
    if rule is MajorityRule.CAST:
        text = tr("suffrages exprimés, abstentions exclues (CGCT, art. L2121-20)")
    else:
        text = tr("membres présents (décret n° 2006-672, art. 12)")
    return text + tr(" ; en cas de partage égal, la voix du président est prépondérante")


# --- decisions and ranks ------------------------------------------------------------------


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
    if isinstance(decision, CarryOver):
        return tr(
            "Report du dossier {ref} « {title} » au comité {session}, où il sera classé à nouveau.",
            ref=decision.ref,
            title=titles.get(decision.ref, ""),
            session=decision.to_session,
        )
    assert isinstance(decision, NoAward)
    name = next((c.name for c in campaign.categories if c.code == decision.category), "")
    return tr(
        "La catégorie {code} « {name} » n'est pas attribuée.", code=decision.category, name=name
    )


def decision_vote(decision: Decision, campaign: Campaign, tr: Tr) -> str:
    if isinstance(decision, OrderTie) and decision.votes is not None:
        return vote_text(decision.votes, campaign.rules.majority, tr)
    if isinstance(decision, DrawLots):
        return tr("tirage au sort")
    return "—"


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


def note_text(result: DossierResult, lang: str) -> str:
    if result.aggregate is None:
        return "—"
    return format_note(result.aggregate, result.decimals, lang)


def earlier_withdrawal_text(
    decision: Decision, year: YearView | None, tr: Tr, lang: str
) -> str | None:
    """A laureate of an earlier session withdrawn in this one (rules §12), in one
    sentence; None for any other decision."""
    if year is None or not isinstance(decision, Withdraw):
        return None
    for earlier in year.sessions[:-1]:
        for result in earlier.results.dossiers:
            if result.ref == decision.ref:
                return tr(
                    "Retrait du dossier {ref} « {title} », lauréat du comité n° {number} "
                    "({session}) : {amount} rendus à l'enveloppe de l'année.",
                    ref=decision.ref,
                    title=result.dossier.title,
                    number=earlier.number,
                    session=earlier.session.code,
                    amount=format_cents(result.amount_cents, lang),
                )
    return None


def undone_decision_text(info: DecisionInfo, campaign: Campaign, tr: Tr, lang: str) -> str:
    """``Décision n° 3 (…) annulée le … par … : motif`` (markup)."""
    return tr(
        "Décision n° {id} ({what}) annulée le {at} par {by} : {reason}",
        id=info.id,
        what=markup(decision_text(info.decision, campaign, tr, lang)),
        at=format_timestamp(info.undone_at, lang),
        by=markup(info.undone_by or "—"),
        reason=markup(info.undo_reason or "—"),
    )


# --- what a section says when it has nothing to show ------------------------------------

_NOTHING_TO_SHOW = {
    "jury": "La composition du jury n'est pas renseignée.",
    "recusals": "Aucun membre ne s'est déporté.",
    "inadmissible": "Tous les dossiers déposés sont recevables.",
    "ties": "Aucun ex aequo entre dossiers retenus.",
    "decisions": "Le jury n'a pris aucune décision particulière.",
    "awards": "Aucun dossier n'est proposé à l'attribution.",
    "scores": "Le dossier n'étant pas recevable, il n'a pas été noté.",
    "steps": "Aucune étape de calcul : le dossier n'a pas été classé.",
    "dossier decisions": "Aucune.",
}


def nothing_to_show(section: str, tr: Tr) -> str:
    """The sentence standing for an empty section (``jury``, ``ties``, ``steps``…)."""
    return tr(_NOTHING_TO_SHOW[section])


# --- the procès-verbal -----------------------------------------------------------------------


def minutes_title(tr: Tr) -> str:
    return tr("Procès-verbal de délibération du jury")


def dossier_counts_text(dossiers: int, admissible: int, tr: Tr) -> str:
    return tr(
        "déposés : {n} · recevables : {a} · non recevables : {i}",
        n=dossiers,
        a=admissible,
        i=dossiers - admissible,
    )


def minutes_version_text(version: int, closed: bool, tr: Tr) -> str:
    """``version 2``, followed while open by the draft marking."""
    return tr("version {v}", v=version) + (
        " — " + tr("PROJET, délibération non close") if not closed else ""
    )


def nature_of_document(authority: str, tr: Tr) -> str:
    """The PV is the jury's proposal, not the decision (markup)."""
    return tr(
        "<b>Nature du document.</b> Le présent procès-verbal constitue l'avis du "
        "jury : une proposition adressée à {authority}, seule compétente pour "
        "décider de l'attribution des aides. Il ne vaut pas décision d'attribution.",
        authority=markup(authority or tr("l'autorité compétente")),
    )


def juror_cell(name: str, code: str) -> str:
    """A member's name followed by their code in grey (markup)."""
    return markup(name) + f' <font color="#555555">({markup(code)})</font>'


def voice_label(votes: bool, tr: Tr) -> str:
    return tr("délibérative") if votes else tr("consultative")


def attendance_summary(counts: dict[Attendance, int], tr: Tr) -> str:
    return tr(
        "Présents : {p} ; en visioconférence : {v} ; représentés : {r} ; absents : {a}.",
        p=counts[Attendance.PRESENT],
        v=counts[Attendance.VIDEO],
        r=counts[Attendance.REPRESENTED],
        a=counts[Attendance.ABSENT],
    )


def chair_and_secretary(chair: str | None, secretary: str | None, tr: Tr) -> str:
    """Who chaired the session and who kept its minutes (markup, two lines)."""
    return (
        tr("<b>Présidence :</b> {name}", name=markup(chair or "—"))
        + "<br/>"
        + tr("<b>Secrétariat de séance :</b> {name}", name=markup(secretary or "—"))
    )


def reached_text(reached: bool, tr: Tr) -> str:
    return tr("atteint") if reached else tr("NON ATTEINT")


def quorum_summary(state: QuorumState, tr: Tr) -> str:
    return tr(
        "Quorum : {present} membres comptés pour {required} requis — {reached}.",
        present=state.present,
        required=state.required,
        reached=reached_text(state.reached, tr),
    )


def recusal_text(
    ref: str, title: str, names: Sequence[str], quorum: QuorumState | None, tr: Tr
) -> str:
    """The déports of one dossier in the words of rules §3, with its own quorum (markup)."""
    sentences = [
        tr(
            "{name}, intéressé(e), s'est retiré(e) et n'a pris part ni aux débats ni au vote.",
            name=markup(name),
        )
        for name in names
    ]
    text = tr("<b>Dossier {ref}</b> « {title} » : ", ref=markup(ref), title=markup(title))
    text += " ".join(sentences)
    if quorum is not None:
        text += " " + tr(
            "(quorum pour ce dossier : {p} comptés, {r} requis — {state})",
            p=quorum.present,
            r=quorum.required,
            state=reached_text(quorum.reached, tr),
        )
    return text


def ranking_legend(few_scores: bool, min_scores: int, tr: Tr) -> str:
    """What ``=``, ``†`` and ``*`` mean in a ranking table."""
    legend = [tr("« = » : ex aequo, rang partagé"), tr("« † » : ex aequo départagé")]
    if few_scores:
        legend.append(tr("« * » : noté par moins de {n} jurés", n=min_scores))
    return " ; ".join(legend) + "."


def tie_lines(tie: TieGroup, tr: Tr, lang: str) -> list[str]:
    """One tie: who, where, its state, each step taken and the resulting order (markup)."""
    states = {
        TieState.BROKEN: tr("départagés"),
        TieState.SHARED: tr("rang partagé"),
        TieState.PENDING: tr("en attente d'une décision du jury"),
    }
    where = tr("l'appel") if tie.pool is None else tr("catégorie {code}", code=markup(tie.pool))
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
        lines.append("• " + markup(step.description.render(lang)) + seed)
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
    return lines


def envelope_label(pool: PoolResult, has_categories: bool, tr: Tr, *, plain: bool = False) -> str:
    """A line of the totals: the call, the reserve or a category (markup, or ``plain``)."""
    if pool.kind == "call":
        label = tr("Appel (hors catégories)") if has_categories else tr("Appel")
    elif pool.kind == "reserve":
        label = tr("Réserve")
    else:
        label = pool.name if plain else markup(pool.name)
    if pool.no_award:
        label += " " + tr("(non attribuée par le jury)")
    return label


def moved_text(moved_cents: int, lang: str) -> str:
    """Money a pool received (``+``) or released (``−``) by reallocation."""
    if not moved_cents:
        return "—"
    return ("+" if moved_cents > 0 else "−") + money(abs(moved_cents), lang)


def totals_text(results: Results, tr: Tr, lang: str) -> str:
    return tr(
        "Montant total proposé : <b>{awarded}</b> pour une enveloppe de {envelope} ; "
        "non attribué : <b>{left}</b>.",
        awarded=money(results.awarded_cents, lang),
        envelope=money(results.envelope_cents, lang),
        left=money(results.unallocated_cents, lang),
    )


def supported_once_text(registry: Sequence[PastLaureate], tr: Tr) -> str:
    """The rule « Soutien unique » (rules §13) as the PV's method states it."""
    sources = sorted({p.source for p in registry if p.source})
    text = tr(
        "un projet n'est soutenu qu'une fois : un dossier dont le SIRET ou le numéro RNA est "
        "celui d'un lauréat passé n'est pas recevable (« déjà soutenu »), sauf décision motivée "
        "du secrétariat ; un même nom de porteur dans la même commune (casse, accents, "
        "ponctuation et forme juridique ignorés) est soumis au secrétariat, qui confirme ou "
        "écarte la correspondance, jamais décidée automatiquement"
    )
    if registry:
        text += tr(
            " ; registre des lauréats passés : {count} lauréat(s), d'après {sources}",
            count=len(registry),
            sources=", ".join(markup(s) for s in sources) or "—",
        )
    else:
        text += tr(" ; registre des lauréats passés : vide")
    return text


def minimum_projects_text(minimum: int, tr: Tr) -> str:
    return tr("{n} projets à financer sur l'année", n=minimum)


def funded_projects_text(funded: int, minimum: int, tr: Tr) -> str:
    """« Projets financés : 9, pour un minimum de 14 sur l'année : minimum non atteint. »"""
    return tr(
        "Projets financés : <b>{funded}</b>, pour un minimum de {minimum} sur l'année : "
        "<b>{state}</b>.",
        funded=funded,
        minimum=minimum,
        state=tr("minimum atteint") if funded >= minimum else tr("minimum non atteint"),
    )


_RULING_TEXT = {
    RulingKind.OVERRIDE: "le secrétariat passe outre : le dossier reste recevable",
    RulingKind.CONFIRM: "correspondance confirmée : le dossier n'est pas recevable",
    RulingKind.DISMISS: "correspondance écartée : autre porteur, le dossier reste recevable",
}


def registry_match_text(flag: RegistryFlag, tr: Tr) -> str:
    """« même SIRET que Ressourcerie du Port (La Rochelle), lauréat de … 2023 »."""
    laureate = flag.match.laureate
    by = {
        MatchBy.SIRET: tr("même SIRET"),
        MatchBy.RNA: tr("même numéro RNA"),
        MatchBy.NAME: tr("même nom et même commune"),
    }[flag.match.by]
    who = ", ".join(markup(p) for p in (laureate.holder, laureate.town) if p) or "—"
    when = ", ".join(markup(p) for p in (laureate.call, laureate.year) if p) or "—"
    return tr("{by} que {who} ({when})", by=by, who=who, when=when)


def registry_ruling_text(flag: RegistryFlag, tr: Tr, lang: str) -> str:
    """The secretariat's ruling, with its reason, who and when; « en attente » without one."""
    ruling = flag.ruling
    if ruling is None:
        if flag.match.kind is MatchKind.SURE:
            return tr("non recevable (déjà soutenu)")
        return tr("<b>à confirmer ou écarter par le secrétariat</b>")
    text = tr(_RULING_TEXT[ruling.kind])
    if ruling.reason:
        text += " — " + tr("motif : {reason}", reason=markup(ruling.reason))
    when = format_timestamp(ruling.at, lang) if ruling.at else ""
    text += " — " + tr("{who}, {when}", who=markup(ruling.author or "—"), when=when)
    return text


def inadmissible_text(tr: Tr) -> str:
    return tr(
        "Ces dossiers, déclarés non recevables par le service instructeur, n'ont été "
        "ni notés ni classés."
    )


def waiting_list_text(tr: Tr) -> str:
    return tr(
        "Dossiers retenus mais non financés, dans l'ordre du classement : ils "
        "seraient financés en cas de désistement, dans cet ordre."
    )


def algorithm_notice(tr: Tr) -> str:
    """The mention of the algorithmic processing (CRPA L311-3-1)."""
    return tr(
        "La proposition du jury repose sur un traitement algorithmique (calcul des "
        "notes, classement, départage des ex aequo et répartition des montants) dont "
        "les règles et les paramètres sont énoncés à la section 4 du présent "
        "procès-verbal, conformément à l'article L311-3-1 du code des relations entre "
        "le public et l'administration (CRPA). Chaque candidat a le droit d'obtenir la "
        "communication des règles de ce traitement et des principales "
        "caractéristiques de sa mise en œuvre, y compris des paramètres appliqués à "
        "son dossier et de leur pondération (CRPA, art. R311-3-1-2)."
    )


def version_lines(
    version: int, seal: SealInfo | None, seals: Sequence[SealInfo], tr: Tr, lang: str
) -> list[str]:
    """This version, its seal (or the draft warning) and every earlier seal (markup)."""
    lines = [tr("Version {v} du procès-verbal.", v=version)]
    if seal is not None:
        lines.append(
            tr(
                "Délibération close et scellée le {at} par {by}.",
                at=format_timestamp(seal.sealed_at, lang, zone=True),
                by=markup(seal.sealed_by),
            )
        )
        lines.append(
            tr("Sceau SHA-256 des données scellées : <b>{hash}</b>", hash=markup(seal.hash))
        )
        lines.append(
            tr(
                "Code de contrôle : <b>{code}</b> — à comparer au fichier de la campagne : "
                "<i>juryapp verify CAMPAGNE.jury --seal {code}</i>",
                code=_seal_code(seal.hash),
            )
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
    for earlier in seals:
        if earlier.version == version and seal is not None:
            continue
        text = tr(
            "Version {v} scellée le {at} par {by} (sceau {hash})",
            v=earlier.version,
            at=format_timestamp(earlier.sealed_at, lang, zone=True),
            by=markup(earlier.sealed_by),
            hash=markup(earlier.hash[:16]) + "…",
        )
        if earlier.reopened_at:
            text += tr(
                ", rouverte le {at} par {by} : {reason}",
                at=format_timestamp(earlier.reopened_at, lang),
                by=markup(earlier.reopened_by or "—"),
                reason=markup(earlier.reopen_reason or "—"),
            )
        lines.append(text + ".")
    return lines


def done_at(place: str, day: str, tr: Tr) -> str:
    """``Fait à Poitiers, le 12 juin 2026.`` (``Fait le …`` when the place names no town)."""
    town = signing_town(place)
    if town:
        return tr("Fait à {place}, le {date}.", place=markup(town), date=markup(day or "…"))
    return tr("Fait le {date}.", date=markup(day or "…"))


def signature_block(title: str, name: str | None, tr: Tr) -> str:
    """A signatory's title, name and the room to sign (markup)."""
    shown = markup(name) if name else "……………………"
    return (
        f"<b>{title}</b><br/>{shown}<br/><br/><br/><br/>"
        f'<font size="7.5" color="#555555">{tr("(signature)")}</font>'
    )


# --- the page frame ------------------------------------------------------------------------


def _seal_code(seal_hash: str) -> str:
    from juryapp.store.seal import seal_code

    return seal_code(seal_hash)


def seal_footer(seal: SealInfo | None, tr: Tr) -> str:
    """The second footer line: the seal, or the draft warning."""
    if seal is None:
        return tr("PROJET — délibération non close — document provisoire, sans sceau")
    # The day only: the line must hold the whole seal and its code (the time is in §11).
    return tr(
        "Sceau SHA-256 : {hash} — code {code} — scellé le {at}",
        hash=seal.hash,
        code=_seal_code(seal.hash),
        at=format_timestamp(seal.sealed_at, tr.lang).split(" ")[0],
    )


def draft_mark(tr: Tr) -> str:
    return tr("PROJET — délibération non close")


def version_footer(document: str, version: int, tr: Tr) -> str:
    return tr("{document} — version {v}", document=document, v=version)


def page_label(tr: Tr) -> str:
    return tr("page {page} / {pages}")


def watermark(tr: Tr) -> str:
    return tr("PROJET")


# --- the explanation sheet -------------------------------------------------------------------


def explanation_title(ref: str, tr: Tr) -> str:
    return tr("Fiche d'explication du dossier {ref}", ref=ref)


def explanation_notice(tr: Tr) -> str:
    """What the sheet is for and what it leaves out (CRPA L311-3-1, R311-3-1-2)."""
    return tr(
        "Cette fiche communique au porteur du dossier les règles du traitement "
        "algorithmique sur lequel repose la proposition du jury et les paramètres "
        "appliqués à son dossier (code des relations entre le public et "
        "l'administration, art. L311-3-1 et R311-3-1-2). Elle ne contient aucune "
        "donnée relative aux autres dossiers ; les membres du jury y sont désignés "
        "par un code."
    )


def other_dossier(n: int, tr: Tr) -> str:
    """What stands for another dossier's reference or title on an explanation sheet."""
    return tr("[autre dossier {n}]", n=n)


def prizes_text(prizes_cents: Sequence[int], tr: Tr, lang: str) -> str:
    return tr("prix") + " " + " / ".join(format_cents(p, lang) for p in prizes_cents)


def category_rules_text(category: Category, tr: Tr, lang: str) -> str:
    """The rules a category sets for its dossiers, in place of the call's."""
    own = []
    if category.envelope_cents is not None:
        own.append(tr("enveloppe {a}", a=money(category.envelope_cents, lang)))
    if category.prizes_cents:
        own.append(prizes_text(category.prizes_cents, tr, lang))
    if category.cap_cents is not None:
        own.append(tr("plafond {a}", a=money(category.cap_cents, lang)))
    if category.rate is not None:
        own.append(tr("taux {r}", r=percent(category.rate, lang)))
    if category.floor_cents is not None:
        own.append(tr("plancher {a}", a=money(category.floor_cents, lang)))
    own.append(tr(category.nature.value))
    return tr("{rules} (elles remplacent celles de l'appel)", rules=" ; ".join(own))


def scores_summary(jurors: int, recused: int, normalised: bool, tr: Tr) -> str:
    """How many scores counted, the déports and the normalisation arrow, under the scores."""
    lines = [
        tr(
            "{n} note(s) complète(s) prise(s) en compte. Une grille incomplète ne compte pas.",
            n=jurors,
        )
    ]
    if recused:
        lines.append(
            tr(
                "{n} membre(s) du jury, intéressé(s), se sont retirés et n'ont pris part ni "
                "aux débats ni au vote sur ce dossier.",
                n=recused,
            )
        )
    if normalised:
        lines.append(tr("« → » : note après normalisation (z-score)."))
    return " ".join(lines)


def proposal_notice(authority: str, tr: Tr) -> str:
    """The amount is a proposal to the authority (markup)."""
    return tr(
        "Le montant est une proposition du jury à {authority}, qui décide.",
        authority=markup(authority or tr("l'autorité compétente")),
    )


def dossier_decision_text(info: DecisionInfo, campaign: Campaign, tr: Tr, lang: str) -> str:
    """A decision about the dossier, its vote and its reason (plain text, not redacted)."""
    text = decision_text(info.decision, campaign, tr, lang)
    if isinstance(info.decision, OrderTie) and info.decision.votes is not None:
        text += " " + tr(
            "Vote : {v}.", v=vote_text(info.decision.votes, campaign.rules.majority, tr)
        )
    if info.reason:
        text += " " + tr("Motif : {m}", m=info.reason)
    return text


def sheet_closing(
    version: int, seal: SealInfo | None, generated_at: dt.datetime, tr: Tr, lang: str
) -> str:
    """The PV version, the seal or the draft warning, and when the sheet was made (markup)."""
    if seal is not None:
        state = tr(
            "Délibération close et scellée le {at} (sceau SHA-256 {hash}).",
            at=format_timestamp(seal.sealed_at, lang),
            hash=seal.hash,
        )
    else:
        state = tr("PROJET — délibération non close : les résultats peuvent encore changer.")
    return tr(
        "Procès-verbal version {v}. {state} Fiche établie le {at}.",
        v=version,
        state=markup(state),
        at=format_timestamp(generated_at, lang),
    )


def assignment_text(rapporteurs: Rapporteurs, by_hand: int, tr: Tr) -> str:
    """How the dossiers were assigned to jurors (rules §14), in one paragraph (markup)."""
    parts = [
        tr(
            "Chaque dossier recevable a été confié à {k} rapporteur(s) parmi les membres "
            "votants, aucun sur un dossier où il avait déclaré un conflit d'intérêts.",
            k=rapporteurs.per_dossier,
        )
    ]
    if rapporteurs.max_load is None:
        parts.append(tr("Les charges des rapporteurs diffèrent d'un dossier au plus."))
    else:
        parts.append(tr("Aucun rapporteur n'a plus de {n} dossier(s).", n=rapporteurs.max_load))
    if rapporteurs.institutions > 1:
        parts.append(
            tr(
                "Chaque dossier est vu par des membres d'au moins {m} organismes différents.",
                m=rapporteurs.institutions,
            )
        )
    parts.append(
        tr(
            "Répartition calculée exactement (OR-Tools, {method}), reproductible avec la "
            "graine {seed}.",
            method=markup(rapporteurs.method),
            seed=markup(rapporteurs.seed),
        )
    )
    if by_hand:
        parts.append(tr("{n} désignation(s) faite(s) ensuite à la main, au journal.", n=by_hand))
    if rapporteurs.open_refs:
        parts.append(
            tr(
                "Dossier(s) ouvert(s) à tous les membres votants par le secrétariat : {refs}.",
                refs=markup(", ".join(sorted(rapporteurs.open_refs))),
            )
        )
    return " ".join(parts)


def session_title(number: int, name: str, day: str, tr: Tr) -> str:
    """« Comité n° 2 du 13 juin 2024 — Revue de projets de juin » (rules §12)."""
    if day:
        return tr("Comité n° {number} du {day} — {name}", number=number, day=day, name=name)
    return tr("Comité n° {number} — {name}", number=number, name=name)


def year_ledger_text(year: YearView, tr: Tr, lang: str) -> str:
    """The year's ledger after this session (markup): the year's envelope, what sealed
    sessions spent, what this one may award, what withdrawals gave back, what remains."""
    ledger = year.ledger
    last = year.last
    parts: list[str] = []
    if ledger is not None:
        account = ledger.sessions[-1]
        parts.append(
            tr(
                "Enveloppe de l'année : {year}. Dépensé par les comités clos : {spent}. "
                "Ce comité peut attribuer : {available}. Reste de l'année : {remaining}.",
                year=format_cents(ledger.year_envelope_cents, lang),
                spent=format_cents(ledger.spent_cents, lang),
                available=format_cents(account.available_cents, lang),
                remaining=format_cents(ledger.remaining_cents, lang),
            )
        )
        if account.carried_in_cents:
            parts.append(
                tr(
                    "Report du comité précédent : {amount}.",
                    amount=format_cents(account.carried_in_cents, lang),
                )
            )
        if ledger.locked_cents:
            parts.append(
                tr(
                    "Non consommé par les comités clos (sans report) : {amount}.",
                    amount=format_cents(ledger.locked_cents, lang),
                )
            )
    if last.returned_cents:
        parts.append(
            tr(
                "Retraits de lauréats de comités précédents, décidés lors de ce comité : "
                "{amount} rendus à l'enveloppe de l'année.",
                amount=format_cents(last.returned_cents, lang),
            )
        )
    return markup(" ".join(parts))
