"""Ranking: each pool's retained dossiers in descending order with competition
ranks, ex aequo by exact equality (or within ``Z_TOLERANCE`` under z-score).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence

from juryapp.core import tiebreaks
from juryapp.core.engine.state import Z_TOLERANCE, Slot
from juryapp.core.engine.ties import Ties
from juryapp.core.model import (
    Aggregation,
)
from juryapp.core.results import (
    DossierResult,
    Status,
)
from juryapp.core.texts import (
    round_half_up,
    text,
)


class Ranking(Ties):
    """Comparisons, ranks and the slots each pool hands to the allocation."""

    # --- ranking and ties ------------------------------------------------------

    def _compare(self, first: DossierResult, second: DossierResult) -> int:
        """1 when ``first`` ranks above ``second``, −1 below, 0 ex aequo."""
        a, b = first.aggregate, second.aggregate
        assert a is not None and b is not None
        if isinstance(a, float) or isinstance(b, float):
            if abs(float(a) - float(b)) > Z_TOLERANCE:
                return 1 if a > b else -1
        elif a != b:
            return 1 if a > b else -1
        if self.rules.aggregation is Aggregation.MAJORITY_JUDGMENT:
            return self._compare_majority(first, second)
        return 0

    def _compare_descending(self, first: DossierResult, second: DossierResult) -> int:
        return self._compare(second, first)

    def _compare_majority(self, first: DossierResult, second: DossierResult) -> int:
        return tiebreaks.compare_majority(first, second, self.normalised)

    def _sorted(self, results: list[DossierResult]) -> list[list[DossierResult]]:
        """Results in descending order, as groups of ex aequo."""
        if self.rules.aggregation is Aggregation.MAJORITY_JUDGMENT:
            ordered = sorted(
                sorted(results, key=lambda r: r.ref),
                key=functools.cmp_to_key(self._compare_descending),
            )
        else:
            ordered = sorted(results, key=lambda r: (-r.aggregate, r.ref))  # type: ignore[operator]
        groups: list[list[DossierResult]] = []
        for result in ordered:
            if groups and self._compare(groups[-1][-1], result) == 0:
                groups[-1].append(result)
            else:
                groups.append([result])
        return groups

    def _rank_pools(self) -> dict[str | None, list[Slot]]:
        pools: dict[str | None, list[DossierResult]] = {}
        for result in self.results.values():
            if result.status in (Status.WAITING, Status.NOT_RETAINED):
                pools.setdefault(result.pool, []).append(result)
        slots_by_pool: dict[str | None, list[Slot]] = {}
        for pool in sorted(pools, key=lambda p: (p is not None, p or "")):
            slots: list[Slot] = []
            position = 0
            ranked: list[DossierResult] = []
            for group in self._sorted(pools[pool]):
                retained = [r for r in group if r.status is Status.WAITING]
                others = tuple(sorted(r.ref for r in group if r.status is not Status.WAITING))
                parts: list[tuple[str, ...]] = []
                pending_parts: set[tuple[str, ...]] = set()
                tie_id = None
                if len(retained) >= 2:
                    tie = self._resolve_tie(pool, position + 1, [r.ref for r in retained])
                    tie_id = tie.id
                    parts = list(tie.parts)
                    pending_parts = set(tie.pending_parts)
                elif retained:
                    parts = [(retained[0].ref,)]
                for part in parts:
                    slots.append(
                        Slot(part, tie_id if len(part) > 1 else None, part in pending_parts)
                    )
                group_rank = position + 1
                for part in parts:
                    for ref in part:
                        result = self.results[ref]
                        result.rank = position + 1
                        result.tie_group = tie_id
                        ranked.append(result)
                    position += len(part)
                for ref in others:  # ex aequo, below a threshold: they share the group's rank
                    result = self.results[ref]
                    result.rank = group_rank
                    ranked.append(result)
                    position += 1
            self._set_decimals(ranked)
            slots_by_pool[pool] = slots
            pool_name = self._pool_name(pool)
            for result in ranked:
                result.explanation.append(
                    text("Rang {k} sur {n} dans {p}.", k=result.rank, n=len(ranked), p=pool_name)
                )
        return slots_by_pool

    def _set_decimals(self, ranked: Sequence[DossierResult]) -> None:
        """Neighbours showing the same rounded note without being tied get more decimals."""
        for first, second in itertools.pairwise(ranked):
            a, b = first.aggregate, second.aggregate
            assert a is not None and b is not None
            if a == b or self._compare(first, second) == 0:
                continue
            decimals = 2
            while decimals < 9 and round_half_up(a, decimals) == round_half_up(b, decimals):
                decimals += 1
            first.decimals = max(first.decimals, decimals)
            second.decimals = max(second.decimals, decimals)
