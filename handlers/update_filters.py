"""The filters every group message meets, answered by one plain reading of the message where it decides.

python-telegram-bot checks every update against each handler's filter, stage by stage: a plain group message
meets five composite filters (GROUPS & UpdateType.MESSAGE & (TEXT | CAPTION) & ~COMMAND ...), each a tree of
filter objects evaluated call by call, 40-50 us an update between them. Each filter here is the same composite,
answered by a function of the update that reads the same attributes the composite's parts read (see
telegram.ext.filters: GROUPS, UpdateType.MESSAGE, TEXT, CAPTION, COMMAND, REPLY, Document.ALL, PHOTO); where
that function returns None (a command that a Regex must look at) the composite itself answers. A test checks
both answers agree on a table of updates of every kind.
"""

from __future__ import annotations

from collections.abc import Callable

from telegram import Chat, Message, MessageEntity, Update
from telegram.ext import filters
from telegram.ext.filters import BaseFilter, FilterDataDict

_GROUP_TYPES = (Chat.GROUP, Chat.SUPERGROUP)


class Decided(filters.UpdateFilter):
    """A composite filter, answered by `decide` (None: by the composite)."""

    __slots__ = ("_decide", "_full", "private_only")

    def __init__(self, full: BaseFilter, decide: Callable[[Update], bool | None], *, private_only: bool = False) -> None:
        super().__init__(name=full.name, data_filter=full.data_filter)
        self._full = full
        self._decide = decide
        self.private_only = private_only  # answers only messages in private chats (handlers.stage_gate reads it)

    def check_update(self, update: Update) -> bool | FilterDataDict | None:
        decided = self._decide(update)
        return self._full.check_update(update) if decided is None else decided

    def filter(self, update: Update) -> bool | FilterDataDict | None:
        return self.check_update(update)


def group_message_of(update: Update) -> Message | None:
    """A new message in a group or supergroup (GROUPS & UpdateType.MESSAGE)."""
    message = update.message
    return message if message is not None and message.chat.type in _GROUP_TYPES else None


def has_words(message: Message) -> bool:
    """TEXT | CAPTION."""
    return bool(message.text) or bool(message.caption)


def starts_with_command(message: Message) -> bool:
    """COMMAND: a bot command at the very start."""
    entities = message.entities
    return bool(entities) and entities[0].type == MessageEntity.BOT_COMMAND and entities[0].offset == 0


def group_message(full: BaseFilter) -> Decided:
    """GROUPS & UpdateType.MESSAGE."""
    return Decided(full, lambda update: group_message_of(update) is not None)


def group_words(full: BaseFilter) -> Decided:
    """GROUPS & (TEXT | CAPTION) & ~COMMAND & UpdateType.MESSAGE."""

    def decide(update: Update) -> bool:
        message = group_message_of(update)
        return message is not None and has_words(message) and not starts_with_command(message)

    return Decided(full, decide)


def group_words_replying(full: BaseFilter) -> Decided:
    """GROUPS & (TEXT | CAPTION) & ~COMMAND & UpdateType.MESSAGE & REPLY."""

    def decide(update: Update) -> bool:
        message = group_message_of(update)
        return (message is not None and has_words(message) and not starts_with_command(message)
                and bool(message.reply_to_message))

    return Decided(full, decide)


def group_words_or(full: BaseFilter) -> Decided:
    """GROUPS & UpdateType.MESSAGE & (TEXT | CAPTION) & (~COMMAND | <a Regex on commands>): a command is left to
    the composite (its Regex gives the handler its matches)."""

    def decide(update: Update) -> bool | None:
        message = group_message_of(update)
        if message is None or not has_words(message):
            return False
        return None if starts_with_command(message) else True

    return Decided(full, decide)


def group_file(full: BaseFilter) -> Decided:
    """GROUPS & UpdateType.MESSAGE & (Document.ALL | PHOTO)."""

    def decide(update: Update) -> bool:
        message = group_message_of(update)
        return message is not None and (bool(message.document) or bool(message.photo))

    return Decided(full, decide)


def group_edit(full: BaseFilter) -> Decided:
    """GROUPS & UpdateType.EDITED_MESSAGE."""

    def decide(update: Update) -> bool:
        message = update.edited_message
        return message is not None and message.chat.type in _GROUP_TYPES

    return Decided(full, decide)


def private_message_of(update: Update) -> Message | None:
    """A new message in a private chat (ChatType.PRIVATE & UpdateType.MESSAGE)."""
    message = update.message
    return message if message is not None and message.chat.type == Chat.PRIVATE else None


def private_contact(full: BaseFilter) -> Decided:
    """ChatType.PRIVATE & UpdateType.MESSAGE & CONTACT."""

    def decide(update: Update) -> bool:
        message = private_message_of(update)
        return message is not None and bool(message.contact)

    return Decided(full, decide, private_only=True)


def private_words(full: BaseFilter) -> Decided:
    """ChatType.PRIVATE & UpdateType.MESSAGE & (TEXT | CAPTION) & ~COMMAND."""

    def decide(update: Update) -> bool:
        message = private_message_of(update)
        return message is not None and has_words(message) and not starts_with_command(message)

    return Decided(full, decide, private_only=True)
