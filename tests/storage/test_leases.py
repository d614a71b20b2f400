"""Leases, instance identities and chat claims: who polls, who is who, who handles which chat.

Two Database objects on one file stand for two instances (two connections, as two processes have).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from storage import inbox, leases
from storage.database import Database
from storage.leases import Role

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
TTL = timedelta(seconds=6)
KUTCH, SURAT = -1002000000001, -1002000000002


@pytest.fixture
async def pair(tmp_path):
    first = await Database.open(tmp_path / "shared.db")
    second = await Database.open(tmp_path / "shared.db")
    yield first, second
    await second.close()
    await first.close()


def _hold(db: Database, holder: str, at: datetime):
    return db.write(lambda unit: leases.hold_in(unit, leases.POLLER, holder, now=at, ttl=TTL))


async def test_one_instance_holds_the_poller_lease_until_it_expires(pair):
    a, b = pair
    assert await _hold(a, "bot-a", NOW) is True
    assert await _hold(b, "bot-b", NOW + timedelta(seconds=1)) is False
    assert await _hold(a, "bot-a", NOW + timedelta(seconds=2)) is True  # renewed: now until 0:08
    assert await _hold(b, "bot-b", NOW + timedelta(seconds=7)) is False
    assert await _hold(b, "bot-b", NOW + timedelta(seconds=8, milliseconds=1)) is True
    held = await leases.lease(a, leases.POLLER)
    assert held is not None and held.holder == "bot-b"
    assert held.acquired_at == NOW + timedelta(seconds=8, milliseconds=1)
    assert held.expires_at == NOW + timedelta(seconds=14, milliseconds=1)
    assert await _hold(a, "bot-a", NOW + timedelta(seconds=9)) is False  # the old holder does not get it back


async def test_a_released_lease_is_free_at_once_and_only_its_holder_releases_it(pair):
    a, b = pair
    assert await _hold(a, "bot-a", NOW)
    await b.write(lambda unit: leases.release_in(unit, leases.POLLER, "bot-b"))
    assert await _hold(b, "bot-b", NOW) is False
    await a.write(lambda unit: leases.release_in(unit, leases.POLLER, "bot-a"))
    assert await _hold(b, "bot-b", NOW) is True


async def test_only_one_of_many_racing_instances_gets_the_lease(pair):
    a, b = pair
    results = await asyncio.gather(*[_hold(a if n % 2 else b, f"bot-{n}", NOW) for n in range(10)])
    assert sorted(results) == [False] * 9 + [True]


async def test_a_second_run_of_an_instance_id_is_refused_while_the_first_renews(pair):
    a, b = pair

    def join(db, token, at, **kw):
        return db.write(lambda unit: leases.join_in(unit, "bot-a", token, Role.STANDBY, now=at, ttl=TTL, **kw))

    assert await join(a, "run-1", NOW)
    assert await join(b, "run-2", NOW + timedelta(seconds=3)) is False
    assert await join(a, "run-1", NOW + timedelta(seconds=4))  # renewed until 0:10
    assert await join(b, "run-2", NOW + timedelta(seconds=9)) is False
    assert await join(b, "run-2", NOW + timedelta(seconds=11))  # the first run died: its id is free
    row = await leases.instance(a, "bot-a")
    assert row is not None and row.started_at == NOW + timedelta(seconds=11) and row.role is Role.STANDBY
    assert await join(a, "run-3", NOW + timedelta(seconds=12), alone=True)  # alone: the file lock says so


async def test_leaving_frees_the_identity_the_lease_and_the_claims(pair):
    a, b = pair
    await a.write(lambda unit: leases.join_in(unit, "bot-a", "run-1", Role.POLLER, now=NOW, ttl=TTL))
    await _hold(a, "bot-a", NOW)
    await _store(a, [(1, KUTCH)])
    assert await a.write(lambda unit: inbox.claim_chats_in(unit, "bot-a", now=NOW, ttl=TTL)) == [KUTCH]
    await a.write(lambda unit: leases.leave_in(unit, "bot-a", "run-1"))
    assert await leases.instance(b, "bot-a") is None
    assert await _hold(b, "bot-b", NOW) is True
    assert await b.write(lambda unit: inbox.claim_chats_in(unit, "bot-b", now=NOW, ttl=TTL)) == [KUTCH]


def _store(db: Database, updates: list[tuple[int, int]]):
    pairs = [(update_id, f'{{"update_id": {update_id}}}') for update_id, _ in updates]
    keys = [chat for _, chat in updates]
    return db.write(lambda unit: inbox.store_in(unit, pairs, at=NOW, chat_keys=keys))


def _claim(db: Database, instance_id: str, at: datetime, chat_keys=None):
    return db.write(lambda unit: inbox.claim_chats_in(unit, instance_id, now=at, ttl=TTL, chat_keys=chat_keys))


async def test_a_chat_with_updates_waiting_is_claimed_by_one_instance_at_a_time(pair):
    a, b = pair
    await _store(a, [(1, KUTCH), (2, SURAT), (3, KUTCH)])
    assert await _claim(a, "bot-a", NOW, chat_keys=[KUTCH]) == [KUTCH]
    assert await _claim(b, "bot-b", NOW) == [SURAT]  # Kutch is held by bot-a
    assert await _claim(a, "bot-a", NOW) == [KUTCH]  # its own claim renews; Surat is bot-b's
    waiting = await a.write(lambda unit: inbox.waiting_in(unit, [KUTCH]))
    assert [item.update_id for item in waiting] == [1, 3]
    assert await inbox.claim_holders(a) == {KUTCH: "bot-a", SURAT: "bot-b"}


async def test_a_claim_not_renewed_passes_to_another_instance_and_a_renewed_one_does_not(pair):
    a, b = pair
    await _store(a, [(1, KUTCH), (2, SURAT)])
    assert sorted(await _claim(a, "bot-a", NOW)) == sorted([KUTCH, SURAT])
    assert await _claim(b, "bot-b", NOW + timedelta(seconds=5)) == []
    await a.write(lambda unit: inbox.renew_claims_in(unit, "bot-a", now=NOW + timedelta(seconds=5), ttl=TTL))
    assert await _claim(b, "bot-b", NOW + timedelta(seconds=7)) == []  # renewed until 0:11
    assert sorted(await _claim(b, "bot-b", NOW + timedelta(seconds=12))) == sorted([KUTCH, SURAT])


async def test_a_chat_with_nothing_waiting_is_not_claimed_and_a_claim_is_released_once_its_updates_are_handled(pair):
    a, b = pair
    items = await _store(a, [(1, KUTCH), (2, KUTCH)])
    assert await _claim(a, "bot-a", NOW) == [KUTCH]
    first, second = items

    def mark_and_release(unit, outcome):
        inbox.mark_in(unit, [outcome], at=NOW)
        inbox.release_idle_claims_in(unit, "bot-a", [KUTCH])

    await a.write(lambda unit: mark_and_release(unit, inbox.Outcome(first.inbox_id)))
    assert await inbox.claim_holders(a) == {KUTCH: "bot-a"}  # update 2 still waits: the claim stays
    await a.write(lambda unit: mark_and_release(unit, inbox.Outcome(second.inbox_id)))
    assert await inbox.claim_holders(a) == {}
    assert await _claim(b, "bot-b", NOW) == []  # nothing waits in Kutch


async def test_claims_are_given_oldest_waiting_chat_first_up_to_the_limit(pair):
    a, _ = pair
    await _store(a, [(1, SURAT), (2, KUTCH), (3, -5), (4, SURAT)])
    claimed = await a.write(lambda unit: inbox.claim_chats_in(unit, "bot-a", now=NOW, ttl=TTL, limit=2))
    assert sorted(claimed) == sorted([SURAT, KUTCH])


class _PostgresUnit:
    """The few Unit calls these statements use, on a plain psycopg connection (until storage/ has its twin).

    It translates the `?` placeholders as the PostgreSQL dialect layer does, to check that the SQL is portable.
    """

    def __init__(self, connection) -> None:
        self._connection = connection

    def _run(self, sql: str, params):
        if sql.startswith("INSERT OR IGNORE"):  # the inbox's own insert (storage/inbox.py, before this change)
            sql = sql.replace("INSERT OR IGNORE", "INSERT", 1) + " ON CONFLICT DO NOTHING"
        return self._connection.execute(sql.replace("?", "%s"), tuple(params))

    def execute(self, sql: str, params=()) -> int:
        self._run(sql, params)
        return 0

    def execute_counting(self, sql: str, params=()) -> int:
        return self._run(sql, params).rowcount

    def executemany(self, sql: str, rows) -> None:
        with self._connection.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), [tuple(row) for row in rows])

    def execute_soon(self, sql: str, params=(), *, then=None) -> None:
        cursor = self._run(sql, params)
        row = cursor.fetchone() if cursor.description else None
        if then is not None:
            then(row)

    def fetchone(self, sql: str, params=()):
        return self._run(sql, params).fetchone()

    def fetchall(self, sql: str, params=()):
        return self._run(sql, params).fetchall()


@pytest.fixture
async def postgres_units(postgres_url):
    import psycopg
    from psycopg.rows import dict_row

    from storage import postgres

    connection = await postgres.connect(postgres_url)
    try:
        await postgres.migrate(connection)
    finally:
        await connection.close()
    first = psycopg.connect(postgres_url, autocommit=True, row_factory=dict_row)
    second = psycopg.connect(postgres_url, autocommit=True, row_factory=dict_row)
    yield _PostgresUnit(first), _PostgresUnit(second)
    first.close()
    second.close()


def test_the_same_statements_hold_leases_identities_and_claims_on_postgresql(postgres_units):
    a, b = postgres_units
    assert leases.hold_in(a, leases.POLLER, "bot-a", now=NOW, ttl=TTL)
    assert not leases.hold_in(b, leases.POLLER, "bot-b", now=NOW + timedelta(seconds=5), ttl=TTL)
    assert leases.hold_in(b, leases.POLLER, "bot-b", now=NOW + timedelta(seconds=7), ttl=TTL)
    assert leases.join_in(a, "bot-a", "run-1", Role.POLLER, now=NOW, ttl=TTL)
    assert not leases.join_in(b, "bot-a", "run-2", Role.STANDBY, now=NOW, ttl=TTL)
    assert leases.join_in(b, "bot-a", "run-2", Role.STANDBY, now=NOW, ttl=TTL, alone=True)
    assert leases.live_peers_in(a, "bot-b", now=NOW) == 1

    pairs = [(1, '{"update_id": 1}'), (2, '{"update_id": 2}'), (3, '{"update_id": 3}')]
    items = inbox.store_in(a, pairs, at=NOW, chat_keys=[KUTCH, SURAT, KUTCH])
    assert [item.update_id for item in items] == [1, 2, 3]
    assert inbox.claim_chats_in(a, "bot-a", now=NOW, ttl=TTL, chat_keys=[KUTCH]) == [KUTCH]
    assert inbox.claim_chats_in(b, "bot-b", now=NOW, ttl=TTL) == [SURAT]
    assert [item.update_id for item, _ in inbox.waiting_by_chat_in(a, [KUTCH])] == [1, 3]
    assert inbox.renew_claims_in(a, "bot-a", now=NOW, ttl=TTL) == 1
    inbox.mark_in(a, [inbox.Outcome(items[0].inbox_id), inbox.Outcome(items[2].inbox_id)], at=NOW)
    inbox.release_idle_claims_in(a, "bot-a", [KUTCH])
    assert inbox.claim_chats_in(b, "bot-b", now=NOW + timedelta(seconds=7), ttl=TTL) == [SURAT]
    leases.leave_in(b, "bot-a", "run-2")
    assert not leases.hold_in(a, leases.POLLER, "bot-a", now=NOW + timedelta(seconds=8), ttl=TTL)  # bot-b's
