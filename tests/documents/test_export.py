"""``export``: what it writes, what it journals, what it refuses (and then writes nothing)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixtures import pdf_text, rich_campaign

from juryapp import cli
from juryapp.core.errors import OperationError
from juryapp.documents.export import export
from juryapp.i18n import set_language
from juryapp.operations import deliberation
from juryapp.store import CampaignFile


@pytest.fixture
def campaign_file(tmp_path: Path) -> Iterator[CampaignFile]:
    with CampaignFile.create(tmp_path / "ami.jury", rich_campaign(), "coordination") as opened:
        yield opened


def _exports(campaign_file: CampaignFile) -> list[dict[str, object]]:
    return [e.payload for e in campaign_file.journal() if e.kind == "export"]


def test_writes_every_document_and_journals_each(
    campaign_file: CampaignFile, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    written = export(
        campaign_file,
        minutes=out / "pv.pdf",
        awards=out / "attribution.xlsx",
        opendata=out / "subventions.csv",
        explain="DEV-04",
        explain_out=out / "DEV-04.pdf",
        author="Nadia Ouali",
    )
    assert written == [
        out / "pv.pdf",
        out / "attribution.xlsx",
        out / "subventions.csv",
        out / "DEV-04.pdf",
    ]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)
    entries = _exports(campaign_file)
    assert [e["document"] for e in entries] == ["minutes", "awards", "opendata", "explanation"]
    assert entries[3]["ref"] == "DEV-04"
    assert all(e["pv_version"] == 1 and e["sealed"] is False for e in entries)
    import hashlib

    assert entries[0]["sha256"] == hashlib.sha256((out / "pv.pdf").read_bytes()).hexdigest()
    authors = [e.author for e in campaign_file.journal() if e.kind == "export"]
    assert authors == ["Nadia Ouali"] * 4


def test_allowed_when_sealed(campaign_file: CampaignFile, tmp_path: Path) -> None:
    deliberation.close_deliberation(campaign_file, "Marie Lambert")
    seal = campaign_file.seal
    export(campaign_file, minutes=tmp_path / "pv.pdf", author="Nadia Ouali")
    assert f"Sceau SHA-256 : {seal}" in pdf_text(tmp_path / "pv.pdf")
    assert _exports(campaign_file)[-1]["sealed"] is True
    assert campaign_file.verify().ok


def test_unknown_reference_writes_nothing(campaign_file: CampaignFile, tmp_path: Path) -> None:
    with pytest.raises(OperationError, match="Dossier inconnu « NOPE »"):
        export(
            campaign_file,
            minutes=tmp_path / "pv.pdf",
            explain="NOPE",
            explain_out=tmp_path / "x.pdf",
            author="a",
        )
    assert list(tmp_path.glob("*.pdf")) == []
    assert _exports(campaign_file) == []


def test_explain_needs_an_output(campaign_file: CampaignFile) -> None:
    with pytest.raises(OperationError, match="--out"):
        export(campaign_file, explain="DEV-04", author="a")


def test_unwritable_path_is_refused_in_french(campaign_file: CampaignFile, tmp_path: Path) -> None:
    with pytest.raises(OperationError, match="Impossible d'écrire"):
        export(campaign_file, minutes=tmp_path / "missing" / "pv.pdf", author="a")
    assert _exports(campaign_file) == []


def test_a_failed_write_leaves_no_partial_file(
    campaign_file: CampaignFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import juryapp.documents.minutes

    def broken(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(juryapp.documents.minutes, "write_minutes", broken)
    with pytest.raises(OperationError, match="No space left on device"):
        export(campaign_file, minutes=tmp_path / "pv.pdf", author="a")
    assert not list(tmp_path.glob("*pv.pdf*"))  # neither the file nor its temporary
    assert _exports(campaign_file) == []


class _Stop(Exception):
    pass


def test_progress_follows_each_document_and_each_page_of_the_pv(
    campaign_file: CampaignFile, tmp_path: Path
) -> None:
    told: list[tuple[int, int, str]] = []
    export(
        campaign_file,
        minutes=tmp_path / "pv.pdf",
        awards=tmp_path / "attribution.xlsx",
        author="a",
        progress=lambda done, total, what: told.append((done, total, what)),
    )
    assert {total for _done, total, _what in told} == {3}  # two documents, then saving
    assert [done for done, _total, _what in told] == sorted(done for done, _t, _w in told)
    pages = [what for done, _total, what in told if done == 0 and "page" in what]
    assert pages[0] == "Procès-verbal : page 1"
    assert len(pages) >= 2  # one report per page laid out
    assert (1, 3, "Tableau des attributions") in told
    assert told[-1] == (3, 3, "Terminé")


@pytest.mark.parametrize(
    "stop_at", ["Procès-verbal : page 2", "Tableau des attributions", "Enregistrement"]
)
def test_an_export_stopped_midway_leaves_nothing_and_journals_nothing(
    campaign_file: CampaignFile, tmp_path: Path, stop_at: str
) -> None:
    def report(_done: int, _total: int, what: str) -> None:
        if what == stop_at:
            raise _Stop

    with pytest.raises(_Stop):
        export(
            campaign_file,
            minutes=tmp_path / "pv.pdf",
            awards=tmp_path / "attribution.xlsx",
            author="a",
            progress=report,
        )
    assert sorted(p.name for p in tmp_path.iterdir() if "ami.jury" not in p.name) == []
    assert _exports(campaign_file) == []


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ami.jury"
    CampaignFile.create(path, rich_campaign(), "coordination").close()
    try:
        code = cli.main(
            [
                "export",
                str(path),
                "--minutes",
                str(tmp_path / "pv.pdf"),
                "--opendata",
                str(tmp_path / "subventions.csv"),
                "--lang",
                "en",
                "--author",
                "Nadia Ouali",
            ]
        )
    finally:
        set_language("fr")
    assert code == 0, capsys.readouterr().err
    assert "Minutes of the jury's deliberation" in pdf_text(tmp_path / "pv.pdf")
    assert (tmp_path / "subventions.csv").read_text(encoding="utf-8").startswith("nomAttribuant,")
