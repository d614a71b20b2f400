"""Attachments: documents and photos posted in bound groups, waiting to be read and then recorded.

A row is written when the message arrives (state pending), so a restart forgets no file; the
reader in the bot takes pending rows, and `record_read` journals what was read: the file's name,
type, size and SHA-256, how much was read and why not all, and the extracted text (an
'attachment' entry, its body apart from the chain like a message's, so erasure works alike).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from storage import journal
from storage.database import Transaction
from storage.private_files import OWNER_ONLY, make_owner_only_dir
from storage.roster import Reader
from storage.sql import placeholders
from storage.timefmt import from_db, to_db

KIND = "attachment"
PENDING = "pending"
RECORDED = "recorded"  # journalled; the filter's check (and its flag) still to come
DONE = "done"
FAILED = "failed"


@dataclass(frozen=True)
class NewAttachment:
    """What is known of an attachment when its message arrives."""

    chat_id: int
    chat_type: str
    message_id: int
    update_id: int
    sender: dict[str, Any]  # Telegram's User, as a dict
    sent_at: datetime
    media: str  # document or photo
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int | None


@dataclass(frozen=True)
class Attachment(NewAttachment):
    """A stored attachment."""

    attachment_id: int = 0
    state: str = PENDING
    attempts: int = 0
    status: str | None = None
    reason: str | None = None
    journal_seq: int | None = None
    text: str | None = None


@dataclass(frozen=True)
class ReadResult:
    """What reading found, to be recorded."""

    status: str
    reason: str
    kind: str
    sha256: str
    size: int
    pages_read: int
    pages_total: int
    text: str
    stored_path: str | None


def _attachment(row: Any) -> Attachment:
    return Attachment(
        chat_id=row["chat_id"], chat_type=row["chat_type"], message_id=row["message_id"], update_id=row["update_id"],
        sender=json.loads(row["sender"]), sent_at=from_db(row["sent_at"]), media=row["media"],
        file_id=row["file_id"], file_unique_id=row["file_unique_id"], file_name=row["file_name"],
        mime_type=row["mime_type"], file_size=row["file_size"], attachment_id=row["id"], state=row["state"],
        attempts=row["attempts"], status=row["status"], reason=row["reason"], journal_seq=row["journal_seq"],
        text=row["text"],
    )


async def request_read(tx: Transaction, new: NewAttachment, *, at: datetime) -> int | None:
    """Queue an attachment for reading; None if this message's attachment is already queued (a replay)."""
    changed = await tx.execute_counting(
        "INSERT OR IGNORE INTO attachments (chat_id, chat_type, message_id, update_id, sender, sent_at, media, file_id,"
        " file_unique_id, file_name, mime_type, file_size, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (new.chat_id, new.chat_type, new.message_id, new.update_id, json.dumps(new.sender, sort_keys=True),
         to_db(new.sent_at), new.media, new.file_id, new.file_unique_id, new.file_name, new.mime_type, new.file_size,
         to_db(at)),
    )
    if not changed:
        return None
    row = await tx.fetchone("SELECT id FROM attachments WHERE chat_id = ? AND message_id = ?",
                            (new.chat_id, new.message_id))
    assert row is not None  # inserted just above
    return row[0]


async def pending(db: Reader, *, limit: int = 20) -> list[Attachment]:
    """Attachments waiting to be read, oldest first."""
    rows = await db.fetchall(
        "SELECT * FROM attachments WHERE state IN ('pending', 'recorded') ORDER BY id LIMIT ?", (limit,)
    )
    return [_attachment(row) for row in rows]


async def get(db: Reader, attachment_id: int) -> Attachment | None:
    """One attachment by id."""
    row = await db.fetchone("SELECT * FROM attachments WHERE id = ?", (attachment_id,))
    return _attachment(row) if row else None


async def of_message(db: Reader, chat_id: int, message_id: int) -> Attachment | None:
    """The attachment of a message, if it was queued."""
    row = await db.fetchone("SELECT * FROM attachments WHERE chat_id = ? AND message_id = ?", (chat_id, message_id))
    return _attachment(row) if row else None


async def note_failure(tx: Transaction, attachment_id: int, *, error: str, give_up: bool) -> None:
    """Reading failed for a passing reason (the Bot API, the network); try again later, or give up."""
    await tx.execute(
        "UPDATE attachments SET attempts = attempts + 1, last_error = ?,"
        " state = CASE WHEN ? THEN 'failed' ELSE state END WHERE id = ?",
        (error[:500], give_up, attachment_id),
    )


async def record_read(tx: Transaction, attachment: Attachment, result: ReadResult, *, at: datetime) -> int | None:
    """Journal what was read (the attachment is then recorded, to be checked); returns the entry's seq.

    None if it was recorded before (a restart): then only the check is left to do.
    """
    row = await tx.fetchone("SELECT state FROM attachments WHERE id = ?", (attachment.attachment_id,))
    if row is None or row[0] != PENDING:
        return None
    entry = await journal.append(
        tx, kind=KIND, chat_id=attachment.chat_id, actor_id=attachment.sender.get("id"), at=at,
        body={"message_id": attachment.message_id, "media": attachment.media, "file_name": attachment.file_name,
              "mime_type": attachment.mime_type, "size": result.size, "sha256": result.sha256,
              "file_unique_id": attachment.file_unique_id, "status": result.status, "reason": result.reason,
              "kind": result.kind, "pages_read": result.pages_read, "pages_total": result.pages_total,
              "kept": result.stored_path is not None, "text": result.text},
    )
    await tx.execute(
        "UPDATE attachments SET state = 'recorded', status = ?, reason = ?, kind = ?, sha256 = ?,"
        " pages_read = ?, pages_total = ?, text = ?, stored_path = ?, journal_seq = ?, read_at = ? WHERE id = ?",
        (result.status, result.reason, result.kind, result.sha256 or None, result.pages_read, result.pages_total,
         result.text or None, result.stored_path, entry.seq, to_db(at), attachment.attachment_id),
    )
    return entry.seq


async def mark_checked(tx: Transaction, attachment_id: int) -> None:
    """The filter has checked the recorded text (and any flag is raised): nothing more to do."""
    await tx.execute("UPDATE attachments SET state = 'done' WHERE id = ? AND state = 'recorded'", (attachment_id,))


async def by_seq(db: Reader, seq: int | None) -> Attachment | None:
    """The attachment an 'attachment' journal entry records."""
    if seq is None:
        return None
    row = await db.fetchone("SELECT * FROM attachments WHERE journal_seq = ?", (seq,))
    return _attachment(row) if row else None


async def keep_personal_data_spans(tx: Transaction, seq: int, spans: list[tuple[int, int, str]]) -> None:
    """The filter's personal-data spans in an attachment's text, so exports mask exactly them."""
    await tx.executemany(
        "INSERT OR IGNORE INTO personal_data_spans (journal_seq, start, \"end\", reason_code) VALUES (?, ?, ?, ?)",
        [(seq, start, end, code) for start, end, code in spans],
    )


async def forget_kept(tx: Transaction, seqs: list[int]) -> list[str]:
    """After an erasure: the kept files of these entries, no longer recorded; returns those no other entry keeps."""
    if not seqs:
        return []
    marks = placeholders(len(seqs))
    rows = await tx.fetchall(
        f"SELECT DISTINCT stored_path FROM attachments WHERE journal_seq IN ({marks}) AND stored_path IS NOT NULL", seqs
    )
    await tx.execute(f"UPDATE attachments SET stored_path = NULL WHERE journal_seq IN ({marks})", seqs)
    orphans = []
    for (path,) in rows:
        if await tx.fetchone("SELECT 1 FROM attachments WHERE stored_path = ? LIMIT 1", (path,)) is None:
            orphans.append(path)
    return orphans


def keep_file(folder: Path, sha256: str, data: bytes) -> str:
    """Keep the file in the record directory by its SHA-256 (one copy of a file posted twice)."""
    target = folder / sha256[:2] / sha256
    if not target.exists():
        make_owner_only_dir(folder)
        make_owner_only_dir(target.parent)
        partial = target.with_suffix(".part")
        with open(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY), "wb") as out:
            out.write(data)
        partial.replace(target)
    return str(target)
