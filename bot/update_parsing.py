"""Updates parsed as python-telegram-bot parses them, at about half its cost.

A TelegramObject checks every attribute its __init__ sets in a Python-level __setattr__ (is the object frozen
yet?): some 140 calls for an Update of a plain message, about half of Update.de_json's cost (100-150 us an
update, the largest single cost of the event loop under a burst). Here the Update and its Message are built
as instances of a subclass with the plain object.__setattr__ (same slots, nothing else changed: PTB's own
de_json and __init__ run as they are, and freeze the object at their end), then turned into the class itself
by assigning __class__. What the handlers get is a real, frozen Update of a real Message, equal to what
Update.de_json returns (a test compares the two readings, to_dict and api_kwargs included).

Patching TelegramObject.__setattr__ itself around each parse was slower: every assignment to a class attribute
invalidates the type cache of every PTB class.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from telegram import Chat, Message, MessageEntity, TelegramObject, Update, User
from telegram._utils.datetime import extract_tzinfo_from_defaults

T = TypeVar("T", bound=TelegramObject)

_BUILDERS: dict[type, type] = {}
# The kinds of update whose message is built the fast way too (the rest: the Update alone, its parts by PTB).
_MESSAGE_KINDS = ("message", "edited_message")
# A message with only these keys (what members' text messages, replies and edits carry) is read here, not by
# Message.de_json, which looks up and converts each of its ~100 optional parts in turn (most of its cost once
# the frozen checks are gone). _AS_IS go to Message's parameter of the same name as they came; any other key
# (a photo, a forward, a service message, a field PTB keeps in api_kwargs) leaves the message to PTB.
_AS_IS = frozenset({"message_id", "text", "caption", "message_thread_id", "is_topic_message", "media_group_id",
                    "author_signature", "has_protected_content", "is_automatic_forward"})
_PLAIN = _AS_IS | {"from", "chat", "date", "edit_date", "entities", "caption_entities", "reply_to_message"}


def _builder(cls: type[T]) -> type[T]:
    """cls with the plain object.__setattr__: its instances are built without the frozen check per attribute."""
    built = _BUILDERS.get(cls)
    if built is None:
        built = type(cls.__name__, (cls,), {
            "__slots__": (), "__setattr__": object.__setattr__, "__delattr__": object.__delattr__,
            "__module__": __name__, "__qualname__": f"_builder({cls.__qualname__})",
        })
        _BUILDERS[cls] = built
    return built


def _de_json(cls: type[T], data: dict[str, Any], bot: Any) -> T:
    """cls.de_json(data, bot), built by _builder(cls) and then made a cls."""
    obj = _builder(cls).de_json(data, bot)
    obj.__class__ = cls
    return obj


def _message(data: dict[str, Any], bot: Any) -> Message:
    """Message.de_json(data, bot); read here when data has only _PLAIN keys (see above), else by PTB."""
    if not (_PLAIN.issuperset(data) and data.get("date") and isinstance(data.get("chat"), dict)
            and "message_id" in data):
        return _de_json(Message, data, bot)
    zone = extract_tzinfo_from_defaults(bot) or UTC
    fields = {key: value for key, value in data.items() if key in _AS_IS}
    fields["date"] = datetime.fromtimestamp(data["date"], tz=zone)
    fields["chat"] = _de_json(Chat, data["chat"], bot)
    if data.get("from") is not None:
        fields["from_user"] = _de_json(User, data["from"], bot)
    if data.get("edit_date") is not None:
        fields["edit_date"] = datetime.fromtimestamp(data["edit_date"], tz=zone)
    for key in ("entities", "caption_entities"):
        if data.get(key) is not None:
            fields[key] = tuple(_de_json(MessageEntity, entity, bot) for entity in data[key])
    if data.get("reply_to_message") is not None:
        fields["reply_to_message"] = _message(data["reply_to_message"], bot)
    message = _builder(Message)(**fields)
    message.set_bot(bot)
    message.__class__ = Message
    return message


def parse_update(data: dict[str, Any], bot: Any) -> Update:
    """The Update Update.de_json(data, bot) returns (it raises what that raises)."""
    kinds = [key for key in data if key != "update_id"]
    if len(kinds) == 1 and kinds[0] in _MESSAGE_KINDS and isinstance(data[kinds[0]], dict) and "update_id" in data:
        parts: dict[str, Any] = {kinds[0]: _message(data[kinds[0]], bot)}
        update = _builder(Update)(update_id=data["update_id"], **parts)
        update.set_bot(bot)
        update.__class__ = Update
        return update
    return _de_json(Update, data, bot)
