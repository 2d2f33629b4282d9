"""The results file for Démarches Simplifiées from the app: the desk's « Documents » menu
and the secretariat's menu write it after the seal, through ``juryapp export``'s code
(journalled, atomic), refuse it before, and a cancelled export writes nothing."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from juryapp.operations import deliberation
from juryapp.operations.ds_import import import_ds_export
from juryapp.store import CampaignFile
from juryapp.ui import tasks
from juryapp.ui.desk import DeskPage, feedback
from juryapp.ui.desk.documents import Document
from juryapp.ui.dialogs.who import SECRETARIAT
from juryapp.ui.main_window import MainWindow
from tests.plugin.ds_exports import ds_call, write_export
from tests.ui.desk_helpers import FakeUI
from tests.ui.ui_helpers import Messages

AUTHOR = "Sam Secrétaire"
NOTES = {"DS-10234": (9, 9), "DS-10235": (6, 7), "DS-10236": (8, 6), "DS-10240": (3, 2)}


def ds_campaign(tmp_path: Path, *, sealed: bool) -> Path:
    """The DS call, its export imported with the prefix « DS- », scored (and sealed)."""
    path = tmp_path / "aap-ess.jury"
    with CampaignFile.create(path, ds_call(), AUTHOR) as file:
        import_ds_export(file, write_export(tmp_path, "xlsx"), AUTHOR, prefix="DS-")
        for juror in ("J1", "J2", "J3"):
            for ref, (inno, impact) in NOTES.items():
                assert file.set_score(juror, ref, "INNO", inno, juror)
                assert file.set_score(juror, ref, "IMPACT", impact, juror)
        if sealed:
            deliberation.close_deliberation(file, AUTHOR)
    return path


@pytest.fixture
def ui(monkeypatch: pytest.MonkeyPatch) -> FakeUI:
    return FakeUI(monkeypatch)


@pytest.fixture
def sealed(tmp_path: Path) -> Iterator[CampaignFile]:
    file = CampaignFile.open(ds_campaign(tmp_path, sealed=True))
    yield file
    file.close()


def rows_of(path: Path) -> dict[str, list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["ID", "Référence", "Statut"] and rows[0][-1] == "Décision DS"
    return {row[0]: row for row in rows[1:]}


def test_the_desk_writes_the_ds_results_after_the_seal(
    qtbot: QtBot, sealed: CampaignFile, ui: FakeUI, tmp_path: Path
) -> None:
    page = DeskPage(sealed, AUTHOR, "fr")
    qtbot.addWidget(page)
    action = page.documents.ds_action
    assert action in page.documents.menu.actions() and action.isEnabled()
    out = tmp_path / "out"
    out.mkdir()
    ui.save_to = out / "resultats"  # the suffix is added
    action.trigger()
    assert ui.errors == [] and ui.questions == []  # sealed: no « projet » question
    written = out / "resultats.csv"
    by_id = rows_of(written)
    assert list(by_id) == ["10234", "10235", "10236", "10237", "10238", "10240"]
    assert by_id["10234"][1:4] == ["DS-10234", "lauréat", "1"]
    assert by_id["10234"][7] == "dossierAccepter" and by_id["10236"][7] == ""  # accepted on DS
    assert ui.written == [("Résultats pour Démarches Simplifiées exportés", out)]
    exports = [e.payload for e in sealed.journal() if e.kind == "export"]
    assert exports[-1]["document"] == "ds_annotations" and exports[-1]["file"] == written.name
    assert sealed.verify().ok
    suggested = page.documents.writer.suggested_path(Document.DS_ANNOTATIONS)
    assert suggested.name == "aap-ess-resultats-ds-v1.csv"


def test_before_the_seal_the_ds_results_are_refused_and_nothing_written(
    qtbot: QtBot, ui: FakeUI, tmp_path: Path
) -> None:
    with CampaignFile.open(ds_campaign(tmp_path, sealed=False)) as file:
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        assert not page.documents.ds_action.isEnabled()
        ui.save_to = tmp_path / "resultats.csv"
        assert page.documents.export_ds_results() is False
        assert len(ui.errors) == 1 and "scellez" in ui.errors[0][1]
        assert not ui.save_to.exists()
        assert not [e for e in file.journal() if e.kind == "export"]


def test_a_campaign_without_ds_dossiers_is_told_so(
    qtbot: QtBot, ui: FakeUI, tmp_path: Path
) -> None:
    from juryapp.ui.demo import DEMO_AUTHOR, poitiers_file

    file = poitiers_file(tmp_path / "territoire.jury", DEMO_AUTHOR)
    try:
        deliberation.decide_tie(
            file, ["GP-01", "GP-02"], ["GP-02", "GP-01"], "vote", AUTHOR, votes=(3, 0, 0)
        )
        deliberation.close_deliberation(file, AUTHOR)
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        ui.save_to = tmp_path / "resultats.csv"
        page.documents.export_ds_results()
        assert [text for _title, text in ui.errors] == [
            "Aucun dossier de cette campagne ne vient de Démarches Simplifiées."
        ]
        assert not ui.save_to.exists()
    finally:
        file.close()


def test_the_secretariat_writes_the_ds_results_from_its_menu(
    window: MainWindow,
    shown: Messages,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = ds_campaign(tmp_path, sealed=True)
    window.choose_user = lambda parent, campaign, name: SECRETARIAT  # type: ignore[method-assign]
    window.open_path(path)
    out = tmp_path / "resultats-ds.csv"
    monkeypatch.setattr(feedback, "save_path", lambda parent, title, suggested, f: out)
    menu = {a.text(): a for a in window.page_menu.actions()}
    menu["Exporter les résultats pour Démarches &Simplifiées…"].trigger()
    assert shown.errors() == []
    assert "10234" in rows_of(out)
    written = [title for kind, title, _text in shown.shown if kind == "info"]
    assert written == ["Résultats pour Démarches Simplifiées exportés"]


def test_a_ds_results_export_cancelled_midway_writes_and_journals_nothing(
    qtbot: QtBot, sealed: CampaignFile, ui: FakeUI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from juryapp.documents import ds_results

    started, gate = threading.Event(), threading.Event()
    write = ds_results.write_ds_results

    def slow(*args: object) -> None:
        write(*args)  # type: ignore[arg-type]
        started.set()
        gate.wait(5)  # the user cancels while the file is written

    monkeypatch.setattr(ds_results, "write_ds_results", slow)
    out = tmp_path / "out"
    out.mkdir()
    tasks.set_synchronous(False)
    try:
        page = DeskPage(sealed, AUTHOR, "fr")
        qtbot.addWidget(page)
        ui.save_to = out / "resultats.csv"
        page.documents.export_ds_results()
        assert started.wait(10)
        tasks.cancel_all()
        gate.set()
        qtbot.waitUntil(lambda: tasks.active_tasks() == 0, timeout=10000)
    finally:
        tasks.set_synchronous(True)
    assert [text for _title, text in ui.infos] == ["Export annulé : aucun fichier n'a été écrit."]
    assert ui.written == [] and ui.errors == []
    assert list(out.iterdir()) == []  # neither the file nor its temporary
    assert not [e for e in sealed.journal() if e.kind == "export"]
