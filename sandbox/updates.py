"""The bot's update queue, served by getUpdates long polling as Telegram serves it."""

from __future__ import annotations

import asyncio
from collections import OrderedDict, deque
from dataclasses import dataclass

from sandbox.activity import Activity
from sandbox.errors import ApiError

# What a bot receives when it has never chosen (or chose []), per the getUpdates docs.
EXCLUDED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


@dataclass(slots=True)
class _Entry:
    update_id: int
    kind: str
    body: dict  # the whole Update, update_id included
    delivered: bool = False


class _Poll:
    """One getUpdates call that is waiting; a newer call terminates it."""

    def __init__(self) -> None:
        self.wake = asyncio.Event()
        self.terminated = False


class UpdateQueue:
    """Updates not yet confirmed by the bot, in order, with Telegram's offset rules."""

    def __init__(self, activity: Activity, *, history_limit: int = 50_000) -> None:
        self._activity = activity
        self._queue: deque[_Entry] = deque()
        # Updates redelivered under an id the bot already confirmed; served first.
        self._replays: deque[_Entry] = deque()
        self._history: OrderedDict[int, _Entry] = OrderedDict()
        self._history_limit = history_limit
        self._next_id = 1
        self._allowed: frozenset[str] | None = None  # None: Telegram's default set
        self._poll: _Poll | None = None
        self._closed = False
        self._arrived = asyncio.Event()  # wakes a webhook pusher

    @property
    def allowed_updates(self) -> list[str] | None:
        return None if self._allowed is None else sorted(self._allowed)

    def set_allowed_updates(self, allowed: list[str] | None) -> None:
        """Remember a choice; None keeps the previous one and [] restores the default."""
        if allowed is not None:
            self._allowed = frozenset(allowed) or None

    def is_allowed(self, kind: str) -> bool:
        if self._allowed is None:
            return kind not in EXCLUDED_BY_DEFAULT
        return kind in self._allowed

    def put(self, kind: str, payload: dict) -> int:
        """Queue a new update; returns its update_id."""
        update_id = self._next_id
        self._next_id += 1
        self._append(_Entry(update_id, kind, {"update_id": update_id, kind: payload}))
        return update_id

    def _append(self, entry: _Entry, *, replay: bool = False) -> None:
        (self._replays if replay else self._queue).append(entry)
        self._history[entry.update_id] = entry
        if len(self._history) > self._history_limit:
            self._history.popitem(last=False)
        if self._poll is not None:
            self._poll.wake.set()
        self._arrived.set()
        self._activity.touch()

    def redeliver(self, update_id: int, *, same_id: bool) -> int:
        """Queue an already delivered update again; KeyError if it is no longer known."""
        original = self._history[update_id]
        if not same_id:
            return self.put(original.kind, original.body[original.kind])
        self._append(_Entry(update_id, original.kind, original.body), replay=True)
        return update_id

    def pending_count(self) -> int:
        """Updates the bot has not confirmed (and would be given)."""
        return sum(1 for e in self._replays if self.is_allowed(e.kind)) + sum(
            1 for e in self._queue if self.is_allowed(e.kind)
        )

    def drop_pending(self) -> None:
        self._queue.clear()
        self._replays.clear()
        self._activity.touch()

    async def get_updates(
        self, *, offset: int | None, limit: int, timeout: float, allowed_updates: list[str] | None
    ) -> list[dict]:
        """Confirm by offset, then answer at once if anything is queued, else wait up to timeout."""
        self.set_allowed_updates(allowed_updates)
        poll = self._begin_poll()
        try:
            self._confirm(offset)
            deadline = asyncio.get_running_loop().time() + timeout
            while True:
                batch = self._take(limit)
                remaining = deadline - asyncio.get_running_loop().time()
                if batch or remaining <= 0:
                    return batch
                poll.wake.clear()
                try:
                    await asyncio.wait_for(poll.wake.wait(), remaining)
                except TimeoutError:
                    pass
                if poll.terminated:
                    raise ApiError(409, CONFLICT)
                if self._closed:
                    return []
        finally:
            if self._poll is poll:
                self._poll = None

    def next_to_push(self) -> dict | None:
        """The update a webhook is to be given next (what the bot did not ask for is dropped), or None."""
        for source in (self._replays, self._queue):
            while source and not self.is_allowed(source[0].kind):
                source.popleft()
            if source:
                return source[0].body
        return None

    def confirm_pushed(self, update_id: int) -> None:
        """The webhook answered 2xx: that update is delivered and leaves the queue."""
        for source in (self._replays, self._queue):
            if source and source[0].update_id == update_id:
                source.popleft()
                self._activity.touch()
                return

    async def wait_for_arrival(self, timeout: float) -> None:
        """Until an update is queued, or timeout seconds."""
        self._arrived.clear()
        try:
            await asyncio.wait_for(self._arrived.wait(), timeout)
        except TimeoutError:
            pass

    def close(self) -> None:
        """The server is stopping: a waiting long poll returns at once, empty."""
        self._closed = True
        if self._poll is not None:
            self._poll.wake.set()

    def reopen(self) -> None:
        self._closed = False

    def _begin_poll(self) -> _Poll:
        if self._poll is not None:
            self._poll.terminated = True
            self._poll.wake.set()
        self._poll = _Poll()
        return self._poll

    def _confirm(self, offset: int | None) -> None:
        if not offset:
            return
        if offset < 0:
            keep = -offset
            self._replays.clear()
            while len(self._queue) > keep:
                self._queue.popleft()
            return
        while self._queue and self._queue[0].update_id < offset:
            self._queue.popleft()
        if self._replays:
            self._replays = deque(
                e for e in self._replays if not (e.delivered and e.update_id < offset)
            )
        self._activity.touch()

    def _take(self, limit: int) -> list[dict]:
        batch: list[dict] = []
        for source in (self._replays, self._queue):
            while source and not self.is_allowed(source[0].kind):
                source.popleft()  # never to be delivered under the bot's choice
            for entry in source:
                if len(batch) >= limit:
                    return batch
                if self.is_allowed(entry.kind):
                    entry.delivered = True
                    batch.append(entry.body)
        return batch
