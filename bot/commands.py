"""The command menu: what each audience sees in Telegram, from the features' own lists."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
)

from handlers.feature import Audience, Command, Feature

SCOPES: tuple[tuple[BotCommandScope, frozenset[Audience]], ...] = (
    (BotCommandScopeAllPrivateChats(), frozenset({Audience.PRIVATE})),
    (BotCommandScopeAllGroupChats(), frozenset({Audience.GROUP})),
    (BotCommandScopeAllChatAdministrators(), frozenset({Audience.GROUP, Audience.GROUP_ADMIN})),
)


def all_commands(features: Sequence[Feature]) -> list[Command]:
    """Every command offered by the features, in feature order."""
    return [command for feature in features for command in feature.commands]


def menu_for(features: Sequence[Feature], audiences: frozenset[Audience]) -> list[BotCommand]:
    """The menu entries for a scope that serves these audiences."""
    return [
        BotCommand(command.name, command.description)
        for command in all_commands(features)
        if command.audiences & audiences
    ]


async def publish_commands(bot: Bot, features: Sequence[Feature]) -> None:
    """Tell Telegram the menu for private chats, group members and group admins."""
    for scope, audiences in SCOPES:
        await bot.set_my_commands(menu_for(features, audiences), scope=scope)
