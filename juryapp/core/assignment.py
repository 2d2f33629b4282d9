"""Who scores what (rules §14): the constraints of an assignment, checked and explained.

Each admissible dossier gets exactly K « rapporteurs » among the voting members:
never a member who declared a conflict of interest on it; loads within one of
each other (or at most ``max_load`` each when it is given); and, when the jury
sheet names the members' organisations, members of at least M different
organisations on each dossier. This module is pure: it states the problem
(:class:`Problem`), checks a proposed assignment against it (:func:`violations`),
and says, before any search, which constraint makes an assignment impossible and
what would make one possible (:func:`obstacles`). The search itself is
``juryapp.assignment`` (OR-Tools CP-SAT), outside the engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from juryapp.core.errors import OperationError
from juryapp.i18n import _

__all__ = [
    "AssignmentError",
    "Member",
    "Obstacle",
    "Problem",
    "load_bounds",
    "loads_of",
    "obstacles",
    "violations",
]

NO_ORGANISATION = ""


@dataclass(frozen=True)
class Member:
    """A voting member who can be assigned: code and organisation ("" when not named)."""

    code: str
    organisation: str = NO_ORGANISATION


@dataclass(frozen=True)
class Problem:
    """An assignment to find: members in jury order, admissible dossiers in order."""

    members: tuple[Member, ...]
    refs: tuple[str, ...]
    per_dossier: int
    conflicts: frozenset[tuple[str, str]] = frozenset()  # (juror, ref)
    max_load: int | None = None
    institutions: int = 1  # at least this many organisations per dossier

    @property
    def total(self) -> int:
        """How many places there are: K × dossiers."""
        return self.per_dossier * len(self.refs)

    def organisation(self, code: str) -> str:
        return next((m.organisation for m in self.members if m.code == code), NO_ORGANISATION)

    def eligible(self, ref: str) -> list[str]:
        """The members who may take ``ref`` (no declared conflict), in jury order."""
        return [m.code for m in self.members if (m.code, ref) not in self.conflicts]


@dataclass(frozen=True)
class Obstacle:
    """Why no assignment exists: the constraint (``jurors``, ``conflicts``,
    ``organisations``, ``capacity``, ``balance``), what fails, and what would help."""

    constraint: str
    message: str
    remedy: str
    refs: tuple[str, ...] = ()
    jurors: tuple[str, ...] = ()

    def text(self) -> str:
        return f"{self.message} {self.remedy}"


class AssignmentError(OperationError):
    """No assignment satisfies the constraints: each obstacle says which and why."""

    def __init__(self, found: Sequence[Obstacle]) -> None:
        self.found = list(found)
        super().__init__(self.text())

    def text(self) -> str:
        head = _("Aucune répartition possible :")
        return "\n".join([head, *(f"- {o.text()}" for o in self.found)])


def load_bounds(problem: Problem) -> tuple[int, int]:
    """The least and the most dossiers a member may get: within one of the mean
    (``⌊KD/J⌋`` and ``⌈KD/J⌉``), or 0 and the maximum load when one is given."""
    count = len(problem.members)
    if problem.max_load is not None:
        return 0, problem.max_load
    if count == 0:
        return 0, 0
    return problem.total // count, -(-problem.total // count)


def _short(items: Sequence[str], limit: int = 8) -> str:
    shown = ", ".join(items[:limit])
    return shown + (_(" … ({n} en tout)").format(n=len(items)) if len(items) > limit else "")


def _organisation_label(name: str) -> str:
    return name or _("(sans organisme)")


def obstacles(problem: Problem) -> list[Obstacle]:
    """What makes an assignment impossible, found by counting (empty: none found).

    These are necessary conditions: an empty list does not promise a solution
    (the search says the rest), but each obstacle listed is certain.
    """
    found: list[Obstacle] = []
    k, m = problem.per_dossier, len(problem.members)
    if k < 1:
        found.append(
            Obstacle(
                "per_dossier",
                _("le nombre de rapporteurs par dossier doit être au moins 1 (reçu : {k}).").format(
                    k=k
                ),
                _("Donnez --per-dossier 1 ou plus."),
            )
        )
        return found
    if m < k:
        found.append(
            Obstacle(
                "jurors",
                _(
                    "{k} rapporteurs par dossier, mais le jury ne compte que {m} membre(s) "
                    "votant(s)."
                ).format(k=k, m=m),
                _("Demandez au plus {m} rapporteurs par dossier.").format(m=m),
            )
        )
        return found
    short = [(ref, problem.eligible(ref)) for ref in problem.refs]
    short = [(ref, eligible) for ref, eligible in short if len(eligible) < k]
    if short:
        refs = tuple(ref for ref, _e in short)
        details = "; ".join(
            _("{ref} : {n} ({jurors})").format(
                ref=ref, n=len(eligible), jurors=", ".join(eligible) or _("aucun")
            )
            for ref, eligible in short[:8]
        )
        least = min(len(e) for _r, e in short)
        found.append(
            Obstacle(
                "conflicts",
                _(
                    "conflits d'intérêts : {count} dossier(s) n'ont pas {k} membres votants "
                    "sans conflit — {details}."
                ).format(count=len(short), k=k, details=details),
                _(
                    "Demandez au plus {least} rapporteur(s) par dossier, ou ajoutez au jury "
                    "des membres sans conflit sur {refs}."
                ).format(least=least, refs=_short(list(refs))),
                refs=refs,
            )
        )
    named = {mem.organisation for mem in problem.members}
    if problem.institutions > 1:
        if named == {NO_ORGANISATION}:
            found.append(
                Obstacle(
                    "organisations",
                    _(
                        "{n} organismes par dossier sont demandés, mais la feuille « Jury » "
                        "ne donne l'organisme d'aucun membre."
                    ).format(n=problem.institutions),
                    _("Renseignez la colonne « Organisme » du jury, ou retirez --institutions."),
                )
            )
        elif len(named) < problem.institutions:
            found.append(
                Obstacle(
                    "organisations",
                    _(
                        "{n} organismes par dossier sont demandés, mais les membres votants "
                        "n'en représentent que {count} ({names})."
                    ).format(
                        n=problem.institutions,
                        count=len(named),
                        names=", ".join(sorted(_organisation_label(o) for o in named)),
                    ),
                    _("Demandez au plus {count} organismes par dossier.").format(count=len(named)),
                )
            )
        elif problem.institutions > k:
            found.append(
                Obstacle(
                    "organisations",
                    _(
                        "{n} organismes par dossier sont demandés, mais chaque dossier n'a que "
                        "{k} rapporteurs."
                    ).format(n=problem.institutions, k=k),
                    _("Demandez au plus {k} organismes, ou {n} rapporteurs par dossier.").format(
                        k=k, n=problem.institutions
                    ),
                )
            )
        else:
            poor = []
            for ref in problem.refs:
                organisations = {problem.organisation(code) for code in problem.eligible(ref)}
                if len(organisations) < problem.institutions:
                    poor.append((ref, organisations))
            if poor:
                refs = tuple(ref for ref, _o in poor)
                details = "; ".join(
                    _("{ref} : {names}").format(
                        ref=ref,
                        names=", ".join(sorted(_organisation_label(o) for o in orgs)) or _("aucun"),
                    )
                    for ref, orgs in poor[:8]
                )
                found.append(
                    Obstacle(
                        "organisations",
                        _(
                            "organismes : hors conflits d'intérêts, {count} dossier(s) ne "
                            "peuvent être vus par {n} organismes différents — {details}."
                        ).format(count=len(poor), n=problem.institutions, details=details),
                        _(
                            "Demandez moins d'organismes par dossier (--institutions), ou "
                            "ajoutez au jury des membres d'autres organismes."
                        ),
                        refs=refs,
                    )
                )
    low, high = load_bounds(problem)
    if m * high < problem.total:
        needed = -(-problem.total // m)
        found.append(
            Obstacle(
                "capacity",
                _(
                    "charge : {total} places à pourvoir ({k} × {d} dossiers) mais {m} membres "
                    "× {high} dossiers au plus = {capacity}."
                ).format(
                    total=problem.total,
                    k=k,
                    d=len(problem.refs),
                    m=m,
                    high=high,
                    capacity=m * high,
                ),
                _(
                    "Donnez une charge maximale d'au moins {needed} (--max-load), moins de "
                    "rapporteurs par dossier, ou plus de membres votants ({members} au moins)."
                ).format(needed=needed, members=-(-problem.total // max(high, 1))),
            )
        )
    elif low > 0:
        starved = [
            (mem.code, count)
            for mem in problem.members
            if (count := sum((mem.code, ref) not in problem.conflicts for ref in problem.refs))
            < low
        ]
        if starved:
            details = ", ".join(
                _("{code} : {n}").format(code=code, n=count) for code, count in starved[:8]
            )
            eligible = [
                sum((mem.code, ref) not in problem.conflicts for ref in problem.refs)
                for mem in problem.members
            ]
            enough = next(
                (
                    n
                    for n in range(high, problem.total + 1)
                    if sum(min(n, count) for count in eligible) >= problem.total
                ),
                None,
            )
            remedy = (
                _(
                    "Donnez une charge maximale (--max-load {high} ou plus) : les charges "
                    "pourront alors différer de plus d'un."
                ).format(high=enough)
                if enough is not None
                else _("Demandez moins de rapporteurs par dossier, ou ajoutez des membres.")
            )
            found.append(
                Obstacle(
                    "balance",
                    _(
                        "équilibre des charges : chacun doit recevoir au moins {low} dossiers "
                        "(charges à un près), mais les conflits d'intérêts en laissent moins à "
                        "{details}."
                    ).format(low=low, details=details),
                    remedy,
                    jurors=tuple(code for code, _n in starved),
                )
            )
    return found


def violations(problem: Problem, assignment: Mapping[str, Sequence[str]]) -> list[str]:
    """Every constraint ``assignment`` (dossier → its rapporteurs) breaks, in French
    (empty: it satisfies them all). Used on the solver's answer and on a move by hand."""
    problems: list[str] = []
    codes = {m.code for m in problem.members}
    loads = dict.fromkeys((m.code for m in problem.members), 0)
    for ref in problem.refs:
        jurors = list(assignment.get(ref, ()))
        if len(jurors) != problem.per_dossier or len(set(jurors)) != len(jurors):
            problems.append(
                _("{ref} a {n} rapporteur(s) distinct(s) au lieu de {k}.").format(
                    ref=ref, n=len(set(jurors)), k=problem.per_dossier
                )
            )
        for code in dict.fromkeys(jurors):
            if code not in codes:
                problems.append(
                    _("{code} n'est pas un membre votant : il ne peut pas rapporter {ref}.").format(
                        code=code, ref=ref
                    )
                )
                continue
            loads[code] += 1
            if (code, ref) in problem.conflicts:
                problems.append(
                    _("{code} a déclaré un conflit d'intérêts sur {ref}.").format(
                        code=code, ref=ref
                    )
                )
        if problem.institutions > 1:
            organisations = {problem.organisation(code) for code in jurors if code in codes}
            if len(organisations) < problem.institutions:
                problems.append(
                    _("{ref} n'est vu que par {n} organisme(s) sur {m} demandés.").format(
                        ref=ref, n=len(organisations), m=problem.institutions
                    )
                )
    unknown = sorted(set(assignment) - set(problem.refs))
    if unknown:
        problems.append(
            _("Dossiers attribués qui ne sont pas à répartir : {refs}.").format(
                refs=", ".join(unknown)
            )
        )
    if loads:
        if problem.max_load is not None:
            over = [code for code, load in loads.items() if load > problem.max_load]
            if over:
                problems.append(
                    _("Charge maximale ({n}) dépassée pour {codes}.").format(
                        n=problem.max_load, codes=", ".join(over)
                    )
                )
        elif max(loads.values()) - min(loads.values()) > 1:
            problems.append(
                _("Les charges diffèrent de plus d'un : de {low} à {high} dossiers.").format(
                    low=min(loads.values()), high=max(loads.values())
                )
            )
    return problems


def loads_of(members: Iterable[str], assignment: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """How many dossiers each member rapporte, members in the order given."""
    loads = dict.fromkeys(members, 0)
    for jurors in assignment.values():
        for code in jurors:
            if code in loads:
                loads[code] += 1
    return loads
