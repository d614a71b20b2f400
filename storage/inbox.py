"""Updates as received from Telegram, kept until handled.

The bot writes a batch here before it confirms the batch to Telegram (by asking
for the next offset), so an update is either in this table or still held by
Telegram: a crash in between loses nothing.

Where several instances share the database, an instance handles an update only while it holds
its chat's claim (chat_claims): one instance at a time per chat, so a chat's updates are handled in
order. A claim expires unless renewed, so a dead instance's chats pass to another; replay stores
nothing twice, so an update handled again there changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.database import Database, Transaction, Unit
from storage.sql import placeholders
from storage.timefmt import to_db


@dataclass(frozen=True)
class InboxItem:
    """A stored update awaiting (or past) handling."""

    inbox_id: int
    update_id: int
    payload: str
    processed: bool


async def store(tx: Transaction, updates: list[tuple[int, str]], *, at: datetime) -> list[InboxItem]:
    """Store (update_id, payload JSON) pairs in one trip; returns one item per input, new or already there."""
    return await tx.run(lambda unit: store_in(unit, updates, at=at))


def store_in(
    unit: Unit, updates: list[tuple[int, str]], *, at: datetime, chat_keys: Sequence[int] | None = None
) -> list[InboxItem]:
    """Store (update_id, payload JSON) pairs as part of a unit of work; one item per input, new or already there.

    The same update delivered twice maps to the same item. A reused update id with
    different content (Telegram restarts its numbering after a week's silence) is a new item.
    A batch of new updates costs one statement (their ids come back from the insert: one round trip on
    PostgreSQL, not one per update); only updates already there are looked up. chat_keys, one per update,
    name each update's chat for claims (default 0).
    """
    received = to_db(at)
    keys = chat_keys if chat_keys is not None else [0] * len(updates)
    rows = [(update_id, hashlib.sha256(payload.encode("utf-8")).hexdigest(), payload, received, chat_key)
            for (update_id, payload), chat_key in zip(updates, keys, strict=True)]
    new_ids: dict[tuple[int, str], int] = {}
    for start in range(0, len(rows), _BATCH):
        # The last row repeated up to a power of two (its copies conflict with it and are not inserted): a handful
        # of statement texts for every batch size, as the marks have (_padded); a text per size, up to 100 of them,
        # pushed the hot path's statements out of the drivers' caches (sqlite3 keeps 128 a connection), and a
        # 30-row INSERT prepared again costs 263 us where a cached one costs 151.
        chunk = _padded_rows(rows[start : start + _BATCH])
        inserted = unit.fetchall(
            "INSERT INTO inbox (update_id, payload_hash, payload, received_at, chat_key) VALUES "
            + ", ".join(["(?, ?, ?, ?, ?)"] * len(chunk))
            + " ON CONFLICT DO NOTHING RETURNING id, update_id, payload_hash",
            [value for row in chunk for value in row],
        )
        for row in inserted:
            new_ids[(row["update_id"], row["payload_hash"])] = row["id"]
    items = []
    for update_id, digest, payload, _, _ in rows:
        new_id = new_ids.pop((update_id, digest), None)  # popped: the same update twice in a batch is one item
        if new_id is not None:
            items.append(InboxItem(new_id, update_id, payload, False))
            continue
        there = unit.fetchone(
            "SELECT id, processed_at FROM inbox WHERE update_id = ? AND payload_hash = ?", (update_id, digest)
        )
        assert there is not None  # written above, or already there
        items.append(InboxItem(there["id"], update_id, payload, there["processed_at"] is not None))
    return items


_BATCH = 100  # updates a statement: getUpdates answers at most 100 (and SQLite allows 32,766 parameters)


def _padded_rows(rows: list[tuple]) -> list[tuple]:
    """rows, the last repeated up to a power of two (128 at most for _BATCH's 100: 640 parameters)."""
    size = 1 << (len(rows) - 1).bit_length()
    return rows + rows[-1:] * (size - len(rows))


@dataclass(frozen=True)
class Outcome:
    """How the handling of one stored update ended, to be written with others in one transaction."""

    inbox_id: int
    error: str | None = None  # a passing failure: the update stays queued for replay
    forget_payload: bool = False


async def mark_processed(tx: Transaction, inbox_id: int, *, at: datetime, forget_payload: bool = False) -> None:
    """The update has been handled; it will not be replayed. forget_payload drops its content (the hash stays)."""
    await tx.run(lambda unit: mark_in(unit, [Outcome(inbox_id, forget_payload=forget_payload)], at=at))


async def mark_failed(tx: Transaction, inbox_id: int, error: str) -> None:
    """Handling failed for a passing reason; the update stays queued for replay."""
    await tx.run(lambda unit: mark_in(unit, [Outcome(inbox_id, error=error)], at=None))


_IDS_PER_STATEMENT = 512  # well under SQLite's limit of parameters in one statement


def _padded(ids: list[int]) -> list[int]:
    """The ids, the last repeated up to a power of two: a handful of statement texts for every batch size, so
    they stay in the drivers' statement caches (a new text per size would push other statements out)."""
    size = 1 << (len(ids) - 1).bit_length()
    return ids + ids[-1:] * (size - len(ids))


def mark_in(unit: Unit, outcomes: list[Outcome], *, at: datetime | None) -> None:
    """Write how a batch of updates' handling ended, as part of a unit of work (a statement per kind; nothing read
    back, so on PostgreSQL they go with the unit's next statement or its COMMIT)."""
    handled = [o for o in outcomes if o.error is None]
    assert at is not None or not handled, "an update handled needs the time it was handled"
    stamp = to_db(at) if at is not None else ""
    done = [o.inbox_id for o in handled if not o.forget_payload]
    forgotten = [o.inbox_id for o in handled if o.forget_payload]
    failed = [(o.error[:500], o.inbox_id) for o in outcomes if o.error is not None]
    # The handled share one time: one statement for a batch's updates, not one each (on PostgreSQL every
    # statement costs the bot and the server about as much as a small read).
    for assignments, kind in (("processed_at = ?", done), ("processed_at = ?, payload = '{}'", forgotten)):
        for start in range(0, len(kind), _IDS_PER_STATEMENT):
            ids = _padded(kind[start : start + _IDS_PER_STATEMENT])
            unit.execute_soon(f"UPDATE inbox SET {assignments} WHERE id IN ({placeholders(len(ids))})", (stamp, *ids))
    if failed:
        unit.executemany("UPDATE inbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", failed)


async def unprocessed(db: Database, *, limit: int = 1000) -> list[InboxItem]:
    """Stored updates not yet handled, oldest first."""
    rows = await db.fetchall(
        "SELECT id, update_id, payload FROM inbox WHERE processed_at IS NULL ORDER BY id LIMIT ?", (limit,)
    )
    return [InboxItem(row["id"], row["update_id"], row["payload"], False) for row in rows]


async def purge_processed(tx: Transaction, *, before: datetime) -> int:
    """Forget handled updates received before a time; the journal keeps their content."""
    return await tx.execute_counting(
        "DELETE FROM inbox WHERE processed_at IS NOT NULL AND received_at < ?", (to_db(before),)
    )


def claim_chats_in(
    unit: Unit,
    instance_id: str,
    *,
    now: datetime,
    ttl: timedelta,
    chat_keys: Sequence[int] | None = None,
    limit: int = 64,
) -> list[int]:
    """Claim for instance_id the chats with updates waiting (of chat_keys, if given) that no other live claim holds.

    Returns the chats claimed (or renewed): at most limit, those whose oldest waiting update is oldest.
    """
    within = ""
    params: list[object] = [instance_id, to_db(now + ttl)]
    if chat_keys is not None:
        if not chat_keys:
            return []
        within = f" AND chat_key IN ({', '.join('?' * len(chat_keys))})"
        params.extend(chat_keys)
    params.extend([instance_id, to_db(now), limit, to_db(now)])
    # The oldest waiting chats, then taken in key order: two instances claiming at once lock rows in
    # the same order (on PostgreSQL, where ON CONFLICT locks each row it tests, so no deadlock).
    rows = unit.fetchall(
        "INSERT INTO chat_claims (chat_key, instance_id, expires_at)"
        " SELECT chat_key, ?, ? FROM (SELECT chat_key FROM inbox WHERE processed_at IS NULL" + within +
        " AND NOT EXISTS (SELECT 1 FROM chat_claims AS held WHERE held.chat_key = inbox.chat_key"
        " AND held.instance_id <> ? AND held.expires_at >= ?)"
        " GROUP BY chat_key ORDER BY MIN(id) LIMIT ?) AS oldest WHERE true ORDER BY chat_key"
        " ON CONFLICT (chat_key) DO UPDATE SET instance_id = excluded.instance_id, expires_at = excluded.expires_at"
        " WHERE chat_claims.instance_id = excluded.instance_id OR chat_claims.expires_at < ?"
        " RETURNING chat_key",
        params,
    )
    return [row["chat_key"] for row in rows]


def waiting_in(unit: Unit, chat_keys: Sequence[int]) -> list[InboxItem]:
    """The updates of these chats not yet handled, in the order they were stored."""
    return [item for item, _ in waiting_by_chat_in(unit, chat_keys)]


def waiting_by_chat_in(unit: Unit, chat_keys: Sequence[int]) -> list[tuple[InboxItem, int]]:
    """The updates of these chats not yet handled, each with its chat, in the order they were stored."""
    if not chat_keys:
        return []
    rows = unit.fetchall(
        "SELECT id, update_id, payload, chat_key FROM inbox WHERE processed_at IS NULL"
        f" AND chat_key IN ({', '.join('?' * len(chat_keys))}) ORDER BY id",
        list(chat_keys),
    )
    return [(InboxItem(row["id"], row["update_id"], row["payload"], False), row["chat_key"]) for row in rows]


async def unclaimed(db: Database, instance_id: str, *, now: datetime, limit: int = 1000) -> list[tuple[int, int]]:
    """(inbox id, chat) of updates waiting whose chat no other instance holds a live claim of, oldest first."""
    rows = await db.fetchall(
        "SELECT id, chat_key FROM inbox WHERE processed_at IS NULL AND NOT EXISTS (SELECT 1 FROM chat_claims"
        " AS held WHERE held.chat_key = inbox.chat_key AND held.instance_id <> ? AND held.expires_at >= ?)"
        " ORDER BY id LIMIT ?",
        (instance_id, to_db(now), limit),
    )
    return [(row["id"], row["chat_key"]) for row in rows]


def renew_claims_in(unit: Unit, instance_id: str, *, now: datetime, ttl: timedelta) -> int:
    """Extend every claim instance_id holds to now + ttl; returns how many it holds."""
    return unit.execute_counting(
        "UPDATE chat_claims SET expires_at = ? WHERE instance_id = ?", (to_db(now + ttl), instance_id)
    )


def release_idle_claims_in(unit: Unit, instance_id: str, chat_keys: Sequence[int]) -> None:
    """Give up the claims of these chats that have no update waiting any more (after their marks)."""
    if not chat_keys:
        return
    unit.execute_soon(
        "DELETE FROM chat_claims WHERE instance_id = ?"
        f" AND chat_key IN ({', '.join('?' * len(chat_keys))})"
        " AND NOT EXISTS (SELECT 1 FROM inbox WHERE inbox.chat_key = chat_claims.chat_key"
        " AND inbox.processed_at IS NULL)",
        [instance_id, *chat_keys],
    )


async def claim_holders(db: Database) -> dict[int, str]:
    """Which instance holds each chat's claim (expired ones included)."""
    rows = await db.fetchall("SELECT chat_key, instance_id FROM chat_claims")
    return {row["chat_key"]: row["instance_id"] for row in rows}
