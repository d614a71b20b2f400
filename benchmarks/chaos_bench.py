"""Chaos run: the real bot process killed with SIGKILL N times during a burst, restarted each time.

    samvad bench --chaos 20 --messages 10000

The cyclone-day world of the end-to-end benchmark (36 groups, ~580 officers) takes a burst of corpus
messages, with timed instructions among them whose reminders fall due during the burst, and checkpoints
signed every few hundred entries and posted to the State group. Meanwhile the bot is killed at random
moments (some of them chosen while the outbox is delivering, or while a reminder or a checkpoint is
due) and started again. At the end it checks, and prints:

- every message posted is stored exactly once (0 lost, 0 duplicated), in the messages table and the journal;
- every warning, deletion, acknowledgement prompt, reminder and checkpoint post the bot owed was delivered
  exactly once in the sandbox's view (no double post to a group), and none is still owed;
- `samvad verify` passes on the database.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.e2e_bench import ROOT, TOKEN, _post_all, _wait_for_bot_ready, _start_bot
from benchmarks.e2e_world import BenchGroup, BenchMessage, build_world, generate_stream, prepare_bot_database
from runtime.purposes import Purpose
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from storage import bot_state, checkpoints, journal, messages, outbox, tasks
from storage.database import Database

REMINDER_TASK = "records.reminder"  # handlers.records.REMINDER_TASK (benchmarks do not import handlers)
# Every this many messages of the stream, one is a timed instruction whose reminder falls due during the burst.
INSTRUCTION_EVERY = 400
CHECKPOINT_EVERY_ENTRIES = 400
# What the bot owes that a group sees: each must arrive exactly once.
TRACKED_PURPOSES = {
    Purpose.MODERATION_WARNING: "warnings",
    Purpose.MODERATION_DELETE: "deletions",
    Purpose.RECORDS_INSTRUCTION: "acknowledgement prompts",
    Purpose.RECORDS_REMINDER: "reminders",
    Purpose.RECORDS_CHECKPOINT: "checkpoint posts",
}


@dataclass
class ChaosFigures:
    """What the chaos run found."""

    kills: int = 0
    kill_moments: Counter[str] = field(default_factory=Counter)
    posted: int = 0
    stored_once: int = 0
    lost: int = 0
    duplicated: int = 0
    delivered: Counter[str] = field(default_factory=Counter)
    doubled: Counter[str] = field(default_factory=Counter)
    undelivered: Counter[str] = field(default_factory=Counter)
    found_not_reposted: int = 0
    verify_status: int = -1
    verify_output: str = ""
    seconds: float = 0.0

    @property
    def holds(self) -> bool:
        """All three checks hold."""
        return (
            self.lost == 0 and self.duplicated == 0 and not sum(self.doubled.values())
            and not sum(self.undelivered.values()) and self.verify_status == 0
        )

    def render(self) -> str:
        """The figures as lines of text."""
        moments = ", ".join(f"{name} {count}" for name, count in sorted(self.kill_moments.items())) or "none"
        lines = [
            f"chaos: {self.kills} SIGKILLs during a burst of {self.posted} messages ({self.seconds:.0f} s in all)",
            f"  kills while: {moments}",
            f"  messages stored exactly once:  {self.stored_once} of {self.posted}"
            f"  (lost {self.lost}, duplicated {self.duplicated})",
        ]
        for purpose, name in TRACKED_PURPOSES.items():
            if self.delivered[purpose] or self.doubled[purpose] or self.undelivered[purpose]:
                lines.append(
                    f"  {name + ':':<31}{self.delivered[purpose]} delivered once, {self.doubled[purpose]} twice or"
                    f" more, {self.undelivered[purpose]} not delivered"
                )
        lines.append(f"  posts cut off by a kill, found in the chat instead of posted again: {self.found_not_reposted}")
        verdict = "passes" if self.verify_status == 0 else f"FAILS (exit {self.verify_status})"
        lines.append(f"  samvad verify:                 {verdict}")
        if self.verify_status != 0:
            lines += ["    " + line for line in self.verify_output.splitlines()[-5:]]
        lines.append(f"  all three hold:                {'yes' if self.holds else 'NO'}")
        return "\n".join(lines)


def timed_instructions(stream: list[BenchMessage], groups: list[BenchGroup], rng: random.Random) -> list[BenchMessage]:
    """The stream with every INSTRUCTION_EVERY-th message replaced by an instruction due in a few minutes."""
    districts = [group for group in groups if group.level == "district"]
    result = list(stream)
    for index in range(INSTRUCTION_EVERY // 2, len(result), INSTRUCTION_EVERY):
        group = rng.choice(districts)
        minutes = rng.choice((3, 4, 5))
        text = (f"All Mamlatdars to send the count of people in relief camps within {minutes} minutes."
                f" (report {index})")
        result[index] = BenchMessage(group.chat_id, group.member_ids[0], text, frozenset({"instruction"}))
    return result


async def run_chaos(
    *, kills: int, messages_count: int, violation_share: float, workdir: Path, seed: int, rate: float
) -> ChaosFigures:
    """The whole chaos run; returns its figures."""
    rng = random.Random(seed)
    figures = ChaosFigures()
    started = time.monotonic()
    async with SandboxServer(token=TOKEN) as server, SandboxClient(server.base_url) as client:
        posts, groups = await build_world(client)
        db_path = workdir / "chaos.db"
        await prepare_bot_database(db_path, posts, groups)
        stream = generate_stream(groups, messages_count, violation_share=violation_share, seed=seed)
        stream = timed_instructions(stream, groups, rng)
        state_group = next(group for group in groups if group.level == "state")
        extra = {
            "SAMVAD_REMINDER_LEAD_MINUTES": "1",
            "SAMVAD_CHECKPOINT_EVERY_ENTRIES": str(CHECKPOINT_EVERY_ENTRIES),
            "SAMVAD_RECORDS_CHAT_ID": str(state_group.chat_id),
        }
        log_path = workdir / "chaos.log"
        bot = await _start_chaos_bot(server.base_url, db_path, log_path, extra)
        try:
            await _wait_for_bot_ready(client, db_path, len(groups))
            posting = asyncio.create_task(_post_all(client, stream, rate=rate))
            spawned = datetime.now(UTC) - timedelta(minutes=1)  # the first bot is up already
            for number in range(kills):
                moment = await _choose_moment(rng, number, db_path, spawned)
                bot.send_signal(signal.SIGKILL)
                await bot.wait()
                figures.kills += 1
                figures.kill_moments.update(moment)
                print(f"  kill {number + 1}/{kills}: {', '.join(sorted(moment)) or 'handling'}", flush=True)
                spawned = datetime.now(UTC)
                bot = await _start_chaos_bot(server.base_url, db_path, log_path, extra)
            posted_at, _ = await posting
            await _wait_until_settled(db_path, posted_at, timeout=3600)
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.wait(), timeout=30)
        figures.posted = len(posted_at)
        await _check_messages(db_path, posted_at, figures)
        await _check_deliveries(db_path, client, figures)
    figures.verify_status, figures.verify_output = await _verify(db_path)
    figures.seconds = time.monotonic() - started
    return figures


async def _start_chaos_bot(base_url: str, db_path: Path, log_path: Path, extra: dict[str, str]):
    saved = {key: os.environ.get(key) for key in extra}
    os.environ.update(extra)  # _start_bot passes the environment on
    try:
        return await _start_bot(base_url, db_path, log_path, telegram_limits=True)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


async def _choose_moment(rng: random.Random, number: int, db_path: Path, spawned: datetime) -> set[str]:
    """Wait for the next kill's moment; return what the bot was doing then.

    One kill in four comes 0.2 to 4 s after the restart, while the bot is starting. The others wait until
    it is up (its heartbeat is newer than its start), then 0.5 to 10 s more; of those, one in three then
    waits (at most 45 s) for the outbox to be delivering, and one in three for a reminder to be due (45 s),
    else a checkpoint (30 s more), so those moments are always among them.
    """
    if number % 4 == 0:
        await asyncio.sleep(rng.uniform(0.2, 4.0))
        return await _what_is_due(db_path, spawned)
    await _until(lambda moment: "starting" not in moment, db_path, spawned, seconds=120)
    await asyncio.sleep(rng.uniform(0.5, 10.0))
    if number % 4 == 2:
        return await _until(lambda moment: "outbox delivering" in moment, db_path, spawned, seconds=45)
    if number % 4 == 3:
        moment = await _until(lambda moment: "reminder due" in moment, db_path, spawned, seconds=45)
        if "reminder due" not in moment:
            moment = await _until(lambda moment: "checkpoint due" in moment, db_path, spawned, seconds=30)
        return moment
    return await _what_is_due(db_path, spawned)


async def _until(wanted, db_path: Path, spawned: datetime, *, seconds: float) -> set[str]:
    deadline = time.monotonic() + seconds
    while True:
        moment = await _what_is_due(db_path, spawned)
        if wanted(moment) or time.monotonic() > deadline:
            return moment
        await asyncio.sleep(0.02)


async def _what_is_due(db_path: Path, spawned: datetime) -> set[str]:
    now = datetime.now(UTC)
    db = await Database.open(db_path)
    try:
        moment = set()
        heartbeat = await bot_state.last_heartbeat(db)
        if heartbeat is None or heartbeat[0] < spawned:
            moment.add("starting")
        if (await outbox.counts(db)).get("pending", 0):
            moment.add("outbox delivering")
        due = {task.kind for task in await tasks.due(db, now=now, limit=1000)}
        if REMINDER_TASK in due:
            moment.add("reminder due")
        if due - {REMINDER_TASK}:
            moment.add("combined warning due")
        if await checkpoints.is_due(db, every_entries=CHECKPOINT_EVERY_ENTRIES, every=timedelta(hours=1), now=now):
            moment.add("checkpoint due")
        return moment
    finally:
        await db.close()


async def _wait_until_settled(db_path: Path, posted_at: dict, *, timeout: float) -> None:
    """Until every message is stored, no call is owed, no task is due, and no reminder is still ahead."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        db = await Database.open(db_path)
        try:
            stored = await messages.count_messages(db)
            owed = (await outbox.counts(db)).get("pending", 0)
            ahead = await tasks.due(db, now=datetime.now(UTC) + timedelta(minutes=5), limit=1)
        finally:
            await db.close()
        if stored >= len(posted_at) and not owed and not ahead:
            await asyncio.sleep(2.0)  # the last answers' events
            return
        await asyncio.sleep(1.0)
    print("  (timed out waiting for the bot to settle)", flush=True)


async def _check_messages(db_path: Path, posted_at: dict, figures: ChaosFigures) -> None:
    db = await Database.open(db_path)
    try:
        chat_ids = {chat_id for chat_id, _ in posted_at}
        stored: Counter[tuple[int, int]] = Counter()
        journalled: Counter[tuple[int, int]] = Counter()
        for chat_id in chat_ids:
            stored.update((chat_id, message_id) for message_id in await messages.message_ids(db, chat_id))
            for entry in await journal.entries(db, kind="message", chat_id=chat_id):
                if entry["body"] is not None:
                    journalled[(chat_id, entry["body"]["message_id"])] += 1
    finally:
        await db.close()
    for key in posted_at:
        if stored[key] == 0 or journalled[key] == 0:
            figures.lost += 1
        elif stored[key] > 1 or journalled[key] > 1:
            figures.duplicated += 1
        else:
            figures.stored_once += 1


async def _check_deliveries(db_path: Path, client: SandboxClient, figures: ChaosFigures) -> None:
    """Each owed call of a tracked purpose: sent, and seen exactly once by the sandbox.

    A post is doubled when the sandbox holds more bot messages alike (same text, replying to the same
    message) than the bot owed calls that posted such a message.
    """
    db = await Database.open(db_path)
    try:
        owed = await outbox.calls_for(db, purposes=tuple(TRACKED_PURPOSES))
    finally:
        await db.close()
    chats = {call.chat_id for call in owed}
    seen = {chat_id: await client.bot_messages(chat_id) for chat_id in chats}
    deleted = {chat_id: set(await client.deleted_message_ids(chat_id)) for chat_id in chats}
    in_sandbox = {chat_id: Counter(_signature(m) for m in seen[chat_id]) for chat_id in chats}
    by_id = {(chat_id, m["message_id"]): m for chat_id in chats for m in seen[chat_id]}
    posted: dict[str, list[tuple[int, tuple]]] = {}
    for call in owed:
        if call.method == "deleteMessage":  # a deletion is done once the message is gone, whoever noted it
            gone = call.params["message_id"] in deleted[call.chat_id]
            (figures.delivered if gone else figures.undelivered)[call.purpose] += 1
            continue
        if (call.result or {}).get("found_after_restart"):
            figures.found_not_reposted += 1
        message = by_id.get((call.chat_id, (call.result or {}).get("message_id")))
        if call.state != "sent" or message is None:
            figures.undelivered[call.purpose] += 1
            continue
        posted.setdefault(call.purpose, []).append((call.chat_id, _signature(message)))
    owed_alike = Counter((chat_id, signature) for calls in posted.values() for chat_id, signature in calls)
    for purpose, calls in posted.items():
        for chat_id, signature in calls:
            extra = in_sandbox[chat_id][signature] > owed_alike[(chat_id, signature)]
            (figures.doubled if extra else figures.delivered)[purpose] += 1


def _signature(message: dict) -> tuple:
    return message.get("text"), message.get("reply_to_message", {}).get("message_id")


async def _verify(db_path: Path) -> tuple[int, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMVAD_")}
    env |= {"PYTHONPATH": str(ROOT), "SAMVAD_DB_PATH": str(db_path)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "verify", env=env, cwd=db_path.parent,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await process.communicate()
    return process.returncode, output.decode(errors="replace")


def run(args) -> int:
    """`samvad bench --chaos N`: print the figures; non-zero exit unless all three checks hold."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="samvad-chaos-") as workdir:
        figures = asyncio.run(
            run_chaos(kills=args.chaos, messages_count=args.messages, violation_share=args.violations,
                      workdir=Path(workdir), seed=args.seed, rate=args.rate)
        )
        print(figures.render(), flush=True)
        if not figures.holds and args.keep:
            kept = Path(args.keep)
            kept.mkdir(parents=True, exist_ok=True)
            for name in os.listdir(workdir):
                os.replace(Path(workdir) / name, kept / name)
            print(f"  database and bot log kept in {kept}", flush=True)
    return 0 if figures.holds else 1
