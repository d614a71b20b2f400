"""The content filter as the bot uses it: batched, off the event loop, once per message.

Handlers of concurrent updates each ask for a verdict; the requests that arrive
within a few milliseconds are classified together with nlp.pipe in a worker
thread, so a burst is handled in batches and the event loop stays responsive.
Within one update the verdict is cached, so moderation and the record classify a
message once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from runtime.scope import current_scope
from nlp import ContentFilter, MessageContext, Verdict
from nlp.filter import DEFAULT_EMAIL_DOMAINS
from storage import roster
from storage.database import Database
from storage.errors import StorageUnavailable

log = logging.getLogger(__name__)

_VERDICTS_NOTE = "verdicts"


@functools.cache
def packaged_filter(official_email_domains: tuple[str, ...] = DEFAULT_EMAIL_DOMAINS) -> ContentFilter:
    """The packaged filter, loaded once per process (loading takes a second or so)."""
    return ContentFilter.load(official_email_domains=official_email_domains)


class BatchingClassifier:
    """Collects texts from concurrent handlers and classifies them together in a worker thread."""

    def __init__(self, content_filter: ContentFilter, *, max_batch: int = 64, max_wait: float = 0.003) -> None:
        self._filter = content_filter
        self._max_batch = max_batch
        self._max_wait = max_wait
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="samvad-filter")
        self._waiting: list[tuple[str, MessageContext | None, asyncio.Future[Verdict]]] = []
        self._flush_handle: asyncio.TimerHandle | None = None
        self._official_numbers: frozenset[str] = frozenset()
        self._batches: set[asyncio.Task[None]] = set()

    async def check(self, text: str, context: MessageContext | None = None) -> Verdict:
        """The verdict for a text said in `context` (cached for the rest of the current update)."""
        scope = current_scope()
        cache: dict[tuple[str, MessageContext | None], Verdict] | None = None
        if scope is not None:
            cache = scope.notes.setdefault(_VERDICTS_NOTE, {})  # type: ignore[assignment]
            if (text, context) in cache:
                return cache[(text, context)]
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Verdict] = loop.create_future()
        self._waiting.append((text, context, future))
        if len(self._waiting) >= self._max_batch:
            self._flush()
        elif self._flush_handle is None:
            self._flush_handle = loop.call_later(self._max_wait, self._flush)
        verdict = await future
        if cache is not None:
            cache[(text, context)] = verdict
        return verdict

    def set_official_numbers(self, numbers: Iterable[str]) -> bool:
        """Tell the filter the roster's official numbers (never personal data); True if they changed."""
        numbers = frozenset(numbers)
        if numbers == self._official_numbers:
            return False
        self._official_numbers = numbers
        # Applied in the worker thread, between batches, so a batch never sees half a list.
        self._executor.submit(self._filter.set_official_numbers, numbers)
        return True

    async def refresh_official_numbers(self, db: Database) -> None:
        """Re-read the roster's official numbers (a roster import may run in another process)."""
        try:
            numbers = await roster.official_numbers(db)
        except StorageUnavailable as error:
            log.warning("cannot read official numbers from %s: %s", error.path, error.reason)
            return
        if self.set_official_numbers(numbers):
            log.info("the content filter now knows %d official numbers", len(numbers))

    def close(self) -> None:
        """Stop the worker thread after the batches already submitted."""
        self._executor.shutdown(wait=True, cancel_futures=False)

    def _flush(self) -> None:
        if self._flush_handle is not None:
            self._flush_handle.cancel()
            self._flush_handle = None
        batch, self._waiting = self._waiting, []
        if batch:
            task = asyncio.get_running_loop().create_task(self._classify(batch))
            self._batches.add(task)
            task.add_done_callback(self._batches.discard)

    async def _classify(self, batch: list[tuple[str, MessageContext | None, asyncio.Future[Verdict]]]) -> None:
        texts = [text for text, _, _ in batch]
        contexts = [context for _, context, _ in batch]
        loop = asyncio.get_running_loop()
        try:
            verdicts = await loop.run_in_executor(self._executor, self._filter.check_many, texts, contexts)
        except Exception as error:  # the filter promises never to raise; if it does, each caller sees it
            log.exception("the content filter failed on a batch of %d", len(texts))
            for _, _, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        for (_, _, future), verdict in zip(batch, verdicts, strict=True):
            if not future.done():
                future.set_result(verdict)
