"""World changes as a stream of JSON events, for the browser console and for waiting tests."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable

# A console that stops reading loses events past this many rather than growing without end.
_SUBSCRIBER_BACKLOG = 10_000


class EventBus:
    """Fans each event out to every subscriber's queue; costs nothing without subscribers."""

    def __init__(self) -> None:
        self._subscribers: set[asyncio.Queue[dict]] = set()
        self._sequence = itertools.count(1)

    @property
    def has_subscribers(self) -> bool:
        return bool(self._subscribers)

    def publish(self, event: dict) -> None:
        if not self._subscribers:
            return
        event = {"seq": next(self._sequence), **event}
        for queue in self._subscribers:
            try:
                queue.put_nowait(event)
            except asyncio.QueueFull:
                pass  # a stalled reader misses events; the world is unaffected

    def publish_lazily(self, make_event: Callable[[], dict]) -> None:
        """Publish, building the event only if someone listens (views cost time)."""
        if self._subscribers:
            self.publish(make_event())

    def subscribe(self) -> asyncio.Queue[dict]:
        queue: asyncio.Queue[dict] = asyncio.Queue(maxsize=_SUBSCRIBER_BACKLOG)
        self._subscribers.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[dict]) -> None:
        self._subscribers.discard(queue)

    async def stream(self) -> AsyncIterator[dict]:
        """Events from now on, until the consumer stops iterating."""
        queue = self.subscribe()
        try:
            while True:
                yield await queue.get()
        finally:
            self.unsubscribe(queue)

    async def wait_for(self, check: Callable[[], object], timeout: float) -> object:
        """The first truthy check(), re-evaluated after each event; TimeoutError after timeout."""
        queue = self.subscribe()
        try:
            async with asyncio.timeout(timeout):
                while True:
                    result = check()
                    if result:
                        return result
                    await queue.get()
                    while not queue.empty():  # one check covers a burst of events
                        queue.get_nowait()
        finally:
            self.unsubscribe(queue)
