"""Admission by official number (circular §2, §6): verification in private, join requests, and Samvad's arrival.

- /start in private offers a button that shares the person's own contact; the number is looked up in the
  roster and the account linked to the post, with invite links to the groups the post belongs in.
- A join request is approved for a verified account whose post belongs; otherwise it is held, the requester
  is asked to verify, and it is declined at the end of the hold.
- When Samvad is added to a group (or its rights change) it says what it needs and how to bind the group.
The actions themselves (approve, decline, ...) and access plans are in `coordination.membership`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from typing import Any

from coordination import people
from coordination.collaborators import Collaborators
from coordination.membership import (
    ADMINISTRATOR,
    Group,
    Person,
    approve,
    decline,
    decline_key,
    describe_access,
    holds_admin_post,
    is_present,
    missing_rights,
    plan_access,
    posts_line,
    remember,
    schedule_reconcile,
    unbound_groups_of,
    write_access,
    DECLINE_TASK,
)
from coordination.people import mention
from runtime.purposes import Purpose
from storage import journal, membership, roster, tasks
from storage.database import Transaction
from storage.phones import InvalidMobileNumber, display_mobile, normalise_mobile
from storage.roster import Binding, Post, Reader
from storage.tasks import Task
from storage.timefmt import for_people

SHARE_BUTTON = "📱 Share my number"
# Bot API ReplyKeyboardMarkup: one button that shares the account's own contact.
SHARE_KEYBOARD: dict[str, Any] = {
    "keyboard": [[{"text": SHARE_BUTTON, "request_contact": True}]],
    "resize_keyboard": True,
    "one_time_keyboard": True,
    "input_field_placeholder": "Press the button to share your number",
}
REMOVE_KEYBOARD: dict[str, Any] = {"remove_keyboard": True}
WHY_VERIFY = (
    "Samvad admits members of the Revenue Department's coordination groups by their official number"
    " (circular ITP/102019/35/H2, §2: the groups are made up \"with their official numbers\"; §6: official"
    " numbers pass to the successor at a transfer)."
)
HOW_TO_VERIFY = (
    f"Press <b>{SHARE_BUTTON}</b> below. Telegram shares the number of this account; Samvad looks it up in the"
    " roster of official numbers and gives you invite links to the groups your post belongs in."
)


# -- verification in private -------------------------------------------------------


async def start(c: Collaborators, person: Person) -> None:
    """Offer the share-contact button, or, for a verified account, where it stands with its groups."""
    user_id = person.user_id
    posts = await roster.posts_of_user(c.db, user_id)
    if not posts:
        async with c.db.transaction() as tx:
            await remember(tx, c, person)
            await c.outbox.send_message(
                tx, user_id, f"{escape(WHY_VERIFY)}\n\n{HOW_TO_VERIFY}", purpose=Purpose.MEMBERSHIP_OFFER_VERIFICATION,
                markup=SHARE_KEYBOARD,
            )
        return
    plan = await plan_access(c, user_id, posts)
    unbound = unbound_groups_of(posts, await roster.all_bindings(c.db))
    async with c.db.transaction() as tx:
        await write_access(tx, c, user_id, plan, posts)
        lines = [f"You are verified as {posts_line(posts)}.", "", "Your groups (§2):"]
        await c.outbox.send_message(
            tx, user_id, "\n".join(lines + describe_access(plan, unbound)), purpose=Purpose.MEMBERSHIP_STATUS
        )


@dataclass(frozen=True)
class ContactShared:
    """A contact card sent to Samvad in private."""

    person: Person
    message_id: int
    contact_user_id: int | None
    phone_number: str
    forwarded: bool = False


async def verify_contact(c: Collaborators, shared: ContactShared) -> None:
    """Verify by a shared contact: only the sender's own, never a forwarded card."""
    if shared.contact_user_id != shared.person.user_id or shared.forwarded:
        await _refuse_contact(c, shared)
        return
    try:
        mobile = normalise_mobile(shared.phone_number)
    except InvalidMobileNumber:
        await _unknown_number(c, shared.person, shared.phone_number.strip(), indian=False)
        return
    post = await roster.post_by_mobile(c.db, mobile)
    if post is None:
        await _unknown_number(c, shared.person, mobile, indian=True)
        return
    await _verified(c, shared.person, post, mobile)


async def _refuse_contact(c: Collaborators, shared: ContactShared) -> None:
    user_id = shared.person.user_id
    why = "a forwarded contact card" if shared.forwarded else "someone else's contact card"
    async with c.db.transaction() as tx:
        await remember(tx, c, shared.person)
        await journal.append(
            tx, kind="membership.verification_refused", chat_id=user_id, actor_id=user_id, at=c.clock.now(),
            body={"why": "forwarded contact" if shared.forwarded else "not the sender's own contact",
                  "contact_user_id": shared.contact_user_id},
        )
        await c.outbox.send_message(
            tx, user_id,
            f"That is {why}. Samvad verifies each person only by the number of their own Telegram account:"
            f" press <b>{SHARE_BUTTON}</b> below (it shares your own number, nobody else's).",
            purpose=Purpose.MEMBERSHIP_REFUSE_CONTACT, reply_to=shared.message_id, markup=SHARE_KEYBOARD,
        )


async def _unknown_number(c: Collaborators, person: Person, mobile: str, *, indian: bool) -> None:
    """Say the number is not an official one, and tell the admins (once per person and number)."""
    user_id = person.user_id
    now = c.clock.now()
    held = await membership.held_requests(c.db, user_id=user_id)
    admins, asked = await _admins_to_tell(c.db, held)
    admins = [admin for admin in dict.fromkeys(admins) if admin != user_id]
    async with c.db.transaction() as tx:
        await remember(tx, c, person)
        first_time = await membership.record_claim(tx, user_id=user_id, mobile=mobile, post_id=None, at=now)
        await journal.append(
            tx, kind="membership.verification_failed", chat_id=user_id, actor_id=user_id, at=now,
            body={"mobile": mobile, "why": "not in the roster" if indian else "not an Indian mobile number",
                  "asked_to_join": [request.chat_id for request in held], "admins_told": admins if first_time else []},
        )
        await c.outbox.send_message(
            tx, user_id, _unknown_number_reply(mobile, told=bool(admins), first_time=first_time),
            purpose=Purpose.MEMBERSHIP_UNKNOWN_NUMBER, markup=REMOVE_KEYBOARD,
        )
        if first_time and admins:
            name = await people.display_name(tx, user_id)
            await people.tell(tx, c.outbox, admins, _unknown_number_alert(user_id, name, mobile, asked),
                              purpose=Purpose.MEMBERSHIP_TELL_ADMINS_UNKNOWN_NUMBER)


def _unknown_number_reply(mobile: str, *, told: bool, first_time: bool) -> str:
    if not told:
        who = " No admin has verified with Samvad yet, so please tell your Collector or Head of Department yourself."
    elif first_time:
        who = " The group admins have been told."
    else:
        who = " The group admins were told when you first tried."
    return (
        f"The number {escape(display_mobile(mobile))} is not in the Revenue Department's roster of official numbers,"
        f" so Samvad cannot admit this account to the coordination groups (§2, §6).{who} If this is your official"
        " number, ask for your post to be added to the roster; once it is, you will get your invite links here."
    )


def _unknown_number_alert(user_id: int, name: str, mobile: str, asked: list[str]) -> str:
    wanted = f" They asked to join: {escape(', '.join(asked))}." if asked else ""
    return (
        f"⚠️ {mention(user_id, name)} tried to verify with {escape(display_mobile(mobile))}, which is not an"
        f" official number in the roster.{wanted} If they hold a post, correct the roster (samvad roster import) or"
        " use /transfer; otherwise nothing needs doing: Samvad will not admit them."
    )


async def _admins_to_tell(db: Reader, held: list[membership.JoinRequest]) -> tuple[list[int], list[str]]:
    """The state admin posts' accounts and those of the groups asked to join; and those groups' titles."""
    admins = await people.state_admin_accounts(db)
    asked = []
    for request in held:
        binding = await roster.binding_of(db, request.chat_id)
        if binding is not None:
            admins += await people.admin_accounts(db, binding)
            asked.append(await people.group_title(db, binding))
    return admins, asked


async def _verified(c: Collaborators, person: Person, post: Post, mobile: str) -> None:
    """Link the account to the post and give it its groups."""
    user_id = person.user_id
    posts = [*(p for p in await roster.posts_of_user(c.db, user_id) if p.post_id != post.post_id), post]
    previous = await roster.account_of_post(c.db, post.post_id)
    plan = await plan_access(c, user_id, posts)
    unbound = unbound_groups_of(posts, await roster.all_bindings(c.db))
    now = c.clock.now()
    async with c.db.transaction() as tx:
        await remember(tx, c, person)
        await membership.record_claim(tx, user_id=user_id, mobile=mobile, post_id=post.post_id, at=now)
        await membership.settle_claims(tx, mobile=mobile, post_id=post.post_id)
        await roster.link_account(tx, post_id=post.post_id, user_id=user_id, mobile=mobile, at=now)
        replaced = previous if previous not in (None, user_id) else None
        await journal.append(
            tx, kind="membership.verified", chat_id=user_id, actor_id=user_id, at=now,
            body={"post_id": post.post_id, "mobile": mobile, "how": "shared own contact", "replaced_account": replaced},
        )
        if replaced is not None:
            await schedule_reconcile(tx, user_id=replaced, reason="another account verified with the post's number",
                                     at=now)
        await write_access(tx, c, user_id, plan, posts)
        lines = [f"✅ Verified: you hold {posts_line([post])}.", ""]
        if plan or unbound:
            lines.append("Your groups (§2):")
        await c.outbox.send_message(
            tx, user_id, "\n".join(lines + describe_access(plan, unbound)),
            purpose=Purpose.MEMBERSHIP_VERIFIED, markup=REMOVE_KEYBOARD,
        )


# -- join requests -------------------------------------------------------------------


@dataclass(frozen=True)
class JoinRequest:
    """Someone asked to join a group (through an invite link that asks, or the group's join button)."""

    group: Group
    person: Person
    user_chat_id: int  # where Samvad may write to the requester
    invite_link: str | None = None


async def request_to_join(c: Collaborators, request: JoinRequest) -> None:
    """Approve a verified account whose post belongs; hold anyone else and ask them to verify."""
    binding = await roster.binding_of(c.db, request.group.chat_id)
    if binding is None or request.person.is_bot:
        return
    user_id = request.person.user_id
    posts = await roster.posts_of_user(c.db, user_id)
    belonging = [post.post_id for post in posts if binding.includes(post)]
    if not belonging and holds_admin_post(posts):
        return  # an admin post of another group: the group's Telegram admins decide
    now = c.clock.now()
    async with c.db.transaction() as tx:
        await remember(tx, c, request.person, request.group)
        if belonging:
            await membership.save_join_request(tx, chat_id=binding.chat_id, user_id=user_id,
                                               invite_link=request.invite_link, state="held", at=now)
            await approve(tx, c, chat_id=binding.chat_id, user_id=user_id, post_ids=belonging)
            return
        await _hold(tx, c, binding, request, posts)


async def _hold(tx: Transaction, c: Collaborators, binding: Binding, request: JoinRequest, posts: list[Post]) -> None:
    """Hold a request until verification (or the end of the hold) and ask the requester to verify."""
    user_id, link = request.person.user_id, request.invite_link
    now = c.clock.now()
    decline_at = now + c.settings.join_request_hold
    await membership.save_join_request(tx, chat_id=binding.chat_id, user_id=user_id, invite_link=link, state="held",
                                       at=now)
    await tasks.schedule(tx, kind=DECLINE_TASK, payload={"chat_id": binding.chat_id, "user_id": user_id},
                         due_at=decline_at, dedupe_key=decline_key(binding.chat_id, user_id))
    await journal.append(tx, kind="membership.held", chat_id=binding.chat_id, at=now,
                         body={"user_id": user_id, "invite_link": link, "decline_at": decline_at.isoformat(),
                               "verified_posts": [post.post_id for post in posts]})
    title = escape(await people.group_title(tx, binding))
    deadline = for_people(decline_at, c.settings.zone)
    if posts:
        text = (f"You asked to join <b>{title}</b>. You are verified as {posts_line(posts)}, which does not belong"
                f" in that group (§2), so your request is held and will be declined on {deadline}. If the roster is"
                " wrong, ask the group's admin to correct it.")
    else:
        text = (f"You asked to join <b>{title}</b>. {escape(WHY_VERIFY)}\n\nYour request is held until {deadline}."
                f" To be admitted, verify now: send /start here and press <b>{SHARE_BUTTON}</b>. If you have not"
                " verified by then, the request is declined.")
    await c.outbox.send_message(tx, request.user_chat_id, text, purpose=Purpose.MEMBERSHIP_ASK_REQUESTER_TO_VERIFY)


async def decline_when_due(c: Collaborators, task: Task) -> None:
    """A request still held at the end of the hold: decline it (or approve, if verified meanwhile)."""
    chat_id, user_id = task.payload["chat_id"], task.payload["user_id"]
    held = [r for r in await membership.held_requests(c.db, chat_id=chat_id) if r.user_id == user_id]
    binding = await roster.binding_of(c.db, chat_id)
    if not held:
        return
    posts = await roster.posts_of_user(c.db, user_id)
    belonging = [post.post_id for post in posts if binding is not None and binding.includes(post)]
    async with c.db.transaction() as tx:
        if belonging:
            await approve(tx, c, chat_id=chat_id, user_id=user_id, post_ids=belonging)
            return
        hours = c.settings.join_request_hold_hours
        await decline(tx, c, chat_id=chat_id, user_id=user_id, why=f"not verified for the group within {hours:g} hours")
        if binding is not None:
            name = await people.display_name(tx, user_id)
            title = escape(await people.group_title(tx, binding))
            await people.tell(
                tx, c.outbox, await people.admin_accounts(tx, binding),
                f"Samvad declined {mention(user_id, name)}'s request to join <b>{title}</b>: they did not"
                f" verify an official number whose post belongs there within {hours:g} hours (§2).",
                purpose=Purpose.MEMBERSHIP_TELL_ADMINS_DECLINED_REQUEST,
            )


# -- Samvad added to a group ----------------------------------------------------------------------


@dataclass(frozen=True)
class BotStanding:
    """Samvad's own membership of a group: its status and its administrator rights."""

    status: str
    is_member: bool = True
    rights: Mapping[str, bool] = field(default_factory=dict)

    @property
    def present(self) -> bool:
        return is_present(self.status, is_member=self.is_member)

    @property
    def missing(self) -> list[str]:
        return missing_rights(self.rights, is_admin=self.status == ADMINISTRATOR)


async def bot_status_changed(c: Collaborators, group: Group, old: BotStanding, new: BotStanding) -> None:
    """When added to a group (or its rights change): say what Samvad needs and how to bind the group."""
    if group.type not in ("group", "supergroup") or not new.present:
        return
    missing = new.missing
    if old.present:
        if old.missing == missing:
            return
        text = _rights_text(missing) if missing else "Thank you: Samvad now has the rights it needs here."
    else:
        text = await _introduction(c, group, missing)
    async with c.db.transaction() as tx:
        await c.outbox.send_message(tx, group.chat_id, text, purpose=Purpose.MEMBERSHIP_WHAT_SAMVAD_NEEDS)


async def _introduction(c: Collaborators, group: Group, missing: list[str]) -> str:
    binding = await roster.binding_of(c.db, group.chat_id)
    lines = [
        "Namaste. Samvad runs the Revenue Department's coordination groups: it admits members by their official"
        " numbers and keeps the official record (circular ITP/102019/35/H2, §2).",
        "",
        "It needs to be an administrator with the rights to <b>invite users via link</b>, <b>ban users</b> (restrict"
        " and remove members) and <b>delete messages</b>.",
    ]
    if missing:
        lines.append(_rights_text(missing))
    if group.type == "group":
        lines.append("Restricting members needs a supergroup: Telegram converts the group when you turn on, e.g.,"
                     " chat history for new members.")
    if binding is None:
        lines += ["", "Then the group's admin post binds it to its level, by sending here one of:",
                  "/bind state", "/bind hod land-records", "/bind hod registration", "/bind district NAME (e.g."
                  " /bind district Kutch)", "Only the admin post of that level can bind: ACS Revenue or Secretary LR"
                  " for the State group, the HoD for an HoD group, the Collector for a District group."]
    return "\n".join(lines)


def _rights_text(missing: list[str]) -> str:
    return f"Samvad is missing these rights here: <b>{escape(', '.join(missing))}</b>. Please grant them."
