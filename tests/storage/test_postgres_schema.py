"""Both migration sets build the same schema: SQLite in a temporary file, PostgreSQL on the throwaway server."""

from __future__ import annotations

from importlib import resources

import pytest

from storage import postgres
from storage.database import Database, available_migrations
from storage.schema_shape import Shape, differences, postgresql_shape, sqlite_shape

# Read off storage/migrations/*.sql by hand: the FTS5 tables and the table.column each covers.
SEARCH_INDEXES = {
    "messages_search": "messages.text",
    "edits_search": "message_edits.text",
    "attachments_search": "attachments.text",
}
# The `id INTEGER PRIMARY KEY` columns whose rows the code inserts without an id (SQLite assigns it):
# on PostgreSQL they must be identity columns. journal.seq, chats.chat_id and users.user_id are given.
IDENTITY_COLUMNS = {
    "messages", "message_edits", "inbox", "outbox", "tasks", "post_accounts", "number_claims", "checkpoints",
    "incidents", "instructions", "acknowledgements", "flags", "escalations", "attachments",
}  # fmt: skip


async def _sqlite(tmp_path) -> Shape:
    db = await Database.open(tmp_path / "shape.db")
    try:
        return await sqlite_shape(db)
    finally:
        await db.close()


async def _postgresql(url: str, *changes: str) -> Shape:
    connection = await postgres.connect(url)
    try:
        await postgres.migrate(connection)
        for change in changes:
            await connection.execute(change)
        return await postgresql_shape(connection)
    finally:
        await connection.close()


def test_every_sqlite_migration_has_a_postgresql_twin_of_the_same_name():
    sqlite_names = [name for _, name, _ in available_migrations()]
    postgresql_names = [name for _, name, _ in postgres.available_migrations()]
    assert postgresql_names == sqlite_names
    assert len(sqlite_names) >= 10


def test_postgresql_migrations_ship_with_the_package():
    names = {entry.name for entry in resources.files("storage.migrations.postgresql").iterdir()}
    assert "0001_foundation.sql" in names and "0010_attachments.sql" in names


async def test_both_migration_sets_build_the_same_schema_shape(tmp_path, postgres_url):
    on_sqlite = await _sqlite(tmp_path)
    on_postgresql = await _postgresql(postgres_url)

    assert differences(on_sqlite, on_postgresql) == []
    # Not two empty shapes: the record's tables, the journal's guards and search are all there.
    assert {"journal", "messages", "outbox", "attachments", "flags"} <= set(on_postgresql.tables)
    assert on_postgresql.tables["journal"].triggers == {"journal_refuses_update", "journal_refuses_delete"}
    assert on_sqlite.search == on_postgresql.search == SEARCH_INDEXES


async def test_surrogate_ids_are_identity_columns_on_postgresql(postgres_url):
    connection = await postgres.connect(postgres_url)
    try:
        await postgres.migrate(connection)
        cursor = await connection.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'YES'"
        )
        identities = await cursor.fetchall()
    finally:
        await connection.close()
    assert {table for table, _ in identities} == IDENTITY_COLUMNS
    assert {column for _, column in identities} == {"id"}


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ("ALTER TABLE flags DROP COLUMN also_doubtful",
         "table flags: column also_doubtful: SQLite Column(family=<Family.TEXT: 'text'>, not_null=True, "
         "default=\"'[]'\"), PostgreSQL none"),
        ("ALTER TABLE outbox ALTER COLUMN priority DROP NOT NULL",
         "table outbox: column priority: SQLite Column(family=<Family.INTEGER: 'integer'>, not_null=True, "
         "default='2'), PostgreSQL Column(family=<Family.INTEGER: 'integer'>, not_null=False, default='2')"),
        ("DROP INDEX tasks_due",
         "table tasks: index tasks_due: SQLite Index(unique=False, keys=('due_at', 'id'), "
         "condition=(('state',), (\"'pending'\",))), PostgreSQL none"),
        ("DROP INDEX attachments_search", "search attachments_search: SQLite attachments.text, PostgreSQL none"),
        ("DROP TRIGGER journal_refuses_delete ON journal",
         "table journal: trigger journal_refuses_delete: only in SQLite"),
        ("ALTER TABLE messages DROP CONSTRAINT messages_chat_id_message_id_key",
         "table messages: unique ('chat_id', 'message_id'): only in SQLite"),
    ],
    ids=["missing column", "nullable column", "missing index", "missing search", "missing trigger", "missing unique"],
)  # fmt: skip
async def test_the_comparison_notices_what_a_postgresql_migration_left_out(tmp_path, postgres_url, change, expected):
    found = differences(await _sqlite(tmp_path), await _postgresql(postgres_url, change))
    assert found == [expected]


async def test_the_comparison_notices_a_changed_partial_index_condition(tmp_path, postgres_url):
    changed = (
        "DROP INDEX outbox_pending",
        "CREATE INDEX outbox_pending ON outbox (chat_id, priority, id) WHERE state = 'sent'",
    )
    found = differences(await _sqlite(tmp_path), await _postgresql(postgres_url, *changed))
    assert found == [
        "table outbox: index outbox_pending: SQLite Index(unique=False, keys=('chat_id', 'priority', 'id'), "
        "condition=(('state',), (\"'pending'\",))), PostgreSQL Index(unique=False, keys=('chat_id', 'priority', 'id'), "
        "condition=(('state',), (\"'sent'\",)))"
    ]
