import asyncio
import sqlite3
from datetime import UTC, datetime

import pytest

from storage import chats, inbox, journal, messages, outbox, tasks
from storage.backend import open_database
from storage.database import Database, available_migrations
from storage.errors import StorageUnavailable
from storage.sql import where_equal

NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    yield database
    await database.close()


async def test_open_applies_every_migration_and_turns_on_wal_and_foreign_keys(tmp_path):
    database = await Database.open(tmp_path / "s.db")
    try:
        assert await database.schema_version() == len(available_migrations())
    finally:
        await database.close()
    plain = sqlite3.connect(tmp_path / "s.db")
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plain.close()


async def test_reopening_does_not_migrate_again(tmp_path):
    first = await Database.open(tmp_path / "s.db")
    async with first.transaction() as tx:
        await chats.save_chat(tx, chat_id=-1001, type="supergroup", title="State", username=None, at=NOW)
    await first.close()
    second = await Database.open(tmp_path / "s.db")
    try:
        assert (await chats.get_chat(second, -1001)).title == "State"
    finally:
        await second.close()


async def test_a_failed_transaction_leaves_nothing_behind(db):
    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await chats.save_chat(tx, chat_id=-1001, type="supergroup", title="State", username=None, at=NOW)
            raise RuntimeError("boom")
    assert await chats.get_chat(db, -1001) is None


async def _message(db, message_id, text="Meeting at 5 pm", update_id=1):
    async with db.transaction() as tx:
        await chats.save_chat(tx, chat_id=-1001, type="supergroup", title="State", username=None, at=NOW)
        await chats.save_user(
            tx, user_id=7, is_bot=False, first_name="Asha", last_name=None, username=None, language_code="en", at=NOW
        )
        return await messages.record_message(
            tx,
            messages.IncomingMessage(
                chat_id=-1001, message_id=message_id, update_id=update_id, sender_id=7, sent_at=NOW, kind="text", text=text
            ),
            at=NOW,
        )


async def test_a_message_delivered_twice_is_stored_once(db):
    assert await _message(db, 10, update_id=1) is messages.Recorded.NEW
    assert await _message(db, 10, update_id=2) is messages.Recorded.DUPLICATE
    assert await _message(db, 10, update_id=1) is messages.Recorded.REPLAYED
    assert await messages.count_messages(db) == 1
    assert (await messages.get_message(db, -1001, 10)).update_id == 1


async def test_an_edit_is_a_new_version_and_the_original_is_kept(db):
    await _message(db, 10, text="Meeting at 5 pm")
    edit = messages.IncomingEdit(
        chat_id=-1001, message_id=10, update_id=3, editor_id=7, sent_at=NOW,
        edited_at=datetime(2026, 11, 28, 10, 5, tzinfo=UTC), text="Meeting at 6 pm",
    )
    async with db.transaction() as tx:
        assert await messages.record_edit(tx, edit, at=NOW) is messages.Recorded.NEW
        assert await messages.record_edit(tx, edit, at=NOW) is messages.Recorded.REPLAYED
    stored = await messages.get_message(db, -1001, 10)
    assert stored.original_text == "Meeting at 5 pm"
    assert stored.current_text == "Meeting at 6 pm"
    assert [version.number for version in stored.versions] == [0, 1]


async def test_every_message_and_edit_is_chained_in_the_journal(db):
    await _message(db, 10)
    await _message(db, 11)
    entries = await journal.entries(db)
    assert [entry["kind"] for entry in entries] == ["message", "message"]
    rows = await db.fetchall("SELECT seq, prev_hash, entry_hash FROM journal ORDER BY seq")
    assert rows[0]["prev_hash"] == journal.GENESIS_HASH
    assert rows[1]["prev_hash"] == rows[0]["entry_hash"]


async def test_the_journal_refuses_updates_and_deletes(db):
    await _message(db, 10)
    refused = sqlite3.IntegrityError
    if db.dialect == "postgresql":
        import psycopg

        refused = psycopg.errors.RaiseException
    with pytest.raises(refused, match="append-only"):
        async with db.transaction() as tx:
            await tx.execute("UPDATE journal SET kind = 'x'")
    with pytest.raises(refused, match="append-only"):
        async with db.transaction() as tx:
            await tx.execute("DELETE FROM journal")


async def test_inbox_maps_a_redelivered_update_to_the_same_item(db):
    async with db.transaction() as tx:
        first = await inbox.store(tx, [(5, '{"update_id": 5}')], at=NOW)
        again = await inbox.store(tx, [(5, '{"update_id": 5}')], at=NOW)
        await inbox.mark_processed(tx, first[0].inbox_id, at=NOW)
    assert first[0].inbox_id == again[0].inbox_id
    assert await inbox.unprocessed(db) == []


async def test_outbox_dedupe_key_owes_a_call_once(db):
    async with db.transaction() as tx:
        a = await outbox.enqueue(tx, method="sendMessage", params={"chat_id": 1, "text": "hi"}, purpose="reply", at=NOW, dedupe_key="u1:0")
        b = await outbox.enqueue(tx, method="sendMessage", params={"chat_id": 1, "text": "hi"}, purpose="reply", at=NOW, dedupe_key="u1:0")
    assert a == b
    assert await outbox.chats_with_due_calls(db, now=NOW) == [0]
    assert (await outbox.first_owed(db, 0)).outbox_id == a


async def test_tasks_come_due_in_time_order(db):
    later = datetime(2026, 11, 28, 11, 0, tzinfo=UTC)
    async with db.transaction() as tx:
        await tasks.schedule(tx, kind="reminder", payload={"n": 2}, due_at=later)
        await tasks.schedule(tx, kind="reminder", payload={"n": 1}, due_at=NOW)
    assert [task.payload["n"] for task in await tasks.due(db, now=NOW)] == [1]
    assert [task.payload["n"] for task in await tasks.due(db, now=later)] == [1, 2]


async def test_a_locked_database_is_reported_as_unavailable_with_its_path(tmp_path):
    path = tmp_path / "locked.db"
    database = await Database.open(path, busy_timeout_ms=50)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable) as caught:
            async with database.transaction() as tx:
                await chats.save_chat(tx, chat_id=1, type="private", title=None, username=None, at=NOW)
        assert caught.value.path == path
        assert "locked" in caught.value.reason
    finally:
        other.execute("ROLLBACK")
        other.close()
        await database.close()


async def test_two_processes_opening_a_new_file_at_once_both_succeed(tmp_path):
    import asyncio

    path = tmp_path / "race.db"
    first, second = await asyncio.gather(Database.open(path), Database.open(path))
    try:
        assert await first.schema_version() == await second.schema_version() == len(available_migrations())
    finally:
        await first.close()
        await second.close()


async def test_a_file_from_a_newer_samvad_is_refused_with_a_clear_error(tmp_path):
    from storage.errors import MigrationError

    path = tmp_path / "future.db"
    plain = sqlite3.connect(path)
    plain.execute("PRAGMA user_version = 999")
    plain.close()
    with pytest.raises(MigrationError, match="newer than this Samvad knows"):
        await Database.open(path)


async def test_urgent_calls_to_a_chat_go_before_earlier_ordinary_ones(db):
    async with db.transaction() as tx:
        prompt = await outbox.enqueue(tx, method="sendMessage", params={"chat_id": -5, "text": "a"}, purpose="prompt",
                                      at=NOW, chat_id=-5)
        delete = await outbox.enqueue(tx, method="deleteMessage", params={"chat_id": -5, "message_id": 9},
                                      purpose="delete", at=NOW, chat_id=-5, priority=outbox.URGENT)
        warning = await outbox.enqueue(tx, method="sendMessage", params={"chat_id": -5, "text": "w"}, purpose="warning",
                                       at=NOW, chat_id=-5, priority=outbox.WARNING)
    assert (await outbox.first_owed(db, -5)).outbox_id == delete
    async with db.transaction() as tx:
        await outbox.mark_sent(tx, delete, result=True, at=NOW)
    assert (await outbox.first_owed(db, -5)).outbox_id == warning
    async with db.transaction() as tx:
        await outbox.mark_sent(tx, warning, result=True, at=NOW)
    assert (await outbox.first_owed(db, -5)).outbox_id == prompt
    assert await outbox.chats_with_due_calls(db, now=NOW) == [-5]


def test_where_equal_takes_only_the_columns_given_a_value():
    assert where_equal({"state": "held", "user_id": None, "chat_id": -100}) == ("state = ? AND chat_id = ?", ["held", -100])
    assert where_equal({"kind": None}) == ("TRUE", [])  # PostgreSQL wants a boolean; SQLite reads TRUE as 1


async def test_a_unit_written_apart_is_committed_and_seen_by_the_writer(db):
    """write_apart (the poller's store of a batch): committed before it returns, so a unit the writer runs next
    sees its rows; a unit that raises leaves nothing behind."""
    stored = await db.write_apart(lambda unit: inbox.store_in(unit, [(41, '{"update_id": 41}')], at=NOW))
    seen = await db.write(lambda unit: unit.fetchone("SELECT update_id, payload FROM inbox WHERE id = ?",
                                                     (stored[0].inbox_id,)))
    assert tuple(seen) == (41, '{"update_id": 41}')

    def fails(unit):
        inbox.store_in(unit, [(42, '{"update_id": 42}')], at=NOW)
        raise RuntimeError("the batch could not be read")

    with pytest.raises(RuntimeError, match="could not be read"):
        await db.write_apart(fails)
    assert [row[0] for row in await db.fetchall("SELECT update_id FROM inbox ORDER BY id")] == [41]


async def test_a_unit_written_apart_does_not_wait_for_the_writers_transaction(database_target):
    """On a server the poller's store has a connection of its own: it is committed while the writer's connection
    is inside a transaction (a trip of other units), instead of after it."""
    db = await open_database(database_target)
    try:
        if db.dialect != "postgresql":
            pytest.skip("SQLite has one writer: write_apart is write there")
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('held', 'open', ?)", ("x",))
            stored = await asyncio.wait_for(
                db.write_apart(lambda unit: inbox.store_in(unit, [(43, '{"update_id": 43}')], at=NOW)), timeout=10)
            assert [row[0] for row in await db.fetchall("SELECT update_id FROM inbox")] == [43]
        assert stored[0].update_id == 43
        assert await db.fetchone("SELECT value FROM bot_state WHERE key = 'held'") is not None
    finally:
        await db.close()
