"""Reading the instructions' record: /pending (who has not acknowledged) and /log (recent instructions with
their counts), in a group for its admins, and in private for the groups a person may read; and the journal entry
of every read of the record (these, and /sitrep's)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo
from html import escape
from typing import Any

from coordination.answers import Answer, Redirect, Refusal, Reply, Unreadable
from coordination.collaborators import Collaborators
from coordination.people import UnknownGroup, binding_named
from coordination.records import instruction_snippet, kind_name
from runtime.purposes import Purpose
from storage import access, chats, instructions, journal
from storage.access import Reading, Viewer
from storage.instructions import Instruction, InstructionStatus
from storage.roster import Binding
from storage.timefmt import for_chat

LOG_PER_GROUP = 5  # recent instructions a coordinator's /pending looks through per group
NONE_YET = "No instruction has been recorded in this group yet."


@dataclass(frozen=True)
class LogRequest:
    """/log [N] [GROUP]: how many per group, and which group (all a person may read when None)."""

    count: int
    group: str | None = None


async def group_pending(c: Collaborators, chat_id: int, user_id: int, replied_to: int | None) -> Answer:
    """/pending in a group: who has not acknowledged the instruction replied to (else the latest); for the
    group's admins and the instruction's author."""
    if replied_to is not None:
        instruction = await instructions.for_message(c.db, chat_id, replied_to)
        if instruction is None:
            return Reply("That message is not a recorded instruction. Reply to an instruction"
                         " (or send /pending alone for the latest).", Purpose.RECORDS_PENDING)
    else:
        instruction = await instructions.latest(c.db, chat_id)
        if instruction is None:
            return Reply(NONE_YET, Purpose.RECORDS_PENDING)
    viewer = await access.viewer_of(c.db, user_id)
    if not (viewer.sees_chat(chat_id) or instruction.author_id == viewer.user_id):
        return Refusal("Only this group's admins and the instruction's author can list who is pending.", "pending")
    status = await instructions.status(c.db, instruction)
    return Reply(pending_text(status, c.settings.zone), Purpose.RECORDS_PENDING)


def pending_text(status: InstructionStatus, zone: tzinfo) -> str:
    """Who has and has not acknowledged an instruction."""
    instruction = status.instruction
    due = f", due {for_chat(instruction.due_at, zone)}" if instruction.due_at else ""
    head = (f"Instruction of {escape(for_chat(instruction.created_at, zone))}{escape(due)}:"
            f" {status.received} of {status.owed} acknowledged.")
    if status.owed == 0:
        return head + "\nThis group is not bound to the roster, so I cannot tell whose acknowledgement is owed."
    waiting = _waiting(status)
    if not waiting:
        return head + "\nEveryone addressed has acknowledged."
    return head + "\nNot yet acknowledged:\n" + "\n".join(f"• {escape(name)}" for name in waiting)


def _waiting(status: InstructionStatus) -> list[str]:
    return [post.designation for post in status.pending_posts] + [f"account {u}" for u in status.pending_users]


async def private_pending(c: Collaborators, user_id: int) -> Answer:
    """/pending in private: a coordinator's groups, then (for everyone) what waits for their own acknowledgement."""
    viewer = await access.viewer_of(c.db, user_id)
    if viewer.is_coordinator:
        return await _scope_pending(c, viewer)
    lines = await _own_pending_lines(c, viewer)
    if not lines:
        return Reply("Nothing addressed to you is waiting for your acknowledgement.", Purpose.RECORDS_PENDING)
    return Reply("Instructions addressed to you that you have not acknowledged:\n" + "\n".join(lines),
                 Purpose.RECORDS_PENDING)


async def _scope_pending(c: Collaborators, viewer: Viewer) -> Reply:
    """A coordinator's private /pending: what waits for acknowledgement in each group of their scope, then their own."""
    zone = c.settings.zone
    groups = viewer.readable(Reading.PENDING, private=True)
    lines = []
    for binding in groups:
        waiting = []
        for instruction in await instructions.recent(c.db, binding.chat_id, LOG_PER_GROUP):
            status = await instructions.status(c.db, instruction)
            names = _waiting(status)
            if names:
                text = await instruction_snippet(c.db, instruction)
                due = f", due {for_chat(instruction.due_at, zone)}" if instruction.due_at else ""
                waiting.append(f"• {escape(text)}{escape(due)} — {status.received}/{status.owed};"
                               f" waiting for {escape('; '.join(names))}")
        title = await chats.title_of(c.db, binding.chat_id)
        lines += [f"\n<b>{escape(title)}</b>", *(waiting or ["Every recent instruction is acknowledged."])]
    await journal_reading(c, viewer, Reading.PENDING, *_chats_read(groups))
    own = await _own_pending_lines(c, viewer)
    if own:
        lines += ["\n<b>Addressed to you</b>", *own]
    return Reply("Waiting for acknowledgement in the groups you coordinate:" + "\n".join(lines),
                 Purpose.RECORDS_PENDING)


async def _own_pending_lines(c: Collaborators, viewer: Viewer) -> list[str]:
    lines = []
    for instruction in await instructions.addressed_to(c.db, viewer.post_ids, viewer.user_id):
        status = await instructions.status(c.db, instruction)
        mine = [post for post in status.addressed_posts if post.post_id in viewer.post_ids]
        if any(post.post_id not in status.acknowledged_posts for post in mine) or viewer.user_id in status.pending_users:
            text = await instruction_snippet(c.db, instruction)
            due = f" — due {for_chat(instruction.due_at, c.settings.zone)}" if instruction.due_at else ""
            title = await chats.title_of(c.db, instruction.chat_id)
            lines.append(f"• {escape(title)}{escape(due)}: {escape(text)}")
    return lines


async def group_log(c: Collaborators, chat_id: int, user_id: int, request: LogRequest | Unreadable) -> Answer:
    """/log [N] in a group: its recent instructions with acknowledgement counts (its admins only)."""
    if isinstance(request, Unreadable):
        return Reply(escape(request.text), Purpose.RECORDS_USAGE)
    viewer = await access.viewer_of(c.db, user_id)
    if not viewer.sees_chat(chat_id):
        return Refusal("/log is for this group's admins. Use /pending in reply to an instruction you gave.", "log")
    found = await instructions.recent(c.db, chat_id, request.count)
    if not found:
        return Reply(NONE_YET, Purpose.RECORDS_LOG)
    heading = "Last instruction:" if len(found) == 1 else f"Last {len(found)} instructions:"
    return Reply("\n".join([heading] + await _log_lines(c, found)), Purpose.RECORDS_LOG)


async def _log_lines(c: Collaborators, found: list[Instruction]) -> list[str]:
    zone = c.settings.zone
    lines = []
    for instruction in found:
        status = await instructions.status(c.db, instruction)
        text = await instruction_snippet(c.db, instruction)
        due = f", due {for_chat(instruction.due_at, zone)}" if instruction.due_at else ""
        lines.append(
            f"• {escape(for_chat(instruction.created_at, zone))}"
            f" ({escape(kind_name(instruction.kind))}{escape(due)}):"
            f" {escape(text)} — {status.received}/{status.owed} acknowledged"
        )
    return lines


async def private_log(c: Collaborators, user_id: int, request: LogRequest | Unreadable) -> Answer:
    """/log [N] [GROUP] in private: the recent instructions of the groups an admin or coordinator may read."""
    viewer = await access.viewer_of(c.db, user_id)
    groups = viewer.readable(Reading.LOG, private=True)
    if not groups:
        return Redirect("Send /log in the group whose instructions you want to see.")
    if isinstance(request, Unreadable):
        return Reply(escape(request.text), Purpose.RECORDS_USAGE)
    if request.group is not None:
        try:
            groups = (binding_named(groups, request.group),)
        except UnknownGroup as error:
            return Reply(escape(str(error)), Purpose.RECORDS_USAGE)
    lines = []
    for binding in groups:
        found = await instructions.recent(c.db, binding.chat_id, request.count)
        lines.append(f"\n<b>{escape(await chats.title_of(c.db, binding.chat_id))}</b>")
        lines += await _log_lines(c, found) if found else ["No instruction recorded yet."]
    await journal_reading(c, viewer, Reading.LOG, *_chats_read(groups))
    return Reply(f"Recent instructions (up to {request.count} per group):" + "\n".join(lines), Purpose.RECORDS_LOG)


def _chats_read(groups: Iterable[Binding]) -> tuple[list[int], int | None]:
    """The groups read, and the one group when it was only one."""
    chat_ids = [binding.chat_id for binding in groups]
    return chat_ids, chat_ids[0] if len(chat_ids) == 1 else None


async def journal_reading(c: Collaborators, viewer: Viewer, reading: Reading, chat_ids: list[int],
                          chat_id: int | None = None, **details: Any) -> None:
    """Journal a read of the record, as exports and searches are: who, what, which groups (chat_id: the one group
    read, when only one), in what right (as a coordinator only, or as an admin), and the read's details."""
    role = "coordinator" if viewer.only_as_coordinator(chat_ids) else "admin"
    async with c.db.transaction() as tx:
        await journal.append(tx, kind="record.read", chat_id=chat_id, actor_id=viewer.user_id, at=c.clock.now(),
                             body={"reading": reading.value, **details, "chats": chat_ids, "as": role})
