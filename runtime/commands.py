"""The commands the bot offers: for /help and Telegram's command menu (setMyCommands)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Audience(str, Enum):
    """Who a command is offered to in Telegram's command menu."""

    PRIVATE = "private"  # anyone, in their private chat with the bot
    GROUP = "group"  # every member, in a group
    GROUP_ADMIN = "group_admin"  # the group's admin posts


@dataclass(frozen=True)
class Command:
    """A command the bot offers, for /help and setMyCommands."""

    name: str
    description: str
    audiences: frozenset[Audience]
    usage: str = ""
