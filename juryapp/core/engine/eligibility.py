"""Eligibility: the dossiers' results created (inadmissible ones set apart,
recusals noted), withdrawals applied, then the thresholds that retain or not.
"""

from __future__ import annotations

from fractions import Fraction

from juryapp.core.engine.state import EngineState
from juryapp.core.registry import FlagState, flag_dossiers
from juryapp.core.results import (
    DossierResult,
    Pending,
    Status,
)
from juryapp.core.texts import (
    Note,
    text,
)


class Eligibility(EngineState):
    """Which dossiers take part in the ranking, and why the others do not."""

    def _create_results(self) -> None:
        codes = self.grid.codes
        for dossier in sorted(self.campaign.dossiers, key=lambda d: d.ref):
            pool = dossier.category if self.categories else None
            if self.categories and pool is None:
                self.warnings.append(
                    text(
                        "Dossier {r} sans catégorie : il est classé à part et financé sur "
                        "l'enveloppe de l'appel.",
                        r=dossier.ref,
                    )
                )
            if pool is not None and pool not in self.categories:
                self.warnings.append(
                    text("Dossier {r} : catégorie inconnue « {c} ».", r=dossier.ref, c=pool)
                )
            result = DossierResult(
                dossier=dossier,
                pool=pool,
                note_denominator=self.grid.note_denominator,
                value_denominator=self.grid.value_denominator,
                criterion_codes=codes,
            )
            self.results[dossier.ref] = result
            if not dossier.admissible:
                result.status = Status.INELIGIBLE
                result.explanation.append(
                    text("Dossier non recevable : {m}.", m=dossier.inadmissible_reason or "—")
                )
                result.reasons.append(
                    text("non recevable : {m}", m=dossier.inadmissible_reason or "—")
                )
        for recusal in self.campaign.recusals:
            recused_result = self.results.get(recusal.ref)
            if recused_result is not None:
                result = recused_result
                result.recused = (*result.recused, recusal.juror)
                result.explanation.append(
                    text(
                        "{j} s'est déporté(e) ({m}) et n'a pris part ni aux débats ni au vote.",
                        j=recusal.juror,
                        m=recusal.reason or "conflit d'intérêts",
                    )
                )

    def _registry_pending(self) -> None:
        """Supported only once (rules §13): a possible match with the registry of past
        laureates waits for a person to confirm or dismiss it, and blocks closing."""
        campaign = self.campaign
        if not self.rules.supported_once or not campaign.past_laureates:
            return
        flags = flag_dossiers(campaign.dossiers, campaign.past_laureates, campaign.registry_rulings)
        to_check = sorted(ref for ref, flag in flags.items() if flag.state is FlagState.TO_CHECK)
        if to_check:
            self.pending.append(
                Pending(
                    "registry",
                    text(
                        "Correspondances possibles avec le registre des lauréats passés, à "
                        "confirmer ou écarter : {refs}.",
                        refs=to_check,
                    ),
                    tuple(to_check),
                )
            )

    def _apply_thresholds(self) -> None:
        threshold = self.rules.threshold
        criteria = [c for c in self.campaign.criteria if c.threshold is not None]
        unscored: list[str] = []
        for ref, withdrawal in self.withdrawn.items():
            result = self.results.get(ref)
            if result is None:
                self.warnings.append(text("Retrait ignoré : dossier inconnu « {r} ».", r=ref))
                continue
            if result.status is not Status.INELIGIBLE:
                result.status = Status.WITHDRAWN
                result.reasons.append(text("retiré : {m}", m=withdrawal.reason or "—"))
                result.explanation.append(
                    text("Retiré par décision du jury : {m}.", m=withdrawal.reason or "—")
                )
        for result in self.results.values():
            if result.status in (Status.INELIGIBLE, Status.WITHDRAWN):
                continue
            if result.aggregate is None:
                result.status = Status.UNSCORED
                result.explanation.append(text("Aucune note complète : dossier non classé."))
                unscored.append(result.ref)
                continue
            failed: list[str] = []
            if threshold is not None and result.aggregate < threshold:
                failed.append("")
                result.reasons.append(
                    text(
                        "note {v} sous le seuil de {t}",
                        v=Note(result.aggregate),
                        t=Fraction(threshold),
                    )
                )
            means = result.criterion_means if criteria else {}
            for criterion in criteria:
                assert criterion.threshold is not None
                if means[criterion.code] < criterion.threshold:
                    failed.append(criterion.code)
                    result.reasons.append(
                        text(
                            "moyenne {m} en {c} sous le seuil de {t}",
                            m=Note(means[criterion.code]),
                            c=criterion.code,
                            t=Fraction(criterion.threshold),
                        )
                    )
            result.failed_thresholds = tuple(failed)
            if failed:
                result.status = Status.NOT_RETAINED
                result.explanation.append(
                    text("Non retenu : {why}.", why=[r for r in result.reasons[-len(failed) :]])
                )
            else:
                result.status = Status.WAITING  # retained; the allocation decides
                if threshold is not None or criteria:
                    result.explanation.append(text("Seuils atteints : dossier retenu."))
        self._registry_pending()
        if unscored:
            self.pending.append(
                Pending(
                    "unscored",
                    text(
                        "Dossiers recevables sans aucune note complète : {refs}.",
                        refs=sorted(unscored),
                    ),
                    tuple(sorted(unscored)),
                )
            )
