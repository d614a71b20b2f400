"""Forged button data: Telegram passes on any callback_data a modified client sends, so the bot trusts none of it.

Every pattern the bot registers for callback queries is read from the running application,
and each must have forgeries here naming another group, another flag, another instruction
or an export the presser may not have. Each is refused with an alert, changes nothing in the
record and sends nothing (no menu step, no file, no restored message).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from telegram.ext import CallbackQueryHandler

from storage import flags, incidents, instructions, journal
from tests.conftest import eventually
from tests.e2e.record_world import World, ack_data, build_world

AADHAAR = "2345 6789 0124"


@pytest.fixture
async def world(client, bot):
    return await build_world(client, bot)


def _registered_patterns(application) -> set[str]:
    found = set()
    for handlers in application.handlers.values():
        for handler in handlers:
            if isinstance(handler, CallbackQueryHandler):
                pattern = handler.pattern
                assert pattern is not None, f"{handler.callback.__name__} takes every callback query: give it a pattern"
                found.add(getattr(pattern, "pattern", pattern))
    return found


async def _refused(client, chat_id, message_id, user_id, data, *, says: str) -> None:
    answer = await client.press_button(chat_id, message_id, user_id, data, forged=True)
    assert answer["show_alert"] is True, (data, answer)
    assert says in answer["text"], (data, answer)


async def _bot_messages_after(client, chat_id, message_id) -> list[dict]:
    return [m for m in await client.bot_messages(chat_id) if m["message_id"] > message_id]


async def _instruction_in(client, world, group: str, author: str, text: str) -> tuple[dict, int]:
    chat = world.groups[group]
    posted = await client.send_message(chat, world.users[author], text)
    prompt = await client.wait_for_bot_message(chat, contains="Recorded as an instruction",
                                               after_message_id=posted["message_id"])
    return prompt, int(ack_data(prompt).partition(":")[2])


async def forge_acknowledgements(client, bot, world: World) -> None:
    """ack:ID naming an instruction of another group, or none at all."""
    kutch_prompt, _ = await _instruction_in(client, world, "kutch", "collector-kutch",
                                            "Mamlatdar Bhuj to send the relief list by 5 pm")
    _, valsad_id = await _instruction_in(client, world, "valsad", "collector-valsad",
                                         "Mamlatdar Valsad to send the shelter count by 6 pm")
    bhuj = world.users["mamlatdar-bhuj"]
    for data in (f"ack:{valsad_id}", "ack:999999"):
        await _refused(client, world.groups["kutch"], kutch_prompt["message_id"], bhuj, data,
                       says="This instruction is not in the record.")
    valsad = await instructions.get(bot.services.db, valsad_id)
    status = await instructions.status(bot.services.db, valsad)
    assert status.acknowledgements == ()
    assert not [entry for entry in await journal.entries(bot.services.db, kind="acknowledgement")
                if entry["actor_id"] == bhuj]


async def forge_reviews(client, bot, world: World) -> None:
    """mod:n|c:ID naming another district's flag, by a member, or a flag that does not exist."""
    db = bot.services.db
    valsad, kutch = world.groups["valsad"], world.groups["kutch"]
    posted = await client.send_message(valsad, world.users["mamlatdar-valsad"],
                                       f"Applicant Ramesh, Aadhaar {AADHAAR}, came to the office")
    [valsad_flag] = await eventually(lambda: flags.of_message(db, valsad, posted["message_id"]))
    posted = await client.send_message(kutch, world.users["mamlatdar-mandvi"],
                                       f"Applicant Suresh, Aadhaar {AADHAAR}, came to the office")
    [kutch_flag] = await eventually(lambda: flags.of_message(db, kutch, posted["message_id"]))
    await client.wait_until_idle()
    collector, member = world.users["collector-kutch"], world.users["mamlatdar-bhuj"]
    menu = await client.ask(collector, collector, "/pending")
    other = await client.ask(member, member, "/pending")
    before = {chat: len(await client.bot_messages(chat)) for chat in (valsad, kutch)}
    for code in ("n", "c"):
        await _refused(client, collector, menu["message_id"], collector, f"mod:{code}:{valsad_flag.flag_id}",
                       says="Only this group's admin posts can review its flags.")
        await _refused(client, member, other["message_id"], member, f"mod:{code}:{kutch_flag.flag_id}",
                       says="Only this group's admin posts can review its flags.")
        await _refused(client, collector, menu["message_id"], collector, f"mod:{code}:999999",
                       says="This flag is not in the record.")
    await client.wait_until_idle()
    for flag in (valsad_flag, kutch_flag):
        assert (await flags.get(db, flag.flag_id)).state == "open"
    # No message restored, no notice redrawn with a decision in either group.
    assert {chat: len(await client.bot_messages(chat)) for chat in (valsad, kutch)} == before


async def forge_exports(client, bot, world: World) -> None:
    """x|... naming another district's group, an incident of another district, unmasked data, or asked by a member."""
    db = bot.services.db
    acs = world.users["acs-revenue"]
    await client.ask(acs, acs, "/incident open Flood-Valsad Valsad", contains="open over")
    incident = await incidents.find(db, "Flood-Valsad")
    collector, member = world.users["collector-kutch"], world.users["mamlatdar-bhuj"]
    valsad, kutch = world.groups["valsad"], world.groups["kutch"]
    menu = await client.ask(collector, collector, "/export", contains="Which group")
    forgeries = [
        (f"x|g{valsad}", "You may export only the groups you administer or coordinate."),
        (f"x|g{valsad}|rt|fcsv", "You may export only the groups you administer or coordinate."),
        (f"x|g{valsad}|rt|fhtml|u0", "You may export only the groups you administer or coordinate."),
        (f"x|i{incident.incident_id}|fcsv", "covers no group you administer or coordinate"),
        (f"x|i{incident.incident_id}|rt|fjsonl", "covers no group you administer or coordinate"),
        (f"x|g{kutch}|rt|fcsv|u1", "Only a state-level admin may export personal data unmasked."),
        ("x|i999999|fcsv", "That incident is not in the record."),
        ("x|g1|rzz|fcsv", "This button is out of date"),
    ]
    for data, says in forgeries:
        await _refused(client, collector, menu["message_id"], collector, data, says=says)
    other = await client.ask(member, member, "/pending")
    await _refused(client, member, other["message_id"], member, f"x|g{kutch}|rt|fcsv",
                   says="Exports are for group admins")
    await client.wait_until_idle()
    assert await _bot_messages_after(client, collector, menu["message_id"]) == []
    assert await _bot_messages_after(client, member, other["message_id"]) == []
    [shown] = [m for m in await client.bot_messages(collector) if m["message_id"] == menu["message_id"]]
    assert shown["text"] == "Which group's record?"  # the menu never moved on to a period or a format
    assert await journal.entries(db, kind="export") == []


FORGERIES: dict[str, Callable[..., Awaitable[None]]] = {
    r"^ack:\d+$": forge_acknowledgements,
    r"^mod:[nc]:\d+$": forge_reviews,
    r"^x(\|.*)?$": forge_exports,
}


async def test_every_callback_pattern_the_bot_registers_has_forgeries_here(bot):
    assert _registered_patterns(bot.application) == set(FORGERIES)


@pytest.mark.parametrize("pattern", sorted(FORGERIES))
async def test_forged_button_data_is_refused_and_changes_nothing(client, bot, world, pattern):
    await FORGERIES[pattern](client, bot, world)


async def test_the_sandbox_refuses_forged_data_unless_asked_and_only_on_the_bots_messages(client, bot, world):
    from sandbox.client import SandboxError

    collector = world.users["collector-kutch"]
    menu = await client.ask(collector, collector, "/export", contains="Which group")
    with pytest.raises(SandboxError, match="has no button"):
        await client.press_button(collector, menu["message_id"], collector, "x|g1")
    mine = await client.send_message(collector, collector, "hello")
    with pytest.raises(SandboxError, match="not the bot's"):
        await client.press_button(collector, mine["message_id"], collector, "x|g1", forged=True)
