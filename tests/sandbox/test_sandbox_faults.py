"""Fault switches: Telegram's 429 limits, 500s, slow answers and dropped connections."""

from __future__ import annotations

import time

import aiohttp
import pytest
from telegram.error import NetworkError, RetryAfter, TimedOut

from sandbox.client import SandboxError
from sandbox.faults import Faults, FaultSettings

# PTB itself reads RetryAfter.retry_after, which warns about its future type.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def test_group_limit_answers_429_with_retry_after(bot, client, office, raw):
    await client.set_faults(rate_limit=True, group_per_minute=3, retry_after=7)
    for n in range(3):
        await bot.send_message(office.chat_id, f"notice {n}")
    with pytest.raises(RetryAfter, match="Retry in 7"):
        await bot.send_message(office.chat_id, "one too many")
    status, body = await raw.call("sendMessage", {"chat_id": office.chat_id, "text": "again"})
    assert (status, body) == (429, {
        "ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    })  # fmt: skip
    await bot.get_chat(office.chat_id)  # reading is not limited
    stats = await client.stats()
    assert stats["errors"]["429"] == 2 and stats["calls"]["sendMessage"] == 5


async def test_global_limit_counts_every_chat(bot, client, office):
    await client.start_bot(office.ravi["id"])
    await client.set_faults(rate_limit=True, global_per_second=2)
    await bot.send_message(office.chat_id, "one")
    await bot.send_message(office.ravi["id"], "two")
    with pytest.raises(RetryAfter):
        await bot.send_message(office.chat_id, "three")


async def test_reset_lifts_the_limits(bot, client, office):
    await client.set_faults(rate_limit=True, group_per_minute=1)
    await bot.send_message(office.chat_id, "one")
    await client.reset_faults()
    await bot.send_message(office.chat_id, "two")


async def test_internal_errors_for_the_named_methods_only(bot, client, office):
    await client.set_faults(error_500_rate=1.0, methods=["sendMessage"])
    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(office.chat_id, "hello")
    await bot.get_chat(office.chat_id)
    assert (await client.messages(office.chat_id))[-1].get("text") != "hello"  # nothing was sent


async def test_slow_answers_take_their_time(bot, client, office):
    await client.set_faults(slow_rate=1.0, slow_seconds=0.5, methods=["getChat"])
    started = time.monotonic()
    await bot.get_chat(office.chat_id)
    assert time.monotonic() - started >= 0.5


async def test_dropped_connection_gives_no_answer_and_no_message(bot, client, office):
    await client.set_faults(drop_rate=1.0, methods=["sendMessage"])
    with pytest.raises((NetworkError, TimedOut)):
        await bot.send_message(office.chat_id, "lost")
    assert await client.bot_messages(office.chat_id) == []


def test_rates_are_probabilities_repeatable_with_a_seed():
    def outcomes(seed: int) -> list[bool]:
        faults = Faults()
        faults.configure(FaultSettings(error_500_rate=0.3, seed=seed))
        return [faults.judge("sendMessage", 1).error is not None for _ in range(1000)]

    first = outcomes(seed=5)
    assert first == outcomes(seed=5)
    assert 230 < sum(first) < 370


def test_rate_limit_window_slides():
    now = [100.0]
    faults = Faults(clock=lambda: now[0])
    faults.configure(FaultSettings(rate_limit=True, group_per_minute=2))
    assert [faults.judge("sendMessage", -100).error for _ in range(2)] == [None, None]
    assert faults.judge("sendMessage", -100).error.code == 429
    now[0] += 60.5
    assert faults.judge("sendMessage", -100).error is None


async def test_unknown_fault_setting_is_refused(server):
    async with aiohttp.ClientSession() as session:
        async with session.put(f"{server.base_url}/sandbox/faults", json={"chaos": 1}) as response:
            assert response.status == 400
            assert "chaos" in (await response.json())["description"]


@pytest.mark.parametrize(
    ("settings", "named"),
    [({"error_500_rate": 1.5}, "error_500_rate"), ({"retry_after": "soon"}, "retry_after"), ({"methods": "sendMessage"}, "methods")],
)
async def test_nonsense_settings_are_refused(client, settings, named):
    with pytest.raises(SandboxError, match=named):
        await client.set_faults(**settings)
