"""Small facts about the running bot, such as its heartbeat."""

from __future__ import annotations

from datetime import datetime

from storage.database import Database, Transaction
from storage.timefmt import from_db, to_db

HEARTBEAT = "heartbeat"


async def beat(tx: Transaction, *, at: datetime, mode: str) -> None:
    """Note that the bot is alive and how it receives updates."""
    await tx.execute(
        "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        (HEARTBEAT, mode, to_db(at)),
    )


async def last_heartbeat(db: Database) -> tuple[datetime, str] | None:
    """When the bot last noted it was alive, and in which mode; None if never."""
    row = await db.fetchone("SELECT value, updated_at FROM bot_state WHERE key = ?", (HEARTBEAT,))
    return (from_db(row["updated_at"]), row["value"]) if row else None
