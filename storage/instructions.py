"""Instructions and their acknowledgements: who was asked, who has answered, who has not.

An instruction's addressees are fixed when it is recorded (posts, resolved through the
roster; the whole group when no one narrower was named), so a later roster change does
not rewrite who was asked. Acknowledgements count per post; an account without a
verified post acknowledges for itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import journal
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
) -> Instruction | None:
    """create as part of a unit of work."""
    # Whether it is recorded already, and its message's entry, in one statement.
    found = unit.fetchone(
        "SELECT (SELECT 1 FROM instructions WHERE chat_id = ? AND message_id = ?),"
        " (SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?)",
        (chat_id, message_id, chat_id, message_id),
    )
    assert found is not None  # a SELECT without FROM answers one row
    if found[0] is not None:
        return None
    message_seq = found[1]
    entry = journal.append_in(
        unit,
        kind="instruction",
        chat_id=chat_id,
        actor_id=author_id,
        at=at,
        body={
            "message_id": message_id,
            "message_seq": message_seq,
            "kind": kind,
            "due_at": to_db(due_at) if due_at else None,
            "due_text": due_text,
            "whole_group": addressees.whole_group,
            "posts": [post.post_id for post in addressees.posts],
            "users": list(addressees.user_ids),
            "incident_id": incident_id,
        },
    )
    instruction_id = unit.execute(
        "INSERT INTO instructions (chat_id, message_id, author_id, kind, due_at, due_text, whole_group, incident_id,"
        " created_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (chat_id, message_id, author_id, kind, to_db(due_at) if due_at else None, due_text,
         int(addressees.whole_group), incident_id, to_db(at), entry.seq),
    )
    # A whole group's posts are dozens of rows: a multi-row statement a run, not a statement (a step) a row.
    rows = ([(instruction_id, post.post_id, None) for post in addressees.posts]
            + [(instruction_id, None, user_id) for user_id in addressees.user_ids])
    for run in in_powers_of_two(rows):
        unit.execute("INSERT INTO instruction_addressees (instruction_id, post_id, user_id) VALUES "
                     + values_rows(3, len(run)), [value for row in run for value in row])
    return Instruction(instruction_id, chat_id, message_id, author_id, kind, due_at, due_text,
                       addressees.whole_group, incident_id, at, entry.seq)


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


def new_status(instruction: Instruction, addressees: ResolvedAddressees) -> InstructionStatus:
    """The status of an instruction create_in has just written with these addressees, without reading it back:
    whom it asks, in status_in's order (posts by designation and id, then accounts by id), and no acknowledgement
    yet (one is written only for an instruction already recorded)."""
    posts = tuple(sorted(dict.fromkeys(addressees.posts), key=lambda post: (post.designation, post.post_id)))
    return InstructionStatus(instruction, posts, tuple(sorted(set(addressees.user_ids))), ())


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
