"""What the domain works with, passed in explicitly (nothing global): the database, the outbox, the clock,
the settings, the content filter and the few reads of Telegram the rules need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from nlp import MessageContext, Verdict
from runtime.clock import Clock
from runtime.outbox import Outbox
from runtime.settings import Settings
from storage.database import Database


class TelegramReads(Protocol):
    """The calls whose answer a rule needs at once (a status, a new invite link); handlers adapt the Bot API.

    Everything else the rules do to Telegram is owed through the outbox, in their transaction."""

    async def member_status(self, chat_id: int, user_id: int) -> str:
        """Someone's status in a group now: "creator", "administrator", "member", "restricted", "left" or
        "kicked" ("left" when Telegram cannot say, e.g. the bot is not in the group)."""
        ...

    async def create_invite_link(self, chat_id: int, name: str) -> str | None:
        """A new invite link to a group that asks to join (so Samvad can approve); None if Telegram refuses."""
        ...


class ContentFilter(Protocol):
    """The content filter's verdict on a text, said in a context (runtime.classifier batches the real one)."""

    async def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        """Labels, tiers and evidence for the text."""
        ...


@dataclass(frozen=True)
class Collaborators:
    """Everything a rule of the circular needs besides its plain inputs."""

    db: Database
    outbox: Outbox
    clock: Clock
    settings: Settings
    telegram: TelegramReads
    content_filter: ContentFilter | None = None  # the rules that read what people write need it (moderation)
