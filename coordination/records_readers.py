"""Who reads the record, shared by the record's commands (/log, /pending, /export, /search, /sitrep, /usage):
the group a person names, in what right they read it, and the journal entry of every read."""

from __future__ import annotations

from runtime.clock import Clock
from storage import journal
from storage.access import Reading, Viewer
from storage.database import Database
from storage.roster import Binding


class UnknownGroup(Exception):
    """A person named a group they do not administer or coordinate (the message says which they do)."""


def binding_named(bindings: tuple[Binding, ...], name: str | None) -> Binding:
    """The group among these that a person named ("Kutch", "district kutch", "state", its chat id)."""
    wanted = (name or "").strip().lower().replace("-", " ")
    for binding in bindings:
        if wanted in {binding.label.lower(), binding.jurisdiction.lower(), str(binding.chat_id)} and wanted:
            return binding
    names = ", ".join(b.jurisdiction or b.label for b in bindings) or "none"
    shown = name if name is None or len(name) <= 60 else name[:59] + "…"
    raise UnknownGroup(f"You do not administer or coordinate a group called {shown!r}. Yours: {names}.")


def as_role(viewer: Viewer, chat_ids: list[int]) -> str:
    """In what right a person reads these groups: "coordinator" when only as one, else "admin"."""
    return "coordinator" if viewer.only_as_coordinator(chat_ids) else "admin"


async def journal_reading(db: Database, clock: Clock, viewer: Viewer, reading: Reading, chat_ids: list[int]) -> None:
    """Journal a read of the record, as exports and searches are (who, what, which groups, in what right)."""
    async with db.transaction() as tx:
        await journal.append(tx, kind="record.read", chat_id=chat_ids[0] if len(chat_ids) == 1 else None,
                             actor_id=viewer.user_id, at=clock.now(),
                             body={"reading": reading.value, "chats": chat_ids, "as": as_role(viewer, chat_ids)})
