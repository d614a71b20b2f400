"""Webhook delivery, as Telegram does it: each update is posted to the bot's webhook, in order,
and kept (and posted again) until the webhook answers 2xx.

Telegram posts to the HTTPS URL given in setWebhook; a deployment puts an HTTPS proxy in front of
the bot's plain-HTTP webhook server. The sandbox has neither network nor TLS, so the control API
says where that proxy would forward (`World.webhook_forward_to`); nothing is posted until it does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp

from sandbox.world import World

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_IDLE_CHECK_SECONDS = 0.5


class WebhookPusher:
    """Posts the bot's queued updates to its webhook while one is set and forwarded."""

    def __init__(self, world: World, *, retry_seconds: float = 0.5, max_retry_seconds: float = 5.0,
                 timeout_seconds: float = 10.0) -> None:  # fmt: skip
        self._world = world
        self._retry_seconds = retry_seconds
        self._max_retry_seconds = max_retry_seconds
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._session: aiohttp.ClientSession | None = None
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Begin delivering in the background."""
        self._session = aiohttp.ClientSession(timeout=self._timeout)
        self._task = asyncio.create_task(self._run(), name="sandbox webhook pusher")

    async def stop(self) -> None:
        """Stop delivering; what was not delivered stays queued."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        delay = self._retry_seconds
        while True:
            target = self._target()
            update = self._world.updates.next_to_push() if target else None
            if update is None:
                await self._world.updates.wait_for_arrival(_IDLE_CHECK_SECONDS)
                continue
            error = await self._post(target, update)
            if error is None:
                self._world.updates.confirm_pushed(update["update_id"])
                delay = self._retry_seconds
                continue
            self._record_error(error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, self._max_retry_seconds)

    def _target(self) -> str | None:
        if self._world.webhook is None or not self._world.webhook_forward_to:
            return None
        return self._world.webhook_forward_to

    async def _post(self, url: str, update: dict) -> str | None:
        """Post one update; None when the webhook took it, else what went wrong (as getWebhookInfo says it)."""
        assert self._session is not None
        headers = {}
        secret = (self._world.webhook or {}).get("secret_token")
        if secret:
            headers[SECRET_HEADER] = secret
        try:
            async with self._session.post(url, json=update, headers=headers) as response:
                if 200 <= response.status < 300:
                    return None
                return f"Wrong response from the webhook: {response.status} {response.reason}"
        except TimeoutError:
            return "Timeout expired"
        except aiohttp.ClientConnectionError:
            return "Connection refused"
        except aiohttp.ClientError as failure:
            return f"Failed to deliver: {type(failure).__name__}"

    def _record_error(self, message: str) -> None:
        if self._world.webhook is not None:
            self._world.webhook["last_error_date"] = self._world.now()
            self._world.webhook["last_error_message"] = message
        log.debug("webhook delivery failed: %s", message)
