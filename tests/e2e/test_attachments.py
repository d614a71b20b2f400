"""Attachments end to end: real files uploaded to the sandbox, downloaded by the bot through getFile,
read (text layer, OCR), checked like messages, recorded, searched and exported."""

from __future__ import annotations

import json

import pytest

from datetime import datetime

from storage import attachments, journal, search
from tests.attachments import fixtures as f
from tests.conftest import buttons, eventually
from tests.e2e.moderation_world import build_world, settled

READING = 30.0  # seconds to wait for a file to be read (OCR of a photo takes a second or two, more under load)


async def warning_after(client, world, posted: dict) -> dict:
    """The bot's next warning in the group after a post, allowing for the file to be read."""
    return await client.wait_for_bot_message(world.kutch, contains="⚠️", after_message_id=posted["message_id"],
                                             timeout=READING)

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


async def test_the_export_shows_the_attachment_masked_and_search_finds_its_words(client, bot, world):
    f.needs_fonts()
    f.needs_ocr()
    posted = await client.send_photo(world.kutch, world.hetal["id"], content=f.png(f.beneficiary_list()))
    await warning_after(client, world, posted)
    await _recorded(bot, world, posted)
    collector = world.rajesh["id"]
    day = datetime.now(bot.services.settings.zone).strftime("%Y-%m-%d")

    asked = await client.send_message(collector, collector, f"/export Kutch {day} {day} jsonl")
    export = await client.wait_for_bot_message(collector, contains=None, after_message_id=asked["message_id"],
                                               timeout=10)
    while "document" not in export:
        export = await client.wait_for_bot_message(collector, after_message_id=export["message_id"], timeout=10)
    lines = [json.loads(line) for line in (await client.file_content(export["document"]["file_id"])).decode().splitlines()]
    [row] = [line for line in lines if line.get("kind") == "attachment"]
    assert "beneficiaries" in row["text"]
    assert "4671 3528" not in row["text"] and "2345 6789" not in row["text"]
    assert "Kanji Bhai Rabari XXXX XXXX 9026" in row["text"], "masked like message text: the last four digits kept"
    assert row["details"]["status"] == "read" and row["details"]["media"] == "photo"

    found = await client.ask(collector, collector, "/search beneficiaries Bhuj", contains="Found")
    assert "📎 photo" in found["text"]
    assert "4671 3528" not in found["text"]


async def test_a_file_over_the_download_limit_is_recorded_as_too_large_and_the_admins_told(client, bot, world):
    big = b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024)
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="tender-annexures.pdf", content=big)

    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="tender-annexures.pdf", timeout=30)
    assert "is too large to download and read" in notice["text"]
    assert "has not been checked" in notice["text"]
    recorded = await _recorded(bot, world, posted)
    assert (recorded.status, recorded.reason) == ("too_large", "size_limit")
    [entry] = await journal.entries(bot.services.db, kind="attachment", chat_id=world.kutch)
    assert entry["body"]["size"] == len(big) and entry["body"]["text"] == ""


async def test_a_document_over_the_page_limit_is_partly_read_and_the_admins_told(client, sandbox, tmp_path, clock):
    from bot.runner import running_bot
    from tests.conftest import make_settings

    settings = make_settings(tmp_path, sandbox, attachment_max_pages=3)
    async with running_bot(settings, clock=clock) as bot:
        world = await build_world(client, settings)
        posted = await client.send_document(world.kutch, world.hetal["id"], file_name="survey.pdf",
                                            content=f.text_pdf(["Survey page {page}"], pages=5))
        notice = await client.wait_for_bot_message(world.rajesh["id"], contains="survey.pdf", timeout=30)
        assert "was only partly read: it has more pages than are read (3 of 5)" in notice["text"]
        recorded = await _recorded(bot, world, posted)
        assert (recorded.status, recorded.reason) == ("partly_read", "page_limit")


async def test_an_encrypted_pdf_is_recorded_with_its_reason_and_the_admins_told(client, bot, world):
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="locked.pdf",
                                        content=f.encrypted_pdf())
    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="locked.pdf", timeout=30)
    assert "could not be read: it is protected by a password" in notice["text"]
    recorded = await _recorded(bot, world, posted)
    assert (recorded.status, recorded.reason) == ("unread", "encrypted")


async def test_text_messages_are_not_held_up_while_a_scan_is_read(client, bot, world):
    f.needs_fonts()
    f.needs_ocr()
    scan = f.scanned_pdf(f.image_lines([("latin", f"Relief list line {n}") for n in range(12)], size=30), pages=4)
    document = await client.send_document(world.kutch, world.vikram["id"], file_name="scan.pdf", content=scan)
    text = await client.send_message(world.kutch, world.hetal["id"], f"Applicant Aadhaar {f.AADHAAR} pending")
    warning = await warning_after(client, world, text)
    assert "an Aadhaar number" in warning["text"]
    read = await attachments.of_message(bot.services.db, world.kutch, document["message_id"])
    assert read.state == "pending", "the text was answered while the scan was still being read"
    await _recorded(bot, world, document)


async def test_the_file_is_kept_in_the_record_directory_by_its_hash(client, bot, world, settings):
    data = f.docx_file(["Meeting at 11 am in the Collector's chamber"])
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="meeting.docx", content=data,
                                        mime_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    await _recorded(bot, world, posted)
    digest = __import__("hashlib").sha256(data).hexdigest()
    kept = settings.attachments_folder / digest[:2] / digest
    assert kept.read_bytes() == data
    assert kept.stat().st_mode & 0o777 == 0o600
    assert settings.attachments_folder.stat().st_mode & 0o777 == 0o700, "the record directory is owner-only"


async def test_erasing_an_attachment_entry_removes_its_text_and_kept_file(client, bot, world, settings):
    import argparse
    import asyncio

    from bot.records_cli import command_erase

    data = f.docx_file(["Ramesh Solanki's medical certificate for relief"])
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="certificate.docx", content=data)
    recorded = await _recorded(bot, world, posted)
    kept = settings.attachments_folder / recorded_sha(data)[:2] / recorded_sha(data)
    assert kept.exists()
    assert await search.search(bot.services.db, "medical certificate", chat_ids=frozenset({world.kutch}))

    order = argparse.Namespace(settings=settings, seq=recorded.journal_seq, order="Collector order ER/7/2026")
    assert await asyncio.to_thread(command_erase, order) == 0

    assert not kept.exists()
    assert await search.search(bot.services.db, "medical certificate", chat_ids=frozenset({world.kutch})) == []
    [entry] = await journal.entries(bot.services.db, kind="attachment", chat_id=world.kutch)
    assert entry["body"] is None


def recorded_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


async def test_not_a_violation_restores_the_file_itself(client, bot, world):
    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="gr-draft.pdf",
                                        content=f.text_pdf(CONFIDENTIAL_LINES))
    notice = await client.wait_for_bot_message(world.rajesh["id"], contains="Flag #", timeout=READING)
    assert "revision of jantri rates" in notice["text"], "the admins see what was read from the file"
    await client.press_button(world.rajesh["id"], notice["message_id"], world.rajesh["id"],
                              buttons(notice)["Not a violation"])
    restored = await client.wait_for_bot_message(world.kutch, contains="restored after review",
                                                 after_message_id=posted["message_id"], timeout=10)
    assert restored["document"]["file_unique_id"] == posted["document"]["file_unique_id"]
    assert restored["caption"] == "Message from Vikram Jadeja, restored after review:"


async def test_samvad_verify_checks_the_text_read_from_files_and_its_search_index(client, bot, world, settings):
    from tests import database_target
    from tests.database_target import backend_of, target_of, with_target
    from tests.e2e.test_records_exports import _verify

    posted = await client.send_document(world.kutch, world.vikram["id"], file_name="minutes.docx",
                                        content=f.docx_file(["Minutes: relief camps at Bhuj and Mandvi"]))
    recorded = await _recorded(bot, world, posted)
    assert _verify(settings).returncode == 0

    tampering = {
        "text altered": ["UPDATE attachments SET text = 'Minutes: nothing to report'"],
        "index altered": {
            "sqlite": [f"INSERT INTO attachments_search (rowid, text) VALUES ({recorded.attachment_id}, 'bribe')"],
            # PostgreSQL computes the words itself: the column must stop being computed to be written.
            "postgresql": ["ALTER TABLE attachments ALTER COLUMN text_search DROP EXPRESSION",
                           "UPDATE attachments SET text_search = text_search || to_tsvector('simple', 'bribe')"
                           f" WHERE id = {recorded.attachment_id}"],
        }[backend_of(settings)],
        "record deleted": ["DELETE FROM attachments"],
    }
    for name, statements in tampering.items():
        copy = database_target.copy(target_of(settings), name.replace(" ", "-"))
        database_target.tamper(copy, *statements)
        result = _verify(with_target(settings, copy))
        assert result.returncode == 1, name
        assert result.stdout.startswith(f"FAILED at entry {recorded.journal_seq}"), (name, result.stdout)


async def test_a_file_is_flagged_for_what_its_caption_did_not_show(client, bot, world):
    from storage import flags

    f.needs_fonts()
    f.needs_ocr()
    caption = "Mamlatdar Bhuj is a corrupt thief, useless fellow"
    posted = await client.send_photo(world.kutch, world.vikram["id"], content=f.jpeg(f.aadhaar_card()), caption=caption)

    async def two_flags():
        found = await flags.of_message(bot.services.db, world.kutch, posted["message_id"])
        return found if len(found) == 2 else None

    caption_flag, file_flag = await eventually(two_flags, timeout=READING)
    assert caption_flag.labels == ("hostile",) and not caption_flag.deleted
    assert file_flag.labels == ("personal_data",) and file_flag.deleted
    assert posted["message_id"] in await eventually(lambda: client.deleted_message_ids(world.kutch))
    assert await flags.flagged_text(bot.services.db, file_flag) != caption, "the file's flag points at the file's text"
