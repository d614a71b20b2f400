"""The command stage passed over at once by a group message that is no command (nearly every update).

python-telegram-bot asks each handler of a stage in turn until one matches: a plain group message was asked by
every handler of the command stage (some 25 CommandHandlers, CallbackQueryHandlers and a private-chat
MessageHandler, about 20 us an update between them), none of which can take it. `NoCommandHere`, first in that
stage, takes such a message itself and does nothing, which ends the stage for it as no match would (PTB runs at
most one handler per stage), in one check.

It is put in front of a stage only when it knows every handler there cannot take what it takes: CommandHandlers
(a message whose text starts with a bot command), CallbackQueryHandlers (a callback query) and MessageHandlers
whose filter answers only messages in private chats (handlers.update_filters: private_only). With any other
handler in the stage there is no gate, and PTB asks each handler as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler

from handlers.update_filters import group_message_of, starts_with_command


async def _nothing(update: Update, context: Any) -> None:
    """The stage has nothing for this update."""


class NoCommandHere(BaseHandler[Update, Any, None]):
    """Takes a new group message that does not start with a bot command, and does nothing with it."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__(_nothing)

    def check_update(self, update: object) -> bool | None:
        if not isinstance(update, Update) or update.callback_query is not None:
            return None
        message = group_message_of(update)
        return True if message is not None and not starts_with_command(message) else None


def cannot_take_group_messages(handler: BaseHandler[Any, Any, Any]) -> bool:
    """Whether a handler can never take what NoCommandHere takes (a group message that is no command)."""
    if isinstance(handler, CommandHandler | CallbackQueryHandler):
        return True
    return isinstance(handler, MessageHandler) and getattr(handler.filters, "private_only", False) is True


def gate_for(stage: Sequence[BaseHandler[Any, Any, Any]]) -> NoCommandHere | None:
    """The gate to put first in a stage, if every handler of it cannot take what the gate takes."""
    return NoCommandHere() if stage and all(cannot_take_group_messages(handler) for handler in stage) else None
