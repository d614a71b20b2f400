"""The database in trouble: locked by another process, on a full disk, on a read-only disk.

The bot says so in its log with the path, holds the updates, does not confirm them
to Telegram, and stores every one exactly once when the database is back.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.runner import running_bot
from storage import messages
from tests.conftest import eventually, make_settings

HOLD_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
connection.execute("ROLLBACK")
"""


async def _group(client):
    collector = await client.create_user("Rajesh", last_name="Patel")
    member = await client.create_user("Hetal", last_name="Gohil")
    chat = await client.create_group("District Kutch", creator_id=collector["id"], member_ids=[member["id"]])
    await client.add_bot(chat["id"], added_by=collector["id"])
    return chat, member


async def _all_stored_once(db, chat_id, posted):
    ids = await messages.message_ids(db, chat_id)
    return set(posted) <= set(ids) and len(ids) == len(set(ids))


async def test_a_database_locked_by_another_process_holds_updates_until_released(client, tmp_path, sandbox, clock, caplog):
    caplog.set_level(logging.WARNING)
    settings = make_settings(tmp_path, sandbox, db_busy_timeout_ms=100)
    chat, member = await _group(client)
    async with running_bot(settings, clock=clock) as bot:
        await eventually(lambda: messages.count_messages(bot.services.db, chat_id=chat["id"]))
        locker = await asyncio.create_subprocess_exec(
            sys.executable, "-c", HOLD_LOCK, str(settings.db_path),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        )
        assert (await locker.stdout.readline()).strip() == b"locked"
        posted = [
            (await client.send_message(chat["id"], member["id"], f"Rainfall {n} mm at Bhuj"))["message_id"] for n in range(4)
        ]

        async def complained():
            return any("locked" in r.getMessage() and str(settings.db_path) in r.getMessage() for r in caplog.records)

        await eventually(complained)
        assert await client.pending_updates() > 0, "updates that could not be stored were confirmed to Telegram"
        locker.stdin.write(b"release\n")
        await locker.stdin.drain()
        await locker.wait()
        await eventually(lambda: _all_stored_once(bot.services.db, chat["id"], posted), timeout=20)
        await client.wait_until_idle()
        assert await client.pending_updates() == 0


@contextmanager
def small_tmpfs(where: Path, size: str):
    """A real, small filesystem of our own (needs root); skips the test where mounting is not allowed."""
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if mounted.returncode != 0 or shutil.which("mount") is None:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.decode().strip()}); needs root")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


async def test_a_full_disk_holds_updates_until_space_is_freed(client, tmp_path, sandbox, clock, caplog):
    caplog.set_level(logging.WARNING)
    with small_tmpfs(tmp_path / "disk", "3m") as disk:
        settings = make_settings(tmp_path, sandbox, db_path=disk / "samvad.db", storage_retry_window=30.0)
        chat, member = await _group(client)
        async with running_bot(settings, clock=clock) as bot:
            await eventually(lambda: messages.count_messages(bot.services.db, chat_id=chat["id"]))
            filler = disk / "filler"
            # Unbuffered, so that closing the file has nothing left to write on the full disk.
            with open(filler, "wb", buffering=0) as handle:
                try:
                    while True:
                        handle.write(b"\0" * 65536)
                except OSError:
                    pass  # the disk is full now
            long_text = "Damage survey, village by village: " + "ward report; " * 300
            posted = [
                (await client.send_message(chat["id"], member["id"], f"{long_text} {n}"))["message_id"] for n in range(6)
            ]

            async def complained():
                return any("disk is full" in r.getMessage() and str(disk) in r.getMessage() for r in caplog.records)

            await eventually(complained, timeout=10)
            assert await client.pending_updates() > 0
            filler.unlink()
            await eventually(lambda: _all_stored_once(bot.services.db, chat["id"], posted), timeout=30)


async def test_a_read_only_disk_at_start_holds_updates_until_it_is_writable(client, tmp_path, sandbox, clock, caplog):
    caplog.set_level(logging.WARNING)
    with small_tmpfs(tmp_path / "disk", "8m") as disk:
        settings = make_settings(tmp_path, sandbox, db_path=disk / "samvad.db")
        chat, member = await _group(client)
        async with running_bot(settings, clock=clock) as bot:
            await eventually(lambda: messages.count_messages(bot.services.db, chat_id=chat["id"]))
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        posted = [(await client.send_message(chat["id"], member["id"], f"Shelter {n} ready"))["message_id"] for n in range(3)]
        starting = asyncio.create_task(_run_until_stored(settings, clock, chat["id"], posted))

        async def complained():
            return any(str(disk) in r.getMessage() and "database" in r.getMessage() for r in caplog.records)

        await eventually(complained, timeout=10)
        assert await client.pending_updates() >= 3
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert await asyncio.wait_for(starting, timeout=60)


async def _run_until_stored(settings, clock, chat_id, posted) -> bool:
    async with running_bot(settings, clock=clock) as bot:
        await eventually(lambda: _all_stored_once(bot.services.db, chat_id, posted), timeout=30)
    return True
