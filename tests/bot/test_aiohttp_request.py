"""The aiohttp transport of Bot API calls, against a small local HTTP server (no network).

A real `telegram.Bot` makes the calls, so what is checked is what the bot's code sees: PTB's own errors
(TimedOut, NetworkError, BadRequest, RetryAfter) and the parameters and files as the server received them.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import telegram
from aiohttp import web
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from bot.aiohttp_request import AiohttpRequest

TOKEN = "123456:TEST-transport"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class FakeBotApi:
    """An HTTP server answering /bot<token>/<method> with whatever the test's handler says."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.received: list[tuple[str, str, dict[str, object]]] = []  # (method, path, fields)
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        fields: dict[str, object] = {}
        if request.content_type == "multipart/form-data":
            async for part in await request.multipart():
                body = await part.read()
                fields[part.name or ""] = (part.filename, body) if part.filename else body.decode()
        elif request.content_type == "application/json":
            fields = dict(await request.json())
        elif request.can_read_body:
            fields = dict(await request.post())
        self.received.append((request.method, request.path, fields))
        return await self.handler(request)

    async def __aenter__(self) -> FakeBotApi:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"


def ok(result: object) -> web.Response:
    return web.json_response({"ok": True, "result": result})


ME = {"id": 123456, "is_bot": True, "first_name": "Samvad", "username": "samvad_bot"}
MESSAGE = {"message_id": 7, "date": 0, "chat": {"id": -100, "type": "supergroup", "title": "G"}, "text": "hi"}


def bot_for(api: FakeBotApi | str, **request_options: float | int) -> telegram.Bot:
    base_url = api if isinstance(api, str) else api.base_url
    return telegram.Bot(
        TOKEN, base_url=base_url, request=AiohttpRequest(**request_options),  # type: ignore[arg-type]
        get_updates_request=AiohttpRequest(connection_pool_size=1),
    )


@pytest.fixture
async def answering() -> AsyncIterator[FakeBotApi]:
    async def handler(request: web.Request) -> web.StreamResponse:
        method = request.path.rsplit("/", 1)[-1]
        return ok(ME if method == "getMe" else MESSAGE if method.startswith("send") else [])

    async with FakeBotApi(handler) as api:
        yield api


async def test_a_call_sends_its_parameters_as_a_json_object_and_reads_the_answer(answering: FakeBotApi) -> None:
    async with bot_for(answering) as bot:
        sent = await bot.send_message(-100, "નમસ્તે & hello", reply_to_message_id=3,
                                      reply_markup=telegram.InlineKeyboardMarkup.from_button(
                                          telegram.InlineKeyboardButton("✅ Acknowledge", callback_data="ack:1")))
    assert sent.message_id == 7 and sent.text == "hi"
    method, path, fields = answering.received[-1]
    assert (method, path) == ("POST", f"/bot{TOKEN}/sendMessage")
    # each value as a form field would carry it: numbers and objects in their JSON spelling, text as it is
    assert fields["chat_id"] == "-100" and fields["text"] == "નમસ્તે & hello"
    assert json.loads(fields["reply_markup"]) == {
        "inline_keyboard": [[{"text": "✅ Acknowledge", "callback_data": "ack:1"}]]}


async def test_get_updates_goes_over_its_own_connection(answering: FakeBotApi) -> None:
    async with bot_for(answering) as bot:
        assert await bot.get_updates(offset=5, timeout=0) == ()
    assert answering.received[-1][1] == f"/bot{TOKEN}/getUpdates"
    assert answering.received[-1][2]["offset"] == "5"


async def test_a_file_goes_up_as_multipart_with_its_name(answering: FakeBotApi) -> None:
    async with bot_for(answering) as bot:
        await bot.send_document(-100, document=b"col1,col2\n1,2\n", filename="export.csv", caption="Export")
    _, path, fields = answering.received[-1]
    assert path == f"/bot{TOKEN}/sendDocument"
    assert fields["caption"] == "Export" and fields["chat_id"] == "-100"
    uploaded = [value for value in fields.values() if isinstance(value, tuple)]
    assert uploaded == [("export.csv", b"col1,col2\n1,2\n")]


async def test_a_bot_api_error_comes_back_as_ptbs_error() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.path.endswith("getMe"):
            return ok(ME)
        return web.json_response(
            {"ok": False, "error_code": 400, "description": "Bad Request: message to reply not found"}, status=400
        )

    async with FakeBotApi(handler) as api, bot_for(api) as bot:
        with pytest.raises(BadRequest, match="(?i)message to reply not found"):
            await bot.send_message(-100, "x")


@pytest.mark.filterwarnings("ignore:.*retry_after")
async def test_too_many_requests_comes_back_as_retry_after() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.path.endswith("getMe"):
            return ok(ME)
        return web.json_response({"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 7",
                                  "parameters": {"retry_after": 7}}, status=429)

    async with FakeBotApi(handler) as api, bot_for(api) as bot:
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(-100, "x")
    assert raised.value.retry_after in (7, 7.0) or raised.value.retry_after.total_seconds() == 7


async def test_an_answer_slower_than_the_read_timeout_is_timed_out() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        if request.path.endswith("getMe"):
            return ok(ME)
        await asyncio.sleep(1)
        return ok(MESSAGE)

    async with FakeBotApi(handler) as api, bot_for(api, read_timeout=0.2) as bot:
        with pytest.raises(TimedOut):
            await bot.send_message(-100, "x")


async def test_a_call_waiting_longer_than_the_pool_timeout_for_a_connection_is_timed_out_unsent() -> None:
    release = asyncio.Event()

    async def handler(request: web.Request) -> web.StreamResponse:
        if not request.path.endswith("getMe"):
            await release.wait()
        return ok(ME if request.path.endswith("getMe") else MESSAGE)

    async with FakeBotApi(handler) as api, bot_for(api, connection_pool_size=1, pool_timeout=0.2, connect_timeout=0.1) as bot:
        first = asyncio.create_task(bot.send_message(-100, "first"))
        while len(api.received) < 2:  # getMe, then the first message holds the only connection
            await asyncio.sleep(0.01)
        with pytest.raises(TimedOut):
            await bot.send_message(-100, "second")
        release.set()
        assert (await first).message_id == 7
    assert [fields.get("text") for _, _, fields in api.received[1:]] == ["first"]


async def test_a_refused_connection_is_a_network_error_not_a_timeout() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again below: nothing listens there
    request = AiohttpRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError) as raised:
            await request.do_request(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe", "POST")
        assert not isinstance(raised.value, TimedOut)
    finally:
        await request.shutdown()


async def test_a_connection_dropped_before_the_answer_is_a_network_error() -> None:
    async def handler(request: web.Request) -> web.StreamResponse:
        assert request.transport is not None
        request.transport.close()
        await asyncio.sleep(0.1)
        return ok(ME)

    async with FakeBotApi(handler) as api:
        request = AiohttpRequest()
        await request.initialize()
        try:
            with pytest.raises(NetworkError) as raised:
                await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
            assert not isinstance(raised.value, TimedOut)
        finally:
            await request.shutdown()


async def test_a_proxy_in_the_environment_carries_the_calls(monkeypatch: pytest.MonkeyPatch,
                                                           answering: FakeBotApi) -> None:
    """The address is one that cannot resolve: only the (local) proxy can answer for it."""
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{answering.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with bot_for("http://api.telegram.invalid/bot") as bot:
        assert (await bot.get_me()).username == "samvad_bot"
    assert answering.received[-1][1] == f"/bot{TOKEN}/getMe"


async def test_after_shutdown_it_opens_again() -> None:
    request = AiohttpRequest()
    await request.initialize()
    await request.shutdown()
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request("http://127.0.0.1:9/x", "POST")
    await request.initialize()
    await request.shutdown()
