"""Records every group message and edit, the bot's own group messages, and the bot's status in chats."""

from __future__ import annotations

from typing import Any

from telegram import Chat, ChatMemberUpdated, Message, MessageOrigin, Update, User
from telegram.ext import ApplicationHandlerStop, ChatMemberHandler, MessageHandler, filters

from coordination import recording
from coordination.recording import ChatSeen, PersonSeen, Receipt
from runtime.context import SamvadContext
from handlers.feature import Feature, Stage
from storage import chats, journal, messages
from runtime.scope import current_scope
from storage.database import Steps, Transaction
from storage.messages import Recorded
from storage.outbox import OutboxItem
from storage.timefmt import from_unix

GROUPS = filters.ChatType.GROUPS
RECORDED_METHODS = {"sendMessage", "sendDocument", "editMessageText"}


RECORDED = GROUPS & filters.UpdateType.MESSAGE  # what record_group_message records


def feature() -> Feature:
    """The recording feature: runs first for every update and never hides one from later stages."""
    return Feature(
        name="recording",
        handlers=[
            (Stage.RECORD, MessageHandler(RECORDED, record_group_message)),
            (Stage.RECORD, MessageHandler(GROUPS & filters.UpdateType.EDITED_MESSAGE, record_group_edit)),
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


def on_receipt(update: Update) -> Receipt | None:
    """What record_group_message would record of an update, when it has a group message: bot/ingress.py writes it
    with the inbox's batch, in its transaction (coordination.recording.record_received_in: one trip for the batch
    instead of one per message), and the recording stage then acts on what it found."""
    if not RECORDED.check_update(update):
        return None
    message = update.effective_message
    return Receipt(chat_seen(message.chat), person_seen(message.from_user), incoming_message(message, update.update_id))


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
    """Delivery hook: what the bot posted in a group joins the record like any member's message (in the trip
    that commits the call's settlement)."""
    if item.method not in RECORDED_METHODS or not isinstance(result, dict) or "chat" not in result:
        return
    message = Message.de_json(_replied_to_by_id(result), None)
    if message.chat.type not in (Chat.GROUP, Chat.SUPERGROUP):
        return
    chat, sender = chat_seen(message.chat), person_seen(message.from_user)
    if item.method == "editMessageText":
        edit = messages.IncomingEdit(
            chat_id=message.chat.id, message_id=message.message_id, update_id=None,
            editor_id=message.from_user.id if message.from_user else None, sent_at=message.date,
            edited_at=message.edit_date or message.date, text=message.text,
        )

        def work(unit: Any) -> None:
            recording.note_chat_and_person(unit, chat, sender, at=message.date)
            messages.record_edit_in(unit, edit, at=message.edit_date or message.date)
    else:
        incoming = incoming_message(message, None)

        def work(unit: Any) -> None:
            recording.note_chat_and_person(unit, chat, sender, at=message.date)
            messages.record_message_in(unit, incoming, at=message.date)

    tx.defer(work)


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
    for kind in ("text", "photo", "document", "video", "voice", "audio", "sticker", "contact", "location", "poll"):
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
