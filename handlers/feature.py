"""What a feature module gives the application: its handlers, scheduled tasks and commands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

from telegram.ext import BaseHandler

from runtime.commands import Audience, Command

__all__ = ["Audience", "Command", "Feature", "Stage"]

if TYPE_CHECKING:
    from runtime.scheduler import TaskHandler


class Stage(int, Enum):
    """Handler groups, in the order PTB runs them for each update.

    PTB runs at most one handler per group for an update (the first that matches), so
    each feature's catch-all handler has a stage of its own.
    """

    RECORD = -10  # record every update first; stops propagation only for a duplicate delivery
    GATE = 0  # membership: join requests, new members, unverified members
    COMMAND = 10  # commands and buttons (each matches only its own command or callback data)
    MODERATE = 20  # the content filter's actions on group messages
    ATTACHMENT = 25  # documents and photos queued for reading (handlers/attachments.py)
    INSTRUCT = 30  # instructions captured for the record
    ACKNOWLEDGE = 40  # acknowledgements by reply


@dataclass(frozen=True)
class Feature:
    """One feature module's contribution to the application."""

    name: str
    handlers: Sequence[tuple[Stage, BaseHandler]] = ()
    tasks: dict[str, TaskHandler] = field(default_factory=dict)
    commands: Sequence[Command] = ()
