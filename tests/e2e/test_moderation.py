"""Moderation end to end: the filter's findings, each policy action, warnings in three languages, review."""

from __future__ import annotations

from datetime import timedelta

import pytest

from nlp.recognisers.aadhaar import verhoeff_check_digit
from storage import flags, inbox, journal, messages
from tests.conftest import eventually
from tests.e2e.membership_world import (
    DEMO_ROSTER,
    HETAL,
    RAJESH,
    VIKRAM,
    bound_group,
    import_demo,
    import_file,
    person,
    verify,
)

_BASE = "23456789012"
AADHAAR = _BASE + verhoeff_check_digit(_BASE)
AADHAAR_SPACED = f"{AADHAAR[:4]} {AADHAAR[4:8]} {AADHAAR[8:]}"

CONFIDENTIAL_EN = "Confidential: the draft GR on revised jantri rates proposes a 40% hike in Bhuj; not yet approved."
CONFIDENTIAL_GU = "ગોપનીય: જંત્રી દરના સુધારાનો મુસદ્દો તૈયાર છે, હજુ મંજૂરી બાકી છે."
CONFIDENTIAL_HI = "गोपनीय: स्टांप ड्यूटी बढ़ाने का प्रस्ताव अभी विचाराधीन है, इसे बाहर न भेजें।"
PERSONAL_EN = f"Beneficiary Ramesh Koli, Aadhaar {AADHAAR_SPACED}, has not received the cash dole."
HOSTILE_EN = "The Mamlatdar of Mandvi is a corrupt thief and everyone from his community is the same."
ORDINARY = "Relief camp at Bhuj school is open with 120 people."


@pytest.fixture
async def kutch(client, bot, settings):
    """The Kutch district group, bound by its Collector, with two verified Mamlatdars."""
    await import_demo(settings)
    rajesh, vikram, hetal = [await person(client, who) for who in (RAJESH, VIKRAM, HETAL)]
    for someone in (rajesh, vikram, hetal):
        await verify(client, someone)
    chat = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram, hetal))
    return chat, rajesh, vikram, hetal


async def _post(client, chat, user, text):
    return await client.send_message(chat["id"], user["id"], text)


async def _warning_after(client, chat_id, message_id, contains):
    return await client.wait_for_bot_message(chat_id, contains=contains, after_message_id=message_id, timeout=10)


async def test_confidential_content_is_deleted_warned_and_reported_to_the_admins(client, bot, kutch):
    chat, rajesh, vikram, _ = kutch
    posted = await _post(client, chat, vikram, CONFIDENTIAL_EN)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§2")
    assert "marked confidential" in warning["text"]
    assert "official e-mail" in warning["text"]
    assert "jantri" not in warning["text"], "a warning never repeats the content"
    assert any(e.get("user", {}).get("id") == vikram["id"] for e in warning.get("entities", [])), "mentions the member"
    await eventually(lambda: _deleted(client, chat["id"], posted["message_id"]))
    notice = await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)
    assert [b["text"] for b in notice["reply_markup"]["inline_keyboard"][0]] == ["Not a violation", "Confirm"]
    stored = await messages.get_message(bot.services.db, chat["id"], posted["message_id"])
    assert stored.original_text == CONFIDENTIAL_EN, "a deleted message is kept in the record"


async def _deleted(client, chat_id, message_id):
    return message_id in await client.deleted_message_ids(chat_id)


async def test_personal_data_is_deleted_with_a_warning_that_names_the_identifier_not_its_value(client, kutch):
    chat, _, vikram, _ = kutch
    posted = await _post(client, chat, vikram, PERSONAL_EN)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§8")
    assert "an Aadhaar number" in warning["text"]
    assert AADHAAR[-4:] not in warning["text"]
    assert "aggregate figures" in warning["text"]
    await eventually(lambda: _deleted(client, chat["id"], posted["message_id"]))


async def test_hostile_content_gets_a_reply_and_the_admins_are_told(client, kutch):
    chat, rajesh, vikram, _ = kutch
    posted = await _post(client, chat, vikram, HOSTILE_EN)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§8")
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert posted["message_id"] not in await client.deleted_message_ids(chat["id"])
    await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(CONFIDENTIAL_GU, "આપના સંદેશમાં", id="gujarati"),
        pytest.param(CONFIDENTIAL_HI, "आपके संदेश में", id="hindi"),
        pytest.param(CONFIDENTIAL_EN, "your message contains", id="english"),
    ],
)
async def test_the_warning_is_in_the_language_the_message_was_written_in(client, kutch, text, expected):
    chat, _, vikram, _ = kutch
    posted = await _post(client, chat, vikram, text)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§2")
    assert expected in warning["text"]


async def test_ordinary_coordination_passes_silently(client, bot, kutch):
    chat, _, vikram, _ = kutch
    posted = await _post(client, chat, vikram, ORDINARY)
    await client.wait_until_idle()
    await bot.ingress.idle()
    later = [m for m in await client.bot_messages(chat["id"]) if m["message_id"] > posted["message_id"]]
    assert later == []


async def test_each_policy_action_can_be_set_by_the_admin_post(client, bot, kutch):
    chat, rajesh, vikram, hetal = kutch
    asked = await _post(client, chat, rajesh, "/policy confidential warn")
    shown = await _warning_after(client, chat["id"], asked["message_id"], "confidential: warn")
    assert "personal data: delete" in shown["text"]
    posted = await _post(client, chat, vikram, CONFIDENTIAL_EN)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§2")
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    assert posted["message_id"] not in await client.deleted_message_ids(chat["id"])

    asked = await _post(client, chat, rajesh, "/policy hostile off")
    await _warning_after(client, chat["id"], asked["message_id"], "hostile: off")
    posted = await _post(client, chat, hetal, HOSTILE_EN)
    await client.wait_until_idle()
    await bot.ingress.idle()
    assert [m for m in await client.bot_messages(chat["id"]) if m["message_id"] > posted["message_id"]] == []

    asked = await _post(client, chat, rajesh, "/policy personal_data notify")
    await _warning_after(client, chat["id"], asked["message_id"], "personal data: notify")
    posted = await _post(client, chat, hetal, PERSONAL_EN)
    await _warning_after(client, chat["id"], posted["message_id"], "admins have been told")
    await client.wait_for_bot_message(rajesh["id"], contains="Aadhaar", timeout=10)
    assert posted["message_id"] not in await client.deleted_message_ids(chat["id"])
    changes = await journal.entries(bot.services.db, kind="policy", chat_id=chat["id"])
    assert [(c["body"]["label"], c["body"]["actions"]) for c in changes] == [
        ("confidential", ["warn"]), ("hostile", []), ("personal_data", ["notify"]),
    ]


async def test_a_member_cannot_change_the_policy_and_a_bad_policy_gets_its_usage(client, kutch):
    chat, rajesh, vikram, _ = kutch
    asked = await _post(client, chat, vikram, "/policy confidential off")
    refused = await _warning_after(client, chat["id"], asked["message_id"], "⛔")
    assert "admin posts" in refused["text"]
    asked = await _post(client, chat, rajesh, "/policy confidential shout")
    usage = await _warning_after(client, chat["id"], asked["message_id"], "Usage: /policy")
    assert "warn, delete, notify" in usage["text"]


async def test_an_edit_that_adds_a_violation_is_caught_and_one_that_removes_it_closes_the_flag(client, bot, kutch):
    chat, rajesh, vikram, _ = kutch
    asked = await _post(client, chat, rajesh, "/policy hostile warn")
    await _warning_after(client, chat["id"], asked["message_id"], "hostile: warn")
    posted = await _post(client, chat, vikram, "Progress on the crop survey in Mandvi is slow.")
    await client.edit_message(chat["id"], posted["message_id"], vikram["id"], HOSTILE_EN)
    warning = await _warning_after(client, chat["id"], posted["message_id"], "§8")
    assert warning["reply_to_message"]["message_id"] == posted["message_id"]
    open_flags = await flags.open_for_message(bot.services.db, chat["id"], posted["message_id"])
    assert [f.labels for f in open_flags] == [("hostile",)]

    await client.edit_message(chat["id"], posted["message_id"], vikram["id"], "Progress in Mandvi is slow; report by 5 pm.")
    cleared = await _warning_after(client, chat["id"], warning["message_id"], "after your edit")
    assert cleared["reply_to_message"]["message_id"] == posted["message_id"]
    assert await flags.open_for_message(bot.services.db, chat["id"], posted["message_id"]) == []


async def test_findings_within_a_minute_are_combined_into_one_warning(client, bot, kutch, clock):
    chat, _, vikram, _ = kutch
    first = await _post(client, chat, vikram, PERSONAL_EN)
    await _warning_after(client, chat["id"], first["message_id"], "§8")
    second = await _post(client, chat, vikram, HOSTILE_EN)
    third = await _post(client, chat, vikram, CONFIDENTIAL_EN)
    await client.wait_until_idle()
    await bot.ingress.idle()
    warnings = [m for m in await client.bot_messages(chat["id"]) if m["message_id"] > first["message_id"] and "⚠️" in m["text"]]
    assert len(warnings) == 1, "only one warning within the minute"

    clock.advance(timedelta(seconds=61))
    combined = await client.wait_for_bot_message(chat["id"], contains="last 2 messages", after_message_id=third["message_id"], timeout=10)
    assert "§2" in combined["text"] and "§8" in combined["text"]
    assert second["message_id"] not in [m.get("reply_to_message", {}).get("message_id") for m in [combined]]


async def test_an_admin_overrules_a_deletion_and_the_message_is_reposted(client, bot, kutch):
    chat, rajesh, vikram, _ = kutch
    posted = await _post(client, chat, vikram, CONFIDENTIAL_EN)
    notice = await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)
    await eventually(lambda: _deleted(client, chat["id"], posted["message_id"]))
    answer = await client.press_button(rajesh["id"], notice["message_id"], rajesh["id"], notice["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    assert "false alarm" in answer["text"]
    reposted = await client.wait_for_bot_message(chat["id"], contains="restored after review", timeout=10)
    assert CONFIDENTIAL_EN in reposted["text"]

    async def edited():
        current = [m for m in await client.bot_messages(rajesh["id"]) if m["message_id"] == notice["message_id"]][0]
        return "Not a violation" in current["text"].split("Is this a violation")[-1] and "reply_markup" not in current

    await eventually(edited)
    reviews = await journal.entries(bot.services.db, kind="review", chat_id=chat["id"])
    assert [(r["actor_id"], r["body"]["decision"]) for r in reviews] == [(rajesh["id"], "false_alarm")]


async def test_a_confirmed_flag_shows_the_decision_on_the_notice(client, kutch):
    chat, rajesh, vikram, _ = kutch
    await _post(client, chat, vikram, CONFIDENTIAL_EN)
    notice = await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)
    confirm = notice["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
    answer = await client.press_button(rajesh["id"], notice["message_id"], rajesh["id"], confirm)
    assert answer["text"] == "Confirmed."

    async def edited():
        current = [m for m in await client.bot_messages(rajesh["id"]) if m["message_id"] == notice["message_id"]][0]
        return "Confirmed" in current["text"] and "reply_markup" not in current

    await eventually(edited)


async def test_someone_no_longer_an_admin_post_cannot_review(client, bot, kutch, settings):
    """A Collector transferred out keeps old notices in their chat; pressing them is refused."""
    chat, rajesh, vikram, _ = kutch
    await _post(client, chat, vikram, HOSTILE_EN)
    notice = await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)
    roster_text = DEMO_ROSTER.read_text(encoding="utf-8").replace("+91 94262 40001", "+91 94262 49999")
    status, output = await import_file(settings, roster_text)
    assert status == 0, output
    data = notice["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    answer = await client.press_button(rajesh["id"], notice["message_id"], rajesh["id"], data)
    assert answer["show_alert"] is True
    assert answer["text"].startswith("⛔") and "admin posts" in answer["text"]
    still_open = await flags.in_chat(bot.services.db, chat["id"], since=bot.services.clock.now() - timedelta(days=1))
    assert [f.state for f in still_open] == ["open"]
    refused = await journal.entries(bot.services.db, kind="button_refused")
    assert [(r["actor_id"], r["body"]["button"]) for r in refused] == [(rajesh["id"], "review")]


async def test_the_third_confirmed_flag_sends_the_admins_the_members_history(client, bot, kutch, clock):
    chat, rajesh, vikram, _ = kutch
    for number in range(3):
        posted = await _post(client, chat, vikram, f"{HOSTILE_EN} ({number})")
        notice = await client.wait_for_bot_message(rajesh["id"], contains=f"({number})", timeout=10)
        confirm = notice["reply_markup"]["inline_keyboard"][0][1]["callback_data"]
        await client.press_button(rajesh["id"], notice["message_id"], rajesh["id"], confirm)
        if number < 2:
            clock.advance(timedelta(seconds=61))
    history = await client.wait_for_bot_message(rajesh["id"], contains="3 confirmed flags", timeout=10)
    assert "nothing has been done to the member" in history["text"]
    assert history["text"].count("•") == 3
    member = await client.member(chat["id"], vikram["id"])
    assert member["status"] == "member", "escalation never acts on the member"


async def test_flags_lists_open_flags_for_admins_only(client, kutch):
    chat, rajesh, vikram, _ = kutch
    await _post(client, chat, vikram, HOSTILE_EN)
    await client.wait_for_bot_message(rajesh["id"], contains="Flag in", timeout=10)
    asked = await _post(client, chat, rajesh, "/flags")
    listed = await _warning_after(client, chat["id"], asked["message_id"], "Flags")
    assert "hostile" in listed["text"] and "open" in listed["text"]
    asked = await _post(client, chat, vikram, "/flags")
    await _warning_after(client, chat["id"], asked["message_id"], "⛔")


async def test_a_draft_with_a_name_and_an_aadhaar_number_is_checked_and_not_stored(client, bot, kutch):
    _, _, vikram, _ = kutch
    draft = f"Congratulations to Shri Ramesh Patel of Anjar, Aadhaar {AADHAAR_SPACED}, on his new ration card."
    asked = await client.send_message(vikram["id"], vikram["id"], f"/check {draft}")
    report = await client.wait_for_bot_message(vikram["id"], contains="Pre-post check", after_message_id=asked["message_id"])
    assert "an Aadhaar number" in report["text"]
    assert "Ramesh Patel" in report["text"] and "aggregate" in report["text"]
    assert "§9" in report["text"]
    await bot.ingress.idle()
    rows = await bot.services.db.fetchall("SELECT payload FROM inbox")
    assert not any(AADHAAR[-4:] in row["payload"] for row in rows), "the draft is dropped from the inbox"
    bodies = await bot.services.db.fetchall("SELECT body FROM journal_bodies")
    assert not any("Ramesh Patel" in row["body"] for row in bodies)


async def test_check_alone_waits_for_the_draft_as_the_next_message(client, bot, kutch):
    _, _, vikram, _ = kutch
    asked = await client.send_message(vikram["id"], vikram["id"], "/check")
    await client.wait_for_bot_message(vikram["id"], contains="next message", after_message_id=asked["message_id"])
    draft = await client.send_message(vikram["id"], vikram["id"], "Visited the relief camp at Bhuj with the team today.")
    report = await client.wait_for_bot_message(vikram["id"], contains="Pre-post check", after_message_id=draft["message_id"])
    assert "Personal data: none found" in report["text"]
    assert await inbox.unprocessed(bot.services.db) == []
