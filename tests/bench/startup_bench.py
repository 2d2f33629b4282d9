"""Start-up benchmark (issue 10 §3): each figure a median of several runs in fresh
processes, as a ratio to a baseline measured in the same run.

- the main window shown and quit, against a bare PySide6 ``QMainWindow`` shown and
  quit the same way (target ≤ 1.5×);
- ``juryapp --version``, against ``python -c pass`` (target ≤ 3×);
- ``juryapp results`` on a 12-dossier call, against ``python -c pass`` (target ≤ 8×);
- ``juryapp results --json`` on 2,000 dossiers × 25 jurors × 8 criteria, against a
  bare ``sqlite3`` fetch of the same score rows in a fresh process (target ≤ 2×).

Run: ``python -m tests.bench.startup_bench`` (or ``bash packaging/bootstrap.sh bench``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from juryapp.core.model import CallRules, Campaign, Criterion, Dossier, Juror, Score
from juryapp.store import CampaignFile
from tests.bench.store_bench import big_campaign

RUNS = 7
ROOT = Path(__file__).resolve().parents[2]

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
QTimer.singleShot(0, app.quit)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

APP_WINDOW = """
import sys
from pathlib import Path
import juryapp.ui.app as app_module  # as `juryapp` (with no command) imports it
from PySide6.QtCore import QTimer
from juryapp.ui import settings
settings.use_settings_folder(Path(sys.argv[1]))
make_application = app_module.make_application


def make_then_quit(argv=None):
    app = make_application(argv)
    QTimer.singleShot(0, app.quit)  # quit as the bare window does
    return app


app_module.make_application = make_then_quit
app_module.main([])
"""


def median_run(
    command: Sequence[str], runs: int = RUNS, env: dict[str, str] | None = None
) -> float:
    """Median wall time of ``command`` in a fresh process (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            command, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env or os.environ
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def juryapp_command() -> list[str]:
    script = Path(sys.executable).parent / "juryapp"
    return [str(script)] if script.exists() else [sys.executable, "-m", "juryapp"]


def report(name: str, value: float, base: float, base_name: str, target: float) -> bool:
    ratio = value / base
    ok = ratio <= target
    print(
        f"  {name}: {value:.3f} s ; {base_name} : {base:.3f} s ; "
        f"{ratio:.1f}× (objectif ≤ {target:g}×) {'OK' if ok else 'ÉCHEC'}"
    )
    return ok


def small_call(path: Path) -> Path:
    """A 12-dossier call, 5 jurors, 4 criteria, every grid scored."""
    criteria = tuple(Criterion(f"C{i}", f"Critère {i}", 1 + i % 2, 10) for i in range(4))
    dossiers = tuple(Dossier(f"D{i:02d}", f"Projet {i}") for i in range(12))
    jurors = tuple(Juror(f"J{i}", f"Juré {i}") for i in range(5))
    scores = tuple(
        Score(j.code, d.ref, {c.code: (n * 3 + k + m) % 11 for m, c in enumerate(criteria)})
        for n, j in enumerate(jurors)
        for k, d in enumerate(dossiers)
    )
    campaign = Campaign(
        rules=CallRules(name="Petit appel"),
        criteria=criteria,
        dossiers=dossiers,
        jurors=jurors,
        scores=scores,
    )
    with CampaignFile.create(path, campaign, "bench"):
        pass
    return path


def main() -> list[bool]:
    # As installed from a wheel: the bytecode is compiled (PYTHONDONTWRITEBYTECODE
    # would otherwise make every run recompile juryapp's sources).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "juryapp")], check=True)
    results = []
    python = [sys.executable]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory(prefix="juryapp-startup-bench-") as name:
        folder = Path(name)
        env["JURYAPP_LOG_DIR"] = str(folder / "logs")
        print(f"Démarrage (médianes de {RUNS} lancements, processus neufs)")
        bare = median_run([*python, "-c", BARE_WINDOW], env=env)
        app = median_run([*python, "-c", APP_WINDOW, str(folder / "settings")], env=env)
        results.append(
            report("fenêtre principale affichée puis quittée", app, bare, "QMainWindow nue", 1.5)
        )
        nothing = median_run([*python, "-c", "pass"])
        version = median_run([*juryapp_command(), "--version"])
        results.append(report("juryapp --version", version, nothing, "python -c pass", 3))
        small = small_call(folder / "petit.jury")
        shown = median_run([*juryapp_command(), "results", str(small)])
        results.append(report("juryapp results (12 dossiers)", shown, nothing, "python -c pass", 8))

        big = folder / "grand.jury"
        with CampaignFile.create(big, big_campaign(), "bench"):
            pass
        fetch = (
            "import sqlite3, sys; "
            "rows = sqlite3.connect(sys.argv[1]).execute("
            "'SELECT juror, ref, criterion, value FROM score').fetchall()"
        )
        baseline = median_run([*python, "-c", fetch, str(big)], runs=5)
        as_json = median_run([*juryapp_command(), "results", str(big), "--json"], runs=5)
        results.append(
            report(
                "juryapp results --json (2 000 × 25 × 8)",
                as_json,
                baseline,
                "lecture sqlite3 nue des notes",
                2,
            )
        )
    return results


if __name__ == "__main__":
    main()
