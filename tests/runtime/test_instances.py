"""Instances on one database file: who polls, how a standby takes over, and how an instance id stays one run's.

Each Instance has a Database of its own on the same file, as separate processes would; the lease is
short (1 s) so that expiry can be waited out, and no figure here is a speed target.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from runtime.instances import Instance, InstanceIdInUse, StoppedWhileJoining
from storage import leases
from storage.database import Database
from storage.leases import Role
from tests.conftest import eventually

LEASE = timedelta(seconds=1)


@pytest.fixture
async def databases(tmp_path):
    opened = [await Database.open(tmp_path / "shared.db") for _ in range(3)]
    yield opened
    for db in opened:
        await db.close()


def _instance(db: Database, name: str, *, polling: bool = True) -> Instance:
    return Instance(db, name, shared=True, polling=polling, lease=LEASE)


async def test_one_instance_polls_and_the_others_stand_by(databases):
    a, b, c = (_instance(db, name) for db, name in zip(databases, ("bot-a", "bot-b", "bot-c"), strict=True))
    for instance in (a, b, c):
        await instance.join(asyncio.Event())
    try:
        assert [i.holds_poll_lease() for i in (a, b, c)] == [True, False, False]
        assert [i.role for i in (a, b, c)] == [Role.POLLER, Role.STANDBY, Role.STANDBY]
        rows = {row.instance_id: row.role for row in await leases.instances(databases[0])}
        assert rows == {"bot-a": Role.POLLER, "bot-b": Role.STANDBY, "bot-c": Role.STANDBY}
    finally:
        for instance in (a, b, c):
            await instance.leave()


async def test_a_standby_takes_over_when_the_poller_stops_renewing(databases):
    a, b = _instance(databases[0], "bot-a"), _instance(databases[1], "bot-b")
    await a.join(asyncio.Event())
    await b.join(asyncio.Event())
    try:
        assert a.holds_poll_lease() and not b.holds_poll_lease()
        await asyncio.sleep(2.5 * LEASE.total_seconds())
        assert a.holds_poll_lease() and not b.holds_poll_lease(), "a renewing poller keeps its lease"
        a._keep_alive.cancel()  # as if its process froze or died: it renews no more
        await eventually(lambda: _holds(b), timeout=3 * LEASE.total_seconds())
        held = await leases.lease(databases[2], leases.POLLER)
        assert held is not None and held.holder == "bot-b"
    finally:
        await b.leave()


async def _holds(instance: Instance) -> bool:
    return instance.holds_poll_lease()


async def test_an_instance_that_leaves_hands_the_lease_over_at_once(databases):
    a, b = _instance(databases[0], "bot-a"), _instance(databases[1], "bot-b")
    await a.join(asyncio.Event())
    await b.join(asyncio.Event())
    await a.leave()
    assert await leases.lease(databases[2], leases.POLLER) is None  # released, not left to expire
    assert await leases.instance(databases[2], "bot-a") is None
    try:
        await eventually(lambda: _holds(b), timeout=3 * LEASE.total_seconds())
    finally:
        await b.leave()


async def test_a_second_run_with_the_same_id_is_refused_while_the_first_runs(databases):
    first, second = _instance(databases[0], "bot-a"), _instance(databases[1], "bot-a")
    await first.join(asyncio.Event())
    try:
        with pytest.raises(InstanceIdInUse, match="SAMVAD_INSTANCE_ID"):
            await second.join(asyncio.Event())
    finally:
        await first.leave()


async def test_a_run_waiting_for_its_id_stops_when_asked(databases):
    first, second = _instance(databases[0], "bot-a"), _instance(databases[1], "bot-a")
    await first.join(asyncio.Event())
    stop = asyncio.Event()
    try:
        waiting = asyncio.create_task(second.join(stop))
        await asyncio.sleep(0.3)
        stop.set()
        with pytest.raises(StoppedWhileJoining):
            await asyncio.wait_for(waiting, timeout=2)
    finally:
        await first.leave()


async def test_a_restarted_run_takes_its_id_back_once_the_dead_run_has_expired(databases):
    dead, restarted = _instance(databases[0], "bot-a"), _instance(databases[1], "bot-a")
    await dead.join(asyncio.Event())
    dead._keep_alive.cancel()  # killed: it neither renews nor leaves
    await restarted.join(asyncio.Event())
    try:
        assert restarted.holds_poll_lease()  # its own id's lease: the dead run held it under the same id
    finally:
        await restarted.leave()


async def test_in_webhook_mode_every_instance_is_a_worker_and_none_polls(databases):
    a, b = _instance(databases[0], "bot-a", polling=False), _instance(databases[1], "bot-b", polling=False)
    await a.join(asyncio.Event())
    await b.join(asyncio.Event())
    try:
        assert (a.role, b.role) == (Role.WORKER, Role.WORKER)
        assert not a.holds_poll_lease() and not b.holds_poll_lease()
        assert await leases.lease(databases[2], leases.POLLER) is None
    finally:
        await a.leave()
        await b.leave()


async def test_a_poller_that_cannot_renew_stops_polling_before_its_lease_can_pass(databases):
    from unittest.mock import AsyncMock

    from storage.errors import StorageUnavailable

    a = _instance(databases[0], "bot-a")
    await a.join(asyncio.Event())
    assert a.holds_poll_lease()
    # The database becomes unwritable for this instance (a lost link): a failure injected, nothing else faked.
    a._db = AsyncMock(spec_set=Database, write=AsyncMock(side_effect=StorageUnavailable("shared.db", "locked")))
    await eventually(lambda: _stopped_polling(a), timeout=2 * LEASE.total_seconds())
    held = await leases.lease(databases[1], leases.POLLER)
    assert held is not None and held.expires_at > a.now(), "it stopped while the lease was still its own"
    a._db = databases[0]
    await a.leave()


async def _stopped_polling(instance: Instance) -> bool:
    return not instance.holds_poll_lease()
