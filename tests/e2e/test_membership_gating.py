"""Join gating, end to end: held requests, restricted newcomers, and their deadlines passing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sandbox.client import SandboxError
from storage import journal, membership
from tests.conftest import eventually
from tests.e2e.membership_world import (
    ARVIND,
    DINESH,
    HETAL,
    RAJESH,
    VIKRAM,
    bound_group,
    import_demo,
    person,
    share_own_contact,
    verify,
)

PAST_A_DAY = timedelta(hours=24, minutes=1)


@pytest.fixture
async def kutch(client, bot, settings):
    """The District Kutch group, bound by its verified Collector, with an invite link anyone might pass on."""
    await import_demo(settings)
    rajesh = await person(client, RAJESH)
    await verify(client, rajesh)
    chat = await bound_group(client, rajesh, "District Kutch – Revenue & Disaster", "district Kutch")
    return chat, rajesh


async def _status(client, chat_id, user_id):
    return (await client.member(chat_id, user_id))["status"]


async def test_an_unverified_join_request_is_held_and_approved_after_verification(client, bot, kutch):
    chat, _ = kutch
    vikram = await person(client, VIKRAM)
    await client.request_join(chat["id"], vikram["id"])

    asked = await client.wait_for_bot_message(vikram["id"], contains="held")
    assert "District Kutch – Revenue & Disaster" in asked["text"]
    assert "/start" in asked["text"]
    assert [r["from"]["id"] for r in await client.join_requests(chat["id"])] == [vikram["id"]]
    assert await _status(client, chat["id"], vikram["id"]) == "left"

    sent = await share_own_contact(client, vikram)
    reply = await client.wait_for_bot_message(vikram["id"], contains="Verified", after_message_id=sent["message_id"])

    assert "join request is approved" in reply["text"]
    await eventually(lambda: _is(client, chat["id"], vikram["id"], "member"))
    assert await client.join_requests(chat["id"]) == []
    kinds = [e["kind"] for e in await journal.entries(bot.services.db, chat_id=chat["id"])
             if e["kind"].startswith("membership.")]
    assert kinds[-2:] == ["membership.held", "membership.approved"]


async def test_a_verified_members_join_request_is_approved_at_once(client, bot, kutch):
    chat, _ = kutch
    vikram = await person(client, VIKRAM)
    await verify(client, vikram)
    await client.request_join(chat["id"], vikram["id"])
    await eventually(lambda: _is(client, chat["id"], vikram["id"], "member"))


async def test_a_request_still_unverified_after_the_hold_is_declined_and_the_admin_told(client, bot, clock, kutch):
    chat, rajesh = kutch
    dinesh = await person(client, DINESH)
    await client.request_join(chat["id"], dinesh["id"])
    await client.wait_for_bot_message(dinesh["id"], contains="held")

    clock.advance(PAST_A_DAY)

    told = await client.wait_for_bot_message(rajesh["id"], contains="declined")
    assert "Dinesh Parmar" in told["text"] and "24 hours" in told["text"]
    assert await client.join_requests(chat["id"]) == []
    assert await _status(client, chat["id"], dinesh["id"]) == "left"
    [declined] = await journal.entries(bot.services.db, kind="membership.declined")
    assert declined["body"]["user_id"] == dinesh["id"]


async def test_someone_added_directly_without_verifying_is_restricted_then_removed_after_the_grace(
    client, bot, clock, kutch
):
    chat, rajesh = kutch
    dinesh = await person(client, DINESH)
    await client.add_member(chat["id"], dinesh["id"], added_by=rajesh["id"])

    asked = await client.wait_for_bot_message(chat["id"], contains="Dinesh Parmar")
    assert "official number" in asked["text"] and "/start" in asked["text"]
    assert any(e.get("type") == "text_mention" and e["user"]["id"] == dinesh["id"] for e in asked.get("entities", []))
    await eventually(lambda: _is(client, chat["id"], dinesh["id"], "restricted"))
    with pytest.raises(SandboxError):
        await client.send_message(chat["id"], dinesh["id"], "hello all")

    clock.advance(PAST_A_DAY)

    await client.wait_for_bot_message(chat["id"], contains="was removed", after_message_id=asked["message_id"])
    await eventually(lambda: _is(client, chat["id"], dinesh["id"], "left"))  # removed, not banned for good
    kinds = [e["kind"] for e in await journal.entries(bot.services.db, chat_id=chat["id"])]
    assert "membership.restricted" in kinds and "membership.removed" in kinds


async def test_a_restricted_member_who_verifies_within_the_grace_may_post(client, bot, clock, kutch):
    chat, rajesh = kutch
    hetal = await person(client, HETAL)
    await client.add_member(chat["id"], hetal["id"], added_by=rajesh["id"])
    await eventually(lambda: _is(client, chat["id"], hetal["id"], "restricted"))

    await verify(client, hetal)

    await client.wait_for_bot_message(chat["id"], contains="may post now")
    await eventually(lambda: _is(client, chat["id"], hetal["id"], "member"))
    await client.send_message(chat["id"], hetal["id"], "Mandvi relief camp report attached shortly.")
    clock.advance(PAST_A_DAY)
    await client.wait_until_idle()
    assert await _status(client, chat["id"], hetal["id"]) == "member"  # the removal was called off
    assert await membership.open_gates(bot.services.db, chat_id=chat["id"]) == []


async def test_a_verified_holder_added_directly_is_left_alone(client, bot, kutch):
    chat, rajesh = kutch
    vikram = await person(client, VIKRAM)
    await verify(client, vikram)
    await client.add_member(chat["id"], vikram["id"], added_by=rajesh["id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.send_message(chat["id"], vikram["id"], "Reached Bhuj.")
    assert await _status(client, chat["id"], vikram["id"]) == "member"


async def test_other_bots_are_left_alone(client, bot, kutch):
    chat, rajesh = kutch
    helper = await client.create_user("Weather", last_name="Bot", is_bot=True)
    await client.add_member(chat["id"], helper["id"], added_by=rajesh["id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    assert await _status(client, chat["id"], helper["id"]) == "member"
    assert await membership.open_gates(bot.services.db, chat_id=chat["id"]) == []


async def test_someone_who_leaves_during_the_grace_is_not_removed_later(client, bot, clock, kutch):
    chat, rajesh = kutch
    dinesh = await person(client, DINESH)
    await client.add_member(chat["id"], dinesh["id"], added_by=rajesh["id"])
    await eventually(lambda: _is(client, chat["id"], dinesh["id"], "restricted"))
    await client.leave(chat["id"], dinesh["id"])
    await eventually(lambda: _no_gates(bot, chat["id"]))
    clock.advance(PAST_A_DAY)
    await client.wait_until_idle()
    await bot.ingress.idle()
    assert "membership.removed" not in [e["kind"] for e in await journal.entries(bot.services.db, chat_id=chat["id"])]


async def test_an_unbound_group_is_not_gated(client, bot, settings):
    await import_demo(settings)
    rajesh, dinesh = await person(client, RAJESH), await person(client, DINESH)
    chat = await client.create_group("Collectorate staff", creator_id=rajesh["id"])
    await client.add_bot(chat["id"], added_by=rajesh["id"])
    await client.add_member(chat["id"], dinesh["id"], added_by=rajesh["id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    assert await _status(client, chat["id"], dinesh["id"]) == "member"


async def _is(client, chat_id, user_id, status):
    return await _status(client, chat_id, user_id) == status


async def _no_gates(bot, chat_id):
    return await membership.open_gates(bot.services.db, chat_id=chat_id) == []


async def test_an_admin_post_of_another_group_added_directly_is_left_alone(client, bot, kutch):
    chat, rajesh = kutch
    arvind = await person(client, ARVIND)  # Collector of Valsad
    await verify(client, arvind)
    await client.add_member(chat["id"], arvind["id"], added_by=rajesh["id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.send_message(chat["id"], arvind["id"], "Valsad can spare two water tankers for Bhuj.")
    assert await _status(client, chat["id"], arvind["id"]) == "member"


async def test_a_held_request_is_settled_when_the_person_is_added_another_way(client, bot, clock, kutch):
    chat, rajesh = kutch
    vikram = await person(client, VIKRAM)
    await client.request_join(chat["id"], vikram["id"])
    await client.wait_for_bot_message(vikram["id"], contains="held")
    await verify(client, vikram)  # approves the held request
    await eventually(lambda: _is(client, chat["id"], vikram["id"], "member"))
    clock.advance(PAST_A_DAY)
    await client.wait_until_idle()
    await bot.ingress.idle()
    assert await journal.entries(bot.services.db, kind="membership.declined") == []
    assert not [m for m in await client.bot_messages(rajesh["id"]) if "declined" in m["text"]]


@pytest.mark.parametrize(
    "faults",
    [
        pytest.param({"error_500_rate": 0.6, "methods": ["approveChatJoinRequest"], "seed": 1}, id="500s"),
        pytest.param({"drop_rate": 0.6, "methods": ["approveChatJoinRequest"], "seed": 1}, id="dropped"),
    ],
)
async def test_an_approval_that_is_due_is_sent_despite_telegram_failing(client, bot, kutch, faults):
    """Only approveChatJoinRequest draws from the seeded faults, so the same calls fail on every run."""
    chat, _ = kutch
    vikram = await person(client, VIKRAM)
    await verify(client, vikram)
    await client.set_faults(**faults)
    await client.request_join(chat["id"], vikram["id"])
    await eventually(lambda: _is(client, chat["id"], vikram["id"], "member"), timeout=30)
    stats = await client.stats()
    assert stats["errors_by_method"] or stats["dropped"], "the faults were never triggered"
