"""The year's summary of a call that runs over a year (rules §12), as XLSX and PDF: every
session (its envelope, what it received by carry-over, could award, awarded, gave back,
carried over or left unconsumed, sealed or not), every award with its session (and the
laureates withdrawn since), the year's ledger per category and in all, the remaining
envelope, and the minimum of projects met or not.

The figures are computed once (:func:`year_summary`) and both documents write them:
amounts are integer cents, written as numbers in the workbook, never formulas.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from juryapp.core.model import Campaign
from juryapp.core.money import format_cents
from juryapp.core.sessions import YearView
from juryapp.documents.wording import Tr, markup
from juryapp.io.xlsx import autosize, style_header_row, write_amount, write_text

__all__ = ["YearSummary", "write_year_pdf", "write_year_xlsx", "year_summary"]

_TITLE = Font(bold=True, size=14)


@dataclass(frozen=True)
class SessionLine:
    number: int
    code: str
    name: str
    date: str
    sealed: bool
    declared_cents: int | None
    carried_in_cents: int
    available_cents: int | None
    awarded_cents: int
    returned_cents: int
    carried_out_cents: int
    not_consumed_cents: int


@dataclass(frozen=True)
class AwardLine:
    session: str
    ref: str
    title: str
    applicant: str
    category: str
    amount_cents: int
    sealed: bool
    withdrawn_later: bool


@dataclass(frozen=True)
class BalanceLine:
    what: str  # the category's code, or "" for the whole year
    name: str
    year_envelope_cents: int | None
    spent_cents: int
    remaining_cents: int | None


@dataclass(frozen=True)
class YearSummary:
    call: str
    authority: str
    year: int | None
    sessions: tuple[SessionLine, ...]
    awards: tuple[AwardLine, ...]
    balance: tuple[BalanceLine, ...]
    not_consumed_cents: int
    funded_projects: int
    minimum_projects: int | None

    @property
    def minimum_met(self) -> bool | None:
        if self.minimum_projects is None:
            return None
        return self.funded_projects >= self.minimum_projects


def year_summary(campaign: Campaign, view: YearView) -> YearSummary:
    """The figures of the year's summary, from the whole year's view."""
    ledger = view.ledger
    accounts = {} if ledger is None else {a.code: a for a in ledger.sessions}
    sessions = []
    awards = []
    for item in view.sessions:
        account = accounts.get(item.session.code)
        sessions.append(
            SessionLine(
                number=item.number,
                code=item.session.code,
                name=item.session.name,
                date=item.session.date,
                sealed=item.session.sealed,
                declared_cents=item.session.envelope_cents,
                carried_in_cents=0 if account is None else account.carried_in_cents,
                available_cents=None if account is None else account.available_cents,
                awarded_cents=item.results.awarded_cents,
                returned_cents=item.returned_cents,
                carried_out_cents=0 if account is None else account.carried_out_cents,
                not_consumed_cents=0 if account is None else account.not_consumed_cents,
            )
        )
        for result in item.results.dossiers:
            if result.amount_cents > 0:
                awards.append(
                    AwardLine(
                        session=item.session.code,
                        ref=result.ref,
                        title=result.dossier.title,
                        applicant=result.dossier.applicant,
                        category=result.dossier.category or "",
                        amount_cents=result.amount_cents,
                        sealed=item.session.sealed,
                        withdrawn_later=result.ref in view.withdrawn_later,
                    )
                )
    names = {c.code: c.name for c in campaign.categories}
    balance = [
        BalanceLine(code, names.get(code, code), cat.year_envelope_cents, cat.spent_cents,
                    cat.remaining_cents)
        for code, cat in view.category_ledgers.items()
    ]  # fmt: skip
    balance.append(
        BalanceLine(
            "",
            "",
            None if ledger is None else ledger.year_envelope_cents,
            sum(s.awarded_cents - s.returned_cents for s in sessions if s.sealed)
            if ledger is None
            else ledger.spent_cents,
            None if ledger is None else ledger.remaining_cents,
        )
    )
    return YearSummary(
        call=campaign.rules.name,
        authority=campaign.rules.authority,
        year=campaign.rules.year,
        sessions=tuple(sessions),
        awards=tuple(awards),
        balance=tuple(balance),
        not_consumed_cents=0 if ledger is None else ledger.locked_cents,
        funded_projects=view.funded_projects(),
        minimum_projects=campaign.rules.minimum_projects,
    )


def _state(sealed: bool, tr: Tr) -> str:
    return tr("clos") if sealed else tr("ouvert (proposition)")


def _minimum_text(summary: YearSummary, tr: Tr) -> str:
    if summary.minimum_projects is None:
        return tr("{funded} projets financés (pas de minimum)", funded=summary.funded_projects)
    return tr(
        "{funded} projets financés pour un minimum de {minimum} : {state}",
        funded=summary.funded_projects,
        minimum=summary.minimum_projects,
        state=tr("minimum atteint") if summary.minimum_met else tr("minimum non atteint"),
    )


def _session_headers(tr: Tr) -> list[str]:
    return [
        tr("N°"), tr("Code"), tr("Comité"), tr("Date"), tr("État"), tr("Enveloppe du comité"),
        tr("Reçu en report"), tr("Pouvait attribuer"), tr("Attribué"),
        tr("Rendu par des retraits"), tr("Reporté au suivant"), tr("Non consommé"),
    ]  # fmt: skip


def _award_headers(tr: Tr) -> list[str]:
    return [
        tr("Comité"), tr("Réf."), tr("Projet"), tr("Bénéficiaire"), tr("Catégorie"),
        tr("Montant"), tr("État"),
    ]  # fmt: skip


def _award_state(award: AwardLine, tr: Tr) -> str:
    if award.withdrawn_later:
        return tr("retiré depuis : montant rendu à l'année")
    return tr("attribué (comité clos)") if award.sealed else tr("proposé (comité ouvert)")


def write_year_xlsx(path: Path | str, summary: YearSummary, lang: str = "fr") -> None:
    """The year's summary as a workbook: « Bilan », « Comités », « Attributions »."""
    tr = Tr(lang)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = tr("Bilan")
    write_text(ws.cell(1, 1), tr("Bilan de l'année — {call}", call=summary.call))
    ws.cell(1, 1).font = _TITLE
    rows: list[tuple[str, object]] = [
        (tr("Autorité"), summary.authority or "—"),
        (tr("Année"), "" if summary.year is None else str(summary.year)),
        (tr("Projets financés"), _minimum_text(summary, tr)),
    ]
    for offset, (key, value) in enumerate(rows, start=3):
        write_text(ws.cell(offset, 1), key)
        write_text(ws.cell(offset, 2), value)
    top = 3 + len(rows) + 1
    headers = [tr("Enveloppe"), tr("Enveloppe de l'année"), tr("Dépensé"), tr("Reste")]
    for column, header in enumerate(headers, start=1):
        write_text(ws.cell(top, column), header)
    style_header_row(ws, top, freeze=False)
    for row, line in enumerate(summary.balance, start=top + 1):
        write_text(ws.cell(row, 1), line.name or tr("Ensemble de l'année"))
        write_amount(ws.cell(row, 2), line.year_envelope_cents)
        write_amount(ws.cell(row, 3), line.spent_cents)
        write_amount(ws.cell(row, 4), line.remaining_cents)
    row = top + len(summary.balance) + 1
    write_text(ws.cell(row, 1), tr("Non consommé (sans report)"))
    write_amount(ws.cell(row, 3), summary.not_consumed_cents)
    autosize(ws)

    sessions = book.create_sheet(tr("Comités"))
    for column, header in enumerate(_session_headers(tr), start=1):
        write_text(sessions.cell(1, column), header)
    style_header_row(sessions)
    for row, s in enumerate(summary.sessions, start=2):
        sessions.cell(row, 1).value = s.number
        for column, text in ((2, s.code), (3, s.name), (4, s.date), (5, _state(s.sealed, tr))):
            write_text(sessions.cell(row, column), text)
        amounts = (
            s.declared_cents, s.carried_in_cents, s.available_cents, s.awarded_cents,
            s.returned_cents, s.carried_out_cents, s.not_consumed_cents,
        )  # fmt: skip
        for column, cents in enumerate(amounts, start=6):
            write_amount(sessions.cell(row, column), cents)
    autosize(sessions)

    awards = book.create_sheet(tr("Attributions"))
    for column, header in enumerate(_award_headers(tr), start=1):
        write_text(awards.cell(1, column), header)
    style_header_row(awards)
    for row, a in enumerate(summary.awards, start=2):
        for column, text in enumerate((a.session, a.ref, a.title, a.applicant, a.category), 1):
            write_text(awards.cell(row, column), text)
        write_amount(awards.cell(row, 6), a.amount_cents)
        write_text(awards.cell(row, 7), _award_state(a, tr))
    if summary.awards:
        awards.auto_filter.ref = awards.dimensions
    autosize(awards)
    book.save(str(path))


def write_year_pdf(path: Path | str, summary: YearSummary, lang: str = "fr") -> None:
    """The year's summary as a PDF: the balance, the sessions, the awards."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph

    from juryapp.documents import wording
    from juryapp.documents.pdf import (
        DocumentFrame,
        build_pdf,
        data_table,
        heading,
        key_value_table,
        styles,
    )

    tr = Tr(lang)
    s = styles()

    def money(cents: int | None) -> str:
        return "—" if cents is None else format_cents(cents, lang)

    title = tr("Bilan de l'année — {call}", call=summary.call)
    story = [Paragraph(markup(title), s.title)]
    story.append(
        key_value_table(
            [
                (tr("Autorité"), markup(summary.authority or "—")),
                (tr("Année"), "—" if summary.year is None else str(summary.year)),
                (tr("Projets financés"), markup(_minimum_text(summary, tr))),
                (tr("Non consommé (sans report)"), money(summary.not_consumed_cents)),
            ]
        )
    )
    story += heading(tr("L'enveloppe de l'année"), s.h1)
    story.append(
        data_table(
            [tr("Enveloppe"), tr("Enveloppe de l'année"), tr("Dépensé"), tr("Reste")],
            [
                [
                    markup(line.name or tr("Ensemble de l'année")),
                    money(line.year_envelope_cents),
                    money(line.spent_cents),
                    money(line.remaining_cents),
                ]
                for line in summary.balance
            ],
            [6.0 * cm, 3.8 * cm, 3.8 * cm, 3.8 * cm],
            right=(1, 2, 3),
        )
    )
    story += heading(tr("Les comités"), s.h1)
    story.append(
        data_table(
            [tr("Comité"), tr("État"), tr("Pouvait attribuer"), tr("Attribué"),
             tr("Rendu par des retraits"), tr("Reporté au suivant"), tr("Non consommé")],
            [
                [
                    markup(f"{x.number}. {x.name} ({x.code}) {x.date}".strip()),
                    _state(x.sealed, tr),
                    money(x.available_cents),
                    money(x.awarded_cents),
                    money(x.returned_cents),
                    money(x.carried_out_cents),
                    money(x.not_consumed_cents),
                ]
                for x in summary.sessions
            ],
            [3.2 * cm, 1.9 * cm, 2.4 * cm, 2.4 * cm, 2.4 * cm, 2.4 * cm, 2.4 * cm],
            right=(2, 3, 4, 5, 6),
        )
    )  # fmt: skip
    story += heading(tr("Les attributions"), s.h1)
    story.append(
        data_table(
            [tr("Comité"), tr("Réf."), tr("Projet"), tr("Bénéficiaire"), tr("Montant"),
             tr("État")],
            [
                [markup(a.session), markup(a.ref), markup(a.title), markup(a.applicant or "—"),
                 money(a.amount_cents), _award_state(a, tr)]
                for a in summary.awards
            ],
            [1.6 * cm, 1.8 * cm, 4.4 * cm, 3.2 * cm, 2.8 * cm, 3.6 * cm],
            right=(4,),
        )
    )  # fmt: skip
    frame = DocumentFrame(
        header_left=summary.authority or summary.call,
        header_right=title,
        footer_left=title,
        footer_second="",
        draft_mark=None,
        page_label=wording.page_label(tr),
    )
    build_pdf(str(path), story, frame, title=title, subject=title, author="juryapp", lang=lang)
