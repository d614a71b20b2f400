"""Flags: messages the content filter labelled, what was done, and how admins reviewed them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage import journal
from storage.database import Database, Transaction
from storage.timefmt import from_db, to_db

OPEN, CONFIRMED, FALSE_ALARM, RESOLVED = "open", "confirmed", "false_alarm", "resolved"
ORIGINAL = "0"


@dataclass(frozen=True)
class Finding:
    """One piece of evidence, as a flag keeps it (never the text itself)."""

    label: str
    start: int
    end: int
    score: float
    reason_code: str


@dataclass(frozen=True)
class Flag:
    """A flagged message version."""

    flag_id: int
    chat_id: int
    message_id: int
    version: str
    sender_id: int | None
    labels: tuple[str, ...]
    findings: tuple[Finding, ...]
    language: str
    actions: tuple[str, ...]
    state: str
    flagged_at: datetime
    warned_at: datetime | None
    decided_by: int | None
    decided_at: datetime | None

    @property
    def deleted(self) -> bool:
        """Whether the bot removed the message from the chat."""
        return "delete" in self.actions

    @property
    def reason_codes(self) -> tuple[str, ...]:
        """Distinct reason codes, strongest evidence first."""
        return tuple(dict.fromkeys(f.reason_code for f in sorted(self.findings, key=lambda f: -f.score)))


_COLUMN_NAMES = (
    "id", "chat_id", "message_id", "version", "sender_id", "labels", "evidence", "language", "actions", "state",
    "flagged_at", "warned_at", "decided_by", "decided_at",
)
_COLUMNS = ", ".join(_COLUMN_NAMES)


def _flag(row: Any) -> Flag:
    return Flag(
        flag_id=row["id"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        version=row["version"],
        sender_id=row["sender_id"],
        labels=tuple(json.loads(row["labels"])),
        findings=tuple(Finding(**item) for item in json.loads(row["evidence"])),
        language=row["language"],
        actions=tuple(json.loads(row["actions"])),
        state=row["state"],
        flagged_at=from_db(row["flagged_at"]),
        warned_at=from_db(row["warned_at"]) if row["warned_at"] else None,
        decided_by=row["decided_by"],
        decided_at=from_db(row["decided_at"]) if row["decided_at"] else None,
    )


async def raise_flag(
    tx: Transaction,
    *,
    chat_id: int,
    message_id: int,
    version: str,
    sender_id: int | None,
    labels: tuple[str, ...],
    findings: tuple[Finding, ...],
    language: str,
    actions: tuple[str, ...],
    at: datetime,
) -> Flag | None:
    """Record and journal a flag; None if this message version was flagged already (a replayed update)."""
    if await tx.fetchone(
        "SELECT 1 FROM flags WHERE chat_id = ? AND message_id = ? AND version = ?", (chat_id, message_id, version)
    ):
        return None
    evidence = [finding.__dict__ for finding in findings]
    entry = await journal.append(
        tx,
        kind="flag",
        chat_id=chat_id,
        actor_id=sender_id,
        at=at,
        body={
            "message_id": message_id,
            "version": version,
            "sender_id": sender_id,
            "labels": list(labels),
            "reason_codes": list(dict.fromkeys(f.reason_code for f in findings)),
            "spans": [[f.start, f.end] for f in findings],
            "actions": list(actions),
        },
    )
    flag_id = await tx.execute(
        "INSERT INTO flags (chat_id, message_id, version, sender_id, labels, evidence, language, actions,"
        " flagged_at, journal_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (chat_id, message_id, version, sender_id, json.dumps(list(labels)), json.dumps(evidence), language,
         json.dumps(list(actions)), to_db(at), entry.seq),
    )
    return await get(tx, flag_id)


async def get(db: Database | Transaction, flag_id: int) -> Flag | None:
    """One flag by id."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM flags WHERE id = ?", (flag_id,))
    return _flag(row) if row else None


async def open_for_message(db: Database | Transaction, chat_id: int, message_id: int) -> list[Flag]:
    """Open flags on any version of a message."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM flags WHERE chat_id = ? AND message_id = ? AND state = 'open' ORDER BY id",
        (chat_id, message_id),
    )
    return [_flag(row) for row in rows]


async def decide(tx: Transaction, flag: Flag, *, state: str, by: int | None, at: datetime, why: str) -> bool:
    """Close an open flag (confirmed, false alarm, or resolved by an edit); journalled. False if already closed."""
    changed = await tx.execute_counting(
        "UPDATE flags SET state = ?, decided_by = ?, decided_at = ? WHERE id = ? AND state = 'open'",
        (state, by, to_db(at), flag.flag_id),
    )
    if not changed:
        return False
    await journal.append(
        tx,
        kind="review",
        chat_id=flag.chat_id,
        actor_id=by,
        at=at,
        body={"flag_id": flag.flag_id, "message_id": flag.message_id, "decision": state, "why": why},
    )
    return True


async def mark_warned(tx: Transaction, flag_ids: list[int], *, at: datetime) -> None:
    """The warning covering these flags has been owed."""
    await tx.executemany("UPDATE flags SET warned_at = ? WHERE id = ?", [(to_db(at), fid) for fid in flag_ids])


async def unwarned(tx: Transaction, chat_id: int, sender_id: int) -> list[Flag]:
    """Open flags of a member in a group still waiting for their (combined) warning."""
    rows = await tx.fetchall(
        f"SELECT {_COLUMNS} FROM flags WHERE chat_id = ? AND sender_id = ? AND warned_at IS NULL AND state = 'open'"
        " ORDER BY id",
        (chat_id, sender_id),
    )
    return [_flag(row) for row in rows]


async def window_opened_at(tx: Transaction, chat_id: int, user_id: int) -> datetime | None:
    """When the member's current one-warning window in this group opened."""
    row = await tx.fetchone("SELECT opened_at FROM warning_windows WHERE chat_id = ? AND user_id = ?", (chat_id, user_id))
    return from_db(row[0]) if row else None


async def open_window(tx: Transaction, chat_id: int, user_id: int, *, at: datetime) -> None:
    """A warning went out now: the next may follow a window later."""
    await tx.execute(
        "INSERT INTO warning_windows (chat_id, user_id, opened_at) VALUES (?, ?, ?)"
        " ON CONFLICT (chat_id, user_id) DO UPDATE SET opened_at = excluded.opened_at",
        (chat_id, user_id, to_db(at)),
    )


async def in_chat(db: Database, chat_id: int, *, since: datetime, limit: int = 30) -> list[Flag]:
    """Open flags, and flags raised since a time, newest first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM flags WHERE chat_id = ? AND (state = 'open' OR flagged_at >= ?)"
        " ORDER BY id DESC LIMIT ?",
        (chat_id, to_db(since), limit),
    )
    return [_flag(row) for row in rows]


async def confirmed_for(db: Database | Transaction, sender_id: int, *, since: datetime) -> list[Flag]:
    """A member's confirmed flags (in any group) decided since a time, oldest first."""
    rows = await db.fetchall(
        f"SELECT {_COLUMNS} FROM flags WHERE sender_id = ? AND state = 'confirmed' AND decided_at >= ? ORDER BY id",
        (sender_id, to_db(since)),
    )
    return [_flag(row) for row in rows]


async def false_alarms(db: Database, *, since: datetime | None = None) -> list[tuple[Flag, str | None]]:
    """Flags reviewed as false alarms, with the text of the flagged version."""
    rows = await db.fetchall(
        f"SELECT {', '.join(f'f.{name}' for name in _COLUMN_NAMES)}, m.text AS original,"
        " (SELECT e.text FROM message_edits e WHERE e.message_row = m.id AND e.edited_at = f.version) AS edited"
        " FROM flags f LEFT JOIN messages m ON m.chat_id = f.chat_id AND m.message_id = f.message_id"
        " WHERE f.state = 'false_alarm' AND (? IS NULL OR f.decided_at >= ?) ORDER BY f.id",
        (to_db(since) if since else None, to_db(since) if since else None),
    )
    return [(_flag(row), row["original"] if row["version"] == ORIGINAL else row["edited"]) for row in rows]


def window_end(opened_at: datetime, seconds: float) -> datetime:
    """When a warning window that opened at opened_at closes."""
    return opened_at + timedelta(seconds=seconds)


async def flagged_text(db: Database | Transaction, flag: Flag) -> str | None:
    """The text of the version that was flagged (the original, or the edit)."""
    if flag.version == ORIGINAL:
        row = await db.fetchone(
            "SELECT text FROM messages WHERE chat_id = ? AND message_id = ?", (flag.chat_id, flag.message_id)
        )
    else:
        row = await db.fetchone(
            "SELECT e.text FROM message_edits e JOIN messages m ON m.id = e.message_row"
            " WHERE m.chat_id = ? AND m.message_id = ? AND e.edited_at = ? ORDER BY e.id DESC LIMIT 1",
            (flag.chat_id, flag.message_id, flag.version),
        )
    return row[0] if row else None
