"""The registry of dossier fields is the one list: the model, the codec and the workbook's
columns follow it, and each type is shown as people read it."""

from __future__ import annotations

import dataclasses

from juryapp.core.fields import DOSSIER_FIELDS, FieldType, Show, display, dossier_field, shown
from juryapp.core.model import Dossier


def test_the_dossier_has_exactly_the_registered_fields_and_its_free_columns():
    attributes = [f.name for f in dataclasses.fields(Dossier)]
    assert {f.code for f in DOSSIER_FIELDS} | {"fields"} == set(attributes)


def test_every_default_is_the_dossier_default():
    defaults = {f.name: f.default for f in dataclasses.fields(Dossier)}
    for field in DOSSIER_FIELDS:
        if not field.required:
            assert defaults[field.code] == field.default, field.code


def test_codes_are_unique_and_headers_bilingual():
    codes = [f.code for f in DOSSIER_FIELDS]
    assert len(codes) == len(set(codes))
    for field in DOSSIER_FIELDS:
        assert field.header.french and field.header.english and field.help, field.code


def test_values_are_shown_by_type():
    dossier = Dossier("R1", "Projet", category="DUR", requested_cents=700_000, admissible=False)
    assert display(dossier, dossier_field("requested_cents"), "fr") == "7\u202f000,00\u00a0€"
    assert display(dossier, dossier_field("total_budget_cents"), "fr") == ""
    assert display(dossier, dossier_field("admissible"), "fr") == "non"
    assert display(dossier, dossier_field("admissible"), "en") == "no"
    assert display(dossier, dossier_field("category"), "fr", {"DUR": "Durable"}) == "Durable"
    assert display(dossier, dossier_field("ref"), "en") == "R1"


def test_where_each_field_is_shown():
    subtitle = [f.code for f in shown(Show.SUBTITLE)]
    known = ["ref", "applicant", "town", "category"]
    assert [code for code in subtitle if code in known] == known
    assert "title" not in subtitle  # the juror's view shows it as the heading
    amounts = [f.code for f in shown(Show.AMOUNTS)]
    assert amounts[:3] == ["requested_cents", "total_budget_cents", "eligible_expenses_cents"]
    assert all(f.kind is FieldType.CENTS for f in shown(Show.AMOUNTS))
