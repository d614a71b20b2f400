"""Two instances tick one database's deadlines: each due task runs once, and a dead instance's task runs elsewhere.

The instances are two schedulers (and two checkpointers), each with its own connections to one SQLite file,
as two processes would have.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from runtime.checkpointing import Checkpointer
from runtime.clock import AdjustableClock
from runtime.outbox import Outbox
from runtime.scheduler import Scheduler
from runtime.settings import Settings
from runtime.signing import KeySigner
from storage import journal
from storage import tasks as task_store
from storage.database import Database
from storage.tasks import Task

REMINDERS = 30


@pytest.fixture
async def two_connections(tmp_path):
    first = await Database.open(tmp_path / "samvad.db")
    second = await Database.open(tmp_path / "samvad.db")
    yield first, second
    await first.close()
    await second.close()


async def _schedule_reminders(db: Database, clock: AdjustableClock, count: int) -> None:
    async with db.transaction() as tx:
        for number in range(count):
            await task_store.schedule(tx, kind="reminder", payload={"n": number}, due_at=clock.now(),
                                      dedupe_key=f"reminder:{number}")


async def test_two_instances_run_each_due_task_once(two_connections):
    clock = AdjustableClock()
    ran: list[tuple[str, int]] = []
    schedulers = []
    for db, name in zip(two_connections, ("district-office", "state-data-centre"), strict=True):
        scheduler = Scheduler(db, clock, instance=name)

        async def remind(task: Task, _context: object, name: str = name) -> None:
            await asyncio.sleep(0.001)  # the other instance ticks meanwhile
            ran.append((name, task.payload["n"]))

        scheduler.register("reminder", remind)
        schedulers.append(scheduler)
    await _schedule_reminders(two_connections[0], clock, REMINDERS)

    for _ in range(3):  # both tick at once, again and again, as their job queues do
        await asyncio.gather(*(scheduler.tick(None) for scheduler in schedulers))  # type: ignore[arg-type]

    assert sorted(number for _, number in ran) == list(range(REMINDERS))  # each reminder once
    assert {name for name, _ in ran} == {"district-office", "state-data-centre"}  # both took a share
    assert await task_store.pending(two_connections[0], kind="reminder") == []


async def test_a_task_claimed_by_an_instance_that_died_runs_elsewhere_once_the_claim_lapses(two_connections):
    first_db, second_db = two_connections
    clock = AdjustableClock()
    await _schedule_reminders(first_db, clock, 1)
    claimed = await task_store.claim_due(first_db, now=clock.now(), holder="district-office",
                                         until=clock.now() + timedelta(seconds=60))
    assert [task.payload for task in claimed] == [{"n": 0}]  # ... and the district office loses power

    ran: list[int] = []
    survivor = Scheduler(second_db, clock, instance="state-data-centre", claim_seconds=60)

    async def remind(task: Task, _context: object) -> None:
        ran.append(task.payload["n"])

    survivor.register("reminder", remind)
    await survivor.tick(None)  # type: ignore[arg-type]
    assert ran == []  # still claimed: it may yet be running there
    clock.advance(timedelta(seconds=61))
    await survivor.tick(None)  # type: ignore[arg-type]
    await survivor.tick(None)  # type: ignore[arg-type]
    assert ran == [0]


async def test_a_stopping_instance_lets_go_of_tasks_it_claimed_but_did_not_run(two_connections):
    first_db, second_db = two_connections
    clock = AdjustableClock()
    await _schedule_reminders(first_db, clock, 2)
    stopping = Scheduler(first_db, clock, instance="district-office")
    await task_store.claim_due(first_db, now=clock.now(), holder=stopping.instance,
                               until=clock.now() + timedelta(seconds=60))
    await stopping.release()
    taken = await task_store.claim_due(second_db, now=clock.now(), holder="state-data-centre",
                                       until=clock.now() + timedelta(seconds=60))
    assert [task.payload["n"] for task in taken] == [0, 1]


async def test_one_instance_at_a_time_signs_checkpoints(two_connections, tmp_path):
    clock = AdjustableClock()
    settings = Settings(_env_file=None, db_path=tmp_path / "samvad.db", checkpoint_every_entries=1,
                        claim_seconds=60)
    signer = KeySigner(Ed25519PrivateKey.generate())
    checkpointers = [
        Checkpointer(db, clock, signer, Outbox(clock, lambda: None), settings, instance=name)
        for db, name in zip(two_connections, ("district-office", "state-data-centre"), strict=True)
    ]

    async def record(text: str) -> None:
        async with two_connections[0].transaction() as tx:
            await journal.append(tx, kind="message", body={"text": text}, at=clock.now())

    await record("Cyclone Biparjoy: landfall expected near Jakhau tonight")
    signed = await asyncio.gather(*(checkpointer.tick() for checkpointer in checkpointers))
    assert len([checkpoint for checkpoint in signed if checkpoint is not None]) == 1
    signer_instance = 0 if signed[0] is not None else 1

    await record("Shelters open in Abdasa and Mandvi talukas")
    assert await checkpointers[1 - signer_instance].tick() is None  # the other has the turn while alive
    assert await checkpointers[signer_instance].tick() is not None

    await record("Relief material dispatched from Bhuj")
    clock.advance(timedelta(seconds=61))  # the instance with the turn has not come back for it
    assert await checkpointers[1 - signer_instance].tick() is not None
