"""The pre-post check of a social-media draft, end to end, and the moderation commands in the menus."""

from __future__ import annotations

from storage import prepost
from tests.conftest import eventually
from tests.database_target import every_row, table_names, target_of
from tests.e2e.moderation_world import AADHAAR, build_world, settled, world_settled

DRAFT = (f"Shri Ramesh Patel of Bhuj, Aadhaar {AADHAAR}, received the flood relief cheque today."
         " The draft jantri revision proposes a 45% rise for Bhuj, not yet approved.")


async def _officer(client, bot, settings):
    world = await build_world(client, settings)
    # Binding the groups tells each verified officer in private where they stand (a reconcile the scheduler runs);
    # that notice must be out before a test reads the bot's next private answer.
    await world_settled(client, bot)
    return world, world.vikram


async def test_check_finds_a_name_and_an_aadhaar_number_without_repeating_them(client, bot, settings):
    world, vikram = await _officer(client, bot, settings)
    answer = await client.ask(vikram["id"], vikram["id"], f"/check {DRAFT}")

    assert answer["text"].startswith("Pre-post check of your draft (nothing of it is kept):")
    assert "• Personal data (§8, privacy): an Aadhaar number. Remove it before posting." in answer["text"]
    assert "• Names of individuals: 1. §8 advises avoiding specific names and sharing aggregate information." in (
        answer["text"])
    assert "• Confidential or policy content (§2, §4): draft policy proposal." in answer["text"]
    assert "views are your own and not the Government's (§9)" in answer["text"]
    assert AADHAAR not in answer["text"] and "Ramesh" not in answer["text"]
    await settled(client, bot)
    await _nothing_of_the_draft_is_kept(settings, bot, "Ramesh", AADHAAR, AADHAAR.replace(" ", ""), "jantri")
    assert list((await prepost.checks_per_day(bot.services.db)).values()) == [1]


async def _nothing_of_the_draft_is_kept(settings, bot, *fragments):
    """No table holds anything of the draft: not the journal, the outbox (the bot's answer and Telegram's), nor
    the inbox of received updates, whose content is dropped once handled."""
    target = target_of(settings)  # the SQLite file, or the PostgreSQL database of SAMVAD_TEST_BACKEND=postgresql
    assert {"inbox", "outbox", "journal_bodies"} <= set(table_names(target))
    for table, row in every_row(target):
        text = " ".join(str(value) for value in row)
        for fragment in fragments:
            assert fragment not in text, f"the draft is kept in {table}"


async def test_check_alone_waits_for_the_draft_in_the_next_message(client, bot, settings):
    world, vikram = await _officer(client, bot, settings)
    prompt = await client.ask(vikram["id"], vikram["id"], "/check")
    assert "Send me the draft as your next message" in prompt["text"]

    answer = await client.ask(vikram["id"], vikram["id"], "આજે ભુજ તાલુકામાં 312 લાભાર્થીઓને રાહત સહાય આપવામાં આવી.")
    assert answer["text"].startswith("તમારા મુસદ્દાની પોસ્ટ પહેલાંની ચકાસણી")
    assert "અંગત માહિતી, વ્યક્તિઓનાં નામ, દ્વેષપૂર્ણ કે ગોપનીય લખાણ જોવા મળ્યું નથી." in answer["text"]
    assert "(§9)" in answer["text"]

    await client.send_message(vikram["id"], vikram["id"], "Thank you")
    await settled(client, bot)
    since_prompt = [m for m in await client.bot_messages(vikram["id"]) if m["message_id"] > prompt["message_id"]]
    assert since_prompt == [answer], "only the message right after /check is a draft"
    await _nothing_of_the_draft_is_kept(settings, bot, "312 લાભાર્થીઓને")


async def test_check_in_a_group_points_to_the_private_chat_and_the_text_is_moderated(client, bot, settings):
    world, vikram = await _officer(client, bot, settings)
    asked = await client.send_message(world.kutch, vikram["id"], f"/check {DRAFT}")
    pointer = await client.wait_for_bot_message(world.kutch, contains="private chat",
                                                after_message_id=asked["message_id"])
    assert pointer["text"].startswith("↪️ ") and "send /check there" in pointer["text"]
    assert asked["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))


async def test_the_moderation_commands_are_in_the_menus_and_help(client, bot, settings):
    async def menu(scope_type):
        return {command["command"] for command in await client.commands({"type": scope_type})}

    assert "check" in await eventually(lambda: menu("all_private_chats"))
    assert "policy" in await menu("all_group_chats")
    assert {"policy", "flags"} <= await menu("all_chat_administrators")
    assert not {"flags", "check"} & await menu("all_group_chats")
