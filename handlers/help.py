"""/help and /start: what the bot does here, with the circular's clauses."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CommandHandler

from runtime.context import SamvadContext
from handlers.feature import Audience, Command, Feature, Stage
from handlers.replying import reply
from storage import roster
from runtime.purposes import Purpose

HELP = Command(
    "help",
    "What Samvad does here and the commands you can use",
    frozenset({Audience.PRIVATE, Audience.GROUP}),
)

CIRCULAR = "the Revenue Department's circular ITP/102019/35/H2"
BOUND_GROUP_HELP = (
    "Samvad keeps the official record of {group}, one of the coordination groups of " + CIRCULAR + " (§2)."
    " Every message, edit, instruction and acknowledgement goes into a tamper-evident log; instructions get an"
    " Acknowledge button, and the admin posts can export the record.",
    "Every message is also checked against the circular: no confidential information or policy proposals (§2;"
    " send them by official e-mail, §1), no personal data of private individuals and nothing defamatory or hostile"
    " (§8). Samvad warns in the language of the message and, as the admin posts set with /policy, removes it (the"
    " record keeps it) or tells them privately; they can overrule it in one tap.",
)
UNBOUND_GROUP_HELP = (
    "Samvad runs the coordination groups of " + CIRCULAR + " (§2): every message is kept in a tamper-evident"
    " log, instructions and acknowledgements are tracked, and members are admitted by their official numbers.",
    "This group is not bound to the roster yet, so Samvad only records it. Its admin post binds it with /bind;"
    " then instructions are tracked and messages are checked against the circular (§2 confidential matters,"
    " §8 personal data and hostile content).",
)
PRIVATE_HELP = (
    "Samvad runs the Revenue Department's official coordination groups (circular ITP/102019/35/H2, §2). Here you"
    " verify your official number with /start to be admitted to the groups your post belongs in (§2, §6), see"
    " what is waiting for your acknowledgement, and, as an admin post, pull the record.",
    "Before posting on social media, send a draft with /check: Samvad points out personal data and names of"
    " individuals (§8: share aggregate information), hostile or defamatory content (§8) and confidential or policy"
    " content (§2, §4), and reminds you that a personal account adds a disclaimer on policy posts (§9)."
    " Nothing of the draft is kept.",
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
    """Explain what the bot does in this chat (two paragraphs with the circular's clauses) and list its commands."""
    services = context.services
    private = update.effective_chat.type == "private"
    audience = Audience.PRIVATE if private else Audience.GROUP
    paragraphs = await _paragraphs(context, update.effective_chat.id, private)
    lines = ["\n\n".join(escape(paragraph) for paragraph in paragraphs), ""]
    for command in services.commands:
        if audience in command.audiences or (not private and Audience.GROUP_ADMIN in command.audiences):
            for_admins = Audience.GROUP_ADMIN in command.audiences and audience not in command.audiences
            usage = escape(command.usage and " " + command.usage)
            lines.append(f"/{command.name}{usage} — {escape(command.description)}{' (admins)' if for_admins else ''}")
    await reply(update, context, "\n".join(lines), purpose=Purpose.HELP)


async def _paragraphs(context: SamvadContext, chat_id: int, private: bool) -> tuple[str, str]:
    if private:
        return PRIVATE_HELP
    binding = await roster.binding_of(context.services.db, chat_id)
    if binding is None:
        return UNBOUND_GROUP_HELP
    first, second = BOUND_GROUP_HELP
    return first.format(group=binding.title), second
