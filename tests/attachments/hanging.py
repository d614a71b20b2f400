"""Readers for the pool tests: module-level, so the worker process can import them by name."""

from __future__ import annotations

import os
import time


def hang(data: bytes, filename: str, mime: str, limits) -> None:
    """A parser stuck in a loop that ignores every deadline."""
    while True:
        time.sleep(1)


def die(data: bytes, filename: str, mime: str, limits) -> None:
    """A worker killed from outside (the out-of-memory killer)."""
    os._exit(9)
