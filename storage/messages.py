"""The message log: every group message once, and every edit as a new version."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any
from datetime import datetime

from storage import chats, dialect, journal
from storage.database import Database, Transaction, Unit
from storage.sql import in_powers_of_two, values_rows
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class IncomingMessage:
    """A message as received, ready to be recorded."""

    chat_id: int
    message_id: int
    update_id: int | None
    sender_id: int | None
    sent_at: datetime
    kind: str
    text: str | None
    reply_to_message_id: int | None = None
    # A forward: who or what it came from, and when it was first sent (forward_origin).
    forwarded_from: str | None = None
    forwarded_at: datetime | None = None

    @property
    def is_forward(self) -> bool:
        """Forwarded from elsewhere: someone else's words, not a new message by the sender."""
        return self.forwarded_from is not None


@dataclass(frozen=True)
class IncomingEdit:
    """A new version of a message's text or caption."""

    chat_id: int
    message_id: int
    update_id: int | None
    editor_id: int | None
    sent_at: datetime
    edited_at: datetime
    text: str | None


@dataclass(frozen=True)
class MessageVersion:
    """One version of a message's text: the original (number 0) or an edit."""

    number: int
    at: datetime
    text: str | None


@dataclass(frozen=True)
class StoredMessage:
    """A recorded message with all its versions, oldest first."""

    row_id: int
    chat_id: int
    message_id: int
    update_id: int | None
    sender_id: int | None
    sent_at: datetime
    kind: str
    reply_to_message_id: int | None
    forwarded_from: str | None
    versions: tuple[MessageVersion, ...]
    forwarded_at: datetime | None = None

    @property
    def original_text(self) -> str | None:
        """The text as first posted."""
        return self.versions[0].text

    @property
    def current_text(self) -> str | None:
        """The text after the latest edit."""
        return self.versions[-1].text


class Recorded(Enum):
    """What recording a message (or an edit) found."""

    NEW = "new"  # stored now
    REPLAYED = "replayed"  # stored earlier by this same update, whose handling a crash cut short
    DUPLICATE = "duplicate"  # stored earlier from another delivery: nothing more to do for it


def _outcome(stored_update_id: int | None, update_id: int | None) -> Recorded:
    if update_id is not None and stored_update_id == update_id:
        return Recorded.REPLAYED
    return Recorded.DUPLICATE


async def record_message(tx: Transaction, message: IncomingMessage, *, at: datetime) -> Recorded:
    """Record a message and its journal entry, once (one trip)."""
    return await tx.run(lambda unit: record_message_in(unit, message, at=at))


def record_message_in(unit: Unit, message: IncomingMessage, *, at: datetime) -> Recorded:
    """Record a message and its journal entry, once, as part of a unit of work."""
    if unit.dialect == dialect.POSTGRESQL:
        return _record_on_server(unit, message, at=at)
    return _record_here(unit, [message], at=at)[0]


def _record_here(unit: Unit, batch: Sequence[IncomingMessage], *, at: datetime) -> list[Recorded]:
    """SQLite: record messages once each, in order, with their journal entries: one look-up for the lot, then the
    new ones' journal entries, bodies and rows each in a multi-row statement (storage.sql.in_powers_of_two), where
    it was four statements a message. A message twice in the batch is recorded once, as one after the other."""
    stored = _stored_update_ids(unit, [(message.chat_id, message.message_id) for message in batch])
    recorded, new = [], []
    for message in batch:
        key = (message.chat_id, message.message_id)
        if key in stored:
            recorded.append(_outcome(stored[key], message.update_id))
            continue
        stored[key] = message.update_id
        recorded.append(Recorded.NEW)
        new.append(message)
    seqs = journal.append_many_in(
        unit, [("message", message.chat_id, message.sender_id, journal.canonical_json(_body(message)))
               for message in new], at=at)
    rows = [(*_message_row(message), seq) for message, seq in zip(new, seqs, strict=True)]
    for run in in_powers_of_two(rows):
        unit.execute(
            "INSERT INTO messages (chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,"
            " forwarded_from, forwarded_at, journal_seq) VALUES " + values_rows(11, len(run)),
            [value for row in run for value in row],
        )
    return recorded


def _stored_update_ids(unit: Unit, keys: list[tuple[int, int]]) -> dict[tuple[int, int], int | None]:
    """SQLite: the update id of each of these (chat_id, message_id) already recorded, in one statement (the list
    padded to a power of two, so that few texts serve every batch size)."""
    found: dict[tuple[int, int], int | None] = {}
    for start in range(0, len(keys), _KEYS_PER_LOOKUP):
        run = keys[start : start + _KEYS_PER_LOOKUP]
        run = run + run[-1:] * ((1 << (len(run) - 1).bit_length()) - len(run))
        for row in unit.fetchall(
            "WITH wanted (chat_id, message_id) AS (VALUES " + values_rows(2, len(run)) + ") SELECT m.chat_id,"
            " m.message_id, m.update_id FROM wanted JOIN messages m ON m.chat_id = wanted.chat_id"
            " AND m.message_id = wanted.message_id",
            [value for key in run for value in key],
        ):
            found[(row[0], row[1])] = row[2]
    return found


_KEYS_PER_LOOKUP = 128


def record_noting_in(unit: Unit, chat: chats.ChatFacts, sender: chats.PersonFacts | None, message: IncomingMessage,
                     *, at: datetime) -> Recorded:
    """Refresh the chat's and the sender's facts, then record the message once, as part of a unit of work.

    On PostgreSQL one statement (migration 0016: the facts compared with the stored rows and written only where
    they differ, then 0015's record), where it was one to three round trips of the writer connection.
    """
    if unit.dialect != dialect.POSTGRESQL:
        chats.note_in(unit, chat, sender, at=at)
        return record_message_in(unit, message, at=at)
    return _record_on_server(unit, message, at=at, function="samvad_record_group_message",
                             facts=_facts(chat, sender))


def record_noting_soon_in(unit: Unit, chat: chats.ChatFacts, sender: chats.PersonFacts | None,
                          message: IncomingMessage, *, at: datetime) -> None:
    """record_noting_in for a caller that needs no answer (the bot's own post, recorded as its call is settled): on
    PostgreSQL the statement goes with the unit's next one (Unit.execute_soon), one round trip fewer; the journal
    entry's hash is still checked when its row comes back, before the commit."""
    if unit.dialect != dialect.POSTGRESQL:
        record_noting_in(unit, chat, sender, message, at=at)
        return
    sql, params, outcome = _server_record(message, at=at, function="samvad_record_group_message",
                                          facts=_facts(chat, sender))
    unit.execute_soon(sql, params, then=outcome)


Noting = tuple[chats.ChatFacts | None, chats.PersonFacts | None, IncomingMessage]


def record_batch_noting_in(unit: Unit, batch: Sequence[Noting | None], *, at: datetime) -> list[Recorded | None]:
    """record_noting_in for each of a batch's messages (None: nothing to record), in order; a chat or person given as
    None is not noted. On PostgreSQL one statement for the batch (migration 0016), not one per message."""
    due = [entry for entry in batch if entry is not None]
    if unit.dialect != dialect.POSTGRESQL:
        for chat, sender, _ in due:  # before the rows that refer to them
            chats.note_in(unit, chat, sender, at=at)
        here = iter(_record_here(unit, [message for _, _, message in due], at=at))
        return [None if entry is None else next(here) for entry in batch]
    if not due:
        return [None] * len(batch)
    recorded_at = to_db(at)
    rows, hashes = [], []
    for chat, sender, message in due:
        body_json, body_hash, before_seq = _entry_parts(message, recorded_at)
        rows.append([*_facts(chat, sender), *_message_row(message), body_hash, before_seq, body_json])
        hashes.append(body_hash)
    found = unit.fetchall(
        "SELECT ordinal, was_there, stored_update_id, new_seq, new_prev_hash, new_entry_hash FROM "
        + ("samvad_record_group_messages_set" if len(due) >= _SET_WISE_FROM else "samvad_record_group_messages")
        + "(?, ?, ?)",
        (dialect.lock_key(journal.CHAIN_LOCK), recorded_at, json.dumps(rows, ensure_ascii=False)),
    )
    assert [row[0] for row in found] == list(range(1, len(due) + 1))  # the function returns one row each, in order
    outcomes = iter(_outcome_on_server(row[1:], message, body_hash, recorded_at)
                    for row, (_, _, message), body_hash in zip(found, due, hashes, strict=True))
    return [None if entry is None else next(outcomes) for entry in batch]


# From this many messages a batch is recorded by migration 0018's function, a few statements for the batch, instead
# of 0017's, a dozen statements inside the server a message; below it 0018's fixed cost (reading the batch three
# times, sorting it) outweighs what it saves. Server CPU a message, 3,000 messages (3 Dec 2026, load ~5): batches
# of 50: 0017 ~290 us, 0018 ~135 us; of 5: about even; of 1: 0018 ~50% dearer.
_SET_WISE_FROM = 8


def _facts(chat: chats.ChatFacts | None, sender: chats.PersonFacts | None) -> tuple[object, ...]:
    """A chat's and a person's facts as migration 0016's function takes them (NULLs: not to be noted)."""
    chat_facts = (chat.type, chat.title, chat.username) if chat is not None else (None,) * 3
    person = (sender.user_id, int(sender.is_bot), sender.first_name, sender.last_name, sender.username,
              sender.language_code) if sender is not None else (None,) * 6
    return (*chat_facts, *person)


def _body(message: IncomingMessage) -> dict[str, Any]:
    """The message's journal entry body."""
    return {
        "message_id": message.message_id,
        "update_id": message.update_id,
        "sent_at": to_db(message.sent_at),
        "type": message.kind,
        "text": message.text,
        "reply_to_message_id": message.reply_to_message_id,
        "forwarded_from": message.forwarded_from,
        **({"forwarded_at": to_db(message.forwarded_at)} if message.forwarded_at else {}),
    }


def _message_row(message: IncomingMessage) -> tuple[object, ...]:
    """The message's columns of its row, up to its journal entry."""
    return (
        message.chat_id,
        message.message_id,
        message.update_id,
        message.sender_id,
        to_db(message.sent_at),
        message.kind,
        message.text,
        message.reply_to_message_id,
        message.forwarded_from,
        to_db(message.forwarded_at) if message.forwarded_at else None,
    )


# Each server function's statement: migration 0015's (15 parameters) and 0016's (the chat's 3 and the person's 6 facts
# before them).
_RECORD_SQL = {name: "SELECT was_there, stored_update_id, new_seq, new_prev_hash, new_entry_hash FROM " + name
               + "(" + ", ".join("?" * count) + ")"
               for name, count in (("samvad_record_message", 15), ("samvad_record_group_message", 24))}


def _record_on_server(unit: Unit, message: IncomingMessage, *, at: datetime,
                      function: str = "samvad_record_message", facts: tuple[object, ...] = ()) -> Recorded:
    """PostgreSQL: the look-up, the journal entry and the message row in one statement (migration 0015's
    function, the same steps in the same order), instead of three round trips of the writer connection; the
    entry's hash is checked here against journal.hash_entry, the one definition."""
    sql, params, outcome = _server_record(message, at=at, function=function, facts=facts)
    return outcome(unit.fetchone(sql, params))


def _server_record(message: IncomingMessage, *, at: datetime, function: str, facts: tuple[object, ...]
                   ) -> tuple[str, tuple[object, ...], Callable[[Sequence[Any] | None], Recorded]]:
    """A record function's statement, its arguments (migration 0015's, after 0016's chat and person facts when given),
    and what its one row says (the entry's hash checked)."""
    recorded_at = to_db(at)
    body_json, body_hash, before_seq = _entry_parts(message, recorded_at)
    params = (*facts, *_message_row(message), dialect.lock_key(journal.CHAIN_LOCK), recorded_at, body_hash,
              before_seq, body_json)

    def outcome(row: Sequence[Any] | None) -> Recorded:
        assert row is not None  # the record functions return their one row
        return _outcome_on_server(row, message, body_hash, recorded_at)

    return _RECORD_SQL[function], params, outcome


def _entry_parts(message: IncomingMessage, recorded_at: str) -> tuple[str, str, str]:
    """What the server needs to append the message's journal entry: its body's canonical JSON, the body's hash and
    the entry's header up to its sequence number."""
    body_json = journal.canonical_json(_body(message))
    body_hash = journal.hash_body(body_json)
    before_seq = journal.header_before_seq(recorded_at=recorded_at, chat_id=message.chat_id,
                                           actor_id=message.sender_id, kind="message", body_hash=body_hash)
    return body_json, body_hash, before_seq


def _outcome_on_server(row: Sequence[Any], message: IncomingMessage, body_hash: str, recorded_at: str) -> Recorded:
    """What the server's record found (was it there, its update id, the new entry), the entry's hash checked."""
    if row[0]:
        return _outcome(row[1], message.update_id)
    journal.chained_on_server(int(row[2]), row[3], row[4], recorded_at=recorded_at, chat_id=message.chat_id,
                              actor_id=message.sender_id, kind="message", body_hash=body_hash)
    return Recorded.NEW


async def record_edit(tx: Transaction, edit: IncomingEdit, *, at: datetime) -> Recorded:
    """Record an edit as a new version, once (one trip)."""
    return await tx.run(lambda unit: record_edit_in(unit, edit, at=at))


def record_edit_in(unit: Unit, edit: IncomingEdit, *, at: datetime) -> Recorded:
    """Record an edit as a new version, once, as part of a unit of work.

    An edit of a message posted before the bot arrived creates the message row
    with an unknown original, so the edit is still kept.
    """
    row = unit.fetchone(
        "SELECT id FROM messages WHERE chat_id = ? AND message_id = ?", (edit.chat_id, edit.message_id)
    )
    if row is None:
        record_message_in(
            unit,
            IncomingMessage(
                chat_id=edit.chat_id,
                message_id=edit.message_id,
                update_id=None,
                sender_id=edit.editor_id,
                sent_at=edit.sent_at,
                kind="unseen",
                text=None,
            ),
            at=at,
        )
        row = unit.fetchone(
            "SELECT id FROM messages WHERE chat_id = ? AND message_id = ?", (edit.chat_id, edit.message_id)
        )
        assert row is not None  # recorded just above
    message_row = row[0]
    key = _version_key(edit.edited_at, edit.text)
    stored = unit.fetchone(
        "SELECT update_id FROM message_edits WHERE message_row = ? AND version_key = ?", (message_row, key)
    )
    if stored is not None:
        return _outcome(stored["update_id"], edit.update_id)
    entry = journal.append_in(
        unit,
        kind="edit",
        chat_id=edit.chat_id,
        actor_id=edit.editor_id,
        at=at,
        body={
            "message_id": edit.message_id,
            "update_id": edit.update_id,
            "edited_at": to_db(edit.edited_at),
            "text": edit.text,
        },
    )
    unit.execute(
        "INSERT INTO message_edits (message_row, update_id, edited_at, text, version_key, journal_seq)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (message_row, edit.update_id, to_db(edit.edited_at), edit.text, key, entry.seq),
    )
    return Recorded.NEW


async def get_message(db: Database, chat_id: int, message_id: int) -> StoredMessage | None:
    """A recorded message with its versions, or None."""
    row = await db.fetchone("SELECT * FROM messages WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
    if row is None:
        return None
    edits = await db.fetchall(
        "SELECT edited_at, text FROM message_edits WHERE message_row = ? ORDER BY edited_at, id", (row["id"],)
    )
    versions = [MessageVersion(0, from_db(row["sent_at"]), row["text"])]
    versions += [MessageVersion(n, from_db(e["edited_at"]), e["text"]) for n, e in enumerate(edits, start=1)]
    return StoredMessage(
        row_id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        update_id=row["update_id"],
        sender_id=row["sender_id"],
        sent_at=from_db(row["sent_at"]),
        kind=row["kind"],
        reply_to_message_id=row["reply_to_message_id"],
        forwarded_from=row["forwarded_from"],
        versions=tuple(versions),
        forwarded_at=from_db(row["forwarded_at"]) if row["forwarded_at"] else None,
    )


async def count_messages(db: Database, *, chat_id: int | None = None) -> int:
    """How many messages are recorded (in one chat, or in all)."""
    if chat_id is None:
        row = await db.fetchone("SELECT count(*) FROM messages")
    else:
        row = await db.fetchone("SELECT count(*) FROM messages WHERE chat_id = ?", (chat_id,))
    assert row is not None  # count(*) always answers
    return int(row[0])


async def message_ids(db: Database, chat_id: int) -> list[int]:
    """The Telegram message ids recorded in a chat, ascending."""
    rows = await db.fetchall("SELECT message_id FROM messages WHERE chat_id = ? ORDER BY message_id", (chat_id,))
    return [row[0] for row in rows]


def _version_key(edited_at: datetime, text: str | None) -> str:
    material = f"{to_db(edited_at)}\n{text if text is not None else ''}"
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]
