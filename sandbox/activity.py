"""Whether the bot is busy: Bot API calls in flight, and when anything last happened."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class Activity:
    """Counts calls in flight and wakes idle-waiters whenever something happens."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.last_change = time.monotonic()
        # One future per waiting caller, so that no waiter can miss a change.
        self._waiters: set[asyncio.Future[None]] = set()

    def touch(self) -> None:
        self.last_change = time.monotonic()
        if self._waiters:
            for waiter in self._waiters:
                if not waiter.done():
                    waiter.set_result(None)
            self._waiters.clear()

    def call_started(self, *, counted: bool = True) -> None:
        """A Bot API call began; `counted` is False for long polls, which wait by design."""
        self.in_flight += counted
        self.touch()

    def call_finished(self, *, counted: bool = True) -> None:
        self.in_flight -= counted
        self.touch()

    async def wait_idle(self, pending: Callable[[], int], *, quiet: float, timeout: float) -> None:
        """Return once nothing is pending or in flight and nothing happened for `quiet` seconds."""
        loop = asyncio.get_running_loop()
        async with asyncio.timeout(timeout):
            while True:
                changed: asyncio.Future[None] = loop.create_future()
                self._waiters.add(changed)
                busy = self.in_flight or pending()
                quiet_left = quiet - (time.monotonic() - self.last_change)
                if not busy and quiet_left <= 0:
                    self._waiters.discard(changed)
                    return
                try:
                    await asyncio.wait_for(changed, None if busy else quiet_left)
                except TimeoutError:
                    pass  # quiet long enough: the loop checks again and returns
                finally:
                    self._waiters.discard(changed)
