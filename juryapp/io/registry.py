"""A list of past laureates (rules §13), from a workbook (.xlsx) or a CSV file: one row
per laureate, with its SIRET, RNA number, holder, town, call, year and amount.

Headers are matched as in the campaign workbook (case, accents, a unit, an English
name in brackets ignored). Reading is all or nothing: the first error raises
``InputError`` naming the file, sheet, row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from juryapp.core.money import AmountError, parse_amount
from juryapp.core.registry import (
    PastLaureate,
    is_rna,
    is_siret,
    normalise_rna,
    normalise_siret,
)
from juryapp.i18n import _
from juryapp.io._book import Book, is_blank, is_formula, table, text_of
from juryapp.io.errors import InputError
from juryapp.io.headers import Column, duplicate_columns, match_columns
from juryapp.io.limits import MAX_ROWS
from juryapp.io.text import decode_text

__all__ = ["REGISTRY_COLUMNS", "RegistryList", "read_registry_list"]

REGISTRY_COLUMNS: tuple[Column, ...] = (
    Column("siret", "SIRET", "SIRET", ("N° SIRET", "Numéro SIRET", "Siret du bénéficiaire")),
    Column("rna", "RNA", "RNA", ("N° RNA", "Numéro RNA", "RNA number", "N° d'association")),
    Column(
        "holder",
        "Porteur",
        "Holder",
        (
            "Applicant",
            "Porteur de projet",
            "Bénéficiaire",
            "Nom du bénéficiaire",
            "Structure",
            "Structure porteuse",
            "Raison sociale",
            "Lauréat",
            "Organisme",
            "Nom",
        ),
    ),
    Column("town", "Commune", "Town", ("Ville", "City", "Localisation", "Commune du porteur")),
    Column("call", "Appel", "Call", ("Dispositif", "Nom de l'appel", "Appel à projets")),
    Column("year", "Année", "Year", ("Millésime", "Exercice", "Année d'attribution")),
    Column(
        "amount",
        "Montant",
        "Amount",
        (
            "Montant attribué",
            "Montant accordé",
            "Montant de l'aide",
            "Aide attribuée",
            "Subvention",
            "Subvention attribuée",
        ),
    ),
)
_SHEET_NAMES = ("Registre", "Registry", "Lauréats", "Laureates")
_CSV_SUFFIXES = (".csv", ".txt")
_MAX_CSV_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class RegistryList:
    """The laureates read from one list, in row order."""

    laureates: tuple[PastLaureate, ...]
    sheet: str | None  # None for a CSV file
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Row:
    number: int
    values: list[Any]  # as read: text for CSV, cell values for a workbook


def _score(headers: list[str]) -> int:
    known, _unknown = match_columns(headers, REGISTRY_COLUMNS)
    return len(known)


def _read_csv(path: Path) -> tuple[list[str], list[_Row]]:
    name = path.name
    try:
        if path.stat().st_size > _MAX_CSV_BYTES:
            raise InputError(
                _("{file} : fichier trop volumineux (plus de 50 Mo)").format(file=name),
                file=name,
                whole=True,
            )
        data = path.read_bytes()
    except OSError as error:
        raise InputError(
            _("lecture impossible : {reason}").format(reason=error.strerror or error), file=name
        ) from error
    text = decode_text(data, name)
    sample = text[:4096]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(
            _("{file} n'est pas un fichier CSV lisible ({reason})").format(file=name, reason=error),
            file=name,
            whole=True,
        ) from error
    if len(lines) > MAX_ROWS:
        raise InputError(
            _("{file} : plus de {max} lignes").format(file=name, max=MAX_ROWS),
            file=name,
            whole=True,
        )
    rows = [
        _Row(n, list(cells))
        for n, cells in enumerate(lines, start=1)
        if any(c.strip() for c in cells)
    ]
    header_at = 0
    best = 0
    for index, row in enumerate(rows[:10]):
        score = _score([c.strip() for c in row.values])
        if score > best:
            best, header_at = score, index
    if not rows:
        return [], []
    return [c.strip() for c in rows[header_at].values], rows[header_at + 1 :]


def _read_book(path: Path, sheet: str | None) -> tuple[Book, str, list[str], list[_Row]]:
    book = Book(path)
    if sheet is not None:
        ws = book.find_sheet([sheet])
        if ws is None:
            present = ", ".join(f"« {w.title} »" for w in book.sheets())
            raise book.error(
                _("pas de feuille « {sheet} » (feuilles : {present})").format(
                    sheet=sheet, present=present
                )
            )
    else:
        ws = book.find_sheet(_SHEET_NAMES) or (book.sheets()[0] if book.sheets() else None)
        if ws is None:
            raise book.error(_("le classeur n'a aucune feuille"))
    data = table(ws, header_score=_score)
    title = str(ws.title)
    rows = []
    for number, cells in data.rows:
        values = []
        for column, cell in enumerate(cells, start=1):
            value = cell.value
            if is_formula(cell):
                value = book.cached_value(title, number, column)
            values.append(value)
        rows.append(_Row(number, values))
    return book, title, data.headers, rows


def _cells_of(row: _Row, where: dict[str, int]) -> Any:
    """A function giving a field's value in ``row`` and its column index."""

    def cell(field: str) -> tuple[Any, int | None]:
        index = where.get(field)
        if index is None or index >= len(row.values):
            return None, index
        return row.values[index], index

    return cell


def read_registry_list(path: str | Path, sheet: str | None = None) -> RegistryList:
    """Past laureates from a list (.xlsx, or .csv with ``;`` or ``,``)."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise InputError(_("fichier introuvable : {path}").format(path=path), file=name)
    sheet_title: str | None
    if path.suffix.lower() in _CSV_SUFFIXES:
        headers, rows = _read_csv(path)
        sheet_title = None
    else:
        _book, sheet_title, headers, rows = _read_book(path, sheet)

    def error(message: str, row: int | None = None, column: int | None = None) -> InputError:
        letter = get_column_letter(column + 1) if column is not None else None
        header = headers[column] if column is not None and column < len(headers) else None
        return InputError(
            message, file=name, sheet=sheet_title, row=row, column=letter, header=header
        )

    known, _unknown = match_columns(headers, REGISTRY_COLUMNS)
    duplicate = duplicate_columns(known)
    if duplicate is not None:
        raise error(
            _("colonne en double (déjà en {first})").format(
                first=get_column_letter(duplicate[0] + 1)
            ),
            None,
            duplicate[1],
        )
    where = {column.field: index for index, column in known.items()}
    if not {"siret", "rna", "holder"} & where.keys():
        expected = ", ".join(f"« {c.french} »" for c in REGISTRY_COLUMNS)
        raise error(
            _(
                "aucune colonne SIRET, RNA ni Porteur : ce n'est pas une liste de lauréats "
                "(colonnes attendues : {expected})"
            ).format(expected=expected)
        )
    warnings: list[str] = []
    found: list[PastLaureate] = []
    for row in rows:
        cell = _cells_of(row, where)

        def text(field: str, cell: Any = cell) -> str:
            value, _index = cell(field)
            return text_of(value) if not is_blank(value) else ""

        siret = normalise_siret(text("siret"))
        if siret and not is_siret(siret):
            raise error(
                _("SIRET « {siret} » : 14 chiffres attendus").format(siret=text("siret")),
                row.number,
                where["siret"],
            )
        rna = normalise_rna(text("rna"))
        if rna and not is_rna(rna):
            raise error(
                _("RNA « {rna} » : W suivi de 9 chiffres attendu").format(rna=text("rna")),
                row.number,
                where["rna"],
            )
        holder, town = text("holder"), text("town")
        if not (siret or rna or holder):
            raise error(
                _("ni SIRET, ni RNA, ni porteur : la ligne ne désigne aucun lauréat"), row.number
            )
        if not (siret or rna) and not town:
            warnings.append(
                _(
                    "ligne {row} : « {holder} » sans SIRET, RNA ni commune ne pourra être "
                    "rapproché d'aucun dossier"
                ).format(row=row.number, holder=holder)
            )
        year_text = text("year")
        if year_text:
            year_value = year_text[:-2] if year_text.endswith(".0") else year_text
            if not (year_value.isdigit() and 1900 <= int(year_value) <= 2200):
                raise error(
                    _("année « {year} » : une année comme 2023 est attendue").format(
                        year=year_text
                    ),
                    row.number,
                    where["year"],
                )
            year_text = year_value
        amount_value, amount_index = cell("amount")
        amount: int | None = None
        if not is_blank(amount_value):
            try:
                amount = parse_amount(amount_value)
            except AmountError as problem:
                raise error(str(problem), row.number, amount_index) from None
        found.append(
            PastLaureate(
                siret=siret,
                rna=rna,
                holder=holder,
                town=town,
                call=text("call"),
                year=year_text,
                amount_cents=amount,
                source=name,
            )
        )
    if not found:
        raise error(_("aucun lauréat : la liste est vide"))
    return RegistryList(tuple(found), sheet_title, tuple(warnings))


def registry_headers() -> Sequence[str]:
    """The list's headers, French (for the user guide and messages)."""
    return tuple(column.french for column in REGISTRY_COLUMNS)
