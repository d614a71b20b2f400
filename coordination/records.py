"""Instructions and acknowledgements (circular §2, record keeping): a group message the filter is sure is an
instruction becomes a record with an Acknowledge prompt; a button press or a reply such as "noted", "જી",
"जी" acknowledges it for the person's posts; a reminder goes to the group before it is due.

/log and /pending read these records (coordination/records_reading.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from enum import StrEnum
from html import escape

from coordination.answers import ButtonAnswer, Keyboard, keyboard
from coordination.collaborators import Collaborators
from coordination.filtering import GroupMessage
from nlp import Verdict
from nlp.record import KIND_NAMES, Addressees, is_acknowledgement, read_instruction
from nlp.record.addressees import designation_matches, qualifier_names
from nlp.verdict import Tier
from runtime.purposes import Purpose
from storage import exports, instructions, roster, tasks
from storage.database import Database, Unit
from storage.instructions import Instruction, InstructionFacts, ResolvedAddressees
from storage.roster import Binding, Post
from storage.timefmt import for_chat

REMINDER_TASK = "records.reminder"
ACK_DATA = "ack:{}"
SNIPPET = 120  # characters of an instruction's text shown in a list


class AckHow(StrEnum):
    """How an acknowledgement came (stored in the record as these words)."""

    BUTTON = "button"
    REPLY = "reply"


def ack_button(instruction_id: int) -> Keyboard:
    """The "Acknowledge" button under an instruction."""
    return keyboard([[("✅ Acknowledge", ACK_DATA.format(instruction_id))]])


def becomes_instruction(verdict: Verdict, *, is_forward: bool, is_acknowledgement: bool) -> bool:
    """Whether a group message becomes an instruction with an Acknowledge prompt and reminders.

    Only at Tier.ACT: a doubtful instruction is not prompted (it stays in the message log as any
    message does). A forward is someone else's earlier words, not a new order by the forwarder.
    """
    return verdict.tier("instruction") is Tier.ACT and not is_forward and not is_acknowledgement


async def capture_instruction(c: Collaborators, message: GroupMessage, verdict: Verdict) -> Instruction | None:
    """Record a group message as an instruction if the filter is sure it is one; prompt for acknowledgements
    and schedule the reminder. Returns the new instruction (None if the message is not one).

    One unit of work whatever the message names, in one trip: the facts read (the group, whether moderation
    removed the message, its members and the people named), the addressees decided on them, and the spans, the
    record, the prompt and the reminder written (on PostgreSQL the record, its journal entry, addressees, prompt
    and reminder in one statement: storage.instructions.create_in).
    """
    spans = [(e.start, e.end, e.reason_code) for e in verdict.evidence if e.label == "personal_data"]
    # Whether the text is an acknowledgement is read only of a message that would otherwise become one (most do not).
    if not (becomes_instruction(verdict, is_forward=message.is_forward, is_acknowledgement=False)
            and not is_acknowledgement(message.text)):
        await _keep_spans(c.db, message, spans)  # exports mask exactly the personal data the filter found
        return None  # a doubtful instruction or a forward stays a plain message in the record
    details = read_instruction(message.text, now=message.date or c.clock.now(), zone=c.settings.zone)
    prompt_key = c.outbox.next_dedupe_key(Purpose.RECORDS_INSTRUCTION)
    at = c.clock.now()

    def record(unit: Unit) -> Instruction | None:
        exports.keep_personal_data_spans_in(unit, message.chat_id, message.message_id, spans)
        people = ((message.sender_id,) if message.sender_id else ()) + tuple(message.mentioned_user_ids)
        facts = instructions.facts_in(unit, message.chat_id, message.message_id, people=people,
                                      usernames=details.addressees.usernames)
        if facts.binding is None or facts.removed:
            # not one of the circular's groups (no roster says whose acknowledgement is owed), or moderation
            # removed it (the author reposts it without what was flagged)
            return None
        addressees = _resolve(facts, details.addressees, mentioned_user_ids=message.mentioned_user_ids,
                              author_id=message.sender_id)
        incident = facts.incident
        due_at = details.due.at if details.due else None
        prompt = prompt_text(details.kind, due_at, addressees, c.settings.zone, incident.name if incident else None)

        def prompt_and_reminder(instruction_id: int) -> instructions.WrittenWith:
            calls = c.outbox.message_calls(message.chat_id, prompt, purpose=Purpose.RECORDS_INSTRUCTION,
                                           dedupe_key=prompt_key, reply_to=message.message_id,
                                           markup=ack_button(instruction_id))
            return instructions.WrittenWith(calls, _reminder(c, instruction_id, due_at, now=at))

        instruction = instructions.create_in(
            unit, chat_id=message.chat_id, message_id=message.message_id, author_id=message.sender_id,
            kind=details.kind, due_at=due_at, due_text=details.due.text if details.due else None,
            addressees=addressees, incident_id=incident.incident_id if incident else None, at=at,
            written_with=prompt_and_reminder, facts=facts,
        )
        if instruction is not None:
            c.outbox.wake_after(unit, message.chat_id)
        return instruction

    return await c.db.write(record)


async def _keep_spans(db: Database, message: GroupMessage, spans: list[tuple[int, int, str]]) -> None:
    if spans:
        await db.write(lambda unit: exports.keep_personal_data_spans_in(unit, message.chat_id, message.message_id,
                                                                         spans))


async def resolve_addressees(
    db: Database, binding: Binding | None, named: Addressees, *, mentioned_user_ids: tuple[int, ...],
    author_id: int | None,
) -> ResolvedAddressees:
    """The posts (and unverified accounts) an instruction's words name, in a bound group; the whole group (but
    the author) when no one narrower was named."""
    def read(unit: Unit) -> InstructionFacts:
        users = instructions.users_named_in(unit, named.usernames) if named.usernames else ()
        people = ([author_id] if author_id else []) + list(mentioned_user_ids) + list(users)
        members = roster.posts_in_group_in(unit, binding) if binding is not None else []
        return InstructionFacts(binding, False, members,
                                {user_id: roster.posts_of_user_in(unit, user_id) for user_id in dict.fromkeys(people)},
                                users)

    return _resolve(await db.read(read), named, mentioned_user_ids=mentioned_user_ids, author_id=author_id)


def _resolve(facts: InstructionFacts, named: Addressees, *, mentioned_user_ids: tuple[int, ...],
             author_id: int | None) -> ResolvedAddressees:
    author_posts = {post.post_id for post in facts.posts_of.get(author_id, [])} if author_id else set()
    members = [post for post in facts.members if post.post_id not in author_posts]
    chosen: list[Post] = []
    users: list[int] = []
    for user_id in dict.fromkeys(mentioned_user_ids + facts.named_users):
        held = [post for post in facts.posts_of.get(user_id, []) if post in members]
        chosen += held
        if not held and user_id != author_id:
            users.append(user_id)
    chosen += _by_designation_and_district(members, named)
    if not chosen and not users:
        return ResolvedAddressees(tuple(members), (), True)
    return ResolvedAddressees(tuple(dict.fromkeys(chosen)), tuple(users), False)


def _by_designation_and_district(members: list[Post], named: Addressees) -> list[Post]:
    districts = {district.lower() for district in named.districts}
    in_districts = [post for post in members if post.jurisdiction.lower() in districts] if districts else members
    if not named.designations:
        return in_districts if districts else []
    chosen: list[Post] = []
    for mention in named.designations:
        kind = [post for post in in_districts if designation_matches(mention, post.designation)]
        at_place = [post for post in kind if qualifier_names(mention, post.designation)]
        chosen += at_place or kind
    return chosen


def _reminder(c: Collaborators, instruction_id: int, due_at: datetime | None, *, now: datetime) -> tasks.NewTask | None:
    """The reminder task of an instruction due at due_at; None if it has no due time or the moment has passed."""
    if due_at is None:
        return None
    remind_at = due_at - timedelta(minutes=c.settings.reminder_lead_minutes)
    if remind_at <= now:
        return None  # too close to the due time: the prompt itself is the reminder
    return tasks.NewTask(REMINDER_TASK, {"instruction_id": instruction_id}, remind_at,
                         f"{REMINDER_TASK}:{instruction_id}")


def kind_name(kind: str) -> str:
    """An instruction kind as people read it ("disaster directive")."""
    return KIND_NAMES.get(kind, kind)


def prompt_text(kind: str, due_at: datetime | None, addressees: ResolvedAddressees, zone: tzinfo,
                incident: str | None) -> str:
    """The bot's note under a newly recorded instruction (written in the unit that records it, before its id is
    known: the id is in the button only)."""
    lines = [f"📌 Recorded as an instruction ({escape(kind_name(kind))})."]
    if due_at is not None:
        lines.append(f"Due: <b>{escape(for_chat(due_at, zone))}</b>.")
    lines.append(f"Addressed to: {escape(addressee_list(instructions.in_status_order(addressees)))}.")
    if incident:
        lines.append(f"Incident: {escape(incident)}.")
    lines.append("Press Acknowledge, or reply “noted” / “જી” / “जी”.")
    return "\n".join(lines)


def addressee_list(addressees: ResolvedAddressees) -> str:
    """Who an instruction is addressed to, in words."""
    if addressees.whole_group:
        return f"the whole group ({len(addressees.posts)} posts)" if addressees.posts else "the whole group"
    names = [post.designation for post in addressees.posts] + [f"account {u}" for u in addressees.user_ids]
    return "; ".join(names)


async def acknowledge_by_button(c: Collaborators, instruction_id: int, *, chat_id: int | None,
                                user_id: int) -> ButtonAnswer:
    """A press of "Acknowledge" (under a message in chat_id) counts for the presser's post(s)."""
    instruction = await instructions.get(c.db, instruction_id)
    if instruction is None or chat_id is None or instruction.chat_id != chat_id:
        return ButtonAnswer("This instruction is not in the record.", alert=True)
    return ButtonAnswer(await acknowledge(c, instruction, user_id, how=AckHow.BUTTON, message_id=None))


async def acknowledge_by_reply(c: Collaborators, message: GroupMessage, replied_to: int) -> bool:
    """A reply such as "noted", "done", "જી", "जी" to an instruction (or the bot's note on it) acknowledges it;
    returns whether it was such a reply."""
    if not is_acknowledgement(message.text):
        return False
    instruction = await instructions.for_message(c.db, message.chat_id, replied_to)
    if instruction is None:
        return False
    await acknowledge(c, instruction, message.sender_id, how=AckHow.REPLY, message_id=message.message_id)
    return True


async def acknowledge(c: Collaborators, instruction: Instruction, user_id: int, *, how: str,
                      message_id: int | None) -> str:
    """Record an acknowledgement for the person's posts in the instruction's group (all their posts if none is
    there; their account if they hold none); returns what to tell them."""
    binding = await roster.binding_of(c.db, instruction.chat_id)
    posts = await roster.posts_of_user(c.db, user_id)
    if binding is not None:
        posts = [post for post in posts if binding.includes(post)] or posts
    async with c.db.transaction() as tx:
        new = await instructions.acknowledge(
            tx, instruction, user_id=user_id, posts=posts, how=how, message_id=message_id, at=c.clock.now()
        )
    if not new:
        return "Already acknowledged."
    if not posts:
        return "Acknowledged. Your account has no verified post, so it is recorded against your account."
    return "Acknowledged for " + "; ".join(post.designation for post in posts) + "."


async def send_reminder(c: Collaborators, instruction_id: int) -> None:
    """Before the due time: remind the group of who has not acknowledged (nothing once everyone has)."""
    instruction = await instructions.get(c.db, instruction_id)
    if instruction is None:
        return
    status = await instructions.status(c.db, instruction)
    waiting = [post.designation for post in status.pending_posts]
    if not waiting and not status.pending_users:
        return
    due = for_chat(instruction.due_at, c.settings.zone) if instruction.due_at else "soon"
    text = (f"⏰ Reminder: this instruction is due <b>{escape(due)}</b>. Not yet acknowledged: "
            + escape("; ".join(waiting + [f"account {u}" for u in status.pending_users])) + ".")
    async with c.db.transaction() as tx:
        await c.outbox.send_message(
            tx, instruction.chat_id, text, purpose=Purpose.RECORDS_REMINDER, reply_to=instruction.message_id,
            markup=ack_button(instruction.instruction_id),
        )


async def instruction_snippet(db: Database, instruction: Instruction) -> str:
    """The start of an instruction's text on one line ("[text erased]" once erased)."""
    text = (await instructions.message_text(db, instruction) or "[text erased]").replace("\n", " ")
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"
