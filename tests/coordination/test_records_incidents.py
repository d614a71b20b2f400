"""Incidents over districts, situation reports and office-hours use, without a sandbox (circular §2, §10)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from coordination import incidents as incident_rules
from coordination import records
from coordination.filtering import GroupMessage
from coordination.incidents import IncidentAction, IncidentCommand
from coordination.answers import Refusal, Reply, Unreadable
from runtime.purposes import Purpose
from storage import incidents
from tests.coordination.records_world import instruction_verdict, journal_kinds, open_world, owed, say_in_group
from tests.storage.records_helpers import KUTCH, OUTSIDER, STATE, USER, VALSAD

ACS = USER["acs-revenue"]
COLLECTOR = USER["collector-kutch"]
BHUJ = USER["mamlatdar-bhuj"]


@pytest.fixture
async def c(tmp_path, database_target):
    world = await open_world(tmp_path, database_target)
    yield world
    await world.db.close()


def _open(name, *districts):
    return IncidentCommand(IncidentAction.OPEN, name, districts)


async def test_a_collector_opens_an_incident_over_their_district_and_it_is_announced_there(c):
    answer = await incident_rules.incident(c, COLLECTOR, KUTCH, _open("Cyclone-Biparjoy"))

    assert answer == Reply("Incident <b>Cyclone-Biparjoy</b> is open over: District Kutch."
                           " Close it with /incident close Cyclone-Biparjoy.", Purpose.INCIDENTS_REPLY)
    [announcement] = await owed(c)
    assert (announcement.chat_id, announcement.purpose) == (KUTCH, Purpose.INCIDENTS_ANNOUNCE)
    assert announcement.text.startswith("🚨 Incident <b>Cyclone-Biparjoy</b> opened by ")
    assert [e["chat_id"] for e in await journal_kinds(c, "incident_opened")] == [KUTCH]


async def test_a_collector_may_not_open_an_incident_over_another_district(c):
    answer = await incident_rules.incident(c, COLLECTOR, KUTCH, _open("Flood", "Valsad"))

    assert answer == Reply("You can open an incident only for your own district, not Valsad.", Purpose.INCIDENTS_REPLY)
    assert await incidents.open_incidents(c.db) == []
    assert await owed(c) == []


async def test_only_a_state_admin_or_a_collector_handles_incidents(c):
    answer = await incident_rules.incident(c, BHUJ, KUTCH, _open("Flood"))

    assert answer == Refusal("Only a state admin or a District Collector can open or close an incident.", "incident")


async def test_a_state_admin_in_the_state_group_opens_over_every_group_and_a_name_is_open_once(c):
    await incident_rules.incident(c, ACS, STATE, _open("Heatwave"))
    again = await incident_rules.incident(c, ACS, STATE, _open("heatwave"))

    [opened] = await incidents.open_incidents(c.db)
    assert set(opened.chat_ids) == {STATE, KUTCH, VALSAD}
    assert again == Reply("An incident named &#x27;heatwave&#x27; is already open.", Purpose.INCIDENTS_REPLY)


async def test_a_collector_may_not_close_an_incident_beyond_their_district(c):
    await incident_rules.incident(c, ACS, STATE, _open("Heatwave", "Kutch", "Valsad"))

    refused = await incident_rules.incident(c, COLLECTOR, KUTCH, IncidentCommand(IncidentAction.CLOSE, "Heatwave"))
    closed = await incident_rules.incident(c, ACS, STATE, IncidentCommand(IncidentAction.CLOSE, "Heatwave"))

    assert refused.text == "This incident covers districts besides yours: a state admin closes it."
    assert closed.text == "Incident <b>Heatwave</b> is closed. /export or /sitrep Heatwave for its record."
    closing = [call for call in await owed(c) if call.text and "is closed by" in call.text]
    assert sorted(call.chat_id for call in closing) == sorted([KUTCH, VALSAD])


async def test_an_unreadable_incident_command_is_answered_with_its_usage(c):
    answer = await incident_rules.incident(c, OUTSIDER, KUTCH, Unreadable("Usage: /incident open NAME"))

    assert answer == Reply("Usage: /incident open NAME", Purpose.INCIDENTS_USAGE)


async def test_the_sitrep_counts_instructions_and_journals_its_reading(c):
    await incident_rules.incident(c, COLLECTOR, KUTCH, _open("Cyclone"))

    answer = await incident_rules.situation_report(c, COLLECTOR, KUTCH, private=False, name=None, as_html=False)

    assert answer.text.startswith("🚨 <b>Cyclone</b> — opened Mon 20 Jan, 09:30, open.\n\n<b>District Kutch</b>\n"
                                  "Instructions: 0 · acknowledged 0 of 0 (—) · overdue 0\nPending: none\nFlags: 0")
    [read] = await journal_kinds(c, "record.read")
    assert read["body"] == {"reading": "sitrep", "incident": "Cyclone", "chats": [KUTCH], "format": "text",
                            "as": "admin"}


async def test_the_sitrep_is_refused_to_a_member_and_names_a_missing_incident(c):
    refused = await incident_rules.situation_report(c, BHUJ, KUTCH, private=False, name=None, as_html=False)
    missing = await incident_rules.situation_report(c, COLLECTOR, KUTCH, private=False, name="Storm", as_html=False)

    assert isinstance(refused, Refusal) and refused.command == "sitrep"
    assert missing == Reply("No incident named &#x27;Storm&#x27;.", Purpose.INCIDENTS_SITREP)


async def test_the_html_sitrep_is_owed_as_a_document_naming_instruction_kinds(c):
    await incident_rules.incident(c, COLLECTOR, KUTCH, _open("Cyclone"))
    c.clock.advance(timedelta(minutes=5))
    await say_in_group(c, KUTCH, 100, COLLECTOR, "Mamlatdar Bhuj: evacuate low-lying villages by 5 pm today.")
    await records.capture_instruction(
        c, GroupMessage(KUTCH, 100, COLLECTOR, "", c.clock.now(),
                        "Mamlatdar Bhuj: evacuate low-lying villages by 5 pm today."), instruction_verdict())
    c.clock.advance(timedelta(minutes=5))

    answer = await incident_rules.situation_report(c, COLLECTOR, 5000, private=True, name="Cyclone", as_html=True)

    assert answer is None
    document = (await owed(c))[-1]
    assert (document.method, document.chat_id, document.purpose) == ("sendDocument", 5000, Purpose.EXPORTS_FILE)
    page = Path(document.params["document"]["attach_path"]).read_text(encoding="utf-8")
    assert "disaster directive" in page


async def test_usage_counts_messages_in_office_hours_for_the_groups_admins(c):
    await say_in_group(c, KUTCH, 1, BHUJ, "Before office hours")  # Monday 09:30 IST: before 10:00
    c.clock.advance(timedelta(hours=1))  # 10:30 IST
    await say_in_group(c, KUTCH, 2, BHUJ, "Now in office hours")
    c.clock.advance(timedelta(minutes=1))

    refused = await incident_rules.office_usage(c, BHUJ, KUTCH, private=False)
    shown = await incident_rules.office_usage(c, COLLECTOR, KUTCH, private=False)

    assert refused == Refusal("/usage is for the admins of a group (District Collector, HoD, ACS Revenue).", "usage")
    assert shown.purpose == Purpose.INCIDENTS_USAGE
    assert "\n<b>District Kutch</b>\n• " in shown.text
    assert "• Mamlatdar, Bhuj: 1 in office hours (2 in all)\n" in shown.text
