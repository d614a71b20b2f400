"""What the record's rules answer a command with (the handler says it), and the reading journal they share.

A rule returns a Reply, a Refusal (the person may not do this; the handler journals it) or a
Redirect (right command, wrong kind of chat); arguments the handler could not read come in as
Unreadable, so the rule still decides what to say first (a refusal before a usage note).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.clock import Clock
from runtime.purposes import Purpose
from storage import journal
from storage.access import Reading, Viewer
from storage.database import Database
from storage.roster import Binding


@dataclass(frozen=True)
class Reply:
    """An HTML answer in the chat that asked (with buttons, as a Bot API keyboard dict)."""

    text: str
    purpose: Purpose
    markup: dict[str, Any] | None = None


@dataclass(frozen=True)
class Refusal:
    """The person may not use this command (or not here): the reason, and which command it was."""

    reason: str
    command: str


@dataclass(frozen=True)
class Redirect:
    """The command belongs in another kind of chat: where to send it."""

    text: str


Answer = Reply | Refusal | Redirect


@dataclass(frozen=True)
class Unreadable:
    """Arguments the handler could not read; the text tells the person how to write them."""

    text: str


class UnknownGroup(Exception):
    """A person named a group they do not administer or coordinate (the message says which they do)."""


def keyboard(rows: list[list[tuple[str, str]]]) -> dict[str, Any]:
    """An inline keyboard of (label, callback data) buttons, as the Bot API takes it."""
    return {"inline_keyboard": [[{"text": text, "callback_data": data} for text, data in row] for row in rows]}


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
