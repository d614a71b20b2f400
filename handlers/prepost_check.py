"""The pre-post check of a social-media draft, in a private chat (circular §4, §8, §9): the Telegram side.

`/check TEXT`, or `/check` and then the draft as the next message; the rules and the answer are in
coordination.prepost (nothing of the draft is kept).
"""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from coordination import prepost
from coordination.prepost import ONLY_PRIVATE
from handlers import update_filters
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers.moderation_args import AwaitDraft, parse_check
from handlers.replying import redirect
from runtime.context import SamvadContext

CHECK = Command(
    "check", "Check a social-media draft before posting it (§4, §8, §9); nothing of it is kept",
    frozenset({Audience.PRIVATE}), usage="TEXT",
)
PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
DRAFT = update_filters.private_words(PRIVATE & (filters.TEXT | filters.CAPTION) & ~filters.COMMAND)


def feature() -> Feature:
    """The pre-post check feature."""
    return Feature(
        name="prepost_check",
        handlers=[
            (Stage.COMMAND, CommandHandler("check", check_command, filters=PRIVATE)),
            (Stage.COMMAND, CommandHandler("check", only_in_private, filters=GROUPS)),
            (Stage.MODERATE, MessageHandler(DRAFT, check_awaited_draft)),
        ],
        commands=[CHECK],
    )


async def check_command(update: Update, context: SamvadContext) -> None:
    """/check TEXT answers at once; /check alone waits for the draft."""
    parsed = parse_check(update.effective_message.text or "")
    c = collaborators(context)
    if isinstance(parsed, AwaitDraft):
        await prepost.await_draft(c, update.effective_user.id, update.effective_chat.id)
        return
    await prepost.check_draft(c, update.effective_user.id, update.effective_chat.id, parsed.text)


async def check_awaited_draft(update: Update, context: SamvadContext) -> None:
    """The private message after a bare /check is the draft; other private messages are left alone."""
    c = collaborators(context)
    if not await prepost.is_awaiting(c, update.effective_user.id):
        return
    message = update.effective_message
    await prepost.check_draft(c, update.effective_user.id, update.effective_chat.id, message.text or message.caption or "")


async def only_in_private(update: Update, context: SamvadContext) -> None:
    """/check in a group: point to the private chat (the text itself is moderated like any message)."""
    await redirect(update, context, escape(ONLY_PRIVATE))
