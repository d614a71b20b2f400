"""Verification by official number, end to end: a real bot, the sandbox, a real SQLite file."""

from __future__ import annotations

from storage import journal, roster
from tests.conftest import eventually
from tests.e2e.membership_world import (
    DINESH,
    FARIDA,
    MEERA,
    RAJESH,
    VIKRAM,
    bound_group,
    import_demo,
    last_private_message,
    person,
    share_own_contact,
    verify,
)


async def test_start_in_private_offers_to_share_the_number(client, bot, settings):
    await import_demo(settings)
    vikram = await person(client, VIKRAM)
    await client.start_bot(vikram["id"])
    offer = await client.wait_for_bot_message(vikram["id"], contains="Share my number")
    assert "official number" in offer["text"]
    assert "§2" in offer["text"]


async def test_a_verified_holder_gets_an_invite_link_that_admits_them_at_once(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram = await person(client, RAJESH), await person(client, VIKRAM)
    await verify(client, rajesh)
    kutch = await bound_group(client, rajesh, "District Kutch – Revenue", "district Kutch")

    reply = await verify(client, vikram)

    assert "Mamlatdar, Bhuj" in reply["text"]
    assert "District Kutch – Revenue" in reply["text"]
    [link] = [entry["invite_link"] for entry in await client.invite_links(kutch["id"])
              if entry["invite_link"] in reply["text"]]
    assert (await client.join_by_link(vikram["id"], link)) == "requested"
    member = await eventually(lambda: _present(client, kutch["id"], vikram["id"]))
    assert member["status"] == "member"
    [account] = await roster.posts_of_user(bot.services.db, vikram["id"])
    assert account.post_id == "mamlatdar-bhuj"


async def test_sharing_someone_elses_contact_card_is_refused(client, bot, settings):
    await import_demo(settings)
    rajesh, dinesh = await person(client, RAJESH), await person(client, DINESH)
    await client.start_bot(dinesh["id"])
    sent = await client.send_contact(
        dinesh["id"], dinesh["id"], phone_number="919426240001", first_name="Rajesh", contact_user_id=rajesh["id"]
    )
    reply = await client.wait_for_bot_message(dinesh["id"], contains="someone else", after_message_id=sent["message_id"])
    assert "your own" in reply["text"]
    assert await roster.posts_of_user(bot.services.db, dinesh["id"]) == []
    refused = await journal.entries(bot.services.db, kind="membership.verification_refused")
    assert [entry["actor_id"] for entry in refused] == [dinesh["id"]]


async def test_a_forwarded_contact_card_is_refused_even_if_it_is_the_senders(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram = await person(client, RAJESH), await person(client, VIKRAM)
    await client.start_bot(vikram["id"])
    sent = await client.send_contact(
        vikram["id"], vikram["id"], phone_number="919426240003", first_name="Vikram", contact_user_id=vikram["id"],
        forwarded_from=rajesh["id"],
    )
    await client.wait_for_bot_message(vikram["id"], contains="forwarded", after_message_id=sent["message_id"])
    assert await roster.posts_of_user(bot.services.db, vikram["id"]) == []


async def test_an_unknown_number_is_refused_and_the_state_admin_is_told(client, bot, settings):
    await import_demo(settings)
    meera, dinesh = await person(client, MEERA), await person(client, DINESH)
    await verify(client, meera)

    sent = await share_own_contact(client, dinesh)

    reply = await client.wait_for_bot_message(dinesh["id"], contains="not in", after_message_id=sent["message_id"])
    assert "+91 98250 12345" in reply["text"]
    assert "admins have been told" in reply["text"]
    told = await client.wait_for_bot_message(meera["id"], contains="Dinesh Parmar")
    assert "+91 98250 12345" in told["text"] and "not an official number" in told["text"]
    [failed] = await journal.entries(bot.services.db, kind="membership.verification_failed")
    assert failed["body"]["mobile"] == "+919825012345"


async def test_a_repeated_attempt_with_the_same_unknown_number_tells_the_admins_only_once(client, bot, settings):
    await import_demo(settings)
    meera, dinesh = await person(client, MEERA), await person(client, DINESH)
    await verify(client, meera)
    replies = []
    for _ in range(2):
        sent = await share_own_contact(client, dinesh)
        replies.append(await client.wait_for_bot_message(dinesh["id"], contains="not in",
                                                         after_message_id=sent["message_id"]))
    assert "were told when you first tried" in replies[1]["text"]
    await client.wait_until_idle()
    await bot.ingress.idle()
    warnings = [m for m in await client.bot_messages(meera["id"]) if "Dinesh Parmar" in m["text"]]
    assert len(warnings) == 1


async def test_a_holder_already_in_their_group_is_told_so_and_gets_no_link(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram, farida = await person(client, RAJESH), await person(client, VIKRAM), await person(client, FARIDA)
    await verify(client, rajesh)
    kutch = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram, farida))
    reply = await verify(client, vikram)
    assert "District Kutch: you are in." in reply["text"]
    assert "t.me" not in reply["text"]
    assert [link for link in await client.invite_links(kutch["id"]) if not link["is_primary"]] == []


async def test_start_again_after_verifying_shows_the_groups_instead_of_the_button(client, bot, settings):
    await import_demo(settings)
    rajesh = await person(client, RAJESH)
    await verify(client, rajesh)
    await bound_group(client, rajesh, "District Kutch", "district Kutch")
    asked = await client.start_bot(rajesh["id"])
    reply = await client.wait_for_bot_message(rajesh["id"], contains="You are verified",
                                              after_message_id=asked["message_id"])
    assert "District Collector" in reply["text"]
    assert "District Kutch: you are in." in reply["text"]
    assert "no group is bound yet" in reply["text"]  # the State group, where a Collector also belongs


async def _present(client, chat_id, user_id):
    member = await client.member(chat_id, user_id)
    return member if member["status"] in ("member", "restricted", "administrator", "creator") else None


async def test_an_unknown_number_with_no_admin_verified_yet_says_whom_to_tell(client, bot, settings):
    await import_demo(settings)
    dinesh = await person(client, DINESH)
    sent = await share_own_contact(client, dinesh)
    reply = await client.wait_for_bot_message(dinesh["id"], contains="not in", after_message_id=sent["message_id"])
    assert "No admin has verified with Samvad yet" in reply["text"]


async def test_a_member_told_no_group_was_bound_hears_when_her_group_is_bound(client, bot, settings):
    await import_demo(settings)
    meera, rajesh = await person(client, MEERA), await person(client, RAJESH)
    await verify(client, meera)
    reply = await verify(client, rajesh)
    assert "The State group: no group is bound yet" in reply["text"]
    state = await bound_group(client, meera, "Revenue – State Coordination", "state", members=(rajesh,))
    note = await client.wait_for_bot_message(rajesh["id"], contains="now bound", after_message_id=reply["message_id"])
    assert "Revenue – State Coordination: you are in." in note["text"]
    assert "roster update" not in note["text"]
    assert (await last_private_message(client, rajesh["id"]))["message_id"] == note["message_id"]
    assert (await client.member(state["id"], rajesh["id"]))["status"] == "member"
