"""The open-data CSV in the SCDL « subventions » columns."""

from __future__ import annotations

import csv
from pathlib import Path

from export_fixtures import FORMULA_TITLE, rich_campaign

from juryapp.core.results import Status
from juryapp.documents.opendata import COLUMNS, write_opendata
from juryapp.documents.record import record_from_campaign

SCDL_2_1_1 = [
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
]


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_header_and_one_row_per_laureate(tmp_path: Path) -> None:
    record = record_from_campaign(rich_campaign())
    path = tmp_path / "subventions.csv"
    write_opendata(path, record)
    assert list(COLUMNS) == SCDL_2_1_1
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(SCDL_2_1_1)
    rows = _read(path)
    laureates = [d for d in record.results.dossiers if d.status is Status.LAUREATE]
    assert [r["objet"].split(" (")[0] for r in rows][:2] == [
        "Coopérative des tiers-lieux",
        "Recyclerie du Grand Poitiers",
    ]
    assert len(rows) == len(laureates) == 12
    total = sum(int(r["montant"].replace(".", "")) for r in rows)
    assert total == record.results.awarded_cents
    first = rows[0]
    assert first["nomAttribuant"] == "Région Nouvelle-Aquitaine"
    assert first["idAttribuant"] == "20005375900011"
    assert first["nomBeneficiaire"] == "SCIC Tiers-Lieux Aquitaine"
    assert first["idBeneficiaire"] == "67895644300011"
    assert first["montant"] == "200000.00"
    assert first["nature"] == "aide en numéraire"
    assert first["pourcentageSubvention"] == "1.00"
    assert first["dateConvention"] == "" and first["notificationUE"] == ""
    advance = next(r for r in rows if r["nomBeneficiaire"] == "Les Marmites")
    assert advance["objet"] == "Cantine associative de quartier (avance remboursable)"
    assert advance["montant"] == "40000.00"


def test_formula_like_text_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "subventions.csv"
    write_opendata(path, record_from_campaign(rich_campaign()))
    row = next(r for r in _read(path) if r["nomBeneficiaire"] == "Collectif Formule")
    assert row["objet"] == "'" + FORMULA_TITLE + " (avance remboursable)"
    assert row["montant"] == "25000.00"


def test_rna_from_a_free_column(tmp_path: Path) -> None:
    from dataclasses import replace

    campaign = rich_campaign()
    dossiers = tuple(
        replace(d, fields=(("RNA", "w123456789"),)) if d.ref == "DEV-02" else d
        for d in campaign.dossiers
    )
    path = tmp_path / "rna.csv"
    write_opendata(path, record_from_campaign(replace(campaign, dossiers=dossiers)))
    rows = _read(path)
    assert rows[0]["rnaBeneficiaire"] == "W123456789"
    assert rows[1]["rnaBeneficiaire"] == ""
