"""A Telegram message as the rules' plain input (coordination.filtering.GroupMessage, for moderation and the
record alike)."""

from __future__ import annotations

from telegram import Message, MessageEntity, MessageOrigin

from coordination.filtering import GroupMessage


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
    """The message as the rules take it, when a person sent it (not the bot, another bot or a chat's behalf)."""
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None
    return group_message(message)


def mentioned_user_ids(message: Message) -> tuple[int, ...]:
    """People a text names by a text mention (people without a username)."""
    if not message.text:
        return ()
    return tuple(entity.user.id for entity in message.parse_entities([MessageEntity.TEXT_MENTION]) if entity.user)
