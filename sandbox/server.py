"""SandboxServer: the fake Telegram Bot API and the control API on one local port."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from types import TracebackType

from aiohttp import web

from sandbox.apispec import ApiSpec, load_spec
from sandbox.botapi import BotApi
from sandbox.console_routes import Console, MemberAnnotations, TourStarter, public_files
from sandbox.control import ControlApi
from sandbox.faults import Faults
from sandbox.guard import TOKEN_QUERY, guard, token_for
from sandbox.methods import method_table
from sandbox.stats import Stats
from sandbox.webhooks import WebhookPusher
from sandbox.world import World

# Telegram accepts uploads of up to 50 MB from bots.
_MAX_UPLOAD = 50 * 1024 * 1024


def bot_id_from_token(token: str) -> int:
    """The bot's user id: the number before the colon of its token."""
    head, colon, secret = token.partition(":")
    if not colon or not head.isdigit() or not secret:
        raise ValueError(f"a bot token looks like 123456:secret, not {token!r}")
    return int(head)


class SandboxServer:
    """One bot's fake Telegram. `async with SandboxServer(token=...) as server:`."""

    def __init__(
        self,
        *,
        token: str,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "samvad_bot",
        bot_first_name: str = "Samvad",
        privacy_mode: bool = False,
        clock: Callable[[], float] = time.time,
        spec: ApiSpec | None = None,
        member_annotations: MemberAnnotations | None = None,
        tour: TourStarter | None = None,
        control_token: str | None = None,
    ) -> None:
        self.token = token
        self._host = host
        # Off loopback the control API and the console ask for this (made here unless given); see sandbox.guard.
        self.control_token = token_for(host, control_token)
        self._port = port
        self.world = World(
            bot_id=bot_id_from_token(token),
            bot_username=bot_username,
            bot_first_name=bot_first_name,
            clock=clock,
            privacy_mode=privacy_mode,
        )
        self.faults = Faults()
        self.stats = Stats()
        # The browser console; the bot's view of members and the tour are lent by whoever runs it.
        self.console = Console(world=self.world, member_annotations=member_annotations, tour=tour)
        self._spec = spec
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        self._webhooks = WebhookPusher(self.world)

    @property
    def port(self) -> int:
        if self._runner is None:
            raise RuntimeError("the sandbox is not running")
        return self._port

    @property
    def base_url(self) -> str:
        """The server root, for SandboxClient (bound to every interface, it is reached on this machine's loopback)."""
        host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(self._host, self._host)
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"  # an IPv6 address in a URL
        return f"http://{host}:{self.port}"

    @property
    def api_base_url(self) -> str:
        """What ApplicationBuilder().base_url(...) needs: the token and method follow it."""
        return f"{self.base_url}/bot"

    @property
    def console_url(self) -> str:
        """The browser console's page (with the control token, when there is one)."""
        if self.control_token:
            return f"{self.base_url}/console?{TOKEN_QUERY}={self.control_token}"
        return f"{self.base_url}/console"

    @property
    def file_base_url(self) -> str:
        """What ApplicationBuilder().base_file_url(...) needs, for File.download_*."""
        return f"{self.base_url}/file/bot"

    def build_app(self) -> web.Application:
        spec = self._spec or load_spec()
        app = web.Application(
            client_max_size=_MAX_UPLOAD, middlewares=[guard(self.control_token, open_files=public_files())]
        )
        bot_api = BotApi(
            world=self.world, spec=spec, token=self.token, methods=method_table(),
            faults=self.faults, stats=self.stats,
        )  # fmt: skip
        control = ControlApi(world=self.world, faults=self.faults, stats=self.stats, closing=self._closing)
        app.add_routes(control.routes())
        app.add_routes(self.console.routes())
        app.add_routes(bot_api.routes())
        return app

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the sandbox is already running")
        self._closing.clear()
        self.world.updates.reopen()
        runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self._host, self._port)
        await site.start()
        self._port = runner.addresses[0][1]
        self._runner = runner
        await self._webhooks.start()

    async def stop(self) -> None:
        if self._runner is None:
            return
        self._closing.set()  # ends event streams
        await self._webhooks.stop()
        await self.console.stop()
        self.world.updates.close()  # ends long polls
        runner, self._runner = self._runner, None
        await runner.cleanup()

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()
