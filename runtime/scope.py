"""The unit of work being handled (one update or one scheduled task).

Owed Bot API calls get dedupe keys from it, so replaying an update after a crash
owes the same calls again instead of new ones: nothing is sent twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from storage.errors import StorageUnavailable


@dataclass
class WorkScope:
    """What is known about the work in progress."""

    key: str
    owed: dict[str, int] = field(default_factory=dict)
    storage_error: StorageUnavailable | None = None
    # Set by a handler whose update carries text that must not be kept (a /check draft):
    # the inbox drops the update's content once it is handled.
    forget_payload: bool = False
    notes: dict[str, object] = field(default_factory=dict)

    def next_dedupe_key(self, purpose: str) -> str:
        """A key unique to this work and stable across a replay of it.

        Counted per purpose: on a replay, a stage that finds its work already done owes
        nothing, and must not shift the keys of the stages after it onto calls already sent.
        """
        self.owed[purpose] = self.owed.get(purpose, 0) + 1
        return f"{self.key}:{purpose}:{self.owed[purpose]}"


_current: ContextVar[WorkScope | None] = ContextVar("samvad_work_scope", default=None)


@contextmanager
def work_scope(key: str) -> Iterator[WorkScope]:
    """Run a block as one unit of work named key (e.g. "u1234" for update 1234)."""
    scope = WorkScope(key)
    token = _current.set(scope)
    try:
        yield scope
    finally:
        _current.reset(token)


def current_scope() -> WorkScope | None:
    """The unit of work in progress, if any."""
    return _current.get()
