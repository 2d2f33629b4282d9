"""The campaign workbook: the blank template, reading a whole call, and importing
a secretariat's own list of dossiers.

Reading is all or nothing: the first error raises ``InputError`` naming the
file, sheet, row and column, and nothing partial is returned. Text fields are
read as typed, formulas included (a title ``=HYPERLINK(…)`` is that text);
number fields take a formula's cached value, or refuse it when there is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from juryapp.core import tiebreaks
from juryapp.core.fields import DOSSIER_FIELDS, DossierField, FieldType
from juryapp.core.grid import format_number
from juryapp.core.model import (
    AfterMiss,
    Aggregation,
    Attendance,
    CallRules,
    CallSession,
    Campaign,
    Category,
    Criterion,
    CutoffTie,
    Dossier,
    Juror,
    MajorityRule,
    Mode,
    Nature,
    Normalisation,
    Number,
    QuorumRule,
    RateBase,
    Reallocation,
    ReallocationKind,
    Recusal,
    Role,
    TieBreakStep,
)
from juryapp.core.money import format_cents
from juryapp.core.registry import is_rna
from juryapp.i18n import _
from juryapp.io._book import Book, Table, is_blank, rows_of, sheet_is_empty, table, text_of
from juryapp.io._cells import CellRef, keyword_of
from juryapp.io.columns import (
    CATEGORY_COLUMNS,
    CONFLICT_COLUMNS,
    CRITERION_COLUMNS,
    DOSSIER_COLUMNS,
    EXAMPLE_COLUMN,
    JUROR_COLUMNS,
    SESSION_COLUMNS,
    SETTINGS,
    SHEETS,
    dossier_field_spellings,
)
from juryapp.io.errors import InputError
from juryapp.io.headers import Column, duplicate_columns, fold, match_columns, normalise_header
from juryapp.io.template import write_template

__all__ = [
    "CampaignBook",
    "DossierImport",
    "DossierPreview",
    "preview_dossiers",
    "read_campaign_workbook",
    "read_dossiers",
    "required_dossier_fields",
    "write_template",
]

# Headers of the score sheet that a criterion code must not take.
RESERVED_CODES = frozenset(
    normalise_header(name)
    for name in (
        "Juré",
        "Juror",
        "Référence",
        "Reference",
        "Projet",
        "Project",
        "Commentaire",
        "Comment",
        "Déport",
        "Recused",
    )
)
_CODE = re.compile(r"^\w[\w.\-]*$")


@dataclass(frozen=True)
class CampaignBook:
    """A campaign workbook read whole: the campaign, and what deserves a look."""

    campaign: Campaign
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DossierImport:
    """Dossiers read from a secretariat's sheet, in row order."""

    dossiers: tuple[Dossier, ...]
    sheet: str
    mapping: Mapping[str, str]  # header as written -> field (``free`` for a free field)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class DossierPreview:
    """What the mapping step of an import shows, before anything is read for good."""

    sheets: tuple[str, ...]
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    mapping: Mapping[str, str]  # header -> guessed field, ``free`` or ``ignore``
    rows: tuple[tuple[str, ...], ...]  # the first rows, as displayed text
    missing: tuple[str, ...]  # required fields no column maps to
    row_count: int


FREE = "free"
IGNORE = "ignore"


# --- the campaign workbook ------------------------------------------------------


def read_campaign_workbook(path: str | Path) -> CampaignBook:
    """Read a whole call (settings, grid, categories, jury, dossiers, conflicts)."""
    book = Book(path)
    if book.is_empty():
        raise InputError(
            _("{name} : le classeur est vide").format(name=book.name), file=book.name, whole=True
        )
    warnings: list[str] = []
    call_ws = _required_sheet(book, "call")
    criteria_ws = _required_sheet(book, "criteria")

    settings = _read_settings(book, call_ws)
    criteria = _read_criteria(book, criteria_ws, warnings)
    categories_ws = book.find_sheet(SHEETS["categories"].names())
    categories = (
        _read_categories(book, categories_ws, warnings) if categories_ws is not None else ()
    )
    rules = _build_rules(book, str(call_ws.title), settings, criteria, categories, warnings)
    categories = _check_categories(book, categories_ws, rules, categories)
    if rules.mode is Mode.PRIZE and rules.envelope_cents is None:
        total = (
            sum(sum(c.prizes_cents) for c in categories) if categories else sum(rules.prizes_cents)
        )
        rules = replace(rules, envelope_cents=total)
    elif rules.mode is Mode.ENVELOPE and rules.envelope_cents is None:
        rules = replace(rules, envelope_cents=sum(c.envelope_cents or 0 for c in categories))

    jury_ws = book.find_sheet(SHEETS["jury"].names())
    jurors = _read_jurors(book, jury_ws, warnings) if jury_ws is not None else ()

    sessions_ws = book.find_sheet(SHEETS["sessions"].names())
    sessions = _read_sessions(book, sessions_ws, rules, warnings) if sessions_ws is not None else ()

    dossiers_ws = book.find_sheet(SHEETS["dossiers"].names())
    dossiers: tuple[Dossier, ...] = ()
    if dossiers_ws is not None and not sheet_is_empty(dossiers_ws):
        data, _dropped = _drop_examples(
            table(dossiers_ws, header_score=_score_for(DOSSIER_COLUMNS)), warnings
        )
        known, unknown = _columns(book, data, DOSSIER_COLUMNS)
        dossiers = _read_dossier_rows(
            book, data, known, unknown, rules.mode, categories, warnings, sessions=sessions
        )
    if not dossiers:
        warnings.append(_("aucun dossier : la feuille « Dossiers » est absente ou vide"))
    _warn_rate_base(rules, categories, dossiers, warnings)

    conflicts_ws = book.find_sheet(SHEETS["conflicts"].names())
    recusals = (
        _read_conflicts(book, conflicts_ws, jurors, dossiers, warnings)
        if conflicts_ws is not None
        else ()
    )
    campaign = Campaign(
        rules=rules,
        criteria=criteria,
        dossiers=dossiers,
        jurors=jurors,
        categories=categories,
        recusals=recusals,
        sessions=sessions,
    )
    if not any(juror.votes for juror in jurors):
        # Nobody could score, and the jury cannot be added later: refuse now.
        if jury_ws is not None and not sheet_is_empty(jury_ws):
            jury_data = table(jury_ws, header_score=_score_for(JUROR_COLUMNS))
            _kept, examples = _drop_examples(jury_data)
            if examples and not jurors:
                raise _only_examples(book, jury_data, examples, _("aucun membre du jury"))
        raise book.error(
            _(
                "aucun membre du jury avec voix délibérative : la feuille « Jury » est "
                "absente, vide, ou ne compte que des membres sans voix"
            ),
            sheet=str(jury_ws.title) if jury_ws is not None else "Jury",
        )
    return CampaignBook(campaign, tuple(warnings))


def _required_sheet(book: Book, key: str) -> Any:
    name = SHEETS[key]
    ws = book.find_sheet(name.names())
    if ws is None:
        present = ", ".join(f"« {ws.title} »" for ws in book.sheets())
        raise InputError(
            _("feuille « {sheet} » absente (feuilles du classeur : {present})").format(
                sheet=name.french, present=present
            ),
            file=book.name,
        )
    if sheet_is_empty(ws):
        raise book.error(_("la feuille est vide"), sheet=str(ws.title))
    return ws


def _score_for(columns: Sequence[Column]) -> Callable[[list[str]], int]:
    def score(headers: list[str]) -> int:
        known, _unmatched = match_columns(headers, columns)
        return len(known)

    return score


def _columns(
    book: Book, data: Table, columns: Sequence[Column], *, check_required: bool = True
) -> tuple[dict[int, Column], list[int]]:
    known, unknown = match_columns(data.headers, columns)
    twice = duplicate_columns(known)
    if twice is not None:
        first, second = twice
        raise book.error(
            _(
                "la colonne « {column} » apparaît deux fois (« {header} » et « {other_header} »)"
            ).format(
                column=known[second].french,
                header=data.headers[first],
                other_header=data.headers[second],
            ),
            sheet=data.title,
            row=data.header_row,
            column=second + 1,
            header=data.headers[second],
        )
    if check_required:
        present = {column.field for column in known.values()}
        for column in columns:
            if column.required and column.field not in present:
                raise book.error(
                    _("colonne « {column} » absente de la ligne d'en-tête").format(
                        column=column.french
                    ),
                    sheet=data.title,
                    row=data.header_row,
                )
    return known, unknown


def _cells(
    book: Book, data: Table, row: int, cells: list[Any], known: Mapping[int, Column]
) -> dict[str, CellRef]:
    """The row's cells by field, a missing cell (short row) as an empty one."""
    result = {}
    for index, column in known.items():
        cell = cells[index] if index < len(cells) else None
        result[column.field] = CellRef(book, data.title, row, index + 1, data.headers[index], cell)
    return result


def _empty(book: Book, sheet: str, row: int) -> CellRef:
    return CellRef(book, sheet, row, 0, "", None)


def _is_example(cells: Sequence[Any], marker: int | None) -> bool:
    if marker is not None and marker < len(cells) and not is_blank(cells[marker].value):
        return True
    first = next((text_of(c.value) for c in cells if not is_blank(c.value)), "")
    return fold(first).startswith("exemple")


def _drop_examples(data: Table, warnings: list[str] | None = None) -> tuple[Table, list[int]]:
    """The sheet without the template's example rows (marked in its « Exemple » column,
    or whose first cell starts « EXEMPLE »); each one dropped is said in ``warnings``.
    The marker column itself is neither a field nor a free field."""
    marker = next((i for i, h in enumerate(data.headers) if EXAMPLE_COLUMN.matches(h)), None)
    kept: list[tuple[int, list[Any]]] = []
    dropped: list[int] = []
    for row, cells in data.rows:
        if _is_example(cells, marker):
            dropped.append(row)
        else:
            kept.append((row, cells))
    if warnings is not None:
        warnings.extend(
            _(
                "feuille « {sheet} », ligne {row} : ligne d'exemple du modèle, ignorée "
                "(elle n'est jamais importée)"
            ).format(sheet=data.title, row=row)
            for row in dropped
        )
    headers = list(data.headers)
    if marker is not None:
        headers[marker] = ""
    return Table(data.ws, data.header_row, headers, kept), dropped


def _only_examples(book: Book, data: Table, dropped: Sequence[int], what: str) -> InputError:
    """A sheet left empty once its example rows are set aside."""
    if not dropped:
        return book.error(what, sheet=data.title)
    return book.error(
        _(
            "{what} : la ligne {row} est la ligne d'exemple du modèle, qui n'est jamais "
            "importée ; ajoutez vos propres lignes sous l'en-tête"
        ).format(what=what, row=", ".join(str(r) for r in dropped)),
        sheet=data.title,
        row=dropped[0],
    )


# --- "Appel" ----------------------------------------------------------------------

_SETTING_HEADERS = {fold(word) for word in ("Paramètre", "Clé", "Key", "Setting", "Réglage")}


def _read_settings(book: Book, ws: Any) -> dict[str, CellRef]:
    by_name: dict[str, str] = {}
    for setting in SETTINGS:
        for name in setting.column().names():
            by_name[name] = setting.field
    found: dict[str, CellRef] = {}
    title = str(ws.title)
    for row, cells in rows_of(ws):
        key_cell = cells[0] if cells else None
        key = text_of(key_cell.value if key_cell is not None else None)
        if not key:
            if len(cells) > 1 and text_of(cells[1].value):
                raise book.error(_("valeur sans clé en colonne A"), sheet=title, row=row, column=1)
            continue
        if fold(key) in _SETTING_HEADERS:
            continue
        field_name = by_name.get(normalise_header(key))
        if field_name is None:
            known = ", ".join(s.french for s in SETTINGS)
            raise book.error(
                _("clé inconnue « {key} » (clés possibles : {known})").format(key=key, known=known),
                sheet=title,
                row=row,
                column=1,
            )
        if field_name in found:
            raise book.error(
                _("clé « {key} » en double (déjà ligne {row})").format(
                    key=key, row=found[field_name].row
                ),
                sheet=title,
                row=row,
                column=1,
            )
        value = cells[1] if len(cells) > 1 else None
        found[field_name] = CellRef(book, title, row, 2, key, value)
    return found


def _build_rules(
    book: Book,
    sheet: str,
    settings: Mapping[str, CellRef],
    criteria: Sequence[Criterion],
    categories: Sequence[Category],
    warnings: list[str],
) -> CallRules:
    def get(name: str) -> CellRef:
        return settings.get(name) or _empty(book, sheet, 0)

    name = get("name").text()
    if not name:
        where = settings.get("name")
        raise book.error(
            _("le nom de l'appel (clé « Nom ») est obligatoire"),
            sheet=sheet,
            row=where.row if where else None,
            column=2 if where else None,
            header=where.header if where else None,
        )
    mode = get("mode").keyword(Mode, Mode.ENVELOPE)
    envelope = get("envelope").amount()
    prizes = get("prizes").amounts()
    if prizes and mode is not Mode.PRIZE:
        raise get("prizes").error(_("des prix ne se donnent qu'en mode « prix »"))
    if mode is Mode.PRIZE and not categories and not prizes:
        raise _missing(
            book,
            sheet,
            settings,
            "prizes",
            _("en mode prix sans catégories, la clé « Prix » est obligatoire"),
        )
    if (
        mode is Mode.ENVELOPE
        and envelope is None
        and not any(c.envelope_cents is not None for c in categories)
    ):
        raise _missing(
            book,
            sheet,
            settings,
            "envelope",
            _(
                "en mode enveloppe, la clé « Enveloppe » est obligatoire (ou une "
                "enveloppe par catégorie)"
            ),
        )
    if mode is Mode.PRIZE and envelope is not None:
        total = sum(sum(c.prizes_cents) for c in categories) if categories else sum(prizes)
        if total and envelope != total:
            warnings.append(
                _("l'enveloppe ({envelope}) diffère de la somme des prix ({total})").format(
                    envelope=format_cents(envelope), total=format_cents(total)
                )
            )
    scale_cell = get("scale")
    scale_value = scale_cell.number()
    if scale_value is None:
        scale = 20
    elif scale_value in (10, 20, 100):
        scale = int(scale_value)
    else:
        raise scale_cell.error(
            _("échelle « {text} » : 10, 20 ou 100").format(text=scale_cell.text())
        )
    threshold_cell = get("threshold")
    threshold = threshold_cell.number()
    if threshold is not None and not 0 <= threshold <= scale:
        raise threshold_cell.error(
            _("le seuil {threshold} est hors de l'échelle 0–{scale}").format(
                threshold=format_number(threshold), scale=scale
            )
        )
    floor_cents = get("floor").amount() or 0
    min_scores_cell = get("min_scores")
    min_scores_value = min_scores_cell.number()
    if min_scores_value is None:
        min_scores = 3
    elif isinstance(min_scores_value, int) and min_scores_value >= 1:
        min_scores = min_scores_value
    else:
        raise min_scores_cell.error(_("un nombre entier de jurés, au moins 1, est attendu"))
    return CallRules(
        year=_whole_number(get("year"), _("une année, ex. 2024, est attendue"), 1900, 2200),
        carry_over=get("carry_over").boolean(False),
        minimum_projects=_whole_number(
            get("minimum_projects"), _("un nombre entier de projets, au moins 1, est attendu"), 1
        ),
        supported_once=get("supported_once").boolean(False),
        name=name,
        authority=get("authority").text(),
        authority_siret=get("authority_siret").text().replace(" ", ""),
        date=get("date").text(),
        place=get("place").text(),
        mode=mode,
        envelope_cents=envelope,
        prizes_cents=prizes,
        prize_capped=get("prize_capped").boolean(True),
        cap_cents=get("cap").amount(),
        rate=get("rate").rate(),
        rate_base=get("rate_base").keyword(RateBase, RateBase.ELIGIBLE_EXPENSES),
        floor_cents=floor_cents,
        partial_funding=get("partial_funding").boolean(False),
        after_miss=get("after_miss").keyword(AfterMiss, AfterMiss.STOP),
        cutoff_tie=get("cutoff_tie").keyword(CutoffTie, CutoffTie.PRORATA),
        scale=scale,
        threshold=threshold,
        aggregation=get("aggregation").keyword(Aggregation, Aggregation.MEAN),
        normalisation=get("normalisation").keyword(Normalisation, Normalisation.NONE),
        tie_break=_tie_break(get("tie_break"), criteria),
        reallocation=_reallocation(get("reallocation"), categories),
        quorum=get("quorum").keyword(QuorumRule, QuorumRule.HALF),
        majority=get("majority").keyword(MajorityRule, MajorityRule.CAST),
        min_scores=min_scores,
    )


def _whole_number(cell: CellRef, message: str, low: int, high: int | None = None) -> int | None:
    """An optional whole number in ``[low, high]`` (None when the cell is empty)."""
    value = cell.number()
    if value is None:
        return None
    if isinstance(value, int) and value >= low and (high is None or value <= high):
        return value
    raise cell.error(message)


def _missing(
    book: Book, sheet: str, settings: Mapping[str, CellRef], name: str, message: str
) -> InputError:
    where = settings.get(name)
    if where is not None:
        return where.error(message)
    return book.error(message, sheet=sheet)


def _split_keyword(text: str) -> tuple[str, str | None]:
    if ":" in text:
        head, _colon, tail = text.partition(":")
        return head.strip(), tail.strip()
    return text.strip(), None


def _tie_break(cell: CellRef, criteria: Sequence[Criterion]) -> tuple[TieBreakStep, ...]:
    """The chain of the "Départage" setting, each step read by its rule (``core.tiebreaks``)."""
    text = cell.text()
    if not text:
        return ()
    codes = {fold(c.code): c.code for c in criteria}
    rules = {
        fold(spelling): rule
        for rule in tiebreaks.RULES
        for spelling in (rule.keyword, *rule.english)
    }
    steps: list[TieBreakStep] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        head, argument = _split_keyword(part)
        rule = rules.get(fold(head))
        if rule is None:
            raise cell.error(
                _("étape de départage inconnue « {part} » (possibles : {possible})").format(
                    part=part.strip(), possible=", ".join(r.spelling() for r in tiebreaks.RULES)
                )
            )
        if rule.takes_criterion:
            if not argument:
                raise cell.error(_("« critère:CODE » : le code du critère manque"))
            code = codes.get(fold(argument))
            if code is None:
                raise cell.error(
                    _(
                        "« {part} » : pas de critère « {argument} » dans la feuille « Critères "
                        "» (codes : {criteria})"
                    ).format(
                        part=part.strip(),
                        argument=argument,
                        criteria=", ".join(c.code for c in criteria),
                    )
                )
            steps.append(TieBreakStep(rule.kind, code))
        else:
            if argument:
                raise cell.error(_("« {part} » ne prend pas de code").format(part=part.strip()))
            steps.append(TieBreakStep(rule.kind))
    return tuple(steps)


def _reallocation(cell: CellRef, categories: Sequence[Category]) -> Reallocation:
    text = cell.text()
    if not text:
        return Reallocation()
    head, argument = _split_keyword(text)
    kind = keyword_of(ReallocationKind, head)
    if kind is None:
        raise cell.error(
            _("« {text} » : valeurs possibles « aucune », « catégorie:CODE », « réserve »").format(
                text=text
            )
        )
    if kind is not ReallocationKind.CATEGORY:
        if argument:
            raise cell.error(_("« {text} » ne prend pas de code").format(text=text))
        return Reallocation(kind)
    if not argument:
        raise cell.error(_("« catégorie:CODE » : le code de la catégorie manque"))
    category = _find_category(categories, argument)
    if category is None:
        known = ", ".join(c.code for c in categories) or "aucune catégorie"
        raise cell.error(
            _("« {text} » : pas de catégorie « {argument} » ({known})").format(
                text=text, argument=argument, known=known
            )
        )
    return Reallocation(kind, category.code)


# --- "Critères" ----------------------------------------------------------------------


def _first_row(cell: CellRef, value: str, seen: dict[str, int], message: str) -> None:
    """Note the row of ``value`` in a column that must be unique (compared folded); a value
    seen before is refused at ``cell`` with ``message`` (``{value}``, ``{row}``: the first)."""
    key = fold(value)
    if key in seen:
        raise cell.error(message.format(value=value, row=seen[key]))
    seen[key] = cell.row


def _code(cell: CellRef, what: str) -> str:
    code = cell.required_text(what)
    if not _CODE.match(code):
        raise cell.error(
            _("code « {code} » : lettres, chiffres, « _ », « - » ou « . », sans espace").format(
                code=code
            )
        )
    return code


def _read_criteria(book: Book, ws: Any, warnings: list[str]) -> tuple[Criterion, ...]:
    data, dropped = _drop_examples(table(ws, header_score=_score_for(CRITERION_COLUMNS)), warnings)
    known, _unmatched = _columns(book, data, CRITERION_COLUMNS)
    criteria: list[Criterion] = []
    seen: dict[str, int] = {}
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        code = _code(c["code"], "le code du critère")
        if normalise_header(code) in RESERVED_CODES:
            raise c["code"].error(
                _("« {code} » est un en-tête réservé de la feuille de notes").format(code=code)
            )
        _first_row(c["code"], code, seen, _("code « {value} » en double (déjà ligne {row})"))
        label = c["label"].required_text("l'intitulé du critère")
        weight = _required_number(c["weight"], "le poids")
        if weight <= 0:
            raise c["weight"].error(_("le poids doit être positif"))
        high = _required_number(c["max"], "la note maximum")
        low = _optional_number(c.get("min"), 0)
        step = _optional_number(c.get("step"), 1)
        if high <= low:
            raise c["max"].error(
                _("le maximum ({high}) doit dépasser le minimum ({low})").format(
                    high=format_number(high), low=format_number(low)
                )
            )
        if step <= 0:
            raise c["step"].error(_("le pas doit être positif"))
        if (Fraction(high) - Fraction(low)) % Fraction(step) != 0:
            raise c["step"].error(
                _("le pas {step} ne mène pas de {low} à {high}").format(
                    step=format_number(step), low=format_number(low), high=format_number(high)
                )
            )
        threshold_cell = c.get("threshold")
        threshold = threshold_cell.number() if threshold_cell else None
        if threshold is not None and threshold_cell and not low <= threshold <= high:
            raise threshold_cell.error(
                _("le seuil {threshold} est hors de l'échelle {low}–{high}").format(
                    threshold=format_number(threshold),
                    low=format_number(low),
                    high=format_number(high),
                )
            )
        description = c["description"].text() if "description" in c else ""
        criteria.append(Criterion(code, label, weight, high, low, step, threshold, description))
    if not criteria:
        raise _only_examples(book, data, dropped, _("aucun critère"))
    return tuple(criteria)


def _required_number(cell: CellRef, what: str) -> Number:
    value = cell.number()
    if value is None:
        raise cell.error(_("{what} est obligatoire").format(what=what))
    return value


def _optional_number(cell: CellRef | None, default: Number) -> Number:
    if cell is None:
        return default
    value = cell.number()
    return default if value is None else value


# --- "Catégories" ------------------------------------------------------------------


def _read_categories(book: Book, ws: Any, warnings: list[str]) -> tuple[Category, ...]:
    if sheet_is_empty(ws):
        return ()
    data, _dropped = _drop_examples(table(ws, header_score=_score_for(CATEGORY_COLUMNS)), warnings)
    known, _unmatched = _columns(book, data, CATEGORY_COLUMNS)
    categories: list[Category] = []
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        code = _code(c["code"], "le code de la catégorie")
        _first_row(c["code"], code, seen_codes, _("code « {value} » en double (déjà ligne {row})"))
        name = c["name"].required_text("le nom de la catégorie")
        _first_row(
            c["name"], name, seen_names, _("catégorie « {value} » en double (déjà ligne {row})")
        )
        empty = _empty(book, data.title, row)
        categories.append(
            Category(
                code=code,
                name=name,
                envelope_cents=c.get("envelope", empty).amount(),
                prizes_cents=c.get("prizes", empty).amounts(),
                cap_cents=c.get("cap", empty).amount(),
                rate=c.get("rate", empty).rate(),
                floor_cents=c.get("floor", empty).amount(),
                nature=c.get("nature", empty).keyword(Nature, Nature.GRANT),
            )
        )
    return tuple(categories)


def _check_categories(
    book: Book, ws: Any, rules: CallRules, categories: tuple[Category, ...]
) -> tuple[Category, ...]:
    """Check each category against the mode; in prize mode a category without its
    own prizes takes the call's ``Prix``."""
    if not categories:
        return categories
    data, _dropped = _drop_examples(table(ws, header_score=_score_for(CATEGORY_COLUMNS)))
    known, _unmatched = _columns(book, data, CATEGORY_COLUMNS)
    checked: list[Category] = []
    for category, (row, cells) in zip(categories, data.rows, strict=True):
        c = _cells(book, data, row, cells, known)
        if rules.mode is Mode.PRIZE:
            if category.envelope_cents is not None:
                raise c["envelope"].error(
                    _(
                        "une enveloppe de catégorie ne se donne qu'en mode « enveloppe » (en "
                        "mode prix : la colonne Prix)"
                    )
                )
            if not category.prizes_cents:
                if not rules.prizes_cents:
                    cell = c.get("prizes") or c["code"]
                    raise cell.error(
                        _(
                            "en mode prix, la catégorie « {code} » doit avoir ses prix (ou l'appel "
                            "une clé « Prix »)"
                        ).format(code=category.code)
                    )
                category = replace(category, prizes_cents=rules.prizes_cents)
        else:
            if category.prizes_cents:
                raise c["prizes"].error(_("des prix ne se donnent qu'en mode « prix »"))
            if category.envelope_cents is None and rules.envelope_cents is None:
                cell = c.get("envelope") or c["code"]
                raise cell.error(
                    _("la catégorie « {code} » n'a pas d'enveloppe, et l'appel non plus").format(
                        code=category.code
                    )
                )
        checked.append(category)
    return tuple(checked)


def _find_category(categories: Sequence[Category], text: str) -> Category | None:
    key = fold(text)
    for category in categories:
        if fold(category.code) == key:
            return category
    for category in categories:
        if fold(category.name) == key:
            return category
    return None


# --- "Jury" -------------------------------------------------------------------------


def _read_jurors(book: Book, ws: Any, warnings: list[str]) -> tuple[Juror, ...]:
    if sheet_is_empty(ws):
        return ()
    data, _dropped = _drop_examples(table(ws, header_score=_score_for(JUROR_COLUMNS)), warnings)
    known, _unmatched = _columns(book, data, JUROR_COLUMNS)
    jurors: list[Juror] = []
    seen: dict[str, int] = {}
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        empty = _empty(book, data.title, row)
        code = _code(c["code"], "le code du juré")
        _first_row(c["code"], code, seen, _("code « {value} » en double (déjà ligne {row})"))
        name = c["name"].required_text("le nom du juré")
        role = c.get("role", empty).keyword(Role, Role.MEMBER)
        votes = c.get("votes", empty).boolean(role is not Role.SECRETARY)
        jurors.append(
            Juror(
                code=code,
                name=name,
                role=role,
                votes=votes,
                attendance=c.get("attendance", empty).keyword(Attendance, Attendance.PRESENT),
                organisation=c.get("organisation", empty).text(),
            )
        )
    presidents = [j.code for j in jurors if j.role is Role.PRESIDENT]
    if len(presidents) > 1:
        warnings.append(
            _("plusieurs présidents dans le jury : {presidents}").format(
                presidents=", ".join(presidents)
            )
        )
    if jurors and not presidents:
        warnings.append(_("le jury n'a pas de président (voix prépondérante)"))
    return tuple(jurors)


# --- "Dossiers" and dossier imports ----------------------------------------------------


def required_dossier_fields(mode: Mode, categories: Sequence[Category] = ()) -> tuple[str, ...]:
    """The fields a dossier sheet must have a column for, in this call: reference and
    project always, the amount requested in envelope mode, the category with categories."""
    required = [c.field for c in DOSSIER_COLUMNS if c.required]
    if mode is Mode.ENVELOPE:
        required.append("requested_cents")
    if categories:
        required.append("category")
    return tuple(required)


def _missing_column(book: Book, data: Table, field: str, why: str) -> InputError:
    """No column for a required field: the French name to give ``--map``, and why."""
    column = next(c for c in DOSSIER_COLUMNS if c.field == field)
    headers = ", ".join(f"« {h} »" for h in data.headers if h)
    return book.error(
        _(
            "aucune colonne pour le champ « {column} », {why}, parmi {headers} ; "
            'indiquez laquelle le contient (--map "En-tête={column}")'
        ).format(column=column.french, why=why, headers=headers),
        sheet=data.title,
        row=data.header_row,
    )


def _read_dossier_rows(
    book: Book,
    data: Table,
    known: Mapping[int, Column],
    free: Sequence[int],
    mode: Mode,
    categories: Sequence[Category],
    warnings: list[str],
    *,
    mappable: bool = False,
    sessions: Sequence[CallSession] = (),
) -> tuple[Dossier, ...]:
    """The dossiers of the rows; ``mappable``: a secretariat's own sheet, whose missing
    columns are pointed out with the ``--map`` that names them."""
    present = {column.field for column in known.values()}
    if mode is Mode.ENVELOPE and "requested_cents" not in present:
        if mappable:
            raise _missing_column(book, data, "requested_cents", _("obligatoire en mode enveloppe"))
        raise book.error(
            _("colonne « Montant demandé » absente (obligatoire en mode enveloppe)"),
            sheet=data.title,
            row=data.header_row,
        )
    if categories and "category" not in present:
        if mappable:
            raise _missing_column(
                book, data, "category", _("obligatoire quand l'appel a des catégories")
            )
        raise book.error(
            _("colonne « Catégorie » absente (l'appel a des catégories)"),
            sheet=data.title,
            row=data.header_row,
        )
    dossiers: list[Dossier] = []
    seen: dict[str, int] = {}
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        empty = _empty(book, data.title, row)
        ref = c["ref"].required_text("la référence du dossier")
        _first_row(c["ref"], ref, seen, _("référence « {value} » en double (déjà ligne {row})"))
        title = c["title"].required_text("l'intitulé du projet")
        admissible = c.get("admissible", empty).boolean(True)
        reason = c.get("inadmissible_reason", empty).text()
        if not admissible and not reason:
            cell = c.get("inadmissible_reason") or c["admissible"]
            raise cell.error(
                _("le dossier « {ref} » n'est pas recevable : le motif est obligatoire").format(
                    ref=ref
                )
            )
        if admissible and reason:
            warnings.append(
                _("dossier « {ref} » recevable : motif « {reason} » ignoré").format(
                    ref=ref, reason=reason
                )
            )
            reason = ""
        category_code: str | None = None
        category_cell = c.get("category", empty)
        if categories:
            text = category_cell.required_text("la catégorie")
            found = _find_category(categories, text)
            if found is None:
                known_codes = ", ".join(f"{x.code} ({x.name})" for x in categories)
                raise category_cell.error(
                    _("catégorie inconnue « {text} » (catégories : {known_codes})").format(
                        text=text, known_codes=known_codes
                    )
                )
            category_code = found.code
        elif category_cell.text():
            raise category_cell.error(
                _("catégorie « {text} » : l'appel n'a pas de catégories").format(
                    text=category_cell.text()
                )
            )
        session = _session_of(c.get("session", empty), sessions)
        requested = c.get("requested_cents", empty).amount()
        if requested is None and mode is Mode.ENVELOPE and admissible:
            raise c["requested_cents"].error(
                _("le montant demandé est obligatoire en mode enveloppe")
            )
        values = {
            field.code: _field_value(c.get(field.code, empty), field, ref, warnings)
            for field in _PLAIN_FIELDS
        }
        fields = tuple(
            (data.headers[index], text_of(cells[index].value) if index < len(cells) else "")
            for index in free
        )
        dossiers.append(
            Dossier(
                ref=ref,
                title=title,
                category=category_code,
                requested_cents=requested,
                admissible=admissible,
                inadmissible_reason=reason,
                session=session,
                fields=fields,
                **values,
            )
        )
    return tuple(dossiers)


def _session_of(cell: CellRef, sessions: Sequence[CallSession]) -> str | None:
    """The session a dossier is presented at: named by code or name; blank, the first."""
    text = cell.text()
    if not sessions:
        if text:
            raise cell.error(
                _("comité « {text} » : l'appel n'a pas de feuille « Sessions »").format(text=text)
            )
        return None
    if not text:
        return sessions[0].code
    wanted = fold(text)
    for session in sessions:
        if wanted in (fold(session.code), fold(session.name)):
            return session.code
    known = ", ".join(f"{s.code} ({s.name})" for s in sessions)
    raise cell.error(
        _("comité inconnu « {text} » (comités : {known})").format(text=text, known=known)
    )


# --- "Sessions" ----------------------------------------------------------------------


def _read_sessions(
    book: Book, ws: Any, rules: CallRules, warnings: list[str]
) -> tuple[CallSession, ...]:
    """The sessions (« comités ») of a call that runs over a year, in order (rules §12)."""
    if sheet_is_empty(ws):
        return ()
    data, _dropped = _drop_examples(table(ws, header_score=_score_for(SESSION_COLUMNS)), warnings)
    known, _unmatched = _columns(book, data, SESSION_COLUMNS)
    sessions: list[CallSession] = []
    seen: dict[str, int] = {}
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        empty = _empty(book, data.title, row)
        code = _code(c["code"], "le code du comité")
        _first_row(c["code"], code, seen, _("code « {value} » en double (déjà ligne {row})"))
        sessions.append(
            CallSession(
                code=code,
                name=c.get("name", empty).text() or code,
                date=c.get("date", empty).date(),
                envelope_cents=c.get("envelope", empty).amount(),
            )
        )
    declared = sum(s.envelope_cents or 0 for s in sessions)
    if rules.envelope_cents is not None and declared > rules.envelope_cents:
        warnings.append(
            _(
                "les enveloppes des comités ({declared}) dépassent l'enveloppe de l'année "
                "({year}) : aucun comité n'attribuera plus que ce qui reste de l'année"
            ).format(declared=format_cents(declared), year=format_cents(rules.envelope_cents))
        )
    return tuple(sessions)


#: The fields read above by their own rules (identity, admissibility, category, the
#: amount the envelope mode needs); every other field is read by its type.
_RULED_FIELDS = frozenset(
    {"ref", "title", "admissible", "inadmissible_reason", "category", "requested_cents", "session"}
)
_PLAIN_FIELDS = tuple(f for f in DOSSIER_FIELDS if f.code not in _RULED_FIELDS)


def _field_value(cell: CellRef, field: DossierField, ref: str, warnings: list[str]) -> Any:
    """A dossier field's value read by its type (``core.fields``)."""
    if field.kind is FieldType.CENTS:
        return cell.amount()
    if field.kind is FieldType.FLAG:
        return cell.boolean(bool(field.default))
    if field.kind is FieldType.DATE:
        return cell.date()
    if field.kind is FieldType.SIRET:
        siret = cell.text().replace(" ", "").replace("\u00a0", "")
        if siret and not (siret.isdigit() and len(siret) == 14):
            warnings.append(
                _("dossier « {ref} » : SIRET « {siret} » inhabituel (14 chiffres attendus)").format(
                    ref=ref, siret=siret
                )
            )
        return siret
    if field.kind is FieldType.RNA:
        rna = "".join(cell.text().split()).replace("\u00a0", "").replace("\u202f", "").upper()
        if rna and not is_rna(rna):
            warnings.append(
                _(
                    "dossier « {ref} » : RNA « {rna} » inhabituel (W suivi de 9 chiffres attendu)"
                ).format(ref=ref, rna=rna)
            )
        return rna
    if field.required:
        return cell.required_text(f"« {field.header.french} »")
    return cell.text()


def _warn_rate_base(
    rules: CallRules,
    categories: Sequence[Category],
    dossiers: Sequence[Dossier],
    warnings: list[str],
) -> None:
    rates = {c.code: c.rate if c.rate is not None else rules.rate for c in categories}
    attribute = (
        "eligible_expenses_cents"
        if rules.rate_base is RateBase.ELIGIBLE_EXPENSES
        else "total_budget_cents"
    )
    lacking = [
        d.ref
        for d in dossiers
        if d.admissible
        and (rates.get(d.category or "", rules.rate) is not None)
        and getattr(d, attribute) is None
    ]
    if lacking:
        shown = ", ".join(lacking[:5]) + (" …" if len(lacking) > 5 else "")
        warnings.append(
            _("taux sur « {value} » : {lacking} dossier(s) sans ce montant ({shown})").format(
                value=rules.rate_base.value, lacking=len(lacking), shown=shown
            )
        )


# --- "Conflits" ------------------------------------------------------------------------


def _read_conflicts(
    book: Book,
    ws: Any,
    jurors: Sequence[Juror],
    dossiers: Sequence[Dossier],
    warnings: list[str],
) -> tuple[Recusal, ...]:
    if sheet_is_empty(ws):
        return ()
    data, _dropped = _drop_examples(table(ws, header_score=_score_for(CONFLICT_COLUMNS)), warnings)
    known, _unmatched = _columns(book, data, CONFLICT_COLUMNS)
    juror_codes = {fold(j.code): j.code for j in jurors}
    refs = {fold(d.ref): d.ref for d in dossiers}
    recusals: list[Recusal] = []
    seen: set[tuple[str, str]] = set()
    for row, cells in data.rows:
        c = _cells(book, data, row, cells, known)
        juror_text = c["juror"].required_text("le code du juré")
        juror = juror_codes.get(fold(juror_text))
        if juror is None:
            raise c["juror"].error(
                _("juré inconnu « {juror} » (feuille « Jury »)").format(juror=juror_text)
            )
        ref_text = c["ref"].required_text("la référence du dossier")
        ref = refs.get(fold(ref_text))
        if ref is None:
            raise c["ref"].error(
                _("dossier inconnu « {ref} » (feuille « Dossiers »)").format(ref=ref_text)
            )
        if (juror, ref) in seen:
            warnings.append(
                _("déport de {juror} sur {ref} en double (ligne {row})").format(
                    juror=juror, ref=ref, row=row
                )
            )
            continue
        seen.add((juror, ref))
        reason = c["reason"].text() if "reason" in c else ""
        recusals.append(Recusal(juror, ref, reason))
    return tuple(recusals)


# --- a secretariat's own sheet -------------------------------------------------------


def _field_names() -> dict[str, str]:
    """Every accepted spelling of a field name -> the field (or FREE / IGNORE)."""
    names = dossier_field_spellings()
    names.update(
        {
            normalise_header(word): FREE
            for word in ("free", "libre", "champ libre", "fields", "champs")
        }
    )
    names.update(
        {normalise_header(word): IGNORE for word in ("ignore", "ignorer", "-", "aucun", "none")}
    )
    names[normalise_header("reason")] = "inadmissible_reason"
    return names


def _pick_sheet(book: Book, sheet: str | None) -> Any:
    sheets = book.sheets()
    if sheet is not None:
        for ws in sheets:
            if ws.title == sheet:
                return ws
        for ws in sheets:
            if normalise_header(ws.title) == normalise_header(sheet):
                return ws
        present = ", ".join(f"« {ws.title} »" for ws in sheets)
        if book.name.lower().endswith(".grist"):
            message = _("pas de table « {sheet} » (tables : {present})")
        else:
            message = _("pas de feuille « {sheet} » (feuilles : {present})")
        raise InputError(message.format(sheet=sheet, present=present), file=book.name)
    named = book.find_sheet(SHEETS["dossiers"].names())
    if named is not None and not sheet_is_empty(named):
        return named
    for ws in sheets:
        if ws.sheet_state == "visible" and not sheet_is_empty(ws):
            return ws
    return sheets[0]


def _resolve_mapping(
    book: Book, data: Table, mapping: Mapping[str, str] | None
) -> tuple[dict[int, Column], list[int], dict[str, str]]:
    """Columns by index (guessed, then the user's mapping on top), free columns, and
    the mapping as applied (header -> field, FREE or IGNORE)."""
    known, unknown = match_columns(data.headers, DOSSIER_COLUMNS)
    by_field = {column.field: column for column in DOSSIER_COLUMNS}
    free = set(unknown)
    if mapping:
        names = _field_names()
        for header, field_name in mapping.items():
            indexes = [
                i
                for i, h in enumerate(data.headers)
                if normalise_header(h) == normalise_header(header)
            ]
            if not indexes:
                present = ", ".join(f"« {h} »" for h in data.headers if h)
                raise book.error(
                    _(
                        "correspondance « {header}={field_name} » : pas de colonne « {header} "
                        "» (colonnes : {present})"
                    ).format(header=header, field_name=field_name, present=present),
                    sheet=data.title,
                    row=data.header_row,
                )
            target = names.get(normalise_header(field_name))
            if target is None:
                raise book.error(
                    _(
                        "correspondance « {header}={field_name} » : champ inconnu « "
                        "{field_name} » (champs : {fields}, « libre », « ignorer »)"
                    ).format(
                        header=header,
                        field_name=field_name,
                        fields=", ".join(f"« {column.french} »" for column in DOSSIER_COLUMNS),
                    ),
                    sheet=data.title,
                    row=data.header_row,
                )
            for index in indexes:
                known.pop(index, None)
                free.discard(index)
                if target == FREE:
                    free.add(index)
                elif target != IGNORE:
                    # The user's word wins over a guess on another column.
                    for other, column in list(known.items()):
                        if column.field == target:
                            del known[other]
                            free.add(other)
                    known[index] = by_field[target]
            if target == IGNORE:
                for index in indexes:
                    free.discard(index)
    applied: dict[str, str] = {}
    ignored = set(range(len(data.headers))) - set(known) - free
    for index, header in enumerate(data.headers):
        if not header:
            continue
        if index in known:
            applied[header] = known[index].field
        elif index in free:
            applied[header] = FREE
        elif index in ignored:
            applied[header] = IGNORE
    return known, sorted(free), applied


def _open_dossier_table(path: str | Path, sheet: str | None) -> tuple[Book, Table]:
    if Path(path).suffix.lower() == ".grist":  # a Grist document: its tables as sheets
        from juryapp.io.grist import open_grist

        book: Book = open_grist(path)
    else:
        book = Book(path)
    if book.is_empty():
        raise InputError(
            _("{name} : le classeur est vide").format(name=book.name), file=book.name, whole=True
        )
    ws = _pick_sheet(book, sheet)
    if sheet_is_empty(ws):
        raise book.error(_("la feuille est vide"), sheet=str(ws.title))
    data = table(ws, header_score=_score_for(DOSSIER_COLUMNS))
    return book, data


def read_dossiers(
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    mode: Mode = Mode.ENVELOPE,
    categories: Sequence[Category] = (),
    sessions: Sequence[CallSession] = (),
) -> DossierImport:
    """Read the dossiers of a secretariat's own sheet, all or nothing.

    The sheet is ``sheet``, else one named like « Dossiers », else the first
    sheet with data. Columns are recognised by their header (``Nom du projet``
    is the title); ``mapping`` ("Header" -> field) overrides or completes the
    guess, a field being a ``Dossier`` attribute (``title``, ``requested_cents``),
    its French header (``projet``, ``montant demandé``), ``free`` or ``ignore``.
    Unmapped columns become free fields.
    """
    book, data = _open_dossier_table(path, sheet)
    warnings: list[str] = []
    data, dropped = _drop_examples(data, warnings)
    known, free, applied = _resolve_mapping(book, data, mapping)
    twice = duplicate_columns(known)
    if twice is not None:
        first, second = twice
        raise book.error(
            _(
                "les colonnes « {header} » et « {other_header} » désignent toutes deux "
                "« {field} » (précisez avec --map)"
            ).format(
                header=data.headers[first],
                other_header=data.headers[second],
                field=known[second].field,
            ),
            sheet=data.title,
            row=data.header_row,
            column=second + 1,
            header=data.headers[second],
        )
    present = {column.field for column in known.values()}
    for column in DOSSIER_COLUMNS:
        if column.required and column.field not in present:
            raise _missing_column(book, data, column.field, _("obligatoire"))
    dossiers = _read_dossier_rows(
        book, data, known, free, mode, categories, warnings, mappable=True, sessions=sessions
    )
    if not dossiers:
        if dropped:
            raise _only_examples(book, data, dropped, _("aucun dossier"))
        raise book.error(
            _("aucun dossier sous la ligne d'en-tête"), sheet=data.title, row=data.header_row
        )
    return DossierImport(dossiers, data.title, applied, tuple(warnings))


def preview_dossiers(
    path: str | Path,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | None = None,
    rows: int = 10,
) -> DossierPreview:
    """Headers, guessed mapping and the first rows of a sheet, for the mapping step.

    Only an unreadable file, an empty sheet or a wrong ``mapping`` raise; the
    rows are not checked here (``read_dossiers`` does it).
    """
    book, data = _open_dossier_table(path, sheet)
    data, _dropped = _drop_examples(data)  # never imported: not shown either
    known, _unmatched, applied = _resolve_mapping(book, data, mapping)
    present = {column.field for column in known.values()}
    missing = tuple(c.field for c in DOSSIER_COLUMNS if c.required and c.field not in present)
    width = len(data.headers)
    shown = tuple(
        tuple(text_of(cells[i].value) if i < len(cells) else "" for i in range(width))
        for _, cells in data.rows[:rows]
    )
    return DossierPreview(
        sheets=tuple(str(ws.title) for ws in book.sheets()),
        sheet=data.title,
        header_row=data.header_row,
        headers=tuple(data.headers),
        mapping=applied,
        rows=shown,
        missing=missing,
        row_count=len(data.rows),
    )
