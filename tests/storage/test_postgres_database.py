"""What only the PostgreSQL backend has to show: several instances on one chain, a lost connection, the switch."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import psycopg
import pytest

from storage import chain, journal
from storage.backend import describe, is_postgresql, open_database
from storage.errors import StorageUnavailable
from storage.postgres_database import PostgresDatabase, _Session

T0 = datetime(2025, 1, 20, 4, 0, tzinfo=UTC)


async def test_instances_appending_at_once_keep_one_chain(migrated_postgres_url):
    """Three instances append 20 entries each, interleaved: one chain of 60 entries, verified."""
    instances = [await open_database(migrated_postgres_url) for _ in range(3)]
    try:
        async def append(db, instance: int) -> None:
            for number in range(20):
                await db.write(lambda unit, number=number: journal.append_in(
                    unit, kind="test.entry", body={"instance": instance, "n": number}, at=T0 + timedelta(seconds=number)
                ))

        await asyncio.gather(*(append(db, instance) for instance, db in enumerate(instances)))
        head, _ = await journal.head(instances[0])
    finally:
        for db in instances:
            await db.close()
    assert head == 60
    report = chain.verify(migrated_postgres_url)
    assert report.ok, report.summary()
    assert report.entries == 60


async def test_a_lost_connection_is_unavailable_once_then_connected_again(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        await db.write(lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('a', '1', 't')"))
        with psycopg.connect(migrated_postgres_url, autocommit=True) as admin:  # as a server restart would
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                          " WHERE datname = current_database() AND pid <> pg_backend_pid()")
        with pytest.raises(StorageUnavailable):
            await db.write(lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('b', '2', 't')"))
        with pytest.raises(StorageUnavailable):
            await db.fetchall("SELECT key FROM bot_state")
        await db.write(lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('b', '2', 't')"))
        rows = await db.fetchall("SELECT key FROM bot_state ORDER BY key")
    finally:
        await db.close()
    assert [row["key"] for row in rows] == ["a", "b"]


async def test_rows_read_by_index_and_by_name_and_inserts_hand_back_their_key(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        first = await db.write(lambda unit: unit.execute(
            "INSERT INTO tasks (kind, payload, due_at) VALUES (?, ?, ?)", ("reminder", "{}", "2025-01-20T04:00:00.000000Z")
        ))
        second = await db.write(lambda unit: unit.execute(
            "INSERT INTO tasks (kind, payload, due_at) VALUES (?, ?, ?)", ("reminder", "{}", "2025-01-20T05:00:00.000000Z")
        ))
        row = await db.fetchone("SELECT id, kind, due_at FROM tasks WHERE id = ?", (second,))
        ignored = await db.write(lambda unit: unit.execute(
            "INSERT OR IGNORE INTO inbox (update_id, payload_hash, payload, received_at) VALUES (1, 'h', '{}', 't')"
        ))
        again = await db.write(lambda unit: unit.execute(
            "INSERT OR IGNORE INTO inbox (update_id, payload_hash, payload, received_at) VALUES (1, 'h', '{}', 't')"
        ))
    finally:
        await db.close()
    assert (first, second) == (1, 2)
    assert row[0] == row["id"] == 2
    assert row["kind"] == "reminder" and row.keys() == ["id", "kind", "due_at"]
    assert (ignored, again) == (1, 0)  # SQLite's lastrowid is 0 when the insert was ignored, too


async def test_a_unit_that_raises_is_rolled_back_alone_in_a_group_commit(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        def good(key):
            return lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES (?, '1', 't')", (key,))

        def bad(unit):
            unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('bad', '1', 't')")
            unit.execute("INSERT INTO no_such_table VALUES (1)")

        outcomes = await asyncio.gather(db.write(good("a")), db.write(bad), db.write(good("b")), return_exceptions=True)
        keys = [row[0] for row in await db.fetchall("SELECT key FROM bot_state ORDER BY key")]
    finally:
        await db.close()
    assert isinstance(outcomes[1], psycopg.errors.UndefinedTable)
    assert keys == ["a", "b"]


async def _transactions_of_a_group(db) -> list[int]:
    """The server's transaction id of each of four units committed as one group: plain, contended, plain, contended."""
    def txid(unit):
        return unit.fetchone("SELECT txid_current()")[0]

    return list(await asyncio.gather(db.write(txid), db.write(txid, contended=True), db.write(txid),
                                     db.write(txid, contended=True)))


async def test_with_other_instances_live_a_contended_unit_commits_in_a_transaction_of_its_own(migrated_postgres_url):
    """The units locking what every instance writes (the journal's chain, shared rate limits, claims) hold their
    locks to their own COMMIT, not through the statements of the rest of the group."""
    db = await open_database(migrated_postgres_url)
    try:
        db.others_live = True
        plain, contended, plain_too, contended_too = await _transactions_of_a_group(db)
    finally:
        await db.close()
    assert plain == plain_too
    assert len({plain, contended, contended_too}) == 3


async def test_alone_on_the_database_a_group_is_one_transaction(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        db.others_live = False
        ids = await _transactions_of_a_group(db)
    finally:
        await db.close()
    assert len(set(ids)) == 1


async def test_a_contended_unit_that_fails_leaves_the_group_committed(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        db.others_live = True

        def good(key):
            return lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES (?, '1', 't')", (key,))

        def bad(unit):
            unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('bad', '1', 't')")
            unit.execute("INSERT INTO no_such_table VALUES (1)")

        outcomes = await asyncio.gather(db.write(good("a")), db.write(bad, contended=True),
                                        db.write(good("b"), contended=True), db.write(good("c")),
                                        return_exceptions=True)
        keys = [row[0] for row in await db.fetchall("SELECT key FROM bot_state ORDER BY key")]
    finally:
        await db.close()
    assert isinstance(outcomes[1], psycopg.errors.UndefinedTable)
    assert not any(isinstance(outcome, Exception) for outcome in (outcomes[0], *outcomes[2:]))
    assert keys == ["a", "b", "c"]


async def test_reads_asked_together_share_a_trip_and_one_that_fails_fails_alone(migrated_postgres_url):
    db = await open_database(migrated_postgres_url)
    try:
        await db.write(lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('k', 'v', 't')"))
        traffic = await db.count_traffic()

        def value(unit):
            return unit.fetchone("SELECT value FROM bot_state WHERE key = 'k'")["value"]

        def bad(unit):
            return unit.fetchone("SELECT nothing FROM no_such_table")

        # Asked together, the four go in one trip; after the failing one, the reads go on in a new snapshot.
        outcomes = await asyncio.gather(db.read(value), db.read(bad), db.read(value), db.read(value),
                                        return_exceptions=True)
    finally:
        await db.close()
    assert outcomes[0] == outcomes[2] == outcomes[3] == "v"
    assert isinstance(outcomes[1], psycopg.errors.UndefinedTable)
    assert traffic.trips == 1


async def test_a_statement_is_prepared_at_its_second_use_and_the_prepared_are_kept_few(migrated_postgres_url,
                                                                                      monkeypatch):
    monkeypatch.setattr(_Session, "PREPARED_MAX", 3)
    db = await open_database(migrated_postgres_url)
    prepared = "SELECT statement FROM pg_prepared_statements WHERE name LIKE 'samvad%' ORDER BY statement"
    try:
        def read(number):
            return lambda unit: unit.fetchone(f"SELECT {number} AS n, ? AS v", ("x",))

        once = await db.read(read(1))
        after_once = [row[0] for row in await db.read(lambda unit: unit.fetchall(prepared))]
        twice = await db.read(read(1))
        after_twice = [row[0] for row in await db.read(lambda unit: unit.fetchall(prepared))]
        for number in range(2, 8):  # six more statements, each used twice: more than PREPARED_MAX
            assert tuple(await db.read(read(number))) == tuple(await db.read(read(number))) == (number, "x")
        at_last = [row[0] for row in await db.read(lambda unit: unit.fetchall(prepared))]
    finally:
        await db.close()
    assert tuple(once) == tuple(twice) == (1, "x") and once["v"] == "x"
    assert after_once == []
    assert "SELECT 1 AS n, $1 AS v" in after_twice
    assert 0 < len(at_last) <= 3


async def test_in_a_group_a_failing_statement_not_read_fails_its_own_unit_not_the_one_that_reads_next(
    migrated_postgres_url
):
    """A group of units is sent in pipeline mode: a failing UPDATE whose result is not read surfaces only
    when a later unit reads. The failure is still its own unit's; the reader and the others commit."""
    db = await open_database(migrated_postgres_url)
    try:
        await db.write(lambda unit: unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('n', '1', 't')"))

        def failing(unit):
            unit.execute("UPDATE bot_state SET value = 'x' WHERE key = 'n'")
            unit.execute("UPDATE bot_state SET updated_at = CAST(? AS INTEGER) WHERE key = 'n'", ("not a number",))

        def reader(unit):
            unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('r', '2', 't')")
            return [row["value"] for row in unit.fetchall("SELECT value FROM bot_state ORDER BY key")]

        def raising(unit):
            unit.execute("INSERT INTO bot_state (key, value, updated_at) VALUES ('p', '3', 't')")
            raise ValueError("a rule of the domain said no")

        outcomes = await asyncio.gather(db.write(failing), db.write(reader), db.write(raising), return_exceptions=True)
        rows = [(row[0], row[1]) for row in await db.fetchall("SELECT key, value FROM bot_state ORDER BY key")]
    finally:
        await db.close()
    assert isinstance(outcomes[0], psycopg.errors.InvalidTextRepresentation)
    assert outcomes[1] == ["1", "2"]  # the failing unit's first UPDATE is not seen: it was rolled back
    assert isinstance(outcomes[2], ValueError)
    assert rows == [("n", "1"), ("r", "2")]


async def test_rows_inserted_together_are_each_stored_and_conflicting_ones_skipped(migrated_postgres_url):
    """executemany sends an INSERT's rows in one statement on PostgreSQL: every row lands, NULLs too, 250 rows
    (more than one statement's share) as well as 2; INSERT OR IGNORE still skips a row already there."""
    db = await open_database(migrated_postgres_url)
    try:
        await db.write(lambda unit: unit.executemany(
            "INSERT INTO chats (chat_id, type, title, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(-1000 - number, "group", None if number % 2 else f"G{number}", "t", "t") for number in range(250)],
        ))
        await db.write(lambda unit: unit.executemany(
            "INSERT OR IGNORE INTO chats (chat_id, type, title, first_seen_at, updated_at) VALUES (?, ?, ?, 't', 't')",
            [(-1000, "supergroup", "again"), (7, "private", "Asha")],
        ))
        rows = [tuple(row) for row in await db.fetchall("SELECT chat_id, type, title FROM chats ORDER BY chat_id DESC")]
    finally:
        await db.close()
    assert len(rows) == 251
    assert rows[0] == (7, "private", "Asha")
    assert rows[1] == (-1000, "group", "G0") and rows[2] == (-1001, "group", None)
    assert rows[250] == (-1249, "group", None)


def test_the_switch_names_the_backend_and_never_shows_the_password():
    url = "postgresql://samvad:hunter2-secret@db.example:5432/samvad"
    assert is_postgresql(url) and not is_postgresql("samvad.db")
    assert describe(url) == "postgresql://samvad@db.example:5432/samvad"


async def test_an_unreachable_server_is_unavailable_without_the_password(tmp_path):
    with pytest.raises(StorageUnavailable) as raised:
        await PostgresDatabase.open(f"postgresql://samvad:hunter2-secret@/samvad?host={tmp_path}&port=5432")
    assert "hunter2-secret" not in str(raised.value)


def test_the_setting_takes_only_a_postgresql_url_and_never_shows_it(tmp_path):
    from runtime.settings import SettingsError, load_settings

    with pytest.raises(SettingsError) as refused:
        load_settings(_env_file=None, database_url="mysql://samvad:hunter2-secret@db/samvad")
    assert "SAMVAD_DATABASE_URL: must be a postgresql:// URL" in str(refused.value)
    assert "hunter2-secret" not in str(refused.value)
    chosen = load_settings(_env_file=None, database_url="postgresql://samvad:hunter2-secret@db/samvad")
    assert chosen.database == "postgresql://samvad:hunter2-secret@db/samvad"
    assert "hunter2-secret" not in repr(chosen)
    assert load_settings(_env_file=None, db_path=tmp_path / "s.db").database == tmp_path / "s.db"  # unset: SQLite


async def test_a_transaction_begins_with_its_first_statement_and_a_statement_run_soon_goes_with_the_next(
    migrated_postgres_url
):
    """Round trips to the server: BEGIN goes with the unit's first statement, a statement run soon with the next one
    or the COMMIT; a transaction that runs nothing sends nothing; reads asked together begin their snapshot with
    their first read."""
    keep = "INSERT INTO bot_state (key, value, updated_at) VALUES (?, ?, 't')"
    db = await open_database(migrated_postgres_url)
    try:
        for key in ("warm", "warm2"):  # the statements prepared on the server at their second use, beforehand
            await db.write(lambda unit, key=key: (unit.execute_soon(keep, (key, "w")),
                                                  unit.fetchone("SELECT count(*) FROM bot_state")))
            await db.write(lambda unit, key=key: unit.execute_soon(keep, (key + "-alone", "w")))
        traffic = await db.count_traffic()
        counted = await db.write(lambda unit: (unit.execute_soon(keep, ("a", "1")),
                                               unit.fetchone("SELECT count(*) FROM bot_state")[0])[1])
        after_read = traffic.round_trips  # BEGIN + INSERT + SELECT, then COMMIT: 2
        await db.write(lambda unit: unit.execute_soon(keep, ("b", "2")))
        after_soon_alone = traffic.round_trips - after_read  # BEGIN + INSERT + COMMIT: 1
        await db.write(lambda unit: None)
        after_nothing = traffic.round_trips - after_read - after_soon_alone  # nothing to send: 0
        values = await asyncio.gather(*(db.read(lambda unit, key=key: unit.fetchone(
            "SELECT value FROM bot_state WHERE key = ?", (key,))[0]) for key in ("a", "b")))
        after_reads = traffic.round_trips - after_read - after_soon_alone
    finally:
        await db.close()
    assert counted == 5 and values == ["1", "2"]
    assert (after_read, after_soon_alone, after_nothing) == (2, 1, 0)
    # BEGIN ... READ ONLY with the first read, the second read, ROLLBACK (the first use of the read: + its prepare)
    assert after_reads in (3, 4)
