"""Before each send, delivery reads the highest message id known in the chat (outbox.mark_in_flight). The sent
calls' ids are read through migration 0014's index: without it that read scanned every settled call kept in the
outbox (30 days of them), about 23 ms a send at 200,000. Both planners must match the index's expression to the
queries' (a change to either that breaks the match falls back to a scan and fails here)."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from storage import outbox
from storage.backend import open_database
from storage.dialect import to_postgresql
from storage.schema_shape import normal_expression

QUERIES = [
    pytest.param(outbox.HIGHEST_KNOWN_MESSAGE_ID, (-100, -100), id="highest-known"),
    pytest.param(outbox.KNOWN_MESSAGE_IDS_AFTER, (-100, 5, -100, 5), id="known-after"),
]


@pytest.mark.parametrize(("sql", "params"), QUERIES)
async def test_sqlite_reads_a_chats_sent_ids_through_the_index(tmp_path, sql, params):
    path = tmp_path / "samvad.db"
    await (await open_database(path)).close()  # migrated
    with sqlite3.connect(path) as connection:
        plan = " | ".join(row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "USING INDEX outbox_sent_message" in plan, plan
    assert "SCAN outbox" not in plan, plan


@pytest.mark.parametrize(("sql", "params"), QUERIES)
async def test_postgresql_reads_a_chats_sent_ids_through_the_index(migrated_postgres_url, sql, params):
    async with await psycopg.AsyncConnection.connect(migrated_postgres_url) as connection:
        await connection.execute("SET enable_seqscan = off")  # an empty table: make the planner show what it can use
        cursor = await connection.execute("EXPLAIN " + to_postgresql(sql), params)
        plan = " | ".join(row[0] for row in await cursor.fetchall())
    assert "outbox_sent_message" in plan, plan


@pytest.mark.parametrize(("sqlite_key", "postgresql_key"), [
    # as SQLite keeps the CREATE INDEX text, and as pg_get_indexdef gives migration 0014's key back
    ("CAST(json_extract(result, '$.message_id') AS INTEGER)", "((((result)::jsonb ->> 'message_id'::text))::bigint)"),
    ("chat_id", "chat_id"),
])
def test_the_schema_shape_reads_a_json_field_key_alike_on_both_backends(sqlite_key, postgresql_key):
    assert normal_expression(sqlite_key) == normal_expression(postgresql_key)


@pytest.mark.parametrize(("first", "second"), [
    ("CAST(json_extract(result, '$.message_id') AS INTEGER)", "((((result)::jsonb ->> 'chat_id'::text))::bigint)"),
    ("lower(name)", "name"),
])
def test_the_schema_shape_still_tells_different_keys_apart(first, second):
    assert normal_expression(first) != normal_expression(second)
