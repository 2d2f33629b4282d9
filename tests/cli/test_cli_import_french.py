"""The README's dossier import: ``--map`` with the French field names, a required
column named in French when missing, the template's example row skipped with a word."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from juryapp.io.template import write_template
from juryapp.store import CampaignFile
from tests.plugin.workbooks import write_book

Run = Callable[..., tuple[int, str, str]]


def test_the_readme_map_example_with_french_field_names(
    poitiers: Path, tmp_path: Path, run: Run
) -> None:
    sheet = write_book(
        tmp_path / "depot.xlsx",
        {
            "Feuil1": [
                ("Réf.", "Intitulé de l'action", "Catégorie visée", "Remarque"),
                ("GP-20", "Cantine solidaire", "DUR", "à relancer"),
            ]
        },
    )
    status, _out, err = run(
        "dossiers",
        "import",
        str(poitiers),
        str(sheet),
        "--map",
        "Intitulé de l'action=Projet",
        "--map",
        "Remarque=ignorer",
    )
    assert status == 0, err
    with CampaignFile.open(poitiers) as file:
        dossier = {d.ref: d for d in file.load().dossiers}["GP-20"]
    assert (dossier.title, dossier.category, dossier.fields) == ("Cantine solidaire", "DUR", ())


def test_a_missing_required_column_is_named_in_french(
    poitiers: Path, tmp_path: Path, run: Run
) -> None:
    sheet = write_book(
        tmp_path / "depot.xlsx", {"Feuil1": [("Code interne", "Projet"), ("X", "Y")]}
    )
    status, _out, err = run("dossiers", "import", str(poitiers), str(sheet))
    assert status == 1
    assert "le champ « Référence », obligatoire" in err
    assert '--map "En-tête=Référence"' in err
    assert "feuille « Feuil1 », ligne 1" in err


def test_the_templates_example_row_is_skipped_with_a_word(tmp_path: Path, run: Run) -> None:
    import openpyxl

    book = tmp_path / "appel.xlsx"
    write_template(book)
    wb = openpyxl.load_workbook(book)
    wb["Critères"].append(["QUAL", "Qualité", 1, 0, 10])
    wb["Catégories"].append(["DUR", "Territoire durable", None, "7 000"])
    wb["Jury"].append(["J1", "Claire Moreau", "président"])
    wb["Dossiers"].append(["P-01", "Recyclerie", "", "", "DUR"])
    wb.save(book)
    status, out, err = run("new", str(tmp_path / "appel.jury"), "--from", str(book))
    assert status == 0, err
    said = out + err
    for sheet in ("Critères", "Catégories", "Jury", "Dossiers", "Conflits"):
        assert f"feuille « {sheet} », ligne 2 : ligne d'exemple du modèle, ignorée" in said
    with CampaignFile.open(tmp_path / "appel.jury") as file:
        campaign = file.load()
    assert [d.ref for d in campaign.dossiers] == ["P-01"]
    assert [c.code for c in campaign.criteria] == ["QUAL"]
    assert campaign.recusals == ()
