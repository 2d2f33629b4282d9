"""The order of the session (rules §14): what the jury discusses first, and who leaves the room.

Within each pool (a category, or the call), as the president chooses: the dossiers
where the jurors' notes disagree most first (the spread: the highest note minus the
lowest), or category by category in the order of the dossiers, or in rank order.
A member who declared a conflict of interest on a dossier leaves the room while it
is discussed; except in rank order, the dossiers that make the same members leave
are kept together, at the place of the first of them, so that members leave as few
times as possible. For each dossier the agenda says who leaves and whether the
quorum holds without them.
Pure: plain values in (the campaign and its results), plain values out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from juryapp.core.model import Campaign
from juryapp.core.quorum import QuorumState
from juryapp.core.results import DossierResult, Results, Status

__all__ = ["ORDERS", "AgendaItem", "AgendaPool", "exits", "session_agenda"]

# disagreement first (default), category by category in the order of the dossiers, rank order
ORDERS = ("disagreement", "category", "rank")


@dataclass(frozen=True)
class AgendaItem:
    """One dossier on the agenda: its spread of notes (None: fewer than two notes), its
    rank, who leaves the room, and the quorum without them (None: nobody leaves)."""

    ref: str
    title: str
    spread: Fraction | None
    rank: int | None
    leaving: tuple[str, ...]
    quorum: QuorumState | None


@dataclass(frozen=True)
class AgendaPool:
    """A pool's dossiers in the order of discussion."""

    category: str | None
    items: tuple[AgendaItem, ...]


def _spread(result: DossierResult) -> Fraction | None:
    notes = list(result.notes.values())
    if len(notes) < 2:
        return None
    return max(notes) - min(notes)


def _item(result: DossierResult) -> AgendaItem:
    return AgendaItem(
        ref=result.ref,
        title=result.dossier.title,
        spread=_spread(result),
        rank=result.rank,
        leaving=tuple(sorted(result.recused)),
        quorum=result.quorum if result.recused else None,
    )


def _by_disagreement(items: Sequence[AgendaItem]) -> list[AgendaItem]:
    """Most disputed first; the dossiers that make the same members leave kept together,
    at the place of the most disputed of them."""
    return _grouped(
        sorted(
            items,
            key=lambda i: (i.spread is None, -(i.spread or 0), i.rank is None, i.rank or 0),
        )
    )


def _grouped(ranked: Sequence[AgendaItem]) -> list[AgendaItem]:
    """``ranked`` with the dossiers that make the same members leave kept together, at
    the place of the first of them."""
    groups: dict[tuple[str, ...], list[AgendaItem]] = {}
    for item in ranked:
        groups.setdefault(item.leaving, []).append(item)
    ordered: list[AgendaItem] = []
    placed: set[tuple[str, ...]] = set()
    for item in ranked:
        if not item.leaving:
            ordered.append(item)
        elif item.leaving not in placed:
            placed.add(item.leaving)
            ordered.extend(groups[item.leaving])
    return ordered


def session_agenda(
    campaign: Campaign, results: Results, order: str = "disagreement"
) -> list[AgendaPool]:
    """The order of discussion, pool by pool (categories in their order, then the call);
    ``order`` is one of ``ORDERS``."""
    if order not in ORDERS:
        raise ValueError(f"unknown agenda order {order!r}")
    discussed = [
        r for r in results.dossiers if r.status not in (Status.INELIGIBLE, Status.WITHDRAWN)
    ]
    pools: dict[str | None, list[AgendaItem]] = {}
    for code in [c.code for c in campaign.categories] + [None]:
        pools[code] = []
    for result in discussed:
        pools.setdefault(result.pool, []).append(_item(result))
    place = {d.ref: index for index, d in enumerate(campaign.dossiers)}
    found = []
    for code, items in pools.items():
        if not items:
            continue
        if order == "rank":
            items = sorted(items, key=lambda i: (i.rank is None, i.rank or 0))
        elif order == "category":
            items = _grouped(sorted(items, key=lambda i: place.get(i.ref, len(place))))
        else:
            items = _by_disagreement(items)
        found.append(AgendaPool(code, tuple(items)))
    return found


def exits(pools: Sequence[AgendaPool]) -> int:
    """How many times a member leaves the room over the whole agenda (a member who
    leaves for several dossiers in a row leaves once)."""
    count = 0
    outside: set[str] = set()
    for pool in pools:
        for item in pool.items:
            now = set(item.leaving)
            count += len(now - outside)
            outside = now
    return count
