"""Moderation in the groups bound to the roster: every message, caption, forward and edit is checked.

What the content filter finds with confidence (Tier.ACT) is acted on by the group's policy
(/policy): a warning in the member's language citing the circular (§2, §8), removal from the
chat (the record keeps the message), and a private notification to the group's admin posts
with review buttons. A doubtful finding (Tier.REVIEW) is only that notification, marked as a
doubtful case: nothing is said or removed in the group. A member gets at most one warning per
interval about messages that stay; a removal is explained at once (handlers.moderation_rules).

Only groups bound to the roster are moderated: a binding is what gives a group admin posts
who set its policy and can overrule a removal.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta
from html import escape

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from runtime.context import SamvadContext
from runtime.services import Services
from handlers.feature import Audience, Command, Feature, Stage
from handlers.moderation_args import PolicyArgsError, SetPolicy, command_arguments, parse_policy
from handlers.moderation_review import (
    REVIEW_PATTERN,
    listing,
    notify_admins,
    refresh_notices,
    review,
)
from handlers.filtering import verdict_for
from handlers.moderation_rules import Tiered, WarningStep, tells_admins, tiered_findings, warning_step
from handlers.moderation_texts import closed_text, most_common_language, removal_notice_text, warning_text
from coordination.people import mention
from handlers.replying import redirect, refuse, reply
from nlp import Verdict
from nlp.verdict import Tier
from storage import chats, flags, policies, roster, tasks
from storage.database import Transaction
from storage.flags import Flag, FlagState, NewFlag, WarningState
from storage.policies import MODERATED_LABELS, Policy
from storage.roster import Binding
from storage.tasks import Task
from storage.timefmt import to_db
from runtime.purposes import Purpose
from coordination import people

COMBINED_TASK = "moderation.combined_warning"
DELETE_WINDOW = timedelta(hours=47)  # Telegram deletes messages up to 48 hours old; leave time for delivery

POLICY = Command(
    "policy", "This group's moderation policy (its admin posts change it)", frozenset({Audience.GROUP}),
    usage="[LABEL ACTION]",
)
FLAGS = Command("flags", "Open and recent flags in this group, with review buttons", frozenset({Audience.GROUP_ADMIN}))

GROUPS = filters.ChatType.GROUPS
# Commands are for the bot, not the group ("/policy confidential delete" is no leak), except a
# draft sent to /check in a group by mistake: that text is now in the group.
CHECKED = (filters.TEXT | filters.CAPTION) & (~filters.COMMAND | filters.Regex(r"^/check(?:@\w+)?(?:\s|$)"))
NEW_MESSAGES = GROUPS & filters.UpdateType.MESSAGE & CHECKED
EDITS = GROUPS & filters.UpdateType.EDITED_MESSAGE


def feature() -> Feature:
    """The moderation feature."""
    return Feature(
        name="moderation",
        handlers=[
            (Stage.COMMAND, CommandHandler("policy", show_or_set_policy)),
            (Stage.COMMAND, CommandHandler("flags", show_flags)),
            (Stage.COMMAND, CallbackQueryHandler(review, pattern=REVIEW_PATTERN)),
            (Stage.MODERATE, MessageHandler(NEW_MESSAGES, check_message)),
            (Stage.MODERATE, MessageHandler(EDITS, check_edit)),
        ],
        tasks={COMBINED_TASK: send_combined_warning},
        commands=[POLICY, FLAGS],
    )


@dataclass(frozen=True)
class Group:
    """A bound group with its policy."""

    binding: Binding
    policies: dict[str, Policy]


async def _bound_group(context: SamvadContext, chat_id: int) -> Group | None:
    db = context.services.db
    binding = await roster.binding_of(db, chat_id)
    if binding is None:
        return None
    return Group(binding, await policies.for_group(db, chat_id))


def _checked_sender(message: Message) -> bool:
    """People's messages: not the bot's own, other bots' or anonymous posts on a chat's behalf."""
    return message.from_user is not None and not message.from_user.is_bot


# -- messages and edits --------------------------------------------------------------------


async def check_message(update: Update, context: SamvadContext) -> None:
    """A new group message, caption or forward: flag what the group's policy acts on."""
    message = update.effective_message
    if not _checked_sender(message):
        return
    verdict = await verdict_for(context.services, message, message.text or message.caption or "")
    if not set(verdict.labels) & set(MODERATED_LABELS):
        return
    group = await _bound_group(context, message.chat.id)
    if group is None:
        return
    tiered = tiered_findings(verdict, group.policies)
    if tiered is not None:
        await raise_flag(context, group, message, update.update_id, verdict, tiered, source="message")


async def check_edit(update: Update, context: SamvadContext) -> None:
    """An edit: flag what it adds; close the open flags whose content it removed."""
    message = update.edited_message
    if not _checked_sender(message) or _is_command(message):
        return
    group = await _bound_group(context, message.chat.id)
    if group is None:
        return
    text = message.text or message.caption or ""
    verdict = await verdict_for(context.services, message, text) if text.strip() else None
    tiered = tiered_findings(verdict, group.policies) if verdict else None
    findings = tiered.findings if tiered else ()
    earlier = await flags.of_message(context.services.db, message.chat.id, message.message_id)
    present = {finding.label for finding in findings}
    gone = [flag for flag in earlier if flag.is_open and not set(flag.labels) & present]
    if gone:
        await close_by_edit(context, message, gone)
    standing = {label for flag in earlier if flag.state != FlagState.WITHDRAWN for label in flag.labels}
    fresh = tuple(finding for finding in findings if finding.label not in standing)
    if fresh:
        await raise_flag(context, group, message, update.update_id, verdict,
                         Tiered(tiered.tier, fresh, tiered.also_doubtful), source="edit")


async def check_attachment_text(
    context: SamvadContext, message: Message, text: str, *, attachment_seq: int, language: str | None = None,
) -> Verdict | None:
    """Text read from a message's attachment (journalled as entry attachment_seq): checked and acted on
    like the message itself.

    What the caption's flag already found is not flagged again; a label only the file shows gets a flag
    of its own, keyed by the attachment's entry (-attachment_seq: no Telegram update has a negative id),
    so a replay finds it as an update's flag is found.
    """
    if not text.strip():
        return None
    verdict = await verdict_for(context.services, message, text)
    group = await _bound_group(context, message.chat.id)
    if group is None or not set(verdict.labels) & set(MODERATED_LABELS):
        return verdict
    if language in ("en", "gu", "hi"):
        verdict = replace(verdict, language=language)  # the warning in the language the member writes, not the file's
    tiered = tiered_findings(verdict, group.policies)
    earlier = await flags.of_message(context.services.db, message.chat.id, message.message_id)
    standing = {label for flag in earlier if flag.state != FlagState.WITHDRAWN and flag.update_id != -attachment_seq
                for label in flag.labels}
    fresh = tuple(finding for finding in tiered.findings if finding.label not in standing) if tiered else ()
    if fresh:
        await raise_flag(context, group, message, -attachment_seq, verdict,
                         Tiered(tiered.tier, fresh, tiered.also_doubtful), source="message",
                         attachment_seq=attachment_seq)
    return verdict


def _is_command(message: Message) -> bool:
    text = message.text or ""
    return text.startswith("/") and not text.startswith("/check")


async def raise_flag(
    context: SamvadContext, group: Group, message: Message, update_id: int, verdict: Verdict, tiered: Tiered,
    *, source: str, attachment_seq: int | None = None,
) -> None:
    """Record the flag and, in the same transaction, owe its removal, warning and notifications.

    attachment_seq: the findings are in the text read from the message's file, journalled as this entry
    (the flag points at it, and the warning says it is the file).
    """
    services = context.services
    chat_id, member = message.chat.id, message.from_user
    plan = await _plan(services, group, message, tiered)
    by_admin = await roster.is_group_admin(services.db, chat_id, member.id)
    now = services.clock.now()
    interval = timedelta(seconds=services.settings.warning_interval_seconds)
    who = mention(member.id, member.full_name)
    async with services.db.transaction() as tx:
        last = await flags.last_warned_at(tx, chat_id, member.id)
        step = warning_step(tiered.tier, deleted=plan.delete, last_warned_at=last, now=now, interval=interval)
        held = step in (WarningStep.HOLD, WarningStep.NOTICE_AND_HOLD)
        flag = await flags.create(tx, NewFlag(
            chat_id=chat_id, message_id=message.message_id, update_id=update_id, member_id=member.id, source=source,
            findings=tiered.findings, verdict_labels=verdict.labels, language=verdict.language, actions=plan.taken,
            deleted=plan.delete, by_admin=by_admin, held=held, tier=tiered.tier, also_doubtful=tiered.also_doubtful,
            version_seq=attachment_seq,
        ), at=now)
        if flag is None:
            return  # this update was handled before a crash cut it short
        if plan.delete:
            await services.outbox.call(
                tx, "deleteMessage", {"chat_id": chat_id, "message_id": message.message_id},
                purpose=Purpose.MODERATION_DELETE, dedupe_key=f"moderation:delete:{flag.flag_id}",
            )
        if held:
            await tasks.schedule(
                tx, kind=COMBINED_TASK, payload={"chat_id": chat_id, "member_id": member.id}, due_at=last + interval,
                dedupe_key=f"{COMBINED_TASK}:{chat_id}:{member.id}:{to_db(last)}",
            )
        if step is WarningStep.NOTICE_AND_HOLD:
            await services.outbox.send_message(
                tx, chat_id, removal_notice_text(flag.language, who=who), purpose=Purpose.MODERATION_WARNING,
                dedupe_key=f"moderation:removal-notice:{flag.flag_id}",
            )
        elif step is WarningStep.WARN_NOW:
            await flags.note_warning(tx, chat_id, member.id, at=now)
            await _warn(tx, services, [flag], who, key=f"moderation:warning:{flag.flag_id}",
                        attachment=attachment_seq is not None)
        if plan.admins:
            await notify_admins(tx, services, flag, plan.admins)


@dataclass(frozen=True)
class Plan:
    """What the policy asks for a flag, as far as the bot can do it."""

    delete: bool
    admins: list[int]  # the admin posts' verified accounts to notify
    taken: tuple[str, ...]  # warn, delete, notify, and undeletable when a delete could not be done; review alone
    #                         for a doubtful case (nothing in the group, the admins told)


async def _plan(services: Services, group: Group, message: Message, tiered: Tiered) -> Plan:
    wanted = set().union(*(group.policies[finding.label].actions for finding in tiered.findings))
    told = tells_admins(tiered, frozenset(wanted))
    admins = await people.admin_accounts(services.db, group.binding) if told else []
    if tiered.tier is Tier.REVIEW:
        return Plan(False, admins, ("review",))
    delete = "delete" in wanted and await _may_delete(services, message)
    taken = ("warn", *(["delete"] if delete else []), *(["notify"] if admins else []),
             *(["undeletable"] if "delete" in wanted and not delete else []))
    return Plan(delete, admins, taken)


async def _may_delete(services: Services, message: Message) -> bool:
    """Whether the bot may delete this message: it holds the right here (as Telegram last said), and the
    message is younger than the 48 hours Telegram allows (an edit can come later)."""
    if message.date is not None and services.clock.now() - message.date >= DELETE_WINDOW:
        return False
    chat = await chats.get_chat(services.db, message.chat.id)
    if chat is None:
        return False
    if chat.type == "supergroup":
        return bool(chat.bot_rights.get("can_delete_messages"))
    return chat.type == "group" and chat.bot_status == "administrator"


async def _warn(
    tx: Transaction, services: Services, flagged: list[Flag], who: str, *, key: str, attachment: bool = False
) -> None:
    """One warning about one or more flags: a reply to the message when it is still there."""
    present = [flag for flag in flagged if not flag.deleted]
    reply_to = present[-1].message_id if present and (len(flagged) > 1 or not flagged[0].deleted) else None
    text = warning_text(
        flagged, most_common_language(flagged), who=who, notified=any("notify" in flag.actions for flag in flagged),
        attachment=attachment,
    )
    await services.outbox.send_message(
        tx, flagged[0].chat_id, text, purpose=Purpose.MODERATION_WARNING, reply_to=reply_to, dedupe_key=key
    )


async def send_combined_warning(task: Task, context: SamvadContext) -> None:
    """When the interval is up: one warning for every finding held back during it."""
    services = context.services
    chat_id, member_id = int(task.payload["chat_id"]), int(task.payload["member_id"])
    name = await people.display_name(services.db, member_id)
    async with services.db.transaction() as tx:
        held = await flags.take_held(tx, chat_id, member_id)
        if not held:
            return
        await flags.note_warning(tx, chat_id, member_id, at=services.clock.now())
        await _warn(tx, services, held, mention(member_id, name), key=f"moderation:combined:{held[0].flag_id}")


async def close_by_edit(context: SamvadContext, message: Message, gone: list[Flag]) -> None:
    """The edit removed what was flagged: close the flags, say so briefly, update the admins' notices."""
    services = context.services
    async with services.db.transaction() as tx:
        closed = [
            flag for flag in gone
            if await flags.withdraw(tx, flag.flag_id, by=message.from_user.id, at=services.clock.now())
        ]
        for flag in closed:
            await refresh_notices(tx, services, await flags.get(tx, flag.flag_id))
        warned = [flag for flag in closed if flag.warning is WarningState.SENT]
        if warned:
            await services.outbox.send_message(
                tx, message.chat.id, closed_text(warned[-1].language), purpose=Purpose.MODERATION_CLOSED,
                reply_to=message.message_id, dedupe_key=f"moderation:closed:{warned[-1].flag_id}",
            )


# -- /policy and /flags ----------------------------------------------------------------------


async def _group_for_command(update: Update, context: SamvadContext, command: str) -> Group | None:
    """The bound group a command is about, or None after saying why there is none."""
    if update.effective_chat.type == "private":
        await redirect(update, context, f"Send /{command} in the group it is about.")
        return None
    group = await _bound_group(context, update.effective_chat.id)
    if group is None:
        await reply(update, context, "This group is not bound to the roster, so it is not moderated. Its admin post"
                    " binds it with /bind (§2).", purpose=Purpose.MODERATION_USAGE)
    return group


async def show_or_set_policy(update: Update, context: SamvadContext) -> None:
    """/policy shows the group's policy; /policy LABEL ACTION sets one (the group's admin posts only)."""
    group = await _group_for_command(update, context, "policy")
    if group is None:
        return
    parsed = parse_policy(command_arguments(update.effective_message.text or ""))
    if isinstance(parsed, PolicyArgsError):
        await reply(update, context, escape(parsed.message), purpose=Purpose.MODERATION_USAGE)
        return
    if not isinstance(parsed, SetPolicy):
        await reply(update, context, policy_text(group.policies), purpose=Purpose.MODERATION_POLICY)
        return
    services = context.services
    if not await roster.is_group_admin(services.db, update.effective_chat.id, update.effective_user.id):
        await refuse(update, context, "Only this group's admin posts can change its policy. /policy alone shows it.",
                     command="policy")
        return
    async with services.db.transaction() as tx:
        before, after = await policies.set_policy(
            tx, chat_id=update.effective_chat.id, label=parsed.label, actions=parsed.actions,
            by=update.effective_user.id, at=services.clock.now(),
        )
    was = policies.describe_actions(before.actions)
    await reply(update, context, f"Policy for <b>{after.label}</b>: {policies.describe_actions(after.actions)}"
                f"{' (the default)' if after.is_default else ''}; it was {was}.", purpose=Purpose.MODERATION_POLICY)


POLICY_CLAUSES = {"confidential": "§2", "personal_data": "§8, privacy", "hostile": "§8"}


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


async def show_flags(update: Update, context: SamvadContext) -> None:
    """/flags: the group's open and recent flags, with links and review buttons (its admin posts only)."""
    group = await _group_for_command(update, context, "flags")
    if group is None:
        return
    services = context.services
    chat_id = update.effective_chat.id
    if not await roster.is_group_admin(services.db, chat_id, update.effective_user.id):
        await refuse(update, context, "/flags is for this group's admin posts.", command="flags")
        return
    text, markup = await listing(services.db, chat_id, now=services.clock.now(), zone=services.settings.zone)
    await reply(update, context, text, purpose=Purpose.MODERATION_FLAGS, markup=markup)
