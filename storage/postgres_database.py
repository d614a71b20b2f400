"""The PostgreSQL backend behind the same storage API as SQLite's `Database` (issue 17).

`PostgresDatabase` has `Database`'s surface (write/read/transaction/fetchone/fetchall/iterate, units of
work, group commit, after-commit callbacks), so the storage modules and the domain run on either.

How it is built, and why so: a unit of work is a plain synchronous function of a `Unit`, as on SQLite,
so it runs whole on a thread that owns a synchronous psycopg 3 connection, as aiosqlite runs units on
its thread: one hand-off per unit, BEGIN ... COMMIT in it, statements sent one by one on that thread
(each a round trip of about 0.1 ms of server CPU on a local socket; no event-loop wake-up between
them). Keeping units synchronous keeps one storage layer for both backends; an async driver (asyncpg,
or psycopg's async connection) would need every unit rewritten as a coroutine. psycopg 3 rather than
asyncpg: it has a synchronous API for exactly this, pipeline mode, a maintained pool, and libpq's URLs.

There is one writer connection (writes of this process are serialised, as on SQLite, which keeps the
domain's read-then-write steps race-free within a process) and one reader connection (committed data
only; a `read(work)` is one REPEATABLE READ snapshot). Across processes, PostgreSQL's row locks and
the `Unit.lock(name)` advisory lock (the journal's head) keep appends in one chain; serialization
failures and deadlocks are retried a few times before the error reaches the caller.

What a statement costs here is mostly psycopg's Python around it (measured 2 Dec 2026 on this 2-core
VM: about 50 us of client CPU for a small read on a reused cursor, 100 us with a new cursor and named
rows), so each connection reuses two cursors, rows come as tuples named once per statement, and the
units committed together as a group are sent in pipeline mode (their BEGIN, SAVEPOINTs and unread
statements travel with the next read or the COMMIT). A lone unit, a read and a transaction's steps run
statement by statement: for them psycopg's pipeline mode cost more CPU than it saved.

The SQL is SQLite's, rewritten per statement by storage.dialect (cached).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import zlib
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import psycopg.errors
from psycopg.adapt import Dumper, Loader
from psycopg.rows import RowMaker, tuple_row

from storage import dialect, postgres
from storage.database import Database, Params, Traffic, Transaction, Unit, _fail_all, _QueuedUnit
from storage.errors import StorageError
from storage.postgres import ServerUnavailable, redacted

log = logging.getLogger(__name__)

T = TypeVar("T")

# Passing conditions: the unit is run again, up to RETRIES times, before the error is raised.
_RETRIED = (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected)
RETRIES = 5


class PgRow(tuple):
    """A row as sqlite3.Row offers it: by index, by column name, keys()."""

    _names: dict[str, int]
    _keys: list[str]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names[key])
            except KeyError:
                raise IndexError(f"No item with that key: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._keys)


def _row_factory(cursor: psycopg.Cursor[Any]) -> RowMaker[PgRow]:
    description = cursor.description
    if description is None:
        return lambda values: PgRow(values)
    row_class = _row_class(tuple(column.name for column in description))

    def make(values: Sequence[Any]) -> PgRow:
        return row_class(values)

    return make


# The writer's and the reader's rows come as plain tuples (psycopg builds them fastest) and are given their
# names here, with the row class of their statement, found once per statement (its columns never change
# within a run): asking psycopg for a result's description builds an object per column, every time.
_ROW_CLASSES: dict[str, type[PgRow]] = {}


def _named(sql: str, cursor: psycopg.Cursor[Any]) -> type[PgRow]:
    row_class = _ROW_CLASSES.get(sql)
    if row_class is None:
        description = cursor.description or ()
        row_class = _row_class(tuple(column.name for column in description))
        if len(_ROW_CLASSES) > 4096:
            _ROW_CLASSES.clear()
        _ROW_CLASSES[sql] = row_class
    return row_class


@lru_cache(maxsize=2048)
def _row_class(names: tuple[str, ...]) -> type[PgRow]:
    return type("PgRow", (PgRow,), {"_names": {name: i for i, name in reversed(list(enumerate(names)))},
                                    "_keys": list(names), "__slots__": ()})


class _BoolAsInt(Dumper):
    """Python's True/False as 1/0: the schema keeps flags in INTEGER columns, as SQLite does."""

    oid = psycopg.adapters.types["int2"].oid

    def dump(self, obj: Any) -> bytes:
        return b"1" if obj else b"0"


class _NumericAsNumber(Loader):
    """sum() and avg() answer NUMERIC: an int when whole (as SQLite's sum of integers), else a float."""

    def load(self, data: Any) -> Any:
        value = Decimal(bytes(data).decode())
        return int(value) if value == value.to_integral_value() else float(value)


def _adapt(connection: psycopg.Connection[Any]) -> None:
    connection.adapters.register_dumper(bool, _BoolAsInt)
    connection.adapters.register_loader("numeric", _NumericAsNumber)


def _lock_key(name: str) -> int:
    """A stable 64-bit advisory lock key for a name."""
    return zlib.crc32(name.encode()) | (0x5341 << 32)


class _Thread:
    """One connection's own thread: every trip to the connection is one hand-off to it."""

    def __init__(self, name: str) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.wrap_future(self._pool.submit(fn, *args))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def _unavailable(error: BaseException) -> str | None:
    """Why the server refused, when the refusal is a passing condition; None otherwise."""
    if isinstance(error, (psycopg.OperationalError, psycopg.errors.AdminShutdown,
                          psycopg.errors.CannotConnectNow, psycopg.errors.TooManyConnections,
                          psycopg.errors.DiskFull, psycopg.errors.ReadOnlySqlTransaction,
                          psycopg.errors.LockNotAvailable, psycopg.errors.QueryCanceled)):
        return postgres._reason(error) if isinstance(error, psycopg.Error) else str(error)
    if isinstance(error, psycopg.InterfaceError):  # the connection is closed or broken
        return str(error) or "the connection to the server is lost"
    return None


class PgUnit(Unit):
    """A PostgreSQL connection as a unit of work sees it, on the connection's own thread.

    In pipeline mode (`pipeline` set: a group of units committed together runs so), a statement whose
    result the unit does not read (an UPDATE, a DELETE, an INSERT handing nothing back, the lock) is sent
    without waiting for it: it travels with the next one whose result is read, or with the COMMIT. A failure
    of such a statement is raised there, still inside the unit (no unit catches a database error
    mid-way), so the unit fails as a whole exactly as before, with one round trip instead of several.
    """

    pipeline: psycopg.Pipeline | None = None

    def __init__(self, connection: psycopg.Connection[Any], db: PostgresDatabase):
        self._pg = connection
        self._path = Path(db.where)
        self._db = db
        self.committed_callbacks = []

    def _sql(self, sql: str, *, returning: bool = False) -> str:
        self._db._count_statement(sql)
        if not returning:
            return dialect.to_postgresql(sql, None)
        translated = self._db._returning_sql.get(sql)
        if translated is None:  # an INSERT hands back its table's integer key: found once per statement
            table = dialect.inserted_table(sql)
            translated = dialect.to_postgresql(sql, self._db.integer_keys.get(table) if table else None)
            if len(self._db._returning_sql) > 4096:
                self._db._returning_sql.clear()
            self._db._returning_sql[sql] = translated
        return translated

    def _run(self, sql: str, params: Params) -> psycopg.Cursor[Any]:
        return _cursor(self._pg, read=True).execute(sql, params)

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the inserted row's integer key (SQLite's lastrowid; 0 when none)."""
        statement = self._sql(sql, returning=True)
        if not _hands_back(statement):
            _cursor(self._pg).execute(statement, params)
            return 0  # nothing to read: in pipeline mode, not waited for
        row = self._run(statement, params).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def execute_counting(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        cursor = _cursor(self._pg).execute(self._sql(sql), params)
        if self.pipeline is not None:
            self.pipeline.sync()  # the count is in the statement's result: wait for it
        return cursor.rowcount

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for many parameter rows (pipelined by psycopg)."""
        _cursor(self._pg).executemany(self._sql(sql), list(rows))

    def fetchone(self, sql: str, params: Params = ()) -> Any:
        """One row of a read (inside a transaction, it sees the transaction's own writes)."""
        cursor = self._run(self._sql(sql), params)
        row = cursor.fetchone()
        return None if row is None else _named(sql, cursor)(row)

    def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Every row of a read."""
        cursor = self._run(self._sql(sql), params)
        rows = cursor.fetchall()
        if not rows:
            return []
        make = _named(sql, cursor)
        return [make(row) for row in rows]

    def lock(self, name: str) -> None:
        """Hold a lock named name until this transaction ends (other instances wait for it)."""
        _cursor(self._pg).execute("SELECT pg_advisory_xact_lock(%s)", (_lock_key(name),))


def _cursor(connection: psycopg.Connection[Any], *, read: bool = False) -> psycopg.Cursor[Any]:
    """One of the connection's two cursors, reused on its thread: psycopg builds a cursor (its adapters,
    its transformer) for each `connection.execute`, a third of a small statement's CPU.

    read: the cursor of statements whose rows are read at once (nothing of it is pending when the next
    runs). The other is for statements whose result is not read: in pipeline mode their results arrive
    later, while other statements are sent, and land on it, never on the reading cursor."""
    name = "_samvad_read_cursor" if read else "_samvad_cursor"
    cursor: psycopg.Cursor[Any] | None = getattr(connection, name, None)
    if cursor is None or cursor.closed:
        cursor = connection.cursor()
        setattr(connection, name, cursor)
    return cursor


@lru_cache(maxsize=4096)
def _hands_back(statement: str) -> bool:
    """Whether a (translated) statement hands rows back: a query, or a change with RETURNING."""
    return statement.lstrip().upper().startswith(("SELECT", "WITH", "VALUES")) or bool(dialect.RETURNING.search(statement))


class PostgresDatabase(Database):
    """An open Samvad database on a PostgreSQL server."""

    dialect = dialect.POSTGRESQL

    def __init__(self, url: str, writer: psycopg.Connection[Any] | None, reader: psycopg.Connection[Any],
                 integer_keys: dict[str, str], *, read_only: bool = False, busy_timeout_ms: int = 5000):
        self.url = url
        self.where = redacted(url)
        self.path = Path(self.where)
        self._pg_writer = writer
        self._pg_reader = reader
        self._writer_thread = _Thread("samvad-pg-writer") if writer is not None else None
        self._reader_thread = _Thread("samvad-pg-reader")
        self.integer_keys = integer_keys
        self._returning_sql: dict[str, str] = {}  # statement -> as sent by PgUnit.execute (RETURNING its key)
        self._write_lock = asyncio.Lock()
        self._queued: list[_QueuedUnit] = []
        self._writing: asyncio.Task[None] | None = None
        self.traffic: Traffic | None = None
        self.read_only = read_only
        self._options = f"-c lock_timeout={int(busy_timeout_ms)}"

    # -- opening and closing ------------------------------------------------------------------------

    @classmethod
    async def open(cls, url: Path | str, *, busy_timeout_ms: int = 5000) -> PostgresDatabase:
        """Connect to the database at url and migrate it (instances starting together take turns)."""
        url = str(url)
        where = redacted(url)
        connection = await postgres.connect(url)
        try:
            await postgres.migrate(connection, where=where)
        finally:
            await connection.close()
        return await asyncio.to_thread(cls._connect_both, url, busy_timeout_ms, False)

    @classmethod
    async def open_read_only(cls, url: Path | str, *, busy_timeout_ms: int = 5000) -> PostgresDatabase:
        """Connect for reading only: nothing is migrated or changed (the server refuses writes)."""
        return await asyncio.to_thread(cls._connect_both, str(url), busy_timeout_ms, True)

    @classmethod
    def _connect_both(cls, url: str, busy_timeout_ms: int, read_only: bool) -> PostgresDatabase:
        options = f"-c lock_timeout={int(busy_timeout_ms)}"
        writer = None
        try:
            if not read_only:
                writer = _connect(url, options, named_rows=False)
            reader = _connect(url, options + " -c default_transaction_read_only=on", named_rows=False)
        except BaseException:
            if writer is not None:
                writer.close()
            raise
        keys = _integer_keys(reader)
        return cls(url, writer, reader, keys, read_only=read_only, busy_timeout_ms=busy_timeout_ms)

    async def close(self) -> None:
        """Close both connections and their threads."""
        for connection, thread in ((self._pg_reader, self._reader_thread), (self._pg_writer, self._writer_thread)):
            if connection is None or thread is None:
                continue
            try:
                await thread.run(connection.close)
            finally:
                await asyncio.to_thread(thread.shutdown)

    @property
    def target(self) -> str:
        """The URL it was opened with (its password too: never log it; `where` is the redacted form)."""
        return self.url

    async def count_traffic(self) -> Traffic:
        """Start counting trips, transactions and statements sent (from zero); returns the live counter."""
        self.traffic = Traffic()
        return self.traffic

    async def schema_version(self) -> int:
        """The highest migration applied."""
        row = await self.fetchone("SELECT coalesce(max(version), 0) FROM schema_migrations")
        return int(row[0]) if row else 0

    async def scrub(self) -> None:
        """Nothing to fold in: PostgreSQL keeps no separate log of page images for Samvad to empty.

        (Erased rows stay in dead tuples until VACUUM reclaims them; the server's own autovacuum does.)
        """

    # -- writing ------------------------------------------------------------------------------------

    def _writable(self) -> psycopg.Connection[Any]:  # type: ignore[override]
        if self._pg_writer is None:
            raise ServerUnavailable(self.where, "opened read-only")
        if self._pg_writer.closed or self._pg_writer.broken:
            # The server restarted or the link dropped: connect again (on the writer's thread, in its trip).
            self._pg_writer = _reconnect(self._pg_writer, self.url, self._options)
        return self._pg_writer

    def _readable(self) -> psycopg.Connection[Any]:
        if self._pg_reader.closed or self._pg_reader.broken:
            self._pg_reader = _reconnect(self._pg_reader, self.url, self._options + " -c default_transaction_read_only=on")
        return self._pg_reader

    def _error(self, error: BaseException) -> BaseException:
        reason = _unavailable(error)
        if reason is not None:
            return ServerUnavailable(self.where, reason)
        return error

    async def _write_batch(self, batch: list[_QueuedUnit]) -> None:
        if self.traffic is not None:
            self.traffic.transactions += 1
        assert self._writer_thread is not None
        try:
            writer = await self._writer_thread.run(self._writable)
        except StorageError as error:
            _fail_all(batch, error)
            return
        for entry in batch:
            entry.unit = PgUnit(writer, self)
        self._trip()
        try:
            await self._writer_thread.run(_transact_many, writer, batch)
        except BaseException as error:
            translated = self._error(error)
            _fail_all(batch, translated)
            if not isinstance(translated, Exception):
                raise
            return
        for entry in batch:
            if entry.outcome.done():
                continue
            if entry.error is not None:
                entry.outcome.set_exception(self._error(entry.error))
            else:
                entry.outcome.set_result(entry.result)
        for entry in batch:
            if entry.error is None and entry.unit is not None:
                for callback in entry.unit.committed_callbacks:
                    try:
                        callback()
                    except Exception:
                        log.exception("a callback after a commit failed")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One atomic unit of writes, statement by statement; rolled back if the block raises."""
        async with self._write_lock:
            assert self._writer_thread is not None
            writer = await self._writer_thread.run(self._writable)
            tx = PgTransaction(writer, self)
            try:
                yield tx
            except BaseException:
                if tx.begun:
                    await self._writer_thread.run(_roll_back, writer)
                raise
            if tx.begun or tx.deferred:
                if not tx.begun and self.traffic is not None:
                    self.traffic.transactions += 1
                unit = PgUnit(writer, self)
                try:
                    self._trip()
                    await self._writer_thread.run(_commit, tx, unit)
                except BaseException as error:
                    await self._writer_thread.run(_roll_back, writer)
                    translated = self._error(error)
                    if translated is not error:
                        raise translated from error
                    raise
                for callback in unit.committed_callbacks:
                    tx.after_commit(callback)
        for callback in tx.committed_callbacks:
            callback()

    # -- reading ------------------------------------------------------------------------------------

    async def read(self, work: Callable[[Unit], T]) -> T:
        """Run reads that serve one decision in one trip to the reader's thread, on one snapshot."""
        self._trip()
        try:
            return await self._reader_thread.run(lambda: _snapshot(PgUnit(self._readable(), self), work))
        except psycopg.Error as error:
            translated = self._error(error)
            if translated is error:
                raise
            raise translated from error

    async def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Every row of a read on the reader connection (committed data only)."""
        self._trip()
        try:
            return await self._reader_thread.run(lambda: PgUnit(self._readable(), self).fetchall(sql, params))
        except psycopg.Error as error:
            translated = self._error(error)
            if translated is error:
                raise
            raise translated from error

    async def iterate(self, sql: str, params: Params = (), *, chunk: int = 1000) -> AsyncIterator[Any]:
        """Stream a large read in chunks, on a connection of its own (one snapshot, a server-side cursor)."""
        connection = await asyncio.to_thread(_connect, self.url, "-c default_transaction_read_only=on")
        try:
            cursor = connection.cursor(name="samvad_iterate")
            await asyncio.to_thread(connection.execute, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            await asyncio.to_thread(cursor.execute, dialect.to_postgresql(sql), params)
            while rows := await asyncio.to_thread(cursor.fetchmany, chunk):
                for row in rows:
                    yield row
        except psycopg.Error as error:
            translated = self._error(error)
            if translated is error:
                raise
            raise translated from error
        finally:
            await asyncio.to_thread(connection.close)


class PgTransaction(Transaction):
    """The writer connection inside an open transaction (begun with its first statement)."""

    def __init__(self, connection: psycopg.Connection[Any], db: PostgresDatabase):
        self._pg = connection
        self._db = db
        self._pgdb = db
        self._path = Path(db.where)
        self.begun = False
        self.deferred = []
        self.committed_callbacks = []

    async def run(self, work: Callable[[Unit], T]) -> T:
        """Run a step of this transaction (several statements) in one trip to the writer's thread."""
        db = self._pgdb
        unit = PgUnit(self._pg, db)
        first = not self.begun
        db._trip()
        if first and db.traffic is not None:
            db.traffic.transactions += 1
        assert db._writer_thread is not None
        try:
            if first:
                result = await db._writer_thread.run(_first_step, self, unit, work)
            else:
                result = await db._writer_thread.run(work, unit)
        except psycopg.Error as error:
            translated = db._error(error)
            if translated is error:
                raise
            raise translated from error
        for callback in unit.committed_callbacks:
            self.after_commit(callback)
        return result


# -- on a connection's thread ----------------------------------------------------------------------


def _connect(url: str, options: str, *, named_rows: bool = True) -> psycopg.Connection[Any]:
    """A connection in autocommit mode; named_rows False: rows as tuples (PgUnit names them itself)."""
    try:
        connection = psycopg.connect(url, autocommit=True, options=options,
                                     row_factory=_row_factory if named_rows else tuple_row)
    except psycopg.OperationalError as error:
        raise ServerUnavailable(redacted(url), postgres._reason(error)) from error
    _adapt(connection)
    # psycopg prepares a statement at its fifth use and keeps the last 100 (by default); Samvad runs a
    # few hundred distinct ones, so the oldest were deallocated (a DEALLOCATE statement) and prepared again.
    connection.prepared_max = 1000
    return connection


def _reconnect(old: psycopg.Connection[Any], url: str, options: str) -> psycopg.Connection[Any]:
    try:
        old.close()
    except psycopg.Error:
        pass
    log.warning("the connection to %s was lost; connecting again", redacted(url))
    return _connect(url, options, named_rows=False)


def _integer_keys(connection: psycopg.Connection[Any]) -> dict[str, str]:
    """Each table's single-column integer primary key: what an INSERT hands back as its lastrowid."""
    rows = connection.execute(
        "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
        " JOIN pg_namespace n ON n.oid = c.relnamespace"
        " JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]"
        " WHERE i.indisprimary AND i.indnatts = 1 AND n.nspname = current_schema()"
        " AND a.atttypid IN ('int8'::regtype, 'int4'::regtype, 'int2'::regtype)"
    ).fetchall()
    return {row[0].lower(): row[1] for row in rows}


def _control(connection: psycopg.Connection[Any], sql: str, db: PostgresDatabase | None = None) -> None:
    """BEGIN, COMMIT, SAVEPOINT ...: counted as statements, as SQLite's trace counts them."""
    if db is not None:
        db._count_statement(sql)
    _cursor(connection).execute(sql)


def _begin(connection: psycopg.Connection[Any], db: PostgresDatabase | None = None) -> None:
    _control(connection, "BEGIN", db)


def _roll_back(connection: psycopg.Connection[Any]) -> None:
    if connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        try:
            _cursor(connection).execute("ROLLBACK")
        except psycopg.Error:
            log.warning("rollback failed", exc_info=True)


def _transact_many(connection: psycopg.Connection[Any], batch: list[_QueuedUnit]) -> None:
    """BEGIN, each unit (in a savepoint when there are several), COMMIT; a lost race is run again."""
    for attempt in range(RETRIES + 1):
        for entry in batch:
            entry.error = None
            entry.result = None
            if entry.unit is not None:
                entry.unit.committed_callbacks = []
        try:
            _transact_once(connection, batch)
            retry = [entry for entry in batch if isinstance(entry.error, _RETRIED)]
            if not retry or attempt == RETRIES:
                return
            batch = retry  # the others are committed; run the ones that lost a race again
        except _RETRIED:
            _roll_back(connection)
            if attempt == RETRIES:
                raise
        except BaseException:
            _roll_back(connection)
            raise
        log.info("a write lost a race with another instance; running it again")


def _in_pipeline(connection: psycopg.Connection[Any], units: Sequence[PgUnit], fn: Callable[[], T]) -> T:
    """Run fn with the connection in pipeline mode: what is queued is sent and its results checked by the end.

    If fn raises, what it queued is synced (and its error dropped) before the error goes on, so the
    connection leaves pipeline mode clean (its transaction, if any, is for the caller to roll back).
    """
    with connection.pipeline() as pipeline:
        for unit in units:
            unit.pipeline = pipeline
        try:
            return fn()
        except BaseException:
            try:
                pipeline.sync()
            except psycopg.Error:
                pass
            raise
        finally:
            for unit in units:
                unit.pipeline = None


def _transact_once(connection: psycopg.Connection[Any], batch: list[_QueuedUnit]) -> None:
    db = batch[0].unit._db if isinstance(batch[0].unit, PgUnit) else None
    if len(batch) == 1:
        _transact_one(connection, batch[0], db)
        return
    units = [entry.unit for entry in batch if isinstance(entry.unit, PgUnit)]
    try:
        _in_pipeline(connection, units, lambda: _units_in_savepoints(connection, batch, db))
        return
    except psycopg.Error as error:
        _roll_back(connection)
        if _unavailable(error) is not None:
            raise
    # A statement failed, and in pipeline mode its error may surface in a later unit: nothing of the batch
    # is committed; run it again unit by unit, each one's statements waited for, so the failure is its own.
    for entry in batch:
        entry.error = None
        entry.result = None
        if entry.unit is not None:
            entry.unit.committed_callbacks = []
    _units_one_by_one(connection, batch, db)


def _transact_one(connection: psycopg.Connection[Any], entry: _QueuedUnit, db: PostgresDatabase | None) -> None:
    """BEGIN, the unit, COMMIT, statement by statement (for one unit, psycopg's pipeline mode costs more CPU
    than it saves on a local socket: measured 2 Dec 2026)."""
    assert entry.unit is not None
    _begin(connection, db)
    try:
        entry.result = entry.work(entry.unit)
    except Exception as error:
        _roll_back(connection)
        if isinstance(error, psycopg.Error) and (_unavailable(error) is not None or isinstance(error, _RETRIED)):
            raise
        entry.error = error
        return
    _control(connection, "COMMIT", db)


def _units_in_savepoints(connection: psycopg.Connection[Any], batch: list[_QueuedUnit],
                         db: PostgresDatabase | None) -> None:
    """In pipeline mode: BEGIN, each unit in a savepoint (one that raises is rolled back to it), COMMIT.

    A database error raises out of here (the caller runs the batch again unit by unit): in pipeline mode
    it may belong to an earlier unit than the one it surfaced in.
    """
    _begin(connection, db)
    for entry in batch:
        assert entry.unit is not None
        _control(connection, "SAVEPOINT unit", db)
        try:
            entry.result = entry.work(entry.unit)
        except psycopg.Error:
            raise
        except Exception as error:
            entry.error = error
            _control(connection, "ROLLBACK TO SAVEPOINT unit", db)
        _control(connection, "RELEASE SAVEPOINT unit", db)
    _control(connection, "COMMIT", db)


def _units_one_by_one(connection: psycopg.Connection[Any], batch: list[_QueuedUnit],
                      db: PostgresDatabase | None) -> None:
    """BEGIN, each unit in a savepoint with every statement waited for, COMMIT (a failing unit alone rolled back)."""
    _begin(connection, db)
    for entry in batch:
        assert entry.unit is not None
        _control(connection, "SAVEPOINT unit", db)
        try:
            entry.result = entry.work(entry.unit)
        except Exception as error:
            if isinstance(error, psycopg.Error) and _unavailable(error) is not None:
                raise
            entry.error = error
            _control(connection, "ROLLBACK TO SAVEPOINT unit", db)
        _control(connection, "RELEASE SAVEPOINT unit", db)
    _control(connection, "COMMIT", db)


def _snapshot(unit: PgUnit, work: Callable[[Unit], T]) -> T:
    """The work's reads in one REPEATABLE READ snapshot (not pipelined: for reads, psycopg's pipeline mode
    costs more CPU than the round trips it saves on a local socket)."""
    connection = unit._pg
    _cursor(connection).execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    try:
        return work(unit)
    finally:
        _roll_back(connection)


def _commit(tx: PgTransaction, unit: PgUnit) -> None:
    if not tx.begun:
        _begin(tx._pg, tx._pgdb)
        tx.begun = True
    for work in tx.deferred:
        work(unit)
    _control(tx._pg, "COMMIT", tx._pgdb)


def _first_step(tx: PgTransaction, unit: PgUnit, work: Callable[[Unit], T]) -> T:
    _begin(tx._pg, tx._pgdb)
    tx.begun = True
    return work(unit)




class ReadConnection:
    """A read-only connection with sqlite3's plain calls (execute -> cursor), for verification's one pass.

    SQL is SQLite's, translated by storage.dialect; reads stream through server-side cursors inside the
    caller's transaction (BEGIN ... ROLLBACK, one snapshot).
    """

    def __init__(self, url: str):
        self._connection = _connect(url, "-c default_transaction_read_only=on")
        self._cursors = 0
        self.row_factory: Any = None  # sqlite3's attribute; rows here always have index and key access

    def execute(self, sql: str, params: Params = ()) -> psycopg.Cursor[Any]:
        statement = sql.strip().upper()
        if statement in ("BEGIN", "COMMIT", "ROLLBACK"):
            if statement == "BEGIN":
                sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            return self._connection.execute(sql)
        if self._connection.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
            return self._connection.execute(dialect.to_postgresql(sql), params)
        self._cursors += 1
        cursor = self._connection.cursor(name=f"samvad_read_{self._cursors}")
        cursor.itersize = 2000
        cursor.execute(dialect.to_postgresql(sql), params)
        return cursor

    def cursor(self) -> ReadConnection:
        return self

    def close(self) -> None:
        self._connection.close()
