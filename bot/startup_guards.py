"""Checks made before a run touches any file: the port is free, and no one else has the database.

Nothing may delete or reset a database another process has open. A run holds an exclusive
lock file beside its database (`DB.lock`, never deleted) for as long as it runs; before a
database is deleted, the SQLite write-ahead index (`DB-shm`) is also probed for any other
connection, Samvad's or not.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# Every connection to a WAL database holds a shared lock on this byte of the -shm file
# (SQLite's "dead man switch", WALINDEX_LOCK_OFFSET 120 + 8 lock slots).
_SQLITE_DMS_BYTE = 128


class StartupError(Exception):
    """A reason not to start, said in one line a person can act on."""


class PortInUse(StartupError):
    """Another process listens on the port this run needs."""


class DatabaseInUse(StartupError):
    """Another process has the database open."""


def ensure_port_free(host: str, port: int, *, how_to_change: str) -> None:
    """Raise PortInUse (naming how_to_change) if host:port cannot be listened on; port 0 is always free."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is no obstacle
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno in (errno.EADDRINUSE, errno.EACCES):
                reason = "is in use by another program" if error.errno == errno.EADDRINUSE else "is not allowed"
                raise PortInUse(f"port {port} on {host} {reason}; {how_to_change}") from None
            raise


@contextmanager
def database_lock(db_path: Path, *, shared: bool = False) -> Iterator[None]:
    """Hold DB.lock exclusively for the block; raise DatabaseInUse if another run holds it.

    shared: instances that share the database (SAMVAD_SHARED_DATABASE) hold it together, and an
    exclusive run (an instance alone, the sandbox resetting it) is refused while any of them runs.
    """
    lock_path = Path(f"{db_path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DatabaseInUse(
                f"{db_path} is in use by another Samvad process; stop it first, or give this one its own"
                " database (SAMVAD_DB_PATH, or another folder), or, to run several instances on it, set"
                " SAMVAD_SHARED_DATABASE=true for all of them"
            ) from None
        yield
    finally:
        os.close(fd)  # releases the lock; the file stays, so every run locks the same inode


def ensure_no_other_connection(db_path: Path) -> None:
    """Raise DatabaseInUse if any process has the (WAL) database open; call before deleting it."""
    shm = Path(f"{db_path}-shm")
    try:
        fd = os.open(shm, os.O_RDWR)
    except FileNotFoundError:
        return  # no -shm: no connection in WAL mode
    try:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _SQLITE_DMS_BYTE, os.SEEK_SET)
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EAGAIN):
                raise DatabaseInUse(
                    f"{db_path} is open in another process, so it is not deleted; close that process first"
                ) from None
            raise
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, _SQLITE_DMS_BYTE, os.SEEK_SET)
    finally:
        os.close(fd)


def delete_database(db_path: Path) -> None:
    """Delete a database and its WAL files, only if no other process has it open."""
    ensure_no_other_connection(db_path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
