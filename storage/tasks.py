"""Deadlines kept in the database: grace periods, reminders, checkpoints.

A scheduler in the bot polls `due()`; because the deadline is a row, not a timer,
a restart forgets none of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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


def schedule_in(
    unit: Unit, *, kind: str, payload: dict[str, Any], due_at: datetime, dedupe_key: str | None = None
) -> int:
    """schedule as part of a unit of work."""
    if dedupe_key is not None:
        row = unit.fetchone("SELECT id, state FROM tasks WHERE dedupe_key = ?", (dedupe_key,))
        if row is not None:
            unit.execute(
                "UPDATE tasks SET due_at = ?, payload = ?, state = 'pending', completed_at = NULL WHERE id = ?",
                (to_db(due_at), json.dumps(payload, sort_keys=True), row["id"]),
            )
            return int(row["id"])
    return unit.execute(
        "INSERT INTO tasks (kind, dedupe_key, payload, due_at) VALUES (?, ?, ?, ?)",
        (kind, dedupe_key, json.dumps(payload, sort_keys=True), to_db(due_at)),
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


async def complete(tx: Transaction, task_id: int, *, at: datetime) -> None:
    """The task has run."""
    await tx.execute(
        "UPDATE tasks SET state = 'done', attempts = attempts + 1, completed_at = ? WHERE id = ?",
        (to_db(at), task_id),
    )


async def retry(tx: Transaction, task_id: int, *, error: str, retry_at: datetime) -> None:
    """The task failed for a passing reason; run it again at retry_at."""
    await tx.execute(
        "UPDATE tasks SET attempts = attempts + 1, last_error = ?, due_at = ? WHERE id = ?",
        (error[:500], to_db(retry_at), task_id),
    )


async def fail(tx: Transaction, task_id: int, *, error: str, at: datetime) -> None:
    """The task cannot run; keep it for inspection."""
    await tx.execute(
        "UPDATE tasks SET state = 'failed', attempts = attempts + 1, last_error = ?, completed_at = ? WHERE id = ?",
        (error[:500], to_db(at), task_id),
    )


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
