"""The order of the session (rules §14), for ``juryapp agenda`` (and the desk later)."""

from __future__ import annotations

from typing import Any

from juryapp.core.agenda import AgendaPool, exits, session_agenda
from juryapp.core.grid import format_number
from juryapp.core.model import Campaign
from juryapp.i18n import _, current_language
from juryapp.operations.campaign import compute
from juryapp.store import CampaignFile

__all__ = ["agenda", "agenda_json", "agenda_text"]


def agenda(
    campaign_file: CampaignFile, order: str = "disagreement"
) -> tuple[Campaign, list[AgendaPool]]:
    """The campaign and its order of discussion, pool by pool (nothing written)."""
    campaign, results = compute(campaign_file)
    return campaign, session_agenda(campaign, results, order)


def agenda_json(pools: list[AgendaPool]) -> dict[str, Any]:
    """``juryapp agenda --json``: spreads as exact ``p/q`` and 2-decimal strings."""
    return {
        "exits": exits(pools),
        "pools": [
            {
                "category": pool.category,
                "items": [
                    {
                        "ref": item.ref,
                        "title": item.title,
                        "rank": item.rank,
                        "spread": None if item.spread is None else f"{float(item.spread):.2f}",
                        "spread_exact": None if item.spread is None else str(item.spread),
                        "leaving": list(item.leaving),
                        "quorum": None
                        if item.quorum is None
                        else {
                            "present": item.quorum.present,
                            "required": item.quorum.required,
                            "reached": item.quorum.reached,
                        },
                    }
                    for item in pool.items
                ],
            }
            for pool in pools
        ],
    }


def agenda_text(campaign: Campaign, pools: list[AgendaPool]) -> str:
    """The agenda as lines of French (or English) text."""
    names = {j.code: j.name for j in campaign.jurors}
    categories = {c.code: c.name for c in campaign.categories}
    scale = campaign.rules.scale
    lines = []
    for pool in pools:
        lines.append(categories.get(pool.category or "", "") or _("Appel"))
        for position, item in enumerate(pool.items, start=1):
            spread = (
                _("écart {s} / {scale}").format(
                    s=format_number(round(item.spread, 2), current_language()), scale=scale
                )
                if item.spread is not None
                else _("moins de deux notes")
            )
            line = f"  {position:>3}. {item.ref} — {item.title} ({spread})"
            if item.leaving:
                who = ", ".join(f"{code} ({names.get(code, code)})" for code in item.leaving)
                line += " — " + _("sortent : {who}").format(who=who)
                if item.quorum is not None and not item.quorum.reached:
                    line += " — " + _("quorum non atteint sans eux ({p} sur {r})").format(
                        p=item.quorum.present, r=item.quorum.required
                    )
            lines.append(line)
    lines.append(_("Sorties de la salle : {n}.").format(n=exits(pools)))
    return "\n".join(lines) + "\n"
