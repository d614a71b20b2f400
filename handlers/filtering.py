"""A Telegram message as the rules' plain input (coordination.filtering.GroupMessage, for moderation and the
record alike)."""

from __future__ import annotations

from telegram import Message, MessageEntity, MessageOrigin

from coordination.filtering import GroupMessage
from runtime.scope import current_scope

_READ_NOTE = "group_messages"  # the update's messages as read, by id (and the message itself, to be sure)


def speaker_id(message: Message) -> int | None:
    """Who wrote the words: the sender, or a forward's original author when Telegram names them."""
    origin = message.forward_origin
    if origin is None:
        return message.from_user.id if message.from_user else None
    if origin.type == MessageOrigin.USER:
        return origin.sender_user.id
    return None  # a hidden user, a chat or a channel: the author is not known


def group_message(message: Message) -> GroupMessage:
    """The message as the domain reads it (a message without a person as sender has sender 0)."""
    sender = message.from_user
    return GroupMessage(
        chat_id=message.chat.id, message_id=message.message_id, sender_id=sender.id if sender else 0,
        sender_name=sender.full_name if sender else "", date=message.date, text=message.text or message.caption or "",
        speaker_id=speaker_id(message), is_reply=message.reply_to_message is not None,
        is_forward=message.forward_origin is not None, mentioned_user_ids=mentioned_user_ids(message),
    )


def from_a_person(message: Message | None) -> GroupMessage | None:
    """The message as the rules take it, when a person sent it (not the bot, another bot or a chat's behalf).

    Read once per update: moderation and the record both ask of the same (immutable) Message."""
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None
    scope = current_scope()
    if scope is None:
        return group_message(message)
    read = scope.notes.setdefault(_READ_NOTE, {})
    assert isinstance(read, dict)
    known = read.get(id(message))
    if known is not None and known[0] is message:
        return known[1]
    result = group_message(message)
    read[id(message)] = (message, result)
    return result


def mentioned_user_ids(message: Message) -> tuple[int, ...]:
    """People a text names by a text mention (people without a username): the users of the text's text_mention
    entities, in order, as Message.parse_entities([TEXT_MENTION]) gives them (equal entities once), without the
    text of each (which parse_entities cuts out of the UTF-16 text)."""
    if not message.text:
        return ()
    mentions = [entity for entity in message.entities if entity.type == MessageEntity.TEXT_MENTION]
    return tuple(entity.user.id for entity in dict.fromkeys(mentions) if entity.user) if mentions else ()
