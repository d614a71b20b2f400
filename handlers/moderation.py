"""Moderation: every group message checked, warnings in the member's language, policies, review, escalation.

The circular forbids confidential information and policy proposals in these groups
(§2) and warns against content that breaks privacy, defames or breeds enmity (§8).
"""

from __future__ import annotations

from datetime import timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import SamvadContext
from handlers.feature import Audience, Command, Feature, Stage
from handlers.moderation_args import describe_actions, parse_policy
from handlers.moderation_texts import edit_cleared_text, mention, reasons_text, restored_text, warning_text
from handlers.replying import command_args, redirect, refuse, refuse_button, reply
from handlers.usage import UsageError
from nlp import Verdict
from nlp.record.masking import mask_spans
from storage import chats, flags, journal, policies, roster, tasks
from storage.database import Transaction
from storage.flags import Finding, Flag
from storage.roster import Binding
from storage.tasks import Task
from storage.timefmt import to_db

GROUPS = filters.ChatType.GROUPS
CHECKED = GROUPS & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE) & (
    filters.TEXT | filters.CAPTION
) & ~filters.COMMAND
COMBINED_WARNING_TASK = "moderation.combined_warning"
REVIEW_PATTERN = r"^mod:(fa|ok):\d+$"
EXCERPT_LIMIT = 600

POLICY = Command(
    "policy", "This group's rules for flagged messages (admins change them)",
    frozenset({Audience.GROUP}), usage="[LABEL ACTION]",
)
FLAGS = Command("flags", "Open and recent flags in this group", frozenset({Audience.GROUP_ADMIN}))


def feature() -> Feature:
    """The moderation feature."""
    return Feature(
        name="moderation",
        handlers=[
            (Stage.MODERATE, MessageHandler(CHECKED, check_message)),
            (Stage.COMMAND, CommandHandler("policy", show_or_set_policy, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("flags", list_flags, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler(["policy", "flags"], only_in_groups, filters=filters.ChatType.PRIVATE)),
            (Stage.COMMAND, CallbackQueryHandler(review, pattern=REVIEW_PATTERN)),
        ],
        tasks={COMBINED_WARNING_TASK: send_combined_warning},
        commands=[POLICY, FLAGS],
    )


# -- checking every group message ------------------------------------------------------------------


async def check_message(update: Update, context: SamvadContext) -> None:
    """Run the filter over a group message, caption or edit, and act by the group's policy."""
    message = update.effective_message
    sender = message.from_user
    if sender is None or sender.is_bot:
        return
    services = context.services
    binding = await roster.binding_of(services.db, message.chat.id)
    if binding is None:
        return  # an official group starts with /bind; until then the bot only keeps the record
    verdict = await services.classifier.check(message.text or message.caption)
    policy = await policies.policy_of(services.db, message.chat.id)
    acted_on = [label for label in verdict.labels if policy[label]]
    edited = update.edited_message is not None
    if not acted_on:
        if edited:
            await _close_flags_cleared_by_edit(message, verdict, context)
        return
    actions = tuple(action for action in policies.ACTIONS if any(action in policy[label] for label in acted_on))
    findings = tuple(
        Finding(e.label, e.start, e.end, round(e.score, 4), e.reason_code) for e in verdict.evidence if e.label in acted_on
    )
    now = services.clock.now()
    async with services.db.transaction() as tx:
        flag = await flags.raise_flag(
            tx, chat_id=message.chat.id, message_id=message.message_id,
            version=to_db(message.edit_date) if edited and message.edit_date else flags.ORIGINAL,
            sender_id=sender.id, labels=tuple(acted_on), findings=findings, language=verdict.language,
            actions=actions, at=now,
        )
        if flag is None:
            return  # this update was handled before a restart
        if flag.deleted:
            await services.outbox.call(
                tx, "deleteMessage", {"chat_id": message.chat.id, "message_id": message.message_id},
                purpose="moderation.delete",
            )
        if "notify" in flag.actions:
            await _notify_admins(tx, context, flag, binding, message)
        await _warn_now_or_in_a_minute(tx, context, flag, sender.full_name)


async def _close_flags_cleared_by_edit(message: Message, verdict: Verdict, context: SamvadContext) -> None:
    services = context.services
    now = services.clock.now()
    async with services.db.transaction() as tx:
        closed = [
            flag for flag in await flags.open_for_message(tx, message.chat.id, message.message_id)
            if await flags.decide(tx, flag, state=flags.RESOLVED, by=None, at=now, why="edited: nothing to flag")
        ]
        if closed and not any(flag.deleted for flag in closed):
            who = mention(message.from_user.id, message.from_user.first_name)
            await services.outbox.send_message(
                tx, message.chat.id, edit_cleared_text(who, verdict.language), purpose="moderation.cleared",
                reply_to=message.message_id,
            )


async def _warn_now_or_in_a_minute(tx: Transaction, context: SamvadContext, flag: Flag, name: str) -> None:
    """One warning per member per group per minute: the first at once, the rest combined at the minute's end."""
    services = context.services
    now = services.clock.now()
    opened = await flags.window_opened_at(tx, flag.chat_id, flag.sender_id)
    interval = services.settings.warning_interval_seconds
    if opened is None or now >= flags.window_end(opened, interval):
        await _owe_warning(tx, context, [flag], name)
        return
    await tasks.schedule(
        tx, kind=COMBINED_WARNING_TASK, payload={"chat_id": flag.chat_id, "user_id": flag.sender_id, "name": name},
        due_at=flags.window_end(opened, interval), dedupe_key=f"{COMBINED_WARNING_TASK}:{flag.chat_id}:{flag.sender_id}",
    )


async def send_combined_warning(task: Task, context: SamvadContext) -> None:
    """Task at a warning window's end: one warning for everything flagged in the minute."""
    services = context.services
    chat_id, user_id = task.payload["chat_id"], task.payload["user_id"]
    async with services.db.transaction() as tx:
        waiting = await flags.unwarned(tx, chat_id, user_id)
        if waiting:
            await _owe_warning(tx, context, waiting, task.payload["name"])


async def _owe_warning(tx: Transaction, context: SamvadContext, covered: list[Flag], name: str) -> None:
    services = context.services
    now = services.clock.now()
    latest = covered[-1]
    language = latest.language if latest.language in ("en", "gu", "hi") else "en"
    labels = [label for label in policies.LABELS if any(label in flag.labels for flag in covered)]
    reasons = list(dict.fromkeys((f.reason_code, f.label) for flag in covered for f in flag.findings))
    text = warning_text(
        who=mention(latest.sender_id, name), language=language, reasons=reasons, labels=labels,
        messages=len(covered), removed=any(flag.deleted for flag in covered),
        admins_told=any("notify" in flag.actions for flag in covered),
    )
    reply_to = latest.message_id if len(covered) == 1 and not latest.deleted else None
    await services.outbox.send_message(tx, latest.chat_id, text, purpose="moderation.warning", reply_to=reply_to)
    await flags.mark_warned(tx, [flag.flag_id for flag in covered], at=now)
    await flags.open_window(tx, latest.chat_id, latest.sender_id, at=now)


# -- admins: notification, review, escalation ---------------------------------------------------------


async def _admin_accounts(db, binding: Binding) -> list[int]:
    accounts = [await roster.account_of_post(db, post.post_id) for post in await roster.admin_posts_of(db, binding)]
    return list(dict.fromkeys(account for account in accounts if account is not None))


async def _notify_admins(tx: Transaction, context: SamvadContext, flag: Flag, binding: Binding, message: Message) -> None:
    """Each admin post's account gets the flag in private, with review buttons."""
    text = message.text or message.caption or ""
    personal = [(f.start, f.end) for f in flag.findings if f.label == "personal_data"]
    excerpt = mask_spans(text, personal)[:EXCERPT_LIMIT]
    lines = [
        f"🔎 Flag in <b>{escape(message.chat.title or str(message.chat.id))}</b>:"
        f" {escape(message.from_user.full_name)} — {reasons_text(_reasons(flag), 'en')}"
        f" ({escape(', '.join(flag.labels))}).",
        "The message was removed from the group." if flag.deleted else _link(flag.chat_id, flag.message_id),
        f"<blockquote>{escape(excerpt)}</blockquote>",
        "Is this a violation of the circular?",
    ]
    buttons = InlineKeyboardMarkup([[
        InlineKeyboardButton("Not a violation", callback_data=f"mod:fa:{flag.flag_id}"),
        InlineKeyboardButton("Confirm", callback_data=f"mod:ok:{flag.flag_id}"),
    ]])
    for account in await _admin_accounts(tx, binding):
        await context.services.outbox.send_message(
            tx, account, "\n".join(line for line in lines if line), purpose="moderation.notify", markup=buttons
        )


async def review(update: Update, context: SamvadContext) -> None:
    """An admin's "Not a violation" or "Confirm" on a flag; anyone else gets an alert."""
    query = update.callback_query
    services = context.services
    _, code, number = query.data.split(":")
    flag = await flags.get(services.db, int(number))
    if flag is None:
        await query.answer("This flag is not in the record.", show_alert=True)
        return
    if not await roster.is_group_admin(services.db, flag.chat_id, query.from_user.id):
        await refuse_button(query, context, "Only the group's admin posts can review its flags.", button="review")
        return
    decision = flags.FALSE_ALARM if code == "fa" else flags.CONFIRMED
    now = services.clock.now()
    async with services.db.transaction() as tx:
        if not await flags.decide(tx, flag, state=decision, by=query.from_user.id, at=now, why="admin review"):
            settled = await flags.get(tx, flag.flag_id)
            await query.answer(f"Already decided: {settled.state.replace('_', ' ')}.", show_alert=True)
            return
        if decision == flags.FALSE_ALARM and flag.deleted:
            await _repost(tx, context, flag)
        if query.message is not None:
            verdict_line = "✅ Not a violation: closed as a false alarm" if decision == flags.FALSE_ALARM else "☑️ Confirmed"
            await services.outbox.call(
                tx, "editMessageText",
                {"chat_id": query.message.chat.id, "message_id": query.message.message_id, "parse_mode": "HTML",
                 "text": f"{query.message.text_html}\n\n<b>{verdict_line}</b> by {escape(query.from_user.full_name)}."},
                purpose="moderation.reviewed",
            )
        if decision == flags.CONFIRMED:
            await _escalate_if_due(tx, context, flag)
    await query.answer("Closed as a false alarm." if decision == flags.FALSE_ALARM else "Confirmed.")


async def _repost(tx: Transaction, context: SamvadContext, flag: Flag) -> None:
    """A deleted message found not to be a violation goes back to the group, quoted from the member."""
    original = await flags.flagged_text(tx, flag)
    if original is None:
        return
    name = await _name_of(tx, flag.sender_id)
    language = flag.language if flag.language in ("en", "gu", "hi") else "en"
    await context.services.outbox.send_message(
        tx, flag.chat_id, restored_text(mention(flag.sender_id, name), language, original), purpose="moderation.restored"
    )


async def _escalate_if_due(tx: Transaction, context: SamvadContext, flag: Flag) -> None:
    """At the threshold of confirmed flags in the window, the group's admins get the member's history."""
    settings = context.services.settings
    since = context.services.clock.now() - timedelta(days=settings.escalation_window_days)
    history = await flags.confirmed_for(tx, flag.sender_id, since=since)
    if len(history) < settings.escalation_threshold:
        return
    binding = await roster.binding_of(tx, flag.chat_id)
    if binding is None:
        return
    name = await _name_of(tx, flag.sender_id)
    lines = [
        f"📋 {escape(name)} has {len(history)} confirmed flags in the last {settings.escalation_window_days} days"
        " (nothing has been done to the member: membership of these groups is mandatory; this is for your"
        " attention).",
    ]
    zone = settings.zone
    for earlier in history:
        lines.append(
            f"• {earlier.flagged_at.astimezone(zone):%d %b %H:%M} — {escape(', '.join(earlier.labels))}:"
            f" {reasons_text(_reasons(earlier), 'en')} {_link(earlier.chat_id, earlier.message_id)}"
        )
    for account in await _admin_accounts(tx, binding):
        await context.services.outbox.send_message(tx, account, "\n".join(lines), purpose="moderation.escalation")


# -- /policy and /flags ----------------------------------------------------------------------------------


async def show_or_set_policy(update: Update, context: SamvadContext) -> None:
    """/policy shows the group's rules to anyone; /policy LABEL ACTION changes one, for its admin posts."""
    services = context.services
    chat_id = update.effective_chat.id
    try:
        change = parse_policy(command_args(update))
    except UsageError as error:
        await reply(update, context, escape(str(error)), purpose="moderation.usage")
        return
    if change is not None:
        if not await roster.is_group_admin(services.db, chat_id, update.effective_user.id):
            await refuse(update, context, "Only this group's admin posts can change its rules.", command="policy")
            return
        async with services.db.transaction() as tx:
            await policies.set_policy(tx, chat_id=chat_id, label=change.label, actions=change.actions,
                                      by=update.effective_user.id, at=services.clock.now())
            await journal.append(tx, kind="policy", chat_id=chat_id, actor_id=update.effective_user.id,
                                 at=services.clock.now(), body={"label": change.label, "actions": sorted(change.actions)})
    policy = await policies.policy_of(services.db, chat_id)
    lines = ["<b>What Samvad does here when the filter finds</b> (§2, §8):"]
    lines += [f"• {label.replace('_', ' ')}: {describe_actions(policy[label])}" for label in policies.LABELS]
    lines.append("warn = reply to the member; delete = remove the message, warn, keep it in the record;"
                 " notify = warn and tell the admins, who can overrule.")
    await reply(update, context, "\n".join(lines), purpose="moderation.policy")


async def list_flags(update: Update, context: SamvadContext) -> None:
    """/flags: open flags and those of the last week, for the group's admin posts."""
    services = context.services
    chat_id = update.effective_chat.id
    if not await roster.is_group_admin(services.db, chat_id, update.effective_user.id):
        await refuse(update, context, "/flags is for this group's admin posts.", command="flags")
        return
    found = await flags.in_chat(services.db, chat_id, since=services.clock.now() - timedelta(days=7))
    if not found:
        await reply(update, context, "No open flags, and none in the last 7 days.", purpose="moderation.flags")
        return
    zone = services.settings.zone
    lines = ["<b>Flags</b> (open, and the last 7 days):"]
    for flag in found:
        name = await _name_of(services.db, flag.sender_id)
        lines.append(
            f"• {flag.flagged_at.astimezone(zone):%d %b %H:%M} {escape(name)} — {escape(', '.join(flag.labels))}"
            f" ({reasons_text(_reasons(flag), 'en')}) — {flag.state.replace('_', ' ')}"
            f"{' (removed)' if flag.deleted else ''} {_link(flag.chat_id, flag.message_id)}"
        )
    await reply(update, context, "\n".join(lines), purpose="moderation.flags")


async def only_in_groups(update: Update, context: SamvadContext) -> None:
    """/policy and /flags are about one group: send them there."""
    await redirect(update, context, "Send /policy or /flags in the group they are about.")


# -- small helpers ---------------------------------------------------------------------------------------


def _reasons(flag: Flag) -> list[tuple[str, str]]:
    return list(dict.fromkeys((f.reason_code, f.label) for f in flag.findings))


def _link(chat_id: int, message_id: int) -> str:
    """A t.me link to a message in a supergroup (basic groups have none)."""
    text = str(chat_id)
    if not text.startswith("-100"):
        return ""
    return f'<a href="https://t.me/c/{text[4:]}/{message_id}">message</a>'


async def _name_of(db, user_id: int | None) -> str:
    if user_id is None:
        return "someone"
    return await chats.user_name(db, user_id) or f"user {user_id}"
