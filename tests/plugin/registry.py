"""La Rochelle's « Acteurs de la transition » 2024 (a project is supported only once) as
its secretariat types it, and the list of its 2023 laureates, for the tests of the
registry of past laureates (rules §13)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.plugin.workbooks import Rows, write_book

CALL_2024 = "Acteurs de la transition 2024"

LA_ROCHELLE_2024: dict[str, Rows] = {
    "Appel": [
        ("Paramètre", "Valeur"),
        ("Nom", CALL_2024),
        ("Organisme", "Communauté d'Agglomération de La Rochelle"),
        ("Mode", "enveloppe"),
        ("Enveloppe", "40 000"),
        ("Plafond", "10 000"),
        ("Année", 2024),
        ("Soutien unique", "oui"),
        ("Projets minimum", 3),
        ("Notes minimum", 1),
    ],
    "Critères": [
        ("Code", "Critère", "Poids", "Max"),
        ("TRANS", "Contribution à la transition", 2, 10),
        ("CIT", "Participation citoyenne", 1, 10),
    ],
    "Jury": [
        ("Code", "Nom", "Rôle", "Voix"),
        ("J1", "Présidente", "président", "oui"),
        ("J2", "Élu", "membre", "oui"),
        ("S", "Secrétariat ESS", "secrétaire", "non"),
    ],
    "Dossiers": [
        ("Référence", "Projet", "Porteur", "Commune", "Montant demandé", "SIRET", "RNA"),
        # same SIRET as a 2023 laureate (spaces apart): sure match
        ("LR-01", "Ressourcerie 2", "Asso Ressourcerie du Port", "La Rochelle", "8 000",
         "123 456 789 00012", ""),
        # same RNA: sure match
        ("LR-02", "Vélo-école", "Vélo Cité", "La Rochelle", "6 000", "", "W171000123"),
        # same name and town once normalised: possible, to be confirmed
        ("LR-03", "Jardins partagés", "Les Jardins d'Aytré (SCIC)", "Aytré", "7 000", "", ""),
        # same name and town: possible, to be dismissed (another association)
        ("LR-04", "Épicerie mobile", "Épicerie Solidaire", "Lagord", "5 000", "", ""),
        # same name, another town: nothing
        ("LR-05", "Épicerie de quartier", "Épicerie Solidaire", "Périgny", "5 000", "", ""),
        ("LR-06", "Compost collectif", "Compost'Agglo", "La Rochelle", "4 000", "", ""),
    ],
}  # fmt: skip

#: The 2023 laureates: SIRET, RNA, holder, town, call, year, amount.
LAUREATES_2023: list[tuple[Any, ...]] = [
    ("12345678900012", "", "Ressourcerie du Port", "LA ROCHELLE", "Acteurs de la transition",
     2023, "5 000"),
    ("", "W171000123", "Vélo-Cité", "La Rochelle", "Acteurs de la transition", 2023, "3 000"),
    ("", "", "SCIC Les Jardins d’Aytré", "AYTRE", "Acteurs de la transition", 2023, "4 500"),
    ("", "", "Association Epicerie solidaire", "Lagord", "Acteurs de la transition", 2023,
     "2 000"),
]  # fmt: skip
HEADERS = ("SIRET", "RNA", "Porteur", "Commune", "Appel", "Année", "Montant")


def write_laureates_xlsx(path: Path, rows: Sequence[Sequence[Any]] = LAUREATES_2023) -> Path:
    return write_book(path, {"Lauréats": [HEADERS, *rows]})


def write_laureates_csv(path: Path, rows: Sequence[Sequence[Any]] = LAUREATES_2023) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_la_rochelle(folder: Path) -> Path:
    return write_book(folder / "la-rochelle-2024.xlsx", LA_ROCHELLE_2024)


def new_la_rochelle(folder: Path, run: Any) -> Path:
    """La Rochelle 2024 created by the command line."""
    campaign = folder / "la-rochelle-2024.jury"
    status, _, err = run("new", str(campaign), "--from", str(write_la_rochelle(folder)))
    assert status == 0, err
    return campaign
