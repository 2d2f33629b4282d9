"""Which pool each dossier is ranked in, and the warnings about categories (rules §7)."""

from __future__ import annotations

from juryapp.core.engine import compute_results
from juryapp.core.model import Category, Dossier
from tests.plugin.campaigns import campaign_from_notes

NOTES = {"D1": [15, 15, 15], "D2": [14, 14, 14], "D3": [13, 13, 13]}


def test_a_dossier_without_category_or_with_an_unknown_one_is_said():
    dossiers = [
        Dossier("D1", "un", category="DUR"),
        Dossier("D2", "deux"),
        Dossier("D3", "trois", category="XYZ"),
    ]
    results = compute_results(
        campaign_from_notes(
            NOTES,
            dossiers=dossiers,
            categories=(Category("DUR", "Durable", envelope_cents=100_000),),
        )
    )
    assert [w.render("fr") for w in results.warnings] == [
        "Dossier D2 sans catégorie : il est classé à part et financé sur l'enveloppe de l'appel.",
        "Dossier D3 : catégorie inconnue « XYZ ».",
    ]
    assert [results.dossier(r).pool for r in ("D1", "D2", "D3")] == ["DUR", None, "XYZ"]


def test_without_categories_every_dossier_is_in_the_call_pool():
    dossiers = [Dossier("D1", "un", category="DUR"), Dossier("D2", "deux")]
    results = compute_results(
        campaign_from_notes({"D1": [15] * 3, "D2": [14] * 3}, dossiers=dossiers)
    )
    assert not results.warnings
    assert [results.dossier(r).pool for r in ("D1", "D2")] == [None, None]
