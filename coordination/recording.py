"""The record (§ on keeping every message): a group message, with its chat and sender, stored in one unit of work.

This is the hot path of every group message: the chat and sender refreshed, the journal entry, the message row
and its search index written in one transaction that makes one trip to the database's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from storage import chats, messages
from storage.database import Database, Unit
from storage.messages import IncomingEdit, IncomingMessage, Recorded


@dataclass(frozen=True)
class ChatSeen:
    """A chat as an update shows it."""

    chat_id: int
    type: str
    title: str | None
    username: str | None


@dataclass(frozen=True)
class PersonSeen:
    """Someone acting in a chat, as an update shows them."""

    user_id: int
    is_bot: bool
    first_name: str
    last_name: str | None
    username: str | None
    language_code: str | None


def note_chat_and_person(unit: Unit, chat: ChatSeen, person: PersonSeen | None, *, at: datetime) -> None:
    """Refresh what is known of a chat and the person acting in it, as part of a unit of work."""
    chats.note_in(unit, chat, person, at=at)


# The work scope's note of what recording an update's message found when the inbox stored it (bot/ingress.py):
# a Recorded, for the recording stage to act on instead of writing it again.
RECORDED_ON_RECEIPT = "recorded_on_receipt"


def record_message_in(
    unit: Unit, chat: ChatSeen, sender: PersonSeen | None, message: IncomingMessage, *, at: datetime
) -> Recorded:
    """Record a group message once, with its chat and sender, as part of a unit of work."""
    return messages.record_noting_in(unit, chat, sender, message, at=at)


def record_own_post_in(
    unit: Unit, chat: ChatSeen, sender: PersonSeen | None, message: IncomingMessage, *, at: datetime
) -> None:
    """Record a message the bot posted in a group (the echo of its call), as part of the unit of work that settles
    the call. Nothing is read back, so on PostgreSQL the record goes with the settlement's statement in one round
    trip (storage.messages.record_noting_soon_in)."""
    messages.record_noting_soon_in(unit, chat, sender, message, at=at)


@dataclass(frozen=True)
class Receipt:
    """A group message as its update is stored: what the record keeps of it, its chat and its sender."""

    chat: ChatSeen
    sender: PersonSeen | None
    message: IncomingMessage


class NotedFacts:
    """What this process has committed of each chat and person it noted (the facts as last written), so the
    record of a message notes them again only when they changed: where the same people post in the same groups,
    two statements a message are saved. Kept for as long as the process runs (up to `limit` of each; then it
    starts again); no other part of the bot rewrites a chat's or a person's facts to other values."""

    def __init__(self, limit: int = 50_000) -> None:
        self._limit = limit
        self._chats: dict[int, ChatSeen] = {}
        self._people: dict[int, PersonSeen] = {}

    def knows_chat(self, chat: ChatSeen) -> bool:
        """Whether these very facts of the chat are committed."""
        return self._chats.get(chat.chat_id) == chat

    def knows_person(self, person: PersonSeen) -> bool:
        """Whether these very facts of the person are committed."""
        return self._people.get(person.user_id) == person

    def committed(self, chats_noted: dict[int, ChatSeen], people_noted: dict[int, PersonSeen]) -> None:
        """Remember what a committed unit of work noted."""
        if len(self._chats) + len(chats_noted) > self._limit:
            self._chats.clear()
        if len(self._people) + len(people_noted) > self._limit:
            self._people.clear()
        self._chats.update(chats_noted)
        self._people.update(people_noted)


def record_received_in(
    unit: Unit, receipts: list[Receipt | None], *, at: datetime, noted: NotedFacts | None = None
) -> list[Recorded | None]:
    """Record a batch's group messages (None: an update with none) as part of the unit that stores the batch.

    A chat or person is noted once for as long as the batch shows them the same (noting the same facts again
    changes nothing): one statement per chat and per person instead of two per message; none where `noted`
    says those facts are committed already.
    """
    chats_noted: dict[int, ChatSeen] = {}
    people_noted: dict[int, PersonSeen] = {}
    batch: list[messages.Noting | None] = []
    for receipt in receipts:
        if receipt is None:
            batch.append(None)
            continue
        chat: ChatSeen | None = receipt.chat
        sender = receipt.sender
        if _noted_already(chats_noted, receipt.chat.chat_id, receipt.chat, noted.knows_chat if noted else None):
            chat = None
        else:
            chats_noted[receipt.chat.chat_id] = receipt.chat
        if sender is not None:
            if _noted_already(people_noted, sender.user_id, sender, noted.knows_person if noted else None):
                sender = None
            else:
                people_noted[sender.user_id] = sender
        batch.append((chat, sender, receipt.message))
    recorded = messages.record_batch_noting_in(unit, batch, at=at)
    if noted is not None and (chats_noted or people_noted):
        unit.after_commit(lambda: noted.committed(chats_noted, people_noted))
    return recorded


F = TypeVar("F")  # the facts of a chat or of a person


def _noted_already(in_batch: dict[int, F], key: int, facts: F, committed: Callable[[F], bool] | None) -> bool:
    """Whether these facts are noted: by this batch if it noted the key, else committed before (when known)."""
    if key in in_batch:
        return in_batch[key] == facts
    return committed is not None and committed(facts)


async def record_message(
    db: Database, chat: ChatSeen, sender: PersonSeen | None, message: IncomingMessage, *, at: datetime
) -> Recorded:
    """Record a group message once, with its chat and sender, in one transaction and one trip."""
    return await db.write(lambda unit: record_message_in(unit, chat, sender, message, at=at), contended=True)


async def record_edit(
    db: Database, chat: ChatSeen, editor: PersonSeen | None, edit: IncomingEdit, *, at: datetime
) -> Recorded:
    """Record an edit as a new version once, with its chat and editor, in one transaction and one trip."""

    def work(unit: Unit) -> Recorded:
        note_chat_and_person(unit, chat, editor, at=at)
        return messages.record_edit_in(unit, edit, at=at)

    return await db.write(work)
