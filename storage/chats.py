"""Chats and users as the bot has seen them."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from storage.database import Database, Transaction, Unit
from storage.timefmt import to_db


@dataclass(frozen=True)
class ChatInfo:
    """What the bot knows of a chat."""

    chat_id: int
    type: str
    title: str | None
    bot_status: str | None
    bot_rights: dict[str, bool]


async def save_chat(
    tx: Transaction, *, chat_id: int, type: str, title: str | None, username: str | None, at: datetime
) -> None:
    """Insert or refresh a chat's type and title."""
    await tx.run(lambda unit: save_chat_in(unit, chat_id=chat_id, type=type, title=title, username=username, at=at))


def save_chat_in(
    unit: Unit, *, chat_id: int, type: str, title: str | None, username: str | None, at: datetime
) -> None:
    """Insert or refresh a chat's type and title, as part of a unit of work."""
    now = to_db(at)
    unit.execute(
        "INSERT INTO chats (chat_id, type, title, username, first_seen_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title,"
        " username = excluded.username, updated_at = excluded.updated_at"
        " WHERE chats.type IS NOT excluded.type OR chats.title IS NOT excluded.title"
        " OR chats.username IS NOT excluded.username",
        (chat_id, type, title, username, now, now),
    )


async def save_bot_status(
    tx: Transaction, *, chat_id: int, status: str, rights: dict[str, Any], at: datetime
) -> None:
    """Record the bot's own membership status and admin rights in a chat."""
    await tx.execute(
        "UPDATE chats SET bot_status = ?, bot_rights = ?, updated_at = ? WHERE chat_id = ?",
        (status, json.dumps(rights, sort_keys=True), to_db(at), chat_id),
    )


async def save_user(
    tx: Transaction,
    *,
    user_id: int,
    is_bot: bool,
    first_name: str,
    last_name: str | None,
    username: str | None,
    language_code: str | None,
    at: datetime,
) -> None:
    """Insert or refresh a user's names."""
    await tx.run(lambda unit: save_user_in(
        unit, user_id=user_id, is_bot=is_bot, first_name=first_name, last_name=last_name, username=username,
        language_code=language_code, at=at,
    ))


def save_user_in(
    unit: Unit,
    *,
    user_id: int,
    is_bot: bool,
    first_name: str,
    last_name: str | None,
    username: str | None,
    language_code: str | None,
    at: datetime,
) -> None:
    """Insert or refresh a user's names, as part of a unit of work."""
    now = to_db(at)
    unit.execute(
        "INSERT INTO users (user_id, is_bot, first_name, last_name, username, language_code,"
        " first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET first_name = excluded.first_name,"
        " last_name = excluded.last_name, username = excluded.username,"
        " language_code = excluded.language_code, updated_at = excluded.updated_at"
        " WHERE users.first_name IS NOT excluded.first_name OR users.last_name IS NOT excluded.last_name"
        " OR users.username IS NOT excluded.username OR users.language_code IS NOT excluded.language_code",
        (user_id, int(is_bot), first_name, last_name, username, language_code, now, now),
    )


# A chat's and a person's facts are written by an upsert that changes nothing when the stored row already holds
# them; it is always sent. (Until 3 Dec 2026 a PostgreSQL connection skipped facts it had committed itself: with
# several instances, a rename back seen by one after another had recorded the rename stayed unwritten.) A group
# message's record on PostgreSQL compares them on the server, in its one statement (storage/messages.py).


class ChatFacts(Protocol):
    """A chat as an update shows it (coordination.recording.ChatSeen)."""

    @property
    def chat_id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def title(self) -> str | None: ...
    @property
    def username(self) -> str | None: ...


class PersonFacts(Protocol):
    """Someone as an update shows them (coordination.recording.PersonSeen)."""

    @property
    def user_id(self) -> int: ...
    @property
    def is_bot(self) -> bool: ...
    @property
    def first_name(self) -> str: ...
    @property
    def last_name(self) -> str | None: ...
    @property
    def username(self) -> str | None: ...
    @property
    def language_code(self) -> str | None: ...


def note_in(unit: Unit, chat: ChatFacts | None, person: PersonFacts | None, *, at: datetime) -> None:
    """Insert or refresh a chat's and a person's facts (each if given), as part of a unit of work."""
    if chat is not None:
        save_chat_in(unit, chat_id=chat.chat_id, type=chat.type, title=chat.title, username=chat.username, at=at)
    if person is not None:
        save_user_in(unit, user_id=person.user_id, is_bot=person.is_bot, first_name=person.first_name,
                     last_name=person.last_name, username=person.username, language_code=person.language_code, at=at)


async def get_chat(db: Database | Transaction, chat_id: int) -> ChatInfo | None:
    """The chat as last seen, or None."""
    return _chat_info(await db.fetchone(_GET_CHAT, (chat_id,)))


def get_chat_in(unit: Unit, chat_id: int) -> ChatInfo | None:
    """get_chat as part of a unit of work."""
    return _chat_info(unit.fetchone(_GET_CHAT, (chat_id,)))


_GET_CHAT = "SELECT chat_id, type, title, bot_status, bot_rights FROM chats WHERE chat_id = ?"


def _chat_info(row: Any) -> ChatInfo | None:
    if row is None:
        return None
    return ChatInfo(
        chat_id=row["chat_id"],
        type=row["type"],
        title=row["title"],
        bot_status=row["bot_status"],
        bot_rights=json.loads(row["bot_rights"]) if row["bot_rights"] else {},
    )


async def group_chats(db: Database) -> list[ChatInfo]:
    """Every group or supergroup the bot has seen, by title."""
    rows = await db.fetchall(
        "SELECT chat_id FROM chats WHERE type IN ('group', 'supergroup') ORDER BY title, chat_id"
    )
    return [chat for row in rows if (chat := await get_chat(db, row["chat_id"])) is not None]


async def user_name(db: Database | Transaction, user_id: int) -> str | None:
    """A user's display name, or None if never seen."""
    row = await db.fetchone("SELECT first_name, last_name FROM users WHERE user_id = ?", (user_id,))
    if row is None:
        return None
    return " ".join(part for part in (row["first_name"], row["last_name"]) if part)


def user_name_in(unit: Unit, user_id: int) -> str | None:
    """user_name as part of a unit of work."""
    row = unit.fetchone("SELECT first_name, last_name FROM users WHERE user_id = ?", (user_id,))
    if row is None:
        return None
    return " ".join(part for part in (row["first_name"], row["last_name"]) if part)


async def title_of(db: Database | Transaction, chat_id: int, *, fallback: str | None = None) -> str:
    """A chat's title as Telegram last gave it; else fallback (e.g. how Samvad names a bound group); else its id."""
    row = await db.fetchone("SELECT title FROM chats WHERE chat_id = ?", (chat_id,))
    if row is not None and row["title"]:
        return row["title"]
    return fallback if fallback else str(chat_id)


def title_of_in(unit: Unit, chat_id: int, *, fallback: str | None = None) -> str:
    """title_of as part of a unit of work."""
    row = unit.fetchone("SELECT title FROM chats WHERE chat_id = ?", (chat_id,))
    if row is not None and row["title"]:
        return row["title"]
    return fallback if fallback else str(chat_id)
