"""Supported only once (rules §13): normalisation and matching, computed by hand."""

from __future__ import annotations

import pytest

from juryapp.core.model import Dossier
from juryapp.core.registry import (
    FlagState,
    MatchBy,
    MatchKind,
    PastLaureate,
    Ruling,
    RulingKind,
    already_supported_reason,
    find_matches,
    flag_dossiers,
    is_rna,
    is_siret,
    laureate_key,
    normalise_name,
    normalise_siret,
    normalise_town,
)

PAST = (
    PastLaureate(
        siret="12345678900012", holder="Ressourcerie du Port", town="La Rochelle",
        call="Acteurs de la transition", year="2023", amount_cents=500_000,
    ),
    PastLaureate(rna="W171000123", holder="Vélo-Cité", town="La Rochelle", call="AAP", year="2022"),
    PastLaureate(holder="SCIC Les Jardins d’Aytré", town="AYTRE", call="AAP", year="2023"),
)  # fmt: skip


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("Association L'Épicerie-Solidaire (SCIC)", "l epicerie solidaire"),
        ("l epicerie solidaire", "l epicerie solidaire"),
        ("ÉPICERIE SOLIDAIRE, association loi 1901", "epicerie solidaire"),
        ("Société coopérative d'intérêt collectif Les Jardins", "les jardins"),
        ("Les Jardins SAS", "les jardins"),
        ("SARL Cœur de Ville", "coeur de ville"),
        ("Fondation Abbé-Pierre", "abbe pierre"),
        ("Coopérative Oasis", "oasis"),
        ("Scop  Ti   Coop", "ti"),
        ("Association", ""),
        # a legal-form word inside another word is kept
        ("Sassenage Vélo", "sassenage velo"),
    ],
)
def test_holder_names_are_compared_without_case_accents_punctuation_or_legal_form(
    written, normalised
):
    assert normalise_name(written) == normalised


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("La Rochelle", "la rochelle"),
        ("LA ROCHELLE CEDEX 1", "la rochelle"),
        ("17000 La Rochelle", "la rochelle"),
        ("St-Nazaire", "saint nazaire"),
        ("Saint Nazaire", "saint nazaire"),
        ("Aytré", "aytre"),
    ],
)
def test_towns_are_compared_without_case_accents_postcodes_or_saint_abbreviations(
    written, normalised
):
    assert normalise_town(written) == normalised


def test_siret_and_rna_formats():
    assert normalise_siret("123 456 789 00012") == "12345678900012"
    assert normalise_siret("123\u00a0456\u202f789 00012") == "12345678900012"
    assert is_siret("123 456 789 00012")
    assert not is_siret("123 456 789")  # a SIREN is not a SIRET
    assert not is_siret("1234567890001A")
    assert is_rna("W171000123") and is_rna("w 171 000 123") and is_rna("W2A1000123")
    assert not is_rna("W17100012") and not is_rna("171000123") and not is_rna("X171000123")


def _dossier(ref: str, **fields: str) -> Dossier:
    return Dossier(ref=ref, title=f"Projet {ref}", **fields)


def test_same_siret_spaces_ignored_is_a_sure_match():
    dossier = _dossier("D1", siret="123 456 789 00012", applicant="Autre nom", town="Paris")
    (match,) = find_matches(dossier, PAST)
    assert (match.kind, match.by, match.laureate) == (MatchKind.SURE, MatchBy.SIRET, PAST[0])


def test_same_rna_is_a_sure_match():
    dossier = _dossier("D2", rna="w171000123", applicant="Tout autre", town="Niort")
    (match,) = find_matches(dossier, PAST)
    assert (match.kind, match.by, match.laureate) == (MatchKind.SURE, MatchBy.RNA, PAST[1])


def test_same_name_and_town_after_normalisation_is_a_possible_match():
    dossier = _dossier("D3", applicant="Les Jardins d'Aytré (SCIC)", town="Aytré")
    (match,) = find_matches(dossier, PAST)
    assert (match.kind, match.by, match.laureate) == (MatchKind.POSSIBLE, MatchBy.NAME, PAST[2])


def test_same_name_in_another_town_or_another_siret_is_no_match():
    assert find_matches(_dossier("D4", applicant="Les Jardins d'Aytré", town="Lagord"), PAST) == ()
    assert find_matches(_dossier("D5", siret="12345678900013", town="La Rochelle"), PAST) == ()
    # no town: a name alone never matches
    assert find_matches(_dossier("D6", applicant="Les Jardins d'Aytré"), PAST) == ()


def test_a_sure_match_comes_before_a_possible_one_of_the_same_dossier():
    dossier = _dossier(
        "D7", siret="12345678900012", applicant="SCIC Les Jardins d'Aytré", town="Aytré"
    )
    matches = find_matches(dossier, PAST)
    assert [(m.kind, m.by) for m in matches] == [
        (MatchKind.SURE, MatchBy.SIRET),
        (MatchKind.POSSIBLE, MatchBy.NAME),
    ]


def test_flags_follow_the_rulings_and_a_ruling_only_answers_its_kind_of_match():
    dossiers = [
        _dossier("S", siret="12345678900012"),
        _dossier("P", applicant="Jardins d'Aytré, Les", town="Aytré"),
        _dossier("N", applicant="Inconnue", town="Aytré"),
    ]
    flags = flag_dossiers(dossiers, PAST)
    assert set(flags) == {"S"}  # « Jardins d'Aytré, Les » is not « les jardins d aytre »
    dossiers[1] = _dossier("P", applicant="Les Jardins d'Aytré", town="Aytré")
    flags = flag_dossiers(dossiers, PAST)
    assert (flags["S"].state, flags["P"].state) == (FlagState.REFUSED, FlagState.TO_CHECK)
    assert flags["S"].excludes and not flags["P"].excludes

    rulings = [
        Ruling("S", RulingKind.OVERRIDE, "nouveau projet distinct"),
        Ruling("P", RulingKind.CONFIRM),
    ]
    flags = flag_dossiers(dossiers, PAST, rulings)
    assert (flags["S"].state, flags["P"].state) == (FlagState.OVERRIDDEN, FlagState.CONFIRMED)
    assert not flags["S"].excludes and flags["P"].excludes

    flags = flag_dossiers(dossiers, PAST, [Ruling("P", RulingKind.DISMISS, "autre structure")])
    assert flags["P"].state is FlagState.DISMISSED and not flags["P"].excludes
    # a dismissal does not clear a sure match; an override does not answer a possible one
    flags = flag_dossiers(
        dossiers, PAST, [Ruling("S", RulingKind.DISMISS), Ruling("P", RulingKind.OVERRIDE, "x")]
    )
    assert (flags["S"].state, flags["P"].state) == (FlagState.REFUSED, FlagState.TO_CHECK)


def test_the_reason_names_the_call_and_the_year():
    assert already_supported_reason(PAST[0]) == "déjà soutenu (Acteurs de la transition, 2023)"
    assert already_supported_reason(PastLaureate(siret="12345678900012")) == "déjà soutenu"


def test_the_same_laureate_has_the_same_key_whatever_its_source_or_spelling():
    one = PastLaureate(siret="123 456 789 00012", holder="Asso X", town="Aytré", source="a.xlsx")
    two = PastLaureate(siret="12345678900012", holder="X", town="AYTRE", source="b.csv")
    assert laureate_key(one) == laureate_key(two)
