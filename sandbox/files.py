"""Files the sandbox holds: uploads from the bot, and documents and photos users send.

Paths are laid out like Telegram's (documents/file_N.ext, photos/file_N.jpg); getFile refuses
files over the Bot API's 20 MB download limit, as Telegram does.
"""

from __future__ import annotations

import hashlib
import itertools
from pathlib import PurePosixPath
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file part of a multipart request, before it becomes a stored file."""

    file_name: str
    content: bytes
    content_type: str


@dataclass(frozen=True, slots=True)
class StoredFile:
    """A file with a file_id, downloadable through /file/bot<token>/<path>."""

    file_id: str
    file_unique_id: str
    file_name: str
    mime_type: str
    content: bytes
    file_path: str


DOWNLOAD_LIMIT = 20 * 1024 * 1024  # getFile: "files of up to 20MB in size"


class FileStore:
    """file_id -> StoredFile, with ids shaped like Telegram's opaque strings."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}
        self._serial = itertools.count(1)

    def add(self, file_name: str, content: bytes, mime_type: str, *, photo: bool = False) -> StoredFile:
        serial = next(self._serial)
        digest = hashlib.sha1(content + serial.to_bytes(8, "big")).hexdigest()
        extension = PurePosixPath(file_name).suffix.lower() if "/" not in file_name else ""
        stored = StoredFile(
            file_id=f"{'AgACAgIAAx' if photo else 'BQACAgIAAx'}{serial:06d}{digest[:24]}",
            file_unique_id=f"AgAD{digest[24:36]}",
            file_name=file_name,
            mime_type=mime_type,
            content=content,
            file_path=f"photos/file_{serial}.jpg" if photo else f"documents/file_{serial}{extension}",
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.file_path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        return self._by_id.get(file_id)

    def by_path(self, file_path: str) -> StoredFile | None:
        return self._by_path.get(file_path)
