"""The admin posts' rules (circular §2): binding groups, the listings (/members, /audit), and Samvad's arrival
in a group, on a real SQLite file with a fake of Telegram's reads."""

import pytest

from coordination import admission, group_admin, membership
from coordination.admission import BotStanding
from coordination.answers import Refusal, Reply
from coordination.group_admin import AdminCommand
from runtime.purposes import Purpose
from storage import journal, membership as membership_store, roster
from storage.membership_args import BindTarget
from storage.roster_changes import RECONCILE_TASK
from tests.coordination.membership_world import (
    ACS,
    BOT_ID,
    COLLECTOR,
    KUTCH,
    KUTCH_GROUP,
    MAMLATDAR,
    STATE,
    STATE_GROUP,
    STRANGER,
    open_world,
)

KUTCH_TARGET = BindTarget("district", "Kutch")


@pytest.fixture
async def world(tmp_path, database_target):
    opened = await open_world(tmp_path, database_target)
    yield opened
    await opened.db.close()


# -- /bind and /unbind ------------------------------------------------------------------------------


async def test_the_collector_binds_the_district_group(world):
    await world.verify(COLLECTOR, "collector-kutch")
    assert await group_admin.bind(world.c, AdminCommand(KUTCH_GROUP, COLLECTOR, 61), KUTCH_TARGET) is None
    assert await roster.binding_of(world.db, KUTCH.chat_id) == KUTCH
    [reply] = await world.calls()
    assert reply.chat_id == KUTCH.chat_id and reply.params["reply_parameters"]["message_id"] == 61
    assert reply.text.startswith("✅ This group is now <b>the District Kutch group</b> (§2).\nPosts that belong"
                                 " here: 5.")
    assert "⚠️ Samvad is missing these rights here" in reply.text  # never told it is an administrator
    [entry] = await journal.entries(world.db, kind="membership.bound")
    assert entry["body"] == {"level": "district", "jurisdiction": "Kutch"}


async def test_only_the_admin_post_of_that_level_may_bind(world):
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    outcome = await group_admin.bind(world.c, AdminCommand(KUTCH_GROUP, MAMLATDAR, 61), KUTCH_TARGET)
    assert outcome == Refusal("Only the admin post of that level can bind a group: for the District Kutch group,"
                              " District Collector.", "bind")
    assert await roster.binding_of(world.db, KUTCH.chat_id) is None and await world.calls() == []


async def test_an_unverified_admin_is_told_to_verify_first(world):
    outcome = await group_admin.bind(world.c, AdminCommand(KUTCH_GROUP, STRANGER, 61), KUTCH_TARGET)
    assert isinstance(outcome, Refusal) and outcome.reason.endswith("open a private chat with Samvad and send /start.")


async def test_one_group_per_binding(world):
    await world.verify(COLLECTOR, "collector-kutch")
    await world.bind(KUTCH, KUTCH_GROUP)
    other = membership.Group(-1003, "supergroup", "Kutch Two")
    await group_admin.bind(world.c, AdminCommand(other, COLLECTOR, 62), KUTCH_TARGET)
    [reply] = await world.calls()
    assert reply.text == ("The District Kutch group is already the group «Kutch Coordination»: one group per binding"
                          " (§2). Its admin post can /unbind it there first.")
    assert await roster.binding_of(world.db, other.chat_id) is None


async def test_binding_a_group_invites_its_verified_holders_who_are_not_there(world):
    await world.verify(ACS, "acs-revenue")
    await world.verify(COLLECTOR, "collector-kutch")
    world.telegram.statuses[(STATE.chat_id, ACS.user_id)] = "creator"
    await group_admin.bind(world.c, AdminCommand(STATE_GROUP, ACS, 61), BindTarget("state", ""))
    tasks = await world.pending_tasks(RECONCILE_TASK)
    assert sorted(task.payload["user_id"] for task in tasks) == [ACS.user_id, COLLECTOR.user_id]
    await world.new_calls()
    for task in tasks:
        await membership.reconcile(world.c, task)
    told = {call.chat_id: call for call in await world.new_calls()}
    assert told[ACS.user_id].text.startswith("The State group is now bound to its Telegram group (§2).")
    assert "<b>State Coordination</b>: you are in." in told[ACS.user_id].text
    assert "<b>State Coordination</b>: ask to join with https://t.me/+link" in told[COLLECTOR.user_id].text


async def test_unbind_is_for_the_groups_admin_post(world):
    await world.verify(COLLECTOR, "collector-kutch")
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    assert await group_admin.unbind(world.c, AdminCommand(KUTCH_GROUP, COLLECTOR, 63)) == Reply(
        "This group is not bound.", Purpose.MEMBERSHIP_USAGE)
    await world.bind(KUTCH, KUTCH_GROUP)
    assert await group_admin.unbind(world.c, AdminCommand(KUTCH_GROUP, MAMLATDAR, 63)) == Refusal(
        "Only the admin posts of the District Kutch group (District Collector) can use /unbind.", "unbind")
    assert await group_admin.unbind(world.c, AdminCommand(KUTCH_GROUP, COLLECTOR, 63)) is None
    assert await roster.binding_of(world.db, KUTCH.chat_id) is None
    [reply] = await world.calls()
    assert reply.text == ("This group is no longer the District Kutch group; Samvad no longer admits members"
                          " here.")


# -- /members and /audit -----------------------------------------------------------------------------


async def test_members_lists_who_is_in_who_waits_and_which_posts_are_missing(world):
    await world.bind(KUTCH, KUTCH_GROUP)
    await world.verify(COLLECTOR, "collector-kutch")
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    await membership.member_changed(world.c, membership.MemberChange(
        KUTCH_GROUP, STRANGER, STRANGER, "left", "member"))  # restricted until verified
    await membership.member_changed(world.c, membership.MemberChange(
        KUTCH_GROUP, COLLECTOR, COLLECTOR, "left", "creator"))
    world.telegram.statuses.update({(KUTCH.chat_id, COLLECTOR.user_id): "creator",
                                    (KUTCH.chat_id, STRANGER.user_id): "restricted"})
    await world.new_calls()
    assert await group_admin.members(world.c, AdminCommand(KUTCH_GROUP, COLLECTOR, 64), bot_id=BOT_ID) is None
    [reply] = await world.new_calls()
    lines = reply.text.split("\n")
    assert lines[:2] == ["<b>Kutch Coordination</b> — the District Kutch group", "Verified members (1):"]
    assert "• Rajesh Patel — District Collector (collector-kutch)" in lines
    assert "• Ravi Kumar — removed on 29 Nov 2026, 15:30 IST unless verified" in lines
    assert ("• Mamlatdar, Bhuj (mamlatdar-bhuj) — Vikram Jadeja, +91 94262 40003 — verified, not in the group"
            in lines)
    assert "• Mamlatdar, Mandvi (mamlatdar-mandvi) — Hetal Gohil, +91 94262 40004 — not verified yet" in lines
    assert reply.purpose == "membership: members"
    [entry] = await journal.entries(world.db, kind="membership.audit")
    assert entry["body"]["waiting"] == [STRANGER.user_id] and "mamlatdar-bhuj" in entry["body"]["missing"]


async def test_members_is_refused_to_anyone_but_the_groups_admin_post_and_needs_a_binding(world):
    await world.verify(MAMLATDAR, "mamlatdar-bhuj")
    assert await group_admin.members(world.c, AdminCommand(KUTCH_GROUP, MAMLATDAR, 64), bot_id=BOT_ID) == Reply(
        "This group is not bound yet: its admin post binds it first with /bind.", Purpose.MEMBERSHIP_USAGE)
    await world.bind(KUTCH, KUTCH_GROUP)
    outcome = await group_admin.members(world.c, AdminCommand(KUTCH_GROUP, MAMLATDAR, 64), bot_id=BOT_ID)
    assert isinstance(outcome, Refusal) and await world.calls() == []


async def test_the_audit_is_for_the_state_admin_posts_and_names_the_unbound_groups(world):
    await world.verify(ACS, "acs-revenue")
    await world.verify(COLLECTOR, "collector-kutch")
    await world.bind(KUTCH, KUTCH_GROUP)
    assert isinstance(await group_admin.audit_all(world.c, COLLECTOR, bot_id=BOT_ID), Refusal)
    assert await group_admin.audit_all(world.c, ACS, bot_id=BOT_ID) is None
    [reply] = await world.calls()
    assert reply.chat_id == ACS.user_id and reply.purpose == "membership: audit"
    assert reply.text.startswith("<b>Audit of the coordination groups</b> (§2)\n\n<b>Kutch Coordination</b>")
    unbound = ["<b>Groups the roster calls for that are not bound yet (4):</b>",
               "• state", "• hod land-records", "• hod registration", "• district Valsad"]
    lines = reply.text.split("\n")
    assert lines[lines.index(unbound[0]):][:5] == unbound


# -- Samvad added to a group ------------------------------------------------------------------------


async def test_samvad_added_without_rights_says_what_it_needs_and_how_to_bind(world):
    await admission.bot_status_changed(world.c, STATE_GROUP, BotStanding("left"), BotStanding("member"))
    [intro] = await world.calls()
    assert intro.chat_id == STATE.chat_id and intro.text.startswith("Namaste.")
    assert ("Samvad is missing these rights here: <b>invite users via link, ban users (restrict and remove members),"
            " delete messages</b>") in intro.text
    assert "/bind district NAME" in intro.text


async def test_samvad_given_its_rights_says_thank_you_once(world):
    rights = dict.fromkeys(membership.REQUIRED_RIGHTS, True)
    before, after = BotStanding("member"), BotStanding("administrator", rights=rights)
    await admission.bot_status_changed(world.c, KUTCH_GROUP, before, after)
    await admission.bot_status_changed(world.c, KUTCH_GROUP, after, after)
    [thanks] = await world.calls()
    assert thanks.text == "Thank you: Samvad now has the rights it needs here."


async def test_samvad_in_a_private_chat_or_removed_says_nothing(world):
    private = membership.Group(42, "private")
    await admission.bot_status_changed(world.c, private, BotStanding("left"), BotStanding("member"))
    await admission.bot_status_changed(world.c, KUTCH_GROUP, BotStanding("member"), BotStanding("kicked"))
    assert await world.calls() == []
    assert await membership_store.open_gates(world.db) == []
