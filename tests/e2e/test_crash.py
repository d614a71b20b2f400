"""A bot process killed (SIGKILL) in the middle of a burst and started again loses nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from pathlib import Path

from storage import journal, messages
from storage.database import Database
from tests.conftest import TOKEN, eventually

ROOT = Path(__file__).resolve().parents[2]


async def _start_bot_process(sandbox, db_path: Path, log_path: Path) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SAMVAD_BOT_TOKEN": TOKEN,
        "SAMVAD_API_BASE_URL": sandbox.base_url,
        "SAMVAD_DB_PATH": str(db_path),
        "SAMVAD_POLL_TIMEOUT": "1",
    }
    log = open(log_path, "ab")  # noqa: SIM115 - the child owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=db_path.parent, stdout=log, stderr=log
    )


async def _count(db_path: Path, chat_ids) -> int:
    if not db_path.exists():
        return 0
    # Read only: an observer beside a running bot must not migrate the file or take its write lock (a full open
    # did both, and once failed with "database is locked" under load while the restarted bot was writing).
    db = await Database.open_read_only(db_path)
    try:
        return sum([await messages.count_messages(db, chat_id=chat_id) for chat_id in chat_ids])
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return 0  # the bot has created the file and not yet migrated it
        raise
    finally:
        await db.close()


async def test_a_killed_bot_restarts_with_every_message_once_and_every_reply_sent(client, sandbox, tmp_path):
    collector = await client.create_user("Arvind", last_name="Nair")
    member = await client.create_user("Pooja", last_name="Bhatt")
    chats = []
    for name in ("Valsad", "Navsari", "Surat"):
        chat = await client.create_group(f"District {name}", creator_id=collector["id"], member_ids=[member["id"]])
        await client.add_bot(chat["id"], added_by=collector["id"])
        chats.append(chat)
    chat_ids = [chat["id"] for chat in chats]
    db_path, log_path = tmp_path / "samvad.db", tmp_path / "bot.log"

    first = await _start_bot_process(sandbox, db_path, log_path)
    try:
        await _burst_kill_restart(client, sandbox, chats, member, first, db_path, log_path, chat_ids)
    finally:
        if first.returncode is None:  # the test failed before the kill: leave no bot behind
            first.kill()
            await first.wait()


async def _burst_kill_restart(client, sandbox, chats, member, first, db_path, log_path, chat_ids):
    posted, helps = [], []
    for number in range(60):
        chat = chats[number % 3]
        text = "/help" if number % 10 == 0 else f"Evacuation count {number}"
        message = await client.send_message(chat["id"], member["id"], text)
        posted.append((chat["id"], message["message_id"]))
        if text == "/help":
            helps.append((chat["id"], message["message_id"]))
        if number == 30:
            await eventually(lambda: _has_at_least(db_path, chat_ids, 10), timeout=30)
            first.send_signal(signal.SIGKILL)
            await first.wait()
    second = await _start_bot_process(sandbox, db_path, log_path)
    try:
        await eventually(lambda: _has_at_least(db_path, chat_ids, len(posted) + 3), timeout=60)

        async def every_help_answered():
            for chat_id, message_id in helps:
                bot_messages = await client.bot_messages(chat_id)
                if not any(m.get("reply_to_message", {}).get("message_id") == message_id for m in bot_messages):
                    return False
            return True

        await eventually(every_help_answered, timeout=30)
        await client.wait_until_idle()
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            exit_code = await asyncio.wait_for(second.wait(), timeout=30)
        except TimeoutError:
            second.kill()
            raise
    assert exit_code == 0, "the restarted bot did not stop cleanly on SIGTERM"
    db = await Database.open(db_path)
    try:
        for chat_id in chat_ids:
            ids = await messages.message_ids(db, chat_id)
            assert len(ids) == len(set(ids))
            assert {m for c, m in posted if c == chat_id} <= set(ids)
            recorded = [e["body"]["message_id"] for e in await journal.entries(db, kind="message", chat_id=chat_id)]
            assert sorted(recorded) == sorted(set(recorded)), "a message was journalled twice"
    finally:
        await db.close()
    assert b"Traceback" not in log_path.read_bytes()


async def _has_at_least(db_path, chat_ids, expected):
    return await _count(db_path, chat_ids) >= expected


async def test_an_update_cut_short_by_a_crash_is_handled_to_the_end_at_restart(client, settings, clock):
    """The message was stored, then the process died before the later stages ran: they run at restart."""
    from bot.runner import running_bot

    collector = await client.create_user("Rajesh", last_name="Patel")
    chat = await client.create_group("District Kutch", creator_id=collector["id"])
    await client.add_bot(chat["id"], added_by=collector["id"])
    async with running_bot(settings, clock=clock) as bot:
        asked = await client.send_message(chat["id"], collector["id"], "/help")
        await client.wait_for_bot_message(chat["id"], after_message_id=asked["message_id"])
        await client.wait_until_idle()
        await bot.ingress.idle()
        stored = await messages.get_message(bot.services.db, chat["id"], asked["message_id"])
        # Put the database back as it was the moment after the record stage committed.
        async with bot.services.db.transaction() as tx:
            await tx.execute("UPDATE inbox SET processed_at = NULL WHERE update_id = ?", (stored.update_id,))
            await tx.execute("DELETE FROM outbox WHERE purpose = 'help'")
    async with running_bot(settings, clock=clock) as bot:
        async def answered_again():
            replies = [m for m in await client.bot_messages(chat["id"])
                       if m.get("reply_to_message", {}).get("message_id") == asked["message_id"]]
            return len(replies) == 2

        await eventually(answered_again)
        # One read (the bot's second reply may be joining the record meanwhile): no message recorded twice.
        recorded = await messages.message_ids(bot.services.db, chat["id"])
        assert len(recorded) == len(set(recorded)) and asked["message_id"] in recorded
        kinds = [e["body"]["message_id"] for e in await journal.entries(bot.services.db, kind="message", chat_id=chat["id"])]
        assert kinds.count(asked["message_id"]) == 1
