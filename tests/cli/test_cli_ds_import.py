"""`juryapp dossiers import` on Démarches Simplifiées exports: a first import, a re-import
by ID that changes only what DS changed (never a duplicate, never a score lost, the
changes reported, category or amount changes after scoring flagged), the mapping
remembered for the procedure, refusals that change nothing, and juror copies that carry
no private annotation."""

from __future__ import annotations

import csv
import sqlite3
from hashlib import sha256
from pathlib import Path

import pytest

from juryapp.store import CampaignFile
from tests.plugin.ds_exports import (
    FILE_STEM,
    dossiers_sheet,
    ds_call,
    export_sheets,
    write_attachments_zip,
    write_export,
    write_xlsx,
)
from tests.plugin.fixtures import Runner


@pytest.fixture
def call(tmp_path: Path) -> Path:
    path = tmp_path / "aap.jury"
    CampaignFile.create(path, ds_call(), "Sam Secrétaire").close()
    return path


def _import(run: Runner, call: Path, export: Path, *options: str) -> tuple[int, str, str]:
    return run("dossiers", "import", str(call), str(export), *options)


@pytest.mark.parametrize("fmt", ["xlsx", "ods", "csv"])
def test_a_ds_export_is_imported_as_it_is(
    run: Runner, call: Path, tmp_path: Path, fmt: str
) -> None:
    export = write_export(tmp_path, fmt)
    status, out, err = _import(
        run, call, export, "--prefix", "DS-", "--annotations-from", "Pré-note instructeur"
    )
    assert status == 0, err
    assert "6 ajouté(s)" in out and "brouillons non importés : 10239" in out
    assert "brouillon" in err  # the warning, too
    with CampaignFile.open(call) as campaign_file:
        campaign = campaign_file.load()
        details = campaign_file.dossier_details()
        assert campaign_file.verify().ok
    assert [d.ref for d in campaign.dossiers][:2] == ["DS-10234", "DS-10235"]
    refused = next(d for d in campaign.dossiers if d.ref == "DS-10237")
    assert not refused.admissible and "Refusé" in refused.inadmissible_reason
    assert details["DS-10234"].external_id == "10234"
    assert [a.label for a in details["DS-10234"].annotations] == [
        "Pré-note instructeur",
        "Avis du service",
    ]
    assert len(details["DS-10234"].blocks) == (0 if fmt == "csv" else 2)


def test_a_re_import_updates_by_id_keeps_scores_and_reports_what_changed(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")
    assert _import(run, call, export, "--prefix", "DS-")[0] == 0
    assert run("decide", str(call), "--help")[0] == 0  # the CLI stays whole
    with CampaignFile.open(call) as campaign_file:
        assert campaign_file.set_score("J1", "DS-10234", "INNO", 7, "Anne Dupré")
        assert campaign_file.set_score("J2", "DS-10235", "IMPACT", 6, "Bruno Lefèvre")
        # the secretariat corrects a holder DS will not change
        assert campaign_file.set_admissibility("DS-10240", False, "pièces manquantes", "Sam")
        journal_length = len(campaign_file.journal())
    # the same export again: nothing changes (the prefix is remembered)
    status, out, err = _import(run, call, export)
    assert status == 0, err
    assert "0 ajouté(s), 0 mis à jour, 6 inchangé(s)" in out
    # a later export: an amount and a description changed, a new dossier, a new state
    rows = dossiers_sheet()
    header = rows[0]
    rows[1][header.index("Montant sollicité")] = 14000
    rows[1][header.index("Description du projet")] = "Nouvelle description."
    rows[2][header.index("État du dossier")] = "Refusé"
    rows.append([10241, *rows[2][1:]])
    rows[-1][header.index("État du dossier")] = "En instruction"
    later = write_xlsx(
        tmp_path / "dossiers_aap-ess-2026_2026-03-27_18-00.xlsx",
        {**export_sheets(), "Dossiers": rows},
    )
    status, out, err = _import(run, call, later, "--prefix", "AUTRE-")
    assert status == 0, err
    assert "1 ajouté(s), 2 mis à jour" in out
    assert "DS-10234 (ID 10234) ⚠" in out  # scored, and its amount changed
    assert "Montant demandé : « 12 000,00 € » → « 14 000,00 € »" in out.replace(
        "\u202f", " "
    ).replace("\u00a0", " ")
    assert "Description du projet" in out
    assert "DS-10235 (ID 10235) :" in out and "État DS" in out
    assert "catégorie ou montant demandé modifié" in err
    with CampaignFile.open(call) as campaign_file:
        campaign = campaign_file.load()
        refs = [d.ref for d in campaign.dossiers]
        assert len(refs) == len(set(refs)) == 7  # no duplicate; the new one has the new prefix
        assert "AUTRE-10241" in refs
        assert campaign_file.score_texts("J1")[0][:4] == ("J1", "DS-10234", "INNO", "7")
        # refused on DS since: not admissible any more, its score kept all the same
        assert campaign_file.score_texts("J2")[0][:4] == ("J2", "DS-10235", "IMPACT", "6")
        by_ref = {d.ref: d for d in campaign.dossiers}
        assert by_ref["DS-10234"].requested_cents == 1_400_000
        assert not by_ref["DS-10235"].admissible
        # DS did not change 10240: the secretariat's decision stays
        assert by_ref["DS-10240"].inadmissible_reason == "pièces manquantes"
        assert len(campaign_file.journal()) > journal_length
        assert campaign_file.verify().ok


def test_the_mapping_is_remembered_for_the_procedure(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    renamed = {"Nom du projet": "Intitulé de l'opération"}
    export = write_export(tmp_path, "ods", renamed=renamed)
    status, _out, err = _import(run, call, export)
    assert status == 1
    assert "Intitulé de l'opération" in err and '--map "En-tête=projet"' in err
    status, _out, err = _import(
        run,
        call,
        export,
        "--map",
        "Intitulé de l'opération=projet",
        "--map",
        "Avis du service=annotation",
    )
    assert status == 0, err
    later = write_export(
        tmp_path, "csv", renamed=renamed, stem="dossiers_aap-ess-2026_2026-04-01_08-00"
    )
    status, out, err = _import(run, call, later)
    assert status == 0, err
    assert "6 inchangé(s)" in out
    with CampaignFile.open(call) as campaign_file:
        profile = campaign_file.import_profile("ds:aap-ess-2026")
        assert profile is not None
        assert profile.mapping["Intitulé de l'opération"] == "title"
        assert profile.mapping["Avis du service"] == "annotation"


def test_bad_input_is_refused_and_changes_nothing(run: Runner, call: Path, tmp_path: Path) -> None:
    rows = dossiers_sheet()
    rows[4][0] = rows[1][0]
    export = write_xlsx(tmp_path / f"{FILE_STEM}.xlsx", {"Dossiers": rows})
    before = call.read_bytes()
    status, out, err = _import(run, call, export)
    assert status == 1 and out == ""
    assert f"{FILE_STEM}.xlsx, feuille « Dossiers », ligne 5, colonne A (ID)" in err
    assert "Traceback" not in err
    assert call.read_bytes() == before
    with CampaignFile.open(call) as campaign_file:
        assert campaign_file.load().dossiers == ()
        assert campaign_file.dossier_details() == {}


def test_a_juror_copy_carries_no_private_annotation_nor_a_recused_dossier_s_details(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")
    status, _out, err = _import(
        run, call, export,
        "--map", "Avis du service=annotation partagée", "--map", "Pré-note instructeur=annotation",
    )  # fmt: skip
    assert status == 0, err
    with CampaignFile.open(call) as campaign_file:
        campaign_file.recuse("J2", "10236", "administrateur de la structure", "Sam")
    copy = tmp_path / "J2.jury"
    status, _out, err = run("scores", "juror-copy", str(call), "--juror", "J2", str(copy))
    assert status == 0, err
    with CampaignFile.open(copy) as juror_copy:
        details = juror_copy.dossier_details()
        assert juror_copy.verify().ok
    assert [(a.label, a.value) for a in details["10234"].annotations] == [
        ("Avis du service", "Solide")
    ]
    assert len(details["10234"].blocks) == 2 and len(details["10234"].notes) == 1
    assert details["10234"].imported == ()
    assert "10236" not in details
    assert all(a.shared for d in details.values() for a in d.annotations)


def test_attachments_are_stored_hashed_and_travel_only_to_the_jurors_who_score_them(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")
    documents = write_attachments_zip(tmp_path / "pieces.zip")
    status, out, err = _import(
        run, call, export, "--prefix", "DS-", "--attachments", str(documents)
    )
    assert status == 0, err
    assert "pièces jointes ajoutées ou modifiées : 3" in out
    with CampaignFile.open(call) as campaign_file:
        stored = campaign_file.attachments()
        assert [d.name for d in stored["DS-10234"]] == ["budget.pdf", "pieces/statuts.pdf"]
        data = campaign_file.attachment_data("DS-10234", "budget.pdf")
        assert data.startswith(b"%PDF") and stored["DS-10234"][0].sha256 == sha256(data).hexdigest()
        campaign_file.recuse("J2", "DS-10236", "partenaire du projet", "Sam")
        assert campaign_file.verify().ok
    # the same documents again: nothing to add
    status, out, err = _import(run, call, export, "--attachments", str(documents))
    assert status == 0 and "pièces jointes" not in out, err
    copies = {}
    for juror in ("J1", "J2"):
        path = tmp_path / f"{juror}.jury"
        assert run("scores", "juror-copy", str(call), "--juror", juror, str(path))[0] == 0
        with CampaignFile.open(path) as copy:
            copies[juror] = {
                ref: [d.name for d in docs] for ref, docs in copy.attachments().items()
            }
    assert copies["J1"] == {
        "DS-10234": ["budget.pdf", "pieces/statuts.pdf"],
        "DS-10236": ["devis garage.pdf"],
    }
    assert copies["J2"] == {"DS-10234": ["budget.pdf", "pieces/statuts.pdf"]}  # recused: none


def test_a_zip_entry_leaving_its_folder_is_refused_and_nothing_is_imported(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "csv")
    documents = write_attachments_zip(tmp_path / "pieces.zip", extra={"10234/../../x.sh": b"x"})
    before = call.read_bytes()
    status, out, err = _import(run, call, export, "--attachments", str(documents))
    assert status == 1 and out == ""
    assert "pieces.zip, « 10234/../../x.sh »" in err and "hors du dossier" in err
    assert call.read_bytes() == before


def test_after_the_seal_the_results_go_back_to_ds_by_id(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")
    assert _import(run, call, export, "--prefix", "DS-")[0] == 0
    out = tmp_path / "annotations-ds.csv"
    status, _out, err = run("export", str(call), "--ds-annotations", str(out))
    assert status == 1 and "close" in err and not out.exists()  # not before the seal
    notes = {"DS-10234": (9, 9), "DS-10235": (6, 7), "DS-10236": (8, 6), "DS-10240": (3, 2)}
    with CampaignFile.open(call) as campaign_file:
        for juror in ("J1", "J2", "J3"):
            for ref, (inno, impact) in notes.items():
                assert campaign_file.set_score(juror, ref, "INNO", inno, juror)
                assert campaign_file.set_score(juror, ref, "IMPACT", impact, juror)
    status, _out, err = run("close", str(call))
    assert status == 0, err
    status, printed, err = run("export", str(call), "--ds-annotations", str(out))
    assert status == 0, err and str(out) in printed
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "ID",
        "Référence",
        "Statut",
        "Rang",
        "Note",
        "Montant",
        "Motivation",
        "Décision DS",
    ]
    by_id = {row[0]: row for row in rows[1:]}
    assert list(by_id) == ["10234", "10235", "10236", "10237", "10238", "10240"]  # by ID
    assert by_id["10234"][2] == "lauréat" and by_id["10234"][3] == "1"
    assert by_id["10234"][5] == "12000.00" and by_id["10234"][7] == "dossierAccepter"
    assert by_id["10237"][7] == "" and "Refusé" in by_id["10237"][6]  # DS decided it already
    assert by_id["10236"][7] == ""  # already « Accepté » on DS
    assert by_id["10234"][4] == "18.00"
    with CampaignFile.open(call) as campaign_file:
        payload = campaign_file.journal()[-1].payload
        assert payload["document"] == "ds_annotations" and payload["file"] == out.name
        assert campaign_file.verify().ok


def test_verify_names_a_document_or_a_dossier_source_altered_behind_the_apps_back(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")
    documents = write_attachments_zip(tmp_path / "pieces.zip")
    assert _import(run, call, export, "--prefix", "DS-", "--attachments", str(documents))[0] == 0
    copy = tmp_path / "J1.jury"
    assert run("scores", "juror-copy", str(call), "--juror", "J1", str(copy))[0] == 0
    status, out, err = run("verify", str(call))
    assert status == 0, err + out
    pristine = call.read_bytes()

    def verify_after(statement: str, *, path: Path = call) -> str:
        with sqlite3.connect(path) as connection:
            connection.execute(statement)
        connection.close()
        status, out, err = run("verify", str(path))
        assert status == 3, out + err
        return err

    # the content changed, its stored hash left
    err = verify_after("UPDATE attachment SET content = X'00' WHERE name = 'budget.pdf'")
    assert "« budget.pdf » du dossier DS-10234" in err and "SHA-256" in err
    call.write_bytes(pristine)
    # content and hash both replaced: the journal still knows the first
    forged = b"%PDF-1.4 autre budget"
    err = verify_after(
        f"UPDATE attachment SET content = X'{forged.hex()}', size = {len(forged)}, "
        f"sha256 = '{sha256(forged).hexdigest()}' WHERE name = 'devis garage.pdf'"
    )
    assert "« devis garage.pdf » du dossier DS-10236" in err and "journal" in err
    call.write_bytes(pristine)
    # a document slipped in, one removed
    err = verify_after(
        "INSERT INTO attachment (ref, name, sha256, size, content, added_at) "
        "SELECT ref, 'ajout.pdf', sha256, size, content, added_at FROM attachment "
        "WHERE name = 'budget.pdf'"
    )
    assert "« ajout.pdf » du dossier DS-10234" in err and "absente du journal" in err
    call.write_bytes(pristine)
    err = verify_after("DELETE FROM attachment WHERE name = 'pieces/statuts.pdf'")
    assert "« pieces/statuts.pdf » du dossier DS-10234" in err and "absente" in err
    call.write_bytes(pristine)
    # a dossier's imported content (its fields, annotations, tables) edited
    err = verify_after(
        "UPDATE dossier_source SET content = replace(content, 'Camion d''occasion', 'Camion neuf') "
        "WHERE ref = 'DS-10234'"
    )
    assert "contenu importé du dossier DS-10234" in err
    call.write_bytes(pristine)
    assert run("verify", str(call))[0] == 0
    # a juror's copy: its documents against their own hashes
    assert run("verify", str(copy))[0] == 0
    err = verify_after("UPDATE attachment SET content = X'00' WHERE name = 'budget.pdf'", path=copy)
    assert "« budget.pdf » du dossier DS-10234" in err


def test_the_secretariat_says_which_columns_are_private_the_guess_only_a_default(
    run: Runner, call: Path, tmp_path: Path
) -> None:
    export = write_export(tmp_path, "xlsx")

    # the guess: « Pré-note instructeur » private by its header, « Avis du service » free
    assert _import(run, call, export)[0] == 0
    with CampaignFile.open(call) as campaign_file:
        detail = campaign_file.dossier_details()["10234"]
        assert "Avis du service" in dict(campaign_file.load().dossiers[0].fields)
    assert {a.label: a.shared for a in detail.annotations} == {"Pré-note instructeur": False}
    # the secretariat's word: public despite its header, private, shared with jurors
    status, _out, err = _import(
        run, call, export,
        "--public", "Pré-note instructeur", "--private", "Avis du service",
        "--shared", "Code postal",
    )  # fmt: skip
    assert status == 0, err
    with CampaignFile.open(call) as campaign_file:
        detail = campaign_file.dossier_details()["10234"]
        fields = dict(campaign_file.load().dossiers[0].fields)
        profile = campaign_file.import_profile("ds:aap-ess-2026")
    assert {a.label: a.shared for a in detail.annotations} == {
        "Avis du service": False,
        "Code postal": True,
    }
    assert "Pré-note instructeur" in fields and "Avis du service" not in fields
    assert profile is not None and profile.mapping["Pré-note instructeur"] == "free"
    # remembered; a first annotation column given now wins over the remembered privacy
    status, _out, err = _import(run, call, export, "--annotations-from", "Pré-note instructeur")
    assert status == 0, err
    with CampaignFile.open(call) as campaign_file:
        detail = campaign_file.dossier_details()["10234"]
    assert {a.label for a in detail.annotations if not a.shared} == {
        "Pré-note instructeur",
        "Avis du service",
    }
    # one column named twice with different words: refused, nothing changed
    before = call.read_bytes()
    status, _out, err = _import(
        run, call, export, "--private", "Avis du service", "--public", "Avis du service"
    )
    assert status == 1 and "« Avis du service » est désignée deux fois" in err
    assert call.read_bytes() == before


def test_a_grist_table_is_imported_by_name(run: Runner, call: Path, tmp_path: Path) -> None:
    from tests.plugin.grist_docs import write_grist

    doc = write_grist(tmp_path / "appel-2026.grist")
    before = call.read_bytes()
    status, out, err = _import(run, call, doc, "--table", "Budget")
    assert status == 1 and out == "" and "pas de table « Budget »" in err
    assert call.read_bytes() == before
    status, out, err = _import(run, call, doc, "--table", "Projets", "--map", "Thèmes=ignorer")
    assert status == 0, err
    assert "« Projets » : 3 ajouté(s)" in out
    with CampaignFile.open(call) as campaign_file:
        dossiers = {d.ref: d for d in campaign_file.load().dossiers}
        assert campaign_file.verify().ok
    assert dossiers["GR-01"].requested_cents == 1_200_050
    assert "Thèmes" not in dict(dossiers["GR-02"].fields)
    fake = tmp_path / "faux.grist"
    fake.write_bytes(b"PK\x03\x04 not a database")
    status, out, err = _import(run, call, fake, "--table", "Projets")
    assert status == 1 and "faux.grist n'est pas un document Grist lisible" in err
