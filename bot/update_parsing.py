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

from typing import Any, TypeVar

from telegram import Message, TelegramObject, Update

T = TypeVar("T", bound=TelegramObject)

_BUILDERS: dict[type, type] = {}
# The kinds of update whose message is built the fast way too (the rest: the Update alone, its parts by PTB).
_MESSAGE_KINDS = ("message", "edited_message")


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


def parse_update(data: dict[str, Any], bot: Any) -> Update:
    """The Update Update.de_json(data, bot) returns (it raises what that raises)."""
    kinds = [key for key in data if key != "update_id"]
    if len(kinds) == 1 and kinds[0] in _MESSAGE_KINDS and isinstance(data[kinds[0]], dict) and "update_id" in data:
        parts: dict[str, Any] = {kinds[0]: _de_json(Message, data[kinds[0]], bot)}
        update = _builder(Update)(update_id=data["update_id"], **parts)
        update.set_bot(bot)
        update.__class__ = Update
        return update
    return _de_json(Update, data, bot)
