"""The award table (XLSX): what the jury proposes to fund, for the authority's services.

Sheets:

- « Synthèse » (« Summary »): the call, the authority, the session, the PV
  version and the seal, then one line per category (or the call) with its
  envelope, what it received or released by reallocation, what is awarded and
  what is left « non attribué », the reserve when there is one, and the totals.
- one sheet per category (or one « Lauréats » sheet without categories): the
  laureates then the waiting list, in rank order, with the reference, project,
  applicant, town, SIRET, category, nature, note, amount requested, entitlement
  and amount awarded; then the total awarded, the envelope and what is left.

Amounts are numbers (euros, currency format) written from integer cents; the
totals are the engine's own figures written as numbers, never formulas. Every
text that came from users goes through ``write_text`` so that a title typed
``=HYPERLINK(...)`` stays text. Headers are frozen and the tables filterable.

The columns of both tables are declared once (``SUMMARY_COLUMNS``, ``POOL_COLUMNS``):
each has a key, its header and its kind; cells and totals are placed by key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from juryapp.core.fields import Show, display, shown
from juryapp.core.model import Mode
from juryapp.core.report import result_status_label
from juryapp.core.results import DossierResult, PoolResult, Status
from juryapp.core.texts import decimal_string
from juryapp.documents.wording import (
    Tr,
    capped_prize_lines,
    envelope_label,
    format_session_date,
    format_timestamp,
    prize_cap_text,
)
from juryapp.io.xlsx import autosize, style_header_row, write_amount, write_text

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = ["POOL_COLUMNS", "SUMMARY_COLUMNS", "Column", "sheet_name", "write_awards"]

_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no ``[]:*?/\\``, no edge apostrophe, 31 characters."""
    name = _FORBIDDEN.sub("-", text).strip().strip("'") or "Feuille"
    name = name[:31]
    candidate, counter = name, 2
    while candidate.lower() in {t.lower() for t in taken} or candidate.lower() == "history":
        suffix = f" ({counter})"
        candidate = name[: 31 - len(suffix)] + suffix
        counter += 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True)
class Column:
    """One column of a table: its key, its header (French, translated when written;
    ``{scale}`` is the call's scale) and the kind of its cells."""

    key: str
    header: str
    kind: Literal["text", "money", "note", "int"]
    english: str = ""  # the English header when not in the catalogue (a dossier field's)


#: The summary: one line per envelope (the call, each category, the reserve), then the total.
SUMMARY_COLUMNS: tuple[Column, ...] = (
    Column("envelope", "Enveloppe", "text"),
    Column("code", "Code", "text"),
    Column("nature", "Nature", "text"),
    Column("amount", "Montant de l'enveloppe", "money"),
    Column("received", "Réaffectation reçue", "money"),
    Column("released", "Réaffectation cédée", "money"),
    Column("awarded", "Attribué", "money"),
    Column("unallocated", "Non attribué", "money"),
    Column("laureates", "Lauréats", "int"),
)

#: A category's (or the call's) laureates and waiting list; « category » only with categories.
POOL_COLUMNS: tuple[Column, ...] = (
    Column("rank", "Rang", "int"),
    Column("ref", "Référence", "text"),
    Column("title", "Projet", "text"),
    # the dossier's facts the registry shows in the award table (core.fields)
    *(Column(f.code, f.title("fr"), "text", f.title("en")) for f in shown(Show.AWARDS)),
    Column("category", "Catégorie", "text"),
    Column("nature", "Nature", "text"),
    Column("note", "Note /{scale}", "note"),
    Column("requested", "Montant demandé", "money"),
    Column("entitlement", "Droit", "money"),
    Column("awarded", "Montant attribué", "money"),
    Column("status", "Statut", "text"),
)

#: Under a pool's table, the totals' amounts go in this column, their labels in that one.
_TOTALS_AMOUNT = "awarded"
_TOTALS_LABEL = "entitlement"


class _Table:
    """Columns laid out on a sheet: each key's column number (1-based)."""

    def __init__(self, ws: Worksheet, columns: Sequence[Column]) -> None:
        self.ws = ws
        self.columns = tuple(columns)
        self.number = {c.key: index for index, c in enumerate(self.columns, start=1)}

    def write_header(self, row: int, tr: Tr, scale: int, *, freeze: bool = True) -> None:
        for column in self.columns:
            header = column.english if column.english and tr.lang == "en" else column.header
            write_text(self.ws.cell(row, self.number[column.key]), tr(header, scale=scale))
        style_header_row(self.ws, row, freeze=freeze)

    def write(self, row: int, values: dict[str, object]) -> None:
        """One line: each value in its key's column, written as its column's kind says."""
        for column in self.columns:
            if column.key not in values:
                continue
            cell = self.ws.cell(row, self.number[column.key])
            value = values[column.key]
            if column.kind == "text" or isinstance(value, str):  # a note in an amount's place
                write_text(cell, value)
            elif column.kind == "money":
                write_amount(cell, value if isinstance(value, int) else None)
            elif column.kind == "note":
                assert isinstance(value, DossierResult)
                if value.aggregate is not None:
                    cell.value = Decimal(decimal_string(value.aggregate, value.decimals))
                    cell.number_format = "0." + "0" * value.decimals
            else:
                cell.value = value


def _has_own_money(pool: PoolResult) -> bool:
    return bool(pool.envelope_cents or pool.prizes_cents or pool.received_cents)


class _Awards:
    def __init__(self, record: DeliberationRecord, lang: str) -> None:
        self.record = record
        self.results = record.results
        self.campaign = record.campaign
        self.rules = record.campaign.rules
        self.lang = lang
        self.tr = Tr(lang)
        self.book = Workbook()
        self.taken: set[str] = set()
        self.pools = {p.code: p for p in self.results.pools}
        self.categories = {c.code: c for c in self.campaign.categories}

    def build(self) -> Workbook:
        summary = self.book.active
        assert summary is not None
        summary.title = sheet_name(self.tr("Synthèse"), self.taken)
        self.summary(summary)
        if self.campaign.categories:
            for category in self.campaign.categories:
                title = sheet_name(f"{category.code} {category.name}", self.taken)
                members = [d for d in self.results.dossiers if d.pool == category.code]
                self.pool_sheet(
                    self.book.create_sheet(title), members, self.pools.get(category.code)
                )
        else:
            title = sheet_name(self.tr("Lauréats"), self.taken)
            self.pool_sheet(
                self.book.create_sheet(title),
                list(self.results.dossiers),
                self.pools.get(None),
            )
        return self.book

    # --- the summary --------------------------------------------------------------------

    def summary(self, ws: Worksheet) -> None:
        tr = self.tr
        write_text(ws.cell(1, 1), tr("Tableau d'attribution — {call}", call=self.record.name))
        ws.cell(1, 1).font = _TITLE
        day, clock = format_session_date(self.rules.date, self.lang)
        seal = self.record.current_seal
        facts: list[tuple[str, object]] = [
            (tr("Appel"), self.record.name),
            (tr("Autorité qui décide"), self.rules.authority or "—"),
            (tr("Date de la séance"), " ".join(x for x in (day, clock) if x) or "—"),
            (tr("Lieu"), self.rules.place or "—"),
            (tr("Mode d'attribution"), tr(self.rules.mode.value)),
            *(
                [(tr("Prix et montant demandé"), prize_cap_text(self.rules.prize_capped, tr))]
                if self.rules.mode is Mode.PRIZE
                else []
            ),
            (tr("Version du procès-verbal"), str(self.record.pv_version)),
            (
                tr("Sceau (SHA-256)"),
                seal.hash if seal else tr("non scellé — PROJET, délibération non close"),
            ),
            (tr("Document établi le"), format_timestamp(self.record.generated_at, self.lang)),
        ]
        row = 3
        for label, value in facts:
            write_text(ws.cell(row, 1), label)
            ws.cell(row, 1).font = _BOLD
            write_text(ws.cell(row, 2), value)
            row += 1
        for label, cents in (
            (tr("Enveloppe totale"), self.results.envelope_cents),
            (tr("Montant attribué"), self.results.awarded_cents),
            (tr("Non attribué"), self.results.unallocated_cents),
        ):
            write_text(ws.cell(row, 1), label)
            ws.cell(row, 1).font = _BOLD
            write_amount(ws.cell(row, 2), cents)
            row += 1
        row += 1
        table = _Table(ws, SUMMARY_COLUMNS)
        table.write_header(row, tr, self.rules.scale, freeze=False)
        row += 1
        has_categories = bool(self.campaign.categories)
        for pool in self.results.pools:
            laureates = sum(
                1
                for d in self.results.dossiers
                if d.status is Status.LAUREATE and self._funded_by(d, pool)
            )
            line: dict[str, object] = {
                "envelope": envelope_label(pool, has_categories, tr, plain=True),
                "code": pool.code or "",
                "nature": tr(pool.nature.value),
                "laureates": laureates,
            }
            if pool.kind == "category" and not _has_own_money(pool):
                line["amount"] = tr("sur l'enveloppe de l'appel")
                line["awarded"] = sum(
                    d.amount_cents for d in self.results.dossiers if d.pool == pool.code
                )
            else:
                line |= {
                    "amount": pool.envelope_cents,
                    "received": pool.received_cents,
                    "released": pool.released_cents,
                    "awarded": pool.awarded_cents,
                    "unallocated": pool.unallocated_cents,
                }
            table.write(row, line)
            row += 1
        table.write(
            row,
            {
                "envelope": tr("Total"),
                "amount": self.results.envelope_cents,
                "awarded": self.results.awarded_cents,
                "unallocated": self.results.unallocated_cents,
                "laureates": sum(1 for d in self.results.dossiers if d.status is Status.LAUREATE),
            },
        )
        for column in range(1, len(SUMMARY_COLUMNS) + 1):
            ws.cell(row, column).font = _BOLD
        autosize(ws, maximum=48, fixed=[("A", 34), ("B", 30)])

    def _funded_by(self, result: DossierResult, pool: PoolResult) -> bool:
        if pool.kind == "reserve":
            return False  # counted in its category
        if pool.kind == "call":
            return result.pool is None or (
                result.pool in self.pools and not _has_own_money(self.pools[result.pool])
            )
        return result.pool == pool.code

    # --- one pool -------------------------------------------------------------------------

    def pool_sheet(
        self, ws: Worksheet, members: list[DossierResult], pool: PoolResult | None
    ) -> None:
        tr = self.tr
        with_category = bool(self.campaign.categories)
        table = _Table(ws, [c for c in POOL_COLUMNS if with_category or c.key != "category"])
        table.write_header(1, tr, self.rules.scale)
        listed = [d for d in members if d.status is Status.LAUREATE] + [
            d for d in members if d.status is Status.WAITING
        ]
        row = 2
        for result in listed:
            dossier = result.dossier
            category = self.categories.get(dossier.category or "")
            nature = category.nature if category else (pool.nature if pool else None)
            table.write(
                row,
                {
                    "rank": result.rank,
                    "ref": dossier.ref,
                    "title": dossier.title,
                    **{f.code: display(dossier, f, self.lang) for f in shown(Show.AWARDS)},
                    "category": category.name if category else "",
                    "nature": tr(nature.value) if nature else "",
                    "note": result,
                    "requested": dossier.requested_cents,
                    "entitlement": result.entitlement_cents,
                    "awarded": result.amount_cents,
                    "status": result_status_label(result, self.results, self.lang),
                },
            )
            row += 1
        last_column = get_column_letter(len(table.columns))
        ws.auto_filter.ref = f"A1:{last_column}{max(row - 1, 1)}"
        awarded_column = table.number[_TOTALS_AMOUNT]
        label_column = table.number[_TOTALS_LABEL]
        row += 1
        awarded = sum(d.amount_cents for d in listed)
        totals: list[tuple[str, int | None, str]] = [(tr("Total attribué"), awarded, "")]
        if pool is not None and _has_own_money(pool):
            envelope = pool.envelope_cents + pool.received_cents - pool.released_cents
            totals.append((tr("Enveloppe"), envelope, ""))
            totals.append((tr("Non attribué"), pool.unallocated_cents, ""))
        elif pool is not None:
            totals.append((tr("Enveloppe"), None, tr("sur l'enveloppe de l'appel")))
        capped = capped_prize_lines(listed, tr, self.lang)
        if not listed and pool is not None and pool.no_award:
            write_text(ws.cell(2, 3), tr("Catégorie non attribuée par le jury."))
        elif not listed:
            write_text(ws.cell(2, 3), tr("Aucun lauréat ni liste complémentaire."))
        for label, cents, note in totals:
            label_cell = ws.cell(row, label_column)
            write_text(label_cell, label)
            label_cell.font = _BOLD
            label_cell.alignment = Alignment(horizontal="right")
            amount_cell = ws.cell(row, awarded_column)
            if cents is None:
                write_text(amount_cell, note)
            else:
                write_amount(amount_cell, cents)
            amount_cell.font = _BOLD
            row += 1
        if capped:
            row += 1
            write_text(ws.cell(row, 1), tr("Prix plafonnés au montant demandé"))
            ws.cell(row, 1).font = _BOLD
            for line in capped:
                row += 1
                write_text(ws.cell(row, 1), line)
        autosize(ws, maximum=45)


def write_awards(path: Path | str, record: DeliberationRecord, lang: str = "fr") -> None:
    """Write the award table of ``record`` to ``path`` (XLSX)."""
    book = _Awards(record, lang).build()
    book.save(str(path))
