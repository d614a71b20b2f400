"""The record's rules without a sandbox: instructions captured and prompted, acknowledgements, reminders,
/pending and /log (circular §2)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from coordination import records, records_reading
from coordination.filtering import GroupMessage
from coordination.answers import Redirect, Refusal, Reply, Unreadable
from coordination.records_reading import LogRequest
from nlp.verdict import Verdict
from runtime.purposes import Purpose
from storage import chats, incidents, instructions, tasks
from tests.coordination.records_world import (
    instruction_verdict, journal_kinds, open_world, owed, say_in_group,
)
from tests.storage.records_helpers import KUTCH, OUTSIDER, T0, USER, VALSAD

ORDER = "Mamlatdar Bhuj: evacuate low-lying villages and report by 5 pm today."
MEETING = "All officers: attend the review meeting at 4 pm today."
COLLECTOR = USER["collector-kutch"]
BHUJ = USER["mamlatdar-bhuj"]
MANDVI = USER["mamlatdar-mandvi"]


@pytest.fixture
async def c(tmp_path, database_target):
    world = await open_world(tmp_path, database_target)
    yield world
    await world.db.close()


async def _instruct(c, text=ORDER, message_id=100, sender=COLLECTOR, chat=KUTCH, verdict=None, **shape):
    await say_in_group(c, chat, message_id, sender, text)
    message = GroupMessage(chat, message_id, sender, "", c.clock.now(), text, **shape)
    return await records.capture_instruction(c, message, verdict or instruction_verdict())


async def test_a_sure_instruction_is_recorded_prompted_and_reminded_before_it_is_due(c):
    instruction = await _instruct(c)

    assert instruction is not None
    [prompt] = await owed(c)
    assert (prompt.method, prompt.chat_id, prompt.purpose) == ("sendMessage", KUTCH, Purpose.RECORDS_INSTRUCTION)
    assert prompt.text == ("📌 Recorded as an instruction (disaster directive).\n"
                           "Due: <b>Mon 20 Jan, 17:00</b>.\n"
                           "Addressed to: Mamlatdar, Bhuj.\n"
                           "Press Acknowledge, or reply “noted” / “જી” / “जी”.")
    assert prompt.params["reply_parameters"]["message_id"] == 100
    assert prompt.params["reply_markup"] == {
        "inline_keyboard": [[{"text": "✅ Acknowledge", "callback_data": f"ack:{instruction.instruction_id}"}]]
    }
    [reminder] = await tasks.pending(c.db, kind=records.REMINDER_TASK)
    assert reminder.due_at == datetime(2025, 1, 20, 10, 30, tzinfo=UTC)  # 16:00 IST, an hour before 17:00 IST
    [entry] = await journal_kinds(c, "instruction")
    assert entry["body"]["posts"] == ["mamlatdar-bhuj"]


async def test_the_whole_group_but_the_author_is_addressed_when_no_one_is_named(c):
    await _instruct(c, MEETING)

    [prompt] = await owed(c)
    assert "Addressed to: the whole group (3 posts)." in prompt.text  # Kutch's posts but the Collector's own


@pytest.mark.parametrize("verdict, shape", [
    (Verdict(labels=("instruction",), evidence=(), review=("instruction",)), {}),  # the filter is not sure
    (None, {"is_forward": True}),  # someone else's earlier words
])
async def test_a_doubtful_instruction_or_a_forward_stays_a_plain_message(c, verdict, shape):
    assert await _instruct(c, verdict=verdict, **shape) is None
    assert await owed(c) == []
    assert await journal_kinds(c, "instruction") == []


async def test_an_acknowledgement_phrase_is_never_an_instruction(c):
    assert await _instruct(c, "Noted sir, will do.") is None
    assert await owed(c) == []


async def test_no_instruction_in_a_group_bound_to_no_roster(c):
    async with c.db.transaction() as tx:
        await chats.save_chat(tx, chat_id=-100999, type="supergroup", title="Tea club", username=None, at=T0)
    assert await _instruct(c, chat=-100999) is None
    assert await owed(c) == []


async def test_an_instruction_during_an_incident_names_it(c):
    async with c.db.transaction() as tx:
        await incidents.open_incident(tx, name="Cyclone-Biparjoy", chat_ids=[KUTCH], opened_by=COLLECTOR, at=T0)
    instruction = await _instruct(c)

    [prompt] = await owed(c)
    assert "Incident: Cyclone-Biparjoy." in prompt.text
    assert instruction.incident_id is not None


async def test_personal_data_spans_are_kept_for_exports_even_when_no_instruction_is_recorded(c):
    text = "Call 9825012345 for the relief list."
    await _instruct(c, text, verdict=Verdict(labels=("personal_data",), evidence=instruction_verdict((5, 15)).evidence))

    rows = await c.db.fetchall("SELECT start, \"end\", reason_code FROM personal_data_spans")
    assert [tuple(row) for row in rows] == [(5, 15, "mobile")]


async def test_a_button_press_acknowledges_for_the_pressers_post_once(c):
    instruction = await _instruct(c)

    first = await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=KUTCH, user_id=BHUJ)
    again = await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=KUTCH, user_id=BHUJ)

    assert (first.text, first.alert) == ("Acknowledged for Mamlatdar, Bhuj.", False)
    assert again.text == "Already acknowledged."
    [entry] = await journal_kinds(c, "acknowledgement")
    assert entry["body"]["posts"] == ["mamlatdar-bhuj"] and entry["body"]["how"] == "button"


async def test_a_button_under_a_message_of_another_group_is_not_in_the_record(c):
    instruction = await _instruct(c)

    answer = await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=VALSAD, user_id=BHUJ)

    assert (answer.text, answer.alert) == ("This instruction is not in the record.", True)
    assert await journal_kinds(c, "acknowledgement") == []


async def test_an_account_without_a_post_acknowledges_for_itself(c):
    instruction = await _instruct(c)

    answer = await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=KUTCH, user_id=OUTSIDER)

    assert answer.text == "Acknowledged. Your account has no verified post, so it is recorded against your account."


async def test_a_reply_noted_acknowledges_and_other_replies_do_not(c):
    await _instruct(c)
    await say_in_group(c, KUTCH, 101, BHUJ, "When exactly?", reply_to=100)
    await say_in_group(c, KUTCH, 102, BHUJ, "જી", reply_to=100)

    asked = await records.acknowledge_by_reply(c, GroupMessage(KUTCH, 101, BHUJ, "", T0, "When exactly?"), 100)
    noted = await records.acknowledge_by_reply(c, GroupMessage(KUTCH, 102, BHUJ, "", T0, "જી"), 100)

    assert (asked, noted) == (False, True)
    [entry] = await journal_kinds(c, "acknowledgement")
    assert (entry["body"]["how"], entry["body"]["message_id"]) == ("reply", 102)


async def test_the_reminder_names_who_has_not_acknowledged_and_is_silent_once_all_have(c):
    instruction = await _instruct(c, MEETING)
    await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=KUTCH, user_id=BHUJ)

    await records.send_reminder(c, instruction.instruction_id)
    reminder = (await owed(c))[-1]
    assert reminder.purpose == Purpose.RECORDS_REMINDER and reminder.chat_id == KUTCH
    assert reminder.text == ("⏰ Reminder: this instruction is due <b>Mon 20 Jan, 16:00</b>. Not yet acknowledged: "
                             "Mamlatdar, Mandvi; Prant Officer, Bhuj.")

    for user in (MANDVI, USER["prant-bhuj"]):
        await records.acknowledge_by_button(c, instruction.instruction_id, chat_id=KUTCH, user_id=user)
    before = len(await owed(c))
    await records.send_reminder(c, instruction.instruction_id)
    assert len(await owed(c)) == before


async def test_no_reminder_is_scheduled_when_the_due_time_is_within_the_lead(c):
    c.clock.advance(timedelta(hours=6))  # 15:30 IST: the 16:00 meeting is within the hour's lead
    await _instruct(c, MEETING)

    assert await tasks.pending(c.db, kind=records.REMINDER_TASK) == []


async def test_pending_in_a_group_is_for_its_admins_and_the_author(c):
    await _instruct(c)

    refused = await records_reading.group_pending(c, KUTCH, MANDVI, None)
    shown = await records_reading.group_pending(c, KUTCH, COLLECTOR, 100)

    assert refused == Refusal("Only this group's admins and the instruction's author can list who is pending.",
                              "pending")
    assert shown == Reply("Instruction of Mon 20 Jan, 09:30, due Mon 20 Jan, 17:00: 0 of 1 acknowledged.\n"
                          "Not yet acknowledged:\n• Mamlatdar, Bhuj", Purpose.RECORDS_PENDING)


async def test_pending_in_reply_to_a_plain_message_says_so(c):
    await say_in_group(c, KUTCH, 50, BHUJ, "Good morning")

    answer = await records_reading.group_pending(c, KUTCH, COLLECTOR, 50)

    assert isinstance(answer, Reply) and answer.text.startswith("That message is not a recorded instruction.")


async def test_private_pending_lists_what_waits_for_the_person(c):
    await _instruct(c)

    mine = await records_reading.private_pending(c, BHUJ)
    none = await records_reading.private_pending(c, MANDVI)

    assert mine.text.startswith("Instructions addressed to you that you have not acknowledged:\n• District Kutch")
    assert "evacuate low-lying villages" in mine.text
    assert none == Reply("Nothing addressed to you is waiting for your acknowledgement.", Purpose.RECORDS_PENDING)


async def test_log_in_a_group_is_for_its_admins(c):
    await _instruct(c)

    refused = await records_reading.group_log(c, KUTCH, BHUJ, LogRequest(10))
    unread = await records_reading.group_log(c, KUTCH, COLLECTOR, Unreadable("Usage: /log [N]"))
    shown = await records_reading.group_log(c, KUTCH, COLLECTOR, LogRequest(10))

    assert isinstance(refused, Refusal) and refused.command == "log"
    assert unread == Reply("Usage: /log [N]", Purpose.RECORDS_USAGE)
    assert shown.text == ("Last instruction:\n• Mon 20 Jan, 09:30 (disaster directive, due Mon 20 Jan, 17:00):"
                          f" {ORDER} — 0/1 acknowledged")


async def test_private_log_points_a_member_to_the_group_before_reading_their_arguments(c):
    answer = await records_reading.private_log(c, BHUJ, Unreadable("Usage: /log [N] [GROUP]"))

    assert answer == Redirect("Send /log in the group whose instructions you want to see.")


async def test_private_log_of_a_group_not_ones_own_is_a_usage_note_and_a_read_is_journalled(c):
    await _instruct(c)

    other = await records_reading.private_log(c, COLLECTOR, LogRequest(5, "Valsad"))
    own = await records_reading.private_log(c, COLLECTOR, LogRequest(5, "Kutch"))

    assert other == Reply("You do not administer or coordinate a group called &#x27;Valsad&#x27;. Yours: Kutch.",
                          Purpose.RECORDS_USAGE)
    assert own.text.startswith("Recent instructions (up to 5 per group):\n<b>District Kutch</b>\n• Mon 20 Jan, 09:30")
    [read] = await journal_kinds(c, "record.read")
    assert read["body"] == {"reading": "log", "chats": [KUTCH], "as": "admin"}


async def test_an_erased_instruction_is_listed_without_its_text(c):
    instruction = await _instruct(c)
    async with c.db.transaction() as tx:
        await tx.execute("UPDATE messages SET text = NULL WHERE chat_id = ? AND message_id = ?", (KUTCH, 100))

    assert await records.instruction_snippet(c.db, instruction) == "[text erased]"
    assert await instructions.message_text(c.db, instruction) is None
