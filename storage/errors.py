"""Errors raised by storage/, as types the bot can act on."""

from __future__ import annotations

from pathlib import Path


class StorageError(Exception):
    """Base class of every error storage/ raises on purpose."""


class StorageUnavailable(StorageError):
    """The database cannot be written now (locked, read-only, full, unreachable).

    The condition is expected to pass: the caller keeps what it has and retries.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"database {path} is unavailable: {reason}")
        self.path = Path(path)
        self.reason = reason


class MigrationError(StorageError):
    """The schema in the file cannot be brought to the version this code needs."""


class JournalIntegrityError(StorageError):
    """The journal's hash chain or a signature does not verify."""
