"""Démarches Simplifiées import benchmark (issue 14 §7): ``dossiers import`` of a DS export
of 10,000 dossiers × 40 columns (``.xlsx``).

Setup (not timed): a call with two categories, the export written with openpyxl
(write-only): DS's fixed columns, the call's fields, 25 free fields of every type, two
annotations. Timed: the whole import operation (recognising the export, reading and typing
every cell, checking, writing 10,000 dossiers and their sources in one transaction).
Baseline, in the same run: a bare read of the same file by the reader used
(python-calamine: every sheet, every cell, to Python values). Target: ≤ 2× the baseline.

Run: ``python -m tests.bench.ds_import_bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook

from juryapp.operations.campaign import import_dossiers
from juryapp.store import CampaignFile
from tests.plugin.ds_exports import ds_call

TARGET = 2.0
DOSSIERS = 10_000
FIXED = [
    "ID", "Email", "FranceConnect ?", "Entreprise raison sociale", "À archiver",
    "État du dossier", "Dernière mise à jour le", "Déposé le", "Passé en instruction le",
    "Traité le", "Motivation de la décision", "Instructeurs",
]  # fmt: skip
CALL = ["Nom du projet", "Axe visé", "Montant sollicité", "Budget total", "Commune du projet"]
FREE = 21  # with 2 annotations: 12 + 5 + 21 + 2 = 40 columns
STATES = ["En instruction", "En construction", "Accepté", "Refusé", "À corriger"]


def write_export(path: Path) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dossiers")
    free = [f"Question {n}" for n in range(1, FREE + 1)]
    sheet.append([*FIXED, *CALL, *free, "Pré-note instructeur", "Avis du service"])
    moment = dt.datetime(2026, 2, 10, 14, 30)
    for n in range(DOSSIERS):
        values = []
        for k in range(FREE):
            kind = k % 4
            if kind == 0:
                values.append(f"Réponse {k} du dossier {n} : un texte de quelques mots.")
            elif kind == 1:
                values.append(n * 3 + k)
            elif kind == 2:
                values.append(dt.datetime(2026, 1 + k % 12, 1 + n % 28))
            else:
                values.append("Oui" if (n + k) % 2 else "Non")
        sheet.append(
            [
                100_000 + n, f"contact{n}@example.org", "false", f"Structure {n}", "false",
                STATES[n % len(STATES)], moment, moment, moment, None, "", "agent@region.fr",
                f"Projet {n}", "Emploi" if n % 2 else "Territoire", 5_000 + n, 20_000 + n,
                "Niort", *values, n % 20, "À voir",
            ]
        )  # fmt: skip
    book.save(path)


def baseline(path: Path) -> float:
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    workbook = CalamineWorkbook.from_path(str(path))
    for name in workbook.sheet_names:
        workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    workbook.close()
    return time.perf_counter() - start


def main() -> bool:
    with tempfile.TemporaryDirectory(prefix="juryapp-ds-bench-") as name:
        folder = Path(name)
        print(f"Import d'un export Démarches Simplifiées : {DOSSIERS} dossiers × 40 colonnes")
        start = time.perf_counter()
        export = folder / "dossiers_bench_2026-03-20_09-30.xlsx"
        write_export(export)
        campaign = folder / "campagne.jury"
        CampaignFile.create(campaign, ds_call(), "bench").close()
        print(f"  préparation (non chronométrée) : {time.perf_counter() - start:.1f} s")
        reference = baseline(export)
        with CampaignFile.open(campaign) as campaign_file:
            start = time.perf_counter()
            done = import_dossiers(
                campaign_file, export, "bench", annotations_from="Pré-note instructeur"
            ).value
            imported = time.perf_counter() - start
        assert len(done.report.added) == DOSSIERS
    ratio = imported / reference
    ok = ratio <= TARGET
    print(f"  référence python-calamine (lecture seule du fichier) : {reference:.2f} s")
    print(
        f"  dossiers import : {imported:.2f} s ; {ratio:.2f}× (objectif ≤ {TARGET:g}×) "
        f"{'OK' if ok else 'ÉCHEC'}"
    )
    return ok


if __name__ == "__main__":
    main()
