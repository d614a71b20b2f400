"""`samvad sandbox` as a newcomer runs it: the console's address comes first, and it works."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_LINE = re.compile(r"Open the console in your browser: (http://\S+/console)")


async def _start(
    tmp_path: Path, *arguments: str, command: tuple[str, ...] = ("sandbox", "--port", "0"), **settings: str
):
    """`samvad COMMAND` in tmp_path, with none of this machine's SAMVAD_* settings (but these)."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("SAMVAD_")}
    environment["PYTHONPATH"] = str(ROOT)
    environment["SAMVAD_SANDBOX_PORT"] = "0"  # any free port, for `samvad run` too
    environment.update({f"SAMVAD_{name.upper()}": value for name, value in settings.items()})
    log = open(tmp_path / "sandbox.log", "ab")  # noqa: SIM115 - the child owns it; logs go to stderr
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *command, *arguments,
        cwd=tmp_path, env=environment, stdout=asyncio.subprocess.PIPE, stderr=log,
    )  # fmt: skip


async def _console_url(process: asyncio.subprocess.Process) -> tuple[str, list[str]]:
    """The address printed first, and the lines up to it."""
    lines: list[str] = []
    async with asyncio.timeout(60):
        while True:
            line = (await process.stdout.readline()).decode()
            if not line:
                pytest.fail("samvad sandbox ended before printing the console's address:\n" + "".join(lines))
            lines.append(line)
            found = CONSOLE_LINE.search(line)
            if found:
                return found.group(1), lines


async def _read_until(process: asyncio.subprocess.Process, wanted: str) -> None:
    async with asyncio.timeout(60):
        while wanted not in (await process.stdout.readline()).decode():
            if process.stdout.at_eof():
                pytest.fail(f"samvad sandbox ended before printing {wanted!r}")


async def _stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGINT)
        try:
            async with asyncio.timeout(20):
                await process.communicate()
        except TimeoutError:
            process.kill()
            await process.wait()
    return process.returncode


async def _get_json(session: aiohttp.ClientSession, url: str) -> dict:
    async with session.get(url) as response:
        return (await response.json())["result"]


async def test_the_first_address_printed_is_the_working_console(tmp_path):
    process = await _start(tmp_path)
    try:
        url, lines = await _console_url(process)
        assert [line for line in lines if line.strip()][0].startswith("Open the console")  # first on stdout
        base = url.removesuffix("/console")
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:  # at once, while the demo is being set up
                assert response.status == 200
                assert "Samvad sandbox console" in await response.text()
            await _read_until(process, "Press Ctrl-C to stop.")
            info = await _get_json(session, base + "/sandbox/console/info")
            state = await _get_json(session, base + "/sandbox/state")
    finally:
        assert await _stop(process) == 0
    assert info["tour"] == {"available": True, "running": False}
    names = {f"{u['first_name']} {u.get('last_name', '')}".strip(): u["id"] for u in state["users"]}
    assert info["labels"][str(names["Rajesh Patel"])] == "District Collector, Kutch"
    assert info["labels"][str(names["Dinesh Parmar"])] == "newcomer, no post"


async def test_with_tour_the_tour_starts_when_the_console_is_opened(tmp_path):
    process = await _start(tmp_path, "--tour")
    try:
        url, lines = await _console_url(process)
        next_line = (await process.stdout.readline()).decode()
        assert "The tour starts when you open it" in next_line
        base = url.removesuffix("/console")
        async with aiohttp.ClientSession() as session:
            assert (await _get_json(session, base + "/sandbox/console/info"))["tour"]["running"] is False
            async with session.get(url) as response:
                assert response.status == 200

            async def running() -> bool:
                return (await _get_json(session, base + "/sandbox/console/info"))["tour"]["running"]

            async with asyncio.timeout(15):
                while not await running():
                    await asyncio.sleep(0.1)
    finally:
        assert await _stop(process) == 0  # a tour still playing ends with the sandbox


async def test_samvad_run_without_a_token_leads_to_the_console_as_the_readme_says(tmp_path):
    process = await _start(tmp_path, command=("run",))
    try:
        url, _ = await _console_url(process)
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                assert response.status == 200
    finally:
        assert await _stop(process) == 0
    assert "SAMVAD_BOT_TOKEN is not set" in (tmp_path / "sandbox.log").read_text()


GUARDED_CONSOLE_LINE = re.compile(r"Open the console in your browser: http://127\.0\.0\.1:(\d+)/console\?token=(\S+)")


async def test_a_sandbox_open_to_the_network_asks_for_the_token_printed_once_in_the_console_address(tmp_path):
    process = await _start(tmp_path, sandbox_host="0.0.0.0", log_level="DEBUG")
    printed: list[str] = []
    try:
        async with asyncio.timeout(60):
            while not (found := GUARDED_CONSOLE_LINE.search(line := (await process.stdout.readline()).decode())):
                assert line, "samvad sandbox ended before printing the console's address"
                printed.append(line)
        printed.append(line)
        port, token = found.groups()
        base = f"http://127.0.0.1:{port}"
        async with aiohttp.ClientSession() as session:
            async with asyncio.timeout(60):
                while "Press Ctrl-C to stop." not in (line := (await process.stdout.readline()).decode()):
                    printed.append(line)  # the demo is seeded through the control API, with the token
            async with session.get(f"{base}/sandbox/state") as response:
                assert response.status == 401
            async with session.get(f"{base}/console") as response:
                assert response.status == 401
            async with session.get(f"{base}/console?token={token}") as response:
                assert response.status == 200
            state = await _get_json_with(session, f"{base}/sandbox/state", token)
            assert any(user.get("last_name") == "Patel" for user in state["users"])  # the demo was seeded
            async with session.get(f"{base}/bot700000001:SANDBOX-samvad-demo-token/getMe") as response:
                assert response.status == 401  # the demo bot's token is no longer a fixed, published one
    finally:
        assert await _stop(process) == 0
    assert "".join(printed).count(token) == 1  # printed once, in the console's address
    log = (tmp_path / "sandbox.log").read_text()
    assert token not in log
    assert "applying migration" in log and "700000001:" not in log  # nor the demo bot's token (id:secret)
    # What the demo wrote (its database, the signing key and its .pub, the log) is ignored by git.
    assert (tmp_path / "samvad-sandbox.db.signing-key").exists()
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, text=True, check=True)
    assert status.stdout.splitlines() == ["?? .gitignore"]
    # The demo's files are its owner's alone.
    assert {path.name: oct(path.stat().st_mode & 0o777) for path in tmp_path.glob("samvad-sandbox.db*")
            if not path.name.endswith(".pub")} == {
        name: "0o600" for name in ("samvad-sandbox.db", "samvad-sandbox.db.lock", "samvad-sandbox.db.signing-key")
    }


async def _get_json_with(session: aiohttp.ClientSession, url: str, token: str) -> dict:
    async with session.get(url, headers={"X-Sandbox-Token": token}) as response:
        assert response.status == 200
        return (await response.json())["result"]


async def test_a_signing_key_readable_by_others_stops_the_start_with_one_line_saying_what_to_run(tmp_path):
    from runtime.signing import load_or_create

    key = tmp_path / "samvad-sandbox.db.signing-key"
    load_or_create(key)
    key.chmod(0o644)
    process = await _start(tmp_path, "--keep-db")
    async with asyncio.timeout(60):
        await process.communicate()
    assert process.returncode == 2
    errors = (tmp_path / "sandbox.log").read_text().strip().splitlines()
    assert errors[-1] == (
        "samvad: the signing key samvad-sandbox.db.signing-key can be read by other users (mode 644);"
        " run: chmod 600 samvad-sandbox.db.signing-key"
    )
    assert not any("Traceback" in line for line in errors)
