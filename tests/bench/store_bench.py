"""Campaign file benchmark (no timing assert anywhere): 2,000 dossiers × 25 jurors
× 8 criteria = 400,000 score cells.

Prints the time to create, open, load, list one juror's cells and verify, and the
load's ratio to a baseline measured in the same run: the same cells read back
with plain ``sqlite3`` from a bare table (no model objects, no checks).
Run with ``bash packaging/bootstrap.sh bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from juryapp.core.model import CallRules, Campaign, Criterion, Dossier, Juror, Score
from juryapp.store import CampaignFile

DOSSIERS, JURORS, CRITERIA = 2_000, 25, 8


def big_campaign() -> Campaign:
    criteria = tuple(Criterion(f"C{i}", f"Critère {i}", 1, 10) for i in range(CRITERIA))
    dossiers = tuple(Dossier(f"D{i:04d}", f"Dossier {i}") for i in range(DOSSIERS))
    jurors = tuple(Juror(f"J{i:02d}", f"Juré {i}") for i in range(JURORS))
    scores = tuple(
        Score(j.code, d.ref, {c.code: (n + k + m) % 11 for m, c in enumerate(criteria)})
        for n, j in enumerate(jurors)
        for k, d in enumerate(dossiers)
    )
    return Campaign(
        rules=CallRules(name="Banc d'essai"),
        criteria=criteria,
        dossiers=dossiers,
        jurors=jurors,
        scores=scores,
    )


def plain_sqlite_baseline(folder: Path, campaign: Campaign) -> float:
    """Seconds to read the same cells from a bare sqlite3 table."""
    path = folder / "baseline.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE score (juror TEXT, ref TEXT, criterion TEXT, value TEXT)")
        connection.executemany(
            "INSERT INTO score VALUES (?, ?, ?, ?)",
            (
                (s.juror, s.ref, code, str(v))
                for s in campaign.scores
                for code, v in s.values.items()
            ),
        )
    started = time.perf_counter()
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT juror, ref, criterion, value FROM score").fetchall()
        grids: dict[tuple[str, str], dict[str, int]] = {}
        for juror, ref, criterion, value in rows:
            grids.setdefault((juror, ref), {})[criterion] = int(value)
    return time.perf_counter() - started


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    path = folder / "bench.jury"
    campaign = big_campaign()
    started = time.perf_counter()
    with CampaignFile.create(path, campaign, "bench"):
        pass
    created = time.perf_counter()
    with CampaignFile.open(path) as store:
        opened = time.perf_counter()
        loaded = store.load()
        done = time.perf_counter()
        cells = store.scores_for("J00")
        listed = time.perf_counter()
        report = store.verify()
        verified = time.perf_counter()
    cells_total = sum(len(score.values) for score in loaded.scores)
    print("campaign file: 2000 dossiers × 25 jurors × 8 criteria")
    print(f"cells          {cells_total}")
    print(f"create         {created - started:.2f} s")
    print(f"open           {opened - created:.2f} s")
    print(f"load           {done - opened:.2f} s")
    print(f"scores_for     {listed - done:.2f} s ({len(cells)} cells)")
    print(f"verify         {verified - listed:.2f} s (ok={report.ok})")
    print(f"file size      {path.stat().st_size / 1e6:.1f} MB")
    baseline = plain_sqlite_baseline(folder, campaign)
    print(f"baseline load  {baseline:.2f} s (plain sqlite3 rows into dicts)")
    print(f"ratio load / baseline  {(done - opened) / baseline:.2f}")


if __name__ == "__main__":
    main()
