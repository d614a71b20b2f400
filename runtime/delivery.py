"""Delivers owed Bot API calls, in order per chat, retrying what can succeed later.

Several instances may share one database: a chat's next call is taken by the instance that claims the chat
(storage.outbox.next_call_in), which holds the claim while the call is in flight (renewing it every third of
its lifetime) and lets it go in the transaction that settles the call; so one call of a chat is out at a time,
in order, whichever instance sends it. If the holder dies, the claim lapses and another instance takes the
chat over, first looking for the message of the call the dead one left in flight.

The transaction that settles a call also takes the chat's next due call (or lets the claim go when nothing more is
due), so a call costs two trips to the database (take, settle) instead of three; while other chats wait for a
slot, it lets the claim go instead and the chat takes its turn again.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from dataclasses import dataclass
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from telegram import Bot, InputFile
from telegram.error import BadRequest, ChatMigrated, Forbidden, InvalidToken, NetworkError, RetryAfter, TelegramError

from runtime.clock import Clock
from runtime.instance_id import instance_id
from runtime.ratelimit import posts_a_message
from storage import outbox as outbox_store
from storage.database import Database, Steps, Unit
from storage.errors import StorageUnavailable
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

SentHook = Callable[[Steps, OutboxItem, Any], Awaitable[None]]

MAX_BACKOFF = timedelta(seconds=60)
IDLE_POLL = 1.0
# Looking for a message an interrupted attempt may have posted: how far, and how many absent ids end the chat.
MAX_PROBES = 500
END_OF_CHAT = 3
PROBE_ATTEMPTS = 5


class ProbeOutcome(enum.Enum):
    """What Telegram's answer to a no-change edit says of a message id."""

    OURS = "ours"  # the bot's own message, with the same buttons
    ABSENT = "absent"  # no such message (past the end of the chat, or deleted)
    OTHER = "other"  # someone else's message, or a service message


def probe_outcome(description: str) -> ProbeOutcome:
    """Telegram tells these apart only in its error description (all are 400 Bad Request)."""
    text = description.lower()
    if "not modified" in text:
        return ProbeOutcome.OURS
    if "not found" in text:
        return ProbeOutcome.ABSENT
    return ProbeOutcome.OTHER


@dataclass(frozen=True)
class Settled:
    """What trying a call left: whether the chat's queue may move on, and its next call if the settling
    transaction took it (claimed and, if it posts, marked in flight)."""

    moves_on: bool
    taken: OutboxItem | None = None
    looked: bool = False  # the settlement looked for the next call (taken None: nothing was due)


class DeliveryWorker:
    """Sends what the outbox owes: one queue per chat, several chats at once."""

    def __init__(
        self, db: Database, clock: Clock, bot: Bot, *, concurrency: int = 16, scan_interval: float = IDLE_POLL,
        instance: str | None = None, claim_seconds: float = 60.0,
    ) -> None:
        """scan_interval: seconds between looks at every pending call (for retries falling due); instance: this
        deliverer's name in the chats' claims; claim_seconds: how long a claim lasts unless renewed."""
        self._db = db
        self.instance = instance or instance_id()
        self._claim = timedelta(seconds=claim_seconds)
        self._scan_interval = scan_interval
        self._clock = clock
        self._bot = bot
        # Calls to groups can wait a long time inside the rate limiter (20 messages a minute per
        # group) while holding their slot; private chats (an admin's notice and its edit) and calls
        # to no chat get slots of their own, so a backlog in the groups never holds them up.
        self._group_slots = asyncio.Semaphore(concurrency)
        self._other_slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        # What changed since the last look: chats owed a new call, and whether all pending calls must be looked at
        # (a retry fell due, a caller asked). A new call is delivered without scanning every pending one.
        self._changed: set[int] = set()
        self._scan_all = True
        self._draining: dict[int, asyncio.Task[None]] = {}
        self._recheck: set[int] = set()
        self._hooks: list[SentHook] = []
        self._runner: asyncio.Task[None] | None = None
        self._renewer: asyncio.Task[None] | None = None
        self.grace = 10.0  # seconds calls in flight get to finish at stop

    def wake(self) -> None:
        """Look at every pending call now."""
        self._scan_all = True
        self._wake.set()

    def wake_chat(self, chat_id: int) -> None:
        """Look at one chat's queue now (called after a transaction that owed it a call commits)."""
        self._changed.add(chat_id)
        self._wake.set()

    def on_sent(self, hook: SentHook) -> None:
        """Run hook(steps, item, result) before the unit of work that marks a call sent: what it defers to steps
        runs in that unit (steps.after_commit: once it is committed)."""
        self._hooks.append(hook)

    async def forget_earlier_runs(self) -> None:
        """Void every chat claim: for a run alone on its database, whose earlier runs' claims are a dead
        process's (its calls in flight are then looked for before they are sent again, as after any crash)."""
        await self._db.write(lambda unit: outbox_store.release_all_in(unit, holder=None))

    def start(self) -> None:
        """Begin delivering in the background."""
        self._runner = asyncio.create_task(self._run(), name="samvad-delivery")
        self._renewer = asyncio.create_task(self._renew_claims(), name="samvad-delivery-claims")

    async def stop(self) -> None:
        """Stop delivering; calls in flight finish, the rest stay owed for the next start."""
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
        draining = list(self._draining.values())
        if draining:
            await asyncio.wait(draining, timeout=self.grace)
            for task in draining:
                task.cancel()
            await asyncio.gather(*draining, return_exceptions=True)
        if self._renewer is not None:
            self._renewer.cancel()
            await asyncio.gather(self._renewer, return_exceptions=True)
        try:  # another instance takes these chats at once, not when their claims lapse
            await self._db.write(lambda unit: outbox_store.release_all_in(unit, holder=self.instance))
        except StorageUnavailable as error:
            log.warning("could not let go of this instance's delivery claims in %s: %s", error.path, error.reason)

    async def _renew_claims(self) -> None:
        """Keep the chats being delivered claimed, however long a call waits (in the rate limiter, on Telegram)."""
        while True:
            await asyncio.sleep(self._claim.total_seconds() / 3)
            if not self._draining:
                continue
            until = self._clock.now() + self._claim
            try:
                await self._db.write(
                    lambda unit, until=until: outbox_store.renew_claims_in(unit, holder=self.instance, until=until))
            except StorageUnavailable as error:
                log.warning("cannot renew delivery claims in %s: %s", error.path, error.reason)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        next_scan = loop.time()
        while True:
            self._wake.clear()
            chats, self._changed = self._changed, set()
            if self._scan_all or loop.time() >= next_scan:
                self._scan_all, next_scan = False, loop.time() + self._scan_interval
                try:
                    chats |= set(await outbox_store.chats_with_due_calls(
                        self._db, now=self._clock.now(), holder=self.instance))
                except StorageUnavailable as error:
                    log.warning("cannot read the outbox in %s: %s; retrying", error.path, error.reason)
            for chat_id in chats:
                if chat_id in self._draining:
                    self._recheck.add(chat_id)  # its drain may be past its last look: look again when it ends
                    continue
                task = asyncio.create_task(self._drain(chat_id), name=f"samvad-delivery-{chat_id}")
                self._draining[chat_id] = task
                task.add_done_callback(lambda _, chat=chat_id: self._drained(chat))
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=max(next_scan - loop.time(), 0.0))
            except TimeoutError:
                pass

    def _drained(self, chat_id: int) -> None:
        self._draining.pop(chat_id, None)
        if chat_id in self._recheck:
            self._recheck.discard(chat_id)
            self.wake_chat(chat_id)

    async def _drain(self, chat_id: int) -> None:
        slots = self._group_slots if chat_id < 0 else self._other_slots
        item: OutboxItem | None = None
        while True:
            # One call at a time, so a chat with a backlog takes turns with the others; the chat is claimed only
            # once a slot is free, so an instance with a backlog leaves chats to instances that have slots. The
            # settling transaction takes the next call only while no other chat waits for a slot.
            async with slots:
                if item is None:
                    item = await self._next_call(chat_id)
                    if item is None:
                        return  # nothing due, or another instance has this chat's call in flight
                settled = await self._deliver(item, slots)
            if not settled.moves_on:
                return  # it waits for a retry: whichever instance is free then takes the chat
            if settled.looked and settled.taken is None:
                return  # nothing more is due now (a call owed later wakes the chat again)
            item = settled.taken  # None: the claim was let go for the other chats' turn; take it again

    async def _next_call(self, chat_id: int) -> OutboxItem | None:
        """Claim the chat (or renew the claim) and take its next due call, marked in flight if it posts."""
        now = self._clock.now()
        try:
            return await self._db.write(lambda unit: outbox_store.next_call_in(
                unit, chat_id, holder=self.instance, now=now, until=now + self._claim, posting=posts_a_message),
                contended=True)
        except StorageUnavailable as error:
            log.warning("cannot take chat %s's next call from %s: %s", chat_id, error.path, error.reason)
            self._wake_at(timedelta(seconds=1))
            return None

    async def _deliver(self, item: OutboxItem, slots: asyncio.Semaphore | None = None) -> Settled:
        """Try one call; whether the chat's queue may move on, and its next call if the settlement took it (only
        while slots has one free: no other chat is waiting for a turn)."""
        posting = posts_a_message(item.method) and item.chat_id != 0
        if posting and item.in_flight_after is not None:
            try:
                found = await self._earlier_copy(item, item.in_flight_after)
            except Forbidden:
                found = None  # the chat is closed to the bot: the call itself will be refused
            except TelegramError as error:
                return await self._retry(item, f"looking for an earlier attempt's message: {error}",
                                         _backoff(item.attempts), answered=False)
            if found is not None:
                log.info("%s (%s) to chat %s was posted before a crash or a timeout (message %s): not again",
                         item.method, item.purpose, item.chat_id, found)
                return await self._record(item, slots, result={"message_id": found, "found_after_restart": True})
        try:
            with attachments(item.params) as params:
                result = await self._bot.do_api_request(item.method, api_kwargs=params)
        except FileNotFoundError as error:
            log.error("attachment for %s (%s) is gone: %s", item.method, item.purpose, error)
            return await self._record(item, slots, failure=f"attachment missing: {error.filename}")
        except RetryAfter as error:
            return await self._retry(item, f"rate limited: {error}", _seconds(error.retry_after))
        except ChatMigrated as error:
            params = dict(item.params, chat_id=error.new_chat_id)
            return await self._retry(item, "chat migrated to a supergroup", timedelta(), params=params)
        except (BadRequest, Forbidden) as error:
            log.warning(
                "Telegram refused %s (%s) for chat %s: %s", item.method, item.purpose, item.chat_id, error.message
            )
            return await self._record(item, slots, failure=error.message)
        except InvalidToken:
            log.error("Telegram rejected the bot token; owed calls wait until it is fixed")
            return await self._retry(item, "token rejected", MAX_BACKOFF)
        except NetworkError as error:  # a timeout or a dropped connection: it may have been posted
            return await self._retry(item, f"network: {error.message}", _backoff(item.attempts), answered=False)
        except Exception as error:  # a bug must not stop the queue for every other chat
            log.exception("unexpected error delivering %s (%s)", item.method, item.purpose)
            return await self._retry(item, f"unexpected: {error!r}", _backoff(item.attempts), answered=False)
        return await self._record(item, slots, result=result)

    async def _record(
        self, item: OutboxItem, slots: asyncio.Semaphore | None, *, result: Any = None, failure: str | None = None,
    ) -> Settled:
        """Settle a call: sent (running the hooks) or refused for good; with it, take the chat's next due call
        while a slot is free for it (else, or if nothing is due, let the chat's claim go)."""
        now = self._clock.now()
        look = slots is not None and not slots.locked()
        steps = _Steps()
        if failure is None:
            for hook in self._hooks:
                await hook(steps, item, result)

        def settle(unit: Unit) -> OutboxItem | None:
            if failure is None:
                for work in steps.deferred:  # what the hooks record of the call goes in with its mark
                    work(unit)
            for callback in steps.committed_callbacks:
                unit.after_commit(callback)
            # The mark and the look for the chat's next call (or the claim let go): one statement on PostgreSQL.
            then = outbox_store.NextCall(now, now + self._claim, posts_a_message) if look else None
            return outbox_store.settle_in(unit, item, at=now, holder=self.instance, result=result, error=failure,
                                          then=then)

        try:
            # The mark, what the hooks defer and the look for the next call: one unit of work, committed with the
            # other units waiting for the writer (one trip and one COMMIT for all of them).
            taken = await self._db.write(settle, contended=True)
        except StorageUnavailable as error:
            # Telegram has the call but the outbox cannot say so; it may be sent again later.
            log.error("delivered %s but cannot record it in %s: %s", item.method, error.path, error.reason)
            return Settled(False)
        return Settled(True, taken, looked=look)

    async def _earlier_copy(self, item: OutboxItem, after: int) -> int | None:
        """The id of this call's message if an earlier attempt posted it (Telegram never said), else None.

        The chat's messages after the last id known before that attempt are probed in order with an
        editMessageReplyMarkup that changes nothing: Telegram answers "not modified" only for a message of
        the bot's own with these very buttons. Messages the bot knows (members', its own recorded ones) are
        skipped; one call of a chat is in flight at a time, so an unknown message of the bot's is this one.
        The search ends at the end of the chat (a few ids not found in a row).
        """
        known = await outbox_store.known_message_ids(self._db, item.chat_id, after=after)
        probe: dict[str, Any] = {"chat_id": item.params.get("chat_id", item.chat_id)}
        if item.params.get("reply_markup"):
            probe["reply_markup"] = item.params["reply_markup"]
        missing = 0
        for message_id in range(after + 1, after + 1 + MAX_PROBES):
            if message_id in known:
                missing = 0
                continue
            try:
                await self._probe(probe, message_id)
            except BadRequest as error:
                outcome = probe_outcome(error.message)
                if outcome is ProbeOutcome.OURS:
                    return message_id
                missing = missing + 1 if outcome is ProbeOutcome.ABSENT else 0
                if missing >= END_OF_CHAT:
                    return None
            else:  # a message of the bot's the record does not know, with other buttons: not this call's
                log.warning("probe changed the buttons of message %s in chat %s", message_id, item.chat_id)
                missing = 0
        return None

    async def _probe(self, probe: dict[str, Any], message_id: int) -> None:
        """One no-change edit, tried again a few times over passing network failures (a search is long)."""
        for attempt in range(PROBE_ATTEMPTS):
            try:
                await self._bot.do_api_request("editMessageReplyMarkup", api_kwargs={**probe, "message_id": message_id})
                return
            except BadRequest:
                raise
            except NetworkError:
                if attempt == PROBE_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.2 * (attempt + 1))

    async def _retry(
        self,
        item: OutboxItem,
        error: str,
        delay: timedelta,
        params: dict[str, Any] | None = None,
        *,
        answered: bool = True,
    ) -> Settled:
        retry_at = self._clock.now() + delay
        try:
            async with self._db.transaction() as tx:
                await outbox_store.mark_retry(
                    tx, item.outbox_id, error=error, retry_at=retry_at, params=params, answered=answered
                )
                tx.defer(lambda unit: outbox_store.release_chat_in(unit, item.chat_id, holder=self.instance))
        except StorageUnavailable as storage_error:
            log.warning("cannot note a retry in %s: %s", storage_error.path, storage_error.reason)
        log.info("will retry %s (%s) to chat %s in %.1fs: %s", item.method, item.purpose, item.chat_id,
                 delay.total_seconds(), error)
        self._wake_at(delay)
        return Settled(False)

    def _wake_at(self, delay: timedelta) -> None:
        asyncio.get_running_loop().call_later(max(delay.total_seconds(), 0.0), self.wake)


class _Steps:
    """The steps the sent-call hooks add to a settlement's unit of work, gathered before it runs (storage.Steps)."""

    def __init__(self) -> None:
        self.deferred: list[Callable[[Unit], object]] = []
        self.committed_callbacks: list[Callable[[], None]] = []

    def defer(self, work: Callable[[Unit], object]) -> None:
        """Run work in the settlement's unit, after the call's mark."""
        self.deferred.append(work)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call back once the settlement is committed."""
        self.committed_callbacks.append(callback)


@contextmanager
def attachments(params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Params with every {"attach_path": ..., "filename": ...} value opened as an upload."""
    opened = []
    try:
        prepared = {}
        for key, value in params.items():
            if isinstance(value, dict) and "attach_path" in value:
                handle = open(value["attach_path"], "rb")  # noqa: SIM115 - closed below
                opened.append(handle)
                prepared[key] = InputFile(handle, filename=value.get("filename"))
            else:
                prepared[key] = value
        yield prepared
    finally:
        for handle in opened:
            handle.close()


def _seconds(value: int | float | timedelta) -> timedelta:
    return value if isinstance(value, timedelta) else timedelta(seconds=float(value))


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=0.5 * 2**attempts), MAX_BACKOFF)
