"""Moderation's Telegram side: group messages, edits, /policy, /flags, /missed and the review buttons.

The rules (tiers, flags, warnings, removals, reviews, escalation, reports of misses) are in
coordination.moderation, coordination.moderation_review, coordination.moderation_policy and
coordination.moderation_missed; here updates become their plain inputs and the answers go back.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from coordination import moderation, moderation_missed, moderation_policy, moderation_review
from coordination.answers import Unreadable
from coordination.moderation import COMBINED_TASK
from coordination.moderation_policy import ChangePolicy
from coordination.moderation_review import DECISIONS, REVIEW_PATTERN, Pressed
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers import update_filters
from handlers.filtering import from_a_person
from handlers.moderation_args import ArgsError, command_arguments, parse_missed_labels, parse_policy
from handlers.replying import redirect, say, say_to_press
from runtime.context import SamvadContext
from storage.tasks import Task

POLICY = Command(
    "policy", "This group's moderation policy (its admin posts change it)", frozenset({Audience.GROUP}),
    usage="[LABEL ACTION]",
)
FLAGS = Command("flags", "Open and recent flags in this group, with review buttons", frozenset({Audience.GROUP_ADMIN}))
MISSED = Command(
    "missed", "Reply to a message the filter missed: it teaches the next model", frozenset({Audience.GROUP_ADMIN}),
    usage="LABEL",
)

GROUPS = filters.ChatType.GROUPS
# Commands are for the bot, not the group ("/policy confidential delete" is no leak), except a
# draft sent to /check in a group by mistake: that text is now in the group.
CHECKED = (filters.TEXT | filters.CAPTION) & (~filters.COMMAND | filters.Regex(r"^/check(?:@\w+)?(?:\s|$)"))
NEW_MESSAGES = update_filters.group_words_or(GROUPS & filters.UpdateType.MESSAGE & CHECKED)
EDITS = update_filters.group_edit(GROUPS & filters.UpdateType.EDITED_MESSAGE)


def feature() -> Feature:
    """The moderation feature."""
    return Feature(
        name="moderation",
        handlers=[
            (Stage.COMMAND, CommandHandler("policy", show_or_set_policy)),
            (Stage.COMMAND, CommandHandler("flags", show_flags)),
            (Stage.COMMAND, CommandHandler("missed", report_missed)),
            (Stage.COMMAND, CallbackQueryHandler(review, pattern=REVIEW_PATTERN)),
            (Stage.MODERATE, MessageHandler(NEW_MESSAGES, check_message)),
            (Stage.MODERATE, MessageHandler(EDITS, check_edit)),
        ],
        tasks={COMBINED_TASK: send_combined_warning},
        commands=[POLICY, FLAGS, MISSED],
    )


async def check_message(update: Update, context: SamvadContext) -> None:
    """A new group message, caption or forward."""
    message = from_a_person(update.effective_message)
    if message is not None:
        await moderation.check_message(collaborators(context), message, update.update_id)


async def check_edit(update: Update, context: SamvadContext) -> None:
    """An edit of a group message."""
    message = from_a_person(update.edited_message)
    if message is not None:
        await moderation.check_edit(collaborators(context), message, update.update_id)


async def send_combined_warning(task: Task, context: SamvadContext) -> None:
    """When the interval is up: one warning for every finding held back during it."""
    await moderation.send_combined_warning(
        collaborators(context), int(task.payload["chat_id"]), int(task.payload["member_id"])
    )


async def review(update: Update, context: SamvadContext) -> None:
    """A press of "Not a violation" or "Confirm" under a notice or a /flags listing."""
    query = update.callback_query
    _, code, raw_id = query.data.split(":")
    message = query.message
    pressed = Pressed(message.chat.id, message.message_id, message.chat.type == "private") if message else None
    answer = await moderation_review.review(
        collaborators(context), int(raw_id), DECISIONS[code], query.from_user.id, pressed=pressed
    )
    await say_to_press(query, context, answer)


async def show_or_set_policy(update: Update, context: SamvadContext) -> None:
    """/policy shows the group's policy; /policy LABEL ACTION sets one (the group's admin posts only)."""
    if update.effective_chat.type == "private":
        await redirect(update, context, "Send /policy in the group it is about.")
        return
    parsed = parse_policy(command_arguments(update.effective_message.text or ""))
    request = (parsed if isinstance(parsed, ChangePolicy)
               else Unreadable(parsed.message) if isinstance(parsed, ArgsError) else None)
    await say(update, context, await moderation_policy.policy_command(
        collaborators(context), update.effective_chat.id, update.effective_user.id, request
    ))


async def show_flags(update: Update, context: SamvadContext) -> None:
    """/flags: the group's open and recent flags, with links and review buttons (its admin posts only)."""
    if update.effective_chat.type == "private":
        await redirect(update, context, "Send /flags in the group it is about.")
        return
    await say(update, context, await moderation_policy.flags_command(
        collaborators(context), update.effective_chat.id, update.effective_user.id
    ))


async def report_missed(update: Update, context: SamvadContext) -> None:
    """/missed LABEL, in reply to a message the filter should have labelled (the group's admin posts only)."""
    if update.effective_chat.type == "private":
        await redirect(update, context, "Send /missed in the group, in reply to the message the filter missed.")
        return
    message = update.effective_message
    parsed = parse_missed_labels(command_arguments(message.text or ""))
    replied = message.reply_to_message
    request = (Unreadable(parsed.message) if isinstance(parsed, ArgsError) else moderation_missed.MissedReport(
        parsed,
        replied.message_id if replied else None,
        bool(replied and replied.from_user and replied.from_user.is_bot),
    ))
    await say(update, context, await moderation_missed.missed_command(
        collaborators(context), update.effective_chat.id, update.effective_user.id, request
    ))
