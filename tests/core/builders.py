"""Small builders for engine tests: a campaign from a few lines."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction

from juryapp.core.model import (
    CallRules,
    Campaign,
    Category,
    Criterion,
    Decision,
    Dossier,
    Juror,
    Recusal,
    Score,
)

ONE_CRITERION = (Criterion("Q", "Qualité", 1, 20),)


def rules(**settings: object) -> CallRules:
    return replace(CallRules(name="Appel test"), **settings)  # type: ignore[arg-type]


def campaign_from_notes(
    notes: Mapping[str, Sequence[int | Fraction | None]],
    *,
    call: CallRules | None = None,
    criteria: Sequence[Criterion] = ONE_CRITERION,
    dossiers: Iterable[Dossier] | None = None,
    categories: Sequence[Category] = (),
    jurors: Sequence[Juror] = (),
    recusals: Sequence[Recusal] = (),
    decisions: Sequence[Decision] = (),
) -> Campaign:
    """Each dossier's list gives one juror's score per position on the single criterion Q
    (J1, J2…); None leaves that juror without a score for the dossier."""
    scores = [
        Score(f"J{index + 1}", ref, {"Q": value})
        for ref, values in notes.items()
        for index, value in enumerate(values)
        if value is not None
    ]
    if dossiers is None:
        dossiers = [Dossier(ref, f"Projet {ref}") for ref in notes]
    return Campaign(
        rules=call or rules(),
        criteria=tuple(criteria),
        dossiers=tuple(dossiers),
        jurors=tuple(jurors),
        categories=tuple(categories),
        scores=tuple(scores),
        recusals=tuple(recusals),
        decisions=tuple(decisions),
    )
