"""Document export benchmark (issue 10 §3): the PV (``export --minutes``) and the award
table (``export --awards``) of a call of 2,000 dossiers × 25 jurors × 8 criteria.

Timed, each a median of 3 runs: the whole command (``juryapp export``, in a fresh
process: start, load, results, writing, journal) and, in this process, the writing
alone (``write_minutes`` / ``write_awards`` of the same record). Printed beside them,
baselines of the same size measured in the same run: reportlab laying out a table of
as many rows and columns as the PV's tables (plain text cells), and openpyxl writing
as many cells as the award table in write-only mode. Targets: ≤ 4 s for the PV and
≤ 1 s for the award table (the whole command).

Run: ``python -m tests.bench.export_bench`` (or ``python -m tests.bench``).
"""

from __future__ import annotations

import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import LongTable, SimpleDocTemplate

from juryapp.documents.awards import write_awards
from juryapp.documents.minutes import write_minutes
from juryapp.documents.record import build_record
from juryapp.store import CampaignFile
from tests.bench.startup_bench import juryapp_command
from tests.bench.store_bench import big_campaign

RUNS = 3


def median(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def reportlab_baseline(path: Path, rows: int, columns: int) -> float:
    """reportlab laying out one table of ``rows`` × ``columns`` plain text cells."""
    data = [[f"D{r:04d}-{c}" for c in range(columns)] for r in range(rows)]

    def build() -> None:
        doc = SimpleDocTemplate(str(path), pagesize=A4)
        doc.build([LongTable(data, repeatRows=1, style=[("FONTSIZE", (0, 0), (-1, -1), 8)])])

    getSampleStyleSheet()
    return median(build)


def openpyxl_baseline(path: Path, cells: list[int]) -> float:
    """openpyxl write-only mode: as many rows (each of its cell count) as the award table."""

    def write() -> None:
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Tableau")
        for index, count in enumerate(cells):
            ws.append([f"v{index}-{c}" if c % 2 else index * 1.5 for c in range(count)])
        wb.save(path)

    return median(write)


def main() -> list[bool]:
    results = []
    with tempfile.TemporaryDirectory(prefix="juryapp-export-bench-") as name:
        folder = Path(name)
        campaign = folder / "grand.jury"
        with CampaignFile.create(campaign, big_campaign(), "bench"):
            pass
        print("Documents : appel de 2 000 dossiers × 25 jurés × 8 critères")
        with CampaignFile.open(campaign) as file:
            record = build_record(file)
        pv = folder / "pv.pdf"
        awards = folder / "attribution.xlsx"
        write_pv = median(lambda: write_minutes(pv, record, "fr"))
        write_table = median(lambda: write_awards(awards, record, "fr"))

        def command(*options: str) -> Callable[[], object]:
            return lambda: subprocess.run(
                [*juryapp_command(), "export", str(campaign), *options],
                check=True,
                stdout=subprocess.DEVNULL,
            )

        whole_pv = median(command("--minutes", str(pv)))
        whole_table = median(command("--awards", str(awards)))

        book = openpyxl.load_workbook(awards, read_only=True)
        shape = [
            sum(1 for value in row if value is not None)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
        ]
        book.close()
        from pypdf import PdfReader

        pages = len(PdfReader(pv).pages)
        base_pdf = reportlab_baseline(folder / "base.pdf", len(record.campaign.dossiers), 13)
        base_xlsx = openpyxl_baseline(folder / "base.xlsx", shape)

    for label, whole, writing, base, base_label, target in (
        (f"export --minutes ({pages} pages)", whole_pv, write_pv, base_pdf,
         "reportlab, un tableau de 2 000 × 13 cellules", 4.0),
        (f"export --awards ({sum(shape):,} cellules)", whole_table, write_table, base_xlsx,
         "openpyxl en écriture seule, autant de cellules", 1.0),
    ):  # fmt: skip
        ok = whole <= target
        results.append(ok)
        print(
            f"  {label} : commande {whole:.2f} s (objectif ≤ {target:g} s) "
            f"{'OK' if ok else 'ÉCHEC'} ; écriture seule {writing:.2f} s ; "
            f"référence {base_label} : {base:.2f} s"
        )
    return results


if __name__ == "__main__":
    main()
