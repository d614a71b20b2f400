"""Commands for the groups' admin posts, the Telegram side: /bind, /unbind, /members, /audit, /transfer.

Who may use them and what they do are rules of the circular (§2, §6) in `coordination.group_admin`; here each
command's arguments are parsed and the rule's answer is said.
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CommandHandler, filters

from coordination import group_admin
from coordination.answers import Answer, Reply
from coordination.group_admin import AdminCommand
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers.membership import group_of, person_of
from handlers.moderation_args import command_arguments
from handlers.replying import redirect, say
from runtime.context import SamvadContext
from runtime.purposes import Purpose
from storage.membership_args import ArgumentError, parse_bind, parse_transfer

GROUP_ADMINS = frozenset({Audience.GROUP_ADMIN})
BIND = Command("bind", "Bind this group to its level", GROUP_ADMINS,
               usage="state | hod land-records | hod registration | district NAME")
UNBIND = Command("unbind", "Release this group's binding", GROUP_ADMINS)
MEMBERS = Command("members", "Who is in this group, compared with the roster", GROUP_ADMINS)
AUDIT = Command("audit", "Every bound group compared with the roster (state admin posts)",
                frozenset({Audience.PRIVATE}))
TRANSFER = Command("transfer", "Pass a post to a new official number or holder",
                   frozenset({Audience.PRIVATE, Audience.GROUP_ADMIN}), usage="POST_ID NEW_NUMBER [NAME]")

MESSAGES = filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & MESSAGES
PRIVATE = filters.ChatType.PRIVATE & MESSAGES


def feature() -> Feature:
    """The group administration feature."""
    return Feature(
        name="group_admin",
        handlers=[
            (Stage.COMMAND, CommandHandler("bind", bind, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("unbind", unbind, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("members", members, filters=GROUPS)),
            (Stage.COMMAND, CommandHandler("audit", audit_all, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("transfer", transfer, filters=MESSAGES)),
            (Stage.COMMAND, CommandHandler(["bind", "unbind", "members"], only_in_groups, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("audit", only_in_private, filters=GROUPS)),
        ],
        commands=[BIND, UNBIND, MEMBERS, AUDIT, TRANSFER],
    )


def _command(update: Update) -> AdminCommand:
    return AdminCommand(group_of(update.effective_chat), person_of(update.effective_user),
                        update.effective_message.message_id)


def _arguments(update: Update) -> str:
    return command_arguments(update.effective_message.text or "")


def _usage(error: ArgumentError) -> Reply:
    return Reply(f"{escape(error.reason[0].upper() + error.reason[1:])}.\nUsage: {escape(error.usage)}",
                 Purpose.MEMBERSHIP_USAGE)


async def only_in_groups(update: Update, context: SamvadContext) -> None:
    """/bind, /unbind and /members are sent in the group they are about."""
    await redirect(update, context, "Send this command in the group it is about.")


async def only_in_private(update: Update, context: SamvadContext) -> None:
    """/audit lists every group, so it answers only in private."""
    await redirect(update, context, "/audit answers in a private chat with Samvad (it covers every group).")


async def bind(update: Update, context: SamvadContext) -> None:
    """Bind this group to a level, office or district: only that level's admin post may."""
    target = parse_bind(_arguments(update))
    if isinstance(target, ArgumentError):
        answer: Answer | None = _usage(target)
    else:
        answer = await group_admin.bind(collaborators(context), _command(update), target)
    await say(update, context, answer)


async def unbind(update: Update, context: SamvadContext) -> None:
    """Release this group's binding: only its admin post may."""
    await say(update, context, await group_admin.unbind(collaborators(context), _command(update)))


async def members(update: Update, context: SamvadContext) -> None:
    """Who is in this group compared with the roster: for its admin posts."""
    await say(update, context, await group_admin.members(collaborators(context), _command(update), bot_id=context.bot.id))


async def audit_all(update: Update, context: SamvadContext) -> None:
    """Every bound group compared with the roster: for the state admin posts, in private."""
    await say(update, context, await group_admin.audit_all(collaborators(context), person_of(update.effective_user),
                                                       bot_id=context.bot.id))


async def transfer(update: Update, context: SamvadContext) -> None:
    """Pass a post to a new number or holder: a state admin any post, an HoD or Collector their own."""
    order = parse_transfer(_arguments(update))
    if isinstance(order, ArgumentError):
        answer: Answer | None = _usage(order)
    else:
        answer = await group_admin.transfer(collaborators(context), _command(update), order)
    await say(update, context, answer)
