"""A table of a Grist document (``.grist``, SQLite) imported through the same mapping as a
workbook's sheet: Grist's own tables and helper columns left out, the columns' labels as
headers, Grist's order, its types read (dates, booleans, choice lists); a file that is not
SQLite, a table that is not there, a document without tables: one message naming the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from juryapp.core.model import Mode
from juryapp.io.errors import InputError
from juryapp.io.workbook import preview_dossiers, read_dossiers
from tests.plugin.ds_exports import ds_call
from tests.plugin.grist_docs import write_grist

CATEGORIES = ds_call().categories


def test_a_grist_table_is_previewed_like_a_sheet(tmp_path: Path) -> None:
    doc = write_grist(tmp_path / "appel-2026.grist")
    preview = preview_dossiers(doc)
    assert preview.sheets == ("Projets", "Contacts")  # no _grist_* table
    assert preview.sheet == "Projets"
    assert preview.headers == (
        "Référence", "Nom du projet", "Porteur", "Catégorie", "Montant demandé",
        "Budget global", "Déposé le", "Déjà labellisé", "Thèmes",
    )  # fmt: skip
    assert preview.mapping["Nom du projet"] == "title" and preview.mapping["Référence"] == "ref"
    assert [row[0] for row in preview.rows] == ["GR-02", "GR-01", "GR-03"]  # manualSort
    other = preview_dossiers(doc, sheet="Contacts")
    assert other.headers == ("Nom", "Courriel")


def test_a_grist_table_is_read_with_its_types(tmp_path: Path) -> None:
    doc = write_grist(tmp_path / "appel-2026.grist")
    read = read_dossiers(
        doc,
        sheet="projets",  # as a sheet's name: any case
        mapping={"Déjà labellisé": "libre"},
        mode=Mode.ENVELOPE,
        categories=CATEGORIES,
    )
    assert read.sheet == "Projets"
    by_ref = {d.ref: d for d in read.dossiers}
    assert list(by_ref) == ["GR-02", "GR-01", "GR-03"]
    assert by_ref["GR-01"].requested_cents == 1_200_050  # 12 000,50 €: exact cents
    assert by_ref["GR-01"].total_budget_cents == 4_800_000
    assert by_ref["GR-03"].category == "EMP"  # by name
    fields = dict(by_ref["GR-02"].fields)
    assert fields["Déposé le"] == "01/01/2026"  # Grist's seconds since 1970, a date
    assert (
        fields["Déjà labellisé"] == "non"
        and dict(by_ref["GR-01"].fields)["Déjà labellisé"] == "oui"
    )
    assert fields["Thèmes"] == "nature, quartier"
    assert "manualSort" not in fields and not any("gristHelper" in k for k in fields)


def test_a_file_that_is_not_sqlite_is_refused_naming_it(tmp_path: Path) -> None:
    fake = tmp_path / "appel.grist"
    fake.write_text("Référence;Projet\nGR-01;Ressourcerie\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_dossiers(fake, categories=CATEGORIES)
    assert str(refused.value) == (
        "appel.grist n'est pas un document Grist lisible (ce n'est pas une base SQLite)"
    )


def test_a_missing_table_names_the_tables_there_are(tmp_path: Path) -> None:
    doc = write_grist(tmp_path / "appel.grist")
    with pytest.raises(InputError) as refused:
        read_dossiers(doc, sheet="Budget", categories=CATEGORIES)
    message = str(refused.value)
    assert message.startswith("appel.grist") and "pas de table « Budget »" in message
    assert "« Projets »" in message and "« Contacts »" in message


def test_a_document_without_tables_or_damaged_is_one_message(tmp_path: Path) -> None:
    empty = tmp_path / "vide.grist"
    connection = sqlite3.connect(empty)
    connection.executescript("CREATE TABLE _grist_Tables (id INTEGER PRIMARY KEY);")
    connection.close()
    with pytest.raises(InputError, match=r"vide\.grist : le document Grist n'a aucune table"):
        read_dossiers(empty, categories=CATEGORIES)
    broken = tmp_path / "abime.grist"
    data = write_grist(tmp_path / "source.grist").read_bytes()
    broken.write_bytes(data[:100] + b"\x00" * 4000)  # the header kept, the rest lost
    with pytest.raises(InputError) as refused:
        read_dossiers(broken, categories=CATEGORIES)
    assert str(refused.value).startswith("abime.grist")
