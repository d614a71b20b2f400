"""A Telegram message as the rules' plain input (coordination.filtering.GroupMessage), and its verdict."""

from __future__ import annotations

from telegram import Message, MessageOrigin

from coordination.filtering import GroupMessage, context_of
from nlp import Verdict
from runtime.services import Services


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
        is_forward=message.forward_origin is not None,
    )


async def verdict_for(services: Services, message: Message, text: str) -> Verdict:
    """The filter's verdict on a message's text (or a new version of it), with who says it and where."""
    return await services.classifier.check(text, await context_of(services.db, group_message(message)))
