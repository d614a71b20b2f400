"""Who says it matters: the same words are an instruction from a Collector, not from a Talati's reply or a forward."""
from __future__ import annotations

import pytest

from nlp import MessageContext, Tier
from nlp.context import Rank, rank_of

COLLECTOR = MessageContext(sender_level="district", sender_designation="District Collector, Kutch",
                           sender_is_admin=True, group_level="district")
TALATI_REPLY = MessageContext(sender_level="district", sender_designation="Talati-cum-Mantri, Bhuj",
                              group_level="district", is_reply=True)
REQUEST = "All Mamlatdars to send the crop damage figures of their talukas by this evening."


@pytest.mark.parametrize(
    ("context", "rank"),
    [
        (MessageContext(sender_designation="District Collector"), Rank.SENIOR),
        (MessageContext(sender_designation="Additional Chief Secretary, Revenue"), Rank.SENIOR),
        (MessageContext(sender_designation="Deputy Mamlatdar (Supply)"), Rank.JUNIOR),
        (MessageContext(sender_designation="Talati, Anjar"), Rank.JUNIOR),
        (MessageContext(sender_designation="તલાટી કમ મંત્રી"), Rank.JUNIOR),
        (MessageContext(sender_designation="Mamlatdar, Bhuj"), Rank.MIDDLE),
        (MessageContext(sender_level="state"), Rank.SENIOR),
        (MessageContext(), Rank.UNKNOWN),
    ],
)
def test_rank_comes_from_the_designation_or_else_the_level(context, rank):
    assert rank_of(context) is rank


def test_a_collector_asking_mamlatdars_for_figures_by_evening_is_an_instruction_acted_on(content_filter):
    verdict = content_filter.check(REQUEST, COLLECTOR)
    assert verdict.tier("instruction") is Tier.ACT


def _hand_filter():
    """Rules only, with an instruction score of sigmoid(-1 + 0.5 per imperative): 0.38 for a bare imperative."""
    from nlp import ContentFilter
    from nlp.decision import DecisionModel, LabelModel
    from nlp.pipeline import build_pipeline
    from nlp.verdict import LABELS

    labels = {label: LabelModel(-9.0, {}, 0.5, 0.9) for label in LABELS}
    labels["instruction"] = LabelModel(-1.0, {"cue:imperative": 0.5}, 0.5, 0.9)
    return ContentFilter(build_pipeline(with_classifier=False), DecisionModel(labels))


def test_a_terse_request_is_an_instruction_when_a_collector_makes_it():
    # Worked by hand: alone sigmoid(-0.5) = 0.38 < 0.5; from a Collector sigmoid(-0.5 + 1.5) = 0.73, given for review.
    hand = _hand_filter()
    terse = "Share the list."
    assert not hand.check(terse).has("instruction")
    from_collector = hand.check(terse, COLLECTOR)
    assert from_collector.tier("instruction") is Tier.REVIEW
    assert from_collector.score("instruction") == pytest.approx(0.7311, abs=1e-4)
    # A Talati's reply with the same words: sigmoid(-0.5 - 3) = 0.03.
    assert not hand.check(terse, TALATI_REPLY).has("instruction")


@pytest.mark.parametrize(
    "reply", ["Yes sir, it will be done by evening.", "Ji saheb, aaje sanje mokli daish.", "જી સાહેબ, સાંજ સુધીમાં મોકલી આપીશ."]
)
def test_a_talati_replying_that_it_will_be_done_is_not_an_instruction(content_filter, reply):
    assert not content_filter.check(reply, TALATI_REPLY).has("instruction")


def test_a_forward_is_never_an_instruction(content_filter):
    forwarded = MessageContext(sender_designation="District Collector", is_forward=True)
    assert content_filter.check(REQUEST, COLLECTOR).has("instruction")
    assert not content_filter.check(REQUEST, forwarded).has("instruction")


def test_a_forward_keeps_its_other_labels(content_filter):
    forwarded = MessageContext(is_forward=True)
    assert content_filter.check("Aadhaar 2345 6789 0124", forwarded).tier("personal_data") is Tier.ACT


def test_check_many_weighs_each_message_with_its_own_context(content_filter):
    forwarded = MessageContext(is_forward=True)
    many = content_filter.check_many([REQUEST, REQUEST], [COLLECTOR, forwarded])
    assert many == [content_filter.check(REQUEST, COLLECTOR), content_filter.check(REQUEST, forwarded)]


def test_check_many_wants_one_context_per_text(content_filter):
    with pytest.raises(ValueError, match="2 texts but 1 contexts"):
        content_filter.check_many(["a", "b"], [None])
