"""The decisions of moderation and instruction capture, as plain functions (no Telegram).

- Who says it: the facts the filter weighs (nlp.MessageContext) from the roster and the message.
- Tiers: labels at Tier.ACT are acted on by the group's policy; labels at Tier.REVIEW go quietly
  to the admin posts' review, with nothing said or removed in the group.
- Warnings: a member gets at most one warning per interval about messages that stay; a removal
  is always explained at once (circular §2, §8: a member must know why a message vanished).
- Instructions: only an instruction at Tier.ACT, and never a forward, is recorded and prompted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from nlp import MessageContext, Verdict
from nlp.verdict import Tier
from storage.flags import Finding, FlagTier
from storage.policies import MODERATED_LABELS, Policy
from storage.roster import Binding, Post


def message_context(
    speaker_posts: Sequence[Post], binding: Binding | None, *, is_reply: bool, is_forward: bool
) -> MessageContext:
    """What the filter is told about a message: the speaker's post in this group, the group's level.

    The speaker is whoever wrote the words: the sender, or for a forward the original author when
    Telegram names them (otherwise unknown). Of several posts, one that belongs in the group counts.
    """
    here = [post for post in speaker_posts if binding is not None and binding.includes(post)] or list(speaker_posts)
    post = here[0] if here else None
    administers = None
    if post is not None:
        administers = binding.administered_by(post) if binding is not None else post.is_admin
    return MessageContext(
        sender_level=post.level if post else None,
        sender_designation=post.designation if post else None,
        sender_is_admin=administers,
        group_level=binding.level if binding else None,
        is_reply=is_reply,
        is_forward=is_forward,
    )


@dataclass(frozen=True)
class Tiered:
    """What a group's moderation does with a verdict: the findings of one tier."""

    tier: Tier
    findings: tuple[Finding, ...]
    # At Tier.ACT: the labels also given only as doubtful; never named to the member, told to the admins.
    also_doubtful: tuple[str, ...] = ()


def tiered_findings(verdict: Verdict, group_policies: Mapping[str, Policy]) -> Tiered | None:
    """The findings to flag, and their tier; None when there is nothing to flag.

    Labels whose policy is off are ignored. If any label is at Tier.ACT the policy acts on those
    labels alone, and the doubtful ones go with them to the admins only (a doubtful label is never
    named in a public warning); otherwise the doubtful labels make a Tier.REVIEW flag.
    """
    active = [label for label in MODERATED_LABELS if verdict.has(label) and group_policies[label].active]
    doubtful = tuple(label for label in active if verdict.tier(label) is Tier.REVIEW)
    for tier in (Tier.ACT, Tier.REVIEW):
        labels = {label for label in active if verdict.tier(label) is tier}
        findings = tuple(
            Finding(e.label, e.reason_code, e.start, e.end) for e in verdict.evidence if e.label in labels
        )
        if findings:
            return Tiered(tier, findings, doubtful if tier is Tier.ACT else ())
    return None


def flag_tier(tier: Tier) -> FlagTier:
    """The tier as a flag stores it (storage keeps its own enum of the same values)."""
    return FlagTier(tier.value)


class WarningStep(Enum):
    """What is said in the group when a flag is raised."""

    NOTHING = "nothing"  # a doubtful case: the admins review it quietly
    WARN_NOW = "warn_now"  # the full warning now
    HOLD = "hold"  # warned less than an interval ago: the full warning waits to be combined
    NOTICE_AND_HOLD = "notice_and_hold"  # removed inside the interval: a short notice now, the full warning later


def warning_step(
    tier: Tier, *, deleted: bool, last_warned_at: datetime | None, now: datetime, interval: timedelta
) -> WarningStep:
    """Whether to warn now, hold the warning for the combined one, or say nothing."""
    if tier is Tier.REVIEW:
        return WarningStep.NOTHING
    if last_warned_at is None or now - last_warned_at >= interval:
        return WarningStep.WARN_NOW
    return WarningStep.NOTICE_AND_HOLD if deleted else WarningStep.HOLD


def tells_admins(tiered: Tiered, actions: frozenset[str]) -> bool:
    """Whether the admin posts get the private notice: always when something is doubtful, else by policy."""
    return tiered.tier is Tier.REVIEW or bool(tiered.also_doubtful) or "notify" in actions

