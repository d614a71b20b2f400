"""Where the bot gets the time from, so a test can move it forward."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """A source of the current instant."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """The machine's clock."""

    def now(self) -> datetime:
        """The current instant in UTC."""
        return datetime.now(UTC)


class AdjustableClock:
    """The machine's clock plus an offset that only grows: time in a test can jump ahead."""

    def __init__(self) -> None:
        self._offset = timedelta()

    def now(self) -> datetime:
        """The current instant in UTC, moved ahead by every advance so far."""
        return datetime.now(UTC) + self._offset

    def advance(self, delta: timedelta) -> None:
        """Jump ahead by delta."""
        if delta < timedelta():
            raise ValueError("time only moves forward")
        self._offset += delta
