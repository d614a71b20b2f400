"""The two stand-ins every domain unit test uses: a clock that stands still until moved, and a fake of the few
Telegram reads the rules make (coordination.collaborators.TelegramReads)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> None:
        self._now += delta


@dataclass
class FakeTelegram:
    """TelegramReads: statuses as the test sets them (else default_status); invite links made up and remembered,
    except in the chats in refuses_links."""

    default_status: str = "member"
    statuses: dict[tuple[int, int], str] = field(default_factory=dict)
    refuses_links: set[int] = field(default_factory=set)
    links_made: list[tuple[int, str]] = field(default_factory=list)

    async def member_status(self, chat_id: int, user_id: int) -> str:
        return self.statuses.get((chat_id, user_id), self.default_status)

    async def create_invite_link(self, chat_id: int, name: str) -> str | None:
        if chat_id in self.refuses_links:
            return None
        self.links_made.append((chat_id, name))
        return f"https://t.me/+link{len(self.links_made)}"
