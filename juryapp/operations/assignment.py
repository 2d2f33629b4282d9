"""Who scores what (rules §14): assigning dossiers to jurors, moving one by hand, opening a
dossier to all, and who could take a place a conflict freed.

The constraints are the engine's (``juryapp.core.assignment``); the search is
``juryapp.assignment`` (OR-Tools); the file keeps the result
(``CampaignFile.assign``), journaled. Used by ``juryapp assign`` and by the
secretariat's « Répartition des dossiers » dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from juryapp.core.assignment import Member, Problem, violations
from juryapp.core.errors import OperationError
from juryapp.core.model import Campaign, Rapporteurs
from juryapp.i18n import _
from juryapp.operations.changes import Changes, Outcome
from juryapp.operations.secretariat import require_open
from juryapp.store import CampaignFile

__all__ = [
    "AssignReport",
    "Candidate",
    "assign",
    "candidates",
    "clear_assignment",
    "free_places",
    "move",
    "move_problems",
    "open_to_all",
    "problem_of",
    "swap",
    "swap_problems",
]


@dataclass(frozen=True)
class AssignReport:
    """An assignment made: its parameters, each dossier's rapporteurs, each member's load,
    and the solver's time (seconds)."""

    seed: int
    per_dossier: int
    max_load: int | None
    institutions: int
    assignments: dict[str, tuple[str, ...]]
    loads: dict[str, int]
    method: str
    solver_seconds: float

    def to_json(self) -> dict[str, object]:
        """``juryapp assign --json`` (spec/cli.md)."""
        return {
            "seed": str(self.seed),
            "per_dossier": self.per_dossier,
            "max_load": self.max_load,
            "institutions": self.institutions,
            "assignments": [
                {"ref": ref, "jurors": list(jurors)} for ref, jurors in self.assignments.items()
            ],
            "loads": self.loads,
            "method": self.method,
        }


@dataclass(frozen=True)
class Candidate:
    """A voting member who could take a place on a dossier: load, organisation, and
    whether they bring an organisation the dossier lacks."""

    code: str
    name: str
    load: int
    organisation: str
    new_organisation: bool


def problem_of(
    campaign: Campaign, per_dossier: int, max_load: int | None = None, institutions: int = 1
) -> Problem:
    """The assignment to find for ``campaign``: its voting members, its admissible
    dossiers, the conflicts of interest declared (recusals)."""
    return Problem(
        members=tuple(Member(j.code, j.organisation.strip()) for j in campaign.jurors if j.votes),
        refs=tuple(d.ref for d in campaign.dossiers if d.admissible),
        per_dossier=per_dossier,
        conflicts=frozenset((r.juror, r.ref) for r in campaign.recusals),
        max_load=max_load,
        institutions=institutions,
    )


def assign(
    campaign_file: CampaignFile,
    per_dossier: int,
    author: str,
    *,
    max_load: int | None = None,
    institutions: int = 1,
    seed: int | None = None,
) -> Outcome[AssignReport]:
    """Give each admissible dossier ``per_dossier`` rapporteurs, record it (journaled).

    Refused (``AssignmentError``, an ``OperationError``) naming the constraint that
    fails and what would make an assignment possible; refused once scores exist.
    """
    require_open(campaign_file)
    if max_load is not None and max_load < 1:
        raise OperationError(_("La charge maximale doit être d'au moins 1 dossier."))
    if institutions < 1:
        raise OperationError(_("Le nombre d'organismes par dossier doit être d'au moins 1."))
    from juryapp.assignment import solve  # OR-Tools (and its pandas) only when assigning

    campaign = campaign_file.load_frame()
    solution = solve(problem_of(campaign, per_dossier, max_load, institutions), seed)
    plan = {
        "per_dossier": per_dossier,
        "max_load": max_load,
        "institutions": institutions,
        "seed": str(solution.seed),
        "method": solution.method,
    }
    campaign_file.assign(plan, solution.assignment, author)
    report = AssignReport(
        seed=solution.seed,
        per_dossier=per_dossier,
        max_load=max_load,
        institutions=institutions,
        assignments=solution.assignment,
        loads=solution.loads,
        method=solution.method,
        solver_seconds=solution.solver_seconds,
    )
    return Outcome(report, Changes(jury=True))


def _mapping(rapporteurs: Rapporteurs) -> dict[str, list[str]]:
    return {ref: list(jurors) for ref, jurors in rapporteurs.by_dossier}


def _require(campaign: Campaign) -> Rapporteurs:
    if campaign.rapporteurs is None:
        raise OperationError(
            _("Cette campagne n'a pas de répartition des dossiers : chaque juré note tout.")
        )
    return campaign.rapporteurs


def move_problems(campaign: Campaign, ref: str, from_juror: str | None, to_juror: str) -> list[str]:
    """The constraints a move would break that the assignment did not break before
    (empty: the move keeps every constraint)."""
    return _moves_problems(campaign, [(ref, from_juror, to_juror)])


def swap_problems(campaign: Campaign, first: tuple[str, str], second: tuple[str, str]) -> list[str]:
    """The constraints swapping ``first`` = (ref, juror) and ``second``'s dossiers would
    break that the assignment did not break before (loads never change; organisations may)."""
    (ref_a, juror_a), (ref_b, juror_b) = first, second
    return _moves_problems(campaign, [(ref_a, juror_a, juror_b), (ref_b, juror_b, juror_a)])


def _moves_problems(campaign: Campaign, moves: Sequence[tuple[str, str | None, str]]) -> list[str]:
    rapporteurs = _require(campaign)
    problem = problem_of(
        campaign, rapporteurs.per_dossier, rapporteurs.max_load, rapporteurs.institutions
    )
    before = _mapping(rapporteurs)
    after = {key: list(value) for key, value in before.items()}
    for ref, from_juror, to_juror in moves:
        jurors = after.setdefault(ref, [])
        if from_juror in jurors:
            jurors.remove(from_juror)
        jurors.append(to_juror)
    known = set(violations(problem, before))
    return [problem for problem in violations(problem, after) if problem not in known]


def move(
    campaign_file: CampaignFile,
    ref: str,
    from_juror: str | None,
    to_juror: str,
    reason: str,
    author: str,
    *,
    force: bool = False,
) -> Outcome[list[str]]:
    """Give ``ref`` to ``to_juror`` in place of ``from_juror`` (None: fill a freed place),
    checked against the assignment's constraints; a move that breaks one (loads, organisations)
    is refused unless ``force``, and then journaled with what it breaks."""
    require_open(campaign_file)
    campaign = campaign_file.load_frame()
    rapporteurs = _require(campaign)
    jurors = {j.code: j for j in campaign.jurors}
    target = jurors.get(to_juror)
    if target is None or not target.votes:
        raise OperationError(
            _("{code} n'est pas un membre votant : il ne peut pas rapporter {ref}.").format(
                code=to_juror, ref=ref
            )
        )
    if any(r.juror == to_juror and r.ref == ref for r in campaign.recusals):
        raise OperationError(
            _("{code} a déclaré un conflit d'intérêts sur {ref}.").format(code=to_juror, ref=ref)
        )
    del rapporteurs
    broken = move_problems(campaign, ref, from_juror, to_juror)
    if broken and not force:
        raise OperationError(
            _("Ce déplacement enfreint la répartition : {problems} Confirmez pour le faire quand "
              "même (il sera noté au journal).").format(problems=" ".join(broken))
        )  # fmt: skip
    campaign_file.move_rapporteur(ref, from_juror, to_juror, reason, author, broken)
    return Outcome(broken, Changes(jury=True))


def swap(
    campaign_file: CampaignFile,
    first: tuple[str, str],
    second: tuple[str, str],
    reason: str,
    author: str,
    *,
    force: bool = False,
) -> Outcome[list[str]]:
    """Swap two dossiers between two rapporteurs: ``first`` = (ref, juror) goes to
    ``second``'s juror and ``second``'s dossier to ``first``'s juror (loads unchanged),
    checked like a move (conflicts, organisations) and journaled; both or neither."""
    require_open(campaign_file)
    campaign = campaign_file.load_frame()
    rapporteurs = _require(campaign)
    (ref_a, juror_a), (ref_b, juror_b) = first, second
    if juror_a == juror_b or ref_a == ref_b:
        raise OperationError(_("Un échange se fait entre deux dossiers de deux rapporteurs."))
    for ref, juror in (first, second):
        if juror not in rapporteurs.assigned(ref):
            raise OperationError(
                _("{juror} ne rapporte pas le dossier {ref}.").format(juror=juror, ref=ref)
            )
    for ref, juror in ((ref_a, juror_b), (ref_b, juror_a)):
        if any(r.juror == juror and r.ref == ref for r in campaign.recusals):
            raise OperationError(
                _("{code} a déclaré un conflit d'intérêts sur {ref}.").format(code=juror, ref=ref)
            )
    broken = swap_problems(campaign, first, second)
    if broken and not force:
        raise OperationError(
            _("Cet échange enfreint la répartition : {problems} Confirmez pour le faire quand "
              "même (il sera noté au journal).").format(problems=" ".join(broken))
        )  # fmt: skip
    campaign_file.swap_rapporteurs(first, second, reason, author, broken)
    return Outcome(broken, Changes(jury=True))


def open_to_all(
    campaign_file: CampaignFile, ref: str, opened: bool, reason: str, author: str
) -> Outcome[bool]:
    """Open a dossier to every voting member (or close it again), journaled."""
    require_open(campaign_file)
    if opened and not reason.strip():
        raise OperationError(
            _("Indiquez pourquoi le dossier {ref} est ouvert à tous.").format(ref=ref)
        )
    changed = campaign_file.open_dossier(ref, opened, reason, author)
    return Outcome(changed, Changes(jury=changed))


def clear_assignment(campaign_file: CampaignFile, reason: str, author: str) -> Outcome[None]:
    """Remove the assignment: every voting member scores every dossier again."""
    require_open(campaign_file)
    campaign_file.clear_assignment(reason, author)
    return Outcome(None, Changes(jury=True))


def candidates(campaign: Campaign, ref: str) -> list[Candidate]:
    """Who could take a place on ``ref``: voting members without a conflict on it and not
    already on it; those who bring an organisation it lacks first, then the least loaded."""
    rapporteurs = _require(campaign)
    on = set(rapporteurs.assigned(ref))
    recused = {r.juror for r in campaign.recusals if r.ref == ref}
    loads = rapporteurs.loads()
    organisations = {j.code: j.organisation.strip() for j in campaign.jurors}
    present = {organisations.get(code, "") for code in on}
    found = [
        Candidate(
            code=j.code,
            name=j.name,
            load=loads.get(j.code, 0),
            organisation=organisations[j.code],
            new_organisation=organisations[j.code] not in present,
        )
        for j in campaign.jurors
        if j.votes and j.code not in on and j.code not in recused
    ]
    rank = {j.code: i for i, j in enumerate(campaign.jurors)}
    found.sort(key=lambda c: (not c.new_organisation, c.load, rank[c.code]))
    return found


def free_places(campaign: Campaign) -> dict[str, int]:
    """The admissible dossiers short of rapporteurs (a conflict declared after the
    assignment freed a place), with how many places are free."""
    rapporteurs = campaign.rapporteurs
    if rapporteurs is None:
        return {}
    held: Mapping[str, Sequence[str]] = dict(rapporteurs.by_dossier)
    return {
        d.ref: rapporteurs.per_dossier - len(held.get(d.ref, ()))
        for d in campaign.dossiers
        if d.admissible
        and d.ref not in rapporteurs.open_refs
        and len(held.get(d.ref, ())) < rapporteurs.per_dossier
    }
