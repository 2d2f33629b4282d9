"""A Démarches Simplifiées export read as it is: the same dossiers from xlsx, ods and csv,
states, holders, SIRET and RNA, typed free fields, annotations, blocks, avis, and every
refusal naming its file, sheet, row and column."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from juryapp.core.fields import FieldType, format_free
from juryapp.core.model import Mode
from juryapp.io.ds_export import is_ds_export, preview_ds_export, read_ds_export
from juryapp.io.errors import InputError
from tests.plugin import ds_exports
from tests.plugin.ds_exports import (
    DESCRIPTION,
    dossiers_sheet,
    ds_call,
    export_sheets,
    write_csv,
    write_export,
    write_xlsx,
)

CATEGORIES = ds_call().categories


def read(path: Path, **options: object):
    return read_ds_export(path, mode=Mode.ENVELOPE, categories=CATEGORIES, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_a_ds_export_is_recognised_and_read_one_dossier_per_row(tmp_path: Path, fmt: str) -> None:
    path = write_export(tmp_path, fmt)
    assert is_ds_export(path)
    done = read(path, prefix="DS-", annotations_from="Pré-note instructeur")
    assert done.procedure == "aap-ess-2026"
    assert [d.ref for d in done.dossiers] == [
        "DS-10234", "DS-10235", "DS-10236", "DS-10237", "DS-10238", "DS-10240",
    ]  # fmt: skip
    assert done.skipped == ("10239",)  # the draft
    first = done.dossiers[0]
    assert (first.title, first.applicant, first.town, first.category) == (
        "Ressourcerie itinérante", "Ressourcerie du Val", "Melle", "EMP",
    )  # fmt: skip
    assert (first.requested_cents, first.total_budget_cents) == (1_200_000, 4_800_050)
    assert (first.siret, first.rna) == ("00001023400012", "W790010234")
    fields = dict(first.fields)
    assert fields["Description du projet"] == DESCRIPTION  # in full, line breaks kept
    assert fields["Nombre d'emplois créés"] == "2"
    assert fields["Date de démarrage"] == "2026-04-01"
    assert fields["Projet déjà soutenu ?"] == "oui"
    assert fields["Code postal"] == "79500"
    assert "Ancien champ (révision 1)" not in fields  # empty: not shown
    assert "Pré-note instructeur" not in fields and "Avis du service" not in fields
    detail = done.details[0]
    assert (detail.external_id, detail.state) == ("10234", "En instruction")
    assert detail.kind_of("Nombre d'emplois créés") is FieldType.NUMBER
    assert detail.kind_of("Date de démarrage") is FieldType.DATE
    assert detail.kind_of("Projet déjà soutenu ?") is FieldType.FLAG
    assert detail.kind_of("Code postal") is FieldType.TEXT  # a code, not a quantity
    assert [(a.label, a.kind, a.value, a.shared) for a in detail.annotations] == [
        ("Pré-note instructeur", FieldType.NUMBER, "14", False),
        ("Avis du service", FieldType.TEXT, "Solide", False),
    ]


def test_xlsx_ods_and_csv_give_the_same_dossiers(tmp_path: Path) -> None:
    read_of = {
        fmt: read(write_export(tmp_path, fmt), annotations_from="Pré-note instructeur")
        for fmt in ("xlsx", "ods", "csv")
    }
    assert read_of["xlsx"].dossiers == read_of["ods"].dossiers == read_of["csv"].dossiers
    assert read_of["xlsx"].details == read_of["ods"].details
    # the csv has no other sheet: no blocks, no avis
    assert [replace(d, blocks=(), notes=()) for d in read_of["xlsx"].details] == list(
        read_of["csv"].details
    )


def test_states_decide_admissibility_and_drafts_are_skipped(tmp_path: Path) -> None:
    done = read(write_export(tmp_path, "xlsx"))
    by_id = {
        d.external_id: (d.state, dossier)
        for d, dossier in zip(done.details, done.dossiers, strict=True)
    }
    state, refused = by_id["10237"]
    assert state == "Refusé" and not refused.admissible
    assert refused.inadmissible_reason == (
        "Refusé sur Démarches Simplifiées : Projet hors du périmètre de l'appel"
    )
    state, closed = by_id["10238"]
    assert not closed.admissible
    assert closed.inadmissible_reason == "Classé sans suite sur Démarches Simplifiées"
    for ds_id in (
        "10234",
        "10235",
        "10236",
        "10240",
    ):  # instruction, construction, accepté, à corriger
        assert by_id[ds_id][1].admissible
    assert "10239" not in by_id
    assert any("brouillon" in w and "10239" in w for w in done.warnings)


def test_a_person_procedure_names_the_holder_from_the_person(tmp_path: Path) -> None:
    done = read(write_export(tmp_path, "xlsx", person=True))
    assert done.dossiers[0].applicant == "Ressourcerie du Val"  # Prénom Nom
    assert done.dossiers[0].siret == "" and done.dossiers[0].rna == ""
    assert "Civilité" not in dict(done.dossiers[0].fields)


def test_blocks_become_tables_and_avis_instruction_notes(tmp_path: Path) -> None:
    done = read(write_export(tmp_path, "ods"))
    first, third = done.details[0], done.details[2]
    budget, partners = first.blocks
    assert budget.title == "Budget previsionnel"
    assert budget.headers == ("Poste de dépense", "Montant")
    assert budget.kinds == (FieldType.TEXT, FieldType.NUMBER)
    assert budget.rows[1] == ("Salaires (2 ETP insertion)", "26000.5")
    assert format_free(FieldType.NUMBER, budget.rows[1][1], "fr") == "26\u202f000,5"
    assert partners.rows == (("Commune de Melle", "Prêt d'un local"), ("Emmaüs 79", "Formation"))
    assert [b.title for b in third.blocks] == ["Budget previsionnel"]
    (note,) = first.notes
    assert dict(note.items)["Réponse"] == "Modèle économique crédible."
    assert dict(note.items)["Expert"] == "expert@ademe.fr"
    assert done.details[1].blocks == () and done.details[1].notes == ()


def test_the_mapping_names_fields_annotations_shared_with_jurors_and_ignored_columns(
    tmp_path: Path,
) -> None:
    renamed = {"Nom du projet": "Intitulé de l'opération"}
    path = write_export(tmp_path, "xlsx", renamed=renamed)
    with pytest.raises(InputError) as refused:
        read(path)
    assert refused.value.sheet == "Dossiers" and refused.value.row == 1
    assert "« Projet »" in refused.value.message and '--map "En-tête=projet"' in str(refused.value)
    done = read(
        path,
        mapping={
            "Intitulé de l'opération": "projet",
            "Avis du service": "annotation partagée",
            "Pré-note instructeur": "annotation",
            "Code postal": "ignorer",
        },
    )
    assert done.dossiers[0].title == "Ressourcerie itinérante"
    assert "Code postal" not in dict(done.dossiers[0].fields)
    assert [(a.label, a.shared) for a in done.details[0].annotations] == [
        ("Pré-note instructeur", False),
        ("Avis du service", True),
    ]
    assert [a.label for a in done.details[0].for_jurors().annotations] == ["Avis du service"]
    assert done.mapping["Intitulé de l'opération"] == "title"


def test_an_annotation_like_header_is_kept_private_by_default(tmp_path: Path) -> None:
    done = read(write_export(tmp_path, "csv"))
    assert [a.label for a in done.details[0].annotations] == ["Pré-note instructeur"]
    assert "Avis du service" in dict(done.dossiers[0].fields)  # nothing says it is private


def test_the_preview_lists_the_procedure_columns_states_and_blocks(tmp_path: Path) -> None:
    preview = preview_ds_export(write_export(tmp_path, "xlsx"))
    assert preview.procedure == "aap-ess-2026"
    assert "ID" in preview.fixed and "État du dossier" in preview.fixed
    assert preview.headers[0] == "Nom du projet" and preview.mapping["Nom du projet"] == "title"
    assert preview.states == {
        "En instruction": 1, "En construction": 1, "Accepté": 1, "Refusé": 1,
        "Classé sans suite": 1, "Brouillon": 1, "À corriger": 1,
    }  # fmt: skip
    assert preview.blocks == ("Budget previsionnel", "Partenaires") and preview.notes == 2
    assert preview.row_count == 7


# --- refusals ---------------------------------------------------------------------------------


def test_a_duplicate_id_is_refused_naming_both_rows(tmp_path: Path) -> None:
    rows = dossiers_sheet()
    rows[3][0] = rows[1][0]
    with pytest.raises(InputError) as refused:
        read(write_xlsx(tmp_path / "dossiers_x_2026-03-20_09-30.xlsx", {"Dossiers": rows}))
    error = refused.value
    assert (error.sheet, error.row, error.column, error.header) == ("Dossiers", 4, "A", "ID")
    assert "10234" in error.message and "ligne 2" in error.message


def test_an_unknown_state_is_refused_at_its_cell(tmp_path: Path) -> None:
    rows = dossiers_sheet()
    state = rows[0].index("État du dossier")
    rows[2][state] = "En attente"
    with pytest.raises(InputError) as refused:
        read(write_csv(tmp_path / "export.csv", rows))
    assert (refused.value.row, refused.value.header) == (3, "État du dossier")
    assert "« En attente »" in refused.value.message


def test_a_block_row_for_an_unknown_dossier_is_refused(tmp_path: Path) -> None:
    sheets = export_sheets()
    sheets["(1201) Budget previsionnel"].append([99999, 1, "Fantôme", 10])
    with pytest.raises(InputError) as refused:
        read(write_xlsx(tmp_path / "export.xlsx", sheets))
    error = refused.value
    assert (error.sheet, error.row, error.column) == ("(1201) Budget previsionnel", 6, "A")
    assert "99999" in error.message


def test_an_avis_for_an_unknown_dossier_is_refused(tmp_path: Path) -> None:
    sheets = export_sheets()
    sheets["Avis"].append([424242, "Question", "Réponse"])
    with pytest.raises(InputError) as refused:
        read(ds_exports.write_ods(tmp_path / "export.ods", sheets))
    assert (refused.value.sheet, refused.value.row) == ("Avis", 4)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_csv_from_excel_is_read_in_utf_8_or_windows_1252(tmp_path: Path, encoding: str) -> None:
    """UTF-8 with or without BOM, UTF-16 (Excel's « texte Unicode »), and Windows-1252,
    what Excel on Windows writes for « CSV »: the same dossiers, accents intact."""
    rows = dossiers_sheet(csv_entity=True)
    expected = read(write_csv(tmp_path / "reference.csv", rows))
    path = write_csv(tmp_path / "export.csv", rows, encoding=encoding, delimiter=";")
    if encoding == "cp1252":
        assert "é".encode("cp1252") in path.read_bytes()  # really not UTF-8
    done = read(path)
    assert done.dossiers == expected.dossiers and done.details == expected.details
    assert any("é" in d.title or "è" in d.title for d in done.dossiers)


def test_a_windows_1252_csv_keeps_its_typographic_signs(tmp_path: Path) -> None:
    from juryapp.io.text import decode_text

    text = "ID;Nom du projet\n1;L’atelier « vélo » — 2 500 €\n"
    assert decode_text(text.encode("cp1252"), "export.csv") == text
    assert decode_text(b"\xef\xbb\xbf" + text.encode(), "export.csv") == text
    assert decode_text(text.encode("utf-16-le"), "export.csv") == text  # no BOM


@pytest.mark.parametrize(
    ("data", "line", "detail"),
    [
        (b"ID;Nom\n1;Caf\xe9\n2;\x81\x8d\n", 3, "0x81"),  # bytes Windows-1252 leaves undefined
        (b"ID;Nom\n1;\xf0\x9f\x92\xa9\xf0\x9f\n", 2, "0xF0"),  # UTF-8 cut, then symbols
        (b"ID;Nom\n1;Un\x00deux\n", 2, "nul"),  # a binary file
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xb5\xa3\x8e\xd9", 1, ""),
    ],
)
def test_an_undecodable_csv_is_one_message_naming_the_file(
    tmp_path: Path, data: bytes, line: int, detail: str
) -> None:
    path = tmp_path / "dossiers_aap.csv"
    path.write_bytes(data)
    with pytest.raises(InputError) as refused:
        read(path)
    message = str(refused.value)
    assert message.startswith(f"dossiers_aap.csv, ligne {line} : encodage inattendu"), message
    assert detail in message and "CSV UTF-8" in message
    assert "\n" not in message


def test_a_semicolon_csv_saved_by_a_spreadsheet_is_read(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", dossiers_sheet(csv_entity=True), delimiter=";")
    assert [d.external_id for d in read(path).details][:2] == ["10234", "10235"]


def test_an_unknown_format_or_a_sheet_that_is_not_ds_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "export.pdf"
    other.write_bytes(b"%PDF-1.4")
    with pytest.raises(InputError, match="format inconnu"):
        read(other)
    plain = write_xlsx(tmp_path / "liste.xlsx", {"Dossiers": [["ID", "Projet"], [1, "Un"]]})
    assert not is_ds_export(plain)
    with pytest.raises(InputError) as refused:
        read(plain)
    assert "État du dossier" in refused.value.message and refused.value.row == 1
    broken = tmp_path / "casse.ods"
    broken.write_bytes(b"PK\x03\x04 pas un zip")
    with pytest.raises(InputError, match=r"casse\.ods"):
        read(broken)


def test_an_unknown_category_names_its_cell(tmp_path: Path) -> None:
    rows = dossiers_sheet()
    column = rows[0].index("Axe visé")
    rows[2][column] = "Culture"
    with pytest.raises(InputError) as refused:
        read(write_xlsx(tmp_path / "export.xlsx", {"Dossiers": rows}))
    assert (refused.value.row, refused.value.header) == (3, "Axe visé")
    assert "Culture" in refused.value.message
