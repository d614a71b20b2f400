"""Two instances deliver one outbox: each owed call is sent once, a chat's calls in the order owed.

The instances are two delivery workers, each with its own connections to one SQLite file (as two processes
would have), taking turns at chats through the claims in the database. The bot is a small fake that answers
as Telegram does and yields to the event loop while "sending", so the two workers interleave.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import BadRequest

from runtime.clock import AdjustableClock
from runtime.delivery import DeliveryWorker
from runtime.outbox import Outbox
from runtime.purposes import Purpose
from storage import outbox as outbox_store
from storage.database import Database

GROUPS = [-1001000000001, -1001000000002, -1001000000003]
OFFICERS = [700000003, 700000007]
CALLS_PER_CHAT = 12


class AnsweringBot:
    """Answers sendMessage as Telegram does (message ids count per chat), and keeps what it was sent."""

    def __init__(self, world: dict[int, list[str]], seed: int) -> None:
        self.world = world  # chat id -> texts posted there, shared by both instances (it is Telegram)
        self.calls = 0
        self._latency = random.Random(seed)

    async def do_api_request(self, method: str, api_kwargs: dict[str, Any] | None = None, **_: Any) -> Any:
        params = dict(api_kwargs or {})
        chat_id = int(params["chat_id"])
        if method == "editMessageReplyMarkup":  # a probe for a message an interrupted attempt may have posted
            exists = params["message_id"] <= len(self.world.get(chat_id, []))
            raise BadRequest("Message is not modified" if exists else "Message to edit not found")
        await asyncio.sleep(self._latency.choice((0.001, 0.01, 0.04)))  # on the wire: the other instance runs
        self.world.setdefault(chat_id, []).append(params["text"].split("\n")[0])
        self.calls += 1
        return {"message_id": len(self.world[chat_id]), "date": 0, "chat": {"id": chat_id, "type": "group"},
                "text": params["text"]}


@pytest.fixture
async def two_connections(tmp_path):
    first = await Database.open(tmp_path / "samvad.db")
    second = await Database.open(tmp_path / "samvad.db")
    yield first, second
    await first.close()
    await second.close()


async def _until_drained(db: Database) -> None:
    for _ in range(1000):
        if outbox_store.CallState.PENDING not in await outbox_store.counts(db):
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the outbox was not drained within 20 s")


async def test_two_instances_send_every_call_once_in_each_chats_order(two_connections):
    clock = AdjustableClock()
    world: dict[int, list[str]] = {}
    bots = [AnsweringBot(world, seed=1), AnsweringBot(world, seed=2)]
    workers = [
        DeliveryWorker(db, clock, bot, instance=name, scan_interval=0.05)
        for db, bot, name in zip(two_connections, bots, ("district-office", "state-data-centre"), strict=True)
    ]
    outboxes = [Outbox(clock, worker.wake, wake_chat=worker.wake_chat) for worker in workers]
    for worker in workers:
        worker.start()
    owed: dict[int, list[str]] = {}
    try:
        # Both instances owe calls to the same chats, turn about, while both deliver: each wakes its own worker.
        for number in range(CALLS_PER_CHAT):
            side = number % 2
            async with two_connections[side].transaction() as tx:
                for chat_id in GROUPS + OFFICERS:
                    text = f"notice {number} to {chat_id}"
                    owed.setdefault(chat_id, []).append(text)
                    await outboxes[side].send_message(tx, chat_id, text, purpose=Purpose.HELP)
            await asyncio.sleep(0.03)
        await _until_drained(two_connections[0])
    finally:
        for worker in workers:
            await worker.stop()

    assert world == owed  # every call once, each chat's in the order owed
    assert bots[0].calls and bots[1].calls, "both instances delivered"
    assert await two_connections[0].fetchall("SELECT * FROM outbox_chat_claims") == []  # none left held


async def test_a_chat_claimed_by_a_live_instance_is_left_to_it_and_taken_over_once_its_claim_lapses(two_connections):
    first_db, second_db = two_connections
    clock = AdjustableClock()
    chat = GROUPS[0]
    async with first_db.transaction() as tx:
        await outbox_store.enqueue(tx, method="sendMessage", params={"chat_id": chat, "text": "Cyclone warning"},
                                   purpose=Purpose.HELP, at=clock.now(), chat_id=chat)
    now = clock.now()

    def take(db: Database, holder: str):
        return db.write(lambda unit: outbox_store.next_call_in(
            unit, chat, holder=holder, now=clock.now(), until=clock.now() + timedelta(seconds=60),
            posting=outbox_store.PostingMethods(("sendmessage",))))

    taken = await take(first_db, "district-office")  # then it dies with the call in flight
    assert taken is not None and taken.in_flight_after is None
    assert await take(second_db, "state-data-centre") is None  # the claim holds
    assert await outbox_store.chats_with_due_calls(second_db, now=now, holder="state-data-centre") == []

    clock.advance(timedelta(seconds=61))
    assert await outbox_store.chats_with_due_calls(second_db, now=clock.now(), holder="state-data-centre") == [chat]
    again = await take(second_db, "state-data-centre")
    assert again is not None and again.outbox_id == taken.outbox_id
    assert again.in_flight_after == 0  # the dead instance's mark: look for its message before posting again


async def test_an_instance_with_nothing_due_lets_the_chat_go_at_once(two_connections):
    first_db, second_db = two_connections
    clock = AdjustableClock()
    chat = OFFICERS[0]
    async with first_db.transaction() as tx:
        await outbox_store.enqueue(tx, method="sendMessage", params={"chat_id": chat, "text": "Later"},
                                   purpose=Purpose.HELP, at=clock.now() + timedelta(minutes=5), chat_id=chat)

    def take(db: Database, holder: str):
        return db.write(lambda unit: outbox_store.next_call_in(
            unit, chat, holder=holder, now=clock.now(), until=clock.now() + timedelta(seconds=60),
            posting=outbox_store.PostingMethods(("",))))

    assert await take(first_db, "district-office") is None  # not due: no claim kept
    assert await first_db.fetchall("SELECT * FROM outbox_chat_claims") == []
    clock.advance(timedelta(minutes=5))
    item = await take(second_db, "state-data-centre")
    assert item is not None and item.params["text"] == "Later"


async def test_a_run_alone_on_its_database_voids_the_claims_a_killed_run_left(two_connections):
    first_db, second_db = two_connections
    clock = AdjustableClock()
    chat = OFFICERS[1]
    async with first_db.transaction() as tx:
        await outbox_store.enqueue(tx, method="sendMessage", params={"chat_id": chat, "text": "Shelter list"},
                                   purpose=Purpose.HELP, at=clock.now(), chat_id=chat)
    await first_db.write(lambda unit: outbox_store.next_call_in(
        unit, chat, holder="killed-run", now=clock.now(), until=clock.now() + timedelta(seconds=60),
        posting=outbox_store.PostingMethods(("",))))  # then SIGKILL, with the call in flight

    world: dict[int, list[str]] = {}
    restarted = DeliveryWorker(second_db, clock, AnsweringBot(world, seed=3), instance="restarted-run",
                               scan_interval=0.05)
    await restarted.forget_earlier_runs()
    restarted.start()
    try:
        await _until_drained(second_db)
    finally:
        await restarted.stop()
    assert world == {chat: ["Shelter list"]}  # looked for first (not there), then sent once, without waiting 60 s
