"""Messages per post during office hours (circular §10: only occasional, need-based use).

A message counts for the post its sender held when it was sent (an account verified for
two posts counts for those that belong in the group); an unverified sender counts as
their own account.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, tzinfo

from storage import roster
from storage.database import Database
from storage.sql import placeholders
from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class OfficeHours:
    """The working day: from start to end on the given weekdays (Monday is 0)."""

    start: time
    end: time
    weekdays: frozenset[int]

    def includes(self, moment: datetime, zone: tzinfo) -> bool:
        """Whether an instant falls in office hours in zone."""
        local = moment.astimezone(zone)
        return local.weekday() in self.weekdays and self.start <= local.time() < self.end


@dataclass(frozen=True)
class UsageLine:
    """One post's (or account's) messages in one group."""

    chat_id: int
    who: str  # a designation, or a name for an account without a post
    post_id: str | None
    user_id: int | None
    in_office_hours: int
    total: int


async def office_hours_usage(
    db: Database, chat_ids: list[int], *, start: datetime, end: datetime, hours: OfficeHours, zone: tzinfo
) -> list[UsageLine]:
    """Per group and post: messages sent in office hours (and in all) between start and end."""
    if not chat_ids:
        return []
    holders = await _holders(db)
    bindings = {b.chat_id: b for b in await roster.all_bindings(db)}
    posts = {post.post_id: post for post in await roster.active_posts(db)}
    in_hours: Counter = Counter()
    total: Counter = Counter()
    names: dict[tuple, str] = {}
    marks = placeholders(len(chat_ids))
    rows = await db.fetchall(
        "SELECT m.chat_id, m.sender_id, m.sent_at, u.first_name, u.last_name FROM messages m"
        " JOIN users u ON u.user_id = m.sender_id AND u.is_bot = 0"
        f" WHERE m.chat_id IN ({marks}) AND m.sent_at >= ? AND m.sent_at < ? AND m.kind NOT IN ('service', 'unseen')"
        # A command (/pending, /usage@samvad_bot) asks the bot; it is not a message to colleagues.
        " AND coalesce(m.text, '') NOT GLOB '/[A-Za-z0-9_]*'",
        (*chat_ids, to_db(start), to_db(end)),
    )
    for row in rows:
        sent = from_db(row["sent_at"])
        held = [p for p in _held_at(holders.get(row["sender_id"], []), sent) if p in posts]
        binding = bindings.get(row["chat_id"])
        if binding is not None:
            held = [p for p in held if binding.includes(posts[p])] or held
        keys: list[tuple[int, str | None, int | None]] = (
            [(row["chat_id"], p, None) for p in held] or [(row["chat_id"], None, row["sender_id"])]
        )
        for key in keys:
            total[key] += 1
            in_hours[key] += hours.includes(sent, zone)
            names[key] = posts[key[1]].designation if key[1] else " ".join(
                part for part in (row["first_name"], row["last_name"]) if part
            ) + " (no verified post)"
    for chat_id in chat_ids:
        binding = bindings.get(chat_id)
        for post in (p for p in posts.values() if binding and binding.includes(p)):
            names.setdefault((chat_id, post.post_id, None), post.designation)
    lines = [
        UsageLine(key[0], names[key], key[1], key[2], in_hours[key], total[key]) for key in names
    ]
    return sorted(lines, key=lambda line: (line.chat_id, -line.in_office_hours, line.who))


async def _holders(db: Database) -> dict[int, list[tuple[str, datetime, datetime | None]]]:
    rows = await db.fetchall("SELECT user_id, post_id, verified_at, revoked_at FROM post_accounts")
    holders: dict[int, list] = {}
    for row in rows:
        holders.setdefault(row["user_id"], []).append(
            (row["post_id"], from_db(row["verified_at"]), from_db(row["revoked_at"]) if row["revoked_at"] else None)
        )
    return holders


def _held_at(spans: list[tuple[str, datetime, datetime | None]], at: datetime) -> list[str]:
    """Posts held at an instant; a message sent before verification counts for the post verified later."""
    current = [post for post, since, until in spans if (until is None or at < until) and since <= at]
    return current or [post for post, _, until in spans if until is None]
