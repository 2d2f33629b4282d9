"""Closing: what the run leaves to say once the money is allocated: decisions
without effect, the quorum, the last sentence of each explanation, the order
of the results and the call's envelope.
"""

from __future__ import annotations

from juryapp.core.engine.state import EngineState
from juryapp.core.model import (
    Mode,
)
from juryapp.core.quorum import QuorumState, quorum
from juryapp.core.results import (
    DossierResult,
    Pending,
    PoolResult,
    Status,
)
from juryapp.core.texts import (
    Money,
    text,
)

_STATUS_ORDER = {
    Status.LAUREATE: 0,
    Status.WAITING: 1,
    Status.NOT_RETAINED: 2,
    Status.UNSCORED: 3,
    Status.WITHDRAWN: 4,
    Status.INELIGIBLE: 5,
}


class Closing(EngineState):
    """Quorum, unused decisions and the results in their final order."""

    def _warn_unused_decisions(self) -> None:
        for decision in self.orders:
            if id(decision) not in self.used_orders:
                self.warnings.append(
                    text(
                        "Décision sur {refs} sans effet : ces dossiers ne sont plus ex aequo.",
                        refs=list(decision.refs),
                    )
                )
        for ref in sorted(set(self.amounts) - self.used_amounts):
            self.warnings.append(
                text("Montant fixé pour {r} sans effet : le dossier n'est pas retenu.", r=ref)
            )

    def _quorum(self) -> QuorumState:
        jurors = self.campaign.jurors
        if not any(j.votes for j in jurors):
            return QuorumState(0, 0, 0, True)
        overall = quorum(jurors, self.rules.quorum)
        if not overall.reached:
            self.pending.append(
                Pending(
                    "quorum",
                    text(
                        "Quorum non atteint : {p} membre(s) comptés sur {r} requis.",
                        p=overall.present,
                        r=overall.required,
                    ),
                )
            )
        for result in self.results.values():
            if result.status in (Status.INELIGIBLE, Status.WITHDRAWN):
                continue
            state = quorum(jurors, self.rules.quorum, result.recused) if result.recused else overall
            result.quorum = state
            if result.recused and overall.reached and not state.reached:
                self.pending.append(
                    Pending(
                        "quorum",
                        text(
                            "{r} : quorum non atteint après déport(s) ({p} sur {q} requis).",
                            r=result.ref,
                            p=state.present,
                            q=state.required,
                        ),
                        (result.ref,),
                    )
                )
        return overall

    def _finish_explanations(self) -> None:
        for result in self.results.values():
            if result.status is Status.LAUREATE:
                result.explanation.append(
                    text("Proposé lauréat : {a}.", a=Money(result.amount_cents))
                )
            elif result.status is Status.WAITING:
                result.explanation.append(text("Retenu, non financé : liste complémentaire."))

    def _ordered_results(self) -> list[DossierResult]:
        pool_order: dict[str | None, int] = {None: -1}
        pool_order.update({c.code: i for i, c in enumerate(self.campaign.categories)})

        def key(result: DossierResult) -> tuple[int, int, int, str]:
            return (
                pool_order.get(result.pool, len(pool_order)),
                _STATUS_ORDER[result.status],
                result.rank if result.rank is not None else 0,
                result.ref,
            )

        return sorted(self.results.values(), key=key)

    def _call_envelope(self, pools: list[PoolResult]) -> int:
        rules = self.rules
        own = sum(p.envelope_cents for p in pools if p.kind in ("category", "call"))
        if rules.mode is Mode.PRIZE and rules.envelope_cents is None:
            return own
        if rules.envelope_cents is not None and self.categories:
            return max(rules.envelope_cents, own)
        return own
