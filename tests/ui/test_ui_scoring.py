"""The scoring screen, driven with key events only: grids, hints, comments, recusal, undo."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.dialogs.recusal import RecusalDialog
from juryapp.ui.main_window import MainWindow
from juryapp.ui.models.scoring import DossierListModel
from juryapp.ui.pages.scoring import ScoringPage
from juryapp.ui.session import Progress
from juryapp.ui.widgets.score_edit import ScoreEdit
from tests.ui.ui_helpers import Messages, focused, press, type_text

ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# INNO /5 step 0.5, BESOIN /5 step 0.5, IMPACT /20, ANCRAGE /10, MODELE /10, GOUV /5 step 0.5
GRID_1 = ("4,5", "4.5", "16", "8", "6", "4")
VALUES_1 = {
    "INNO": Fraction(9, 2),
    "BESOIN": Fraction(9, 2),
    "IMPACT": 16,
    "ANCRAGE": 8,
    "MODELE": 6,
    "GOUV": 4,
}


def open_page(window: MainWindow, path: Path) -> ScoringPage:
    window.open_path(path)
    page = window.scoring_page
    assert page is not None
    return page


def stored(path: Path, juror: str = "J2") -> dict[str, dict[str, object]]:
    with CampaignFile.open(path) as file:
        grids: dict[str, dict[str, object]] = {}
        for cell in file.scores_for(juror):
            grids.setdefault(cell.ref, {})[cell.criterion] = cell.value
        return grids


def type_live(text: str) -> None:
    """Type as a person does: the app's event loop turns between two keys."""
    for char in text:
        type_text(char)
        QApplication.processEvents()


def type_grid(values: tuple[str, ...]) -> None:
    for value in values:
        type_text(value)
        press(ENTER)


def test_a_whole_grid_is_scored_with_the_keyboard(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    assert page.current_ref == "AMI-2016-001"
    assert focused() is page.editors[0]
    type_grid(GRID_1)
    # Enter on the last criterion of a complete grid: the next dossier's first criterion.
    assert page.current_ref == "AMI-2016-002"
    assert focused() is page.editors[0]
    assert stored(juror_copy)["AMI-2016-001"] == VALUES_1
    row = page.model.row_of("AMI-2016-001")
    note = page.model.index(row, DossierListModel.NOTE).data()
    # 20 × (25×0.9 + 20×0.9 + 20×0.8 + 15×0.8 + 10×0.6 + 10×0.8) / 100 = 16.5
    assert note == "16,50"
    assert page.model.index(row, DossierListModel.PROGRESS).data() == "noté"
    assert page.progress_label.text() == "1 / 12 notés"
    assert window.indicator.state == window.indicator.SAVED
    assert window.indicator.text().startswith("Enregistré ✓")


def test_tab_moves_on_and_saves_and_the_note_is_live(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    for value in GRID_1[:5]:
        type_text(value)
        press(Qt.Key.Key_Tab)
    assert focused() is page.editors[5]
    assert page.note_label.text() == "— / 20"
    assert "5/6" in page.note_state.text()
    type_live("4")
    assert page.note_label.text() == "16,50 / 20"  # live, before Enter
    press(Qt.Key.Key_Tab)
    assert focused() is page.comment
    assert stored(juror_copy)["AMI-2016-001"] == VALUES_1


def test_off_step_and_off_scale_values_are_refused_with_a_hint(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    message = page.field_message(page.editors[0])  # the line under the criterion
    type_text("4,3")  # INNO has a step of 0.5
    press(ENTER)
    assert focused() is page.editors[0]
    assert message.isVisible()
    assert "pas de 0,5" in message.text()
    assert "non enregistrée" in message.text()
    assert page.editors[0].property("invalid") is True
    # The note panel does not pretend; « 4 », saved on the way to « 4,3 », is withdrawn.
    assert page.note_state.text() == "1 valeur non enregistrée"
    assert stored(juror_copy) == {}
    press(Qt.Key.Key_Backspace)
    press(Qt.Key.Key_Backspace)
    press(Qt.Key.Key_Backspace)
    type_text("7")  # above the scale of 5
    assert "hors de l'échelle 0–5" in message.text()
    press(ENTER)
    assert stored(juror_copy) == {}
    page.editors[0].selectAll()
    type_text("abc")  # letters are not even typed
    assert page.editors[0].text() == "7"
    page.editors[0].selectAll()
    type_text("3,5")
    press(ENTER)
    assert not message.isVisible()
    assert not page.hint_label.isVisible()
    assert stored(juror_copy)["AMI-2016-001"] == {"INNO": Fraction(7, 2)}


def test_the_list_filters_and_progress_follow_the_scores(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    type_grid(GRID_1)  # dossier 1 complete
    type_text("3")  # dossier 2 partial
    press(ENTER)
    assert page.sheet.progress("AMI-2016-002") == Progress.PARTIAL
    labels = {page.filter_combo.itemData(i): i for i in range(page.filter_combo.count())}
    page.filter_combo.setCurrentIndex(labels["done"])
    assert page.proxy.rowCount() == 1
    page.filter_combo.setCurrentIndex(labels["partial"])
    assert page.proxy.rowCount() == 1
    page.filter_combo.setCurrentIndex(labels["todo"])
    assert page.proxy.rowCount() == 11  # 12 admissible, one done
    page.filter_combo.setCurrentIndex(labels["all"])
    assert page.proxy.rowCount() == 12  # the inadmissible dossier is not offered
    page.search.setText("tarnos")
    assert page.proxy.rowCount() == 1
    assert page.current_ref == "AMI-2016-003"
    page.search.clear()
    # Sort by note, best first.
    page.table.sortByColumn(DossierListModel.NOTE, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, 0).data() == "AMI-2016-001"


def test_shortcuts_move_between_dossiers(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    press(Qt.Key.Key_PageDown, CTRL)
    assert page.current_ref == "AMI-2016-002"
    press(Qt.Key.Key_Down, ALT)
    assert page.current_ref == "AMI-2016-003"
    press(Qt.Key.Key_Up, ALT)
    assert page.current_ref == "AMI-2016-002"
    press(Qt.Key.Key_PageUp, CTRL)
    assert page.current_ref == "AMI-2016-001"
    assert isinstance(focused(), ScoreEdit)
    press(Qt.Key.Key_M, CTRL)
    assert focused() is page.comment
    press(Qt.Key.Key_Down, ALT)  # works from the comment box too
    assert page.current_ref == "AMI-2016-002"
    press(Qt.Key.Key_C, ALT)
    assert focused() is page.comment


def test_a_comment_is_saved_when_leaving_it_and_undone_as_one(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    press(Qt.Key.Key_M, CTRL)
    type_text("Très bon ancrage à Mérignac — 10 structures")
    press(Qt.Key.Key_Return, CTRL)  # Ctrl+Enter: saved, next dossier
    assert page.current_ref == "AMI-2016-002"
    with CampaignFile.open(juror_copy) as file:
        comments = {c.ref: c.text for c in file.comments_for("J2")}
    assert comments == {"AMI-2016-001": "Très bon ancrage à Mérignac — 10 structures"}
    press(Qt.Key.Key_Z, CTRL)
    assert page.current_ref == "AMI-2016-001"  # undo shows what it undoes
    assert page.comment.toPlainText() == ""
    with CampaignFile.open(juror_copy) as file:
        assert file.comments_for("J2") == []
    press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert page.comment.toPlainText() == "Très bon ancrage à Mérignac — 10 structures"


def test_undo_and_redo_write_through_the_file(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    type_grid(GRID_1[:2])
    type_text("12")
    press(ENTER)
    assert window.undo_stack.count() == 3
    grid = stored(juror_copy)["AMI-2016-001"]
    assert grid == {"INNO": Fraction(9, 2), "BESOIN": Fraction(9, 2), "IMPACT": 12}
    assert focused() is page.editors[3]
    press(Qt.Key.Key_Z, CTRL)  # undo IMPACT = 12
    assert stored(juror_copy)["AMI-2016-001"] == {"INNO": Fraction(9, 2), "BESOIN": Fraction(9, 2)}
    assert page.editors[2].text() == ""
    press(Qt.Key.Key_Z, CTRL)
    assert stored(juror_copy)["AMI-2016-001"] == {"INNO": Fraction(9, 2)}
    press(Qt.Key.Key_Z, CTRL | SHIFT)
    press(Qt.Key.Key_Y, CTRL)
    assert stored(juror_copy)["AMI-2016-001"] == {
        "INNO": Fraction(9, 2),
        "BESOIN": Fraction(9, 2),
        "IMPACT": 12,
    }
    assert page.editors[2].text() == "12"
    # Undo from another dossier goes back to the dossier it changes.
    press(Qt.Key.Key_PageDown, CTRL)
    assert page.current_ref == "AMI-2016-002"
    press(Qt.Key.Key_Z, CTRL)
    assert page.current_ref == "AMI-2016-001"
    assert "IMPACT" not in stored(juror_copy)["AMI-2016-001"]


def _answer_recusal(qtbot: QtBot, reason: str) -> None:
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecusalDialog)
        try:
            assert not dialog.ok_button.isEnabled()  # a reason is required
            type_text(reason, dialog.reason)
            assert dialog.ok_button.isEnabled()
            dialog.ok_button.click()
        finally:
            if dialog.isVisible():
                dialog.reject()  # never leave a modal dialog open

    QTimer.singleShot(0, fill)


def test_recusal_removes_the_scores_from_the_count_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, juror_copy: Path, shown: Messages
) -> None:
    page = open_page(window, juror_copy)
    type_grid(GRID_1)
    press(Qt.Key.Key_PageUp, CTRL)
    assert page.current_ref == "AMI-2016-001"
    assert page.progress_label.text() == "1 / 12 notés"
    _answer_recusal(qtbot, "Administratrice de l'association porteuse — déclaré")
    press(Qt.Key.Key_D, CTRL)
    with CampaignFile.open(juror_copy) as file:
        campaign = file.load()
        assert [(r.juror, r.ref) for r in campaign.recusals] == [("J2", "AMI-2016-001")]
        assert campaign.recusals[0].reason.startswith("Administratrice")
        assert file.scores_for("J2") == []
    assert page.progress_label.text() == "0 / 11 notés"
    row = page.model.row_of("AMI-2016-001")
    assert page.model.index(row, DossierListModel.PROGRESS).data() == "déporté"
    assert page.banner.isVisible()
    assert "Administratrice" in page.banner_label.text()
    assert not page.grid_box.isVisible()
    # Ctrl+D again: withdraw the recusal, after a confirmation.
    # The window gets the focus back (a window manager's job; offscreen needs a nudge).
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.unrecuse_button)
    shown.answer = False
    press(Qt.Key.Key_D, CTRL)
    assert page.sheet.progress("AMI-2016-001") == Progress.RECUSED
    shown.answer = True
    press(Qt.Key.Key_D, CTRL)
    assert shown.shown[-1][0] == "confirm"
    assert page.sheet.progress("AMI-2016-001") == Progress.TODO
    assert page.grid_box.isVisible()
    assert page.progress_label.text() == "0 / 12 notés"
    with CampaignFile.open(juror_copy) as file:
        assert file.load().recusals == ()


def test_cancelling_the_recusal_dialog_changes_nothing(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecusalDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    press(Qt.Key.Key_D, CTRL)
    assert page.sheet.recusals == {}


def test_a_reopened_file_shows_the_scores(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    type_grid(GRID_1)
    type_text("2,5")
    press(ENTER)
    window.close_campaign()
    page = open_page(window, juror_copy)
    # It opens on the first dossier left to score.
    assert page.current_ref == "AMI-2016-002"
    assert [e.text() for e in page.editors] == ["2,5", "", "", "", "", ""]
    page.select_ref("AMI-2016-001")
    assert [e.text() for e in page.editors] == ["4,5", "4,5", "16", "8", "6", "4"]
    assert page.note_label.text() == "16,50 / 20"


def test_the_dossier_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: object, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    type_grid(GRID_1)
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    qtmodeltester.check(page.proxy)  # type: ignore[attr-defined]


def test_forty_dossiers_of_six_criteria_are_scored_like_typing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from juryapp.ui.demo import demo_file

    path = tmp_path / "quarante.jury"
    demo_file(path, bound_juror="J4", dossier_count=41).close()  # 40 admissible
    page = open_page(window, path)
    for _dossier in range(40):
        type_grid(("4", "3,5", "15", "7", "6", "4.5"))
    assert page.progress_label.text() == "40 / 40 notés"
    grids = stored(path, "J4")
    assert len(grids) == 40 and all(len(grid) == 6 for grid in grids.values())
    # Speed is not asserted here (no timed tests): see the benchmarks in tests/bench.


# --- nothing typed waits for Enter ------------------------------------------------------------


def test_a_value_typed_without_enter_is_saved_at_once_and_undone_as_one(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    assert focused() is page.editors[2]  # IMPACT, /20
    type_live("16")  # no Enter, no Tab
    assert stored(juror_copy) == {"AMI-2016-001": {"IMPACT": 16}}
    assert page.editors[2].text() == "16"
    assert window.indicator.state == window.indicator.SAVED
    assert page.note_state.text() == "incomplète : 1/6 critères"
    # « 1 » then « 16 » were saved as typed: one step to undo.
    press(Qt.Key.Key_Z, CTRL)
    assert stored(juror_copy) == {}
    assert page.editors[2].text() == ""
    press(Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored(juror_copy) == {"AMI-2016-001": {"IMPACT": 16}}


def test_the_note_panel_never_calls_complete_a_grid_with_a_value_not_saved(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    for value in GRID_1[:5]:
        type_live(value)
        press(Qt.Key.Key_Tab)
    type_live("4,3")  # GOUV has a step of 0.5: « 4,3 » is not saved
    assert page.note_state.text() == "1 valeur non enregistrée"
    assert "grille complète" not in page.note_state.text()
    assert page.note_state.property("warning") is True
    assert "Gouvernance" in page.note_state.toolTip()
    assert stored(juror_copy)["AMI-2016-001"] == {k: VALUES_1[k] for k in list(VALUES_1)[:5]}
    press(Qt.Key.Key_Backspace)
    press(Qt.Key.Key_Backspace)
    QApplication.processEvents()
    assert page.note_state.text() == "grille complète"  # « 4 », saved as typed
    assert stored(juror_copy)["AMI-2016-001"] == VALUES_1


def test_a_comment_is_saved_a_quarter_of_a_second_after_the_last_key(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    from juryapp.ui.pages.scoring import COMMENT_SAVE_DELAY_MS

    assert COMMENT_SAVE_DELAY_MS <= 250
    page = open_page(window, juror_copy)
    press(Qt.Key.Key_M, CTRL)
    type_text("Projet solide, équipe engagée")

    def saved() -> None:
        with CampaignFile.open(juror_copy) as file:
            texts = [c.text for c in file.comments_for("J2")]
        assert texts == ["Projet solide, équipe engagée"]

    qtbot.waitUntil(saved, timeout=2000)
    assert focused() is page.comment  # still typing: nothing moved


def test_the_write_ahead_log_is_folded_into_the_file_after_saving(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    open_page(window, juror_copy)
    type_live("3")
    wal = Path(f"{juror_copy}-wal")
    assert wal.stat().st_size > 0
    qtbot.waitUntil(lambda: wal.stat().st_size == 0, timeout=6000)


# --- refusals are said where one looks ----------------------------------------------------------


def _seal(path: Path) -> None:
    with CampaignFile.open(path) as file:
        file.close_deliberation("secrétariat")


def test_a_sealed_campaign_is_read_only_and_typing_says_why(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    with CampaignFile.open(juror_copy) as file:
        file.set_scores("J2", "AMI-2016-001", {"INNO": 3}, "J2")
    _seal(juror_copy)
    page = open_page(window, juror_copy)
    assert " — close — " in window.windowTitle()
    assert page.closed_banner.isVisible()
    assert "Délibération close" in page.closed_banner.text()
    # The status bar no longer claims that every change is saved.
    assert window.indicator.state == window.indicator.READ_ONLY
    assert window.indicator.text() == "Lecture seule : délibération close"
    page.select_ref("AMI-2016-001")
    page.focus_first_editor()
    editor = focused()
    assert editor is page.editors[0]  # the fields still take the focus, to read them
    assert page.editors[0].isReadOnly()
    type_text("5")
    message = page.field_message(page.editors[0])
    assert message.isVisible()
    assert message.text() == "⚠ Délibération close : les notes ne peuvent plus être modifiées."
    assert page.editors[0].text() == "3"
    press(Qt.Key.Key_M, CTRL)
    type_text("x")
    assert page.hint_label.isVisible()
    assert "le commentaire ne peut plus être modifié" in page.hint_label.text()
    assert stored(juror_copy) == {"AMI-2016-001": {"INNO": 3}}


def test_a_campaign_sealed_while_scoring_refuses_the_value_next_to_the_field(
    qtbot: QtBot, window: MainWindow, juror_copy: Path, shown: Messages
) -> None:
    page = open_page(window, juror_copy)
    type_live("4")
    _seal(juror_copy)  # the desk seals, in another window
    press(Qt.Key.Key_Tab)
    type_live("3")
    message = page.field_message(page.editors[1])
    assert message.isVisible()
    assert "Délibération close" in message.text()
    assert page.read_only
    assert page.closed_banner.isVisible()
    assert page.editors[1].text() == "3"  # what was typed stays in sight…
    assert page.editors[1].property("invalid") is True
    assert page.note_state.text() == "1 valeur non enregistrée"  # …marked as not saved
    assert window.indicator.state == window.indicator.READ_ONLY
    assert shown.shown == []  # said in place, no dialog in the way of typing
    assert stored(juror_copy) == {"AMI-2016-001": {"INNO": 4}}


def test_a_recusal_or_inadmissibility_recorded_elsewhere_is_said_next_to_the_field(
    qtbot: QtBot, window: MainWindow, full_campaign: Path
) -> None:
    from juryapp.merge.copies import make_juror_copy

    with CampaignFile.open(full_campaign) as master:
        copy = make_juror_copy(master, "J2", full_campaign.with_name("j2.jury"), "coord")
    page = open_page(window, copy)
    assert page.current_ref == "AMI-2016-001"
    with CampaignFile.open(copy) as file:
        file.recuse("J2", "AMI-2016-001", "associée au projet", "J2")
    type_live("4")
    message = page.field_message(page.editors[0])
    assert "« 4 » non enregistrée" in message.text()
    assert "déporté" in message.text()
    assert page.note_state.property("warning") is True
    assert window.indicator.state == window.indicator.FAILED

    page.select_ref("AMI-2016-002")
    with CampaignFile.open(copy) as file:
        file.set_admissibility("AMI-2016-002", False, "pièces manquantes", "secrétariat")
    page.focus_first_editor()
    type_live("2")
    message = page.field_message(page.editors[0])
    assert "non recevable" in message.text()
    assert page.editors[0].property("invalid") is True


def test_a_value_saved_on_the_way_to_a_refused_one_is_withdrawn(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    page = open_page(window, juror_copy)
    for _criterion in range(4):
        press(Qt.Key.Key_Tab)
    assert focused() is page.editors[4]  # MODELE, /10
    type_live("1")
    assert stored(juror_copy) == {"AMI-2016-001": {"MODELE": 1}}
    type_live("3")  # « 13 »: off the scale; « 1 » must not stay in the file
    assert stored(juror_copy) == {}
    assert "13 est hors de l'échelle 0–10" in page.field_message(page.editors[4]).text()
    assert page.note_state.text() == "1 valeur non enregistrée"
    assert page.undo_stack.count() == 0  # back where it was: nothing to undo
    press(Qt.Key.Key_Backspace)
    QApplication.processEvents()
    assert stored(juror_copy) == {"AMI-2016-001": {"MODELE": 1}}
    assert not page.field_message(page.editors[4]).isVisible()
    # Left unfinished: « 3 », saved on the way to « 3,5 », does not stay either.
    page.editors[0].setFocus()
    type_live("3")
    assert stored(juror_copy)["AMI-2016-001"]["INNO"] == 3
    type_live(",")
    press(Qt.Key.Key_Tab)
    assert "INNO" not in stored(juror_copy)["AMI-2016-001"]
    assert "note inachevée" in page.field_message(page.editors[0]).text()


def test_keys_received_at_once_are_saved_once(
    qtbot: QtBot, window: MainWindow, juror_copy: Path
) -> None:
    open_page(window, juror_copy)
    press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Tab)
    type_text("16")  # both keys before the event loop turns (key repeat, a fast burst)
    QApplication.processEvents()
    assert stored(juror_copy) == {"AMI-2016-001": {"IMPACT": 16}}
    with CampaignFile.open(juror_copy) as file:
        scores = [e for e in file.journal() if e.kind == "score"]
    assert len(scores) == 1  # not « 1 » then « 16 »
