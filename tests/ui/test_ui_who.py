"""Who scores: a juror's copy opens on that juror; a full campaign asks; nobody sees others."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.dialogs.who import SECRETARIAT, WhoDialog, secretariat_for
from juryapp.ui.main_window import MainWindow
from juryapp.ui.models.scoring import DossierListModel
from tests.ui.ui_helpers import Messages


def _choose_with_keys(downs: int) -> None:
    """Answer the « who » dialog with the keyboard: ↓ × downs, then Enter."""

    def answer() -> None:
        dialogs = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, WhoDialog) and w.isVisible()
        ]
        if not dialogs:
            QTimer.singleShot(10, answer)  # not shown yet
            return
        dialog = dialogs[0]
        try:
            for _i in range(downs):
                QTest.keyClick(dialog.list, Qt.Key.Key_Down)
            QTest.keyClick(dialog.list, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)


def test_a_jurors_copy_opens_straight_on_that_jurors_scoring(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    asked: list[str] = []
    window.choose_user = lambda parent, campaign, name: asked.append(name) or ""  # type: ignore[method-assign]
    window.open_path(juror_copy)
    assert asked == []
    page = window.scoring_page
    assert page is not None
    assert page.sheet.juror.code == "J2"
    assert window.windowTitle().startswith("AMI Innovation sociale 2016 — ouverte — juré J2")
    assert "Karim Benali" in window.user_label.text()


def test_switching_user_in_a_jurors_copy_says_why_it_stays_that_jurors(
    qtbot: QtBot, window: MainWindow, juror_copy: Path, shown: Messages
) -> None:
    window.open_path(juror_copy)
    assert window.switch_action.isEnabled()
    window.switch_action.trigger()
    (kind, title, text), *_rest = shown.shown
    assert (kind, title) == ("info", "Changer d'utilisateur")
    assert text.startswith("Ce fichier est la copie de Karim Benali (J2) : il s'ouvre toujours")
    assert "ouvrez la campagne complète" in text
    page = window.scoring_page
    assert page is not None and page.sheet.juror.code == "J2"  # nothing else changed


def test_a_full_campaign_asks_who_scores_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    _choose_with_keys(3)  # nobody chosen, then Christine Martin, Karim Benali, Sophie Durand
    window.open_path(full_campaign)
    page = window.scoring_page
    assert page is not None
    assert page.sheet.juror.code == "J3"
    assert "juré J3" in window.windowTitle()


def test_cancelling_the_choice_opens_nothing(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    window.choose_user = lambda parent, campaign, name: None  # type: ignore[method-assign]
    window.open_path(full_campaign)
    assert window.session is None
    assert window.windowTitle() == "juryapp"


def test_the_secretariat_gets_its_screens(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    _choose_with_keys(6)  # four voting jurors, the president presiding, the secretary
    window.open_path(full_campaign)
    assert window.secretariat_page is not None
    session = window.session
    assert session is not None and session.juror is None
    assert session.author == "Paul Leroy"
    assert window.windowTitle().startswith(
        "AMI Innovation sociale 2016 — ouverte — secrétariat — Paul Leroy"
    )
    assert window.user_label.text() == "Secrétariat : Paul Leroy"


def test_a_juror_never_sees_another_jurors_scores(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    with CampaignFile.open(full_campaign) as file:
        grid = {"INNO": 5, "BESOIN": 5, "IMPACT": 20, "ANCRAGE": 10, "MODELE": 10, "GOUV": 5}
        file.set_scores("J1", "AMI-2016-001", grid, "J1")
        file.set_comment("J1", "AMI-2016-001", "Commentaire de la présidente", "J1")
        file.set_scores("J3", "AMI-2016-002", {"INNO": Fraction(7, 2)}, "J3")
        file.recuse("J1", "AMI-2016-003", "conflit", "J1")
    window.choose_user = lambda parent, campaign, name: "J3"  # type: ignore[method-assign]
    window.open_path(full_campaign)
    page = window.scoring_page
    assert page is not None
    session = window.session
    assert session is not None
    assert session.campaign.scores == ()  # nobody's scores are kept in memory
    assert page.sheet.values == {"AMI-2016-002": {"INNO": Fraction(7, 2)}}
    assert page.sheet.comments == {}
    assert page.sheet.recusals == {}
    page.select_ref("AMI-2016-001")
    assert [e.text() for e in page.editors] == [""] * 6
    assert page.comment.toPlainText() == ""
    notes = {
        page.model.index(row, DossierListModel.NOTE).data() for row in range(page.model.rowCount())
    }
    assert notes == {""}
    page.select_ref("AMI-2016-003")
    assert page.grid_box.isVisibleTo(page)  # J1's recusal is not J3's


@pytest.mark.parametrize("choice", ["J4", SECRETARIAT])
def test_switching_user_reopens_and_asks_again(
    qtbot: QtBot, window: MainWindow, full_campaign: Path, choice: str, shown: Messages
) -> None:
    answers = iter(["J1", choice])
    window.choose_user = lambda parent, campaign, name: next(answers)  # type: ignore[method-assign]
    window.open_path(full_campaign)
    assert window.scoring_page is not None
    window.switch_action.trigger()
    if choice == SECRETARIAT:
        assert window.secretariat_page is not None
    else:
        page = window.scoring_page
        assert page is not None and page.sheet.juror.code == "J4"


def test_an_unknown_file_is_refused_in_plain_french(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    window.open_path(tmp_path / "absent.jury")
    assert window.session is None
    assert shown.errors() and "introuvable" in shown.errors()[0]
    not_a_campaign = tmp_path / "notes.jury"
    not_a_campaign.write_text("ceci n'est pas une campagne", encoding="utf-8")
    window.open_path(not_a_campaign)
    assert "n'est pas un fichier de campagne" in shown.errors()[-1]


def _entries(dialog: WhoDialog) -> list[tuple[str, str]]:
    return [
        (dialog.list.item(row).text(), dialog.list.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(dialog.list.count())
    ]


def test_only_voting_members_are_offered_to_score(qtbot: QtBot, full_campaign: Path) -> None:
    with CampaignFile.open(full_campaign) as file:
        campaign = file.load()
    dialog = WhoDialog(campaign, "ami.jury")
    qtbot.addWidget(dialog)
    assert _entries(dialog) == [
        ("Christine Martin  (J1) — président(e), Conseil régional · noter les dossiers", "J1"),
        ("Karim Benali  (J2) — membre, CRESS Nouvelle-Aquitaine · noter les dossiers", "J2"),
        ("Sophie Durand  (J3) — membre, France Active · noter les dossiers", "J3"),
        ("Marc Etcheverry  (J4) — membre, ADI Nouvelle-Aquitaine · noter les dossiers", "J4"),
        (
            "Christine Martin  (J1) — présider la séance (secrétariat, délibération)",
            secretariat_for("J1"),
        ),
        (
            "Paul Leroy  (J5) — secrétaire, sans voix · secrétariat et séance",
            secretariat_for("J5"),
        ),
    ]


def test_nobody_is_preselected_and_enter_opens_nothing_until_a_choice(
    qtbot: QtBot, full_campaign: Path
) -> None:
    with CampaignFile.open(full_campaign) as file:
        campaign = file.load()
    dialog = WhoDialog(campaign, "ami.jury")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.list.setFocus()
    assert dialog.choice() is None and not dialog.ok_button.isEnabled()
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    QTest.keyClick(dialog, Qt.Key.Key_Enter)
    assert dialog.isVisible() and dialog.result() == 0
    QTest.keyClick(dialog.list, Qt.Key.Key_Down)  # the first entry
    assert dialog.choice() == "J1" and dialog.ok_button.isEnabled()
    QTest.keyClick(dialog.list, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == WhoDialog.DialogCode.Accepted


def test_the_president_presides_in_her_own_name(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    window.choose_user = lambda parent, campaign, name: secretariat_for("J1")  # type: ignore[method-assign]
    window.open_path(full_campaign)
    page = window.secretariat_page
    assert page is not None
    session = window.session
    assert session is not None and session.juror is None and session.author == "Christine Martin"
    assert "présidence — Christine Martin" in window.windowTitle()
    assert window.current_location() == (full_campaign, secretariat_for("J1"))


def test_a_member_without_a_vote_never_opens_scoring(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    """J5 has no vote: asked for by code (an older choice), the secretariat opens in her name."""
    window.choose_user = lambda parent, campaign, name: "J5"  # type: ignore[method-assign]
    window.open_path(full_campaign)
    assert window.scoring_page is None
    assert window.secretariat_page is not None
    session = window.session
    assert session is not None and session.juror is None and session.author == "Paul Leroy"


def test_a_copy_of_a_member_without_a_vote_is_refused_with_a_message(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shown: Messages
) -> None:
    from juryapp.ui.demo import demo_file

    path = tmp_path / "ami-J5.jury"
    demo_file(path, bound_juror="J5").close()
    window.open_path(path)
    assert window.session is None
    assert "Paul Leroy (J5), qui n'a pas voix délibérative" in shown.errors()[0]


def test_the_president_chosen_in_the_picker_is_named_in_the_pv(
    qtbot: QtBot, window: MainWindow, full_campaign: Path, tmp_path: Path, shown: Messages
) -> None:
    """A withdrawal at the desk by the president chosen in « Qui utilise cette campagne ? »:
    the journal and the PV name her, not the computer's account."""
    import re

    from pypdf import PdfReader

    from juryapp.documents.export import export

    window.choose_user = lambda parent, campaign, name: secretariat_for("J1")  # type: ignore[method-assign]
    window.open_path(full_campaign)
    page = window.secretariat_page
    assert page is not None
    page.show_desk()
    desk = page.desk
    assert desk is not None and desk.author == "Christine Martin"
    ref = "AMI-2016-001"
    desk.select_ref(ref)
    dialog = desk.decisions.withdraw_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.reason.setText("désistement du porteur")
    dialog.accept()
    session = window.session
    assert session is not None
    [decision] = session.file.decisions()
    assert decision.author == "Christine Martin"
    pv = tmp_path / "pv.pdf"
    export(session.file, minutes=pv, lang="fr", author=session.author)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(pv).pages))
    assert re.search(
        rf"Retrait du dossier {ref} [^.]*\. désistement du porteur — Christine Martin", text
    )


def test_every_line_of_the_choice_is_shown_whole(qtbot: QtBot, full_campaign: Path) -> None:
    import dataclasses

    with CampaignFile.open(full_campaign) as file:
        campaign = file.load()
    # an institution's full name, as juries of several institutions write it
    long_name = "Chambre régionale de l'économie sociale et solidaire de Nouvelle-Aquitaine"
    jurors = tuple(
        dataclasses.replace(j, organisation=long_name) if j.code == "J2" else j
        for j in campaign.jurors
    )
    dialog = WhoDialog(dataclasses.replace(campaign, jurors=jurors), "ami.jury")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    room = dialog.list.viewport().width()
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        assert QFontMetrics(item.font()).horizontalAdvance(item.text()) < room, item.text()
    assert not dialog.list.horizontalScrollBar().isVisible()
    assert dialog.list.geometry().right() < dialog.width()
    dialog.grab().save(str(full_campaign.with_name("who.png")))
