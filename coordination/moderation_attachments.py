"""Files posted in bound groups: queued, recorded with what was read, and checked like a message (§2, §8).

The handler downloads a queued file and has it read (attachments.ExtractionPool); here the rules:
only bound groups' files are queued; a queued file is read once, kept (when the settings say so) and
recorded before it is checked; what was read is journalled, and a file not read in full is
told to the group's admin posts; the text is checked with the group's policy as the message itself
would be (coordination.moderation), and the personal data found is kept as spans for exports.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from html import escape

from attachments import Extraction, Status
from coordination import people
from coordination.collaborators import Collaborators
from coordination.filtering import GroupMessage
from coordination.moderation import check_attachment_text
from runtime.purposes import Purpose
from storage import attachments, roster
from storage.attachments import Attachment, NewAttachment, ReadResult
from storage.database import Transaction

REASON_TEXTS = {
    "size_limit": "it is larger than the bot may download or unpack (Telegram's 20 MB for bots)",
    "page_limit": "it has more pages than are read ({pages_read} of {pages_total})",
    "time_limit": "reading it took longer than allowed",
    "pixel_limit": "the picture is too large (pixels) to read safely",
    "encrypted": "it is protected by a password",
    "corrupt": "the file is damaged or not what its name says",
    "not_a_docx": "it is named as a Word document but is not one",
    "ocr_unavailable": "text recognition (OCR) is not installed on the bot's machine",
    "ocr_failed": "text recognition (OCR) failed on it",
    "download_refused": "Telegram would not hand it to the bot (over 20 MB, or no longer available)",
}


async def queue(c: Collaborators, new: NewAttachment) -> bool:
    """Queue a file for reading; False when its group is not bound (only the circular's groups are moderated)
    or it was queued before (a replay)."""
    if await roster.binding_of(c.db, new.chat_id) is None:
        return False
    async with c.db.transaction() as tx:
        queued = await attachments.request_read(tx, new, at=c.clock.now())
    return queued is not None


FileReader = Callable[[Attachment], Awaitable[tuple[Extraction, bytes | None]]]  # the file's reading, and its bytes


async def read_record_and_check(c: Collaborators, item: Attachment, read: FileReader) -> None:
    """Read, keep, record and check one queued file (raises only for passing failures, to retry).

    Recorded first, then checked: a restart between the two finds it recorded and only checks it.
    """
    if item.state == attachments.PENDING:
        extraction, data = await read(item)
        stored = None
        if data is not None and c.settings.keep_attachments:
            stored = await asyncio.to_thread(attachments.keep_file, c.settings.attachments_folder, extraction.sha256,
                                             data)
        item = await record(c, item, extraction, stored_path=stored)
    await check(c, item)


async def record(c: Collaborators, item: Attachment, extraction: Extraction, *, stored_path: str | None) -> Attachment:
    """Journal what was read of a file; the admin posts are told of a file not read in full (once)."""
    result = ReadResult(
        status=extraction.status.value, reason=extraction.reason.value, kind=extraction.kind.value,
        sha256=extraction.sha256, size=extraction.size or (item.file_size or 0), pages_read=extraction.pages_read,
        pages_total=extraction.pages_total, text=extraction.text, stored_path=stored_path,
    )
    async with c.db.transaction() as tx:
        seq = await attachments.record_read(tx, item, result, at=c.clock.now())
        if seq is not None and extraction.needs_admins:
            await _tell_admins(tx, c, item, extraction)
    recorded = await attachments.get(c.db, item.attachment_id)
    assert recorded is not None  # a queued attachment is never removed
    return recorded


def sender_message(item: Attachment) -> GroupMessage:
    """The message that carried the file, as moderation reads it (chat, sender, id, date)."""
    sender = item.sender
    name = " ".join(part for part in (sender.get("first_name"), sender.get("last_name")) if part)
    return GroupMessage(
        chat_id=item.chat_id, message_id=item.message_id, sender_id=int(sender["id"]), sender_name=name,
        date=item.sent_at, text="", speaker_id=int(sender["id"]),
    )


async def check(c: Collaborators, item: Attachment) -> None:
    """Check a recorded file's text like a message; keep its personal-data spans; mark it checked."""
    # The warning is for the member: in their Telegram language when it is one of ours, else the file's.
    language = (item.sender.get("language_code") or "").split("-")[0]
    seq = item.journal_seq
    assert seq is not None  # recorded before it is checked
    verdict = await check_attachment_text(c, sender_message(item), item.text or "", attachment_seq=seq,
                                          language=language or None)
    spans = [(e.start, e.end, e.reason_code) for e in (verdict.evidence if verdict else ()) if e.label == "personal_data"]
    async with c.db.transaction() as tx:
        if spans:
            await attachments.keep_personal_data_spans(tx, seq, spans)
        await attachments.mark_checked(tx, item.attachment_id)


async def _tell_admins(tx: Transaction, c: Collaborators, item: Attachment, extraction: Extraction) -> None:
    binding = await roster.binding_of(tx, item.chat_id)
    if binding is None:
        return
    who = escape(" ".join(p for p in (item.sender.get("first_name"), item.sender.get("last_name")) if p))
    what = escape(item.file_name or "a photo")
    why = REASON_TEXTS.get(extraction.reason.value, extraction.reason.value).format(
        pages_read=extraction.pages_read, pages_total=extraction.pages_total)
    part = "was only partly read" if extraction.status is Status.PARTLY_READ else "could not be read"
    if extraction.status is Status.TOO_LARGE:
        part = "is too large to download and read"
    text = (f"📎 A file {who} posted in {escape(binding.label)}, <b>{what}</b>, {part}: {escape(why)}."
            " It has not been checked for confidential matters or personal data (§2, §8); please look at it."
            " Its name, size and what was read are in the record.")
    for admin in await people.admin_accounts(tx, binding):
        await c.outbox.send_message(
            tx, admin, text, purpose=Purpose.ATTACHMENTS_UNREAD,
            dedupe_key=f"attachments:unread:{item.attachment_id}:{admin}",
        )
