"""The benchmark's posters in a process of their own, so their CPU is counted apart from the sandbox's.

    python -m benchmarks.e2e_posters BASE_URL STREAM.jsonl RESULT.json [--rate R] [--concurrency 16]

Reads the stream (one {"chat_id", "user_id", "text"} a line), posts it through the sandbox's control API
and writes {"posted": [[chat_id, message_id, unix time], ...], "started": t, "cpu_seconds": s} to RESULT.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

from sandbox.client import SandboxClient


async def post_stream(base_url: str, stream: list[dict], *, rate: float, concurrency: int) -> dict:
    """Post every message of the stream; when each was accepted, and the CPU this process spent on it."""
    posted: list[tuple[int, int, float]] = []
    cpu_before = time.process_time()
    async with SandboxClient(base_url) as client:
        started = time.time()
        queue: asyncio.Queue[tuple[int, dict]] = asyncio.Queue()
        for number, message in enumerate(stream):
            queue.put_nowait((number, message))

        async def poster() -> None:
            while not queue.empty():
                number, message = queue.get_nowait()
                if rate > 0:
                    await asyncio.sleep(max(0.0, started + number / rate - time.time()))
                sent = await client.send_message(message["chat_id"], message["user_id"], message["text"])
                posted.append((message["chat_id"], sent["message_id"], time.time()))

        await asyncio.gather(*(poster() for _ in range(concurrency)))
    return {"posted": posted, "started": started, "cpu_seconds": time.process_time() - cpu_before}


def main(argv: list[str] | None = None) -> int:
    """Post the stream and write the result file."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.e2e_posters")
    parser.add_argument("base_url")
    parser.add_argument("stream", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--rate", type=float, default=0.0)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    stream = [json.loads(line) for line in args.stream.read_text(encoding="utf-8").splitlines() if line]
    result = asyncio.run(post_stream(args.base_url, stream, rate=args.rate, concurrency=args.concurrency))
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
