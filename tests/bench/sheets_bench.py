"""Score sheet merge benchmark (issue 10 §3): ``scores merge`` of 25 filled ``.xlsx``
score sheets × 2,000 dossiers × 8 criteria (400,000 scores).

Setup (not timed): a campaign, each juror's score sheet written by juryapp and
filled in with openpyxl. Timed: ``merge_files`` of the 25 sheets (reading, checking
every value, staging, one transaction). Baseline, in the same run: openpyxl's
read-only parse of the same 25 files (every row of every « Notes » sheet, values
only). Target: ≤ 1.5× the baseline.

Run: ``python -m tests.bench.sheets_bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import random
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import openpyxl

from juryapp.merge.run import merge_files
from juryapp.operations import scoring
from juryapp.store import CampaignFile
from tests.bench.merge_bench import CRITERIA, DOSSIERS, JURORS, build_campaign

TARGET = 1.5


def fill(path: Path, rng: random.Random) -> None:
    """Type a full grid into a blank score sheet (as a juror would, in Excel)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Notes"]
    for row in range(2, DOSSIERS + 2):
        for column in range(4, 4 + CRITERIA):
            top = 2 * (10 if (column - 4) % 2 else 5)
            value = Fraction(rng.randint(0, top), 2)
            ws.cell(
                row=row, column=column, value=int(value) if value.denominator == 1 else float(value)
            )
    wb.save(path)


def baseline(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        wb = openpyxl.load_workbook(path, read_only=True)
        for _row in wb["Notes"].iter_rows(values_only=True):
            pass
        wb.close()
    return time.perf_counter() - start


def main() -> bool:
    rng = random.Random(7)
    campaign = build_campaign()
    with tempfile.TemporaryDirectory(prefix="juryapp-sheets-bench-") as name:
        folder = Path(name)
        print(f"Fusion de feuilles de notes : {JURORS} × {DOSSIERS} dossiers × {CRITERIA} critères")
        start = time.perf_counter()
        target = CampaignFile.create(folder / "campagne.jury", campaign, "bench")
        sheets = []
        for juror in campaign.jurors:
            path = folder / f"notes-{juror.code}.xlsx"
            scoring.write_score_sheet(target, juror.code, path)
            fill(path, rng)
            sheets.append(path)
        print(f"  préparation (non chronométrée) : {time.perf_counter() - start:.1f} s")
        reference = baseline(sheets)
        start = time.perf_counter()
        report = merge_files(target, sheets, "bench")
        merged = time.perf_counter() - start
        assert report.accepted == DOSSIERS * JURORS, report.to_text("fr")
        target.close()
    ratio = merged / reference
    ok = ratio <= TARGET
    print(f"  référence openpyxl (lecture seule des 25 feuilles) : {reference:.2f} s")
    print(
        f"  scores merge : {merged:.2f} s ; {ratio:.2f}× (objectif ≤ {TARGET:g}×) "
        f"{'OK' if ok else 'ÉCHEC'}"
    )
    return ok


if __name__ == "__main__":
    main()
