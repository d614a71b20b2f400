"""Checking the journal's hash chain end to end, and erasing a body by lawful order.

Verification reads the file with plain sqlite3, read-only, in one pass ordered by
sequence: every body against its hash (a missing body only where an erasure entry
names it), every entry hash and its link to the one before, no gaps in the
sequence, every signed checkpoint against the chain and its public key, and then
every working copy people are shown (messages, edits, instructions, acknowledgements,
the search index) against the entry it copies (storage.copies).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from storage import checkpoints, copies, journal
from storage.database import Transaction
from storage.errors import StorageError

ERASURE_KIND = "erasure"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Failure:
    """The first thing that does not verify."""

    seq: int
    reason: str


@dataclass
class VerifyReport:
    """The outcome of checking a whole journal."""

    entries: int = 0
    checkpoints: int = 0
    erased: int = 0
    failure: Failure | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether everything verified."""
        return self.failure is None

    def summary(self) -> str:
        """One line a person reads: OK with counts, or the first failure and why."""
        if self.failure is None:
            erased = f" ({self.erased} bodies erased by lawful order)" if self.erased else ""
            return f"OK: {self.entries} entries, {self.checkpoints} checkpoints verified{erased}"
        where = f"entry {self.failure.seq}" if self.failure.seq else "journal"
        return f"FAILED at {where}: {self.failure.reason}"


class NotErasable(StorageError):
    """An erasure was asked for an entry that does not exist or whose body is already gone."""


def verify(
    path: Path | str,
    *,
    trusted_public_key: str | None = None,
    progress: Progress | None = None,
) -> VerifyReport:
    """Verify the journal in the database file at path, or at a postgresql:// URL (read-only)."""
    if isinstance(path, str) and path.startswith(("postgresql://", "postgres://")):
        return _verify_postgresql(path, trusted_public_key, progress)
    # The copies are compared on a second connection in a thread: that work is mostly inside SQLite,
    # which releases the GIL, so it overlaps the chain pass (mostly Python hashing) on another core.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="samvad-verify-copies") as pool:
        copy_check = pool.submit(_first_copy_mismatch, path)
        connection = _read_only(path)
        connection.isolation_level = None
        try:
            connection.execute("BEGIN")  # one snapshot for the whole pass, while the bot may be writing
            report = _verify(connection, trusted_public_key, progress)
        finally:
            connection.close()
        copy = copy_check.result()
    if report.ok and copy is not None:
        report.failure = Failure(*copy)
    return report


def _verify_postgresql(url: str, trusted_key: str | None, progress: Progress | None) -> VerifyReport:
    """The same pass on a PostgreSQL server, in one read-only snapshot.

    The working copies are compared as on SQLite; the search index is PostgreSQL's generated search words,
    compared with the words of the verified texts.
    """
    from storage.postgres_database import ReadConnection

    connection = ReadConnection(url)
    try:
        connection.execute("BEGIN")
        report = _verify(connection, trusted_key, progress)  # type: ignore[arg-type]
        copy = copies.first_mismatch(connection, dialect="postgresql") if report.ok else None  # type: ignore[arg-type]
        connection.execute("ROLLBACK")
    finally:
        connection.close()
    if copy is not None:
        report.failure = Failure(*copy)
    return report


def _read_only(path: Path | str) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True, check_same_thread=False)


def _first_copy_mismatch(path: Path | str) -> copies.Mismatch | None:
    connection = _read_only(path)
    connection.isolation_level = None  # statements run as written: one read transaction, one snapshot
    try:
        connection.execute("BEGIN")
        try:
            return copies.first_mismatch(connection)
        finally:
            connection.execute("ROLLBACK")
    finally:
        connection.close()


def _verify(connection: sqlite3.Connection, trusted_key: str | None, progress: Progress | None) -> VerifyReport:
    report = VerifyReport()
    total = connection.execute("SELECT count(*) FROM journal").fetchone()[0]
    erased = _erasure_claims(connection)
    by_seq = _checkpoints_by_seq(connection)
    expected_seq, prev_hash = 1, journal.GENESIS_HASH
    rows = connection.execute(
        "SELECT j.seq, j.recorded_at, j.chat_id, j.actor_id, j.kind, j.body_hash, j.prev_hash, j.entry_hash, b.body"
        " FROM journal j LEFT JOIN journal_bodies b ON b.seq = j.seq ORDER BY j.seq"
    )
    for seq, recorded_at, chat_id, actor_id, kind, body_hash, stored_prev, entry_hash, body in rows:
        reason = _check_entry(
            seq, expected_seq, prev_hash, stored_prev, body, body_hash, erased,
            # _check_entry calls this before the loop moves on, so it sees this entry's values.
            lambda: journal.hash_entry(
                prev_hash, seq=seq, recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id,  # noqa: B023
                kind=kind, body_hash=body_hash,  # noqa: B023
            ) == entry_hash,  # noqa: B023
        )
        signed = by_seq.pop(seq, [])
        if reason is None:
            reason = _check_checkpoints(signed, entry_hash, trusted_key)
        if reason is not None:
            report.failure = Failure(seq, reason)
            return report
        report.erased += body is None
        report.checkpoints += len(signed)
        report.entries += 1
        expected_seq, prev_hash = seq + 1, entry_hash
        if progress is not None and seq % 100_000 == 0:
            progress(report.entries, total)
    if by_seq:
        seq = min(by_seq)
        report.failure = Failure(
            seq, f"a checkpoint was signed at entry {seq}, but the chain ends at {expected_seq - 1}: entries were removed"
        )
        return report
    orphan = connection.execute(
        "SELECT min(b.seq) FROM journal_bodies b LEFT JOIN journal j ON j.seq = b.seq WHERE j.seq IS NULL"
    ).fetchone()[0]
    if orphan is not None:
        report.failure = Failure(orphan, "a body is stored for an entry that is not in the chain (the entry was deleted)")
        return report
    if trusted_key is None and report.checkpoints:
        report.warnings.append(
            "signatures were checked against the public keys stored with the checkpoints;"
            " pass the published public key to check them against it"
        )
    if progress is not None:
        progress(report.entries, total)
    return report


def _check_entry(
    seq: int,
    expected_seq: int,
    prev_hash: str,
    stored_prev: str,
    body: str | None,
    body_hash: str,
    erased: dict[int, str],
    entry_hash_matches: Callable[[], bool],
) -> str | None:
    """Why one entry fails, or None."""
    if seq != expected_seq:
        missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}-{seq - 1}"
        return f"sequence jumps from {expected_seq - 1} to {seq}: entry {missing} is missing"
    if stored_prev != prev_hash:
        return "its link to the previous entry is broken (entries deleted, reordered or rewritten)"
    if body is None:
        if erased.get(seq) != body_hash:
            return "its body is missing and no erasure order records it"
    elif journal.hash_body(body) != body_hash:
        return "its body does not match the body hash (the body was altered)"
    if not entry_hash_matches():
        return "its entry hash does not match its contents (time, chat, actor, kind or body hash altered)"
    return None


def _check_checkpoints(signed: list[checkpoints.Checkpoint], entry_hash: str, trusted_key: str | None) -> str | None:
    for checkpoint in signed:
        if checkpoint.entry_hash != entry_hash:
            return f"checkpoint {checkpoint.checkpoint_id} signed a different hash for this entry (the chain was rewritten)"
        if trusted_key is not None and checkpoint.public_key != trusted_key:
            return f"checkpoint {checkpoint.checkpoint_id} is signed with a key other than the published one"
        if not checkpoints.signature_valid(checkpoint):
            return f"checkpoint {checkpoint.checkpoint_id} has a signature that does not verify"
    return None


def _erasure_claims(connection: sqlite3.Connection) -> dict[int, str]:
    """seq -> erased body hash, as claimed by erasure entries (which are verified in turn)."""
    claims: dict[int, str] = {}
    rows = connection.execute(
        "SELECT b.body FROM journal j JOIN journal_bodies b ON b.seq = j.seq WHERE j.kind = ?", (ERASURE_KIND,)
    )
    for (body,) in rows:
        try:
            for item in json.loads(body).get("erased", []):
                claims[int(item["seq"])] = str(item["body_hash"])
        except (ValueError, TypeError, KeyError, AttributeError):
            continue  # a malformed erasure body fails its own hash check
    return claims


def _checkpoints_by_seq(connection: sqlite3.Connection) -> dict[int, list[checkpoints.Checkpoint]]:
    found: dict[int, list[checkpoints.Checkpoint]] = {}
    for checkpoint in checkpoints.read_all(connection):
        found.setdefault(checkpoint.seq, []).append(checkpoint)
    return found


async def erase(tx: Transaction, *, seq: int, order: str, at: datetime, actor_id: int | None = None) -> list[int]:
    """Erase an entry's body (and, for a message, its edits') by lawful order; returns the seqs erased.

    The message text kept beside the journal is blanked too, and an erasure entry naming
    each erased seq, its body hash and the order joins the chain.
    """
    order = order.strip()
    if not order:
        raise NotErasable("an erasure needs the reference of the lawful order")
    entry = await tx.fetchone(
        "SELECT j.seq, j.chat_id, j.kind, j.body_hash, b.body FROM journal j"
        " LEFT JOIN journal_bodies b ON b.seq = j.seq WHERE j.seq = ?",
        (seq,),
    )
    if entry is None:
        raise NotErasable(f"there is no journal entry {seq}")
    if entry["body"] is None:
        raise NotErasable(f"the body of entry {seq} is already erased")
    targets = [(entry["seq"], entry["body_hash"])]
    if entry["kind"] == "message":
        targets += await _edit_entries_of(tx, seq)
    for target_seq, _ in targets:
        await tx.execute("DELETE FROM journal_bodies WHERE seq = ?", (target_seq,))
        await tx.execute("UPDATE messages SET text = NULL WHERE journal_seq = ?", (target_seq,))
        await tx.execute("UPDATE message_edits SET text = NULL WHERE journal_seq = ?", (target_seq,))
        await tx.execute("UPDATE attachments SET text = NULL WHERE journal_seq = ?", (target_seq,))
        await tx.execute("DELETE FROM personal_data_spans WHERE journal_seq = ?", (target_seq,))
    await journal.append(
        tx,
        kind=ERASURE_KIND,
        chat_id=entry["chat_id"],
        actor_id=actor_id,
        at=at,
        body={"order": order, "erased": [{"seq": s, "body_hash": h} for s, h in targets]},
    )
    return [s for s, _ in targets]


async def _edit_entries_of(tx: Transaction, message_seq: int) -> list[tuple[int, str]]:
    rows = await tx.fetchall(
        "SELECT e.journal_seq, j.body_hash FROM messages m JOIN message_edits e ON e.message_row = m.id"
        " JOIN journal j ON j.seq = e.journal_seq JOIN journal_bodies b ON b.seq = e.journal_seq"
        " WHERE m.journal_seq = ? ORDER BY e.journal_seq",
        (message_seq,),
    )
    return [(row[0], row[1]) for row in rows]


async def erasure_orders(db_or_tx, chat_id: int | None = None) -> dict[int, str]:
    """seq -> the order that erased its body (for showing "[erased under order ...]")."""
    sql = "SELECT b.body FROM journal j JOIN journal_bodies b ON b.seq = j.seq WHERE j.kind = ?"
    params: list = [ERASURE_KIND]
    if chat_id is not None:
        sql += " AND j.chat_id = ?"
        params.append(chat_id)
    orders: dict[int, str] = {}
    for row in await db_or_tx.fetchall(sql, params):
        body = json.loads(row[0])
        for item in body.get("erased", []):
            orders[int(item["seq"])] = body.get("order", "")
    return orders
