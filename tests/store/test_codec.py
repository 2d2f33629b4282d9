"""Encoding the engine's values: every field is kept, numbers stay exact."""

from __future__ import annotations

from dataclasses import fields
from fractions import Fraction

import pytest

from juryapp.core.model import (
    CallRules,
    Category,
    Criterion,
    Dossier,
    DrawLots,
    Juror,
    NoAward,
    OrderTie,
    SetAmount,
    VoteCount,
    Withdraw,
)
from juryapp.store import codec
from tests.plugin.campaigns import full_campaign


@pytest.mark.parametrize(
    ("kind", "encode"),
    [
        (CallRules, codec.encode_rules),
        (Criterion, codec.encode_criterion),
        (Category, codec.encode_category),
        (Juror, codec.encode_juror),
        (Dossier, codec.encode_dossier),
    ],
)
def test_every_field_of_the_model_is_encoded(kind: type, encode: object) -> None:
    """A field added to the engine's model must be added to the campaign file too."""
    campaign = full_campaign()
    sample = {
        CallRules: campaign.rules,
        Criterion: campaign.criteria[0],
        Category: campaign.categories[0],
        Juror: campaign.jurors[0],
        Dossier: campaign.dossiers[0],
    }[kind]
    assert set(encode(sample)) == {f.name for f in fields(kind)}  # type: ignore[operator]


def test_values_round_trip() -> None:
    campaign = full_campaign()
    assert codec.decode_rules(codec.encode_rules(campaign.rules)) == campaign.rules
    for criterion in campaign.criteria:
        assert codec.decode_criterion(codec.encode_criterion(criterion)) == criterion
    for category in campaign.categories:
        assert codec.decode_category(codec.encode_category(category)) == category
    for juror in campaign.jurors:
        assert codec.decode_juror(codec.encode_juror(juror)) == juror
    for dossier in campaign.dossiers:
        assert codec.decode_dossier(codec.encode_dossier(dossier)) == dossier


@pytest.mark.parametrize(
    "decision",
    [
        OrderTie(("A", "B"), "vote", VoteCount(4, 4, 1)),
        OrderTie(("B", "A")),
        DrawLots(("A", "B", "C"), seed=2**64 + 1, reason="tirage"),
        Withdraw("A", "désistement"),
        SetAmount("A", 123_456, "réduit"),
        NoAward("ÉMG", "aucun dossier"),
    ],
)
def test_decisions_round_trip(decision: object) -> None:
    encoded = codec.encode_decision(decision)  # type: ignore[arg-type]
    assert codec.decode_decision(encoded) == decision


@pytest.mark.parametrize(
    ("value", "text"),
    [(4, "4"), (Fraction(9, 2), "9/2"), (Fraction(8, 2), "4"), (Fraction(-1, 3), "-1/3")],
)
def test_numbers_are_stored_exactly(value: int | Fraction, text: str) -> None:
    assert codec.number_text(value) == text
    back = codec.parse_number_text(text)
    assert back == value
    assert type(back) is (int if Fraction(value).denominator == 1 else Fraction)


def test_canonical_json_is_stable() -> None:
    assert codec.canonical_json({"b": 1, "a": "é"}) == '{"a":"é","b":1}'


def test_rules_written_before_the_prize_cap_setting_keep_uncapped_prizes() -> None:
    from juryapp.core.model import CallRules, Mode
    from juryapp.store.codec import decode_rules, encode_rules

    encoded = encode_rules(CallRules(name="Prix", mode=Mode.PRIZE, prizes_cents=(700_000,)))
    assert encoded["prize_capped"] is True
    assert decode_rules(encoded).prize_capped is True
    del encoded["prize_capped"]
    assert decode_rules(encoded).prize_capped is False
