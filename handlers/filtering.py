"""The content filter's verdict on a group message, said by whom and where (for moderation and the record)."""

from __future__ import annotations

from telegram import Message, MessageOrigin

from runtime.scope import current_scope
from runtime.services import Services
from handlers.moderation_rules import message_context
from nlp import MessageContext, Verdict
from storage import roster

_CONTEXT_NOTE = "message_context"


def speaker_id(message: Message) -> int | None:
    """Who wrote the words: the sender, or a forward's original author when Telegram names them."""
    origin = message.forward_origin
    if origin is None:
        return message.from_user.id if message.from_user else None
    if origin.type == MessageOrigin.USER:
        return origin.sender_user.id
    return None  # a hidden user, a chat or a channel: the author is not known


async def context_of(services: Services, message: Message) -> MessageContext:
    """The facts the filter weighs about a message (read once per update)."""
    scope = current_scope()
    key = (message.chat.id, message.message_id)
    notes = scope.notes.setdefault(_CONTEXT_NOTE, {}) if scope is not None else {}
    if key in notes:  # type: ignore[operator]
        return notes[key]  # type: ignore[index]
    speaker = speaker_id(message)
    posts = await roster.posts_of_user(services.db, speaker) if speaker is not None else []
    binding = await roster.binding_of(services.db, message.chat.id)
    context = message_context(
        posts, binding, is_reply=message.reply_to_message is not None, is_forward=message.forward_origin is not None
    )
    notes[key] = context  # type: ignore[index]
    return context


async def verdict_for(services: Services, message: Message, text: str) -> Verdict:
    """The filter's verdict on a message's text (or a new version of it), with who says it and where."""
    return await services.classifier.check(text, await context_of(services, message))
