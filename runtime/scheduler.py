"""Runs deadlines kept in the database (storage.tasks) when they come due.

PTB's job queue ticks it; the deadline itself is a row, so a restart forgets none. Every instance on one
database ticks; each claims the due tasks it runs (with an expiry) and settles them after, so a task runs
once, on whichever instance is alive.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from runtime.clock import Clock
from runtime.instance_id import instance_id
from runtime.scope import work_scope
from storage import tasks as task_store
from storage.database import Database
from storage.errors import StorageUnavailable
from storage.tasks import Task

if TYPE_CHECKING:
    from runtime.context import SamvadContext

log = logging.getLogger(__name__)

TaskHandler = Callable[[Task, "SamvadContext"], Awaitable[None]]

MAX_ATTEMPTS = 5
STORAGE_RETRY = timedelta(seconds=15)


class Scheduler:
    """Dispatches due tasks to the handler registered for their kind."""

    def __init__(
        self, db: Database, clock: Clock, *, instance: str | None = None, claim_seconds: float = 300.0
    ) -> None:
        """instance: this scheduler's name in the tasks' claims; claim_seconds: how long a claimed task is left to
        it (a task still unsettled then runs elsewhere: its effects are keyed, so nothing is owed twice)."""
        self._db = db
        self._clock = clock
        self.instance = instance or instance_id()
        self._claim = timedelta(seconds=claim_seconds)
        self._handlers: dict[str, TaskHandler] = {}

    def register(self, kind: str, handler: TaskHandler) -> None:
        """Name the coroutine that runs tasks of this kind."""
        if kind in self._handlers:
            raise ValueError(f"a handler for task kind {kind!r} is already registered")
        self._handlers[kind] = handler

    @property
    def kinds(self) -> frozenset[str]:
        """Task kinds that have a handler."""
        return frozenset(self._handlers)

    async def tick(self, context: SamvadContext) -> None:
        """Run every task that is due now (the job queue calls this every second or so)."""
        now = self._clock.now()
        try:
            due = await task_store.claim_due(self._db, now=now, holder=self.instance, until=now + self._claim)
        except StorageUnavailable as error:
            log.warning("cannot read scheduled tasks in %s: %s", error.path, error.reason)
            return
        for task in due:
            await self._run(task, context)

    async def forget_earlier_runs(self) -> None:
        """Void every task claim and job turn: for a run alone on its database (any claim there is a dead run's)."""
        await task_store.release(self._db, holder=None)

    async def release(self) -> None:
        """Let go of claimed tasks not yet run (at stop), so another instance runs them without waiting."""
        try:
            await task_store.release(self._db, holder=self.instance)
        except StorageUnavailable as error:
            log.warning("could not let go of this instance's task claims in %s: %s", error.path, error.reason)

    async def _run(self, task: Task, context: SamvadContext) -> None:
        handler = self._handlers.get(task.kind)
        try:
            if handler is None:
                raise LookupError(f"no handler for task kind {task.kind!r}")
            with work_scope(f"t{task.task_id}"):
                await handler(task, context)
            async with self._db.transaction() as tx:
                await task_store.complete(tx, task.task_id, at=self._clock.now())
        except StorageUnavailable as error:
            log.warning("task %s (%s) waits for the database %s: %s", task.task_id, task.kind, error.path, error.reason)
            await self._settle_quietly(task, retry_in=STORAGE_RETRY, error=str(error))
        except Exception as error:
            log.exception("task %s (%s) failed", task.task_id, task.kind)
            if task.attempts + 1 >= MAX_ATTEMPTS or handler is None:
                await self._settle_quietly(task, retry_in=None, error=repr(error))
            else:
                await self._settle_quietly(task, retry_in=timedelta(seconds=2 ** (task.attempts + 1)), error=repr(error))

    async def _settle_quietly(self, task: Task, *, retry_in: timedelta | None, error: str) -> None:
        try:
            async with self._db.transaction() as tx:
                if retry_in is None:
                    await task_store.fail(tx, task.task_id, error=error, at=self._clock.now())
                else:
                    await task_store.retry(tx, task.task_id, error=error, retry_at=self._clock.now() + retry_in)
        except StorageUnavailable:
            log.warning("could not note the outcome of task %s; it will run again", task.task_id)
