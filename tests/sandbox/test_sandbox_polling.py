"""getUpdates as Telegram serves it: long polling, offsets, allowed_updates, conflicts, redelivery."""

from __future__ import annotations

import asyncio
import time

import pytest
import telegram
from telegram import Update

from sandbox import user_actions
from sandbox.schema import check_value

ALL = list(Update.ALL_TYPES)


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot, client, office):
    await bot.get_updates(offset=-1)  # forget the setup's updates
    pending = (await bot.get_updates(timeout=0))
    offset = pending[-1].update_id + 1 if pending else None
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(offset=offset, timeout=10))
    await asyncio.sleep(0.2)
    await client.send_message(office.chat_id, office.ravi["id"], "Are the land records ready?")
    updates = await poll
    assert time.monotonic() - started < 2
    assert [u.message.text for u in updates] == ["Are the land records ready?"]


async def test_long_poll_without_updates_returns_empty_after_its_timeout(bot):
    started = time.monotonic()
    updates = await bot.get_updates(timeout=1)
    elapsed = time.monotonic() - started
    assert updates == ()
    assert 0.9 <= elapsed < 2.5


async def test_unconfirmed_updates_are_delivered_again_until_a_higher_offset(bot, client, office):
    first = await bot.get_updates()
    again = await bot.get_updates()
    assert [u.update_id for u in first] == [u.update_id for u in again] != []
    await bot.get_updates(offset=first[-1].update_id + 1)
    assert await client.pending_updates() == 0
    assert await bot.get_updates() == ()


async def test_update_ids_strictly_increase(bot, client, office):
    for text in ("one", "two", "three"):
        await client.send_message(office.chat_id, office.ravi["id"], text)
    ids = [u.update_id for u in await bot.get_updates()]
    assert ids == sorted(set(ids)) and len(ids) >= 5


async def test_limit_caps_the_batch_and_the_rest_follow(bot, client, office):
    for n in range(5):
        await client.send_message(office.chat_id, office.ravi["id"], f"message {n}")
    first = await bot.get_updates(limit=2)
    assert len(first) == 2
    rest = await bot.get_updates(offset=first[-1].update_id + 1, limit=100)
    assert rest[0].update_id == first[-1].update_id + 1


async def test_negative_offset_keeps_only_the_newest_updates(bot, client, office):
    for text in ("old", "older", "newest"):
        await client.send_message(office.chat_id, office.ravi["id"], text)
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last] == ["newest"]
    assert [u.message.text for u in await bot.get_updates()] == ["newest"]


async def test_allowed_updates_are_remembered_between_calls(bot, client, office):
    assert await bot.get_updates(allowed_updates=["edited_message"]) == ()  # setup messages filtered out
    sent = await client.send_message(office.chat_id, office.ravi["id"], "draft")
    await client.edit_message(office.chat_id, sent["message_id"], office.ravi["id"], "final")
    updates = await bot.get_updates()  # no allowed_updates: the previous choice holds
    assert [u.edited_message.text for u in updates] == ["final"]


def _kinds(updates: tuple[Update, ...]) -> list[str]:
    return [next(key for key in u.to_dict() if key != "update_id") for u in updates]


async def _drain(bot: telegram.Bot, **kwargs) -> None:
    updates = await bot.get_updates(**kwargs)
    if updates:
        await bot.get_updates(offset=updates[-1].update_id + 1)


async def test_chat_member_updates_only_when_asked_for(bot, client, office):
    await _drain(bot)  # the default choice leaves chat_member out
    mira = await client.create_user("Mira")
    await client.add_member(office.chat_id, mira["id"], added_by=office.asha["id"])
    assert _kinds(await bot.get_updates()) == ["message"]
    await _drain(bot, allowed_updates=ALL)
    await client.leave(office.chat_id, mira["id"])
    updates = await bot.get_updates()
    member_updates = [u.chat_member for u in updates if u.chat_member]
    assert [(m.old_chat_member.status, m.new_chat_member.status) for m in member_updates] == [("member", "left")]


async def test_chat_member_updates_need_the_bot_to_be_an_administrator(bot, client, office):
    await client.set_bot_rights(office.chat_id, admin=False, by=office.asha["id"])
    await _drain(bot, allowed_updates=ALL)
    mira = await client.create_user("Mira")
    await client.add_member(office.chat_id, mira["id"], added_by=office.asha["id"])
    updates = await bot.get_updates()
    assert [u.chat_member for u in updates if u.chat_member] == []
    assert updates[-1].message.new_chat_members[0].id == mira["id"]


async def test_a_second_poller_ends_the_first_with_conflict(bot, server):
    async with telegram.Bot(bot.token, base_url=server.api_base_url) as other:
        first = asyncio.create_task(bot.get_updates(timeout=5))
        await asyncio.sleep(0.2)
        second = asyncio.create_task(other.get_updates(timeout=1))
        with pytest.raises(telegram.error.Conflict, match="terminated by other getUpdates request"):
            await first
        assert await second == ()


async def test_get_updates_conflicts_with_a_webhook(bot):
    await bot.set_webhook("https://example.org/samvad")
    with pytest.raises(telegram.error.Conflict, match="webhook is active"):
        await bot.get_updates()
    await bot.delete_webhook()
    await bot.get_updates()


async def test_redelivery_with_the_same_id_after_confirmation(bot, client, office):
    await client.send_message(office.chat_id, office.ravi["id"], "file the report")
    updates = await bot.get_updates()
    delivered = updates[-1]
    await bot.get_updates(offset=delivered.update_id + 1)
    assert await client.redeliver(delivered.update_id) == delivered.update_id
    again = await bot.get_updates(offset=delivered.update_id + 1)
    assert [(u.update_id, u.message.text) for u in again] == [(delivered.update_id, "file the report")]
    await bot.get_updates(offset=delivered.update_id + 1)
    assert await client.pending_updates() == 0


async def test_redelivery_with_a_fresh_id_repeats_the_content(bot, client, office):
    await client.send_message(office.chat_id, office.ravi["id"], "file the report")
    delivered = (await bot.get_updates())[-1]
    await bot.get_updates(offset=delivered.update_id + 1)
    fresh_id = await client.redeliver(delivered.update_id, same_id=False)
    again = await bot.get_updates(offset=delivered.update_id + 1)
    assert fresh_id > delivered.update_id
    assert [(u.update_id, u.message.message_id) for u in again] == [(fresh_id, delivered.message.message_id)]


async def test_every_update_kind_has_the_spec_shape_and_parses(bot, client, server, raw, spec):
    await bot.get_updates(allowed_updates=ALL)
    asha = await client.create_user("Asha")
    ravi = await client.create_user("Ravi")
    mira = await client.create_user("Mira")
    group = await client.create_group("Taluka", creator_id=asha["id"], member_ids=[ravi["id"]])
    await client.add_bot(group["id"], added_by=asha["id"])  # my_chat_member, message
    sent = await client.send_message(group["id"], ravi["id"], "<b>not html</b> for users")
    await client.edit_message(group["id"], sent["message_id"], ravi["id"], "corrected")  # edited_message
    await client.add_member(group["id"], mira["id"], added_by=asha["id"])  # chat_member
    await client.request_join(group["id"], (await client.create_user("Dev"))["id"])  # chat_join_request
    question = await raw.ok("sendMessage", {
        "chat_id": group["id"], "text": "Approve?",
        "reply_markup": {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]},
    })  # fmt: skip
    user_actions.press_button(server.world, group["id"], question["message_id"], ravi["id"], "yes")
    result = await raw.ok("getUpdates", {})
    check_value(spec, ("Array of Update",), result, "result")
    kinds = set()
    for body in result:
        update = Update.de_json(body, bot)
        assert not update.api_kwargs
        kinds |= body.keys() - {"update_id"}
    assert kinds == {"message", "edited_message", "my_chat_member", "chat_member", "chat_join_request", "callback_query"}
