"""Runs the bot: start-up, the durable ingress, and an orderly stop."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import InvalidToken, NetworkError
from telegram.ext import Application

from bot.application import build_application
from runtime.clock import Clock, SystemClock
from runtime.context import SERVICES_KEY
from bot.ingress import ALLOWED_UPDATES, Ingress
from runtime.instances import Instance, StoppedWhileJoining
from runtime.services import Services
from runtime.settings import Settings
from bot.stopping import mark_running
from bot.webhook import WebhookServer
from handlers import recording
from nlp import ContentFilter

log = logging.getLogger(__name__)


@dataclass
class RunningBot:
    """A bot that is up: its application, services and ingress."""

    application: Application
    services: Services
    ingress: Ingress
    instance: Instance


# What a run stopped by a signal gives updates being handled and calls being sent to finish; the rest
# is replayed or sent at the next start (bot.cli stops the whole process within about 2 s).
SIGNALLED_STOP_GRACE = 0.4


async def _join(services: Services, settings: Settings, *, polling: bool, stop: asyncio.Event) -> Instance:
    """This instance among those sharing the database: its id taken, its lease and claims renewed."""
    instance = Instance(
        services.db,
        settings.instance_name,
        shared=settings.shares_database,
        polling=polling and settings.webhook_url is None,
        lease=timedelta(seconds=settings.lease_seconds),
    )
    try:
        await instance.join(stop)
    except StoppedWhileJoining:
        raise StoppedWhileStarting from None
    log.info("instance %s started as %s", instance.id, instance.role.value)
    return instance


class StoppedWhileStarting(Exception):
    """A stop was asked for before the bot was up."""


@asynccontextmanager
async def running_bot(
    settings: Settings,
    *,
    clock: Clock | None = None,
    polling: bool = True,
    stop: asyncio.Event | None = None,
    stop_grace: float = 10.0,
    content_filter: ContentFilter | None = None,
) -> AsyncIterator[RunningBot]:
    """Start the bot for the duration of the block, then stop it in order (with content_filter, if given).

    stop, if given, ends the wait for an unreachable Bot API at start (raising StoppedWhileStarting);
    stop_grace bounds how long updates in hand and calls in flight get to finish at the end.
    """
    clock = clock or SystemClock()
    application = build_application(settings, clock=clock, content_filter=content_filter)
    await _initialize_patiently(application, stop or asyncio.Event())
    try:
        await application.post_init(application)
        services: Services = application.bot_data[SERVICES_KEY]
        instance = await _join(services, settings, polling=polling, stop=stop or asyncio.Event())
        ingress = Ingress(
            application,
            services.db,
            clock,
            poll_timeout=settings.poll_timeout,
            storage_retry_window=settings.storage_retry_window,
            instance=instance,
            on_receipt=recording.on_receipt,
        )
        try:
            await application.start()
            webhook = await _start_receiving(application, ingress, settings, polling=polling)
        except BaseException:
            await ingress.stop(grace=0)
            await instance.leave()  # its lease and claims go to another at once, not after they expire
            if application.running:  # stopped (SIGTERM) while replaying at start: shutdown refuses a running one
                await application.stop()
                await application.post_stop(application)
            raise
        try:
            yield RunningBot(application, services, ingress, instance)
        finally:
            if webhook is not None:
                await webhook.stop()
            await ingress.stop(grace=stop_grace)
            await instance.leave()
            services.delivery.grace = stop_grace
            await application.stop()
            await application.post_stop(application)
    finally:
        await application.shutdown()
        await application.post_shutdown(application)


def choose_event_loop(settings: Settings) -> str:
    """Make uvloop's event loop the one asyncio.run creates, when the setting allows and it is installed."""
    if not settings.uvloop:
        return "asyncio"
    try:
        import uvloop
    except ImportError:
        log.info("uvloop is not installed: running on asyncio's own event loop")
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"


async def serve(settings: Settings, *, stop: asyncio.Event, clock: Clock | None = None) -> None:
    """Run until stop is set."""
    try:
        async with running_bot(settings, clock=clock, stop=stop, stop_grace=SIGNALLED_STOP_GRACE) as bot:
            collect_less_often()
            log.info("Samvad is running as @%s", bot.application.bot.username)
            mark_running(stop)
            await stop.wait()
    except StoppedWhileStarting:
        pass


# The cyclic collector's young generation is collected every 700 allocations net (and the middle one every 10 of
# those): under a burst, thousands a second, each walking what is alive and young then (updates in hand, their
# tasks, rows in flight), and now and then a full collection walks the filter's lexicons and model (~80 ms).
# Measured over the benchmark's 3,000-message burst (gc.callbacks, CPU of the collecting thread): 0.35 s of
# collections with the defaults, 0.045 s with these. gc.freeze() of what start-up loaded was tried too: it made
# each young collection some 20 times slower here (14 ms), and added nothing to the thresholds alone.
GC_THRESHOLDS = (20_000, 20, 10)


def collect_less_often() -> None:
    """For the process `samvad run` starts (a test process, whose bots come and go, keeps the defaults)."""
    gc.set_threshold(*GC_THRESHOLDS)


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


async def _initialize_patiently(application: Application, stop: asyncio.Event) -> None:
    """Initialize (getMe), waiting out network failures until stop is set; a rejected token stops at once."""
    delay = 1.0
    while True:
        try:
            await application.initialize()
            return
        except InvalidToken:
            raise
        except NetworkError as error:
            log.warning("cannot reach the Bot API (%s); retrying in %.0f s", error.message, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
            if stop.is_set():
                raise StoppedWhileStarting from None
            delay = min(delay * 2, 60.0)
