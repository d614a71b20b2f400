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

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler

from handlers.update_filters import group_message_of, starts_with_command


async def _nothing(update: Update, context: Any) -> None:
    """The stage has nothing for this update."""


class NoCommandHere(BaseHandler[Update, Any, None]):
    """Takes a new group message that does not start with a bot command, and does nothing with it.

    It watches the stage it gates (a list PTB keeps): if handlers are added to it or taken from it later, it
    gates only while every handler there still cannot take what it takes."""

    __slots__ = ("_open", "_size", "_stage")

    def __init__(self, stage: list[BaseHandler[Any, Any, Any]]) -> None:
        super().__init__(_nothing)
        self._stage = stage
        self._size = len(stage)
        self._open = False  # True: the stage has a handler the gate knows nothing of, and it lets everything by

    def check_update(self, update: object) -> bool | None:
        if len(self._stage) != self._size:
            self._size = len(self._stage)
            self._open = not all(cannot_take_group_messages(handler) for handler in self._stage if handler is not self)
        if self._open or not isinstance(update, Update) or update.callback_query is not None:
            return None
        message = group_message_of(update)
        return True if message is not None and not starts_with_command(message) else None


def cannot_take_group_messages(handler: BaseHandler[Any, Any, Any]) -> bool:
    """Whether a handler can never take what NoCommandHere takes (a group message that is no command)."""
    if isinstance(handler, CommandHandler | CallbackQueryHandler):
        return True
    return isinstance(handler, MessageHandler) and getattr(handler.filters, "private_only", False) is True


def gate_for(stage: list[BaseHandler[Any, Any, Any]]) -> NoCommandHere | None:
    """The gate to put first in a stage (the list given, which it then watches), if every handler of it cannot take
    what the gate takes."""
    if not stage or not all(cannot_take_group_messages(handler) for handler in stage):
        return None
    return NoCommandHere(stage)
