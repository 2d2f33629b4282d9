"""The checks every write runs before it changes the file, with their French refusals.

Pure checks of the values handed in (an author, an edit time, codes, a grid,
a campaign, a decision, score values against the grid), and the checks that
read the file in the write's transaction (the deliberation is open, the juror,
dossier and recusal a score names). Each refusal is a :class:`StoreError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import TYPE_CHECKING

from juryapp.core.grid import ScoreValueError, check_value, parse_score_value
from juryapp.core.model import (
    Campaign,
    CarryOver,
    Criterion,
    Decision,
    Dossier,
    DrawLots,
    NoAward,
    OrderTie,
    SetAmount,
    Withdraw,
)
from juryapp.i18n import _
from juryapp.store.codec import decode_criterion, number_text
from juryapp.store.errors import DamagedFileError, StoreError, damaged_message
from juryapp.store.sql import select, table

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Connection, RowMapping

__all__ = [
    "CellTargets",
    "ValueChecker",
    "campaign_row",
    "check_codes",
    "check_criteria",
    "check_decision",
    "check_dossiers",
    "check_edited_at",
    "non_voting",
    "recused_message",
    "refuse",
    "require_author",
    "require_open",
    "validate_campaign",
]


def refuse(message: str, **values: object) -> StoreError:
    """A :class:`StoreError` with ``message`` filled with ``values``."""
    return StoreError(message.format(**values))


def require_author(author: str) -> None:
    if not author or not author.strip():
        raise refuse(_("L'auteur de la modification doit être indiqué."))


def check_edited_at(edited_at: str | None) -> None:
    """An edit time handed in must be ISO-8601 with a time zone (None: now)."""
    if edited_at is None:
        return
    try:
        moment = datetime.fromisoformat(edited_at)
    except ValueError as error:
        raise refuse(_("Date de modification illisible : « {at} »."), at=edited_at) from error
    if moment.utcoffset() is None:
        raise refuse(_("Date de modification sans fuseau horaire : « {at} »."), at=edited_at)


def check_codes(kind: str, codes: Sequence[str]) -> None:
    seen: set[str] = set()
    for code in codes:
        if not code or not code.strip():
            raise refuse(_("Un code de {kind} est vide."), kind=kind)
        if code in seen:
            raise refuse(
                _("Le code de {kind} « {code} » apparaît deux fois."), kind=kind, code=code
            )
        seen.add(code)


def check_criteria(criteria: Sequence[Criterion]) -> None:
    if not criteria:
        raise refuse(_("La grille doit compter au moins un critère."))
    check_codes(_("critère"), [c.code for c in criteria])
    for criterion in criteria:
        if Fraction(criterion.weight) <= 0:
            raise refuse(_("Le poids du critère {code} doit être positif."), code=criterion.code)
        if Fraction(criterion.max) <= Fraction(criterion.min):
            raise refuse(
                _("Le critère {code} doit avoir un maximum supérieur à son minimum."),
                code=criterion.code,
            )
        if Fraction(criterion.step) < 0:
            raise refuse(_("Le pas du critère {code} ne peut être négatif."), code=criterion.code)


def check_dossiers(dossiers: Sequence[Dossier], categories: set[str]) -> None:
    check_codes(_("dossier"), [d.ref for d in dossiers])
    for dossier in dossiers:
        if dossier.category is not None and dossier.category not in categories:
            raise refuse(
                _("Le dossier {ref} a une catégorie inconnue : « {category} »."),
                ref=dossier.ref,
                category=dossier.category,
            )


def _decision_targets(decision: Decision) -> tuple[tuple[str, ...], str | None]:
    """The dossier references and the category a decision names."""
    if isinstance(decision, OrderTie | DrawLots):
        return decision.refs, None
    if isinstance(decision, Withdraw | SetAmount | CarryOver):
        return (decision.ref,), None
    if isinstance(decision, NoAward):
        return (), decision.category
    raise TypeError(f"not a decision: {decision!r}")


def check_decision(decision: Decision, refs: set[str], categories: set[str]) -> None:
    targets, category = _decision_targets(decision)
    for ref in targets:
        if ref not in refs:
            raise refuse(_("La décision porte sur un dossier inconnu : {ref}."), ref=ref)
    if category is not None and category not in categories:
        raise refuse(_("La décision porte sur une catégorie inconnue : {code}."), code=category)


def non_voting(juror: str, name: str) -> StoreError:
    return refuse(
        _(
            "{juror} ({name}) n'a pas voix délibérative : seuls les membres votants notent "
            "les dossiers ; aucune note ni commentaire ne peut être enregistré à son nom."
        ),
        juror=juror,
        name=name,
    )


def recused_message(juror: str, ref: str) -> StoreError:
    return refuse(
        _(
            "{juror} s'est déporté(e) sur le dossier {ref} : aucune note ni "
            "commentaire ne peut être enregistré."
        ),
        juror=juror,
        ref=ref,
    )


class ValueChecker:
    """Reads and checks score values against the grid, with a cache (values repeat)."""

    def __init__(self, criteria: Iterable[Criterion]) -> None:
        self.criteria = {c.code: c for c in criteria}
        self._cache: dict[tuple[str, object], str] = {}

    @classmethod
    def read(cls, connection: Connection) -> ValueChecker:
        """A checker for the grid stored in the file."""
        criterion = table("criterion")
        rows = connection.execute(select(criterion).order_by(criterion.c.position)).mappings()
        return cls(decode_criterion({str(k): v for k, v in row.items()}) for row in rows)

    def text(self, juror: str, ref: str, code: str, raw: object) -> str:
        """The value as stored text; ``StoreError`` when unknown, unreadable or off the grid."""
        key = (code, raw if not isinstance(raw, float) else repr(raw))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        criterion = self.criteria.get(code)
        if criterion is None:
            raise refuse(
                _("Note de {juror} sur {ref} : critère inconnu « {code} »."),
                juror=juror,
                ref=ref,
                code=code,
            )
        try:
            number = parse_score_value(raw)
        except ScoreValueError as error:
            raise refuse(
                _("Note de {juror} sur {ref} : {problem}."), juror=juror, ref=ref, problem=error
            ) from error
        problem = check_value(criterion, number)
        if problem is not None:
            raise refuse(
                _("Note de {juror} sur {ref} : {problem}."), juror=juror, ref=ref, problem=problem
            )
        text = number_text(number)
        self._cache[key] = text
        return text


def validate_campaign(campaign: Campaign, bound_juror: str | None) -> None:
    """Refuse an inconsistent campaign before anything is written (French messages)."""
    check_criteria(campaign.criteria)
    check_codes(_("catégorie"), [c.code for c in campaign.categories])
    check_codes(_("juré"), [j.code for j in campaign.jurors])
    categories = {c.code for c in campaign.categories}
    check_dossiers(campaign.dossiers, categories)
    jurors = {j.code for j in campaign.jurors}
    refs = {d.ref for d in campaign.dossiers}
    if bound_juror is not None and bound_juror not in jurors:
        raise refuse(_("Juré inconnu : « {juror} »."), juror=bound_juror)
    recused: set[tuple[str, str]] = set()
    for recusal in campaign.recusals:
        if recusal.juror not in jurors:
            raise refuse(_("Juré inconnu : « {juror} »."), juror=recusal.juror)
        if recusal.ref not in refs:
            raise refuse(_("Dossier inconnu : « {ref} »."), ref=recusal.ref)
        if (recusal.juror, recusal.ref) in recused:
            raise refuse(
                _("Le déport de {juror} sur {ref} apparaît deux fois."),
                juror=recusal.juror,
                ref=recusal.ref,
            )
        recused.add((recusal.juror, recusal.ref))
    checker = ValueChecker(campaign.criteria)
    graded: set[tuple[str, str]] = set()
    silent = {j.code: j.name for j in campaign.jurors if not j.votes}
    for score in campaign.scores:
        key = (score.juror, score.ref)
        if score.juror not in jurors:
            raise refuse(_("Juré inconnu : « {juror} »."), juror=score.juror)
        if score.juror in silent and (score.values or score.comment):
            raise non_voting(score.juror, silent[score.juror])
        if score.ref not in refs:
            raise refuse(_("Dossier inconnu : « {ref} »."), ref=score.ref)
        if key in graded:
            raise refuse(
                _("Les notes de {juror} sur {ref} apparaissent deux fois."),
                juror=score.juror,
                ref=score.ref,
            )
        graded.add(key)
        if key in recused and (score.values or score.comment):
            raise refuse(
                _("{juror} s'est déporté(e) sur le dossier {ref} : ses notes sont refusées."),
                juror=score.juror,
                ref=score.ref,
            )
        for code, value in score.values.items():
            checker.text(score.juror, score.ref, code, value)
    for decision in campaign.decisions:
        check_decision(decision, refs, categories)


# --- checks that read the file, inside the write's transaction -----------------------------


def campaign_row(connection: Connection, path: Path) -> RowMapping:
    """The one row of ``campaign`` (``DamagedFileError`` when there is not exactly one)."""
    rows = connection.execute(select(table("campaign"))).mappings().all()
    if len(rows) != 1:
        raise DamagedFileError(
            damaged_message(
                path, [_("table campaign : {count} ligne(s) au lieu d'une").format(count=len(rows))]
            )
        )
    return rows[0]


def require_open(connection: Connection, path: Path) -> RowMapping:
    """The campaign row, refusing when the deliberation is closed (sealed)."""
    row = campaign_row(connection, path)
    if row["closed"]:
        raise refuse(
            _(
                "La délibération est close (version {version} scellée) : aucune "
                "modification n'est possible. Pour modifier, rouvrir avec une raison ; "
                "le PV changera de version."
            ),
            version=row["pv_version"],
        )
    return row


def sealed_sessions(connection: Connection) -> dict[str, int]:
    """The sealed sessions of a call that runs over a year, with their PV version."""
    calls = table("call_session")
    found = connection.execute(
        select(calls.c.code, calls.c.pv_version).where(calls.c.closed.is_(True))
    )
    return {str(code): int(version) for code, version in found}


def sealed_refs(connection: Connection) -> dict[str, str]:
    """The dossiers presented at a sealed session, with its code (a dossier without a
    session is presented at the first)."""
    sealed = sealed_sessions(connection)
    if not sealed:
        return {}
    calls, dossier = table("call_session"), table("dossier")
    first = connection.execute(select(calls.c.code).order_by(calls.c.position)).scalars().first()
    found = connection.execute(select(dossier.c.ref, dossier.c.session))
    return {
        str(ref): code
        for ref, session in found
        if (code := str(session if session is not None else first)) in sealed
    }


def require_session_open(connection: Connection, session: str | None) -> None:
    """Refuse a change to a sealed session (its PV is sealed)."""
    if session is None:
        return
    sealed = sealed_sessions(connection)
    if session in sealed:
        raise refuse(
            _(
                "Le comité {session} est clos (version {version} de son PV scellée) : aucune "
                "modification n'est possible. Pour modifier, rouvrir ce comité avec une raison."
            ),
            session=session,
            version=sealed[session],
        )


def require_refs_open(connection: Connection, refs: Iterable[str]) -> None:
    """Refuse a change to dossiers presented at a sealed session."""
    sealed = sealed_refs(connection)
    for ref in refs:
        if ref in sealed:
            require_session_open(connection, sealed[ref])


@dataclass(frozen=True)
class CellTargets:
    """Who and what a score or comment may name, read once for many cells: known jurors
    (name, has a vote), the copy's own juror (None: any), known dossiers with
    admissibility, and the recused (juror, dossier) pairs."""

    jurors: dict[str, tuple[str, bool]]
    bound: str | None
    dossiers: dict[str, bool]
    recused: set[tuple[str, str]]

    @classmethod
    def read(
        cls, connection: Connection, *, juror: str | None = None, ref: str | None = None
    ) -> CellTargets:
        """Read them (only ``juror``'s and ``ref``'s when given: one grid's write)."""
        j, d, r = table("juror"), table("dossier"), table("recusal")
        jurors_query = select(j.c.code, j.c.name, j.c.votes)
        dossiers_query = select(d.c.ref, d.c.admissible)
        recused_query = select(r.c.juror, r.c.ref)
        if juror is not None:
            jurors_query = jurors_query.where(j.c.code == juror)
            recused_query = recused_query.where(r.c.juror == juror)
        if ref is not None:
            dossiers_query = dossiers_query.where(d.c.ref == ref)
            recused_query = recused_query.where(r.c.ref == ref)
        jurors = {
            str(code): (str(name), bool(votes))
            for code, name, votes in connection.execute(jurors_query)
        }
        bound = connection.execute(select(table("campaign").c.bound_juror)).scalar()
        dossiers = {
            str(ref): bool(admissible) for ref, admissible in connection.execute(dossiers_query)
        }
        recused = {(str(a), str(b)) for a, b in connection.execute(recused_query)}
        return cls(jurors, None if bound is None else str(bound), dossiers, recused)

    def check_juror(self, juror: str, *, scoring: bool, bound: bool = True) -> None:
        """A known juror, and (with ``bound``) on a juror's copy, that copy's juror only;
        with ``scoring``, a member with a vote (only voting members score)."""
        if juror not in self.jurors:
            raise refuse(_("Juré inconnu : « {juror} »."), juror=juror)
        name, votes = self.jurors[juror]
        if scoring and not votes:
            raise non_voting(juror, name)
        if bound and self.bound is not None and self.bound != juror:
            raise refuse(
                _(
                    "Ce fichier est la copie de {bound} : les notes de {juror} ne peuvent "
                    "pas y être enregistrées."
                ),
                bound=self.bound,
                juror=juror,
            )

    def check_dossier(self, ref: str) -> None:
        if ref not in self.dossiers:
            raise refuse(_("Dossier inconnu : « {ref} »."), ref=ref)

    def check_not_recused(self, juror: str, ref: str) -> None:
        if (juror, ref) in self.recused:
            raise recused_message(juror, ref)

    def check_admissible(self, ref: str) -> None:
        if not self.dossiers.get(ref, True):
            raise refuse(
                _("Le dossier {ref} est déclaré non recevable : il ne se note pas."), ref=ref
            )

    def check(self, juror: str, ref: str) -> None:
        """A cell of a batch (a copy's or a merge's own checks cover the copy's juror):
        a known voting juror, a known dossier, no recusal."""
        self.check_juror(juror, scoring=True, bound=False)
        self.check_dossier(ref)
        self.check_not_recused(juror, ref)
