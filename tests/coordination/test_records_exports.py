"""Exports and search of the record without a sandbox: who may export what, the menu's steps, masking, the
file owed through the outbox and deleted once Telegram has it, and /search (circular §2)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest

from coordination import exports as export_rules
from coordination.exports import ExportChoice, MenuMessage, TypedExport
from coordination.answers import ButtonRefusal, Refusal, Reply, Unreadable
from runtime.purposes import Purpose
from storage import incidents, outbox
from tests.coordination.records_world import journal_kinds, open_world, owed, say_in_group
from tests.storage.records_helpers import KUTCH, USER, VALSAD

ACS = USER["acs-revenue"]
COLLECTOR = USER["collector-kutch"]
BHUJ = USER["mamlatdar-bhuj"]
PRIVATE = 777001  # the private chat the export is asked in
TODAY = date(2025, 1, 20)
TEXT = "Relief camp contact: Ramesh 98250 12345, Aadhaar 2345 6789 0124."


@pytest.fixture
async def c(tmp_path, database_target):
    world = await open_world(tmp_path, database_target)
    await say_in_group(world, KUTCH, 10, BHUJ, TEXT)
    world.clock.advance(timedelta(minutes=10))
    yield world
    await world.db.close()


def _typed(group="Kutch", fmt="csv", unmasked=False):
    return TypedExport(group, None, TODAY, TODAY, fmt, unmasked)


def _exported_rows(document) -> list[dict[str, str]]:
    text = Path(document.params["document"]["attach_path"]).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


async def test_a_typed_export_is_owed_as_a_masked_file_and_journalled(c):
    assert await export_rules.start_export(c, COLLECTOR, _typed(), chat_id=PRIVATE) is None

    [document] = [call for call in await owed(c) if call.method == "sendDocument"]
    assert (document.chat_id, document.purpose) == (PRIVATE, Purpose.EXPORTS_FILE)
    assert document.text.startswith("Record of District Kutch, Mon 20 Jan, 00:00 to Tue 21 Jan, 00:00: 1 entries, CSV.")
    [row] = [row for row in _exported_rows(document) if row["kind"] == "message"]
    assert "98250 12345" not in row["text"] and "2345 6789 0124" not in row["text"]
    assert row["text"].startswith("Relief camp contact: Ramesh ")
    [entry] = await journal_kinds(c, "export")
    assert (entry["body"]["masked"], entry["body"]["chats"], entry["body"]["format"]) == (True, [KUTCH], "csv")


async def test_only_a_state_admin_may_export_unmasked(c):
    refused = await export_rules.start_export(c, COLLECTOR, _typed(unmasked=True), chat_id=PRIVATE)
    await export_rules.start_export(c, ACS, _typed(unmasked=True), chat_id=PRIVATE)

    assert refused == Reply("Only a state-level admin may export personal data unmasked.", Purpose.EXPORTS_USAGE)
    [document] = [call for call in await owed(c) if call.method == "sendDocument"]
    assert ", UNMASKED. SHA-256 " in document.text
    [row] = [row for row in _exported_rows(document) if row["kind"] == "message"]
    assert row["text"] == TEXT


async def test_a_member_is_refused_and_a_collector_may_not_export_another_district(c):
    member = await export_rules.start_export(c, BHUJ, None, chat_id=PRIVATE)
    other = await export_rules.start_export(c, COLLECTOR, _typed("Valsad"), chat_id=PRIVATE)

    assert isinstance(member, Refusal) and member.command == "export"
    assert other == Reply("You do not administer or coordinate a group called &#x27;Valsad&#x27;. Yours: Kutch.",
                          Purpose.EXPORTS_USAGE)
    assert [call for call in await owed(c) if call.method == "sendDocument"] == []


async def test_a_refusal_comes_before_a_usage_note(c):
    answer = await export_rules.start_export(c, BHUJ, Unreadable("Send /export and choose"), chat_id=PRIVATE)

    assert isinstance(answer, Refusal)


async def test_the_menu_offers_the_groups_and_open_incidents_one_may_export(c):
    async with c.db.transaction() as tx:
        flood = await incidents.open_incident(tx, name="Flood", chat_ids=[KUTCH], opened_by=ACS, at=c.clock.now())
        await incidents.open_incident(tx, name="Heat", chat_ids=[VALSAD], opened_by=ACS, at=c.clock.now())

    menu = await export_rules.start_export(c, COLLECTOR, None, chat_id=PRIVATE)

    assert menu == Reply("Which group's record?", Purpose.EXPORTS_MENU, {"inline_keyboard": [
        [{"text": "🚨 Flood", "callback_data": f"x|i{flood.incident_id}"}],
        [{"text": "District Kutch", "callback_data": f"x|g{KUTCH}"}],
    ]})


async def test_the_menu_steps_through_period_format_and_masking(c):
    menu = MenuMessage(PRIVATE, 55)

    await export_rules.next_export_step(c, ACS, ExportChoice(chat_id=KUTCH), menu)
    await export_rules.next_export_step(c, ACS, ExportChoice(KUTCH, None, "t"), menu)
    await export_rules.next_export_step(c, ACS, ExportChoice(KUTCH, None, "t", "csv"), menu)

    edits = [call for call in await owed(c) if call.method == "editMessageText"]
    assert [edit.text for edit in edits] == [
        "Which period?", "Which format?", "Mask personal data (Aadhaar, PAN, phone numbers...)?"]
    assert edits[0].params["reply_markup"]["inline_keyboard"][0][0] == {"text": "Today", "callback_data": f"x|g{KUTCH}|rt"}
    assert all(edit.params["message_id"] == 55 for edit in edits)


async def test_button_choices_beyond_ones_groups_are_refused(c):
    assert await export_rules.choice_refusal(c, COLLECTOR, ExportChoice(chat_id=VALSAD)) == ButtonRefusal(
        "You may export only the groups you administer or coordinate.", "export")
    assert await export_rules.choice_refusal(c, COLLECTOR, ExportChoice(KUTCH, None, "t", "csv", True)) == ButtonRefusal(
        "Only a state-level admin may export personal data unmasked.", "export")
    assert await export_rules.choice_refusal(c, COLLECTOR, ExportChoice(incident_id=404)) == ButtonRefusal(
        "That incident is not in the record.", "export")
    assert await export_rules.choice_refusal(c, COLLECTOR, ExportChoice(KUTCH, None, "t", "csv")) is None


async def test_the_file_is_deleted_once_telegram_has_it(c):
    await export_rules.start_export(c, COLLECTOR, _typed(), chat_id=PRIVATE)
    [document] = [call for call in await outbox.calls_for(c.db, purposes=(Purpose.EXPORTS_FILE,))]
    path = Path(document.params["document"]["attach_path"])
    item = await outbox.first_owed(c.db, PRIVATE)
    assert path.exists() and item is not None and item.method == "sendDocument"

    async with c.db.transaction() as tx:
        await export_rules.forget_delivered_export(tx, item, {"message_id": 1})

    assert not path.exists()


async def test_search_masks_personal_data_and_is_journalled(c):
    found = await export_rules.search_record(c, COLLECTOR, "relief")
    nothing = await export_rules.search_record(c, BHUJ, "relief")  # a member searches what is addressed to them

    assert found.purpose == Purpose.SEARCH_RESULTS
    assert found.text.startswith("Found in the record (newest first, personal data masked):\n• ")
    assert "District Kutch · Vikram Jadeja" in found.text
    assert "98250 12345" not in found.text
    assert nothing == Reply("Nothing found for “relief” in the instructions addressed to you.", Purpose.SEARCH_RESULTS)
    assert [entry["body"]["hits"] for entry in await journal_kinds(c, "search")] == [1, 0]
