"""The SQLite database: one writer connection, one reader, and migrations at open.

Writes are serialised by an asyncio lock (aiosqlite shares one connection between
coroutines, so two open transactions would otherwise interleave). Reads go through a
second connection that sees only committed data (WAL), so a long export never blocks a write.

Each connection lives on aiosqlite's own thread, and every trip to that thread (a hand-off and
a wake-up of the event loop) costs more than most statements. So a unit of work, a plain
function of a `Unit`, runs whole on the thread: `Database.write(work)` runs BEGIN, the work
and COMMIT in one trip, `Transaction.run(work)` runs a step of an open transaction in one, and
`Database.read(work)` runs reads that serve one decision in one. While another process holds
the lock, the wait (up to the busy timeout) is spent on that thread, never on the event loop.
`Database.transaction()` keeps its statement-by-statement API for code not yet made of units.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiosqlite

from storage.errors import MigrationError, StorageUnavailable
from storage.private_files import create_owner_only, exposed_database_files

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")

# SQLite's primary result codes that mean "not now", not "your SQL is wrong".
_UNAVAILABLE_CODES = {
    sqlite3.SQLITE_BUSY: "locked by another process",
    sqlite3.SQLITE_LOCKED: "locked by another connection",
    sqlite3.SQLITE_READONLY: "read-only (file or folder permissions, or a read-only disk)",
    sqlite3.SQLITE_IOERR: "disk input/output error",
    sqlite3.SQLITE_FULL: "disk is full",
    sqlite3.SQLITE_CANTOPEN: "cannot open the file (missing folder, permissions, or a read-only disk)",
}

Row = sqlite3.Row
Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")


@dataclass
class Traffic:
    """What the bot asked of SQLite, counted when `Database.count_traffic()` is on (a debug counter).

    trips: hand-offs to a connection's thread (each one costs a thread switch and a loop wake-up);
    transactions: write transactions committed or rolled back; statements: every statement SQLite
    ran, the ones inside triggers and in its own virtual tables (FTS5) included; round_trips: what a server
    backend sent and waited for (PostgreSQL: a statement, or several sent together; SQLite, in this process,
    has none).
    """

    trips: int = 0
    transactions: int = 0
    statements: int = 0
    round_trips: int = 0


def unavailability(error: BaseException) -> str | None:
    """Why SQLite refused, when the refusal is a passing condition; None otherwise."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return None
    return _UNAVAILABLE_CODES.get(code & 0xFF)


def available_migrations() -> list[tuple[int, str, str]]:
    """The packaged migrations as (version, name, sql), in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    for expected, (version, name, _) in enumerate(found, start=1):
        if version != expected:
            raise MigrationError(f"migration {name} is out of sequence: expected {expected:04d}")
    return found


class Database:
    """An open Samvad database file (storage.postgres_database.PostgresDatabase is the same API on a server)."""

    dialect = "sqlite"  # storage.dialect.SQLITE; a module asks where SQL cannot be shared (search)

    dialect = "sqlite"  # the SQL dialect of the backend, where a statement must differ ("sqlite", "postgresql")
    # Whether other instances may be writing to this database now (runtime/instances.py keeps it from their
    # leases): on PostgreSQL the units that lock what every instance writes are then committed apart from the
    # group (storage.postgres_database._parts); alone, one COMMIT for all is cheaper and nobody waits.
    others_live = True

    def __init__(
        self, path: Path, writer: aiosqlite.Connection | None, reader: aiosqlite.Connection, *,
        busy_timeout_ms: int = 5000
    ):
        self.path = path
        self._writer = writer
        self._reader = reader
        self._busy_timeout_ms = busy_timeout_ms
        self._write_lock = asyncio.Lock()
        self._queued: list[_QueuedUnit] = []  # units waiting for the writer (committed together by write())
        self._writing: asyncio.Task[None] | None = None
        self._reads: list[_QueuedRead] = []  # reads waiting for the reader (run together by read())
        self._reading: asyncio.Task[None] | None = None
        # SQLite opens a file it cannot write read-only and stays so; reopen once the disk may be back.
        self._writer_is_stale = False
        self.traffic: Traffic | None = None

    @property
    def target(self) -> Path | str:
        """What opened it (open_database's argument): the file's path here; a PostgreSQL database's URL,
        password included, there: never log it (`path` is the form for messages)."""
        return self.path

    async def count_traffic(self) -> Traffic:
        """Start counting trips, transactions and statements (from zero); returns the live counter."""
        for connection in (self._writer, self._reader):
            if connection is not None:
                await _on_thread(connection, _trace, connection, self._count_statement)
        self.traffic = Traffic()
        return self.traffic

    def _count_statement(self, _sql: str) -> None:
        if self.traffic is not None:
            self.traffic.statements += 1

    def _trip(self) -> None:
        if self.traffic is not None:
            self.traffic.trips += 1

    @classmethod
    async def open(cls, path: Path | str, *, busy_timeout_ms: int = 5000) -> Database:
        """Open (creating if needed) and migrate the database at path."""
        path = Path(path)
        try:
            create_owner_only(path)  # SQLite gives -wal and -shm the same mode
        except OSError:
            pass  # no such folder, or not writable: SQLite's own error below says so
        try:
            writer = await _connect(path, busy_timeout_ms)
        except sqlite3.Error as error:
            raise _translate(error, path) from error
        try:
            await _migrate(writer, path)
            reader = await _connect(path, busy_timeout_ms, query_only=True)
        except BaseException:
            await writer.close()
            raise
        for exposed, mode in exposed_database_files(path):
            log.warning("%s can be read by other users (mode %o): it holds the record; run: chmod 600 %s",
                        exposed, mode, exposed)
        return cls(path, writer, reader, busy_timeout_ms=busy_timeout_ms)

    @classmethod
    async def open_read_only(cls, path: Path | str, *, busy_timeout_ms: int = 5000) -> Database:
        """Open an existing database for reading only: no file is created, migrated or changed.

        Without a -wal file (no writer has it open) the file is read as immutable, which spares
        SQLite creating the -wal and -shm files a read-only WAL reader would otherwise need.
        """
        path = Path(path)
        if not path.is_file():
            raise StorageUnavailable(path, "there is no database file there")
        wal = path.with_name(path.name + "-wal")
        uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
        try:
            reader = await aiosqlite.connect(uri, uri=True, isolation_level=None)
            reader.row_factory = sqlite3.Row
            await reader.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await reader.execute("PRAGMA query_only = ON")
        except sqlite3.Error as error:
            raise _translate(error, path) from error
        return cls(path, None, reader, busy_timeout_ms=busy_timeout_ms)

    async def close(self) -> None:
        """Close both connections; the WAL is checkpointed by SQLite on the last close."""
        await self._reader.close()
        if self._writer is not None:
            await self._writer.close()

    async def schema_version(self) -> int:
        """The migration number the file is at."""
        row = await self.fetchone("PRAGMA user_version")
        assert row is not None  # the pragma always answers
        return int(row[0])

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """One atomic unit of writes, statement by statement; rolled back if the block raises.

        Each await on it is a trip to the writer's thread: prefer `write(work)`, or `tx.run(work)` for
        the steps of a transaction that must await something else between them. BEGIN IMMEDIATE goes with
        the block's first statement, in its trip (a block that runs none costs no trip, no transaction);
        steps given to `tx.defer(work)` run with COMMIT, in its trip.
        """
        async with self._write_lock:
            try:
                await self._reopen_writer_if_stale()
                writer = self._writable()
            except sqlite3.Error as error:
                self._note_failure(error)
                raise _translate(error, self.path) from error
            tx = Transaction(writer, self.path, self)
            try:
                yield tx
            except BaseException as error:
                if isinstance(error.__cause__, sqlite3.Error):
                    self._note_failure(error.__cause__)
                if tx.begun:
                    await _rollback_quietly(writer)
                raise
            if tx.begun or tx.deferred:
                if not tx.begun and self.traffic is not None:
                    self.traffic.transactions += 1
                unit = Unit(writer._conn, self.path)
                try:
                    self._trip()
                    await _on_thread(writer, _commit, tx, unit)
                except BaseException as error:
                    if isinstance(error, sqlite3.Error):
                        self._note_failure(error)
                    await _rollback_quietly(writer)
                    if isinstance(error, sqlite3.Error):
                        raise _translate(error, self.path) from error
                    raise
                for callback in unit.committed_callbacks:
                    tx.after_commit(callback)
        for callback in tx.committed_callbacks:
            callback()

    async def write(self, work: Callable[[Unit], T], *, contended: bool = False) -> T:
        """Run a unit of work as one transaction in one trip to the writer's thread; returns what work returns.

        work runs on that thread: it must not touch the event loop. It is rolled back if work raises
        (the error is raised here); callbacks it registered with `unit.after_commit` run here once committed.

        Units that wait for the writer meanwhile are committed together (a group commit): one trip and one
        COMMIT for all; one that raises is rolled back alone (the group then runs again, each unit in a savepoint
        of its own: see _transact_many). Each caller returns only once its unit is committed.
        """
        entry = _QueuedUnit(work, asyncio.get_running_loop().create_future(), contended=contended)
        self._queued.append(entry)
        if self._writing is None:
            self._writing = asyncio.create_task(self._write_queued(), name="samvad-db-writes")
        try:
            return await asyncio.shield(entry.outcome)
        except asyncio.CancelledError:
            if entry in self._queued:  # not taken into a batch yet: it never runs
                self._queued.remove(entry)
            raise

    async def write_apart(self, work: Callable[[Unit], T]) -> T:
        """write for a small unit that must not wait behind the writer's trips (the poller's store of a batch, which
        Telegram's next batch waits for). A server backend runs it on a connection of its own, in a transaction of
        its own; SQLite has one writer: here it is write."""
        return await self.write(work)

    async def _write_queued(self) -> None:
        """Commit the queued units, a batch at a time, until none wait."""
        try:
            while self._queued:
                async with self._write_lock:
                    batch, self._queued = self._queued, []
                    # A unit that locks a row every instance writes goes last: the lock is then held
                    # from its statement to the COMMIT, not through the rest of the group.
                    batch.sort(key=_contended_last)
                    if batch:
                        await self._write_batch(batch)
        finally:
            self._writing = None

    async def _write_batch(self, batch: list[_QueuedUnit]) -> None:
        """Run queued units in one transaction and one trip; settle each one's outcome."""
        if self.traffic is not None:
            self.traffic.transactions += 1
        try:
            await self._reopen_writer_if_stale()
            writer = self._writable()
        except sqlite3.Error as error:
            self._note_failure(error)
            _fail_all(batch, _translate(error, self.path))
            return
        held: dict[str, Any] = {}  # one transaction: its units share what it holds
        for entry in batch:
            entry.unit = Unit(writer._conn, self.path, held)
        self._trip()
        try:
            await _on_thread(writer, _transact_many, batch)
        except BaseException as error:  # the transaction as a whole failed: no unit of it is committed
            if isinstance(error, sqlite3.Error):
                self._note_failure(error)
                error = _translate(error, self.path)
            _fail_all(batch, error)
            if not isinstance(error, Exception):
                raise
            return
        _settle_all(batch, self._failed_write)
        for entry in batch:
            if entry.error is None and entry.unit is not None:
                for callback in entry.unit.committed_callbacks:
                    try:
                        callback()
                    except Exception:  # the unit is committed: a failing callback must not undo the others'
                        log.exception("a callback after a commit failed")

    async def read(self, work: Callable[[Unit], T]) -> T:
        """Run reads that serve one decision in one trip to the reader's thread, on one snapshot.

        Reads asked for while a trip of reads is under way go together in the next trip (as writes do): each
        runs on a snapshot taken after it was asked for, so it sees every write committed before; one that
        raises fails alone. Under a burst, the filter's read of who speaks and where costs a trip per batch of
        concurrent updates, not one per update.
        """
        entry = _QueuedRead(work, asyncio.get_running_loop().create_future())
        self._reads.append(entry)
        if self._reading is None:
            self._reading = asyncio.create_task(self._read_queued(), name="samvad-db-reads")
        try:
            return await asyncio.shield(entry.outcome)
        except asyncio.CancelledError:
            if entry in self._reads:  # not taken into a trip yet: it never runs
                self._reads.remove(entry)
            raise

    async def _read_queued(self) -> None:
        """Run the queued reads, a trip at a time, until none wait."""
        try:
            while self._reads:
                batch, self._reads = self._reads, []
                self._trip()
                unit = Unit(self._reader._conn, self.path)
                try:
                    await _on_thread(self._reader, _snapshot_many, unit, batch)
                except BaseException as error:  # the trip itself failed (the read transaction could not begin)
                    _fail_all(batch, _translate(error, self.path) if isinstance(error, sqlite3.Error) else error)
                    if not isinstance(error, Exception):
                        raise
                    continue
                _settle_all(batch, self._failed_read)
        finally:
            self._reading = None

    async def scrub(self) -> None:
        """Overwrite what was just forgotten: fold the write-ahead log into the file and empty it.

        With secure_delete on, SQLite zeroes freed content in the database file; the log
        still holds earlier page images until it is checkpointed and truncated.
        """
        async with self._write_lock:
            try:
                # The pragma answers a row: read it and close the statement, or it stays in progress on the
                # writer and the next COMMIT fails ("SQL statements in progress").
                async with self._writable().execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    await cursor.fetchall()
            except sqlite3.Error as error:
                log.warning("could not checkpoint %s after forgetting content: %s", self.path, error)

    def _writable(self) -> aiosqlite.Connection:
        # open_read_only() has no writer: a write through it is a programming error, not a state of the disk.
        assert self._writer is not None, f"{self.path} was opened read-only"
        return self._writer

    def _failed_write(self, error: BaseException) -> BaseException:
        """What a unit's caller is told of the error that failed it (a disk that went read-only noted first)."""
        if isinstance(error, sqlite3.Error):
            self._note_failure(error)
            return _translate(error, self.path)
        return error

    def _failed_read(self, error: BaseException) -> BaseException:
        return _translate(error, self.path) if isinstance(error, sqlite3.Error) else error

    def _note_failure(self, error: sqlite3.Error) -> None:
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
            self._writer_is_stale = True

    async def _reopen_writer_if_stale(self) -> None:
        if not self._writer_is_stale:
            return
        fresh = await _connect(self.path, self._busy_timeout_ms)
        stale, self._writer = self._writable(), fresh
        self._writer_is_stale = False
        try:
            await stale.close()
        except sqlite3.Error:
            log.warning("closing the stale writer connection failed", exc_info=True)

    # A read runs to its end in one trip to the reader's thread. Run step by step (execute, then fetch),
    # reads of concurrent tasks interleave on the one connection and keep its read transaction open, so
    # they go on seeing the data as it was when the first began: the delivery worker then saw a call it
    # had just marked sent as still owed, and posted it again.
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """One row of a read on the reader connection (committed data only)."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a read on the reader connection, as committed when the read began."""
        self._trip()
        try:
            return list(await self._reader.execute_fetchall(sql, params))
        except sqlite3.Error as error:
            raise _translate(error, self.path) from error

    async def iterate(self, sql: str, params: Params = (), *, chunk: int = 1000) -> AsyncIterator[Row]:
        """Stream a large read in chunks, for exports and verification."""
        try:
            async with self._reader.execute(sql, params) as cursor:
                while rows := await cursor.fetchmany(chunk):
                    for row in rows:
                        yield row
        except sqlite3.Error as error:
            raise _translate(error, self.path) from error


class Unit:
    """A connection as a unit of work sees it, on the connection's own thread: plain calls, no awaits."""

    dialect = "sqlite"  # storage.dialect.SQLITE; asked where a backend does a step its own way (the journal)

    def __init__(self, connection: sqlite3.Connection, path: Path, held: dict[str, Any] | None = None):
        self._connection = connection
        self._path = path
        self.committed_callbacks: list[Callable[[], None]] = []
        # What the units of one write transaction know for as long as it holds the write lock (the journal's
        # head: storage.journal), shared by the units committed together; a unit run again in a savepoint of its
        # own (one of them raised) gets a fresh one, since a rolled-back unit may have left it ahead.
        self.held: dict[str, Any] = {} if held is None else held

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call back (on the event loop) once the transaction has committed; never if it rolls back."""
        if callback not in self.committed_callbacks:
            self.committed_callbacks.append(callback)

    def lock(self, name: str) -> None:
        """Hold a lock named name until the transaction ends. SQLite has one writer at a time: nothing to do
        (on PostgreSQL, an advisory lock other instances wait for)."""

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the last inserted rowid (0 when none)."""
        cursor = self._connection.execute(sql, params)
        if cursor.rowcount <= 0:
            return 0
        return cursor.lastrowid or 0

    def execute_counting(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        return self._connection.execute(sql, params).rowcount

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for many parameter rows."""
        self._connection.executemany(sql, rows)

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """One row of a read (inside a transaction, it sees the transaction's own writes)."""
        return self._connection.execute(sql, params).fetchone()

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a read."""
        return self._connection.execute(sql, params).fetchall()

    def execute_soon(self, sql: str, params: Params = (), *, then: Callable[[Row | None], object] | None = None) -> None:
        """Run a statement whose rows the unit reads no further; `then` is given its first row (None for none)
        before the transaction commits, and what it raises fails the unit. On PostgreSQL the statement goes with
        the connection's next one, in one round trip; here (a step in this process, not a round trip) at once."""
        rows = self._connection.execute(sql, params).fetchall()
        if then is not None:
            then(rows[0] if rows else None)


def _transact(unit: Unit, work: Callable[[Unit], T]) -> T:
    """On the writer's thread: BEGIN, the work, COMMIT; ROLLBACK if anything raised."""
    connection = unit._connection
    connection.execute("BEGIN IMMEDIATE")
    try:
        result = work(unit)
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise
    return result


def _roll_back(connection: sqlite3.Connection) -> None:
    """On the writer's thread: undo the open transaction, if SQLite has not already (a failed rollback is logged)."""
    if connection.in_transaction:
        try:
            connection.execute("ROLLBACK")
        except sqlite3.Error:
            log.warning("rollback failed", exc_info=True)


def _contended_last(entry: _QueuedUnit) -> bool:
    return entry.contended


class _QueuedUnit:
    """A unit of work waiting for the writer, and what became of it."""

    def __init__(self, work: Callable[[Unit], Any], outcome: asyncio.Future[Any], *, contended: bool = False):
        self.work = work
        self.contended = contended
        self.outcome = outcome
        self.unit: Unit | None = None
        self.result: Any = None
        self.error: BaseException | None = None


def _transact_many(batch: list[_QueuedUnit]) -> None:
    """On the writer's thread: BEGIN, each unit, COMMIT; in savepoints only once a unit of the group raised.

    A SAVEPOINT and its RELEASE were two statements a unit, and each SAVEPOINT makes FTS5 write what the units
    before it added to the search index as a segment of its own (its xSavepoint flushes), so a group of n units
    wrote up to n small segments for SQLite to merge later, where one COMMIT writes one. Units rarely raise:
    when one does, nothing of the group is committed and it runs again, each unit in its savepoint, so the
    unit that raised is rolled back alone (units are plain functions of their Unit: running one again is safe,
    as PostgreSQL's group commit does too). If the transaction itself is lost (or the COMMIT fails) the error
    is raised for all.
    """
    if len(batch) == 1:
        entry = batch[0]
        assert entry.unit is not None
        try:
            entry.result = _transact(entry.unit, entry.work)
        except Exception as error:  # the unit was rolled back: its caller gets the error
            entry.error = error
        return
    connection = batch[0].unit._connection if batch[0].unit is not None else None
    assert connection is not None
    connection.execute("BEGIN IMMEDIATE")
    try:
        for entry in batch:
            assert entry.unit is not None
            try:
                entry.result = entry.work(entry.unit)
            except Exception as error:
                raise _UnitRaised() from error
        connection.execute("COMMIT")
        return
    except _UnitRaised:
        _roll_back(connection)
    except BaseException:
        _roll_back(connection)
        raise
    for entry in batch:  # nothing was committed: each unit again, from a fresh Unit (no callbacks of the first run)
        assert entry.unit is not None
        entry.unit = Unit(connection, entry.unit._path)
        entry.result = None
    _transact_in_savepoints(connection, batch)


class _UnitRaised(Exception):
    """A unit of a group run without savepoints raised: the group is rolled back and run again in savepoints."""


def _transact_in_savepoints(connection: sqlite3.Connection, batch: list[_QueuedUnit]) -> None:
    """BEGIN, each unit in a savepoint of its own, COMMIT: a unit that raises is rolled back to its savepoint and
    the others go on."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        for entry in batch:
            assert entry.unit is not None
            connection.execute("SAVEPOINT unit")
            try:
                entry.result = entry.work(entry.unit)
            except Exception as error:
                entry.error = error
                if not connection.in_transaction:
                    raise  # SQLite rolled the whole transaction back: nothing of the batch is kept
                connection.execute("ROLLBACK TO unit")
            connection.execute("RELEASE unit")
        connection.execute("COMMIT")
    except BaseException:
        _roll_back(connection)
        raise


def _fail_all(batch: Sequence[_QueuedUnit | _QueuedRead], error: BaseException) -> None:
    for entry in batch:
        entry.error = error
        if not entry.outcome.done():
            entry.outcome.set_exception(error)


def _settle_all(batch: Sequence[_QueuedUnit | _QueuedRead], told: Callable[[BaseException], BaseException]) -> None:
    """After a trip: each entry not yet answered gets its result, or the error told of what failed it alone."""
    for entry in batch:
        if entry.outcome.done():
            continue
        if entry.error is not None:
            entry.outcome.set_exception(told(entry.error))
        else:
            entry.outcome.set_result(entry.result)


class _QueuedRead:
    """A read waiting for the reader, and what became of it."""

    def __init__(self, work: Callable[[Unit], Any], outcome: asyncio.Future[Any]):
        self.work = work
        self.outcome = outcome
        self.result: Any = None
        self.error: BaseException | None = None


def _snapshot_many(unit: Unit, batch: list[_QueuedRead]) -> None:
    """On the reader's thread: the reads queued together, on one snapshot taken after each was asked for."""
    if len(batch) == 1:
        entry = batch[0]
        try:
            entry.result = _snapshot(unit, entry.work)
        except Exception as error:
            entry.error = error
        return
    connection = unit._connection
    connection.execute("BEGIN")
    try:
        for entry in batch:
            try:
                entry.result = entry.work(unit)
            except Exception as error:  # this read's caller gets the error; the others go on
                entry.error = error
    finally:
        if connection.in_transaction:
            connection.execute("COMMIT")


def _snapshot(unit: Unit, work: Callable[[Unit], T]) -> T:
    """On the reader's thread: the work's reads in one read transaction, so they see one state."""
    connection = unit._connection
    connection.execute("BEGIN")
    try:
        return work(unit)
    finally:
        connection.execute("COMMIT")


def _trace(connection: aiosqlite.Connection, callback: Callable[[str], None]) -> None:
    connection._conn.set_trace_callback(callback)


async def _on_thread(connection: aiosqlite.Connection, fn: Callable[..., T], *args: Any) -> T:
    """Run fn on the connection's thread in one hand-off (aiosqlite's own queue, as its execute uses)."""
    return await connection._execute(fn, *args)


class Steps(Protocol):
    """What a step that only adds to a transaction needs of it: a Transaction, or a unit of work's steps gathered
    before the unit runs (runtime.delivery's settlement of a call)."""

    def defer(self, work: Callable[[Unit], object]) -> None:
        """Run work as a step of the transaction, in the trip that commits it."""

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call back once the transaction has committed; never if it rolls back."""


class Transaction:
    """The writer connection inside an open transaction (begun with its first statement)."""

    def __init__(self, connection: aiosqlite.Connection, path: Path, db: Database | None = None):
        self._connection = connection
        self._path = path
        self._db = db
        self.begun = False  # BEGIN IMMEDIATE has been sent (with the first statement, in its trip)
        self.deferred: list[Callable[[Unit], object]] = []
        self.committed_callbacks: list[Callable[[], None]] = []

    def defer(self, work: Callable[[Unit], object]) -> None:
        """Run work as the transaction's last step, in the trip that commits it (it returns nothing to the caller;
        an error in it rolls the whole transaction back and is raised where the block ends)."""
        self.deferred.append(work)

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Call back (synchronously) once this transaction has committed; never if it rolls back."""
        if callback not in self.committed_callbacks:
            self.committed_callbacks.append(callback)

    async def run(self, work: Callable[[Unit], T]) -> T:
        """Run a step of this transaction (several statements) in one trip to the writer's thread."""
        unit = Unit(self._connection._conn, self._path)
        first = not self.begun
        if self._db is not None:
            self._db._trip()
            if first and self._db.traffic is not None:
                self._db.traffic.transactions += 1
        try:
            if first:
                result = await _on_thread(self._connection, _first_step, self, unit, work)
            else:
                result = await _on_thread(self._connection, work, unit)
        except sqlite3.Error as error:
            raise _translate(error, self._path) from error
        for callback in unit.committed_callbacks:
            self.after_commit(callback)
        return result

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the last inserted rowid (0 when none)."""
        return await self.run(lambda unit: unit.execute(sql, params))

    async def execute_counting(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        return await self.run(lambda unit: unit.execute_counting(sql, params))

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for many parameter rows."""
        await self.run(lambda unit: unit.executemany(sql, rows))

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        """Read inside the transaction (sees its own uncommitted writes)."""
        return await self.run(lambda unit: unit.fetchone(sql, params))

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a read inside the transaction."""
        return await self.run(lambda unit: unit.fetchall(sql, params))


def _commit(tx: Transaction, unit: Unit) -> None:
    """On the writer's thread: the transaction's deferred steps and its COMMIT (BEGIN first if none ran yet)."""
    if not tx.begun:
        unit._connection.execute("BEGIN IMMEDIATE")
        tx.begun = True
    for work in tx.deferred:
        work(unit)
    unit._connection.execute("COMMIT")


def _first_step(tx: Transaction, unit: Unit, work: Callable[[Unit], T]) -> T:
    """On the writer's thread: open the transaction, then run its first step (a failed BEGIN runs nothing)."""
    unit._connection.execute("BEGIN IMMEDIATE")
    tx.begun = True
    return work(unit)


async def _connect(path: Path, busy_timeout_ms: int, *, query_only: bool = False) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(path, isolation_level=None)
    connection.row_factory = sqlite3.Row
    try:
        await connection.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        await connection.execute("PRAGMA foreign_keys = ON")
        if query_only:
            await connection.execute("PRAGMA query_only = ON")
        else:
            await _switch_to_wal(connection, busy_timeout_ms)
            # Deleted or overwritten content (a forgotten /check draft, an erased body) is zeroed on disk.
            await connection.execute("PRAGMA secure_delete = ON")
            # NORMAL in WAL mode keeps the database consistent after a crash and
            # loses at most the last commits on a power cut, not on a process kill.
            await connection.execute("PRAGMA synchronous = NORMAL")
    except BaseException:
        await connection.close()
        raise
    return connection


async def _switch_to_wal(connection: aiosqlite.Connection, busy_timeout_ms: int) -> None:
    """Turn on WAL, waiting for another process that is creating the same file.

    SQLite answers BUSY at once here instead of waiting (waiting could deadlock), so we wait ourselves.
    """
    deadline = asyncio.get_running_loop().time() + busy_timeout_ms / 1000
    while True:
        try:
            async with connection.execute("PRAGMA journal_mode = WAL") as cursor:  # read and closed: see scrub
                await cursor.fetchall()
            return
        except sqlite3.OperationalError as error:
            if unavailability(error) is None or asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.01)


async def _migrate(connection: aiosqlite.Connection, path: Path) -> None:
    """Apply pending migrations in one transaction, taken before reading the version.

    Two processes opening a new file at once (the bot and a CLI command) would
    otherwise both see version 0 and both try to create the tables.
    """
    migrations = available_migrations()
    try:
        await connection.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise _translate(error, path) from error
    try:
        async with connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
            assert row is not None  # the pragma always answers
            current = row[0]
        if current > len(migrations):
            raise MigrationError(
                f"{path} is at schema version {current}, newer than this Samvad knows "
                f"({len(migrations)}); upgrade Samvad before opening it"
            )
        for version, name, sql in migrations[current:]:
            log.info("applying migration %s to %s", name, path)
            for statement in split_statements(sql):
                await connection.execute(statement)
            await connection.execute(f"PRAGMA user_version = {version}")
        await connection.execute("COMMIT")
    except sqlite3.Error as error:
        await _rollback_quietly(connection)
        reason = unavailability(error)
        if reason:
            raise StorageUnavailable(path, reason) from error
        raise MigrationError(f"migrating {path} failed: {error}") from error
    except BaseException:
        await _rollback_quietly(connection)
        raise


def split_statements(sql: str) -> list[str]:
    """A migration script as single statements (a trigger's body stays whole)."""
    statements, current = [], ""
    for piece in sql.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n\t;") and not _only_comments(current):
                statements.append(current.strip())
            current = ""
    return statements


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.strip().startswith("--") for line in text.strip().rstrip(";").splitlines())


async def _rollback_quietly(connection: aiosqlite.Connection) -> None:
    try:
        if connection.in_transaction:
            await connection.execute("ROLLBACK")
    except sqlite3.Error:
        log.warning("rollback failed", exc_info=True)


def _translate(error: sqlite3.Error, path: Path) -> Exception:
    reason = unavailability(error)
    if reason:
        return StorageUnavailable(path, reason)
    return error
