"""The rules for files posted in groups, without a bot: only bound groups' files are queued, a file not read
in full is told to the admin posts, and the text read is checked like a message."""

from __future__ import annotations

from datetime import timedelta

import pytest

from attachments import Extraction, Kind, Reason, Status
from coordination import moderation_attachments, moderation_review
from runtime.purposes import Purpose
from storage import attachments, chats, flags
from storage.attachments import NewAttachment
from storage.backend import open_database
from storage.flags import FlagState
from tests.coordination.fakes import FixedClock
from tests.coordination.moderation_helpers import (
    AADHAAR,
    RAJESH,
    VIKRAM,
    ScriptedFilter,
    bot_may_delete,
    collaborators,
    owed,
)
from tests.storage.records_helpers import KUTCH, T0, seed

SENDER = {"id": VIKRAM, "is_bot": False, "first_name": "Vikram", "last_name": "Jadeja", "language_code": "en"}


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
        await chats.save_chat(tx, chat_id=-100999, type="supergroup", title="Friends", username=None, at=T0)
    yield database
    await database.close()


@pytest.fixture
def content():
    return ScriptedFilter()


@pytest.fixture
def c(db, content, tmp_path):
    return collaborators(db, FixedClock(T0), content, tmp_path)


def _file(chat_id: int = KUTCH, message_id: int = 1) -> NewAttachment:
    return NewAttachment(
        chat_id=chat_id, chat_type="supergroup", message_id=message_id, update_id=6000 + message_id, sender=SENDER,
        sent_at=T0, media="document", file_id=f"file-{message_id}", file_unique_id=f"u-{message_id}",
        file_name="beneficiaries.pdf", mime_type="application/pdf", file_size=2048,
    )


def _read(text: str, *, status: Status = Status.READ, reason: Reason = Reason.NONE) -> Extraction:
    return Extraction(status, reason, Kind.PDF, "ab" * 32, 2048, text=text, pages_read=3, pages_total=40)


async def _queued(c, db, new: NewAttachment):
    assert await moderation_attachments.queue(c, new)
    (item,) = await attachments.pending(db)
    return item


async def test_only_files_in_bound_groups_are_queued_and_each_once(c, db):
    assert not await moderation_attachments.queue(c, _file(chat_id=-100999))
    assert await moderation_attachments.queue(c, _file())
    assert not await moderation_attachments.queue(c, _file())  # the update replayed
    assert [item.chat_id for item in await attachments.pending(db)] == [KUTCH]


async def test_a_file_read_only_in_part_is_told_to_the_admin_posts_once(c, db):
    item = await _queued(c, db, _file())
    extraction = _read("Page 1 of the list", status=Status.PARTLY_READ, reason=Reason.PAGE_LIMIT)
    recorded = await moderation_attachments.record(c, item, extraction, stored_path=None)
    await moderation_attachments.record(c, item, extraction, stored_path=None)  # a restart: recorded before

    assert recorded.state == attachments.RECORDED and recorded.journal_seq is not None
    (told,) = await owed(db)
    assert (told.chat_id, told.purpose) == (RAJESH, Purpose.ATTACHMENTS_UNREAD)
    assert ("A file Vikram Jadeja posted in district Kutch, <b>beneficiaries.pdf</b>, was only partly read: it has more pages"
            " than are read (3 of 40).") in told.text


async def test_personal_data_in_a_file_removes_it_and_a_false_alarm_posts_the_file_again(c, db, content):
    await bot_may_delete(db)
    text = content.says(f"Beneficiary list\nAadhaar {AADHAAR}", ("personal_data", "aadhaar", AADHAAR))
    item = await moderation_attachments.record(c, await _queued(c, db, _file()), _read(text), stored_path=None)
    await moderation_attachments.check(c, item)

    assert (await attachments.get(db, item.attachment_id)).state == attachments.DONE
    delete, warning = await owed(db)
    assert (delete.method, delete.params["message_id"]) == ("deleteMessage", 1)
    assert "your file was removed from the group" in warning.text
    (flag,) = await flags.of_message(db, KUTCH, 1)
    assert (flag.version_seq, flag.update_id) == (item.journal_seq, -item.journal_seq)

    c.clock.advance(timedelta(minutes=5))
    answer = await moderation_review.review(c, flag.flag_id, FlagState.FALSE_ALARM, RAJESH, pressed=None)
    assert answer.text == "Closed as a false alarm; the message is restored in the group."
    again = (await owed(db))[-1]
    assert (again.method, again.chat_id, again.params["document"]) == ("sendDocument", KUTCH, "file-1")
    assert again.text == "Message from Vikram Jadeja, restored after review:"


async def test_a_clean_file_is_checked_and_nothing_is_owed(c, db):
    item = await moderation_attachments.record(c, await _queued(c, db, _file()), _read("Camp schedule"),
                                               stored_path=None)
    await moderation_attachments.check(c, item)
    assert ((await attachments.get(db, item.attachment_id)).state, await owed(db)) == (attachments.DONE, [])


async def test_a_queued_file_is_read_once_kept_by_its_digest_recorded_then_checked(c, db, tmp_path):
    reads = []

    async def read(item):
        reads.append(item.attachment_id)
        return _read("Camp schedule for Bhuj"), b"%PDF-1.7 camp schedule"

    item = await _queued(c, db, _file())
    await moderation_attachments.read_record_and_check(c, item, read)
    done = await attachments.get(db, item.attachment_id)
    await moderation_attachments.read_record_and_check(c, done, read)  # a replay: nothing is read again

    assert reads == [item.attachment_id] and done.state == attachments.DONE
    kept = tmp_path / "samvad.db.attachments" / "ab" / ("ab" * 32)
    assert kept.read_bytes() == b"%PDF-1.7 camp schedule"
    assert oct(kept.stat().st_mode & 0o777) == "0o600"


async def test_a_file_is_not_kept_when_the_settings_say_so(db, content, tmp_path):
    c = collaborators(db, FixedClock(T0), content, tmp_path, keep_attachments=False)

    async def read(item):
        return _read("Camp schedule for Bhuj"), b"%PDF-1.7 camp schedule"

    item = await _queued(c, db, _file())
    await moderation_attachments.read_record_and_check(c, item, read)

    assert (await attachments.get(db, item.attachment_id)).state == attachments.DONE
    assert not (tmp_path / "samvad.db.attachments").exists()
