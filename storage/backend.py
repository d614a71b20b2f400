"""Which backend a database target names, and the one function that opens it.

A target is a path (an SQLite file, the default) or a `postgresql://` URL (a PostgreSQL server, issue 17).
The bot and every CLI command open the record through `open_database`, so both backends are reached the
same way; a URL is only ever shown redacted (storage.postgres.redacted), never with its password.
"""

from __future__ import annotations

from pathlib import Path

from storage.database import Database

POSTGRESQL_SCHEMES = ("postgresql://", "postgres://")


def is_postgresql(target: Path | str) -> bool:
    """Whether target is a PostgreSQL URL (else an SQLite file's path)."""
    return isinstance(target, str) and target.startswith(POSTGRESQL_SCHEMES)


def describe(target: Path | str) -> str:
    """The target as messages name it: a path, or the URL without its password."""
    if is_postgresql(target):
        from storage.postgres import redacted

        return redacted(str(target))
    return str(target)


async def open_database(target: Path | str, *, busy_timeout_ms: int = 5000, read_only: bool = False) -> Database:
    """Open (and migrate, unless read_only) the database target names: an SQLite file or a PostgreSQL URL."""
    if is_postgresql(target):
        from storage.postgres_database import PostgresDatabase  # psycopg is needed only for PostgreSQL

        if read_only:
            return await PostgresDatabase.open_read_only(str(target), busy_timeout_ms=busy_timeout_ms)
        return await PostgresDatabase.open(str(target), busy_timeout_ms=busy_timeout_ms)
    if read_only:
        return await Database.open_read_only(Path(target), busy_timeout_ms=busy_timeout_ms)
    return await Database.open(Path(target), busy_timeout_ms=busy_timeout_ms)
