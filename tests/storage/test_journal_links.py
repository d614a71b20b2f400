"""The journal's entry hash over a header spelled by hand, and its head read once a write transaction."""

import asyncio
import hashlib
import json
from datetime import UTC, datetime

import pytest

from storage import chain, journal
from storage.backend import open_database

# (seq, recorded_at, chat_id, actor_id, kind, body_hash): the usual, then what a hand-spelling could get wrong
# (None, escapes, a line separator, non-ASCII, a huge number, values of other types).
HEADERS = [
    (5, "2026-12-03T09:00:00.000000Z", -1001234567890, 7, "message", "ab" * 32),
    (1, "2026-01-01T00:00:00.000000Z", None, None, "bot_status", "0" * 64),
    (2, 'quote " and back\\slash', 0, -1, 'k"\\\n\u2028\x00é', "h"),
    (10**30, "ડિઝાસ્ટર", -5, 0, "સૂચના", ""),
    (True, "a", False, 1.5, "k", None),
    (3, "b", "-100", [1, {"z": 1, "a": 2}], "k", "x"),
]


def _header_as_json_dumps_spells_it(seq, recorded_at, chat_id, actor_id, kind, body_hash):
    header = {"seq": seq, "recorded_at": recorded_at, "chat_id": chat_id, "actor_id": actor_id, "kind": kind,
              "body_hash": body_hash}
    return json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@pytest.mark.parametrize("header", HEADERS)
def test_an_entry_hash_is_sha256_of_the_previous_hash_and_the_canonical_header(header):
    seq, recorded_at, chat_id, actor_id, kind, body_hash = header
    expected = hashlib.sha256(
        f"prev\n{_header_as_json_dumps_spells_it(*header)}".encode()).hexdigest()
    assert journal.hash_entry("prev", seq=seq, recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id,
                              kind=kind, body_hash=body_hash) == expected


@pytest.mark.parametrize("header", HEADERS)
def test_the_header_before_seq_is_the_canonical_header_cut_at_its_number(header):
    seq, recorded_at, chat_id, actor_id, kind, body_hash = header
    full = _header_as_json_dumps_spells_it(*header)
    assert journal.header_before_seq(recorded_at=recorded_at, chat_id=chat_id, actor_id=actor_id, kind=kind,
                                     body_hash=body_hash) + json.dumps(seq) + "}" == full


def test_a_known_header_hashes_to_what_sha256sum_gives():
    # The expected value was computed outside Python, by sha256sum over 64 zeros, a newline and the header
    # {"actor_id":7,"body_hash":"bh","chat_id":-100,"kind":"message","recorded_at":"t","seq":1}
    assert journal.hash_entry(journal.GENESIS_HASH, seq=1, recorded_at="t", chat_id=-100, actor_id=7, kind="message",
                              body_hash="bh") == "c56968477933da9cfd3cdf4fe8ff2675a52b91a83d3ab482a1b7ae042c6d348f"


async def test_entries_appended_in_one_transaction_and_in_units_committed_together_chain_in_order(database_target):
    db = await open_database(database_target)
    try:
        at = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

        def three(unit):
            return [journal.append_in(unit, kind="note", body={"n": n}, at=at, chat_id=1) for n in range(3)]

        first, second = await asyncio.gather(db.write(three), db.write(three))  # one group commit, if they meet
        async with db.transaction() as tx:
            await journal.append(tx, kind="note", body={"n": 9}, at=at)
            await journal.append(tx, kind="note", body={"n": 10}, at=at)
        entries = first + second
        assert [entry.seq for entry in entries] == list(range(1, 7))
        for before, after in zip(entries, entries[1:]):
            assert after.prev_hash == before.entry_hash
        assert (await journal.head(db))[0] == 8
    finally:
        await db.close()
    report = chain.verify(database_target)
    assert report.ok, report.summary()
    assert report.entries == 8


async def test_a_unit_that_appends_and_then_fails_leaves_no_gap_for_the_units_committed_with_it(database_target):
    db = await open_database(database_target)
    try:
        at = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)

        def one(unit):
            return journal.append_in(unit, kind="note", body={"ok": True}, at=at)

        def fails(unit):
            journal.append_in(unit, kind="note", body={"ok": False}, at=at)
            raise ValueError("this unit fails after appending")

        outcomes = await asyncio.gather(db.write(one), db.write(fails), db.write(one), return_exceptions=True)
        assert isinstance(outcomes[1], ValueError)
        assert [outcomes[0].seq, outcomes[2].seq] == [1, 2]
        assert outcomes[2].prev_hash == outcomes[0].entry_hash
        rows = await db.fetchall("SELECT b.body FROM journal j JOIN journal_bodies b ON b.seq = j.seq ORDER BY j.seq")
        assert [row[0] for row in rows] == ['{"ok":true}', '{"ok":true}']
    finally:
        await db.close()
    assert chain.verify(database_target).ok
