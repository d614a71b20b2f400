"""A whole python-telegram-bot Application polling the sandbox, as the real bot will."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import AIORateLimiter, Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from sandbox.server import SandboxServer

TOKEN = "123456:SANDBOX-token"
# PTB itself reads RetryAfter.retry_after, which warns about its future type.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_html(
        "<b>નમસ્તે</b>, choose:",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Register", callback_data="register")]]),
    )


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.callback_query.answer("Registered")
    await update.callback_query.edit_message_text("Registered ✅")


async def greet_newcomers(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    names = ", ".join(u.first_name for u in update.message.new_chat_members if not u.is_bot)
    if names:
        await update.effective_chat.send_message(f"Welcome {names}")


@pytest.fixture
async def application(server: SandboxServer) -> AsyncIterator[Application]:
    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(server.api_base_url)
        .base_file_url(server.file_base_url)
        .rate_limiter(AIORateLimiter(max_retries=3))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, greet_newcomers))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(timeout=1, allowed_updates=Update.ALL_TYPES)
    yield app
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def test_start_button_and_edit_through_a_polling_application(application, client):
    ravi = await client.create_user("Ravi")
    started = await client.start_bot(ravi["id"])
    reply = await client.wait_for_bot_message(ravi["id"], contains="નમસ્તે", after_message_id=started["message_id"])
    assert reply["entities"] == [{"type": "bold", "offset": 0, "length": 6}]
    answer = await client.press_button(ravi["id"], reply["message_id"], ravi["id"], "register")
    assert answer == {"text": "Registered", "show_alert": False}
    edited = await client.wait_for_bot_message(ravi["id"], contains="Registered ✅")
    assert edited["message_id"] == reply["message_id"] and "reply_markup" not in edited
    await client.wait_until_idle(timeout=5)
    assert await client.pending_updates() == 0


async def test_service_messages_reach_the_handlers(application, client):
    asha = await client.create_user("Asha")
    mira = await client.create_user("Mira")
    group = await client.create_group("Office", creator_id=asha["id"])
    await client.add_bot(group["id"], added_by=asha["id"])
    await client.add_member(group["id"], mira["id"], added_by=asha["id"])
    welcome = await client.wait_for_bot_message(group["id"], contains="Welcome")
    assert welcome["text"] == "Welcome Mira"


async def test_rate_limited_application_retries_after_429(application, client):
    asha = await client.create_user("Asha")
    group = await client.create_group("Office", creator_id=asha["id"])
    await client.add_bot(group["id"], added_by=asha["id"])
    await client.set_faults(rate_limit=True, group_per_minute=1, retry_after=1)
    await application.bot.send_message(group["id"], "first")
    second = asyncio.create_task(application.bot.send_message(group["id"], "second"))
    await asyncio.sleep(0.3)
    assert not second.done()  # waiting out retry_after
    await client.reset_faults()
    await asyncio.wait_for(second, 5)
    assert [m["text"] for m in await client.bot_messages(group["id"])][-2:] == ["first", "second"]
    assert (await client.stats())["errors"]["429"] >= 1
