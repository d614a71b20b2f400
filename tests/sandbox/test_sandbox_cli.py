"""python -m sandbox runs standalone, prints its address and stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


async def test_runs_until_sigterm():
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox", "--port", "0", "--token", "42:cli-token",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    try:
        first = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        assert first.startswith("sandbox listening on http://127.0.0.1:")
        base_url = first.split()[-1]
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base_url}/bot42:cli-token/getMe") as response:
                assert (await response.json())["result"]["id"] == 42
        process.send_signal(signal.SIGTERM)
        rest = (await asyncio.wait_for(process.stdout.read(), 10)).decode()
        assert await asyncio.wait_for(process.wait(), 10) == 0
        assert "sandbox stopped" in rest
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
