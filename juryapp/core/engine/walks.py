"""Walks: a pool's slots walked in rank order, handing out prizes place by place
or the envelope until it runs out (cut-off ties, floors, partial funding).
"""

from __future__ import annotations

from collections.abc import Sequence

from juryapp.core.engine.amounts import Amounts, entitlement
from juryapp.core.engine.state import Slot
from juryapp.core.model import (
    AfterMiss,
    CutoffTie,
)
from juryapp.core.money import split_equal, split_equal_capped, split_pro_rata
from juryapp.core.results import (
    Pending,
)
from juryapp.core.texts import (
    Money,
    text,
)


class Walks(Amounts):
    """The prize walk and the envelope walk."""

    def _walk_prizes(self, slots: list[Slot], prizes: tuple[int, ...], funder: str) -> int:
        place = 0
        natural: dict[str, int] = {}
        for slot in slots:
            count = len(slot.refs)
            total = sum(prizes[place : place + count])
            shares = split_equal(total, count)
            capped = self._prize_caps(slot.refs, shares)
            for ref, share in zip(slot.refs, shares, strict=True):
                natural[ref] = capped.get(ref, share)
                result = self.results[ref]
                result.entitlement_cents = None
                result.prize_cents = share if ref in capped else None
                if count > 1 and total:
                    places = f"{place + 1} à {place + count}"
                    result.reasons.append(text("ex aequo : prix des places {p} partagé", p=places))
                    result.explanation.append(
                        text(
                            "Les {n} ex aequo occupent les places {p} et partagent {t} : {a} "
                            "chacun (plus fort reste au centime).",
                            n=count,
                            p=places,
                            t=Money(total),
                            a=Money(share),
                        )
                    )
                elif share:
                    result.explanation.append(
                        text("Prix de la place {p} : {a}.", p=place + 1, a=Money(share))
                    )
                else:
                    result.explanation.append(
                        text("Place {p} : au-delà des prix, liste complémentaire.", p=place + 1)
                    )
                if ref in capped:
                    result.explanation.append(
                        text(
                            "Prix plafonné au montant demandé : {a} au lieu de {p} ; la "
                            "différence ({d}) n'est pas attribuée à ce dossier.",
                            a=Money(capped[ref]),
                            p=Money(share),
                            d=Money(share - capped[ref]),
                        )
                    )
                    result.reasons.append(text("prix plafonné au montant demandé"))
            place += count
        room = sum(prizes) - sum(natural.values())
        self._jury_amounts(tuple(natural), natural, room)
        return self._settle_amounts(natural, funder)

    def _prize_caps(self, refs: Sequence[str], shares: Sequence[int]) -> dict[str, int]:
        """Prize mode with ``prize_capped``: each share above its dossier's requested amount,
        brought down to it (ex aequo each keep at most their own share). What is not awarded
        follows the reallocation rule."""
        if not self.rules.prize_capped:
            return {}
        capped: dict[str, int] = {}
        for ref, share in zip(refs, shares, strict=True):
            requested = self.results[ref].dossier.requested_cents
            if requested is not None and requested < share:
                capped[ref] = requested
        return capped

    def _walk_envelope(self, slots: list[Slot], envelope: int, funder: str) -> int:
        rules = self.rules
        params_of = self._params_of
        left = envelope
        stopped = False
        natural: dict[str, int] = {}
        for slot in slots:
            entitlements: list[int | None] = []
            params = params_of(slot.refs[0])
            for ref in slot.refs:
                result = self.results[ref]
                dossier = result.dossier
                value, why = entitlement(
                    dossier.requested_cents,
                    dossier.eligible_expenses_cents,
                    dossier.total_budget_cents,
                    params_of(ref),
                    rules.rate_base,
                )
                result.entitlement_cents = value
                result.explanation.extend(why)
                entitlements.append(value)
            if stopped:
                for ref in slot.refs:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Liste complémentaire : l'attribution s'est arrêtée "
                            "au premier dossier qui ne tenait pas (suite : arrêt)."
                        ),
                    )
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            if len(slot.refs) == 1:
                ref = slot.refs[0]
                value = entitlements[0]
                if value is None or value == 0 or value < params.floor_cents:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Droit inférieur au plancher de {f} : rien n'est attribué.",
                            f=Money(params.floor_cents),
                        )
                        if value
                        else text("Droit nul ou inconnu : rien n'est attribué."),
                    )
                    left = self._jury_amounts(slot.refs, natural, left)
                    continue
                if value <= left:
                    natural[ref] = value
                    left -= value
                    self.results[ref].explanation.append(
                        text(
                            "Reçoit son droit, {a} ; reste {l} dans l'enveloppe.",
                            a=Money(value),
                            l=Money(left),
                        )
                    )
                elif rules.partial_funding and left > 0 and left >= params.floor_cents:
                    natural[ref] = left
                    self.results[ref].reasons.append(text("financement partiel"))
                    self.results[ref].explanation.append(
                        text(
                            "Financement partiel : reçoit le reste de l'enveloppe, {a}.",
                            a=Money(left),
                        )
                    )
                    left = 0
                else:
                    natural[ref] = 0
                    self._miss(
                        ref,
                        text(
                            "Liste complémentaire : son droit de {a} dépasse le "
                            "reste de l'enveloppe ({l}).",
                            a=Money(value),
                            l=Money(left),
                        ),
                    )
                    if rules.after_miss is AfterMiss.STOP:
                        stopped = True
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            # a tie group
            floors = [params_of(ref).floor_cents for ref in slot.refs]
            known = [
                value if value and value >= floor else 0
                for value, floor in zip(entitlements, floors, strict=True)
            ]
            if sum(known) <= left:
                for ref, value in zip(slot.refs, known, strict=True):
                    natural[ref] = value
                    left -= value
                    if value:
                        self.results[ref].explanation.append(
                            text("Reçoit son droit, {a}.", a=Money(value))
                        )
                left = self._jury_amounts(slot.refs, natural, left)
                continue
            decided = all(ref in self.amounts for ref in slot.refs)
            if decided:  # the jury set every amount of the group: they take what is left
                for ref in slot.refs:
                    natural[ref] = 0
                left = self._jury_amounts(slot.refs, natural, left)
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            if rules.cutoff_tie is CutoffTie.DECISION:
                for ref in slot.refs:
                    natural[ref] = 0
                    self.results[ref].explanation.append(
                        text("Égalité au seuil de l'enveloppe : en attente d'une décision du jury.")
                    )
                self.pending.append(
                    Pending(
                        "tie",
                        text(
                            "Égalité au seuil de l'enveloppe entre {refs} ({l} restants) : en "
                            "attente d'une décision du jury.",
                            refs=list(slot.refs),
                            l=Money(left),
                        ),
                        slot.refs,
                    )
                )
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            shares = self._share_cutoff(left, known, floors)
            if not any(shares) and left >= min(floors) and any(known):
                # no share of what is left reaches the floor: the jury must decide
                for ref in slot.refs:
                    natural[ref] = 0
                self.pending.append(
                    Pending(
                        "tie",
                        text(
                            "Égalité au seuil de l'enveloppe entre {refs} : le reste ({l}) ne "
                            "peut être partagé sans descendre sous le plancher ; décision du "
                            "jury nécessaire.",
                            refs=list(slot.refs),
                            l=Money(left),
                        ),
                        slot.refs,
                    )
                )
                stopped = stopped or rules.after_miss is AfterMiss.STOP
                continue
            rule_name = (
                text("au prorata des droits")
                if rules.cutoff_tie is CutoffTie.PRORATA
                else text("à parts égales")
            )
            for ref, share in zip(slot.refs, shares, strict=True):
                natural[ref] = share
                result = self.results[ref]
                result.reasons.append(
                    text("ex aequo au seuil : reste partagé {how}", how=rule_name)
                )
                result.explanation.append(
                    text(
                        "Ex aequo au seuil de l'enveloppe : les {l} restants sont partagés {how} "
                        "(plus fort reste au centime) : {a}.",
                        l=Money(left),
                        how=rule_name,
                        a=Money(share),
                    )
                )
            left -= sum(shares)
            left = self._jury_amounts(slot.refs, natural, left)
            if rules.after_miss is AfterMiss.STOP:
                stopped = True
        return self._settle_amounts(natural, funder)

    def _share_cutoff(self, left: int, entitlements: list[int], floors: list[int]) -> list[int]:
        """What is left, shared by the cut-off rule; a share under the floor is dropped and
        the others share again."""
        active = [i for i, value in enumerate(entitlements) if value > 0]
        while active:
            caps = [entitlements[i] for i in active]
            if self.rules.cutoff_tie is CutoffTie.EQUAL:
                shares = split_equal_capped(left, caps)
            else:
                shares = [min(s, c) for s, c in zip(split_pro_rata(left, caps), caps, strict=True)]
            too_small = [
                i
                for i, share in zip(active, shares, strict=True)
                if share < floors[i] or share == 0
            ]
            if not too_small:
                result = [0] * len(entitlements)
                for i, share in zip(active, shares, strict=True):
                    result[i] = share
                return result
            active = [i for i in active if i not in too_small]
        return [0] * len(entitlements)
