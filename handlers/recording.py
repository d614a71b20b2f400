"""Records every group message and edit, the bot's own group messages, and the bot's status in chats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Chat, ChatMemberUpdated, Message, MessageOrigin, Update, User
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, MessageHandler, filters

from coordination import recording
from coordination.recording import ChatSeen, PersonSeen, Receipt
from runtime.context import SamvadContext
from handlers import update_filters
from handlers.feature import Feature, Stage
from storage import chats, journal, messages
from runtime.scope import current_scope
from storage.database import Steps, Transaction
from storage.messages import Recorded
from storage.outbox import OutboxItem
from storage.timefmt import from_unix

GROUPS = filters.ChatType.GROUPS
RECORDED_METHODS = {"sendMessage", "sendDocument", "editMessageText"}


RECORDED = update_filters.group_message(GROUPS & filters.UpdateType.MESSAGE)  # what record_group_message records
RECORDED_EDITS = update_filters.group_edit(GROUPS & filters.UpdateType.EDITED_MESSAGE)  # and record_group_edit


def feature() -> Feature:
    """The recording feature: runs first for every update and never hides one from later stages."""
    return Feature(
        name="recording",
        handlers=[
            (Stage.RECORD, MessageHandler(RECORDED, record_group_message)),
            (Stage.RECORD, MessageHandler(RECORDED_EDITS, record_group_edit)),
            (Stage.RECORD, ChatMemberHandler(record_bot_status, ChatMemberHandler.MY_CHAT_MEMBER)),
        ],
    )


async def record_group_message(update: Update, context: SamvadContext) -> None:
    """Store a group message once; a second delivery of it stops here.

    A replay of the same update (a crash cut its handling short) goes on to the later
    stages, whose owed calls carry the update's dedupe keys and so are not sent twice.
    """
    services = context.services
    scope = current_scope()
    recorded = scope.notes.get(recording.RECORDED_ON_RECEIPT) if scope is not None else None
    if not isinstance(recorded, Recorded):  # not recorded with the update as it was stored: record it now
        message = update.effective_message
        recorded = await recording.record_message(
            services.db, chat_seen(message.chat), person_seen(message.from_user),
            incoming_message(message, update.update_id), at=services.clock.now(),
        )
    if recorded is Recorded.DUPLICATE:
        raise ApplicationHandlerStop


def on_receipt(update: dict[str, Any]) -> Receipt | None:
    """What record_group_message would record of an update (as Telegram sent it), when it has a group message:
    bot/ingress.py writes it with the inbox's batch, in its transaction (coordination.recording.record_received_in:
    one trip for the batch instead of one per message), and the recording stage then acts on what it found.

    Read from the update's dict as it came (what RECORDED matches: a new message in a group or supergroup), the
    same facts incoming_message, chat_seen and person_seen take from the parsed message (a test compares them).
    """
    message = update.get("message")
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict) or chat.get("type") not in (Chat.GROUP, Chat.SUPERGROUP):
        return None
    assert isinstance(message, dict)
    facts = _facts_as_sent(message, update["update_id"]) or _facts_as_parsed(message, update["update_id"])
    return Receipt(facts[0], facts[1], facts[2])


async def record_group_edit(update: Update, context: SamvadContext) -> None:
    """Store an edit as a new version; a second delivery of the same edit stops here."""
    services = context.services
    message = update.edited_message
    edit = messages.IncomingEdit(
        chat_id=message.chat.id,
        message_id=message.message_id,
        update_id=update.update_id,
        editor_id=message.from_user.id if message.from_user else None,
        sent_at=message.date,
        edited_at=message.edit_date or message.date,
        text=message.text or message.caption,
    )
    recorded = await recording.record_edit(
        services.db, chat_seen(message.chat), person_seen(message.from_user), edit, at=services.clock.now()
    )
    if recorded is Recorded.DUPLICATE:
        raise ApplicationHandlerStop


async def record_bot_status(update: Update, context: SamvadContext) -> None:
    """Keep the bot's own status and rights in each chat, and journal every change."""
    change: ChatMemberUpdated = update.my_chat_member
    member = change.new_chat_member
    rights = _admin_rights(member)
    services = context.services
    now = services.clock.now()
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, change.chat, change.from_user, context)
        await chats.save_bot_status(tx, chat_id=change.chat.id, status=member.status, rights=rights, at=now)
        await journal.append(
            tx,
            kind="bot_status",
            chat_id=change.chat.id,
            actor_id=change.from_user.id,
            at=now,
            body={"old": change.old_chat_member.status, "new": member.status, "rights": rights},
        )


async def record_sent_message(tx: Steps, item: OutboxItem, result: Any) -> None:
    """Delivery hook: what the bot posted in a group joins the record like any member's message (in the unit of
    work that settles the call)."""
    if item.method not in RECORDED_METHODS or not isinstance(result, dict) or "chat" not in result:
        return
    chat, sender, incoming, edited_at = _facts_as_sent(result, None) or _facts_as_parsed(result, None)
    if chat.type not in (Chat.GROUP, Chat.SUPERGROUP):
        return
    if item.method == "editMessageText":
        edit = messages.IncomingEdit(
            chat_id=incoming.chat_id, message_id=incoming.message_id, update_id=None, editor_id=incoming.sender_id,
            sent_at=incoming.sent_at, edited_at=edited_at or incoming.sent_at, text=incoming.text,
        )

        def work(unit: Any) -> None:
            recording.note_chat_and_person(unit, chat, sender, at=incoming.sent_at)
            messages.record_edit_in(unit, edit, at=edited_at or incoming.sent_at)
    else:

        def work(unit: Any) -> None:
            recording.record_own_post_in(unit, chat, sender, incoming, at=incoming.sent_at)

    tx.defer(work)


SentFacts = tuple[ChatSeen, PersonSeen | None, messages.IncomingMessage, datetime | None]
# Keys of a message the plain reading below leaves to python-telegram-bot (rare: the bot's own posts never have them).
_PARSED_ONLY = ("forward_origin", "new_chat_members", "left_chat_member", "pinned_message")
# What a message carries, in the order message_kind looks (both readings name a message's kind by it).
_KINDS = ("text", "photo", "document", "video", "voice", "audio", "sticker", "contact", "location", "poll")


def _facts_as_sent(result: dict[str, Any], update_id: int | None) -> SentFacts | None:
    """What the record keeps of a message, read from its dict as Telegram sent it (a member's in an update, the
    bot's own as the echo of its call): the same facts incoming_message, chat_seen and person_seen take from the
    parsed Message (a test compares them), without parsing the whole message with python-telegram-bot (about
    half the event loop's cost of recording a warning or a prompt). None for a message with what only the parsed
    reading handles (a forward's origin, a service message)."""
    if any(key in result for key in _PARSED_ONLY):
        return None
    raw_chat, raw_from, replied = result["chat"], result.get("from"), result.get("reply_to_message")
    chat = ChatSeen(chat_id=raw_chat["id"], type=raw_chat["type"], title=raw_chat.get("title"),
                    username=raw_chat.get("username"))
    sender = None if raw_from is None else PersonSeen(
        user_id=raw_from["id"], is_bot=raw_from["is_bot"], first_name=raw_from["first_name"],
        last_name=raw_from.get("last_name"), username=raw_from.get("username"),
        language_code=raw_from.get("language_code"),
    )
    sent_at = from_unix(result.get("date") or 0)
    incoming = messages.IncomingMessage(
        chat_id=chat.chat_id, message_id=result["message_id"], update_id=update_id,
        sender_id=sender.user_id if sender else None, sent_at=sent_at,
        kind=next((kind for kind in _KINDS if result.get(kind)), "other"),
        text=result.get("text") or result.get("caption"),
        reply_to_message_id=replied["message_id"] if isinstance(replied, dict) else None,
        forwarded_from=None, forwarded_at=None,
    )
    edited = result.get("edit_date")
    return chat, sender, incoming, from_unix(edited) if edited else None


def _facts_as_parsed(result: dict[str, Any], update_id: int | None) -> SentFacts:
    """The same facts, read from the message as python-telegram-bot parses it."""
    message = Message.de_json(_replied_to_by_id(result), None)
    return (chat_seen(message.chat), person_seen(message.from_user), incoming_message(message, update_id),
            message.edit_date)


def _replied_to_by_id(result: dict[str, Any]) -> dict[str, Any]:
    """A sent message as Telegram echoes it, the message it replies to cut down to its id, date and chat: the record
    keeps only that id, and parsing the whole echoed message (its sender, text, entities) nearly doubled the cost of
    recording each warning and prompt the bot posts."""
    replied = result.get("reply_to_message")
    if not isinstance(replied, dict) or "message_id" not in replied:
        return result
    return {**result, "reply_to_message": {"message_id": replied["message_id"], "date": replied.get("date", 0),
                                           "chat": replied.get("chat", result["chat"])}}


async def save_chat_and_sender(tx: Transaction, chat: Chat, user: User | None, context: SamvadContext) -> None:
    """Refresh what is known of the chat and the person acting in it (one trip)."""
    now = context.services.clock.now()
    seen, person = chat_seen(chat), person_seen(user)
    await tx.run(lambda unit: recording.note_chat_and_person(unit, seen, person, at=now))


def chat_seen(chat: Chat) -> ChatSeen:
    """What the record keeps of a chat."""
    return ChatSeen(chat_id=chat.id, type=chat.type, title=chat.title, username=chat.username)


def person_seen(user: User | None) -> PersonSeen | None:
    """What the record keeps of a person (None for no one)."""
    if user is None:
        return None
    return PersonSeen(
        user_id=user.id, is_bot=user.is_bot, first_name=user.first_name, last_name=user.last_name,
        username=user.username, language_code=user.language_code,
    )


def incoming_message(message: Message, update_id: int | None) -> messages.IncomingMessage:
    """What storage keeps of a Telegram message."""
    return messages.IncomingMessage(
        chat_id=message.chat.id,
        message_id=message.message_id,
        update_id=update_id,
        sender_id=message.from_user.id if message.from_user else None,
        sent_at=message.date or from_unix(0),
        kind=message_kind(message),
        text=message.text or message.caption,
        reply_to_message_id=message.reply_to_message.message_id if message.reply_to_message else None,
        forwarded_from=describe_origin(message.forward_origin),
        forwarded_at=message.forward_origin.date if message.forward_origin else None,
    )


def message_kind(message: Message) -> str:
    """A short name for what a message carries."""
    if message.new_chat_members or message.left_chat_member or message.pinned_message:
        return "service"
    for kind in _KINDS:
        if getattr(message, kind):
            return kind
    return "other"


def describe_origin(origin: MessageOrigin | None) -> str | None:
    """Who or what a forwarded message came from, in one line."""
    if origin is None:
        return None
    if origin.type == MessageOrigin.USER:
        return f"user {origin.sender_user.id} {origin.sender_user.full_name}"
    if origin.type == MessageOrigin.HIDDEN_USER:
        return f"hidden user {origin.sender_user_name}"
    if origin.type in (MessageOrigin.CHAT, MessageOrigin.CHANNEL):
        chat = origin.sender_chat if origin.type == MessageOrigin.CHAT else origin.chat
        return f"{origin.type} {chat.id} {chat.title or ''}".strip()
    return origin.type


def _admin_rights(member: Any) -> dict[str, bool]:
    names = ("can_delete_messages", "can_restrict_members", "can_invite_users", "can_pin_messages", "can_manage_chat")
    return {name: bool(getattr(member, name, False)) for name in names}
