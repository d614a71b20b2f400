"""The admin posts' commands end to end: /bind, /unbind, /members, /audit, /transfer, and refusals."""

from __future__ import annotations

from storage import journal, roster, tasks
from tests.conftest import eventually
from tests.e2e.membership_world import (
    ANIL,
    ARVIND,
    DEMO_ROSTER,
    DINESH,
    FARIDA,
    MEERA,
    RAJESH,
    SUNITA,
    VIKRAM,
    bound_group,
    group_with_bot,
    import_demo,
    import_file,
    person,
    share_own_contact,
    verify,
)


async def test_the_bot_added_without_rights_says_which_are_missing_and_how_to_bind(client, bot, settings):
    rajesh = await person(client, RAJESH)
    chat = await client.create_group("District Kutch", creator_id=rajesh["id"])
    await client.add_bot(chat["id"], added_by=rajesh["id"], rights={"can_invite_users": False,
                                                                    "can_restrict_members": False})
    intro = await client.wait_for_bot_message(chat["id"], contains="/bind district")
    assert "missing these rights here: invite users via link, ban users" in intro["text"]
    assert "delete messages" not in intro["text"].split("missing these rights here:")[1]

    await client.set_bot_rights(chat["id"], admin=True, by=rajesh["id"])
    await client.wait_for_bot_message(chat["id"], contains="now has the rights it needs",
                                      after_message_id=intro["message_id"])


async def test_a_collector_binds_the_district_group_by_any_spelling(client, bot, settings):
    await import_demo(settings)
    rajesh = await person(client, RAJESH)
    await verify(client, rajesh)
    chat = await group_with_bot(client, rajesh, "Kachchh Collectorate")
    reply = await client.ask(chat["id"], rajesh["id"], "/bind district Kachchh", "This group is now")
    assert "District Kutch" in reply["text"]
    binding = await roster.binding_of(bot.services.db, chat["id"])
    assert (binding.level, binding.jurisdiction) == ("district", "Kutch")
    [bound] = await journal.entries(bot.services.db, kind="membership.bound")
    assert bound["actor_id"] == rajesh["id"]


async def test_only_the_admin_post_of_that_level_may_bind(client, bot, settings):
    await import_demo(settings)
    rajesh, arvind, vikram = await person(client, RAJESH), await person(client, ARVIND), await person(client, VIKRAM)
    for officer in (rajesh, arvind, vikram):
        await verify(client, officer)
    chat = await group_with_bot(client, arvind, "District Kutch", members=(vikram, rajesh))

    by_other_collector = await client.ask(chat["id"], arvind["id"], "/bind district Kutch", "Only the admin post")
    assert "District Collector" in by_other_collector["text"]
    await client.ask(chat["id"], vikram["id"], "/bind district Kutch", "Only the admin post")
    await client.ask(chat["id"], rajesh["id"], "/bind state", "Only the admin post")
    assert await roster.binding_of(bot.services.db, chat["id"]) is None


async def test_a_telegram_admin_who_holds_no_post_is_refused(client, bot, settings):
    await import_demo(settings)
    dinesh = await person(client, DINESH)
    chat = await group_with_bot(client, dinesh, "District Kutch")
    reply = await client.ask(chat["id"], dinesh["id"], "/bind district Kutch", "Only the admin post")
    assert "verify first" in reply["text"]
    refused = await journal.entries(bot.services.db, kind="command_refused")
    assert [(e["actor_id"], e["body"]["command"]) for e in refused] == [(dinesh["id"], "bind")]


async def test_a_malformed_bind_gets_its_usage(client, bot, settings):
    await import_demo(settings)
    rajesh = await person(client, RAJESH)
    await verify(client, rajesh)
    chat = await group_with_bot(client, rajesh, "District Kutch")
    reply = await client.ask(chat["id"], rajesh["id"], "/bind district Bombay", "Usage:")
    assert "'Bombay' is not one of Gujarat's districts" in reply["text"]
    reply = await client.ask(chat["id"], rajesh["id"], "/bind", "Usage:")
    assert "/bind district NAME" in reply["text"]


async def test_one_group_per_binding_names_the_group_that_has_it(client, bot, settings):
    await import_demo(settings)
    rajesh = await person(client, RAJESH)
    await verify(client, rajesh)
    await bound_group(client, rajesh, "District Kutch – Revenue", "district Kutch")
    second = await group_with_bot(client, rajesh, "Kutch (new)")
    reply = await client.ask(second["id"], rajesh["id"], "/bind district Kutch", "already")
    assert "«District Kutch – Revenue»" in reply["text"]
    assert await roster.binding_of(bot.services.db, second["id"]) is None


async def test_members_lists_the_roster_posts_missing_from_the_group(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram, sunita, dinesh = [await person(client, who) for who in (RAJESH, VIKRAM, SUNITA, DINESH)]
    await verify(client, rajesh)
    await verify(client, sunita)
    chat = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram,))
    await verify(client, vikram)
    await client.add_member(chat["id"], dinesh["id"], added_by=rajesh["id"])
    await client.wait_for_bot_message(chat["id"], contains="Dinesh Parmar")

    report = await client.ask(chat["id"], rajesh["id"], "/members", "Roster posts missing")

    text = report["text"]
    verified = text.split("Verified members")[1].split("Restricted")[0]
    assert "Rajesh Patel — District Collector (collector-kutch)" in verified
    assert "Vikram Jadeja — Mamlatdar, Bhuj (mamlatdar-bhuj)" in verified
    assert "Dinesh Parmar — removed on" in text.split("Restricted until they verify")[1]
    missing = text.split("Roster posts missing from the group")[1]
    assert "Mamlatdar, Mandvi (mamlatdar-mandvi) — Hetal Gohil, +91 94262 40004 — not verified yet" in missing
    assert "Prant Officer, Bhuj (prant-bhuj) — Sunita Chaudhary, +91 94262 40002 — verified, not in the group" in missing
    assert "Mamlatdar, Bhuj" not in missing
    assert ("Resident Additional Collector & DDMO, Kutch (rac-kutch, disaster coordinator (Kutch)) — Jignesh Parmar"
            in missing)


async def test_members_is_refused_to_a_member_without_an_admin_post(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram = await person(client, RAJESH), await person(client, VIKRAM)
    await verify(client, rajesh)
    chat = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram,))
    await verify(client, vikram)
    await client.promote(chat["id"], vikram["id"], by=rajesh["id"])  # a Telegram admin, not the admin post
    reply = await client.ask(chat["id"], vikram["id"], "/members", "Only the admin posts")
    assert "District Collector" in reply["text"]
    assert "Verified members" not in reply["text"]


async def test_audit_covers_every_group_for_a_state_admin_and_nobody_else(client, bot, settings):
    await import_demo(settings)
    meera, farida, rajesh = await person(client, MEERA), await person(client, FARIDA), await person(client, RAJESH)
    for officer in (meera, farida, rajesh):
        await verify(client, officer)
    await bound_group(client, meera, "Revenue – State Coordination", "state", members=(farida,))
    await bound_group(client, rajesh, "District Kutch", "district Kutch")

    asked = await client.send_message(meera["id"], meera["id"], "/audit")
    report = await client.wait_for_bot_message(meera["id"], contains="Audit of the coordination groups",
                                               after_message_id=asked["message_id"])
    text = report["text"]
    assert "Revenue – State Coordination" in text and "District Kutch" in text
    state_part = text.split("Revenue – State Coordination")[1].split("District Kutch —")[0]
    assert "District Collector (collector-kutch) — Rajesh Patel" in state_part  # a Collector belongs in the State group
    assert "Farida Shaikh — Relief Commissioner (relief-commissioner, disaster coordinator (state))" in state_part
    assert "district Valsad" in text.split("not bound yet")[1]

    asked = await client.send_message(rajesh["id"], rajesh["id"], "/audit")
    await client.wait_for_bot_message(rajesh["id"], contains="Only the state-level admin posts",
                                      after_message_id=asked["message_id"])


async def test_a_transfer_moves_access_from_the_old_account_to_the_new(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram = await person(client, RAJESH), await person(client, VIKRAM)
    successor = await client.create_user("Amit", last_name="Shah", phone="+919825011111")
    await verify(client, rajesh)
    chat = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram,))
    await verify(client, vikram)

    reply = await client.ask(chat["id"], rajesh["id"], "/transfer mamlatdar-bhuj +91 98250 11111 Amit Shah",
                           "Transferred")
    assert "holder Vikram Jadeja → Amit Shah" in reply["text"]

    await eventually(lambda: _status_is(client, chat["id"], vikram["id"], "left"))
    told = await client.wait_for_bot_message(vikram["id"], contains="Removed from")
    assert "District Kutch" in told["text"]
    assert await roster.posts_of_user(bot.services.db, vikram["id"]) == []

    welcome = await verify(client, successor)
    assert "Mamlatdar, Bhuj" in welcome["text"]
    [link] = [entry["invite_link"] for entry in await client.invite_links(chat["id"])
              if entry["invite_link"] in welcome["text"]]
    await client.join_by_link(successor["id"], link)
    await eventually(lambda: _status_is(client, chat["id"], successor["id"], "member"))
    [entry] = await journal.entries(bot.services.db, kind="membership.transfer")
    assert entry["actor_id"] == rajesh["id"] and entry["body"]["old_account"] == vikram["id"]


async def test_a_transfer_to_a_number_that_already_tried_to_verify_invites_it_at_once(client, bot, settings):
    await import_demo(settings)
    rajesh, vikram = await person(client, RAJESH), await person(client, VIKRAM)
    successor = await client.create_user("Amit", last_name="Shah", phone="+919825011111")
    await verify(client, rajesh)
    chat = await bound_group(client, rajesh, "District Kutch", "district Kutch", members=(vikram,))
    await verify(client, vikram)
    sent = await share_own_contact(client, successor)
    await client.wait_for_bot_message(successor["id"], contains="not in", after_message_id=sent["message_id"])

    edited = DEMO_ROSTER.read_text(encoding="utf-8").replace("+91 94262 40003", "+91 98250 11111").replace(
        "Vikram Jadeja", "Amit Shah")
    status, output = await import_file(settings, edited)  # the CLI, beside the running bot

    assert status == 0 and "mamlatdar-bhuj: holder Vikram Jadeja → Amit Shah" in output
    invited = await client.wait_for_bot_message(successor["id"], contains="Mamlatdar, Bhuj",
                                                after_message_id=sent["message_id"])
    assert "ask to join with https://t.me/" in invited["text"]
    await eventually(lambda: _status_is(client, chat["id"], vikram["id"], "left"))


async def test_a_collector_cannot_transfer_another_districts_post(client, bot, settings):
    await import_demo(settings)
    arvind = await person(client, ARVIND)
    await verify(client, arvind)
    asked = await client.send_message(arvind["id"], arvind["id"], "/transfer mamlatdar-bhuj 9825011111")
    reply = await client.wait_for_bot_message(arvind["id"], contains="Only", after_message_id=asked["message_id"])
    assert "Collector of Kutch" in reply["text"]
    assert (await roster.get_post(bot.services.db, "mamlatdar-bhuj")).mobile == "+919426240003"


async def test_a_malformed_transfer_gets_its_usage(client, bot, settings):
    await import_demo(settings)
    meera = await person(client, MEERA)
    await verify(client, meera)
    asked = await client.send_message(meera["id"], meera["id"], "/transfer mamlatdar-bhuj 12345")
    reply = await client.wait_for_bot_message(meera["id"], contains="Usage:", after_message_id=asked["message_id"])
    assert "10 digits" in reply["text"]


async def test_a_person_holding_two_posts_keeps_the_group_the_other_post_belongs_in(client, bot, settings):
    await import_demo(settings)
    anil, meera, farida = await person(client, ANIL), await person(client, MEERA), await person(client, FARIDA)
    await verify(client, anil)
    state = await bound_group(client, anil, "State Coordination", "state", members=(meera, farida))
    await verify(client, meera)
    await verify(client, farida)
    # Additional charge: Meera's account also holds the Relief Commissioner's post (one Telegram account has one
    # number, so the second link is made as a transfer to an account already known would make it).
    async with bot.services.db.transaction() as tx:
        await roster.link_account(tx, post_id="relief-commissioner", user_id=meera["id"], mobile="+919426210003",
                                  at=bot.services.clock.now())

    await client.ask(state["id"], anil["id"], "/transfer relief-commissioner 9825033333 Farida Shaikh", "Transferred")
    await eventually(lambda: _no_pending_tasks(bot))
    await client.wait_until_idle()

    assert (await client.member(state["id"], meera["id"]))["status"] == "member"  # acs-revenue still belongs there
    assert [post.post_id for post in await roster.posts_of_user(bot.services.db, meera["id"])] == ["acs-revenue"]
    await client.ask(state["id"], anil["id"], "/transfer acs-revenue 9825044444 Kavita Rao", "Transferred")
    await eventually(lambda: _status_is(client, state["id"], meera["id"], "left"))  # her last post there is gone


async def _no_pending_tasks(bot):
    return [task for task in await tasks.pending(bot.services.db) if task.kind == "membership.reconcile"] == []


async def _status_is(client, chat_id, user_id, status):
    return (await client.member(chat_id, user_id))["status"] == status


async def test_the_membership_commands_are_in_the_menus_of_those_who_may_use_them(client, bot):
    async def menu(scope_type):
        return [command["command"] for command in await client.commands({"type": scope_type})]

    private = await eventually(lambda: menu("all_private_chats"))
    assert {"start", "audit", "transfer"} <= set(private)
    assert {"bind", "unbind", "members", "transfer"} <= set(await menu("all_chat_administrators"))
    assert not {"bind", "unbind", "members", "audit"} & set(await menu("all_group_chats"))
