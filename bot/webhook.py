"""Webhook mode: Telegram posts updates to us; we answer only once they are stored.

python-telegram-bot's own webhook server answers 200 as soon as it has parsed an
update, before any handler has stored it; a crash then loses that update. This
server writes the update to the inbox first and answers 200 only after the
commit; if the database cannot be written it answers 503, and Telegram retries.
"""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web

from bot.ingress import Ingress
from runtime.settings import Settings
from storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookServer:
    """An aiohttp server on the webhook path, feeding the ingress."""

    def __init__(self, ingress: Ingress, settings: Settings) -> None:
        if settings.webhook_secret is None:
            raise ValueError("webhook mode needs SAMVAD_WEBHOOK_SECRET")
        self._ingress = ingress
        self._secret = settings.webhook_secret.get_secret_value().encode()
        self._listen = settings.webhook_listen
        self._port = settings.webhook_port
        self._path = settings.webhook_path
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen for Telegram's calls."""
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_post(self._path, self._receive)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self._listen, self._port).start()
        log.info("webhook server listening on %s:%d%s", self._listen, self._port, self._path)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()

    async def _receive(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            log.warning("refused a webhook call without the right secret token from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            update = json.loads(await request.read())
            if not isinstance(update, dict) or not isinstance(update.get("update_id"), int):
                raise ValueError("not an update")
        except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than Python will parse
            return web.Response(status=400, text="expected one Telegram Update as JSON")
        try:
            await self._ingress.receive([update])
        except StorageUnavailable as error:
            log.error("cannot store update %s in %s (%s); Telegram will retry", update["update_id"], error.path, error.reason)
            return web.Response(status=503, text="storage unavailable, retry later")
        return web.Response(status=200, text="ok")
