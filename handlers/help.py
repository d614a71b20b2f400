"""/help and /start: what the bot does here, with the circular's clauses."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import SamvadContext
from handlers.feature import Audience, Command, Feature, Stage

HELP = Command(
    "help",
    "What Samvad does here and the commands you can use",
    frozenset({Audience.PRIVATE, Audience.GROUP}),
)

GROUP_INTRO = (
    "Samvad keeps the official record of this coordination group, as the Revenue Department's circular"
    " ITP/102019/35/H2 asks (§2: groups at State, HoD and District level for disaster and routine"
    " coordination, without compromising record keeping). Every message, instruction and acknowledgement"
    " is kept in a tamper-evident log that coordinators can export."
)
PRIVATE_INTRO = (
    "Samvad runs the Revenue Department's official coordination groups (circular ITP/102019/35/H2, §2)."
    " In this private chat you can verify your official number, check a draft before posting it"
    " (§4, §8, §9), and pull records if you coordinate a group."
)


def feature() -> Feature:
    """The help feature."""
    return Feature(
        name="help",
        handlers=[
            (Stage.COMMAND, CommandHandler("help", show_help)),
            (Stage.COMMAND, CommandHandler("start", show_help)),
        ],
        commands=[HELP],
    )


async def show_help(update: Update, context: SamvadContext) -> None:
    """Explain the bot and list the commands offered in this kind of chat."""
    private = update.effective_chat.type == "private"
    audience = Audience.PRIVATE if private else Audience.GROUP
    intro = PRIVATE_INTRO if private else GROUP_INTRO
    lines = [escape(intro), ""]
    for command in context.services.commands:
        if audience in command.audiences or (not private and Audience.GROUP_ADMIN in command.audiences):
            admin_note = " (admins)" if Audience.GROUP_ADMIN in command.audiences and audience not in command.audiences else ""
            lines.append(f"/{command.name}{escape(command.usage and ' ' + command.usage)} — {escape(command.description)}{admin_note}")
    services = context.services
    async with services.db.transaction() as tx:
        await services.outbox.send_message(
            tx, update.effective_chat.id, "\n".join(lines), purpose="help", reply_to=update.effective_message.message_id
        )
