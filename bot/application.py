"""The one place that builds the python-telegram-bot Application."""

from __future__ import annotations

import asyncio
import logging
import sys
import warnings
from collections.abc import Sequence

from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes
from telegram.request import BaseRequest, HTTPXRequest
from telegram.warnings import PTBDeprecationWarning, PTBUserWarning

from attachments import ExtractionPool, Limits
from bot.aiohttp_request import POOL_SIZE, AiohttpRequest
from runtime.attachment_reader import AttachmentReader
from runtime.checkpointing import TICK_SECONDS, Checkpointer
from runtime.classifier import BatchingClassifier, packaged_filter
from runtime.clock import Clock, SystemClock
from bot.commands import all_commands, publish_commands
from runtime.context import SERVICES_KEY, SamvadContext
from runtime.delivery import DeliveryWorker
from bot.health import HEARTBEAT_INTERVAL, beat
from bot.housekeeping import INTERVAL as HOUSEKEEPING_INTERVAL
from bot.housekeeping import tidy
from runtime.outbox import Outbox
from runtime.ratelimit import SendingRateLimiter
from runtime.scheduler import Scheduler
from runtime.scope import current_scope
from runtime.services import Services
from runtime.settings import Settings
from runtime.signing import load_or_create
from handlers import exports as exports_feature
from handlers import attachments as attachments_feature
from handlers import group_admin, membership, moderation, prepost_check, recording
from handlers import help as help_feature
from handlers import incidents as incidents_feature
from handlers import records as records_feature
from handlers.feature import Feature, Stage
from handlers.stage_gate import gate_for
from nlp import ContentFilter
from storage.backend import open_database
from storage.database import Database
from storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

SCHEDULER_INTERVAL = 1.0
# How long a thread may hold the GIL while another waits for it (CPython's default: 5 ms). Every trip to the
# database's thread and every filter batch is a hand-off between threads: while the event loop is busy with
# other updates, each hand-off waited up to the whole interval for the GIL (benchmarks: 5 sequential trips
# on a half-busy loop, p50 11-13 ms at 5 ms, 2.6-2.9 ms at 1 ms).
THREAD_SWITCH_INTERVAL = 0.001
OFFICIAL_NUMBERS_REFRESH = 60.0


def features() -> list[Feature]:
    """Every feature of the bot, in an explicit list (no discovery by import)."""
    # membership comes before help: in private chats its /start (verification) answers, not help's.
    collected = [
        recording.feature(),
        membership.feature(),
        group_admin.feature(),
        help_feature.feature(),
        records_feature.feature(),
        exports_feature.feature(),
        incidents_feature.feature(),
        moderation.feature(),
        attachments_feature.feature(),
        prepost_check.feature(),
    ]
    return collected


def build_application(
    settings: Settings, *, clock: Clock | None = None, feature_list: Sequence[Feature] | None = None,
    content_filter: ContentFilter | None = None,
) -> Application:
    """Build the Application: Bot API address, rate limiter, handlers, and service life cycle.

    content_filter replaces the packaged filter (a test world passes a small real one).
    """
    if settings.bot_token is None:
        raise ValueError("build_application needs a bot token (SAMVAD_BOT_TOKEN)")
    clock = clock or SystemClock()
    feature_list = list(feature_list if feature_list is not None else features())
    # The outbox and the poller call Bot API methods by name on purpose.
    warnings.filterwarnings("ignore", category=PTBUserWarning, message=r"Please use 'Bot\.")
    # RetryAfter.retry_after is read as seconds or a timedelta alike (runtime.delivery._seconds).
    warnings.filterwarnings("ignore", category=PTBDeprecationWarning, message=r".*retry_after")

    async def open_services(application: Application) -> None:
        application.bot_data[SERVICES_KEY] = await _open_services(
            application, settings, clock, feature_list, content_filter
        )
        try:
            await publish_commands(application.bot, feature_list)
        except TelegramError as error:
            log.warning("could not publish the command menu: %s", error.message)

    async def stop_services(application: Application) -> None:
        services: Services | None = application.bot_data.get(SERVICES_KEY)
        if services is not None:
            if services.attachment_reader is not None:
                await services.attachment_reader.stop()
            await services.delivery.stop()
            await services.scheduler.release()

    async def close_services(application: Application) -> None:
        services: Services | None = application.bot_data.pop(SERVICES_KEY, None)
        if services is not None:
            services.classifier.close()
            await services.db.close()

    application = (
        Application.builder()
        .token(settings.bot_token.get_secret_value())
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_file_base_url)
        .rate_limiter(
            SendingRateLimiter(
                overall_max_rate=settings.messages_per_second,
                group_max_rate=settings.group_messages_per_minute,
                max_retries=3,
            )
        )
        .request(_bot_api_request(settings, pool_size=POOL_SIZE))
        .get_updates_request(_bot_api_request(settings, pool_size=1))
        .context_types(ContextTypes(context=SamvadContext))
        .updater(None)
        .post_init(open_services)
        .post_stop(stop_services)
        .post_shutdown(close_services)
        .build()
    )
    for feature in feature_list:
        for stage, handler in feature.handlers:
            application.add_handler(handler, group=int(stage))
    commands = application.handlers.get(int(Stage.COMMAND))
    gate = gate_for(commands) if commands is not None else None
    if commands is not None and gate is not None:  # a group message that is no command ends the stage in one check
        commands.insert(0, gate)
    application.add_error_handler(on_error)
    return application


def _bot_api_request(settings: Settings, *, pool_size: int) -> BaseRequest:
    """The HTTP transport of Bot API calls (getUpdates has one of its own, of one connection, as in PTB)."""
    timeout = settings.request_timeout
    if settings.bot_api_transport == "httpx":
        return HTTPXRequest(
            connection_pool_size=pool_size, read_timeout=timeout, write_timeout=timeout, connect_timeout=timeout,
            media_write_timeout=max(timeout, 20.0),
        )
    return AiohttpRequest(
        connection_pool_size=pool_size, read_timeout=timeout, write_timeout=timeout, connect_timeout=timeout,
        media_write_timeout=max(timeout, 20.0),
    )


async def _open_services(
    application: Application, settings: Settings, clock: Clock, feature_list: Sequence[Feature],
    content_filter: ContentFilter | None = None,
) -> Services:
    sys.setswitchinterval(THREAD_SWITCH_INTERVAL)
    signer = load_or_create(settings.signing_key_file)
    db = await open_database_patiently(settings)
    delivery = DeliveryWorker(db, clock, application.bot, claim_seconds=settings.claim_seconds)
    # The limits are kept in the database only where other instances may send too: a run alone on its SQLite
    # file (the lock file says so) counts its own calls in memory, a write per send saved.
    if (settings.shared_rate_limits and settings.shares_database
            and isinstance(application.bot.rate_limiter, SendingRateLimiter)):
        application.bot.rate_limiter.share_through(db)
    delivery.on_sent(recording.record_sent_message)
    delivery.on_sent(exports_feature.forget_delivered_export)
    scheduler = Scheduler(db, clock, claim_seconds=settings.claim_seconds)
    for feature in feature_list:
        for kind, task_handler in feature.tasks.items():
            scheduler.register(kind, task_handler)
    outbox = Outbox(clock, delivery.wake, wake_chat=delivery.wake_chat)
    if content_filter is None:
        content_filter = await asyncio.to_thread(packaged_filter, tuple(settings.official_email_domains))
    classifier = BatchingClassifier(content_filter)
    await classifier.refresh_official_numbers(db)
    services = Services(
        settings=settings,
        clock=clock,
        db=db,
        outbox=outbox,
        delivery=delivery,
        scheduler=scheduler,
        commands=all_commands(feature_list),
        classifier=classifier,
        checkpointer=Checkpointer(db, clock, signer, outbox, settings),
    )
    services.attachment_reader = AttachmentReader(
        application, db, clock, ExtractionPool(workers=settings.attachment_workers, limits=Limits(
            max_pages=settings.attachment_max_pages, max_seconds=settings.attachment_max_seconds)),
        attachments_feature.read_attachment,
    )
    # Alone on an SQLite file (bot/startup_guards.py), claims left in it are a killed run's: void them now rather
    # than wait for them to lapse. Never where other instances share the database (their claims are live).
    if db.dialect == "sqlite" and not settings.shares_database:
        await delivery.forget_earlier_runs()
        await scheduler.forget_earlier_runs()
    delivery.start()
    services.attachment_reader.start()
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            scheduler.tick, interval=SCHEDULER_INTERVAL, first=0.1, name="samvad-scheduler"
        )
        application.job_queue.run_repeating(beat, interval=HEARTBEAT_INTERVAL, first=0.5, name="samvad-heartbeat")
        application.job_queue.run_repeating(tidy, interval=HOUSEKEEPING_INTERVAL, first=60, name="samvad-housekeeping")
        application.job_queue.run_repeating(
            refresh_official_numbers, interval=OFFICIAL_NUMBERS_REFRESH, first=OFFICIAL_NUMBERS_REFRESH,
            name="samvad-official-numbers",
        )
        application.job_queue.run_repeating(
            services.checkpointer.tick, interval=TICK_SECONDS, first=1.0, name="samvad-checkpoints"
        )
    return services


async def refresh_official_numbers(context: SamvadContext) -> None:
    """Job: keep the filter's list of official numbers (never personal data) in step with the roster."""
    services = context.services
    await services.classifier.refresh_official_numbers(services.db)


async def open_database_patiently(settings: Settings) -> Database:
    """Open the database, waiting (and saying why) while it is locked, read-only or full.

    Telegram keeps the updates meanwhile, since none is confirmed before it is stored.
    """
    delay = 1.0
    while True:
        try:
            return await open_database(settings.database, busy_timeout_ms=settings.db_busy_timeout_ms)
        except StorageUnavailable as error:
            log.error("cannot open the database %s (%s); retrying in %.0f s", error.path, error.reason, delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 30.0)


async def on_error(update: object, context: SamvadContext) -> None:
    """Log every handler error with its traceback; a storage outage stops the update for a replay."""
    error = context.error
    if isinstance(error, StorageUnavailable):
        log.warning("update could not be stored (%s: %s); it will be handled again", error.path, error.reason)
        scope = current_scope()
        if scope is not None:
            scope.storage_error = error
        raise ApplicationHandlerStop
    log.error("error while handling an update", exc_info=error)
