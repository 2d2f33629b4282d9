"""Amounts: what a dossier is entitled to (``min(requested, cap, rate × base)``),
the jury's own amounts put in place, and the amounts of a walk recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

from juryapp.core.engine.ranking import Ranking
from juryapp.core.engine.state import PoolParams
from juryapp.core.model import (
    Mode,
    RateBase,
)
from juryapp.core.results import (
    DossierResult,
    Pending,
    Status,
)
from juryapp.core.texts import (
    Money,
    Percent,
    Text,
    text,
)


def entitlement(
    requested: int | None,
    eligible: int | None,
    total_budget: int | None,
    params: PoolParams,
    rate_base: RateBase,
) -> tuple[int | None, list[Text]]:
    """``min(requested, cap, ⌊rate × base⌋)`` with the sentence explaining it."""
    terms: list[tuple[int, Text]] = []
    if requested is not None:
        terms.append((requested, text("montant demandé {a}", a=Money(requested))))
    if params.cap_cents is not None:
        terms.append((params.cap_cents, text("plafond {a}", a=Money(params.cap_cents))))
    if params.rate is not None:
        if rate_base is RateBase.ELIGIBLE_EXPENSES and eligible is not None:
            base, template = eligible, "{p} % des dépenses éligibles {b} = {a}"
        elif total_budget is not None:
            base, template = total_budget, "{p} % du budget global {b} = {a}"
        elif eligible is not None:
            base, template = eligible, "{p} % des dépenses éligibles {b} = {a}"
        else:
            base, template = None, ""
        if base is not None:
            amount = params.rate.numerator * base // params.rate.denominator
            percent = Percent(params.rate)
            terms.append(
                (
                    amount,
                    text(template, p=percent, b=Money(base), a=Money(amount)),
                )
            )
    if not terms:
        return None, [text("Aucun montant demandé, plafond ni taux : droit inconnu.")]
    value = min(amount for amount, _ in terms)
    return value, [
        text(
            "Droit = le plus petit de : {terms} → {a}.", terms=[t for _, t in terms], a=Money(value)
        )
    ]


class Amounts(Ranking):
    """Entitlements and the jury's amounts."""

    def _miss(self, ref: str, why: Text) -> None:
        self.results[ref].explanation.append(why)

    def _jury_amounts(self, refs: Sequence[str], natural: dict[str, int], left: int) -> int:
        """Put the jury's amounts in place of the natural ones; return what is left.

        A lower amount leaves the difference unused (it follows the reallocation rule);
        a higher one takes from what is left at that point of the walk. An amount that
        breaks the entitlement, the floor or the envelope is flagged and not applied.
        """
        for ref in refs:
            decision = self.amounts.get(ref)
            if decision is None:
                continue
            self.used_amounts.add(ref)
            result = self.results[ref]
            params = self._params_of(ref)
            wanted, current = decision.amount_cents, natural[ref]
            ceiling = self._amount_ceiling(result, params)
            problem: Text | None = None
            if wanted < 0:
                problem = text("{r} : un montant ne peut pas être négatif.", r=ref)
            elif ceiling is not None and wanted > ceiling:
                problem = text(
                    "{r} : le montant fixé ({a}) dépasse le droit ({c}).",
                    r=ref,
                    a=Money(wanted),
                    c=Money(ceiling),
                )
            elif 0 < wanted < params.floor_cents:
                problem = text(
                    "{r} : le montant fixé ({a}) est inférieur au plancher ({f}).",
                    r=ref,
                    a=Money(wanted),
                    f=Money(params.floor_cents),
                )
            elif wanted - current > left:
                problem = text(
                    "{r} : le montant fixé ({a}) dépasse l'enveloppe disponible ({l} de plus "
                    "possible).",
                    r=ref,
                    a=Money(wanted),
                    l=Money(max(left, 0)),
                )
            if problem is not None:
                self.pending.append(Pending("amount", problem, (ref,)))
                continue
            left -= max(wanted - current, 0)
            natural[ref] = wanted
            result.reasons.append(text("montant fixé par le jury"))
            result.explanation.append(
                text(
                    "Montant fixé par le jury à {a} : {m}.",
                    a=Money(wanted),
                    m=decision.reason or "—",
                )
            )
        return left

    def _settle_amounts(self, amounts: dict[str, int], funder: str) -> int:
        """Record the amounts of a pool's walk; return what the pool awards."""
        awarded = 0
        for ref, amount in amounts.items():
            result = self.results[ref]
            result.amount_cents = amount
            awarded += amount
            if amount > 0:
                result.status = Status.LAUREATE
                result.funded_by = funder
        return awarded

    def _amount_ceiling(self, result: DossierResult, params: PoolParams) -> int | None:
        if self.rules.mode is Mode.ENVELOPE:
            return result.entitlement_cents
        dossier = result.dossier
        value, _ = entitlement(
            dossier.requested_cents,
            dossier.eligible_expenses_cents,
            dossier.total_budget_cents,
            params,
            self.rules.rate_base,
        )
        if params.cap_cents is not None or params.rate is not None:
            return value
        if self.rules.prize_capped and dossier.requested_cents is not None:
            return dossier.requested_cents  # a prize capped at the amount requested
        return None
