"""/export and /search in the private chat: the commands and buttons coordination.exports answers."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from coordination import exports
from coordination.exports import MenuMessage, TypedExport, forget_delivered_export  # noqa: F401 - bot wires the hook
from coordination.answers import Unreadable
from handlers.collaborators import collaborators
from handlers.feature import Audience, Command, Feature, Stage
from handlers.record_args import UsageError, export_choice, search_words, typed_export
from handlers.replying import command_args, redirect, say, say_to_press
from runtime.context import SamvadContext

EXPORT = Command("export", "Export a group's record (CSV, JSON Lines or HTML report)", frozenset({Audience.PRIVATE}),
                 "[GROUP FROM TO FORMAT]")
SEARCH = Command("search", "Search the record of the groups you may see", frozenset({Audience.PRIVATE}), "WORDS")


def feature() -> Feature:
    """The exports and search feature."""
    return Feature(
        name="exports",
        handlers=[
            (Stage.COMMAND, CommandHandler("export", start_export)),
            (Stage.COMMAND, CallbackQueryHandler(choose_export, pattern=r"^x(\|.*)?$")),
            (Stage.COMMAND, CommandHandler("search", search_record)),
        ],
        commands=[EXPORT, SEARCH],
    )


async def start_export(update: Update, context: SamvadContext) -> None:
    """/export: offer the groups (and incidents) this person may export, or run a typed export."""
    if update.effective_chat.type != "private":
        await redirect(update, context, "Exports are made in a private chat with me: open it and send /export.")
        return
    typed: TypedExport | Unreadable | None = None
    if args := command_args(update):
        try:
            typed = typed_export(args)
        except UsageError as error:
            typed = Unreadable(str(error))
    answer = await exports.start_export(collaborators(context), update.effective_user.id, typed,
                                        chat_id=update.effective_chat.id)
    await say(update, context, answer)


async def choose_export(update: Update, context: SamvadContext) -> None:
    """The next step of /export's buttons: period, format, masking, then the export itself."""
    query = update.callback_query
    try:
        choice = export_choice(query.data)
    except UsageError as error:
        await query.answer(str(error), show_alert=True)
        return
    c = collaborators(context)
    refusal = await exports.choice_refusal(c, query.from_user.id, choice)
    if refusal is not None:
        await say_to_press(query, context, refusal)
        return
    await query.answer()
    await exports.next_export_step(c, query.from_user.id, choice,
                                   MenuMessage(query.message.chat.id, query.message.message_id))


async def search_record(update: Update, context: SamvadContext) -> None:
    """/search WORDS: the groups an admin oversees; for other members, the instructions addressed to them."""
    if update.effective_chat.type != "private":
        await redirect(update, context, "Search the record in a private chat with me: /search WORDS.")
        return
    words: str | Unreadable
    try:
        words = search_words(command_args(update))
    except UsageError as error:
        words = Unreadable(str(error))
    await say(update, context, await exports.search_record(collaborators(context), update.effective_user.id, words))
