"""How handlers answer: `say` and `say_to_press` say what a rule answered (coordination.answers); beneath them,
replies through the outbox, refusals and redirections.

A refusal (the sender may not use this) starts with REFUSED and is journalled; a
redirection (right command, wrong kind of chat) starts with ELSEWHERE. Members learn
to tell the two apart at a glance, and the authorisation tests rely on it.
"""

from __future__ import annotations

from telegram import CallbackQuery, Update

from coordination.answers import Answer, ButtonAnswer, ButtonRefusal, Keyboard, PressAnswer, Redirect, Refusal, Reply
from handlers.recording import save_chat_and_sender
from runtime.context import SamvadContext
from runtime.purposes import Purpose
from storage import journal

REFUSED = "⛔"
ELSEWHERE = "↪️"


async def say(update: Update, context: SamvadContext, answer: Answer | None) -> None:
    """Say what a rule answered a command with: a reply, a refusal or a redirection (nothing for None)."""
    if isinstance(answer, Reply):
        await reply(update, context, answer.text, purpose=answer.purpose, markup=answer.markup)
    elif isinstance(answer, Refusal):
        await refuse(update, context, answer.reason, command=answer.command)
    elif isinstance(answer, Redirect):
        await redirect(update, context, answer.text)


async def say_to_press(query: CallbackQuery, context: SamvadContext, answer: PressAnswer) -> None:
    """Say what a rule answered a button press with: what the presser sees, or a refusal."""
    if isinstance(answer, ButtonRefusal):
        await refuse_button(query, context, answer.reason, button=answer.button)
    else:
        assert isinstance(answer, ButtonAnswer)
        await query.answer(answer.text, show_alert=answer.alert or None)


async def reply(
    update: Update, context: SamvadContext, html_text: str, *, purpose: Purpose, markup: Keyboard | None = None
) -> None:
    """Answer the message that asked, through the outbox."""
    services = context.services
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, update.effective_chat, update.effective_user, context)
        await services.outbox.send_message(
            tx, update.effective_chat.id, html_text, purpose=purpose,
            reply_to=update.effective_message.message_id if update.effective_message else None, markup=markup,
        )


async def refuse(update: Update, context: SamvadContext, html_reason: str, *, command: str) -> None:
    """Refuse a command the sender may not use: a short reply, and a journal entry of who tried what where."""
    services = context.services
    async with services.db.transaction() as tx:
        await save_chat_and_sender(tx, update.effective_chat, update.effective_user, context)
        await journal.append(
            tx, kind="command_refused", chat_id=update.effective_chat.id, actor_id=update.effective_user.id,
            at=services.clock.now(), body={"command": command},
        )
        await services.outbox.send_message(
            tx, update.effective_chat.id, f"{REFUSED} {html_reason}", purpose=Purpose.REFUSAL,
            reply_to=update.effective_message.message_id if update.effective_message else None,
        )


async def refuse_button(query: CallbackQuery, context: SamvadContext, reason: str, *, button: str) -> None:
    """Refuse a button press: an alert only the presser sees, and a journal entry."""
    services = context.services
    chat_id = query.message.chat.id if query.message else None
    async with services.db.transaction() as tx:
        await journal.append(
            tx, kind="button_refused", chat_id=chat_id, actor_id=query.from_user.id, at=services.clock.now(),
            body={"button": button},
        )
    await query.answer(_alert_text(f"{REFUSED} {reason}"), show_alert=True)


# answerCallbackQuery takes at most 200 characters of text; Telegram refuses a longer alert outright.
ALERT_LIMIT = 200


def _alert_text(text: str) -> str:
    return text if len(text) <= ALERT_LIMIT else text[: ALERT_LIMIT - 1] + "…"


async def redirect(update: Update, context: SamvadContext, html_text: str) -> None:
    """Point a command sent in the wrong kind of chat to the right one."""
    await reply(update, context, f"{ELSEWHERE} {html_text}", purpose=Purpose.REDIRECT)


def command_args(update: Update) -> str:
    """The text after a command's name."""
    text = update.effective_message.text or "" if update.effective_message else ""
    return text.partition(" ")[2].strip()
