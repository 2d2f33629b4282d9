"""Results as the JSON of ``shared/spec/cli.md`` and as a readable table.

Pure functions: the command line prints them, the tests read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from juryapp.core.engine.state import CALL_POOL
from juryapp.core.money import format_cents
from juryapp.core.registry import FlagState, MatchKind, RegistryFlag
from juryapp.core.results import STATUS_LABELS_FR, DossierResult, Results, Status
from juryapp.core.texts import decimal_string, format_note
from juryapp.i18n import translate

__all__ = [
    "CampaignInfo",
    "MinimumProjects",
    "minimum_projects",
    "registry_flag_json",
    "registry_flag_line",
    "result_status_label",
    "results_table",
    "results_to_json",
    "score_exact",
    "status_label",
]


@dataclass(frozen=True)
class CampaignInfo:
    """What the results need to know of the campaign file."""

    id: str
    name: str
    closed: bool = False
    seal: str | None = None


def score_exact(value: Fraction | float | None) -> str | None:
    """``p/q`` for exact scores, 9 decimals under z-score normalisation."""
    if value is None:
        return None
    if isinstance(value, float):
        return decimal_string(value, 9)
    return f"{value.numerator}/{value.denominator}"


def status_label(status: Status, lang: str = "fr") -> str:
    return translate(STATUS_LABELS_FR[status], lang)


def result_status_label(result: DossierResult, results: Results, lang: str = "fr") -> str:
    """A dossier's status, saying so when it is not retained because the jury did not
    award its category (« non retenu (catégorie non attribuée) »)."""
    label = status_label(result.status, lang)
    if result.status is Status.NOT_RETAINED and any(
        pool.no_award and pool.code == result.pool for pool in results.pools
    ):
        label += " " + translate("(catégorie non attribuée)", lang)
    return label


@dataclass(frozen=True)
class MinimumProjects:
    """« Projets minimum » (rules §12): how many projects are funded against the minimum."""

    funded: int
    minimum: int

    @property
    def met(self) -> bool:
        return self.funded >= self.minimum


def minimum_projects(results: Results) -> MinimumProjects | None:
    """The funded projects (laureates receiving money) against the call's minimum, or None
    when the call sets none."""
    if results.rules.minimum_projects is None:
        return None
    funded = sum(1 for d in results.dossiers if d.status is Status.LAUREATE and d.amount_cents > 0)
    return MinimumProjects(funded, results.rules.minimum_projects)


# --- the registry of past laureates (rules §13) ---------------------------------------------

_MATCH_BY_FR = {"siret": "SIRET", "rna": "RNA", "name": "nom et commune"}
_FLAG_STATES_FR = {
    FlagState.REFUSED: "non recevable (déjà soutenu)",
    FlagState.OVERRIDDEN: "recevable : le secrétariat passe outre",
    FlagState.TO_CHECK: "à vérifier : confirmer ou écarter",
    FlagState.CONFIRMED: "confirmé : non recevable (déjà soutenu)",
    FlagState.DISMISSED: "écarté : autre porteur",
}


def registry_source(flag: RegistryFlag) -> str:
    """Which past laureate: « Appel 2023, 2023 » (its call and year), else its file."""
    laureate = flag.match.laureate
    text = ", ".join(p for p in (laureate.call.strip(), laureate.year.strip()) if p)
    return text or laureate.source


def registry_flag_json(flag: RegistryFlag) -> dict[str, Any]:
    """``already_supported`` of ``results --json`` (cli.md), with the state and the ruling."""
    laureate = flag.match.laureate
    return {
        "ref": flag.ref,
        "match": flag.match.kind.value,
        "by": flag.match.by.value,
        "source": registry_source(flag),
        "state": flag.state.value,
        "holder": laureate.holder,
        "town": laureate.town,
        "call": laureate.call,
        "year": laureate.year,
        "amount_cents": laureate.amount_cents,
        "ruling": None
        if flag.ruling is None
        else {
            "kind": flag.ruling.kind.value,
            "reason": flag.ruling.reason,
            "author": flag.ruling.author,
            "at": flag.ruling.at,
        },
    }


def registry_flag_line(flag: RegistryFlag, lang: str = "fr") -> str:
    """One line per flagged dossier: « D03 — correspondance sûre (SIRET) : Asso, Ville —
    Appel 2023, 2023 — non recevable (déjà soutenu) »."""
    laureate = flag.match.laureate
    kind = (
        translate("correspondance sûre", lang)
        if flag.match.kind is MatchKind.SURE
        else translate("correspondance possible", lang)
    )
    by = translate(_MATCH_BY_FR[flag.match.by.value], lang)
    who = ", ".join(p for p in (laureate.holder, laureate.town) if p)
    line = (
        f"{flag.ref} — {kind} ({by}){' : ' if lang == 'fr' else ': '}{who} — "
        f"{registry_source(flag)} — {translate(_FLAG_STATES_FR[flag.state], lang)}"
    )
    if flag.ruling is not None and flag.ruling.reason:
        line += f" — « {flag.ruling.reason} »" if lang == "fr" else f' — "{flag.ruling.reason}"'
    return line


def _category_entries(results: Results) -> list[dict[str, Any]]:
    """One entry per category. A category funded from the call's envelope has no envelope
    of its own (``null``): its awarded amount is what its dossiers receive from the call."""
    entries: list[dict[str, Any]] = []
    for pool in results.pools:
        if pool.kind != "category":
            continue
        if pool.envelope_cents == 0 and not pool.prizes_cents and not pool.received_cents:
            awarded = sum(
                d.amount_cents
                for d in results.dossiers
                if d.pool == pool.code and d.funded_by == CALL_POOL
            )
            entries.append(
                {
                    "code": pool.code,
                    "name": pool.name,
                    "envelope_cents": None,
                    "awarded_cents": awarded,
                    "unallocated_cents": None,
                }
            )
            continue
        entries.append(
            {
                "code": pool.code,
                "name": pool.name,
                "envelope_cents": pool.envelope_cents + pool.received_cents - pool.released_cents,
                "awarded_cents": pool.awarded_cents,
                "unallocated_cents": pool.unallocated_cents,
            }
        )
    return entries


def results_to_json(
    results: Results,
    campaign: CampaignInfo,
    lang: str = "fr",
    registry: Mapping[str, RegistryFlag] | None = None,
) -> dict[str, Any]:
    """The structure of ``juryapp results --json``; ``registry``: the dossiers that match
    the registry of past laureates (``already_supported``)."""
    data = _results_json(results, campaign, lang)
    for entry in data["dossiers"]:
        flag = (registry or {}).get(entry["ref"])
        if flag is not None:
            entry["already_supported"] = registry_flag_json(flag)
    minimum = minimum_projects(results)
    if minimum is not None:
        data["minimum_projects"] = {
            "minimum": minimum.minimum,
            "funded": minimum.funded,
            "met": minimum.met,
        }
    return data


def _results_json(results: Results, campaign: CampaignInfo, lang: str) -> dict[str, Any]:
    return {
        "campaign": {
            "id": campaign.id,
            "name": campaign.name,
            "mode": results.rules.mode.value,
            "closed": campaign.closed,
            "seal": campaign.seal,
        },
        "quorum": {
            "required": results.quorum.required,
            "present": results.quorum.present,
            "reached": results.quorum.reached,
        },
        "envelope_cents": results.envelope_cents,
        "awarded_cents": results.awarded_cents,
        "unallocated_cents": results.unallocated_cents,
        "categories": _category_entries(results),
        "dossiers": [_dossier_entry(d, lang) for d in results.dossiers],
        "ties": [
            {
                "id": tie.id,
                "category": tie.pool,
                "rank": tie.rank,
                "refs": list(tie.refs),
                "state": tie.state.value,
                "steps": [
                    {
                        "kind": step.kind,
                        "detail": step.description.render(lang),
                        "order": [list(part) for part in step.order],
                        "seed": step.seed,
                    }
                    for step in tie.steps
                ],
            }
            for tie in results.ties
        ],
        "pending": [
            {"kind": item.kind, "detail": item.detail.render(lang), "refs": list(item.refs)}
            for item in results.pending
        ],
    }


def _dossier_entry(result: DossierResult, lang: str) -> dict[str, Any]:
    aggregate = result.aggregate
    return {
        "ref": result.ref,
        "title": result.dossier.title,
        "category": result.dossier.category,
        "status": result.status.value,
        "rank": result.rank,
        "score": decimal_string(aggregate, 2) if aggregate is not None else None,
        "score_exact": score_exact(aggregate),
        "jurors": result.jurors,
        "tie_group": result.tie_group,
        "amount_cents": result.amount_cents,
        "entitlement_cents": result.entitlement_cents,
        "reasons": [reason.render(lang) for reason in result.reasons],
    }


def results_table(results: Results, campaign: CampaignInfo, lang: str = "fr") -> str:
    """A readable table of the ranking, ties, allocation and what is pending."""

    def tr(message: str) -> str:
        return translate(message, lang)

    def money(cents: int) -> str:
        return format_cents(cents, lang)

    colon = " : " if lang == "fr" else ": "
    lines = [campaign.name]
    state = tr("close (scellée)") if campaign.closed else tr("ouverte")
    lines.append(f"{tr('Délibération')}{colon}{state} — {tr('mode')} {results.rules.mode.value}")
    quorum = results.quorum
    reached = tr("atteint") if quorum.reached else tr("NON ATTEINT")
    lines.append(
        f"{tr('Quorum')}{colon}{quorum.present} {tr('présents')} / "
        f"{quorum.required} {tr('requis')} — {reached}"
    )
    lines.append(
        f"{tr('Enveloppe')}{colon}{money(results.envelope_cents)} — "
        f"{tr('attribué')}{colon}{money(results.awarded_cents)} — "
        f"{tr('non attribué')}{colon}{money(results.unallocated_cents)}"
    )
    minimum = minimum_projects(results)
    if minimum is not None:
        lines.append(
            f"{tr('Projets financés')}{colon}{minimum.funded} / "
            f"{minimum.minimum} {tr('minimum')} — "
            f"{tr('minimum atteint') if minimum.met else tr('minimum NON ATTEINT')}"
        )
    headers = [
        tr("Rang"),
        tr("Réf."),
        tr("Projet"),
        tr("Note"),
        tr("Jurés"),
        tr("Statut"),
        tr("Montant"),
    ]
    still_tied = {
        ref for tie in results.ties for part in tie.parts if len(part) > 1 for ref in part
    }
    pools: dict[str | None, list[DossierResult]] = {}
    for result in results.dossiers:
        pools.setdefault(result.pool, []).append(result)
    names = {p.code: p.name for p in results.pools}
    for code, members in pools.items():
        lines.append("")
        title = names.get(code, code or "") if code is not None else tr("Classement")
        lines.append(f"== {title} ==")
        rows = [headers]
        for result in members:
            rank = "" if result.rank is None else str(result.rank)
            if result.ref in still_tied:
                rank += " ="
            note = (
                format_note(result.aggregate, result.decimals, lang)
                if result.aggregate is not None
                else "—"
            )
            rows.append(
                [
                    rank,
                    result.ref,
                    _shorten(result.dossier.title, 38),
                    note,
                    str(result.jurors),
                    status_label(result.status, lang),
                    money(result.amount_cents) if result.amount_cents else "",
                ]
            )
        lines.extend(_align(rows, right={0, 3, 4, 6}))
    if results.ties:
        lines.append("")
        lines.append(f"== {tr('Ex aequo')} ==")
        for tie in results.ties:
            lines.append(
                f"#{tie.id} {tr('rang')} {tie.rank}{colon}{', '.join(tie.refs)} — "
                f"{tr(_TIE_STATES[tie.state.value])}"
            )
            for step in tie.steps:
                lines.append(f"    {step.description.render(lang)}")
    if results.pending:
        lines.append("")
        lines.append(f"== {tr('En attente (bloque la clôture)')} ==")
        lines.extend(f"- {item.detail.render(lang)}" for item in results.pending)
    if results.warnings:
        lines.append("")
        lines.append(f"== {tr('Avertissements')} ==")
        lines.extend(f"- {warning.render(lang)}" for warning in results.warnings)
    return "\n".join(lines) + "\n"


_TIE_STATES = {"broken": "départagés", "shared": "rang partagé", "pending": "en attente"}


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _align(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        out.append("  ".join(cells).rstrip())
    return out
