"""A score survives the process being killed right after ``set_score`` returns."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from juryapp.store import CampaignFile
from tests.plugin.campaigns import small_campaign

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys, time
from juryapp.store import CampaignFile
store = CampaignFile.open(sys.argv[1])
store.set_score("J1", "D1", "INNO", "4,5", "Anne")
store.set_comment("J1", "D1", "écrit puis tué", "Anne")
print("written", flush=True)
time.sleep(60)
"""


def test_a_committed_score_survives_sigkill(campaign_path: Path) -> None:
    with CampaignFile.create(campaign_path, small_campaign(), "coordination"):
        pass
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(campaign_path)],
        stdout=subprocess.PIPE,
        env=environment,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "written"
        os.kill(writer.pid, signal.SIGKILL)
    finally:
        writer.wait(timeout=30)
        if writer.stdout is not None:
            writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    # The killed process never checkpointed: the score is in the -wal only.
    assert Path(f"{campaign_path}-wal").exists()
    with CampaignFile.open(campaign_path) as store:
        cells = store.scores_for("J1")
        assert [(c.ref, c.criterion, c.text) for c in cells] == [("D1", "INNO", "9/2")]
        assert store.comments_for("J1")[0].text == "écrit puis tué"
        assert store.verify().ok
