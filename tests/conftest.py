"""Shared fixtures: the sandbox Bot API server, a client acting as users, and the real bot."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pydantic import SecretStr

from runtime.clock import AdjustableClock
from bot.runner import running_bot
from runtime.settings import Settings
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer

# The throwaway PostgreSQL server (tests/postgres.py) for the tests that run on both backends.
pytest_plugins = ("tests.postgres",)

TOKEN = "700000001:TEST-samvad-token-do-not-log"


BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(params=BACKENDS)
def database_target(request, tmp_path):
    """Where a test's database is, once per backend: an SQLite file, or a fresh migrated PostgreSQL database.

    The PostgreSQL one is a copy (CREATE DATABASE ... TEMPLATE) of a database migrated once per session
    on the session's throwaway server; without server binaries those runs skip with one line.
    """
    if request.param == "sqlite":
        return tmp_path / "samvad.db"
    server = request.getfixturevalue("postgres_server")
    return server.url(server.create_database(template=server.migrated_template()))


# SAMVAD_TEST_BACKEND=postgresql runs the bot of every test (the e2e suite's) on a fresh PostgreSQL
# database of the session's throwaway server instead of an SQLite file: make_settings gives it the URL.
TEST_BACKEND = os.environ.get("SAMVAD_TEST_BACKEND", "sqlite")
_database_url_of_this_test: list[Callable[[], str]] = []


@pytest.fixture(autouse=True)
def _bot_backend(request):
    """Under SAMVAD_TEST_BACKEND=postgresql, one fresh migrated PostgreSQL database per test, made when asked."""
    if TEST_BACKEND != "postgresql":
        yield
        return
    server = request.getfixturevalue("postgres_server")
    template = server.migrated_template()  # made here, outside the test's event loop, once per session
    made: list[str] = []

    def url() -> str:
        if not made:
            made.append(server.url(server.create_database(template=template)))
        return made[0]

    _database_url_of_this_test.append(url)
    try:
        yield
    finally:
        _database_url_of_this_test.remove(url)


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
async def sandbox():
    async with SandboxServer(token=TOKEN) as server:
        yield server


@pytest.fixture
async def client(sandbox):
    async with SandboxClient(sandbox.base_url, control_token=sandbox.control_token) as sandbox_client:
        yield sandbox_client


@pytest.fixture
def clock() -> AdjustableClock:
    return AdjustableClock()


@pytest.fixture
def settings(tmp_path, sandbox) -> Settings:
    return make_settings(tmp_path, sandbox)


def make_settings(tmp_path, sandbox, **overrides: Any) -> Settings:
    """Settings for a bot talking to the test sandbox, ignoring the machine's environment and .env."""
    values: dict[str, Any] = {
        "bot_token": SecretStr(TOKEN),
        "api_base_url": sandbox.base_url,
        "db_path": tmp_path / "samvad.db",
        "poll_timeout": 1,
        "storage_retry_window": 5.0,
    }
    if _database_url_of_this_test and "database_url" not in overrides:
        values["database_url"] = SecretStr(_database_url_of_this_test[-1]())
    values.update(overrides)
    return Settings(_env_file=None, **values)


@pytest.fixture
async def bot(settings, clock):
    async with running_bot(settings, clock=clock) as running:
        yield running


async def eventually(check: Callable[[], Awaitable[Any]], *, timeout: float = 5.0, interval: float = 0.02) -> Any:
    """Wait until check() returns something truthy; return it, or fail the test with the last value."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await check()
        if value:
            return value
        if loop.time() > deadline:
            pytest.fail(f"condition not met within {timeout} s (last value: {value!r})")
        await asyncio.sleep(interval)


def buttons(message: dict) -> dict[str, str]:
    """Button text -> callback data of a bot message ({} without buttons)."""
    markup = message.get("reply_markup") or {}
    return {b["text"]: b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row}
