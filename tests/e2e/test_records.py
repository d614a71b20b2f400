"""The official record end to end: instructions, acknowledgements, /pending, reminders, /log, /usage."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import eventually
from tests.e2e.record_world import ack_data, build_world


@pytest.fixture
async def world(client, bot):
    return await build_world(client, bot)


async def _instruct(client, world, text, sender="collector-kutch", group="kutch"):
    posted = await client.send_message(world.groups[group], world.users[sender], text)
    prompt = await client.wait_for_bot_message(
        world.groups[group], contains="Recorded as an instruction", after_message_id=posted["message_id"]
    )
    return posted, prompt


async def test_an_instruction_is_recorded_with_its_due_time_addressees_and_an_acknowledge_button(client, bot, world):
    posted, prompt = await _instruct(
        client, world, "Mamlatdar Bhuj and Mamlatdar Mandvi to send the rainfall report by 5 pm"
    )
    assert prompt["reply_to_message"]["message_id"] == posted["message_id"]
    assert "information request" in prompt["text"]
    assert "17:00" in prompt["text"]
    assert "Mamlatdar, Bhuj; Mamlatdar, Mandvi" in prompt["text"]
    assert ack_data(prompt).startswith("ack:")
    assert len(ack_data(prompt).encode()) <= 64


async def test_acknowledgements_by_button_and_by_reply_empty_the_pending_list(client, bot, world):
    kutch = world.groups["kutch"]
    posted, prompt = await _instruct(client, world, "All Mamlatdars to attend the review meeting tomorrow 11 am")

    answer = await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))
    assert answer["text"] == "Acknowledged for Mamlatdar, Bhuj."
    again = await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))
    assert again["text"] == "Already acknowledged."

    pending = await client.ask(kutch, world.users["collector-kutch"], "/pending", reply_to=posted["message_id"],
                         contains="acknowledged")
    assert "1 of 2 acknowledged" in pending["text"]
    assert "Mamlatdar, Mandvi" in pending["text"] and "Mamlatdar, Bhuj" not in pending["text"].split("Not yet")[1]

    await client.send_message(kutch, world.users["mamlatdar-mandvi"], "જી સાહેબ", reply_to=prompt["message_id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    pending = await client.ask(kutch, world.users["collector-kutch"], "/pending", contains="acknowledged")
    assert "2 of 2 acknowledged" in pending["text"]
    assert "Everyone addressed has acknowledged." in pending["text"]


async def test_a_reply_that_is_not_an_acknowledgement_does_not_count(client, bot, world):
    kutch = world.groups["kutch"]
    posted, _ = await _instruct(client, world, "Mamlatdar Bhuj to send the crop damage report by 4 pm")
    await client.send_message(kutch, world.users["mamlatdar-bhuj"], "Not done yet, road closed?", reply_to=posted["message_id"])
    await client.wait_until_idle()
    await bot.ingress.idle()
    pending = await client.ask(kutch, world.users["collector-kutch"], "/pending", contains="acknowledged")
    assert "0 of 1 acknowledged" in pending["text"]


async def test_an_unverified_members_acknowledgement_is_recorded_against_their_account(client, bot, world):
    kutch = world.groups["kutch"]
    _, prompt = await _instruct(client, world, "All to attend the relief camp inspection tomorrow 10 am")
    answer = await client.press_button(kutch, prompt["message_id"], world.outsider, ack_data(prompt))
    assert "no verified post" in answer["text"]


async def test_pending_is_refused_to_members_who_are_neither_admin_nor_author(client, bot, world):
    kutch = world.groups["kutch"]
    await _instruct(client, world, "Mamlatdar Mandvi to send the shelter list by 6 pm")
    refusal = await client.ask(kutch, world.users["mamlatdar-bhuj"], "/pending", contains="Only")
    assert "admins and the instruction's author" in refusal["text"]


async def test_in_private_pending_lists_my_unacknowledged_instructions(client, bot, world):
    await _instruct(client, world, "Mamlatdar Mandvi to send the shelter list by 6 pm")
    await _instruct(client, world, "Mamlatdar Bhuj to send the tanker plan by 6 pm")
    me = world.users["mamlatdar-mandvi"]
    answer = await client.ask(me, me, "/pending", contains="acknowledged")
    assert "shelter list" in answer["text"]
    assert "tanker plan" not in answer["text"]


async def test_a_reminder_goes_to_the_group_before_the_due_time(client, bot, world, clock):
    kutch = world.groups["kutch"]
    posted, prompt = await _instruct(client, world, "Mamlatdar Bhuj and Mamlatdar Mandvi: send the damage report within 3 hours")
    await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))

    clock.advance(timedelta(hours=2, minutes=1))  # the reminder is due an hour before the due time
    reminder = await client.wait_for_bot_message(kutch, contains="Reminder", after_message_id=prompt["message_id"])
    assert reminder["reply_to_message"]["message_id"] == posted["message_id"]
    assert "Mamlatdar, Mandvi" in reminder["text"]
    assert "Mamlatdar, Bhuj" not in reminder["text"]
    assert ack_data(reminder) == ack_data(prompt)


async def test_no_reminder_when_everyone_has_acknowledged(client, bot, world, clock):
    kutch = world.groups["kutch"]
    _, prompt = await _instruct(client, world, "Mamlatdar Bhuj to send the damage report within 3 hours")
    await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))
    clock.advance(timedelta(hours=2, minutes=1))
    await eventually(lambda: _no_pending_tasks(bot))
    await client.wait_until_idle()
    texts = [m["text"] for m in await client.bot_messages(kutch)]
    assert not any("Reminder" in text for text in texts)


async def _no_pending_tasks(bot):
    from storage import tasks

    return not await tasks.pending(bot.services.db, kind="records.reminder")


async def test_log_lists_recent_instructions_with_counts_for_admins_only(client, bot, world):
    kutch = world.groups["kutch"]
    _, prompt = await _instruct(client, world, "Mamlatdar Bhuj to send the rainfall report by 5 pm")
    await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))
    await _instruct(client, world, "All Mamlatdars to attend the VC tomorrow 11 am")
    log = await client.ask(kutch, world.users["collector-kutch"], "/log 5", contains="Last")
    assert "Last 2 instructions" in log["text"]
    assert "1/1 acknowledged" in log["text"] and "0/2 acknowledged" in log["text"]
    one = await client.ask(kutch, world.users["collector-kutch"], "/log 1", contains="Last")
    assert one["text"].startswith("Last instruction:\n") and "0/2 acknowledged" in one["text"]
    refusal = await client.ask(kutch, world.users["mamlatdar-bhuj"], "/log", contains="admins")
    assert "/log is for this group's admins" in refusal["text"]
    usage = await client.ask(kutch, world.users["collector-kutch"], "/log many", contains="Usage")
    assert "/log [N]" in usage["text"]


async def test_usage_counts_messages_per_post_in_office_hours(client, bot, world):
    kutch = world.groups["kutch"]
    for number in range(3):
        await client.send_message(kutch, world.users["mamlatdar-bhuj"], f"Update {number} from Bhuj")
    await client.wait_until_idle()
    await bot.ingress.idle()
    me = world.users["collector-kutch"]
    answer = await client.ask(me, me, "/usage", contains="office hours")
    assert "§10" in answer["text"]
    assert "Mamlatdar, Bhuj:" in answer["text"]
    assert "(3 in all)" in answer["text"]
    refusal = await client.ask(world.users["mamlatdar-bhuj"], world.users["mamlatdar-bhuj"], "/usage",
                         contains="admins")
    assert "is for the admins" in refusal["text"]


async def test_the_records_commands_are_in_help_and_the_menus(client, bot, world):
    private = await eventually(lambda: client.commands({"type": "all_private_chats"}))
    names = {command["command"] for command in private}
    assert {"export", "search", "pending", "incident", "sitrep", "usage"} <= names
    admins = {c["command"] for c in await client.commands({"type": "all_chat_administrators"})}
    assert {"log", "pending", "incident", "sitrep", "usage"} <= admins


async def test_instructions_are_tracked_only_in_groups_bound_to_the_roster(client, bot, world):
    owner = await client.create_user("Kiran", last_name="Shah")
    chat = await client.create_group("Unbound chat", creator_id=owner["id"])
    await client.add_bot(chat["id"], added_by=owner["id"])
    await client.send_message(chat["id"], owner["id"], "All Mamlatdars to send the rainfall report by 5 pm")
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.wait_until_idle()
    assert not any("Recorded as an instruction" in m["text"] for m in await client.bot_messages(chat["id"]))


async def test_instructions_posted_at_once_are_prompted_in_the_order_they_were_posted_in_each_group(client, bot, world):
    """Each chat's updates are handled one at a time in the order they came, while two groups go on side by side."""
    texts = ["Mamlatdar Bhuj to send the rainfall report by 5 pm", "All Mamlatdars to attend the review at 11 am",
             "Mamlatdar Mandvi to send the shelter list by 6 pm", "All to submit the damage survey by 4 pm"]
    posted: dict[str, list[int]] = {"kutch": [], "valsad": []}
    senders = {"kutch": "collector-kutch", "valsad": "collector-valsad"}
    for text in texts:  # interleaved, as fast as the sandbox takes them: the bot receives them in batches
        for group in ("kutch", "valsad"):
            message = await client.send_message(world.groups[group], world.users[senders[group]], text)
            posted[group].append(message["message_id"])
    for group, ids in posted.items():
        async def prompts(group=group, ids=ids):
            found = [m for m in await client.bot_messages(world.groups[group])
                     if "Recorded as an instruction" in m.get("text", "")
                     and m.get("reply_to_message", {}).get("message_id") in ids]
            return found if len(found) == len(ids) else None

        found = await eventually(prompts, timeout=20)
        in_order = [m["reply_to_message"]["message_id"] for m in sorted(found, key=lambda m: m["message_id"])]
        assert in_order == ids, group
