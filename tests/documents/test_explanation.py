"""A dossier's explanation sheet: its own data in full, nobody else's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_fixtures import DRAW_SEED, JURORS, pdf_pages, pdf_text, rich_campaign

from juryapp.documents.explanation import write_explanation
from juryapp.documents.record import DeliberationRecord, record_from_campaign

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def record() -> DeliberationRecord:
    return record_from_campaign(rich_campaign())


def _sheet(record: DeliberationRecord, ref: str, tmp_path: Path, lang: str = "fr") -> str:
    path = tmp_path / f"{ref}.pdf"
    write_explanation(path, record, ref, lang)
    return pdf_text(path)


def test_method_scores_aggregate_rank_ties_and_amount(
    record: DeliberationRecord, tmp_path: Path
) -> None:
    text = _sheet(record, "DEV-04", tmp_path)
    for expected in (
        "Fiche d'explication du dossier DEV-04",
        "AMI Innovation sociale 2026",
        "L311-3-1",
        "Recyclerie du Grand Poitiers",
        "Association Ressources",
        # the grid and the method
        "IMPACT Impact et utilité sociale 50 50 % 0–20 1 8",
        "moyenne des notes des jurés ayant noté toutes les rubriques",
        "méthode des plus forts restes (Hamilton)",
        # each juror's scores by code, the means and the aggregate
        "J1 4 16 5 14,80",
        "J6 4 16 5 14,80",
        "Moyenne 4,00 16,00 5,00 14,80",
        "6 note(s) complète(s) prise(s) en compte",
        # the outcome
        "Note retenue 14,80 / 20",
        "Rang 2 sur 8",
        "Ex aequo oui, avec 2 autre(s) dossier(s)",
        "Statut lauréat",
        f"Montant proposé 190{NNBSP}000,00 €",
        # steps: the tie, the entitlement, the amount
        "Départage par le critère IMPACT (moyenne la plus haute)",
        "Vote du jury (4 pour, 1 contre, 1 abstention(s))",
        f"50 % des dépenses éligibles 380{NNBSP}000,00 € = 190{NNBSP}000,00 €",
        f"Proposé lauréat : 190{NNBSP}000,00 €.",
        # the decision about it
        "4 pour, 1 contre, 1 abstention(s) — adopté à la majorité des suffrages exprimés",
        "Motif : Ancrage local plus fort de la recyclerie",
    ):
        assert expected in text, expected


@pytest.mark.parametrize("ref", ["DEV-04", "INC-02", "INC-05", "DEV-01", "DEV-10"])
def test_no_other_dossier_and_no_juror_name(
    record: DeliberationRecord, tmp_path: Path, ref: str
) -> None:
    text = _sheet(record, ref, tmp_path)
    assert ref in text
    for dossier in record.campaign.dossiers:
        if dossier.ref == ref:
            continue
        assert not re.search(rf"(?<![\w-]){re.escape(dossier.ref)}(?![\w-])", text), dossier.ref
        assert dossier.title not in text, dossier.title
        assert dossier.applicant not in text, dossier.applicant
    for juror in JURORS:
        assert juror.name not in text, juror.name


def test_a_draw_is_explained_with_its_seed(record: DeliberationRecord, tmp_path: Path) -> None:
    text = _sheet(record, "INC-02", tmp_path)
    assert f"Tirage au sort (graine {DRAW_SEED}) entre INC-02, [autre dossier 1]" in text
    assert "Règles propres à la catégorie" in text
    assert f"plafond 40{NNBSP}000,00 €" in text and "taux 80 %" in text
    assert "avance remboursable" in text


def test_recusal_is_counted_without_a_name(record: DeliberationRecord, tmp_path: Path) -> None:
    text = _sheet(record, "INC-05", tmp_path)
    assert "1 membre(s) du jury, intéressé(s), se sont retirés" in text
    assert not re.search(r"J3 \d", text)  # the recused juror has no row of scores
    assert "J3 s'est déporté(e)" in text
    assert '=HYPERLINK("http://x","y")' in text  # its own title, as typed


def test_withdrawn_and_not_admissible(record: DeliberationRecord, tmp_path: Path) -> None:
    withdrawn = _sheet(record, "DEV-01", tmp_path)
    assert "Statut retiré" in withdrawn
    assert "Désistement du porteur (courrier du 5 juin 2026)" in withdrawn
    refused = _sheet(record, "DEV-10", tmp_path)
    assert "non recevable : Dossier déposé après la date limite (15 mai 2026)" in refused
    assert "Le dossier n'étant pas recevable, il n'a pas été noté." in refused


def test_pages_numbered_and_marked(record: DeliberationRecord, tmp_path: Path) -> None:
    path = tmp_path / "sheet.pdf"
    write_explanation(path, record, "DEV-02")
    pages = pdf_pages(path)
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
        assert "PROJET — délibération non close" in page


def test_english(record: DeliberationRecord, tmp_path: Path) -> None:
    text = _sheet(record, "DEV-04", tmp_path, "en")
    assert "Explanation sheet of dossier DEV-04" in text
    assert "Rank 2 of 8" in text
    assert "€190,000.00" in text
    assert "[another dossier 1]" in text


def test_unknown_reference(record: DeliberationRecord, tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        write_explanation(tmp_path / "x.pdf", record, "NOPE")
    assert not (tmp_path / "x.pdf").exists()
