"""Documents and photos posted in bound groups: queued when they arrive, then read, recorded and checked.

The update handler only queues the file (a row, so a restart forgets none) and returns, so the
group's next messages are not held up while a scan is read. The reader (runtime.attachment_reader)
calls `read_attachment` for each queued file: download through getFile (within the Bot API's
20 MB limit), extract the text in a worker process (attachments.ExtractionPool), journal it,
and check it with the same filter and policy as a message (circular §2, §8). A file that could
not be read in full is recorded with the reason, and the group's admin posts are told.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import MessageHandler, filters

from attachments import Extraction, ExtractionPool, Reason, Status, too_large
from coordination import moderation_attachments
from handlers import update_filters
from handlers.collaborators import collaborators
from handlers.feature import Feature, Stage
from runtime.context import SamvadContext
from storage.attachments import Attachment, NewAttachment
from storage.timefmt import from_unix

log = logging.getLogger(__name__)

DOWNLOAD_LIMIT = 20 * 1024 * 1024  # the Bot API's getFile limit
ATTACHED = update_filters.group_file(
    filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & (filters.Document.ALL | filters.PHOTO))


def feature() -> Feature:
    """The attachments feature: queue files for reading."""
    return Feature(name="attachments", handlers=[(Stage.ATTACHMENT, MessageHandler(ATTACHED, queue_attachment))])


async def queue_attachment(update: Update, context: SamvadContext) -> None:
    """A document or photo in a bound group: queue it for the reader."""
    message = update.effective_message
    reader = context.services.attachment_reader
    if message.from_user is None or message.from_user.is_bot or reader is None:
        return
    if await moderation_attachments.queue(collaborators(context), new_attachment(message, update.update_id)):
        reader.wake()


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


async def read_attachment(item: Attachment, context: SamvadContext, pool: ExtractionPool) -> None:
    """Download and read one queued file when the rules ask for it; they keep, record and check it
    (coordination.moderation_attachments.read_record_and_check)."""

    async def download_and_read(queued: Attachment) -> tuple[Extraction, bytes | None]:
        return await _download_and_read(queued, context, pool)

    await moderation_attachments.read_record_and_check(collaborators(context), item, download_and_read)


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

