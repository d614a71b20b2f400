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
    " coordination, without compromising record keeping). Every message, instruction and acknowledgement is"
    " kept in a tamper-evident log; instructions get an Acknowledge button, and coordinators pull logs and"
    " exports. Members are admitted on their official numbers from the roster (§2, §6).",
    "Samvad also reads what is posted here. Confidential information and policy proposals stay off this group"
    " (§2); personal data of citizens, and content that defames or breeds enmity, are not shared (§8). When"
    " the filter finds such content, the member is warned in their language and the message may be removed"
    " and kept in the record; the group's admin posts can overrule any warning with one tap.",
)
PRIVATE_INTRO = (
    "Samvad runs the Revenue Department's official coordination groups (circular ITP/102019/35/H2, §2). Here"
    " you verify your official number (/start, then share your contact) and get invite links to the groups"
    " your post belongs in; coordinators pull records, exports and situation reports.",
    "Before posting on social media, send a draft with /check: Samvad points out personal data, names of"
    " individuals, hostile or confidential content, and reminds you of the disclaimer for personal accounts"
    " (§4, §8, §9). Nothing of a draft is stored.",
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
    lines = [escape(paragraph) + "\n" for paragraph in intro]
    for command in context.services.commands:
        if audience in command.audiences or (not private and Audience.GROUP_ADMIN in command.audiences):
            admin_note = " (admins)" if Audience.GROUP_ADMIN in command.audiences and audience not in command.audiences else ""
            lines.append(f"/{command.name}{escape(command.usage and ' ' + command.usage)} — {escape(command.description)}{admin_note}")
    services = context.services
    async with services.db.transaction() as tx:
        await services.outbox.send_message(
            tx, update.effective_chat.id, "\n".join(lines), purpose="help", reply_to=update.effective_message.message_id
        )
