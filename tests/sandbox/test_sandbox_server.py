"""SandboxServer's life: addresses, the token, and a prompt stop while clients still wait."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import pytest

from sandbox.server import SandboxServer, bot_id_from_token

TOKEN = "123456:SANDBOX-token"


def test_bot_id_comes_from_the_token():
    assert bot_id_from_token("987654321:AAE-secret") == 987654321
    for bad in ("abc", "12:", ":secret", "x1:secret"):
        with pytest.raises(ValueError):
            bot_id_from_token(bad)


async def test_addresses(spec):
    server = SandboxServer(token=TOKEN, spec=spec, bot_username="samvad_test_bot")
    with pytest.raises(RuntimeError):
        server.base_url
    async with server:
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.api_base_url == f"{server.base_url}/bot"
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{server.api_base_url}{TOKEN}/getMe") as response:
                me = (await response.json())["result"]
        assert (me["id"], me["username"], me["is_bot"]) == (123456, "samvad_test_bot", True)


async def test_stop_ends_long_polls_and_event_streams_at_once(spec):
    server = SandboxServer(token=TOKEN, spec=spec)
    await server.start()
    async with aiohttp.ClientSession() as session:
        stream = await session.get(f"{server.base_url}/sandbox/events")
        poll = asyncio.create_task(session.post(f"{server.api_base_url}{TOKEN}/getUpdates", json={"timeout": 30}))
        await asyncio.sleep(0.2)
        started = time.monotonic()
        await server.stop()
        assert time.monotonic() - started < 2
        answer = await poll
        assert (answer.status, await answer.json()) == (200, {"ok": True, "result": []})
        stream.close()
