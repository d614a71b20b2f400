"""Telegram's sending limits, applied to what they limit: messages posted, not every call.

Telegram allows about 30 messages a second overall and 20 a minute in one group. A deletion,
an approval or a restriction posts no message, so it should not wait behind a group's
message budget: on a cyclone day removing a leaked Aadhaar number must not queue for a minute.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

_POSTING_PREFIXES = ("send", "forwardmessage", "copymessage")
_NOT_POSTING = frozenset({"sendchataction"})


def posts_a_message(endpoint: str) -> bool:
    """Whether a Bot API method puts a new message in a chat (what the per-group limit counts)."""
    name = endpoint.lower()
    return name.startswith(_POSTING_PREFIXES) and name not in _NOT_POSTING


class SendingRateLimiter(AIORateLimiter):
    """AIORateLimiter whose per-chat and per-group limits apply only to calls that post a message."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Limit a call: by chat and group if it posts a message, else only by the overall rate."""
        if not posts_a_message(endpoint):
            data = {key: value for key, value in data.items() if key != "chat_id"}
        return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
