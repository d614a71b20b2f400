"""Pre-post checks of social-media drafts: who is about to send a draft, and a daily count. No text."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.database import Database, Transaction
from storage.timefmt import from_db, to_db

DRAFT_WAIT = timedelta(minutes=30)


async def await_draft(tx: Transaction, user_id: int, *, at: datetime) -> None:
    """The user sent /check alone: their next private message is the draft."""
    await tx.execute(
        "INSERT INTO awaiting_drafts (user_id, since) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET since = excluded.since",
        (user_id, to_db(at)),
    )


async def take_awaited_draft(tx: Transaction, user_id: int, *, at: datetime) -> bool:
    """Whether this message is the awaited draft (and stop waiting); a wait older than DRAFT_WAIT has lapsed."""
    row = await tx.fetchone("SELECT since FROM awaiting_drafts WHERE user_id = ?", (user_id,))
    if row is None:
        return False
    await tx.execute("DELETE FROM awaiting_drafts WHERE user_id = ?", (user_id,))
    return at - from_db(row[0]) <= DRAFT_WAIT


async def count_check(tx: Transaction, *, at: datetime) -> None:
    """One more pre-post check today."""
    await tx.execute(
        "INSERT INTO prepost_check_counts (day, count) VALUES (?, 1)"
        " ON CONFLICT (day) DO UPDATE SET count = count + 1",
        (at.date().isoformat(),),
    )


async def checks_on(db: Database, day: str) -> int:
    """How many pre-post checks were made on a day (YYYY-MM-DD, UTC)."""
    row = await db.fetchone("SELECT count FROM prepost_check_counts WHERE day = ?", (day,))
    return int(row[0]) if row else 0
