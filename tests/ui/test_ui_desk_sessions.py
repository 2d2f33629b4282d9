"""The desk on a call that runs over a year (rules §12): it works on the current session
and says which, shows the year's gauge beside the session's and the year's minimum of
projects, seals that session only and moves on to the next one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot

from juryapp.store import CampaignFile
from juryapp.ui.desk import DeskPage
from juryapp.ui.desk.dialogs import ReasonDialog
from tests.plugin.years import create_year, nantes_year
from tests.ui.desk_helpers import FakeUI, click, type_text

AUTHOR = "Lucie Perrin (secrétariat)"


def test_the_desk_deliberates_one_session_at_a_time(
    qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    ui = FakeUI(monkeypatch)  # type: ignore[arg-type]
    path = create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True))
    with CampaignFile.open(path) as file:
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        heading = page.heading.state_label.text()
        assert heading == "Comité n° 1 — Revue de projets de mars (S1) — ouvert — PV version 1"
        assert page.ranking.model.row_of("S1-1") is not None
        assert page.ranking.model.row_of("S2-1") is None  # another session's dossier
        session_gauge, year_gauge = page.gauges.gauges
        assert session_gauge.values is not None and year_gauge.values is not None
        assert session_gauge.values.name == "Enveloppe du comité S1"
        assert session_gauge.values.available_cents == 30_000_000
        assert year_gauge.values.name == "Année (comités clos et celui-ci)"
        assert (year_gauge.values.available_cents, year_gauge.values.awarded_cents) == (
            90_000_000,
            28_000_000,
        )
        assert page.gauges.minimum.text() == (
            "Projets financés dans l'année : 4 / 14 minimum — non atteint"
        )
        page.grab().save(str(tmp_path / "desk-s1.png"))
        with qtbot.waitSignal(page.changed):
            click(page.decisions.close_button)
        assert any("Comité S1 scellé" in text for _title, text in ui.infos)
        # the desk moves on to S2, open; S1 may be reopened from it
        assert page.heading.state_label.text().startswith("Comité n° 2 — Revue de projets de juin")
        assert page.decisions.close_button.isEnabled()
        assert page.decisions.reopen_button.isEnabled()
        assert not page.seal_banner.isVisible()
        assert page.gauges.gauges[0].values.available_cents == 32_000_000  # type: ignore[union-attr]
        assert page.gauges.gauges[1].values.awarded_cents == 28_000_000 + 32_000_000  # type: ignore[union-attr]

        def driver(dialog: QDialog) -> None:
            assert isinstance(dialog, ReasonDialog)
            texts = [label.text() for label in dialog.findChildren(QLabel)]
            assert any("Rouvrir le comité S1, le dernier clos" in text for text in texts)
            type_text(dialog.reason, "Erreur sur un montant")
            click(dialog.ok_button)

        ui.drive(driver)
        click(page.decisions.reopen_button)
        assert page.heading.state_label.text() == (
            "Comité n° 1 — Revue de projets de mars (S1) — ouvert — PV version 2"
        )
        page.close()


def test_the_desk_carries_a_waiting_dossier_over_to_a_later_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    from juryapp.ui.desk.dialogs import CarryOverDialog

    ui = FakeUI(monkeypatch)  # type: ignore[arg-type]
    path = create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True))
    with CampaignFile.open(path) as file:
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        carry = page.decisions.carry_over_button
        assert carry.isVisible()
        page.select_ref("S1-1")  # a laureate: nothing to carry over
        assert not carry.isEnabled()
        page.select_ref("S1-5")  # the waiting list
        assert carry.isEnabled()

        def driver(dialog: QDialog) -> None:
            assert isinstance(dialog, CarryOverDialog)
            assert [dialog.session.itemData(i) for i in range(dialog.session.count())] == [
                "S2",
                "S3",
            ]
            assert not dialog.ok_button.isEnabled()
            type_text(dialog.reason, "Projet solide, enveloppe épuisée")
            click(dialog.ok_button)

        ui.drive(driver)
        with qtbot.waitSignal(page.changed):
            click(carry)
        assert page.ranking.model.row_of("S1-5") is None
        decision = file.decisions()[-1].decision
        assert (decision.session, getattr(decision, "to_session", None)) == ("S1", "S2")
        page.close()


def test_the_desk_withdraws_a_laureate_of_an_earlier_session(
    qtbot: QtBot, tmp_path: Path, monkeypatch: object
) -> None:
    from juryapp.operations import deliberation
    from juryapp.ui.desk.dialogs import EarlierWithdrawalDialog

    ui = FakeUI(monkeypatch)  # type: ignore[arg-type]
    path = create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True))
    with CampaignFile.open(path) as file:
        page = DeskPage(file, AUTHOR, "fr")
        qtbot.addWidget(page)
        page.resize(1280, 800)
        page.show()
        assert not page.decisions.earlier_button.isEnabled()  # nothing sealed yet
        with qtbot.waitSignal(page.changed):
            click(page.decisions.close_button)
        assert page.decisions.earlier_button.isEnabled()

        def driver(dialog: QDialog) -> None:
            assert isinstance(dialog, EarlierWithdrawalDialog)
            assert dialog.laureate.count() == 4
            assert dialog.laureate.itemText(0).startswith("S1-1 — Projet S1-1 (S1, 70")
            type_text(dialog.reason, "Désistement du porteur")
            click(dialog.ok_button)

        ui.drive(driver)
        with qtbot.waitSignal(page.changed):
            click(page.decisions.earlier_button)
        withdrawal = file.decisions()[-1].decision
        assert (withdrawal.session, getattr(withdrawal, "ref", None)) == ("S2", "S1-1")
        assert page.state.year is not None and page.state.year.last.returned_cents == 7_000_000
        assert deliberation is not None
        page.close()
