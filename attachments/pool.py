"""A bounded pool of worker processes that read attachments, off the event loop.

Processes, not threads: OCR and PDF rendering hold the CPU for seconds, and a file that
hangs a parser must be stoppable. Each file gets its own deadline inside the worker
(attachments.extract checks it between pages and gives Tesseract the time left); past a
grace beyond that, the pool's processes are killed and the pool is made again, so a stuck
file never holds a slot for ever. At most `workers` files are read at once; the rest wait.
Workers run at the lowest CPU priority, so the bot's own process keeps a core for text messages.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from attachments.extract import Extraction, Limits, Reason, Status, detect, extract

log = logging.getLogger(__name__)

KILL_GRACE = 5.0  # seconds past a file's own limit before its worker is killed


def _worker_init() -> None:
    # Tesseract's OpenMP threads would take every core; one thread per worker keeps the
    # bot's own process (and the text messages it handles) a core to run on.
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        os.nice(19)  # the lowest priority: the bot (and its text messages) comes first
    except OSError:
        pass


class ExtractionPool:
    """Reads files in worker processes, at most `workers` at once, each within `limits`."""

    def __init__(
        self, *, workers: int = 1, limits: Limits | None = None, kill_grace: float = KILL_GRACE,
        reader: Callable[[bytes, str, str, Limits], Extraction] = extract,
    ) -> None:
        self.limits = limits or Limits()
        self._kill_grace = kill_grace
        self._reader = reader  # a module-level function (it is pickled to the worker by name)
        self.workers = max(1, workers)
        self._slots = asyncio.Semaphore(self.workers)
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # forkserver: no copy of the bot's event loop, threads or database handles in the workers
            context = multiprocessing.get_context("forkserver")
            # Preload the reader, not the main module: the bot's entry point is not a worker's business.
            context.set_forkserver_preload(["attachments.extract"])
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_worker_init)
        return self._executor

    async def read(self, data: bytes, filename: str, mime: str) -> Extraction:
        """The file's text, or why it could not be read; never raises for a bad file."""
        async with self._slots:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._pool(), self._reader, data, filename, mime, self.limits)
            try:
                return await asyncio.wait_for(future, self.limits.max_seconds + self._kill_grace)
            except TimeoutError:
                # No file name in the log: a name can be content ("Aadhaar of Ramesh.pdf"); the record has it.
                log.warning("reading a %s file took longer than %.0f s; its worker was stopped",
                            detect(data, filename, mime).value, self.limits.max_seconds + self._kill_grace)
                self._kill()
                return self._failed(data, filename, mime, Reason.TIME_LIMIT)
            except BrokenProcessPool:
                log.warning("the worker reading a %s file died (out of memory?); the pool is made again",
                            detect(data, filename, mime).value)
                self._kill()
                return self._failed(data, filename, mime, Reason.SIZE_LIMIT)

    def _failed(self, data: bytes, filename: str, mime: str, reason: Reason) -> Extraction:
        return Extraction(Status.UNREAD, reason, detect(data, filename, mime), hashlib.sha256(data).hexdigest(),
                          len(data), seconds=self.limits.max_seconds)

    def _kill(self) -> None:
        executor, self._executor = self._executor, None
        if executor is None:
            return
        # ProcessPoolExecutor cannot cancel a running call; its processes are ended instead.
        for process in list(getattr(executor, "_processes", {}).values()):
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (a file being read is abandoned; it is read again at the next start)."""
        self._kill()


def too_large(size: int, filename: str, mime: str) -> Extraction:
    """The record of a file over the Bot API's download limit, which the bot cannot fetch."""
    return Extraction(Status.TOO_LARGE, Reason.SIZE_LIMIT, detect(b"", filename, mime), "", size)
