"""`samvad run` stops on SIGINT/SIGTERM in every state: starting, retrying, polling, delivering, shutting down.

Each test runs the real bot as a process (`python -m bot run`) and measures from the signal to its exit.
The bound asserted (STOPS_WITHIN) is a correctness bound, generous for a loaded machine; the bot aims at
under 2 s (bot.cli.STOP_DEADLINE). Before the fix, a bot that could not reach the Bot API never stopped.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from storage import outbox
from storage.database import Database
from tests.conftest import TOKEN, eventually

ROOT = Path(__file__).resolve().parents[2]
STOPS_WITHIN = 5.0


def _closed_loopback_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def _start(base_url: str, tmp_path: Path, **extra: str) -> asyncio.subprocess.Process:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("SAMVAD_")
    } | {
        "PYTHONPATH": str(ROOT),
        "SAMVAD_BOT_TOKEN": TOKEN,
        "SAMVAD_API_BASE_URL": base_url,
        "SAMVAD_DB_PATH": str(tmp_path / "samvad.db"),
        "SAMVAD_POLL_TIMEOUT": "5",
        "SAMVAD_LOG_LEVEL": "INFO",
        **extra,
    }
    log = open(tmp_path / "bot.log", "ab")  # noqa: SIM115 - the child owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stdout=log, stderr=log
    )


async def _seconds_to_stop(process: asyncio.subprocess.Process, signum: int) -> float:
    started = time.monotonic()
    process.send_signal(signum)
    try:
        await asyncio.wait_for(process.wait(), timeout=STOPS_WITHIN)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"the bot was still running {STOPS_WITHIN} s after {signal.Signals(signum).name}")
    seconds = time.monotonic() - started
    print(f"stopped {seconds:.2f} s after {signal.Signals(signum).name}")  # a figure, not an assertion
    return seconds


def _log(tmp_path: Path) -> str:
    return (tmp_path / "bot.log").read_text(errors="replace")


async def _log_says(tmp_path: Path, text: str) -> bool:
    return text in _log(tmp_path)


@pytest.fixture
async def processes():
    started: list[asyncio.subprocess.Process] = []
    yield started
    for process in started:  # a failed test leaves no bot behind
        if process.returncode is None:
            process.kill()
            await process.wait()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_stops_while_the_bot_api_is_unreachable(tmp_path, processes, signum):
    processes.append(bot := await _start(f"http://127.0.0.1:{_closed_loopback_port()}", tmp_path))
    await eventually(lambda: _log_says(tmp_path, "cannot reach the Bot API"), timeout=60, interval=0.1)
    await asyncio.sleep(1.5)  # well into the back-off wait

    await _seconds_to_stop(bot, signum)

    assert bot.returncode == 0
    assert "Traceback" not in _log(tmp_path)
    assert TOKEN.split(":")[1] not in _log(tmp_path)


async def test_stops_while_starting(sandbox, tmp_path, processes):
    processes.append(bot := await _start(sandbox.base_url, tmp_path))
    # The database exists once the services begin to open (the filter model loads after it).
    await eventually(lambda: _exists(tmp_path / "samvad.db"), timeout=60)

    await _seconds_to_stop(bot, signal.SIGTERM)

    assert bot.returncode == 0
    assert "Traceback" not in _log(tmp_path)


async def test_stops_while_polling(client, sandbox, tmp_path, processes):
    processes.append(bot := await _start(sandbox.base_url, tmp_path))
    await eventually(lambda: _log_says(tmp_path, "Samvad is running as"), timeout=90, interval=0.1)
    await asyncio.sleep(1.0)  # inside a long poll

    await _seconds_to_stop(bot, signal.SIGTERM)

    assert bot.returncode == 0
    assert "Samvad stopped" in _log(tmp_path)
    assert "Traceback" not in _log(tmp_path)


async def test_stops_while_delivering_and_the_reply_is_still_owed(client, sandbox, tmp_path, processes):
    chat_id, asked = await _bot_busy_sending(client, sandbox, tmp_path, processes)

    await _seconds_to_stop(processes[0], signal.SIGTERM)

    assert processes[0].returncode == 0
    assert "Traceback" not in _log(tmp_path)
    owed = await _first_owed(tmp_path / "samvad.db", chat_id)
    assert owed is not None and owed.method == "sendMessage", "the reply cut short must stay owed"
    assert owed.params["reply_parameters"]["message_id"] == asked["message_id"]


async def test_a_second_signal_while_shutting_down_does_not_prolong_it(client, sandbox, tmp_path, processes):
    await _bot_busy_sending(client, sandbox, tmp_path, processes)
    bot = processes[0]
    started = time.monotonic()
    bot.send_signal(signal.SIGTERM)
    await eventually(lambda: _log_says(tmp_path, "SIGTERM received"), timeout=STOPS_WITHIN)
    bot.send_signal(signal.SIGINT)  # impatient operator, during the shutdown

    await asyncio.wait_for(bot.wait(), timeout=STOPS_WITHIN - (time.monotonic() - started))

    assert bot.returncode == 0
    assert "Traceback" not in _log(tmp_path)


async def _bot_busy_sending(client, sandbox, tmp_path, processes):
    """A running bot whose answer to /help hangs in the Bot API (a slow sendMessage)."""
    officer = await client.create_user("Hetal", last_name="Joshi")
    chat = await client.create_group("District Patan", creator_id=officer["id"])
    await client.add_bot(chat["id"], added_by=officer["id"])
    processes.append(await _start(sandbox.base_url, tmp_path))
    await eventually(lambda: _log_says(tmp_path, "Samvad is running as"), timeout=90, interval=0.1)
    # Its note on being added (the rights it lacks) is delivered first, so the call that hangs is the reply.
    await eventually(lambda: _has_bot_message(client, chat["id"]), timeout=30, interval=0.05)
    await client.set_faults(slow_rate=1.0, slow_seconds=60.0, methods=["sendMessage"])
    before = (await client.stats())["calls"].get("sendMessage", 0)
    asked = await client.send_message(chat["id"], officer["id"], "/help")

    async def sending() -> bool:
        return (await client.stats())["calls"].get("sendMessage", 0) > before

    await eventually(sending, timeout=30, interval=0.05)
    return chat["id"], asked


async def _has_bot_message(client, chat_id: int) -> bool:
    return bool(await client.bot_messages(chat_id))


async def _exists(path: Path) -> bool:
    return path.exists()


async def _first_owed(db_path: Path, chat_id: int):
    db = await Database.open(db_path)
    try:
        return await outbox.first_owed(db, chat_id)
    finally:
        await db.close()
