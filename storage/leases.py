"""Leases and instance identities: how several instances on one database agree who does what.

A lease gives one instance a thing only one may do at a time (the poller: Telegram answers one
getUpdates at a time) until it expires; its holder renews it well before then, and anyone may take it
once it has expired. An instance row is an instance's identity (one live run per instance id, so a
second run given the same id waits for the first's row to expire, and refuses if it is renewed) and
the role it reports to `samvad health`.

Every statement is one atomic upsert whose WHERE decides (the row is ours, or has expired), so it
holds on SQLite (one writer at a time) and on PostgreSQL (ON CONFLICT locks the row it tests) alike.
Times are the instances' own clocks: their skew must stay well below a lease (NTP keeps it to ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from storage.database import Database, Row, Unit
from storage.timefmt import from_db, to_db

POLLER = "poller"


class Role(StrEnum):
    """What an instance does now."""

    STARTING = "starting"
    POLLER = "poller"  # holds the poller lease: the one instance calling getUpdates
    STANDBY = "standby"  # long-polling mode without the lease: handles updates, ready to take over
    WORKER = "worker"  # webhook mode: receives what the proxy sends it, and handles updates


@dataclass(frozen=True)
class Lease:
    """Who holds a lease, and until when."""

    name: str
    holder: str
    acquired_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class InstanceRow:
    """An instance as it last reported itself."""

    instance_id: str
    role: Role
    started_at: datetime
    seen_at: datetime
    expires_at: datetime


def hold_in(unit: Unit, name: str, holder: str, *, now: datetime, ttl: timedelta) -> bool:
    """Take or renew a lease for holder until now + ttl; False if another holds it and it has not expired."""
    row = unit.fetchone(
        "INSERT INTO leases (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,"
        " acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at"
        " ELSE excluded.acquired_at END"
        " WHERE leases.holder = excluded.holder OR leases.expires_at < excluded.acquired_at"
        " RETURNING holder",
        (name, holder, to_db(now), to_db(now + ttl)),
    )
    return row is not None


def release_in(unit: Unit, name: str, holder: str) -> None:
    """Give a lease up at once (a standby need not wait for it to expire); nothing if another holds it."""
    unit.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))


async def lease(db: Database, name: str) -> Lease | None:
    """The lease as stored (possibly expired), or None if no one has held it or it was released."""
    row = await db.fetchone("SELECT name, holder, acquired_at, expires_at FROM leases WHERE name = ?", (name,))
    if row is None:
        return None
    return Lease(row["name"], row["holder"], from_db(row["acquired_at"]), from_db(row["expires_at"]))


def join_in(
    unit: Unit, instance_id: str, run_token: str, role: Role, *, now: datetime, ttl: timedelta, alone: bool = False
) -> bool:
    """Take instance_id for this run (or renew it, with its role); False while another live run has it.

    alone: the caller knows no other process uses the database (it holds the file lock), so a row
    left by a run that died is taken over at once.
    """
    row = unit.fetchone(
        "INSERT INTO instances (instance_id, run_token, role, started_at, seen_at, expires_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (instance_id) DO UPDATE SET run_token = excluded.run_token, role = excluded.role,"
        " seen_at = excluded.seen_at, expires_at = excluded.expires_at,"
        " started_at = CASE WHEN instances.run_token = excluded.run_token THEN instances.started_at"
        " ELSE excluded.started_at END"
        " WHERE instances.run_token = excluded.run_token OR instances.expires_at < excluded.seen_at OR ? = 1"
        " RETURNING instance_id",
        (instance_id, run_token, role.value, to_db(now), to_db(now), to_db(now + ttl), 1 if alone else 0),
    )
    return row is not None


def leave_in(unit: Unit, instance_id: str, run_token: str) -> None:
    """This run stops: its identity, its leases and its chat claims are free at once."""
    if unit.execute_counting(
        "DELETE FROM instances WHERE instance_id = ? AND run_token = ?", (instance_id, run_token)
    ):
        unit.execute("DELETE FROM leases WHERE holder = ?", (instance_id,))
        unit.execute("DELETE FROM chat_claims WHERE instance_id = ?", (instance_id,))


def live_peers_in(unit: Unit, instance_id: str, *, now: datetime) -> int:
    """How many other instances have renewed their identity within a lease of now."""
    row = unit.fetchone(
        "SELECT COUNT(*) AS live FROM instances WHERE instance_id <> ? AND expires_at >= ?", (instance_id, to_db(now))
    )
    return int(row["live"]) if row is not None else 0


async def instance(db: Database, instance_id: str) -> InstanceRow | None:
    """One instance's last report, or None if it is not running (or stopped in order)."""
    row = await db.fetchone(
        "SELECT instance_id, role, started_at, seen_at, expires_at FROM instances WHERE instance_id = ?",
        (instance_id,),
    )
    return None if row is None else _instance(row)


async def instances(db: Database) -> list[InstanceRow]:
    """Every instance's last report, by id."""
    rows = await db.fetchall(
        "SELECT instance_id, role, started_at, seen_at, expires_at FROM instances ORDER BY instance_id"
    )
    return [_instance(row) for row in rows]


def _instance(row: Row) -> InstanceRow:
    return InstanceRow(
        row["instance_id"],
        Role(row["role"]),
        from_db(row["started_at"]),
        from_db(row["seen_at"]),
        from_db(row["expires_at"]),
    )
