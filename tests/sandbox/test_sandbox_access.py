"""Telegram's refusals: tokens, unknown methods, who the bot may write to, and in which chats."""

from __future__ import annotations

import pytest
import telegram
from telegram.error import BadRequest, Forbidden, InvalidToken

from sandbox.client import SandboxClient
from sandbox.server import SandboxServer

TOKEN = "123456:SANDBOX-token"


async def test_wrong_token_is_unauthorized(raw):
    status, body = await raw.call("getMe", token="123456:wrong")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})


async def test_wrong_token_through_ptb(server):
    with pytest.raises(InvalidToken):
        async with telegram.Bot("123456:wrong", base_url=server.api_base_url):
            pass


async def test_unknown_method_is_not_found(raw):
    status, body = await raw.call("sendTelepathy")
    assert (status, body["description"]) == (404, "Not Found")


async def test_method_names_are_case_insensitive(raw):
    status, body = await raw.call("GETME")
    assert status == 200 and body["result"]["username"] == "samvad_bot"


async def test_spec_method_the_sandbox_lacks_says_so(raw):
    status, body = await raw.call("sendPoll", {"chat_id": 1, "question": "?", "options": []})
    assert (status, body["description"]) == (400, "Bad Request: method is not implemented by the sandbox")


async def test_unknown_chat_is_not_found(bot):
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(-1009999999999, "hello")


async def test_bot_cannot_start_a_conversation(bot, client):
    ravi = await client.create_user("Ravi")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(ravi["id"], "hello")
    await client.start_bot(ravi["id"])
    sent = await bot.send_message(ravi["id"], "hello")
    assert sent.chat.type == "private"


async def test_bot_cannot_write_to_bots(bot, client):
    other = await client.create_user("Helper", username="helper_bot", is_bot=True)
    with pytest.raises(Forbidden, match="bot can't send messages to bots"):
        await bot.send_message(other["id"], "hello")


async def test_blocked_bot_is_forbidden(bot, client):
    ravi = await client.create_user("Ravi")
    await client.start_bot(ravi["id"])
    await client.block_bot(ravi["id"])
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(ravi["id"], "hello")


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def test_join_request_lets_the_bot_write_first_for_five_minutes(spec):
    clock = Clock()
    async with SandboxServer(token=TOKEN, spec=spec, clock=clock) as server:
        async with SandboxClient(server.base_url) as client, telegram.Bot(TOKEN, base_url=server.api_base_url) as bot:
            asha = await client.create_user("Asha")
            mira = await client.create_user("Mira")
            group = await client.create_group("Office", creator_id=asha["id"])
            await client.add_bot(group["id"], added_by=asha["id"])
            await client.request_join(group["id"], mira["id"])
            clock.now += 299
            await bot.send_message(mira["id"], "Please share your employee id")
            clock.now += 2
            with pytest.raises(Forbidden, match="bot can't initiate conversation"):
                await bot.send_message(mira["id"], "Reminder")


async def test_bot_not_in_the_group_is_forbidden_or_never_knew_it(bot, client, office):
    outsider_group = await client.create_group("Other office", creator_id=office.asha["id"])
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(outsider_group["id"], "hello")
    await bot.leave_chat(office.chat_id)
    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.send_message(office.chat_id, "hello")


async def test_kicked_bot_is_forbidden(bot, client, office):
    await client.remove_member(office.chat_id, 123456, by=office.asha["id"])
    with pytest.raises(Forbidden, match="bot was kicked from the supergroup chat"):
        await bot.send_message(office.chat_id, "hello")
    assert (await client.member(office.chat_id, 123456))["status"] == "kicked"


async def test_messages_in_chats_without_the_bot_are_not_delivered(bot, client, office):
    await bot.get_updates(offset=-1)
    last = (await bot.get_updates())[-1].update_id
    await bot.get_updates(offset=last + 1)
    other = await client.create_group("No bot here", creator_id=office.asha["id"])
    await client.send_message(other["id"], office.asha["id"], "private matter")
    assert await bot.get_updates(timeout=0) == ()
    assert [m["text"] for m in await client.messages(other["id"])] == ["private matter"]


async def test_answering_the_join_request_ends_the_leave_to_write_first(bot, client, office):
    mira = await client.create_user("Mira")
    dev = await client.create_user("Dev")
    await client.request_join(office.chat_id, mira["id"])
    await client.request_join(office.chat_id, dev["id"])
    await bot.send_message(mira["id"], "Which taluka do you work in?")
    await bot.approve_chat_join_request(office.chat_id, mira["id"])
    await bot.decline_chat_join_request(office.chat_id, dev["id"])
    with pytest.raises(Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(dev["id"], "Sorry")
    with pytest.raises(Forbidden, match="bot can't initiate conversation"):
        await bot.send_message(mira["id"], "Welcome")
    await client.send_message(mira["id"], mira["id"], "Gandhinagar")  # she may answer what the bot asked
    await bot.send_message(mira["id"], "Welcome")  # and now they have a conversation
