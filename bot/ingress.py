"""Receives updates durably and hands them to the application in order per chat.

An update is written to the inbox before Telegram is told it arrived (by asking
for the next offset), and marked processed only after its handlers ran. While the
database cannot be written, received updates wait in memory for a bounded time;
after that they are dropped unconfirmed, and Telegram delivers them again.

A getUpdates batch (up to 100 updates) is stored in one transaction. Marks of handled
updates are committed together: each waits for the one write of marks under way to end,
then all that gathered meanwhile go in the next (a group commit). A crash before a mark
is committed only means the update is replayed, and replay stores nothing twice.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application

from runtime.clock import Clock
from runtime.scope import work_scope
from storage import inbox
from storage.database import Database
from storage.errors import StorageUnavailable
from storage.inbox import InboxItem

log = logging.getLogger(__name__)

ALLOWED_UPDATES = (
    "message",
    "edited_message",
    "callback_query",
    "chat_member",
    "my_chat_member",
    "chat_join_request",
)
REPLAY_INTERVAL = 5.0


class Ingress:
    """The durable path from Telegram to the handlers."""

    def __init__(
        self,
        application: Application,
        db: Database,
        clock: Clock,
        *,
        poll_timeout: int = 30,
        storage_retry_window: float = 300.0,
        concurrency: int = 64,
    ) -> None:
        self._application = application
        self._db = db
        self._clock = clock
        self._poll_timeout = poll_timeout
        self._retry_window = storage_retry_window
        self._slots = asyncio.Semaphore(concurrency)
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._chat_waiters: dict[int, int] = {}
        self._in_flight: dict[int, asyncio.Task[None]] = {}
        self._loops: list[asyncio.Task[None]] = []
        # Handled updates whose mark is not committed yet: not to be handed over again meanwhile.
        self._unmarked: dict[int, inbox.Outcome] = {}
        self._marking: asyncio.Task[None] | None = None

    async def start(self, *, polling: bool = True) -> None:
        """Replay what a previous run stored but did not finish, then start receiving."""
        await self.replay()
        self._loops.append(asyncio.create_task(self._replay_loop(), name="samvad-replay"))
        if polling:
            self._loops.append(asyncio.create_task(self._poll_loop(), name="samvad-polling"))

    async def stop(self, *, grace: float = 10.0) -> None:
        """Stop receiving; let updates being handled finish (up to grace seconds)."""
        for loop in self._loops:
            loop.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        self._loops.clear()
        pending = list(self._in_flight.values())
        if pending:
            _, unfinished = await asyncio.wait(pending, timeout=grace)
            for task in unfinished:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        await self._marks_written()

    async def receive(self, updates: Sequence[dict[str, Any]]) -> list[InboxItem]:
        """Store updates in the inbox and start handling the new ones; raises StorageUnavailable."""
        pairs = [(int(update["update_id"]), json.dumps(update, ensure_ascii=False)) for update in updates]
        at = self._clock.now()
        items = await self._db.write(lambda unit: inbox.store_in(unit, pairs, at=at))
        for item in items:
            self._dispatch(item)
        return items

    async def idle(self) -> None:
        """Wait until every update handed over so far has been handled."""
        while self._in_flight or self._unmarked:
            await asyncio.gather(*list(self._in_flight.values()), return_exceptions=True)
            await self._marks_written()

    async def replay(self) -> None:
        """Hand over stored updates that were never marked processed."""
        try:
            waiting = await inbox.unprocessed(self._db)
        except StorageUnavailable as error:
            log.warning("cannot read the inbox in %s: %s", error.path, error.reason)
            return
        for item in waiting:
            self._dispatch(item)

    async def _replay_loop(self) -> None:
        while True:
            await asyncio.sleep(REPLAY_INTERVAL)
            await self.replay()

    async def _poll_loop(self) -> None:
        offset: int | None = None
        failures = 0
        while True:
            try:
                batch = await self._get_updates(offset)
                failures = 0
            except RetryAfter as error:
                await asyncio.sleep(_seconds(error.retry_after))
                continue
            except Conflict:
                log.error("another process is polling with this bot token; retrying in 5 s")
                await asyncio.sleep(5)
                continue
            except InvalidToken:
                log.critical("Telegram rejected the bot token; check SAMVAD_BOT_TOKEN")
                raise
            except NetworkError as error:
                failures += 1
                delay = min(2.0**failures, 60.0)
                log.warning("getUpdates failed (%s); retrying in %.0f s", error.message, delay)
                await asyncio.sleep(delay)
                continue
            if not batch:
                continue
            if await self._store_patiently(batch):
                offset = max(int(update["update_id"]) for update in batch) + 1

    async def _get_updates(self, offset: int | None) -> list[dict[str, Any]]:
        params: dict[str, Any] = {
            "timeout": self._poll_timeout,
            "limit": 100,
            "allowed_updates": list(ALLOWED_UPDATES),
        }
        if offset is not None:
            params["offset"] = offset
        return await self._application.bot.do_api_request(
            "getUpdates", api_kwargs=params, read_timeout=self._poll_timeout + 10
        )

    async def _store_patiently(self, batch: list[dict[str, Any]]) -> bool:
        """Store a batch, retrying within the window; False if it must be left to Telegram."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._retry_window
        delay = 0.5
        while True:
            try:
                await self.receive(batch)
                return True
            except StorageUnavailable as error:
                if loop.time() + delay > deadline:
                    log.error(
                        "database %s still unavailable (%s): leaving %d updates unconfirmed for Telegram"
                        " to deliver again",
                        error.path,
                        error.reason,
                        len(batch),
                    )
                    return False
                log.warning(
                    "cannot store %d received updates in %s (%s); holding them and retrying in %.1f s",
                    len(batch),
                    error.path,
                    error.reason,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    def _dispatch(self, item: InboxItem) -> None:
        if item.processed or item.inbox_id in self._in_flight or item.inbox_id in self._unmarked:
            return
        task = asyncio.create_task(self._handle(item), name=f"samvad-update-{item.update_id}")
        self._in_flight[item.inbox_id] = task
        task.add_done_callback(lambda _, key=item.inbox_id: self._in_flight.pop(key, None))

    async def _handle(self, item: InboxItem) -> None:
        update = Update.de_json(json.loads(item.payload), self._application.bot)
        chat_key = _chat_key(update)
        async with self._chat_turn(chat_key), self._slots:
            with work_scope(f"u{item.update_id}") as scope:
                await self._application.process_update(update)
        error = None if scope.storage_error is None else str(scope.storage_error)
        self._unmarked[item.inbox_id] = inbox.Outcome(item.inbox_id, error=error, forget_payload=scope.forget_payload)
        if self._marking is None:
            self._marking = asyncio.create_task(self._write_marks(), name="samvad-inbox-marks")

    async def _write_marks(self) -> None:
        """Commit the marks gathered so far in one transaction, and again while more gather."""
        try:
            while self._unmarked:
                outcomes = list(self._unmarked.values())
                at = self._clock.now()
                try:
                    await self._db.write(lambda unit, outcomes=outcomes, at=at: inbox.mark_in(unit, outcomes, at=at))
                except StorageUnavailable as error:
                    log.warning("%d updates handled but not marked in %s: %s", len(outcomes), error.path,
                                error.reason)
                except Exception:
                    log.exception("%d updates handled but not marked; they will be replayed", len(outcomes))
                finally:
                    for outcome in outcomes:
                        self._unmarked.pop(outcome.inbox_id, None)
                if any(outcome.forget_payload for outcome in outcomes):
                    await self._db.scrub()
        finally:
            self._marking = None

    async def _marks_written(self) -> None:
        while self._marking is not None:
            await asyncio.shield(self._marking)

    @asynccontextmanager
    async def _chat_turn(self, chat_key: int) -> AsyncIterator[None]:
        """Updates of one chat are handled one at a time, in the order they arrived."""
        lock = self._chat_locks.setdefault(chat_key, asyncio.Lock())
        self._chat_waiters[chat_key] = self._chat_waiters.get(chat_key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._chat_waiters[chat_key] -= 1
            if not self._chat_waiters[chat_key]:
                del self._chat_waiters[chat_key]
                del self._chat_locks[chat_key]


def _chat_key(update: Update) -> int:
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return 0


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
