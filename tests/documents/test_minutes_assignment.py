"""The PV states how the dossiers were assigned to jurors (rules §14): K, the constraints,
the seed, the moves by hand, and each dossier's rapporteurs; without an assignment, nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from juryapp.core.model import Juror, Role
from juryapp.documents.minutes import write_minutes
from juryapp.documents.record import build_record
from juryapp.operations import assignment as ops
from juryapp.store import CampaignFile
from tests.documents.export_fixtures import pdf_text
from tests.plugin.campaigns import jury_campaign

AUTHOR = "Sam Secrétaire"


def _campaign():
    base = jury_campaign()
    jurors = tuple(
        replace(j, organisation=org)
        for j, org in zip(
            base.jurors, ("Région", "Région", "CRESS", "France Active", "CRESS", ""), strict=True
        )
    )
    return replace(base, jurors=jurors)


def test_the_pv_states_the_assignment_and_each_dossier_rapporteurs(tmp_path: Path) -> None:
    with CampaignFile.create(tmp_path / "appel.jury", _campaign(), "coordination") as opened:
        report = ops.assign(opened, 2, AUTHOR, institutions=2, seed=31).value
        ref, jurors = next(iter(report.assignments.items()))
        opened.recuse(jurors[0], ref, "associé au porteur", AUTHOR)
        candidate = ops.candidates(opened.load(), ref)[0]
        ops.move(opened, ref, None, candidate.code, "remplace", AUTHOR, force=True)
        ops.open_to_all(opened, "D5", True, "à discuter en séance", AUTHOR)
        pv = tmp_path / "pv.pdf"
        write_minutes(pv, build_record(opened))
        names = {j.code: j.name for j in opened.load().jurors}
    text = pdf_text(pv)
    assert "Répartition des dossiers entre les jurés" in text
    assert (
        "Chaque dossier recevable a été confié à 2 rapporteur(s) parmi les membres votants, "
        "aucun sur un dossier où il avait déclaré un conflit d'intérêts."
    ) in text
    assert "Les charges des rapporteurs diffèrent d'un dossier au plus." in text
    assert "au moins 2 organismes différents" in text
    assert "reproductible avec la graine 31" in text
    assert "1 désignation(s) faite(s) ensuite à la main" in text
    assert "ouvert(s) à tous les membres votants par le secrétariat : D5" in text
    assert f"{names[candidate.code]} ¹" in text
    assert "rapporteur désigné à la main par le secrétariat" in text
    for code in report.assignments["D2"]:
        assert names[code] in text


def test_the_pv_says_nothing_of_an_assignment_when_there_is_none(tmp_path: Path) -> None:
    campaign = replace(
        _campaign(), jurors=(*_campaign().jurors[:5], Juror("S", "Sam", Role.SECRETARY, False))
    )
    with CampaignFile.create(tmp_path / "appel.jury", campaign, "coordination") as opened:
        pv = tmp_path / "pv.pdf"
        write_minutes(pv, build_record(opened))
    assert "Répartition des dossiers" not in pdf_text(pv)
