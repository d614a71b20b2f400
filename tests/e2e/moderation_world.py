"""A world for the moderation end-to-end tests, made as people make it: the demo roster imported,
officers verified by sharing their own contact, the District Kutch group bound with /bind."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from storage import outbox, tasks
from tests.e2e.membership_world import HETAL, RAJESH, VIKRAM, bound_group, import_demo, person, verify

# A valid Aadhaar number for a fictional citizen: 12 digits, first 2-9, and Verhoeff check digit 4,
# worked with the published tables (tests/nlp/test_nlp_checksums.py checks the function against them).
AADHAAR = "2345 6789 0124"
CONFIDENTIAL = "The draft GR on jantri revision is attached, not for circulation"
HOSTILE = "Mamlatdar Bhuj is a corrupt thief, useless fellow"
PERSONAL = f"Applicant Ramesh Patel, Aadhaar {AADHAAR}, has not got his relief"


@dataclass
class World:
    """The Collector (admin post), two Mamlatdars, and their group."""

    rajesh: dict  # District Collector, Kutch: the group's admin post
    vikram: dict  # Mamlatdar, Bhuj
    hetal: dict  # Mamlatdar, Mandvi
    kutch: int


async def build_world(client, settings) -> World:
    """Import the demo roster, verify three officers and bind their group."""
    await import_demo(settings)
    rajesh, vikram, hetal = await person(client, RAJESH), await person(client, VIKRAM), await person(client, HETAL)
    for officer in (rajesh, vikram, hetal):
        await verify(client, officer)
    kutch = await bound_group(client, rajesh, "District Kutch – Revenue", "district Kutch", members=(vikram, hetal))
    return World(rajesh, vikram, hetal, kutch["id"])


async def post(client, world: World, who: dict, text: str) -> dict:
    """A member posts in the group."""
    return await client.send_message(world.kutch, who["id"], text)


async def warning_after(client, world: World, posted: dict, contains: str = "⚠️") -> dict:
    """The bot's next message in the group after a post, containing a text."""
    return await client.wait_for_bot_message(world.kutch, contains=contains, after_message_id=posted["message_id"])


async def settled(client, bot) -> None:
    """Every update handled and every owed call delivered."""
    await client.wait_until_idle()
    await bot.ingress.idle()
    await client.wait_until_idle()


async def world_settled(client, bot, *, within: float = 60.0) -> None:
    """settled, and besides every task already due run and every call due delivered: binding a group schedules a
    reconcile per verified member, due at once, which the scheduler runs at its next tick (every second) and which
    owes the member a notice in private ("… is now bound to its Telegram group"). settled alone can return before
    that tick, or between the reconcile's commit and the notice's delivery, when the sandbox is quiet for 0.1 s; on
    a loaded machine (load 10-17 on 2 cores) the notice then came after a test's next private answer (1 run in 4
    of test_check_alone_waits_for_the_draft_in_the_next_message on PostgreSQL, 3 Dec 2026).

    Not for a window whose database traffic is counted: its reads count (test_statement_budget settles so before
    counting)."""
    db, clock = bot.services.db, bot.services.clock
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        await settled(client, bot)
        now = clock.now()
        # A task's owed calls are committed before the task is settled, and a call stays pending until Telegram
        # has accepted it: neither due means every notice owed so far is in the sandbox.
        if not await tasks.due(db, now=now, limit=1) and not await outbox.chats_with_due_calls(db, now=now):
            return
        assert loop.time() < deadline, f"the world's due tasks and owed calls were not done within {within:g} s"
        await asyncio.sleep(0.1)


async def as_now(client, chat_id: int, message_id: int) -> dict:
    """A message as it stands now (after the bot's edits)."""
    [current] = [m for m in await client.messages(chat_id) if m["message_id"] == message_id]
    return current


async def corpus_lines(settings, command: str, *args: str) -> list[dict]:
    """`samvad nlp COMMAND ARGS` (false-alarms, missed) run as an operator runs it, on the bot's database: its lines."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMVAD_")}
    env["SAMVAD_DB_PATH"] = str(settings.db_path)
    if settings.database_url is not None:  # SAMVAD_TEST_BACKEND=postgresql
        env["SAMVAD_DATABASE_URL"] = settings.database_url.get_secret_value()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "nlp", command, *args, cwd=Path(__file__).resolve().parents[2], env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]
