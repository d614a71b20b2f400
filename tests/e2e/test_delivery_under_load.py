"""An admin's notice is edited promptly after a decision, even while groups have a backlog and the CPU is busy.

A long scenario under CPU load once saw the edit of an admin's notice arrive more than 15 s after the
press: every delivery slot was held by a group whose queue waited on Telegram's 20-a-minute group limit,
so the admin's private chat could not start. Here twenty groups owe thirty messages each (far more than
their per-minute budget) while another process burns a CPU, and the edit must still show within its bound.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from storage import outbox as outbox_store
from tests.conftest import eventually

GROUPS = 20
BACKLOG_PER_GROUP = 30
EDIT_BOUND_SECONDS = 5.0  # the edit waits for no group; 15 s was the symptom


@pytest.fixture
def cpu_burner():
    """A separate process spinning on one core for the length of the test."""
    process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        yield process
    finally:
        process.kill()
        process.wait()


async def _owe(running, method, params, purpose):
    async with running.services.db.transaction() as tx:
        return await running.services.outbox.call(tx, method, params, purpose=purpose)


async def test_a_notice_edit_arrives_within_its_bound_behind_a_group_backlog_under_cpu_load(client, bot, cpu_burner):
    admin = await client.create_user("Rajesh", last_name="Mehta", phone="+919426240001")
    member = await client.create_user("Pooja", last_name="Bhatt", phone="+919426250002")
    await client.start_bot(admin["id"])
    groups = []
    for number in range(GROUPS):
        chat = await client.create_group(f"Taluka {number}", creator_id=admin["id"], member_ids=[member["id"]])
        await client.add_bot(chat["id"], added_by=admin["id"])
        groups.append(chat)
    notice_id = await _owe(bot, "sendMessage", {"chat_id": admin["id"], "text": "🚩 Flag #1: is this a violation?"},
                           "moderation.notice")

    async def notice_sent():
        state, result = await outbox_store.result_of(bot.services.db, notice_id)
        return result if state == "sent" else None

    notice = await eventually(notice_sent, timeout=15)
    for number in range(BACKLOG_PER_GROUP):
        for chat in groups:
            await _owe(bot, "sendMessage", {"chat_id": chat["id"], "text": f"Reminder {number}"}, "records.reminder")
    await asyncio.sleep(1.0)  # the groups' drains are under way and their budgets spent
    await _owe(bot, "editMessageText",
               {"chat_id": admin["id"], "message_id": notice["message_id"], "text": "🚩 Flag #1. Decision: confirmed."},
               "moderation.notice_update")

    async def edited():
        return [m for m in await client.bot_messages(admin["id"]) if "Decision: confirmed" in m.get("text", "")]

    await eventually(edited, timeout=EDIT_BOUND_SECONDS, interval=0.1)
    counts = await outbox_store.counts(bot.services.db)
    assert counts.get("pending", 0) > GROUPS, "the groups' backlog was already delivered: the test proved nothing"
