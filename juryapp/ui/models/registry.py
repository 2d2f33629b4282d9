"""The dossiers that match the registry of past laureates (rules §13), as the secretariat's
screens show them: the registry dialog's table, and the labels of the dossier table's
« Déjà soutenu » column."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from juryapp.core.model import Dossier
from juryapp.core.registry import FlagState, MatchBy, RegistryFlag
from juryapp.i18n import _
from juryapp.ui.models.table import RowTableModel, TableColumn

__all__ = ["RegistryModel", "flag_summary", "match_label", "state_colour", "state_label"]

_EXCLUDED = QColor("#b00020")
_TO_CHECK = QColor("#8a4b00")


def match_label(flag: RegistryFlag) -> str:
    return {
        MatchBy.SIRET: _("sûre : même SIRET"),
        MatchBy.RNA: _("sûre : même RNA"),
        MatchBy.NAME: _("possible : même nom et commune"),
    }[flag.match.by]


def state_label(state: FlagState) -> str:
    return {
        FlagState.REFUSED: _("non recevable (déjà soutenu)"),
        FlagState.OVERRIDDEN: _("recevable : le secrétariat passe outre"),
        FlagState.TO_CHECK: _("à vérifier : confirmer ou écarter"),
        FlagState.CONFIRMED: _("confirmé : non recevable (déjà soutenu)"),
        FlagState.DISMISSED: _("écarté : autre porteur"),
    }[state]


def flag_summary(flag: RegistryFlag) -> str:
    """One cell of the dossier table: « possible (nom et commune) — à vérifier »."""
    return f"{match_label(flag)} — {state_label(flag.state)}"


def state_colour(flag: RegistryFlag) -> QColor | None:
    if flag.excludes:
        return _EXCLUDED
    if flag.state is FlagState.TO_CHECK:
        return _TO_CHECK
    return None


class RegistryModel(RowTableModel[RegistryFlag]):
    """The dossiers that match the registry, one per line."""

    REF, TITLE, APPLICANT, MATCH, LAUREATE, STATE = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(
            [
                TableColumn(_("Réf.")),
                TableColumn(_("Projet")),
                TableColumn(_("Porteur du dossier")),
                TableColumn(_("Correspondance")),
                TableColumn(_("Lauréat passé")),
                TableColumn(_("État")),
            ],
            parent,
        )
        self._dossiers: dict[str, Dossier] = {}

    def set_flags(self, flags: Mapping[str, RegistryFlag], dossiers: list[Dossier]) -> None:
        self._dossiers = {d.ref: d for d in dossiers}
        self.set_rows(flags.values())

    def row_of(self, ref: str) -> int:
        for row, flag in enumerate(self._rows):
            if flag.ref == ref:
                return row
        return -1

    def cell(self, flag: RegistryFlag, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            dossier = self._dossiers.get(flag.ref)
            laureate = flag.match.laureate
            if column == self.REF:
                return flag.ref
            if column == self.TITLE:
                return dossier.title if dossier else ""
            if column == self.APPLICANT:
                return (
                    ", ".join(p for p in (dossier.applicant, dossier.town) if p) if dossier else ""
                )
            if column == self.MATCH:
                return match_label(flag)
            if column == self.LAUREATE:
                who = ", ".join(p for p in (laureate.holder, laureate.town) if p)
                when = ", ".join(p for p in (laureate.call, laureate.year) if p)
                return f"{who} — {when}" if when else who
            text = state_label(flag.state)
            if flag.ruling is not None and flag.ruling.reason:
                text += f" — « {flag.ruling.reason} »"
            return text
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            colour = state_colour(flag)
            return QBrush(colour) if colour is not None else None
        return None
