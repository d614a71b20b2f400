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
