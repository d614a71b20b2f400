"""Attachments end to end: real files uploaded to the sandbox, downloaded by the bot through getFile,
read (text layer, OCR), checked like messages, recorded, searched and exported."""

from __future__ import annotations

import json

import pytest

from datetime import UTC, datetime, timedelta

from storage import attachments, exports, journal, search
from storage.exports import ExportRequest, build_masker
from tests.attachments import fixtures as f
from tests.conftest import eventually
from tests.e2e.moderation_world import build_world, settled, warning_after

CONFIDENTIAL_LINES = [
    "CONFIDENTIAL - NOT FOR CIRCULATION",
    "Draft Government Resolution: revision of jantri rates, Kutch district",
    "Policy proposal for the Cabinet, page {page}",
]


@pytest.fixture
async def world(client, bot, settings):
    return await build_world(client, settings)


async def _recorded(bot, world, posted) -> attachments.Attachment:
    async def done():
        found = await attachments.of_message(bot.services.db, world.kutch, posted["message_id"])
        return found if found is not None and found.state == "done" else None

    return await eventually(done, timeout=60)


async def test_a_document_marked_confidential_is_removed_and_the_admins_told(client, bot, world):
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="draft-gr-jantri.pdf",
                                        content=f.text_pdf(CONFIDENTIAL_LINES))

    warning = await warning_after(client, world, posted)
    assert "your file was removed from the group (it is kept in the official record)" in warning["text"]
    assert "confidential or policy matter (§2)" in warning["text"]
    assert "jantri" not in warning["text"], "the warning names the reason, never the content"
    assert posted["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))
    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="Flag #")
    assert "Vikram Jadeja" in notice["text"]

    recorded = await _recorded(bot, world, posted)
    assert (recorded.status, recorded.reason) == ("read", "none")
    [entry] = await journal.entries(bot.services.db, kind="attachment", chat_id=world.kutch)
    assert entry["body"]["file_name"] == "draft-gr-jantri.pdf"
    assert entry["body"]["kind"] == "pdf" and entry["body"]["pages_read"] == 1
    assert "revision of jantri rates" in entry["body"]["text"]


async def test_a_clean_pdf_passes(client, bot, world):
    posted = await client.send_document(world.kutch, world.hetal["id"], file_name="relief-camps.pdf",
                                        content=f.text_pdf(["Relief camps open in Mandvi taluka", "Food packets: 1200"]))
    recorded = await _recorded(bot, world, posted)
    await settled(client, bot)
    assert recorded.status == "read"
    assert posted["message_id"] not in await client.deleted_message_ids(world.kutch)
    assert not [m for m in await client.bot_messages(world.kutch) if "⚠️" in m["text"]]


async def test_a_photo_of_an_aadhaar_card_is_caught(client, bot, world):
    f.needs_fonts()
    f.needs_ocr()
    posted = await client.send_photo(world.kutch, world.vikram["id"], content=f.jpeg(f.aadhaar_card()))

    warning = await warning_after(client, world, posted)
    assert "an Aadhaar number — personal data (§8, privacy)" in warning["text"]
    assert "your file was removed" in warning["text"]
    assert f.AADHAAR not in warning["text"] and f.AADHAAR_BARE not in warning["text"]
    assert posted["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))


async def test_the_export_shows_the_attachment_masked_and_search_finds_its_words(client, bot, world, tmp_path):
    f.needs_fonts()
    f.needs_ocr()
    posted = await client.send_photo(world.kutch, world.hetal["id"], content=f.png(f.beneficiary_list()))
    await warning_after(client, world, posted)
    await _recorded(bot, world, posted)

    request = ExportRequest(chat_ids=(world.kutch,), start=datetime.now(UTC) - timedelta(days=1),
                            end=datetime.now(UTC) + timedelta(days=1), fmt="jsonl")
    out = tmp_path / "export.jsonl"
    await exports.write_export(bot.services.db, request, out, zone=bot.services.settings.zone,
                               masker=await build_masker(bot.services.db))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    [row] = [r for r in rows if r.get("kind") == "attachment"]
    assert "beneficiaries" in row["text"]
    assert "4671 3528" not in row["text"] and "2345 6789" not in row["text"]
    assert "Kanji Bhai Rabari XXXX XXXX 9026" in row["text"], "masked like message text: the last four digits kept"

    hits = await search.search(bot.services.db, "beneficiaries Bhuj", chat_ids=frozenset({world.kutch}))
    assert [hit.message_id for hit in hits] == [posted["message_id"]]
    assert hits[0].text.startswith("📎 photo:")
