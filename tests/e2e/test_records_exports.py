"""Exports, search, incidents, checkpoints and `samvad verify`, end to end."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from tests import database_target
from tests.conftest import buttons, eventually, make_settings
from tests.database_target import backend_of, target_of, with_target
from tests.e2e.record_world import ack_data, build_world

AADHAAR = "2345 6789 0124"
PRIVATE_MOBILE = "9876543210"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def world(client, bot):
    return await build_world(client, bot)


async def _today(bot):
    return bot.services.clock.now().astimezone(bot.services.settings.zone).date().isoformat()


async def _kutch_traffic(client, world):
    kutch = world.groups["kutch"]
    await client.send_message(kutch, world.users["mamlatdar-bhuj"],
                              f"Applicant Ramesh, Aadhaar {AADHAAR}, mobile {PRIVATE_MOBILE}, came to the office")
    posted = await client.send_message(kutch, world.users["collector-kutch"],
                                       "Mamlatdar Bhuj to send the =SUM(A1) relief list by 5 pm <script>")
    prompt = await client.wait_for_bot_message(kutch, contains="Recorded as an instruction",
                                               after_message_id=posted["message_id"])
    await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))
    await client.send_message(world.groups["valsad"], world.users["mamlatdar-valsad"], "Valsad rainfall 40 mm")


async def _document(client, chat, after):
    message = await client.wait_for_bot_message(chat, contains=None, after_message_id=after, timeout=10)
    while "document" not in message:
        message = await client.wait_for_bot_message(chat, after_message_id=message["message_id"], timeout=10)
    return message, (await client.file_content(message["document"]["file_id"])).decode("utf-8")


async def test_a_typed_export_in_each_format_masks_personal_data(client, bot, world):
    await _kutch_traffic(client, world)
    me = world.users["collector-kutch"]
    day = await _today(bot)
    outputs = {}
    for fmt in ("csv", "jsonl", "html"):
        asked = await client.send_message(me, me, f"/export Kutch {day} {day} {fmt}")
        message, content = await _document(client, me, asked["message_id"])
        outputs[fmt] = content
        assert message["document"]["file_name"].endswith(f".{fmt}")
        assert "entries" in message["caption"]
        assert AADHAAR not in content and PRIVATE_MOBILE not in content
        assert "0124" in content  # masked, keeping the last four digits
        assert "Valsad rainfall" not in content
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    assert any(row["kind"] == "instruction" for row in rows)
    assert any(row["kind"] == "acknowledgement" for row in rows)
    injected = next(row for row in rows if row["text"] and "SUM" in row["text"])
    assert injected["text"].startswith("Mamlatdar")
    lines = [json.loads(line) for line in outputs["jsonl"].splitlines()]
    assert lines[0]["record"] == "export" and lines[0]["masked"] is True
    assert {line["record"] for line in lines[1:]} <= {"entry", "checkpoint"}
    report = outputs["html"]
    assert "<script>" not in report and "&lt;script&gt;" in report
    assert "Instructions (1)" in report and "1 of 1" in report
    assert "Personal data (Aadhaar, PAN" in report


async def test_samvad_export_on_the_command_line_masks_and_is_journalled(client, bot, world, tmp_path):
    await _kutch_traffic(client, world)
    await client.wait_until_idle()
    await bot.ingress.idle()
    day = await _today(bot)
    out = tmp_path / "kutch.csv"
    result = _run(bot.services.settings, "export", "--group", "Kutch", "--from", day, "--to", day, "--format", "csv",
                  "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "journalled as entry" in result.stdout
    content = out.read_text(encoding="utf-8")
    assert AADHAAR not in content and "0124" in content and "relief list" in content
    bad = _run(bot.services.settings, "export", "--group", "Atlantis", "--from", day, "--to", day, "--format", "csv")
    assert bad.returncode == 2 and "no group called 'Atlantis'" in bad.stderr


async def test_the_export_buttons_lead_to_a_file_and_every_export_is_journalled(client, bot, world):
    await _kutch_traffic(client, world)
    me = world.users["collector-kutch"]
    menu = await client.ask(me, me, "/export", contains="Which group")
    choice = buttons(menu)
    assert set(choice) == {"District Kutch – Revenue & Disaster"}  # a Collector sees only their district
    await client.press_button(me, menu["message_id"], me, choice["District Kutch – Revenue & Disaster"])
    step = await eventually(lambda: _edited(client, me, menu["message_id"], "Which period?"))
    await client.press_button(me, menu["message_id"], me, buttons(step)["Today"])
    step = await eventually(lambda: _edited(client, me, menu["message_id"], "Which format?"))
    assert "Unmasked" not in buttons(step)
    await client.press_button(me, menu["message_id"], me, buttons(step)["HTML report"])
    _, content = await _document(client, me, menu["message_id"])
    assert "Official record: District Kutch" in content
    from storage import journal

    exported = await eventually(lambda: journal.entries(bot.services.db, kind="export"))
    assert exported[-1]["actor_id"] == me
    assert exported[-1]["body"]["masked"] is True and exported[-1]["body"]["format"] == "html"


async def _edited(client, chat, message_id, text):
    for message in await client.bot_messages(chat):
        if message["message_id"] == message_id and text in (message.get("text") or ""):
            return message
    return None


async def test_only_a_state_admin_may_export_unmasked(client, bot, world):
    await _kutch_traffic(client, world)
    day = await _today(bot)
    collector = world.users["collector-kutch"]
    refusal = await client.ask(collector, collector, f"/export Kutch {day} {day} csv unmasked", contains="state-level")
    assert "Only a state-level admin" in refusal["text"]
    acs = world.users["acs-revenue"]
    asked = await client.send_message(acs, acs, f"/export Kutch {day} {day} csv unmasked")
    _, content = await _document(client, acs, asked["message_id"])
    assert AADHAAR in content and PRIVATE_MOBILE in content


async def test_access_rules_for_exports(client, bot, world):
    member = world.users["mamlatdar-bhuj"]
    refusal = await client.ask(member, member, "/export", contains="group admins")
    assert "Exports are for group admins" in refusal["text"]
    valsad = world.users["collector-valsad"]
    day = await _today(bot)
    refusal = await client.ask(valsad, valsad, f"/export Kutch {day} {day} csv", contains="administer")
    assert "You do not administer or coordinate a group called 'Kutch'" in refusal["text"]
    menu = await client.ask(valsad, valsad, "/export", contains="Which group")
    assert set(buttons(menu)) == {"District Valsad – Revenue & Disaster"}
    usage = await client.ask(valsad, valsad, "/export Valsad yesterday today csv", contains="date")
    assert "cannot read the date" in usage["text"].lower()


async def test_search_finds_gujarati_and_hindi_words_only_in_groups_the_asker_may_see(client, bot, world):
    await client.send_message(world.groups["kutch"], world.users["mamlatdar-bhuj"], "ભુજમાં ભારે વરસાદ, 120 મિમી")
    await client.send_message(world.groups["kutch"], world.users["mamlatdar-mandvi"], "मांडवी में बाढ़ की स्थिति")
    await client.send_message(world.groups["valsad"], world.users["mamlatdar-valsad"], "વલસાડમાં ભારે વરસાદ")
    await client.wait_until_idle()
    await bot.ingress.idle()
    me = world.users["collector-kutch"]
    found = await client.ask(me, me, "/search વરસાદ", contains="વરસાદ")
    assert "ભુજમાં ભારે વરસાદ" in found["text"]
    assert "વલસાડમાં" not in found["text"]
    found = await client.ask(me, me, "/search बाढ़", contains="Found")
    assert "मांडवी में बाढ़" in found["text"]
    acs = world.users["acs-revenue"]
    found = await client.ask(acs, acs, "/search ભારે વરસાદ", contains="Found")
    assert "ભુજમાં" in found["text"] and "વલસાડમાં" in found["text"]
    usage = await client.ask(me, me, "/search", contains="Usage")
    assert "/search WORDS" in usage["text"]


async def test_a_member_searches_only_the_instructions_addressed_to_them(client, bot, world):
    kutch = world.groups["kutch"]
    posted = await client.send_message(kutch, world.users["collector-kutch"], "Mamlatdar Bhuj to send the tanker report by 5 pm")
    await client.wait_for_bot_message(kutch, contains="Recorded", after_message_id=posted["message_id"])
    await client.send_message(kutch, world.users["mamlatdar-mandvi"], "tanker reached Mandvi")
    await client.wait_until_idle()
    await bot.ingress.idle()
    me = world.users["mamlatdar-bhuj"]
    found = await client.ask(me, me, "/search tanker", contains="tanker")
    assert "send the tanker report" in found["text"]
    assert "reached Mandvi" not in found["text"]


async def test_an_incident_from_open_to_sitrep_to_export(client, bot, world):
    acs = world.users["acs-revenue"]
    opened = await client.ask(acs, acs, "/incident open Cyclone-Biparjoy Kutch Valsad", contains="open over")
    assert "District Kutch" in opened["text"] and "District Valsad" in opened["text"]
    kutch = world.groups["kutch"]
    await client.wait_for_bot_message(kutch, contains="Cyclone-Biparjoy")
    posted = await client.send_message(kutch, world.users["collector-kutch"],
                                       "Evacuate low-lying villages near Mandvi; Mamlatdar Mandvi and Mamlatdar Bhuj to report by 6 pm")
    prompt = await client.wait_for_bot_message(kutch, contains="Recorded", after_message_id=posted["message_id"])
    assert "disaster directive" in prompt["text"] and "Incident: Cyclone-Biparjoy" in prompt["text"]
    await client.press_button(kutch, prompt["message_id"], world.users["mamlatdar-bhuj"], ack_data(prompt))

    report = await client.ask(acs, acs, "/sitrep", contains="Cyclone-Biparjoy")
    kutch_part = report["text"].split("District Kutch")[1].split("District Valsad")[0]
    assert "Instructions: 1" in kutch_part and "acknowledged 1 of 2 (50%)" in kutch_part
    assert "Pending: Mamlatdar, Mandvi (1)" in kutch_part and "Flags: 0" in kutch_part

    refusal = await client.ask(world.users["collector-valsad"], world.users["collector-valsad"],
                         "/incident close Cyclone-Biparjoy", contains="state admin")
    assert "covers districts besides yours" in refusal["text"]
    closed = await client.ask(acs, acs, "/incident close", contains="closed")
    assert "Cyclone-Biparjoy" in closed["text"]

    asked = await client.send_message(acs, acs, "/export incident Cyclone-Biparjoy html")
    _, content = await _document(client, acs, asked["message_id"])
    assert "Incident: Cyclone-Biparjoy" in content
    assert "Evacuate low-lying villages" in content
    assert "District Valsad" in content and "incident_opened" in content

    member = world.users["mamlatdar-bhuj"]
    refusal = await client.ask(member, member, "/sitrep", contains="admins")
    assert "Situation reports are for admins" in refusal["text"]
    refusal = await client.ask(member, member, "/incident open Flood Kutch", contains="Only")
    assert "state admin or a District Collector" in refusal["text"]


async def test_a_collector_opens_an_incident_only_for_their_district(client, bot, world):
    me = world.users["collector-valsad"]
    refusal = await client.ask(me, me, "/incident open Flood Kutch", contains="own district")
    assert "only for your own district" in refusal["text"]
    opened = await client.ask(me, me, "/incident open Flood", contains="open over")
    assert "District Valsad" in opened["text"]
    usage = await client.ask(me, me, "/incident shut", contains="Usage")
    assert "/incident open NAME" in usage["text"]


async def test_checkpoints_are_signed_every_n_entries_and_posted_to_the_records_chat(client, tmp_path, sandbox, clock):
    from bot.runner import running_bot

    owner = await client.create_user("Records", last_name="Cell")
    records = await client.create_group("Records cell", creator_id=owner["id"])
    await client.add_bot(records["id"], added_by=owner["id"])
    settings = make_settings(tmp_path, sandbox, checkpoint_every_entries=5, records_chat_id=records["id"])
    async with running_bot(settings, clock=clock):
        for number in range(6):
            await client.send_message(records["id"], owner["id"], f"entry {number}")
        posted = await client.wait_for_bot_message(records["id"], contains="Checkpoint", timeout=10)
    assert "samvad verify" in posted["text"]
    key = settings.signing_key_file
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert key.read_bytes().decode() not in posted["text"]
    result = _verify(settings)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ") and "checkpoints verified" in result.stdout


def _verify(settings, public_key=None):
    return _run(settings, "verify", *(["--public-key", str(public_key)] if public_key else []))


async def test_samvad_verify_catches_each_kind_of_tampering_and_accepts_a_lawful_erasure(client, tmp_path, sandbox, clock):
    from bot.runner import running_bot

    owner = await client.create_user("Asha", last_name="Vyas")
    group = await client.create_group("District Kutch", creator_id=owner["id"])
    await client.add_bot(group["id"], added_by=owner["id"])
    settings = make_settings(tmp_path, sandbox, checkpoint_every_entries=4)
    async with running_bot(settings, clock=clock) as bot:
        for number in range(8):
            await client.send_message(group["id"], owner["id"], f"Relief update {number}")
        await eventually(lambda: _checkpoint_count(bot))
    assert _verify(settings).returncode == 0
    public_key = settings.signing_key_file.with_name(settings.signing_key_file.name + ".pub")

    clean = with_target(settings, database_target.copy(target_of(settings), "clean"))
    erased = _run(clean, "erase", "--seq", "3", "--order", "Court order 17/2025")
    assert erased.returncode == 0, erased.stderr
    ok = _verify(clean, public_key)
    assert ok.returncode == 0 and "1 bodies erased by lawful order" in ok.stdout

    tampering = {
        # The entry of one message, found by its copy: which seq a message gets depends on when the bot's
        # other entries (its checkpoints, its own status) fall between the messages.
        "altered": ["UPDATE journal_bodies SET body = replace(body, 'Relief update', 'Relief updates')"
                    " WHERE seq = (SELECT journal_seq FROM messages WHERE text = 'Relief update 4')"],
        # Back-dated to a day before any entry: entries written in one unit share their time (on PostgreSQL the
        # batches a poller stored meanwhile are claimed and recorded together), so another entry's time may be its own.
        "re-timed": ["UPDATE journal SET recorded_at = '2025-01-01T00:00:00.000000Z' WHERE seq = 6"],
        "deleted": ["DELETE FROM journal_bodies WHERE seq = 4", "DELETE FROM journal WHERE seq = 4"],
        "reordered": [f"UPDATE {table} SET seq = {new} WHERE seq = {old}" for table in ("journal", "journal_bodies")
                      for old, new in ((5, -5), (6, 5), (-5, 6))],
        "body removed": ["DELETE FROM journal_bodies WHERE seq = 6"],
        # The copies /log, /pending and /search show are checked against the journal too.
        "message copy altered": ["UPDATE messages SET text = 'Relief cancelled' WHERE text = 'Relief update 4'"],
        "search index altered": {
            "sqlite": ["INSERT INTO messages_search (rowid, text) SELECT id, 'bribe paid' FROM messages"
                       " WHERE text = 'Relief update 2'"],
            # PostgreSQL computes the words itself: the column must stop being computed to be written.
            "postgresql": ["ALTER TABLE messages ALTER COLUMN text_search DROP EXPRESSION",
                           "UPDATE messages SET text_search = text_search || to_tsvector('simple', 'bribe paid')"
                           " WHERE text = 'Relief update 2'"],
        }[backend_of(settings)],
    }
    for name, statements in tampering.items():
        copy = database_target.copy(target_of(settings), name.replace(" ", "-"))
        database_target.tamper(copy, *statements)
        result = _verify(with_target(settings, copy), public_key)
        assert result.returncode == 1, name
        assert result.stdout.startswith("FAILED at entry"), (name, result.stdout)


async def _checkpoint_count(bot):
    row = await bot.services.db.fetchone("SELECT count(*) FROM checkpoints")
    return row[0] >= 1


def _run(settings, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVAD_")}
    env["SAMVAD_DB_PATH"] = str(settings.db_path)
    if settings.database_url is not None:  # SAMVAD_TEST_BACKEND=postgresql, or a copy made there
        env["SAMVAD_DATABASE_URL"] = settings.database_url.get_secret_value()
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
