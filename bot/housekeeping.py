"""Housekeeping jobs: forget handled updates and delivered calls once they can no longer matter."""

from __future__ import annotations

import logging
from datetime import timedelta

from runtime.context import SamvadContext
from storage import inbox, outbox
from storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

# Telegram redelivers an unconfirmed update for 24 hours at most; a week leaves room for a long outage.
INBOX_RETENTION = timedelta(days=7)
OUTBOX_RETENTION = timedelta(days=30)
INTERVAL = 3600.0


async def tidy(context: SamvadContext) -> None:
    """Job: drop handled updates and settled calls past their retention (the journal keeps the record)."""
    services = context.services
    now = services.clock.now()
    try:
        async with services.db.transaction() as tx:
            updates = await inbox.purge_processed(tx, before=now - INBOX_RETENTION)
            calls = await outbox.purge_settled(tx, before=now - OUTBOX_RETENTION)
    except StorageUnavailable as error:
        log.warning("housekeeping skipped: %s is unavailable (%s)", error.path, error.reason)
        return
    if updates or calls:
        log.info("housekeeping: forgot %d handled updates and %d settled calls", updates, calls)
