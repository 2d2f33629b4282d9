"""Supported only once (rules §13) through the command line: La Rochelle 2024 refuses a
2023 laureate by SIRET and by RNA; a name-only match is confirmed by a person, another
dismissed; the registry is filled from lists (.xlsx, .csv) and from a sealed campaign."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from juryapp.store import CampaignFile
from tests.plugin.fixtures import results_json
from tests.plugin.registry import (
    LA_ROCHELLE_2024,
    LAUREATES_2023,
    write_la_rochelle,
    write_laureates_csv,
    write_laureates_xlsx,
)
from tests.plugin.workbooks import write_book

REASON_2023 = "déjà soutenu (Acteurs de la transition, 2023)"


@pytest.fixture
def la_rochelle(tmp_path: Path, run) -> Path:
    campaign = tmp_path / "la-rochelle-2024.jury"
    status, _, err = run("new", str(campaign), "--from", str(write_la_rochelle(tmp_path)))
    assert status == 0, err
    return campaign


def _by_ref(run, campaign: Path) -> dict[str, dict]:
    return {d["ref"]: d for d in results_json(run, campaign)["dossiers"]}


def _journal_kinds(campaign: Path) -> list[str]:
    with CampaignFile.open(campaign) as opened:
        return [entry.kind for entry in opened.journal()]


def test_a_2023_laureate_is_not_admissible_in_2024_by_siret_or_rna(la_rochelle, tmp_path, run):
    listing = write_laureates_csv(tmp_path / "laureats-2023.csv")
    status, out, err = run("registry", "import", str(la_rochelle), str(listing))
    assert status == 0, err
    assert "laureats-2023.csv : 4 lauréat(s) lu(s), 4 ajouté(s) au registre." in out
    assert "LR-01 — correspondance sûre (SIRET)" in out
    assert "LR-03 — correspondance possible (nom et commune)" in out

    dossiers = _by_ref(run, la_rochelle)
    assert dossiers["LR-01"]["status"] == "ineligible"
    assert dossiers["LR-01"]["reasons"] == [f"non recevable : {REASON_2023}"]
    assert dossiers["LR-01"]["already_supported"]["match"] == "sure"
    assert dossiers["LR-01"]["already_supported"]["by"] == "siret"
    assert dossiers["LR-01"]["already_supported"]["source"] == "Acteurs de la transition, 2023"
    assert dossiers["LR-02"]["status"] == "ineligible"
    assert dossiers["LR-02"]["already_supported"]["by"] == "rna"
    # possible matches wait for a person: still admissible (unscored here)
    for ref in ("LR-03", "LR-04"):
        assert dossiers[ref]["status"] == "unscored"
        assert dossiers[ref]["already_supported"] == {
            **dossiers[ref]["already_supported"], "match": "possible", "by": "name",
            "state": "to_check", "ruling": None,
        }  # fmt: skip
    # the same name in another town, and a new holder: nothing
    assert "already_supported" not in dossiers["LR-05"]
    assert "already_supported" not in dossiers["LR-06"]

    # the same laureates from a workbook: nothing added twice, nothing journaled
    before = _journal_kinds(la_rochelle)
    status, out, err = run(
        "registry", "import", str(la_rochelle), str(write_laureates_xlsx(tmp_path / "l.xlsx"))
    )
    assert status == 0, err
    assert "l.xlsx : 4 lauréat(s) lu(s), 0 ajouté(s) au registre." in out
    assert _journal_kinds(la_rochelle) == before
    assert before.count("registry") == 1
    assert before.count("admissibility") == 2  # LR-01 and LR-02


def test_a_person_confirms_one_name_match_dismisses_another_and_overrides_a_siret(
    la_rochelle, tmp_path, run
):
    run("registry", "import", str(la_rochelle), str(write_laureates_csv(tmp_path / "l.csv")))
    status, out, err = run(
        "registry", "confirm", str(la_rochelle), "--ref", "LR-03", "--author", "Claire Roy"
    )
    assert status == 0, err
    assert "confirmé : non recevable (déjà soutenu)" in out
    status, out, err = run(
        "registry", "dismiss", str(la_rochelle), "--ref", "LR-04",
        "--reason", "autre association (SIRET différent)",
    )  # fmt: skip
    assert status == 0, err
    assert "écarté : autre porteur" in out
    status, out, err = run(
        "registry", "override", str(la_rochelle), "--ref", "LR-01",
        "--reason", "nouvelle structure, projet distinct", "--author", "Claire Roy",
    )  # fmt: skip
    assert status == 0, err
    assert "recevable : le secrétariat passe outre" in out

    dossiers = _by_ref(run, la_rochelle)
    assert dossiers["LR-01"]["status"] == "unscored"  # admissible again
    assert dossiers["LR-01"]["already_supported"]["state"] == "overridden"
    assert dossiers["LR-01"]["already_supported"]["ruling"]["reason"] == (
        "nouvelle structure, projet distinct"
    )
    assert dossiers["LR-02"]["status"] == "ineligible"
    assert dossiers["LR-03"]["status"] == "ineligible"
    assert dossiers["LR-03"]["reasons"] == [f"non recevable : {REASON_2023}"]
    assert dossiers["LR-04"]["status"] == "unscored"
    assert dossiers["LR-04"]["already_supported"]["state"] == "dismissed"

    with CampaignFile.open(la_rochelle) as opened:
        rulings = [e for e in opened.journal() if e.kind == "registry-ruling"]
        assert [(e.payload["ref"], e.payload["kind"], e.author) for e in rulings] == [
            ("LR-03", "confirm", "Claire Roy"),
            ("LR-04", "dismiss", "Secrétariat ESS"),
            ("LR-01", "override", "Claire Roy"),
        ]
        assert opened.verify().ok
    status, out, _ = run("verify", str(la_rochelle))
    assert status == 0, out

    # a dismissal changed later into a confirmation: the dossier follows
    status, _, err = run("registry", "confirm", str(la_rochelle), "--ref", "LR-04")
    assert status == 0, err
    assert _by_ref(run, la_rochelle)["LR-04"]["status"] == "ineligible"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("override", "--ref", "LR-01", "--reason", "   "), "Indiquez pourquoi le dossier LR-01"),
        (("override", "--ref", "LR-03", "--reason", "x"), "confirmez-la ou écartez-la"),
        (("confirm", "--ref", "LR-02"), "même RNA"),
        (("dismiss", "--ref", "LR-05"), "ne correspond à aucun lauréat"),
        (("dismiss", "--ref", "ZZ-99"), "Dossier inconnu : « ZZ-99 »"),
    ],
)
def test_rulings_that_do_not_fit_the_match_are_refused_and_change_nothing(
    la_rochelle, tmp_path, run, args, message
):
    run("registry", "import", str(la_rochelle), str(write_laureates_csv(tmp_path / "l.csv")))
    before = _journal_kinds(la_rochelle)
    status, _, err = run("registry", args[0], str(la_rochelle), *args[1:])
    assert status == 1
    assert message in err and "Traceback" not in err
    assert _journal_kinds(la_rochelle) == before


def test_an_override_needs_a_reason_on_the_command_line(la_rochelle, run):
    status, _, err = run("registry", "override", str(la_rochelle), "--ref", "LR-01")
    assert status == 2 and "--reason" in err


def test_a_dossier_imported_later_is_flagged_at_import(la_rochelle, tmp_path, run):
    run("registry", "import", str(la_rochelle), str(write_laureates_csv(tmp_path / "l.csv")))
    sheet = write_book(
        tmp_path / "depot.xlsx",
        {
            "Dossiers": [
                ("Référence", "Projet", "Porteur", "Commune", "Montant demandé", "N° SIRET"),
                ("LR-07", "Ressourcerie 3", "RDP", "Aytré", "3 000", "12345678900012"),
                ("LR-08", "Atelier", "Nouvelle asso", "Aytré", "3 000", ""),
            ]
        },
    )
    status, out, err = run("dossiers", "import", str(la_rochelle), str(sheet))
    assert status == 0, err
    assert "Registre des lauréats passés :" in out
    assert "LR-07 — correspondance sûre (SIRET)" in out and "LR-08" not in out.split("Registre")[1]
    dossiers = _by_ref(run, la_rochelle)
    assert dossiers["LR-07"]["status"] == "ineligible"
    assert dossiers["LR-08"]["status"] == "unscored"
    # a re-import saying « Recevable: oui » does not undo the registry
    again = write_book(
        tmp_path / "depot2.xlsx",
        {
            "Dossiers": [
                ("Référence", "Projet", "Montant demandé", "Recevable"),
                ("LR-07", "Ressourcerie 3", "3 000", "oui"),
            ]
        },
    )
    status, _, err = run("dossiers", "import", str(la_rochelle), str(again))
    assert status == 0, err
    assert _by_ref(run, la_rochelle)["LR-07"]["status"] == "ineligible"
    with CampaignFile.open(la_rochelle) as opened:
        assert opened.verify().ok


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("rows", "where"),
    [
        (
            [LAUREATES_2023[0], ("123 456", "", "X", "Aytré", "AAP", 2023, "1 000")],
            "feuille « Lauréats », ligne 3, colonne A (SIRET) : SIRET « 123 456 » : 14 chiffres",
        ),
        (
            [("", "W17", "X", "Aytré", "AAP", 2023, "1 000")],
            "ligne 2, colonne B (RNA) : RNA « W17 » : W suivi de 9 chiffres attendu",
        ),
        (
            [("", "", "X", "Aytré", "AAP", "l'an dernier", "1 000")],
            "ligne 2, colonne F (Année) : année « l'an dernier »",
        ),
        (
            [("", "", "X", "Aytré", "AAP", 2023, "7,000")],
            "ligne 2, colonne G (Montant) : montant ambigu",
        ),
        (
            [LAUREATES_2023[0], ("", "", "", "Aytré", "AAP", 2023, "1 000")],
            "ligne 3 : ni SIRET, ni RNA, ni porteur",
        ),
    ],
)
def test_a_bad_list_is_refused_naming_file_sheet_row_column_and_changes_nothing(
    la_rochelle, tmp_path, run, rows, where
):
    before = _digest(la_rochelle)
    listing = write_laureates_xlsx(tmp_path / "liste.xlsx", rows)
    status, _, err = run("registry", "import", str(la_rochelle), str(listing))
    assert status == 1, err
    assert f"liste.xlsx, {where}" in err or where in err, err
    assert err.startswith("juryapp : liste.xlsx")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _digest(la_rochelle) == before


def test_a_bad_csv_row_is_named_and_a_second_good_file_is_not_added_either(
    la_rochelle, tmp_path, run
):
    good = write_laureates_xlsx(tmp_path / "bonne.xlsx")
    bad = write_laureates_csv(tmp_path / "mauvaise.csv", [LAUREATES_2023[1], ("12", "", "X")])
    status, _, err = run("registry", "import", str(la_rochelle), str(good), str(bad))
    assert status == 1
    assert "mauvaise.csv, ligne 3, colonne A (SIRET) : SIRET « 12 » : 14 chiffres attendus" in err
    with CampaignFile.open(la_rochelle) as opened:
        assert opened.past_laureates() == []
    status, _, err = run(
        "registry", "import", str(la_rochelle), str(write_book(tmp_path / "x.xlsx", {"A": [
            ("Nom du projet", "Budget"), ("a", 1)
        ]}))
    )  # fmt: skip
    assert status == 1 and "aucune colonne SIRET, RNA ni Porteur" in err


LA_ROCHELLE_2023 = {
    **LA_ROCHELLE_2024,
    "Appel": [
        ("Paramètre", "Valeur"),
        ("Nom", "Acteurs de la transition 2023"),
        ("Mode", "enveloppe"),
        ("Enveloppe", "40 000"),
        ("Année", 2023),
        ("Notes minimum", 1),
    ],
    "Dossiers": [
        ("Référence", "Projet", "Porteur", "Commune", "Montant demandé", "SIRET"),
        ("A23-1", "Ressourcerie", "Ressourcerie du Port", "La Rochelle", "5 000", "12345678900012"),
        ("A23-2", "Pédibus", "Parents d'Aytré", "Aytré", "3 000", ""),
        ("A23-3", "Projet faible", "Faibles", "Lagord", "3 000", ""),
    ],
}


def _sealed_2023(tmp_path: Path, run) -> Path:
    path = tmp_path / "la-rochelle-2023.jury"
    book = write_book(tmp_path / "lr2023.xlsx", LA_ROCHELLE_2023)
    status, _, err = run("new", str(path), "--from", str(book))
    assert status == 0, err
    with CampaignFile.open(path) as opened:
        for juror in ("J1", "J2"):
            opened.set_scores(juror, "A23-1", {"TRANS": 9, "CIT": 8}, juror)
            opened.set_scores(juror, "A23-2", {"TRANS": 7, "CIT": 7}, juror)
        opened.set_admissibility("A23-3", False, "hors périmètre", "S")
    status, _, err = run("close", str(path))
    assert status == 0, err
    return path


def test_the_registry_is_filled_from_a_sealed_campaign_file_left_unchanged(
    la_rochelle, tmp_path, run
):
    earlier = _sealed_2023(tmp_path, run)
    before = _digest(earlier)
    status, out, err = run("registry", "import", str(la_rochelle), str(earlier))
    assert status == 0, err
    assert "la-rochelle-2023.jury : 2 lauréat(s) lu(s), 2 ajouté(s) au registre." in out
    assert _digest(earlier) == before
    with CampaignFile.open(la_rochelle) as opened:
        laureates = opened.past_laureates()
    assert [(p.holder, p.siret, p.call, p.year, p.amount_cents, p.source) for p in laureates] == [
        ("Ressourcerie du Port", "12345678900012", "Acteurs de la transition 2023", "2023",
         500_000, "la-rochelle-2023.jury"),
        ("Parents d'Aytré", "", "Acteurs de la transition 2023", "2023", 300_000,
         "la-rochelle-2023.jury"),
    ]  # fmt: skip
    dossiers = _by_ref(run, la_rochelle)
    assert dossiers["LR-01"]["status"] == "ineligible"
    assert dossiers["LR-01"]["reasons"] == [
        "non recevable : déjà soutenu (Acteurs de la transition 2023, 2023)"
    ]


def test_an_unsealed_campaign_or_this_campaign_is_refused(la_rochelle, tmp_path, run):
    open_one = tmp_path / "ouverte.jury"
    book = write_book(tmp_path / "lr2023.xlsx", LA_ROCHELLE_2023)
    assert run("new", str(open_one), "--from", str(book))[0] == 0
    before = _digest(la_rochelle)
    status, _, err = run("registry", "import", str(la_rochelle), str(open_one))
    assert status == 1 and "« ouverte.jury » : la délibération n'est pas scellée" in err
    status, _, err = run("registry", "import", str(la_rochelle), str(la_rochelle))
    assert status == 1 and "est cette campagne-ci" in err
    assert _digest(la_rochelle) == before


def test_without_the_supported_once_rule_matches_only_inform(tmp_path, run):
    settings = [row for row in LA_ROCHELLE_2024["Appel"] if row[0] != "Soutien unique"]
    book = write_book(tmp_path / "sans.xlsx", {**LA_ROCHELLE_2024, "Appel": settings})
    campaign = tmp_path / "sans.jury"
    assert run("new", str(campaign), "--from", str(book))[0] == 0
    status, out, err = run(
        "registry", "import", str(campaign), str(write_laureates_csv(tmp_path / "l.csv"))
    )
    assert status == 0, err
    assert "ne prévoit pas le soutien unique" in out
    dossiers = _by_ref(run, campaign)
    assert dossiers["LR-01"]["status"] == "unscored"
    assert dossiers["LR-01"]["already_supported"]["match"] == "sure"
    status, _, err = run("registry", "override", str(campaign), "--ref", "LR-01", "--reason", "x")
    assert status == 1 and "Soutien unique" in err


def test_matches_json_lists_every_flagged_dossier(la_rochelle, tmp_path, run):
    status, out, _ = run("registry", "matches", str(la_rochelle))
    assert status == 0 and "Aucun dossier ne correspond" in out
    run("registry", "import", str(la_rochelle), str(write_laureates_csv(tmp_path / "l.csv")))
    status, out, _ = run("registry", "matches", str(la_rochelle), "--json")
    assert status == 0
    flags = json.loads(out)
    assert [(f["ref"], f["match"], f["by"], f["state"]) for f in flags] == [
        ("LR-01", "sure", "siret", "refused"),
        ("LR-02", "sure", "rna", "refused"),
        ("LR-03", "possible", "name", "to_check"),
        ("LR-04", "possible", "name", "to_check"),
    ]
