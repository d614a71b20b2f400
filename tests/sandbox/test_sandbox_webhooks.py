"""Webhook delivery: each update posted in order with the secret, and kept until the webhook takes it."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web

from sandbox.client import SandboxError
from tests.sandbox.conftest import Office


class _Receiver:
    """A webhook endpoint that fails its first `failures` calls, then takes what it is given."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.calls: list[tuple[str | None, dict]] = []
        self.taken: list[dict] = []
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def _hook(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.calls.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), update))
        if self.failures:
            self.failures -= 1
            return web.Response(status=500)
        self.taken.append(update)
        return web.Response(text="ok")

    async def __aenter__(self) -> _Receiver:
        app = web.Application()
        app.router.add_post("/hook", self._hook)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hook"
        return self

    async def __aexit__(self, *exc) -> None:
        assert self._runner is not None
        await self._runner.cleanup()


def _texts(updates: list[dict]) -> list[str]:
    return [u["message"]["text"] for u in updates if "text" in u.get("message", {})]


async def _until(check, timeout: float = 10.0):
    async with asyncio.timeout(timeout):
        while not (result := check()):
            await asyncio.sleep(0.05)
    return result


async def test_updates_are_posted_in_order_with_the_secret_and_leave_the_queue(bot, client, office: Office):
    await bot.set_webhook("https://samvad.example.org/hook", secret_token="s3cret-token")
    async with _Receiver() as receiver:
        await client.forward_webhook(receiver.url)
        for text in ("first", "second", "third"):
            await client.send_message(office.chat_id, office.ravi["id"], text)
        await _until(lambda: len(_texts(receiver.taken)) >= 3)
        texts = _texts(receiver.taken)
        assert texts == ["first", "second", "third"]
        assert {secret for secret, _ in receiver.calls} == {"s3cret-token"}
        assert await client.pending_updates() == 0


async def test_an_update_the_webhook_refuses_is_posted_again_until_taken(bot, client, office: Office):
    await bot.set_webhook("https://samvad.example.org/hook")
    async with _Receiver(failures=2) as receiver:
        await client.forward_webhook(receiver.url)
        posted = await client.send_message(office.chat_id, office.ravi["id"], "Shelter at Jakhau is full.")
        await _until(lambda: any(u.get("message", {}).get("message_id") == posted["message_id"] for u in receiver.taken))
        info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.pending_update_count == 0
    delivered = [u for u in receiver.taken if u.get("message", {}).get("message_id") == posted["message_id"]]
    assert len(delivered) == 1


async def test_nothing_is_posted_while_no_proxy_forwards_the_webhook_and_updates_wait(bot, client, office: Office):
    await bot.set_webhook("https://samvad.example.org/hook")
    await client.send_message(office.chat_id, office.ravi["id"], "Waiting for the proxy.")
    await asyncio.sleep(0.3)
    info = await bot.get_webhook_info()
    assert info.pending_update_count >= 1
    assert info.last_error_message is None


async def test_an_unreachable_webhook_is_reported_and_the_update_kept(bot, client, office: Office):
    await bot.set_webhook("https://samvad.example.org/hook")
    async with _Receiver() as receiver:
        closed_url = receiver.url
    await client.forward_webhook(closed_url)
    await client.send_message(office.chat_id, office.ravi["id"], "Nobody is listening.")
    info = await _until_info(bot, lambda i: i.last_error_message)
    assert info.last_error_message == "Connection refused"
    assert info.pending_update_count >= 1


async def _until_info(bot, check, timeout: float = 10.0):
    async with asyncio.timeout(timeout):
        while True:
            info = await bot.get_webhook_info()
            if check(info):
                return info
            await asyncio.sleep(0.1)


@pytest.mark.parametrize("url", ["ftp://example.org/hook", "samvad"])
async def test_forwarding_needs_an_http_address(client, url):
    with pytest.raises(SandboxError, match="http"):
        await client.forward_webhook(url)
