"""Files that hold the record are their owner's alone: made 0600 (folders 0700) whatever the umask.

The database, its -wal and -shm files, exports and rosters written out hold what people
wrote and their phone numbers. SQLite gives -wal and -shm the database file's own mode, so
creating the database file 0600 before SQLite opens it is enough for all three. A file
that already exists keeps its mode (it is the operator's), but one open to other users is
reported, so that start-up can warn.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TextIO

OWNER_ONLY = 0o600
OWNER_ONLY_DIR = 0o700
SQLITE_SUFFIXES = ("", "-wal", "-shm")


def create_owner_only(path: Path) -> bool:
    """Create an empty file readable by its owner only, unless it exists; True if it was created."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    except FileExistsError:
        return False
    try:
        os.fchmod(descriptor, OWNER_ONLY)  # the umask may have taken bits off; never adds any
    finally:
        os.close(descriptor)
    return True


def open_owner_only(path: Path, *, encoding: str = "utf-8", newline: str | None = None) -> TextIO:
    """Open path for writing text (truncating it), readable by its owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    try:
        os.fchmod(descriptor, OWNER_ONLY)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "w", encoding=encoding, newline=newline)


def make_owner_only_dir(path: Path) -> None:
    """Create a folder (and its parents) readable by its owner only; an existing one is left as it is."""
    if not path.exists():
        path.mkdir(parents=True, exist_ok=True)
        os.chmod(path, OWNER_ONLY_DIR)


def open_to_others(path: Path) -> int | None:
    """The permission bits of an existing file that others may read or write; None if it is private or absent."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return None
    return mode if mode & 0o077 else None


def exposed_database_files(db_path: Path) -> list[tuple[Path, int]]:
    """The database's files (itself, -wal, -shm) that other users may read, with their modes."""
    found = []
    for suffix in SQLITE_SUFFIXES:
        path = Path(f"{db_path}{suffix}")
        mode = open_to_others(path)
        if mode is not None:
            found.append((path, mode))
    return found
