"""Allocation: the money's pools (categories, the call, the reserve), the jury's
"no award", and the reallocation of what a pool leaves unused.
"""

from __future__ import annotations

import functools

from juryapp.core.engine.state import CALL_POOL, RESERVE_POOL, Slot
from juryapp.core.engine.walks import Walks
from juryapp.core.model import (
    Category,
    Mode,
    ReallocationKind,
)
from juryapp.core.results import (
    PoolResult,
    Status,
)
from juryapp.core.texts import (
    Money,
    text,
)


class Allocation(Walks):
    """Pools funded, walked and reallocated."""

    def _has_own_money(self, category: Category) -> bool:
        if self.rules.mode is Mode.PRIZE:
            return bool(category.prizes_cents) or category.envelope_cents is not None
        return category.envelope_cents is not None

    def _allocate(self, slots_by_pool: dict[str | None, list[Slot]]) -> list[PoolResult]:
        rules = self.rules
        pools: list[PoolResult] = []
        order: list[tuple[PoolResult, list[Slot]]] = []
        merged: list[str | None] = []
        for category in self.campaign.categories:
            slots = slots_by_pool.get(category.code, [])
            if not self._has_own_money(category):
                merged.append(category.code)
                pools.append(
                    PoolResult(
                        category.code,
                        category.name,
                        "category",
                        envelope_cents=0,
                        nature=category.nature,
                    )
                )
                continue
            if rules.mode is Mode.PRIZE:
                envelope = (
                    category.envelope_cents
                    if category.envelope_cents is not None
                    else sum(category.prizes_cents)
                )
            else:
                envelope = category.envelope_cents or 0
            pool = PoolResult(
                category.code,
                category.name,
                "category",
                envelope_cents=envelope,
                nature=category.nature,
                prizes_cents=category.prizes_cents,
            )
            pools.append(pool)
            order.append((pool, slots))
        if not self.categories or merged:
            if rules.mode is Mode.PRIZE and rules.envelope_cents is None:
                envelope = sum(rules.prizes_cents)
            else:
                # an explicit call envelope covers every pool: the categories' own
                # envelopes come out of it
                envelope = rules.envelope_cents or 0
                if self.categories:
                    own = sum(p.envelope_cents for p, _ in order)
                    if rules.envelope_cents is not None and own > rules.envelope_cents:
                        self.warnings.append(
                            text(
                                "Les enveloppes des catégories ({o}) dépassent celle de "
                                "l'appel ({e}).",
                                o=Money(own),
                                e=Money(rules.envelope_cents),
                            )
                        )
                    envelope = max(envelope - own, 0)
            if self.categories:
                sharing = [
                    code for code in merged if not self._refuse_category(code, pools, slots_by_pool)
                ]
                if None in slots_by_pool:
                    sharing.append(None)
                slots = self._merged_slots([slots_by_pool.get(code, []) for code in sharing])
            else:
                slots = slots_by_pool.get(None, [])
            call_pool = PoolResult(
                None, rules.name, "call", envelope_cents=envelope, prizes_cents=rules.prizes_cents
            )
            pools.append(call_pool)
            order.append((call_pool, slots))
            if self.categories and not envelope:
                self.warnings.append(
                    text(
                        "Des catégories n'ont ni enveloppe ni prix propres et "
                        "l'appel n'en a pas : leurs dossiers ne reçoivent rien."
                    )
                )

        realloc = rules.reallocation
        multi = len(order) > 1
        target = None
        if realloc.kind is ReallocationKind.CATEGORY:
            target = next((item for item in order if item[0].code == realloc.category), None)
            if target is None or not multi:
                self.warnings.append(
                    text(
                        "Réaffectation vers « {c} » impossible : cette "
                        "catégorie n'a pas d'enveloppe propre.",
                        c=realloc.category or "",
                    )
                )
                target = None
        released_total = 0
        for item in order:
            if item is target:
                continue
            pool, slots = item
            self._allocate_pool(pool, slots, extra_prizes=())
            if target is not None or (realloc.kind is ReallocationKind.RESERVE and multi):
                left = pool.unallocated_cents
                if left > 0:
                    pool.released_cents += left
                    released_total += left
        if target is not None:
            pool, slots = target
            pool.received_cents = released_total
            extra: tuple[int, ...] = ()
            if rules.mode is Mode.PRIZE and released_total:
                extra = (released_total,)
            self._allocate_pool(pool, slots, extra_prizes=extra)
        elif realloc.kind is ReallocationKind.RESERVE and multi:
            reserve = PoolResult(RESERVE_POOL, "Réserve", "reserve", received_cents=released_total)
            pools.append(reserve)
            self._allocate_reserve(reserve)
        return pools

    def _merged_slots(self, slot_lists: list[list[Slot]]) -> list[Slot]:
        """Slots of several categories sharing the call's money, by aggregate.

        Dossiers of different categories are ranked in different pools, so equal
        aggregates across categories are not ex aequo: they come in the order of their
        rank in their own category, then of reference (house rule, stated in the PV).
        Each category's own order, ties and the jury's decisions, is kept.
        """
        leaders = {id(slot): self.results[slot.refs[0]] for slots in slot_lists for slot in slots}
        ordered = [slot for slots in slot_lists for slot in slots]
        ordered.sort(key=lambda slot: (leaders[id(slot)].rank or 0, slot.refs[0]))

        def descending(first: Slot, second: Slot) -> int:
            return self._compare(leaders[id(second)], leaders[id(first)])

        ordered.sort(key=functools.cmp_to_key(descending))  # stable: ties keep the order above
        return ordered

    def _refuse_category(
        self,
        code: str | None,
        pools: list[PoolResult],
        slots_by_pool: dict[str | None, list[Slot]],
    ) -> bool:
        """Apply "not award a category"; True when the jury did not award ``code``."""
        if code is None or code not in self.no_award:
            return False
        decision = self.no_award[code]
        for pool in pools:
            if pool.code == code:
                pool.no_award = True
        for slot in slots_by_pool.get(code, []):
            for ref in slot.refs:
                result = self.results[ref]
                result.status = Status.NOT_RETAINED
                result.reasons.append(text("catégorie non attribuée par le jury"))
                result.explanation.append(
                    text("Le jury n'attribue pas la catégorie : {m}.", m=decision.reason or "—")
                )
        return True

    def _allocate_pool(
        self, pool: PoolResult, slots: list[Slot], extra_prizes: tuple[int, ...]
    ) -> None:
        if self._refuse_category(pool.code, [pool], {pool.code: slots}):
            return
        funder = pool.code if pool.kind == "category" and pool.code else CALL_POOL
        if self.rules.mode is Mode.PRIZE:
            prizes = (pool.prizes_cents or self.rules.prizes_cents) + extra_prizes
            awarded = self._walk_prizes(slots, prizes, funder)
        else:
            awarded = self._walk_envelope(slots, pool.envelope_cents + pool.received_cents, funder)
        pool.awarded_cents = awarded

    def _allocate_reserve(self, reserve: PoolResult) -> None:
        """The reserve funds the best retained unfunded dossiers across categories."""
        candidates = [
            r
            for r in self.results.values()
            if r.status is Status.WAITING and r.amount_cents == 0 and r.ref not in self.amounts
        ]
        if not candidates or not reserve.received_cents:
            return
        slots = [Slot(tuple(sorted(r.ref for r in group))) for group in self._sorted(candidates)]
        for slot in slots:
            for ref in slot.refs:
                self.results[ref].explanation.append(
                    text("Candidat à la réserve (sommes non utilisées des catégories).")
                )

        if self.rules.mode is Mode.PRIZE:
            reserve.awarded_cents = self._walk_prizes(
                slots, (reserve.received_cents,), RESERVE_POOL
            )
        else:
            reserve.awarded_cents = self._walk_envelope(slots, reserve.received_cents, RESERVE_POOL)
