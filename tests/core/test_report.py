"""The results JSON and table, and their English rendering."""

from juryapp.core.engine import compute_results
from juryapp.core.model import Withdraw
from juryapp.core.report import CampaignInfo, results_table, results_to_json

from .test_scenarios import ENVELOPE_17, envelope_campaign


def test_json_amounts_are_cents_and_scores_are_decimal_strings():
    results = compute_results(envelope_campaign(ENVELOPE_17))
    data = results_to_json(results, CampaignInfo("id-1", "AAP test"))
    p5 = next(d for d in data["dossiers"] if d["ref"] == "P5")
    assert p5["score"] == "14.90" and p5["score_exact"] == "149/10"
    assert p5["amount_cents"] == 1_400_000 and p5["entitlement_cents"] == 1_400_000
    assert data["awarded_cents"] == 9_900_000 and data["unallocated_cents"] == 100_000


def test_every_sentence_of_the_explanation_has_an_english_version():
    results = compute_results(
        envelope_campaign(ENVELOPE_17, decisions=[Withdraw("P2", "désistement")])
    )
    for result in results.dossiers:
        for line in [*result.explanation, *result.reasons]:
            english = line.render("en")
            assert english != line.render("fr") or english.startswith("Jurors"), english
    table = results_table(results, CampaignInfo("id-1", "AAP test"), "en")
    assert "Deliberation: open" in table and "€15,000.00" in table and "withdrawn" in table


def test_french_table_uses_french_formats():
    results = compute_results(envelope_campaign(ENVELOPE_17))
    table = results_table(results, CampaignInfo("id-1", "AAP test"))
    assert "Enveloppe : 100\u202f000,00\u00a0€" in table
    assert "liste complémentaire" in table and "14,90" in table
