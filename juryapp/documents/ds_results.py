"""The results file for Démarches Simplifiées (CSV): one row per DS dossier ID with the
jury's result, for an instructor to apply on DS from a connected machine (juryapp
stays offline).

Columns: ``ID``, ``Référence``, ``Statut``, ``Rang``, ``Note`` (two decimals, point),
``Montant`` (euros, point decimal), ``Motivation``, ``Décision DS`` — the GraphQL
mutation the status maps to (:data:`DS_DECISIONS`), empty where DS has decided the
dossier already (accepted, refused, closed) or where nothing is to be decided yet.
Rows sorted by ID; text cells neutralised so that no spreadsheet runs them.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from juryapp.core.details import DossierDetail
from juryapp.core.money import format_cents_machine
from juryapp.core.report import result_status_label
from juryapp.core.texts import decimal_string
from juryapp.io.xlsx import neutralise_csv

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = ["DS_DECISIONS", "HEADERS", "ds_result_rows", "write_ds_results"]

#: The DS decision each status maps to (GraphQL mutations an instructor applies on DS).
DS_DECISIONS = {
    "laureate": "dossierAccepter",
    "waiting": "",  # left « en instruction »: the waiting list may still move up
    "not_retained": "dossierRefuser",
    "ineligible": "dossierRefuser",
    "withdrawn": "dossierClasserSansSuite",
    "unscored": "",
}

HEADERS = ("ID", "Référence", "Statut", "Rang", "Note", "Montant", "Motivation", "Décision DS")

#: DS states after which DS needs no decision from the jury.
_DECIDED = ("Refusé", "Classé sans suite", "Accepté")


def ds_result_rows(
    record: DeliberationRecord, sources: Mapping[str, DossierDetail], lang: str
) -> list[list[str]]:
    """The rows (without header) for the dossiers of ``sources`` (DS details by ref)."""
    rows = []
    for result in record.results.dossiers:
        detail = sources.get(result.ref)
        if detail is None or detail.origin != "ds":
            continue
        amount = result.amount_cents
        rows.append(
            [
                detail.external_id,
                result.ref,
                result_status_label(result, record.results, lang),
                "" if result.rank is None else str(result.rank),
                "" if result.aggregate is None else decimal_string(result.aggregate, 2),
                format_cents_machine(amount) if amount else "",
                " ".join(reason.render(lang) for reason in result.reasons)
                or result.dossier.inadmissible_reason,
                "" if detail.state in _DECIDED else DS_DECISIONS[result.status.value],
            ]
        )
    rows.sort(key=lambda row: (len(row[0]), row[0]))  # DS IDs are numbers
    return rows


def write_ds_results(
    path: Path | str,
    record: DeliberationRecord,
    sources: Mapping[str, DossierDetail],
    lang: str,
) -> None:
    """Write the DS results CSV (UTF-8, comma) of ``record`` to ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for row in ds_result_rows(record, sources, lang):
            writer.writerow([row[0], *(neutralise_csv(cell) for cell in row[1:])])
