"""`samvad health`: healthy while the bot beats, unhealthy when it has stopped or never ran."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


    settings = make_settings(tmp_path, sandbox, db_path=tmp_path / "absent.db")
    ok, reason = await check_health(settings, now=datetime.now(UTC))
    assert not ok
    assert "no database" in reason


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
