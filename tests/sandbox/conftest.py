"""Fixtures: a fresh sandbox per test, a client on it, a real python-telegram-bot Bot, raw calls."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
import telegram

from sandbox.apispec import ApiSpec, load_spec
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer

TOKEN = "123456:SANDBOX-token"
BOT_ID = 123456


@pytest.fixture(scope="session")
def spec() -> ApiSpec:
    return load_spec()


@pytest.fixture
async def server(spec: ApiSpec) -> AsyncIterator[SandboxServer]:
    async with SandboxServer(token=TOKEN, spec=spec) as running:
        yield running


@pytest.fixture
async def client(server: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(server.base_url) as sandbox:
        yield sandbox


@pytest.fixture
async def bot(server: SandboxServer) -> AsyncIterator[telegram.Bot]:
    async with telegram.Bot(TOKEN, base_url=server.api_base_url, base_file_url=server.file_base_url) as real_bot:
        yield real_bot


@dataclass
class RawApi:
    """Bot API calls without python-telegram-bot, to send what PTB never would."""

    session: aiohttp.ClientSession
    base_url: str

    async def call(self, method: str, params: dict | None = None, *, token: str = TOKEN) -> tuple[int, dict]:
        async with self.session.post(f"{self.base_url}/bot{token}/{method}", json=params or {}) as response:
            return response.status, await response.json()

    async def form(self, method: str, fields: dict[str, str]) -> tuple[int, dict]:
        async with self.session.post(f"{self.base_url}/bot{TOKEN}/{method}", data=fields) as response:
            return response.status, await response.json()

    async def ok(self, method: str, params: dict | None = None) -> object:
        status, body = await self.call(method, params)
        assert status == 200 and body["ok"], body
        return body["result"]


@pytest.fixture
async def raw(server: SandboxServer) -> AsyncIterator[RawApi]:
    async with aiohttp.ClientSession() as session:
        yield RawApi(session, server.base_url)


@dataclass
class Office:
    """A supergroup where the bot is an administrator, with its creator and a member."""

    asha: dict  # creator
    ravi: dict  # member
    chat_id: int


@pytest.fixture
async def office(client: SandboxClient) -> Office:
    asha = await client.create_user("Asha", last_name="Patel", username="asha_patel")
    ravi = await client.create_user("Ravi", username="ravi_desai")
    group = await client.create_group("Mamlatdar Office", creator_id=asha["id"], member_ids=[ravi["id"]])
    await client.add_bot(group["id"], added_by=asha["id"])
    return Office(asha, ravi, group["id"])
