"""How handlers and the domain owe Bot API calls: written in their transaction, delivered by the worker.

Telegram-free: parameters are plain JSON values; a keyboard may be a dict or any object with to_dict().
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from runtime.clock import Clock
from runtime.purposes import Purpose
from runtime.scope import current_scope
from storage import outbox as outbox_store
from storage.database import Transaction, Unit

MESSAGE_LIMIT = 4096


class Outbox:
    """The bot's owed calls. Nothing here talks to Telegram; `DeliveryWorker` does."""

    def __init__(self, clock: Clock, wake: Callable[[], None], *, wake_chat: Callable[[int], None] | None = None) -> None:
        """wake: look at every pending call; wake_chat, if given: look at one chat's queue (what changed)."""
        self._clock = clock
        self._wake = wake
        self._wake_chat = wake_chat

    async def call(
        self,
        tx: Transaction,
        method: str,
        params: dict[str, Any],
        *,
        purpose: Purpose,
        dedupe_key: str | None = None,
    ) -> int:
        """Owe one Bot API call; it is sent after the transaction commits."""
        if dedupe_key is None and (scope := current_scope()) is not None:
            dedupe_key = scope.next_dedupe_key(purpose)
        outbox_id = await outbox_store.enqueue(
            tx,
            method=method,
            params=_plain(params),
            purpose=purpose,
            at=self._clock.now(),
            chat_id=_chat_of(params),
            dedupe_key=dedupe_key,
            priority=priority_of(method, purpose),
        )
        self.wake_after(tx, _chat_of(params))
        return outbox_id

    async def send_message(
        self,
        tx: Transaction,
        chat_id: int,
        text: str,
        *,
        purpose: Purpose,
        reply_to: int | None = None,
        markup: Any = None,
        dedupe_key: str | None = None,
    ) -> int:
        """Owe an HTML message (split at line ends if over Telegram's limit); returns the last part's id."""
        outbox_id = 0
        for number, params in enumerate(_message_parts(chat_id, text, reply_to, markup)):
            key = f"{dedupe_key}:{number}" if dedupe_key and number else dedupe_key
            outbox_id = await self.call(tx, "sendMessage", params, purpose=purpose, dedupe_key=key)
        return outbox_id

    def next_dedupe_key(self, purpose: Purpose) -> str | None:
        """The current work scope's next dedupe key for purpose (None outside a scope).

        A unit of work runs on the database's thread, where the scope is not seen: take its keys on the
        event loop first, in the order its calls are owed.
        """
        scope = current_scope()
        return scope.next_dedupe_key(purpose) if scope is not None else None

    def call_in(
        self, unit: Unit, method: str, params: dict[str, Any], *, purpose: Purpose, dedupe_key: str | None,
    ) -> int:
        """call as part of a unit of work (dedupe_key from `next_dedupe_key`)."""
        outbox_id = outbox_store.enqueue_in(
            unit, method=method, params=_plain(params), purpose=purpose, at=self._clock.now(),
            chat_id=_chat_of(params), dedupe_key=dedupe_key, priority=priority_of(method, purpose),
        )
        self.wake_after(unit, _chat_of(params))
        return outbox_id

    def send_message_in(
        self,
        unit: Unit,
        chat_id: int,
        text: str,
        *,
        purpose: Purpose,
        dedupe_key: str | None,
        reply_to: int | None = None,
        markup: Any = None,
    ) -> int:
        """send_message as part of a unit of work (dedupe_key from `next_dedupe_key`); the last part's id."""
        outbox_id = 0
        for call in self.message_calls(chat_id, text, purpose=purpose, dedupe_key=dedupe_key, reply_to=reply_to,
                                       markup=markup):
            outbox_id = outbox_store.enqueue_owed_in(unit, call)
        self.wake_after(unit, chat_id)
        return outbox_id

    def message_calls(
        self,
        chat_id: int,
        text: str,
        *,
        purpose: Purpose,
        dedupe_key: str | None,
        reply_to: int | None = None,
        markup: Any = None,
    ) -> tuple[outbox_store.OwedCall, ...]:
        """The calls send_message_in owes, not yet written: for a unit that writes them with other rows (an
        instruction's prompt); it calls wake_after too."""
        at = self._clock.now()
        return tuple(
            outbox_store.OwedCall.of(
                method="sendMessage", params=_plain(params), purpose=purpose, at=at, chat_id=chat_id,
                dedupe_key=f"{dedupe_key}:{number}" if dedupe_key and number else dedupe_key,
                priority=priority_of("sendMessage", purpose),
            )
            for number, params in enumerate(_message_parts(chat_id, text, reply_to, markup))
        )

    def wake_after(self, unit: Unit | Transaction, chat_id: int) -> None:
        """Have the delivery worker look at chat_id's calls once the unit (or transaction) has committed."""
        unit.after_commit(self._wake if self._wake_chat is None else partial(self._wake_chat, chat_id))


def _message_parts(chat_id: int, text: str, reply_to: int | None, markup: Any) -> list[dict[str, Any]]:
    """The sendMessage parameters of an HTML message, split at line ends if over Telegram's limit."""
    parts = split_message(text)
    calls = []
    for number, part in enumerate(parts):
        params: dict[str, Any] = {
            "chat_id": chat_id,
            "text": part,
            "parse_mode": "HTML",
            "link_preview_options": {"is_disabled": True},
        }
        if reply_to is not None and number == 0:
            params["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
        if markup is not None and number == len(parts) - 1:
            params["reply_markup"] = markup
        calls.append(params)
    return calls


# Calls that remove what should not be there, or let in or keep out a member, go before messages.
URGENT_METHODS = frozenset({
    "deleteMessage", "deleteMessages", "approveChatJoinRequest", "declineChatJoinRequest",
    "restrictChatMember", "banChatMember", "unbanChatMember",
})


# An edit changes a message already delivered (a notice closed by a decision), so it need not wait
# behind newer messages owed to the same chat; edits of one message keep their order among themselves.
EDIT_METHODS = frozenset({"editMessageText", "editMessageReplyMarkup", "editMessageCaption"})


def priority_of(method: str, purpose: Purpose) -> int:
    """How urgent an owed call is within its chat's queue."""
    if method in URGENT_METHODS:
        return outbox_store.URGENT
    if Purpose(purpose).is_warning or method in EDIT_METHODS:
        return outbox_store.WARNING
    return outbox_store.NORMAL


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split text into parts of at most limit characters, at line ends where possible.

    Lines are kept whole so that HTML tags, which never span lines in our messages, stay balanced.
    """
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts


def _chat_of(params: dict[str, Any]) -> int:
    """The numeric chat a call goes to, for ordering; 0 for none or a @username."""
    try:
        return int(params.get("chat_id", 0))
    except (TypeError, ValueError):
        return 0


def _plain(value: Any) -> Any:
    """Telegram objects (anything with to_dict, e.g. a keyboard) to their JSON dicts, recursively."""
    if callable(to_dict := getattr(value, "to_dict", None)):
        return to_dict()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items() if item is not None}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
