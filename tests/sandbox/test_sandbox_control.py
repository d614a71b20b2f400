"""The control API and SandboxClient: refusals, waiting, the event stream and the whole state."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest

from sandbox.client import SandboxClient, SandboxError

KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("Present", callback_data="present")]])


async def test_unknown_people_and_chats_are_refused(client, office):
    with pytest.raises(SandboxError, match="user 42 does not exist") as refused:
        await client.send_message(office.chat_id, 42, "hello")
    assert refused.value.status == 404
    with pytest.raises(SandboxError, match="chat -5 does not exist"):
        await client.add_member(-5, office.ravi["id"], added_by=office.asha["id"])


async def test_outsiders_cannot_post(client, office):
    stranger = await client.create_user("Stranger")
    with pytest.raises(SandboxError, match="not a member"):
        await client.send_message(office.chat_id, stranger["id"], "hi")


async def test_private_chat_needs_start_first(client, office):
    with pytest.raises(SandboxError, match="has not started the bot"):
        await client.send_message(office.ravi["id"], office.ravi["id"], "hello bot")
    started = await client.start_bot(office.ravi["id"])
    assert (started["text"], started["entities"][0]["type"]) == ("/start", "bot_command")
    await client.send_message(office.ravi["id"], office.ravi["id"], "hello bot")


async def test_create_user_returns_the_user_and_phone(client):
    user = await client.create_user("Kiran", last_name="Joshi", username="kiran_j", phone="+919825012345", language_code="gu")
    assert user == {
        "id": user["id"], "is_bot": False, "first_name": "Kiran", "last_name": "Joshi",
        "username": "kiran_j", "language_code": "gu", "phone": "+919825012345",
    }  # fmt: skip
    with pytest.raises(SandboxError, match="taken"):
        await client.create_user("Other", username="kiran_j")


async def test_press_button_returns_the_bots_answer(bot, client, office):
    sent = await bot.send_message(office.chat_id, "Attendance", reply_markup=KEYBOARD)

    async def bot_answers() -> None:
        updates = await bot.get_updates(timeout=5, allowed_updates=["callback_query"])
        await updates[-1].callback_query.answer("Marked present", show_alert=True)

    answering = asyncio.create_task(bot_answers())
    answer = await client.press_button(office.chat_id, sent.message_id, office.ravi["id"], "present")
    await answering
    assert answer == {"text": "Marked present", "show_alert": True}


async def test_press_button_times_out_when_the_bot_is_silent(bot, client, office):
    sent = await bot.send_message(office.chat_id, "Attendance", reply_markup=KEYBOARD)
    with pytest.raises(TimeoutError, match="did not answer"):
        await client.press_button(office.chat_id, sent.message_id, office.ravi["id"], "present", wait=0.3)


async def test_press_button_needs_a_real_button(bot, client, office):
    sent = await bot.send_message(office.chat_id, "Attendance", reply_markup=KEYBOARD)
    with pytest.raises(SandboxError, match="no button"):
        await client.press_button(office.chat_id, sent.message_id, office.ravi["id"], "absent")


async def test_late_answer_is_too_old(bot, client, office, server):
    sent = await bot.send_message(office.chat_id, "Attendance", reply_markup=KEYBOARD)
    with pytest.raises(TimeoutError):
        await client.press_button(office.chat_id, sent.message_id, office.ravi["id"], "present", wait=0.1)
    (query,) = server.world.callback_queries.values()
    query.created_at -= 60
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query.id)


async def test_wait_for_bot_message_sees_later_messages_and_edits(bot, client, office):
    first = await bot.send_message(office.chat_id, "Working on it")

    async def later() -> None:
        await asyncio.sleep(0.2)
        await bot.edit_message_text("Done: mutation 42 entered", office.chat_id, first.message_id)

    task = asyncio.create_task(later())
    found = await client.wait_for_bot_message(office.chat_id, contains="mutation 42", timeout=3)
    await task
    assert found["message_id"] == first.message_id
    with pytest.raises(TimeoutError, match=f"containing 'mutation' after message {first.message_id} in chat {office.chat_id}"):
        await client.wait_for_bot_message(office.chat_id, contains="mutation", after_message_id=first.message_id, timeout=0.2)


async def test_wait_until_idle_waits_for_confirmation(bot, client, office):
    await client.send_message(office.chat_id, office.ravi["id"], "hello")
    with pytest.raises(TimeoutError, match="updates unconfirmed"):
        await client.wait_until_idle(timeout=0.3)

    async def poll_once() -> None:
        updates = await bot.get_updates()
        await bot.get_updates(offset=updates[-1].update_id + 1)

    await poll_once()
    await client.wait_until_idle(timeout=2)
    assert await client.pending_updates() == 0


async def test_commands_show_what_set_my_commands_stored(bot, client, office):
    await bot.set_my_commands([("help", "Help"), ("status", "Status")])
    await bot.set_my_commands([("madad", "મદદ")], language_code="gu")
    scope = {"type": "chat", "chat_id": office.chat_id}
    await bot.set_my_commands([("close", "Close the case")], scope=scope)
    assert [c["command"] for c in await client.commands()] == ["help", "status"]
    assert await client.commands(language_code="gu") == [{"command": "madad", "description": "મદદ"}]
    assert [c["command"] for c in await client.commands(scope=scope)] == ["close"]
    await bot.delete_my_commands()
    assert await client.commands() == []


async def test_invite_links_show_whole_links(bot, client, office):
    link = await bot.create_chat_invite_link(office.chat_id, name="staff")
    primary = await bot.export_chat_invite_link(office.chat_id)
    links = await client.invite_links(office.chat_id)
    assert [(l["invite_link"], l["is_primary"]) for l in links] == [(link.invite_link, False), (primary, True)]


async def test_events_stream_world_changes(server, client, office):
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{server.base_url}/sandbox/events") as stream:
            assert stream.headers["Content-Type"] == "text/event-stream"
            await stream.content.readline()  # ": connected"
            await stream.content.readline()
            await client.send_message(office.chat_id, office.ravi["id"], "for the console")
            event_line = await asyncio.wait_for(stream.content.readline(), 2)
            data_line = await asyncio.wait_for(stream.content.readline(), 2)
    assert event_line == b"event: message\n"
    event = json.loads(data_line.removeprefix(b"data: "))
    assert (event["chat_id"], event["message"]["text"], event["message"]["deleted"]) == (
        office.chat_id, "for the console", False,
    )  # fmt: skip


async def test_state_holds_the_whole_world(client, office):
    await client.send_message(office.chat_id, office.ravi["id"], "hello")
    state = await client.state()
    assert {u["first_name"] for u in state["users"]} == {"Samvad", "Asha", "Ravi"}
    (chat,) = state["chats"]
    assert chat["chat"]["id"] == office.chat_id
    assert [m["status"] for m in chat["members"]] == ["creator", "member", "administrator"]
    assert chat["messages"][-1]["text"] == "hello"


async def test_client_closes_explicitly(server):
    client = SandboxClient(server.base_url)
    await client.create_user("Once")
    await client.close()
    await client.close()


async def test_users_send_explicit_entities_and_replies(bot, client, office):
    question = await bot.send_message(office.chat_id, "Whose file is this?")
    answer = await client.send_message(
        office.chat_id, office.ravi["id"], "મારી ફાઇલ",
        reply_to=question.message_id, entities=[{"type": "italic", "offset": 0, "length": 4}],
    )  # fmt: skip
    assert answer["entities"] == [{"type": "italic", "offset": 0, "length": 4}]
    assert answer["reply_to_message"]["message_id"] == question.message_id
    with pytest.raises(SandboxError, match="does not exist"):
        await client.send_message(office.chat_id, office.ravi["id"], "re", reply_to=999)
