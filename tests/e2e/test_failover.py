"""Three bot processes share one database; the poller and a worker are killed (SIGKILL) during a burst.

Each is `samvad run` in a process of its own, long-polling the sandbox; one holds the poller lease,
the others stand by and handle updates whose chats they claim. Killed at random moments and
started again, they must still leave every message stored once, every /help answered once, every
warning posted once, and a record that `samvad verify` passes. The failover time (the poller's
death to an update sent after it being stored) is printed; the only bound on it is a correctness
bound (updates flow again at all), never a speed target.

The database comes from one place, the `database_target` fixture: SQLite in WAL mode on one file
shared by the three processes, and a fresh database on a throwaway PostgreSQL server (tests/postgres.py).
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import SecretStr

from runtime.settings import Settings
from storage import journal, leases, messages
from storage.backend import open_database
from storage.database import Database
from tests.conftest import TOKEN, eventually, make_settings
from tests.e2e.membership_world import bound_group, import_demo, person, verify
from tests.e2e.membership_world import HETAL, RAJESH, VIKRAM
from tests.e2e.moderation_world import PERSONAL

ROOT = Path(__file__).resolve().parents[2]
INSTANCES = ("bot-a", "bot-b", "bot-c")
FLOWS_AGAIN_WITHIN = 30.0  # a correctness bound (the standby takes over at all), not a speed target


@dataclass
class DatabaseTarget:
    """Where the three processes keep their one record."""

    kind: str
    db_path: Path
    env: dict[str, str] = field(default_factory=dict)

    def settings(self, tmp_path: Path, sandbox) -> Settings:
        """Settings for the test's own commands (the roster import, verify) on the same database."""
        url = self.env.get("SAMVAD_DATABASE_URL")
        return make_settings(tmp_path, sandbox, database_url=SecretStr(url) if url else None)

    async def open(self) -> Database:
        return await open_database(self.env.get("SAMVAD_DATABASE_URL") or self.db_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_target(request, tmp_path) -> DatabaseTarget:
    if request.param == "sqlite":
        return DatabaseTarget("sqlite", tmp_path / "samvad.db", {"SAMVAD_DB_PATH": str(tmp_path / "samvad.db")})
    url = request.getfixturevalue("postgres_url")
    return DatabaseTarget("postgresql", tmp_path / "samvad.db", {"SAMVAD_DATABASE_URL": url})


class Fleet:
    """The bot processes, by instance id, started and killed as the test says."""

    def __init__(self, sandbox, target: DatabaseTarget, folder: Path) -> None:
        self._sandbox = sandbox
        self._target = target
        self._folder = folder
        self.processes: dict[str, asyncio.subprocess.Process] = {}

    def log_path(self, name: str) -> Path:
        return self._folder / f"{name}.log"

    async def start(self, name: str) -> None:
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SAMVAD_BOT_TOKEN": TOKEN,
            "SAMVAD_API_BASE_URL": self._sandbox.base_url,
            "SAMVAD_POLL_TIMEOUT": "1",
            "SAMVAD_SHARED_DATABASE": "true",
            "SAMVAD_INSTANCE_ID": name,
            "SAMVAD_LEASE_SECONDS": "6",
            "SAMVAD_WARNING_INTERVAL_SECONDS": "0.001",  # a warning per flagged message: each can be counted
            "SAMVAD_UVLOOP": "false",
            **self._target.env,
        }
        log = open(self.log_path(name), "ab")  # noqa: SIM115 - the child owns it
        self.processes[name] = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=env, cwd=self._folder, stdout=log, stderr=log
        )

    async def kill(self, name: str) -> None:
        process = self.processes[name]
        process.send_signal(signal.SIGKILL)
        await process.wait()

    async def stop_all(self) -> dict[str, int]:
        codes = {}
        for process in self.processes.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.processes.items():
            try:
                codes[name] = await asyncio.wait_for(process.wait(), timeout=15)
            except TimeoutError:
                process.kill()
                codes[name] = await process.wait()
        return codes


async def _poller(target: DatabaseTarget) -> str | None:
    db = await target.open()
    try:
        held = await leases.lease(db, leases.POLLER)
        rows = {row.instance_id: row for row in await leases.instances(db)}
    finally:
        await db.close()
    if held is None or held.holder not in rows:
        return None
    return held.holder


async def _stored(target: DatabaseTarget, chat_id: int, message_id: int) -> bool:
    db = await target.open()
    try:
        return await messages.get_message(db, chat_id, message_id) is not None
    finally:
        await db.close()


async def _live_roles(target: DatabaseTarget) -> dict[str, str]:
    """The roles of the instances that renewed their identity within the last lease (a killed one's row lingers)."""
    db = await target.open()
    try:
        now = datetime.now(UTC)
        return {row.instance_id: row.role.value for row in await leases.instances(db) if row.expires_at >= now}
    finally:
        await db.close()


async def test_killed_poller_and_worker_lose_nothing_and_post_nothing_twice(client, sandbox, tmp_path, database_target):
    target = database_target
    settings = target.settings(tmp_path, sandbox)
    await import_demo(settings)  # before any bot runs: `samvad roster import` beside the file, as an operator does
    fleet = Fleet(sandbox, target, tmp_path)
    for name in INSTANCES:
        await fleet.start(name)
    rng = random.Random(17)
    failovers: list[float] = []
    try:
        roles = await eventually(lambda: _roles_settled(target), timeout=60, interval=0.2)
        assert sorted(roles.values()) == ["poller", "standby", "standby"], roles

        rajesh, vikram, hetal = await person(client, RAJESH), await person(client, VIKRAM), await person(client, HETAL)
        for officer in (rajesh, vikram, hetal):
            await verify(client, officer)
        kutch = await bound_group(client, rajesh, "District Kutch – Revenue", "district Kutch", members=(vikram, hetal))
        plain = []
        for name in ("Valsad", "Navsari", "Surat"):
            chat = await client.create_group(f"District {name}", creator_id=rajesh["id"], member_ids=[vikram["id"]])
            await client.add_bot(chat["id"], added_by=rajesh["id"])
            plain.append(chat)

        posted, helps, personal = [], [], []
        kill_poller_at, kill_worker_at = rng.randrange(15, 40), rng.randrange(45, 75)
        for number in range(100):
            if number % 5 == 0:
                message = await client.send_message(kutch["id"], hetal["id"], PERSONAL)
                personal.append(message["message_id"])
                chat_id = kutch["id"]
            else:
                chat = plain[number % 3]
                text = "/help" if number % 7 == 0 else f"Evacuation count {number} at relief camp"
                message = await client.send_message(chat["id"], vikram["id"], text)
                chat_id = chat["id"]
                if text == "/help":
                    helps.append((chat_id, message["message_id"]))
            posted.append((chat_id, message["message_id"]))
            if number == kill_poller_at:
                failovers.append(await _kill_poller_and_time_failover(client, fleet, target, plain[0], vikram, posted))
            if number == kill_worker_at:
                await _kill_a_worker(fleet, target, rng)
            await asyncio.sleep(rng.uniform(0, 0.05))

        await eventually(lambda: _all_stored(target, posted), timeout=120, interval=0.5)
        await eventually(lambda: _every_help_answered(client, helps), timeout=60, interval=0.5)
        await eventually(lambda: _warned(client, kutch["id"], len(personal)), timeout=60, interval=0.5)
        await asyncio.sleep(3)  # a duplicate, if one were owed, would be sent by now
        await client.wait_until_idle(timeout=30)
        # The restarted ones are back (as standbys), so each is stopped in a known state.
        roles = await eventually(lambda: _roles_settled(target), timeout=60, interval=0.2)
        assert sorted(roles.values()) == ["poller", "standby", "standby"], roles
    finally:
        codes = await fleet.stop_all()
        print(f"\nfailover (poller SIGKILLed -> an update sent after it stored): "
              f"{', '.join(f'{s:.1f} s' for s in failovers)} (lease 6 s; load {os.getloadavg()[0]:.2f})")
    assert all(code == 0 for code in codes.values()), f"an instance did not stop cleanly on SIGTERM: {codes}"

    # Receiving and handling: every message stored and journalled exactly once.
    db = await target.open()
    try:
        for chat_id in {chat_id for chat_id, _ in posted}:
            ids = await messages.message_ids(db, chat_id)
            assert len(ids) == len(set(ids)), "a message was stored twice"
            assert {m for c, m in posted if c == chat_id} <= set(ids), "a message was lost"
            recorded = [e["body"]["message_id"] for e in await journal.entries(db, kind="message", chat_id=chat_id)]
            assert sorted(recorded) == sorted(set(recorded)), "a message was journalled twice"
        # Each warning and each /help answer owed once (the outbox's dedupe keys hold across instances).
        owed = {row["purpose"]: row["owed"] for row in await db.fetchall(
            "SELECT purpose, COUNT(*) AS owed FROM outbox GROUP BY purpose")}
        assert owed.get("moderation.warning") == len(personal), owed
        assert owed.get("help") == len(helps), owed
    finally:
        await db.close()

    # Sending: each owed call made once across instances. This is the sending half of issue 17 (the
    # outbox delivered by any instance, each call once); before it, two instances' delivery workers can
    # both send a call (seen: 24 warnings sent for 20 owed).
    for chat_id, message_id in helps:
        replies = [m for m in await client.bot_messages(chat_id)
                   if m.get("reply_to_message", {}).get("message_id") == message_id]
        assert len(replies) == 1, f"/help {message_id} in {chat_id} was answered {len(replies)} times"
    warnings = [m for m in await client.bot_messages(kutch["id"]) if "an Aadhaar number" in m.get("text", "")]
    assert len(warnings) == len(personal), f"{len(warnings)} warnings for {len(personal)} messages with an Aadhaar number"
    assert set(personal) <= set(await client.deleted_message_ids(kutch["id"]))

    verified = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "verify", env={**os.environ, "PYTHONPATH": str(ROOT), **target.env},
        cwd=tmp_path, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await verified.communicate()
    assert verified.returncode == 0, output.decode()
    for name in INSTANCES:
        assert b"Traceback" not in fleet.log_path(name).read_bytes(), f"{name} logged a traceback"


async def _roles_settled(target: DatabaseTarget) -> dict[str, str] | None:
    roles = await _live_roles(target)
    return roles if len(roles) == 3 and "poller" in roles.values() and "starting" not in roles.values() else None


async def _kill_poller_and_time_failover(client, fleet: Fleet, target: DatabaseTarget, chat, sender, posted) -> float:
    """SIGKILL the poller, send at once, and time until that message is stored; restart the killed one."""
    poller = await _poller(target)
    assert poller is not None, "no instance holds the poller lease"
    await fleet.kill(poller)
    killed_at = time.monotonic()
    probe = await client.send_message(chat["id"], sender["id"], "Probe after the poller's death")
    posted.append((chat["id"], probe["message_id"]))
    await eventually(lambda: _stored(target, chat["id"], probe["message_id"]), timeout=FLOWS_AGAIN_WITHIN,
                     interval=0.05)
    took = time.monotonic() - killed_at
    successor = await _poller(target)
    assert successor is not None and successor != poller, f"the poller lease stayed with {poller}"
    await fleet.start(poller)  # it comes back as a standby
    return took


async def _kill_a_worker(fleet: Fleet, target: DatabaseTarget, rng: random.Random) -> None:
    poller = await _poller(target)
    worker = rng.choice([name for name in INSTANCES if name != poller])
    await fleet.kill(worker)
    await asyncio.sleep(rng.uniform(0.1, 1.0))
    await fleet.start(worker)


async def _all_stored(target: DatabaseTarget, posted) -> bool:
    db = await target.open()
    try:
        for chat_id in {chat_id for chat_id, _ in posted}:
            ids = set(await messages.message_ids(db, chat_id))
            if not {m for c, m in posted if c == chat_id} <= ids:
                return False
        return True
    finally:
        await db.close()


async def _every_help_answered(client, helps) -> bool:
    for chat_id, message_id in helps:
        if not any(m.get("reply_to_message", {}).get("message_id") == message_id for m in await client.bot_messages(chat_id)):
            return False
    return True


async def _warned(client, chat_id: int, expected: int) -> bool:
    return len([m for m in await client.bot_messages(chat_id) if "an Aadhaar number" in m.get("text", "")]) >= expected


STOPS_WITHIN = 5.0  # as tests/e2e/test_stopping.py: a process stops within seconds of SIGTERM in every state


async def test_a_standby_a_poller_and_an_instance_waiting_for_its_id_each_stop_on_sigterm(client, sandbox, tmp_path,
                                                                                        database_target):
    target = database_target
    fleet = Fleet(sandbox, target, tmp_path)
    try:
        await fleet.start("bot-a")
        await eventually(lambda: _live_roles_are(target, {"bot-a": "poller"}), timeout=90, interval=0.2)
        await fleet.start("bot-b")
        await eventually(lambda: _live_roles_are(target, {"bot-a": "poller", "bot-b": "standby"}), timeout=90,
                         interval=0.2)
        standby = fleet.processes["bot-b"]
        standby.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(standby.wait(), timeout=STOPS_WITHIN) == 0

        # A second run of bot-a waits for the first's id; asked to stop meanwhile, it stops.
        first = fleet.processes["bot-a"]
        await fleet.start("bot-a")
        await eventually(lambda: _log_says(fleet.log_path("bot-a"), "is still held by a previous run"), timeout=90,
                         interval=0.2)
        second = fleet.processes["bot-a"]
        second.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(second.wait(), timeout=STOPS_WITHIN) == 0

        first.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(first.wait(), timeout=STOPS_WITHIN) == 0
        db = await target.open()
        try:
            assert await leases.lease(db, leases.POLLER) is None, "a poller stopped in order hands its lease back"
            assert await leases.instances(db) == []
        finally:
            await db.close()
    finally:
        await fleet.stop_all()


async def _live_roles_are(target: DatabaseTarget, expected: dict[str, str]) -> bool:
    return await _live_roles(target) == expected


async def _log_says(path: Path, text: str) -> bool:
    return path.exists() and text.encode() in path.read_bytes()
