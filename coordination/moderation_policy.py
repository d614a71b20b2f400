"""A group's moderation policy (/policy) and its flags (/flags): who may see and change them, and what they say.

Only bound groups are moderated; anyone in one may read its policy, only its admin posts change it
(circular §2: the groups are administered at State, HoD and District level) or list its flags.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from coordination.answers import Answer, Refusal, Reply, Unreadable
from coordination.collaborators import Collaborators
from coordination.moderation import bound_group
from coordination.moderation_review import listing
from runtime.purposes import Purpose
from storage import policies, roster
from storage.policies import MODERATED_LABELS, Policy

NOT_BOUND = ("This group is not bound to the roster, so it is not moderated. Its admin post binds it with /bind"
             " (§2).")
POLICY_CLAUSES = {"confidential": "§2", "personal_data": "§8, privacy", "hostile": "§8"}


@dataclass(frozen=True)
class ChangePolicy:
    """/policy LABEL ACTION: actions None means back to the default."""

    label: str
    actions: frozenset[str] | None


async def policy_command(
    c: Collaborators, chat_id: int, sender_id: int, request: ChangePolicy | Unreadable | None
) -> Answer:
    """/policy (request None) shows the group's policy; /policy LABEL ACTION sets one (its admin posts only)."""
    group = await bound_group(c.db, chat_id)
    if group is None:
        return Reply(NOT_BOUND, Purpose.MODERATION_USAGE)
    if isinstance(request, Unreadable):
        return Reply(escape(request.text), Purpose.MODERATION_USAGE)
    if request is None:
        return Reply(policy_text(group.policies), Purpose.MODERATION_POLICY)
    if not await roster.is_group_admin(c.db, chat_id, sender_id):
        return Refusal("Only this group's admin posts can change its policy. /policy alone shows it.", "policy")
    async with c.db.transaction() as tx:
        before, after = await policies.set_policy(
            tx, chat_id=chat_id, label=request.label, actions=request.actions, by=sender_id, at=c.clock.now(),
        )
    was = policies.describe_actions(before.actions)
    return Reply(f"Policy for <b>{after.label}</b>: {policies.describe_actions(after.actions)}"
                 f"{' (the default)' if after.is_default else ''}; it was {was}.", Purpose.MODERATION_POLICY)


def policy_text(group_policies: dict[str, Policy]) -> str:
    """The group's policy, as /policy shows it."""
    lines = ["Moderation policy of this group (its admin posts change it: /policy LABEL ACTION):"]
    for label in MODERATED_LABELS:
        policy = group_policies[label]
        default = " (default)" if policy.is_default else ""
        lines.append(f"• {label} ({POLICY_CLAUSES[label]}): {policies.describe_actions(policy.actions)}{default}")
    lines.append("• instruction: not moderated; instructions are recorded and acknowledged (§2)")
    lines.append("warn: reply to the message · delete: remove it (the record keeps it) and warn · notify: warn and"
                 " tell the admin posts privately, with review buttons · off: nothing")
    lines.append("Two tiers: when the filter is sure, the action above is taken. A doubtful case is never shown in"
                 " the group: nothing is said or removed, and it goes quietly to the admin posts' review (the same"
                 " buttons). Only a sure instruction is prompted for acknowledgement.")
    return escape("\n".join(lines))


async def flags_command(c: Collaborators, chat_id: int, sender_id: int) -> Answer:
    """/flags: the group's open and recent flags, with links and review buttons (its admin posts only)."""
    if await bound_group(c.db, chat_id) is None:
        return Reply(NOT_BOUND, Purpose.MODERATION_USAGE)
    if not await roster.is_group_admin(c.db, chat_id, sender_id):
        return Refusal("/flags is for this group's admin posts.", "flags")
    text, markup = await listing(c.db, chat_id, now=c.clock.now(), zone=c.settings.zone)
    return Reply(text, Purpose.MODERATION_FLAGS, markup)
