"""Merge benchmark: 25 juror copies of 2,000 dossiers × 8 criteria (400,000 scores).

Setup (not timed): a campaign with 2,000 dossiers, 25 jurors and 8 criteria,
and each juror's copy filled with a full grid, every cell with its own edit
time. Timed: ``merge_files`` of the 25 copies into the campaign (copying each
to a temporary folder, checking it, staging its cells, checking every grid and
value, one transaction writing 400,000 cells and their journal entry), then the
same merge again (everything unchanged). Baseline, in the same run: a plain
``sqlite3`` bulk insert of the same 400,000 rows from Python into an empty table
of the same shape, one transaction, ``synchronous=FULL``, WAL.

Run: ``python -m tests.bench.merge_bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from fractions import Fraction
from pathlib import Path

from juryapp.core.model import CallRules, Campaign, Criterion, Dossier, Juror
from juryapp.merge.copies import make_all_juror_copies
from juryapp.merge.run import merge_files
from juryapp.store import CampaignFile

DOSSIERS, JURORS, CRITERIA = 2_000, 25, 8
SESSION_START = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)


def build_campaign() -> Campaign:
    criteria = tuple(
        Criterion(f"C{i}", f"Critère {i}", 10 + i, 10 if i % 2 else 5, step=Fraction(1, 2))
        for i in range(CRITERIA)
    )
    return Campaign(
        rules=CallRules(name="Benchmark fusion"),
        criteria=criteria,
        dossiers=tuple(Dossier(f"D{i:04d}", f"Projet {i}") for i in range(DOSSIERS)),
        jurors=tuple(Juror(f"J{j:02d}", f"Juré {j}") for j in range(JURORS)),
    )


def grid_cells(campaign: Campaign, juror: str, rng: random.Random) -> list[tuple[str, ...]]:
    """A full grid, each cell with its own edit time (a juror types one cell at a time)."""
    cells = []
    for index, (dossier, c) in enumerate(
        (dossier, c) for dossier in campaign.dossiers for c in campaign.criteria
    ):
        at = SESSION_START + timedelta(seconds=7 * index, microseconds=rng.randint(0, 999_999))
        value = str(Fraction(rng.randint(0, 2 * int(c.max)), 2))
        cells.append((juror, dossier.ref, c.code, value, at.isoformat(timespec="microseconds")))
    return cells


def baseline(rows: list[tuple[str, ...]], folder: Path) -> float:
    """Plain sqlite3: the same rows into an empty table, one transaction."""
    connection = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute(
        "CREATE TABLE score (juror TEXT, ref TEXT, criterion TEXT, value TEXT, edited_at TEXT, "
        "author TEXT, PRIMARY KEY (juror, ref, criterion))"
    )
    start = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.executemany(
        "INSERT INTO score VALUES (?, ?, ?, ?, ?, ?)", [(*row, "bench") for row in rows]
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    rng = random.Random(11)
    campaign = build_campaign()
    with tempfile.TemporaryDirectory(prefix="juryapp-merge-bench-") as name:
        folder = Path(name)
        print(f"Fusion : {JURORS} copies de jurés × {DOSSIERS} dossiers × {CRITERIA} critères")
        start = time.perf_counter()
        target = CampaignFile.create(folder / "campagne.jury", campaign, "bench")
        copies = make_all_juror_copies(target, folder / "copies", "bench")
        rows: list[tuple[str, ...]] = []
        for path, juror in zip(copies, campaign.jurors, strict=True):
            cells = grid_cells(campaign, juror.code, rng)
            rows += cells
            with CampaignFile.open(path) as copy:
                copy.set_score_cells(cells, "bench")  # type: ignore[arg-type]
        print(f"  préparation (non chronométrée) : {time.perf_counter() - start:.1f} s")

        reference = baseline(rows, folder)
        start = time.perf_counter()
        report = merge_files(target, copies, "bench")
        first = time.perf_counter() - start
        assert report.accepted == DOSSIERS * JURORS and not report.conflicts
        start = time.perf_counter()
        again = merge_files(target, copies, "bench")
        second = time.perf_counter() - start
        assert again.unchanged == DOSSIERS * JURORS and again.accepted == 0
        target.close()

    print(f"  référence sqlite3 (insertion brute de {len(rows):,} notes) : {reference:.3f} s")
    print(f"  fusion : {first:.2f} s ({first / reference:.1f} × la référence ; objectif < 5 s)")
    print(f"  même fusion refaite (tout inchangé) : {second:.2f} s")


if __name__ == "__main__":
    main()
