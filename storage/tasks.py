"""Deadlines kept in the database: grace periods, reminders, checkpoints.

A scheduler in the bot polls `claim_due()`; because the deadline is a row, not a timer,
a restart forgets none of them. Several instances on one database each claim what they run
(with an expiry, so a dead instance's tasks run elsewhere), so a due task runs once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import json_text
from storage.database import Database, Transaction, Unit
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class Task:
    """One deadline and what to do at it."""

    task_id: int
    kind: str
    payload: dict[str, Any]
    due_at: datetime
    attempts: int


@dataclass(frozen=True)
class NewTask:
    """A task to schedule (schedule_in's arguments), for a unit that writes it with other rows."""

    kind: str
    payload: dict[str, Any]
    due_at: datetime
    dedupe_key: str | None = None


async def schedule(
    tx: Transaction,
    *,
    kind: str,
    payload: dict[str, Any],
    due_at: datetime,
    dedupe_key: str | None = None,
) -> int:
    """Schedule a task; with a pending dedupe_key already scheduled, move that one to due_at instead."""
    return await tx.run(lambda unit: schedule_in(unit, kind=kind, payload=payload, due_at=due_at, dedupe_key=dedupe_key))


# A task with a dedupe key: new, or the one with that key due again at the new time with the new payload (its kind
# and attempts kept). All rows read: the statement runs to its end on both backends.
_SCHEDULE_ONCE = (
    "INSERT INTO tasks (kind, dedupe_key, payload, due_at) VALUES (?, ?, ?, ?) ON CONFLICT (dedupe_key) DO UPDATE"
    " SET due_at = excluded.due_at, payload = excluded.payload, state = 'pending', completed_at = NULL RETURNING id"
)


def schedule_in(
    unit: Unit, *, kind: str, payload: dict[str, Any], due_at: datetime, dedupe_key: str | None = None
) -> int:
    """schedule as part of a unit of work."""
    if dedupe_key is not None:  # one statement (an upsert) where it was a look-up and a write
        rows = unit.fetchall(_SCHEDULE_ONCE, (kind, dedupe_key, json_text.sorted_keys(payload), to_db(due_at)))
        return int(rows[0][0])
    return unit.execute(
        "INSERT INTO tasks (kind, dedupe_key, payload, due_at) VALUES (?, ?, ?, ?)",
        (kind, dedupe_key, json_text.sorted_keys(payload), to_db(due_at)),
    )


async def cancel(tx: Transaction, dedupe_key: str, *, at: datetime) -> bool:
    """Cancel a pending task by its key; False if none was pending."""
    changed = await tx.execute_counting(
        "UPDATE tasks SET state = 'cancelled', completed_at = ? WHERE dedupe_key = ? AND state = 'pending'",
        (to_db(at), dedupe_key),
    )
    return changed > 0


async def due(db: Database, *, now: datetime, limit: int = 100) -> list[Task]:
    """Pending tasks whose time has come, earliest first."""
    rows = await db.fetchall(
        "SELECT id, kind, payload, due_at, attempts FROM tasks WHERE state = 'pending' AND due_at <= ?"
        " ORDER BY due_at, id LIMIT ?",
        (to_db(now), limit),
    )
    return [Task(row["id"], row["kind"], json.loads(row["payload"]), from_db(row["due_at"]), row["attempts"]) for row in rows]


# Due, unclaimed (or claimed by an instance that did not settle in time) tasks, claimed in one statement.
# The outer WHERE repeats the claim's condition: PostgreSQL re-checks it on a row another transaction has
# just claimed (so two instances never both take one), and SKIP LOCKED lets each pass over the rows
# another is claiming instead of waiting. SQLite runs one writer at a time, so the plain form suffices.
_CLAIMABLE = "state = 'pending' AND due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)"
_CLAIM_DUE = {
    "sqlite": (
        "UPDATE tasks SET claimed_by = ?, claimed_until = ? WHERE " + _CLAIMABLE + " AND id IN"
        " (SELECT id FROM tasks WHERE " + _CLAIMABLE + " ORDER BY due_at, id LIMIT ?)"
        " RETURNING id, kind, payload, due_at, attempts"
    ),
    "postgresql": (
        "UPDATE tasks SET claimed_by = ?, claimed_until = ? WHERE " + _CLAIMABLE + " AND id IN"
        " (SELECT id FROM tasks WHERE " + _CLAIMABLE + " ORDER BY due_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
        " RETURNING id, kind, payload, due_at, attempts"
    ),
}


async def claim_due(
    db: Database, *, now: datetime, holder: str, until: datetime, limit: int = 20
) -> list[Task]:
    """Claim the pending tasks whose time has come (earliest first) for holder until `until`; returns them.

    A task claimed by another instance is left to it until its claim lapses; settle each claimed task with
    complete, retry or fail, which let the claim go.
    """
    sql = _CLAIM_DUE[db.dialect]
    moment = to_db(now)
    # Most ticks find nothing due: a read (no transaction, no write lock taken) says so.
    if await db.fetchone("SELECT 1 FROM tasks WHERE " + _CLAIMABLE + " LIMIT 1", (moment, moment)) is None:
        return []
    rows = await db.write(lambda unit: unit.fetchall(
        sql, (holder, to_db(until), moment, moment, moment, moment, limit)))
    tasks = [Task(row["id"], row["kind"], json.loads(row["payload"]), from_db(row["due_at"]), row["attempts"])
             for row in rows]
    return sorted(tasks, key=lambda task: (task.due_at, task.task_id))  # RETURNING keeps no order


async def complete(tx: Transaction, task_id: int, *, at: datetime) -> None:
    """The task has run."""
    await tx.execute(
        "UPDATE tasks SET state = 'done', attempts = attempts + 1, completed_at = ?, claimed_by = NULL,"
        " claimed_until = NULL WHERE id = ?",
        (to_db(at), task_id),
    )


async def retry(tx: Transaction, task_id: int, *, error: str, retry_at: datetime) -> None:
    """The task failed for a passing reason; run it again at retry_at (on whichever instance is free then)."""
    await tx.execute(
        "UPDATE tasks SET attempts = attempts + 1, last_error = ?, due_at = ?, claimed_by = NULL,"
        " claimed_until = NULL WHERE id = ?",
        (error[:500], to_db(retry_at), task_id),
    )


async def fail(tx: Transaction, task_id: int, *, error: str, at: datetime) -> None:
    """The task cannot run; keep it for inspection."""
    await tx.execute(
        "UPDATE tasks SET state = 'failed', attempts = attempts + 1, last_error = ?, completed_at = ?,"
        " claimed_by = NULL, claimed_until = NULL WHERE id = ?",
        (error[:500], to_db(at), task_id),
    )


async def release(db: Database, *, holder: str | None) -> int:
    """Let go of every task holder has claimed but not settled (it stops: others may run them at once); holder
    None: every claim and every periodic job's turn (a run alone on the database: they are a dead run's)."""
    if holder is not None:
        return await db.write(lambda unit: unit.execute_counting(
            "UPDATE tasks SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ? AND state = 'pending'",
            (holder,)))

    def release_all(unit: Unit) -> int:
        unit.execute("DELETE FROM job_turns")
        return unit.execute_counting(
            "UPDATE tasks SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL")

    return await db.write(release_all)


async def pending(db: Database, *, kind: str | None = None) -> list[Task]:
    """Every pending task (of one kind), earliest first."""
    if kind is None:
        rows = await db.fetchall(
            "SELECT id, kind, payload, due_at, attempts FROM tasks WHERE state = 'pending' ORDER BY due_at, id"
        )
    else:
        rows = await db.fetchall(
            "SELECT id, kind, payload, due_at, attempts FROM tasks WHERE state = 'pending' AND kind = ?"
            " ORDER BY due_at, id",
            (kind,),
        )
    return [Task(row["id"], row["kind"], json.loads(row["payload"]), from_db(row["due_at"]), row["attempts"]) for row in rows]


_TAKE_TURN = (
    "INSERT INTO job_turns (name, holder, until) VALUES (?, ?, ?)"
    " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until"
    " WHERE job_turns.holder = excluded.holder OR job_turns.until <= ?"
    " RETURNING name"
)


def take_turn_in(unit: Unit, name: str, *, holder: str, now: datetime, until: datetime) -> bool:
    """Whether holder may run the periodic job `name` now: its turn is free, lapsed or already holder's (and is
    then holder's until `until`). Taken inside the job's own transaction, the turn's row stays locked to its
    end on PostgreSQL, so two instances never do the job at once."""
    return bool(unit.fetchall(_TAKE_TURN, (name, holder, to_db(until), to_db(now))))
