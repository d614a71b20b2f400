"""The bot's heartbeat, and `samvad health`, which container health checks call."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from runtime.context import SamvadContext
from runtime.settings import Settings
from storage import bot_state, leases
from storage.backend import open_database
from storage.errors import StorageError, StorageUnavailable

log = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 30.0
STALE_AFTER = timedelta(seconds=120)


async def beat(context: SamvadContext) -> None:
    """Job: note in the database that the bot is alive."""
    services = context.services
    mode = "webhook" if services.settings.webhook_url else "polling"
    try:
        async with services.db.transaction() as tx:
            await bot_state.beat(tx, at=services.clock.now(), mode=mode)
    except StorageUnavailable as error:
        log.warning("cannot write the heartbeat to %s: %s", error.path, error.reason)


async def check_health(settings: Settings, *, now: datetime) -> tuple[bool, str]:
    """(healthy, one line saying why) from the database's last heartbeat."""
    if settings.database_url is None and not settings.db_path.exists():
        return False, f"no database at {settings.db_path}"
    try:
        db = await open_database(settings.database)
    except StorageError as error:
        where: object = settings.db_path
        if settings.database_url is not None:
            from storage.postgres import redacted  # psycopg is installed only for PostgreSQL

            where = redacted(settings.database_url.get_secret_value())
        # StorageUnavailable's message names the database again: its reason alone follows the name here.
        detail = error.reason if isinstance(error, StorageUnavailable) else str(error)
        return False, f"database {where} cannot be opened: {detail}"
    try:
        last = await bot_state.last_heartbeat(db)
        me = await leases.instance(db, settings.instance_name)
        everyone = await leases.instances(db)
    finally:
        await db.close()
    if settings.shares_database:
        return _instance_health(settings, me, everyone, now=now)
    if last is None:
        return False, "the bot has not started yet (no heartbeat)"
    at, mode = last
    age = now - at
    if age > STALE_AFTER:
        return False, f"last heartbeat {int(age.total_seconds())} s ago ({mode}): the bot is not running"
    role = f", instance {me.instance_id} is {me.role.value}" if me is not None else ""
    return True, f"ok: heartbeat {int(age.total_seconds())} s ago ({mode}){role}"


def _instance_health(
    settings: Settings, me: leases.InstanceRow | None, everyone: list[leases.InstanceRow], *, now: datetime
) -> tuple[bool, str]:
    """With a shared database: this instance is healthy while it renews its identity (every few seconds)."""
    name = settings.instance_name
    live = [row for row in everyone if row.expires_at >= now]
    others = ", ".join(f"{row.instance_id} {row.role.value}" for row in live if row.instance_id != name) or "none"
    if me is None:
        return False, f"instance {name} is not running (live instances: {others})"
    age = int((now - me.seen_at).total_seconds())
    if now - me.seen_at > timedelta(seconds=3 * settings.lease_seconds):
        return False, f"instance {name} last renewed {age} s ago ({me.role.value}): it is not running"
    return True, f"ok: instance {name} is {me.role.value}, renewed {age} s ago; other live instances: {others}"
