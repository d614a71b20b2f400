"""The Bot API transport alone: CPU per call of a real `telegram.Bot` over httpx and over aiohttp.

    python -m benchmarks.transport_bench [--calls 5000] [--concurrency 16]

A local HTTP server in a process of its own answers every call at once with a fixed message, so the
CPU measured in this process is PTB's and the transport's, per sendMessage call (what the delivery
worker makes): the figure that the end-to-end benchmark cannot isolate on a busy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import socket
import sys
import time

import telegram
from telegram.request import BaseRequest, HTTPXRequest

from bot.aiohttp_request import AiohttpRequest

TOKEN = "123456:BENCH-transport"
ANSWER = json.dumps({"ok": True, "result": {
    "message_id": 7, "date": 0, "chat": {"id": -100, "type": "supergroup", "title": "G"}, "text": "hi"}})
ME = json.dumps({"ok": True, "result": {"id": 123456, "is_bot": True, "first_name": "B", "username": "b_bot"}})


def _serve(port: int) -> None:
    from aiohttp import web

    async def answer(request: web.Request) -> web.Response:
        await request.read()
        body = ME if request.path.endswith("getMe") else ANSWER
        return web.Response(text=body, content_type="application/json")

    app = web.Application()
    app.router.add_route("POST", "/{tail:.*}", answer)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


async def _measure(request: BaseRequest, port: int, calls: int, concurrency: int) -> tuple[float, float]:
    bot = telegram.Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)
    async with bot:
        for _ in range(50):  # warm the pool
            await bot.send_message(-100, "warm")
        left = iter(range(calls))

        async def worker() -> None:
            for _ in left:
                await bot.send_message(-100, "નમસ્તે, the relief camp at Morbi needs 200 more tarpaulins", reply_to_message_id=3)

        cpu, wall = time.process_time(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    """Print CPU and wall time per call for each transport."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.transport_bench")
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = multiprocessing.Process(target=_serve, args=(port,), daemon=True)
    server.start()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        for name, make in (("httpx", lambda: HTTPXRequest(connection_pool_size=256)),
                           ("aiohttp", lambda: AiohttpRequest(connection_pool_size=256))):
            cpu, wall = asyncio.run(_measure(make(), port, args.calls, args.concurrency))
            print(f"{name:8} {args.calls} sendMessage calls: {cpu / args.calls * 1e6:6.0f} us CPU per call"
                  f" in this process, {args.calls / wall:6.0f} calls/s", flush=True)
    finally:
        server.terminate()
        server.join(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
