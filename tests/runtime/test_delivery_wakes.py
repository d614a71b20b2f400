"""The delivery worker looks at what changed: a committed call wakes its own chat's queue, not a scan of all.

Before issue 15 every commit that owed a call made the worker read every pending call of every chat; now the
chat that was owed one is looked at, and the full scan runs on its interval (for retries falling due) or when
asked. The bot here is a small fake that answers as Telegram does; no test here times anything.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from runtime.clock import AdjustableClock
from runtime.delivery import DeliveryWorker
from runtime.outbox import Outbox
from runtime.purposes import Purpose
from storage import outbox as outbox_store
from storage.database import Database

DISTRICT_OFFICER, RELIEF_COMMISSIONER = 700000003, 700000007


class AnsweringBot:
    """Answers sendMessage as Telegram does, and keeps what it was sent."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.arrived = asyncio.Event()

    async def do_api_request(self, method: str, api_kwargs: dict[str, Any] | None = None, **_: Any) -> Any:
        params = dict(api_kwargs or {})
        self.sent.append({"method": method, **params})
        self.arrived.set()
        chat_id = int(params["chat_id"])
        return {"message_id": len(self.sent), "date": 0, "chat": {"id": chat_id, "type": "private"},
                "text": params.get("text", "")}


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "samvad.db")
    yield database
    await database.close()


async def _settled(worker: DeliveryWorker) -> None:
    for _ in range(50):  # let the worker's tasks run to their end
        await asyncio.sleep(0.01)


async def test_a_call_owed_to_one_chat_wakes_that_chat_only_and_a_full_scan_finds_the_rest(db):
    clock, bot = AdjustableClock(), AnsweringBot()
    worker = DeliveryWorker(db, clock, bot, scan_interval=3600)
    outbox = Outbox(clock, worker.wake, wake_chat=worker.wake_chat)
    worker.start()
    try:
        await _settled(worker)  # the first look at every pending call: there is none yet
        async with db.transaction() as tx:  # owed without waking anyone (as a call left by another process)
            await outbox_store.enqueue(tx, method="sendMessage", params={"chat_id": RELIEF_COMMISSIONER,
                                       "text": "Left unwoken"}, purpose=Purpose.HELP, at=clock.now(),
                                       chat_id=RELIEF_COMMISSIONER)
        async with db.transaction() as tx:
            await outbox.send_message(tx, DISTRICT_OFFICER, "Your report is recorded.", purpose=Purpose.HELP)
        await asyncio.wait_for(bot.arrived.wait(), timeout=10)
        await _settled(worker)
        assert [call["text"] for call in bot.sent] == ["Your report is recorded."]

        worker.wake()  # a look at every pending call finds the other chat's
        await _settled(worker)
        assert [call["text"] for call in bot.sent] == ["Your report is recorded.", "Left unwoken"]
    finally:
        await worker.stop()
