"""Table models of the deliberation desk, over the engine's results and the campaign file.

- ``RankingModel``: one pool's ranking with separator rows (waiting list, the
  threshold line, dossiers out of the ranking), ties coloured by their state;
- ``PendingModel``: what blocks closing (``Results.pending``);
- ``DecisionsModel``: the jury's decisions, undone ones included;
- ``AttendanceModel``: the members and how they attend, editable;
- ``TextTableModel``: a small read-only table of strings (detail panel, quorum
  dossier by dossier).

The models only format: every change goes through ``juryapp.operations`` in
the page, which then hands the recomputed results back with ``set_results``.
The table models share one base (``juryapp.ui.models.table.RowTableModel``):
each declares its columns and says what one cell shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from juryapp.core.agreement import spread
from juryapp.core.model import (
    Attendance,
    Campaign,
    CarryOver,
    DrawLots,
    Juror,
    NoAward,
    OrderTie,
    Role,
    SetAmount,
    TieBreakKind,
    Withdraw,
)
from juryapp.core.money import format_cents
from juryapp.core.report import result_status_label, status_label
from juryapp.core.results import DossierResult, Pending, Results, Status, TieGroup, TieState
from juryapp.core.texts import format_note
from juryapp.i18n import _, translate
from juryapp.store import DecisionInfo
from juryapp.ui.models.table import CENTER, LEFT, RIGHT, ModelIndex, RowTableModel, TableColumn

__all__ = [
    "ATTENDANCE_LABELS",
    "AttendanceModel",
    "Column",
    "DecisionsModel",
    "PendingModel",
    "RankingModel",
    "RankingRow",
    "TextRow",
    "TextTableModel",
    "decision_columns",
    "decision_summary",
    "local_time",
    "ranking_columns",
    "tie_label",
]

_ROOT = QModelIndex()

REF_ROLE = Qt.ItemDataRole.UserRole + 1  # the dossier's reference (None on separators)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "dossier" or the separator's kind
TIE_ROLE = Qt.ItemDataRole.UserRole + 3  # the dossier's tie group id, or None
ITEM_ROLE = Qt.ItemDataRole.UserRole + 4  # the underlying object (Pending, DecisionInfo, Juror)

# Colours readable on a projector (light backgrounds, dark text).
PENDING_TIE = QColor("#FFD966")  # amber: a vote or a draw is needed
SHARED_TIE = QColor("#CFE2FF")  # blue: ex aequo, rank and money shared
BROKEN_TIE = QColor("#D4EDDA")  # green: settled by the chain or the jury
LAUREATE = QColor("#F3FAF4")
# Text of at least 4.5:1 on every background of the ranking (white, laureate green, the
# three tie colours, the selection), the amber of a pending tie included.
MUTED = QColor("#595959")
WARNING_TEXT = QColor("#8F4A00")
ERROR_TEXT = QColor("#B00020")
SEPARATOR_COLOURS = {
    "waiting": (QColor("#1F5FA8"), QColor("white")),
    "threshold": (QColor("#B00020"), QColor("white")),
    "out": (QColor("#5F6368"), QColor("white")),
    "none": (QColor("#5F6368"), QColor("white")),
}

ATTENDANCE_LABELS = {
    Attendance.PRESENT: "présent",
    Attendance.VIDEO: "visio",
    Attendance.REPRESENTED: "représenté",
    Attendance.ABSENT: "absent",
}

ROLE_LABELS = {
    Role.PRESIDENT: "président(e)",
    Role.VICE_PRESIDENT: "vice-président(e)",
    Role.MEMBER: "membre",
    Role.RAPPORTEUR: "rapporteur",
    Role.SECRETARY: "secrétaire",
}


def local_time(stamp: str | None) -> str:
    """An ISO-8601 time of the journal as ``12/06/2023 10:42`` in local time."""
    if not stamp:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def tie_label(tie: TieGroup, results: Results, lang: str = "fr") -> str:
    """« vote requis », « tirage requis », « ex aequo (partagé) » or « départagé »."""
    if tie.state is TieState.PENDING:
        waiting_for = next(
            (
                step
                for step in results.rules.tie_break
                if step.kind in (TieBreakKind.VOTE, TieBreakKind.DRAW)
            ),
            None,
        )
        if waiting_for is not None and waiting_for.kind is TieBreakKind.DRAW:
            return translate("tirage requis", lang)
        return translate("vote requis", lang)
    if tie.state is TieState.SHARED:
        return translate("ex aequo (partagé)", lang)
    return translate("départagé", lang)


def tie_colour(tie: TieGroup) -> QColor:
    return {
        TieState.PENDING: PENDING_TIE,
        TieState.SHARED: SHARED_TIE,
        TieState.BROKEN: BROKEN_TIE,
    }[tie.state]


def decision_summary(info: DecisionInfo, lang: str = "fr") -> str:
    """One line saying what a decision did."""
    decision = info.decision

    def tr(message: str) -> str:
        return translate(message, lang)

    if isinstance(decision, OrderTie):
        text = tr("Ordre des ex aequo : {order}").format(order=" > ".join(decision.refs))
        votes = decision.votes
        if votes is not None:
            text += " — " + tr("vote : {f} pour, {c} contre, {a} abstention(s)").format(
                f=votes.for_, c=votes.against, a=votes.abstain
            )
            if votes.president is not None:
                text += " — " + tr("voix prépondérante : {v}").format(v=tr(votes.president.value))
        return text
    if isinstance(decision, DrawLots):
        return tr("Tirage au sort entre {refs} (graine {seed})").format(
            refs=", ".join(decision.refs), seed=decision.seed
        )
    if isinstance(decision, Withdraw):
        return tr("Retrait du dossier {ref}").format(ref=decision.ref)
    if isinstance(decision, SetAmount):
        return tr("Montant de {ref} fixé à {amount}").format(
            ref=decision.ref, amount=format_cents(decision.amount_cents, lang)
        )
    if isinstance(decision, NoAward):
        return tr("Catégorie {code} non attribuée").format(code=decision.category)
    if isinstance(decision, CarryOver):
        return tr("Report du dossier {ref} au comité {session}").format(
            ref=decision.ref, session=decision.to_session
        )
    return info.kind  # pragma: no cover - every kind is listed above


# --- the ranking ----------------------------------------------------------------------------


class Column(IntEnum):
    RANK = 0
    REF = 1
    TITLE = 2
    NOTE = 3
    JURORS = 4
    SPREAD = 5
    TIE = 6
    STATUS = 7
    AMOUNT = 8


def ranking_columns() -> list[TableColumn]:
    """The ranking's columns, in ``Column`` order."""
    return [
        TableColumn(_("Rang"), align=CENTER),
        TableColumn(_("Réf."), align=LEFT),
        TableColumn(_("Projet"), align=LEFT),
        TableColumn(
            _("Note"),
            _("Note agrégée, avec autant de décimales qu'il faut pour départager"),
            RIGHT,
        ),
        TableColumn(_("Jurés"), _("Nombre de jurés dont la grille complète compte"), CENTER),
        TableColumn(
            _("Désaccord"),
            _("Écart-type (échantillon) et étendue (max − min) des notes des jurés"),
            RIGHT,
        ),
        TableColumn(_("Ex aequo"), _("Groupe d'ex aequo et son état"), LEFT),
        TableColumn(_("Statut"), align=LEFT),
        TableColumn(_("Montant"), align=RIGHT),
    ]


@dataclass(frozen=True)
class RankingRow:
    """A dossier of the pool, or a separator line (``kind`` waiting/threshold/out/none)."""

    kind: str
    result: DossierResult | None = None
    text: str = ""

    @property
    def is_separator(self) -> bool:
        return self.result is None


class RankingModel(RowTableModel[RankingRow]):
    """One pool's ranking: laureates, waiting list, the threshold line, the rest."""

    def __init__(self, parent: QObject | None = None, lang: str = "fr") -> None:
        super().__init__(ranking_columns(), parent)
        self.lang = lang
        self._results: Results | None = None
        self._campaign: Campaign | None = None
        self._ties: dict[int, TieGroup] = {}
        self._jurors: dict[str, Juror] = {}
        self.pool: str | None = None
        #: The view's font: bold cells and separator lines keep its size (projection).
        self.base_font: QFont | None = None

    # --- content --------------------------------------------------------------------------

    def set_results(self, results: Results, campaign: Campaign, pool: str | None) -> None:
        self._results = results
        self._campaign = campaign
        self._ties = {t.id: t for t in results.ties}
        self._jurors = {j.code: j for j in campaign.jurors}
        self.pool = pool
        self.set_rows(self._build_rows(results, pool))

    def _build_rows(self, results: Results, pool: str | None) -> list[RankingRow]:
        members = [d for d in results.dossiers if d.pool == pool]

        def by_rank(items: list[DossierResult]) -> list[DossierResult]:
            return sorted(items, key=lambda d: (d.rank is None, d.rank or 0))

        laureates = by_rank([d for d in members if d.status is Status.LAUREATE])
        waiting = by_rank([d for d in members if d.status is Status.WAITING])
        below = by_rank([d for d in members if d.status is Status.NOT_RETAINED])
        out = [
            d for d in members if d.status in (Status.UNSCORED, Status.WITHDRAWN, Status.INELIGIBLE)
        ]
        rows = [RankingRow("dossier", d) for d in laureates]
        if not laureates and (waiting or below):
            rows.append(RankingRow("none", text=translate("Aucun lauréat", self.lang)))
        if waiting:
            rows.append(
                RankingRow(
                    "waiting",
                    text=translate("Liste complémentaire — retenus, non financés", self.lang),
                )
            )
            rows.extend(RankingRow("dossier", d) for d in waiting)
        if below:
            threshold = results.rules.threshold
            if threshold is not None:
                line = translate("Seuil {t} / {s} — non retenus en dessous", self.lang).format(
                    t=format_note(threshold, 2, self.lang).removesuffix(",00").removesuffix(".00"),
                    s=results.rules.scale,
                )
            else:
                line = translate("Non retenus (seuil d'un critère)", self.lang)
            rows.append(RankingRow("threshold", text=line))
            rows.extend(RankingRow("dossier", d) for d in below)
        if out:
            rows.append(
                RankingRow(
                    "out",
                    text=translate(
                        "Hors classement — non notés, retirés, non recevables", self.lang
                    ),
                )
            )
            rows.extend(RankingRow("dossier", d) for d in out)
        return rows

    def rows(self) -> list[RankingRow]:
        return self.row_items()

    def row_of(self, ref: str) -> int | None:
        for number, row in enumerate(self._rows):
            if row.result is not None and row.result.ref == ref:
                return number
        return None

    def separator_rows(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if row.is_separator]

    def tie_of(self, result: DossierResult) -> TieGroup | None:
        return None if result.tie_group is None else self._ties.get(result.tie_group)

    # --- Qt -------------------------------------------------------------------------------

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self.is_valid(index):
            return Qt.ItemFlag.NoItemFlags
        if self.row_item(index.row()).is_separator:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def cell(self, row: RankingRow, column: int, role: int) -> Any:
        if row.result is None:
            return self._separator_data(row, Column(column), role)
        return self._dossier_data(row.result, Column(column), role)

    def _dossier_data(self, result: DossierResult, column: Column, role: int) -> Any:
        if role == REF_ROLE:
            return result.ref
        if role == KIND_ROLE:
            return "dossier"
        if role == TIE_ROLE:
            return result.tie_group
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(result, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(result, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(result, column)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(result, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(result, column)
        return None

    def _separator_data(self, row: RankingRow, column: Column, role: int) -> Any:
        if role == KIND_ROLE:
            return row.kind
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == Column.RANK else ""
        background, foreground = SEPARATOR_COLOURS[row.kind]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(foreground)
        if role == Qt.ItemDataRole.FontRole:
            font = self._base()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(LEFT)
        return None

    def _display(self, result: DossierResult, column: Column) -> str:
        lang = self.lang
        if column == Column.RANK:
            if result.rank is None:
                return "—"
            return f"{result.rank} =" if self._still_tied(result) else str(result.rank)
        if column == Column.REF:
            return result.ref
        if column == Column.TITLE:
            return result.dossier.title
        if column == Column.NOTE:
            if result.aggregate is None:
                return "—"
            return format_note(result.aggregate, result.decimals, lang)
        if column == Column.JURORS:
            if result.status is Status.INELIGIBLE:
                return ""
            text = str(result.jurors)
            if self._few_jurors(result) or not self._quorum_ok(result):
                text += " ⚠"
            return text
        if column == Column.SPREAD:
            measured = spread(list(result.notes.values()))
            if measured is None:
                return "—"
            deviation, extent = measured
            text = f"{format_note(deviation, 2, lang)} · {format_note(extent, 2, lang)}"
            # a strong disagreement is marked, not only coloured
            return text + " ⚠" if self._strong_disagreement(result) else text
        if column == Column.TIE:
            tie = self.tie_of(result)
            if tie is None or self._results is None:
                return ""
            return tie_label(tie, self._results, lang)
        if column == Column.STATUS:
            if self._results is not None:
                return result_status_label(result, self._results, lang)
            return status_label(result.status, lang)
        if column == Column.AMOUNT:
            if result.amount_cents:
                return format_cents(result.amount_cents, lang)
            return "—" if result.status is Status.WAITING else ""
        return ""  # pragma: no cover

    def _still_tied(self, result: DossierResult) -> bool:
        """Ex aequo still: in a part of two or more the chain and the jury left unbroken."""
        tie = self.tie_of(result)
        return tie is not None and any(result.ref in part and len(part) > 1 for part in tie.parts)

    def _few_jurors(self, result: DossierResult) -> bool:
        if self._results is None or result.status is Status.INELIGIBLE:
            return False
        return result.jurors < self._results.rules.min_scores

    @staticmethod
    def _quorum_ok(result: DossierResult) -> bool:
        return result.quorum is None or result.quorum.reached

    def _strong_disagreement(self, result: DossierResult) -> bool:
        measured = spread(list(result.notes.values()))
        if measured is None or self._results is None:
            return False
        return measured[1] * 4 >= self._results.rules.scale  # a quarter of the scale

    def _background(self, result: DossierResult, column: Column) -> QBrush | None:
        tie = self.tie_of(result)
        if tie is not None and (
            tie.state is TieState.PENDING or column in (Column.RANK, Column.TIE)
        ):
            return QBrush(tie_colour(tie))
        if result.status is Status.LAUREATE:
            return QBrush(LAUREATE)
        return None

    def _foreground(self, result: DossierResult, column: Column) -> QBrush | None:
        if column == Column.JURORS and not self._quorum_ok(result):
            return QBrush(ERROR_TEXT)
        if column == Column.JURORS and self._few_jurors(result):
            return QBrush(WARNING_TEXT)
        if column == Column.SPREAD and self._strong_disagreement(result):
            return QBrush(WARNING_TEXT)
        if result.status in (
            Status.NOT_RETAINED,
            Status.WITHDRAWN,
            Status.INELIGIBLE,
            Status.UNSCORED,
        ):
            return QBrush(MUTED)
        return None

    def _base(self) -> QFont:
        return QFont(self.base_font) if self.base_font is not None else QFont()

    def _font(self, result: DossierResult, column: Column) -> QFont | None:
        font = self._base()
        if column in (Column.RANK, Column.NOTE) or (
            column == Column.AMOUNT and result.amount_cents
        ):
            font.setBold(True)
            return font
        if column == Column.TIE and result.tie_group is not None:
            font.setBold(True)
            return font
        if column == Column.TITLE and result.status is Status.WITHDRAWN:
            font.setStrikeOut(True)
            return font
        return None

    def _tooltip(self, result: DossierResult, column: Column) -> str | None:
        lang = self.lang
        if column == Column.TITLE:  # whole, where the cell elides it
            return result.dossier.title
        if column == Column.SPREAD:
            notes = result.notes
            if not notes:
                return None
            return "\n".join(
                f"{self._juror_name(code)} : {format_note(note, 2, lang)}"
                for code, note in notes.items()
            )
        if column == Column.TIE:
            tie = self.tie_of(result)
            if tie is None:
                return None
            lines = [
                translate("Ex aequo au rang {k} : {refs}", lang).format(
                    k=tie.rank, refs=", ".join(tie.refs)
                )
            ]
            lines.extend(step.description.render(lang) for step in tie.steps)
            return "\n".join(lines)
        if column == Column.JURORS:
            lines = []
            if self._few_jurors(result) and self._results is not None:
                lines.append(
                    translate("Moins de {n} jurés : à signaler au PV", lang).format(
                        n=self._results.rules.min_scores
                    )
                )
            if result.quorum is not None:
                lines.append(
                    translate("Quorum du dossier : {p} présents / {r} requis", lang).format(
                        p=result.quorum.present, r=result.quorum.required
                    )
                )
            if result.recused:
                lines.append(
                    translate("Déport : {names}", lang).format(
                        names=", ".join(self._juror_name(c) for c in result.recused)
                    )
                )
            return "\n".join(lines) or None
        if column == Column.AMOUNT and result.entitlement_cents is not None:
            return translate("Droit : {a}", lang).format(
                a=format_cents(result.entitlement_cents, lang)
            )
        lines = [reason.render(lang) for reason in result.reasons]
        if column in (Column.REF, Column.TITLE):
            dossier = result.dossier
            who = " · ".join(part for part in (dossier.applicant, dossier.town) if part)
            lines = [f"{dossier.ref} — {dossier.title}", *([who] if who else []), *lines]
        return "\n".join(lines) or None

    def _juror_name(self, code: str) -> str:
        juror = self._jurors.get(code)
        return f"{code} {juror.name}" if juror else code


# --- what blocks closing --------------------------------------------------------------------

_PENDING_KINDS = {
    "tie": "Ex aequo",
    "quorum": "Quorum",
    "incomplete": "Grille incomplète",
    "amount": "Montant",
    "unscored": "Non noté",
    "registry": "Registre des lauréats",
}


class PendingModel(QAbstractListModel):
    """``Results.pending``: each item a line « Ex aequo — Égalité au rang 1… »."""

    def __init__(self, parent: QObject | None = None, lang: str = "fr") -> None:
        super().__init__(parent)
        self.lang = lang
        self._items: list[Pending] = []

    def set_items(self, items: Sequence[Pending]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int) -> Pending:
        return self._items[row]

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            kind = translate(_PENDING_KINDS.get(item.kind, item.kind), self.lang)
            return f"{kind} — {item.detail.render(self.lang)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.detail.render(self.lang)
        if role == ITEM_ROLE:
            return item
        if role == REF_ROLE:
            return item.refs[0] if item.refs else None
        return None


# --- decisions ------------------------------------------------------------------------------


def decision_columns() -> list[TableColumn]:
    """The decisions' columns; the last one, the card, is what the desk's list shows."""
    return [
        TableColumn(_("N°")),
        TableColumn(_("Décision")),
        TableColumn(_("Raison")),
        TableColumn(_("Auteur")),
        TableColumn(_("Date")),
        TableColumn(_("État")),
        TableColumn(_("Fiche")),
    ]


class DecisionsModel(RowTableModel[DecisionInfo]):
    """Every decision of the jury, newest last; undone ones greyed and struck out."""

    CARD_COLUMN = 6  # the whole decision on a few lines, for a list view

    def __init__(self, parent: QObject | None = None, lang: str = "fr") -> None:
        super().__init__(decision_columns(), parent)
        self.lang = lang

    def set_items(self, items: Sequence[DecisionInfo]) -> None:
        self.set_rows(items)

    def item(self, row: int) -> DecisionInfo:
        return self.row_item(row)

    def _card(self, info: DecisionInfo) -> str:
        lang = self.lang
        lines = [f"n° {info.id} — {decision_summary(info, lang)}"]
        if info.reason:
            lines.append(translate("Raison : {r}", lang).format(r=info.reason))
        lines.append(f"{info.author} — {local_time(info.at)}")
        if info.undone:
            lines.append(
                translate("Annulée le {at} par {who} : {why}", lang).format(
                    at=local_time(info.undone_at),
                    who=info.undone_by or "",
                    why=info.undo_reason or "—",
                )
            )
        return "\n".join(lines)

    def cell(self, info: DecisionInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(info.id)
            if column == 1:
                return decision_summary(info, self.lang)
            if column == 2:
                return info.reason
            if column == 3:
                return info.author
            if column == 4:
                return local_time(info.at)
            if column == 5:
                if info.undone:
                    return translate("annulée le {at}", self.lang).format(
                        at=local_time(info.undone_at)
                    )
                return translate("en vigueur", self.lang)
            if column == self.CARD_COLUMN:
                return self._card(info)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [decision_summary(info, self.lang)]
            if info.reason:
                lines.append(translate("Raison : {r}", self.lang).format(r=info.reason))
            if info.undone:
                lines.append(
                    translate("Annulée par {who} : {why}", self.lang).format(
                        who=info.undone_by or "", why=info.undo_reason or "—"
                    )
                )
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and info.undone:
            return QBrush(MUTED)
        if role == Qt.ItemDataRole.FontRole and info.undone and column in (1, self.CARD_COLUMN):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == ITEM_ROLE:
            return info
        return None


# --- attendance -----------------------------------------------------------------------------


class AttendanceModel(RowTableModel[Juror]):
    """The members of the jury; the « Présence » column is editable while the desk is open.

    Editing does not change anything by itself: it emits ``attendance_requested``
    and the page records it through ``juryapp.operations.secretariat.set_attendance``.
    """

    attendance_requested = Signal(str, object)  # juror code, Attendance
    ATTENDANCE_COLUMN = 3

    def __init__(self, parent: QObject | None = None, lang: str = "fr") -> None:
        super().__init__(
            [
                TableColumn(_("Membre")),
                TableColumn(_("Rôle")),
                TableColumn(_("Voix")),
                TableColumn(_("Présence")),
            ],
            parent,
        )
        self.lang = lang
        self.editable = True

    def set_jurors(self, jurors: Sequence[Juror], editable: bool) -> None:
        self.editable = editable
        self.set_rows(jurors)

    def juror(self, row: int) -> Juror:
        return self.row_item(row)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not self.is_valid(index):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and index.column() == self.ATTENDANCE_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, juror: Juror, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{juror.code} — {juror.name}"
            if column == 1:
                return translate(ROLE_LABELS[juror.role], self.lang)
            if column == 2:
                return translate("oui", self.lang) if juror.votes else translate("non", self.lang)
            if column == 3:
                return translate(ATTENDANCE_LABELS[juror.attendance], self.lang)
        if role == Qt.ItemDataRole.EditRole and column == self.ATTENDANCE_COLUMN:
            return juror.attendance.value
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and juror.organisation:
            return juror.organisation
        if role == Qt.ItemDataRole.ForegroundRole and (
            juror.attendance is Attendance.ABSENT or not juror.votes
        ):
            return QBrush(MUTED)
        if role == ITEM_ROLE:
            return juror
        return None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not self.is_valid(index)
            or role != Qt.ItemDataRole.EditRole
            or index.column() != self.ATTENDANCE_COLUMN
            or not self.editable
        ):
            return False
        try:
            attendance = Attendance(value)
        except ValueError:
            return False
        juror = self.row_item(index.row())
        if attendance is juror.attendance:
            return False
        self.attendance_requested.emit(juror.code, attendance)
        return True


# --- small tables ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TextRow:
    """A line of a ``TextTableModel``: its cells, and the colour of its text if any."""

    cells: tuple[str, ...]
    colour: QColor | None = None


class TextTableModel(RowTableModel[TextRow]):
    """A read-only table of strings, each row with an optional colour for its text."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__([TableColumn(header) for header in headers], parent)
        self._right: set[int] = set()

    def set_text(
        self,
        rows: Sequence[Sequence[str]],
        colours: Sequence[QColor | None] | None = None,
        right: set[int] | None = None,
    ) -> None:
        """Show ``rows`` of strings, coloured by ``colours``, columns ``right`` to the right."""
        self._right = right or set()
        tints = list(colours) if colours is not None else [None] * len(rows)
        self.set_rows(TextRow(tuple(r), c) for r, c in zip(rows, tints, strict=True))

    def cell(self, row: TextRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column] if column < len(row.cells) else ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(row.colour) if row.colour is not None else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in self._right:
            return int(RIGHT)
        return None
