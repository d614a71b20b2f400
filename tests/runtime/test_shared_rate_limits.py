"""Telegram's sending limits are the bot's: two instances on one database together keep to them.

Expected slots are worked by hand from the limits (20 messages a minute in a group: the first 20 at once,
then one every 3 s; 30 a second overall: then one every 1/30 s), never read back from the code.
"""

from __future__ import annotations

from typing import Any

import pytest

from runtime.ratelimit import SendingRateLimiter
from storage import rate_limits
from storage.backend import open_database
from storage.database import Database
from storage.rate_limits import Limit

GROUP = -1001000000001
OFFICER = 700000003
START = 1_780_000_000.0  # a wall-clock time, seconds since the epoch


@pytest.fixture(params=["sqlite", "postgresql"])
async def two_connections(request, tmp_path):
    """Two instances' connections to one database: an SQLite file, or a PostgreSQL server (where a group's
    two slots are reserved in one statement)."""
    if request.param == "sqlite":
        first: Database = await Database.open(tmp_path / "samvad.db")
        second: Database = await Database.open(tmp_path / "samvad.db")
    else:
        url = request.getfixturevalue("migrated_postgres_url")
        first, second = await open_database(url), await open_database(url)
    yield first, second
    await first.close()
    await second.close()


async def test_a_groups_limit_is_shared_by_two_instances(two_connections):
    group = Limit(f"group:{GROUP}", 20, 60.0)
    slots = []
    for number in range(25):  # the instances take turns, all at the same moment
        db = two_connections[number % 2]
        slots.append(await db.write(lambda unit: rate_limits.reserve_in(unit, [group], now=START)))
    assert [slot - START for slot in slots] == [0.0] * 20 + [3.0, 6.0, 9.0, 12.0, 15.0]


async def test_the_overall_limit_counts_from_when_the_group_allows_a_message(two_connections):
    group, overall = Limit(f"group:{GROUP}", 20, 60.0), Limit("overall", 30, 1.0)
    first, second = two_connections
    for _ in range(20):
        await first.write(lambda unit: rate_limits.reserve_in(unit, [group, overall], now=START))
    # 20 to the group at START: the 21st waits 3 s for the group; the overall bucket has long drained by then.
    later = await second.write(lambda unit: rate_limits.reserve_in(unit, [group, overall], now=START))
    assert later - START == pytest.approx(3.0)
    # The overall bucket holds 30 and the 21st group message took one at START + 3: of 30 private messages
    # then, 29 go at once and the 30th waits 1/30 s.
    private = [await first.write(lambda unit: rate_limits.reserve_in(unit, [overall], now=START + 3.0))
               for _ in range(30)]
    assert [slot - START - 3.0 for slot in private] == pytest.approx([0.0] * 29 + [1 / 30], abs=1e-5)


async def test_telegrams_wait_holds_every_instance(two_connections):
    overall = Limit("overall", 30, 1.0)
    first, second = two_connections
    await first.write(lambda unit: rate_limits.pause_in(unit, [overall], until=START + 5.0))
    slot = await second.write(lambda unit: rate_limits.reserve_in(unit, [overall], now=START))
    assert slot - START == pytest.approx(5.0)


async def test_two_limiters_on_one_database_hold_a_group_to_twenty_messages_a_minute(two_connections):
    waited: list[float] = []

    async def note_sleep(seconds: float) -> None:
        waited.append(round(seconds, 6))

    limiters = []
    for db in two_connections:
        limiter = SendingRateLimiter(overall_max_rate=30, group_max_rate=20,
                                     wall_clock=lambda: START, sleep=note_sleep)  # waits noted, not slept
        limiter.share_through(db)
        limiters.append(limiter)

    async def send(**_: Any) -> dict[str, Any]:
        return {"message_id": 1}

    for number in range(25):
        await limiters[number % 2].process_request(send, (), {}, "sendMessage", {"chat_id": GROUP, "text": "x"}, None)
    # A deletion posts nothing: it waits for neither limit, however full the group's.
    await limiters[0].process_request(send, (), {}, "deleteMessage", {"chat_id": GROUP, "message_id": 5}, None)
    assert waited == [3.0, 6.0, 9.0, 12.0, 15.0]


async def test_a_groups_messages_wait_for_the_group_then_the_overall_limit(two_connections):
    # A group allowing 2 a second (burst 2, then one every 0.5 s) and an overall limit of 4 a second (burst 4,
    # then one every 0.25 s), both instances sending at START: slots worked by hand. The group lets 2 go at
    # once, then one at +0.5, +1.0, +1.5; the overall limit has room for each of them when the group allows it.
    group, overall = Limit(f"group:{GROUP}", 2, 1.0), Limit("overall", 4, 1.0)
    slots = [await two_connections[number % 2].write(
        lambda unit: rate_limits.reserve_in(unit, [group, overall], now=START)) for number in range(5)]
    assert [slot - START for slot in slots] == pytest.approx([0.0, 0.0, 0.5, 1.0, 1.5], abs=1e-6)
    # Private messages at START take the overall bucket: it holds 4 and five group messages have taken a
    # slot each (their arrival times spread to +1.75), so a private message waits until +1.0 (1.75 + 0.25 - 1).
    private = await two_connections[0].write(lambda unit: rate_limits.reserve_in(unit, [overall], now=START))
    assert private - START == pytest.approx(1.0, abs=1e-6)
    # Another group's first message, at START: its group allows it at once, but the overall bucket is full
    # (its arrival time is +2.0 now): it goes at +1.25 (2.0 + 0.25 - 1).
    other = Limit(f"group:{GROUP - 1}", 2, 1.0)
    slot = await two_connections[1].write(lambda unit: rate_limits.reserve_in(unit, [other, overall], now=START))
    assert slot - START == pytest.approx(1.25, abs=1e-6)
