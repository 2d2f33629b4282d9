"""Real ``.xlsx`` files for the tests, written from rows with openpyxl, and the Grand
Poitiers call as the secretariat types it (the call of :mod:`juryapp.samples.poitiers`,
with a shorter jury and list of dossiers of its own)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from juryapp.samples import poitiers

Rows = Sequence[Sequence[Any]]


def write_book(path: Path, sheets: Mapping[str, Rows]) -> Path:
    """A workbook with one sheet per entry, in order, rows written as given (None: an empty
    cell)."""
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


def _euros(cents: int) -> str:
    """Whole euros as a secretariat types them: « 21 000 »."""
    return f"{cents // 100:,}".replace(",", " ")


GRAND_POITIERS: dict[str, Rows] = {
    "Appel": [
        ("Paramètre", "Valeur"),
        ("Nom", poitiers.NAME),
        ("Organisme", poitiers.AUTHORITY),
        ("Date du jury", poitiers.SESSION),
        ("Lieu", poitiers.PLACE),
        ("Mode", "prix"),
        ("Enveloppe", f"{_euros(sum(sum(c.prizes_cents) for c in poitiers.CATEGORIES))} €"),
        ("Départage", "vote"),
        ("Notes minimum", 2),
    ],
    "Critères": [
        ("Code", "Critère", "Poids", "Min", "Max", "Pas"),
        *((c.code, c.label, c.weight, c.min, c.max, float(c.step)) for c in poitiers.CRITERIA),
    ],
    "Catégories": [
        ("Code", "Catégorie", "Prix"),
        *((c.code, c.name, _euros(c.prizes_cents[0])) for c in poitiers.CATEGORIES),
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
