"""The roster CSV end to end: imported beside the running bot, rejected whole when a row is bad."""

from __future__ import annotations

from storage import journal, roster
from tests.e2e.membership_world import DEMO_ROSTER, VIKRAM, import_file, person, share_own_contact, verify


async def test_a_roster_with_one_bad_row_imports_nothing_and_names_the_row(client, bot, settings):
    text = DEMO_ROSTER.read_text(encoding="utf-8").replace("+91 94262 40004", "+91 94262 4000")

    status, output = await import_file(settings, text)

    assert status == 1
    assert "was not imported: nothing was changed" in output
    assert "line 12: bad number: '+91 94262 4000'" in output
    assert await roster.active_posts(bot.services.db) == []
    vikram = await person(client, VIKRAM)  # his row was good, but nothing of the file was imported
    sent = await share_own_contact(client, vikram)
    await client.wait_for_bot_message(vikram["id"], contains="is not in", after_message_id=sent["message_id"])


async def test_importing_the_same_file_twice_changes_nothing_and_says_so(client, bot, settings):
    text = DEMO_ROSTER.read_text(encoding="utf-8")
    assert (await import_file(settings, text))[0] == 0
    status, output = await import_file(settings, text)
    assert status == 0
    assert "no changes; the roster already matches the file (15 posts)" in output
    assert len(await journal.entries(bot.services.db, kind="roster.imported")) == 1


async def test_a_roster_imported_while_the_bot_runs_is_used_at_once(client, bot, settings):
    vikram = await person(client, VIKRAM)
    assert (await import_file(settings, DEMO_ROSTER.read_text(encoding="utf-8")))[0] == 0
    reply = await verify(client, vikram)
    assert "Mamlatdar, Bhuj" in reply["text"]
