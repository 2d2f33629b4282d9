"""The open-data subsidy file (CSV): one row per laureate, in the columns of the
SCDL « subventions » schema, version 2.1.1 (schema.data.gouv.fr/scdl/subventions,
décret n° 2017-779 and arrêté du 17 novembre 2017).

UTF-8, comma separator, a header row with the schema's exact column names in
its order. Every text cell is neutralised (``neutralise_csv``) so that no
spreadsheet runs it as a formula. The jury only proposes: the authority
completes the fields that its decision and the convention settle before it
publishes the file. For a call that runs over a year (rules §12) the file covers the
year: every sealed session's laureates and the session exported, less the laureates
withdrawn since. How each column is filled:

- ``nomAttribuant``: the call's authority (``Organisme``).
- ``idAttribuant``: the authority's SIRET (``CallRules.authority_siret``), digits only.
- ``dateConvention``: empty — the convention is signed after the authority's decision.
- ``referenceDecision``: empty — the reference of the authority's act.
- ``nomBeneficiaire``: the dossier's applicant (its title when no applicant is known).
- ``idBeneficiaire``: the dossier's SIRET, digits only.
- ``rnaBeneficiaire``: a free column of the dossier named « RNA » when it holds
  a number ``W`` + 9 digits, else empty.
- ``objet``: the project's title (at most 256 characters), with « (avance
  remboursable) » for a repayable advance.
- ``montant``: the amount proposed, point decimal, no grouping (``1691577.00``).
- ``nature``: ``aide en numéraire`` (every award is paid in money).
- ``conditionsVersement``, ``datesPeriodeVersement``: empty — set by the convention.
- ``idRAE``: empty.
- ``notificationUE``: empty — whether the aid is notified (de minimis) is the
  authority's to say.
- ``pourcentageSubvention``: ``1.00``. In the schema this is the beneficiary's
  share of the subsidy when one subsidy is split between several beneficiaries
  (« 100 %, soit 1.00 » for a single one); each laureate here is the sole
  beneficiary of its award. (It is not the share of the project's budget.)
- ``dispositifAide``: empty.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from juryapp.core.model import Dossier, Nature
from juryapp.core.money import format_cents_machine
from juryapp.core.results import DossierResult, Status
from juryapp.io.xlsx import neutralise_csv

if TYPE_CHECKING:
    from juryapp.documents.record import DeliberationRecord

__all__ = ["COLUMNS", "opendata_rows", "write_opendata"]

COLUMNS = (
    "nomAttribuant",
    "idAttribuant",
    "dateConvention",
    "referenceDecision",
    "nomBeneficiaire",
    "idBeneficiaire",
    "rnaBeneficiaire",
    "objet",
    "montant",
    "nature",
    "conditionsVersement",
    "datesPeriodeVersement",
    "idRAE",
    "notificationUE",
    "pourcentageSubvention",
    "dispositifAide",
)
_NUMBERS = frozenset({"montant", "pourcentageSubvention"})
_RNA = re.compile(r"^W\d{9}$")
_OBJECT_LIMIT = 256


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _rna(dossier: Dossier) -> str:
    for name, value in dossier.fields:
        if name.strip().lower() in {"rna", "n° rna", "numéro rna", "rnabeneficiaire"}:
            value = value.strip().upper()
            if _RNA.match(value):
                return value
    return ""


def _object(result: DossierResult, nature: Nature) -> str:
    title = " ".join(result.dossier.title.split())
    suffix = " (avance remboursable)" if nature is Nature.REPAYABLE_ADVANCE else ""
    room = _OBJECT_LIMIT - len(suffix)
    if len(title) > room:
        title = title[: room - 1] + "…"
    return title + suffix


def _results(record: DeliberationRecord) -> Iterator[DossierResult]:
    """The results the file covers: the deliberation's; for a call that runs over a year,
    the whole year up to the record's session — every sealed session's and its own, in
    the order of the sessions, less the laureates withdrawn since."""
    year = record.year
    if year is None:
        yield from record.results.dossiers
        return
    for item in year.sessions:
        if item.session.sealed or item is year.last:
            yield from (d for d in item.results.dossiers if d.ref not in year.withdrawn_later)


def opendata_rows(record: DeliberationRecord) -> list[dict[str, str]]:
    """One row per laureate (amount above zero), in the order of the results (of the
    sessions, for a call that runs over a year)."""
    rules = record.campaign.rules
    natures = {c.code: c.nature for c in record.campaign.categories}
    rows = []
    for result in _results(record):
        if result.status is not Status.LAUREATE or result.amount_cents <= 0:
            continue
        dossier = result.dossier
        nature = natures.get(dossier.category or "", Nature.GRANT)
        rows.append(
            {
                "nomAttribuant": rules.authority,
                "idAttribuant": _digits(rules.authority_siret),
                "dateConvention": "",
                "referenceDecision": "",
                "nomBeneficiaire": dossier.applicant or dossier.title,
                "idBeneficiaire": _digits(dossier.siret),
                "rnaBeneficiaire": _rna(dossier),
                "objet": _object(result, nature),
                "montant": format_cents_machine(result.amount_cents),
                "nature": "aide en numéraire",
                "conditionsVersement": "",
                "datesPeriodeVersement": "",
                "idRAE": "",
                "notificationUE": "",
                "pourcentageSubvention": "1.00",
                "dispositifAide": "",
            }
        )
    return rows


def write_opendata(path: Path | str, record: DeliberationRecord) -> None:
    """Write the SCDL « subventions » CSV of ``record`` to ``path``."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in opendata_rows(record):
            writer.writerow(
                [
                    row[column] if column in _NUMBERS else neutralise_csv(row[column])
                    for column in COLUMNS
                ]
            )
