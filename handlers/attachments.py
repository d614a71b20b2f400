"""Documents and photos posted in bound groups: queued when they arrive, then read, recorded and checked.

The update handler only queues the file (a row, so a restart forgets none) and returns, so the
group's next messages are not held up while a scan is read. The reader (runtime.attachment_reader)
calls `read_attachment` for each queued file: download through getFile (within the Bot API's
20 MB limit), extract the text in a worker process (attachments.ExtractionPool), journal it,
and check it with the same filter and policy as a message (circular §2, §8). A file that could
not be read in full is recorded with the reason, and the group's admin posts are told.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import replace
from html import escape
from pathlib import Path

from telegram import Chat, Message, Update, User
from telegram.error import BadRequest
from telegram.ext import MessageHandler, filters

from attachments import Extraction, ExtractionPool, Reason, Status, too_large
from runtime.context import SamvadContext
from handlers.feature import Feature, Stage
from handlers.moderation import check_attachment_text
from storage import attachments, roster
from storage.attachments import Attachment, NewAttachment, ReadResult
from storage.private_files import make_owner_only_dir
from storage.timefmt import from_unix
from runtime.purposes import Purpose
from coordination import people

log = logging.getLogger(__name__)

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API's getFile limit
ATTACHED = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & (filters.Document.ALL | filters.PHOTO)

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


def feature() -> Feature:
    """The attachments feature: queue files for reading."""
    return Feature(name="attachments", handlers=[(Stage.ATTACHMENT, MessageHandler(ATTACHED, queue_attachment))])


async def queue_attachment(update: Update, context: SamvadContext) -> None:
    """A document or photo in a bound group: queue it for the reader."""
    message = update.effective_message
    services = context.services
    if message.from_user is None or message.from_user.is_bot or services.attachment_reader is None:
        return
    if await roster.binding_of(services.db, message.chat.id) is None:
        return  # only the circular's groups are moderated (a binding gives them admin posts)
    async with services.db.transaction() as tx:
        queued = await attachments.request_read(tx, new_attachment(message, update.update_id), at=services.clock.now())
    if queued is not None:
        services.attachment_reader.wake()


def new_attachment(message: Message, update_id: int) -> NewAttachment:
    """What is queued of a message's document, or of its photo's largest size."""
    if message.document is not None:
        file, name, mime, media = message.document, message.document.file_name, message.document.mime_type, "document"
    else:
        file, name, mime, media = message.photo[-1], None, "image/jpeg", "photo"
    return NewAttachment(
        chat_id=message.chat.id, chat_type=message.chat.type, message_id=message.message_id, update_id=update_id,
        sender=message.from_user.to_dict(), sent_at=message.date or from_unix(0), media=media, file_id=file.file_id,
        file_unique_id=file.file_unique_id, file_name=name, mime_type=mime, file_size=file.file_size,
    )


def _message(item: Attachment, context: SamvadContext) -> Message:
    """The message as moderation needs it (chat, sender, id, date), rebuilt from the queued row."""
    sender = User.de_json(item.sender, context.bot)
    return Message(message_id=item.message_id, date=item.sent_at, chat=Chat(item.chat_id, item.chat_type),
                   from_user=sender)


async def read_attachment(item: Attachment, context: SamvadContext, pool: ExtractionPool) -> None:
    """Download, read, record and check one queued file (raises only for passing failures, to retry).

    Recorded first, then checked: a restart between the two finds it recorded and only checks it.
    """
    services = context.services
    if item.state == attachments.PENDING:
        item = await _read_and_record(item, context, pool)
    # The warning is for the member: in their Telegram language when it is one of ours, else the file's.
    language = (item.sender.get("language_code") or "").split("-")[0]
    verdict = await check_attachment_text(context, _message(item, context), item.text or "",
                                          attachment_seq=item.journal_seq, language=language or None)
    spans = [(e.start, e.end, e.reason_code) for e in (verdict.evidence if verdict else ()) if e.label == "personal_data"]
    async with services.db.transaction() as tx:
        if spans:
            await attachments.keep_personal_data_spans(tx, item.journal_seq, spans)
        await attachments.mark_checked(tx, item.attachment_id)


async def _read_and_record(item: Attachment, context: SamvadContext, pool: ExtractionPool) -> Attachment:
    services = context.services
    extraction, data = await _download_and_read(item, context, pool)
    stored = None
    if data is not None and services.settings.keep_attachments:
        stored = await asyncio.to_thread(_keep, services.settings.attachments_folder, extraction.sha256, data)
    result = ReadResult(
        status=extraction.status.value, reason=extraction.reason.value, kind=extraction.kind.value,
        sha256=extraction.sha256, size=extraction.size or (item.file_size or 0), pages_read=extraction.pages_read,
        pages_total=extraction.pages_total, text=extraction.text, stored_path=stored,
    )
    async with services.db.transaction() as tx:
        seq = await attachments.record_read(tx, item, result, at=services.clock.now())
        if seq is not None and extraction.needs_admins:
            await _tell_admins(tx, context, item, extraction)
    return await attachments.get(services.db, item.attachment_id)


async def _download_and_read(
    item: Attachment, context: SamvadContext, pool: ExtractionPool
) -> tuple[Extraction, bytes | None]:
    name, mime = item.file_name or f"{item.media}.jpg", item.mime_type or ""
    if item.file_size is not None and item.file_size > DOWNLOAD_LIMIT:
        return too_large(item.file_size, name, mime), None
    try:
        file = await context.bot.get_file(item.file_id)
        data = bytes(await file.download_as_bytearray())
    except BadRequest:  # a file over 20 MB whose size the message did not give, or one Telegram no longer has
        return refused(item.file_size or 0, name, mime), None
    return await pool.read(data, name, mime), data


def refused(size: int, name: str, mime: str) -> Extraction:
    """The record of a file Telegram would not hand over."""
    return replace(too_large(size, name, mime), status=Status.UNREAD, reason=Reason.DOWNLOAD_REFUSED)


def _keep(folder: Path, sha256: str, data: bytes) -> str:
    """Keep the file in the record directory by its SHA-256 (one copy of a file posted twice)."""
    target = folder / sha256[:2] / sha256
    if not target.exists():
        make_owner_only_dir(folder)
        make_owner_only_dir(target.parent)
        partial = target.with_suffix(".part")
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(data)
        partial.replace(target)
    return str(target)


async def _tell_admins(tx, context: SamvadContext, item: Attachment, extraction: Extraction) -> None:
    services = context.services
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
        await services.outbox.send_message(
            tx, admin, text, purpose=Purpose.ATTACHMENTS_UNREAD,
            dedupe_key=f"attachments:unread:{item.attachment_id}:{admin}",
        )
