"""Receives updates durably and hands them to the application in order per chat.

An update is written to the inbox before Telegram is told it arrived (by asking
for the next offset), and marked processed only after its handlers ran. While the
database cannot be written, received updates wait in memory for a bounded time;
after that they are dropped unconfirmed, and Telegram delivers them again.

A getUpdates batch (up to 100 updates) is stored in one transaction, with the record of each group message in it
(handlers.recording.on_receipt: written once for the batch, not by each update's recording stage, which then
acts on what was found). With a shared database, the group messages of the updates an instance claims are so
recorded in the unit that claims them (on PostgreSQL one statement for them all). Marks of handled
updates are committed together: each waits for the one write of marks under way to end,
then all that gathered meanwhile go in the next (a group commit). A crash before a mark
is committed only means the update is replayed, and replay stores nothing twice.

With several instances on one database (runtime/instances.py), only the holder of the poller lease
polls, from Telegram's first unconfirmed update (the last holder confirmed only what it had
stored), and an instance hands over an update only while it holds the claim of its chat
(storage/inbox.py): a batch it stores is claimed (and its group messages recorded) by one task, in the
order stored, while the poller stores the next batch (the store goes apart from the writer's trips:
Database.write_apart); a frequent look finds updates whose chat no live instance holds (stored by a poller
with peers, left by a claim that could not be written, or claimed by an instance that died). A claim is
released with the marks of the chat's last waiting update.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import deque
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application

from coordination.recording import RECORDED_ON_RECEIPT, NotedFacts, Receipt, record_received_in
from bot.update_parsing import parse_update
from runtime.clock import Clock
from runtime.instances import Instance
from runtime.scope import work_scope
from storage import inbox, json_text
from storage.database import Database, Unit
from storage.errors import StorageUnavailable
from storage.inbox import InboxItem
from storage.messages import Recorded

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
# Updates stored and waiting to be claimed (shared database) that receiving may run ahead by, and that one unit of
# work claims at most: four getUpdates batches.
CLAIM_AHEAD = 400

# A batch stored and waiting to be claimed: its inbox items, the updates as they came, their chats.
_Stored = tuple[list[InboxItem], Sequence[dict[str, Any]], list[int]]


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
        instance: Instance | None = None,
        on_receipt: Callable[[dict[str, Any]], Receipt | None] | None = None,
    ) -> None:
        self._application = application
        self._db = db
        self._clock = clock
        self._poll_timeout = poll_timeout
        self._retry_window = storage_retry_window
        self._slots = asyncio.Semaphore(concurrency)
        # Each chat's updates handed over and not handled yet, in order, and the task that handles them one at a
        # time (one task for a chat's run of updates, not a task and a turn of a lock for each update).
        self._chat_queues: dict[int, deque[tuple[InboxItem, Update | None, object]]] = {}
        self._chat_workers: dict[int, asyncio.Task[None]] = {}
        self._in_flight: dict[int, asyncio.Task[None]] = {}  # inbox id -> the task of its chat, until handled
        self._loops: list[asyncio.Task[None]] = []
        # Handled updates whose mark is not committed yet: not to be handed over again meanwhile.
        self._unmarked: dict[int, inbox.Outcome] = {}
        self._marking: asyncio.Task[None] | None = None
        # While replay reads the inbox: updates whose marks were committed meanwhile. The read may have seen them
        # before their mark, and once the mark is written they are no longer in hand, so without this a replay
        # that resumed after the mark would hand them over a second time.
        self._marked_while_reading: set[int] | None = None
        # Shared database: this instance's lease and claims (None: the only instance, all is ours).
        self._instance = instance
        self._claims = instance if instance is not None and instance.shared else None
        self._chat_of: dict[int, int] = {}  # inbox id -> chat key, of items handed over and not yet marked
        # What to write of an update in the transaction that stores it (the record of a group message), and its
        # outcome handed to the update's handlers in the work scope (handlers.recording.on_receipt).
        self._on_receipt = on_receipt
        self._noted = NotedFacts()  # the chats and people the records of received messages have noted
        # Shared database: updates handed over without their record (it failed), until their marks are committed.
        self._unrecorded: set[int] = set()
        # Shared database: batches this instance stored (the items and the updates as they came), waiting for the one
        # task that claims their chats and hands them over (_claim_stored), so that polling goes on meanwhile.
        self._to_claim: list[_Stored] = []
        self._claiming: asyncio.Task[None] | None = None
        self._claims_taken = asyncio.Event()  # set whenever the task takes batches to claim

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
        if self._claiming is not None:  # what it has not handed over stays stored: replayed at the next start
            self._claiming.cancel()
            await asyncio.gather(self._claiming, return_exceptions=True)
        self._to_claim.clear()
        pending = list(self._in_flight.values())
        if pending:
            _, unfinished = await asyncio.wait(pending, timeout=grace)
            for task in unfinished:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        await self._marks_written()

    async def receive(self, updates: Sequence[dict[str, Any]]) -> list[InboxItem]:
        """Store updates in the inbox and start handling the new ones; raises StorageUnavailable."""
        pairs = [(int(update["update_id"]), json_text.unescaped(update)) for update in updates]
        keys = [raw_chat_key(update) for update in updates]
        at = self._clock.now()
        if self._claims is None:
            parsed = [_parsed(update, self._application.bot) for update in updates]
            items, receipts = await self._store_with_receipts(pairs, keys, updates, parsed, at)
            for item, key, update, receipt in zip(items, keys, parsed, receipts, strict=True):
                self._dispatch(item, key, update, receipt)  # handed over as parsed here: not parsed again
            return items
        items = await self._db.write_apart(lambda unit: inbox.store_in(unit, pairs, at=at, chat_keys=keys))
        if self._claims.claims_at_store:  # else left for whichever instance claims them first (this one too)
            self._to_claim.append((items, updates, keys))
            if self._claiming is None:
                self._claiming = asyncio.create_task(self._claim_stored(), name="samvad-inbox-claims")
            # Stored is safe; but while more than a few batches wait to be claimed, Telegram keeps the next ones
            # (not this process's memory): receiving waits for the claims to catch up.
            while sum(len(batch[0]) for batch in self._to_claim) > CLAIM_AHEAD and self._claiming is not None:
                self._claims_taken.clear()
                await self._claims_taken.wait()
        return items

    async def _claim_stored(self) -> None:
        """Claim the chats of the batches this instance stored, record their group messages and hand their updates
        over, in the order stored: all the batches stored meanwhile in one unit of work, while the poller stores the
        next (on PostgreSQL recording a batch takes several times as long as storing it). A unit that cannot be
        written leaves its updates stored and unclaimed: the frequent look claims them."""
        try:
            while self._to_claim:
                batches = _first_batches(self._to_claim, CLAIM_AHEAD)
                del self._to_claim[:len(batches)]
                self._claims_taken.set()
                known: dict[int, tuple[Update | None, Receipt | None]] = {}
                chats: set[int] = set()
                for items, updates, keys in batches:
                    chats.update(keys)
                    for item, raw in zip(items, updates, strict=True):
                        if item.inbox_id not in known:
                            update = _parsed(raw, self._application.bot)
                            known[item.inbox_id] = (update, self._receipt(raw, update))
                try:
                    handed = await self._claim_and_record(sorted(chats), known, len(known))
                except StorageUnavailable as error:
                    log.warning("cannot claim %d stored updates in %s (%s); the frequent look will", len(known),
                                error.path, error.reason)
                    continue
                except Exception:
                    log.exception("claiming %d stored updates failed; the frequent look will", len(known))
                    continue
                self._hand_over(handed)
        finally:
            self._claiming = None
            self._claims_taken.set()

    async def _store_with_receipts(
        self, pairs: list[tuple[int, str]], keys: list[int], updates: Sequence[dict[str, Any]],
        parsed: list[Update | None], at: datetime,
    ) -> tuple[list[InboxItem], list[object]]:
        """Store a batch, and in the same unit of work what on_receipt writes of each update not handled yet (the
        records of a batch's group messages in one trip and one commit, with the updates themselves). on_receipt
        reads the update as it came; one python-telegram-bot cannot parse gets none (its handling says why)."""
        receipts = [self._receipt(raw, update) for raw, update in zip(updates, parsed, strict=True)]
        if not any(receipts):
            return await self._db.write(lambda unit: inbox.store_in(unit, pairs, at=at, chat_keys=keys)), [None] * len(
                pairs)

        def work(unit: Unit) -> tuple[list[InboxItem], list[object]]:
            items = inbox.store_in(unit, pairs, at=at, chat_keys=keys)
            due = [None if item.processed else receipt for item, receipt in zip(items, receipts, strict=True)]
            return items, list(record_received_in(unit, due, at=at, noted=self._noted))

        try:
            return await self._db.write(work)
        except StorageUnavailable:
            raise
        except Exception:  # never let a record that cannot be written keep the batch from the inbox
            log.exception("recording %d received updates with the inbox's batch failed; their handlers record them",
                          len(pairs))
            return await self._db.write(lambda unit: inbox.store_in(unit, pairs, at=at, chat_keys=keys)), [None] * len(
                pairs)

    async def _claim_and_record(self, chats: list[int], known: dict[int, tuple[Update | None, Receipt | None]],
                                count: int) -> list[HandOver]:
        """Claim these chats and record what waits in them (_claim_and_record_in) in a unit of work."""
        in_hand, blocked = self._hand_snapshot()
        at = self._clock.now()
        return await self._recording(lambda unit, record: self._claim_and_record_in(
            unit, chats, known, in_hand, blocked, at, record=record), count)

    def _claim_in(self, unit: Unit, chat_keys: list[int] | None) -> list[tuple[InboxItem, int]]:
        """Claim chats with updates waiting (these, or any); their waiting updates with their chats, in order."""
        assert self._claims is not None
        claimed = inbox.claim_chats_in(
            unit, self._claims.id, now=self._claims.now(), ttl=self._claims.lease, chat_keys=chat_keys, limit=16
        )
        return inbox.waiting_by_chat_in(unit, claimed)

    def _claim_and_record_in(
        self, unit: Unit, chat_keys: list[int] | None, known: dict[int, tuple[Update | None, Receipt | None]],
        in_hand: set[int], blocked: set[int], at: datetime, *, record: bool,
    ) -> list[HandOver]:
        """Claim chats (see _claim_in), and record the group messages of the updates waiting in them that are not in
        hand yet, in the order stored, in the same unit of work (on PostgreSQL one statement for them all:
        storage.messages.record_batch_noting_in); each is handed over with what its record found, as on a database
        of its own (_store_with_receipts). Every update this instance hands over is so recorded first, so a chat's
        record keeps the order of its updates; except in a chat with an update in hand that was not (a record that
        failed, record False): there the handlers record them. Updates of this batch come parsed (known); others
        are parsed here, once. Facts of chats and people are compared with the stored ones (noted=None: another
        instance may have written others since this one noted them)."""
        waiting = [(item, chat) for item, chat in self._claim_in(unit, chat_keys) if item.inbox_id not in in_hand]
        updates: list[Update | None] = []
        due: list[Receipt | None] = []
        for item, chat in waiting:
            update, receipt = known.get(item.inbox_id) or self._read(item.payload)
            updates.append(update)
            due.append(receipt if record and chat not in blocked else None)
        recorded = record_received_in(unit, due, at=at) if any(due) else [None] * len(due)
        return [(item, chat, update, outcome)
                for (item, chat), update, outcome in zip(waiting, updates, recorded, strict=True)]

    def _read(self, payload: str) -> tuple[Update | None, Receipt | None]:
        """A stored update as python-telegram-bot reads it, and on_receipt's facts of it (None where it cannot)."""
        raw = json.loads(payload)
        update = _parsed(raw, self._application.bot)
        return update, self._receipt(raw, update)

    def _receipt(self, raw: dict[str, Any], update: Update | None) -> Receipt | None:
        """on_receipt's facts of an update as it came; none for one python-telegram-bot cannot parse."""
        return self._on_receipt(raw) if self._on_receipt is not None and update is not None else None

    def _hand_snapshot(self) -> tuple[set[int], set[int]]:
        """The updates in hand, and the chats of those handed over without their record, for a unit of work."""
        return set(self._in_flight) | set(self._unmarked), {self._chat_of.get(inbox_id, 0) for inbox_id in self._unrecorded}

    async def _recording(self, work: Callable[..., list[HandOver]], count: int) -> list[HandOver]:
        """Run work recording what it hands over; if recording fails (not the database), again without."""
        try:
            # contended: it takes the journal chain's lock and chat claims, which every instance takes
            return await self._db.write(lambda unit: work(unit, record=True), contended=True)
        except StorageUnavailable:
            raise
        except Exception:  # never let a record that cannot be written keep updates from being stored and handled
            log.exception("recording %d updates as they were handed over failed; their handlers record them", count)
        handed = await self._db.write(lambda unit: work(unit, record=False))
        self._unrecorded.update(item.inbox_id for item, _, _, _ in handed)
        return handed

    def _hand_over(self, handed: list[HandOver]) -> None:
        for item, chat_key, update, recorded in handed:
            self._dispatch(item, chat_key, update, recorded)

    async def idle(self) -> None:
        """Wait until every update handed over so far has been handled."""
        while self._in_flight or self._unmarked or self._claiming is not None:
            while self._claiming is not None:
                await asyncio.shield(self._claiming)
            await asyncio.gather(*list(self._in_flight.values()), return_exceptions=True)
            await self._marks_written()

    async def replay(self) -> None:
        """Hand over stored updates that were never marked processed (shared: of chats this instance claims)."""
        if self._claims is not None:
            await self._claim_unclaimed()
            return
        self._marked_while_reading = marked_meanwhile = set()
        try:
            waiting = await inbox.unprocessed(self._db)
        except StorageUnavailable as error:
            log.warning("cannot read the inbox in %s: %s", error.path, error.reason)
            return
        finally:
            self._marked_while_reading = None
        for item in waiting:
            if item.inbox_id not in marked_meanwhile:
                self._dispatch(item)

    async def _claim_unclaimed(self) -> None:
        """Claim chats whose waiting updates no live instance holds (or this one holds and has not handed over)."""
        assert self._claims is not None
        instance = self._claims
        try:
            waiting = await inbox.unclaimed(self._db, instance.id, now=instance.now())
            chats = sorted({chat for inbox_id, chat in waiting if not self._in_hand(inbox_id)})
            if not chats:
                return
            handed = await self._claim_and_record(chats, {}, len(waiting))
        except StorageUnavailable as error:
            log.warning("cannot claim waiting updates in %s: %s", error.path, error.reason)
            return
        self._hand_over(handed)

    async def _replay_loop(self) -> None:
        interval = REPLAY_INTERVAL if self._instance is None else self._instance.scan_every
        while True:
            await asyncio.sleep(interval)
            await self.replay()

    async def _poll_loop(self) -> None:
        """Poll while this instance holds the poller lease (always, when it is the only instance)."""
        if self._instance is None:
            await self._poll_while_leased()
            return
        while True:
            await self._instance.poll_lease_taken()
            polling = asyncio.create_task(self._poll_while_leased(), name="samvad-polling-leased")
            lost = asyncio.create_task(self._instance.poll_lease_lost(), name="samvad-poll-lease-lost")
            try:
                await asyncio.wait({polling, lost}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (polling, lost):
                    task.cancel()
                await asyncio.gather(polling, lost, return_exceptions=True)
            # A batch received and not yet stored is left unconfirmed: the next holder is given it again.
            with contextlib.suppress(asyncio.CancelledError):
                await polling  # re-raises what ended it (a rejected token), unless it was cancelled

    async def _poll_while_leased(self) -> None:
        # No offset at first: Telegram starts from its first unconfirmed update, and a previous holder
        # confirmed only what it had stored (by asking for the next offset), so nothing is skipped.
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

    def _in_hand(self, inbox_id: int) -> bool:
        return inbox_id in self._in_flight or inbox_id in self._unmarked

    def _dispatch(
        self, item: InboxItem, chat_key: int | None = None, parsed: Update | None = None, receipt: object = None
    ) -> None:
        if item.processed or self._in_hand(item.inbox_id):
            return
        if chat_key is not None:
            self._chat_of[item.inbox_id] = chat_key
        turn = _chat_key(parsed) if parsed is not None else _stored_chat_key(item)
        queue = self._chat_queues.get(turn)
        if queue is None:  # the chat's first update in hand: a task of its own handles its updates in turn
            queue = self._chat_queues[turn] = deque()
            self._chat_workers[turn] = asyncio.create_task(self._handle_chat(turn, queue), name=f"samvad-chat-{turn}")
        queue.append((item, parsed, receipt))
        self._in_flight[item.inbox_id] = self._chat_workers[turn]

    async def _handle_chat(self, turn: int, queue: deque[tuple[InboxItem, Update | None, object]]) -> None:
        """Handle a chat's updates one at a time, in the order they were handed over, until none is left."""
        try:
            while queue:
                item, parsed, receipt = queue[0]
                try:
                    await self._handle(item, parsed, receipt)
                except Exception:  # not marked: replayed later; the chat's next updates go on meanwhile
                    log.exception("handling update %s failed; it will be handled again", item.update_id)
                finally:
                    queue.popleft()
                    self._in_flight.pop(item.inbox_id, None)
        finally:  # also when cancelled (stop): what was left is not in hand any more
            for item, _, _ in queue:
                self._in_flight.pop(item.inbox_id, None)
            queue.clear()
            if self._chat_queues.get(turn) is queue:
                del self._chat_queues[turn]
                del self._chat_workers[turn]

    async def _handle(self, item: InboxItem, parsed: Update | None = None, receipt: object = None) -> None:
        update = parsed if parsed is not None else parse_update(json.loads(item.payload), self._application.bot)
        async with self._slots:
            with work_scope(f"u{item.update_id}") as scope:
                if receipt is not None:
                    scope.notes[RECORDED_ON_RECEIPT] = receipt
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
                chats = sorted({self._chat_of.pop(o.inbox_id, 0) for o in outcomes})
                try:
                    await self._db.write(lambda unit, outcomes=outcomes, at=at, chats=chats: self._mark_in(
                        unit, outcomes, at, chats))
                except StorageUnavailable as error:
                    log.warning("%d updates handled but not marked in %s: %s", len(outcomes), error.path,
                                error.reason)
                except Exception:
                    log.exception("%d updates handled but not marked; they will be replayed", len(outcomes))
                finally:
                    for outcome in outcomes:
                        self._unmarked.pop(outcome.inbox_id, None)
                        self._unrecorded.discard(outcome.inbox_id)
                    if self._marked_while_reading is not None:  # a replay's read may predate these marks
                        self._marked_while_reading.update(outcome.inbox_id for outcome in outcomes)
                if any(outcome.forget_payload for outcome in outcomes):
                    await self._db.scrub()
        finally:
            self._marking = None

    def _mark_in(self, unit: Unit, outcomes: list[inbox.Outcome], at: Any, chats: list[int]) -> None:
        """Mark handled updates; with claims, release those of chats with nothing left waiting."""
        inbox.mark_in(unit, outcomes, at=at)
        if self._claims is not None:
            inbox.release_idle_claims_in(unit, self._claims.id, chats)

    async def _marks_written(self) -> None:
        while self._marking is not None:
            await asyncio.shield(self._marking)


def _first_batches(batches: list[_Stored], limit: int) -> list[_Stored]:
    """The first batches holding at most limit updates together (at least one batch)."""
    taken: list[_Stored] = []
    count = 0
    for batch in batches:
        if taken and count + len(batch[0]) > limit:
            break
        taken.append(batch)
        count += len(batch[0])
    return taken


# An update handed over to its handlers: its chat, as parsed, and what its record found as it was handed over.
HandOver = tuple[InboxItem, int, Update | None, Recorded | None]


def _parsed(update: dict[str, Any], bot: Any) -> Update | None:
    """The update as python-telegram-bot reads it; None if it cannot (its handling parses it again, and says why)."""
    try:
        return parse_update(update, bot)
    except Exception:
        return None


def raw_chat_key(update: dict[str, Any]) -> int:
    """The chat an update (as Telegram sent it) belongs to, as _chat_key finds it on the parsed Update."""
    for kind in ALLOWED_UPDATES:
        body = update.get(kind)
        if not isinstance(body, dict):
            continue
        if kind == "callback_query":
            message = body.get("message")
            chat = message.get("chat") if isinstance(message, dict) else None
        else:
            chat = body.get("chat")
        if isinstance(chat, dict) and isinstance(chat.get("id"), int):
            return int(chat["id"])
        sender = body.get("from")
        if isinstance(sender, dict) and isinstance(sender.get("id"), int):
            return int(sender["id"])
        return 0
    return 0


def _stored_chat_key(item: InboxItem) -> int:
    """The chat whose turn a stored update (replayed, not parsed yet: its handling parses it) takes: raw_chat_key,
    which is _chat_key of every kind of update ALLOWED_UPDATES lets in; 0 if it cannot be read."""
    try:
        raw = json.loads(item.payload)
    except (TypeError, ValueError):
        return 0
    return raw_chat_key(raw) if isinstance(raw, dict) else 0


def _chat_key(update: Update) -> int:
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return 0


def _seconds(value: Any) -> float:
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)
