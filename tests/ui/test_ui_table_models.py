"""Every table model of the app passes pytest-qt's ``qtmodeltester`` (Qt's own model
checks: counts, parents, headers, roles, signals on reset), filled from the demo calls,
and the shared base (``RowTableModel``) answers headers and alignment from its columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from juryapp.core.model import Attendance, Juror
from juryapp.operations import deliberation
from juryapp.operations.campaign import compute
from juryapp.store import CampaignFile
from juryapp.ui.demo import DEMO_AUTHOR, aquitaine_file, poitiers_file
from juryapp.ui.desk.models import (
    AttendanceModel,
    Column,
    DecisionsModel,
    PendingModel,
    RankingModel,
    TextTableModel,
)
from juryapp.ui.models.scoring import DossierFilterProxy, DossierListModel
from juryapp.ui.models.secretariat import (
    AdmissionModel,
    CategoryModel,
    CriteriaModel,
    JuryModel,
    PreviewModel,
)
from juryapp.ui.models.table import RIGHT, RowTableModel, TableColumn
from juryapp.ui.session import JurorSheet

Demo = Callable[[Callable[[Path, str], CampaignFile]], CampaignFile]


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    """Opens a demo call (``poitiers_file``, ``aquitaine_file``); closed after the test."""
    opened: list[CampaignFile] = []

    def open_demo(make: Callable[[Path, str], CampaignFile]) -> CampaignFile:
        opened.append(make(tmp_path / f"demo-{len(opened)}.jury", DEMO_AUTHOR))
        return opened[-1]

    yield open_demo
    for file in opened:
        file.close()


def test_desk_models_pass_the_model_tester(qtmodeltester: ModelTester, demo: Demo) -> None:
    poitiers = demo(poitiers_file)
    deliberation.decide_withdraw(poitiers, "GP-03", "Désistement", DEMO_AUTHOR)
    campaign, results = compute(poitiers)
    ranking = RankingModel()
    ranking.set_results(results, campaign, "DUR")
    qtmodeltester.check(ranking)
    assert ranking.rowCount() > 3 and ranking.columnCount() == len(Column)
    # separators are not selectable, dossiers are
    kinds = [row.kind for row in ranking.rows()]
    separator = next(n for n, kind in enumerate(kinds) if kind != "dossier")
    assert not ranking.flags(ranking.index(separator, 0)) & Qt.ItemFlag.ItemIsSelectable
    assert ranking.flags(ranking.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable
    # a new pool resets the model under the tester's eye
    ranking.set_results(results, campaign, None)
    ranking.set_results(results, campaign, "DUR")

    pending = PendingModel()
    pending.set_items(results.pending)
    qtmodeltester.check(pending)
    assert pending.rowCount() == len(results.pending) >= 1

    decisions = DecisionsModel()
    decisions.set_items(poitiers.decisions())
    qtmodeltester.check(decisions)
    assert decisions.rowCount() == 1
    assert decisions.index(0, 0).data() == str(decisions.item(0).id)

    attendance = AttendanceModel()
    attendance.set_jurors(campaign.jurors, editable=True)
    qtmodeltester.check(attendance)
    column = AttendanceModel.ATTENDANCE_COLUMN
    assert attendance.flags(attendance.index(0, column)) & Qt.ItemFlag.ItemIsEditable
    attendance.set_jurors(campaign.jurors, editable=False)
    assert not attendance.flags(attendance.index(0, column)) & Qt.ItemFlag.ItemIsEditable

    table = TextTableModel(["Juré", "Note"])
    qtmodeltester.check(table)
    table.set_text([["J1 Anne", "12,50"], ["J2 Paul", "9,00"]], right={1})
    assert table.index(1, 1).data() == "9,00"
    assert table.index(1, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert table.index(1, 0).data(Qt.ItemDataRole.TextAlignmentRole) is None


def test_scoring_and_secretariat_models_pass_the_model_tester(
    qtmodeltester: ModelTester, demo: Demo
) -> None:
    aquitaine = demo(aquitaine_file)
    campaign = aquitaine.load()
    juror = campaign.jurors[0]
    sheet = JurorSheet.read(aquitaine, campaign, juror)
    dossiers = DossierListModel(campaign.dossiers, sheet, campaign.categories)
    qtmodeltester.check(dossiers)
    assert dossiers.rowCount() == len(campaign.dossiers)
    ref = campaign.dossiers[2].ref
    assert dossiers.row_of(ref) == 2 and dossiers.dossier(2).ref == ref
    proxy = DossierFilterProxy()
    proxy.setSourceModel(dossiers)
    qtmodeltester.check(proxy)
    proxy.set_filter("done")
    proxy.sort(DossierListModel.NOTE)

    admission = AdmissionModel(campaign.dossiers, campaign.categories)
    qtmodeltester.check(admission)
    assert admission.rowCount() == len(campaign.dossiers)
    admission.set_dossiers(campaign.dossiers[:3])
    assert admission.rowCount() == 3

    criteria = CriteriaModel(campaign.criteria, editable=True)
    qtmodeltester.check(criteria)
    assert criteria.rowCount() == len(campaign.criteria)
    label = criteria.index(0, CriteriaModel.LABEL)
    assert criteria.setData(label, "Ancrage territorial (révisé)")
    assert criteria.criteria[0].label == "Ancrage territorial (révisé)"
    assert not criteria.setData(criteria.index(0, CriteriaModel.WEIGHT), "beaucoup")

    categories = CategoryModel(campaign.categories)
    qtmodeltester.check(categories)
    assert categories.rowCount() == len(campaign.categories)

    asked: list[tuple[str, Attendance]] = []

    def set_attendance(member: Juror, attendance: Attendance) -> bool:
        asked.append((member.code, attendance))
        return True

    jury = JuryModel(campaign.jurors, set_attendance)
    qtmodeltester.check(jury)
    cell = jury.index(0, JuryModel.ATTENDANCE)
    assert jury.setData(cell, Attendance.ABSENT.value)
    assert asked == [(juror.code, Attendance.ABSENT)]
    assert jury.jurors[0].attendance is Attendance.ABSENT

    preview = PreviewModel()
    qtmodeltester.check(preview)
    preview.set_preview(["Réf", "Titre", "Montant"], [["A1", "Jardin"], ["A2", "Café", "900"]])
    assert preview.index(0, 2).data() == ""
    preview.set_targets(["Référence", "Projet"])
    assert preview.headerData(0, Qt.Orientation.Horizontal) == "Réf\n→ Référence"
    assert preview.headerData(2, Qt.Orientation.Horizontal) == "Montant"


def test_the_base_answers_from_its_column_declaration(qtmodeltester: ModelTester) -> None:
    class Squares(RowTableModel[int]):
        def cell(self, row: int, column: int, role: int) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(row if column == 0 else row * row)
            return None

    model = Squares([TableColumn("n"), TableColumn("n²", "le carré", RIGHT)])
    model.set_rows(range(1, 5))
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (4, 2)
    assert model.index(3, 1).data() == "16"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "n²"
    assert model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "le carré"
    )
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) == int(RIGHT)
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    assert model.data(QModelIndex()) is None
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.row_items() == [1, 2, 3, 4] and model.row_item(2) == 3
