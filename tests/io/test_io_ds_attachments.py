"""Attachments of dossiers: DS's zip (a folder per dossier ID) or a folder of files named by
reference, each kept whole with its SHA-256; a path leaving its folder, an entry for an
unknown dossier or a document over the stated size is refused, naming the entry."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from juryapp.io import ds_attachments
from juryapp.io.ds_attachments import read_attachments
from juryapp.io.errors import InputError
from tests.plugin.ds_exports import write_attachments_zip

REFS = {"10234": "DS-10234", "DS-10234": "DS-10234", "10236": "DS-10236", "DS-10236": "DS-10236"}


def test_the_ds_zip_gives_each_dossier_its_documents(tmp_path: Path) -> None:
    found = read_attachments(write_attachments_zip(tmp_path / "pj.zip"), REFS)
    names = [(a.ref, a.name) for a in found]
    assert names == [
        ("DS-10234", "budget.pdf"),
        ("DS-10234", "pieces/statuts.pdf"),
        ("DS-10236", "devis garage.pdf"),
    ]
    first = found[0]
    assert first.data.startswith(b"%PDF") and first.sha256 == hashlib.sha256(first.data).hexdigest()


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("10234/../../etc/passwd", "hors du dossier"),
        ("/10234/absolu.pdf", "hors du dossier"),
        ("99999/inconnu.pdf", "aucun dossier connu"),
    ],
)
def test_a_bad_entry_is_refused_naming_it(tmp_path: Path, entry: str, words: str) -> None:
    path = write_attachments_zip(tmp_path / "pj.zip", extra={entry: b"x"})
    with pytest.raises(InputError) as refused:
        read_attachments(path, REFS)
    assert "pj.zip" in str(refused.value) and entry in str(refused.value)
    assert words in str(refused.value)


def test_a_document_over_the_stated_size_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ds_attachments, "MAX_ATTACHMENT_BYTES", 1000)
    path = write_attachments_zip(tmp_path / "pj.zip", extra={"10236/gros.pdf": b"0" * 5000})
    with pytest.raises(InputError, match=r"gros\.pdf.*au plus"):
        read_attachments(path, REFS)


def test_a_folder_of_files_named_by_reference(tmp_path: Path) -> None:
    folder = tmp_path / "pieces"
    (folder / "DS-10236").mkdir(parents=True)
    (folder / "DS-10234 budget.pdf").write_bytes(b"%PDF-1.4 budget")
    (folder / "DS-10236" / "devis.pdf").write_bytes(b"%PDF-1.4 devis")
    found = read_attachments(folder, REFS)
    assert [(a.ref, a.name) for a in found] == [
        ("DS-10234", "DS-10234 budget.pdf"),
        ("DS-10236", "devis.pdf"),
    ]
    (folder / "autre.pdf").write_bytes(b"x")
    with pytest.raises(InputError, match=r"autre\.pdf"):
        read_attachments(folder, REFS)


def test_not_a_zip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pj.zip"
    path.write_bytes(b"pas un zip")
    with pytest.raises(InputError, match=r"pj\.zip"):
        read_attachments(path, REFS)
    assert zipfile.is_zipfile(write_attachments_zip(tmp_path / "ok.zip"))
