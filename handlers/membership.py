"""Membership by official number: verification in private, gating of joins, and their deadlines (circular §2, §6).

- /start in private offers a button that shares the person's own contact; the number
  is looked up in the roster and the account linked to the post, with invite links
  to the groups the post belongs in.
- A join request is approved for a verified account whose post belongs; otherwise it
  is held, the requester is asked to verify, and it is declined after the hold.
- Someone who joins without being verified for the group is restricted, asked to
  verify, and removed after the grace period (ban then unban, so they can come back).
"""

from __future__ import annotations

from html import escape

from telegram import (
    ChatMember,
    ChatMemberUpdated,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
    User,
)
from telegram.ext import ChatJoinRequestHandler, ChatMemberHandler, CommandHandler, MessageHandler, filters

from runtime.context import SamvadContext
from handlers import access
from handlers.feature import Audience, Command, Feature, Stage
from handlers.recording import save_chat_and_sender
from storage import chats, journal, membership, roster, tasks
from storage.membership import PRESENT_STATUSES
from storage.phones import InvalidMobileNumber, display_mobile, normalise_mobile
from storage.database import Transaction
from storage.roster import Binding, Post, Reader
from storage.roster_changes import RECONCILE_TASK
from storage.tasks import Task
from runtime.purposes import Purpose
from storage.timefmt import for_people
from coordination import people
from coordination.people import mention

START = Command(
    "start", "Verify your official number and get invite links to your groups", frozenset({Audience.PRIVATE})
)
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
SHARE_BUTTON = "📱 Share my number"
SHARE_KEYBOARD = ReplyKeyboardMarkup(
    [[KeyboardButton(SHARE_BUTTON, request_contact=True)]],
    resize_keyboard=True,
    one_time_keyboard=True,
    input_field_placeholder="Press the button to share your number",
)
WHY_VERIFY = (
    "Samvad admits members of the Revenue Department's coordination groups by their official number"
    " (circular ITP/102019/35/H2, §2: the groups are made up \"with their official numbers\"; §6: official"
    " numbers pass to the successor at a transfer)."
)
HOW_TO_VERIFY = (
    f"Press <b>{SHARE_BUTTON}</b> below. Telegram shares the number of this account; Samvad looks it up in the"
    " roster of official numbers and gives you invite links to the groups your post belongs in."
)


def feature() -> Feature:
    """The membership feature: verification, join gating and their deadlines."""
    return Feature(
        name="membership",
        handlers=[
            (Stage.GATE, ChatJoinRequestHandler(on_join_request)),
            (Stage.GATE, ChatMemberHandler(on_member_change, ChatMemberHandler.CHAT_MEMBER)),
            (Stage.GATE, ChatMemberHandler(on_bot_status, ChatMemberHandler.MY_CHAT_MEMBER)),
            (Stage.COMMAND, CommandHandler("start", start, filters=PRIVATE)),
            (Stage.COMMAND, MessageHandler(PRIVATE & filters.CONTACT, on_contact)),
        ],
        tasks={
            access.DECLINE_TASK: decline_when_due,
            access.GRACE_TASK: remove_when_due,
            RECONCILE_TASK: reconcile,
        },
        commands=[START],
    )


# -- verification in private -------------------------------------------------------


async def start(update: Update, context: SamvadContext) -> None:
    """Offer the share-contact button, or, for a verified account, where it stands with its groups."""
    services = context.services
    user = update.effective_user
    posts = await roster.posts_of_user(services.db, user.id)
    if not posts:
        async with services.db.transaction() as tx:
            await _save_user(tx, user, context)
            await services.outbox.send_message(
                tx, user.id, f"{escape(WHY_VERIFY)}\n\n{HOW_TO_VERIFY}", purpose=Purpose.MEMBERSHIP_OFFER_VERIFICATION,
                markup=SHARE_KEYBOARD.to_dict(),
            )
        return
    plan = await access.plan_access(context.bot, services, user.id, posts)
    unbound = access.unbound_groups_of(posts, await roster.all_bindings(services.db))
    async with services.db.transaction() as tx:
        await access.write_access(tx, services, user.id, plan, posts)
        lines = [f"You are verified as {_posts_line(posts)}.", "", "Your groups (§2):"]
        await services.outbox.send_message(
            tx, user.id, "\n".join(lines + access.describe_access(plan, unbound)), purpose=Purpose.MEMBERSHIP_STATUS
        )


async def on_contact(update: Update, context: SamvadContext) -> None:
    """Verify by a shared contact: only the sender's own, never a forwarded card."""
    message = update.effective_message
    contact = message.contact
    user = update.effective_user
    if contact.user_id != user.id or message.forward_origin is not None:
        await _refuse_contact(message, user, context)
        return
    try:
        mobile = normalise_mobile(contact.phone_number)
    except InvalidMobileNumber:
        await _unknown_number(user, contact.phone_number.strip(), context, indian=False)
        return
    post = await roster.post_by_mobile(context.services.db, mobile)
    if post is None:
        await _unknown_number(user, mobile, context, indian=True)
        return
    await _verified(user, post, mobile, context)


async def _refuse_contact(message: Message, user: User, context: SamvadContext) -> None:
    services = context.services
    forwarded = message.forward_origin is not None
    why = "a forwarded contact card" if forwarded else "someone else's contact card"
    async with services.db.transaction() as tx:
        await _save_user(tx, user, context)
        await journal.append(
            tx, kind="membership.verification_refused", chat_id=user.id, actor_id=user.id, at=services.clock.now(),
            body={"why": "forwarded contact" if forwarded else "not the sender's own contact",
                  "contact_user_id": message.contact.user_id},
        )
        await services.outbox.send_message(
            tx, user.id,
            f"That is {why}. Samvad verifies each person only by the number of their own Telegram account:"
            f" press <b>{SHARE_BUTTON}</b> below (it shares your own number, nobody else's).",
            purpose=Purpose.MEMBERSHIP_REFUSE_CONTACT, reply_to=message.message_id, markup=SHARE_KEYBOARD.to_dict(),
        )


async def _unknown_number(user: User, mobile: str, context: SamvadContext, *, indian: bool) -> None:
    """Say the number is not an official one, and tell the admins (once per person and number)."""
    services = context.services
    now = services.clock.now()
    held = await membership.held_requests(services.db, user_id=user.id)
    admins, asked = await _admins_to_tell(services.db, held)
    admins = [admin for admin in dict.fromkeys(admins) if admin != user.id]
    async with services.db.transaction() as tx:
        await _save_user(tx, user, context)
        first_time = await membership.record_claim(tx, user_id=user.id, mobile=mobile, post_id=None, at=now)
        await journal.append(
            tx, kind="membership.verification_failed", chat_id=user.id, actor_id=user.id, at=now,
            body={"mobile": mobile, "why": "not in the roster" if indian else "not an Indian mobile number",
                  "asked_to_join": [request.chat_id for request in held], "admins_told": admins if first_time else []},
        )
        await services.outbox.send_message(
            tx, user.id, _unknown_number_reply(mobile, told=bool(admins), first_time=first_time),
            purpose=Purpose.MEMBERSHIP_UNKNOWN_NUMBER, markup=ReplyKeyboardRemove().to_dict(),
        )
        if first_time and admins:
            name = await people.display_name(tx, user.id)
            await people.tell(tx, services.outbox, admins, _unknown_number_alert(user.id, name, mobile, asked),
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


async def _verified(user: User, post: Post, mobile: str, context: SamvadContext) -> None:
    """Link the account to the post and give it its groups."""
    services = context.services
    posts = [*(p for p in await roster.posts_of_user(services.db, user.id) if p.post_id != post.post_id), post]
    previous = await roster.account_of_post(services.db, post.post_id)
    plan = await access.plan_access(context.bot, services, user.id, posts)
    unbound = access.unbound_groups_of(posts, await roster.all_bindings(services.db))
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await _save_user(tx, user, context)
        await membership.record_claim(tx, user_id=user.id, mobile=mobile, post_id=post.post_id, at=now)
        await membership.settle_claims(tx, mobile=mobile, post_id=post.post_id)
        await roster.link_account(tx, post_id=post.post_id, user_id=user.id, mobile=mobile, at=now)
        replaced = previous if previous not in (None, user.id) else None
        await journal.append(
            tx, kind="membership.verified", chat_id=user.id, actor_id=user.id, at=now,
            body={"post_id": post.post_id, "mobile": mobile, "how": "shared own contact", "replaced_account": replaced},
        )
        if replaced is not None:
            await tasks.schedule(tx, kind=RECONCILE_TASK, payload={"user_id": replaced, "reason": "another account"
                                 " verified with the post's number"}, due_at=now)
        await access.write_access(tx, services, user.id, plan, posts)
        lines = [f"✅ Verified: you hold {_posts_line([post])}.", ""]
        if plan or unbound:
            lines.append("Your groups (§2):")
        await services.outbox.send_message(
            tx, user.id, "\n".join(lines + access.describe_access(plan, unbound)),
            purpose=Purpose.MEMBERSHIP_VERIFIED, markup=ReplyKeyboardRemove().to_dict(),
        )


def _posts_line(posts: list[Post]) -> str:
    return "; ".join(f"<b>{escape(post.designation)}</b> ({escape(_place(post))}, post {escape(post.post_id)})"
                     for post in posts)


def _place(post: Post) -> str:
    if post.level == "district":
        return f"District {post.jurisdiction}"
    if post.level == "hod":
        return f"HoD {post.jurisdiction}"
    return post.jurisdiction or "State"


# -- gating of joins -------------------------------------------------------------------


async def on_join_request(update: Update, context: SamvadContext) -> None:
    """Approve a verified account whose post belongs; hold anyone else and ask them to verify."""
    request = update.chat_join_request
    services = context.services
    binding = await roster.binding_of(services.db, request.chat.id)
    if binding is None or request.from_user.is_bot:
        return
    user = request.from_user
    posts = await roster.posts_of_user(services.db, user.id)
    belonging = [post.post_id for post in posts if binding.includes(post)]
    if not belonging and holds_admin_post(posts):
        return  # an admin post of another group: the group's Telegram admins decide
    link = request.invite_link.invite_link if request.invite_link else None
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, request.chat, user, context)
        if belonging:
            await membership.save_join_request(tx, chat_id=binding.chat_id, user_id=user.id, invite_link=link,
                                               state="held", at=now)
            await access.approve(tx, services, chat_id=binding.chat_id, user_id=user.id, post_ids=belonging)
            return
        await _hold(tx, context, binding, user, request.user_chat_id, link, posts)


async def _hold(
    tx: Transaction, context: SamvadContext, binding: Binding, user: User, user_chat_id: int, link: str | None,
    posts: list[Post],
) -> None:
    """Hold a request until verification (or the end of the hold) and ask the requester to verify."""
    services = context.services
    now = services.clock.now()
    decline_at = now + services.settings.join_request_hold
    await membership.save_join_request(tx, chat_id=binding.chat_id, user_id=user.id, invite_link=link, state="held",
                                       at=now)
    await tasks.schedule(tx, kind=access.DECLINE_TASK, payload={"chat_id": binding.chat_id, "user_id": user.id},
                         due_at=decline_at, dedupe_key=access.decline_key(binding.chat_id, user.id))
    await journal.append(tx, kind="membership.held", chat_id=binding.chat_id, at=now,
                         body={"user_id": user.id, "invite_link": link, "decline_at": decline_at.isoformat(),
                               "verified_posts": [post.post_id for post in posts]})
    title = escape(await people.group_title(tx, binding))
    deadline = for_people(decline_at, services.settings.zone)
    if posts:
        text = (f"You asked to join <b>{title}</b>. You are verified as {_posts_line(posts)}, which does not belong"
                f" in that group (§2), so your request is held and will be declined on {deadline}. If the roster is"
                " wrong, ask the group's admin to correct it.")
    else:
        text = (f"You asked to join <b>{title}</b>. {escape(WHY_VERIFY)}\n\nYour request is held until {deadline}."
                f" To be admitted, verify now: send /start here and press <b>{SHARE_BUTTON}</b>. If you have not"
                " verified by then, the request is declined.")
    await services.outbox.send_message(tx, user_chat_id, text, purpose=Purpose.MEMBERSHIP_ASK_REQUESTER_TO_VERIFY)


async def on_member_change(update: Update, context: SamvadContext) -> None:
    """Keep members' statuses; restrict someone who joined without being verified for the group."""
    change: ChatMemberUpdated = update.chat_member
    services = context.services
    member = change.new_chat_member
    user = member.user
    joined = change.old_chat_member.status not in PRESENT_STATUSES and _present(member)
    binding = await roster.binding_of(services.db, change.chat.id)
    gate = joined and binding is not None and not await _left_alone(services.db, binding, member)
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, change.chat, user, context)
        status = member.status if _present(member) or member.status == ChatMember.BANNED else ChatMember.LEFT
        await membership.save_member_status(tx, chat_id=change.chat.id, user_id=user.id, status=status, at=now)
        if not _present(member):
            if await membership.close_gate(tx, chat_id=change.chat.id, user_id=user.id, state="left", at=now):
                await tasks.cancel(tx, access.grace_key(change.chat.id, user.id), at=now)
            return
        if joined and await membership.settle_join_request(tx, chat_id=change.chat.id, user_id=user.id,
                                                            state="gone", at=now):
            await tasks.cancel(tx, access.decline_key(change.chat.id, user.id), at=now)  # in by another way
        if gate:
            await _restrict_newcomer(tx, context, binding, user, added_by=change.from_user.id)


async def _left_alone(db: Reader, binding: Binding, member: ChatMember) -> bool:
    """Whether gating leaves a newcomer be: a bot, a Telegram owner or admin, a verified member, an admin post."""
    if member.user.is_bot or member.status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR):
        return True
    posts = await roster.posts_of_user(db, member.user.id)
    return any(binding.includes(post) for post in posts) or holds_admin_post(posts)


def holds_admin_post(posts: list[Post]) -> bool:
    """Admin posts are left alone by gating in every group (circular §2 puts them over the groups)."""
    return any(post.is_admin for post in posts)


async def _restrict_newcomer(
    tx: Transaction, context: SamvadContext, binding: Binding, user: User, *, added_by: int
) -> None:
    """Restrict someone who joined unverified, and ask them in the group to verify."""
    services = context.services
    posts = await roster.posts_of_user(tx, user.id)
    reason = "post-elsewhere" if posts else "unverified"
    remove_at = await access.restrict(tx, services, chat_id=binding.chat_id, user_id=user.id, reason=reason,
                                      added_by=added_by if added_by != user.id else None)
    who = mention(user.id, user.full_name)
    deadline = for_people(remove_at, services.settings.zone)
    bot_link = f"@{escape(context.bot.username)}" if context.bot.username else "Samvad"
    if posts:
        text = (f"{who}, you are verified as {_posts_line(posts)}, which does not belong in this group (§2). You"
                f" cannot post here, and will be removed on {deadline} unless the roster is corrected.")
    else:
        text = (f"{who}, welcome. This group admits members by their official number (§2). Please open a private"
                f" chat with {bot_link}, send /start and share your number. Until then you cannot post here;"
                f" if you have not verified by {deadline} you will be removed (you may rejoin once verified).")
    await services.outbox.send_message(tx, binding.chat_id, text, purpose=Purpose.MEMBERSHIP_ASK_NEWCOMER_TO_VERIFY)


def _present(member: ChatMember) -> bool:
    return member.status in PRESENT_STATUSES and (member.status != ChatMember.RESTRICTED or member.is_member)


async def on_bot_status(update: Update, context: SamvadContext) -> None:
    """When added to a group (or its rights change): say what Samvad needs and how to bind the group."""
    change: ChatMemberUpdated = update.my_chat_member
    if change.chat.type not in ("group", "supergroup"):
        return
    old, new = change.old_chat_member, change.new_chat_member
    if not _present(new):
        return
    missing = access.missing_rights(_rights(new), is_admin=new.status == ChatMember.ADMINISTRATOR)
    if _present(old):
        before = access.missing_rights(_rights(old), is_admin=old.status == ChatMember.ADMINISTRATOR)
        if before == missing:
            return
        text = _rights_text(missing) if missing else "Thank you: Samvad now has the rights it needs here."
    else:
        text = await _introduction(context, change, missing)
    services = context.services
    async with services.db.transaction() as tx:
        await services.outbox.send_message(tx, change.chat.id, text, purpose=Purpose.MEMBERSHIP_WHAT_SAMVAD_NEEDS)


async def _introduction(context: SamvadContext, change: ChatMemberUpdated, missing: list[str]) -> str:
    binding = await roster.binding_of(context.services.db, change.chat.id)
    lines = [
        "Namaste. Samvad runs the Revenue Department's coordination groups: it admits members by their official"
        " numbers and keeps the official record (circular ITP/102019/35/H2, §2).",
        "",
        "It needs to be an administrator with the rights to <b>invite users via link</b>, <b>ban users</b> (restrict"
        " and remove members) and <b>delete messages</b>.",
    ]
    if missing:
        lines.append(_rights_text(missing))
    if change.chat.type == "group":
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


def _rights(member: ChatMember) -> dict[str, bool]:
    return {right: bool(getattr(member, right, False)) for right in access.REQUIRED_RIGHTS}


# -- deadlines ----------------------------------------------------------------------------


async def decline_when_due(task: Task, context: SamvadContext) -> None:
    """A request still held at the end of the hold: decline it (or approve, if verified meanwhile)."""
    services = context.services
    chat_id, user_id = task.payload["chat_id"], task.payload["user_id"]
    held = [r for r in await membership.held_requests(services.db, chat_id=chat_id) if r.user_id == user_id]
    binding = await roster.binding_of(services.db, chat_id)
    if not held:
        return
    posts = await roster.posts_of_user(services.db, user_id)
    belonging = [post.post_id for post in posts if binding is not None and binding.includes(post)]
    async with services.db.transaction() as tx:
        if belonging:
            await access.approve(tx, services, chat_id=chat_id, user_id=user_id, post_ids=belonging)
            return
        hours = services.settings.join_request_hold_hours
        await access.decline(tx, services, chat_id=chat_id, user_id=user_id,
                             why=f"not verified for the group within {hours:g} hours")
        if binding is not None:
            name = await people.display_name(tx, user_id)
            title = escape(await people.group_title(tx, binding))
            await people.tell(
                tx, services.outbox, await people.admin_accounts(tx, binding),
                f"Samvad declined {mention(user_id, name)}'s request to join <b>{title}</b>: they did not"
                f" verify an official number whose post belongs there within {hours:g} hours (§2).",
                purpose=Purpose.MEMBERSHIP_TELL_ADMINS_DECLINED_REQUEST,
            )


async def remove_when_due(task: Task, context: SamvadContext) -> None:
    """The grace period is over: remove a member still restricted and unverified."""
    services = context.services
    chat_id, user_id = task.payload["chat_id"], task.payload["user_id"]
    gates = await membership.open_gates(services.db, chat_id=chat_id, user_id=user_id)
    if not gates:
        return
    if await roster.is_entitled(services.db, chat_id, user_id):
        posts = await roster.posts_of_user(services.db, user_id)
        binding = await roster.binding_of(services.db, chat_id)
        async with services.db.transaction() as tx:
            await access.lift(tx, services, chat_id=chat_id, user_id=user_id,
                              post_ids=[post.post_id for post in posts if binding.includes(post)])
        return
    hours = services.settings.verification_grace_hours
    async with services.db.transaction() as tx:
        name = await people.display_name(tx, user_id)
        await access.remove(tx, services, chat_id=chat_id, user_id=user_id,
                            why=f"not verified for the group within {hours:g} hours")
        await services.outbox.send_message(
            tx, chat_id,
            f"{mention(user_id, name)} was removed: not verified with an official number whose post belongs"
            f" here within {hours:g} hours (§2). They may rejoin once verified.",
            purpose=Purpose.MEMBERSHIP_ANNOUNCE_REMOVAL,
        )


async def reconcile(task: Task, context: SamvadContext) -> None:
    """After a roster change: take an account out of groups it no longer belongs in, invite it to new ones."""
    services = context.services
    user_id = task.payload["user_id"]
    posts = await roster.posts_of_user(services.db, user_id)
    entitled = {binding.chat_id for binding in await roster.entitled_groups(services.db, user_id)}
    leaving = []
    for binding in await roster.all_bindings(services.db):
        if binding.chat_id in entitled or holds_admin_post(posts):
            continue
        status = await access.status_in(context.bot, binding.chat_id, user_id)
        if status in (ChatMember.MEMBER, ChatMember.RESTRICTED):
            leaving.append(binding)
    plan = await access.plan_access(context.bot, services, user_id, posts)
    # After a bind, the member hears of that group even if already in it: she was told no group was bound yet.
    bound = task.payload.get("bound_chat_id")
    news = [item for item in plan
            if item.outcome in ("lifted", "approved") or item.new_link or item.binding.chat_id == bound]
    async with services.db.transaction() as tx:
        removed = []
        for binding in leaving:
            await access.remove(tx, services, chat_id=binding.chat_id, user_id=user_id,
                                why=f"{task.payload.get('reason', 'roster change')}: holds no post that belongs here")
            removed.append(await people.group_title(tx, binding))
        await access.write_access(tx, services, user_id, plan, posts)
        if removed or news:
            bound_title = next((item.binding.title for item in news if item.binding.chat_id == bound), None)
            await services.outbox.send_message(tx, user_id, _reconcile_text(posts, removed, news, bound_title),
                                               purpose=Purpose.MEMBERSHIP_ACCESS_CHANGED)


def _reconcile_text(
    posts: list[Post], removed: list[str], news: list[access.GroupAccess], bound_title: str | None = None
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
        lines += ["", f"You hold {_posts_line(posts)}."]
    else:
        lines += ["", "Your account holds no post in the roster now."]
    if news:
        lines += ["", "Your groups (§2):", *access.describe_access(news, [])]
    return "\n".join(lines)


async def _save_user(tx: Transaction, user: User, context: SamvadContext) -> None:
    await chats.save_user(
        tx, user_id=user.id, is_bot=user.is_bot, first_name=user.first_name, last_name=user.last_name,
        username=user.username, language_code=user.language_code, at=context.services.clock.now(),
    )
