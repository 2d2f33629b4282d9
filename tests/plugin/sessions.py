"""ESS Nantes Factory's year (rules §12): 900 000 € over three project reviews and at
least 14 projects, as its secretariat types the workbook with a « Sessions » sheet."""

from __future__ import annotations

from pathlib import Path

from tests.plugin.workbooks import Rows, write_book

NANTES_FACTORY: dict[str, Rows] = {
    "Appel": [
        ("Paramètre", "Valeur"),
        ("Nom", "Fonds d'amorçage ESS Nantes Factory 2024"),
        ("Organisme", "Nantes Métropole"),
        ("Mode", "enveloppe"),
        ("Enveloppe", "900 000"),
        ("Plafond", "80 000"),
        ("Année", 2024),
        ("Report", "oui"),
        ("Projets minimum", 14),
        ("Notes minimum", 1),
    ],
    "Critères": [
        ("Code", "Critère", "Poids", "Max"),
        ("IMPACT", "Impact social", 2, 10),
        ("VIAB", "Viabilité", 1, 10),
    ],
    "Jury": [
        ("Code", "Nom", "Rôle", "Voix"),
        ("J1", "Présidente", "président", "oui"),
        ("J2", "Membre", "membre", "oui"),
    ],
    "Sessions": [
        ("Code", "Session", "Date", "Enveloppe"),
        ("S1", "Revue de projets de mars", "14/03/2024", "300 000"),
        ("S2", "Revue de projets de juin", "2024-06-13", ""),
        ("S3", "Revue de projets d'octobre", "", ""),
    ],
    "Dossiers": [
        ("Référence", "Projet", "Porteur", "Montant demandé", "Session"),
        ("NF-01", "Conciergerie solidaire", "Conciergerie", "60 000", "S1"),
        ("NF-02", "Cantine de quartier", "La Cantine", "45 000", "revue de projets de juin"),
        ("NF-03", "Atelier vélo", "Vélo Nantes", "30 000", ""),
    ],
}


def write_nantes_factory(folder: Path, **sheets: Rows) -> Path:
    return write_book(folder / "nantes-factory-2024.xlsx", {**NANTES_FACTORY, **sheets})
