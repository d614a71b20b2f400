"""`samvad health`: healthy while the bot beats, unhealthy when it has stopped or never ran."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from pydantic import SecretStr

from bot.health import check_health
from tests.conftest import eventually, make_settings


async def test_a_running_bot_is_healthy_and_a_silent_one_is_not(bot, settings, clock):
    async def healthy():
        ok, _ = await check_health(settings, now=clock.now())
        return ok

    await eventually(healthy)
    ok, reason = await check_health(settings, now=clock.now() + timedelta(minutes=10))
    assert not ok
    assert "not running" in reason


async def test_no_database_means_not_healthy(tmp_path, sandbox):
    # On SQLite in both passes (database_url=None): PostgreSQL's case is the test below.
    settings = make_settings(tmp_path, sandbox, db_path=tmp_path / "absent.db", database_url=None)
    ok, reason = await check_health(settings, now=datetime.now(UTC))
    assert not ok
    assert "no database" in reason


@pytest.mark.parametrize("where", ["database that does not exist", "server not running"])
async def test_no_postgresql_database_means_not_healthy_naming_it_without_its_password(
    tmp_path, sandbox, postgres_server, where
):
    if where == "server not running":
        url = f"postgresql://samvad:s3cret-pw@/samvad?host={tmp_path}&port=5432"  # no server's socket there
        expected = [f"postgresql://samvad@{tmp_path}:5432/samvad", f'socket "{tmp_path}/.s.PGSQL.5432" failed']
    else:
        url = postgres_server.url("absent").replace("postgres@", "postgres:s3cret-pw@")
        expected = ['database "absent" does not exist']
    settings = make_settings(tmp_path, sandbox, database_url=SecretStr(url))
    ok, reason = await check_health(settings, now=datetime.now(UTC))
    assert not ok
    assert reason.startswith("database postgresql://") and "cannot be opened" in reason, reason
    assert all(part in reason for part in expected), reason
    assert reason.count("postgresql://") == 1, reason  # named once, not again by the storage error inside
    assert "s3cret-pw" not in reason


async def test_health_names_the_instance_and_its_role(bot, settings, clock):
    ok, reason = await eventually(lambda: _health(settings, clock.now()))
    assert f"instance {settings.instance_name} is poller" in reason


async def test_with_a_shared_database_health_reports_each_instance_as_poller_or_standby(tmp_path, sandbox, clock):
    from contextlib import AsyncExitStack

    from bot.runner import running_bot

    first = make_settings(tmp_path, sandbox, shared_database=True, instance_id="bot-a")
    second = make_settings(tmp_path, sandbox, shared_database=True, instance_id="bot-b")
    async with AsyncExitStack() as stack:
        await stack.enter_async_context(running_bot(first, clock=clock))
        async with running_bot(second, clock=clock):
            ok, reason = await check_health(first, now=datetime.now(UTC))
            assert ok and reason.startswith("ok: instance bot-a is poller"), reason
            assert "other live instances: bot-b standby" in reason
            ok, reason = await check_health(second, now=datetime.now(UTC))
            assert ok and reason.startswith("ok: instance bot-b is standby"), reason
        ok, reason = await check_health(second, now=datetime.now(UTC))
        assert not ok and reason == "instance bot-b is not running (live instances: bot-a poller)"


async def _health(settings, now):
    ok, reason = await check_health(settings, now=now)
    return (ok, reason) if ok else None
