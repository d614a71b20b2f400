"""The append-only, hash-chained journal: the official record of everything seen and done.

An entry's hash is SHA-256 over the previous entry's hash and the entry's canonical
header (sequence, time, chat, actor, kind and the SHA-256 of its body). Bodies are
stored apart, in journal_bodies, so erasing a body by a lawful order leaves every
hash checkable. Nothing here updates or deletes an entry; triggers refuse it too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage import dialect
from storage.database import Database, Transaction, Unit
from storage.errors import StorageError
from storage.sql import in_powers_of_two, values_rows, where_equal
from storage.timefmt import to_db

GENESIS_HASH = "0" * 64
CHAIN_LOCK = "journal head"


@dataclass(frozen=True)
class JournalEntry:
    """One link of the chain, as stored."""

    seq: int
    recorded_at: str
    chat_id: int | None
    actor_id: int | None
    kind: str
    body_hash: str
    prev_hash: str
    entry_hash: str


# Built once: json.dumps with any option set builds an encoder (and its C scanner) at every call, a few
# microseconds each of the writer thread's GIL time, twice a journal entry.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_JSON_STRING = json.JSONEncoder(ensure_ascii=False).encode  # one string, spelled as canonical_json spells it


def canonical_json(value: Any) -> str:
    """The one JSON spelling of a value that hashes are taken over."""
    return _CANONICAL.encode(value)


def hash_body(body_json: str) -> str:
    """SHA-256 of a canonical body."""
    return hashlib.sha256(body_json.encode("utf-8")).hexdigest()


def hash_entry(
    prev_hash: str,
    *,
    seq: int,
    recorded_at: str,
    chat_id: int | None,
    actor_id: int | None,
    kind: str,
    body_hash: str,
) -> str:
    """SHA-256 chaining an entry's header to the entry before it."""
    header = header_before_seq(recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id, kind=kind,
                               body_hash=body_hash) + f"{_spelled(seq)}}}"
    return hashlib.sha256(f"{prev_hash}\n{header}".encode()).hexdigest()


async def append(
    tx: Transaction,
    *,
    kind: str,
    body: dict[str, Any],
    at: datetime,
    chat_id: int | None = None,
    actor_id: int | None = None,
) -> JournalEntry:
    """Add one entry at the head of the chain, inside the caller's transaction (one trip)."""
    return await tx.run(
        lambda unit: append_in(unit, kind=kind, body=body, at=at, chat_id=chat_id, actor_id=actor_id)
    )


def append_in(
    unit: Unit,
    *,
    kind: str,
    body: dict[str, Any],
    at: datetime,
    chat_id: int | None = None,
    actor_id: int | None = None,
) -> JournalEntry:
    """Add one entry at the head of the chain, as part of a unit of work."""
    recorded_at = to_db(at)
    body_json = canonical_json(body)
    body_hash = hash_body(body_json)
    if unit.dialect == dialect.POSTGRESQL:
        return _append_on_server(unit, recorded_at, chat_id, actor_id, kind, body_hash, body_json)
    unit.lock(CHAIN_LOCK)  # instances sharing a server append one at a time: one chain, no fork
    seq, prev_hash = _next_link(unit)
    entry_hash = hash_entry(
        prev_hash,
        seq=seq,
        recorded_at=recorded_at,
        chat_id=chat_id,
        actor_id=actor_id,
        kind=kind,
        body_hash=body_hash,
    )
    unit.execute(
        "INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash),
    )
    unit.execute("INSERT INTO journal_bodies (seq, body) VALUES (?, ?)", (seq, body_json))
    unit.held[CHAIN_LOCK] = (seq, entry_hash)
    return JournalEntry(seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)


def append_many_in(unit: Unit, entries: list[tuple[str, int | None, int | None, str]], *, at: datetime) -> list[int]:
    """SQLite: add entries (kind, chat_id, actor_id, canonical body JSON) at the head of the chain, in order, all
    recorded at one time, as part of a unit of work; returns their sequence numbers. The same links as append_in
    makes one at a time, in a multi-row statement per table for the lot (storage.sql.in_powers_of_two), not two
    statements an entry: each statement is a step of SQLite's that lets go of the GIL and must take it back,
    and the writer thread waits for it behind the event loop every time."""
    assert unit.dialect != dialect.POSTGRESQL, "PostgreSQL appends on the server (samvad_record_group_messages)"
    if not entries:
        return []
    recorded_at = to_db(at)
    unit.lock(CHAIN_LOCK)
    seq, prev_hash = _next_link(unit)
    links, bodies = [], []
    for kind, chat_id, actor_id, body_json in entries:
        body_hash = hash_body(body_json)
        entry_hash = hash_entry(prev_hash, seq=seq, recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id,
                                kind=kind, body_hash=body_hash)
        links.append((seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash))
        bodies.append((seq, body_json))
        seq, prev_hash = seq + 1, entry_hash
    for run in in_powers_of_two(links):
        unit.execute("INSERT INTO journal (seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)"
                     " VALUES " + values_rows(8, len(run)), [value for link in run for value in link])
    for run in in_powers_of_two(bodies):
        unit.execute("INSERT INTO journal_bodies (seq, body) VALUES " + values_rows(2, len(run)),
                     [value for body in run for value in body])
    unit.held[CHAIN_LOCK] = (seq - 1, prev_hash)
    return [link[0] for link in links]


def _next_link(unit: Unit) -> tuple[int, str]:
    """The next entry's sequence number and the hash it chains to. The head is read once a write transaction:
    while it holds SQLite's write lock no other connection appends, and this transaction's entries are appended
    here, which keeps the head in unit.held (a statement an entry saved; in a burst a transaction holds dozens)."""
    held = unit.held.get(CHAIN_LOCK)
    if held is not None:
        return held[0] + 1, held[1]
    head = unit.fetchone("SELECT seq, entry_hash FROM journal ORDER BY seq DESC LIMIT 1")
    return (head[0] + 1, head[1]) if head else (1, GENESIS_HASH)


def _append_on_server(unit: Unit, recorded_at: str, chat_id: int | None, actor_id: int | None, kind: str,
                      body_hash: str, body_json: str) -> JournalEntry:
    """PostgreSQL: the chain's lock, its head and both rows in one statement (migration 0013's function),
    instead of four; the hash the server computed is checked here against hash_entry, the one definition."""
    link = ServerLink(recorded_at, chat_id, actor_id, kind, body_hash, body_json)
    row = unit.fetchone(
        "SELECT new_seq, new_prev_hash, new_entry_hash FROM samvad_journal_append(?, ?, ?, ?, ?, ?, ?, ?)",
        link.arguments(),
    )
    assert row is not None  # the function returns its one row
    return link.check(int(row[0]), row[1], row[2])


@dataclass(frozen=True)
class ServerLink:
    """An entry for PostgreSQL to append at the head of the chain: samvad_journal_append's arguments (migration
    0013), which a server function that writes more than the entry passes on, and the check of what it appended."""

    recorded_at: str
    chat_id: int | None
    actor_id: int | None
    kind: str
    body_hash: str
    body_json: str

    @classmethod
    def of(cls, *, kind: str, body: dict[str, Any], at: datetime, chat_id: int | None = None,
           actor_id: int | None = None) -> ServerLink:
        """The entry append_in would add."""
        body_json = canonical_json(body)
        return cls(to_db(at), chat_id, actor_id, kind, hash_body(body_json), body_json)

    def arguments(self) -> tuple[Any, ...]:
        """The lock's key, the entry's columns, its header up to the sequence number and its body."""
        return (dialect.lock_key(CHAIN_LOCK), self.recorded_at, self.chat_id, self.actor_id, self.kind, self.body_hash,
                header_before_seq(recorded_at=self.recorded_at, chat_id=self.chat_id, actor_id=self.actor_id,
                                  kind=self.kind, body_hash=self.body_hash),
                self.body_json)

    def check(self, seq: int, prev_hash: str, entry_hash: str) -> JournalEntry:
        """The entry the server appended, its hash checked (chained_on_server)."""
        return chained_on_server(seq, prev_hash, entry_hash, recorded_at=self.recorded_at, chat_id=self.chat_id,
                                 actor_id=self.actor_id, kind=self.kind, body_hash=self.body_hash)


def header_before_seq(*, recorded_at: str, chat_id: int | None, actor_id: int | None, kind: str,
                      body_hash: str) -> str:
    """The canonical header up to its sequence number, for the server to finish (migrations 0013 and 0015):
    "seq" sorts after every other key, so the header is this, the number and "}".

    Spelled here key by key, in canonical_json's order and spelling (a test holds the two equal over awkward
    values): canonical_json of the header's dict was a third of the writer thread's cost of an entry."""
    return (f'{{"actor_id":{_spelled(actor_id)},"body_hash":{_spelled(body_hash)},'
            f'"chat_id":{_spelled(chat_id)},"kind":{_spelled(kind)},'
            f'"recorded_at":{_spelled(recorded_at)},"seq":')


def _spelled(value: object) -> str:
    """A header's value as canonical_json spells it: the usual ones (a string, an integer, None) directly."""
    kind = type(value)
    if kind is str:
        return _JSON_STRING(value)
    if kind is int:
        return str(value)
    if value is None:
        return "null"
    return _CANONICAL.encode(value)


def chained_on_server(seq: int, prev_hash: str, entry_hash: str, *, recorded_at: str, chat_id: int | None,
                      actor_id: int | None, kind: str, body_hash: str) -> JournalEntry:
    """The entry the server appended, its hash checked against hash_entry (raises StorageError if it differs,
    so the unit raises and nothing of it is committed)."""
    expected = hash_entry(prev_hash, seq=seq, recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id,
                          kind=kind, body_hash=body_hash)
    if entry_hash != expected:
        raise StorageError(f"the server chained journal entry {seq} with hash {entry_hash}, not {expected}")
    return JournalEntry(seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash)


async def head(db: Database) -> tuple[int, str]:
    """The last sequence number and its hash ((0, genesis) for an empty journal)."""
    row = await db.fetchone("SELECT seq, entry_hash FROM journal ORDER BY seq DESC LIMIT 1")
    return (row[0], row[1]) if row else (0, GENESIS_HASH)


async def entries(db: Database, *, kind: str | None = None, chat_id: int | None = None) -> list[dict[str, Any]]:
    """Entries with their bodies (None where erased), oldest first, optionally filtered."""
    where, params = where_equal({"j.kind": kind, "j.chat_id": chat_id})
    rows = await db.fetchall(
        "SELECT j.seq, j.recorded_at, j.chat_id, j.actor_id, j.kind, b.body"
        f" FROM journal j LEFT JOIN journal_bodies b ON b.seq = j.seq WHERE {where} ORDER BY j.seq",
        params,
    )
    return [
        {
            "seq": row["seq"],
            "recorded_at": row["recorded_at"],
            "chat_id": row["chat_id"],
            "actor_id": row["actor_id"],
            "kind": row["kind"],
            "body": json.loads(row["body"]) if row["body"] is not None else None,
        }
        for row in rows
    ]
