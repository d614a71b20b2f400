"""Units of work: a transaction's statements run together in one trip to the database's thread.

Each trip to aiosqlite's thread is a hand-off and a wake-up of the event loop behind the one write lock, and
they were most of the bot's cost per message (issue 15); these tests pin how many a unit costs, that a unit is
atomic, and that a lock held by another process is waited out on the database's thread, not on the event loop.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from datetime import UTC, datetime

import pytest

from coordination.recording import ChatSeen, PersonSeen, record_message
from storage import inbox, messages
from storage.backend import open_database
from storage.database import Database
from storage.errors import StorageUnavailable
from storage.messages import IncomingMessage, Recorded

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
KUTCH = ChatSeen(chat_id=-1002000000001, type="supergroup", title="District Kutch", username=None)
VIKRAM = PersonSeen(user_id=700000003, is_bot=False, first_name="Vikram", last_name="Jadeja", username=None,
                    language_code="gu")


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    yield database
    await database.close()


def _message(message_id: int, text: str = "Relief camp at Bhuj school is open.") -> IncomingMessage:
    return IncomingMessage(chat_id=KUTCH.chat_id, message_id=message_id, update_id=100 + message_id,
                           sender_id=VIKRAM.user_id, sent_at=NOW, kind="text", text=text)


async def test_a_group_message_is_recorded_with_its_chat_and_sender_in_one_trip_and_one_transaction(db):
    traffic = await db.count_traffic()
    assert await record_message(db, KUTCH, VIKRAM, _message(1), at=NOW) is Recorded.NEW
    # BEGIN, chat, sender, is-it-there, journal head, journal entry, its body, the message row, COMMIT: 9 of
    # ours, plus what SQLite runs for the trigger and inside FTS5 to index the text (about 9 with SQLite 3.4x).
    # On PostgreSQL is-it-there, the journal's lock, head, entry and body and the message row are one statement
    # (migration 0015; 7 with 0013's journal append alone), and the chat's and sender's facts go in it too
    # (migration 0016): BEGIN, the message, COMMIT: 3.
    assert (traffic.trips, traffic.transactions) == (1, 1)
    if db.dialect == "postgresql":
        assert traffic.statements == 3
    else:
        assert 9 <= traffic.statements <= 20
    stored = await messages.get_message(db, KUTCH.chat_id, 1)
    assert stored.original_text == "Relief camp at Bhuj school is open."
    assert stored.sender_id == VIKRAM.user_id


async def test_the_same_message_again_is_found_in_one_trip_and_not_stored_twice(db):
    await record_message(db, KUTCH, VIKRAM, _message(1), at=NOW)
    traffic = await db.count_traffic()
    assert await record_message(db, KUTCH, VIKRAM, _message(1), at=NOW) is Recorded.REPLAYED
    assert (traffic.trips, traffic.transactions) == (1, 1)
    assert await messages.count_messages(db) == 1


async def test_a_getupdates_batch_of_100_is_stored_in_one_trip_with_one_statement(db):
    pairs = [(update_id, json.dumps({"update_id": update_id})) for update_id in range(1, 101)]
    traffic = await db.count_traffic()
    items = await db.write(lambda unit: inbox.store_in(unit, pairs, at=NOW))
    # One insert of the 100 between BEGIN and COMMIT: the new updates' ids come back from it, no look-up.
    assert (traffic.trips, traffic.transactions, traffic.statements) == (1, 1, 3)
    assert [item.update_id for item in items] == list(range(1, 101))
    assert len({item.inbox_id for item in items}) == 100
    again = await db.write(lambda unit: inbox.store_in(unit, pairs, at=NOW))
    assert [item.inbox_id for item in again] == [item.inbox_id for item in items]


async def test_a_batch_of_any_size_stores_each_update_once(db):
    """A batch's INSERT is spelled for a power of two of rows, the last repeated: its copies are not stored."""
    for first, size in ((1, 1), (10, 3), (20, 5), (40, 37)):
        pairs = [(update_id, json.dumps({"update_id": update_id})) for update_id in range(first, first + size)]
        items = await db.write(lambda unit, pairs=pairs: inbox.store_in(unit, pairs, at=NOW))
        assert [item.update_id for item in items] == list(range(first, first + size))
        assert len({item.inbox_id for item in items}) == size
    twice = [(90, '{"update_id": 90}'), (91, '{"update_id": 91}'), (91, '{"update_id": 91}')]
    items = await db.write(lambda unit: inbox.store_in(unit, twice, at=NOW))
    assert items[1].inbox_id == items[2].inbox_id
    count = await db.fetchone("SELECT count(*) AS n FROM inbox")
    assert count["n"] == 1 + 3 + 5 + 37 + 2
    assert [item.update_id for item in await inbox.unprocessed(db)] == [
        *range(1, 2), *range(10, 13), *range(20, 25), *range(40, 77), 90, 91]


async def test_marks_of_a_batch_of_handled_updates_are_one_trip(db):
    pairs = [(update_id, json.dumps({"update_id": update_id})) for update_id in range(1, 51)]
    items = await db.write(lambda unit: inbox.store_in(unit, pairs, at=NOW))
    outcomes = [inbox.Outcome(item.inbox_id) for item in items[:48]]
    outcomes += [inbox.Outcome(items[48].inbox_id, error="database locked"),
                 inbox.Outcome(items[49].inbox_id, forget_payload=True)]
    traffic = await db.count_traffic()
    await db.write(lambda unit: inbox.mark_in(unit, outcomes, at=NOW))
    assert (traffic.trips, traffic.transactions) == (1, 1)
    waiting = await inbox.unprocessed(db)
    assert [item.update_id for item in waiting] == [49]  # the failed one stays queued for replay
    row = await db.fetchone("SELECT payload FROM inbox WHERE update_id = 50")
    assert row["payload"] == "{}"


async def test_a_unit_that_raises_leaves_nothing_written_and_calls_no_commit_callback(db):
    called = []

    def work(unit):
        unit.after_commit(lambda: called.append("committed"))
        inbox.store_in(unit, [(1, '{"update_id": 1}')], at=NOW)
        raise ValueError("half way")

    with pytest.raises(ValueError, match="half way"):
        await db.write(work)
    assert await inbox.unprocessed(db) == []
    assert called == []
    await db.write(lambda unit: unit.after_commit(lambda: called.append("committed")))
    assert called == ["committed"]


async def test_a_lock_held_by_another_process_is_waited_out_off_the_event_loop(tmp_path):
    path = tmp_path / "samvad.db"
    db = await Database.open(path, busy_timeout_ms=3000)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process (a CLI command) holds the write lock
        writing = asyncio.create_task(db.write(lambda unit: inbox.store_in(unit, [(1, "{}")], at=NOW)))
        ticks = 0
        for _ in range(30):  # 0.3 s of the loop running other work while the write waits
            await asyncio.sleep(0.01)
            ticks += 1
        assert not writing.done()
        other.execute("COMMIT")
        [item] = await writing
        assert ticks == 30
        assert item.update_id == 1
    finally:
        other.close()
        await db.close()


async def test_a_lock_held_past_the_busy_timeout_is_a_storage_unavailable_error(tmp_path):
    path = tmp_path / "samvad.db"
    db = await Database.open(path, busy_timeout_ms=200)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageUnavailable, match="locked by another process"):
            await db.write(lambda unit: inbox.store_in(unit, [(1, "{}")], at=NOW))
        other.execute("ROLLBACK")
        [item] = await db.write(lambda unit: inbox.store_in(unit, [(1, "{}")], at=NOW))
        assert item.update_id == 1
    finally:
        other.close()
        await db.close()


async def test_reads_for_one_decision_are_one_trip_on_one_snapshot(db):
    await record_message(db, KUTCH, VIKRAM, _message(1), at=NOW)
    traffic = await db.count_traffic()
    count, text = await db.read(lambda unit: (
        unit.fetchone("SELECT count(*) FROM messages")[0],
        unit.fetchone("SELECT text FROM messages WHERE message_id = 1")[0],
    ))
    assert (count, text) == (1, "Relief camp at Bhuj school is open.")
    assert (traffic.trips, traffic.transactions) == (1, 0)



async def test_a_unit_of_work_commits_after_forgotten_content_was_scrubbed(db):
    """A /check draft is forgotten and the log checkpointed (scrub); the writes after it still commit."""
    [item] = await db.write(lambda unit: inbox.store_in(unit, [(1, json.dumps({"update_id": 1}))], at=NOW))
    await db.write(lambda unit: inbox.mark_in(unit, [inbox.Outcome(item.inbox_id, forget_payload=True)], at=NOW))
    await db.scrub()
    assert await record_message(db, KUTCH, VIKRAM, _message(1), at=NOW) is Recorded.NEW
    async with db.transaction() as tx:
        await tx.execute("UPDATE inbox SET attempts = 1 WHERE id = ?", (item.inbox_id,))
    assert (await messages.get_message(db, KUTCH.chat_id, 1)).sender_id == VIKRAM.user_id
async def test_units_written_at_once_are_committed_together_and_one_that_raises_is_rolled_back_alone(db):
    called = []

    def store(update_id):
        def work(unit):
            unit.after_commit(lambda: called.append(update_id))
            return inbox.store_in(unit, [(update_id, json.dumps({"update_id": update_id}))], at=NOW)[0].update_id
        return work

    def failing(unit):
        unit.after_commit(lambda: called.append("failing"))
        inbox.store_in(unit, [(99, '{"update_id": 99}')], at=NOW)
        raise ValueError("half way")

    traffic = await db.count_traffic()
    outcomes = await asyncio.gather(db.write(store(1)), db.write(failing), db.write(store(2)), db.write(store(3)),
                                    return_exceptions=True)
    assert outcomes[0] == 1 and outcomes[2:] == [2, 3]
    assert isinstance(outcomes[1], ValueError)
    assert (traffic.trips, traffic.transactions) == (1, 1)  # four units, one trip, one COMMIT
    assert [item.update_id for item in await inbox.unprocessed(db)] == [1, 2, 3]  # 99 rolled back alone
    assert called == [1, 2, 3]


async def test_units_committed_together_that_all_succeed_run_no_savepoints(db):
    """A group commit wraps its units in savepoints only once one of them raised: a SAVEPOINT and a RELEASE were two
    statements a unit, and FTS5 writes the search index's pending rows as a segment at each SAVEPOINT."""
    traffic = await db.count_traffic()
    outcomes = await asyncio.gather(*(db.write(_store(update_id)) for update_id in (1, 2, 3, 4)))
    assert len(outcomes) == 4 and (traffic.trips, traffic.transactions) == (1, 1)
    # BEGIN IMMEDIATE, one INSERT per unit, COMMIT (a savepoint a unit would add 8)
    assert traffic.statements == 1 + 4 + 1


async def test_a_unit_cancelled_before_its_turn_never_runs(db):
    ran = []
    async with db.transaction() as tx:  # holds the writer: the units below wait in the queue
        await tx.run(_store(1))
        first = asyncio.create_task(db.write(lambda unit: ran.append("first")))
        second = asyncio.create_task(db.write(lambda unit: ran.append("second")))
        await asyncio.sleep(0.01)
        second.cancel()
    await first
    with pytest.raises(asyncio.CancelledError):
        await second
    await db.write(lambda unit: ran.append("third"))
    assert ran == ["first", "third"]


async def test_a_transaction_that_writes_nothing_costs_no_trip(db):
    traffic = await db.count_traffic()
    async with db.transaction():
        pass
    assert (traffic.trips, traffic.transactions, traffic.statements) == (0, 0, 0)


def _store(update_id):
    return lambda unit: inbox.store_in(unit, [(update_id, json.dumps({"update_id": update_id}))], at=NOW)


async def test_a_transaction_begins_with_its_first_statement_and_commits_its_deferred_steps_in_one_trip(db):
    traffic = await db.count_traffic()
    async with db.transaction() as tx:
        await tx.run(_store(1))
        tx.defer(_store(2))
    assert (traffic.trips, traffic.transactions) == (2, 1)  # BEGIN with the first step; the deferred one with COMMIT
    assert [item.update_id for item in await inbox.unprocessed(db)] == [1, 2]


async def test_a_deferred_step_that_raises_rolls_the_whole_transaction_back(db):
    def failing(unit):
        _store(2)(unit)
        raise ValueError("half way")

    with pytest.raises(ValueError, match="half way"):
        async with db.transaction() as tx:
            await tx.run(_store(1))
            tx.defer(failing)
    assert await inbox.unprocessed(db) == []


# Unit.execute_soon: a statement whose rows the unit reads no further (on PostgreSQL it goes with the unit's next
# statement or the COMMIT, in one round trip; on SQLite it runs at once). Both backends keep what it promises.

_KEEP = "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, 't') RETURNING key, value"


async def test_a_statement_run_soon_is_committed_with_its_unit_and_its_row_comes_back_before_the_commit(db):
    seen = []

    def work(unit):
        unit.execute_soon(_KEEP, ("soon", "1"), then=lambda row: seen.append(("then", row["key"], row["value"])))
        # the unit's next statement sees the row (on PostgreSQL both went in one round trip, in this order)
        seen.append(("read", unit.fetchone("SELECT value FROM bot_state WHERE key = 'soon'")["value"]))
        unit.execute_soon(_KEEP, ("last", "2"), then=lambda row: seen.append(("then", row["key"], row["value"])))
        unit.after_commit(lambda: seen.append("committed"))
        return "done"

    assert await db.write(work) == "done"
    assert seen == [("then", "soon", "1"), ("read", "1"), ("then", "last", "2"), "committed"]
    rows = await db.fetchall("SELECT key, value FROM bot_state WHERE key IN ('soon', 'last') ORDER BY key")
    assert [(row["key"], row["value"]) for row in rows] == [("last", "2"), ("soon", "1")]


async def test_a_check_of_a_statement_run_soon_that_raises_fails_its_own_unit_and_the_others_commit(db):
    def good(key):
        return lambda unit: unit.execute_soon(_KEEP, (key, "ok"))

    def refused(row):
        raise ValueError(f"the server's answer for {row['key']} does not check out")

    def checked(unit):
        unit.execute_soon(_KEEP, ("checked", "x"), then=refused)

    outcomes = await asyncio.gather(db.write(good("a")), db.write(checked), db.write(good("b")), return_exceptions=True)
    assert outcomes[0] is None and outcomes[2] is None
    assert isinstance(outcomes[1], ValueError) and "checked does not check out" in str(outcomes[1])
    keys = [row["key"] for row in await db.fetchall("SELECT key FROM bot_state WHERE value IN ('ok', 'x') ORDER BY key")]
    assert keys == ["a", "b"]


async def test_a_failing_statement_run_soon_fails_its_own_unit_not_the_one_that_reads_next(db):
    """On PostgreSQL the failing statement's error comes back with the next unit's read (one round trip): the group
    is then run again unit by unit, so the failure is still its own unit's and the reader commits."""
    def failing(unit):
        unit.execute_soon(_KEEP, ("failing", "1"))
        unit.execute_soon("INSERT INTO no_such_table VALUES (1)")

    def reader(unit):
        unit.execute_soon(_KEEP, ("reader", "2"))
        return [row["key"] for row in unit.fetchall("SELECT key FROM bot_state WHERE key IN ('failing', 'reader')")]

    outcomes = await asyncio.gather(db.write(failing), db.write(reader), return_exceptions=True)
    assert isinstance(outcomes[0], Exception) and "no_such_table" in str(outcomes[0])
    assert outcomes[1] == ["reader"]  # the failing unit's first row is not seen: it was rolled back
    keys = [row["key"] for row in await db.fetchall("SELECT key FROM bot_state WHERE key IN ('failing', 'reader')")]
    assert keys == ["reader"]


async def test_a_read_that_runs_a_statement_soon_has_its_answer_before_its_caller_goes_on(db):
    seen = []

    def work(unit):
        unit.execute_soon("SELECT 41 + 1 AS answer", then=lambda row: seen.append(row["answer"]))
        return "read"

    assert await db.read(work) == "read"
    assert seen == [42]


async def test_a_unit_alone_whose_last_statement_run_soon_fails_writes_nothing_and_raises(db):
    """On PostgreSQL the failing statement goes with the COMMIT, in one round trip: the COMMIT is then not run."""
    def work(unit):
        unit.execute_soon(_KEEP, ("alone", "1"))
        unit.execute_soon("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(Exception, match="no_such_table"):
        await db.write(work)
    assert await db.fetchall("SELECT key FROM bot_state WHERE key = 'alone'") == []
    assert await db.write(lambda unit: unit.execute_soon(_KEEP, ("after", "2"))) is None  # the connection goes on
    assert [row["key"] for row in await db.fetchall("SELECT key FROM bot_state WHERE key = 'after'")] == ["after"]
