"""Instructions and acknowledgements: recorded from group messages, acknowledged by button or reply,
listed with /pending and /log, and reminded before they are due (circular §2: record keeping)."""

from __future__ import annotations

import logging
from datetime import timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from runtime.context import SamvadContext
from handlers.feature import Audience, Command, Feature, Stage
from handlers.filtering import verdict_for
from handlers.moderation_rules import records_instruction
from handlers.record_args import UsageError, binding_named, log_count, private_log_request
from handlers.replying import command_args, redirect, refuse, reply
from nlp.record import KIND_NAMES, is_acknowledgement, read_instruction
from storage import access, chats, flags, incidents, instructions, journal, roster, tasks
from storage.access import Reading, Viewer
from storage.instructions import Instruction, InstructionStatus
from storage.tasks import Task
from runtime.purposes import Purpose
from storage.timefmt import for_chat

log = logging.getLogger(__name__)

REMINDER_TASK = "records.reminder"
ACK_DATA = "ack:{}"
SNIPPET = 120
LOG_PER_GROUP = 5  # recent instructions a coordinator's /pending looks through per group

LOG = Command("log", "Recent instructions with acknowledgement counts (in private: the groups you may read)",
              frozenset({Audience.GROUP_ADMIN, Audience.PRIVATE}), "[N] [GROUP]")
PENDING = Command(
    "pending",
    "Who has not acknowledged an instruction (reply to it; in private: yours, and a coordinator's groups)",
    frozenset({Audience.GROUP, Audience.PRIVATE}),
)

GROUP_TEXT = filters.ChatType.GROUPS & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND & filters.UpdateType.MESSAGE


def feature() -> Feature:
    """The instructions feature."""
    return Feature(
        name="records",
        handlers=[
            (Stage.COMMAND, CommandHandler("pending", pending)),
            (Stage.COMMAND, CommandHandler("log", show_log)),
            (Stage.COMMAND, CallbackQueryHandler(acknowledge_by_button, pattern=r"^ack:\d+$")),
            (Stage.INSTRUCT, MessageHandler(GROUP_TEXT, capture_instruction)),
            (Stage.ACKNOWLEDGE, MessageHandler(GROUP_TEXT & filters.REPLY, acknowledge_by_reply)),
        ],
        tasks={REMINDER_TASK: send_reminder},
        commands=[LOG, PENDING],
    )


def ack_button(instruction_id: int) -> InlineKeyboardMarkup:
    """The "Acknowledge" button under an instruction."""
    return InlineKeyboardMarkup([[InlineKeyboardButton("✅ Acknowledge", callback_data=ACK_DATA.format(instruction_id))]])


async def capture_instruction(update: Update, context: SamvadContext) -> None:
    """A group message the filter is sure is an instruction (Tier.ACT) becomes an instruction record.

    Never a forward: it is recorded as a forward (its origin and date) by the recording stage.
    """
    message = update.effective_message
    services = context.services
    if message.from_user is None or message.from_user.is_bot or services.classifier is None:
        return
    text = message.text or message.caption or ""
    verdict = await verdict_for(services, message, text)
    await _keep_personal_data_spans(context, message.chat.id, message.message_id, verdict)
    if not records_instruction(
        verdict, is_forward=message.forward_origin is not None, is_acknowledgement=is_acknowledgement(text)
    ):
        return  # a doubtful instruction or a forward stays a plain message in the record
    binding = await roster.binding_of(services.db, message.chat.id)
    if binding is None:
        return  # not one of the circular's groups: no roster says whose acknowledgement is owed
    if any(flag.deleted for flag in await flags.of_message(services.db, message.chat.id, message.message_id)):
        return  # moderation removed it: the author reposts it without what was flagged
    details = read_instruction(text, now=message.date, zone=services.settings.zone)
    mentioned = tuple(
        entity.user.id for entity in message.parse_entities([MessageEntity.TEXT_MENTION]) if entity.user
    ) if message.text else ()
    addressees = await instructions.resolve(
        services.db, binding, details.addressees, mentioned_user_ids=mentioned, author_id=message.from_user.id
    )
    now = services.clock.now()
    async with services.db.transaction() as tx:
        incident = await incidents.open_for_chat(tx, message.chat.id)
        instruction = await instructions.create(
            tx, chat_id=message.chat.id, message_id=message.message_id, author_id=message.from_user.id,
            kind=details.kind, due_at=details.due.at if details.due else None,
            due_text=details.due.text if details.due else None, addressees=addressees,
            incident_id=incident.incident_id if incident else None, at=now,
        )
        if instruction is None:
            return
        status = await instructions.status(tx, instruction)
        await services.outbox.send_message(
            tx, message.chat.id, prompt_text(status, services.settings.zone, incident.name if incident else None),
            purpose=Purpose.RECORDS_INSTRUCTION, reply_to=message.message_id, markup=ack_button(instruction.instruction_id),
        )
        await _schedule_reminder(tx, context, instruction)


async def _keep_personal_data_spans(context: SamvadContext, chat_id: int, message_id: int, verdict) -> None:
    """Keep the filter's personal-data spans so exports mask exactly them."""
    spans = [e for e in getattr(verdict, "evidence", ()) if e.label == "personal_data"]
    if not spans:
        return
    async with context.services.db.transaction() as tx:
        row = await tx.fetchone(
            "SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
        )
        if row is not None:
            await tx.executemany(
                "INSERT OR IGNORE INTO personal_data_spans (journal_seq, start, end, reason_code) VALUES (?, ?, ?, ?)",
                [(row[0], e.start, e.end, e.reason_code) for e in spans],
            )


async def _schedule_reminder(tx, context: SamvadContext, instruction: Instruction) -> None:
    """A reminder before the due time, if that moment is still ahead."""
    if instruction.due_at is None:
        return
    remind_at = instruction.due_at - timedelta(minutes=context.services.settings.reminder_lead_minutes)
    if remind_at <= context.services.clock.now():
        return  # too close to the due time: the prompt itself is the reminder
    await tasks.schedule(
        tx, kind=REMINDER_TASK, payload={"instruction_id": instruction.instruction_id}, due_at=remind_at,
        dedupe_key=f"{REMINDER_TASK}:{instruction.instruction_id}",
    )


def prompt_text(status: InstructionStatus, zone, incident: str | None) -> str:
    """The bot's note under a newly recorded instruction."""
    instruction = status.instruction
    lines = [f"📌 Recorded as an instruction ({escape(KIND_NAMES.get(instruction.kind, instruction.kind))})."]
    if instruction.due_at is not None:
        lines.append(f"Due: <b>{escape(for_chat(instruction.due_at, zone))}</b>.")
    lines.append(f"Addressed to: {escape(addressee_list(status))}.")
    if incident:
        lines.append(f"Incident: {escape(incident)}.")
    lines.append("Press Acknowledge, or reply “noted” / “જી” / “जी”.")
    return "\n".join(lines)


def addressee_list(status: InstructionStatus) -> str:
    """Who an instruction is addressed to, in words."""
    if status.instruction.whole_group:
        return f"the whole group ({len(status.addressed_posts)} posts)" if status.addressed_posts else "the whole group"
    names = [post.designation for post in status.addressed_posts] + [f"account {u}" for u in status.addressed_users]
    return "; ".join(names)


async def acknowledge_by_button(update: Update, context: SamvadContext) -> None:
    """A press of "Acknowledge" counts for the presser's post(s)."""
    query = update.callback_query
    services = context.services
    instruction = await instructions.get(services.db, int(query.data.partition(":")[2]))
    if instruction is None or query.message is None or instruction.chat_id != query.message.chat.id:
        await query.answer("This instruction is not in the record.", show_alert=True)
        return
    answer = await _acknowledge(context, instruction, query.from_user.id, how="button", message_id=None)
    await query.answer(answer)


async def acknowledge_by_reply(update: Update, context: SamvadContext) -> None:
    """A reply such as "noted", "done", "જી", "जी" to an instruction (or the bot's note on it)."""
    message = update.effective_message
    if message.from_user is None or message.from_user.is_bot:
        return
    if not is_acknowledgement(message.text or message.caption):
        return
    services = context.services
    instruction = await instructions.for_message(services.db, message.chat.id, message.reply_to_message.message_id)
    if instruction is not None:
        await _acknowledge(context, instruction, message.from_user.id, how="reply", message_id=message.message_id)


async def _acknowledge(context: SamvadContext, instruction: Instruction, user_id: int, *, how: str,
                       message_id: int | None) -> str:
    """Record an acknowledgement; returns what to tell the person."""
    services = context.services
    binding = await roster.binding_of(services.db, instruction.chat_id)
    posts = await roster.posts_of_user(services.db, user_id)
    if binding is not None:
        posts = [post for post in posts if binding.includes(post)] or posts
    async with services.db.transaction() as tx:
        new = await instructions.acknowledge(
            tx, instruction, user_id=user_id, posts=posts, how=how, message_id=message_id, at=services.clock.now()
        )
    if not new:
        return "Already acknowledged."
    if not posts:
        return "Acknowledged. Your account has no verified post, so it is recorded against your account."
    return "Acknowledged for " + "; ".join(post.designation for post in posts) + "."


async def pending(update: Update, context: SamvadContext) -> None:
    """/pending: in a group, who has not acknowledged; in private, your own unacknowledged instructions."""
    if update.effective_chat.type == "private":
        await _my_pending(update, context)
        return
    services = context.services
    message = update.effective_message
    chat_id = update.effective_chat.id
    if message.reply_to_message is not None:
        instruction = await instructions.for_message(services.db, chat_id, message.reply_to_message.message_id)
        if instruction is None:
            await reply(update, context, "That message is not a recorded instruction. Reply to an instruction"
                        " (or send /pending alone for the latest).", purpose=Purpose.RECORDS_PENDING)
            return
    else:
        instruction = await instructions.latest(services.db, chat_id)
        if instruction is None:
            await reply(update, context, "No instruction has been recorded in this group yet.", purpose=Purpose.RECORDS_PENDING)
            return
    viewer = await access.viewer_of(services.db, message.from_user.id)
    if not (viewer.sees_chat(chat_id) or instruction.author_id == viewer.user_id):
        await refuse(update, context, "Only this group's admins and the instruction's author can list who is pending.",
                     command="pending")
        return
    status = await instructions.status(services.db, instruction)
    await reply(update, context, pending_text(status, services.settings.zone), purpose=Purpose.RECORDS_PENDING)


def pending_text(status: InstructionStatus, zone) -> str:
    """Who has and has not acknowledged an instruction."""
    instruction = status.instruction
    due = f", due {for_chat(instruction.due_at, zone)}" if instruction.due_at else ""
    head = (f"Instruction of {escape(for_chat(instruction.created_at, zone))}{escape(due)}:"
            f" {status.received} of {status.owed} acknowledged.")
    if status.owed == 0:
        return head + "\nThis group is not bound to the roster, so I cannot tell whose acknowledgement is owed."
    waiting = [post.designation for post in status.pending_posts] + [f"account {u}" for u in status.pending_users]
    if not waiting:
        return head + "\nEveryone addressed has acknowledged."
    return head + "\nNot yet acknowledged:\n" + "\n".join(f"• {escape(name)}" for name in waiting)


async def _my_pending(update: Update, context: SamvadContext) -> None:
    services = context.services
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    if viewer.is_coordinator:
        await _scope_pending(update, context, viewer)
        return
    lines = await _own_pending_lines(context, viewer)
    if not lines:
        await reply(update, context, "Nothing addressed to you is waiting for your acknowledgement.",
                    purpose=Purpose.RECORDS_PENDING)
        return
    await reply(update, context, "Instructions addressed to you that you have not acknowledged:\n" + "\n".join(lines),
                purpose=Purpose.RECORDS_PENDING)


async def _scope_pending(update: Update, context: SamvadContext, viewer: Viewer) -> None:
    """A coordinator's private /pending: what waits for acknowledgement in each group of their scope, then their own."""
    services = context.services
    groups = viewer.readable(Reading.PENDING, private=True)
    lines = []
    for binding in groups:
        waiting = []
        for instruction in await instructions.recent(services.db, binding.chat_id, LOG_PER_GROUP):
            status = await instructions.status(services.db, instruction)
            names = [post.designation for post in status.pending_posts] + [f"account {u}" for u in status.pending_users]
            if names:
                text = await _instruction_text(services.db, instruction)
                due = f", due {for_chat(instruction.due_at, services.settings.zone)}" if instruction.due_at else ""
                waiting.append(f"• {escape(text)}{escape(due)} — {status.received}/{status.owed};"
                               f" waiting for {escape('; '.join(names))}")
        title = await chats.title_of(services.db, binding.chat_id)
        lines += [f"\n<b>{escape(title)}</b>", *(waiting or ["Every recent instruction is acknowledged."])]
    await _journal_reading(context, viewer, Reading.PENDING, [b.chat_id for b in groups])
    own = await _own_pending_lines(context, viewer)
    if own:
        lines += ["\n<b>Addressed to you</b>", *own]
    await reply(update, context, "Waiting for acknowledgement in the groups you coordinate:" + "\n".join(lines),
                purpose=Purpose.RECORDS_PENDING)


async def _journal_reading(context: SamvadContext, viewer: Viewer, reading: Reading, chat_ids: list[int]) -> None:
    """Journal a read of the record, as exports and searches are (who, what, which groups, in what right)."""
    services = context.services
    async with services.db.transaction() as tx:
        await journal.append(tx, kind="record.read", chat_id=chat_ids[0] if len(chat_ids) == 1 else None,
                             actor_id=viewer.user_id, at=services.clock.now(),
                             body={"reading": reading.value, "chats": chat_ids,
                                   "as": "coordinator" if viewer.only_as_coordinator(chat_ids) else "admin"})


async def _own_pending_lines(context: SamvadContext, viewer: Viewer) -> list[str]:
    services = context.services
    lines = []
    for instruction in await instructions.addressed_to(services.db, viewer.post_ids, viewer.user_id):
        status = await instructions.status(services.db, instruction)
        acked_posts = status.acknowledged_posts
        mine = [post for post in status.addressed_posts if post.post_id in viewer.post_ids]
        if any(post.post_id not in acked_posts for post in mine) or (
            viewer.user_id in status.pending_users
        ):
            text = await _instruction_text(services.db, instruction)
            due = f" — due {for_chat(instruction.due_at, services.settings.zone)}" if instruction.due_at else ""
            lines.append(f"• {escape(await chats.title_of(services.db, instruction.chat_id))}{escape(due)}: {escape(text)}")
    return lines


async def show_log(update: Update, context: SamvadContext) -> None:
    """/log [N]: a group's recent instructions with acknowledgement counts (its admins only)."""
    services = context.services
    if update.effective_chat.type == "private":
        await _private_log(update, context)
        return
    try:
        count = log_count(command_args(update).split())
    except UsageError as error:
        await reply(update, context, escape(str(error)), purpose=Purpose.RECORDS_USAGE)
        return
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    if not viewer.sees_chat(update.effective_chat.id):
        await refuse(update, context, "/log is for this group's admins. Use /pending in reply to an instruction you gave.",
                     command="log")
        return
    found = await instructions.recent(services.db, update.effective_chat.id, count)
    if not found:
        await reply(update, context, "No instruction has been recorded in this group yet.", purpose=Purpose.RECORDS_LOG)
        return
    heading = "Last instruction:" if len(found) == 1 else f"Last {len(found)} instructions:"
    lines = [heading] + await _log_lines(context, found)
    await reply(update, context, "\n".join(lines), purpose=Purpose.RECORDS_LOG)


async def _log_lines(context: SamvadContext, found: list[Instruction]) -> list[str]:
    services = context.services
    lines = []
    for instruction in found:
        status = await instructions.status(services.db, instruction)
        text = await _instruction_text(services.db, instruction)
        due = f", due {for_chat(instruction.due_at, services.settings.zone)}" if instruction.due_at else ""
        lines.append(
            f"• {escape(for_chat(instruction.created_at, services.settings.zone))}"
            f" ({escape(KIND_NAMES.get(instruction.kind, instruction.kind))}{escape(due)}):"
            f" {escape(text)} — {status.received}/{status.owed} acknowledged"
        )
    return lines


async def _private_log(update: Update, context: SamvadContext) -> None:
    """/log [N] [GROUP] in private: the recent instructions of the groups an admin or coordinator may read."""
    services = context.services
    viewer = await access.viewer_of(services.db, update.effective_user.id)
    groups = viewer.readable(Reading.LOG, private=True)
    if not groups:
        await redirect(update, context, "Send /log in the group whose instructions you want to see.")
        return
    try:
        count, named = private_log_request(command_args(update).split())
        if named is not None:
            groups = (binding_named(groups, named),)
    except UsageError as error:
        await reply(update, context, escape(str(error)), purpose=Purpose.RECORDS_USAGE)
        return
    lines = []
    for binding in groups:
        found = await instructions.recent(services.db, binding.chat_id, count)
        lines.append(f"\n<b>{escape(await chats.title_of(services.db, binding.chat_id))}</b>")
        lines += await _log_lines(context, found) if found else ["No instruction recorded yet."]
    await _journal_reading(context, viewer, Reading.LOG, [b.chat_id for b in groups])
    await reply(update, context, f"Recent instructions (up to {count} per group):" + "\n".join(lines),
                purpose=Purpose.RECORDS_LOG)


async def send_reminder(task: Task, context: SamvadContext) -> None:
    """Before the due time: remind the group of who has not acknowledged."""
    services = context.services
    instruction = await instructions.get(services.db, int(task.payload["instruction_id"]))
    if instruction is None:
        return
    status = await instructions.status(services.db, instruction)
    waiting = [post.designation for post in status.pending_posts]
    if not waiting and not status.pending_users:
        return
    due = for_chat(instruction.due_at, services.settings.zone) if instruction.due_at else "soon"
    text = (f"⏰ Reminder: this instruction is due <b>{escape(due)}</b>. Not yet acknowledged: "
            + escape("; ".join(waiting + [f"account {u}" for u in status.pending_users])) + ".")
    async with services.db.transaction() as tx:
        await services.outbox.send_message(
            tx, instruction.chat_id, text, purpose=Purpose.RECORDS_REMINDER, reply_to=instruction.message_id,
            markup=ack_button(instruction.instruction_id),
        )


async def _instruction_text(db, instruction: Instruction) -> str:
    row = await db.fetchone(
        "SELECT text FROM messages WHERE chat_id = ? AND message_id = ?", (instruction.chat_id, instruction.message_id)
    )
    text = (row[0] if row and row[0] else "[text erased]").replace("\n", " ")
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


