"""The background helper in its threaded mode: progress handed to the UI thread, cancel
leaving the campaign unchanged, the merge and the juror copies off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from juryapp.merge.copies import make_juror_copy
from juryapp.operations import copies
from juryapp.operations.changes import Changes
from juryapp.store import CampaignFile
from juryapp.ui import tasks
from juryapp.ui.dialogs.juror_copies_dialog import JurorCopiesDialog
from juryapp.ui.dialogs.merge_dialog import MergeDialog
from juryapp.ui.session import Session, load_campaign
from tests.merge.merge_helpers import T0, T1
from tests.plugin.campaigns import jury_campaign


@pytest.fixture(autouse=True)
def threaded() -> Iterator[None]:
    tasks.set_synchronous(False)
    yield
    assert tasks.wait_for_tasks(10000)
    tasks.set_synchronous(True)


@pytest.fixture
def campaign(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "appel.jury", jury_campaign(), "coordination") as opened:
        opened.set_scores("J2", "D1", {"INNO": 3}, "coordination", edited_at=T0)
        yield opened


@pytest.fixture
def inputs(campaign: CampaignFile, tmp_path: Path) -> list[Path]:
    inbox = tmp_path / "reçus"
    inbox.mkdir()
    paths = []
    for juror, value in (("J1", 5), ("J2", 4)):
        path = make_juror_copy(campaign, juror, inbox / f"{juror}.jury", "coordination")
        with CampaignFile.open(path) as copy:
            copy.set_scores(juror, "D2", {"INNO": value}, juror, edited_at=T1)
        paths.append(path)
    return paths


def _state(campaign: CampaignFile) -> tuple[object, ...]:
    return (
        sorted(campaign.score_texts()),
        sorted(campaign.recusal_cells()),
        len(campaign.journal()),
    )


def test_progress_reaches_the_ui_thread_while_the_work_runs_elsewhere(qtbot: QtBot) -> None:
    main = threading.get_ident()
    seen: list[tuple[int, int, str, int]] = []
    results: list[tuple[str, int]] = []

    def work(report: tasks.Report) -> str:
        for step in range(3):
            report(step, 3, f"étape {step}")
        report(3, 3, "fini")
        return f"fait sur {threading.get_ident()}"

    task = tasks.Task(
        None,
        "calcul",
        work,
        lambda value: results.append((value, threading.get_ident())),
        None,
        progress=True,
    )
    task.progressed.connect(
        lambda done, total, what: seen.append((done, total, what, threading.get_ident()))
    )
    task.start()
    qtbot.waitUntil(lambda: bool(results), timeout=5000)
    value, thread = results[0]
    assert thread == main and value != f"fait sur {main}"
    assert [(d, t, w) for d, t, w, _thread in seen] == [
        (0, 3, "étape 0"),
        (1, 3, "étape 1"),
        (2, 3, "étape 2"),
        (3, 3, "fini"),
    ]
    assert {thread for *_rest, thread in seen} == {main}
    assert tasks.active_tasks() == 0


def test_a_cancelled_task_stops_at_its_next_report(qtbot: QtBot) -> None:
    gate = threading.Event()
    reached: list[int] = []
    outcome: list[str] = []

    def work(report: tasks.Report) -> str:
        for step in range(5):
            report(step, 5, "…")
            reached.append(step)
            gate.wait(5)
        return "fini"

    task = tasks.run_task(
        None,
        "calcul",
        work,
        outcome.append,
        progress=True,
        cancellable=True,
        on_cancelled=lambda: outcome.append("annulé"),
    )
    qtbot.waitUntil(lambda: bool(reached), timeout=5000)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["annulé"] and task.cancelled
    assert reached == [0]  # the next report stopped it


def test_a_merge_cancelled_midway_changes_nothing(
    qtbot: QtBot, campaign: CampaignFile, inputs: list[Path]
) -> None:
    session = Session(campaign, load_campaign(campaign), None, "coordination")
    before = _state(campaign)
    said: list[object] = []
    session.changed.connect(lambda *args: said.append(args))
    gate = threading.Event()
    outcome: list[str] = []

    def work(report: tasks.Report) -> object:
        def gated(done: int, total: int, what: str) -> None:
            report(done, total, what)
            if done == 0:
                gate.wait(5)  # the user cancels while the first file is read

        return copies.merge_files(campaign, inputs, "coordination", progress=gated)

    task = tasks.run_op(
        None,
        session,
        "fusion",
        work,
        lambda _report: outcome.append("fusionné"),
        progress=True,
        cancellable=True,
        on_cancelled=lambda: outcome.append("annulé"),
    )
    reported: list[int] = []
    task.progressed.connect(lambda done, _total, _what: reported.append(done))
    qtbot.waitUntil(lambda: bool(reported), timeout=5000)  # the first file is being read
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
    assert outcome == ["annulé"]
    assert _state(campaign) == before  # nothing written, not even the journal
    assert said == []  # nothing changed, nothing said
    assert campaign.verify().ok


def test_the_merge_dialog_merges_off_the_ui_thread(
    qtbot: QtBot, campaign: CampaignFile, inputs: list[Path]
) -> None:
    session = Session(campaign, load_campaign(campaign), None, "coordination")
    dialog = MergeDialog(session, None)
    qtbot.addWidget(dialog)
    dialog.set_files(inputs)
    qtbot.mouseClick(dialog.analyse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.analysis is not None, timeout=10000)
    assert not dialog.busy and dialog.merge_button.isEnabled()
    with qtbot.waitSignal(session.changed, timeout=10000) as signal:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert dialog.busy and dialog.cancel_button.isVisibleTo(dialog)
        assert not dialog.close_button.isEnabled()
    assert signal.args == [Changes(scores=True, recusals=True), dialog]
    assert dialog.report is not None and not dialog.busy
    assert dialog.progress.value() == dialog.progress.maximum()
    cells = {(j, r, c): v for j, r, c, v, _at in campaign.score_texts()}
    assert cells[("J1", "D2", "INNO")] == "5" and cells[("J2", "D2", "INNO")] == "4"


def test_juror_copies_cancelled_midway_leave_no_copy(
    qtbot: QtBot, campaign: CampaignFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from juryapp.merge import copies as merge_copies

    gate = threading.Event()
    written: list[Path] = []
    make_one = merge_copies.make_juror_copy

    def slow_copy(campaign_file: CampaignFile, juror: str, out: Path, author: str) -> Path:
        path = make_one(campaign_file, juror, out, author)
        written.append(path)
        gate.wait(5)  # the user cancels once the first copy is written
        return path

    monkeypatch.setattr(merge_copies, "make_juror_copy", slow_copy)
    session = Session(campaign, load_campaign(campaign), None, "coordination")
    dialog = JurorCopiesDialog(session, None)
    qtbot.addWidget(dialog)
    folder = tmp_path / "copies"
    dialog.set_folder(folder)
    dialog.make_copies()
    assert dialog.cancel_button.isVisibleTo(dialog) and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: bool(written), timeout=10000)
    dialog.cancel()
    gate.set()
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=10000)
    assert dialog.status.text() == "Annulé : aucune copie n'a été gardée."
    assert not [e for e in campaign.journal() if e.kind == "juror-copy"]  # nor journalled
    assert written and not written[0].exists()  # the copy written is removed
    assert not folder.exists()  # and the folder made for them
    assert dialog.paths == []

    monkeypatch.setattr(merge_copies, "make_juror_copy", make_one)
    dialog.make_copies()
    qtbot.waitUntil(lambda: bool(dialog.paths), timeout=20000)
    assert len(dialog.paths) == 5 and all(p.exists() for p in dialog.paths)


# --- importing dossiers, threaded -----------------------------------------------------------

IMPORT_HEADERS = ["N° dossier", "Nom du projet", "Association", "Ville", "Axe", "Montant sollicité"]
IMPORT_ROWS = [
    ["AMI-2016-014", "Recyclerie du Marais poitevin", "La Trame", "Coulon", "SERV", "14 500"],
    ["AMI-2016-015", "Garage solidaire du Niortais", "Garage 79", "Chauray", "SERV", "21 000"],
]


def _dossier_book(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Candidatures"
    sheet.append(IMPORT_HEADERS)
    for row in IMPORT_ROWS:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def secretariat(qtbot: QtBot, window: object, full_campaign: Path) -> object:
    from juryapp.ui.dialogs.who import SECRETARIAT
    from juryapp.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_path(full_campaign, SECRETARIAT)
    qtbot.waitUntil(lambda: window.secretariat_page is not None, timeout=10000)
    return window.secretariat_page


def _refs(campaign: CampaignFile | Path) -> set[str]:
    if isinstance(campaign, Path):
        with CampaignFile.open(campaign) as file:
            return {d.ref for d in file.load().dossiers}
    return {d.ref for d in campaign.load().dossiers}


def test_dossiers_imported_off_the_ui_thread_refresh_the_list(
    qtbot: QtBot, secretariat: object, tmp_path: Path
) -> None:
    from juryapp.ui.pages.secretariat import SecretariatPage

    assert isinstance(secretariat, SecretariatPage)
    dialog = secretariat.import_dossiers(_dossier_book(tmp_path / "depot.xlsx"))
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(secretariat.session.changed, timeout=10000) as signal:
        dialog.import_button.click()
    assert signal.args == [Changes(dossiers=True), dialog]
    refs = {d.ref for d in secretariat.dossier_model.dossiers}
    assert {"AMI-2016-014", "AMI-2016-015"} <= refs
    assert secretariat.dossier_count.text().startswith("15 dossier(s)")


def test_an_import_cancelled_imports_nothing(
    qtbot: QtBot,
    secretariat: object,
    full_campaign: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from juryapp.io import workbook
    from juryapp.ui.pages.secretariat import SecretariatPage

    assert isinstance(secretariat, SecretariatPage)
    dialog = secretariat.import_dossiers(_dossier_book(tmp_path / "depot.xlsx"))
    assert dialog is not None
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=10000)
    gate, reading = threading.Event(), threading.Event()
    read = workbook.read_dossiers

    def slow_read(*args: object, **kwargs: object) -> object:
        reading.set()
        gate.wait(5)  # the user cancels while the sheet is read
        return read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workbook, "read_dossiers", slow_read)
    before = _refs(secretariat.session.file)
    dialog.import_button.click()
    qtbot.waitUntil(reading.is_set, timeout=10000)
    assert dialog.task is not None
    dialog.task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.task.running, timeout=10000)
    assert dialog.task.cancelled and dialog.outcome is None
    assert dialog.import_button.isEnabled()  # the user may import after all
    assert _refs(secretariat.session.file) == before


# --- exporting documents, threaded ---------------------------------------------------------


def test_a_pv_export_cancelled_midway_writes_and_journals_nothing(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from juryapp.documents import minutes
    from juryapp.ui.demo import DEMO_AUTHOR, poitiers_file
    from juryapp.ui.desk import DeskPage
    from tests.ui.desk_helpers import FakeUI

    ui = FakeUI(monkeypatch)
    started, gate = threading.Event(), threading.Event()
    write_minutes = minutes.write_minutes

    def slow_minutes(path: Path, record: object, lang: str, page_done: object) -> None:
        def page(number: int) -> None:
            started.set()
            gate.wait(5)  # the user cancels while the first page is laid out
            page_done(number)  # type: ignore[operator]

        write_minutes(path, record, lang, page)  # type: ignore[arg-type]

    monkeypatch.setattr(minutes, "write_minutes", slow_minutes)
    file = poitiers_file(tmp_path / "territoire-ess-2023.jury", DEMO_AUTHOR)
    out = tmp_path / "documents"
    out.mkdir()
    try:
        page = DeskPage(file, DEMO_AUTHOR, "fr")
        qtbot.addWidget(page)
        ui.save_to = out / "pv.pdf"
        page.documents.export_minutes()
        assert started.wait(10)
        tasks.cancel_all()
        gate.set()
        qtbot.waitUntil(lambda: tasks.active_tasks() == 0, timeout=10000)
        assert [text for _title, text in ui.infos] == [
            "Export annulé : aucun fichier n'a été écrit."
        ]
        assert ui.written == [] and ui.errors == []
        assert list(out.iterdir()) == []  # neither the PV nor its temporary
        assert not [e for e in file.journal() if e.kind == "export"]
    finally:
        file.close()
