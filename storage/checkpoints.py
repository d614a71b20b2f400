"""Signed checkpoints: the chain's head hash, signed with the bot's Ed25519 key.

A checkpoint fixes the record up to its entry: rewriting anything before it means
forging a signature. Each checkpoint stores the public key, so verification needs
nothing secret (and can be checked against the published key).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from storage import journal
from storage.database import Database, Transaction
from storage.timefmt import from_db, to_db

MESSAGE_PREFIX = "samvad-checkpoint-v1\n"


class Signer(Protocol):
    """Something that signs with an Ed25519 key (the key itself stays in bot/)."""

    @property
    def public_key_hex(self) -> str:
        """The public half, hex."""
        ...

    def sign(self, message: bytes) -> bytes:
        """An Ed25519 signature of message."""
        ...


@dataclass(frozen=True)
class Checkpoint:
    """One signed head of the chain."""

    checkpoint_id: int
    seq: int
    entry_hash: str
    signed_at: str
    public_key: str
    signature: str

    @property
    def signed_at_time(self) -> datetime:
        """When it was signed."""
        return from_db(self.signed_at)


def checkpoint_message(seq: int, entry_hash: str, signed_at: str) -> bytes:
    """The exact bytes a checkpoint signature covers."""
    return (MESSAGE_PREFIX + journal.canonical_json({"seq": seq, "entry_hash": entry_hash, "signed_at": signed_at})).encode()


def signature_valid(checkpoint: Checkpoint) -> bool:
    """Whether the checkpoint's signature verifies under its public key."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(checkpoint.public_key))
        key.verify(
            bytes.fromhex(checkpoint.signature),
            checkpoint_message(checkpoint.seq, checkpoint.entry_hash, checkpoint.signed_at),
        )
    except (InvalidSignature, ValueError):
        return False
    return True


_COLUMNS = "id, seq, entry_hash, signed_at, public_key, signature"


def _checkpoint(row) -> Checkpoint:
    return Checkpoint(row[0], row[1], row[2], row[3], row[4], row[5])


def read_all(connection: sqlite3.Connection) -> list[Checkpoint]:
    """Every checkpoint, through a plain sqlite3 connection (for verification)."""
    return [_checkpoint(row) for row in connection.execute(f"SELECT {_COLUMNS} FROM checkpoints ORDER BY seq, id")]


async def sign_head(tx: Transaction, signer: Signer, *, at: datetime) -> Checkpoint | None:
    """Sign the chain's current head; None when the last checkpoint already covers it."""
    head = await tx.fetchone("SELECT seq, entry_hash FROM journal ORDER BY seq DESC LIMIT 1")
    if head is None:
        return None
    last = await tx.fetchone("SELECT max(seq) FROM checkpoints")
    assert last is not None  # an aggregate always answers
    if last[0] is not None and last[0] >= head[0]:
        return None
    signed_at = to_db(at)
    signature = signer.sign(checkpoint_message(head[0], head[1], signed_at)).hex()
    checkpoint_id = await tx.execute(
        "INSERT INTO checkpoints (seq, entry_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)",
        (head[0], head[1], signed_at, signer.public_key_hex, signature),
    )
    return Checkpoint(checkpoint_id, head[0], head[1], signed_at, signer.public_key_hex, signature)


async def latest(db: Database | Transaction) -> Checkpoint | None:
    """The most recent checkpoint."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM checkpoints ORDER BY seq DESC, id DESC LIMIT 1")
    return _checkpoint(row) if row else None


async def covering(db: Database, seq: int) -> Checkpoint | None:
    """The earliest checkpoint that fixes the chain up to and including seq."""
    row = await db.fetchone(f"SELECT {_COLUMNS} FROM checkpoints WHERE seq >= ? ORDER BY seq, id LIMIT 1", (seq,))
    return _checkpoint(row) if row else None


async def is_due(db: Database, *, every_entries: int, every: timedelta, now: datetime) -> bool:
    """Whether enough entries, or enough time with any entry, have passed since the last checkpoint."""
    head_seq, _ = await journal.head(db)
    last = await latest(db)
    if last is None:
        first = await db.fetchone("SELECT recorded_at FROM journal ORDER BY seq LIMIT 1")
        if first is None:
            return False
        since, new_entries = from_db(first[0]), head_seq
    else:
        since, new_entries = last.signed_at_time, head_seq - last.seq
    if new_entries <= 0:
        return False
    return new_entries >= every_entries or now - since >= every
