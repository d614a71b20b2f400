"""The decisions of moderation and instruction capture, without a bot: who says it, tiers, warnings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coordination.moderation_rules import (
    Tiered,
    WarningStep,
    message_context,
    tells_admins,
    tiered_findings,
    warning_step,
)
from coordination.records import becomes_instruction
from nlp import MessageContext
from nlp.verdict import Evidence, Tier, Verdict
from storage.flags import Finding
from storage.policies import DEFAULTS, Policy
from storage.roster import Binding, Post

KUTCH = Binding(-1001, "district", "Kutch")
STATE = Binding(-1002, "state", "")
COLLECTOR = Post("collector-kutch", "District Collector", "district", "Kutch", "+919426240001", "", "", True)
TALATI = Post("talati-bhuj", "Talati, Bhuj", "district", "Kutch", "+919426240009", "", "", False)
ACS = Post("acs-revenue", "Additional Chief Secretary (Revenue)", "state", "Revenue Department", "+919426210001",
           "", "", True)
COLLECTOR_VALSAD = Post("collector-valsad", "District Collector", "district", "Valsad", "+919426250001", "", "", True)


def test_a_collector_in_the_district_group_speaks_as_its_admin_post():
    assert message_context([COLLECTOR], KUTCH, is_reply=False, is_forward=False) == MessageContext(
        sender_level="district", sender_designation="District Collector", sender_is_admin=True,
        group_level="district", is_reply=False, is_forward=False,
    )


def test_a_talati_replying_speaks_as_a_member_of_the_district():
    assert message_context([TALATI], KUTCH, is_reply=True, is_forward=False) == MessageContext(
        sender_level="district", sender_designation="Talati, Bhuj", sender_is_admin=False,
        group_level="district", is_reply=True, is_forward=False,
    )


def test_of_several_posts_the_one_that_belongs_in_the_group_counts():
    # An officer holding charge of two districts speaks in Kutch's group as Kutch's Collector.
    assert message_context([COLLECTOR_VALSAD, COLLECTOR], KUTCH, is_reply=False, is_forward=False).sender_designation \
        == "District Collector"
    context = message_context([COLLECTOR_VALSAD], KUTCH, is_reply=False, is_forward=False)
    assert (context.sender_designation, context.sender_is_admin) == ("District Collector", False), \
        "Valsad's Collector does not administer Kutch's group"


def test_the_collector_in_the_state_group_is_a_member_not_its_admin():
    context = message_context([COLLECTOR], STATE, is_reply=False, is_forward=False)
    assert (context.sender_level, context.sender_is_admin, context.group_level) == ("district", False, "state")
    assert message_context([ACS], STATE, is_reply=False, is_forward=False).sender_is_admin is True


def test_an_unknown_speaker_in_an_unbound_chat_is_unknown_not_no():
    assert message_context([], None, is_reply=False, is_forward=True) == MessageContext(is_forward=True)


# -- tiers -----------------------------------------------------------------------------------------

DEFAULT_POLICIES = {label: Policy(label, actions, is_default=True) for label, actions in DEFAULTS.items()}


def _verdict(*labels: str, review: tuple[str, ...] = ()) -> Verdict:
    spans = {"confidential": (0, 5, "marked_confidential"), "personal_data": (10, 24, "aadhaar"),
             "hostile": (30, 35, "abuse"), "instruction": (40, 50, "imperative")}
    evidence = tuple(Evidence(label, spans[label][0], spans[label][1], 0.9, spans[label][2], "") for label in labels)
    return Verdict(tuple(sorted(labels)), evidence, "en", review=tuple(sorted(review)))


def test_labels_at_the_upper_tier_are_acted_on():
    tiered = tiered_findings(_verdict("personal_data"), DEFAULT_POLICIES)
    assert (tiered.tier, tiered.findings) == (Tier.ACT, (Finding("personal_data", "aadhaar", 10, 24),))


def test_a_message_with_only_doubtful_labels_goes_to_review():
    tiered = tiered_findings(_verdict("hostile", review=("hostile",)), DEFAULT_POLICIES)
    assert (tiered.tier, tiered.findings) == (Tier.REVIEW, (Finding("hostile", "abuse", 30, 35),))


def test_a_doubtful_label_beside_a_sure_one_goes_to_the_admins_only():
    tiered = tiered_findings(_verdict("hostile", "personal_data", review=("hostile",)), DEFAULT_POLICIES)
    assert (tiered.tier, [f.label for f in tiered.findings], tiered.also_doubtful) == (
        Tier.ACT, ["personal_data"], ("hostile",))
    assert tiered_findings(_verdict("hostile", "personal_data"), DEFAULT_POLICIES).also_doubtful == ()


def test_labels_whose_policy_is_off_and_instructions_are_not_flagged():
    policies = {**DEFAULT_POLICIES, "hostile": Policy("hostile", frozenset(), is_default=False)}
    assert tiered_findings(_verdict("hostile", review=("hostile",)), policies) is None
    assert tiered_findings(_verdict("hostile"), policies) is None
    assert tiered_findings(_verdict("instruction"), DEFAULT_POLICIES) is None
    assert tiered_findings(_verdict(), DEFAULT_POLICIES) is None


def test_the_admin_posts_are_always_told_of_a_doubtful_case_and_by_policy_otherwise():
    finding = (Finding("hostile", "abuse", 30, 35),)
    assert tells_admins(Tiered(Tier.REVIEW, finding), frozenset({"delete"}))
    assert tells_admins(Tiered(Tier.ACT, finding, also_doubtful=("confidential",)), frozenset({"delete"}))
    assert tells_admins(Tiered(Tier.ACT, finding), frozenset({"warn", "notify"}))
    assert not tells_admins(Tiered(Tier.ACT, finding), frozenset({"delete"}))


# -- warnings --------------------------------------------------------------------------------------

NOW = datetime(2025, 7, 1, 10, 0, tzinfo=UTC)
MINUTE = timedelta(seconds=60)


@pytest.mark.parametrize(("tier", "deleted", "warned_ago", "expected"), [
    (Tier.ACT, False, None, WarningStep.WARN_NOW),
    (Tier.ACT, True, None, WarningStep.WARN_NOW),
    (Tier.ACT, False, timedelta(seconds=61), WarningStep.WARN_NOW),
    (Tier.ACT, False, timedelta(seconds=60), WarningStep.WARN_NOW),
    (Tier.ACT, False, timedelta(seconds=20), WarningStep.HOLD),
    # bug 8 of issue 14: a removal inside the minute is explained at once, the reasons follow combined
    (Tier.ACT, True, timedelta(seconds=20), WarningStep.NOTICE_AND_HOLD),
    (Tier.REVIEW, False, None, WarningStep.NOTHING),
    (Tier.REVIEW, False, timedelta(seconds=20), WarningStep.NOTHING),
])
def test_when_a_member_is_warned(tier, deleted, warned_ago, expected):
    last = NOW - warned_ago if warned_ago is not None else None
    assert warning_step(tier, deleted=deleted, last_warned_at=last, now=NOW, interval=MINUTE) is expected


# -- instructions ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("verdict", "is_forward", "is_ack", "expected"), [
    (_verdict("instruction"), False, False, True),
    (_verdict("instruction", review=("instruction",)), False, False, False),
    (_verdict("instruction"), True, False, False),
    (_verdict("instruction"), False, True, False),
    (_verdict("hostile"), False, False, False),
])
def test_only_a_sure_instruction_that_is_no_forward_is_prompted(verdict, is_forward, is_ack, expected):
    assert becomes_instruction(verdict, is_forward=is_forward, is_acknowledgement=is_ack) is expected
