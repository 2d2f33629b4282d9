"""What an operation says it changed."""

from __future__ import annotations

from pathlib import Path

from juryapp.core.model import Attendance
from juryapp.operations import deliberation, scoring, secretariat
from juryapp.operations.changes import Changes
from juryapp.store import CampaignFile
from tests.plugin.campaigns import jury_campaign


def test_changes_combine_and_name_themselves() -> None:
    assert not Changes()
    both = Changes(scores=True) | Changes(seal=True)
    assert both == Changes(scores=True, seal=True)
    assert both.names() == ("scores", "seal")
    assert not Changes(scores=True).frame  # scores alone: the campaign's frame stays
    assert Changes(recusals=True).frame and Changes(jury=True).frame
    assert all(getattr(Changes.everything(), name) for name in Changes.everything().names())
    assert len(Changes.everything().names()) == 7


def test_each_operation_returns_what_it_changed(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "a.jury", jury_campaign(), "secrétariat") as file:
        done = scoring.set_score(file, "J2", "D1", "INNO", 3, "J2")
        assert done.value is True and done.changes == Changes(scores=True)
        again = scoring.set_score(file, "J2", "D1", "INNO", 3, "J2")
        assert again.value is False and not again.changes  # the same value: nothing changed
        assert scoring.set_comment(file, "J2", "D1", "Bien", "J2").changes == Changes(scores=True)
        assert scoring.recuse(file, "J1", "D2", "lien", "J1").changes == Changes(
            scores=True, recusals=True
        )
        assert scoring.unrecuse(file, "J1", "D2", "J1").changes == Changes(recusals=True)
        assert secretariat.set_admissibility(file, "D3", False, "hors délai", "s").changes == (
            Changes(dossiers=True)
        )
        jurors = file.load_frame().jurors
        attended = secretariat.set_attendance(file, jurors[0].code, Attendance.ABSENT, "s")
        assert attended.changes == Changes(jury=True)
        assert deliberation.decide_withdraw(file, "D1", "désistement", "s").changes == (
            Changes(decisions=True)
        )
