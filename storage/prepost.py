"""The pre-post check's traces: who is about to send a draft, and how many drafts were checked a day.

Nothing of a draft is stored here (nor in the journal): a count is all that remains.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.database import Transaction
from storage.roster import Reader
from storage.timefmt import from_db, to_db


async def await_draft(tx: Transaction, user_id: int, *, at: datetime) -> None:
    """The person sent /check alone: their next private message is the draft."""
    await tx.execute(
        "INSERT INTO prepost_waiting (user_id, since) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET since = excluded.since",
        (user_id, to_db(at)),
    )


async def is_awaiting(db: Reader, user_id: int, *, now: datetime, within: timedelta) -> bool:
    """Whether a draft from this person is expected now."""
    row = await db.fetchone("SELECT since FROM prepost_waiting WHERE user_id = ?", (user_id,))
    return row is not None and now - from_db(row[0]) <= within


async def count_check(tx: Transaction, *, at: datetime) -> None:
    """One more draft checked today; the person waits for no other."""
    await tx.execute(
        "INSERT INTO prepost_checks (day, checks) VALUES (?, 1) ON CONFLICT (day) DO UPDATE SET checks = prepost_checks.checks + 1",
        (to_db(at)[:10],),
    )


async def stop_awaiting(tx: Transaction, user_id: int) -> None:
    """The expected draft came (or the wait is over)."""
    await tx.execute("DELETE FROM prepost_waiting WHERE user_id = ?", (user_id,))


async def checks_per_day(db: Reader) -> dict[str, int]:
    """How many drafts were checked each day (UTC dates)."""
    rows = await db.fetchall("SELECT day, checks FROM prepost_checks ORDER BY day")
    return {row["day"]: row["checks"] for row in rows}
