"""Commands for the groups' admin posts: /bind, /unbind, /members, /audit, /transfer.

Admin commands answer only the admin posts of the group's level (circular §2: the State
group is administered by ACS Revenue and Secretary LR, an HoD group by its HoD, a
District group by its Collector), never a Telegram admin who holds no such post.
"""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.ext import CommandHandler, filters

from runtime.context import SamvadContext
from handlers import access
from handlers.feature import Audience, Command, Feature, Stage
from handlers.recording import save_chat_and_sender
from handlers.replying import redirect, refuse, reply
from storage import audit, chats, journal, roster, tasks
from storage.audit import GroupAudit
from storage.membership_args import ArgumentError, parse_bind, parse_transfer
from storage.phones import display_mobile
from storage.roster import Binding, Post
from storage.roster_changes import RECONCILE_TASK, RosterConflict, transfer_post
from runtime.purposes import Purpose
from storage.timefmt import for_people

GROUP_ADMINS = frozenset({Audience.GROUP_ADMIN})
BIND = Command("bind", "Bind this group to its level", GROUP_ADMINS,
               usage="state | hod land-records | hod registration | district NAME")
UNBIND = Command("unbind", "Release this group's binding", GROUP_ADMINS)
MEMBERS = Command("members", "Who is in this group, compared with the roster", GROUP_ADMINS)
AUDIT = Command("audit", "Every bound group compared with the roster (state admin posts)",
                frozenset({Audience.PRIVATE}))
TRANSFER = Command("transfer", "Pass a post to a new official number or holder",
                   frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), usage="POST_ID NEW_NUMBER [NAME]")

MESSAGES = filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & MESSAGES
PRIVATE = filters.ChatType.PRIVATE & MESSAGES
NOT_SHOWN = ("Telegram does not let bots list a group's members: people who have neither joined nor posted since"
             " Samvad arrived are not shown.")


def feature() -> Feature:
    """The group administration feature."""
    return Feature(
        name="group_admin",
        handlers=[
            (Stage.COMMAND, CommandHandler("bind", bind, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("unbind", unbind, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("members", members, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("audit", audit_all, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("transfer", transfer, filters=MESSAGES)),
            (Stage.COMMAND, CommandHandler(["bind", "unbind", "members"], only_in_groups, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("audit", only_in_private, filters=GROUPS)),
        ],
        commands=[BIND, UNBIND, MEMBERS, AUDIT, TRANSFER],
    )


def _arguments(update: Update) -> str:
    text = update.effective_message.text or ""
    return text.split(maxsplit=1)[1] if len(text.split(maxsplit=1)) > 1 else ""


async def _admins_named(db, binding: Binding) -> str:
    designations = list(dict.fromkeys(post.designation for post in await roster.admin_posts_of(db, binding)))
    return " or ".join(designations) if designations else "its admin post"


async def only_in_groups(update: Update, context: SamvadContext) -> None:
    """/bind, /unbind and /members are sent in the group they are about."""
    await redirect(update, context, "Send this command in the group it is about.")


async def only_in_private(update: Update, context: SamvadContext) -> None:
    """/audit lists every group, so it answers only in private."""
    await redirect(update, context, "/audit answers in a private chat with Samvad (it covers every group).")


# -- /bind and /unbind ---------------------------------------------------------------------


async def bind(update: Update, context: SamvadContext) -> None:
    """Bind this group to a level, office or district: only that level's admin post may."""
    services = context.services
    target = parse_bind(_arguments(update))
    if isinstance(target, ArgumentError):
        await reply(update, context, _usage(target), purpose=Purpose.MEMBERSHIP_USAGE)
        return
    chat = update.effective_chat
    binding = Binding(chat.id, target.level, target.jurisdiction)
    posts = await roster.posts_of_user(services.db, update.effective_user.id)
    if not any(binding.administered_by(post) for post in posts):
        reason = await _bind_refusal(services.db, binding, verified=bool(posts))
        await refuse(update, context, reason, command="bind")
        return
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, chat, update.effective_user, context)
        problem = await _binding_problem(tx, binding)
        if problem is None:
            await roster.bind_group(tx, binding, by=update.effective_user.id, at=now)
            await journal.append(tx, kind="membership.bound", chat_id=chat.id, actor_id=update.effective_user.id,
                                 at=now, body={"level": binding.level, "jurisdiction": binding.jurisdiction})
            await _owe_invitations(tx, binding, now)
            text = await _bound_text(tx, binding)
        else:
            text = problem
        await services.outbox.send_message(tx, chat.id, text, purpose=Purpose.MEMBERSHIP_BIND,
                                           reply_to=update.effective_message.message_id)


async def _bind_refusal(db, binding: Binding, *, verified: bool) -> str:
    who = await _admins_named(db, binding)
    text = f"Only the admin post of that level can bind a group: for {escape(binding.title)}, {escape(who)}."
    if not verified:
        text += " If you hold that post, verify first: open a private chat with Samvad and send /start."
    return text


async def _binding_problem(tx, binding: Binding) -> str | None:
    """Why a group cannot take a binding: it has another, or another group has this one."""
    current = await roster.binding_of(tx, binding.chat_id)
    if current is not None:
        if (current.level, current.jurisdiction) == (binding.level, binding.jurisdiction):
            return f"This group is already {escape(current.title)}."
        return (f"This group is already {escape(current.title)}. Its admin post can release it with /unbind"
                " before it is bound again.")
    taken = await roster.group_for(tx, binding.level, binding.jurisdiction)
    if taken is not None:
        chat = await chats.get_chat(tx, taken.chat_id)
        name = chat.title if chat and chat.title else f"chat {taken.chat_id}"
        return (f"{escape(binding.title[0].upper() + binding.title[1:])} is already the group «{escape(name)}»:"
                " one group per binding (§2). Its admin post can /unbind it there first.")
    return None


async def _owe_invitations(tx, binding: Binding, now) -> None:
    """Verified holders of posts that belong here get their invite links from the scheduler at once."""
    for post in await roster.posts_in(tx, binding):
        account = await roster.account_of_post(tx, post.post_id)
        if account is not None:
            await tasks.schedule(tx, kind=RECONCILE_TASK, payload={"user_id": account, "reason": "group bound",
                                                                   "bound_chat_id": binding.chat_id},
                                 due_at=now, dedupe_key=f"{RECONCILE_TASK}:bound:{binding.chat_id}:{account}")


async def _bound_text(tx, binding: Binding) -> str:
    chat = await chats.get_chat(tx, binding.chat_id)
    posts = await roster.posts_in(tx, binding)
    lines = [f"✅ This group is now <b>{escape(binding.title)}</b> (§2).",
             f"Posts that belong here: {len(posts)}. Verified holders not yet here get an invite link in private.",
             "From now on, join requests are approved for verified members whose post belongs here; anyone else who"
             " joins is asked to verify and cannot post until they do. Admin posts: /members shows who is missing."]
    if chat is not None:
        missing = access.missing_rights(chat.bot_rights, is_admin=chat.bot_status == "administrator")
        if missing:
            lines.append(f"⚠️ Samvad is missing these rights here: <b>{escape(', '.join(missing))}</b>.")
    return "\n".join(lines)


async def unbind(update: Update, context: SamvadContext) -> None:
    """Release this group's binding: only its admin post may."""
    services = context.services
    chat_id = update.effective_chat.id
    binding = await roster.binding_of(services.db, chat_id)
    if binding is None:
        await reply(update, context, "This group is not bound.", purpose=Purpose.MEMBERSHIP_USAGE)
        return
    if not await roster.is_group_admin(services.db, chat_id, update.effective_user.id):
        await refuse(update, context, await _admin_refusal(services.db, binding, "/unbind"), command="unbind")
        return
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await roster.unbind_group(tx, chat_id)
        await journal.append(tx, kind="membership.unbound", chat_id=chat_id, actor_id=update.effective_user.id,
                             at=now, body={"level": binding.level, "jurisdiction": binding.jurisdiction})
        await services.outbox.send_message(
            tx, chat_id, f"This group is no longer {escape(binding.title)}; Samvad no longer admits members here.",
            purpose=Purpose.MEMBERSHIP_UNBIND, reply_to=update.effective_message.message_id,
        )


async def _admin_refusal(db, binding: Binding, command: str) -> str:
    who = await _admins_named(db, binding)
    return f"Only the admin posts of {escape(binding.title)} ({escape(who)}) can use {command}."


# -- /members and /audit -------------------------------------------------------------------------


async def members(update: Update, context: SamvadContext) -> None:
    """Who is in this group compared with the roster: for its admin posts."""
    services = context.services
    chat_id = update.effective_chat.id
    binding = await roster.binding_of(services.db, chat_id)
    if binding is None:
        await reply(update, context, "This group is not bound yet: its admin post binds it first with /bind.",
                     purpose=Purpose.MEMBERSHIP_USAGE)
        return
    if not await roster.is_group_admin(services.db, chat_id, update.effective_user.id):
        await refuse(update, context, await _admin_refusal(services.db, binding, "/members"), command="members")
        return
    report = await _audit(context, binding)
    async with services.db.transaction() as tx:
        await journal.append(tx, kind="membership.audit", chat_id=chat_id, actor_id=update.effective_user.id,
                             at=services.clock.now(), body=_audit_body(report))
        await services.outbox.send_message(tx, chat_id, "\n".join(render_audit(report, services.settings.zone) +
                                                                  ["", f"<i>{NOT_SHOWN}</i>"]),
                                           purpose=Purpose.MEMBERSHIP_MEMBERS, reply_to=update.effective_message.message_id)


async def audit_all(update: Update, context: SamvadContext) -> None:
    """Every bound group compared with the roster: for the state admin posts, in private."""
    services = context.services
    user_id = update.effective_user.id
    if not any(post.level == "state" and post.is_admin for post in await roster.posts_of_user(services.db, user_id)):
        await refuse(update, context, "Only the state-level admin posts (ACS Revenue, Secretary LR) can use /audit."
                     " A group's admin post can send /members in that group.", command="audit")
        return
    reports = [await _audit(context, binding) for binding in await roster.all_bindings(services.db)]
    unbound = await audit.unbound_levels(services.db)
    lines = ["<b>Audit of the coordination groups</b> (§2)"]
    for report in reports:
        lines += ["", *render_audit(report, services.settings.zone)]
    if not reports:
        lines += ["", "No group is bound yet."]
    if unbound:
        lines += ["", f"<b>Groups the roster calls for that are not bound yet ({len(unbound)}):</b>",
                  *(f"• {escape(label)}" for label in unbound)]
    lines += ["", f"<i>{NOT_SHOWN}</i>"]
    async with services.db.transaction() as tx:
        await journal.append(tx, kind="membership.audit", chat_id=user_id, actor_id=user_id, at=services.clock.now(),
                             body={"groups": [_audit_body(report) for report in reports], "unbound": unbound})
        await services.outbox.send_message(tx, user_id, "\n".join(lines), purpose=Purpose.MEMBERSHIP_AUDIT)


async def _audit(context: SamvadContext, binding: Binding) -> GroupAudit:
    """Ask Telegram where everyone worth asking about stands, then compare with the roster."""
    db = context.services.db
    people = [user_id for user_id in await audit.people_to_check(db, binding) if user_id != context.bot.id]
    statuses = {user_id: await access.status_in(context.bot, binding.chat_id, user_id) for user_id in people}
    return await audit.audit_group(db, binding, statuses=statuses)


def render_audit(report: GroupAudit, zone: ZoneInfo) -> list[str]:
    """A group's audit as HTML lines (every name escaped)."""
    lines = [f"<b>{escape(report.title)}</b> — {escape(report.binding.title)}"]
    lines.append(f"Verified members ({len(report.verified)}):")
    verified = [f"• {escape(m.person.name)} — {escape(_designations(m.posts))}" for m in report.verified]
    lines += verified or ["• none"]
    if report.waiting:
        lines.append(f"Restricted until they verify ({len(report.waiting)}):")
        lines += [f"• {escape(w.person.name)} — removed on {escape(for_people(w.remove_at, zone))} unless verified"
                  for w in report.waiting]
    if report.outsiders:
        lines.append(f"Present without a post that belongs here ({len(report.outsiders)}):")
        lines += [f"• {escape(o.person.name)} — {escape(o.note)}" for o in report.outsiders]
    if report.missing:
        lines.append(f"Roster posts missing from the group ({len(report.missing)}; membership is mandatory, §2):")
        lines += [f"• {escape(_post_name(m.post))} — {escape(m.post.holder)}, "
                  f"{escape(display_mobile(m.post.mobile))} — "
                  + ("verified, not in the group" if m.account is not None else "not verified yet")
                  for m in report.missing]
    else:
        lines.append("Every roster post that belongs here is in the group.")
    return lines


def _designations(posts: tuple[Post, ...]) -> str:
    return "; ".join(_post_name(post) for post in posts)


def _post_name(post: Post) -> str:
    """"Relief Commissioner (relief-commissioner, disaster coordinator (state))"."""
    return f"{post.designation} ({', '.join(filter(None, (post.post_id, post.coordinator_label)))})"


def _audit_body(report: GroupAudit) -> dict:
    return {
        "chat_id": report.binding.chat_id,
        "verified": [m.person.user_id for m in report.verified],
        "waiting": [w.person.user_id for w in report.waiting],
        "outsiders": [o.person.user_id for o in report.outsiders],
        "missing": [m.post.post_id for m in report.missing],
    }


# -- /transfer -----------------------------------------------------------------------------------


async def transfer(update: Update, context: SamvadContext) -> None:
    """Pass a post to a new number or holder: a state admin any post, an HoD or Collector their own."""
    services = context.services
    order = parse_transfer(_arguments(update))
    if isinstance(order, ArgumentError):
        await reply(update, context, _usage(order), purpose=Purpose.MEMBERSHIP_USAGE)
        return
    user_id = update.effective_user.id
    admin_posts = [post for post in await roster.posts_of_user(services.db, user_id) if post.is_admin]
    target = await roster.get_post(services.db, order.post_id)
    if target is None:
        if admin_posts:
            await reply(update, context, f"There is no post {escape(order.post_id)} in the roster.",
                         purpose=Purpose.MEMBERSHIP_USAGE)
        else:
            await refuse(update, context, _transfer_refusal(None), command="transfer")
        return
    entitled = next((post for post in admin_posts if roster.oversees(post, target)), None)
    if entitled is None:
        await refuse(update, context, _transfer_refusal(target), command="transfer")
        return
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, update.effective_chat, update.effective_user, context)
        try:
            done, effects = await transfer_post(
                tx, order.post_id, new_mobile=order.mobile, new_holder=order.holder, at=now, actor_id=user_id,
                source={"by": "/transfer", "by_post": entitled.post_id, "chat_id": update.effective_chat.id},
            )
        except RosterConflict as conflict:
            text = f"Nothing was changed: {escape(conflict.reason)}."
        else:
            text = _transferred_text(done, effects)
        await services.outbox.send_message(tx, update.effective_chat.id, text, purpose=Purpose.MEMBERSHIP_TRANSFER,
                                           reply_to=update.effective_message.message_id)


def _transfer_refusal(target: Post | None) -> str:
    if target is None or target.level == "state":
        return "Only a state-level admin post (ACS Revenue, Secretary LR) can transfer that post."
    if target.level == "district":
        where = f"the Collector of {target.jurisdiction}"
    else:
        where = f"the HoD ({target.jurisdiction})"
    return f"Only a state-level admin post or {escape(where)} can transfer {escape(target.post_id)}."


def _transferred_text(done, effects) -> str:
    lines = [f"✅ Transferred {escape(done.describe())} (§6)."]
    if effects.revoked:
        lines.append("The previous account loses the post's groups (unless another post of theirs belongs there).")
    if effects.linked:
        lines.append("The new number was already known: that account gets its invite links now.")
    else:
        lines.append("The new holder gets invite links when they verify: a private chat with Samvad, /start, and"
                     " share their number.")
    return "\n".join(lines)


def _usage(error: ArgumentError) -> str:
    return f"{escape(error.reason[0].upper() + error.reason[1:])}.\nUsage: {escape(error.usage)}"
