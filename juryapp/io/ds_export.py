"""A Démarches Simplifiées export (spec: ds-export.md), read as it is.

One reader for the three formats: ``.xlsx`` and ``.ods`` (and ``.xls``) are read by
python-calamine, ``.csv`` by the standard library, into the same sheets of cells
(:class:`juryapp.io._fastbook.FastBook`), so every message names the file, sheet,
row and column the same way. An export is recognised by its fixed columns (``ID``,
``État du dossier``, ``Déposé le``…); one dossier per row of ``Dossiers``:

- reference ``ID`` (after a prefix the secretariat may set);
- holder from the legal-entity columns (``Entreprise raison sociale``, ``Association
  titre``) or the person's (``Prénom`` ``Nom``); SIRET and RNA from the ``Etablissements``
  sheet or the csv's inline ``Établissement …``/``Association …`` columns;
- the call's fields (title, category, amounts, town) mapped by header (guessed from the
  registry's synonyms, completed by ``mapping``);
- every other column a typed free field (text, number, date, yes/no); columns mapped to
  « annotation » (or from ``annotations_from`` on) are the instructors' private annotations;
- sheets ``(id) libellé`` are repeated blocks (tables), ``Avis`` the instruction notes;
- ``État du dossier``: « Refusé » and « Classé sans suite » make a dossier not admissible
  with that reason, « Brouillon » is skipped (and reported), the others are admissible.

All or nothing: the first problem raises ``InputError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from juryapp.core.details import Annotation, Block, DossierDetail, Note
from juryapp.core.fields import DOSSIER_FIELDS, FieldType
from juryapp.core.model import Category, Dossier, Mode
from juryapp.core.money import MAX_CENTS
from juryapp.i18n import _
from juryapp.io._book import text_of
from juryapp.io._cells import CellRef
from juryapp.io._fastbook import FastBook, FastCell, FastSheet
from juryapp.io.columns import DOSSIER_COLUMNS, dossier_field_spellings
from juryapp.io.errors import InputError
from juryapp.io.headers import fold, match_columns, normalise_header
from juryapp.io.limits import check_workbook_size
from juryapp.io.text import decode_text

__all__ = [
    "ANNOTATION",
    "DS_FIELDS",
    "FREE",
    "IGNORE",
    "SHARED",
    "STATES",
    "DsImport",
    "DsPreview",
    "is_ds_export",
    "open_export",
    "preview_ds_export",
    "procedure_key",
    "read_ds_export",
]

FREE = "free"
IGNORE = "ignore"
ANNOTATION = "annotation"  # a private annotation: the secretariat only
SHARED = "shared"  # an annotation the secretariat shows to jurors

#: The call's fields a DS column may fill (the rest come from the export's fixed columns).
DS_FIELDS = (
    "title",
    "applicant",
    "town",
    "category",
    "requested_cents",
    "total_budget_cents",
    "eligible_expenses_cents",
    "siret",
    "rna",
)

# The fixed columns of the ``Dossiers`` sheet (normalised headers), by role.
_FIXED = {
    "id": "id",
    "email": "email",
    "franceconnect ?": "",
    "franceconnect": "",
    "civilite": "",
    "nom": "last_name",
    "prenom": "first_name",
    "depot pour un tiers": "",
    "nom du mandataire": "",
    "prenom du mandataire": "",
    "date de naissance": "",
    "domaine fonctionnel": "",
    "referentiel de programmation": "",
    "centre de cout": "",
    "a archiver": "",
    "etat du dossier": "state",
    "derniere mise a jour le": "",
    "derniere mise a jour du dossier le": "",
    "depose le": "",
    "passe en instruction le": "",
    "date de passage en construction": "",
    "date de passage en instruction": "",
    "date previsionnelle du sva/svr": "",
    "traite le": "",
    "motivation de la decision": "motivation",
    "instructeurs": "",
    "groupe instructeur": "",
}
# The csv's inline legal-entity block (and the ``Etablissements`` sheet's columns).
_ENTITY_PREFIXES = ("etablissement ", "entreprise ", "association ")
_ENTITY_ROLES = {
    "etablissement siret": "siret",
    "entreprise raison sociale": "company",
    "association rna": "rna",
    "association titre": "association",
}
# Headers that, with ``ID`` and ``État du dossier``, say « this is a DS export ».
_DATES = ("depose le", "derniere mise a jour le", "passe en instruction le", "traite le")

STATES = {
    "brouillon": "Brouillon",
    "en construction": "En construction",
    "en instruction": "En instruction",
    "accepte": "Accepté",
    "refuse": "Refusé",
    "classe sans suite": "Classé sans suite",
    "a corriger": "À corriger",
    "sans suite": "Classé sans suite",
}
_NOT_ADMISSIBLE = {"Refusé", "Classé sans suite"}
_BLOCK_SHEET = re.compile(r"^\((\d+)\)\s*(.*)$")
_FILE_NAME = re.compile(r"^dossiers_(.+)_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}$", re.IGNORECASE)
# Headers whose numbers are codes, not quantities (kept as text: « 75001 », « 0612… »).
_CODE_WORDS = ("code", "postal", "telephone", "siret", "siren", "rna", "n°", "numero", "iban")
_NUMBER = re.compile(r"^-?(0|[1-9]\d{0,14})([.,]\d+)?$")
_YES = frozenset({"oui", "true", "vrai", "on", "yes"})
_NO = frozenset({"non", "false", "faux", "off", "no"})
# Headers guessed to be the instructors' own (never shown to jurors unless chosen).
_PRIVATE_WORDS = ("annotation", "instructeur", "instruction")
_ANNOTATION_WORDS = {
    normalise_header(w): ANNOTATION
    for w in ("annotation", "annotation privée", "privée", "privé", "private", "instructeur")
}
_ANNOTATION_WORDS.update(
    {
        normalise_header(w): SHARED
        for w in ("annotation partagée", "partagée", "partagé", "partager", "shared", "jurés")
    }
)


# --- reading the file -------------------------------------------------------------------


_last: list[tuple[tuple[str, int, int], FastBook]] = []  # the last file read (one slot)


def open_export(path: str | Path) -> FastBook:
    """The sheets of ``path`` (xlsx, ods, xls or csv) as one kind of book; ``InputError``
    when it is none of these, or unreadable. The last file read is kept (recognising an
    export, then importing it, reads it once)."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise InputError(_("fichier introuvable : {path}").format(path=path), file=name)
    status = path.stat()
    key = (str(path.resolve()), status.st_size, status.st_mtime_ns)
    if _last and _last[0][0] == key:
        return _last[0][1]
    book = _open(path)
    _last[:] = [(key, book)]
    return book


def _open(path: Path) -> FastBook:
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return FastBook(path, [RawSheet("Dossiers", _csv_rows(path))])
    if suffix not in (".xlsx", ".xlsm", ".ods", ".xls"):
        raise InputError(
            _(
                "{file} : format inconnu « {suffix} » (un export Démarches Simplifiées est "
                "un .xlsx, un .ods ou un .csv)"
            ).format(file=name, suffix=suffix or "?"),
            file=name,
            whole=True,
        )
    check_workbook_size(path)
    try:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        workbook = CalamineWorkbook.from_path(str(path))
        try:
            sheets: list[FastSheet] = [
                RawSheet(
                    meta.name,
                    workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False),
                )
                for meta in workbook.sheets_metadata
                if meta.typ == SheetTypeEnum.WorkSheet
            ]
        finally:
            workbook.close()
    except Exception as error:  # calamine raises its own kinds on a bad file
        raise InputError(
            _("{file} n'est pas un classeur lisible ({suffix}) : {reason}").format(
                file=name,
                suffix=suffix,
                reason=str(error).splitlines()[0][:120] if str(error) else "?",
            ),
            file=name,
            whole=True,
        ) from error
    return FastBook(path, sheets)


def _csv_rows(path: Path) -> list[list[Any]]:
    name = path.name
    text = decode_text(path.read_bytes(), name)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise InputError(
            _("{file} : fichier CSV illisible ({reason})").format(file=name, reason=error),
            file=name,
            whole=True,
        ) from error
    return [list(row) for row in rows]


class RawSheet(FastSheet):
    """A sheet's rows as the reader gave them (values, "" for an empty cell), not wrapped
    cell by cell: a DS export is read once, column by column."""

    def __init__(self, title: str, rows: list[list[Any]]) -> None:
        self.title = title
        self.raw = rows

    def iter_rows(
        self, min_col: int | None = None, max_col: int | None = None
    ) -> Iterator[list[Any]]:
        start = (min_col or 1) - 1
        for row in self.raw:
            yield [FastCell(v) for v in row[start:max_col]]


def _value(row: Sequence[Any], index: int) -> Any:
    """A cell's value (None when empty or beyond the row)."""
    if index >= len(row):
        return None
    value = row[index]
    return None if value == "" and isinstance(value, str) else value


def _headers(sheet: RawSheet) -> list[str]:
    if not sheet.raw:
        return []
    headers = [text_of(_value(sheet.raw[0], i)) for i in range(len(sheet.raw[0]))]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def _data_rows(sheet: RawSheet) -> list[tuple[int, list[Any]]]:
    rows = []
    for number, row in enumerate(sheet.raw[1:], start=2):
        if any(v is not None and v != "" and (not isinstance(v, str) or v.strip()) for v in row):
            rows.append((number, row))
    return rows


def _sheets(book: FastBook) -> list[RawSheet]:
    return [s for s in book.sheets() if isinstance(s, RawSheet)]


def _dossiers_sheet(book: FastBook) -> RawSheet | None:
    sheets = _sheets(book)
    named = next((s for s in sheets if fold(s.title) == "dossiers"), None)
    return named if named is not None else (sheets[0] if sheets else None)


def is_ds_export(path: str | Path) -> bool:
    """Whether ``path`` is a DS export (a csv, ods or xlsx whose ``Dossiers`` sheet has the
    fixed columns); any file that cannot be read says no (its reader will say why)."""
    try:
        book = open_export(path)
    except InputError:
        return False
    sheet = _dossiers_sheet(book)
    return sheet is not None and _recognised(_headers(sheet))


def _recognised(headers: Sequence[str]) -> bool:
    names = {normalise_header(h) for h in headers}
    return "id" in names and "etat du dossier" in names and any(d in names for d in _DATES)


def procedure_key(path: str | Path, headers: Sequence[str]) -> str:
    """The procedure an export comes from: its path in DS's file name
    (``dossiers_<procedure>_<date>``), else a fingerprint of its columns."""
    match = _FILE_NAME.match(Path(path).stem)
    if match:
        return match.group(1)
    digest = hashlib.sha256("\n".join(sorted(normalise_header(h) for h in headers)).encode())
    return "colonnes-" + digest.hexdigest()[:12]


# --- the mapping ------------------------------------------------------------------------


def _target_names() -> dict[str, str]:
    names = dossier_field_spellings()
    names[normalise_header(ANNOTATION)] = ANNOTATION
    names[normalise_header(SHARED)] = SHARED
    for word in ("free", "libre", "champ libre", "champs"):
        names[normalise_header(word)] = FREE
    for word in ("ignore", "ignorer", "-", "aucun", "none"):
        names[normalise_header(word)] = IGNORE
    names.update(_ANNOTATION_WORDS)
    return names


def _fixed_role(header: str) -> str | None:
    """A fixed column's role ("" for one the import leaves aside), None for a field."""
    key = normalise_header(header)
    if key in _FIXED:
        return _FIXED[key]
    if key.startswith(_ENTITY_PREFIXES):
        return _ENTITY_ROLES.get(key, "")
    return None


@dataclass
class _Columns:
    """The ``Dossiers`` sheet's columns sorted out."""

    headers: list[str]
    fixed: dict[str, int] = field(default_factory=dict)  # role -> index
    fields: dict[str, int] = field(default_factory=dict)  # call field -> index
    free: list[int] = field(default_factory=list)
    annotations: dict[int, bool] = field(default_factory=dict)  # index -> shared
    applied: dict[str, str] = field(default_factory=dict)  # header -> target (fields only)


def _resolve(
    book: FastBook,
    sheet: str,
    headers: list[str],
    mapping: Mapping[str, str] | None,
    annotations_from: str | None,
) -> _Columns:
    columns = _Columns(headers)
    names = _target_names()
    wanted: dict[int, str] = {}
    by_header: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if header:
            by_header.setdefault(normalise_header(header), []).append(index)
    start: int | None = None
    if annotations_from:
        found = by_header.get(normalise_header(annotations_from))
        if not found:
            raise _no_column(book, sheet, headers, annotations_from, _("annotations à partir de"))
        start = found[0]
    for header, target_name in (mapping or {}).items():
        indexes = by_header.get(normalise_header(header))
        if not indexes:
            raise _no_column(book, sheet, headers, header, f"{header}={target_name}")
        target = names.get(normalise_header(target_name))
        if target is None or (
            target not in (FREE, IGNORE, ANNOTATION, SHARED) and target not in DS_FIELDS
        ):
            fields = ", ".join(f"« {c.french} »" for c in DOSSIER_COLUMNS if c.field in DS_FIELDS)
            raise InputError(
                _(
                    "correspondance « {header}={target} » : champ inconnu ou fixé par l'export "
                    "« {target} » (champs : {fields}, « libre », « annotation », « annotation "
                    "partagée », « ignorer »)"
                ).format(header=header, target=target_name, fields=fields),
                file=book.name,
                sheet=sheet,
                row=1,
            )
        for index in indexes:
            wanted[index] = target
    guessed, _unknown = match_columns(headers, [c for c in DOSSIER_COLUMNS if c.field in DS_FIELDS])
    for index, header in enumerate(headers):
        if not header:
            continue
        role = _fixed_role(header) if index not in wanted else None
        if role is not None:
            if role and role not in columns.fixed:
                columns.fixed[role] = index
            continue
        target = wanted.get(index)
        if target is None:
            if start is not None and index >= start:
                target = ANNOTATION
            elif index in guessed and guessed[index].field not in columns.fields:
                target = guessed[index].field
            elif any(w in normalise_header(header) for w in _PRIVATE_WORDS):
                target = ANNOTATION
            else:
                target = FREE
        if target in DS_FIELDS:
            other = columns.fields.get(target)
            if other is not None and wanted.get(other) == target and index in wanted:
                raise InputError(
                    _(
                        "les colonnes « {header} » et « {other} » désignent toutes deux « {field} »"
                    ).format(header=headers[other], other=header, field=target),
                    file=book.name,
                    sheet=sheet,
                    row=1,
                )
            if other is not None:  # the user's word wins over a guess
                if index not in wanted:
                    columns.free.append(index)
                    columns.applied[header] = FREE
                    continue
                columns.free.append(other)
                columns.applied[headers[other]] = FREE
            columns.fields[target] = index
        elif target == FREE:
            columns.free.append(index)
        elif target in (ANNOTATION, SHARED):
            columns.annotations[index] = target == SHARED
        columns.applied[header] = target
    columns.free.sort()
    return columns


def _no_column(
    book: FastBook, sheet: str, headers: Sequence[str], header: str, what: str
) -> InputError:
    present = ", ".join(f"« {h} »" for h in headers if h)
    return InputError(
        _("« {what} » : pas de colonne « {header} » (colonnes : {present})").format(
            what=what, header=header, present=present
        ),
        file=book.name,
        sheet=sheet,
        row=1,
    )


# --- typing free fields -------------------------------------------------------------------


def _typed(value: Any) -> tuple[FieldType, str] | None:
    """A cell's value as (the narrowest type it fits, its stored text); None when empty."""
    if type(value) is str:
        text = value.strip(_STRIP)
        if not text:
            return None
        if len(text) < 6:
            word = text.lower()
            if word in _YES:
                return _FLAG_YES
            if word in _NO:
                return _FLAG_NO
        first = text[0]
        if first.isdigit() or first == "-":
            if _NUMBER.match(text):
                return FieldType.NUMBER, text.replace(",", ".")
            moment = _parse_moment(text)
            if moment is not None:
                return FieldType.DATE, moment
        return FieldType.TEXT, text
    if value is None:
        return None
    if isinstance(value, bool):
        return _FLAG_YES if value else _FLAG_NO
    if isinstance(value, int | float | Decimal):
        return FieldType.NUMBER, _decimal_text(value)
    if isinstance(value, dt.datetime):
        return FieldType.DATE, _moment(value)
    if isinstance(value, dt.date):
        return FieldType.DATE, value.isoformat()
    text = text_of(value)
    return (FieldType.TEXT, text) if text else None


_FLAG_YES = (FieldType.FLAG, "oui")
_FLAG_NO = (FieldType.FLAG, "non")
_STRIP = " \t\r\n\u00a0\u202f\u2009"


def _decimal_text(value: int | float | Decimal) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _moment(value: dt.datetime) -> str:
    if value.time() == dt.time(0, 0):
        return value.date().isoformat()
    return value.replace(tzinfo=None, second=0, microsecond=0).isoformat(timespec="minutes")


def _parse_moment(text: str) -> str | None:
    if len(text) < 8 or not text[0].isdigit():
        return None
    try:
        return _moment(dt.datetime.fromisoformat(text.replace(" ", "T", 1)))
    except ValueError:
        pass
    for pattern in ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"):
        try:
            return _moment(dt.datetime.strptime(text, pattern))
        except ValueError:
            continue
    return None


def _column_kind(header: str, typed: Sequence[tuple[FieldType, str] | None]) -> FieldType:
    """One type for a column: the type all its values share, else text; codes stay text."""
    kinds = {t[0] for t in typed if t is not None}
    if len(kinds) != 1:
        return FieldType.TEXT
    kind = next(iter(kinds))
    if kind is FieldType.NUMBER and any(w in normalise_header(header) for w in _CODE_WORDS):
        return FieldType.TEXT
    return kind


def _stored(kind: FieldType, typed: tuple[FieldType, str] | None, value: Any) -> str:
    if typed is None:
        return ""
    if typed[0] is kind:
        return typed[1]
    return text_of(value)


# --- the export ---------------------------------------------------------------------------


class Remembered(Protocol):
    """A mapping remembered for a procedure (``store.details.ImportProfile``)."""

    @property
    def mapping(self) -> Mapping[str, str]: ...
    @property
    def prefix(self) -> str: ...
    @property
    def annotations_from(self) -> str: ...


@dataclass(frozen=True)
class DsImport:
    """A DS export read whole."""

    dossiers: tuple[Dossier, ...]
    details: tuple[DossierDetail, ...]
    procedure: str
    sheet: str
    mapping: Mapping[str, str]  # header -> call field, FREE, ANNOTATION, SHARED or IGNORE
    prefix: str
    annotations_from: str
    present: frozenset[str]  # the call's fields the export fills
    skipped: tuple[str, ...]  # the IDs of drafts (« Brouillon »), not imported
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DsPreview:
    """What the import dialog shows of a DS export before importing it."""

    procedure: str
    sheet: str
    headers: tuple[str, ...]  # the procedure's own columns (fixed ones left out)
    fixed: tuple[str, ...]  # the fixed DS columns recognised
    mapping: Mapping[str, str]  # header -> target
    rows: tuple[tuple[str, ...], ...]  # the first rows of ``headers``, as text
    row_count: int
    states: Mapping[str, int]  # how many dossiers in each state
    blocks: tuple[str, ...]  # the repeated blocks' titles
    notes: int  # rows of ``Avis``


def _book_and_sheet(path: str | Path) -> tuple[FastBook, RawSheet, list[str]]:
    book = open_export(path)
    sheet = _dossiers_sheet(book)
    if sheet is None:
        raise InputError(
            _("{file} : le classeur est vide").format(file=book.name), file=book.name, whole=True
        )
    headers = _headers(sheet)
    names = {normalise_header(h) for h in headers}
    if not _recognised(headers):
        missing = [
            label
            for label, key in (("ID", "id"), ("État du dossier", "etat du dossier"))
            if key not in names
        ]
        raise InputError(
            _(
                "ce n'est pas un export Démarches Simplifiées reconnu : colonne(s) {missing} "
                "absente(s) de la ligne d'en-tête"
            ).format(missing=", ".join(f"« {m} »" for m in missing) or "« Déposé le »"),
            file=book.name,
            sheet=sheet.title,
            row=1,
        )
    return book, sheet, headers


def preview_ds_export(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    annotations_from: str | None = None,
    rows: int = 8,
) -> DsPreview:
    book, sheet, headers = _book_and_sheet(path)
    columns = _resolve(book, sheet.title, headers, mapping, annotations_from)
    own = [i for i, h in enumerate(headers) if h and h in columns.applied]
    data = _data_rows(sheet)
    states: dict[str, int] = {}
    state_index = columns.fixed.get("state")
    for _number, cells in data:
        if state_index is not None and state_index < len(cells):
            word = text_of(_value(cells, state_index))
            state = STATES.get(fold(word), word)
            states[state] = states.get(state, 0) + 1
    return DsPreview(
        procedure=procedure_key(path, headers),
        sheet=sheet.title,
        headers=tuple(headers[i] for i in own),
        fixed=tuple(h for i, h in enumerate(headers) if h and i not in own),
        mapping={headers[i]: columns.applied[headers[i]] for i in own},
        rows=tuple(tuple(text_of(_value(cells, i)) for i in own) for _n, cells in data[:rows]),
        row_count=len(data),
        states=states,
        blocks=tuple(
            m.group(2) for s in _sheets(book) if (m := _BLOCK_SHEET.match(s.title)) is not None
        ),
        notes=sum(len(_data_rows(s)) for s in _sheets(book) if fold(s.title) == "avis"),
    )


def read_ds_export(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    prefix: str | None = None,
    annotations_from: str | None = None,
    mode: Mode = Mode.ENVELOPE,
    categories: Sequence[Category] = (),
    refs_by_id: Mapping[str, str] | None = None,
    remembered: Callable[[str], Remembered | None] | None = None,
) -> DsImport:
    """Read a DS export whole (see the module's docstring); ``refs_by_id``: the references
    of dossiers already imported, by DS ID (a re-import keeps them, prefix or not);
    ``remembered(procedure)``: the mapping, prefix and first annotation column last used
    for that procedure, under ``mapping``, ``prefix`` and ``annotations_from`` (when given)."""
    book, sheet, headers = _book_and_sheet(path)
    title = sheet.title
    procedure = procedure_key(path, headers)
    known = remembered(procedure) if remembered is not None else None
    if known is not None:
        # a column the export no longer has is forgotten, not refused
        names = {normalise_header(h) for h in headers if h}
        kept = {h: t for h, t in known.mapping.items() if normalise_header(h) in names}
        if annotations_from:
            # the first annotation column given now wins over what was remembered for the
            # columns from it on (their privacy); the fields mapped there stay
            start = next(
                (
                    i
                    for i, h in enumerate(headers)
                    if normalise_header(h) == normalise_header(annotations_from)
                ),
                len(headers),
            )
            after = {normalise_header(h) for h in headers[start:] if h}
            kept = {
                h: t
                for h, t in kept.items()
                if normalise_header(h) not in after or t not in (FREE, ANNOTATION, SHARED)
            }
        mapping = {**kept, **(mapping or {})}
        if prefix is None:
            prefix = known.prefix
        if annotations_from is None and normalise_header(known.annotations_from) in names:
            annotations_from = known.annotations_from or None
    prefix = prefix or ""
    columns = _resolve(book, title, headers, mapping, annotations_from)
    warnings: list[str] = []
    _require(book, title, headers, columns, mode, categories)
    data = _data_rows(sheet)
    if not data:
        raise InputError(
            _("aucun dossier sous la ligne d'en-tête"), file=book.name, sheet=title, row=1
        )
    id_index = columns.fixed["id"]
    state_index = columns.fixed["state"]

    def cell(row: int, cells: list[Any], index: int) -> CellRef:
        return CellRef(book, title, row, index + 1, headers[index], FastCell(_value(cells, index)))

    # free fields and annotations: one type per column, from all its values, and each
    # value's stored text (column by column: the fast way through 10,000 rows)
    stored: dict[int, list[str]] = {}
    kinds: dict[int, FieldType] = {}
    for index in [*columns.free, *columns.annotations]:
        raw = [_value(cells, index) for _n, cells in data]
        typed = [None if v is None else _typed(v) for v in raw]
        kind = kinds[index] = _column_kind(headers[index], typed)
        stored[index] = [_stored(kind, t, v) for t, v in zip(typed, raw, strict=True)]
    free_columns = [(headers[i], stored[i]) for i in columns.free]
    annotation_columns = [
        (headers[i], kinds[i], stored[i], shared) for i, shared in columns.annotations.items()
    ]
    free_kinds = tuple(
        (headers[i], kinds[i]) for i in columns.free if kinds[i] is not FieldType.TEXT
    )
    entities = _entities(book)
    refs_by_id = refs_by_id or {}
    dossiers: list[Dossier] = []
    details: list[DossierDetail] = []
    seen: dict[str, int] = {}
    skipped: list[str] = []
    states: dict[str, str | None] = {}
    fixed_columns = list(columns.fixed.items())
    field_columns = list(columns.fields.items())
    for position, (row, cells) in enumerate(data):
        id_cell = cell(row, cells, id_index)
        ds_id = _ds_id(id_cell)
        if ds_id in seen:
            raise id_cell.error(
                _("ID « {id} » en double (déjà ligne {row})").format(id=ds_id, row=seen[ds_id])
            )
        seen[ds_id] = row
        word = text_of(_value(cells, state_index))
        if word not in states:
            states[word] = STATES.get(fold(word))
        state = states[word]
        if state is None:
            raise cell(row, cells, state_index).error(
                _("état inconnu « {state} » (états : {states})").format(
                    state=word, states=", ".join(dict.fromkeys(STATES.values()))
                )
            )
        if state == "Brouillon":
            skipped.append(ds_id)
            continue
        ref = refs_by_id.get(ds_id, f"{prefix}{ds_id}")
        values: dict[str, Any] = {}
        for code, index in field_columns:
            values[code] = _field(cell(row, cells, index), code, categories, ref, warnings)
        admissible = state not in _NOT_ADMISSIBLE
        reason = ""
        if not admissible:
            motivation = ""
            if "motivation" in columns.fixed:
                motivation = cell(row, cells, columns.fixed["motivation"]).text()
            reason = _("{state} sur Démarches Simplifiées").format(state=state)
            if motivation:
                reason += f" : {motivation}"
        if not values.get("title"):
            raise cell(row, cells, columns.fields["title"]).error(
                _("l'intitulé du projet est obligatoire")
            )
        if mode is Mode.ENVELOPE and admissible and values.get("requested_cents") is None:
            raise cell(row, cells, columns.fields["requested_cents"]).error(
                _("le montant demandé est obligatoire en mode enveloppe")
            )
        entity = entities.get(ds_id, {})
        fixed = {role: text_of(_value(cells, index)) for role, index in fixed_columns}
        if not values.get("applicant"):
            person = " ".join(p for p in (fixed.get("first_name"), fixed.get("last_name")) if p)
            values["applicant"] = (
                fixed.get("company")
                or entity.get("company")
                or fixed.get("association")
                or entity.get("association")
                or person
            )
        if not values.get("siret"):
            values["siret"] = (fixed.get("siret") or entity.get("siret", "")).replace(" ", "")
        if not values.get("rna"):
            values["rna"] = "".join((fixed.get("rna") or entity.get("rna", "")).split()).upper()
        if categories and not values.get("category") and admissible:
            raise cell(row, cells, columns.fields["category"]).error(
                _("la catégorie est obligatoire")
            )
        free = tuple((label, texts[position]) for label, texts in free_columns if texts[position])
        annotations = tuple(
            Annotation(label, kind, texts[position], shared)
            for label, kind, texts, shared in annotation_columns
            if texts[position]
        )
        dossier = Dossier(
            ref=ref,
            admissible=admissible,
            inadmissible_reason=reason,
            fields=free,
            **values,
        )
        dossiers.append(dossier)
        details.append(
            DossierDetail(
                ref=ref,
                procedure=procedure,
                external_id=ds_id,
                state=state,
                kinds=free_kinds,
                annotations=annotations,
                imported=tuple((code, getattr(dossier, code)) for code in _IMPORTED),
            )
        )
    if not dossiers:
        raise InputError(
            _("aucun dossier à importer : {count} brouillon(s) seulement").format(
                count=len(skipped)
            ),
            file=book.name,
            sheet=title,
            row=1,
        )
    refs = {d.external_id: d.ref for d in details}
    blocks = _blocks(book, refs, set(skipped))
    notes = _notes(book, refs, set(skipped))
    details = [
        replace(d, blocks=tuple(blocks.get(d.ref, ())), notes=tuple(notes.get(d.ref, ())))
        for d in details
    ]
    if skipped:
        warnings.append(
            _("{count} brouillon(s) non importé(s) (ID {ids})").format(
                count=len(skipped), ids=", ".join(skipped)
            )
        )
    _last.clear()  # read whole: the book is not needed any more
    present = frozenset(columns.fields) | {"admissible", "inadmissible_reason"}
    present |= {"applicant", "siret", "rna"}
    return DsImport(
        dossiers=tuple(dossiers),
        details=tuple(details),
        procedure=procedure,
        sheet=title,
        mapping=columns.applied,
        prefix=prefix,
        annotations_from=annotations_from or "",
        present=frozenset(present),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
    )


#: The registry's fields a DS export fills, remembered as imported (see DossierDetail).
_IMPORTED = tuple(f.code for f in DOSSIER_FIELDS if f.code not in ("ref",))


def _require(
    book: FastBook,
    sheet: str,
    headers: Sequence[str],
    columns: _Columns,
    mode: Mode,
    categories: Sequence[Category],
) -> None:
    needed = [("title", _("obligatoire"), "projet")]
    if mode is Mode.ENVELOPE:
        needed.append(("requested_cents", _("obligatoire en mode enveloppe"), "montant demandé"))
    if categories:
        needed.append(("category", _("obligatoire quand l'appel a des catégories"), "catégorie"))
    for code, why, word in needed:
        if code not in columns.fields:
            column = next(c for c in DOSSIER_COLUMNS if c.field == code)
            own = ", ".join(f"« {h} »" for h, t in columns.applied.items() if t != IGNORE)
            raise InputError(
                _(
                    "aucune colonne pour le champ « {column} », {why}, parmi {headers} ; "
                    'indiquez laquelle le contient (--map "En-tête={word}")'
                ).format(column=column.french, why=why, headers=own, word=word),
                file=book.name,
                sheet=sheet,
                row=1,
            )


def _ds_id(cell: CellRef) -> str:
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = text_of(value)
    if not text:
        raise cell.error(_("l'ID du dossier est obligatoire"))
    if not text.isdigit():
        raise cell.error(_("ID « {id} » : attendu un numéro de dossier").format(id=text))
    return text


def _field(
    cell: CellRef, code: str, categories: Sequence[Category], ref: str, warnings: list[str]
) -> Any:
    if code in ("requested_cents", "total_budget_cents", "eligible_expenses_cents"):
        value = None if cell.cell is None else cell.cell.value
        if type(value) is float and value.is_integer():
            value = int(value)  # calamine's numbers are floats
        if type(value) is int and 0 <= value <= MAX_CENTS // 100:
            return value * 100  # what parse_amount gives a whole number, at once
        return cell.amount()
    if code == "category":
        text = cell.text()
        if not text:
            return None
        if not categories:
            raise cell.error(
                _("catégorie « {text} » : l'appel n'a pas de catégories").format(text=text)
            )
        found = _category_code(text, tuple(categories))
        if found is not None:
            return found
        known = ", ".join(f"{x.code} ({x.name})" for x in categories)
        raise cell.error(
            _("catégorie inconnue « {text} » (catégories : {known_codes})").format(
                text=text, known_codes=known
            )
        )
    if code == "rna":
        return "".join(cell.text().split()).upper()
    if code == "siret":
        siret = cell.text().replace(" ", "").replace("\u00a0", "")
        if siret and not (siret.isdigit() and len(siret) == 14):
            warnings.append(
                _("dossier « {ref} » : SIRET « {siret} » inhabituel (14 chiffres attendus)").format(
                    ref=ref, siret=siret
                )
            )
        return siret
    return cell.text()


@functools.lru_cache(maxsize=256)
def _category_code(text: str, categories: tuple[Category, ...]) -> str | None:
    """The code of the category a cell names, by code then name (None when none)."""
    key = fold(text)
    for category in categories:
        if key == fold(category.code):
            return category.code
    for category in categories:
        if key == fold(category.name):
            return category.code
    return None


def _entities(book: FastBook) -> dict[str, dict[str, str]]:
    """From the ``Etablissements`` sheet: each dossier's own SIRET, name and RNA."""
    sheet = next((s for s in _sheets(book) if fold(s.title) == "etablissements"), None)
    if sheet is None:
        return {}
    headers = [normalise_header(h) for h in _headers(sheet)]
    try:
        id_index = headers.index("dossier id")
    except ValueError:
        return {}
    champ = headers.index("champ") if "champ" in headers else None
    roles = {i: _ENTITY_ROLES[h] for i, h in enumerate(headers) if h in _ENTITY_ROLES}
    found: dict[str, dict[str, str]] = {}
    for _row, cells in _data_rows(sheet):
        texts = [text_of(_value(cells, i)) for i in range(len(cells))]
        ds_id = _id_text(_value(cells, id_index))
        if not ds_id or ds_id in found:
            continue
        if champ is not None and champ < len(texts) and fold(texts[champ]) not in ("", "dossier"):
            continue
        found[ds_id] = {role: texts[i] for i, role in roles.items() if i < len(texts)}
    return found


def _id_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text_of(value)


def _owner(
    book: FastBook,
    sheet: RawSheet,
    row: int,
    cells: list[Any],
    index: int,
    header: str,
    refs: Mapping[str, str],
    drafts: set[str],
) -> str | None:
    """The reference of the dossier a row of a block or of ``Avis`` belongs to (None: a
    draft's, left out); an unknown ID is refused."""
    ds_id = _id_text(_value(cells, index))
    if ds_id in drafts:
        return None
    ref = refs.get(ds_id)
    if ref is None:
        raise InputError(
            _("dossier inconnu « {id} » (absent de la feuille « Dossiers »)").format(id=ds_id),
            file=book.name,
            sheet=sheet.title,
            row=row,
            column=_letter(index + 1),
            header=header,
        )
    return ref


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _blocks(book: FastBook, refs: Mapping[str, str], drafts: set[str]) -> dict[str, list[Block]]:
    found: dict[str, list[Block]] = {}
    for sheet in _sheets(book):
        match = _BLOCK_SHEET.match(sheet.title)
        if match is None:
            continue
        headers = _headers(sheet)
        keys = [normalise_header(h) for h in headers]
        if "dossier id" not in keys:
            raise InputError(
                _("colonne « Dossier ID » absente (bloc répétable)"),
                file=book.name,
                sheet=sheet.title,
                row=1,
            )
        id_index = keys.index("dossier id")
        own = [i for i, k in enumerate(keys) if k and k not in ("dossier id", "ligne")]
        rows: dict[str, list[list[Any]]] = {}
        for row, cells in _data_rows(sheet):
            ref = _owner(book, sheet, row, cells, id_index, headers[id_index], refs, drafts)
            if ref is None:
                continue
            rows.setdefault(ref, []).append([_value(cells, i) for i in own])
        every = [r for block_rows in rows.values() for r in block_rows]
        kinds = [_column_kind(headers[i], [_typed(r[n]) for r in every]) for n, i in enumerate(own)]
        for ref, block_rows in rows.items():
            found.setdefault(ref, []).append(
                Block(
                    match.group(2).strip() or sheet.title,
                    tuple(headers[i] for i in own),
                    tuple(kinds),
                    tuple(
                        tuple(_stored(kinds[n], _typed(v), v) for n, v in enumerate(r))
                        for r in block_rows
                    ),
                )
            )
    return found


def _notes(book: FastBook, refs: Mapping[str, str], drafts: set[str]) -> dict[str, list[Note]]:
    sheet = next((s for s in _sheets(book) if fold(s.title) == "avis"), None)
    if sheet is None:
        return {}
    headers = _headers(sheet)
    keys = [normalise_header(h) for h in headers]
    if "dossier id" not in keys:
        raise InputError(
            _("colonne « Dossier ID » absente"), file=book.name, sheet=sheet.title, row=1
        )
    id_index = keys.index("dossier id")
    found: dict[str, list[Note]] = {}
    for row, cells in _data_rows(sheet):
        ref = _owner(book, sheet, row, cells, id_index, headers[id_index], refs, drafts)
        if ref is None:
            continue
        items = tuple(
            (headers[i], text)
            for i in range(len(headers))
            if i != id_index and headers[i] and (text := text_of(_value(cells, i)))
        )
        if items:
            found.setdefault(ref, []).append(Note(items))
    return found
