"""A call that runs over a year (rules §12), deliberated session by session on campaign
files: the Nantes Factory year (three project reviews, carry-over on and off, a laureate
of a sealed review withdrawn later, the 14-projects check) and the Lyon foundation's year
(each axis's envelope and cap over two sessions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juryapp.core.errors import OperationError
from juryapp.core.model import Attendance
from juryapp.core.results import Status
from juryapp.operations import deliberation
from juryapp.operations.campaign import compute, year_of
from juryapp.operations.secretariat import set_attendance
from juryapp.store import CampaignFile, StoreError
from tests.plugin.years import EUROS, create_year, lyon_year, nantes_year

AUTHOR = "Secrétariat"


def _amounts(campaign_file: CampaignFile, session: str) -> dict[str, int]:
    results = compute(campaign_file, session)[1]
    return {d.ref: d.amount_cents // EUROS for d in results.dossiers if d.amount_cents}


@pytest.fixture
def nantes(tmp_path: Path) -> Path:
    return create_year(tmp_path / "nantes.jury", nantes_year(carry_over=True))


def test_each_review_deliberates_its_own_dossiers_on_what_the_ledger_leaves_it(
    nantes: Path,
) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        # S1 declares 300 000 €: four projects of 70 000 €, 20 000 € left
        assert _amounts(campaign_file, "S1") == {f"S1-{i}": 70_000 for i in range(1, 5)}
        seal = deliberation.close_deliberation(campaign_file, AUTHOR).value
        assert seal.session == "S1"
        # the current session is now S2: 300 000 € and the 20 000 € carried over
        view = year_of(campaign_file.load(), None)
        assert view is not None and view.last.session.code == "S2"
        assert view.ledger is not None
        assert view.ledger.spent_cents == 280_000 * EUROS
        assert view.ledger.sessions[-1].available_cents == 320_000 * EUROS
        assert _amounts(campaign_file, "S2") == {f"S2-{i}": 64_000 for i in range(1, 6)}
        deliberation.close_deliberation(campaign_file, AUTHOR, "S2")
        # S3 declares nothing: what remains of the year
        view = year_of(campaign_file.load(), "S3")
        assert view is not None and view.ledger is not None
        assert view.last.campaign.rules.envelope_cents == 300_000 * EUROS
        assert _amounts(campaign_file, "S3") == {"S3-1": 80_000, "S3-2": 80_000, "S3-3": 80_000}
        deliberation.close_deliberation(campaign_file, AUTHOR, "S3")
        view = year_of(campaign_file.load(), "S3")
        assert view is not None and view.ledger is not None
        assert view.ledger.spent_cents == 840_000 * EUROS
        assert view.ledger.remaining_cents == 60_000 * EUROS
        # the 14-projects check: 4 + 5 + 3 funded
        assert view.funded_projects() == 12
        assert campaign_file.verify().ok


def test_without_carry_over_what_a_review_leaves_is_not_consumed(tmp_path: Path) -> None:
    path = create_year(tmp_path / "sans-report.jury", nantes_year(carry_over=False))
    with CampaignFile.open(path) as campaign_file:
        deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        # S2 may award its own 300 000 € only: four projects of 64 000 €
        assert _amounts(campaign_file, "S2") == {f"S2-{i}": 64_000 for i in range(1, 5)}
        deliberation.close_deliberation(campaign_file, AUTHOR, "S2")
        view = year_of(campaign_file.load(), "S3")
        assert view is not None and view.ledger is not None
        s1, s2, _s3 = view.ledger.sessions
        assert (s1.not_consumed_cents, s2.not_consumed_cents) == (20_000 * EUROS, 44_000 * EUROS)
        assert s1.carried_out_cents == s2.carried_out_cents == 0
        # 900 000 − 280 000 − 20 000 − 256 000 − 44 000
        assert view.last.campaign.rules.envelope_cents == 300_000 * EUROS


def test_a_laureate_of_a_sealed_review_withdrawn_later_gives_its_money_back(
    nantes: Path,
) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        deliberation.close_deliberation(campaign_file, AUTHOR)
        before = compute(campaign_file, "S1")[1]
        # recorded in the current review (S2), with its reason
        deliberation.decide_withdraw(campaign_file, "S1-1", "désistement du porteur", AUTHOR)
        withdrawal = campaign_file.decisions()[-1]
        assert withdrawal.decision.session == "S2"
        # the sealed review's results do not change: its PV is sealed
        assert compute(campaign_file, "S1")[1] == before
        view = year_of(campaign_file.load(), "S2")
        assert view is not None and view.ledger is not None
        assert view.last.returned_cents == 70_000 * EUROS
        assert view.ledger.spent_cents == 210_000 * EUROS
        # S2's own envelope is unchanged; the money is the year's again (for S3)
        assert view.ledger.sessions[-1].available_cents == 320_000 * EUROS
        deliberation.close_deliberation(campaign_file, AUTHOR, "S2")
        view = year_of(campaign_file.load(), "S3")
        assert view is not None
        assert view.last.campaign.rules.envelope_cents == 370_000 * EUROS
        assert view.funded_projects() == 3 + 5
        with pytest.raises(OperationError, match="déjà retiré"):
            deliberation.decide_withdraw(campaign_file, "S1-1", "encore", AUTHOR, "S3")
        assert campaign_file.verify().ok


def test_a_sealed_review_refuses_changes_while_the_others_stay_open(nantes: Path) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        assert not campaign_file.is_closed  # the campaign itself stays open
        with pytest.raises(StoreError, match="comité S1 est clos"):
            campaign_file.set_scores("J1", "S1-5", {"IMPACT": 1}, AUTHOR)
        with pytest.raises(StoreError, match="comité S1 est clos"):
            deliberation.decide_amount(campaign_file, "S1-1", 1_000 * EUROS, "ajusté", AUTHOR, "S1")
        with pytest.raises(StoreError, match="comité S1 est clos"):
            set_attendance(campaign_file, "J2", Attendance.ABSENT, AUTHOR, "S1")
        with pytest.raises(OperationError, match="déjà clos"):
            deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        # S2 still takes scores and decisions
        assert campaign_file.set_scores("J1", "S2-5", {"IMPACT": 3}, AUTHOR) == 1
        deliberation.decide_withdraw(campaign_file, "S2-1", "désistement", AUTHOR, "S2")
        assert campaign_file.verify().ok


def test_each_review_has_its_own_attendance_and_quorum(nantes: Path) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        set_attendance(campaign_file, "J1", Attendance.ABSENT, AUTHOR, "S2")
        set_attendance(campaign_file, "J2", Attendance.ABSENT, AUTHOR, "S2")
        assert compute(campaign_file, "S1")[1].quorum.reached
        assert not compute(campaign_file, "S2")[1].quorum.reached
        # the jury's list is unchanged
        assert {j.attendance for j in campaign_file.load().jurors} == {Attendance.PRESENT}
        assert campaign_file.verify().ok


def test_reopening_a_review_follows_the_order_of_the_year(nantes: Path) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        with pytest.raises(OperationError, match="clore d'abord S2"):
            deliberation.close_deliberation(campaign_file, AUTHOR, "S3")
        deliberation.close_deliberation(campaign_file, AUTHOR, "S2")
        with pytest.raises(StoreError, match="Rouvrir d'abord S2"):
            deliberation.reopen_deliberation(campaign_file, "erreur", AUTHOR, "S1")
        # without --session: the last sealed review
        assert (
            deliberation.reopen_deliberation(campaign_file, "erreur de saisie", AUTHOR).value == 2
        )
        assert deliberation.reopen_deliberation(campaign_file, "erreur", AUTHOR, "S1").value == 2
        sessions = {s.code: s for s in campaign_file.load().sessions}
        assert not sessions["S1"].sealed and sessions["S1"].pv_version == 2
        deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        seals = [(s.session, s.version, s.reopened_at is None) for s in campaign_file.seals()]
        assert seals == [("S1", 1, False), ("S2", 2, False), ("S1", 3, True)]
        assert campaign_file.verify().ok


def test_an_unknown_session_is_refused_naming_the_known_ones(nantes: Path) -> None:
    with (
        CampaignFile.open(nantes) as campaign_file,
        pytest.raises(OperationError, match=r"Comité inconnu « S9 » \(comités : S1, S2, S3\)"),
    ):
        compute(campaign_file, "S9")


def test_lyon_each_axis_keeps_its_envelope_and_cap_over_two_sessions(tmp_path: Path) -> None:
    path = create_year(tmp_path / "lyon.jury", lyon_year())
    with CampaignFile.open(path) as campaign_file:
        # C1: axis A two × 30 000 (cap), axis B one capped at 15 000
        assert _amounts(campaign_file, "C1") == {"L1-A1": 30_000, "L1-A2": 30_000, "L1-B1": 15_000}
        deliberation.close_deliberation(campaign_file, AUTHOR, "C1")
        # C2: axis A has 20 000 left (a 30 000 project does not fit), axis B 35 000
        view = year_of(campaign_file.load(), "C2")
        assert view is not None
        envelopes = {c.code: c.envelope_cents for c in view.last.campaign.categories}
        assert envelopes == {"A": 20_000 * EUROS, "B": 35_000 * EUROS}
        results = view.last.results
        assert {d.ref: d.amount_cents // EUROS for d in results.dossiers if d.amount_cents} == {
            "L2-B1": 15_000,
            "L2-B2": 15_000,
        }
        assert results.dossier("L2-A1").status is Status.WAITING
        deliberation.close_deliberation(campaign_file, AUTHOR, "C2")
        view = year_of(campaign_file.load(), "C2")
        assert view is not None
        spent = {
            code: ledger.spent_cents // EUROS for code, ledger in view.category_ledgers.items()
        }
        assert spent == {"A": 60_000, "B": 45_000}
        assert campaign_file.verify().ok


def test_a_retained_unfunded_dossier_is_carried_over_to_a_later_review(nantes: Path) -> None:
    with CampaignFile.open(nantes) as campaign_file:
        assert compute(campaign_file, "S1")[1].dossier("S1-5").status is Status.WAITING
        with pytest.raises(OperationError, match="liste complémentaire"):
            deliberation.decide_carry_over(campaign_file, "S1-1", "S2", "report", AUTHOR)
        with pytest.raises(OperationError, match="comité suivant"):
            deliberation.decide_carry_over(campaign_file, "S1-5", "S1", "report", AUTHOR)
        deliberation.decide_carry_over(
            campaign_file, "S1-5", "S2", "projet solide, enveloppe épuisée", AUTHOR
        )
        assert campaign_file.decisions()[-1].decision.session == "S1"
        # S1 no longer ranks it; S2 does, with its scores
        assert "S1-5" not in {d.ref for d in compute(campaign_file, "S1")[1].dossiers}
        deliberation.close_deliberation(campaign_file, AUTHOR, "S1")
        assert _amounts(campaign_file, "S2") == {
            "S1-5": 70_000,
            "S2-1": 64_000,
            "S2-2": 64_000,
            "S2-3": 64_000,
        }
        deliberation.close_deliberation(campaign_file, AUTHOR, "S2")
        with pytest.raises(StoreError, match="comité S2 est clos"):  # its own review is sealed
            deliberation.decide_carry_over(campaign_file, "S2-4", "S3", "report", AUTHOR, "S2")
        view = year_of(campaign_file.load(), "S3")
        assert view is not None and view.ledger is not None
        assert view.ledger.spent_cents == (280_000 + 262_000) * EUROS
        assert campaign_file.verify().ok


def test_a_call_without_sessions_has_nothing_to_carry_over(tmp_path: Path) -> None:
    from tests.plugin.campaigns import small_campaign

    with CampaignFile.create(tmp_path / "appel.jury", small_campaign(), AUTHOR) as campaign_file:
        ref = campaign_file.load().dossiers[0].ref
        with pytest.raises(OperationError, match="rien à reporter"):
            deliberation.decide_carry_over(campaign_file, ref, "S2", "report", AUTHOR)
