"""The record's storage without a bot: addressees, acknowledgements, incidents, search, usage and exports."""

import asyncio
import csv
import io
import json
import re
from datetime import time, timedelta
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from zoneinfo import ZoneInfo

from coordination.records import resolve_addressees
from nlp.record import Masker, find_addressees
from storage import access, chain, incidents, instructions, journal, outbox, roster, search, tasks, usage
from storage.backend import open_database
from storage.database import Database
from storage.exports import ExportRequest, neutralise_cell, record_export, write_export
from storage.incidents import IncidentAlreadyOpen
from tests.storage.records_helpers import KUTCH, OUTSIDER, STATE, T0, USER, VALSAD, post, seed

IST = ZoneInfo("Asia/Kolkata")


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
    yield database
    await database.close()


async def _instruction(db, text, message_id=100, author="collector-kutch", chat=KUTCH):
    async with db.transaction() as tx:
        await post(tx, chat, message_id, USER[author], text, T0)
    binding = await roster.binding_of(db, chat)
    resolved = await resolve_addressees(db, binding, find_addressees(text), mentioned_user_ids=(), author_id=USER[author])
    async with db.transaction() as tx:
        return await instructions.create(
            tx, chat_id=chat, message_id=message_id, author_id=USER[author], kind="information_request",
            due_at=None, due_text=None, addressees=resolved, incident_id=None, at=T0,
        )


async def _addressed(db, instruction):
    return [post.post_id for post in (await instructions.status(db, instruction)).addressed_posts]


@pytest.mark.parametrize("text", ["Send the rainfall report by 5 pm", "All Mamlatdars to send the report",
                                  "@prant_bhuj please send the list", "Mamlatdar Bhuj to send the report"])
async def test_a_new_instructions_status_is_what_reading_it_back_finds(db, text):
    """The prompt under a new instruction is written from the addressees in hand (instructions.in_status_order), not
    read back: it must be what status_in reads from the record (whom, in its order; no acknowledgement yet)."""
    async with db.transaction() as tx:
        await post(tx, KUTCH, 100, USER["collector-kutch"], text, T0)
    binding = await roster.binding_of(db, KUTCH)
    resolved = await resolve_addressees(db, binding, find_addressees(text), mentioned_user_ids=(OUTSIDER,),
                                        author_id=USER["collector-kutch"])
    async with db.transaction() as tx:
        found = await instructions.create(
            tx, chat_id=KUTCH, message_id=100, author_id=USER["collector-kutch"], kind="information_request",
            due_at=None, due_text=None, addressees=resolved, incident_id=None, at=T0,
        )
    assert found is not None
    read = await instructions.status(db, found)
    assert read.addressed_users == (OUTSIDER,)
    ordered = instructions.in_status_order(resolved)
    assert (ordered.posts, ordered.user_ids, ordered.whole_group, ()) == (
        read.addressed_posts, read.addressed_users, found.whole_group, read.acknowledgements)


async def test_a_named_designation_and_place_picks_that_post(db):
    found = await _instruction(db, "Mamlatdar Bhuj to send the report")
    assert await _addressed(db, found) == ["mamlatdar-bhuj"]


async def test_a_designation_alone_picks_every_post_of_it(db):
    found = await _instruction(db, "All Mamlatdars to send the report")
    assert sorted(await _addressed(db, found)) == ["mamlatdar-bhuj", "mamlatdar-mandvi"]


async def test_no_name_means_the_whole_group_except_the_author(db):
    found = await _instruction(db, "Send the rainfall report by 5 pm")
    assert found.whole_group
    assert sorted(await _addressed(db, found)) == ["mamlatdar-bhuj", "mamlatdar-mandvi", "prant-bhuj"]


async def test_districts_named_in_the_state_group_pick_their_collectors(db):
    found = await _instruction(db, "Collectors of Kutch and Valsad to report", author="acs-revenue", chat=STATE)
    assert sorted(await _addressed(db, found)) == ["collector-kutch", "collector-valsad"]


async def test_an_at_mention_of_a_post_holder_picks_their_post(db):
    found = await _instruction(db, "@prant_bhuj please send the list")
    assert await _addressed(db, found) == ["prant-bhuj"]


async def test_acknowledgements_count_once_per_post_and_unverified_accounts_count_apart(db):
    found = await _instruction(db, "All Mamlatdars to send the report")
    bhuj = await roster.posts_of_user(db, USER["mamlatdar-bhuj"])
    async with db.transaction() as tx:
        assert await instructions.acknowledge(tx, found, user_id=USER["mamlatdar-bhuj"], posts=bhuj, how="button",
                                              message_id=None, at=T0) == ["mamlatdar-bhuj"]
        assert await instructions.acknowledge(tx, found, user_id=USER["mamlatdar-bhuj"], posts=bhuj, how="reply",
                                              message_id=5, at=T0) == []
        assert await instructions.acknowledge(tx, found, user_id=OUTSIDER, posts=[], how="button",
                                              message_id=None, at=T0) == [None]
    status = await instructions.status(db, found)
    assert (status.received, status.owed) == (1, 2)
    assert [p.post_id for p in status.pending_posts] == ["mamlatdar-mandvi"]


async def test_who_sees_what(db):
    acs = await access.viewer_of(db, USER["acs-revenue"])
    collector = await access.viewer_of(db, USER["collector-kutch"])
    mamlatdar = await access.viewer_of(db, USER["mamlatdar-bhuj"])
    assert acs.is_state_admin and acs.chat_ids == {STATE, KUTCH, VALSAD}
    assert not collector.is_state_admin and collector.chat_ids == {KUTCH}
    assert collector.oversees_district("Kutch") and not collector.oversees_district("Valsad")
    assert not mamlatdar.is_admin and mamlatdar.chat_ids == frozenset()


async def test_incidents_open_once_per_name_and_close(db):
    async with db.transaction() as tx:
        opened = await incidents.open_incident(tx, name="Flood", chat_ids=[KUTCH], opened_by=USER["collector-kutch"], at=T0)
    with pytest.raises(IncidentAlreadyOpen):
        async with db.transaction() as tx:
            await incidents.open_incident(tx, name="flood", chat_ids=[VALSAD], opened_by=None, at=T0)
    assert (await incidents.open_for_chat(db, KUTCH)).name == "Flood"
    async with db.transaction() as tx:
        await incidents.close_incident(tx, opened, closed_by=None, at=T0 + timedelta(hours=5))
    assert await incidents.open_for_chat(db, KUTCH) is None
    assert (await incidents.find(db, "FLOOD")).closed_at == T0 + timedelta(hours=5)


@pytest.mark.parametrize(
    ("query", "expected"),
    [("વરસાદ", [1, 2]), ("વરસાદની", [2]), ("बाढ़", [3]), ("rain", [4]), ("રિપોર્ટ", [2]), ("Bhuj rainfall", [4]),
     ('"OR" NEAR(', []), ("ભારે", [1])],
)
async def test_search_keeps_gujarati_and_hindi_words_whole(db, query, expected):
    texts = ["ભુજમાં ભારે વરસાદ", "વરસાદની માહિતીનો રિપોર્ટ મોકલો", "मांडवी में बाढ़", "Bhuj rainfall 40 mm"]
    async with db.transaction() as tx:
        for number, text in enumerate(texts, start=1):
            await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], text, T0 + timedelta(minutes=number))
    hits = await search.search(db, query, chat_ids=frozenset({KUTCH}))
    assert sorted(hit.message_id for hit in hits) == expected


async def test_search_stays_within_the_groups_given(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 1, USER["mamlatdar-bhuj"], "tanker at Bhuj", T0)
        await post(tx, VALSAD, 1, USER["mamlatdar-valsad"], "tanker at Valsad", T0)
    hits = await search.search(db, "tanker", chat_ids=frozenset({VALSAD}))
    assert [hit.text for hit in hits] == ["tanker at Valsad"]


async def test_usage_counts_office_hours_per_post(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 1, USER["mamlatdar-bhuj"], "in office hours", T0 + timedelta(hours=1))  # 10:30 IST Mon
        await post(tx, KUTCH, 2, USER["mamlatdar-bhuj"], "evening", T0 + timedelta(hours=10))  # 19:30 IST
        await post(tx, KUTCH, 3, OUTSIDER, "unverified", T0 + timedelta(hours=2))
    hours = usage.OfficeHours(time(10), time(18), frozenset(range(6)))
    lines = await usage.office_hours_usage(db, [KUTCH], start=T0, end=T0 + timedelta(days=1), hours=hours, zone=IST)
    by_who = {line.who: (line.in_office_hours, line.total) for line in lines}
    assert by_who["Mamlatdar, Bhuj"] == (1, 2)
    assert by_who["Dinesh Parmar (no verified post)"] == (1, 1)
    assert by_who["Mamlatdar, Mandvi"] == (0, 0)


async def test_search_never_lists_the_bots_own_replies(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 1, USER["collector-kutch"], "Send the tanker report by 5 pm", T0)
        await post(tx, KUTCH, 2, USER["collector-kutch"], "/log", T0 + timedelta(minutes=1))
        await post(tx, KUTCH, 3, 7000, "Last 1 instruction:\n• Send the tanker report by 5 pm — 0/3 acknowledged",
                   T0 + timedelta(minutes=1))  # 7000 is the bot (records_helpers.seed)
    hits = await search.search(db, "tanker report", chat_ids=frozenset({KUTCH}))
    assert [hit.message_id for hit in hits] == [1]


async def test_usage_does_not_count_commands_as_messages(db):
    async with db.transaction() as tx:
        await post(tx, KUTCH, 1, USER["mamlatdar-bhuj"], "Rainfall 40 mm at Bhuj", T0 + timedelta(hours=1))
        await post(tx, KUTCH, 2, USER["mamlatdar-bhuj"], "/pending", T0 + timedelta(hours=1, minutes=1))
        await post(tx, KUTCH, 3, USER["mamlatdar-bhuj"], "/usage@samvad_bot week", T0 + timedelta(hours=1, minutes=2))
        await post(tx, KUTCH, 4, USER["mamlatdar-bhuj"], "/ not a command, a stray slash", T0 + timedelta(hours=2))
    hours = usage.OfficeHours(time(10), time(18), frozenset(range(6)))
    lines = await usage.office_hours_usage(db, [KUTCH], start=T0, end=T0 + timedelta(days=1), hours=hours, zone=IST)
    assert {line.who: (line.in_office_hours, line.total) for line in lines}["Mamlatdar, Bhuj"] == (2, 2)


async def _export(db, tmp_path, fmt, texts, masked=True):
    async with db.transaction() as tx:
        for number, text in enumerate(texts, start=1):
            await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], text, T0 + timedelta(minutes=number))
    request = ExportRequest((KUTCH,), T0, T0 + timedelta(days=1), fmt, masked)
    path = tmp_path / f"out-{fmt}"
    masker = Masker.build(official=await roster.official_numbers(db)) if masked else None
    result = await write_export(db, request, path, zone=IST, masker=masker)
    async with db.transaction() as tx:
        await record_export(tx, request, result, at=T0 + timedelta(days=1))
    return path.read_text(encoding="utf-8"), result


@pytest.mark.parametrize("cell", ["=1+1", "+91 98", "-2", "@SUM(A1)", "\t=x", "  =cmd|' /C calc'!A0"])
def test_formula_cells_are_neutralised(cell):
    assert neutralise_cell(cell).startswith("'")


def test_plain_cells_are_left_alone():
    assert neutralise_cell("Meeting at 5 pm") == "Meeting at 5 pm"
    assert neutralise_cell(None) == ""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=4))
async def test_csv_export_never_leaves_a_formula_cell(tmp_path_factory, texts):
    tmp_path = tmp_path_factory.mktemp("csv")
    database = await Database.open(tmp_path / "samvad.db")
    try:
        async with database.transaction() as tx:
            await seed(tx)
        content, _ = await _export(database, tmp_path, "csv", texts)
    finally:
        await database.close()
    for row in list(csv.reader(io.StringIO(content)))[1:]:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r"))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = set()
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.sampled_from("<>&\"'/ab=scriptimg on"), min_size=1, max_size=40), min_size=1,
                max_size=3))
async def test_html_export_escapes_what_members_wrote(tmp_path_factory, texts):
    tmp_path = tmp_path_factory.mktemp("html")
    database = await Database.open(tmp_path / "samvad.db")
    try:
        async with database.transaction() as tx:
            await seed(tx)
        content, _ = await _export(database, tmp_path, "html", texts, masked=False)
    finally:
        await database.close()
    parser = _Tags()
    parser.feed(content)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "table", "tr", "th", "td",
                           "br", "code"}
    shown = "".join(parser.text)
    for text in texts:
        assert text.strip() in shown


async def test_exports_mask_personal_data_but_not_official_numbers(db, tmp_path):
    texts = ["Applicant Aadhaar 2345 6789 0124, mobile 9876543210", "Call Mamlatdar Bhuj on +919426240003"]
    for fmt in ("csv", "jsonl", "html"):
        content, result = await _export(db, tmp_path / fmt, fmt, texts) if fmt == "csv" else await _reexport(db, tmp_path, fmt)
        assert "2345 6789 0124" not in content and "9876543210" not in content
        assert "+919426240003" in content
        assert result.entries >= 2


async def _reexport(db, tmp_path, fmt):
    request = ExportRequest((KUTCH,), T0, T0 + timedelta(days=1), fmt, True)
    path = tmp_path / f"again.{fmt}"
    masker = Masker.build(official=await roster.official_numbers(db))
    result = await write_export(db, request, path, zone=IST, masker=masker)
    return path.read_text(encoding="utf-8"), result


async def test_jsonl_export_lines_parse_and_name_the_record_kind(db, tmp_path):
    content, _ = await _export(db, tmp_path, "jsonl", ["one", "two"])
    lines = [json.loads(line) for line in content.splitlines()]
    assert lines[0]["record"] == "export"
    assert [line["text"] for line in lines[1:]] == ["one", "two"]


async def test_a_forward_is_kept_with_its_original_sender_and_date(db):
    from storage import journal, messages

    first_sent = T0 - timedelta(days=90)
    async with db.transaction() as tx:
        await messages.record_message(tx, messages.IncomingMessage(
            chat_id=KUTCH, message_id=300, update_id=None, sender_id=USER["mamlatdar-bhuj"], sent_at=T0, kind="text",
            text="All Collectors to send relief figures by 5 pm", forwarded_from="user 42 Acs Revenue",
            forwarded_at=first_sent,
        ), at=T0)
        await post(tx, KUTCH, 301, USER["mamlatdar-bhuj"], "own words", T0)
    stored = await messages.get_message(db, KUTCH, 300)
    own = await messages.get_message(db, KUTCH, 301)
    assert (stored.forwarded_from, stored.forwarded_at) == ("user 42 Acs Revenue", first_sent)
    assert (own.forwarded_from, own.forwarded_at) == (None, None)
    forward_entry, own_entry = await journal.entries(db, kind="message", chat_id=KUTCH)
    assert forward_entry["body"]["forwarded_at"] == "2024-10-22T04:00:00.000000Z"
    assert "forwarded_at" not in own_entry["body"]


async def test_html_report_shows_details_as_words_and_every_time_alike_in_ist(db, tmp_path):
    from storage import journal

    found = await _instruction(db, "Mamlatdar Bhuj to send the rainfall report")
    bhuj = await roster.posts_of_user(db, USER["mamlatdar-bhuj"])
    async with db.transaction() as tx:
        await instructions.acknowledge(tx, found, user_id=USER["mamlatdar-bhuj"], posts=bhuj, how="button",
                                       message_id=None, at=T0 + timedelta(minutes=5))
        await journal.append(tx, kind="membership.invited", chat_id=KUTCH, actor_id=USER["mamlatdar-mandvi"],
                             at=T0 + timedelta(minutes=7),
                             body={"post_ids": ["mamlatdar-mandvi"], "creates_join_request": True,
                                   "expires_at": "2025-01-21T04:00:00.000000Z"})
    content, _ = await _export(db, tmp_path, "html", ["Rainfall 40 mm"], masked=False)
    parser = _Tags()
    parser.feed(content)
    shown = "".join(parser.text)
    assert "post ids: mamlatdar-mandvi" in shown and "creates join request: yes" in shown
    assert "expires at: 21 Jan 2025 09:30:00" in shown  # a stored UTC time, shown in IST like the rest
    assert "{" not in shown.split("Membership and other events")[1].split("Messages (")[0]
    assert "Times are IST (India Standard Time, UTC+05:30)." in shown
    assert re.findall(r"\d{4}-\d{2}-\d{2}", shown) == []  # no ISO dates beside the others
    times = re.findall(r"\b\d{1,2} [A-Z][a-z]{2}(?: \d{4})?,? \d{2}:\d{2}(?::\d{2})?", shown)
    assert times and all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2}", t) for t in times), times
    assert "20 Jan 2025 09:35:00" in shown  # the acknowledgement, 04:05 UTC


async def _instruction_with_prompt(db, message_id, *, prompt_key, remind_at):
    """An instruction written with what names it (storage.instructions.WrittenWith): its prompt and reminder."""
    text = "Mamlatdar Bhuj to send the report"
    async with db.transaction() as tx:
        await post(tx, KUTCH, message_id, USER["collector-kutch"], text, T0)
    resolved = await resolve_addressees(db, await roster.binding_of(db, KUTCH), find_addressees(text),
                                        mentioned_user_ids=(OUTSIDER,), author_id=USER["collector-kutch"])

    def prompt_and_reminder(instruction_id):
        button = {"inline_keyboard": [[{"text": "Acknowledge", "callback_data": f"ack:{instruction_id}"}]]}
        call = outbox.OwedCall.of(method="sendMessage", purpose="records.instruction", at=T0, chat_id=KUTCH,
                                  params={"chat_id": KUTCH, "text": "Recorded – ધ્યાન", "reply_markup": button},
                                  dedupe_key=prompt_key)
        return instructions.WrittenWith((call,), tasks.NewTask("records.reminder", {"instruction_id": instruction_id},
                                                                remind_at, f"records.reminder:{instruction_id}"))

    return await db.write(lambda unit: instructions.create_in(
        unit, chat_id=KUTCH, message_id=message_id, author_id=USER["collector-kutch"], kind="disaster_directive",
        due_at=T0 + timedelta(hours=3), due_text="by 3 pm", addressees=resolved, incident_id=None, at=T0,
        written_with=prompt_and_reminder))


async def test_an_instruction_is_written_with_its_prompt_and_reminder_naming_its_id(db):
    """On PostgreSQL the instruction, its journal entry, addressees, prompt and reminder go in one statement
    (migration 0021); on SQLite statement by statement: the rows are the same, and the chain verifies."""
    first = await _instruction_with_prompt(db, 100, prompt_key="u1:prompt", remind_at=T0 + timedelta(hours=2))
    second = await _instruction_with_prompt(db, 101, prompt_key="u2:prompt", remind_at=T0 + timedelta(hours=2))
    assert first is not None and second is not None
    assert second.instruction_id == first.instruction_id + 1
    assert await instructions.get(db, second.instruction_id) == second
    status = await instructions.status(db, second)
    assert ([p.post_id for p in status.addressed_posts], status.addressed_users) == (["mamlatdar-bhuj"], (OUTSIDER,))
    calls = await db.fetchall("SELECT dedupe_key, chat_id, method, params, purpose, state FROM outbox ORDER BY id")
    assert [(*row[:3], json.loads(row[3]), *row[4:]) for row in calls] == [
        (key, KUTCH, "sendMessage",
         {"chat_id": KUTCH, "text": "Recorded – ધ્યાન",
          "reply_markup": {"inline_keyboard": [[{"text": "Acknowledge", "callback_data": f"ack:{number}"}]]}},
         "records.instruction", "pending")
        for key, number in (("u1:prompt", first.instruction_id), ("u2:prompt", second.instruction_id))
    ]
    reminders = await db.fetchall("SELECT kind, dedupe_key, payload, due_at, state FROM tasks ORDER BY id")
    assert [tuple(row) for row in reminders] == [
        ("records.reminder", f"records.reminder:{number}", f'{{"instruction_id": {number}}}',
         "2025-01-20T06:00:00.000000Z", "pending")
        for number in (first.instruction_id, second.instruction_id)
    ]
    entries = await journal.entries(db, kind="instruction")
    assert [entry["body"]["posts"] for entry in entries] == [["mamlatdar-bhuj"], ["mamlatdar-bhuj"]]
    assert [entry["body"]["message_id"] for entry in entries] == [100, 101]
    assert (await asyncio.to_thread(chain.verify, db.target)).ok


async def test_a_message_already_an_instruction_writes_no_second_prompt_or_reminder(db):
    first = await _instruction_with_prompt(db, 100, prompt_key="u1:prompt", remind_at=T0 + timedelta(hours=2))
    assert first is not None
    again = await db.write(lambda unit: instructions.create_in(
        unit, chat_id=KUTCH, message_id=100, author_id=USER["collector-kutch"], kind="disaster_directive",
        due_at=None, due_text=None, addressees=instructions.ResolvedAddressees((), (), True), incident_id=None, at=T0,
        written_with=lambda instruction_id: pytest.fail("nothing is written for a message recorded already")))
    assert again is None
    assert (await db.fetchone("SELECT count(*) FROM outbox"))[0] == 1
    assert (await db.fetchone("SELECT count(*) FROM tasks"))[0] == 1


async def test_a_prompt_whose_key_is_owed_already_is_not_owed_twice(db):
    """A dedupe key owed already (a handler run again after a crash) is skipped, as storage.outbox.enqueue does."""
    await _instruction_with_prompt(db, 100, prompt_key="u1:prompt", remind_at=T0 + timedelta(hours=2))
    await _instruction_with_prompt(db, 101, prompt_key="u1:prompt", remind_at=T0 + timedelta(hours=2))
    assert (await db.fetchone("SELECT count(*) FROM outbox"))[0] == 1
    assert (await db.fetchone("SELECT count(*) FROM instructions"))[0] == 2


async def _facts(db, chat, message_id, people=(), usernames=()):
    return await db.write(lambda unit: instructions.facts_in(unit, chat, message_id, people=people,
                                                             usernames=usernames))


async def test_what_recording_an_instruction_reads_comes_in_one_statement(db):
    """instructions.facts_in: the group, its posts in the roster's order, the posts of the author and of the people
    named (mentions, and @usernames in any case, in the order written; unknown names left out), the incident open in
    the group, and a new id for a message that can be recorded."""
    async with db.transaction() as tx:
        await post(tx, KUTCH, 100, USER["collector-kutch"], "@MAMLATDAR_MANDVI and @nobody and @mamlatdar_bhuj", T0)
        flood = await incidents.open_incident(tx, name="Flood", chat_ids=[KUTCH, VALSAD], opened_by=11, at=T0)
    facts = await _facts(db, KUTCH, 100, people=(USER["collector-kutch"], USER["prant-bhuj"]),
                         usernames=("MAMLATDAR_MANDVI", "nobody", "mamlatdar_bhuj"))
    assert (facts.binding.level, facts.binding.jurisdiction) == ("district", "Kutch")
    assert [p.post_id for p in facts.members] == ["collector-kutch", "mamlatdar-bhuj", "mamlatdar-mandvi", "prant-bhuj"]
    assert facts.named_users == (24, 23)
    assert {user: [p.post_id for p in posts] for user, posts in facts.posts_of.items()} == {
        21: ["collector-kutch"], 22: ["prant-bhuj"], 24: ["mamlatdar-mandvi"], 23: ["mamlatdar-bhuj"]}
    assert facts.incident is not None and (facts.incident.incident_id, facts.incident.name) == (flood.incident_id, "Flood")
    assert facts.incident.chat_ids == tuple(sorted([KUTCH, VALSAD])) and facts.incident.opened_by == 11
    assert (facts.removed, facts.recorded) == (False, False) and facts.new_id is not None
    assert facts.message_seq == (await db.fetchone("SELECT journal_seq FROM messages WHERE chat_id = ? AND"
                                                   " message_id = 100", (KUTCH,)))[0]

    state = await _facts(db, STATE, 5, people=(USER["acs-revenue"],))
    assert [p.post_id for p in state.members] == ["collector-kutch", "collector-valsad", "acs-revenue"]
    assert state.incident is None and state.named_users == ()
    assert [p.post_id for p in state.members] == [p.post_id for p in await roster.posts_in(db, state.binding)]


async def test_no_new_id_is_taken_for_a_message_that_cannot_be_recorded(db):
    """Outside a bound group, for a message moderation removed, or for one already an instruction, facts_in takes no
    id (on PostgreSQL none is drawn from the sequence), and says which it is."""
    instruction = await _instruction(db, "Send the rainfall report by 5 pm", message_id=100)
    already = await _facts(db, KUTCH, 100)
    assert (already.recorded, already.new_id) == (True, None)
    async with db.transaction() as tx:
        await post(tx, KUTCH, 101, USER["collector-kutch"], "Aadhaar 2345 6789 0123, send the list", T0)
        await tx.execute(
            "INSERT INTO flags (chat_id, message_id, update_id, member_id, source, labels, verdict_labels, findings,"
            " language, actions, deleted, warning, flagged_at, journal_seq) VALUES (?, 101, 1, ?, 'message', '[]',"
            " '[]', '[]', 'en', '[]', 1, 'sent', ?, 1)", (KUTCH, USER["collector-kutch"], "2025-01-20T04:00:00.000000Z"))
    removed = await _facts(db, KUTCH, 101)
    assert (removed.removed, removed.new_id) == (True, None)
    unbound = await _facts(db, -100999, 1)
    assert (unbound.binding, unbound.members, unbound.new_id) == (None, [], None)

    recordable = await _facts(db, VALSAD, 7)
    assert recordable.new_id == instruction.instruction_id + 1, "no id was spent on the three above"
