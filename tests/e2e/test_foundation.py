"""The bot end to end: real python-telegram-bot over HTTP against the sandbox, a real SQLite file."""

from __future__ import annotations

from bot.runner import running_bot
from storage import journal, messages
from tests.conftest import eventually


async def _group_with_bot(client, title="District Kutch", *, bot_running=True):
    collector = await client.create_user("Rajesh", last_name="Patel", phone="+919426240001")
    mamlatdar = await client.create_user("Vikram", last_name="Jadeja", phone="+919426240003")
    chat = await client.create_group(title, creator_id=collector["id"], member_ids=[mamlatdar["id"]])
    await client.add_bot(chat["id"], added_by=collector["id"])
    if bot_running:  # the bot introduces itself when added; let that come first
        await client.wait_for_bot_message(chat["id"], contains="/bind")
    return chat, collector, mamlatdar


async def _stored_count(bot, chat_id):
    return await messages.count_messages(bot.services.db, chat_id=chat_id)


async def test_a_group_message_is_stored_with_its_sender_and_text(client, bot):
    chat, _, mamlatdar = await _group_with_bot(client)
    posted = await client.send_message(chat["id"], mamlatdar["id"], "Relief camp at Bhuj school is open.")

    async def stored():
        return await messages.get_message(bot.services.db, chat["id"], posted["message_id"])

    message = await eventually(stored)
    assert message.sender_id == mamlatdar["id"]
    assert message.original_text == "Relief camp at Bhuj school is open."


async def test_the_same_update_delivered_twice_is_stored_once(client, bot):
    chat, _, mamlatdar = await _group_with_bot(client)
    posted = await client.send_message(chat["id"], mamlatdar["id"], "Water level at Rudramata dam: 12 ft.")
    message = await eventually(lambda: messages.get_message(bot.services.db, chat["id"], posted["message_id"]))
    stored_before = await _stored_count(bot, chat["id"])
    journalled_before = len(await journal.entries(bot.services.db, chat_id=chat["id"]))

    await client.redeliver(message.update_id, same_id=True)
    await client.redeliver(message.update_id, same_id=False)
    await client.wait_until_idle()
    await bot.ingress.idle()

    assert await _stored_count(bot, chat["id"]) == stored_before
    assert len(await journal.entries(bot.services.db, chat_id=chat["id"])) == journalled_before


async def test_an_edit_is_kept_as_a_new_version_beside_the_original(client, bot):
    chat, _, mamlatdar = await _group_with_bot(client)
    posted = await client.send_message(chat["id"], mamlatdar["id"], "Meeting at 4 pm in the Collectorate.")
    await client.edit_message(chat["id"], posted["message_id"], mamlatdar["id"], "Meeting at 5 pm in the Collectorate.")

    async def edited():
        message = await messages.get_message(bot.services.db, chat["id"], posted["message_id"])
        return message if message and len(message.versions) == 2 else None

    message = await eventually(edited)
    assert message.original_text == "Meeting at 4 pm in the Collectorate."
    assert message.current_text == "Meeting at 5 pm in the Collectorate."


async def test_a_restarted_bot_resumes_with_nothing_lost_and_nothing_twice(client, settings, clock):
    chat, _, mamlatdar = await _group_with_bot(client, bot_running=False)
    async with running_bot(settings, clock=clock) as first_run:
        for number in range(5):
            await client.send_message(chat["id"], mamlatdar["id"], f"Before restart {number}")
        await eventually(lambda: _has_count(first_run, chat["id"], 7))  # 5 + the bot joining + its introduction
    for number in range(5):
        await client.send_message(chat["id"], mamlatdar["id"], f"While stopped {number}")
    async with running_bot(settings, clock=clock) as second_run:
        await eventually(lambda: _has_count(second_run, chat["id"], 12))
        await client.wait_until_idle()
        await second_run.ingress.idle()
        texts = [
            (await messages.get_message(second_run.services.db, chat["id"], message_id)).original_text
            for message_id in await messages.message_ids(second_run.services.db, chat["id"])
        ]
    sent = [f"Before restart {n}" for n in range(5)] + [f"While stopped {n}" for n in range(5)]
    assert [text for text in texts if text in sent] == sent
    assert await client.pending_updates() == 0


async def _has_count(bot, chat_id, expected):
    return await _stored_count(bot, chat_id) == expected


async def test_help_in_a_group_explains_the_record_with_the_circulars_clause(client, bot):
    chat, _, mamlatdar = await _group_with_bot(client)
    asked = await client.send_message(chat["id"], mamlatdar["id"], "/help")
    reply = await client.wait_for_bot_message(chat["id"], contains="§2", after_message_id=asked["message_id"])
    assert "record" in reply["text"]
    assert reply["reply_to_message"]["message_id"] == asked["message_id"]


async def test_what_the_bot_posts_in_a_group_joins_the_record(client, bot):
    chat, _, mamlatdar = await _group_with_bot(client)
    asked = await client.send_message(chat["id"], mamlatdar["id"], "/help")
    reply = await client.wait_for_bot_message(chat["id"], after_message_id=asked["message_id"])
    stored = await eventually(lambda: messages.get_message(bot.services.db, chat["id"], reply["message_id"]))
    assert stored.sender_id == bot.application.bot.id
    assert stored.original_text == reply["text"]


async def test_the_command_menu_is_published_for_private_chats_and_groups(client, bot):
    async def published():
        return await client.commands({"type": "all_private_chats"})

    private = await eventually(published)
    groups = await client.commands({"type": "all_group_chats"})
    assert "help" in [command["command"] for command in private]
    assert "help" in [command["command"] for command in groups]
