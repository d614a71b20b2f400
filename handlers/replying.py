"""Small helpers the record's handlers share: replying through the outbox, and showing times."""

from __future__ import annotations

from datetime import datetime, tzinfo

from telegram import InlineKeyboardMarkup, Update

from bot.context import SamvadContext


async def reply(
    update: Update, context: SamvadContext, html_text: str, *, purpose: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Answer the message that asked, through the outbox."""
    services = context.services
    async with services.db.transaction() as tx:
        await services.outbox.send_message(
            tx, update.effective_chat.id, html_text, purpose=purpose,
            reply_to=update.effective_message.message_id if update.effective_message else None, markup=markup,
        )


def when(moment: datetime, zone: tzinfo) -> str:
    """A time as people here write it: "Tue 21 Jan, 17:00"."""
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"


def command_args(update: Update) -> str:
    """The text after a command's name."""
    text = update.effective_message.text or "" if update.effective_message else ""
    return text.partition(" ")[2].strip()
