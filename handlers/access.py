"""What Samvad does to people in bound groups: look, invite, approve, decline, restrict, lift, remove.

Reads whose answer is needed now (getChatMember, createChatInviteLink) are direct
calls; every change is owed through the outbox in the caller's transaction, with its
journal entry and the membership state that explains it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from html import escape

from telegram import Bot, ChatPermissions
from telegram.error import TelegramError

from runtime.services import Services
from storage import journal, membership, roster, tasks
from storage.database import Transaction
from storage.membership import PRESENT_STATUSES
from storage.roster import Binding, Post
from runtime.purposes import Purpose
from coordination.people import mention
from coordination import people

log = logging.getLogger(__name__)

# What the bot needs as a group administrator, in the words of Telegram's admin-rights screen.
REQUIRED_RIGHTS: dict[str, str] = {
    "can_invite_users": "invite users via link",
    "can_restrict_members": "ban users (restrict and remove members)",
    "can_delete_messages": "delete messages",
}
DECLINE_TASK = "membership.decline_request"
GRACE_TASK = "membership.grace_expiry"
NO_SENDING = ChatPermissions.no_permissions()
AS_USUAL = ChatPermissions.all_permissions()
INVITE_NAME_LIMIT = 32


def missing_rights(rights: Mapping[str, bool], *, is_admin: bool) -> list[str]:
    """The rights Samvad lacks in a group, as people call them."""
    return [label for right, label in REQUIRED_RIGHTS.items() if not (is_admin and rights.get(right))]


def decline_key(chat_id: int, user_id: int) -> str:
    """The scheduled decline of one person's held join request to one group."""
    return f"{DECLINE_TASK}:{chat_id}:{user_id}"


def grace_key(chat_id: int, user_id: int) -> str:
    """The scheduled removal of one restricted member."""
    return f"{GRACE_TASK}:{chat_id}:{user_id}"


async def status_in(bot: Bot, chat_id: int, user_id: int) -> str:
    """Someone's status in a group now ("left" when Telegram cannot say, e.g. the bot is not there)."""
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except TelegramError as error:
        log.info("cannot look up user %s in chat %s: %s", user_id, chat_id, error)
        return "left"
    if member.status == "restricted" and not getattr(member, "is_member", True):
        return "left"
    return member.status


# -- one person's access to the groups their posts belong in ----------------------


@dataclass(frozen=True)
class GroupAccess:
    """Where a verified person stands with one group their post belongs in, and what Samvad does about it."""

    binding: Binding
    title: str
    outcome: str  # in, lifted, approved, invited, no-link
    link: str | None = None
    new_link: bool = False
    unban: bool = False


async def plan_access(bot: Bot, services: Services, user_id: int, posts: list[Post]) -> list[GroupAccess]:
    """For each bound group the posts belong in: is the person in, waiting, or to be invited (links made now)?"""
    db = services.db
    held = {request.chat_id for request in await membership.held_requests(db, user_id=user_id)}
    gated = {gate.chat_id for gate in await membership.open_gates(db, user_id=user_id)}
    plan = []
    for binding in await roster.all_bindings(db):
        if not any(binding.includes(post) for post in posts):
            continue
        title = await people.group_title(db, binding)
        status = await status_in(bot, binding.chat_id, user_id)
        if status in PRESENT_STATUSES:
            plan.append(GroupAccess(binding, title, "lifted" if binding.chat_id in gated else "in"))
        elif binding.chat_id in held:
            plan.append(GroupAccess(binding, title, "approved"))
        else:
            plan.append(await _invitation(bot, services, binding, title, user_id, posts, banned=status == "kicked"))
    return plan


async def _invitation(
    bot: Bot, services: Services, binding: Binding, title: str, user_id: int, posts: list[Post], *, banned: bool
) -> GroupAccess:
    link = await membership.current_invite_link(services.db, chat_id=binding.chat_id, user_id=user_id)
    if link is not None:
        return GroupAccess(binding, title, "invited", link, unban=banned)
    post = next(post for post in posts if binding.includes(post))
    try:
        created = await bot.create_chat_invite_link(
            binding.chat_id, name=f"Samvad: {post.post_id}"[:INVITE_NAME_LIMIT], creates_join_request=True
        )
    except TelegramError as error:
        log.warning("cannot create an invite link in chat %s: %s", binding.chat_id, error)
        return GroupAccess(binding, title, "no-link")
    return GroupAccess(binding, title, "invited", created.invite_link, new_link=True, unban=banned)


async def write_access(
    tx: Transaction, services: Services, user_id: int, plan: list[GroupAccess], posts: list[Post]
) -> None:
    """Carry out an access plan: lift restrictions, approve held requests, remember new links."""
    now = services.clock.now()
    for access in plan:
        chat_id = access.binding.chat_id
        post_ids = [post.post_id for post in posts if access.binding.includes(post)]
        if access.outcome == "lifted":
            await lift(tx, services, chat_id=chat_id, user_id=user_id, post_ids=post_ids)
            held = ", ".join(post.designation for post in posts if access.binding.includes(post))
            name = await people.display_name(tx, user_id)
            await services.outbox.send_message(
                tx, chat_id, f"✅ {mention(user_id, name)} has verified as {escape(held)} and may post now.",
                purpose=Purpose.MEMBERSHIP_ANNOUNCE_LIFTED_RESTRICTION,
            )
        elif access.outcome == "approved":
            await approve(tx, services, chat_id=chat_id, user_id=user_id, post_ids=post_ids)
        elif access.outcome == "invited" and access.new_link:
            await membership.save_invite_link(
                tx, link=access.link, chat_id=chat_id, user_id=user_id, post_id=post_ids[0], at=now
            )
            await journal.append(tx, kind="membership.invited", chat_id=chat_id, actor_id=user_id, at=now,
                                 body={"post_ids": post_ids, "creates_join_request": True})
        if access.unban:
            await services.outbox.call(tx, "unbanChatMember", {"chat_id": chat_id, "user_id": user_id,
                                       "only_if_banned": True}, purpose=Purpose.MEMBERSHIP_UNBAN_VERIFIED_MEMBER)


def describe_access(plan: list[GroupAccess], unbound: list[str]) -> list[str]:
    """One HTML line per group: where the person stands and what to do."""
    lines = []
    for access in plan:
        title = f"<b>{escape(access.title)}</b>"
        if access.outcome == "in":
            lines.append(f"• {title}: you are in.")
        elif access.outcome == "lifted":
            lines.append(f"• {title}: you are in, and may post again.")
        elif access.outcome == "approved":
            lines.append(f"• {title}: your join request is approved.")
        elif access.outcome == "invited":
            lines.append(f"• {title}: ask to join with {escape(access.link or '')} (Samvad approves you at once).")
        else:
            lines.append(f"• {title}: Samvad cannot make invite links there yet; ask the group's admin to add you.")
    lines += [f"• {escape(label)}: no group is bound yet; you will get an invite when there is one."
              for label in unbound]
    return lines


def unbound_groups_of(posts: list[Post], bindings: list[Binding]) -> list[str]:
    """The groups the posts belong in that no Telegram group is bound to yet, named for people."""
    wanted = []
    for post in posts:
        if post.level == "state" or post.is_collector:
            wanted.append(Binding(0, "state", ""))
        if post.level != "state":
            wanted.append(Binding(0, post.level, post.jurisdiction))
    bound = {(binding.level, binding.jurisdiction) for binding in bindings}
    labels = []
    for binding in wanted:
        if (binding.level, binding.jurisdiction) not in bound and binding.title not in labels:
            labels.append(binding.title)
    return [label[0].upper() + label[1:] for label in labels]


# -- the actions, each journalled ------------------------------------------------------


async def approve(
    tx: Transaction, services: Services, *, chat_id: int, user_id: int, post_ids: list[str], actor_id: int | None = None
) -> None:
    """Approve a join request from a verified person whose post belongs in the group."""
    now = services.clock.now()
    await services.outbox.call(tx, "approveChatJoinRequest", {"chat_id": chat_id, "user_id": user_id},
                               purpose=Purpose.MEMBERSHIP_APPROVE_VERIFIED_MEMBER)
    await membership.settle_join_request(tx, chat_id=chat_id, user_id=user_id, state="approved", at=now)
    await tasks.cancel(tx, decline_key(chat_id, user_id), at=now)
    await journal.append(tx, kind="membership.approved", chat_id=chat_id, actor_id=actor_id, at=now,
                         body={"user_id": user_id, "post_ids": post_ids})


async def decline(tx: Transaction, services: Services, *, chat_id: int, user_id: int, why: str) -> None:
    """Decline a held join request."""
    now = services.clock.now()
    await services.outbox.call(tx, "declineChatJoinRequest", {"chat_id": chat_id, "user_id": user_id},
                               purpose=Purpose.MEMBERSHIP_DECLINE_UNVERIFIED_REQUEST)
    await membership.settle_join_request(tx, chat_id=chat_id, user_id=user_id, state="declined", at=now)
    await journal.append(tx, kind="membership.declined", chat_id=chat_id, at=now,
                         body={"user_id": user_id, "why": why})


async def restrict(
    tx: Transaction, services: Services, *, chat_id: int, user_id: int, reason: str, added_by: int | None
) -> datetime:
    """Stop an unverified member from sending until they verify; returns when they will be removed."""
    now = services.clock.now()
    remove_at = now + services.settings.verification_grace
    await services.outbox.call(
        tx, "restrictChatMember",
        {"chat_id": chat_id, "user_id": user_id, "permissions": NO_SENDING, "use_independent_chat_permissions": True},
        purpose=Purpose.MEMBERSHIP_RESTRICT_UNVERIFIED_MEMBER,
    )
    await membership.open_gate(tx, chat_id=chat_id, user_id=user_id, reason=reason, at=now, remove_at=remove_at)
    await tasks.schedule(tx, kind=GRACE_TASK, payload={"chat_id": chat_id, "user_id": user_id}, due_at=remove_at,
                         dedupe_key=grace_key(chat_id, user_id))
    await journal.append(tx, kind="membership.restricted", chat_id=chat_id, at=now,
                         body={"user_id": user_id, "reason": reason, "added_by": added_by,
                               "remove_at": remove_at.isoformat()})
    return remove_at


async def lift(tx: Transaction, services: Services, *, chat_id: int, user_id: int, post_ids: list[str]) -> None:
    """Let a member who has verified send again."""
    now = services.clock.now()
    await services.outbox.call(
        tx, "restrictChatMember", {"chat_id": chat_id, "user_id": user_id, "permissions": AS_USUAL},
        purpose=Purpose.MEMBERSHIP_LIFT_RESTRICTION_AFTER_VERIFICATION,
    )
    await membership.close_gate(tx, chat_id=chat_id, user_id=user_id, state="lifted", at=now)
    await tasks.cancel(tx, grace_key(chat_id, user_id), at=now)
    await journal.append(tx, kind="membership.lifted", chat_id=chat_id, actor_id=user_id, at=now,
                         body={"user_id": user_id, "post_ids": post_ids})


async def remove(tx: Transaction, services: Services, *, chat_id: int, user_id: int, why: str) -> None:
    """Remove someone from a group without banning them for good (ban, then unban: they may come back)."""
    now = services.clock.now()
    await services.outbox.call(tx, "banChatMember", {"chat_id": chat_id, "user_id": user_id},
                               purpose=Purpose.MEMBERSHIP_REMOVE)
    await services.outbox.call(tx, "unbanChatMember", {"chat_id": chat_id, "user_id": user_id, "only_if_banned": True},
                               purpose=Purpose.MEMBERSHIP_LET_REMOVED_MEMBER_COME_BACK_ONCE_VERIFIED)
    await membership.close_gate(tx, chat_id=chat_id, user_id=user_id, state="removed", at=now)
    await tasks.cancel(tx, grace_key(chat_id, user_id), at=now)
    for link in await membership.revoke_invite_links(tx, chat_id=chat_id, user_id=user_id, at=now):
        await services.outbox.call(tx, "revokeChatInviteLink", {"chat_id": chat_id, "invite_link": link},
                                   purpose=Purpose.MEMBERSHIP_REVOKE_REMOVED_MEMBER_S_INVITE_LINK)
    await membership.save_member_status(tx, chat_id=chat_id, user_id=user_id, status="left", at=now)
    await journal.append(tx, kind="membership.removed", chat_id=chat_id, at=now, body={"user_id": user_id, "why": why})
