"""The PostgreSQL backend behind the same storage API as SQLite's `Database` (issue 17).

`PostgresDatabase` has `Database`'s surface (write/read/transaction/fetchone/fetchall/iterate, units of
work, group commit, after-commit callbacks), so the storage modules and the domain run on either.

How it is built, and why so: a unit of work is a plain synchronous function of a `Unit`, as on SQLite,
so it runs whole on a thread that owns a synchronous psycopg 3 connection, as aiosqlite runs units on
its thread: one hand-off per unit, BEGIN ... COMMIT in it, statements sent one by one on that thread
(each a round trip of about 0.1 ms of server CPU on a local socket; no event-loop wake-up between
them). Keeping units synchronous keeps one storage layer for both backends; an async driver (asyncpg,
or psycopg's async connection) would need every unit rewritten as a coroutine. psycopg 3 rather than
asyncpg: it has a synchronous API for exactly this, libpq underneath it to call directly, a maintained
pool, and libpq's URLs.

There is one writer connection (writes of this process are serialised, as on SQLite, which keeps the
domain's read-then-write steps race-free within a process) and one reader connection (committed data
only; reads asked for together share a trip and one REPEATABLE READ snapshot, as on SQLite). Across
processes, PostgreSQL's row locks and the `Unit.lock(name)` advisory lock (the journal's head) keep appends
in one chain; serialization failures and deadlocks are retried a few times before the error reaches the caller.

What a statement costs here was mostly psycopg's Python around it: about 45 us of client CPU and 95 us of
wall time for a small prepared read through a reused cursor on this 2-core VM (3 Dec 2026). So a unit's
statements go to libpq directly (see _Session: 14 us and 34 us), prepared on the server from their second
use, with psycopg's own adapters for the parameters and the values; rows are sqlite3.Row, as on SQLite.
The units committed together as a group run statement by statement in one transaction, without a
savepoint per unit unless one of them raises. Until 3 Dec 2026 they went in psycopg's pipeline mode: its
Python per statement was a fifth of the bot's GIL time under a burst (py-spy), while a wait for the server
holds no CPU. BEGIN, COMMIT and ROLLBACK go to libpq too.

Since 5 Dec 2026 libpq's own pipeline mode saves round trips where nothing needs an answer in between
(_pipelined): a transaction's BEGIN waits to go with its first statement (a transaction that runs none sends
neither BEGIN nor COMMIT), and a statement a unit sends with `Unit.execute_soon` (it reads no rows of it; a check
of them can come back later) goes with the unit's next statement or the COMMIT. Its error still fails its own
unit: the group is then run again unit by unit, each unit's statements sent before its savepoint is released.

The SQL is SQLite's, rewritten per statement by storage.dialect (cached).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import queue
import re
import select
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import psycopg.errors
from psycopg import pq
from psycopg.adapt import Dumper, Loader, PyFormat, Transformer
from psycopg.rows import RowMaker, tuple_row

from storage import dialect, postgres
from storage.database import Database, Params, Traffic, Transaction, Unit, _fail_all, _QueuedRead, _QueuedUnit, _settle_all
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


# The writer's and the reader's rows come as plain tuples (psycopg's Transformer builds them fastest) and are
# given their names here as sqlite3.Row, the SQLite backend's own rows (so both backends hand the domain the
# same kind of row), made by one maker per statement, found once (its columns never change within a run).
# sqlite3.Row is C: reading a column by name costs a sixth of PgRow's Python __getitem__ (48 against 324 ns
# for a name and an index; about 2% of the bot's CPU a message on PostgreSQL, py-spy 3 Dec 2026).
_ROW_MAKERS: dict[str, Callable[[Sequence[Any]], Any]] = {}
# Only its cursors' descriptions are used: a Row takes its column names from the cursor it is given.
_SHAPES = sqlite3.connect(":memory:", check_same_thread=False)
_SHAPES_LOCK = threading.Lock()


def _named(sql: str, result: pq.abc.PGresult) -> Callable[[Sequence[Any]], Any]:
    make = _ROW_MAKERS.get(sql)
    if make is None:
        names = (result.fname(i) for i in range(result.nfields))
        make = _row_maker(tuple(bytes(name or b"").decode() for name in names))
        if len(_ROW_MAKERS) > 4096:
            _ROW_MAKERS.clear()
        _ROW_MAKERS[sql] = make
    return make


@lru_cache(maxsize=2048)
def _row_maker(names: tuple[str, ...]) -> Callable[[Sequence[Any]], Any]:
    """A row of these columns from a tuple of values: a sqlite3.Row (by index, by name, keys())."""
    if not names:
        return _row_class(names)
    columns = ", ".join('NULL AS "' + name.replace('"', '""') + '"' for name in names)
    with _SHAPES_LOCK:
        shape = _SHAPES.execute(f"SELECT {columns}")  # noqa: S608 - quoted names, no values
        shape.fetchall()
    return functools.partial(sqlite3.Row, shape)


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


class _Thread:
    """One connection's own thread: every trip to the connection is one hand-off to it.

    A queue and a thread of its own rather than a ThreadPoolExecutor: the executor's submit (a concurrent
    Future, a work item, its idle-thread bookkeeping) and asyncio.wrap_future's chaining cost the event loop
    about a tenth of the bot's CPU on PostgreSQL (py-spy, 3 Dec 2026); here a trip is a queue put and one
    call_soon_threadsafe back. As with the executor, work whose caller was cancelled before it began is skipped.
    """

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[tuple[asyncio.AbstractEventLoop, asyncio.Future[Any], Callable[..., Any],
                                             tuple[Any, ...]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._stopped = False
        self._thread.start()

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._stopped:  # as the executor did: nothing would ever answer
            raise RuntimeError("cannot schedule new work after shutdown")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put((loop, future, fn, args))
        return await future

    def _serve(self) -> None:
        while (item := self._queue.get()) is not None:
            loop, future, fn, args = item
            if future.cancelled():
                continue
            try:
                result = fn(*args)
            except BaseException as error:  # noqa: BLE001 - handed to the caller, whatever it is
                _settle_soon(loop, future, None, error)
            else:
                _settle_soon(loop, future, result, None)
            del item, future, fn, args

    def shutdown(self) -> None:
        self._stopped = True
        self._queue.put(None)
        self._thread.join()


def _settle_soon(loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any], result: Any,
                 error: BaseException | None) -> None:
    try:
        loop.call_soon_threadsafe(_settle, future, result, error)
    except RuntimeError:  # the loop is closed: nobody waits for the answer any more
        pass


def _settle(future: asyncio.Future[Any], result: Any, error: BaseException | None) -> None:
    if future.cancelled():
        return
    if error is None:
        future.set_result(result)
    else:
        future.set_exception(error)


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
    """A PostgreSQL connection as a unit of work sees it, on the connection's own thread: each statement
    one call into libpq (see _Session)."""

    dialect = dialect.POSTGRESQL

    def __init__(self, connection: psycopg.Connection[Any], db: PostgresDatabase):
        self._pg = connection
        self._path = db.path
        self._db = db
        self.committed_callbacks = []
        _session(connection).traffic = db.traffic

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

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the inserted row's integer key (SQLite's lastrowid; 0 when none)."""
        result = _execute(self._pg, self._sql(sql, returning=True), params)
        if not result.ntuples or not result.nfields:
            return 0
        loader = _session(self._pg).loader
        loader.set_pgresult(result)
        value = loader.load_row(0, tuple)[0]
        return 0 if value is None else int(value)

    def execute_counting(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns how many rows it changed."""
        return _execute(self._pg, self._sql(sql), params).command_tuples or 0

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        """Run one statement for many parameter rows: an INSERT of several rows as one statement with
        their VALUES (each statement costs the bot and the server about as much as a small read, and an
        instruction names a dozen people); other statements row by row."""
        rows = list(rows)
        statement = self._sql(sql)
        values = _values_of_insert(statement) if len(rows) > 1 else None
        if values is None:
            for row in rows:
                _execute(self._pg, statement, row)
            return
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            several = statement.replace(values, ", ".join([values] * len(chunk)), 1)
            _execute(self._pg, several, [value for row in chunk for value in row])

    def fetchone(self, sql: str, params: Params = ()) -> Any:
        """One row of a read (inside a transaction, it sees the transaction's own writes)."""
        result = _execute(self._pg, self._sql(sql), params)
        if not result.ntuples:
            return None
        loader = _session(self._pg).loader
        loader.set_pgresult(result)
        return _named(sql, result)(loader.load_row(0, tuple))

    def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        """Every row of a read."""
        result = _execute(self._pg, self._sql(sql), params)
        if not result.ntuples:
            return []
        loader = _session(self._pg).loader
        loader.set_pgresult(result)
        return list(map(_named(sql, result), loader.load_rows(0, result.ntuples, tuple)))

    def lock(self, name: str) -> None:
        """Hold a lock named name until this transaction ends (other instances wait for it)."""
        _execute(self._pg, "SELECT pg_advisory_xact_lock(%s)", (dialect.lock_key(name),))

    def execute_soon(self, sql: str, params: Params = (), *, then: Callable[[Any], object] | None = None) -> None:
        """Run a statement whose rows the unit reads no further: it goes with the connection's next statement (or
        the COMMIT) in one round trip, and `then` is given its first row (None for none) when it comes back,
        before the transaction commits. Its error, or what `then` raises, fails the unit (see _pipelined)."""
        if isinstance(params, dict):
            raise psycopg.ProgrammingError("execute_soon takes positional parameters")
        session = _session(self._pg)
        statement = self._sql(sql)
        session.queued.append(_Queued(_call(self._pg, session, statement, params), sql, then))


class _Session:
    """What this process keeps per connection to send statements through libpq directly.

    psycopg's cursor costs about 45 us of the bot's CPU for a small prepared read on this VM, and 95 us
    of wall time; libpq's exec_prepared with the same parameters dumped and rows loaded by psycopg's own
    Transformer (its C adapters: the same types both ways) costs 14 us and 34 us (measured 3 Dec 2026).
    A statement is prepared on the server at its second use (psycopg did at its fifth) under a name of
    ours, per parameter types as psycopg chooses them (an int is int2, int4 or int8 by its value).

    What waits to go with the connection's next statement (see _pipelined): a BEGIN (`begin`: a transaction
    is begun with its first statement, not in a round trip of its own) and the statements units sent
    without reading their rows (`queued`: Unit.execute_soon).
    """

    PREPARED_MAX = 2000

    def __init__(self, connection: psycopg.Connection[Any]):
        self.connection = connection
        self.dumper = Transformer(connection)
        self.loader = Transformer(connection)
        self.prepared: dict[tuple[bytes, tuple[int, ...]], bytes] = {}
        self.seen: set[tuple[bytes, tuple[int, ...]]] = set()
        self.serial = 0
        self.begin: bytes | None = None
        self.queued: list[_Queued] = []
        self.traffic: Traffic | None = None  # the database's debug counter, when on (round_trips)

    def round_trip(self) -> None:
        if self.traffic is not None:
            self.traffic.round_trips += 1

    def forget_waiting(self) -> None:
        """Drop what waits to be sent (the transaction it belonged to is rolled back)."""
        self.begin = None
        self.queued = []


def _session(connection: psycopg.Connection[Any]) -> _Session:
    session: _Session | None = getattr(connection, "_samvad_session", None)
    if session is None:
        session = _Session(connection)
        connection._samvad_session = session  # type: ignore[attr-defined]
    return session


class _Call:
    """One statement ready for libpq: by its prepared name, or its text with the parameters' types."""

    __slots__ = ("query", "name", "values", "types", "wire")

    def __init__(self, query: bytes, name: bytes | None, values: Sequence[Any], types: Sequence[int],
                 wire: Sequence[pq.Format]):
        self.query, self.name, self.values, self.types, self.wire = query, name, values, types, wire

    def run(self, pgconn: pq.abc.PGconn) -> pq.abc.PGresult:
        """Send it and wait for its result (libpq's blocking call, the GIL released meanwhile)."""
        if self.name is None:
            return pgconn.exec_params(self.query, self.values, self.types, self.wire)
        return pgconn.exec_prepared(self.name, self.values, self.wire)

    def send(self, pgconn: pq.abc.PGconn) -> None:
        """Put it in the pipeline under way."""
        if self.name is None:
            pgconn.send_query_params(self.query, self.values, self.types, self.wire)
        else:
            pgconn.send_query_prepared(self.name, self.values, self.wire)


class _Queued:
    """A statement sent with the next one (Unit.execute_soon), and what is done with its first row when it comes
    back."""

    __slots__ = ("call", "sql", "then")

    def __init__(self, call: _Call, sql: str, then: Callable[[Any], object] | None):
        self.call, self.sql, self.then = call, sql, then


_AUTO: dict[int, list[PyFormat]] = {}


def _execute(connection: psycopg.Connection[Any], statement: str, params: Params) -> pq.abc.PGresult:
    """Run one statement (psycopg's %s placeholders) on the connection's thread; its result, checked. What waits
    to be sent (a BEGIN, statements units sent) goes before it, in the same round trip."""
    session = _session(connection)
    if isinstance(params, dict):  # named parameters: psycopg's own path (Samvad's SQL uses none today)
        _flush(connection, session)
        cursor = connection.cursor()
        cursor.execute(statement, params)
        result = cursor.pgresult
        assert result is not None
        return result
    call = _call(connection, session, statement, params)
    if session.begin is None and not session.queued:
        session.round_trip()
        return _check(connection, call.run(connection.pgconn))
    return _pipelined(connection, session, call)


def _call(connection: psycopg.Connection[Any], session: _Session, statement: str, params: Sequence[Any]) -> _Call:
    """The statement with its parameters dumped, prepared on the server at its second use (that costs a round trip
    of its own, once)."""
    query, count = _numbered(statement)
    if len(params) != count:
        raise psycopg.ProgrammingError(f"the statement needs {count} parameters, {len(params)} given")
    if count:
        formats = _AUTO.get(count)
        if formats is None:
            formats = _AUTO[count] = [PyFormat.AUTO] * count
        values: Sequence[Any] = session.dumper.dump_sequence(params, formats)
        types: tuple[int, ...] = session.dumper.types or ()
        wire: Sequence[pq.Format] = session.dumper.formats or ()
    else:
        values, types, wire = (), (), ()
    key = (query, types)
    name = session.prepared.get(key)
    if name is None and key in session.seen:
        pgconn = connection.pgconn
        if len(session.prepared) >= session.PREPARED_MAX:
            session.round_trip()
            _check(connection, pgconn.exec_(b"DEALLOCATE ALL"))
            session.prepared.clear()
        session.serial += 1
        name = b"samvad_%d" % session.serial
        session.round_trip()
        _check(connection, pgconn.prepare(name, query, types))
        session.prepared[key] = name
        session.seen.discard(key)
    if name is None:
        if len(session.seen) > 4 * session.PREPARED_MAX:
            session.seen.clear()
        session.seen.add(key)
    return _Call(query, name, values, types, wire)


def _pipelined(connection: psycopg.Connection[Any], session: _Session, last: _Call) -> pq.abc.PGresult:
    """The waiting BEGIN, the queued statements and `last` in one round trip (libpq's pipeline mode); each queued
    statement's `then` given its first row, in order; last's result. The first error of them is raised (the
    statements after it are not run: the transaction is aborted), once every result is in."""
    begin, queued = session.begin, session.queued
    session.begin, session.queued = None, []
    session.round_trip()
    pgconn = connection.pgconn
    pgconn.enter_pipeline_mode()
    try:
        if begin is not None:
            pgconn.send_query_params(begin, None)
        for waiting in queued:
            waiting.call.send(pgconn)
        last.send(pgconn)
        pgconn.pipeline_sync()
        results = _pipeline_results(pgconn)
    finally:
        if pgconn.pipeline_status != pq.PipelineStatus.OFF:
            try:
                pgconn.exit_pipeline_mode()
            except psycopg.Error:  # results left uncollected (the wait cut short): a new connection at next use
                connection.close()
    if len(results) != (begin is not None) + len(queued) + 1:
        raise psycopg.OperationalError(pgconn.get_error_message() or "the connection to the server is lost")
    at = 0
    if begin is not None:
        _check(connection, results[0])
        at = 1
    for waiting, result in zip(queued, results[at:], strict=False):
        _check(connection, result)
        if waiting.then is not None:
            waiting.then(_first_row(session, waiting.sql, result))
    return _check(connection, results[-1])


def _pipeline_results(pgconn: pq.abc.PGconn) -> list[pq.abc.PGresult]:
    """The results up to the pipeline's sync point. libpq's PQgetResult would wait holding the GIL (psycopg calls it
    only once a result is in), so the wait is poll's, on the connection's socket (poll, not select: any descriptor
    number)."""
    results: list[pq.abc.PGresult] = []
    readable = select.poll()
    readable.register(pgconn.socket, select.POLLIN)
    while True:
        while pgconn.is_busy():
            readable.poll()
            pgconn.consume_input()
        result = pgconn.get_result()
        if result is None:
            if pgconn.status != pq.ConnStatus.OK:
                return results
            continue
        if result.status == pq.ExecStatus.PIPELINE_SYNC:
            return results
        results.append(result)


def _first_row(session: _Session, sql: str, result: pq.abc.PGresult) -> Any:
    if not result.ntuples:
        return None
    loader = session.loader
    loader.set_pgresult(result)
    return _named(sql, result)(loader.load_row(0, tuple))


def _flush(connection: psycopg.Connection[Any], session: _Session | None = None) -> None:
    """Send what waits (a BEGIN, queued statements) now, with nothing after it."""
    session = session or _session(connection)
    if session.queued:
        last = session.queued.pop()
        result = _pipelined(connection, session, last.call)
        if last.then is not None:
            last.then(_first_row(session, last.sql, result))
    elif session.begin is not None:
        begin, session.begin = session.begin, None
        _command(connection, begin.decode())


def _check(connection: psycopg.Connection[Any], result: pq.abc.PGresult) -> pq.abc.PGresult:
    status = result.status
    if status == pq.ExecStatus.TUPLES_OK or status == pq.ExecStatus.COMMAND_OK:
        return result
    pgconn = connection.pgconn
    if pgconn.status == pq.ConnStatus.BAD:
        raise psycopg.OperationalError(pgconn.get_error_message() or "the connection to the server is lost")
    raise psycopg.errors.error_from_result(result, encoding=connection.info.encoding)


_PLACEHOLDER = re.compile(r"%(%|s)")


@lru_cache(maxsize=4096)
def _numbered(statement: str) -> tuple[bytes, int]:
    """psycopg's `%s` placeholders as PostgreSQL's `$1, $2 ...` (and `%%` as `%`); their count."""
    count = 0

    def number(match: re.Match[str]) -> str:
        nonlocal count
        if match.group(1) == "%":
            return "%"
        count += 1
        return f"${count}"

    return _PLACEHOLDER.sub(number, statement).encode(), count


# An INSERT's one row of placeholders, where repeating it inserts several rows the same way: a plain INSERT or
# one that skips conflicting rows (an upsert that updates could meet its own row twice in one statement).
_INSERT_VALUES = re.compile(r"^INSERT\s+INTO\s+\w+\s*\([^()]*\)\s*VALUES\s*(\((?:%s\s*,\s*)*%s\))"
                            r"(\s+ON\s+CONFLICT\s+DO\s+NOTHING)?$", re.IGNORECASE)
_ROWS_PER_INSERT = 100


@lru_cache(maxsize=1024)
def _values_of_insert(statement: str) -> str | None:
    """The `(%s, ...)` of an INSERT whose rows can be sent together in one statement; None otherwise."""
    match = _INSERT_VALUES.match(statement.strip())
    return match.group(1) if match else None


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
        # write_apart's connection and thread, opened at its first unit (only the poller's store uses it).
        self._pg_apart: psycopg.Connection[Any] | None = None
        self._apart_thread: _Thread | None = None
        self._apart_lock = asyncio.Lock()
        self._reader_thread = _Thread("samvad-pg-reader")
        self.integer_keys = integer_keys
        self._returning_sql: dict[str, str] = {}  # statement -> as sent by PgUnit.execute (RETURNING its key)
        self._write_lock = asyncio.Lock()
        self._queued: list[_QueuedUnit] = []
        self._reads: list[_QueuedRead] = []  # reads waiting for the reader (run together by read())
        self._reading: asyncio.Task[None] | None = None
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
        """Close the connections and their threads."""
        for connection, thread in ((self._pg_reader, self._reader_thread), (self._pg_writer, self._writer_thread),
                                   (self._pg_apart, self._apart_thread)):
            if thread is None:
                continue
            try:
                if connection is not None:
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
            await self._writer_thread.run(_transact_apart, writer, _parts(batch) if self.others_live else [batch])
        except BaseException as error:
            translated = self._error(error)
            _fail_all(batch, translated)
            if not isinstance(translated, Exception):
                raise
            return
        _settle_all(batch, self._error)
        for entry in batch:
            if entry.error is None and entry.unit is not None:
                for callback in entry.unit.committed_callbacks:
                    try:
                        callback()
                    except Exception:
                        log.exception("a callback after a commit failed")

    async def write_apart(self, work: Callable[[Unit], T]) -> T:
        """A unit of work on a connection of its own, one at a time: it waits for no trip of the writer's (a trip
        commits dozens of units, each several round trips: the poller's store of a batch waited 96-103 ms for the
        writer in a burst, and Telegram's next batch waited for it). Its rows are committed before it returns, so
        a unit the writer runs after that sees them."""
        if self._pg_writer is None:
            raise ServerUnavailable(self.where, "opened read-only")
        async with self._apart_lock:
            if self._apart_thread is None:
                self._apart_thread = _Thread("samvad-pg-apart")
            entry = _QueuedUnit(work, asyncio.get_running_loop().create_future())
            if self.traffic is not None:
                self.traffic.transactions += 1
            self._trip()
            try:
                connection = await self._apart_thread.run(self._apart_connection)
                entry.unit = PgUnit(connection, self)
                await self._apart_thread.run(_transact_many, connection, [entry])
            except BaseException as error:
                translated = self._error(error)
                _fail_all([entry], translated)
                if not isinstance(translated, Exception):
                    raise
            _settle_all([entry], self._error)
        if entry.error is None and entry.unit is not None:
            for callback in entry.unit.committed_callbacks:
                callback()
        return await entry.outcome

    def _apart_connection(self) -> psycopg.Connection[Any]:
        """write_apart's connection, on its thread: connected at first use and again after a lost link."""
        if self._pg_apart is None or self._pg_apart.closed or self._pg_apart.broken:
            old, self._pg_apart = self._pg_apart, None
            self._pg_apart = (_connect(self.url, self._options, named_rows=False) if old is None
                              else _reconnect(old, self.url, self._options))
        return self._pg_apart

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

    # read(work) is Database's: reads asked for while a trip of reads is under way go together in the next
    # trip, on one REPEATABLE READ snapshot taken after each was asked for: one BEGIN and one ROLLBACK for the
    # batch (a read alone in its trip was 3,000 of each among the server's 58,500 statements for 3,000
    # messages of `samvad bench`, pg_stat_statements, 3 Dec 2026).

    async def _read_queued(self) -> None:
        """Run the queued reads, a trip at a time, until none wait."""
        try:
            while self._reads:
                batch, self._reads = self._reads, []
                self._trip()
                try:
                    await self._reader_thread.run(self._snapshot_many, batch)
                except BaseException as error:  # the reader could not be reached at all
                    _fail_all(batch, self._error(error))
                    if not isinstance(error, Exception):
                        raise
                    continue
                _settle_all(batch, self._error)
        finally:
            self._reading = None

    def _snapshot_many(self, batch: list[_QueuedRead]) -> None:
        """On the reader's thread: each read of the batch on one snapshot; one that raises fails alone (after a
        database error the snapshot is rolled back and the reads after it take a new one)."""
        connection = self._readable()
        unit = PgUnit(connection, self)
        begun = False
        try:
            for entry in batch:
                try:
                    if not begun:
                        _begin(connection, None, _READ_SNAPSHOT)
                        begun = True
                    entry.result = entry.work(unit)
                    _flush(connection)  # a read that ran something soon has its answers before its caller
                except Exception as error:  # this read's caller gets the error; the others go on
                    entry.error = error
                    if isinstance(error, psycopg.Error) and begun:
                        _roll_back(connection)
                        begun = False
        finally:
            if begun:
                _roll_back(connection)

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
        self._path = db.path
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
    # Units' statements are prepared by _execute, under names of its own; psycopg prepares none (a
    # DEALLOCATE ALL of _execute's would drop them behind its back).
    connection.prepare_threshold = None
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
    _command(connection, sql)


def _command(connection: psycopg.Connection[Any], sql: str) -> None:
    """Run a statement without parameters or rows (COMMIT, ROLLBACK, SAVEPOINT ...), with what waits to be sent
    before it (see _Session) in the same round trip. A COMMIT of a transaction whose BEGIN never had to be sent
    (no statement ran in it) is nothing to send; a ROLLBACK drops what waits.

    It goes straight to libpq (one blocking call, the GIL released meanwhile), as every statement of a
    unit does (see _Session). psycopg reads the transaction's state from libpq, so it stays in step.
    """
    session = _session(connection)
    if sql.startswith("ROLLBACK"):
        never_begun = session.begin is not None
        session.forget_waiting()
        if never_begun:
            return
    elif sql == "COMMIT" and not session.queued:
        if session.begin is not None:
            session.begin = None  # nothing ran: nothing to commit
            return
    elif sql == "COMMIT" and any(waiting.then is not None for waiting in session.queued):
        # The server would commit before a check of the answers (done here, after the round trip) could say no: the
        # statements go first, their checks are made, then the COMMIT.
        _flush(connection, session)
    elif session.begin is not None or session.queued:
        _pipelined(connection, session, _Call(sql.encode(), None, (), (), ()))
        return
    session.round_trip()
    pgconn = connection.pgconn
    result = pgconn.exec_(sql.encode())
    if result.status != psycopg.pq.ExecStatus.COMMAND_OK:
        if pgconn.status == psycopg.pq.ConnStatus.BAD:
            raise psycopg.OperationalError(pgconn.get_error_message() or "the connection to the server is lost")
        raise psycopg.errors.error_from_result(result, encoding=connection.info.encoding)


def _begin(connection: psycopg.Connection[Any], db: PostgresDatabase | None = None, how: str = "BEGIN") -> None:
    """Begin a transaction: the BEGIN waits to go with its first statement (one round trip fewer a transaction)."""
    if db is not None:
        db._count_statement(how)
    _session(connection).begin = how.encode()


def _roll_back(connection: psycopg.Connection[Any]) -> None:
    _session(connection).forget_waiting()
    if connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
        try:
            _command(connection, "ROLLBACK")
        except psycopg.Error:
            log.warning("rollback failed", exc_info=True)


def _parts(batch: list[_QueuedUnit]) -> list[list[_QueuedUnit]]:
    """The transactions a batch is committed in: its plain units together (one COMMIT for all), then each unit
    that locks what every instance writes (`write(..., contended=True)`: the journal's chain, the shared rate
    limits, chat claims) in a transaction of its own.

    A lock is held from its statement to its transaction's COMMIT. In one group with the others, a contended
    unit's lock was held through their statements too, each a round trip of a bot that, with several instances
    on few cores, often waits for a core meanwhile; and two such locks in one group chained the instances'
    waits (a group holding the chain's lock waited for a rate-limit row held by a group waiting for the chain).
    Alone, a contended unit holds its locks for its own statements and its COMMIT, in the same trip.
    """
    plain = [entry for entry in batch if not entry.contended]
    return ([plain] if plain else []) + [[entry] for entry in batch if entry.contended]


def _transact_apart(connection: psycopg.Connection[Any], parts: list[list[_QueuedUnit]]) -> None:
    """Each part in a transaction of its own (see _parts), one after another in this trip. A part that fails as a
    whole (the server unavailable) fails its units alone: those of the parts committed before it stay committed."""
    for part in parts:
        try:
            _transact_many(connection, part)
        except Exception as error:
            for entry in part:
                entry.error = error


def _transact_many(connection: psycopg.Connection[Any], batch: list[_QueuedUnit]) -> None:
    """BEGIN, each unit, COMMIT (a group in savepoints only once a unit of it raised); a lost race is run again."""
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


def _transact_once(connection: psycopg.Connection[Any], batch: list[_QueuedUnit]) -> None:
    db = batch[0].unit._db if isinstance(batch[0].unit, PgUnit) else None
    if len(batch) == 1:
        _transact_one(connection, batch[0], db)
        return
    try:
        _units_together(connection, batch, db)
        return
    except psycopg.Error as error:
        _roll_back(connection)
        if _unavailable(error) is not None:
            raise
    except _UnitRaised:
        _roll_back(connection)
    # A unit raised, or a statement failed: nothing of the batch is committed; run it again unit by unit, each in a savepoint with its statements waited
    # for, so a failure is its own unit's and the others are committed.
    for entry in batch:
        entry.error = None
        entry.result = None
        if entry.unit is not None:
            entry.unit.committed_callbacks = []
    _units_one_by_one(connection, batch, db)


def _transact_one(connection: psycopg.Connection[Any], entry: _QueuedUnit, db: PostgresDatabase | None) -> None:
    """BEGIN, the unit, COMMIT, statement by statement."""
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


class _UnitRaised(Exception):
    """A unit of a batch run without savepoints raised: the batch is rolled back and run again in savepoints."""


def _units_together(connection: psycopg.Connection[Any], batch: list[_QueuedUnit],
                    db: PostgresDatabase | None) -> None:
    """BEGIN, every unit, COMMIT; no savepoint around each unit (a SAVEPOINT and its RELEASE were two of a
    unit's four or five statements, each costing the bot and the server as much as a small read: measured
    2 Dec 2026). Units rarely raise; when one does, nothing is committed and the caller runs the batch again
    with savepoints, so the unit that raised is rolled back alone.

    A database error raises out of here as it is; any other error of a unit raises _UnitRaised.
    """
    _begin(connection, db)
    for entry in batch:
        assert entry.unit is not None
        try:
            entry.result = entry.work(entry.unit)
        except psycopg.Error:
            raise
        except Exception as error:
            raise _UnitRaised() from error
    try:
        _control(connection, "COMMIT", db)
    except psycopg.Error:
        raise
    except Exception as error:  # a check of a statement a unit ran soon said no (nothing is committed)
        raise _UnitRaised() from error


def _units_one_by_one(connection: psycopg.Connection[Any], batch: list[_QueuedUnit],
                      db: PostgresDatabase | None) -> None:
    """BEGIN, each unit in a savepoint with every statement waited for, COMMIT (a failing unit alone rolled back)."""
    _begin(connection, db)
    for entry in batch:
        assert entry.unit is not None
        _control(connection, "SAVEPOINT unit", db)
        try:
            entry.result = entry.work(entry.unit)
            _flush(connection)  # what the unit sent is its own: an error of it is this unit's
        except Exception as error:
            if isinstance(error, psycopg.Error) and _unavailable(error) is not None:
                raise
            entry.error = error
            _control(connection, "ROLLBACK TO SAVEPOINT unit", db)
        _control(connection, "RELEASE SAVEPOINT unit", db)
    _control(connection, "COMMIT", db)


_READ_SNAPSHOT = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"


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
