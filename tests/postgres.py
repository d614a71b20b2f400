"""A throwaway PostgreSQL server for the tests, started from the server binaries on this machine.

One server per test session (initdb, then pg_ctl start), in a temporary directory, listening only on a
Unix socket in that directory (no TCP port, so parallel sessions never collide); each test that asks
gets a fresh empty database on it. The server is stopped and its directory removed at the end.

Where no server binaries exist, the tests that need PostgreSQL skip with one line; with
SAMVAD_REQUIRE_POSTGRES=1 (set by .ci/run, which installs Debian's postgresql) they fail instead.
initdb refuses to run as root: as root the server runs as the `postgres` account (or `nobody`).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVER_BINARIES = ("initdb", "pg_ctl", "postgres")
SUPERUSER = "postgres"
PORT = 5432  # names the socket file only: the server listens on no TCP address
# Test-only speed: no fsync and no full-page writes (a crash loses a throwaway database, nothing else).
SERVER_OPTIONS = "-F -c listen_addresses='' -c full_page_writes=off -c max_connections=50"
START_TIMEOUT_S = 60


def find_server_binaries(path: str | None = None, versioned: str = "/usr/lib/postgresql/*/bin") -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH, then pg_config --bindir, then Debian's folders."""
    candidates = []
    initdb = shutil.which("initdb", path=path)
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    pg_config = shutil.which("pg_config", path=path)
    if pg_config:
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False)
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    # Debian keeps each major version apart (/usr/lib/postgresql/15/bin) and links only some onto PATH.
    candidates += [Path(folder) for folder in sorted(glob.glob(versioned), key=_version_of, reverse=True)]
    for folder in candidates:
        if all((folder / name).is_file() and os.access(folder / name, os.X_OK) for name in SERVER_BINARIES):
            return folder
    return None


def _version_of(folder: str) -> tuple[int, ...]:
    version = Path(folder).parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())


@dataclass
class PostgresServer:
    """A running throwaway server: where its socket is and how to reach a database on it."""

    bindir: Path
    directory: Path
    account: pwd.struct_passwd | None  # the account it runs as when the tests run as root
    started_in_s: float = 0.0
    _migrated: str | None = None
    _databases = itertools.count(1)

    @property
    def data(self) -> Path:
        return self.directory / "data"

    def conninfo(self, dbname: str = "postgres") -> str:
        """A libpq connection string for a database on this server."""
        return f"host={self.directory} port={PORT} user={SUPERUSER} dbname={dbname}"

    def url(self, dbname: str = "postgres") -> str:
        """The same as a postgresql:// URL (the socket folder in the host parameter)."""
        return f"postgresql://{SUPERUSER}@/{dbname}?host={self.directory}&port={PORT}"

    def create_database(self, template: str = "template1") -> str:
        """A new database's name: empty, or a copy of template (UTF-8, like the cluster)."""
        import psycopg

        name = f"test_{next(self._databases)}"
        with psycopg.connect(self.conninfo(), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        return name

    def migrated_template(self) -> str:
        """A database migrated once this session, for tests to copy (a copy costs less than migrating)."""
        if self._migrated is None:
            import asyncio

            from storage import postgres

            name = self.create_database()

            async def migrate() -> None:
                connection = await postgres.connect(self.url(name))
                try:
                    await postgres.migrate(connection)
                finally:
                    await connection.close()  # a template must have no connection open when it is copied

            try:
                asyncio.get_running_loop()
            except RuntimeError:
                asyncio.run(migrate())
            else:  # asked from inside a running loop (an async test): migrate on a thread of its own
                import concurrent.futures

                with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
                    pool.submit(asyncio.run, migrate()).result()
            self._migrated = name
        return self._migrated

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """Run a server binary as the server's account; fails with its output when it fails."""
        command = [str(self.bindir / args[0]), *args[1:]]
        as_account = {}
        if self.account is not None:
            as_account = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8", "HOME": str(self.directory)}
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=self.directory,
                                timeout=START_TIMEOUT_S, check=False, **as_account)  # fmt: skip
        if result.returncode != 0:
            log = self.directory / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}{tail}")
        return result

    def start(self) -> None:
        began = time.perf_counter()
        self.run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                 "--locale=C.UTF-8", "--no-sync", "--no-instructions")  # fmt: skip
        options = f"{SERVER_OPTIONS} -k {self.directory} -p {PORT}"
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.directory / "server.log"), "-w",
                 "-t", str(START_TIMEOUT_S), "-o", options, "start")  # fmt: skip
        self.started_in_s = time.perf_counter() - began

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


def _server_account() -> pwd.struct_passwd | None:
    """None when not root; else the account to run the server as (initdb refuses root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and neither a postgres nor a nobody account exists to run PostgreSQL as")


_SKIPPED_BECAUSE: list[str] = []  # why this session has no server, once the fixture has found out


def _unavailable(why: str) -> None:
    if os.environ.get("SAMVAD_REQUIRE_POSTGRES") == "1":
        pytest.fail(why + " (SAMVAD_REQUIRE_POSTGRES=1 makes them required)")
    _SKIPPED_BECAUSE.append(why)
    pytest.skip(why)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Report every skip for want of a server at this file, so that pytest folds them into one line."""
    report = yield
    if report.skipped and _SKIPPED_BECAUSE and isinstance(report.longrepr, tuple):
        path, _, message = report.longrepr
        if _SKIPPED_BECAUSE[0] in message:
            report.longrepr = (__file__, _unavailable.__code__.co_firstlineno, message)
    return report


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for this test session (skips, or fails under SAMVAD_REQUIRE_POSTGRES=1, without one)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable('psycopg is not installed: PostgreSQL tests skipped; pip install -e ".[test]"')
    bindir = find_server_binaries()
    if bindir is None:
        _unavailable("PostgreSQL server binaries not found (initdb): PostgreSQL tests skipped; install postgresql-15")
    account = _server_account()
    directory = Path(tempfile.mkdtemp(prefix="samvad-pg-"))  # short: a socket path holds at most 107 bytes
    if account is not None:
        os.chown(directory, account.pw_uid, account.pw_gid)
    server = PostgresServer(bindir, directory, account)
    try:
        server.start()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server) -> str:
    """The URL of a fresh, empty database on the session's server."""
    return postgres_server.url(postgres_server.create_database())


@pytest.fixture
def migrated_postgres_url(postgres_server) -> str:
    """The URL of a fresh database with every migration applied (a copy of one migrated per session)."""
    return postgres_server.url(postgres_server.create_database(template=postgres_server.migrated_template()))
