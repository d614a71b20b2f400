"""The domain's collaborators for one update: the run's services and an adapter over the Bot API's reads."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from coordination.collaborators import Collaborators
from runtime.context import SamvadContext

log = logging.getLogger(__name__)


class BotReads:
    """coordination.collaborators.TelegramReads over python-telegram-bot's Bot."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot

    async def member_status(self, chat_id: int, user_id: int) -> str:
        try:
            member = await self._bot.get_chat_member(chat_id, user_id)
        except TelegramError as error:
            log.info("cannot look up user %s in chat %s: %s", user_id, chat_id, error)
            return "left"
        if member.status == "restricted" and not getattr(member, "is_member", True):
            return "left"
        return member.status

    async def create_invite_link(self, chat_id: int, name: str) -> str | None:
        try:
            created = await self._bot.create_chat_invite_link(chat_id, name=name, creates_join_request=True)
        except TelegramError as error:
            log.warning("cannot create an invite link in chat %s: %s", chat_id, error)
            return None
        return created.invite_link


def collaborators(context: SamvadContext) -> Collaborators:
    """What the domain needs to act on this update.

    The same for every update of a run (each stage of each update asks): the last one built is given again while
    the services and the bot it was built of are the same objects."""
    global _last
    services = context.services
    parts = (services.db, services.outbox, services.clock, services.settings, services.classifier, context.bot)
    if _last is not None and all(a is b for a, b in zip(_last[0], parts, strict=True)):
        return _last[1]
    built = Collaborators(services.db, services.outbox, services.clock, services.settings, BotReads(context.bot),
                          content_filter=services.classifier)
    _last = (parts, built)
    return built


_last: tuple[tuple[object, ...], Collaborators] | None = None
