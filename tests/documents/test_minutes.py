"""The procès-verbal: everything of rules §10, read back from the PDF's text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from export_fixtures import (
    DRAW_SEED,
    FORMULA_TITLE,
    JURORS,
    long_campaign,
    pdf_pages,
    pdf_text,
    rich_campaign,
)

from juryapp.core.model import OrderTie
from juryapp.documents.minutes import write_minutes
from juryapp.documents.record import DeliberationRecord, build_record, record_from_campaign
from juryapp.operations import deliberation
from juryapp.store import CampaignFile

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def rich_record() -> DeliberationRecord:
    return record_from_campaign(rich_campaign(), author="secrétariat")


@pytest.fixture(scope="module")
def draft_pages(
    rich_record: DeliberationRecord, tmp_path_factory: pytest.TempPathFactory
) -> list[str]:
    path = tmp_path_factory.mktemp("pv") / "pv.pdf"
    write_minutes(path, rich_record)
    return pdf_pages(path)


@pytest.fixture(scope="module")
def draft(draft_pages: list[str]) -> str:
    return " ".join(draft_pages)


def test_title_call_authority_session(draft: str) -> None:
    assert "Procès-verbal de délibération du jury" in draft
    assert "AMI Innovation sociale 2026" in draft
    assert "Région Nouvelle-Aquitaine" in draft
    assert "12 juin 2026" in draft
    assert "14 h 00" in draft
    assert "Hôtel de Région, Bordeaux — salle Garonne" in draft


def test_says_it_is_a_proposal_to_the_authority(draft: str) -> None:
    assert "constitue l'avis du jury" in draft
    assert "seule compétente pour décider" in draft
    assert "Il ne vaut pas décision d'attribution" in draft


def test_every_member_with_role_attendance_and_the_secretary(draft: str) -> None:
    labels = {
        "présent": "présent(e)",
        "visio": "en visioconférence",
        "représenté": "représenté(e)",
        "absent": "absent(e)",
    }
    for juror in JURORS:
        line = re.search(re.escape(juror.name) + r" \(" + juror.code + r"\) (.{0,120})", draft)
        assert line, juror.name
        assert labels[juror.attendance.value] in line.group(1), juror.name
        assert juror.organisation in line.group(1)
    assert "vice-président(e)" in draft
    assert "Secrétariat de séance : Nadia Ouali" in draft
    assert "Présidence : Marie Lambert" in draft
    assert "Présents : 4 ; en visioconférence : 1 ; représentés : 1 ; absents : 1." in draft


def test_quorum(draft: str) -> None:
    assert "Quorum : 5 membres comptés pour 3 requis — atteint." in draft
    assert "décret n° 2006-672, art. 10 et 11" in draft


def test_deport_sentence_dossier_by_dossier(draft: str) -> None:
    assert (
        "Dossier DEV-06 « Conciergerie de territoire » : Karim Benali, intéressé(e), "
        "s'est retiré(e) et n'a pris part ni aux débats ni au vote." in draft
    )
    assert (
        "Sophie Martin, intéressé(e), s'est retiré(e) et n'a pris part ni aux débats "
        "ni au vote." in draft
    )
    assert "quorum pour ce dossier : 4 comptés, 3 requis — atteint" in draft


def test_every_method_parameter(draft: str) -> None:
    for expected in (
        # grid
        "INNO Innovation sociale",
        "Réponse nouvelle à un besoin social mal satisfait",
        "IMPACT Impact et utilité sociale 50 50 % 0–20 1 8",
        "ANCRAGE Ancrage territorial 20 20 % 0–10 1",
        "0–5 0,5",
        # scales, aggregation, normalisation, thresholds
        "Échelle d'affichage note sur 20",
        "N = S × Σ [w × (s − min) / (max − min)] / Σ w",
        "moyenne des notes des jurés ayant noté toutes les rubriques",
        "Normalisation aucune (notes brutes)",
        "10 / 20 : un dossier dont la note est inférieure n'est pas retenu",
        "n'est pas retenu : IMPACT 8",
        # tie-break chain
        "1. moyenne la plus haute au critère IMPACT (Impact et utilité sociale)",
        "2. vote du jury",
        # allocation
        "enveloppe : dans l'ordre du classement",
        f"Enveloppe de l'appel 1{NNBSP}691{NNBSP}577,00 €",
        "le plus petit de : montant demandé, plafond, taux × base",
        f"Plafond 200{NNBSP}000,00 €",
        "Taux et base 50 % des dépenses éligibles",
        f"Plancher 10{NNBSP}000,00 €",
        "Financement partiel non",
        "arrêt : les dossiers suivants vont en liste complémentaire",
        "prorata : le reste est partagé au prorata des droits",
        # categories' own parameters
        f"enveloppe 1{NNBSP}200{NNBSP}000,00 €",
        f"40{NNBSP}000,00 € 80 % 5{NNBSP}000,00 € avance remboursable",
        # reallocation and rounding
        "aucune : les sommes non utilisées restent « non attribuées »",
        "méthode des plus forts restes (Hamilton) au centime",
        "dans l'ordre du classement puis de la référence du dossier",
        # votes and house rules
        "suffrages exprimés, abstentions exclues (CGCT, art. L2121-20)",
        "un dossier noté par moins de 3 jurés est signalé",
        "les notes données avant la séance par un membre absent sont prises en compte",
    ):
        assert expected in draft, expected


def test_not_admissible_with_reason(draft: str) -> None:
    assert "DEV-10 Ressourcerie des Landes Landes Réemploi" in draft
    assert "Dossier déposé après la date limite (15 mai 2026)" in draft


def test_ranking_rows_with_ties_marked(draft: str) -> None:
    assert "Catégorie « Développement » (DEV)" in draft
    for row in (
        f"1 DEV-02 Coopérative des tiers-lieux 17,20 6 lauréat 200{NNBSP}000,00 €",
        f"2 † DEV-04 Recyclerie du Grand Poitiers 14,80 6 lauréat 190{NNBSP}000,00 €",
        f"3 † DEV-03 Plate-forme mobilité et insertion 14,80 6 lauréat 200{NNBSP}000,00 €",
        "7 DEV-08 Menuiserie d'insertion 10,60 6 liste complémentaire —",
        "8 DEV-09 Habitat partagé intergénérationnel 9,80 6 non retenu —",
        "— DEV-01 Groupement textile solidaire 18,20 6 retiré —",
        f"4 INC-08 Ludothèque rurale 13,70 2 * lauréat 22{NNBSP}000,00 €",
        f"6 INC-05 {FORMULA_TITLE} 12,58 5 lauréat 25{NNBSP}000,00 €",
    ):
        assert row in draft, row
    assert "« * » : noté par moins de 3 jurés" in draft


def test_how_each_tie_was_settled(draft: str) -> None:
    assert "Ex aequo n° 1 — rang 2 (catégorie DEV) : DEV-03, DEV-04, DEV-05 — départagés." in draft
    assert "Départage par le critère IMPACT (moyenne la plus haute)" in draft
    assert "Vote du jury (4 pour, 1 contre, 1 abstention(s))" in draft
    assert "Ordre résultant : DEV-04 > DEV-03 > DEV-05" in draft
    assert f"Tirage au sort (graine {DRAW_SEED}) entre INC-02, INC-03 : INC-03, INC-02." in draft


def test_decisions_with_reasons_votes_and_authors(draft: str) -> None:
    assert "Ordre des ex aequo DEV-03, DEV-04 : DEV-04 > DEV-03." in draft
    assert "Ancrage local plus fort de la recyclerie" in draft
    assert (
        "4 pour, 1 contre, 1 abstention(s) — adopté à la majorité des suffrages exprimés" in draft
    )
    assert f"Tirage au sort entre INC-02, INC-03 (graine {DRAW_SEED}) : INC-03 > INC-02." in draft
    assert "Retrait du dossier DEV-01 « Groupement textile solidaire »." in draft
    assert "Désistement du porteur (courrier du 5 juin 2026)" in draft
    assert draft.count("secrétariat") >= 3


def test_award_totals_against_the_envelope(draft: str) -> None:
    assert f"Total proposé 1{NNBSP}330{NNBSP}000,00 €" in draft
    assert (
        f"Développement 1{NNBSP}200{NNBSP}000,00 € — 1{NNBSP}140{NNBSP}000,00 € 60{NNBSP}000,00 €"
        in draft
    )
    assert f"Incubation 491{NNBSP}577,00 € — 190{NNBSP}000,00 € 301{NNBSP}577,00 €" in draft
    assert (
        f"Total 1{NNBSP}691{NNBSP}577,00 € 1{NNBSP}330{NNBSP}000,00 € 361{NNBSP}577,00 €" in draft
    )
    assert f"non attribué : 361{NNBSP}577,00 €" in draft
    assert "Liste complémentaire" in draft
    assert f"1 DEV-08 Menuiserie d'insertion DEV 10,60 180{NNBSP}000,00 €" in draft


def test_crpa_mention_and_signatures(draft: str) -> None:
    assert "traitement algorithmique" in draft
    assert "article L311-3-1 du code des relations entre le public et l'administration" in draft
    assert "R311-3-1-2" in draft
    assert "Le président du jury Marie Lambert" in draft
    assert "Le secrétaire de séance Nadia Ouali" in draft
    assert "Fait à Bordeaux, le 12 juin 2026." in draft  # the town, not the room


def test_every_page_numbered_and_marked_draft(draft_pages: list[str]) -> None:
    total = len(draft_pages)
    assert total >= 4
    for number, page in enumerate(draft_pages, start=1):
        assert f"page {number} / {total}" in page
        assert "PROJET — délibération non close" in page
        assert "Procès-verbal — version 1" in page
    assert "Sceau SHA-256" not in " ".join(draft_pages)


def test_english(rich_record: DeliberationRecord, tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    write_minutes(path, rich_record, "en")
    pages = pdf_pages(path)
    text = " ".join(pages)
    for expected in (
        "Minutes of the jury's deliberation",
        "AMI Innovation sociale 2026",
        "12 June 2026",
        "It is not a decision to award",
        "Karim Benali, having an interest, withdrew and took part in neither the debate nor "
        "the vote.",
        "Quorum: 5 members counted for 3 required — reached.",
        "largest remainder (Hamilton)",
        "Total proposed €1,330,000.00",
        "€1,691,577.00",
        "DRAFT — deliberation not closed",
        "The chair of the jury Marie Lambert",
        "laureate",
        "waiting list",
    ):
        assert expected in text, expected
    for french in ("Procès-verbal de délibération", "Classement", "non attribué", "lauréat"):
        assert french not in text, french
    assert f"page 1 / {len(pages)}" in pages[0]


def test_a_long_ranking_breaks_across_pages_with_its_header(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    write_minutes(path, record_from_campaign(long_campaign(150)))
    pages = pdf_pages(path)
    header = "Rang Réf. Projet Note /20 Jurés Statut Montant proposé"
    start = next(i for i, page in enumerate(pages) if "6. Classement" in page)
    end = next(i for i, page in enumerate(pages) if "7. Départage des ex aequo" in page)
    assert end - start >= 3  # the ranking spans four pages or more
    # every page the table runs onto repeats its header before the rows
    for page in pages[start : end + 1]:
        first_row = re.search(r"\bL\d{3} Projet numéro", page)
        if first_row is None:
            continue
        assert header in page[: first_row.start()]
    text = " ".join(pages)
    for index in range(1, 151):
        assert f"L{index:03d} Projet numéro {index} —" in text
    assert f"page {len(pages)} / {len(pages)}" in pages[-1]


# --- with a real campaign file: sealed, then reopened -----------------------------------


def _sealed_file(tmp_path: Path) -> CampaignFile:
    campaign_file = CampaignFile.create(
        tmp_path / "ami.jury", rich_campaign(with_decisions=False), "coordination"
    )
    for decision in rich_campaign().decisions:
        campaign_file.add_decision(decision, "Nadia Ouali")
    deliberation.close_deliberation(campaign_file, "Marie Lambert")
    return campaign_file


def test_sealed_minutes_carry_the_seal_and_no_draft_mark(tmp_path: Path) -> None:
    with _sealed_file(tmp_path) as campaign_file:
        record = build_record(campaign_file)
        seal = campaign_file.seal
    assert seal is not None and record.closed
    path = tmp_path / "pv.pdf"
    write_minutes(path, record)
    pages = pdf_pages(path)
    text = " ".join(pages)
    assert "PROJET" not in text
    assert "Délibération close et scellée le" in text
    assert f"Sceau SHA-256 des données scellées : {seal}" in text
    for number, page in enumerate(pages, start=1):
        assert f"page {number} / {len(pages)}" in page
        assert f"Sceau SHA-256 : {seal}" in page
    assert "Nadia Ouali" in text  # author of the decisions


def test_reopened_minutes_are_a_new_draft_version(tmp_path: Path) -> None:
    with _sealed_file(tmp_path) as campaign_file:
        first_seal = campaign_file.seal
        deliberation.reopen_deliberation(
            campaign_file, "Erreur de saisie sur INC-04", "Marie Lambert"
        )
        decision_id = campaign_file.add_decision(
            OrderTie(("DEV-03", "DEV-04"), "second vote", None), "Nadia Ouali"
        )
        campaign_file.undo_decision(decision_id, "Nadia Ouali", "saisie en double")
        record = build_record(campaign_file)
    assert first_seal is not None
    path = tmp_path / "pv2.pdf"
    write_minutes(path, record)
    text = pdf_text(path)
    assert "Procès-verbal — version 2" in text
    assert "PROJET — délibération non close" in text
    assert "Version 1 scellée le" in text
    assert first_seal[:16] in text
    assert "rouverte le" in text and "Erreur de saisie sur INC-04" in text
    assert "annulée le" in text and "saisie en double" in text
