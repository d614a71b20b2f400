"""Each group's moderation policy: what the bot does when the filter finds a label there."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from storage.database import Database, Transaction
from storage.timefmt import to_db

LABELS = ("confidential", "personal_data", "hostile", "instruction")
ACTIONS = ("warn", "delete", "notify")

# The circular's central prohibition (§2) is enforced hardest; instructions are the record's business.
DEFAULTS: dict[str, frozenset[str]] = {
    "confidential": frozenset({"delete", "notify"}),
    "personal_data": frozenset({"delete"}),
    "hostile": frozenset({"warn", "notify"}),
    "instruction": frozenset(),
}


def normalised(actions: Iterable[str]) -> frozenset[str]:
    """Actions as stored: delete and notify each include the warning, so warn is implied by them."""
    chosen = frozenset(actions)
    unknown = chosen - set(ACTIONS)
    if unknown:
        raise ValueError(f"unknown actions: {', '.join(sorted(unknown))}")
    return chosen


async def policy_of(db: Database | Transaction, chat_id: int) -> dict[str, frozenset[str]]:
    """The group's actions per label (defaults where the group set nothing)."""
    rows = await db.fetchall("SELECT label, actions FROM group_policies WHERE chat_id = ?", (chat_id,))
    policy = dict(DEFAULTS)
    for row in rows:
        policy[row["label"]] = frozenset(filter(None, row["actions"].split(",")))
    return policy


async def set_policy(
    tx: Transaction, *, chat_id: int, label: str, actions: frozenset[str], by: int, at: datetime
) -> None:
    """Set the actions for one label in one group ('off' is the empty set)."""
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    await tx.execute(
        "INSERT INTO group_policies (chat_id, label, actions, set_by, set_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (chat_id, label) DO UPDATE SET actions = excluded.actions, set_by = excluded.set_by,"
        " set_at = excluded.set_at",
        (chat_id, label, ",".join(sorted(normalised(actions))), by, to_db(at)),
    )
