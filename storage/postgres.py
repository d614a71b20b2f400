"""PostgreSQL, the second backend (issue 17): connecting, and the schema's migrations.

The migrations live in storage/migrations/postgresql/, one twin per SQLite migration with the same file
name; tests/storage/test_postgres_schema.py checks that both sets build the same schema shape. Each
migration is applied in a transaction of its own and recorded in schema_migrations (SQLite keeps the
number in PRAGMA user_version instead). A transaction-scoped advisory lock makes instances that start
together take turns: each re-reads the version under the lock, so every migration is applied once.

The driver is psycopg 3 (async connections, a maintained pool, pipeline mode). The storage API on a
server is storage.postgres_database.PostgresDatabase, opened by storage.backend.open_database.
"""

from __future__ import annotations

import logging
import re
from importlib import resources

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg_pool import AsyncConnectionPool

from storage.errors import MigrationError, StorageUnavailable

log = logging.getLogger(__name__)

MIGRATIONS_PACKAGE = "storage.migrations.postgresql"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# pg_advisory_xact_lock's key for migrating: any fixed number; "samvad" in ASCII.
_MIGRATION_LOCK = 0x73616D766164

_SCHEMA_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)
"""


class ServerUnavailable(StorageUnavailable):
    """The PostgreSQL server cannot be reached or refuses now; the caller keeps what it has and retries."""

    def __init__(self, where: str, reason: str) -> None:
        # StorageUnavailable's message and reason; its path holds the redacted URL (a server has no file).
        super().__init__(where, reason)
        self.where = where


def redacted(url: str) -> str:
    """The URL's server and database, for messages and logs: never its password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "postgresql://(an unreadable URL)"
    host = parts.get("host") or "localhost"
    port = f":{parts['port']}" if parts.get("port") else ""
    user = f"{parts['user']}@" if parts.get("user") else ""
    return f"postgresql://{user}{host}{port}/{parts.get('dbname', '')}"


def available_migrations() -> list[tuple[int, str, str]]:
    """The packaged PostgreSQL migrations as (version, name, sql), in order, numbered 1..N without a gap."""
    found = []
    for entry in resources.files(MIGRATIONS_PACKAGE).iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise MigrationError(f"migration postgresql/{name} is out of sequence: expected {expected:04d}")
    return found


async def connect(url: str) -> psycopg.AsyncConnection:
    """One connection (autocommit: transactions are opened explicitly) to the database at url."""
    try:
        return await psycopg.AsyncConnection.connect(url, autocommit=True)
    except psycopg.OperationalError as error:
        raise ServerUnavailable(redacted(url), _reason(error)) from error


async def schema_version(connection: psycopg.AsyncConnection) -> int:
    """The highest migration applied (0 for an empty database)."""
    cursor = await connection.execute("SELECT to_regclass('schema_migrations') IS NOT NULL")
    exists = await cursor.fetchone()
    if not (exists and exists[0]):
        return 0
    cursor = await connection.execute("SELECT coalesce(max(version), 0) FROM schema_migrations")
    version = await cursor.fetchone()
    return int(version[0]) if version else 0


async def migrate(connection: psycopg.AsyncConnection, *, where: str = "the database") -> int:
    """Apply the pending migrations, each in its own transaction; returns the version reached."""
    migrations = available_migrations()
    while True:
        try:
            async with connection.transaction():
                await connection.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
                await connection.execute(_SCHEMA_MIGRATIONS)
                current = await schema_version(connection)
                if current > len(migrations):
                    raise MigrationError(
                        f"{where} is at schema version {current}, newer than this Samvad knows "
                        f"({len(migrations)}); upgrade Samvad before opening it"
                    )
                if current == len(migrations):
                    return current
                version, name, sql = migrations[current]
                log.info("applying migration postgresql/%s to %s", name, where)
                # No parameters: psycopg sends the script as one simple query, function bodies and all.
                await connection.execute(sql)
                await connection.execute(
                    "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name)
                )
        except psycopg.OperationalError as error:
            raise ServerUnavailable(where, _reason(error)) from error
        except psycopg.Error as error:
            raise MigrationError(f"migrating {where} failed: {error}") from error


async def open_pool(url: str, *, min_size: int = 1, max_size: int = 4) -> AsyncConnectionPool:
    """A pool of connections to the database at url, migrated before the pool is handed out."""
    where = redacted(url)
    connection = await connect(url)
    try:
        await migrate(connection, where=where)
    finally:
        await connection.close()
    pool = AsyncConnectionPool(
        make_conninfo(url), min_size=min_size, max_size=max_size, kwargs={"autocommit": True}, open=False
    )
    try:
        await pool.open(wait=True, timeout=10)
    except psycopg.errors.Error as error:  # pragma: no cover - the server went away since the migration
        await pool.close()
        raise ServerUnavailable(where, _reason(error)) from error
    return pool


def _reason(error: psycopg.Error) -> str:
    # libpq's message names the host and the reason; it never includes the password.
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
