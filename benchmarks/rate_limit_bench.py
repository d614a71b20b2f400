"""What keeping the sending limits in the database costs one instance: CPU and trips per Bot API call.

    python -m benchmarks.rate_limit_bench [--calls 5000] [--concurrency 16]

Sends `calls` sendMessage calls through SendingRateLimiter to a callback that returns at once, first with
the limits in memory (one instance's own, as before issue 17), then shared through an SQLite file. The
limits are set high enough that nothing waits: what is measured is the bookkeeping alone. `concurrency`
callers at once, as the delivery worker's slots send (reservations waiting for the writer meanwhile go
in one trip).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from runtime.ratelimit import SendingRateLimiter
from storage.database import Database


async def _measure(limiter: SendingRateLimiter, calls: int, concurrency: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) for the calls."""

    async def send(**_: Any) -> dict[str, Any]:
        return {"message_id": 1}

    queue = list(range(calls))

    async def caller() -> None:
        while queue:
            number = queue.pop()
            chat = 700000000 + number % 500 if number % 4 else -1001000000000 - number % 36
            await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": chat, "text": "x"}, None)

    cpu, wall = time.process_time(), time.perf_counter()
    await asyncio.gather(*(caller() for _ in range(concurrency)))
    return time.process_time() - cpu, time.perf_counter() - wall


async def run(calls: int, concurrency: int) -> None:
    """Print the figures of both runs."""
    rates = {"overall_max_rate": 1e9, "group_max_rate": 1e9}
    local = SendingRateLimiter(**rates)
    cpu, wall = await _measure(local, calls, concurrency)
    print(f"in memory (one instance's own):  {cpu / calls * 1e6:7.1f} µs CPU per call,"
          f" {calls / wall:8,.0f} calls/s")
    with tempfile.TemporaryDirectory() as folder:
        db = await Database.open(Path(folder) / "samvad.db")
        try:
            shared = SendingRateLimiter(**rates)
            shared.share_through(db)
            traffic = await db.count_traffic()
            cpu, wall = await _measure(shared, calls, concurrency)
            print(f"shared through SQLite:           {cpu / calls * 1e6:7.1f} µs CPU per call,"
                  f" {calls / wall:8,.0f} calls/s, {traffic.trips / calls:.2f} trips and"
                  f" {traffic.transactions / calls:.2f} transactions per call")
        finally:
            await db.close()


def main(argv: list[str] | None = None) -> None:
    """Run the measurement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    asyncio.run(run(args.calls, args.concurrency))


if __name__ == "__main__":
    main()
