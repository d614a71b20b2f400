"""A group message as the rules see it (moderation's and the record's alike), and the content filter's verdict on
it, said by whom and where.

Moderation and the record both ask the filter about a message; the facts it weighs (the speaker's post
in this group, the group's level, reply or forward) are read once per update (kept in the work scope).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coordination.collaborators import Collaborators, ContentFilter
from coordination.moderation_rules import message_context
from nlp import MessageContext, Verdict
from runtime.scope import current_scope
from storage import roster
from storage.database import Database, Unit
from storage.roster import Reader

_CONTEXT_NOTE = "message_context"


@dataclass(frozen=True)
class GroupMessage:
    """A message (or an edit of one) in a group, from a person (not a bot, not posted on a chat's behalf)."""

    chat_id: int
    message_id: int
    sender_id: int
    sender_name: str  # as Telegram gives it now (first and last name)
    date: datetime | None  # when it was sent (an edit keeps the message's date)
    text: str  # the text or caption ("" for none)
    speaker_id: int | None = None  # who wrote the words: the sender, a forward's named author, or None if unknown
    is_reply: bool = False
    is_forward: bool = False
    mentioned_user_ids: tuple[int, ...] = ()  # text mentions of people without a username


class NoContentFilter(Exception):
    """The collaborators were built without the content filter, and this rule reads what people write."""


def content_filter_of(c: Collaborators) -> ContentFilter:
    """The content filter, which the rules that read messages cannot do without."""
    if c.content_filter is None:
        raise NoContentFilter("moderation needs Collaborators.content_filter")
    return c.content_filter


async def context_of(db: Reader, message: GroupMessage) -> MessageContext:
    """The facts the filter weighs about a message (read once per update)."""
    scope = current_scope()
    key = (message.chat_id, message.message_id)
    notes = scope.notes.setdefault(_CONTEXT_NOTE, {}) if scope is not None else {}
    assert isinstance(notes, dict)
    if key in notes:
        return notes[key]
    speaker_id = message.speaker_id

    def facts(unit: Unit) -> tuple[list[roster.Post], roster.Binding | None]:
        return roster.posts_and_binding_in(unit, speaker_id, message.chat_id)  # one statement for both

    if isinstance(db, Database):
        posts, binding = await db.read(facts)  # one trip, one snapshot
    else:
        posts, binding = await db.run(facts)
    context = message_context(posts, binding, is_reply=message.is_reply, is_forward=message.is_forward)
    notes[key] = context
    return context


async def verdict_for(c: Collaborators, message: GroupMessage, text: str) -> Verdict:
    """The filter's verdict on a message's text (or a new version of it, or its file's), with who says it and where."""
    return await content_filter_of(c).check(text, await context_of(c.db, message))
