"""The PV of a call that supports a project only once (rules §13) and sets a minimum
number of projects (rules §12): the rule, every match with the secretariat's ruling and
reason, the minimum met or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_fixtures import pdf_text

from juryapp.i18n import set_language
from juryapp.store import CampaignFile
from tests.plugin.registry import new_la_rochelle, write_laureates_csv


def _prepare(tmp_path: Path, run) -> Path:
    campaign = new_la_rochelle(tmp_path, run)
    listing = write_laureates_csv(tmp_path / "laureats-2023.csv")
    assert run("registry", "import", str(campaign), str(listing))[0] == 0
    assert run(
        "registry", "override", str(campaign), "--ref", "LR-01",
        "--reason", "nouvelle structure, projet distinct", "--author", "Claire Roy",
    )[0] == 0  # fmt: skip
    assert run("registry", "confirm", str(campaign), "--ref", "LR-03")[0] == 0
    with CampaignFile.open(campaign) as opened:
        for juror in ("J1", "J2"):
            opened.set_scores(juror, "LR-01", {"TRANS": 9, "CIT": 9}, juror)
            opened.set_scores(juror, "LR-05", {"TRANS": 8, "CIT": 6}, juror)
            opened.set_scores(juror, "LR-06", {"TRANS": 2, "CIT": 2}, juror)
            opened.set_scores(juror, "LR-04", {"TRANS": 7, "CIT": 7}, juror)
    return campaign


def test_closing_waits_for_every_possible_match_to_be_confirmed_or_dismissed(tmp_path, run):
    campaign = _prepare(tmp_path, run)
    status, _, err = run("close", str(campaign))
    assert status == 1
    assert "Correspondances possibles avec le registre des lauréats passés" in err
    assert "LR-04" in err
    assert run("registry", "dismiss", str(campaign), "--ref", "LR-04", "--reason", "autre")[0] == 0
    status, _out, err = run("close", str(campaign))
    assert status == 0, err


def test_the_pv_states_the_rule_every_ruling_and_the_minimum(tmp_path, run):
    campaign = _prepare(tmp_path, run)
    assert run(
        "registry", "dismiss", str(campaign), "--ref", "LR-04",
        "--reason", "autre association, SIRET différent",
    )[0] == 0  # fmt: skip
    assert run("close", str(campaign))[0] == 0
    pv = tmp_path / "pv.pdf"
    status, _, err = run("export", str(campaign), "--minutes", str(pv))
    assert status == 0, err
    text = pdf_text(pv)
    # the rule, in the method
    assert "Soutien unique un projet n'est soutenu qu'une fois" in text
    assert "registre des lauréats passés : 4 lauréat(s), d'après laureats-2023.csv" in text
    assert "Projets minimum 3 projets à financer sur l'année" in text
    # every match and the secretariat's ruling
    table = text.split("Soutien unique : dossiers correspondant au registre des lauréats")[1]
    table = table.split("6. Classement")[0]
    assert "LR-01 Ressourcerie 2 même SIRET que Ressourcerie du Port, LA ROCHELLE" in table
    assert (
        "le secrétariat passe outre : le dossier reste recevable — motif : nouvelle structure, "
        "projet distinct — Claire Roy" in table
    )
    assert "LR-02 Vélo-école même numéro RNA que Vélo-Cité" in table
    assert "non recevable (déjà soutenu)" in table
    assert "LR-03 Jardins partagés même nom et même commune" in table
    assert "correspondance confirmée : le dossier n'est pas recevable" in table
    assert (
        "correspondance écartée : autre porteur, le dossier reste recevable — motif : autre "
        "association, SIRET différent" in table
    )
    # the dossiers made not admissible, with the reason
    inadmissible = text.split("5. Dossiers non recevables")[1].split("Soutien unique")[0]
    assert inadmissible.count("déjà soutenu (Acteurs de la transition, 2023)") == 2
    # LR-01, LR-05, LR-04 retained and funded (LR-06 under no threshold but funded too):
    # 4 projects funded for a minimum of 3
    assert "Projets financés : 4, pour un minimum de 3 sur l'année : minimum atteint." in text


@pytest.fixture
def french_after():
    yield
    set_language("fr")  # « --lang en » leaves the process in English


def test_the_minimum_not_met_is_said_in_results_and_pv_in_english_too(tmp_path, run, french_after):
    campaign = new_la_rochelle(tmp_path, run)
    with CampaignFile.open(campaign) as opened:
        for juror in ("J1", "J2"):
            opened.set_scores(juror, "LR-01", {"TRANS": 9, "CIT": 9}, juror)
        for ref in ("LR-02", "LR-03", "LR-04", "LR-05", "LR-06"):
            opened.set_admissibility(ref, False, "incomplet", "S")
    status, out, _ = run("results", str(campaign))
    assert status == 0
    assert "Projets financés : 1 / 3 minimum — minimum NON ATTEINT" in out
    status, out, _ = run("--lang", "en", "results", str(campaign))
    assert "Funded projects: 1 / 3 minimum — minimum NOT REACHED" in out
    status, out, _ = run("results", str(campaign), "--json")
    assert json.loads(out)["minimum_projects"] == {"minimum": 3, "funded": 1, "met": False}
    pv = tmp_path / "pv-en.pdf"
    assert run("--lang", "en", "export", str(campaign), "--minutes", str(pv))[0] == 0
    text = pdf_text(pv)
    assert "Minimum projects 3 projects to fund over the year" in text
    assert "Funded projects: 1, for a minimum of 3 over the year: minimum not reached." in text
