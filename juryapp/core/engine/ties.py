"""Ties: a tie group run through the jury's decisions and the call's tie-break
chain (rules from ``juryapp.core.tiebreaks``), with the sentences explaining it.
"""

from __future__ import annotations

from juryapp.core import tiebreaks
from juryapp.core.engine.state import EngineState
from juryapp.core.model import (
    DrawLots,
    OrderTie,
    TieBreakKind,
    TieBreakStep,
)
from juryapp.core.results import (
    Pending,
    TieGroup,
    TieState,
    TieStep,
)
from juryapp.core.texts import (
    Text,
    text,
)


class Ties(EngineState):
    """Tie groups resolved by decisions and the tie-break chain."""

    def _resolve_tie(self, pool: str | None, rank: int, refs: list[str]) -> TieGroup:
        """Run a tie group through the jury's decisions and the tie-break chain."""
        tie = TieGroup(len(self.ties) + 1, pool, rank, (), TieState.SHARED)
        self.ties.append(tie)
        parts: list[tuple[str, ...]] = [tuple(sorted(refs))]
        pending: set[tuple[str, ...]] = set()
        chain: list[TieBreakStep | None] = [*self.rules.tie_break, None]
        for step in chain:
            new_parts: list[tuple[str, ...]] = []
            for part in parts:
                if len(part) == 1 or part in pending:
                    new_parts.append(part)
                    continue
                if step is None or tiebreaks.rule_of(step).waits_for_jury:
                    decided = self._decided_order(part, tie)
                    if decided is not None:
                        new_parts.extend((ref,) for ref in decided)
                        continue
                if step is None:
                    new_parts.append(part)
                    continue
                split = self._apply_step(step, part, tie)
                if split is None:
                    pending.add(part)
                    new_parts.append(part)
                else:
                    new_parts.extend(split)
            parts = new_parts
        tie.parts = tuple(parts)
        tie.refs = tuple(ref for part in parts for ref in part)
        tie.pending_parts = tuple(p for p in parts if p in pending)
        if tie.pending_parts:
            tie.state = TieState.PENDING
        elif all(len(part) == 1 for part in parts):
            tie.state = TieState.BROKEN
        else:
            tie.state = TieState.SHARED
        for part in tie.pending_parts:
            waiting_for = next(
                (s for s in self.rules.tie_break if tiebreaks.rule_of(s).waits_for_jury),
                None,
            )
            what = (
                text("un tirage au sort")
                if waiting_for and waiting_for.kind is TieBreakKind.DRAW
                else text("un vote du jury")
            )
            self.pending.append(
                Pending(
                    "tie",
                    text(
                        "Égalité au rang {k} dans {p} entre {refs} : en attente d'{what}.",
                        k=rank + tie.refs.index(part[0]),  # a later part: a later rank
                        p=self._pool_name(pool),
                        refs=list(part),
                        what=what,
                    ),
                    part,
                )
            )
        self._explain_tie(tie)
        return tie

    def _decided_order(self, part: tuple[str, ...], tie: TieGroup) -> tuple[str, ...] | None:
        """The order the jury decided for ``part``: the latest vote or draw that covered
        all its members (a withdrawal since then does not undo it)."""
        members = set(part)
        decision = next((d for d in reversed(self.orders) if members <= set(d.refs)), None)
        if decision is None:
            return None
        self.used_orders.add(id(decision))
        if isinstance(decision, DrawLots):
            order = tuple(
                r for r in tiebreaks.draw_order(decision.refs, decision.seed) if r in members
            )
            tie.steps.append(
                TieStep(
                    "tirage au sort",
                    text(
                        "Tirage au sort (graine {s}) entre {refs} : {o}.",
                        s=decision.seed,
                        refs=list(part),
                        o=list(order),
                    ),
                    tuple((ref,) for ref in order),
                    decision.seed,
                )
            )
            self._note_departure(decision, tie)
            return order
        order = tuple(r for r in decision.refs if r in members)
        if decision.votes is not None:
            votes = decision.votes
            description = text(
                "Vote du jury ({f} pour, {c} contre, {a} abstention(s)) : ordre {o}. {m}",
                f=votes.for_,
                c=votes.against,
                a=votes.abstain,
                o=list(order),
                m=decision.reason,
            )
        else:
            description = text(
                "Décision du jury : ordre {o}. {m}", o=list(order), m=decision.reason
            )
        tie.steps.append(
            TieStep(
                "vote" if decision.votes else "décision",
                description,
                tuple((ref,) for ref in order),
            )
        )
        self._note_departure(decision, tie)
        return order

    def _note_departure(self, decision: OrderTie | DrawLots, tie: TieGroup) -> None:
        """A draw, or an order decided by the jury, that the declared chain does not provide
        for: the tie's steps say that the jury departed from the chain, and why."""
        kind = TieBreakKind.DRAW if isinstance(decision, DrawLots) else TieBreakKind.VOTE
        if any(step.kind is kind for step in self.rules.tie_break):
            return
        declared: list[Text] = [
            tiebreaks.rule_of(step).named(step) for step in self.rules.tie_break
        ]
        tie.steps.append(
            TieStep(
                "hors chaîne",
                text(
                    "Le jury s'est écarté du départage déclaré par l'appel ({c}) : {w}. "
                    "Motif : {m}",
                    c=declared or [text("aucun, les ex aequo partagent le rang")],
                    w=text("tirage au sort")
                    if kind is TieBreakKind.DRAW
                    else text("ordre décidé par le jury"),
                    m=decision.reason or "—",
                ),
                tie.steps[-1].order,
            )
        )

    def _apply_step(
        self, step: TieBreakStep, part: tuple[str, ...], tie: TieGroup
    ) -> list[tuple[str, ...]] | None:
        """The part split by one chain step; None when the step waits for the jury."""
        apply = tiebreaks.rule_of(step).apply
        if apply is None:
            return None  # vote and draw wait for a recorded decision
        outcome = apply(step, [self.results[ref] for ref in part], self.tie_context)
        if outcome.description is not None:
            tie.steps.append(TieStep(step.keyword(), outcome.description, tuple(outcome.split)))
        return outcome.split

    def _explain_tie(self, tie: TieGroup) -> None:
        for ref in tie.refs:
            result = self.results[ref]
            others = [r for r in tie.refs if r != ref]
            result.explanation.append(text("Ex aequo au rang {k} avec {o}.", k=tie.rank, o=others))
            for step in tie.steps:
                result.explanation.append(step.description)
            if tie.state is TieState.SHARED:
                result.explanation.append(
                    text("L'égalité n'est pas départagée : le rang est partagé.")
                )
