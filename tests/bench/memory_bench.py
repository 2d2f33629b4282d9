"""Memory benchmark (issue 13 §7): the peak resident memory of ``verify``, ``results``,
each export and the merge on a call of 2,000 dossiers × 25 jurors × 8 criteria.

Setup (not measured): the campaign of ``store_bench`` (400,000 scores), and for the
merge a campaign without scores and 25 juror copies each holding a full grid (as
``merge_bench`` makes them). Each command runs in a fresh process (``juryapp …``, as
a user runs it); its peak is the kernel's ``ru_maxrss`` of that process. Baseline, in
the same run: ``python -c "import sqlite3"`` started the same way. Target: every
command under 400 MB.

Run: ``python -m tests.bench.memory_bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from juryapp.merge.copies import make_all_juror_copies
from juryapp.store import CampaignFile
from tests.bench.merge_bench import build_campaign, grid_cells
from tests.bench.startup_bench import juryapp_command
from tests.bench.store_bench import big_campaign

TARGET_MB = 400


# The command is started by a small launcher process: a child forked straight from this
# (large) process would count this process's memory in its own peak (Linux keeps the
# high-water mark across exec).
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_pid, status, usage = os.wait4(child.pid, 0)\n"
    "print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
)


def peak_mb(command: list[str]) -> tuple[float, int]:
    """Run ``command`` in a fresh process; (its peak resident memory in MB, its exit code)."""
    out = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    kilobytes, code = int(out[0]), int(out[1])
    if sys.platform == "darwin":
        kilobytes //= 1024  # bytes there
    return kilobytes / 1024, code


def main() -> None:
    juryapp = juryapp_command()
    with tempfile.TemporaryDirectory(prefix="juryapp-memory-bench-") as name:
        folder = Path(name)
        print("Mémoire : 2 000 dossiers × 25 jurés × 8 critères (pic de mémoire résidente)")
        campaign = folder / "campagne.jury"
        CampaignFile.create(campaign, big_campaign(), "bench").close()
        merged = folder / "fusion.jury"
        base = build_campaign()
        with CampaignFile.create(merged, replace(base, scores=()), "bench") as target:
            copies = make_all_juror_copies(target, folder / "copies", "bench")
        rng = random.Random(11)
        for path, juror in zip(copies, base.jurors, strict=True):
            with CampaignFile.open(path) as copy:
                cells = grid_cells(base, juror.code, rng)
                copy.set_score_cells(cells, "bench")  # type: ignore[arg-type]
        baseline, _code = peak_mb([sys.executable, "-c", "import sqlite3"])
        documents = {
            "--minutes": folder / "pv.pdf",
            "--awards": folder / "attribution.xlsx",
            "--opendata": folder / "subventions.csv",
        }
        runs = {
            "verify": [*juryapp, "verify", str(campaign)],
            "results --json": [*juryapp, "results", str(campaign), "--json"],
            **{
                f"export {option}": [*juryapp, "export", str(campaign), option, str(path)]
                for option, path in documents.items()
            },
            "scores merge (25 copies)": [
                *juryapp,
                "scores",
                "merge",
                str(merged),
                *(str(p) for p in copies),
            ],
            # after the merge: the 400,000 cells in one score-batch entry of the journal
            "verify (campagne fusionnée)": [*juryapp, "verify", str(merged)],
        }
        print(f"  référence (python -c 'import sqlite3') : {baseline:.0f} Mo")
        for label, command in runs.items():
            peak, code = peak_mb(command)
            verdict = "OK" if peak < TARGET_MB and code == 0 else "ÉCHEC"
            print(
                f"  {label} : {peak:.0f} Mo (sortie {code} ; objectif < {TARGET_MB} Mo) {verdict}"
            )


if __name__ == "__main__":
    main()
