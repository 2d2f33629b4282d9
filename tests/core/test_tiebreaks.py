"""The registry of tie-break rules covers every kind, and each rule reads back what it writes."""

from __future__ import annotations

from juryapp.core import tiebreaks
from juryapp.core.model import TieBreakKind, TieBreakStep
from juryapp.i18n import translate


def test_every_kind_has_exactly_one_rule():
    assert [rule.kind for rule in tiebreaks.RULES] == list(TieBreakKind)


def test_a_step_reads_back_from_its_keyword():
    for rule in tiebreaks.RULES:
        step = TieBreakStep(rule.kind, "IMPACT" if rule.takes_criterion else None)
        assert tiebreaks.step_from_keyword(step.keyword()) == step


def test_only_vote_and_draw_wait_for_the_jury():
    waiting = {rule.kind for rule in tiebreaks.RULES if rule.waits_for_jury}
    assert waiting == {TieBreakKind.VOTE, TieBreakKind.DRAW}


def test_each_rule_is_worded_in_english_for_the_pv_and_the_explanation():
    for rule in tiebreaks.RULES:
        assert translate(rule.pv, "en") != rule.pv
        named = rule.named(TieBreakStep(rule.kind, "IMPACT"))
        assert translate(named.template, "en") != named.template


def test_the_workbook_spelling_names_the_criterion_argument():
    spellings = [rule.spelling() for rule in tiebreaks.RULES]
    assert spellings[:4] == ["critère:CODE", "jugement majoritaire", "vote", "tirage au sort"]
    assert all(":CODE" not in s for s in spellings[1:])  # only a criterion takes a code
