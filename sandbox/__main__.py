"""python -m sandbox: run the fake Telegram until Ctrl-C (SIGINT) or SIGTERM."""

from __future__ import annotations

import argparse
import asyncio
import signal

from sandbox.server import SandboxServer


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default="123456:SANDBOX-token", help="the bot's token, id:secret")
    parser.add_argument("--bot-username", default="samvad_bot")
    parser.add_argument("--privacy-mode", action="store_true", help="the bot sees only commands in groups")
    parser.add_argument(
        "--control-token",
        help="token the control API and console ask for off loopback (default there: a new random one, printed)",
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    server = SandboxServer(
        token=args.token, host=args.host, port=args.port,
        bot_username=args.bot_username, privacy_mode=args.privacy_mode, control_token=args.control_token,
    )  # fmt: skip
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await server.start()
    print(f"sandbox listening on {server.base_url}", flush=True)
    print(f"  Bot API base_url: {server.api_base_url}", flush=True)
    print(f"  control API:      {server.base_url}/sandbox/", flush=True)
    if server.control_token:
        print("  (it asks for the token in the console's address, as X-Sandbox-Token or ?token=)", flush=True)
    print(f"  browser console:  {server.console_url}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()
        print("sandbox stopped", flush=True)


def main(argv: list[str] | None = None) -> None:
    asyncio.run(serve(parse_args(argv)))


if __name__ == "__main__":
    main()
