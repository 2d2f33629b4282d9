"""« juryapp scores coordinator-copy »: a juror's copy as one file that merges on its own."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from juryapp.merge.copies import make_juror_copy
from juryapp.store import CampaignFile

Run = Callable[..., tuple[int, str, str]]


def test_a_coordinator_copy_is_one_file_that_merges(
    poitiers: Path, run: Run, tmp_path: Path
) -> None:
    with CampaignFile.open(poitiers) as master:
        copy = make_juror_copy(master, "J2", tmp_path / "j2.jury", "coordination")
    with CampaignFile.open(copy) as juror:
        juror.set_score("J2", "GP-01", "UTIL", "7,5", "J2")
        juror.set_comment("J2", "GP-01", "Très utile", "J2")
        status, out, err = run("scores", "coordinator-copy", str(copy), str(tmp_path / "usb.jury"))
    assert status == 0, err
    assert out.strip() == f"Copie en un seul fichier écrite : {tmp_path / 'usb.jury'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.move(tmp_path / "usb.jury", inbox / "usb.jury")
    assert [p.name for p in inbox.iterdir()] == ["usb.jury"]
    status, out, err = run("scores", "merge", str(poitiers), str(inbox / "usb.jury"))
    assert status == 0, err
    with CampaignFile.open(poitiers) as master:
        assert [(c.ref, c.criterion) for c in master.scores_for("J2")] == [("GP-01", "UTIL")]
        assert [c.text for c in master.comments_for("J2")] == ["Très utile"]
