"""Membership by official number (circular §2, §6): what Samvad does to people in bound groups.

This module holds the plain inputs every membership rule shares (a person, a group), the actions on a
member (approve, decline, restrict, lift, remove: each owed through the outbox with its journal entry and
the membership state that explains it), where a verified person stands with their groups (access plans,
invite links), the strays (an unverified member restricted on joining and removed after the grace period)
and transfers (after a roster change, access follows the post). Verification and join requests are in
`coordination.admission`; binding groups and the admin posts' listings in `coordination.group_admin`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from html import escape
from typing import Any

from coordination import people
from coordination.collaborators import Collaborators
from coordination.people import mention
from runtime.purposes import Purpose
from storage import chats, journal, membership, roster, tasks
from storage.database import Transaction
from storage.membership import PRESENT_STATUSES
from storage.roster import Binding, Post
from storage.roster_changes import RECONCILE_TASK
from storage.tasks import Task
from storage.timefmt import for_people

# What the bot needs as a group administrator, in the words of Telegram's admin-rights screen.
REQUIRED_RIGHTS: dict[str, str] = {
    "can_invite_users": "invite users via link",
    "can_restrict_members": "ban users (restrict and remove members)",
    "can_delete_messages": "delete messages",
}
DECLINE_TASK = "membership.decline_request"
GRACE_TASK = "membership.grace_expiry"
INVITE_NAME_LIMIT = 32
_SENDING_RIGHTS = (
    "can_add_web_page_previews", "can_change_info", "can_edit_tag", "can_invite_users", "can_manage_topics",
    "can_pin_messages", "can_react_to_messages", "can_send_audios", "can_send_documents", "can_send_messages",
    "can_send_other_messages", "can_send_photos", "can_send_polls", "can_send_video_notes", "can_send_videos",
    "can_send_voice_notes",
)
# Bot API ChatPermissions: every right off (restricted until verified), every right on (as usual).
NO_SENDING: dict[str, bool] = dict.fromkeys(_SENDING_RIGHTS, False)
AS_USUAL: dict[str, bool] = dict.fromkeys(_SENDING_RIGHTS, True)
OWNER, ADMINISTRATOR, MEMBER, RESTRICTED, LEFT, BANNED = (
    "creator", "administrator", "member", "restricted", "left", "kicked"
)


# -- plain inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A Telegram account as an update describes it."""

    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    language_code: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name


@dataclass(frozen=True)
class Group:
    """A chat as an update describes it."""

    chat_id: int
    type: str
    title: str | None = None
    username: str | None = None


async def remember(tx: Transaction, c: Collaborators, person: Person | None, group: Group | None = None) -> None:
    """Refresh what is known of the chat and the person acting in it."""
    now = c.clock.now()
    if group is not None:
        await chats.save_chat(tx, chat_id=group.chat_id, type=group.type, title=group.title,
                              username=group.username, at=now)
    if person is not None:
        await chats.save_user(
            tx, user_id=person.user_id, is_bot=person.is_bot, first_name=person.first_name,
            last_name=person.last_name, username=person.username, language_code=person.language_code, at=now,
        )


def is_present(status: str, *, is_member: bool = True) -> bool:
    """Whether a status means someone is in the group (a restricted account may have left)."""
    return status in PRESENT_STATUSES and (status != RESTRICTED or is_member)


def missing_rights(rights: Mapping[str, bool], *, is_admin: bool) -> list[str]:
    """The rights Samvad lacks in a group, as people call them."""
    return [label for right, label in REQUIRED_RIGHTS.items() if not (is_admin and rights.get(right))]


def decline_key(chat_id: int, user_id: int) -> str:
    """The scheduled decline of one person's held join request to one group."""
    return f"{DECLINE_TASK}:{chat_id}:{user_id}"


def grace_key(chat_id: int, user_id: int) -> str:
    """The scheduled removal of one restricted member."""
    return f"{GRACE_TASK}:{chat_id}:{user_id}"


def holds_admin_post(posts: list[Post]) -> bool:
    """Admin posts are left alone by gating in every group (circular §2 puts them over the groups)."""
    return any(post.is_admin for post in posts)


def posts_line(posts: list[Post]) -> str:
    """Posts as one HTML line: designation, place and post id."""
    return "; ".join(f"<b>{escape(post.designation)}</b> ({escape(_place(post))}, post {escape(post.post_id)})"
                     for post in posts)


def _place(post: Post) -> str:
    if post.level == "district":
        return f"District {post.jurisdiction}"
    if post.level == "hod":
        return f"HoD {post.jurisdiction}"
    return post.jurisdiction or "State"


# -- one person's access to the groups their posts belong in ----------------------


class AccessOutcome(StrEnum):
    """Where a verified person stands with one of their groups."""

    IN = "in"
    LIFTED = "lifted"
    APPROVED = "approved"
    INVITED = "invited"
    NO_LINK = "no-link"


@dataclass(frozen=True)
class GroupAccess:
    """Where a verified person stands with one group their post belongs in, and what Samvad does about it."""

    binding: Binding
    title: str
    outcome: AccessOutcome
    link: str | None = None
    new_link: bool = False
    unban: bool = False


async def plan_access(c: Collaborators, user_id: int, posts: list[Post]) -> list[GroupAccess]:
    """For each bound group the posts belong in: is the person in, waiting, or to be invited (links made now)?"""
    db = c.db
    held = {request.chat_id for request in await membership.held_requests(db, user_id=user_id)}
    gated = {gate.chat_id for gate in await membership.open_gates(db, user_id=user_id)}
    plan = []
    for binding in await roster.all_bindings(db):
        if not any(binding.includes(post) for post in posts):
            continue
        title = await people.group_title(db, binding)
        status = await c.telegram.member_status(binding.chat_id, user_id)
        if status in PRESENT_STATUSES:
            outcome = AccessOutcome.LIFTED if binding.chat_id in gated else AccessOutcome.IN
            plan.append(GroupAccess(binding, title, outcome))
        elif binding.chat_id in held:
            plan.append(GroupAccess(binding, title, AccessOutcome.APPROVED))
        else:
            plan.append(await _invitation(c, binding, title, user_id, posts, banned=status == BANNED))
    return plan


async def _invitation(
    c: Collaborators, binding: Binding, title: str, user_id: int, posts: list[Post], *, banned: bool
) -> GroupAccess:
    link = await membership.current_invite_link(c.db, chat_id=binding.chat_id, user_id=user_id)
    if link is not None:
        return GroupAccess(binding, title, AccessOutcome.INVITED, link, unban=banned)
    post = next(post for post in posts if binding.includes(post))
    created = await c.telegram.create_invite_link(binding.chat_id, f"Samvad: {post.post_id}"[:INVITE_NAME_LIMIT])
    if created is None:
        return GroupAccess(binding, title, AccessOutcome.NO_LINK)
    return GroupAccess(binding, title, AccessOutcome.INVITED, created, new_link=True, unban=banned)


async def write_access(
    tx: Transaction, c: Collaborators, user_id: int, plan: list[GroupAccess], posts: list[Post]
) -> None:
    """Carry out an access plan: lift restrictions, approve held requests, remember new links."""
    now = c.clock.now()
    for access in plan:
        chat_id = access.binding.chat_id
        post_ids = [post.post_id for post in posts if access.binding.includes(post)]
        if access.outcome == AccessOutcome.LIFTED:
            await lift(tx, c, chat_id=chat_id, user_id=user_id, post_ids=post_ids)
            held = ", ".join(post.designation for post in posts if access.binding.includes(post))
            name = await people.display_name(tx, user_id)
            await c.outbox.send_message(
                tx, chat_id, f"✅ {mention(user_id, name)} has verified as {escape(held)} and may post now.",
                purpose=Purpose.MEMBERSHIP_ANNOUNCE_LIFTED_RESTRICTION,
            )
        elif access.outcome == AccessOutcome.APPROVED:
            await approve(tx, c, chat_id=chat_id, user_id=user_id, post_ids=post_ids)
        elif access.outcome == AccessOutcome.INVITED and access.new_link:
            assert access.link is not None  # a new link is always a link
            await membership.save_invite_link(
                tx, link=access.link, chat_id=chat_id, user_id=user_id, post_id=post_ids[0], at=now
            )
            await journal.append(tx, kind="membership.invited", chat_id=chat_id, actor_id=user_id, at=now,
                                 body={"post_ids": post_ids, "creates_join_request": True})
        if access.unban:
            await c.outbox.call(tx, "unbanChatMember", {"chat_id": chat_id, "user_id": user_id,
                                "only_if_banned": True}, purpose=Purpose.MEMBERSHIP_UNBAN_VERIFIED_MEMBER)


def describe_access(plan: list[GroupAccess], unbound: list[str]) -> list[str]:
    """One HTML line per group: where the person stands and what to do."""
    lines = []
    for access in plan:
        title = f"<b>{escape(access.title)}</b>"
        if access.outcome == AccessOutcome.IN:
            lines.append(f"• {title}: you are in.")
        elif access.outcome == AccessOutcome.LIFTED:
            lines.append(f"• {title}: you are in, and may post again.")
        elif access.outcome == AccessOutcome.APPROVED:
            lines.append(f"• {title}: your join request is approved.")
        elif access.outcome == AccessOutcome.INVITED:
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
    labels: list[str] = []
    for binding in wanted:
        if (binding.level, binding.jurisdiction) not in bound and binding.title not in labels:
            labels.append(binding.title)
    return [label[0].upper() + label[1:] for label in labels]


# -- the actions, each journalled ------------------------------------------------------


async def approve(
    tx: Transaction, c: Collaborators, *, chat_id: int, user_id: int, post_ids: list[str], actor_id: int | None = None
) -> None:
    """Approve a join request from a verified person whose post belongs in the group."""
    now = c.clock.now()
    await c.outbox.call(tx, "approveChatJoinRequest", {"chat_id": chat_id, "user_id": user_id},
                        purpose=Purpose.MEMBERSHIP_APPROVE_VERIFIED_MEMBER)
    await membership.settle_join_request(tx, chat_id=chat_id, user_id=user_id, state="approved", at=now)
    await tasks.cancel(tx, decline_key(chat_id, user_id), at=now)
    await journal.append(tx, kind="membership.approved", chat_id=chat_id, actor_id=actor_id, at=now,
                         body={"user_id": user_id, "post_ids": post_ids})


async def decline(tx: Transaction, c: Collaborators, *, chat_id: int, user_id: int, why: str) -> None:
    """Decline a held join request."""
    now = c.clock.now()
    await c.outbox.call(tx, "declineChatJoinRequest", {"chat_id": chat_id, "user_id": user_id},
                        purpose=Purpose.MEMBERSHIP_DECLINE_UNVERIFIED_REQUEST)
    await membership.settle_join_request(tx, chat_id=chat_id, user_id=user_id, state="declined", at=now)
    await journal.append(tx, kind="membership.declined", chat_id=chat_id, at=now,
                         body={"user_id": user_id, "why": why})


async def restrict(
    tx: Transaction, c: Collaborators, *, chat_id: int, user_id: int, reason: str, added_by: int | None
) -> datetime:
    """Stop an unverified member from sending until they verify; returns when they will be removed."""
    now = c.clock.now()
    remove_at = now + c.settings.verification_grace
    await c.outbox.call(
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


async def lift(tx: Transaction, c: Collaborators, *, chat_id: int, user_id: int, post_ids: list[str]) -> None:
    """Let a member who has verified send again."""
    now = c.clock.now()
    await c.outbox.call(
        tx, "restrictChatMember", {"chat_id": chat_id, "user_id": user_id, "permissions": AS_USUAL},
        purpose=Purpose.MEMBERSHIP_LIFT_RESTRICTION_AFTER_VERIFICATION,
    )
    await membership.close_gate(tx, chat_id=chat_id, user_id=user_id, state="lifted", at=now)
    await tasks.cancel(tx, grace_key(chat_id, user_id), at=now)
    await journal.append(tx, kind="membership.lifted", chat_id=chat_id, actor_id=user_id, at=now,
                         body={"user_id": user_id, "post_ids": post_ids})


async def remove(tx: Transaction, c: Collaborators, *, chat_id: int, user_id: int, why: str) -> None:
    """Remove someone from a group without banning them for good (ban, then unban: they may come back)."""
    now = c.clock.now()
    await c.outbox.call(tx, "banChatMember", {"chat_id": chat_id, "user_id": user_id},
                        purpose=Purpose.MEMBERSHIP_REMOVE)
    await c.outbox.call(tx, "unbanChatMember", {"chat_id": chat_id, "user_id": user_id, "only_if_banned": True},
                        purpose=Purpose.MEMBERSHIP_LET_REMOVED_MEMBER_COME_BACK_ONCE_VERIFIED)
    await membership.close_gate(tx, chat_id=chat_id, user_id=user_id, state="removed", at=now)
    await tasks.cancel(tx, grace_key(chat_id, user_id), at=now)
    for link in await membership.revoke_invite_links(tx, chat_id=chat_id, user_id=user_id, at=now):
        await c.outbox.call(tx, "revokeChatInviteLink", {"chat_id": chat_id, "invite_link": link},
                            purpose=Purpose.MEMBERSHIP_REVOKE_REMOVED_MEMBER_S_INVITE_LINK)
    await membership.save_member_status(tx, chat_id=chat_id, user_id=user_id, status=LEFT, at=now)
    await journal.append(tx, kind="membership.removed", chat_id=chat_id, at=now, body={"user_id": user_id, "why": why})


# -- strays: members who joined unverified -----------------------------------------------------


@dataclass(frozen=True)
class MemberChange:
    """Someone's status in a group changed (joined, left, was restricted or promoted)."""

    group: Group
    person: Person
    changed_by: Person
    old_status: str
    new_status: str
    old_is_member: bool = True
    new_is_member: bool = True
    bot_username: str | None = None  # how the newcomer reaches Samvad in private


async def member_changed(c: Collaborators, change: MemberChange) -> None:
    """Keep members' statuses; restrict someone who joined without being verified for the group."""
    chat_id, user = change.group.chat_id, change.person
    present = is_present(change.new_status, is_member=change.new_is_member)
    joined = change.old_status not in PRESENT_STATUSES and present
    binding = await roster.binding_of(c.db, chat_id)
    gate = joined and binding is not None and not await _left_alone(c, binding, change)
    now = c.clock.now()
    async with c.db.transaction() as tx:
        await remember(tx, c, user, change.group)
        status = change.new_status if present or change.new_status == BANNED else LEFT
        await membership.save_member_status(tx, chat_id=chat_id, user_id=user.user_id, status=status, at=now)
        if not present:
            if await membership.close_gate(tx, chat_id=chat_id, user_id=user.user_id, state="left", at=now):
                await tasks.cancel(tx, grace_key(chat_id, user.user_id), at=now)
            return
        if joined and await membership.settle_join_request(tx, chat_id=chat_id, user_id=user.user_id,
                                                            state="gone", at=now):
            await tasks.cancel(tx, decline_key(chat_id, user.user_id), at=now)  # in by another way
        if gate and binding is not None:
            await _restrict_newcomer(tx, c, binding, change)


async def _left_alone(c: Collaborators, binding: Binding, change: MemberChange) -> bool:
    """Whether gating leaves a newcomer be: a bot, a Telegram owner or admin, a verified member, an admin post."""
    if change.person.is_bot or change.new_status in (OWNER, ADMINISTRATOR):
        return True
    posts = await roster.posts_of_user(c.db, change.person.user_id)
    return any(binding.includes(post) for post in posts) or holds_admin_post(posts)


async def _restrict_newcomer(tx: Transaction, c: Collaborators, binding: Binding, change: MemberChange) -> None:
    """Restrict someone who joined unverified, and ask them in the group to verify."""
    user = change.person
    posts = await roster.posts_of_user(tx, user.user_id)
    reason = "post-elsewhere" if posts else "unverified"
    added_by = change.changed_by.user_id
    remove_at = await restrict(tx, c, chat_id=binding.chat_id, user_id=user.user_id, reason=reason,
                               added_by=added_by if added_by != user.user_id else None)
    who = mention(user.user_id, user.full_name)
    deadline = for_people(remove_at, c.settings.zone)
    bot_link = f"@{escape(change.bot_username)}" if change.bot_username else "Samvad"
    if posts:
        text = (f"{who}, you are verified as {posts_line(posts)}, which does not belong in this group (§2). You"
                f" cannot post here, and will be removed on {deadline} unless the roster is corrected.")
    else:
        text = (f"{who}, welcome. This group admits members by their official number (§2). Please open a private"
                f" chat with {bot_link}, send /start and share your number. Until then you cannot post here;"
                f" if you have not verified by {deadline} you will be removed (you may rejoin once verified).")
    await c.outbox.send_message(tx, binding.chat_id, text, purpose=Purpose.MEMBERSHIP_ASK_NEWCOMER_TO_VERIFY)


async def remove_when_due(c: Collaborators, task: Task) -> None:
    """The grace period is over: remove a member still restricted and unverified (or lift, if verified since)."""
    chat_id, user_id = task.payload["chat_id"], task.payload["user_id"]
    gates = await membership.open_gates(c.db, chat_id=chat_id, user_id=user_id)
    if not gates:
        return
    binding = await roster.binding_of(c.db, chat_id)
    if binding is not None and await roster.is_entitled(c.db, chat_id, user_id):
        posts = await roster.posts_of_user(c.db, user_id)
        async with c.db.transaction() as tx:
            await lift(tx, c, chat_id=chat_id, user_id=user_id,
                       post_ids=[post.post_id for post in posts if binding.includes(post)])
        return
    hours = c.settings.verification_grace_hours
    async with c.db.transaction() as tx:
        name = await people.display_name(tx, user_id)
        await remove(tx, c, chat_id=chat_id, user_id=user_id, why=f"not verified for the group within {hours:g} hours")
        await c.outbox.send_message(
            tx, chat_id,
            f"{mention(user_id, name)} was removed: not verified with an official number whose post belongs"
            f" here within {hours:g} hours (§2). They may rejoin once verified.",
            purpose=Purpose.MEMBERSHIP_ANNOUNCE_REMOVAL,
        )


# -- transfers: access follows the post -------------------------------------------------------


async def reconcile(c: Collaborators, task: Task) -> None:
    """After a roster change: take an account out of groups it no longer belongs in, invite it to new ones."""
    payload: dict[str, Any] = task.payload
    user_id = payload["user_id"]
    posts = await roster.posts_of_user(c.db, user_id)
    entitled = {binding.chat_id for binding in await roster.entitled_groups(c.db, user_id)}
    leaving = []
    for binding in await roster.all_bindings(c.db):
        if binding.chat_id in entitled or holds_admin_post(posts):
            continue
        if await c.telegram.member_status(binding.chat_id, user_id) in (MEMBER, RESTRICTED):
            leaving.append(binding)
    plan = await plan_access(c, user_id, posts)
    # After a bind, the member hears of that group even if already in it: she was told no group was bound yet.
    bound = payload.get("bound_chat_id")
    news = [item for item in plan
            if item.outcome in (AccessOutcome.LIFTED, AccessOutcome.APPROVED) or item.new_link
            or item.binding.chat_id == bound]
    async with c.db.transaction() as tx:
        removed = []
        for binding in leaving:
            await remove(tx, c, chat_id=binding.chat_id, user_id=user_id,
                         why=f"{payload.get('reason', 'roster change')}: holds no post that belongs here")
            removed.append(await people.group_title(tx, binding))
        await write_access(tx, c, user_id, plan, posts)
        if removed or news:
            bound_title = next((item.binding.title for item in news if item.binding.chat_id == bound), None)
            await c.outbox.send_message(tx, user_id, _reconcile_text(posts, removed, news, bound_title),
                                        purpose=Purpose.MEMBERSHIP_ACCESS_CHANGED)


def _reconcile_text(
    posts: list[Post], removed: list[str], news: list[GroupAccess], bound_title: str | None = None
) -> str:
    if bound_title is not None and not removed:
        lines = [f"{escape(bound_title[0].upper() + bound_title[1:])} is now bound to its Telegram group (§2)."]
    else:
        lines = ["Your access to the coordination groups has changed after a roster update (§6: an official number"
                 " passes with its post)."]
    if removed:
        lines.append("")
        lines.append("Removed from: " + escape(", ".join(removed)) + " (your account holds no post that belongs"
                     " there now).")
    if posts:
        lines += ["", f"You hold {posts_line(posts)}."]
    else:
        lines += ["", "Your account holds no post in the roster now."]
    if news:
        lines += ["", "Your groups (§2):", *describe_access(news, [])]
    return "\n".join(lines)


async def schedule_reconcile(
    tx: Transaction, *, user_id: int, reason: str, at: datetime, bound_chat_id: int | None = None,
    dedupe_key: str | None = None,
) -> None:
    """Owe a reconciliation of one account's groups (the scheduler runs it at `at`)."""
    payload: dict[str, Any] = {"user_id": user_id, "reason": reason}
    if bound_chat_id is not None:
        payload["bound_chat_id"] = bound_chat_id
    await tasks.schedule(tx, kind=RECONCILE_TASK, payload=payload, due_at=at, dedupe_key=dedupe_key)
