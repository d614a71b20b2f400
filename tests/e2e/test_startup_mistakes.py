"""Mistakes at start-up end at once with one clear line, and never harm a running instance.

A malformed or empty SAMVAD_BOT_TOKEN stops `samvad run` with exit status 2 and a line naming the
variable (never the token). A second `samvad sandbox` or `samvad run` on a port in use, or on a
database another run has open, says which setting or flag to change, and leaves the first instance's
database files untouched while it keeps working.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from sandbox.client import SandboxClient
from tests.conftest import eventually

ROOT = Path(__file__).resolve().parents[2]


def _env(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SAMVAD_")}
    return env | {"PYTHONPATH": str(ROOT), **settings}


async def _samvad(*args: str, cwd: Path, env: dict[str, str], timeout: float = 60) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout=timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"`samvad {' '.join(args)}` was still running after {timeout} s")
    return process.returncode, output.decode(errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# ---- bug 3: the token's shape --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "api", "expected"),
    [
        ("abc", "http://127.0.0.1:9", "SAMVAD_BOT_TOKEN is not a bot token"),
        ("", "http://127.0.0.1:9", "SAMVAD_BOT_TOKEN is set but empty"),
        ("123456789:AAHdqTcvCH1vGWJ", "https://api.telegram.org", "SAMVAD_BOT_TOKEN is not a whole bot token"),
        ("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX ", "https://api.telegram.org", "spaces or quotes"),
        ("bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX", "https://api.telegram.org", "not a bot token"),
    ],
    ids=["no-colon", "empty", "cut-short", "trailing-space", "bot-prefix"],
)
async def test_a_malformed_token_stops_at_once_with_one_line_naming_the_variable(tmp_path, token, api, expected):
    status, output = await _samvad(
        "run", cwd=tmp_path, env=_env(SAMVAD_BOT_TOKEN=token, SAMVAD_API_BASE_URL=api), timeout=30
    )

    assert status == 2
    assert expected in output
    assert "Traceback" not in output
    if token.strip():
        assert token.strip() not in output and token.split(":")[-1].strip() not in output
    assert not list(tmp_path.iterdir()), "nothing may be written before the settings are known good"


async def test_a_well_formed_token_is_not_refused(tmp_path):
    """BotFather's shape passes the check (the run then fails to reach the closed port, and is stopped)."""
    env = _env(SAMVAD_BOT_TOKEN="123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX",
               SAMVAD_API_BASE_URL=f"http://127.0.0.1:{_free_port()}")  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
        assert b"cannot reach the Bot API" in line
    finally:
        process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=10)


# ---- bug 4: a second instance ----------------------------------------------------------------------------


def _fingerprint(folder: Path) -> dict[str, tuple[int, str]]:
    """Each database file of the sandbox: its inode and a hash of its bytes."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        path = folder / f"samvad-sandbox.db{suffix}"
        if path.exists():
            found[path.name] = (path.stat().st_ino, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


async def _first_sandbox(folder: Path, port: int) -> asyncio.subprocess.Process:
    log = open(folder / "first.log", "ab")  # noqa: SIM115 - the child owns it
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "sandbox", "--port", str(port), cwd=folder, env=_env(),
        stdout=log, stderr=log,
    )  # fmt: skip

    async def ready() -> bool:
        return "Press Ctrl-C to stop." in (folder / "first.log").read_text(errors="replace")

    await eventually(ready, timeout=120, interval=0.2)
    return process


async def _still_answers(folder: Path, port: int) -> None:
    """The first sandbox's bot still works: the admin's /help in the first demo group is answered."""
    log = (folder / "first.log").read_text(errors="replace")
    group_id = int(log.split("Groups:\n", 1)[1].split()[0])
    async with SandboxClient(f"http://127.0.0.1:{port}") as client:
        admin = next(m for m in await client.members(group_id) if m["status"] == "creator")
        answer = await client.ask(group_id, admin["user"]["id"], "/help", timeout=30)
        assert answer["text"]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (("sandbox", "--port", "{port}"), "samvad sandbox --port N"),
        (("run",), "SAMVAD_SANDBOX_PORT"),  # no token: `run` starts the sandbox, on SAMVAD_SANDBOX_PORT
        (("sandbox", "--port", "0"), "in use by another Samvad process"),  # another port, the same database
    ],
    ids=["sandbox-same-port", "run-same-port", "sandbox-other-port"],
)
async def test_a_second_instance_never_touches_the_first_ones_database(tmp_path, second, expected):
    port = _free_port()
    first = await _first_sandbox(tmp_path, port)
    try:
        before = _fingerprint(tmp_path)
        assert "samvad-sandbox.db" in before

        args = tuple(arg.format(port=port) for arg in second)
        status, output = await _samvad(*args, cwd=tmp_path, env=_env(SAMVAD_SANDBOX_PORT=str(port)))

        assert status == 2
        assert expected in output
        assert "Traceback" not in output
        assert len([line for line in output.splitlines() if line.startswith("samvad:")]) == 1
        after = _fingerprint(tmp_path)
        assert {name: inode for name, (inode, _) in after.items()} == {
            name: inode for name, (inode, _) in before.items()
        }, "a database file of the running sandbox was deleted or replaced"
        assert first.returncode is None
        await _still_answers(tmp_path, port)
    finally:
        first.send_signal(signal.SIGTERM)
        await asyncio.wait_for(first.wait(), timeout=10)


async def test_a_second_webhook_run_on_a_port_in_use_says_which_setting_to_change(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = _env(SAMVAD_BOT_TOKEN="123456:SANDBOX-token", SAMVAD_API_BASE_URL="http://127.0.0.1:9",
                   SAMVAD_WEBHOOK_URL="https://bot.example.gov.in/telegram", SAMVAD_WEBHOOK_SECRET="s3cret",
                   SAMVAD_WEBHOOK_LISTEN="127.0.0.1", SAMVAD_WEBHOOK_PORT=str(port))  # fmt: skip

        status, output = await _samvad("run", cwd=tmp_path, env=env, timeout=30)

    assert status == 2
    assert "SAMVAD_WEBHOOK_PORT" in output
    assert "Traceback" not in output
    assert not (tmp_path / "samvad.db").exists()


def test_the_sandbox_database_is_not_deleted_while_another_process_has_it_open(tmp_path):
    """The reset's own guard: any SQLite connection (not only Samvad's) keeps the file from deletion."""
    from bot.startup_guards import DatabaseInUse, delete_database

    db_path = tmp_path / "samvad-sandbox.db"
    holder = _hold_open_in_another_process(db_path)
    try:
        with pytest.raises(DatabaseInUse):
            delete_database(db_path)
        assert db_path.exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    delete_database(db_path)  # closed now: the reset goes ahead
    assert not db_path.exists()


def _hold_open_in_another_process(db_path: Path):
    import subprocess

    script = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(db_path)!r})\n"
        "c.execute('PRAGMA journal_mode=WAL'); c.execute('CREATE TABLE t (a)'); c.commit()\n"
        "print('open', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "open"
    return holder
