"""Telegram's sending limits, applied to what they limit: messages posted, not every call.

Telegram allows about 30 messages a second overall and 20 a minute in one group. A deletion,
an approval or a restriction posts no message, so it should not wait behind a group's
message budget: on a cyclone day removing a leaked Aadhaar number must not queue for a minute.

The limits are the bot's, not an instance's: once `share_through(db)` is called, every send reserves
its slot in the database (storage.rate_limits, one trip per send; sends waiting for the writer meanwhile
go in the same trip), so several instances on one database together keep to them. While the database
cannot be written, each instance falls back to counting its own sends.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from storage import rate_limits
from storage.database import Database
from storage.errors import StorageUnavailable
from storage.outbox import PostingMethods
from storage.rate_limits import Limit

log = logging.getLogger(__name__)

OVERALL = "overall"

# Whether a Bot API method puts a new message in a chat (what the per-group limit counts): posts_a_message(name).
posts_a_message = PostingMethods(("send", "forwardmessage", "copymessage"), frozenset({"sendchataction"}))


class SendingRateLimiter(AIORateLimiter):
    """AIORateLimiter whose per-chat and per-group limits apply only to calls that post a message."""

    def __init__(
        self, *, overall_max_rate: float = 30, group_max_rate: float = 20, max_retries: int = 0,
        wall_clock: Callable[[], float] = time.time, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """wall_clock and sleep: the time all instances agree on (seconds since the epoch), and how to wait."""
        super().__init__(overall_max_rate=overall_max_rate, group_max_rate=group_max_rate, max_retries=max_retries)
        self._overall = Limit(OVERALL, overall_max_rate, 1.0)
        self._group_rate = group_max_rate
        self._retries = max_retries
        self._wall_clock = wall_clock
        self._sleep = sleep
        self._db: Database | None = None

    def share_through(self, db: Database) -> None:
        """Keep the limits in this database from now on, shared with every instance that uses it."""
        self._db = db

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
        limits = self.limits_of(data)
        if self._db is None or not limits or data.get("allow_paid_broadcast"):
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        retries = rate_limit_args or self._retries
        for attempt in range(retries + 1):
            if not await self._wait_for_slot(limits):
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                if attempt == retries:
                    raise
                seconds = _seconds(error.retry_after) + 0.1
                log.info("Telegram asked to wait %.1f s; every instance waits", seconds)
                await self._pause(limits, until=self._wall_clock() + seconds)
        raise AssertionError("unreachable")  # the loop returns or raises

    def limits_of(self, data: dict[str, Any]) -> list[Limit]:
        """The limits a call counts against, as AIORateLimiter decides them: the overall one for a call to a chat,
        and its group's for a call to a group (a negative id or an @username)."""
        chat_id = data.get("chat_id")
        if chat_id is None:
            return []
        try:
            chat_id = int(chat_id)
        except (TypeError, ValueError):
            pass
        limits = []
        if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str):
            limits.append(Limit(f"group:{chat_id}", self._group_rate, 60.0))
        limits.append(self._overall)  # after the group's: the overall slot is taken from when the group allows
        return limits

    async def _wait_for_slot(self, limits: list[Limit]) -> bool:
        """Reserve a slot in the shared limits and wait for it; False if the database cannot be written."""
        assert self._db is not None
        now = self._wall_clock()
        try:
            at = await self._db.write(lambda unit: rate_limits.reserve_in(unit, limits, now=now), contended=True)
        except StorageUnavailable as error:
            log.warning("sending limits are counted by this instance alone while %s is unavailable: %s",
                        error.path, error.reason)
            return False
        if at > now:
            await self._sleep(at - now)
        return True

    async def _pause(self, limits: list[Limit], *, until: float) -> None:
        assert self._db is not None
        try:
            await self._db.write(lambda unit: rate_limits.pause_in(unit, limits, until=until), contended=True)
        except StorageUnavailable:
            pass
        await self._sleep(max(until - self._wall_clock(), 0.0))


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
