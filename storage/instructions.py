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
from storage.incidents import Incident
from storage.roster import POST_COLUMNS, Binding, Post, post_of_row
from storage.sql import in_powers_of_two, padded_to_power_of_two, placeholders, values_rows
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
class InstructionFacts:
    """What recording a group message as an instruction reads first: the group's binding, whether moderation
    removed the message, the group's posts (Binding.includes), the posts of the author and of each account named
    (by mention or @username), the accounts the @usernames name, and the incident open in the group; and for
    create_in, whether the message is an instruction already, its journal entry and the new instruction's id
    (taken only when it can be recorded: a bound group, not removed, not recorded yet)."""

    binding: Binding | None
    removed: bool
    members: list[Post]
    posts_of: dict[int, list[Post]]
    named_users: tuple[int, ...]
    incident: Incident | None = None
    recorded: bool = False
    message_seq: int | None = None
    new_id: int | None = None


# Every fact in one statement: a round trip of the writer's connection costs about as much as any of these small
# reads (0.4-0.5 ms of wall time each in a burst, py-spy, 4 Dec 2026), and recording an instruction read them one by
# one (six to eight trips). Each branch's rows carry a tag; the post's columns are in the same places in every branch.
# Members are the candidates by the group's level (Binding.includes is applied after, as everywhere).
_POSTS = ", ".join(f"p.{column}" for column in POST_COLUMNS.split(", "))
_NO_POST = ", ".join(["NULL"] * len(POST_COLUMNS.split(", ")))
_EXTRA_COLUMNS = {"opened_by": "BIGINT", "opened_at": "TEXT", "closed_at": "TEXT", "recorded": "BIGINT",
                  "message_seq": "BIGINT"}
_NO_EXTRA = ", ".join(["NULL"] * len(_EXTRA_COLUMNS))
# The first branch names and types the columns (PostgreSQL types a UNION's columns from its branches in turn, and
# a NULL alone would be text).
_NAMED_COLUMNS = ", ".join(
    [f"CAST(NULL AS {'BIGINT' if column == 'is_admin' else 'TEXT'}) AS {column}" for column in POST_COLUMNS.split(", ")]
    + [f"CAST(NULL AS {kind}) AS {column}" for column, kind in _EXTRA_COLUMNS.items()])
_FACTS_BRANCHES = {
    "binding": "SELECT 'b' AS tag, CAST(NULL AS BIGINT) AS who, b.level AS sort_level, b.jurisdiction AS sort_place, "
               + _NAMED_COLUMNS + " FROM group_bindings b WHERE b.chat_id = ?",
    "removed": f"SELECT 'r', NULL, NULL, NULL, {_NO_POST}, {_NO_EXTRA} FROM (SELECT 1 AS one FROM flags"
               " WHERE chat_id = ? AND message_id = ? AND deleted = 1 LIMIT 1) AS removed",
    "members": f"SELECT 'm', NULL, p.level, p.jurisdiction, {_POSTS}, {_NO_EXTRA} FROM group_bindings b"
               " JOIN posts p ON p.level = b.level AND p.jurisdiction = b.jurisdiction"
               " WHERE b.chat_id = ? AND b.level != 'state' AND p.active = 1",
    "state_members": f"SELECT 'm', NULL, p.level, p.jurisdiction, {_POSTS}, {_NO_EXTRA} FROM posts p"
                     " WHERE p.active = 1 AND (p.level = 'state' OR (p.level = 'district' AND p.is_admin = 1))"
                     " AND EXISTS (SELECT 1 FROM group_bindings WHERE chat_id = ? AND level = 'state')",
    "incident": "SELECT 'i', i.id, NULL, i.name, " + _NO_POST + ", i.opened_by, i.opened_at, i.closed_at, NULL, NULL"
                " FROM (SELECT i.* FROM incidents i JOIN incident_groups g ON g.incident_id = i.id"
                "       WHERE g.chat_id = ? AND i.closed_at IS NULL ORDER BY i.id DESC LIMIT 1) AS i",
    "incident_groups": f"SELECT 'j', g.chat_id, NULL, NULL, {_NO_POST}, {_NO_EXTRA} FROM incident_groups g"
                       " WHERE g.incident_id = (SELECT i.id FROM incidents i JOIN incident_groups o"
                       "   ON o.incident_id = i.id WHERE o.chat_id = ? AND i.closed_at IS NULL"
                       "   ORDER BY i.id DESC LIMIT 1)",
    # create_in's facts: the new id is taken (on PostgreSQL, from the sequence) only if the message can be recorded.
    "creation": "SELECT 'c', CASE WHEN EXISTS (SELECT 1 FROM group_bindings WHERE chat_id = ?)"
                " AND NOT EXISTS (SELECT 1 FROM flags WHERE chat_id = ? AND message_id = ? AND deleted = 1)"
                " AND NOT EXISTS (SELECT 1 FROM instructions WHERE chat_id = ? AND message_id = ?) THEN {new_id} END,"
                f" NULL, NULL, {_NO_POST}, NULL, NULL, NULL,"
                " (SELECT 1 FROM instructions WHERE chat_id = ? AND message_id = ?),"
                " (SELECT journal_seq FROM messages WHERE chat_id = ? AND message_id = ?)",
}
_NAMED = "SELECT user_id FROM users WHERE lower(username) IN ({})"


def _facts_statement(sql_dialect: str, people: int, usernames: int) -> str:
    """The facts' statement for this many accounts and @usernames (each padded to a power of two, so that the
    statement has one of a handful of texts and stays prepared)."""
    named = _NAMED.format(placeholders(usernames)) if usernames else None
    accounts = f"a.user_id IN ({placeholders(people)})" if people else "1 = 0"
    if named:
        accounts = f"({accounts} OR a.user_id IN ({named}))"
    branches = [*(_FACTS_BRANCHES[name] for name in ("binding", "removed", "members", "state_members")),
                f"SELECT 'o', a.user_id, NULL, NULL, {_POSTS}, {_NO_EXTRA} FROM post_accounts a"
                f" JOIN posts p ON p.post_id = a.post_id WHERE {accounts} AND a.revoked_at IS NULL AND p.active = 1",
                _FACTS_BRANCHES["incident"], _FACTS_BRANCHES["incident_groups"],
                _FACTS_BRANCHES["creation"].replace("{new_id}", _NEW_ID[sql_dialect])]
    if named:
        branches.append(f"SELECT 'n', user_id, NULL, lower(username), {_NO_POST}, {_NO_EXTRA} FROM users"
                        f" WHERE lower(username) IN ({placeholders(usernames)})")
    # Members in the roster's order (level, jurisdiction, post), an account's posts by post, incident groups by chat.
    return ("SELECT * FROM (" + " UNION ALL ".join(branches) + ") AS facts"
            " ORDER BY tag, who, sort_level, sort_place, post_id")


def facts_in(unit: Unit, chat_id: int, message_id: int, *, people: tuple[int, ...],
             usernames: tuple[str, ...]) -> InstructionFacts:
    """What recording a message as an instruction reads (InstructionFacts), in one statement: people are the author
    and the accounts mentioned; the accounts the @usernames name are looked up and their posts read too."""
    accounts = padded_to_power_of_two(list(dict.fromkeys(people)))
    names = padded_to_power_of_two(list(dict.fromkeys(name.lower() for name in usernames)))
    about_creation = [chat_id, chat_id, message_id, chat_id, message_id, chat_id, message_id, chat_id, message_id]
    params: list[Any] = [chat_id, chat_id, message_id, chat_id, chat_id, *accounts, *names, chat_id, chat_id,
                         *about_creation, *names]
    rows = unit.fetchall(_facts_statement(unit.dialect, len(accounts), len(names)), params)
    binding: Binding | None = None
    removed = False
    members: list[Post] = []
    posts_of: dict[int, list[Post]] = {}
    user_of_name: dict[str, int] = {}
    incident_row = None
    incident_chats: list[int] = []
    creation: Any = None
    for row in rows:
        tag = row[0]
        if tag == "b":
            binding = Binding(chat_id, row[2], row[3])
        elif tag == "r":
            removed = True
        elif tag == "m":
            members.append(post_of_row(row[4:]))
        elif tag == "o":
            posts_of.setdefault(row[1], []).append(post_of_row(row[4:]))
        elif tag == "n":
            user_of_name.setdefault(row[3], row[1])  # the lowest account id when two share a name
        elif tag == "i":
            incident_row = row
        elif tag == "j":
            incident_chats.append(row[1])
        elif tag == "c":
            creation = row
    named = tuple(user_of_name[name] for name in dict.fromkeys(n.lower() for n in usernames) if name in user_of_name)
    everyone = dict.fromkeys([*people, *named])
    incident = None
    if incident_row is not None:
        opened_by, opened_at, closed_at = incident_row[-5:-2]
        incident = Incident(incident_row[1], incident_row[3], opened_by, from_db(opened_at),
                            from_db(closed_at) if closed_at else None, tuple(incident_chats))
    assert creation is not None  # its branch answers one row
    return InstructionFacts(
        binding, removed, [post for post in members if binding is not None and binding.includes(post)],
        {user_id: posts_of.get(user_id, []) for user_id in everyone}, named, incident,
        recorded=creation[-2] is not None, message_seq=creation[-1],
        new_id=int(creation[1]) if creation[1] is not None else None)


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
    facts: InstructionFacts | None = None,
) -> Instruction | None:
    """create as part of a unit of work; with written_with, also what it gives for the new instruction's id (called
    once the id is known, before anything is written). With facts (facts_in's, read in this unit), what they say
    of the message and the new id is not read again."""
    if facts is not None and facts.recorded:
        return None
    if facts is not None and facts.new_id is not None:
        message_seq, instruction_id = facts.message_seq, facts.new_id
    else:
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
