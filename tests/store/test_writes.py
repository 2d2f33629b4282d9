"""Changes to a campaign: scores, comments, recusals, dossiers, grid, decisions, sealing."""

from __future__ import annotations

import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

from juryapp.core.grid import grid_fingerprint
from juryapp.core.model import (
    Attendance,
    Criterion,
    Dossier,
    DrawLots,
    NoAward,
    OrderTie,
    Recusal,
    Withdraw,
)
from juryapp.store import CampaignFile, StoreError


def journal_kinds(store: CampaignFile) -> list[str]:
    return [entry.kind for entry in store.journal()]


# --- scores ---------------------------------------------------------------------------------


def test_scores_are_stored_exactly(store: CampaignFile) -> None:
    assert store.set_score("J1", "D1", "INNO", "4,5", "Anne")
    assert store.set_score("J1", "D1", "IMPACT", Fraction(30, 2), "Anne")
    cells = {(c.ref, c.criterion): c for c in store.scores_for("J1")}
    assert cells[("D1", "INNO")].text == "9/2"
    assert cells[("D1", "INNO")].value == Fraction(9, 2)
    assert cells[("D1", "IMPACT")].text == "15"
    assert type(cells[("D1", "IMPACT")].value) is int
    assert cells[("D1", "INNO")].author == "Anne"
    assert cells[("D1", "INNO")].edited_at.endswith("+00:00")
    assert len(cells[("D1", "INNO")].edited_at.split("T")[1].split("+")[0]) == 15  # µs
    assert store.load().scores[0].values == {"INNO": Fraction(9, 2), "IMPACT": 15}


def test_an_unchanged_score_writes_nothing(store: CampaignFile) -> None:
    store.set_score("J1", "D1", "INNO", 4, "Anne")
    before = len(store.journal())
    assert not store.set_score("J1", "D1", "INNO", "4", "Anne")
    assert len(store.journal()) == before


def test_none_clears_a_score(store: CampaignFile) -> None:
    store.set_score("J1", "D1", "INNO", 4, "Anne")
    assert store.set_score("J1", "D1", "INNO", None, "Anne")
    assert store.scores_for("J1") == []
    assert store.journal()[-1].payload["previous"] == {"INNO": "4"}


@pytest.mark.parametrize(
    ("juror", "ref", "criterion", "value", "message"),
    [
        ("J1", "D1", "INNO", "4,25", "pas"),
        ("J1", "D1", "IMPACT", 21, "hors de l'échelle"),
        ("J1", "D1", "INNO", "beaucoup", "illisible"),
        ("J9", "D1", "INNO", 1, "Juré inconnu"),
        ("J1", "D9", "INNO", 1, "Dossier inconnu"),
        ("J1", "D1", "NOPE", 1, "critère inconnu"),
    ],
)
def test_bad_scores_are_refused(
    store: CampaignFile, juror: str, ref: str, criterion: str, value: object, message: str
) -> None:
    before = store.journal()
    with pytest.raises(StoreError, match=message):
        store.set_score(juror, ref, criterion, value, "Anne")  # type: ignore[arg-type]
    assert store.journal() == before
    assert list(store.score_cells()) == []


def test_a_batch_of_scores_is_all_or_nothing(store: CampaignFile) -> None:
    with pytest.raises(StoreError):
        store.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 99}, "Anne")
    assert list(store.score_cells()) == []
    assert store.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 12}, "Anne") == 2
    assert len(store.journal()) == 2


def test_a_merged_edit_time_is_kept(store: CampaignFile) -> None:
    at = "2026-05-01T10:00:00.000001+00:00"
    store.set_scores("J2", "D2", {"INNO": 2}, "Bruno", edited_at=at)
    assert store.scores_for("J2")[0].edited_at == at
    with pytest.raises(StoreError, match="fuseau"):
        store.set_scores("J2", "D2", {"INNO": 3}, "Bruno", edited_at="2026-05-01T10:00:00")
    assert store.verify().ok


def test_comments(store: CampaignFile) -> None:
    assert store.set_comment("J1", "D1", "Projet solide, budget à préciser", "Anne")
    assert not store.set_comment("J1", "D1", "Projet solide, budget à préciser", "Anne")
    assert store.comments_for("J1")[0].text == "Projet solide, budget à préciser"
    assert store.load().scores[0].comment == "Projet solide, budget à préciser"
    assert store.set_comment("J1", "D1", "", "Anne")
    assert store.comments_for("J1") == []


# --- recusals -------------------------------------------------------------------------------


def test_recusal_removes_scores_but_the_journal_keeps_them(store: CampaignFile) -> None:
    store.set_scores("J2", "D1", {"INNO": 4, "IMPACT": 15}, "Bruno")
    store.set_comment("J2", "D1", "Intéressant", "Bruno")
    store.recuse("J2", "D1", "Membre de l'association", "coordination")
    assert store.scores_for("J2") == []
    assert store.comments_for("J2") == []
    assert store.load().recusals == (Recusal("J2", "D1", "Membre de l'association"),)
    entry = store.journal()[-1]
    assert entry.kind == "recuse"
    assert entry.payload["removed_scores"] == {"INNO": "4", "IMPACT": "15"}
    assert entry.payload["removed_comment"] == "Intéressant"
    with pytest.raises(StoreError, match="déporté"):
        store.set_score("J2", "D1", "INNO", 3, "Bruno")
    with pytest.raises(StoreError, match="déporté"):
        store.set_comment("J2", "D1", "x", "Bruno")
    with pytest.raises(StoreError, match="déjà déporté"):
        store.recuse("J2", "D1", "encore", "coordination")
    assert store.verify().ok


def test_unrecuse(store: CampaignFile) -> None:
    store.recuse("J2", "D1", "erreur de saisie", "coordination")
    store.unrecuse("J2", "D1", "coordination")
    assert store.load().recusals == ()
    assert store.set_score("J2", "D1", "INNO", 3, "Bruno")
    with pytest.raises(StoreError, match="n'est pas déporté"):
        store.unrecuse("J2", "D1", "coordination")


# --- dossiers, jury, grid -----------------------------------------------------------------


def test_import_adds_updates_and_leaves_unchanged(store: CampaignFile) -> None:
    report = store.import_dossiers(
        [
            Dossier("D4", "Quatre", fields=(("Commune", "Évry"),)),
            Dossier("D2", "Deux (titre corrigé)"),
            Dossier("D1", "Un"),
        ],
        "coordination",
        "dossiers.xlsx",
    )
    assert report.added == ("D4",)
    assert report.updated == ("D2",)
    assert report.unchanged == ("D1",)
    dossiers = store.load().dossiers
    assert [d.ref for d in dossiers] == ["D1", "D2", "D3", "D4"]
    assert dossiers[1].title == "Deux (titre corrigé)"
    assert dossiers[3].fields == (("Commune", "Évry"),)
    entry = store.journal()[-1]
    assert entry.kind == "import" and entry.payload["source"] == "dossiers.xlsx"
    assert entry.payload["updated"][0]["before"]["title"] == "Deux"
    again = store.import_dossiers([Dossier("D4", "Quatre", fields=(("Commune", "Évry"),))],
                                  "coordination", "dossiers.xlsx")  # fmt: skip
    assert again.unchanged == ("D4",) and again.added == again.updated == ()
    assert store.journal()[-1] == entry


@pytest.mark.parametrize(
    ("dossiers", "message"),
    [
        ([Dossier("D5", "Cinq"), Dossier("D5", "Cinq bis")], "deux fois"),
        ([Dossier("D5", "Cinq"), Dossier("D1", "Un", category="XYZ")], "catégorie inconnue"),
        ([Dossier("D5", "Cinq"), Dossier("", "Sans référence")], "vide"),
    ],
)
def test_import_is_all_or_nothing(
    store: CampaignFile, dossiers: list[Dossier], message: str
) -> None:
    before = store.load()
    with pytest.raises(StoreError, match=message):
        store.import_dossiers(dossiers, "coordination", "dossiers.xlsx")
    assert store.load() == before
    assert journal_kinds(store) == ["create"]


def test_admissibility_and_attendance(store: CampaignFile) -> None:
    with pytest.raises(StoreError, match="pourquoi"):
        store.set_admissibility("D3", False, " ", "coordination")
    assert store.set_admissibility("D3", False, "Pièces manquantes", "coordination")
    assert not store.set_admissibility("D3", False, "Pièces manquantes", "coordination")
    assert store.set_attendance("J2", Attendance.REPRESENTED, "coordination")
    campaign = store.load()
    assert not campaign.dossiers[2].admissible
    assert campaign.dossiers[2].inadmissible_reason == "Pièces manquantes"
    assert campaign.jurors[1].attendance is Attendance.REPRESENTED
    with pytest.raises(StoreError, match="Juré inconnu"):
        store.set_attendance("J9", Attendance.ABSENT, "coordination")
    assert store.verify().ok


def test_the_grid_can_change_until_a_score_exists(store: CampaignFile) -> None:
    grid = (Criterion("QUAL", "Qualité", 2, 10), Criterion("COUT", "Coût", 1, 10))
    store.replace_criteria(grid, "coordination")
    assert store.load().criteria == grid
    assert store.fingerprint == grid_fingerprint(grid, 20)
    store.set_score("J1", "D1", "QUAL", 7, "Anne")
    with pytest.raises(StoreError, match="La grille ne peut plus changer : des notes existent"):
        store.replace_criteria((Criterion("X", "X", 1, 5),), "coordination")
    assert store.load().criteria == grid
    assert store.verify().ok


# --- decisions ------------------------------------------------------------------------------


def test_decisions_are_recorded_undone_and_listed(store: CampaignFile) -> None:
    first = store.add_decision(OrderTie(("D2", "D1"), "vote"), "président")
    second = store.add_decision(DrawLots(("D1", "D3"), seed=2**70 + 5), "président")
    store.undo_decision(first, "président", "vote recommencé")
    assert store.load().decisions == (DrawLots(("D1", "D3"), seed=2**70 + 5),)
    listed = store.decisions()
    assert [(d.id, d.kind, d.undone) for d in listed] == [
        (first, "tie", True),
        (second, "draw", False),
    ]
    assert listed[0].undo_reason == "vote recommencé" and listed[0].author == "président"
    with pytest.raises(StoreError, match="déjà annulée"):
        store.undo_decision(first, "président")
    with pytest.raises(StoreError, match="inconnue"):
        store.undo_decision(99, "président")
    with pytest.raises(StoreError, match="dossier inconnu"):
        store.add_decision(Withdraw("D9", "?"), "président")
    with pytest.raises(StoreError, match="catégorie inconnue"):
        store.add_decision(NoAward("XYZ", "?"), "président")
    assert store.verify().ok


# --- sealing --------------------------------------------------------------------------------


def test_closing_refuses_every_write(store: CampaignFile, campaign_path: Path) -> None:
    store.set_score("J1", "D1", "INNO", 4, "Anne")
    seal = store.close_deliberation("président", b'{"results": []}')
    assert store.is_closed and store.seal == seal.hash and len(seal.hash) == 64
    assert store.sealed_document(1) == b'{"results": []}'
    writes: list[Callable[[], object]] = [
        lambda: store.set_score("J1", "D1", "INNO", 5, "Anne"),
        lambda: store.set_scores("J1", "D1", {"INNO": 5}, "Anne"),
        lambda: store.set_comment("J1", "D1", "x", "Anne"),
        lambda: store.recuse("J1", "D2", "x", "Anne"),
        lambda: store.import_dossiers([Dossier("D9", "Neuf")], "coordination", "x.xlsx"),
        lambda: store.set_admissibility("D1", False, "x", "coordination"),
        lambda: store.set_attendance("J1", Attendance.ABSENT, "coordination"),
        lambda: store.replace_criteria((Criterion("X", "X", 1, 5),), "coordination"),
        lambda: store.add_decision(Withdraw("D1", "x"), "président"),
        lambda: store.close_deliberation("président"),
    ]
    before = store.journal()
    for write in writes:
        with pytest.raises(StoreError, match=r"La délibération est close.*rouvrir avec une raison"):
            write()
    assert store.journal() == before
    # Recording an export (or any event that changes no table) is still possible.
    store.journal_append("export", {"pv": "pv-v1.pdf"}, "coordination")
    assert store.verify().ok


def test_reopen_requires_a_reason_and_bumps_the_version(store: CampaignFile) -> None:
    with pytest.raises(StoreError, match="pas close"):
        store.reopen("pour voir", "président")
    first = store.close_deliberation("président")
    with pytest.raises(StoreError, match="raison"):
        store.reopen("  ", "président")
    assert store.reopen("Erreur matérielle sur D2", "président") == 2
    assert not store.is_closed and store.pv_version == 2 and store.seal is None
    store.set_score("J1", "D2", "INNO", 2, "Anne")
    second = store.close_deliberation("président")
    assert second.version == 2 and second.hash != first.hash
    archive = store.seals()
    assert [s.version for s in archive] == [1, 2]
    assert archive[0].reopen_reason == "Erreur matérielle sur D2"
    assert archive[0].reopened_by == "président" and archive[1].reopened_at is None
    assert store.seal == second.hash
    assert len(list(store.path.parent.glob("appel.jury.bak-sceau-v*"))) == 2
    assert journal_kinds(store)[-4:] == ["close", "reopen", "score", "close"]
    assert store.verify().ok


def test_the_seal_depends_on_the_data_not_on_when_it_was_typed(tmp_path: Path) -> None:
    """Same data, same identity, made at different times: the same seal.

    (Decisions are sealed with their time and author, so this campaign has none.)
    """
    from dataclasses import replace

    from tests.plugin.campaigns import full_campaign

    campaign = replace(full_campaign(), decisions=())
    identifier = "6f1c7a52-8a0e-4f7e-9a53-2b7d4c1e0f11"
    hashes = []
    for name in ("a.jury", "b.jury"):
        with CampaignFile.create(
            tmp_path / name, campaign, "coordination", campaign_id=identifier
        ) as store:
            hashes.append(store.close_deliberation("président", b"doc").hash)
    assert hashes[0] == hashes[1]


# --- transactions and the journal ------------------------------------------------------------


def test_a_transaction_groups_writes_all_or_nothing(store: CampaignFile) -> None:
    with store.transaction():
        store.set_scores("J1", "D1", {"INNO": 4, "IMPACT": 10}, "Anne")
        store.set_scores("J2", "D1", {"INNO": 3}, "Bruno")
        store.journal_append("merge", {"files": ["j1.jury", "j2.jury"]}, "coordination")
    assert len(list(store.score_cells())) == 3
    with pytest.raises(RuntimeError), store.transaction():
        store.set_scores("J3", "D1", {"INNO": 1}, "Chloé")
        raise RuntimeError("interrupted merge")
    assert {c.juror for c in store.score_cells()} == {"J1", "J2"}
    # A refused write inside a transaction undoes only itself when caught.
    with store.transaction():
        store.set_score("J3", "D2", "INNO", 2, "Chloé")
        with pytest.raises(StoreError):
            store.set_scores("J3", "D3", {"INNO": 2, "IMPACT": 99}, "Chloé")
    assert {(c.juror, c.ref) for c in store.score_cells() if c.juror == "J3"} == {("J3", "D2")}
    assert store.verify().ok


def test_journal_append_refuses_the_store_s_own_kinds(store: CampaignFile) -> None:
    with pytest.raises(ValueError, match="reserved"):
        store.journal_append("score", {}, "coordination")
    seq = store.journal_append("merge", {"accepted": 3, "path": "copie-J2.jury"}, "coordination")
    entry = store.journal()[-1]
    assert entry.seq == seq and entry.payload == {"accepted": 3, "path": "copie-J2.jury"}
    assert json.loads(entry.text) == entry.payload
