"""Messages the bot sends, edits, deletes and pins, and callback query answers."""

from __future__ import annotations

import mimetypes

from sandbox.errors import bad_request
from sandbox.files import DOWNLOAD_LIMIT, UploadedFile
from sandbox.photos import PhotoError, photo_sizes
from sandbox.formatting import render_text
from sandbox.methods.access import live_message, require_access, require_can_send, resolve_chat
from sandbox.models import Chat, Message
from sandbox.text_entities import utf16_len
from sandbox.views import message_view
from sandbox.world import World

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_DATA_BYTES = 64
MAX_CALLBACK_ANSWER_LENGTH = 200
# After this long Telegram no longer accepts an answer to a callback query.
CALLBACK_ANSWER_WINDOW = 15.0
DELETE_WINDOW = 48 * 3600
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"
PIN_RIGHTS = "not enough rights to manage pinned messages in the chat"
_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
    "copy_text", "callback_game", "pay",
)  # fmt: skip
_URL_SCHEMES = ("http://", "https://", "tg://")
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
     "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)  # fmt: skip


def send_message(world: World, params: dict) -> dict:
    chat = resolve_chat(world, params["chat_id"])
    require_can_send(world, chat)
    text, entities = _text(world, params["text"], params.get("parse_mode"), params.get("entities"))
    message = world.post(
        chat,
        world.bot.id,
        text=text,
        entities=entities,
        reply_to=_reply_target(chat, params.get("reply_parameters")),
        reply_markup=inline_keyboard(params.get("reply_markup")),
        reply_keyboard=reply_keyboard(params.get("reply_markup")),
    )
    return message_view(world, message)


def send_document(world: World, params: dict) -> dict:
    chat = resolve_chat(world, params["chat_id"])
    require_can_send(world, chat, "can_send_documents")
    return _post_media(world, chat, params, document=_document(world, params["document"]))


def send_photo(world: World, params: dict) -> dict:
    chat = resolve_chat(world, params["chat_id"])
    require_can_send(world, chat, "can_send_photos")
    photo = params["photo"]
    if isinstance(photo, UploadedFile):
        content = photo.content
    else:
        stored = world.files.get(photo)
        if stored is None:
            if photo.startswith(("http://", "https://")):
                raise bad_request("failed to get HTTP URL content")
            raise bad_request("wrong file identifier/HTTP URL specified")
        content = stored.content
    try:
        made = photo_sizes(content)
    except PhotoError as error:
        raise bad_request(str(error)) from None
    sizes = []
    for size in made:
        kept = world.files.add("photo.jpg", size.content, "image/jpeg", photo=True)
        sizes.append({"file_id": kept.file_id, "file_unique_id": kept.file_unique_id, "file_size": len(size.content),
                      "width": size.width, "height": size.height})
    return _post_media(world, chat, params, photo=sizes)


def _post_media(world: World, chat: Chat, params: dict, **media: object) -> dict:
    """The bot's message with a file (document or photo sizes), its caption, reply target and keyboards."""
    caption = _caption(world, params.get("caption"), params.get("parse_mode"), params.get("caption_entities"))
    message = world.post(
        chat,
        world.bot.id,
        reply_to=_reply_target(chat, params.get("reply_parameters")),
        reply_markup=inline_keyboard(params.get("reply_markup")),
        reply_keyboard=reply_keyboard(params.get("reply_markup")),
        **media,
        **caption,
    )
    return message_view(world, message)


def edit_message_text(world: World, params: dict) -> dict:
    chat, message = _message_to_edit(world, params)
    if "text" not in params:
        raise bad_request('parameter "text" is required (rich_message is not implemented by the sandbox)')
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = _text(world, params["text"], params.get("parse_mode"), params.get("entities"))
    markup = inline_keyboard(params.get("reply_markup"))
    if (text, entities, markup) == (message.text, message.entities, message.reply_markup):
        raise bad_request(NOT_MODIFIED)
    # Without reply_markup the inline keyboard goes, as on Telegram.
    world.edit(chat, message, text=text, entities=entities, reply_markup=markup)
    return message_view(world, message)


def edit_message_reply_markup(world: World, params: dict) -> dict:
    chat, message = _message_to_edit(world, params)
    markup = inline_keyboard(params.get("reply_markup"))
    if markup == message.reply_markup:
        raise bad_request(NOT_MODIFIED)
    world.change_markup(chat, message, markup)
    return message_view(world, message)


def _message_to_edit(world: World, params: dict) -> tuple[Chat, Message]:
    if "inline_message_id" in params:
        raise bad_request("inline messages are not implemented by the sandbox")
    for name in ("chat_id", "message_id"):
        if name not in params:
            raise bad_request(f'parameter "{name}" is required unless inline_message_id is given')
    chat = resolve_chat(world, params["chat_id"])
    require_access(world, chat)
    message = live_message(chat, params["message_id"], "message to edit not found")
    if message.sender_id != world.bot.id or message.is_service:
        raise bad_request("message can't be edited")
    return chat, message


def delete_message(world: World, params: dict) -> bool:
    chat = resolve_chat(world, params["chat_id"])
    require_access(world, chat)
    message = live_message(chat, params["message_id"], "message to delete not found")
    _require_deletable(world, chat, message)
    world.delete(chat, message)
    return True


def delete_messages(world: World, params: dict) -> bool:
    """Missing messages are skipped, as Telegram does; a forbidden one refuses the lot."""
    ids = params["message_ids"]
    if not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must hold 1-100 identifiers")
    chat = resolve_chat(world, params["chat_id"])
    require_access(world, chat)
    found = [m for m in (chat.messages.get(i) for i in ids) if m is not None and not m.deleted]
    for message in found:
        _require_deletable(world, chat, message)
    for message in found:
        world.delete(chat, message)
    return True


def _require_deletable(world: World, chat: Chat, message: Message) -> None:
    """Telegram's rules: any message for a deleting administrator, else own ones (and
    incoming ones in private chats) for 48 hours."""
    if chat.type == "supergroup" and world.has_right(chat, world.bot.id, "can_delete_messages"):
        return
    if chat.type == "group" and world.is_admin(chat, world.bot.id):
        return
    if chat.type == "private" or message.sender_id == world.bot.id:
        if world.now() - message.date >= DELETE_WINDOW:
            raise bad_request("message can't be deleted for everyone")
        return
    raise bad_request("message can't be deleted")


def pin_chat_message(world: World, params: dict) -> bool:
    chat = resolve_chat(world, params["chat_id"])
    _require_may_pin(world, chat)
    message = live_message(chat, params["message_id"], "message to pin not found")
    if message.message_id in chat.pinned_message_ids:
        chat.pinned_message_ids.remove(message.message_id)
    chat.pinned_message_ids.append(message.message_id)
    world.post(chat, world.bot.id, pinned_message_id=message.message_id)
    return True


def unpin_chat_message(world: World, params: dict) -> bool:
    chat = resolve_chat(world, params["chat_id"])
    _require_may_pin(world, chat)
    message_id = params.get("message_id")
    if message_id is None:
        if chat.pinned_message_ids:
            chat.pinned_message_ids.pop()
        return True
    if message_id not in chat.pinned_message_ids:
        raise bad_request("message to unpin not found")
    chat.pinned_message_ids.remove(message_id)
    return True


def _require_may_pin(world: World, chat: Chat) -> None:
    require_access(world, chat)
    if chat.type == "private" or world.has_right(chat, world.bot.id, "can_pin_messages"):
        return
    member = world.bot_member(chat)
    allowed = member.permissions if member.status == "restricted" else chat.permissions
    if member.status == "administrator" or not allowed.get("can_pin_messages", False):
        raise bad_request(PIN_RIGHTS)


def answer_callback_query(world: World, params: dict) -> bool:
    query = world.callback_queries.get(params["callback_query_id"])
    if query is None or query.answer is not None:
        raise bad_request(QUERY_TOO_OLD)
    if world.clock() - query.created_at > CALLBACK_ANSWER_WINDOW:
        raise bad_request(QUERY_TOO_OLD)
    text = params.get("text", "")
    if len(text) > MAX_CALLBACK_ANSWER_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    answer: dict = {"text": text or None, "show_alert": params.get("show_alert", False)}
    if "url" in params:
        answer["url"] = params["url"]
    world.answer_callback_query(query, answer)
    return True


def send_chat_action(world: World, params: dict) -> bool:
    chat = resolve_chat(world, params["chat_id"])
    require_can_send(world, chat)
    if params["action"] not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    return True


def get_file(world: World, params: dict) -> dict:
    stored = world.files.get(params["file_id"])
    if stored is None:
        raise bad_request("wrong file_id or the file is temporarily unavailable")
    if len(stored.content) > DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    return {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
        "file_path": stored.file_path,
    }


def inline_keyboard(markup: dict | None) -> dict | None:
    """The inline keyboard a message will carry; other markups are not stored on messages."""
    if not markup or "inline_keyboard" not in markup:
        return None
    for row in markup["inline_keyboard"]:
        for button in row:
            _check_button(button)
    return markup if any(markup["inline_keyboard"]) else None


def reply_keyboard(markup: dict | None) -> dict | None:
    """A ReplyKeyboardMarkup or ReplyKeyboardRemove, kept for the console to show as the apps do."""
    if markup and ("keyboard" in markup or "remove_keyboard" in markup):
        return markup
    return None


def _check_button(button: dict) -> None:
    actions = [name for name in _BUTTON_ACTIONS if name in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        size = len(button["callback_data"].encode("utf-8"))
        if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button and not button["url"].startswith(_URL_SCHEMES):
        raise bad_request(f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL")


def _text(world: World, text: str, parse_mode: str | None, entities: list | None) -> tuple[str, list[dict]]:
    plain, found = render_text(text, parse_mode=parse_mode, entities=entities, lookup_user=world.lookup_user_view)
    if not plain:
        raise bad_request("message text is empty")
    if utf16_len(plain) > MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return plain, found


def _caption(world: World, caption: str | None, parse_mode: str | None, entities: list | None) -> dict:
    if not caption:
        return {}
    plain, found = render_text(caption, parse_mode=parse_mode, entities=entities, lookup_user=world.lookup_user_view)
    if utf16_len(plain) > MAX_CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return {"caption": plain, "caption_entities": found} if plain else {}


def _reply_target(chat: Chat, reply: dict | None) -> int | None:
    if reply is None:
        return None
    if reply.get("chat_id", chat.id) not in (chat.id, chat.username and f"@{chat.username}"):
        raise bad_request("replies to messages in other chats are not implemented by the sandbox")
    replied = chat.messages.get(reply["message_id"])
    if replied is None or replied.deleted:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return replied.message_id


def _document(world: World, document: UploadedFile | str) -> dict:
    if isinstance(document, UploadedFile):
        mime = document.content_type
        if not mime or mime == "application/octet-stream":
            mime = mimetypes.guess_type(document.file_name)[0] or "application/octet-stream"
        stored = world.files.add(document.file_name or "file", document.content, mime)
    else:
        stored = world.files.get(document)
        if stored is None:
            if document.startswith(("http://", "https://")):
                raise bad_request("failed to get HTTP URL content")  # the sandbox has no network
            raise bad_request("wrong file identifier/HTTP URL specified")
    return {
        "file_name": stored.file_name,
        "mime_type": stored.mime_type,
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_size": len(stored.content),
    }


METHODS = {
    "sendMessage": send_message,
    "sendDocument": send_document,
    "sendPhoto": send_photo,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "pinChatMessage": pin_chat_message,
    "unpinChatMessage": unpin_chat_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
    "getFile": get_file,
}
