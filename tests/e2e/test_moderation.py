"""Moderation end to end: each policy action, warnings in three languages, captions, forwards and edits."""

from __future__ import annotations

import pytest

from storage import flags, journal
from tests.conftest import buttons, eventually
from tests.e2e.moderation_world import (
    AADHAAR,
    CONFIDENTIAL,
    HOSTILE,
    PERSONAL,
    as_now,
    build_world,
    post,
    settled,
    warning_after,
)


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def _notice(client, admin, contains="Flag #"):
    return await client.wait_for_bot_message(admin["id"], contains=contains)


# -- the default policy: each action --------------------------------------------------------


async def test_a_confidential_message_is_removed_the_member_warned_and_the_admin_post_told(client, bot, world):
    posted = await post(client, world, world.vikram, CONFIDENTIAL)

    warning = await warning_after(client, world, posted)
    assert posted["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))
    assert "your message was removed from the group (it is kept in the official record)" in warning["text"]
    assert any(e["type"] == "text_mention" and e["user"]["id"] == world.vikram["id"] for e in warning["entities"])
    assert "draft policy proposal; marked confidential — confidential or policy matter (§2)" in warning["text"]
    assert "by official e-mail (§1)" in warning["text"]
    assert "reply_to_message" not in warning

    notice = await _notice(client, world.rajesh)
    assert "Vikram Jadeja (Mamlatdar, Bhuj)" in notice["text"]
    assert "removed from the group" in notice["text"]
    assert set(buttons(notice)) == {"Not a violation", "Confirm"}
    assert all(len(data.encode()) <= 64 for data in buttons(notice).values())

    stored = await messages_text(bot, world, posted)
    assert stored == CONFIDENTIAL, "a removed message stays in the record"
    [entry] = await journal.entries(bot.services.db, kind="flag", chat_id=world.kutch)
    assert entry["actor_id"] == world.vikram["id"]
    assert entry["body"]["labels"] == ["confidential"]
    assert {f["reason_code"] for f in entry["body"]["findings"]} == {"policy_proposal", "marked_confidential"}
    assert "not for circulation" not in str(entry["body"]), "the flag keeps spans, not the text"


async def messages_text(bot, world, posted):
    from storage import messages

    stored = await messages.get_message(bot.services.db, world.kutch, posted["message_id"])
    return stored.original_text


async def test_personal_data_is_removed_and_the_warning_names_it_without_repeating_it(client, bot, world):
    posted = await post(client, world, world.hetal, PERSONAL)

    warning = await warning_after(client, world, posted)
    assert posted["message_id"] in await client.deleted_message_ids(world.kutch)
    assert "an Aadhaar number — personal data (§8, privacy)" in warning["text"]
    assert "aggregate figures instead of names and numbers" in warning["text"]
    assert AADHAAR not in warning["text"] and "Ramesh" not in warning["text"]
    assert "admins have been told" not in warning["text"], "personal data is removed, not notified, by default"
    await settled(client, bot)
    assert not [m for m in await client.bot_messages(world.rajesh["id"]) if "Flag #" in m["text"]]


async def test_a_hostile_message_gets_a_reply_and_the_admin_post_is_told(client, bot, world):
    posted = await post(client, world, world.vikram, HOSTILE)

    warning = await warning_after(client, world, posted)
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert "This message appears to contain:" in warning["text"]
    assert "hostile or defamatory content (§8)" in warning["text"]
    assert "Keep to the facts about work and performance." in warning["text"]
    assert "The group's admins have been told and will review it." in warning["text"]
    assert posted["message_id"] not in await client.deleted_message_ids(world.kutch)
    notice = await _notice(client, world.rajesh)
    assert "t.me/c/" in notice["text"], "a message still in the group is linked"


async def test_the_warn_action_replies_without_removing_or_telling_anyone(client, bot, world):
    await client.ask(world.kutch, world.rajesh["id"], "/policy confidential warn", contains="Policy for")
    posted = await post(client, world, world.hetal, CONFIDENTIAL)

    warning = await warning_after(client, world, posted)
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert "admins have been told" not in warning["text"]
    await settled(client, bot)
    assert posted["message_id"] not in await client.deleted_message_ids(world.kutch)
    assert not [m for m in await client.bot_messages(world.rajesh["id"]) if "Flag #" in m["text"]]


async def test_delete_with_notify_on_personal_data_tells_the_admin_post(client, bot, world):
    reply = await client.ask(world.kutch, world.rajesh["id"], "/policy personal_data delete+notify", contains="Policy for")
    assert "delete + notify" in reply["text"] and "it was delete" in reply["text"]
    posted = await post(client, world, world.hetal, PERSONAL)

    await warning_after(client, world, posted)
    notice = await _notice(client, world.rajesh)
    assert "Hetal Gohil (Mamlatdar, Mandvi)" in notice["text"]
    assert AADHAAR not in notice["text"], "the notice masks the value it flags"
    assert "[an Aadhaar number]" in notice["text"]


async def test_the_off_action_does_nothing(client, bot, world):
    await client.ask(world.kutch, world.rajesh["id"], "/policy hostile off", contains="Policy for")
    posted = await post(client, world, world.vikram, HOSTILE)
    after = await post(client, world, world.vikram, "/help")
    await client.wait_for_bot_message(world.kutch, after_message_id=after["message_id"], contains="Samvad")
    await settled(client, bot)
    assert not [m for m in await client.bot_messages(world.kutch)
                if m.get("reply_to_message", {}).get("message_id") == posted["message_id"]]
    assert await flags.of_message(bot.services.db, world.kutch, posted["message_id"]) == []


async def test_policy_shows_the_defaults_and_only_the_admin_post_may_change_it(client, bot, world):
    shown = await client.ask(world.kutch, world.vikram["id"], "/policy", contains="Moderation policy")
    assert "confidential (§2): delete + notify (default)" in shown["text"]
    assert "personal_data (§8, privacy): delete (default)" in shown["text"]
    assert "hostile (§8): warn + notify (default)" in shown["text"]
    assert "instruction: not moderated" in shown["text"]

    refused = await client.ask(world.kutch, world.vikram["id"], "/policy hostile off", contains="admin posts")
    assert refused["text"].startswith("⛔ Only this group's admin posts can change its policy")
    [tried] = await journal.entries(bot.services.db, kind="command_refused", chat_id=world.kutch)
    assert (tried["actor_id"], tried["body"]) == (world.vikram["id"], {"command": "policy"})

    usage = await client.ask(world.kutch, world.rajesh["id"], "/policy secrets delete", contains="Unknown label")
    assert "/policy LABEL ACTION" in usage["text"]
    usage = await client.ask(world.kutch, world.rajesh["id"], "/policy hostile shout", contains="Unknown action")
    assert "warn, delete, notify" in usage["text"]

    await client.ask(world.kutch, world.rajesh["id"], "/policy hostile delete", contains="Policy for")
    reply = await client.ask(world.kutch, world.rajesh["id"], "/policy hostile default", contains="Policy for")
    assert "warn + notify (the default); it was delete" in reply["text"]
    changes = await journal.entries(bot.services.db, kind="policy", chat_id=world.kutch)
    assert [(c["body"]["label"], c["body"]["actions"]) for c in changes] == [
        ("hostile", ["delete"]), ("hostile", ["notify"])
    ]


# -- languages, captions, forwards, admins ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (CONFIDENTIAL, ["your message was removed", "official e-mail (§1)", "draft policy proposal"]),
        ("જંત્રી દર સુધારાની મુસદ્દારૂપ દરખાસ્ત સાથે મોકલી છે, ગોપનીય છે",
         ["તમારો સંદેશ જૂથમાંથી દૂર કરવામાં આવ્યો છે", "સત્તાવાર ઈ-મેલ (§1)", "નીતિ અંગેની મુસદ્દારૂપ દરખાસ્ત", "(§2)"]),
        ("जंत्री दर संशोधन का मसौदा प्रस्ताव संलग्न है, गोपनीय है",
         ["आपका संदेश समूह से हटा दिया गया है", "आधिकारिक ई-मेल (§1)", "नीति का प्रारूप प्रस्ताव", "(§2)"]),
    ],
    ids=["english", "gujarati", "hindi"],
)
async def test_the_warning_is_in_the_language_the_message_was_written_in(client, bot, world, text, expected):
    posted = await post(client, world, world.vikram, text)
    warning = await warning_after(client, world, posted)
    for words in expected:
        assert words in warning["text"]


async def test_captions_and_forwards_are_checked_too(client, bot, world):
    photo = await client.send_photo(world.kutch, world.vikram["id"], caption=HOSTILE)
    warning = await warning_after(client, world, photo)
    assert warning["reply_to_message"]["message_id"] == photo["message_id"]

    forwarded = await client.forward_message(world.kutch, world.hetal["id"], CONFIDENTIAL, origin_name="Someone")
    await warning_after(client, world, forwarded)
    assert forwarded["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))


async def test_a_forwarded_aadhaar_number_is_still_removed_and_the_forwarder_warned(client, bot, world):
    forwarded = await client.forward_message(world.kutch, world.vikram["id"], PERSONAL,
                                             origin_user_id=world.hetal["id"], origin_date=1740805200)
    warning = await warning_after(client, world, forwarded)
    assert forwarded["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))
    assert "an Aadhaar number — personal data (§8, privacy)" in warning["text"]
    assert any(e["type"] == "text_mention" and e["user"]["id"] == world.vikram["id"] for e in warning["entities"])
    [flag] = await flags.of_message(bot.services.db, world.kutch, forwarded["message_id"])
    assert (flag.member_id, flag.labels) == (world.vikram["id"], ("personal_data",))


async def test_the_admin_posts_own_messages_are_checked_too(client, bot, world):
    posted = await post(client, world, world.rajesh, HOSTILE)
    await warning_after(client, world, posted)
    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert flag.by_admin


async def test_commands_and_ordinary_talk_are_left_alone(client, bot, world):
    quiet = await post(client, world, world.vikram, "Relief distribution at Bhuj taluka completed today")
    await settled(client, bot)
    assert [m for m in await client.bot_messages(world.kutch) if m["message_id"] > quiet["message_id"]] == []
    command = await post(client, world, world.rajesh, "/policy confidential delete notify")
    await client.wait_for_bot_message(world.kutch, contains="Policy for", after_message_id=command["message_id"])
    await settled(client, bot)
    for message in (quiet, command):
        assert await flags.of_message(bot.services.db, world.kutch, message["message_id"]) == []


# -- edits ------------------------------------------------------------------------------------


async def test_an_edit_that_adds_a_violation_is_flagged_and_one_that_removes_it_closes_the_flag(client, bot, world):
    posted = await post(client, world, world.vikram, "Bhuj relief camp report will follow")
    await settled(client, bot)

    await client.edit_message(world.kutch, posted["message_id"], world.vikram["id"], HOSTILE)
    warning = await warning_after(client, world, posted)
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    notice = await _notice(client, world.rajesh)
    assert "(in an edit)" in notice["text"]

    await client.edit_message(world.kutch, posted["message_id"], world.vikram["id"], "Bhuj relief camp report attached")
    closed = await warning_after(client, world, warning, contains="the flag is closed")
    assert closed["reply_to_message"]["message_id"] == posted["message_id"]
    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert flag.state == "withdrawn" and flag.source == "edit"

    async def notice_updated():
        current = await as_now(client, world.rajesh["id"], notice["message_id"])
        return "Closed: the member edited the message" in current["text"] and not buttons(current)

    await eventually(notice_updated)
    [closing] = await journal.entries(bot.services.db, kind="flag_closed")
    assert closing["body"]["flag_id"] == flag.flag_id


async def test_an_edit_that_keeps_a_flagged_label_is_not_flagged_again(client, bot, world):
    posted = await post(client, world, world.vikram, HOSTILE)
    await warning_after(client, world, posted)
    await client.edit_message(world.kutch, posted["message_id"], world.vikram["id"], HOSTILE + "!")
    await settled(client, bot)
    assert len(await flags.of_message(bot.services.db, world.kutch, posted["message_id"])) == 1


# -- a replay after a crash ---------------------------------------------------------------------


async def test_an_update_handled_again_after_a_crash_raises_no_second_flag_or_warning(client, settings, clock):
    from bot.runner import running_bot
    from storage import messages

    async with running_bot(settings, clock=clock) as bot:
        world = await build_world(client, settings)
        posted = await post(client, world, world.vikram, CONFIDENTIAL)
        await warning_after(client, world, posted)
        await _notice(client, world.rajesh)
        await settled(client, bot)
        stored = await messages.get_message(bot.services.db, world.kutch, posted["message_id"])
        async with bot.services.db.transaction() as tx:  # as if the process died before marking it handled
            await tx.execute("UPDATE inbox SET processed_at = NULL WHERE update_id = ?", (stored.update_id,))

    async with running_bot(settings, clock=clock) as bot:
        async def handled_again():
            row = await bot.services.db.fetchone("SELECT processed_at FROM inbox WHERE update_id = ?",
                                                 (stored.update_id,))
            return row[0] is not None

        await eventually(handled_again)
        await settled(client, bot)
        assert len(await flags.of_message(bot.services.db, world.kutch, posted["message_id"])) == 1
    warnings = [m for m in await client.bot_messages(world.kutch) if m["text"].startswith("⚠️")]
    notices = [m for m in await client.bot_messages(world.rajesh["id"]) if "Flag #" in m["text"]]
    assert (len(warnings), len(notices)) == (1, 1)


# -- what the bot may not do --------------------------------------------------------------------


async def test_without_the_right_to_delete_the_member_is_warned_and_the_admins_told_it_stayed(client, bot, world):
    await client.set_bot_rights(world.kutch, admin=True, rights={"can_delete_messages": False}, by=world.rajesh["id"])
    await client.wait_for_bot_message(world.kutch, contains="delete messages")
    posted = await post(client, world, world.vikram, CONFIDENTIAL)

    warning = await warning_after(client, world, posted)
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert "The group's admins have been told and will review it." in warning["text"]
    notice = await _notice(client, world.rajesh)
    assert "not removed: Samvad may not delete messages here" in notice["text"]
    assert posted["message_id"] not in await client.deleted_message_ids(world.kutch)


async def test_an_edit_two_days_later_is_warned_about_but_not_deleted(client, bot, world, clock):
    from datetime import timedelta

    posted = await post(client, world, world.hetal, "Relief camp report will follow")
    await settled(client, bot)
    clock.advance(timedelta(hours=48))
    await client.edit_message(world.kutch, posted["message_id"], world.hetal["id"], PERSONAL)
    warning = await warning_after(client, world, posted)
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert "an Aadhaar number" in warning["text"]
    [flag] = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
    assert not flag.deleted and "undeletable" in flag.actions


async def test_a_group_not_bound_to_the_roster_is_not_moderated(client, bot, world):
    from tests.e2e.membership_world import group_with_bot

    chat = await group_with_bot(client, world.rajesh, "Unbound chat", members=(world.vikram,))
    posted = await client.send_message(chat["id"], world.vikram["id"], CONFIDENTIAL)
    asked = await client.send_message(chat["id"], world.vikram["id"], "/policy")
    reply = await client.wait_for_bot_message(chat["id"], after_message_id=asked["message_id"])
    assert "not bound to the roster, so it is not moderated" in reply["text"]
    await settled(client, bot)
    assert await flags.of_message(bot.services.db, chat["id"], posted["message_id"]) == []
    assert posted["message_id"] not in await client.deleted_message_ids(chat["id"])
