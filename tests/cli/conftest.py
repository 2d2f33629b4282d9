"""Fixtures for command-line tests: a real campaign workbook built with openpyxl."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from juryapp.cli import main

GRAND_POITIERS = {
    "Appel": [
        ("Paramètre", "Valeur"),
        ("Nom", "AAP « Territoire de l'ESS » 2023"),
        ("Organisme", "Grand Poitiers Communauté urbaine"),
        ("Date du jury", "12/06/2023 09:30"),
        ("Lieu", "Hôtel de ville, Poitiers"),
        ("Mode", "prix"),
        ("Enveloppe", "21 000 €"),
        ("Départage", "vote"),
        ("Notes minimum", 2),
    ],
    "Critères": [
        ("Code", "Critère", "Poids", "Min", "Max", "Pas"),
        ("UTIL", "Utilité sociale", 40, 0, 10, 0.5),
        ("ESS", "Principes de l'ESS", 30, 0, 10, 0.5),
        ("TERR", "Ancrage territorial", 30, 0, 10, 0.5),
    ],
    "Catégories": [
        ("Code", "Catégorie", "Prix"),
        ("DUR", "Territoire durable", "7 000"),
        ("CIR", "Territoire circulaire", "7 000"),
        ("INC", "Territoire inclusif", "7 000"),
    ],
    "Jury": [
        ("Code", "Nom", "Rôle", "Voix", "Présence", "Organisme"),
        ("J1", "Présidente du jury", "président", "oui", "présent", "Grand Poitiers"),
        ("J2", "Élu délégué à l'ESS", "membre", "oui", "présent", "Grand Poitiers"),
        ("J3", "Représentant de la CRESS", "membre", "oui", "visio", "CRESS"),
        ("J4", "Secrétaire de séance", "secrétaire", "non", "présent", "Grand Poitiers"),
    ],
    "Dossiers": [
        ("Référence", "Projet", "Porteur", "Catégorie", "Recevable", "Motif", "Thème"),
        ("GP-01", "Ressourcerie mobile", "Association Ressources", "DUR", "oui", "", "réemploi"),
        ("GP-02", "Jardin partagé des Couronneries", "Les Couronneries", "DUR", "oui", "", ""),
        ("GP-03", "Atelier vélo solidaire", "Vélocité", "CIR", "oui", "", "mobilité"),
        ("GP-04", "Épicerie solidaire", "Entraide 86", "INC", "oui", "", ""),
        ("GP-05", "Café des aidants", "Aidants 86", "INC", "oui", "", ""),
        ("GP-06", "Projet hors délai", "Retard SA", "CIR", "non", "dossier reçu hors délai", ""),
    ],
    "Conflits": [
        ("Juré", "Dossier", "Motif"),
        ("J3", "GP-05", "administrateur de l'association"),
    ],
}


def write_book(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    book = Workbook()
    first = True
    for title, rows in sheets.items():
        sheet = book.active if first else book.create_sheet(title)
        assert sheet is not None
        sheet.title = title
        first = False
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    """Run the command line in-process: (exit status, stdout, stderr)."""

    def runner(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            status = (
                main(["--lang", "fr", *args]) if args and args[0] != "--lang" else main(list(args))
            )
        except SystemExit as exit_:
            status = int(exit_.code or 0)
        out = capsys.readouterr()
        return status, out.out, out.err

    return runner


@pytest.fixture
def poitiers(tmp_path: Path, run: Callable[..., tuple[int, str, str]]) -> Path:
    book = write_book(tmp_path / "poitiers.xlsx", GRAND_POITIERS)
    campaign = tmp_path / "poitiers.jury"
    status, _, err = run("new", str(campaign), "--from", str(book))
    assert status == 0, err
    return campaign


def results_json(run: Callable[..., tuple[int, str, str]], campaign: Path) -> dict:
    status, out, err = run("results", str(campaign), "--json")
    assert status == 0, err
    return json.loads(out)
