"""A test's database reached directly, as someone with access to it could: the SQLite file with plain sqlite3,
or the PostgreSQL database with plain psycopg, past the bot and its storage layer.

Tests that tamper with the record (then expect `samvad verify` to fail), copy it, or scan every table for a
value that must not be kept use these, so that they run on either backend: a target is a path (SQLite) or a
`postgresql://` URL, as storage.backend names it; settings give theirs with target_of.
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from storage.backend import is_postgresql

SQLITE, POSTGRESQL = "sqlite", "postgresql"
# The triggers that refuse changes to the journal (migration 0001, on both backends).
JOURNAL_GUARDS = ("journal_refuses_update", "journal_refuses_delete", "journal_bodies_refuse_update")


def target_of(settings: Any) -> Path | str:
    """The database a bot with these settings uses: its PostgreSQL URL, else its SQLite file."""
    if settings.database_url is not None:
        return settings.database_url.get_secret_value()
    return Path(settings.db_path)


def backend_of(settings_or_target: Any) -> str:
    """"sqlite" or "postgresql"."""
    target = settings_or_target if isinstance(settings_or_target, (str, Path)) else target_of(settings_or_target)
    return POSTGRESQL if is_postgresql(target) else SQLITE


def with_target(settings: Any, target: Path | str) -> Any:
    """The same settings, on another database."""
    if is_postgresql(target):
        return settings.model_copy(update={"database_url": SecretStr(str(target))})
    return settings.model_copy(update={"db_path": Path(target), "database_url": None})


def copy(target: Path | str, name: str) -> Path | str:
    """A copy of the database, named name beside it (a file in its folder, a database on its server).

    Safe while a bot has the database open: SQLite's backup API, or pg_dump's one snapshot.
    """
    if not is_postgresql(target):
        copied = Path(target).with_name(f"{name}.db")
        source, destination = sqlite3.connect(target), sqlite3.connect(copied)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
        return copied
    import psycopg
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    from tests.postgres import find_server_binaries

    params = conninfo_to_dict(str(target))
    copied_name = f"{params['dbname']}_{name}".replace("-", "_")
    with psycopg.connect(make_conninfo(str(target), dbname="postgres"), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{copied_name}" TEMPLATE template0')
    bindir = find_server_binaries()
    assert bindir is not None, "a PostgreSQL target without the server's binaries (pg_dump, psql)"
    copied = str(target).replace(f"/{params['dbname']}?", f"/{copied_name}?", 1)
    assert copied != str(target), f"cannot name a copy of {target}"
    dump = subprocess.run([str(bindir / "pg_dump"), "--no-owner", "-d", str(target)], capture_output=True, check=True)
    subprocess.run([str(bindir / "psql"), "-q", "-v", "ON_ERROR_STOP=1", "-d", copied], input=dump.stdout,
                   capture_output=True, check=True)  # fmt: skip
    return copied


def tamper(target: Path | str, *statements: str) -> None:
    """Run statements in one transaction, past the journal's guards (as its owner could).

    SQLite: the refusing triggers are dropped first (plain sqlite3 enforces no foreign key). PostgreSQL: the
    session runs as a replica (session_replication_role), which fires no trigger and checks no foreign key.
    """
    if is_postgresql(target):
        import psycopg

        with psycopg.connect(str(target)) as connection:  # one transaction, committed on leaving the block
            connection.execute("SET LOCAL session_replication_role = replica")
            for statement in statements:
                connection.execute(statement)
        return
    plain = sqlite3.connect(target)
    try:
        for trigger in JOURNAL_GUARDS:
            plain.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        for statement in statements:
            plain.execute(statement)
        plain.commit()
    finally:
        plain.close()


def scalar(target: Path | str, sql: str) -> Any:
    """The first column of the first row of a query (None without a row)."""
    for row in _rows(target, sql):
        return row[0]
    return None


def table_names(target: Path | str) -> list[str]:
    """The database's own tables (not the catalogue's)."""
    if is_postgresql(target):
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return [row[0] for row in _rows(target, sql)]


def every_row(target: Path | str) -> Iterator[tuple[str, tuple]]:
    """(table, row) for every row of every one of the database's own tables."""
    for table in table_names(target):
        for row in _rows(target, f'SELECT * FROM "{table}"'):  # noqa: S608 - names from the catalogue
            yield table, row


def _rows(target: Path | str, sql: str) -> list[tuple]:
    if is_postgresql(target):
        import psycopg

        with psycopg.connect(str(target)) as connection:
            return list(connection.execute(sql))
    plain = sqlite3.connect(target)
    try:
        return list(plain.execute(sql))
    finally:
        plain.close()
