"""Reads the queued attachments in the background, a few at a time, apart from the updates.

Updates of one chat are handled one after another (bot.ingress); reading a scanned PDF takes
seconds, so it happens here instead, after the update that queued the file has finished, and
the group's next text messages go straight through. The queue is a table (storage.attachments),
so a restart resumes where it stopped; a file that fails for a passing reason (the network, the
Bot API) is tried again, at most MAX_ATTEMPTS times.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram.error import NetworkError
from telegram.ext import Application

from attachments import ExtractionPool
from runtime.clock import Clock
from runtime.scope import work_scope
from storage import attachments
from storage.attachments import Attachment
from storage.database import Database
from storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

IDLE_POLL = 5.0
RETRY_PAUSE = 5.0
MAX_ATTEMPTS = 3

Reader = Callable[[Attachment, object, ExtractionPool], Awaitable[None]]


class AttachmentReader:
    """Takes pending attachments and hands each to `read` (handlers.attachments.read_attachment)."""

    def __init__(self, application: Application, db: Database, clock: Clock, pool: ExtractionPool, read: Reader) -> None:
        self._application = application
        self._db = db
        self._clock = clock
        self._pool = pool
        self._read = read
        self._wake = asyncio.Event()
        self._reading: dict[int, asyncio.Task[None]] = {}
        self._runner: asyncio.Task[None] | None = None
        self._capacity = 2 * pool.workers  # a download can overlap another file's reading

    def wake(self) -> None:
        """Look for queued files now."""
        self._wake.set()

    def start(self) -> None:
        """Begin reading in the background."""
        self._runner = asyncio.create_task(self._run(), name="samvad-attachments")

    async def stop(self) -> None:
        """Stop; a file being read is abandoned and read again at the next start."""
        if self._runner is not None:
            self._runner.cancel()
            await asyncio.gather(self._runner, return_exceptions=True)
        reading = list(self._reading.values())
        for task in reading:
            task.cancel()
        await asyncio.gather(*reading, return_exceptions=True)
        self._pool.close()

    async def idle(self) -> None:
        """Wait until nothing is queued or being read (for benchmarks and tests)."""
        while True:
            if not self._reading and not await attachments.pending(self._db, limit=1):
                return
            await asyncio.sleep(0.05)

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                waiting = await attachments.pending(self._db, limit=self._capacity + len(self._reading))
            except StorageUnavailable as error:
                log.warning("cannot read the attachment queue in %s: %s", error.path, error.reason)
                waiting = []
            for item in waiting:
                if item.attachment_id in self._reading or len(self._reading) >= self._capacity:
                    continue
                task = asyncio.create_task(self._one(item), name=f"samvad-attachment-{item.attachment_id}")
                self._reading[item.attachment_id] = task
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=IDLE_POLL)
            except TimeoutError:
                pass

    async def _one(self, item: Attachment) -> None:
        context = self._application.context_types.context(self._application)
        try:
            with work_scope(f"a{item.attachment_id}"):
                await self._read(item, context, self._pool)
        except (NetworkError, StorageUnavailable) as error:
            log.warning("attachment %s could not be read now: %s", item.attachment_id, type(error).__name__)
            await self._failed(item, repr(error))
            await asyncio.sleep(RETRY_PAUSE)
        except Exception as error:
            log.exception("reading attachment %s failed", item.attachment_id)
            await self._failed(item, repr(error))
        finally:
            self._reading.pop(item.attachment_id, None)
            self._wake.set()

    async def _failed(self, item: Attachment, error: str) -> None:
        try:
            async with self._db.transaction() as tx:
                await attachments.note_failure(tx, item.attachment_id, error=error,
                                               give_up=item.attempts + 1 >= MAX_ATTEMPTS)
        except StorageUnavailable:
            log.warning("could not note the failure of attachment %s; it will be read again", item.attachment_id)
