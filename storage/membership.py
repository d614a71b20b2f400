"""Membership state: numbers shared to verify, join requests, restricted members, invite links, members seen.

The rules of who belongs where are in storage.roster; this module keeps what the
bot has decided and done about real people, so that a later event (a verification,
a deadline, a transfer) can finish what an earlier one started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import Transaction
from storage.roster import Reader
from storage.sql import where_equal
from storage.timefmt import from_db, to_db

PRESENT_STATUSES = frozenset({"creator", "administrator", "member", "restricted"})


# -- numbers shared to verify ---------------------------------------------------


async def record_claim(tx: Transaction, *, user_id: int, mobile: str, post_id: str | None, at: datetime) -> bool:
    """Remember a number an account shared as its own; True if this account never shared it before."""
    earlier = await tx.fetchone(
        "SELECT 1 FROM number_claims WHERE user_id = ? AND mobile = ? LIMIT 1", (user_id, mobile)
    )
    await tx.execute(
        "INSERT INTO number_claims (user_id, mobile, claimed_at, post_id) VALUES (?, ?, ?, ?)",
        (user_id, mobile, to_db(at), post_id),
    )
    return earlier is None


async def unmatched_claimant(db: Reader, mobile: str) -> int | None:
    """The account that last shared this number when no post had it (it proved the number is theirs)."""
    row = await db.fetchone(
        "SELECT user_id FROM number_claims WHERE mobile = ? AND post_id IS NULL ORDER BY id DESC LIMIT 1", (mobile,)
    )
    return row[0] if row else None


async def settle_claims(tx: Transaction, *, mobile: str, post_id: str) -> None:
    """A post now has this number and its account: earlier unmatched claims to it are answered."""
    await tx.execute("UPDATE number_claims SET post_id = ? WHERE mobile = ? AND post_id IS NULL", (post_id, mobile))


# -- join requests ----------------------------------------------------------------


@dataclass(frozen=True)
class JoinRequest:
    """A person's latest request to join a group, as the bot decided it."""

    chat_id: int
    user_id: int
    requested_at: datetime
    invite_link: str | None
    state: str


async def save_join_request(
    tx: Transaction, *, chat_id: int, user_id: int, invite_link: str | None, state: str, at: datetime
) -> None:
    """Record a new join request and the bot's first decision on it (held or approved)."""
    decided = None if state == "held" else to_db(at)
    await tx.execute(
        "INSERT INTO join_requests (chat_id, user_id, requested_at, invite_link, state, decided_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id) DO UPDATE SET"
        " requested_at = excluded.requested_at, invite_link = excluded.invite_link, state = excluded.state,"
        " decided_at = excluded.decided_at",
        (chat_id, user_id, to_db(at), invite_link, state, decided),
    )


async def settle_join_request(tx: Transaction, *, chat_id: int, user_id: int, state: str, at: datetime) -> bool:
    """Settle a held request (approved, declined, gone); False if none was held."""
    changed = await tx.execute_counting(
        "UPDATE join_requests SET state = ?, decided_at = ? WHERE chat_id = ? AND user_id = ? AND state = 'held'",
        (state, to_db(at), chat_id, user_id),
    )
    return changed > 0


async def held_requests(db: Reader, *, user_id: int | None = None, chat_id: int | None = None) -> list[JoinRequest]:
    """Requests still held, of one person or in one group."""
    where, params = where_equal({"state": "held", "user_id": user_id, "chat_id": chat_id})
    rows = await db.fetchall(
        "SELECT chat_id, user_id, requested_at, invite_link, state FROM join_requests"
        f" WHERE {where} ORDER BY requested_at",
        params,
    )
    return [
        JoinRequest(row["chat_id"], row["user_id"], from_db(row["requested_at"]), row["invite_link"], row["state"])
        for row in rows
    ]


# -- members restricted until they verify ---------------------------------------


@dataclass(frozen=True)
class Gate:
    """A member restricted from sending until they verify."""

    chat_id: int
    user_id: int
    reason: str
    restricted_at: datetime
    remove_at: datetime
    state: str


async def open_gate(
    tx: Transaction, *, chat_id: int, user_id: int, reason: str, at: datetime, remove_at: datetime
) -> None:
    """Record that a member was restricted until they verify, to be removed at remove_at."""
    await tx.execute(
        "INSERT INTO member_gates (chat_id, user_id, reason, restricted_at, remove_at, state) VALUES"
        " (?, ?, ?, ?, ?, 'restricted') ON CONFLICT (chat_id, user_id) DO UPDATE SET reason = excluded.reason,"
        " restricted_at = excluded.restricted_at, remove_at = excluded.remove_at, state = 'restricted',"
        " settled_at = NULL",
        (chat_id, user_id, reason, to_db(at), to_db(remove_at)),
    )


async def close_gate(tx: Transaction, *, chat_id: int, user_id: int, state: str, at: datetime) -> bool:
    """Settle a restriction (lifted, removed, left); False if the member was not restricted."""
    changed = await tx.execute_counting(
        "UPDATE member_gates SET state = ?, settled_at = ? WHERE chat_id = ? AND user_id = ? AND state = 'restricted'",
        (state, to_db(at), chat_id, user_id),
    )
    return changed > 0


async def open_gates(db: Reader, *, user_id: int | None = None, chat_id: int | None = None) -> list[Gate]:
    """Members still restricted, of one person or in one group."""
    where, params = where_equal({"state": "restricted", "user_id": user_id, "chat_id": chat_id})
    rows = await db.fetchall(
        "SELECT chat_id, user_id, reason, restricted_at, remove_at, state FROM member_gates"
        f" WHERE {where} ORDER BY restricted_at",
        params,
    )
    return [
        Gate(row["chat_id"], row["user_id"], row["reason"], from_db(row["restricted_at"]), from_db(row["remove_at"]),
             row["state"])
        for row in rows
    ]


# -- invite links the bot made ----------------------------------------------------


async def save_invite_link(
    tx: Transaction, *, link: str, chat_id: int, user_id: int, post_id: str | None, at: datetime
) -> None:
    """Remember an invite link the bot created for someone."""
    await tx.execute(
        "INSERT OR IGNORE INTO invite_links (link, chat_id, user_id, post_id, created_at) VALUES (?, ?, ?, ?, ?)",
        (link, chat_id, user_id, post_id, to_db(at)),
    )


async def current_invite_link(db: Reader, *, chat_id: int, user_id: int) -> str | None:
    """The unrevoked link the bot made for this person to this group, if any."""
    row = await db.fetchone(
        "SELECT link FROM invite_links WHERE chat_id = ? AND user_id = ? AND revoked_at IS NULL"
        " ORDER BY created_at DESC LIMIT 1",
        (chat_id, user_id),
    )
    return row[0] if row else None


async def revoke_invite_links(tx: Transaction, *, chat_id: int, user_id: int, at: datetime) -> list[str]:
    """Mark the links made for this person to this group revoked; returns them (to revoke on Telegram)."""
    rows = await tx.fetchall(
        "SELECT link FROM invite_links WHERE chat_id = ? AND user_id = ? AND revoked_at IS NULL", (chat_id, user_id)
    )
    await tx.execute(
        "UPDATE invite_links SET revoked_at = ? WHERE chat_id = ? AND user_id = ? AND revoked_at IS NULL",
        (to_db(at), chat_id, user_id),
    )
    return [row[0] for row in rows]


# -- members as last seen ---------------------------------------------------------


async def save_member_status(tx: Transaction, *, chat_id: int, user_id: int, status: str, at: datetime) -> None:
    """What Telegram last said of someone in a group (creator, administrator, member, restricted, left, kicked)."""
    await tx.execute(
        "INSERT INTO group_members (chat_id, user_id, status, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (chat_id, user_id) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
        (chat_id, user_id, status, to_db(at)),
    )


async def people_seen_in(db: Reader, chat_id: int) -> list[int]:
    """Everyone the bot has seen in a group: from membership changes and from the messages they posted."""
    rows = await db.fetchall(
        "SELECT user_id FROM group_members WHERE chat_id = ?"
        " UNION SELECT sender_id FROM messages WHERE chat_id = ? AND sender_id IS NOT NULL",
        (chat_id, chat_id),
    )
    return sorted(row[0] for row in rows)
