"""The Bot API methods the sandbox implements, by their spec names."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.methods import invites, members, messages, meta
from sandbox.world import World

Handler = Callable[[World, dict], Any | Awaitable[Any]]


def method_table() -> dict[str, Handler]:
    """Every implemented method; anything else in the spec answers "not implemented"."""
    table: dict[str, Handler] = {}
    for module in (meta, messages, members, invites):
        overlap = table.keys() & module.METHODS.keys()
        if overlap:
            raise RuntimeError(f"methods defined twice: {sorted(overlap)}")
        table.update(module.METHODS)
    return table
