"""Eligibility: the pool each dossier is ranked in, the category warnings, thresholds,
withdrawals and unscored dossiers, and what each says (rules §7)."""

from __future__ import annotations

from fractions import Fraction

from juryapp.core.engine import compute_results
from juryapp.core.model import Category, Criterion, Dossier, Score, Withdraw
from tests.plugin.campaigns import campaign_from_notes, rules

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


def test_thresholds_withdrawals_and_unscored_dossiers_are_explained():
    """Two criteria on 1–5 by halves, equal weights, threshold 3 each, overall 10/20:
    N = 20 × ((a − 1)/4 + (b − 1)/4)/2. D1 5/5 -> 20, retained; D2 2,5/5 -> 13,75 but A's
    mean 2,5 < 3; D3 2/2 -> 5, under all three; D4 withdrawn; D5 never scored."""
    criteria = tuple(
        Criterion(code, code, 1, 5, min=1, step=Fraction(1, 2), threshold=3) for code in "AB"
    )
    plan = (("D1", 5, 5), ("D2", Fraction(5, 2), 5), ("D3", 2, 2), ("D4", 4, 4))
    campaign = campaign_from_notes(
        {},
        criteria=criteria,
        dossiers=[Dossier(ref, ref) for ref in ("D1", "D2", "D3", "D4", "D5")],
        call=rules(threshold=10),
        decisions=[Withdraw("D4", "désistement"), Withdraw("D9", "")],
    )
    scores = tuple(
        Score(juror, ref, {"A": a, "B": b}) for juror in ("J1", "J2", "J3") for ref, a, b in plan
    )
    results = compute_results(type(campaign)(**{**campaign.__dict__, "scores": scores}))

    def said(ref):
        result = results.dossier(ref)
        return [t.render("fr") for t in result.explanation], [
            t.render("fr") for t in result.reasons
        ]

    assert "Seuils atteints : dossier retenu." in said("D1")[0]
    assert said("D2")[1] == ["moyenne 2,50 en A sous le seuil de 3"]
    assert "Non retenu : moyenne 2,50 en A sous le seuil de 3." in said("D2")[0]
    assert results.dossier("D2").failed_thresholds == ("A",)
    assert said("D3")[1] == [
        "note 5,00 sous le seuil de 10",
        "moyenne 2,00 en A sous le seuil de 3",
        "moyenne 2,00 en B sous le seuil de 3",
    ]
    assert results.dossier("D3").failed_thresholds == ("", "A", "B")
    assert (
        "Non retenu : note 5,00 sous le seuil de 10, moyenne 2,00 en A sous le seuil de 3, "
        "moyenne 2,00 en B sous le seuil de 3." in said("D3")[0]
    )
    assert said("D4") == (
        [
            "Notes des jurés : J1 15,00 ; J2 15,00 ; J3 15,00.",
            "Note retenue : moyenne des notes complètes (3) : 15,00 / 20.",
            "Retiré par décision du jury : désistement.",
        ],
        ["retiré : désistement"],
    )
    assert said("D5") == (["Aucune note complète : dossier non classé."], [])
    assert [s.value for s in (results.dossier(r).status for r in ("D1", "D2", "D4", "D5"))] == [
        "waiting",
        "not_retained",
        "withdrawn",
        "unscored",
    ]
    assert [w.render("fr") for w in results.warnings] == [
        "Retrait ignoré : dossier inconnu « D9 »."
    ]
    assert [(p.kind, p.detail.render("fr"), p.refs) for p in results.pending] == [
        ("unscored", "Dossiers recevables sans aucune note complète : D5.", ("D5",))
    ]
