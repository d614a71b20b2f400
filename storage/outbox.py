"""Bot API calls the bot owes, kept until Telegram has accepted them.

A handler that decides to warn, approve or reply writes the call here, in the same
transaction as the record of why; a delivery worker sends it and retries on
passing failures, so neither a 429, a 500 nor a restart loses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage import dialect, json_text
from storage.database import Database, Transaction, Unit
from storage.sql import placeholders
from storage.timefmt import from_db, to_db

URGENT, WARNING, NORMAL = 0, 1, 2


class CallState(StrEnum):
    """Where an owed call stands."""

    PENDING = "pending"
    SENT = "sent"  # Telegram accepted it; its answer is kept
    FAILED = "failed"  # Telegram refused it for good, or its attempts ran out


@dataclass(frozen=True)
class OutboxItem:
    """One owed Bot API call."""

    outbox_id: int
    chat_id: int
    method: str
    params: dict[str, Any]
    purpose: str
    attempts: int
    not_before: datetime
    # Set while an attempt to post may have reached Telegram unanswered: the highest message id known then.
    in_flight_after: int | None = None


async def enqueue(
    tx: Transaction,
    *,
    method: str,
    params: dict[str, Any],
    purpose: str,
    at: datetime,
    chat_id: int = 0,
    dedupe_key: str | None = None,
    priority: int = NORMAL,
) -> int:
    """Owe a call; returns its id. With a dedupe_key already owed, returns the first one's id.

    chat_id orders delivery: calls to one chat go out one after another (0 for calls to no chat),
    the most urgent priority first, in the order owed within a priority.
    """
    return await tx.run(lambda unit: enqueue_in(
        unit, method=method, params=params, purpose=purpose, at=at, chat_id=chat_id, dedupe_key=dedupe_key,
        priority=priority,
    ))


@dataclass(frozen=True)
class OwedCall:
    """A call to owe, as the outbox keeps it (enqueue_in's arguments, its parameters spelled as stored), for a
    unit that writes it with other rows in one statement (storage.instructions on PostgreSQL)."""

    method: str
    params_json: str
    purpose: str
    at: datetime
    chat_id: int
    dedupe_key: str | None
    priority: int

    @classmethod
    def of(cls, *, method: str, params: dict[str, Any], purpose: str, at: datetime, chat_id: int = 0,
           dedupe_key: str | None = None, priority: int = NORMAL) -> OwedCall:
        """The call enqueue_in would write with these arguments."""
        return cls(method, json_text.unescaped_sorted(params), purpose, at, chat_id, dedupe_key, priority)


def enqueue_in(
    unit: Unit,
    *,
    method: str,
    params: dict[str, Any],
    purpose: str,
    at: datetime,
    chat_id: int = 0,
    dedupe_key: str | None = None,
    priority: int = NORMAL,
) -> int:
    """Owe a call as part of a unit of work; returns its id (the first one's, with a dedupe_key already owed)."""
    return enqueue_owed_in(unit, OwedCall.of(method=method, params=params, purpose=purpose, at=at, chat_id=chat_id,
                                             dedupe_key=dedupe_key, priority=priority))


def enqueue_owed_in(unit: Unit, call: OwedCall) -> int:
    """enqueue_in of a call already spelled as stored."""
    new_id = unit.execute(
        "INSERT OR IGNORE INTO outbox (dedupe_key, chat_id, method, params, purpose, created_at, not_before,"
        " priority) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (call.dedupe_key, call.chat_id, call.method, call.params_json, call.purpose, to_db(call.at), to_db(call.at),
         call.priority),
    )
    if new_id:
        return new_id
    row = unit.fetchone("SELECT id FROM outbox WHERE dedupe_key = ?", (call.dedupe_key,))
    assert row is not None  # the insert was ignored because this key is there
    return row[0]


async def chats_with_due_calls(db: Database, *, now: datetime, holder: str | None = None) -> list[int]:
    """Chats whose next owed call (by priority, then order) is due; with holder, leaving out the chats another
    instance is delivering (their claim has not lapsed)."""
    claimed = ""
    params: tuple[Any, ...] = (to_db(now),)
    if holder is not None:
        claimed = " AND chat_id NOT IN (SELECT chat_id FROM outbox_chat_claims WHERE holder != ? AND until > ?)"
        params = (to_db(now), holder, to_db(now))
    rows = await db.fetchall(
        "SELECT chat_id FROM (SELECT chat_id, not_before,"
        " row_number() OVER (PARTITION BY chat_id ORDER BY priority, id) AS place"
        " FROM outbox WHERE state = 'pending') AS owed WHERE place = 1 AND not_before <= ?" + claimed,
        params,
    )
    return [row[0] for row in rows]


# A chat's claim: taken if free or lapsed, renewed if ours; the row stays locked to the end of the
# transaction (on PostgreSQL), so a release and a new call's claim cannot pass each other unseen.
_CLAIM_CHAT = (
    "INSERT INTO outbox_chat_claims (chat_id, holder, until) VALUES (?, ?, ?)"
    " ON CONFLICT (chat_id) DO UPDATE SET holder = excluded.holder, until = excluded.until"
    " WHERE outbox_chat_claims.holder = excluded.holder OR outbox_chat_claims.until <= ?"
    " RETURNING chat_id"
)
_RELEASE_CHAT = "DELETE FROM outbox_chat_claims WHERE chat_id = ? AND holder = ?"


@dataclass(frozen=True)
class PostingMethods:
    """Which Bot API methods post a message in a chat (a rule on their names, in any case): those whose name starts
    with one of prefixes, but for the exceptions. A rule, not a list, so that the database can apply it too
    (next_call_in on PostgreSQL)."""

    prefixes: tuple[str, ...]
    exceptions: frozenset[str] = frozenset()

    def __call__(self, method: str) -> bool:
        name = method.lower()
        return name.startswith(self.prefixes) and name not in self.exceptions

    def as_arrays(self) -> tuple[list[str], list[str]]:
        """The rule as migrations 0022's and 0023's functions take it: the prefixes and the exceptions, lower case."""
        return [prefix.lower() for prefix in self.prefixes], sorted(name.lower() for name in self.exceptions)


# The call the server's functions answer, with _item's column names.
_CALL_ON_SERVER = (
    "SELECT call_id AS id, call_chat_id AS chat_id, call_method AS method, call_params AS params,"
    " call_purpose AS purpose, call_attempts AS attempts, call_not_before AS not_before,"
    " call_in_flight_after AS in_flight_after FROM "
)
# PostgreSQL: claim, read, let go or mark in one statement (migration 0022's function), not three round trips.
_NEXT_CALL_ON_SERVER = _CALL_ON_SERVER + "samvad_next_call(?, ?, ?, ?, ?::text[], ?::text[])"


def next_call_in(
    unit: Unit, chat_id: int, *, holder: str, now: datetime, until: datetime, posting: PostingMethods,
) -> OutboxItem | None:
    """Claim (or renew) a chat for holder and take its next owed call, in one unit of work.

    None if another instance holds the chat (it has a call of the chat in flight), or if nothing there is due
    (the claim is then let go). The holder lets the claim go where it settles the call (release_chat_in). A call
    that posts a message (posting) is marked in flight before it is returned; the item keeps the mark an earlier
    attempt left (None if none), which tells the deliverer to look for that attempt's message first.
    """
    if unit.dialect == dialect.POSTGRESQL:
        row = unit.fetchone(_NEXT_CALL_ON_SERVER, (chat_id, holder, to_db(until), to_db(now), *posting.as_arrays()))
        return _item(row) if row is not None else None
    if not unit.fetchall(_CLAIM_CHAT, (chat_id, holder, to_db(until), to_db(now))):
        return None
    row = unit.fetchone(
        "SELECT id, chat_id, method, params, purpose, attempts, not_before, in_flight_after FROM outbox"
        " WHERE state = 'pending' AND chat_id = ? ORDER BY priority, id LIMIT 1",
        (chat_id,),
    )
    if row is None or from_db(row["not_before"]) > now:
        unit.execute(_RELEASE_CHAT, (chat_id, holder))
        return None
    item = _item(row)
    if chat_id != 0 and posting(item.method):
        mark_in_flight_in(unit, item.outbox_id, chat_id)
    return item


@dataclass(frozen=True)
class NextCall:
    """What taking a chat's next call needs besides the chat and its holder (next_call_in's other arguments)."""

    now: datetime
    until: datetime
    posting: PostingMethods


_SETTLE_ON_SERVER = _CALL_ON_SERVER + "samvad_settle_call(?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::text[])"


def settle_in(
    unit: Unit, call: OutboxItem, *, at: datetime, holder: str, result: Any = None, error: str | None = None,
    then: NextCall | None = None,
) -> OutboxItem | None:
    """Mark a call sent (Telegram's result) or, with error, failed for good; then take its chat's next due call for
    holder (then: see next_call_in) or, without then, let holder's claim of the chat go. The next call, or None.

    On PostgreSQL one statement (migration 0023), where it was two round trips; SQLite runs the steps here.
    """
    if unit.dialect == dialect.POSTGRESQL:
        row = unit.fetchone(_SETTLE_ON_SERVER, (
            call.outbox_id, json_text.unescaped(result) if error is None else None,
            error[:500] if error is not None else None, to_db(at), call.chat_id, holder, int(then is not None),
            to_db(then.until) if then else None, to_db(then.now) if then else None,
            *(then.posting.as_arrays() if then else ([], []))))
        return _item(row) if row is not None else None
    if error is None:
        mark_sent_in(unit, call.outbox_id, result=result, at=at)
    else:
        mark_failed_in(unit, call.outbox_id, error=error, at=at)
    if then is None:
        release_chat_in(unit, call.chat_id, holder=holder)
        return None
    return next_call_in(unit, call.chat_id, holder=holder, now=then.now, until=then.until, posting=then.posting)


def release_chat_in(unit: Unit, chat_id: int, *, holder: str) -> None:
    """Let go of a chat's claim (with the settlement of its call in flight: the chat's next call is anyone's)."""
    unit.execute(_RELEASE_CHAT, (chat_id, holder))


def renew_claims_in(unit: Unit, *, holder: str, until: datetime) -> int:
    """Extend every chat claim holder has (a call waiting in the rate limiter keeps its chat); how many."""
    return unit.execute_counting("UPDATE outbox_chat_claims SET until = ? WHERE holder = ?", (to_db(until), holder))


def release_all_in(unit: Unit, *, holder: str | None) -> int:
    """Let go of every chat claim holder has (it stops: others take its chats at once, not when they lapse);
    holder None: every claim (a run alone on the database: any claim there is a dead run's)."""
    if holder is None:
        return unit.execute_counting("DELETE FROM outbox_chat_claims")
    return unit.execute_counting("DELETE FROM outbox_chat_claims WHERE holder = ?", (holder,))


async def first_owed(db: Database, chat_id: int) -> OutboxItem | None:
    """The next pending call to a chat (most urgent, then oldest), due or not."""
    row = await db.fetchone(
        "SELECT id, chat_id, method, params, purpose, attempts, not_before, in_flight_after FROM outbox"
        " WHERE state = 'pending' AND chat_id = ? ORDER BY priority, id LIMIT 1",
        (chat_id,),
    )
    return _item(row) if row else None


async def next_due_at(db: Database) -> datetime | None:
    """When the earliest pending call becomes due, or None if nothing is owed."""
    row = await db.fetchone("SELECT min(not_before) FROM outbox WHERE state = 'pending'")
    return from_db(row[0]) if row and row[0] else None


# The highest message id known in a chat (chat_id twice), and the ids known after one (chat_id, after, chat_id,
# after): recorded messages, or posted by a call marked sent. The sent calls' ids are read through the index of
# migration 0014, whose expression is this one (tests/storage/test_outbox_sent_index.py checks both planners use it).
# The sent calls' highest id is the index's last entry (ORDER BY ... DESC LIMIT 1), not max(): PostgreSQL's planner,
# estimating few sent calls a chat, took max() as a walk over all of them, each call's answer parsed as JSON again
# (a chat's 36 sent calls cost 5 ms a send in a 3,000-message benchmark; a month's would cost seconds).
_SENT_ID = "CAST(json_extract(result, '$.message_id') AS INTEGER)"
HIGHEST_KNOWN_MESSAGE_ID = (
    "SELECT max(coalesce((SELECT max(message_id) FROM messages WHERE chat_id = ?), 0),"
    f" coalesce((SELECT {_SENT_ID} FROM outbox WHERE chat_id = ? AND state = 'sent' AND {_SENT_ID} IS NOT NULL"
    f"           ORDER BY {_SENT_ID} DESC LIMIT 1), 0))"
)
KNOWN_MESSAGE_IDS_AFTER = (
    "SELECT message_id FROM messages WHERE chat_id = ? AND message_id > ?"
    " UNION SELECT CAST(json_extract(result, '$.message_id') AS INTEGER) FROM outbox"
    " WHERE chat_id = ? AND state = 'sent' AND CAST(json_extract(result, '$.message_id') AS INTEGER) > ?"
)


# The mark, with the highest id known read inside it: one statement (a round trip on PostgreSQL) where it was a read
# and an update. A mark an earlier attempt left is kept (coalesce: its id is the lower, so the search covers both).
_MARK_IN_FLIGHT = (
    "UPDATE outbox SET in_flight_after = coalesce(in_flight_after, (" + HIGHEST_KNOWN_MESSAGE_ID + "))"
    " WHERE id = ? AND state = 'pending' RETURNING in_flight_after"
)


async def mark_in_flight(tx: Transaction, outbox_id: int, chat_id: int) -> int | None:
    """Note, before posting, that the call may reach Telegram; returns the mark it holds (the highest message id
    known in the chat when it was first marked), or None if the call is no longer owed (settled meanwhile: it must
    not be sent again).

    A mark left by an earlier attempt is kept (its id is the lower, so the search covers both attempts).
    """
    return await tx.run(lambda unit: mark_in_flight_in(unit, outbox_id, chat_id))


def mark_in_flight_in(unit: Unit, outbox_id: int, chat_id: int) -> int | None:
    """mark_in_flight as part of a unit of work."""
    rows = unit.fetchall(_MARK_IN_FLIGHT, (chat_id, chat_id, outbox_id))  # all: the UPDATE runs to its end
    return int(rows[0][0]) if rows else None


async def known_message_ids(db: Database, chat_id: int, *, after: int) -> set[int]:
    """Ids of the messages known in a chat after a message id: recorded, or posted by a call marked sent."""
    rows = await db.fetchall(KNOWN_MESSAGE_IDS_AFTER, (chat_id, after, chat_id, after))
    return {row[0] for row in rows if row[0] is not None}


_MARK_SENT = (
    "UPDATE outbox SET state = 'sent', attempts = attempts + 1, completed_at = ?, result = ?,"
    " in_flight_after = NULL WHERE id = ?"
)


async def mark_sent(tx: Transaction, outbox_id: int, *, result: Any, at: datetime) -> None:
    """Telegram accepted the call."""
    await tx.execute(_MARK_SENT, (to_db(at), json_text.unescaped(result), outbox_id))


def mark_sent_in(unit: Unit, outbox_id: int, *, result: Any, at: datetime) -> None:
    """mark_sent as part of a unit of work."""
    unit.execute(_MARK_SENT, (to_db(at), json_text.unescaped(result), outbox_id))


async def mark_retry(
    tx: Transaction,
    outbox_id: int,
    *,
    error: str,
    retry_at: datetime,
    params: dict[str, Any] | None = None,
    answered: bool = True,
) -> None:
    """A passing failure: try again at retry_at (with corrected params, e.g. a migrated chat id).

    answered: Telegram answered (so nothing was posted); False after a timeout or a dropped connection,
    which keeps the in-flight mark.
    """
    clear = "in_flight_after = NULL, " if answered else ""
    if params is None:
        await tx.execute(
            f"UPDATE outbox SET {clear}attempts = attempts + 1, last_error = ?, not_before = ? WHERE id = ?",
            (error[:500], to_db(retry_at), outbox_id),
        )
    else:
        await tx.execute(
            f"UPDATE outbox SET {clear}attempts = attempts + 1, last_error = ?, not_before = ?, params = ?"
            " WHERE id = ?",
            (error[:500], to_db(retry_at), json_text.unescaped_sorted(params), outbox_id),
        )


_MARK_FAILED = (
    "UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, completed_at = ?,"
    " in_flight_after = NULL WHERE id = ?"
)


async def mark_failed(tx: Transaction, outbox_id: int, *, error: str, at: datetime) -> None:
    """Telegram refused the call for good (bad request, forbidden)."""
    await tx.execute(_MARK_FAILED, (error[:500], to_db(at), outbox_id))


def mark_failed_in(unit: Unit, outbox_id: int, *, error: str, at: datetime) -> None:
    """mark_failed as part of a unit of work."""
    unit.execute(_MARK_FAILED, (error[:500], to_db(at), outbox_id))


async def result_of(db: Database | Transaction, outbox_id: int) -> tuple[CallState, Any]:
    """(state, result) of an owed call: result is Telegram's answer once sent."""
    row = await db.fetchone("SELECT state, result FROM outbox WHERE id = ?", (outbox_id,))
    if row is None:
        raise KeyError(outbox_id)
    return CallState(row["state"]), json.loads(row["result"]) if row["result"] else None


@dataclass(frozen=True)
class SettledCall:
    """An owed call as it stands: its state and, once sent, Telegram's answer."""

    outbox_id: int
    chat_id: int
    method: str
    purpose: str
    params: dict[str, Any]
    state: CallState
    result: Any


async def calls_for(db: Database, *, purposes: tuple[str, ...]) -> list[SettledCall]:
    """Every call owed for one of purposes, in the order owed (for benchmarks and audits)."""
    marks = placeholders(len(purposes))
    rows = await db.fetchall(
        f"SELECT id, chat_id, method, purpose, params, state, result FROM outbox WHERE purpose IN ({marks})"
        " ORDER BY id",
        purposes,
    )
    return [
        SettledCall(row["id"], row["chat_id"], row["method"], row["purpose"], json.loads(row["params"]),
                    CallState(row["state"]),
                    json.loads(row["result"]) if row["result"] else None)
        for row in rows
    ]


async def counts(db: Database) -> dict[CallState, int]:
    """How many calls are pending, sent and failed."""
    rows = await db.fetchall("SELECT state, count(*) FROM outbox GROUP BY state")
    return {CallState(row[0]): row[1] for row in rows}


def _item(row: Any) -> OutboxItem:
    return OutboxItem(
        outbox_id=row["id"],
        chat_id=row["chat_id"],
        method=row["method"],
        params=json.loads(row["params"]),
        purpose=row["purpose"],
        attempts=row["attempts"],
        not_before=from_db(row["not_before"]),
        in_flight_after=row["in_flight_after"],
    )


async def purge_settled(tx: Transaction, *, before: datetime) -> int:
    """Forget calls settled (sent or failed) before a time."""
    return await tx.execute_counting(
        "DELETE FROM outbox WHERE state != 'pending' AND completed_at < ?", (to_db(before),)
    )
