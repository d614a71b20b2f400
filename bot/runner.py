"""Runs the bot: start-up, the durable ingress, and an orderly stop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.application import build_application
from bot.clock import Clock, SystemClock
from bot.context import SERVICES_KEY
from bot.ingress import ALLOWED_UPDATES, Ingress
from bot.services import Services
from bot.settings import Settings
from bot.webhook import WebhookServer
from nlp import ContentFilter

log = logging.getLogger(__name__)


@dataclass
class RunningBot:
    """A bot that is up: its application, services and ingress."""

    application: Application
    services: Services
    ingress: Ingress


@asynccontextmanager
async def running_bot(
    settings: Settings, *, clock: Clock | None = None, polling: bool = True, content_filter: ContentFilter | None = None
) -> AsyncIterator[RunningBot]:
    """Start the bot for the duration of the block, then stop it in order (with content_filter, if given)."""
    clock = clock or SystemClock()
    application = build_application(settings, clock=clock, content_filter=content_filter)
    await _initialize_patiently(application)
    try:
        await application.post_init(application)
        services: Services = application.bot_data[SERVICES_KEY]
        await application.start()
        ingress = Ingress(
            application,
            services.db,
            clock,
            poll_timeout=settings.poll_timeout,
            storage_retry_window=settings.storage_retry_window,
        )
        webhook = await _start_receiving(application, ingress, settings, polling=polling)
        try:
            yield RunningBot(application, services, ingress)
        finally:
            if webhook is not None:
                await webhook.stop()
            await ingress.stop()
            await application.stop()
            await application.post_stop(application)
    finally:
        await application.shutdown()
        await application.post_shutdown(application)


async def serve(settings: Settings, *, stop: asyncio.Event, clock: Clock | None = None) -> None:
    """Run until stop is set."""
    async with running_bot(settings, clock=clock) as bot:
        log.info("Samvad is running as @%s", bot.application.bot.username)
        await stop.wait()
    log.info("Samvad stopped")


async def _start_receiving(
    application: Application, ingress: Ingress, settings: Settings, *, polling: bool
) -> WebhookServer | None:
    """Webhook mode when a webhook URL is set, else long polling (after removing any webhook)."""
    if settings.webhook_url is None:
        if polling:
            await application.bot.delete_webhook()
        await ingress.start(polling=polling)
        return None
    await application.bot.set_webhook(
        url=settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=list(ALLOWED_UPDATES),
    )
    await ingress.start(polling=False)
    webhook = WebhookServer(ingress, settings)
    await webhook.start()
    return webhook


async def _initialize_patiently(application: Application) -> None:
    """Initialize (getMe), waiting out network failures; a rejected token stops at once."""
    delay = 1.0
    while True:
        try:
            await application.initialize()
            return
        except InvalidToken:
            raise
        except NetworkError as error:
            log.warning("cannot reach the Bot API (%s); retrying in %.0f s", error.message, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 60.0)
