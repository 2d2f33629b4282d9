"""The store keeps every registered dossier field: a column each, and the codec round-trips it."""

from __future__ import annotations

from juryapp.core.fields import DOSSIER_FIELDS
from juryapp.core.model import Dossier
from juryapp.store.codec import decode_dossier, encode_dossier
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
