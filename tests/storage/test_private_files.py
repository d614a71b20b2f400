"""The record's files are their owner's alone, whatever the umask; a database open to others is reported."""

from __future__ import annotations

import logging
import os
import stat
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from storage.database import Database
from storage.exports import ExportRequest, write_export
from storage.private_files import open_owner_only

USUAL_UMASKS = [0o022, 0o002, 0o000]


@contextmanager
def umask(value: int):
    previous = os.umask(value)
    try:
        yield
    finally:
        os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("mask", USUAL_UMASKS, ids=lambda m: f"umask {m:03o}")
async def test_a_new_database_its_wal_and_shm_are_owner_only(tmp_path, mask):
    path = tmp_path / "samvad.db"
    with umask(mask):
        db = await Database.open(path)
        try:
            async with db.transaction() as tx:
                await tx.execute("CREATE TABLE notes (text TEXT)")
                await tx.execute("INSERT INTO notes VALUES ('Aadhaar 2345 6789 0124')")
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()  # open, in WAL mode
            assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
        finally:
            await db.close()


@pytest.mark.parametrize("mask", USUAL_UMASKS, ids=lambda m: f"umask {m:03o}")
async def test_an_export_file_and_its_new_folder_are_owner_only(tmp_path, mask):
    db = await Database.open(tmp_path / "samvad.db")
    target = tmp_path / "exports" / "kutch.csv"
    try:
        with umask(mask):
            now = datetime(2025, 6, 1, tzinfo=UTC)
            await write_export(db, ExportRequest((-1001,), now, now, "csv"), target, zone=ZoneInfo("Asia/Kolkata"),
                               masker=None)
    finally:
        await db.close()
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700


def test_a_file_written_over_becomes_owner_only(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("old")
    path.chmod(0o644)
    with umask(0o022), open_owner_only(path) as out:
        out.write("post_id,mobile\n")
    assert mode(path) == 0o600
    assert path.read_text() == "post_id,mobile\n"


async def test_opening_a_database_readable_by_others_warns_with_the_fix(tmp_path, caplog):
    path = tmp_path / "samvad.db"
    db = await Database.open(path)
    await db.close()
    path.chmod(0o644)
    with caplog.at_level(logging.WARNING, logger="storage.database"):
        db = await Database.open(path)
        await db.close()
    warnings = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert f"{path} can be read by other users (mode 644): it holds the record; run: chmod 600 {path}" in warnings


async def test_a_private_database_opens_without_a_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="storage.database"):
        db = await Database.open(tmp_path / "samvad.db")
        await db.close()
    assert [r for r in caplog.records if "other users" in r.getMessage()] == []
