"""Instructions and acknowledgements (circular §2): the group messages, button presses, replies and commands
that coordination.records and coordination.records_reading act on."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from coordination import records, records_reading
from coordination.filtering import verdict_for
from coordination.answers import Unreadable
from coordination.records_reading import LogRequest
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers import update_filters
from handlers.filtering import from_a_person
from handlers.record_args import UsageError, log_count, private_log_request
from handlers.replying import command_args, say, say_to_press
from runtime.context import SamvadContext
from storage.tasks import Task

log = logging.getLogger(__name__)

REMINDER_TASK = records.REMINDER_TASK

LOG = Command("log", "Recent instructions with acknowledgement counts (in private: the groups you may read)",
              frozenset({Audience.GROUP_ADMIN, Audience.PRIVATE}), "[N] [GROUP]")
PENDING = Command(
    "pending",
    "Who has not acknowledged an instruction (reply to it; in private: yours, and a coordinator's groups)",
    frozenset({Audience.GROUP, Audience.PRIVATE}),
)

GROUP_TEXT = update_filters.group_words(
    filters.ChatType.GROUPS & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND & filters.UpdateType.MESSAGE)
GROUP_REPLIES = update_filters.group_words_replying(GROUP_TEXT & filters.REPLY)


def feature() -> Feature:
    """The instructions feature."""
    return Feature(
        name="records",
        handlers=[
            (Stage.COMMAND, CommandHandler("pending", pending)),
            (Stage.COMMAND, CommandHandler("log", show_log)),
            (Stage.COMMAND, CallbackQueryHandler(acknowledge_by_button, pattern=r"^ack:\d+$")),
            (Stage.INSTRUCT, MessageHandler(GROUP_TEXT, capture_instruction)),
            (Stage.ACKNOWLEDGE, MessageHandler(GROUP_REPLIES, acknowledge_by_reply)),
        ],
        tasks={REMINDER_TASK: send_reminder},
        commands=[LOG, PENDING],
    )


async def capture_instruction(update: Update, context: SamvadContext) -> None:
    """A group message the filter is sure is an instruction (Tier.ACT) becomes an instruction record.

    Never a forward: it is recorded as a forward (its origin and date) by the recording stage.
    """
    message = from_a_person(update.effective_message)
    c = collaborators(context)
    if message is None or c.content_filter is None:
        return
    await records.capture_instruction(c, message, await verdict_for(c, message, message.text))


async def acknowledge_by_button(update: Update, context: SamvadContext) -> None:
    """A press of "Acknowledge" counts for the presser's post(s)."""
    query = update.callback_query
    answer = await records.acknowledge_by_button(
        collaborators(context), int(query.data.partition(":")[2]),
        chat_id=query.message.chat.id if query.message is not None else None, user_id=query.from_user.id,
    )
    await say_to_press(query, context, answer)


async def acknowledge_by_reply(update: Update, context: SamvadContext) -> None:
    """A reply such as "noted", "done", "જી", "जी" to an instruction (or the bot's note on it)."""
    message = from_a_person(update.effective_message)
    if message is not None:
        await records.acknowledge_by_reply(
            collaborators(context), message, update.effective_message.reply_to_message.message_id
        )


async def pending(update: Update, context: SamvadContext) -> None:
    """/pending: in a group, who has not acknowledged; in private, your own unacknowledged instructions."""
    c = collaborators(context)
    if update.effective_chat.type == "private":
        await say(update, context, await records_reading.private_pending(c, update.effective_user.id))
        return
    replied = update.effective_message.reply_to_message
    await say(update, context, await records_reading.group_pending(
        c, update.effective_chat.id, update.effective_user.id, replied.message_id if replied is not None else None
    ))


async def show_log(update: Update, context: SamvadContext) -> None:
    """/log [N] [GROUP]: a group's recent instructions with acknowledgement counts (its admins only)."""
    c = collaborators(context)
    args = command_args(update).split()
    request: LogRequest | Unreadable
    if update.effective_chat.type == "private":
        try:
            request = LogRequest(*private_log_request(args))
        except UsageError as error:
            request = Unreadable(str(error))
        await say(update, context, await records_reading.private_log(c, update.effective_user.id, request))
        return
    try:
        request = LogRequest(log_count(args))
    except UsageError as error:
        request = Unreadable(str(error))
    await say(update, context, await records_reading.group_log(c, update.effective_chat.id, update.effective_user.id,
                                                               request))


async def send_reminder(task: Task, context: SamvadContext) -> None:
    """Before the due time: remind the group of who has not acknowledged."""
    await records.send_reminder(collaborators(context), int(task.payload["instruction_id"]))
