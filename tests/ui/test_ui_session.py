"""The session's one change notification: every screen follows what an operation changed,
wherever it was made (the desk, a dialog, another tab)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from juryapp.core.model import Attendance
from juryapp.operations import secretariat
from juryapp.operations.changes import Changes
from juryapp.store import CampaignFile
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from juryapp.ui.models.secretariat import JuryModel
from juryapp.ui.pages.secretariat import SecretariatPage

SHOTS = Path("/tmp/ui-look")


@pytest.fixture
def page(window: MainWindow, full_campaign: Path) -> SecretariatPage:
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(full_campaign)
    found = window.secretariat_page
    assert found is not None
    return found


def _attendance(page: SecretariatPage, code: str) -> str:
    model = page.jury_model
    row = next(i for i, juror in enumerate(model.jurors) if juror.code == code)
    return str(model.index(row, JuryModel.ATTENDANCE).data())


def test_attendance_set_at_the_desk_shows_in_the_jury_tab(
    qtbot: QtBot, page: SecretariatPage
) -> None:
    code = page.jury_model.jurors[0].code
    assert _attendance(page, code) != "absent(e)"
    page.show_desk()
    desk = page.desk
    assert desk is not None
    with qtbot.waitSignal(page.session.changed) as signal:
        desk.decisions.set_attendance(code, Attendance.ABSENT)
    changes, initiator = signal.args
    assert changes.jury and initiator is desk
    assert _attendance(page, code) == "absent(e)"  # the Jury tab no longer goes stale
    assert page.session.campaign.jurors[0].attendance is Attendance.ABSENT
    page.tabs.setCurrentIndex(2)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(SHOTS / "secretariat-jury-after-desk.png"))


def test_attendance_set_in_the_jury_tab_refreshes_the_desk(
    qtbot: QtBot, page: SecretariatPage
) -> None:
    page.show_desk()
    desk = page.desk
    assert desk is not None and desk.campaign is not None
    juror = page.jury_model.jurors[1]
    index = page.jury_model.index(1, JuryModel.ATTENDANCE)
    with qtbot.waitSignal(page.session.changed) as signal:
        assert page.jury_model.setData(index, Attendance.ABSENT.value)
    assert signal.args == [Changes(jury=True), page.jury_model]
    assert next(j for j in desk.campaign.jurors if j.code == juror.code).attendance is (
        Attendance.ABSENT
    )


def test_an_admissibility_change_is_said_once_with_what_changed(
    qtbot: QtBot, page: SecretariatPage
) -> None:
    said: list[tuple[Changes, object]] = []
    page.session.changed.connect(lambda changes, initiator: said.append((changes, initiator)))
    page.edit_admissibility("AMI-2016-004", (False, "Hors du territoire"))
    assert said == [(Changes(dossiers=True), page)]
    admissible = {d.ref: d.admissible for d in page.session.campaign.dossiers}
    assert admissible["AMI-2016-004"] is False
    page.edit_admissibility("AMI-2016-004", (False, "Hors du territoire"))  # the same again
    assert len(said) == 1  # nothing changed, nothing said


def test_an_operation_run_elsewhere_refreshes_the_dossiers(
    qtbot: QtBot, page: SecretariatPage
) -> None:
    session = page.session
    session.run(
        lambda: secretariat.set_admissibility(
            session.file, "AMI-2016-004", False, "Budget incomplet", session.author
        )
    )
    model = page.dossier_model
    row = model.row_of("AMI-2016-004")
    assert model.index(row, model.admissible_column()).data() == "non"
    assert page.dossier_count.text().endswith("2 non recevable(s)")


def test_the_seal_turns_the_page_read_only_and_the_title_says_so(
    qtbot: QtBot, page: SecretariatPage, window: MainWindow
) -> None:
    assert page.import_button.isEnabled()
    assert "ouverte" in window.windowTitle()
    page.session.file.close_deliberation("secrétariat")
    page.session.notify(Changes(seal=True))
    assert "close" in window.windowTitle()
    assert not page.import_button.isEnabled() and not page.grid_button.isEnabled()
    index = page.jury_model.index(0, JuryModel.ATTENDANCE)
    assert not page.jury_model.setData(index, Attendance.ABSENT.value)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "secretariat-sealed.png"))


def test_a_refused_operation_says_nothing(qtbot: QtBot, page: SecretariatPage) -> None:
    said: list[object] = []
    page.session.changed.connect(lambda *args: said.append(args))
    with pytest.raises(Exception, match="Dossier inconnu"):
        page.session.run(
            lambda: secretariat.set_admissibility(
                page.session.file, "NOPE", True, "", page.session.author
            )
        )
    assert said == []
    with CampaignFile.open(page.session.file.path) as file:
        assert "NOPE" not in {d.ref for d in file.load().dossiers}


def test_the_scoring_page_follows_a_change_made_elsewhere(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    from juryapp.operations import scoring

    window.open_path(juror_copy)
    page = window.scoring_page
    assert page is not None
    session = page.session
    ref = page.current_ref
    assert ref is not None
    editor = page.editors[0]
    code = editor.criterion.code
    juror = page.sheet.juror.code
    session.run(lambda: scoring.set_score(session.file, juror, ref, code, 4, juror))
    assert page.sheet.value(ref, code) == 4
    assert editor.text() == "4"
    session.file.close_deliberation("secrétariat")
    session.notify(Changes(seal=True))
    assert page.read_only
