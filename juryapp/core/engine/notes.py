"""Notes: every juror's grid becomes an exact note (integer arithmetic, see
``GridArithmetic``), then notes are normalised (z-score) and aggregated per dossier.
"""

from __future__ import annotations

import operator
from fractions import Fraction

from juryapp.core import aggregate as agg
from juryapp.core.engine.state import EngineState
from juryapp.core.grid import ScoreValueError, grid_step_message
from juryapp.core.model import (
    Aggregation,
    Number,
)
from juryapp.core.results import (
    Pending,
    Status,
)
from juryapp.core.texts import (
    Note,
    NoteList,
    text,
)


class Notes(EngineState):
    """Exact notes per juror, then one aggregate per dossier."""

    def _compute_notes(self) -> None:
        recused = {(r.juror, r.ref) for r in self.campaign.recusals}
        known = {j.code for j in self.campaign.jurors}
        # only voting members score: a non-voting member's grid (an old file, a hand-made
        # store) never enters the aggregates; it is reported once per member
        silent = {j.code for j in self.campaign.jurors if not j.votes}
        ignored: dict[str, list[str]] = {}
        # who scores what (rules §14): only a dossier's rapporteurs score it, unless the
        # secretariat opened it to all
        rapporteurs = self.campaign.rapporteurs
        outsiders: dict[str, list[str]] = {}
        grid = self.grid
        codes = grid.codes
        denominator = grid.value_denominator
        coefficients = grid.integer_coefficients
        offset = grid.offset
        mul = operator.mul

        def scale(value: Number) -> int:
            """A score times the grid's common denominator, or refused when off the step."""
            value_denominator = value.denominator
            if denominator % value_denominator:
                raise ScoreValueError(grid_step_message(value))
            return int(value.numerator * (denominator // value_denominator))

        rows: dict[str, dict[str, list[int]]] = {}
        scaled: list[int]
        incomplete: dict[str, list[str]] = {}
        for score in self.campaign.scores:
            result = self.results.get(score.ref)
            if result is None:
                self.warnings.append(
                    text(
                        "Note ignorée : dossier inconnu « {r} » ({j}).", r=score.ref, j=score.juror
                    )
                )
                continue
            if result.status is Status.INELIGIBLE or not score.values:
                continue
            if (score.juror, score.ref) in recused:
                self.warnings.append(
                    text("Note ignorée : {j} s'est déporté(e) sur {r}.", j=score.juror, r=score.ref)
                )
                continue
            if known and score.juror not in known:
                self.warnings.append(
                    text("Note ignorée : juré inconnu « {j} » ({r}).", j=score.juror, r=score.ref)
                )
                continue
            if score.juror in silent:
                ignored.setdefault(score.juror, []).append(score.ref)
                continue
            if rapporteurs is not None and not rapporteurs.may_score(score.juror, score.ref):
                outsiders.setdefault(score.juror, []).append(score.ref)
                continue
            get = score.values.__getitem__
            try:
                # ints (most scores) in one comprehension; Fractions through ``scale``
                scaled = [
                    value * denominator if type(value) is int else scale(value)
                    for value in map(get, codes)
                ]
            except KeyError:
                incomplete.setdefault(score.ref, []).append(score.juror)
                continue
            except (ScoreValueError, AttributeError, TypeError) as error:
                self.warnings.append(
                    text(
                        "Note ignorée ({j}, {r}) : {e}.",
                        j=score.juror,
                        r=score.ref,
                        e=str(error) or "note illisible",
                    )
                )
                continue
            result.note_numerators[score.juror] = sum(map(mul, coefficients, scaled)) - offset
            rows.setdefault(score.ref, {})[score.juror] = scaled
        for juror, refs in ignored.items():
            self.warnings.append(
                text(
                    "Notes de {j} ignorées ({r}) : membre sans voix délibérative, seuls les "
                    "membres votants notent.",
                    j=juror,
                    r=sorted(refs),
                )
            )
        for juror, refs in outsiders.items():
            self.warnings.append(
                text(
                    "Notes de {j} ignorées ({r}) : ce juré n'est pas rapporteur de ces dossiers "
                    "(répartition des dossiers).",
                    j=juror,
                    r=sorted(refs),
                )
            )
        if rapporteurs is not None:
            self._check_rapporteurs(rows)
        for ref, scaled_rows in rows.items():
            columns = zip(*scaled_rows.values(), strict=True)
            self.results[ref].criterion_sums = tuple(sum(column) for column in columns)
        for ref, jurors in incomplete.items():
            result = self.results[ref]
            result.incomplete = tuple(sorted(jurors))
            for juror in result.incomplete:
                result.explanation.append(
                    text("La grille de {j} est incomplète : elle ne compte pas.", j=juror)
                )
            self.pending.append(
                Pending(
                    "incomplete",
                    text("{r} : grille incomplète de {j}", r=ref, j=list(result.incomplete)),
                    (ref,),
                )
            )

    def _check_rapporteurs(self, rows: dict[str, dict[str, list[int]]]) -> None:
        """With an assignment, what is left to settle: places a conflict freed, and the
        rapporteurs who have not scored their dossier yet (rules §14)."""
        rapporteurs = self.campaign.rapporteurs
        assert rapporteurs is not None
        short: list[str] = []
        for ref, result in self.results.items():
            if result.status is Status.INELIGIBLE:
                continue
            jurors = rapporteurs.of(ref)
            if jurors is None:  # open to all
                continue
            if len(jurors) < rapporteurs.per_dossier:
                short.append(ref)
            scored = rows.get(ref, {})
            missing = [j for j in jurors if j not in scored and j not in result.incomplete]
            if missing and scored:
                self.pending.append(
                    Pending(
                        "incomplete",
                        text("{r} : pas encore noté par {j} (rapporteur)", r=ref, j=missing),
                        (ref,),
                    )
                )
        if short:
            self.pending.append(
                Pending(
                    "rapporteurs",
                    text(
                        "Places de rapporteur à pourvoir (un conflit déclaré après la "
                        "répartition les a libérées) : {refs}.",
                        refs=sorted(short),
                    ),
                    tuple(sorted(short)),
                )
            )

    def _aggregate(self) -> None:
        if self.normalised:
            all_notes = {
                (juror, result.ref): Fraction(numerator, result.note_denominator)
                for result in self.results.values()
                for juror, numerator in result.note_numerators.items()
            }
            zscores = agg.zscore_notes(all_notes)
            self.raw_jurors = zscores.raw_jurors
            for juror in zscores.raw_jurors:
                self.warnings.append(
                    text(
                        "Normalisation : {j} a moins de 3 notes ou des notes toutes égales ; "
                        "ses notes restent brutes.",
                        j=juror,
                    )
                )
            for (juror, ref), value in zscores.notes.items():
                self.results[ref].normalised_notes[juror] = value
        how = self.rules.aggregation
        scale = self.rules.scale
        few: list[str] = []
        for result in self.results.values():
            if not result.note_numerators or result.status is Status.INELIGIBLE:
                continue
            count = len(result.note_numerators)
            if self.normalised:
                floats = list(result.normalised_notes.values())
                if how is Aggregation.MEAN:
                    result.aggregate = sum(floats) / count
                elif how is Aggregation.MEDIAN:
                    ordered = sorted(floats)
                    middle = count // 2
                    result.aggregate = (
                        ordered[middle]
                        if count % 2
                        else (ordered[middle - 1] + ordered[middle]) / 2
                    )
                else:
                    result.aggregate = agg.lower_median(floats)
                    result.majority_grade = result.aggregate
                described = text("Après normalisation (z-score), ")
            else:
                numerators = list(result.note_numerators.values())
                denominator = result.note_denominator
                if how is Aggregation.MEAN:
                    result.aggregate = Fraction(sum(numerators), count * denominator)
                elif how is Aggregation.MEDIAN:
                    ordered_ints = sorted(numerators)
                    middle = count // 2
                    if count % 2:
                        result.aggregate = Fraction(ordered_ints[middle], denominator)
                    else:
                        result.aggregate = Fraction(
                            ordered_ints[middle - 1] + ordered_ints[middle], 2 * denominator
                        )
                else:
                    result.aggregate = Fraction(agg.lower_median(numerators), denominator)
                    result.majority_grade = result.aggregate
                described = text("Note retenue : ")
            label = {
                Aggregation.MEAN: text("moyenne"),
                Aggregation.MEDIAN: text("médiane"),
                Aggregation.MAJORITY_JUDGMENT: text("mention majoritaire (médiane inférieure)"),
            }[how]
            result.explanation.append(
                text(
                    "Notes des jurés : {notes}.",
                    notes=NoteList(
                        tuple(sorted(result.note_numerators.items())), result.note_denominator
                    ),
                )
            )
            result.explanation.append(
                text(
                    "{pre}{how} des notes complètes ({n}) : {v} / {s}.",
                    pre=described,
                    how=label,
                    n=count,
                    v=Note(result.aggregate),
                    s=scale,
                )
            )
            if count < self.rules.min_scores:
                result.reasons.append(
                    text("seulement {n} juré(s) sur {m} requis", n=count, m=self.rules.min_scores)
                )
                few.append(result.ref)
        if few:
            self.warnings.append(
                text(
                    "Moins de {m} jurés ont noté : {refs}.",
                    m=self.rules.min_scores,
                    refs=sorted(few),
                )
            )
