"""The store keeps every registered dossier field: a column each, and the codec round-trips it."""

from __future__ import annotations

from juryapp.core.fields import DOSSIER_FIELDS
from juryapp.core.model import Dossier
from juryapp.store import state as state_module
from juryapp.store.codec import decode_dossier, encode_dossier
from juryapp.store.state import State, apply_entry, seal_hash
from juryapp.store.tables import DossierRow


def test_every_field_has_its_column():
    columns = set(DossierRow.__table__.columns.keys())  # type: ignore[attr-defined]
    assert {f.code for f in DOSSIER_FIELDS} <= columns


def test_the_codec_round_trips_every_field():
    dossier = Dossier(
        "R1",
        "Projet",
        applicant="Asso",
        town="Niort",
        category="DUR",
        requested_cents=1,
        total_budget_cents=2,
        eligible_expenses_cents=3,
        admissible=False,
        inadmissible_reason="hors délai",
        siret="12345678901234",
        fields=(("Site", "x"),),
    )
    encoded = encode_dossier(dossier)
    assert set(encoded) == {f.code for f in DOSSIER_FIELDS} | {"fields"}
    assert decode_dossier(encoded) == dossier


def test_a_dict_written_before_a_field_existed_takes_its_default():
    encoded = encode_dossier(Dossier("R1", "Projet"))
    del encoded["siret"]
    assert decode_dossier(encoded) == Dossier("R1", "Projet")


def _state_with(dossier: dict[str, object]) -> State:
    state = State(campaign={"id": "c", "name": "Appel", "fingerprint": "f"})
    state.dossiers = {"R1": dossier}
    return state


def test_a_field_added_after_seals_leaves_them_valid_while_at_its_default(monkeypatch):
    monkeypatch.setattr(state_module, "LATE_FIELDS", {"siret": ""})
    before = encode_dossier(Dossier("R1", "Projet"))
    del before["siret"]  # a file sealed before the field existed
    sealed = seal_hash(_state_with(before), 1, None)
    now = encode_dossier(Dossier("R1", "Projet"))
    assert seal_hash(_state_with(now), 1, None) == sealed
    filled = encode_dossier(Dossier("R1", "Projet", siret="12345678901234"))
    assert seal_hash(_state_with(filled), 1, None) != sealed


def test_an_older_journal_entry_gets_the_default_of_a_field_added_since(monkeypatch):
    monkeypatch.setattr(state_module, "LATE_FIELDS", {"siret": ""})
    entry = encode_dossier(Dossier("R1", "Projet"))
    del entry["siret"]
    state = _state_with(encode_dossier(Dossier("R1", "Projet")))
    apply_entry(
        state,
        "import",
        "2026-01-01T00:00:00",
        "secrétariat",
        {"source": "x.xlsx", "added": [entry], "updated": []},
    )
    assert state.dossiers["R1"] == encode_dossier(Dossier("R1", "Projet"))
