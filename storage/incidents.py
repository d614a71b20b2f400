"""Incidents: a name over some groups and a stretch of time; everything in it is tagged.

The tag is the window itself (these groups, from opening to closing), so nothing in
the record is rewritten; instructions also carry the incident open when they were given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage import journal
from storage.database import Database, Transaction
from storage.errors import StorageError
from storage.timefmt import from_db, to_db


class IncidentError(StorageError):
    """An incident cannot be opened or closed as asked."""


class IncidentAlreadyOpen(IncidentError):
    """An open incident already has this name."""


class NoSuchIncident(IncidentError):
    """No incident (or no open one) answers to the name."""


class AmbiguousIncident(IncidentError):
    """Several incidents are open and none was named."""


@dataclass(frozen=True)
class Incident:
    """An incident and the groups it covers."""

    incident_id: int
    name: str
    opened_by: int | None
    opened_at: datetime
    closed_at: datetime | None
    chat_ids: tuple[int, ...]

    @property
    def is_open(self) -> bool:
        """Not yet closed."""
        return self.closed_at is None

    def end(self, now: datetime) -> datetime:
        """When the incident's window ends (now, while it is open)."""
        return self.closed_at or now


async def _load(db: Database | Transaction, row) -> Incident:
    return _incident(row, await db.fetchall(_GROUPS, (row["id"],)))


def _incident(row, chats) -> Incident:
    return Incident(
        row["id"], row["name"], row["opened_by"], from_db(row["opened_at"]),
        from_db(row["closed_at"]) if row["closed_at"] else None, tuple(c[0] for c in chats),
    )


async def open_incident(
    tx: Transaction, *, name: str, chat_ids: list[int], opened_by: int | None, at: datetime
) -> Incident:
    """Open an incident over these groups, journalled in each."""
    if await tx.fetchone("SELECT 1 FROM incidents WHERE name = ? COLLATE NOCASE AND closed_at IS NULL", (name,)):
        raise IncidentAlreadyOpen(name)
    incident_id = await tx.execute(
        "INSERT INTO incidents (name, opened_by, opened_at) VALUES (?, ?, ?)", (name, opened_by, to_db(at))
    )
    await tx.executemany(
        "INSERT INTO incident_groups (incident_id, chat_id) VALUES (?, ?)", [(incident_id, c) for c in chat_ids]
    )
    for chat_id in chat_ids:
        await journal.append(
            tx, kind="incident_opened", chat_id=chat_id, actor_id=opened_by, at=at,
            body={"incident_id": incident_id, "name": name, "chats": chat_ids},
        )
    return Incident(incident_id, name, opened_by, at, None, tuple(sorted(chat_ids)))


async def close_incident(tx: Transaction, incident: Incident, *, closed_by: int | None, at: datetime) -> Incident:
    """Close an open incident, journalled in each of its groups."""
    await tx.execute(
        "UPDATE incidents SET closed_by = ?, closed_at = ? WHERE id = ? AND closed_at IS NULL",
        (closed_by, to_db(at), incident.incident_id),
    )
    for chat_id in incident.chat_ids:
        await journal.append(
            tx, kind="incident_closed", chat_id=chat_id, actor_id=closed_by, at=at,
            body={"incident_id": incident.incident_id, "name": incident.name},
        )
    return Incident(incident.incident_id, incident.name, incident.opened_by, incident.opened_at, at, incident.chat_ids)


async def open_incidents(db: Database | Transaction) -> list[Incident]:
    """Incidents not yet closed, oldest first."""
    rows = await db.fetchall("SELECT * FROM incidents WHERE closed_at IS NULL ORDER BY id")
    return [await _load(db, row) for row in rows]


async def find(db: Database | Transaction, name: str) -> Incident | None:
    """The incident with this name: the open one, else the latest closed one."""
    row = await db.fetchone(
        "SELECT * FROM incidents WHERE name = ? COLLATE NOCASE ORDER BY closed_at IS NULL DESC, id DESC LIMIT 1",
        (name,),
    )
    return await _load(db, row) if row else None


async def get(db: Database | Transaction, incident_id: int) -> Incident | None:
    """One incident by id."""
    row = await db.fetchone("SELECT * FROM incidents WHERE id = ?", (incident_id,))
    return await _load(db, row) if row else None


_OPEN_FOR_CHAT = (
    "SELECT i.* FROM incidents i JOIN incident_groups g ON g.incident_id = i.id"
    " WHERE g.chat_id = ? AND i.closed_at IS NULL ORDER BY i.id DESC LIMIT 1"
)
_GROUPS = "SELECT chat_id FROM incident_groups WHERE incident_id = ? ORDER BY chat_id"


async def open_for_chat(db: Database | Transaction, chat_id: int) -> Incident | None:
    """The most recently opened incident that covers this group now."""
    row = await db.fetchone(_OPEN_FOR_CHAT, (chat_id,))
    return await _load(db, row) if row else None


async def choose(db: Database | Transaction, name: str | None, visible: frozenset[int] | None = None) -> Incident:
    """The incident a command means: the named one, or the only open one (among those visible)."""
    if name:
        incident = await find(db, name)
        if incident is None:
            raise NoSuchIncident(name)
        return incident
    candidates = [i for i in await open_incidents(db) if visible is None or set(i.chat_ids) & visible]
    if not candidates:
        raise NoSuchIncident("")
    if len(candidates) > 1:
        raise AmbiguousIncident(", ".join(i.name for i in candidates))
    return candidates[0]


async def count_flags(db: Database, chat_id: int, start: datetime, end: datetime) -> int:
    """Flags the moderation feature journalled in a group in a window (0 before it exists)."""
    row = await db.fetchone(
        "SELECT count(*) FROM journal WHERE kind = 'flag' AND chat_id = ? AND recorded_at >= ? AND recorded_at < ?",
        (chat_id, to_db(start), to_db(end)),
    )
    return int(row[0]) if row is not None else 0
