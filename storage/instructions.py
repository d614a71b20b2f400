"""Instructions and their acknowledgements: who was asked, who has answered, who has not.

An instruction's addressees are fixed when it is recorded (posts, resolved through the
roster; the whole group when no one narrower was named), so a later roster change does
not rewrite who was asked. Acknowledgements count per post; an account without a
verified post acknowledges for itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import dialect, journal, json_text, outbox, tasks
from storage.database import Database, Transaction, Unit
from storage.roster import Post
from storage.sql import in_powers_of_two, placeholders, values_rows
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Instruction:
    """A recorded instruction."""

    instruction_id: int
    chat_id: int
    message_id: int
    author_id: int | None
    kind: str
    due_at: datetime | None
    due_text: str | None
    whole_group: bool
    incident_id: int | None
    created_at: datetime
    journal_seq: int


@dataclass(frozen=True)
class Acknowledgement:
    """One acknowledgement."""

    user_id: int
    post_id: str | None
    how: str
    at: datetime


@dataclass(frozen=True)
class InstructionStatus:
    """An instruction with who was asked and who has acknowledged."""

    instruction: Instruction
    addressed_posts: tuple[Post, ...]
    addressed_users: tuple[int, ...]
    acknowledgements: tuple[Acknowledgement, ...]

    @property
    def acknowledged_posts(self) -> frozenset[str]:
        """Posts with an acknowledgement."""
        return frozenset(ack.post_id for ack in self.acknowledgements if ack.post_id)

    @property
    def pending_posts(self) -> tuple[Post, ...]:
        """Addressed posts that have not acknowledged."""
        done = self.acknowledged_posts
        return tuple(post for post in self.addressed_posts if post.post_id not in done)

    @property
    def pending_users(self) -> tuple[int, ...]:
        """Addressed accounts (named without a post) that have not acknowledged."""
        done = {ack.user_id for ack in self.acknowledgements}
        return tuple(user for user in self.addressed_users if user not in done)

    @property
    def owed(self) -> int:
        """How many acknowledgements were asked for."""
        return len(self.addressed_posts) + len(self.addressed_users)

    @property
    def received(self) -> int:
        """How many of those have come."""
        return self.owed - len(self.pending_posts) - len(self.pending_users)


@dataclass(frozen=True)
class ResolvedAddressees:
    """Addressees as posts and accounts."""

    posts: tuple[Post, ...]
    user_ids: tuple[int, ...]
    whole_group: bool


_COLUMNS = (
    "id, chat_id, message_id, author_id, kind, due_at, due_text, whole_group, incident_id, created_at, journal_seq"
)


def _instruction(row) -> Instruction:
    return Instruction(
        instruction_id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        author_id=row["author_id"],
        kind=row["kind"],
        due_at=from_db(row["due_at"]) if row["due_at"] else None,
        due_text=row["due_text"],
        whole_group=bool(row["whole_group"]),
        incident_id=row["incident_id"],
        created_at=from_db(row["created_at"]),
        journal_seq=row["journal_seq"],
    )


async def users_named(db: Database, usernames: tuple[str, ...]) -> tuple[int, ...]:
    """The accounts with these @usernames (any case), in that order; unknown names are left out."""
    if not usernames:
        return ()
    return await db.read(lambda unit: users_named_in(unit, usernames))


def users_named_in(unit: Unit, usernames: tuple[str, ...]) -> tuple[int, ...]:
    """users_named as part of a unit of work."""
    found = []
    for username in usernames:
        row = unit.fetchone("SELECT user_id FROM users WHERE lower(username) = ?", (username.lower(),))
        if row is not None:
            found.append(row[0])
    return tuple(found)


@dataclass(frozen=True)
class WrittenWith:
    """What is written in the same unit as a new instruction and names it by its id: the calls owed for its prompt
    (storage.outbox rows) and its reminder (None when it has none)."""

    calls: tuple[outbox.OwedCall, ...] = ()
    reminder: tasks.NewTask | None = None


async def create(
    tx: Transaction,
    *,
    chat_id: int,
    message_id: int,
    author_id: int | None,
    kind: str,
    due_at: datetime | None,
    due_text: str | None,
    addressees: ResolvedAddressees,
    incident_id: int | None,
    at: datetime,
) -> Instruction | None:
    """Record an instruction and journal it; None if this message is already an instruction."""
    return await tx.run(lambda unit: create_in(
        unit, chat_id=chat_id, message_id=message_id, author_id=author_id, kind=kind, due_at=due_at, due_text=due_text,
        addressees=addressees, incident_id=incident_id, at=at,
    ))


# Whether the message is recorded as an instruction already, its message's journal entry, and the id the new
# instruction will have, in one statement: SQLite gives an INTEGER PRIMARY KEY the highest id + 1 (the writer
# holds the database's lock meanwhile); PostgreSQL's identity sequence gives the next one to this transaction
# alone, whoever else is writing (a value taken for a message recorded already is a gap, as a rollback leaves).
_BEFORE_CREATE = (
    "SELECT (SELECT 1 FROM instructions WHERE chat_id = ? AND message_id = ?),"
    " (SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?), "
)
_NEW_ID = {dialect.SQLITE: "(SELECT coalesce(max(id), 0) + 1 FROM instructions)",
           dialect.POSTGRESQL: "nextval(pg_get_serial_sequence('instructions', 'id'))"}

# PostgreSQL: the journal entry, the instruction, its addressees, the calls owed for its prompt and its reminder in
# one statement (migration 0021's function) instead of five or more, each a round trip of the writer connection.
_CREATE_ON_SERVER = (
    "SELECT new_seq, new_prev_hash, new_entry_hash FROM samvad_record_instruction("
    + ", ".join("?" * 18) + ", ?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[],"
    " ?::text[], ?::integer[], ?, ?, ?, ?)"
)


def create_in(
    unit: Unit,
    *,
    chat_id: int,
    message_id: int,
    author_id: int | None,
    kind: str,
    due_at: datetime | None,
    due_text: str | None,
    addressees: ResolvedAddressees,
    incident_id: int | None,
    at: datetime,
    written_with: Callable[[int], WrittenWith] | None = None,
) -> Instruction | None:
    """create as part of a unit of work; with written_with, also what it gives for the new instruction's id (called
    once the id is known, before anything is written)."""
    found = unit.fetchone(_BEFORE_CREATE + _NEW_ID[unit.dialect], (chat_id, message_id, chat_id, message_id))
    assert found is not None  # a SELECT without FROM answers one row
    if found[0] is not None:
        return None
    message_seq, instruction_id = found[1], int(found[2])
    also = written_with(instruction_id) if written_with is not None else WrittenWith()
    body = {
        "message_id": message_id,
        "message_seq": message_seq,
        "kind": kind,
        "due_at": to_db(due_at) if due_at else None,
        "due_text": due_text,
        "whole_group": addressees.whole_group,
        "posts": [post.post_id for post in addressees.posts],
        "users": list(addressees.user_ids),
        "incident_id": incident_id,
    }
    row = (instruction_id, chat_id, message_id, author_id, kind, to_db(due_at) if due_at else None, due_text,
           int(addressees.whole_group), incident_id, to_db(at))
    if unit.dialect == dialect.POSTGRESQL:
        seq = _create_on_server(unit, row, body, addressees, also, at=at)
    else:
        seq = _create_here(unit, row, body, addressees, also, at=at)
    return Instruction(instruction_id, chat_id, message_id, author_id, kind, due_at, due_text,
                       addressees.whole_group, incident_id, at, seq)


def _create_here(unit: Unit, row: tuple[Any, ...], body: dict[str, Any], addressees: ResolvedAddressees,
                 also: WrittenWith, *, at: datetime) -> int:
    """SQLite: statement by statement (each a step in this process, not a round trip)."""
    instruction_id, chat_id, author_id = row[0], row[1], row[3]
    entry = journal.append_in(unit, kind="instruction", chat_id=chat_id, actor_id=author_id, at=at, body=body)
    unit.execute(
        "INSERT INTO instructions (id, chat_id, message_id, author_id, kind, due_at, due_text, whole_group,"
        " incident_id, created_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*row, entry.seq),
    )
    # A whole group's posts are dozens of rows: a multi-row statement a run, not a statement (a step) a row.
    rows = ([(instruction_id, post.post_id, None) for post in addressees.posts]
            + [(instruction_id, None, user_id) for user_id in addressees.user_ids])
    for run in in_powers_of_two(rows):
        unit.execute("INSERT INTO instruction_addressees (instruction_id, post_id, user_id) VALUES "
                     + values_rows(3, len(run)), [value for row in run for value in row])
    for call in also.calls:
        outbox.enqueue_owed_in(unit, call)
    if also.reminder is not None:
        reminder = also.reminder
        tasks.schedule_in(unit, kind=reminder.kind, payload=reminder.payload, due_at=reminder.due_at,
                          dedupe_key=reminder.dedupe_key)
    return entry.seq


def _create_on_server(unit: Unit, row: tuple[Any, ...], body: dict[str, Any], addressees: ResolvedAddressees,
                      also: WrittenWith, *, at: datetime) -> int:
    """PostgreSQL: everything in one statement; the journal entry's hash checked here against journal.hash_entry."""
    chat_id, author_id = row[1], row[3]
    link = journal.ServerLink.of(kind="instruction", body=body, at=at, chat_id=chat_id, actor_id=author_id)
    calls, reminder = also.calls, also.reminder
    params = (
        *link.arguments(),
        *row,
        [post.post_id for post in addressees.posts],
        list(addressees.user_ids),
        [call.dedupe_key for call in calls], [call.chat_id for call in calls], [call.method for call in calls],
        [call.params_json for call in calls], [call.purpose for call in calls], [to_db(call.at) for call in calls],
        [call.priority for call in calls],
        reminder.kind if reminder else None,
        reminder.dedupe_key if reminder else None,
        json_text.sorted_keys(reminder.payload) if reminder else None,
        to_db(reminder.due_at) if reminder else None,
    )
    result = unit.fetchone(_CREATE_ON_SERVER, params)
    assert result is not None  # the function returns its one row
    return link.check(int(result[0]), result[1], result[2]).seq


async def get(db: Database | Transaction, instruction_id: int) -> Instruction | None:
    """One instruction by id."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM instructions WHERE id = ?", (instruction_id,))
    return _instruction(row) if row else None


async def for_message(db: Database | Transaction, chat_id: int, message_id: int) -> Instruction | None:
    """The instruction a message is, or that a bot message about it (prompt, reminder) answers."""
    row = await db.fetchone(
        f"SELECT {_COLUMNS} FROM instructions WHERE chat_id = ? AND message_id = ?", (chat_id, message_id)
    )
    if row is not None:
        return _instruction(row)
    row = await db.fetchone(
        f"SELECT {', '.join('i.' + c.strip() for c in _COLUMNS.split(','))} FROM messages m"
        " JOIN users u ON u.user_id = m.sender_id AND u.is_bot = 1"
        " JOIN instructions i ON i.chat_id = m.chat_id AND i.message_id = m.reply_to_message_id"
        " WHERE m.chat_id = ? AND m.message_id = ?",
        (chat_id, message_id),
    )
    return _instruction(row) if row else None


async def latest(db: Database, chat_id: int) -> Instruction | None:
    """The most recent instruction in a group."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM instructions WHERE chat_id = ? ORDER BY id DESC LIMIT 1", (chat_id,))
    return _instruction(row) if row else None


async def recent(db: Database, chat_id: int, limit: int) -> list[Instruction]:
    """A group's latest instructions, newest first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM instructions WHERE chat_id = ? ORDER BY id DESC LIMIT ?", (chat_id, limit)
    )
    return [_instruction(row) for row in rows]


async def in_window(db: Database, chat_ids: list[int], start: datetime, end: datetime) -> list[Instruction]:
    """Instructions recorded in these groups between start and end, oldest first."""
    if not chat_ids:
        return []
    marks = placeholders(len(chat_ids))
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM instructions WHERE chat_id IN ({marks}) AND created_at >= ? AND created_at < ?"
        " ORDER BY id",
        (*chat_ids, to_db(start), to_db(end)),
    )
    return [_instruction(row) for row in rows]


async def status(db: Database | Transaction, instruction: Instruction) -> InstructionStatus:
    """Who an instruction was addressed to and who has acknowledged it."""
    if isinstance(db, Database):
        return await db.read(lambda unit: status_in(unit, instruction))  # one trip, one snapshot
    return await db.run(lambda unit: status_in(unit, instruction))


def in_status_order(addressees: ResolvedAddressees) -> ResolvedAddressees:
    """The addressees as status_in reads them back: posts by designation and id, then accounts by id, each once
    (the prompt under a new instruction lists them so, without reading the record back)."""
    posts = tuple(sorted(dict.fromkeys(addressees.posts), key=lambda post: (post.designation, post.post_id)))
    return ResolvedAddressees(posts, tuple(sorted(set(addressees.user_ids))), addressees.whole_group)


def status_in(unit: Unit, instruction: Instruction) -> InstructionStatus:
    """status as part of a unit of work."""
    rows = unit.fetchall(
        "SELECT a.post_id, a.user_id, p.designation, p.level, p.jurisdiction, p.mobile, p.email, p.holder, p.is_admin,"
        " p.coordinator"
        " FROM instruction_addressees a LEFT JOIN posts p ON p.post_id = a.post_id WHERE a.instruction_id = ?"
        " ORDER BY p.designation, a.post_id, a.user_id",
        (instruction.instruction_id,),
    )
    posts = tuple(
        Post(row["post_id"], row["designation"] or row["post_id"], row["level"] or "", row["jurisdiction"] or "",
             row["mobile"] or "", row["email"] or "", row["holder"] or "", bool(row["is_admin"]),
             row["coordinator"] or "")
        for row in rows if row["post_id"] is not None
    )
    users = tuple(row["user_id"] for row in rows if row["post_id"] is None)
    acks = unit.fetchall(
        "SELECT user_id, post_id, how, acknowledged_at FROM acknowledgements WHERE instruction_id = ? ORDER BY id",
        (instruction.instruction_id,),
    )
    return InstructionStatus(
        instruction, posts, users,
        tuple(Acknowledgement(a["user_id"], a["post_id"], a["how"], from_db(a["acknowledged_at"])) for a in acks),
    )


async def acknowledge(
    tx: Transaction,
    instruction: Instruction,
    *,
    user_id: int,
    posts: list[Post],
    how: str,
    message_id: int | None,
    at: datetime,
) -> list[str | None]:
    """Record an acknowledgement by an account for each of its posts; returns those newly recorded.

    An account without a verified post is recorded against itself (post None).
    """
    wanted: list[str | None] = [post.post_id for post in posts] or [None]
    new: list[str | None] = []
    for post_id in wanted:
        exists = await tx.fetchone(
            "SELECT 1 FROM acknowledgements WHERE instruction_id = ? AND user_id = ? AND coalesce(post_id, '') = ?",
            (instruction.instruction_id, user_id, post_id or ""),
        )
        if exists is None:
            new.append(post_id)
    if not new:
        return []
    entry = await journal.append(
        tx,
        kind="acknowledgement",
        chat_id=instruction.chat_id,
        actor_id=user_id,
        at=at,
        body={"instruction_id": instruction.instruction_id, "instruction_message_id": instruction.message_id,
              "posts": new, "how": how, "message_id": message_id},
    )
    await tx.executemany(
        "INSERT INTO acknowledgements (instruction_id, user_id, post_id, how, message_id, acknowledged_at, journal_seq)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(instruction.instruction_id, user_id, post_id, how, message_id, to_db(at), entry.seq) for post_id in new],
    )
    return new


async def addressed_to(db: Database, viewer_posts: frozenset[str], user_id: int, *, limit: int = 20) -> list[Instruction]:
    """Instructions addressed to any of these posts or to this account, newest first."""
    marks = placeholders(len(viewer_posts)) or "NULL"
    rows = await db.fetchall(
        f"SELECT DISTINCT {', '.join('i.' + c.strip() for c in _COLUMNS.split(','))} FROM instructions i"
        " JOIN instruction_addressees a ON a.instruction_id = i.id"
        f" WHERE a.post_id IN ({marks}) OR a.user_id = ? ORDER BY i.id DESC LIMIT ?",
        (*sorted(viewer_posts), user_id, limit),
    )
    return [_instruction(row) for row in rows]


async def message_text(db: Database, instruction: Instruction) -> str | None:
    """The instruction message's text as recorded (None once erased)."""
    row = await db.fetchone(
        "SELECT text FROM messages WHERE chat_id = ? AND message_id = ?", (instruction.chat_id, instruction.message_id)
    )
    return row[0] if row and row[0] else None
