"""Review, combining and escalation end to end: one warning a minute, an admin overruling a removal,
a refused press, /flags, escalation at the third confirmed flag, and `samvad nlp false-alarms`."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from storage import flags, journal
from tests.conftest import buttons, eventually
from tests.e2e.moderation_world import (
    CONFIDENTIAL,
    HOSTILE,
    PERSONAL,
    as_now,
    build_world,
    corpus_lines,
    post,
    settled,
    warning_after,
)


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def _warnings_to(client, world, member):
    return [m for m in await client.bot_messages(world.kutch) if m["text"].startswith("⚠️")
            and (m.get("reply_to_message", {}).get("from", {}).get("id") == member["id"]
                 or any(e.get("user", {}).get("id") == member["id"] for e in m.get("entities", [])))]


async def _notice_about(client, admin, flag_id):
    return await client.wait_for_bot_message(admin["id"], contains=f"Flag #{flag_id} ")


async def _only_flag(bot, world, posted):
    [flag] = await eventually(lambda: flags.of_message(bot.services.db, world.kutch, posted["message_id"]))
    return flag


# -- one warning per member per minute ------------------------------------------------------------


async def test_findings_within_a_minute_are_combined_into_one_warning(client, bot, world, clock):
    first = await post(client, world, world.vikram, HOSTILE)
    await warning_after(client, world, first)
    second = await post(client, world, world.vikram, CONFIDENTIAL)
    third = await post(client, world, world.vikram, PERSONAL)
    await eventually(lambda: _deleted(client, world, second, third))
    await settled(client, bot)
    assert len(await _full_warnings_to(client, world, world.vikram)) == 1, "the minute is not up: no second warning"
    assert len(await _removal_notices_to(client, world, world.vikram)) == 2, "each removal is explained at once"

    clock.advance(timedelta(seconds=61))
    combined = await client.wait_for_bot_message(world.kutch, contains="2 of your messages in the last minute",
                                                 after_message_id=third["message_id"])
    assert "marked confidential — confidential or policy matter (§2) (removed)" in combined["text"]
    assert "an Aadhaar number — personal data (§8, privacy) (removed)" in combined["text"]
    assert "official e-mail (§1)" in combined["text"] and "aggregate figures" in combined["text"]
    await settled(client, bot)
    assert len(await _full_warnings_to(client, world, world.vikram)) == 2


async def test_a_message_removed_within_the_minute_is_explained_at_once(client, bot, world, clock):
    first = await post(client, world, world.vikram, HOSTILE)
    await warning_after(client, world, first)
    second = await post(client, world, world.vikram, CONFIDENTIAL)

    notice = await client.wait_for_bot_message(world.kutch, contains="your message was removed from the group",
                                               after_message_id=second["message_id"])
    assert second["message_id"] in await client.deleted_message_ids(world.kutch)
    assert notice["text"] == ("⚠️ Vikram Jadeja, your message was removed from the group (it is kept in the official"
                              " record) because it appears to break circular ITP/102019/35/H2. The reasons follow in"
                              " a minute.")
    assert any(e["type"] == "text_mention" and e["user"]["id"] == world.vikram["id"] for e in notice["entities"])

    clock.advance(timedelta(seconds=61))
    full = await client.wait_for_bot_message(world.kutch, contains="It appears to contain",
                                             after_message_id=notice["message_id"])
    assert "marked confidential — confidential or policy matter (§2)" in full["text"]
    await settled(client, bot)
    assert len(await _removal_notices_to(client, world, world.vikram)) == 1
    assert len(await _full_warnings_to(client, world, world.vikram)) == 2


async def _full_warnings_to(client, world, member):
    return [m for m in await _warnings_to(client, world, member) if "appear to contain" in m["text"]
            or "appears to contain" in m["text"]]


async def _removal_notices_to(client, world, member):
    return [m for m in await _warnings_to(client, world, member) if "The reasons follow in a minute" in m["text"]]


async def _deleted(client, world, *posted):
    deleted = set(await client.deleted_message_ids(world.kutch))
    return all(message["message_id"] in deleted for message in posted)


async def test_a_finding_withdrawn_by_an_edit_within_the_minute_is_left_out_of_the_combined_warning(
    client, bot, world, clock
):
    first = await post(client, world, world.hetal, HOSTILE)
    await warning_after(client, world, first)
    second = await post(client, world, world.hetal, "You idiot")
    await _only_flag(bot, world, second)
    await client.edit_message(world.kutch, second["message_id"], world.hetal["id"], "Sorry, my mistake")
    await eventually(lambda: _state_is(bot, world, second, "withdrawn"))
    clock.advance(timedelta(seconds=61))
    await asyncio.sleep(1.5)  # two scheduler ticks
    await settled(client, bot)
    assert len(await _warnings_to(client, world, world.hetal)) == 1
    texts = [m["text"] for m in await client.bot_messages(world.kutch)]
    assert not any("the flag is closed" in text for text in texts), "she was never warned about it"


async def _state_is(bot, world, posted, state):
    flag = await _only_flag(bot, world, posted)
    return flag.state == state


# -- review ------------------------------------------------------------------------------------


async def test_an_admin_post_overrules_a_removal_and_the_message_is_reposted(client, bot, world, settings):
    posted = await post(client, world, world.vikram, CONFIDENTIAL)
    await warning_after(client, world, posted)
    flag = await _only_flag(bot, world, posted)
    notice = await _notice_about(client, world.rajesh, flag.flag_id)
    asked = await client.send_message(world.kutch, world.rajesh["id"], "/flags")
    listing = await client.wait_for_bot_message(world.kutch, contains="Flags in", after_message_id=asked["message_id"])

    answer = await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"],
                                       buttons(notice)["Not a violation"])
    assert answer["text"] == "Closed as a false alarm; the message is restored in the group."

    restored = await client.wait_for_bot_message(world.kutch, contains="restored after review")
    assert restored["text"] == f"Message from Vikram Jadeja, restored after review:\n{CONFIDENTIAL}"
    assert any(entity["type"] == "blockquote" for entity in restored["entities"])

    async def notice_shows_the_decision():
        current = await as_now(client, world.rajesh["id"], notice["message_id"])
        return current if "Decision: not a violation, by Rajesh Patel (District Collector)" in current["text"] else None

    current = await eventually(notice_shows_the_decision)
    assert not buttons(current), "the buttons are gone once decided"
    decided = await flags.get(bot.services.db, flag.flag_id)
    assert (decided.state, decided.decided_by) == ("false_alarm", world.rajesh["id"])
    [entry] = await journal.entries(bot.services.db, kind="review")
    assert entry["actor_id"] == world.rajesh["id"]
    assert entry["body"] | {"flag_id": 0} == {"flag_id": 0, "message_id": posted["message_id"],
                                              "decision": "false_alarm", "labels": ["confidential"],
                                              "member_id": world.vikram["id"], "restored": True, "tier": "act"}

    again = await client.press_button(world.kutch, listing["message_id"], world.rajesh["id"],
                                      buttons(listing)[f"#{flag.flag_id} Confirm"])
    assert again["text"] == "Already closed: not a violation.", "the first decision stands"

    lines = await corpus_lines(settings, "false-alarms")
    assert lines == [{"id": f"fa-{flag.flag_id}", "text": CONFIDENTIAL, "labels": [], "lang": "en"}]


async def test_a_member_pressing_a_review_button_gets_an_alert_and_nothing_changes(client, bot, world):
    posted = await post(client, world, world.hetal, HOSTILE)
    await warning_after(client, world, posted)
    asked = await client.send_message(world.kutch, world.rajesh["id"], "/flags")
    listing = await client.wait_for_bot_message(world.kutch, contains="Flags in", after_message_id=asked["message_id"])
    flag = await _only_flag(bot, world, posted)
    assert f"#{flag.flag_id} · " in listing["text"] and "Hetal Gohil (Mamlatdar, Mandvi)" in listing["text"]
    assert f"https://t.me/c/{str(world.kutch)[4:]}/{posted['message_id']}" in listing["text"]

    answer = await client.press_button(world.kutch, listing["message_id"], world.vikram["id"],
                                       buttons(listing)[f"#{flag.flag_id} Not a violation"])
    assert answer == {"text": "⛔ Only this group's admin posts can review its flags.", "show_alert": True}
    assert (await flags.get(bot.services.db, flag.flag_id)).state == "open"
    [refused] = await journal.entries(bot.services.db, kind="button_refused")
    assert (refused["actor_id"], refused["body"]) == (world.vikram["id"], {"button": "review"})

    answer = await client.press_button(world.kutch, listing["message_id"], world.rajesh["id"],
                                       buttons(listing)[f"#{flag.flag_id} Confirm"])
    assert answer["text"] == "Confirmed as a violation."

    async def listing_redrawn():
        current = await as_now(client, world.kutch, listing["message_id"])
        return "Closed in the last 7 days:" in current["text"] and "confirmed (Rajesh Patel" in current["text"]

    await eventually(listing_redrawn)


async def test_flags_is_for_the_admin_posts(client, bot, world):
    asked = await client.send_message(world.kutch, world.vikram["id"], "/flags")
    refusal = await client.wait_for_bot_message(world.kutch, after_message_id=asked["message_id"])
    assert refusal["text"] == "⛔ /flags is for this group's admin posts."
    asked = await client.send_message(world.kutch, world.rajesh["id"], "/flags")
    empty = await client.wait_for_bot_message(world.kutch, after_message_id=asked["message_id"])
    assert "None open, and none closed in the last 7 days." in empty["text"]


# -- escalation ----------------------------------------------------------------------------------


async def test_the_third_confirmed_flag_sends_the_members_history_to_the_admin_post(client, bot, world, clock):
    texts = [HOSTILE, CONFIDENTIAL, "You idiot, I will see you"]
    flagged = []
    for number, text in enumerate(texts):
        posted = await post(client, world, world.vikram, text)
        flag = await _only_flag(bot, world, posted)
        flagged.append(flag)
        notice = await _notice_about(client, world.rajesh, flag.flag_id)
        answer = await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"],
                                           buttons(notice)["Confirm"])
        assert answer["text"] == "Confirmed as a violation."
        if number == 0:
            async def decision_shown():
                current = await as_now(client, world.rajesh["id"], notice["message_id"])
                return "Decision: confirmed, by Rajesh Patel (District Collector)" in current["text"]

            await eventually(decision_shown)
        if number < 2:
            await settled(client, bot)
            assert not [m for m in await client.bot_messages(world.rajesh["id"]) if "confirmed flags" in m["text"]]

    history = await client.wait_for_bot_message(world.rajesh["id"], contains="confirmed flags")
    assert "Vikram Jadeja (Mamlatdar, Bhuj) now has 3 confirmed flags in District Kutch – Revenue within 30 days" in (
        history["text"])
    assert "Nothing has been done to the member automatically" in history["text"]
    assert history["text"].count("— confirmed —") == 3
    assert "draft policy proposal" in history["text"] and "removed" in history["text"]
    assert "t.me/c/" in history["text"]
    [entry] = await journal.entries(bot.services.db, kind="escalation")
    assert entry["body"]["flag_ids"] == [flag.flag_id for flag in flagged]
    member = await client.member(world.kutch, world.vikram["id"])
    assert member["status"] == "member", "nothing is done to the member"


async def test_flags_on_an_admin_posts_own_messages_never_escalate(client, bot, world, settings):
    for text in (HOSTILE, "You idiot, I will see you", "Useless fellows, all of you"):
        posted = await post(client, world, world.rajesh, text)
        flag = await _only_flag(bot, world, posted)
        notice = await _notice_about(client, world.rajesh, flag.flag_id)
        await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"], f"mod:c:{flag.flag_id}")
    await settled(client, bot)
    assert await journal.entries(bot.services.db, kind="escalation") == []


async def test_a_collector_transferred_out_cannot_review_from_an_old_notice(client, bot, world, settings):
    from tests.e2e.membership_world import DEMO_ROSTER, import_file

    posted = await post(client, world, world.vikram, HOSTILE)
    flag = await _only_flag(bot, world, posted)
    notice = await _notice_about(client, world.rajesh, flag.flag_id)
    roster_text = DEMO_ROSTER.read_text(encoding="utf-8").replace("+91 94262 40001", "+91 94262 49999")
    status, output = await import_file(settings, roster_text)
    assert status == 0, output

    answer = await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"],
                                       buttons(notice)["Not a violation"])
    assert answer == {"text": "⛔ Only this group's admin posts can review its flags.", "show_alert": True}
    assert (await flags.get(bot.services.db, flag.flag_id)).state == "open"


async def test_a_flag_reviewed_after_housekeeping_forgot_its_notices_is_still_decided(client, bot, world):
    from storage import outbox

    posted = await post(client, world, world.hetal, HOSTILE)
    flag = await _only_flag(bot, world, posted)
    await _notice_about(client, world.rajesh, flag.flag_id)
    await settled(client, bot)
    async with bot.services.db.transaction() as tx:
        assert await outbox.purge_settled(tx, before=bot.services.clock.now() + timedelta(days=1))
    asked = await client.send_message(world.kutch, world.rajesh["id"], "/flags")
    listing = await client.wait_for_bot_message(world.kutch, contains="Flags in", after_message_id=asked["message_id"])
    answer = await client.press_button(world.kutch, listing["message_id"], world.rajesh["id"],
                                       buttons(listing)[f"#{flag.flag_id} Confirm"])
    assert answer["text"] == "Confirmed as a violation."
