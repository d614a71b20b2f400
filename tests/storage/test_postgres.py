"""The PostgreSQL backend's groundwork on a real, throwaway server: migrating, search, the journal's guards."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import stat
from importlib import resources

import psycopg
import pytest

from storage import postgres
from storage.errors import MigrationError, StorageUnavailable
from tests.postgres import find_server_binaries

MIGRATIONS = 23  # storage/migrations/0001..0023 (a new migration on main raises it)


@pytest.fixture
async def migrated(migrated_postgres_url):
    connection = await postgres.connect(migrated_postgres_url)
    assert await postgres.migrate(connection) == MIGRATIONS  # nothing left to apply on the copy
    yield connection
    await connection.close()


async def _all(connection, sql, params=()):
    cursor = await connection.execute(sql, params)
    return await cursor.fetchall()


async def test_migrating_records_each_migration_once(postgres_url):
    connection = await postgres.connect(postgres_url)
    try:
        assert await postgres.schema_version(connection) == 0
        assert await postgres.migrate(connection) == MIGRATIONS
        assert await postgres.migrate(connection) == MIGRATIONS  # nothing left to apply
        rows = await _all(connection, "SELECT version, name FROM schema_migrations ORDER BY version")
    finally:
        await connection.close()
    assert rows[0] == (1, "0001_foundation.sql")
    assert rows[-1] == (23, "0023_settle_call.sql")
    assert [version for version, _ in rows] == list(range(1, MIGRATIONS + 1))


async def test_instances_starting_together_apply_each_migration_once(postgres_url):
    connections = [await postgres.connect(postgres_url) for _ in range(3)]
    try:
        versions = await asyncio.gather(*(postgres.migrate(connection) for connection in connections))
        rows = await _all(connections[0], "SELECT count(*), count(DISTINCT version) FROM schema_migrations")
    finally:
        for connection in connections:
            await connection.close()
    assert versions == [MIGRATIONS] * 3
    assert rows == [(MIGRATIONS, MIGRATIONS)]


async def test_a_database_newer_than_this_samvad_is_refused(migrated):
    await migrated.execute("INSERT INTO schema_migrations (version, name) VALUES (99, '0099_future.sql')")
    with pytest.raises(MigrationError, match="schema version 99, newer than this Samvad knows"):
        await postgres.migrate(migrated, where="the test database")


async def test_search_keeps_gujarati_and_hindi_words_whole_and_matches_prefixes(migrated):
    await migrated.execute("INSERT INTO journal VALUES (1, 't', NULL, NULL, 'message', 'b', 'p', 'e')")
    await migrated.execute(
        "INSERT INTO chats (chat_id, type, first_seen_at, updated_at) VALUES (-100, 'group', 't', 't')"
    )
    texts = ["સાંજે 5 વાગ્યા સુધી રિપોર્ટની નકલ મોકલો", "कल सुबह रिपोर्ट भेजें", "Rainfall in Valsad"]
    for message_id, text in enumerate(texts, start=1):
        await migrated.execute(
            "INSERT INTO messages (chat_id, message_id, sent_at, kind, text, journal_seq)"
            " VALUES (-100, %s, 't', 'text', %s, 1)",
            (message_id, text),
        )

    async def found(query: str) -> list[int]:
        rows = await _all(
            migrated,
            "SELECT message_id FROM messages WHERE text_search @@ to_tsquery('simple', %s) ORDER BY message_id",
            (query,),
        )
        return [message_id for (message_id,) in rows]

    assert await found("રિપોર્ટ:*") == [1]  # "રિપોર્ટની" begins with it
    assert await found("વાગ્યા") == [1]  # whole, not split at its vowel signs
    assert await found("रिपोर्ट") == [2]
    assert await found("rain:*") == [3]  # lowercased
    assert await found("સુધી & મોકલો") == [1]


def _fts5_words(text: str) -> set[str]:
    """The words SQLite's search index keeps of text, with the tokenizer of the SQLite migration."""
    migration = resources.files("storage.migrations").joinpath("0004_records.sql").read_text(encoding="utf-8")
    tokenize = re.search(r'tokenize = "([^"]+)"', migration).group(1)
    connection = sqlite3.connect(":memory:")
    connection.execute(f"CREATE VIRTUAL TABLE words USING fts5 (text, tokenize = \"{tokenize}\")")
    connection.execute("CREATE VIRTUAL TABLE vocabulary USING fts5vocab (words, 'row')")
    connection.execute("INSERT INTO words (text) VALUES (?)", (text,))
    return {term for (term,) in connection.execute("SELECT term FROM vocabulary")}


@pytest.mark.parametrize(
    "text",
    [
        "સાંજે ૫ વાગ્યા સુધી રિપોર્ટની નકલ મોકલો",  # vowel signs, virama, a Gujarati digit
        "ક્ષેત્ર શ્રી દ્વારા",  # conjuncts
        "कल सुबह रिपोर्ट भेजें, ज़िला कलेक्टर",  # a nukta, a comma
        "Rainfall in Valsad: 120mm, rain-fed crops",
        "mail collector.valsad@gujarat.gov.in or call +91 98250 12345",
        "see https://gad.gujarat.gov.in/circulars/ITP-102019 (snake_case)",
    ],
)
async def test_postgresql_search_keeps_the_words_sqlite_search_keeps(migrated, text):
    rows = await _all(migrated, "SELECT unnest(tsvector_to_array(samvad_search_words(%s)))", (text,))
    assert {word for (word,) in rows} == _fts5_words(text)


async def test_latin_accents_are_the_one_known_difference_in_search_words(migrated):
    rows = await _all(migrated, "SELECT unnest(tsvector_to_array(samvad_search_words(%s)))", ("Café",))
    assert [word for (word,) in rows] == ["café"]
    assert _fts5_words("Café") == {"cafe"}  # FTS5's remove_diacritics; PostgreSQL would need unaccent


async def test_the_journal_refuses_update_delete_and_truncate(migrated):
    await migrated.execute("INSERT INTO journal VALUES (1, 't', NULL, NULL, 'message', 'b', 'p', 'e')")
    await migrated.execute("INSERT INTO journal_bodies VALUES (1, 'body')")
    for change in ("UPDATE journal SET kind = 'other'", "DELETE FROM journal", "TRUNCATE journal CASCADE"):
        with pytest.raises(psycopg.errors.RaiseException, match="the journal is append-only"):
            await migrated.execute(change)
    with pytest.raises(psycopg.errors.RaiseException, match="journal bodies are never rewritten"):
        await migrated.execute("UPDATE journal_bodies SET body = 'other'")
    await migrated.execute("DELETE FROM journal_bodies WHERE seq = 1")  # a lawful erasure removes a body
    assert await _all(migrated, "SELECT count(*) FROM journal") == [(1,)]


async def test_an_open_incident_name_is_unique_whatever_its_case(migrated):
    await migrated.execute("INSERT INTO incidents (name, opened_at) VALUES ('Cyclone Biparjoy', 't')")
    with pytest.raises(psycopg.errors.UniqueViolation):
        await migrated.execute("INSERT INTO incidents (name, opened_at) VALUES ('CYCLONE biparjoy', 't')")
    # The SQL storage/incidents.py runs on SQLite reads the same here.
    rows = await _all(migrated, "SELECT name FROM incidents WHERE name = %s COLLATE NOCASE", ("cyclone BIPARJOY",))
    assert rows == [("Cyclone Biparjoy",)]


async def test_an_unreachable_server_is_unavailable_and_the_password_is_never_told(tmp_path):
    url = f"postgresql://samvad:hunter2-secret@/samvad?host={tmp_path}&port=5432"
    with pytest.raises(StorageUnavailable) as raised:
        await postgres.connect(url)
    assert str(tmp_path) in str(raised.value)
    assert "hunter2-secret" not in str(raised.value)
    assert "hunter2-secret" not in postgres.redacted("postgresql://samvad:hunter2-secret@db.example:5433/samvad")
    assert postgres.redacted("postgresql://samvad:hunter2-secret@db.example:5433/samvad") == (
        "postgresql://samvad@db.example:5433/samvad"
    )


async def test_a_pool_hands_out_connections_to_the_migrated_database(postgres_url):
    pool = await postgres.open_pool(postgres_url, min_size=1, max_size=2)
    try:
        async with pool.connection() as connection:
            cursor = await connection.execute("SELECT max(version) FROM schema_migrations")
            assert await cursor.fetchone() == (MIGRATIONS,)
    finally:
        await pool.close()


# -- the harness itself -------------------------------------------------------------------------------


def _fake_binaries(folder, names=("initdb", "pg_ctl", "postgres")):
    folder.mkdir(parents=True)
    for name in names:
        (folder / name).write_text("#!/bin/sh\n")
        (folder / name).chmod(stat.S_IRWXU)


def test_server_binaries_are_found_in_debians_versioned_folders_newest_first(tmp_path):
    _fake_binaries(tmp_path / "lib/9.6/bin")
    _fake_binaries(tmp_path / "lib/15/bin")
    _fake_binaries(tmp_path / "lib/16/bin", names=("pg_ctl",))  # a client-only install: not a server
    found = find_server_binaries(path=str(tmp_path / "empty"), versioned=str(tmp_path / "lib/*/bin"))
    assert found == tmp_path / "lib/15/bin"


def test_no_server_binaries_means_none(tmp_path):
    assert find_server_binaries(path=str(tmp_path), versioned=str(tmp_path / "lib/*/bin")) is None


def test_the_session_server_listens_on_a_socket_only(postgres_server):
    assert (postgres_server.directory / ".s.PGSQL.5432").exists()
    with psycopg.connect(postgres_server.conninfo()) as connection:
        (addresses,) = connection.execute("SHOW listen_addresses").fetchone()
        (encoding,) = connection.execute("SHOW server_encoding").fetchone()
    assert addresses == ""
    assert encoding == "UTF8"
    if os.geteuid() == 0:  # initdb refuses root: the server runs as another account
        assert postgres_server.account is not None and postgres_server.account.pw_uid != 0
