"""A seal checked against paper: the PV prints its seal and a short code, ``verify --seal``
finds a file whose chain and seal were recomputed, ``export --minutes --sign`` signs the PV
(PAdES) and ``verify --pv`` checks a signed PV against its campaign."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixtures import pdf_text, rich_campaign

from juryapp.cli import main
from juryapp.operations import deliberation
from juryapp.store import CampaignFile
from juryapp.store.codec import canonical_json
from juryapp.store.journal import GENESIS, entry_hash
from juryapp.store.seal import seal_code
from tests.plugin.certificates import PASSWORD, certificate


@pytest.fixture
def sealed(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "ami.jury"
    with CampaignFile.create(path, rich_campaign(), "coordination") as opened:
        deliberation.close_deliberation(opened, "Marie Lambert")
    yield path


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(["--lang", "fr", *(str(a) for a in args)])
    out = capsys.readouterr()
    return status, out.out, out.err


def _seal(path: Path) -> str:
    with CampaignFile.open(path) as opened:
        seal = opened.seal
    assert seal is not None
    return seal


def recompute_chain_and_seal(path: Path, ref: str, juror: str, criterion: str, value: str) -> None:
    """The attack of issue 13: change a sealed score in the tables *and* in the journal,
    then recompute every entry's hash and the seal, as anyone who reads the code can."""
    from sqlalchemy import create_engine

    from juryapp.store.state import read_state, seal_hash

    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        raw.execute(
            "UPDATE score SET value = ? WHERE juror = ? AND ref = ? AND criterion = ?",
            (value, juror, ref, criterion),
        )
        rows = raw.execute(
            "SELECT seq, at, author, kind, payload FROM journal ORDER BY seq"
        ).fetchall()
        create = json.loads(rows[0][4])
        for score in create["scores"]:
            if score[:3] == [juror, ref, criterion]:
                score[3] = value
        payloads = {rows[0][0]: canonical_json(create)}
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        state = read_state(connection)
    engine.dispose()
    with contextlib.closing(sqlite3.connect(path)) as raw, raw:
        (version, document_sha256) = raw.execute(
            "SELECT version, document_sha256 FROM seal"
        ).fetchone()
        digest = seal_hash(state, version, document_sha256)
        raw.execute("UPDATE seal SET hash = ?", (digest,))
        for seq, _at, _author, kind, payload in rows:
            if kind == "close":
                data = json.loads(payload)
                data["hash"] = digest
                payloads[seq] = canonical_json(data)
        # The journal's append-only triggers are dropped for the edit and put back.
        triggers = raw.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'journal'"
        ).fetchall()
        for name, _sql in triggers:
            raw.execute(f'DROP TRIGGER "{name}"')
        previous = GENESIS
        for seq, at, author, kind, payload in rows:
            text = payloads.get(seq, payload)
            current = entry_hash(previous, seq, at, author, kind, text)
            raw.execute(
                "UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                (text, previous, current, seq),
            )
            previous = current
        for _name, sql in triggers:
            raw.execute(sql)


def test_the_pv_prints_the_seal_and_its_short_code(
    sealed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seal = _seal(sealed)
    code = seal_code(seal)
    assert len(code) == 19 and code == code.upper() and code.count("-") == 3
    status, _out, err = _run(capsys, "export", sealed, "--minutes", tmp_path / "pv.pdf")
    assert status == 0, err
    text = pdf_text(tmp_path / "pv.pdf")
    assert f"Sceau SHA-256 des données scellées : {seal}" in text
    assert f"Code de contrôle : {code}" in text
    assert f"--seal {code}" in text
    assert f"code {code}" in text  # in every page's footer too


def test_verify_seal_finds_a_recomputed_chain_and_seal(
    sealed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seal = _seal(sealed)
    code = seal_code(seal)
    for printed in (seal, code, code.lower().replace("-", " ")):
        status, out, err = _run(capsys, "verify", sealed, "--seal", printed)
        assert status == 0, err
        assert "Sceau imprimé conforme : version 1, scellée le" in out
    recompute_chain_and_seal(sealed, "DEV-01", "J1", "IMPACT", "20")
    # Without the paper, the file looks sound: the chain has no secret.
    status, out, _err = _run(capsys, "verify", sealed)
    assert status == 0 and "Fichier intègre" in out
    assert _seal(sealed) != seal
    # The seal printed on the PV finds it.
    for printed in (seal, code):
        status, _out, err = _run(capsys, "verify", sealed, "--seal", printed)
        assert status == 3
        assert f"le sceau imprimé ({code}) ne correspond à aucun sceau de ce fichier" in err
    status, _out, err = _run(capsys, "verify", sealed, "--seal", "pas-un-sceau")
    assert status == 1 and "ni un sceau" in err


def test_export_signs_the_pv_and_verify_checks_it(
    sealed: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p12 = certificate(tmp_path / "secretariat.p12")
    pv = tmp_path / "pv-signé.pdf"
    monkeypatch.setenv("JURYAPP_SIGN_PASSWORD", PASSWORD)
    status, out, err = _run(capsys, "export", sealed, "--minutes", pv, "--sign", p12)
    assert status == 0, err
    assert out.startswith("Écrit :")
    with CampaignFile.open(sealed) as opened:
        entry = [e for e in opened.journal() if e.kind == "export"][-1]
    assert entry.payload["signed_by"] == "Nadia Ouali (Région, secrétariat du jury)"
    # The signed PV still reads as the PV, with its seal.
    assert f"Code de contrôle : {seal_code(_seal(sealed))}" in pdf_text(pv)

    status, out, err = _run(capsys, "verify", sealed, "--pv", pv)
    assert status == 0, err
    assert "Sceau du PV conforme : version 1" in out
    assert "Signature intègre de Nadia Ouali (Région, secrétariat du jury) le " in out
    assert "couvrant tout le document" in out

    # One byte of the signed PV changed: the signature no longer holds.
    data = bytearray(pv.read_bytes())
    at = data.index(b"/Producer")
    data[at + 1 : at + 9] = b"Producer"[::-1]
    forged = tmp_path / "pv-modifié.pdf"
    forged.write_bytes(bytes(data))
    status, _out, err = _run(capsys, "verify", sealed, "--pv", forged)
    assert status == 3 and "le PV a été modifié après sa signature" in err

    # The campaign changed and resealed behind the app: the signed PV finds it.
    recompute_chain_and_seal(sealed, "DEV-01", "J1", "IMPACT", "20")
    status, _out, err = _run(capsys, "verify", sealed, "--pv", pv)
    assert status == 3 and "ne correspond à aucun sceau de ce fichier" in err


def test_signing_refusals(
    sealed: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    p12 = certificate(tmp_path / "secretariat.p12")
    pv = tmp_path / "pv.pdf"
    monkeypatch.setenv("JURYAPP_SIGN_PASSWORD", "faux")
    status, _out, err = _run(capsys, "export", sealed, "--minutes", pv, "--sign", p12)
    assert status == 1 and "mot de passe incorrect" in err
    assert not pv.exists() and list(tmp_path.glob(".pv.pdf*")) == []
    monkeypatch.setenv("JURYAPP_SIGN_PASSWORD", PASSWORD)
    status, _out, err = _run(
        capsys, "export", sealed, "--awards", tmp_path / "a.xlsx", "--sign", p12
    )
    assert status == 1 and "indiquez aussi --minutes" in err
    draft = tmp_path / "projet.jury"
    CampaignFile.create(draft, rich_campaign(), "coordination").close()
    status, _out, err = _run(capsys, "export", draft, "--minutes", pv, "--sign", p12)
    assert status == 1 and "Seul un procès-verbal scellé se signe" in err
    assert not pv.exists()
    # An unsigned PV is compared, and said unsigned; a draft proves nothing.
    assert _run(capsys, "export", sealed, "--minutes", pv)[0] == 0
    status, out, _err = _run(capsys, "verify", sealed, "--pv", pv)
    assert status == 0 and "PV non signé" in out
    assert _run(capsys, "export", draft, "--minutes", tmp_path / "projet.pdf")[0] == 0
    status, _out, err = _run(capsys, "verify", draft, "--pv", tmp_path / "projet.pdf")
    assert status == 3 and "projet de PV, sans sceau" in err
    status, _out, err = _run(capsys, "verify", sealed, "--pv", p12)
    assert status == 1 and "n'est pas un PDF lisible" in err
