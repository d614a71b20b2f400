"""The stop request a signal sets, and whether the run it stops is up yet."""

from __future__ import annotations

import asyncio


class StopRequest(asyncio.Event):
    """Set on SIGINT/SIGTERM. A run calls running() once it is up: before that, a stop cancels its start at once
    (nothing started is worth finishing, and all of it is done again at the next start)."""

    def __init__(self) -> None:
        super().__init__()
        self.is_running = False

    def running(self) -> None:
        """The run is up: from now on a stop lets what is in flight finish (briefly)."""
        self.is_running = True


def mark_running(stop: asyncio.Event) -> None:
    """Tell a StopRequest the run is up (a plain Event, as tests pass, needs no telling)."""
    if isinstance(stop, StopRequest):
        stop.running()
