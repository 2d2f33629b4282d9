"""The score sheet: a juror's grid as a workbook, written blank and read back.

One sheet « Notes »: Juré | Référence | Projet | one column per criterion code |
Commentaire | Déport. Each criterion column is limited by data validation to its
scale and step. The campaign's identity (id, name, grid fingerprint, juror, app
version) is kept in a hidden sheet ``_juryapp`` and in the document's custom
properties, so that the merge can refuse a sheet made for another campaign or
another version of the grid.

Reading checks the file as a whole (a workbook, a « Notes » sheet, known
columns: else ``InputError``) and each row on its own: a value that is not a
number is a problem of that row, and the other rows still count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

import juryapp
from juryapp.core.fields import dossier_field
from juryapp.core.grid import ScoreValueError, check_value, format_number, parse_score_value
from juryapp.core.model import Criterion, Dossier, Number, Recusal
from juryapp.i18n import _
from juryapp.io._book import IDENTITY_SHEET, Book, is_blank, is_date, is_formula, table, text_of
from juryapp.io._cells import NO, YES
from juryapp.io._fastbook import open_book
from juryapp.io.errors import InputError
from juryapp.io.headers import Column, duplicate_columns, fold, match_columns
from juryapp.io.xlsx import add_comment, autosize, style_header_row, write_text

__all__ = [
    "ScoreRow",
    "ScoreSheet",
    "SheetIdentity",
    "identity_problem",
    "read_score_sheet",
    "write_score_sheet",
]

SHEET_NAMES = ("Notes", "Scores")
FORMAT_VERSION = "1"
EXTRA_ROWS = 200  # rows under the pre-filled ones that keep the validation (paper grids)
_PROPERTY_PREFIX = "juryapp."

_REF, _TITLE = dossier_field("ref"), dossier_field("title")

FIXED_COLUMNS: tuple[Column, ...] = (
    Column("juror", "Juré", "Juror", ("Jurée", "Code juré")),
    # the dossier's reference and title under their headers of the registry (core.fields)
    Column("ref", _REF.header.french, _REF.header.english, ("Réf", "Ref", "Dossier")),
    Column("title", _TITLE.header.french, _TITLE.header.english, ("Titre", "Intitulé")),
    Column("comment", "Commentaire", "Comment", ("Commentaires", "Appréciation", "Remarque")),
    Column("recused", "Déport", "Recused", ("Déporté", "Recusal")),
)
_HEADERS_EN = {c.field: c.english for c in FIXED_COLUMNS}
_HEADERS_FR = {c.field: c.french for c in FIXED_COLUMNS}


@dataclass(frozen=True)
class SheetIdentity:
    """Which campaign, grid and juror a score sheet was made for."""

    campaign_id: str
    campaign_name: str
    fingerprint: str
    juror: str
    app_version: str = ""
    criteria: tuple[str, ...] = ()
    format: str = FORMAT_VERSION

    def as_pairs(self) -> list[tuple[str, str]]:
        return [
            ("format", self.format),
            ("campaign_id", self.campaign_id),
            ("campaign_name", self.campaign_name),
            ("fingerprint", self.fingerprint),
            ("juror", self.juror),
            ("app_version", self.app_version),
            ("criteria", ";".join(self.criteria)),
        ]

    @classmethod
    def from_pairs(cls, pairs: Mapping[str, str]) -> SheetIdentity | None:
        if not pairs.get("campaign_id") or not pairs.get("fingerprint"):
            return None
        criteria = tuple(c for c in pairs.get("criteria", "").split(";") if c)
        return cls(
            campaign_id=pairs["campaign_id"],
            campaign_name=pairs.get("campaign_name", ""),
            fingerprint=pairs["fingerprint"],
            juror=pairs.get("juror", ""),
            app_version=pairs.get("app_version", ""),
            criteria=criteria,
            format=pairs.get("format", FORMAT_VERSION),
        )


@dataclass
class ScoreRow:
    """One row of a score sheet: a juror's grid for one dossier.

    ``values`` holds the readable values only; ``blank`` the criterion codes left
    empty; ``problems`` (French) why the row cannot be taken as it is. A row with
    problems should be refused whole by the merge.
    """

    row_number: int
    juror: str
    ref: str
    values: dict[str, Number] = field(default_factory=dict)
    blank: tuple[str, ...] = ()
    comment: str = ""
    recused: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing typed: no value, no comment, no recusal (a pre-filled row left alone)."""
        return not self.values and not self.comment and not self.recused and not self.problems


@dataclass
class ScoreSheet:
    """A score sheet read back: identity (None when typed by hand), rows, warnings."""

    identity: SheetIdentity | None
    rows: list[ScoreRow]
    warnings: list[str]
    criteria: tuple[str, ...] = ()  # the criterion columns, in order
    file: str = ""
    sheet: str = ""


def identity_problem(
    identity: SheetIdentity | None, *, campaign_id: str, fingerprint: str
) -> str | None:
    """Why a sheet with this identity must be refused for this campaign (French), or None."""
    if identity is None:
        return None
    if identity.campaign_id != campaign_id:
        return _(
            "cette feuille de notes a été faite pour une autre campagne (« {campaign_name} »)"
        ).format(campaign_name=identity.campaign_name)
    if identity.fingerprint != fingerprint:
        return _(
            "cette feuille de notes a été faite pour une autre version de la "
            "grille (critères, poids ou échelles modifiés depuis) : générez une "
            "nouvelle feuille"
        )
    return None


# --- writing ------------------------------------------------------------------------


def _decimal_text(value: Number) -> str:
    return format_number(value, lang="en")


def _validation_formula(criterion: Criterion, cell: str) -> str:
    """``AND(ISNUMBER(D2),D2>=0,D2<=5,MOD(D2*2,1)=0)`` for 0–5 by 0.5."""
    low, high, step = Fraction(criterion.min), Fraction(criterion.max), Fraction(criterion.step)
    shifted = cell if low == 0 else f"({cell}-{_decimal_text(low)})"
    scaled = shifted if step.denominator == 1 else f"{shifted}*{step.denominator}"
    denominator = step.denominator
    while denominator % 2 == 0:
        denominator //= 2
    if denominator != 1:  # not exact in binary floating point
        scaled = f"ROUND({scaled},9)"
    return (
        f"AND(ISNUMBER({cell}),{cell}>={_decimal_text(low)},{cell}<={_decimal_text(high)},"
        f"MOD({scaled},{step.numerator})=0)"
    )


def _criterion_note(criterion: Criterion) -> str:
    lines = [
        criterion.label,
        f"Poids : {format_number(criterion.weight)}",
        f"Note de {format_number(criterion.min)} à {format_number(criterion.max)}, "
        f"par pas de {format_number(criterion.step)}",
    ]
    if criterion.threshold is not None:
        lines.append(f"Seuil : {format_number(criterion.threshold)}")
    if criterion.description:
        lines.append(criterion.description)
    return "\n".join(lines)


def write_score_sheet(
    path: str | Path,
    *,
    campaign_id: str,
    campaign_name: str,
    fingerprint: str,
    criteria: Sequence[Criterion],
    dossiers: Sequence[Dossier],
    juror_code: str,
    recusals: Iterable[Recusal | str] = (),
    lang: str = "fr",
) -> None:
    """Write a blank score sheet for one juror, pre-filled with the dossiers.

    ``recusals`` are the juror's recusals (``Recusal`` objects of other jurors
    are ignored) or plain references: those rows say Déport = oui.
    """
    recused = {
        r.ref if isinstance(r, Recusal) else r
        for r in recusals
        if not isinstance(r, Recusal) or r.juror == juror_code
    }
    headers = _HEADERS_EN if lang == "en" else _HEADERS_FR
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES[1] if lang == "en" else SHEET_NAMES[0]

    titles = [headers["juror"], headers["ref"], headers["title"]]
    titles += [c.code for c in criteria]
    titles += [headers["comment"], headers["recused"]]
    for index, title in enumerate(titles, start=1):
        write_text(ws.cell(row=1, column=index), title)
    first_criterion = 4
    comment_column = first_criterion + len(criteria)
    recused_column = comment_column + 1
    add_comment(ws.cell(row=1, column=1), "Code du juré qui note.")
    add_comment(ws.cell(row=1, column=2), "Référence du dossier (ne pas modifier).")
    add_comment(ws.cell(row=1, column=3), "Intitulé du projet.")
    for offset, criterion in enumerate(criteria):
        add_comment(ws.cell(row=1, column=first_criterion + offset), _criterion_note(criterion))
    add_comment(ws.cell(row=1, column=comment_column), "Appréciation libre sur le dossier.")
    add_comment(
        ws.cell(row=1, column=recused_column),
        "« oui » si vous vous déportez sur ce dossier (conflit d'intérêts) : ne le notez pas.",
    )

    for row, dossier in enumerate(dossiers, start=2):
        write_text(ws.cell(row=row, column=1), juror_code)
        write_text(ws.cell(row=row, column=2), dossier.ref)
        write_text(ws.cell(row=row, column=3), dossier.title)
        if dossier.ref in recused:
            write_text(ws.cell(row=row, column=recused_column), "oui")

    last = len(dossiers) + 1 + EXTRA_ROWS
    for offset, criterion in enumerate(criteria):
        column = first_criterion + offset
        letter = get_column_letter(column)
        validation = DataValidation(
            type="custom",
            formula1=_validation_formula(criterion, f"{letter}2"),
            allow_blank=True,
        )
        validation.errorTitle = "Note refusée"
        validation.error = (
            f"{criterion.code} : une note de {format_number(criterion.min)} à "
            f"{format_number(criterion.max)}, par pas de {format_number(criterion.step)}."
        )[:225]
        validation.promptTitle = criterion.code[:32]
        validation.prompt = criterion.label[:250]
        validation.showErrorMessage = True
        validation.showInputMessage = True
        ws.add_data_validation(validation)
        validation.add(f"{letter}2:{letter}{last}")
    recused_letter = get_column_letter(recused_column)
    choice = DataValidation(type="list", formula1='"oui,non"', allow_blank=True)
    choice.errorTitle = "Valeur refusée"
    choice.error = "Déport : « oui » ou « non »."
    choice.showErrorMessage = True
    ws.add_data_validation(choice)
    choice.add(f"{recused_letter}2:{recused_letter}{last}")

    # Light protection, no password: the juror types scores, comments and recusals;
    # the juror, reference and title cells are locked (Review > Unprotect lifts it).
    unlocked = Protection(locked=False)
    for row in range(2, last + 1):
        for column in range(first_criterion, recused_column + 1):
            ws.cell(row=row, column=column).protection = unlocked
        if row > len(dossiers) + 1:
            for column in range(1, first_criterion):
                ws.cell(row=row, column=column).protection = unlocked
    for row in range(2, len(dossiers) + 2):
        ws.cell(row=row, column=comment_column).alignment = Alignment(wrap_text=True)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.sort = False
    ws.protection.autoFilter = False

    style_header_row(ws, freeze=False)
    ws.freeze_panes = ws.cell(row=2, column=first_criterion)
    autosize(ws, minimum=8, maximum=50)
    ws.column_dimensions[get_column_letter(comment_column)].width = 45
    for offset in range(len(criteria)):
        ws.column_dimensions[get_column_letter(first_criterion + offset)].width = 10

    identity = SheetIdentity(
        campaign_id=campaign_id,
        campaign_name=campaign_name,
        fingerprint=fingerprint,
        juror=juror_code,
        app_version=juryapp.__version__,
        criteria=tuple(c.code for c in criteria),
    )
    hidden = wb.create_sheet(IDENTITY_SHEET)
    for row, (key, value) in enumerate(identity.as_pairs(), start=1):
        write_text(hidden.cell(row=row, column=1), key)
        write_text(hidden.cell(row=row, column=2), value)
    hidden.sheet_state = "hidden"
    for key, value in identity.as_pairs():
        wb.custom_doc_props.append(StringProperty(name=_PROPERTY_PREFIX + key, value=value))
    wb.properties.title = f"Notes – {campaign_name}"[:250]
    wb.properties.creator = "juryapp"
    wb.active = 0
    wb.save(Path(path))


# --- reading ------------------------------------------------------------------------


def _read_identity(book: Book) -> SheetIdentity | None:
    sheet = book.raw_sheet(IDENTITY_SHEET)
    pairs: dict[str, str] = {}
    if sheet is not None:
        for row in sheet.iter_rows(min_col=1, max_col=2):
            key = text_of(row[0].value)
            if key:
                pairs[key] = text_of(row[1].value) if len(row) > 1 else ""
    if not pairs:
        for prop in book.workbook.custom_doc_props.props:
            name = str(getattr(prop, "name", ""))
            if name.startswith(_PROPERTY_PREFIX):
                pairs[name.removeprefix(_PROPERTY_PREFIX)] = str(prop.value or "")
    return SheetIdentity.from_pairs(pairs)


def _header_score(headers: list[str]) -> int:
    known, _ = match_columns(headers, FIXED_COLUMNS)
    return len(known)


def read_score_sheet(
    path: str | Path, *, criteria: Sequence[Criterion] | None = None
) -> ScoreSheet:
    """Read a score sheet (ours, or one typed by hand with the same headers).

    With ``criteria`` (the campaign's grid), every criterion column must be one
    of its codes, and each value is checked against its criterion's scale and
    step. Without it, the columns are checked against the codes recorded in the
    sheet's identity, when there is one.
    """
    book = open_book(path)
    ws = book.find_sheet(SHEET_NAMES)
    if ws is None:
        present = ", ".join(f"« {s.title} »" for s in book.sheets())
        raise InputError(
            _(
                "pas de feuille « Notes » : ce n'est pas une feuille de notes "
                "(feuilles : {present})"
            ).format(present=present),
            file=book.name,
        )
    title = str(ws.title)
    data = table(ws, header_score=_header_score)
    if not data.headers:
        raise book.error(_("la feuille est vide"), sheet=title)
    warnings: list[str] = []
    identity = _read_identity(book)
    if identity is None:
        warnings.append(
            _(
                "{name} : feuille sans identité de campagne (saisie à la main ?) ; "
                "acceptée si ses colonnes de critères correspondent à la grille"
            ).format(name=book.name)
        )

    known, others = match_columns(data.headers, FIXED_COLUMNS)
    twice = duplicate_columns(known)
    if twice is not None:
        index = twice[1]
        raise book.error(
            _("la colonne « {column} » apparaît deux fois").format(column=known[index].french),
            sheet=title,
            row=data.header_row,
            column=index + 1,
            header=data.headers[index],
        )
    fields = {column.field: index for index, column in known.items()}
    if "ref" not in fields:
        raise book.error(
            _("colonne « Référence » absente de la ligne d'en-tête"),
            sheet=title,
            row=data.header_row,
        )
    if "juror" not in fields and (identity is None or not identity.juror):
        raise book.error(
            _("colonne « Juré » absente de la ligne d'en-tête"), sheet=title, row=data.header_row
        )

    grid: dict[str, Criterion] = {fold(c.code): c for c in criteria or ()}
    expected = (
        [c.code for c in criteria]
        if criteria is not None
        else (list(identity.criteria) if identity is not None and identity.criteria else None)
    )
    codes: dict[int, str] = {}
    seen: dict[str, int] = {}
    for index in others:
        header = data.headers[index]
        code = header.strip()
        if expected is not None:
            match = next((c for c in expected if fold(c) == fold(header)), None)
            if match is None:
                raise book.error(
                    _("critère inconnu (critères de la grille : {expected})").format(
                        expected=", ".join(expected)
                    ),
                    sheet=title,
                    row=data.header_row,
                    column=index + 1,
                    header=header,
                )
            code = match
        if fold(code) in seen:
            raise book.error(
                _("la colonne du critère « {code} » apparaît deux fois").format(code=code),
                sheet=title,
                row=data.header_row,
                column=index + 1,
                header=header,
            )
        seen[fold(code)] = index
        codes[index] = code
    if not codes:
        raise book.error(
            _("aucune colonne de critère entre « Référence » et « Commentaire »"),
            sheet=title,
            row=data.header_row,
        )
    if expected is not None:
        absent = [c for c in expected if fold(c) not in seen]
        if absent:
            warnings.append(
                _("{name} : critère(s) absent(s) de la feuille : {absent}").format(
                    name=book.name, absent=", ".join(absent)
                )
            )

    rows: list[ScoreRow] = []
    first_row: dict[tuple[str, str], int] = {}
    default_juror = identity.juror if identity is not None else ""
    memo = _Memo()
    for number, cells in data.rows:
        row = _read_row(
            book, title, number, cells, fields, codes, grid, default_juror, data.headers, memo
        )
        if row is None:
            continue
        if row.juror and row.ref:
            key = (fold(row.juror), fold(row.ref))
            if key in first_row:
                row.problems.append(
                    _("{juror} / {ref} en double (déjà ligne {row})").format(
                        juror=row.juror, ref=row.ref, row=first_row[key]
                    )
                )
            else:
                first_row[key] = number
        rows.append(row)
    return ScoreSheet(identity, rows, warnings, tuple(codes.values()), book.name, title)


def _cell(cells: list[Any], index: int | None) -> Any:
    if index is None or index >= len(cells):
        return None
    return cells[index]


class _Memo:
    """Checks already made in this sheet (the same few values recur in every row)."""

    def __init__(self) -> None:
        self.scores: dict[tuple[type, Any], Number] = {}
        self.refusals: dict[tuple[str, Number], str | None] = {}
        self.folded: dict[str, str] = {}

    def parse(self, raw: Any) -> Number:
        key = (type(raw), raw)
        try:
            score = self.scores.get(key)
        except TypeError:  # an unhashable cell value: read it as it is
            return parse_score_value(raw)
        if score is None:
            score = self.scores[key] = parse_score_value(raw)
        return score

    def refusal(self, criterion: Criterion, score: Number) -> str | None:
        key = (criterion.code, score)
        if key not in self.refusals:
            self.refusals[key] = check_value(criterion, score)
        return self.refusals[key]

    def fold(self, code: str) -> str:
        folded = self.folded.get(code)
        if folded is None:
            folded = self.folded[code] = fold(code)
        return folded


def _read_row(
    book: Book,
    sheet: str,
    number: int,
    cells: list[Any],
    fields: Mapping[str, int],
    codes: Mapping[int, str],
    grid: Mapping[str, Criterion],
    default_juror: str,
    headers: Sequence[str],
    memo: _Memo | None = None,
) -> ScoreRow | None:
    memo = memo or _Memo()

    def value(name: str) -> Any:
        cell = _cell(cells, fields.get(name))
        return None if cell is None else cell.value

    ref = text_of(value("ref"))
    juror = text_of(value("juror")) or default_juror
    comment = text_of(value("comment"))
    row = ScoreRow(number, juror, ref, comment=comment)
    blank: list[str] = []
    for index, code in codes.items():
        cell = _cell(cells, index)
        where = f"colonne {get_column_letter(index + 1)} ({headers[index]})"
        raw = None if cell is None else cell.value
        if is_blank(raw):
            blank.append(code)
            continue
        if is_formula(cell):
            raw = book.cached_value(sheet, number, index + 1)
            if raw is None:
                row.problems.append(
                    f"{where} : formule sans valeur calculée « {text_of(cell.value)} »"
                )
                continue
        if is_date(raw):
            row.problems.append(f"{where} : une date n'est pas une note : « {text_of(raw)} »")
            continue
        try:
            score = memo.parse(raw)
        except ScoreValueError as error:
            row.problems.append(f"{where} : {error}")
            continue
        criterion = grid.get(memo.fold(code))
        if criterion is not None:
            refusal = memo.refusal(criterion, score)
            if refusal is not None:
                row.problems.append(f"{where} : {refusal}")
                continue
        row.values[code] = score
    row.blank = tuple(blank)
    recused_text = fold(text_of(value("recused")))
    if recused_text in YES:
        row.recused = True
    elif recused_text and recused_text not in NO:
        row.problems.append(f"Déport « {text_of(value('recused'))} » : attendu oui ou non")
    if not ref:
        if row.is_empty and not juror:
            return None
        if row.is_empty:
            return None  # a juror code alone on a row: nothing to take
        row.problems.append("référence du dossier manquante")
    if not juror and not row.is_empty:
        row.problems.append("code du juré manquant")
    if row.recused and row.values:
        row.problems.append("notes saisies sur un dossier en déport")
    return row
