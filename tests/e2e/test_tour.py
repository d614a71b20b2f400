"""The guided tour, played against the real bot on the demo world: what it does, and that it reports honestly."""

from __future__ import annotations

import re

import pytest

from bot.demo.world import seed_demo_world, verify_and_bind
from bot.sandbox_mode import import_demo_roster
from bot.tour import (
    AADHAAR_POST,
    ACK_BY_REPLY,
    ACK_IN_GUJARATI,
    CYCLONE_WARNING,
    EXPORT_COMMAND,
    INSTRUCTION,
    SCAN_CAPTION,
    SITREP_COMMAND,
    TOTAL_STEPS,
    Pace,
    Tour,
)
from tests.conftest import eventually

# No pauses; the bot is waited for only as long as it takes (the tour moves on as soon as it reacts), within bounds
# a busy machine does not exceed: a photo is read by OCR at the lowest CPU priority, 1-2 s on a quiet machine but
# 28-50 s beside two busy processes (2 Dec 2026, either backend), and the bot gives up on a file after 60 s. With
# 3 x 1.5 s for the photo, the tour pulled the sitrep before the photo's flag was raised (it counted 1 of 2).
QUICK = Pace(pause=0.0, reaction=5.0, reading=75.0)


@pytest.fixture
async def demo(client, bot, settings):
    """The demo as `samvad sandbox` starts it: roster imported, groups bound, officers verified."""
    world = await seed_demo_world(client)
    await import_demo_roster(settings)
    await verify_and_bind(client, world)
    return world


@pytest.fixture
async def played(client, bot, demo):
    """The tour played once, quickly; what it said on the terminal."""
    said: list[str] = []
    await Tour(client, demo, pace=QUICK, say=said.append).play()
    return said


def _sent(messages: list[dict], sender_id: int, text: str) -> dict:
    found = [m for m in messages if m.get("from", {}).get("id") == sender_id and m.get("text") == text]
    assert found, f"no message {text!r} from {sender_id}"
    return found[0]


async def test_the_tour_acts_out_the_cyclone_day_and_ends_at_export(client, demo, played):
    state_group, kutch = demo.group("state"), demo.group("district Kutch")
    state_messages = await client.messages(state_group.chat_id)
    kutch_messages = await client.messages(kutch.chat_id)
    _sent(state_messages, demo.person("acs-revenue").user_id, CYCLONE_WARNING)
    instruction = _sent(kutch_messages, demo.person("collector-kutch").user_id, INSTRUCTION)
    noted = _sent(kutch_messages, demo.person("mamlatdar-mandvi").user_id, ACK_BY_REPLY)
    gujarati = _sent(kutch_messages, demo.person("prant-bhuj").user_id, ACK_IN_GUJARATI)
    assert noted["reply_to_message"]["message_id"] == instruction["message_id"]
    assert gujarati["reply_to_message"]["message_id"] == instruction["message_id"]
    aadhaar = [m for m in kutch_messages if m.get("text") == AADHAAR_POST]
    assert [m["from"]["id"] for m in aadhaar] == [demo.person("mamlatdar-bhuj").user_id]

    # The scanned beneficiary list, posted as a photo, is read and removed.
    [scan] = [m for m in kutch_messages if m.get("caption") == SCAN_CAPTION]
    assert scan["photo"] and scan["from"]["id"] == demo.person("mamlatdar-mandvi").user_id
    assert scan["deleted"], "the photo's Aadhaar numbers were read and it was removed"

    # The newcomer asks to join, and is not let in.
    requests = await client.join_requests(kutch.chat_id)
    member = await client.member(kutch.chat_id, demo.newcomer.user_id)
    assert [r["from"]["id"] for r in requests] == [demo.newcomer.user_id]
    assert member["status"] == "left"  # held, not let in

    # It ends in the Relief Commissioner's private chat (a coordinator, not an admin), pulling the sitrep.
    relief = demo.person("relief-commissioner")
    info = await client.console_info()
    steps = [c for c in info["captions"] if c["kind"] == "step"]
    assert [c["step"] for c in steps] == list(range(1, TOTAL_STEPS + 1))
    assert (steps[-1]["chat_id"], steps[-1]["user_id"], steps[-1]["suggest"]) == (
        relief.user_id, relief.user_id, SITREP_COMMAND)
    assert EXPORT_COMMAND in steps[-1]["text"]
    assert info["captions"][-1]["kind"] == "end"
    private = await client.messages(relief.user_id)
    assert private[0]["text"] == "/start"  # she opened her private chat, where the sitrep is pulled
    async def report_arrived():
        return [m for m in await client.messages(relief.user_id) if "document" in m]

    [report] = await eventually(report_arrived, timeout=60)
    content = (await client.file_content(report["document"]["file_id"])).decode("utf-8")
    assert "Situation report: Cyclone-Biparjoy" in content and "<svg" in content
    kutch_row = re.search(r"<tr><td>Kutch</td>(.*?)</tr>", content).group(1)
    # One instruction, to the two Mamlatdars, both acknowledged (button, reply); two flags, the Aadhaar number
    # typed and the scanned list posted as a photo.
    assert re.findall(r">([^<>]+)</td>", kutch_row) == ["1", "2 of 2 (100%)", "0", "0", "2"], kutch_row
    assert played[0].startswith(f"[tour 1/{TOTAL_STEPS}]")


async def test_each_outcome_reports_what_the_bot_really_did(client, demo, played):
    """A quoted bot message exists; "nothing" means no bot message at all after the step's action."""
    kutch, newcomer = demo.group("district Kutch"), demo.newcomer
    bot_texts = []
    for chat_id in (demo.group("state").chat_id, kutch.chat_id, newcomer.user_id):
        bot_texts += [" ".join(m["text"].split()) for m in await client.bot_messages(chat_id) if "text" in m]
    outcomes = [c["text"] for c in (await client.console_info())["captions"] if c["kind"] == "outcome"]
    assert outcomes, "the tour reported no outcome at all"
    for outcome in outcomes:
        for quoted in re.findall(r"“([^”]*)”", outcome):
            if outcome.startswith(("Samvad posted", "Samvad wrote", "Samvad removed", "Samvad said")):
                assert any(text.startswith(quoted.removesuffix("…")) for text in bot_texts), outcome
    kutch_messages = await client.messages(kutch.chat_id)
    aadhaar = next(m for m in kutch_messages if m.get("text") == AADHAAR_POST)
    scan = next(m for m in kutch_messages if m.get("caption") == SCAN_CAPTION)
    answered = [m for m in kutch_messages if m["from"]["is_bot"] and m["message_id"] > aadhaar["message_id"]]
    silent = any(o.startswith("No warning came") and "personal data" in o for o in outcomes)  # the Aadhaar step's
    assert silent == (not answered and not aadhaar["deleted"])
    answered = [m for m in kutch_messages if m["from"]["is_bot"] and m["message_id"] > scan["message_id"]]
    silent = any(o.startswith("No warning came") and "photos" in o for o in outcomes)
    assert silent == (not answered and not scan["deleted"])
    newcomer_heard = await client.bot_messages(newcomer.user_id)
    assert any("Samvad did not write to him" in o for o in outcomes) == (not newcomer_heard)
