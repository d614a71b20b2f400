"""/missed end to end: an admin post marks a message the filter missed; nothing happens to the member, the report is
journalled, and `samvad nlp missed` gives it back as a corpus line."""

from __future__ import annotations

import pytest

from storage import flags, journal
from tests.e2e.moderation_world import HOSTILE, build_world, corpus_lines, post, settled

# Hostility without an abusive word, aimed at the group's officers, which the packaged model gives no label (checked
# below before anything else: if a retrained model catches it, choose another miss).
MISSED = "Some officers here clearly learnt their Gujarati in a cattle shed."


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def test_an_admin_post_reports_a_miss_and_it_becomes_a_corpus_line_with_nothing_done_to_the_member(
        client, bot, world, settings):
    posted = await post(client, world, world.vikram, MISSED)
    await settled(client, bot)
    assert await flags.of_message(bot.services.db, world.kutch, posted["message_id"]) == [], "the filter caught it"

    noted = await client.ask(world.kutch, world.rajesh["id"], "/missed hostile", contains="Noted",
                             reply_to=posted["message_id"])
    assert noted["text"].startswith("Noted: the filter missed hostile here. Nothing is done to the message or its sender")
    await settled(client, bot)

    # Journalled with who reported what, never the text.
    [report] = await journal.entries(bot.services.db, kind="missed", chat_id=world.kutch)
    assert report["actor_id"] == world.rajesh["id"]
    assert report["body"] == {"message_id": posted["message_id"], "member_id": world.vikram["id"], "version": 0,
                              "labels": ["hostile"], "flagged": []}
    # Nothing happened to the member: no flag, no warning, no deletion; the bot's only word in the group is the note.
    assert await flags.of_message(bot.services.db, world.kutch, posted["message_id"]) == []
    after = [m for m in await client.messages(world.kutch) if m["message_id"] > posted["message_id"]]
    assert [m["text"] for m in after if m["from"]["is_bot"]] == [noted["text"]]
    assert any(m["message_id"] == posted["message_id"] for m in await client.messages(world.kutch))

    # `samvad nlp missed` turns it into a training line with the label the admin gave.
    assert await corpus_lines(settings, "missed") == [
        {"id": f"missed-{report['seq']}", "text": MISSED, "labels": ["hostile"], "lang": "en"}
    ]
    assert await corpus_lines(settings, "missed", "--since", "2099-01-01") == []


async def test_missed_needs_a_reply_a_known_label_and_an_admin_post(client, bot, world):
    posted = await post(client, world, world.vikram, MISSED)
    await settled(client, bot)

    refused = await client.ask(world.kutch, world.hetal["id"], "/missed hostile", contains="admin posts",
                               reply_to=posted["message_id"])
    assert refused["text"].startswith("⛔ /missed is for this group's admin posts.")
    [tried] = await journal.entries(bot.services.db, kind="command_refused", chat_id=world.kutch)
    assert (tried["actor_id"], tried["body"]) == (world.hetal["id"], {"command": "missed"})

    not_a_reply = await client.ask(world.kutch, world.rajesh["id"], "/missed hostile", contains="Reply to")
    assert "/missed LABEL" in not_a_reply["text"]
    unknown = await client.ask(world.kutch, world.rajesh["id"], "/missed rude", contains="Unknown label",
                               reply_to=posted["message_id"])
    assert "LABEL: confidential, personal_data, hostile or instruction" in unknown["text"]
    bare = await client.ask(world.kutch, world.rajesh["id"], "/missed", contains="Say which label",
                            reply_to=posted["message_id"])
    assert "/missed LABEL" in bare["text"]
    bots = await client.ask(world.kutch, world.rajesh["id"], "/missed confidential", contains="a bot's",
                            reply_to=not_a_reply["message_id"])
    assert "Reply to a member's message" in bots["text"]
    assert await journal.entries(bot.services.db, kind="missed") == []


async def test_a_label_the_filter_gave_already_is_not_a_miss(client, bot, world, settings):
    posted = await post(client, world, world.vikram, HOSTILE)
    await settled(client, bot)
    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert "hostile" in flag.verdict_labels

    already = await client.ask(world.kutch, world.rajesh["id"], "/missed hostile", contains="already flagged",
                               reply_to=posted["message_id"])
    assert already["text"] == "The filter already flagged it as hostile: see /flags."
    # A label it did not give is still a miss, and the line keeps the label the filter gave.
    await client.ask(world.kutch, world.rajesh["id"], "/missed personal data, hostile", contains="Noted",
                     reply_to=posted["message_id"])
    await settled(client, bot)
    [row] = await corpus_lines(settings, "missed")
    assert row["labels"] == ["hostile", "personal_data"] and row["text"] == HOSTILE
