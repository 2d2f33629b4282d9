"""``juryapp assign``: rapporteurs per dossier from the command line, JSON as spec/cli.md says,
refusals with the failing constraint and exit 1, nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

from juryapp.store import CampaignFile


def test_assign_json_on_the_poitiers_call(run, poitiers: Path) -> None:
    # Two organisations on each dossier: J3 is the CRESS's only voting member and declared a
    # conflict on GP-05, which only Grand Poitiers' members can then see.
    status, out, err = run(
        "assign", str(poitiers), "--per-dossier", "2", "--institutions", "2", "--json"
    )
    assert status == 1 and out == ""
    assert (
        "organismes : hors conflits d'intérêts, 1 dossier(s) ne peuvent être vus par 2 "
        "organismes différents — GP-05 : Grand Poitiers."
    ) in err
    status, out, err = run("assign", str(poitiers), "--per-dossier", "2", "--seed", "7", "--json")
    assert status == 0, err
    found = json.loads(out)
    assert found["seed"] == "7" and found["per_dossier"] == 2
    # three voting members (J4 is the secretary)
    assert set(found["loads"]) == {"J1", "J2", "J3"}
    assert all(len(item["jurors"]) == 2 for item in found["assignments"])
    loads = found["loads"].values()
    assert max(loads) - min(loads) <= 1
    assert sum(loads) == 2 * len(found["assignments"])
    status, again, _err = run(
        "assign", str(poitiers), "--per-dossier", "2", "--seed", "7", "--json"
    )
    assert json.loads(again)["assignments"] == found["assignments"]
    with CampaignFile.open(poitiers) as opened:
        assert opened.verify().ok
        assert [e.kind for e in opened.journal()].count("assign") == 2  # the refusal: none


def test_assign_text_and_refusal(run, poitiers: Path) -> None:
    status, out, err = run("assign", str(poitiers), "--per-dossier", "1", "--seed", "3")
    assert status == 0, err
    assert "Répartition enregistrée" in out and "graine 3" in out and "Charges :" in out
    status, out, err = run("assign", str(poitiers), "--per-dossier", "4")
    assert status == 1
    assert "Aucune répartition possible" in err
    assert "le jury ne compte que 3 membre(s) votant(s)" in err
    assert "Traceback" not in err
    with CampaignFile.open(poitiers) as opened:
        rapporteurs = opened.rapporteurs()
        assert rapporteurs is not None and rapporteurs.per_dossier == 1


def test_agenda_json_and_text(run, poitiers: Path) -> None:
    status, out, err = run("agenda", str(poitiers), "--json")
    assert status == 0, err
    found = json.loads(out)
    refs = [item["ref"] for pool in found["pools"] for item in pool["items"]]
    assert "GP-06" not in refs  # not admissible: not discussed
    assert sorted(refs) == ["GP-01", "GP-02", "GP-03", "GP-04", "GP-05"]
    leaving = {item["ref"]: item["leaving"] for pool in found["pools"] for item in pool["items"]}
    assert leaving["GP-05"] == ["J3"] and found["exits"] == 1
    status, out, err = run("agenda", str(poitiers), "--order", "rank")
    assert status == 0, err
    assert "sortent : J3 (Représentant de la CRESS)" in out
    assert "Sorties de la salle : 1." in out
    status, out, err = run("agenda", str(poitiers), "--order", "category", "--json")
    assert status == 0, err
    in_order = [[item["ref"] for item in pool["items"]] for pool in json.loads(out)["pools"]]
    assert all(refs == sorted(refs) for refs in in_order)  # Poitiers' list is by reference


def _by_dossier(path: Path) -> dict[str, tuple[str, ...]]:
    with CampaignFile.open(path) as opened:
        rapporteurs = opened.rapporteurs()
        assert rapporteurs is not None
        return dict(rapporteurs.by_dossier)


def test_rapporteurs_moved_swapped_and_opened_by_hand(run, poitiers: Path) -> None:
    status, _out, err = run("assign", str(poitiers), "--per-dossier", "1", "--seed", "3")
    assert status == 0, err
    before = _by_dossier(poitiers)  # five dossiers, three voting members: loads 2, 2, 1
    loads = {code: sum(code in jurors for jurors in before.values()) for code in ("J1", "J2")}
    loads["J3"] = sum("J3" in jurors for jurors in before.values())
    heavy = max(loads, key=lambda code: (loads[code], code))
    light = min(loads, key=lambda code: (loads[code], code))
    ref = next(r for r, jurors in before.items() if heavy in jurors and r != "GP-05")
    # a conflict of interest is never overridden: J3 declared one on GP-05
    holder = before["GP-05"][0]
    status, out, err = run(
        "rapporteurs", str(poitiers), "move", "--ref", "GP-05", "--from", holder,
        "--to", "J3", "--reason", "essai", "--force",
    )  # fmt: skip
    assert status == 1 and "conflit d'intérêts" in err and out == ""
    # moving one of the light member's dossiers to the heavy one unbalances the loads
    light_ref = next(r for r, jurors in before.items() if light in jurors and r != "GP-05")
    assert before[light_ref] == (light,)  # one rapporteur each
    status, out, err = run(
        "rapporteurs", str(poitiers), "move", "--ref", light_ref, "--from", light,
        "--to", heavy, "--reason", "disponibilités",
    )  # fmt: skip
    assert status == 1 and "enfreint la répartition" in err and "charges" in err.lower()
    assert _by_dossier(poitiers) == before  # nothing changed
    status, out, err = run(
        "rapporteurs", str(poitiers), "move", "--ref", light_ref, "--from", light,
        "--to", heavy, "--reason", "disponibilités", "--force",
    )  # fmt: skip
    assert status == 0, err
    assert f"Dossier {light_ref} donné à {heavy}." in out and "noté au journal" in out
    assert _by_dossier(poitiers)[light_ref] == (heavy,)
    before = _by_dossier(poitiers)
    # a swap keeps the loads: no constraint broken
    other = next(
        code for code in ("J1", "J2", "J3") if code != heavy and any(
            code in jurors and r not in ("GP-05", ref) for r, jurors in before.items()
        )
    )  # fmt: skip
    other_ref = next(
        r for r, jurors in before.items() if other in jurors and r not in ("GP-05", ref)
    )
    status, out, err = run(
        "rapporteurs", str(poitiers), "swap", "--refs", f"{ref},{other_ref}",
        "--jurors", f"{heavy},{other}", "--reason", "échange demandé par les jurés",
    )  # fmt: skip
    assert status == 0, err
    assert f"Dossiers échangés : {ref} à {other}, {other_ref} à {heavy}." in out
    after = _by_dossier(poitiers)
    assert after[ref] == (other,) and after[other_ref] == (heavy,)
    # opening a dossier to all needs a reason; closing it gives it back to its rapporteur
    status, _out, err = run("rapporteurs", str(poitiers), "open", "--ref", ref)
    assert status == 2 and "--reason" in err
    status, out, err = run(
        "rapporteurs", str(poitiers), "open", "--ref", ref, "--reason", "dossier stratégique"
    )
    assert status == 0 and f"Dossier {ref} ouvert à tous les membres votants." in out
    with CampaignFile.open(poitiers) as opened:
        rapporteurs = opened.rapporteurs()
        assert rapporteurs is not None and ref in rapporteurs.open_refs
    status, out, err = run("rapporteurs", str(poitiers), "close", "--ref", ref)
    assert status == 0 and f"Dossier {ref} rendu à ses rapporteurs." in out
    with CampaignFile.open(poitiers) as opened:
        assert opened.verify().ok
        kinds = [e.kind for e in opened.journal()]
        assert kinds.count("assign-open") == 2
        assert kinds.count("assign-move") >= 2  # the swap's two moves
