"""Moving a record from its SQLite file onto an empty PostgreSQL database (`samvad db copy --to`).

Every table of the PostgreSQL schema is filled from the SQLite table of the same name, column for
column, in one transaction on the target (all or nothing): parents before children, rows in key order,
through COPY. The journal's rows are copied as they are, so the chain, its signed checkpoints and the
erasures stay verifiable; the identity sequences are then moved past the copied keys. A target that
already holds any row (or tables that are not Samvad's) is refused: a copy never merges two records.
The source is read in one snapshot while the bot may keep running on it.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from storage import postgres
from storage.errors import StorageError

Progress = Callable[[str, int], None]


class TargetNotEmpty(StorageError):
    """The PostgreSQL database already holds data: a copy only ever fills an empty one."""


@dataclass
class CopyReport:
    """What was copied: rows per table, in the order copied."""

    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # SQLite tables with no PostgreSQL twin (its search index)

    @property
    def total(self) -> int:
        return sum(self.rows.values())


async def copy_to_postgresql(source: Path, url: str, *, progress: Progress | None = None) -> CopyReport:
    """Copy the (migrated) SQLite file at source into the empty PostgreSQL database at url."""
    where = postgres.redacted(url)
    await asyncio.to_thread(_check_empty, url, where)
    connection = await postgres.connect(url)
    try:
        await postgres.migrate(connection, where=where)
    finally:
        await connection.close()
    return await asyncio.to_thread(_copy, source, url, where, progress)


def _check_empty(url: str, where: str) -> None:
    try:
        with psycopg.connect(url, autocommit=True) as target:
            _refuse_unless_empty(target, where)
    except psycopg.OperationalError as error:
        raise postgres.ServerUnavailable(where, postgres._reason(error)) from error


def _copy(source: Path, url: str, where: str, progress: Progress | None) -> CopyReport:
    try:
        target = psycopg.connect(url, autocommit=True)
    except psycopg.OperationalError as error:
        raise postgres.ServerUnavailable(where, postgres._reason(error)) from error
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    reader.isolation_level = None
    try:
        reader.execute("BEGIN")  # one snapshot of the source
        report = CopyReport()
        with target.transaction():
            tables = _tables_in_order(target)
            source_tables = {row[0] for row in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in tables:
                if table not in source_tables:
                    raise StorageError(f"{source} has no table {table}: open it with this Samvad first (it migrates it)")
                report.rows[table] = _copy_table(reader, target, table)
                if progress is not None:
                    progress(table, report.rows[table])
            _move_sequences(target)
        report.skipped = sorted(
            name for name in source_tables - set(tables)
            if not name.startswith("sqlite_") and not any(name.startswith(index) for index in _SEARCH_INDEXES)
        )
        reader.execute("ROLLBACK")
        return report
    except psycopg.OperationalError as error:
        raise postgres.ServerUnavailable(where, postgres._reason(error)) from error
    finally:
        reader.close()
        target.close()


_SEARCH_INDEXES = ("messages_search", "edits_search", "attachments_search")  # FTS5 tables: PostgreSQL's are columns


def _refuse_unless_empty(target: psycopg.Connection[Any], where: str) -> None:
    tables = [row[0] for row in target.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() ORDER BY c.relname"
    ).fetchall()]
    for table in tables:
        if table == "schema_migrations":
            continue
        query = sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table))
        row = target.execute(query).fetchone()
        if row and row[0]:
            raise TargetNotEmpty(
                f"{where} is not empty (its table {table} holds rows): samvad db copy only fills an empty database,"
                " so that two records are never merged. Create a new database (createdb) and copy into it."
            )


def _tables_in_order(target: psycopg.Connection[Any]) -> list[str]:
    """The schema's tables, each after the tables it references (schema_migrations left out)."""
    tables = [row[0] for row in target.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND c.relname <> 'schema_migrations'"
        " ORDER BY c.relname"
    ).fetchall()]
    references: dict[str, set[str]] = {table: set() for table in tables}
    for child, parent in target.execute(
        "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
        " JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = current_schema()"
    ).fetchall():
        if child in references and parent != child:
            references[child].add(parent)
    ordered: list[str] = []
    while references:
        ready = sorted(table for table, parents in references.items() if not parents - set(ordered))
        if not ready:  # a cycle of references: not in Samvad's schema
            raise StorageError(f"tables reference each other in a cycle: {', '.join(sorted(references))}")
        for table in ready:
            ordered.append(table)
            del references[table]
    return ordered


def _copy_table(reader: sqlite3.Connection, target: psycopg.Connection[Any], table: str) -> int:
    columns = [row[0] for row in target.execute(
        "SELECT a.attname FROM pg_attribute a WHERE a.attrelid = %s::regclass AND a.attnum > 0"
        " AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attnum",
        (table,),
    ).fetchall()]
    source_columns = {row[1] for row in reader.execute(f'PRAGMA table_info("{table}")')}
    missing = [column for column in columns if column not in source_columns]
    if missing:
        raise StorageError(f"the SQLite table {table} has no column {', '.join(missing)}: is it at the same version?")
    quoted = ", ".join(f'"{column}"' for column in columns)
    keys = [row[1] for row in sorted(reader.execute(f'PRAGMA table_info("{table}")'), key=lambda row: row[5]) if row[5]]
    order = " ORDER BY " + ", ".join(f'"{key}"' for key in keys) if keys else " ORDER BY rowid"
    rows = reader.execute(f'SELECT {quoted} FROM "{table}"{order}')
    count = 0
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(sql.Identifier(column) for column in columns)
    )
    with target.cursor().copy(statement) as copy:
        while batch := rows.fetchmany(5000):
            for row in batch:
                copy.write_row(row)
            count += len(batch)
    return count


def _move_sequences(target: psycopg.Connection[Any]) -> None:
    """Identity columns go on after the highest copied key."""
    for table, column in target.execute(
        "SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE a.attidentity <> '' AND n.nspname = current_schema()"
    ).fetchall():
        target.execute(
            sql.SQL("SELECT setval(pg_get_serial_sequence({t}, {c}), coalesce(max({col}), 0) + 1, false) FROM {table}")
            .format(t=sql.Literal(f'"{table}"'), c=sql.Literal(column), col=sql.Identifier(column),
                    table=sql.Identifier(table))
        )
