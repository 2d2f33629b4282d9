"""``juryapp demo DIR``: a real call run end to end, with no display needed.

The Région Nouvelle-Aquitaine's AMI « Innovation sociale et sociétale » (2016;
projects and amounts from the Région's published list of laureates: aid capped
at 40 000 € per project, as a share of the project's total budget). The demo
writes the campaign workbook a secretariat would fill, creates the campaign
from it, lets five jurors score (deterministic), records a déport, settles the
ties, records a withdrawal, seals the deliberation, exports the documents and
verifies the file. Everything lands in DIR.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TextIO

from openpyxl import Workbook

from juryapp.core.model import Attendance, Campaign, TieBreakKind
from juryapp.core.report import results_table
from juryapp.core.results import Results, TieState
from juryapp.documents.export import export
from juryapp.io.xlsx import style_header_row, write_text
from juryapp.operations import deliberation
from juryapp.operations.campaign import campaign_info, compute, create_from_workbook
from juryapp.store import CampaignFile

AUTHOR = "secrétariat (démo)"
CAMPAIGN_NAME = "ami-innovation-sociale-2016"

CALL = [
    ("Nom", "AMI Innovation sociale et sociétale 2016 — session de novembre"),
    ("Organisme", "Région Nouvelle-Aquitaine"),
    ("Date du jury", "21/11/2016 14:00"),
    ("Lieu", "Hôtel de Région, Bordeaux"),
    ("Mode", "enveloppe"),
    ("Enveloppe", "200 000 €"),
    ("Plafond", "40 000 €"),
    ("Taux", "50 %"),
    ("Base du taux", "budget global"),
    ("Plancher", "5 000 €"),
    ("Financement partiel", "oui"),
    ("Suite", "arrêt"),
    ("Égalité au seuil", "prorata"),
    ("Échelle", 20),
    ("Seuil", 10),
    ("Agrégation", "moyenne"),
    ("Départage", "critère:IMPACT ; vote"),
    ("Réaffectation", "aucune"),
    ("Quorum", "moitié"),
    ("Majorité", "exprimés"),
    ("Notes minimum", 3),
]

CRITERIA = [
    ("Code", "Critère", "Poids", "Min", "Max", "Pas", "Seuil", "Description"),
    (
        "INNO",
        "Caractère socialement innovant",
        30,
        0,
        5,
        0.5,
        None,
        "Réponse nouvelle à un besoin social mal satisfait ; participation des acteurs.",
    ),
    (
        "IMPACT",
        "Impact social attendu",
        30,
        0,
        5,
        0.5,
        2,
        "Bénéficiaires, effets mesurables, capacité à qualifier l'impact économique et social.",
    ),
    (
        "COOP",
        "Coopération entre acteurs",
        20,
        0,
        5,
        0.5,
        None,
        "Projet collectif, partenaires engagés, nouvelles coopérations acteurs / bénéficiaires.",
    ),
    (
        "TERR",
        "Ancrage territorial",
        20,
        0,
        5,
        0.5,
        None,
        "Le territoire comme laboratoire : besoins locaux, essaimage en Nouvelle-Aquitaine.",
    ),
]

CATEGORIES = [
    ("Code", "Catégorie", "Nature"),
    ("SERV", "Innovation de services ou de produits", "subvention"),
    ("ORGA", "Innovation organisationnelle", "subvention"),
    ("TERR", "Innovation territoriale", "subvention"),
]

JURY = [
    ("Code", "Nom", "Rôle", "Voix", "Présence", "Organisme"),
    (
        "PD",
        "Pascal Duforestel",
        "président",
        "oui",
        "présent",
        "Région Nouvelle-Aquitaine, conseiller délégué à l'ESS",
    ),
    (
        "CM",
        "Christine Moebs",
        "vice-président",
        "oui",
        "présent",
        "Région Nouvelle-Aquitaine, conseillère déléguée à l'innovation sociale",
    ),
    ("CRESS", "Représentant·e de la CRESS", "membre", "oui", "présent", "CRESS Nouvelle-Aquitaine"),
    ("ADI", "Représentant·e de l'ADI", "membre", "oui", "visio", "ADI Nouvelle-Aquitaine"),
    (
        "ATIS",
        "Représentant·e d'ATIS",
        "membre",
        "oui",
        "présent",
        "Association Territoires et Innovation sociale",
    ),
    (
        "JLP",
        "Jacques Le Priol",
        "secrétaire",
        "non",
        "présent",
        "Région, directeur de la mission ESS et innovation sociale",
    ),
]

# Référence, Projet, Porteur, Commune, Catégorie, Montant demandé, Budget global,
# Recevable, Motif, and the jurors' shared view of its quality (drives the simulation).
DOSSIERS: Sequence[tuple[str, str, str, str, str, str, str, str, str, float]] = [
    (
        "NA-01",
        "Coopération des structures de recyclage textile de seconde main",
        "Groupement textile solidaire Nouvelle Aquitaine",
        "Mérignac (33)",
        "ORGA",
        "18 354",
        "48 858",
        "oui",
        "",
        0.80,
    ),
    (
        "NA-02",
        "Pôle de compétences pour 300 tiers-lieux en Nouvelle-Aquitaine",
        "La Coopérative des Tiers-Lieux",
        "Pomerol (33)",
        "TERR",
        "22 500",
        "90 000",
        "oui",
        "",
        0.74,
    ),
    (
        "NA-03",
        "Offre de service globale de mobilité pour l'insertion",
        "Plate-forme mobilité et insertions",
        "Tarnos (40)",
        "SERV",
        "40 000",
        "120 500",
        "oui",
        "",
        0.70,
    ),
    (
        "NA-04",
        "Accession sociale à la propriété par dissociation du foncier",
        "Comité Ouvrier du Logement",
        "Anglet (64)",
        "SERV",
        "40 000",
        "80 000",
        "oui",
        "",
        0.66,
    ),
    (
        "NA-05",
        "Transformation de produits frais périssables pour l'aide alimentaire",
        "Banque Alimentaire de la Haute-Vienne",
        "Limoges (87)",
        "SERV",
        "40 000",
        "374 696,80",
        "oui",
        "",
        0.70,
    ),
    (
        "NA-06",
        "Développement du pouvoir d'agir des habitants",
        "Association des Centres Socio-Culturels des Trois Cités",
        "Poitiers (86)",
        "ORGA",
        "40 000",
        "97 800",
        "oui",
        "",
        0.62,
    ),
    (
        "NA-07",
        "Les Mets Locaux",
        "Les Mets Locaux",
        "Mauprévoir (86)",
        "TERR",
        "40 000",
        "62 300",
        "oui",
        "",
        0.58,
    ),
    (
        "NA-08",
        "Tera, un écovillage pour le XXIe siècle",
        "Tera",
        "Masquières (47)",
        "TERR",
        "40 000",
        "72 000",
        "oui",
        "",
        0.55,
    ),
    (
        "NA-09",
        "« Nous vieillirons ensemble » : culture contre l'isolement des aînés",
        "Nous vieillirons ensemble",
        "Sore et Labrit (40)",
        "SERV",
        "25 000",
        "60 000",
        "oui",
        "",
        0.52,
    ),
    (
        "NA-10",
        "Supermarché coopératif et participatif",
        "Les amis du Supercoop",
        "Floirac (33)",
        "ORGA",
        "35 000",
        "150 000",
        "oui",
        "",
        0.40,
    ),
    (
        "NA-11",
        "Décision partagée et participation des salariés",
        "AE&T",
        "Jurançon (64)",
        "ORGA",
        "30 000",
        "75 000",
        "non",
        "dossier incomplet : budget prévisionnel manquant",
        0.0,
    ),
]

CONFLICTS = [
    ("Juré", "Dossier", "Motif"),
    ("ATIS", "NA-03", "ATIS accompagne le porteur du projet"),
]


def write_demo_workbook(path: Path) -> None:
    """The campaign workbook the secretariat fills, as ``juryapp template`` lays it out."""
    book = Workbook()
    call = book.active
    assert call is not None
    call.title = "Appel"
    call.append(["Paramètre", "Valeur"])
    for key, value in CALL:
        call.append([key, value])
    sheets: list[tuple[str, Sequence[Sequence[object]]]] = [
        ("Critères", CRITERIA),
        ("Catégories", CATEGORIES),
        ("Jury", JURY),
        (
            "Dossiers",
            [
                (
                    "Référence",
                    "Projet",
                    "Porteur",
                    "Commune",
                    "Catégorie",
                    "Montant demandé",
                    "Budget global",
                    "Recevable",
                    "Motif",
                ),
                *[row[:9] for row in DOSSIERS],
            ],
        ),
        ("Conflits", CONFLICTS),
    ]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for values in rows:
            sheet.append([None] * len(values))
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=sheet.max_row, column=column)
                if isinstance(value, str):
                    write_text(cell, value)
                else:
                    cell.value = value
        style_header_row(sheet)
    style_header_row(call)
    book.save(path)


def simulate_scoring(campaign_file: CampaignFile, campaign: Campaign, seed: int = 2016) -> int:
    """Each voting member scores every admissible dossier they are not recused on."""
    rng = random.Random(seed)
    quality = {row[0]: row[9] for row in DOSSIERS}
    recused = {(r.juror, r.ref) for r in campaign.recusals}
    written = 0
    for juror in campaign.jurors:
        if not juror.votes:
            continue
        severity = rng.uniform(-0.08, 0.08)
        for dossier in campaign.dossiers:
            if not dossier.admissible or (juror.code, dossier.ref) in recused:
                continue
            values = {}
            for criterion in campaign.criteria:
                level = quality[dossier.ref] + severity + rng.uniform(-0.12, 0.12)
                level = min(max(level, 0.0), 1.0)
                raw = Fraction(criterion.max) * Fraction(level).limit_denominator(1000)
                step = Fraction(criterion.step)
                values[criterion.code] = round(raw / step) * step
            written += campaign_file.set_scores(juror.code, dossier.ref, values, juror.name)
    return written


def _fresh_workbook(directory: Path) -> tuple[Path, Path]:
    """The demo's workbook written anew in ``directory`` (earlier demo files removed);
    returns it with the path its campaign file will take."""
    directory.mkdir(parents=True, exist_ok=True)
    workbook = directory / f"{CAMPAIGN_NAME}.xlsx"
    path = directory / f"{CAMPAIGN_NAME}.jury"
    for old in directory.glob(f"{CAMPAIGN_NAME}*"):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    write_demo_workbook(workbook)
    return workbook, path


def prepare_demo(directory: Path) -> Path:
    """The demo call created from its workbook and scored by the jury, nothing decided yet:
    ready to deliberate. Recreated afresh in ``directory``; returns the campaign file's path."""
    workbook, path = _fresh_workbook(directory)
    created = create_from_workbook(path, workbook, AUTHOR)
    with created.file as campaign_file:
        simulate_scoring(campaign_file, campaign_file.load())
    return path


def run_demo(directory: Path, *, lang: str = "fr", out: TextIO) -> Path:
    """Run the whole demo into ``directory``; return the campaign file's path."""
    workbook, path = _fresh_workbook(directory)
    print(f"1. Classeur de campagne écrit : {workbook}", file=out)
    created = create_from_workbook(path, workbook, AUTHOR)
    with created.file as campaign_file:
        campaign = campaign_file.load()
        print(
            f"2. Campagne créée : {path.name} — {len(campaign.dossiers)} dossiers, "
            f"{len(campaign.jurors)} membres du jury",
            file=out,
        )
        count = simulate_scoring(campaign_file, campaign)
        print(
            f"3. Les jurés notent : {count} notes enregistrées, un déport (ATIS sur NA-03)",
            file=out,
        )
        _, results = compute(campaign_file)
        _settle(campaign_file, results, out)
        _, results = compute(campaign_file)
        laureates = [d for d in results.dossiers if d.amount_cents]
        if laureates:
            first = laureates[0]
            deliberation.decide_withdraw(
                campaign_file,
                first.ref,
                "désistement du porteur (projet financé par ailleurs)",
                AUTHOR,
            )
            print(f"5. Désistement de {first.ref} : la liste complémentaire remonte", file=out)
        seal = deliberation.close_deliberation(campaign_file, AUTHOR).value
        print(f"6. Délibération close, sceau SHA-256 {seal.hash[:16]}…", file=out)
        written = _export(campaign_file, directory, lang)
        for item in written:
            print(f"7. Écrit : {item}", file=out)
        report = campaign_file.verify()
        print(f"8. Vérification : {'fichier intègre' if report.ok else report.problems}", file=out)
        _, results = compute(campaign_file)
        print("", file=out)
        out.write(results_table(results, campaign_info(campaign_file), lang))
    return path


def _settle(campaign_file: CampaignFile, results: Results, out: TextIO) -> None:
    """Settle pending ties as a jury would: by vote when the chain says so, else by lot."""
    campaign = campaign_file.load()
    present = [j for j in campaign.jurors if j.votes and j.attendance is not Attendance.ABSENT]
    settled = 0
    for tie in results.ties:
        for part in tie.pending_parts:
            if any(s.kind is TieBreakKind.VOTE for s in campaign.rules.tie_break):
                order = tuple(sorted(part))
                deliberation.decide_tie(
                    campaign_file,
                    part,
                    order,
                    "vote du jury en séance",
                    AUTHOR,
                    votes=(len(present) - 1, 0, 1),
                )
                print(
                    f"4. Égalité {', '.join(part)} : le jury vote l'ordre {', '.join(order)}",
                    file=out,
                )
            else:
                seed, order, _ = deliberation.decide_draw(
                    campaign_file, part, AUTHOR, seed=2016
                ).value
                print(
                    f"4. Égalité {', '.join(part)} : tirage au sort (graine {seed}) → "
                    f"{', '.join(order)}",
                    file=out,
                )
            settled += 1
    if not settled:
        shared = sum(1 for t in results.ties if t.state is TieState.SHARED)
        print(f"4. Aucun ex aequo à départager ({shared} rang(s) partagé(s))", file=out)


def _export(campaign_file: CampaignFile, directory: Path, lang: str) -> list[Path]:
    return list(
        export(
            campaign_file,
            minutes=directory / f"{CAMPAIGN_NAME}-proces-verbal.pdf",
            awards=directory / f"{CAMPAIGN_NAME}-attributions.xlsx",
            opendata=directory / f"{CAMPAIGN_NAME}-subventions.csv",
            explain="NA-05",
            explain_out=directory / f"{CAMPAIGN_NAME}-explication-NA-05.pdf",
            lang=lang,
            author=AUTHOR,
        )
    )
