"""The `samvad` command line."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from bot.false_alarms import add_parser as add_false_alarms_parser
from bot.logs import configure_logging
from bot.records_cli import add_parsers
from bot.roster_commands import add_roster_parser
from bot.settings import Settings, SettingsError, load_settings
from bot.signing import SigningKeyError
from nlp import cli as nlp_cli


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="samvad",
        description="Samvad: the official coordination groups of the Revenue Department, on Telegram.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", help="run the bot (on the offline sandbox when no token is set)")
    run.set_defaults(handler=command_run)

    sandbox = commands.add_parser("sandbox", help="run the bot on the offline sandbox with a seeded demo")
    sandbox.add_argument("--port", type=int, help="sandbox port (default: SAMVAD_SANDBOX_PORT, 8081)")
    sandbox.add_argument("--keep-db", action="store_true", help="keep samvad-sandbox.db from the last run")
    sandbox.add_argument("--tour", action="store_true", help="play the guided tour once the console is opened")
    sandbox.set_defaults(handler=command_sandbox)

    health = commands.add_parser("health", help="exit 0 if the bot is running (its heartbeat is recent)")
    health.set_defaults(handler=command_health)

    bench = commands.add_parser("bench", help="end-to-end benchmark: the bot against the sandbox on a cyclone day")
    bench.set_defaults(handler=command_bench)
    from benchmarks.e2e_bench import add_arguments as add_bench_arguments

    add_bench_arguments(bench)

    nlp_commands = nlp_cli.register(commands)
    add_false_alarms_parser(nlp_commands)

    add_parsers(commands)

    add_roster_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `samvad` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"samvad: {error}", file=sys.stderr)
        return 2
    secrets = [settings.bot_token.get_secret_value()] if settings.bot_token else []
    configure_logging(settings.log_level, secrets=secrets)
    args.settings = settings
    try:
        return args.handler(args)
    except SigningKeyError as error:  # open to others, unreadable or not a key: one line saying what to do
        print(f"samvad: {error}", file=sys.stderr)
        return 2


def command_run(args: argparse.Namespace) -> int:
    """`samvad run`."""
    settings: Settings = args.settings
    if settings.bot_token is None:
        print("SAMVAD_BOT_TOKEN is not set: starting the offline sandbox with a demo world.", file=sys.stderr)
        return command_sandbox(argparse.Namespace(port=None, keep_db=False, tour=False, settings=settings))
    from bot.runner import serve

    return run_until_signalled(lambda stop: serve(settings, stop=stop))


def command_sandbox(args: argparse.Namespace) -> int:
    """`samvad sandbox`."""
    from bot.sandbox_mode import run_sandbox

    settings: Settings = args.settings
    if args.port is not None:
        settings = settings.model_copy(update={"sandbox_port": args.port})
    return run_until_signalled(
        lambda stop: run_sandbox(settings, stop=stop, fresh_db=not args.keep_db, tour=args.tour)
    )


def command_health(args: argparse.Namespace) -> int:
    """`samvad health`: for container health checks."""
    from datetime import UTC, datetime

    from bot.health import check_health

    healthy, reason = asyncio.run(check_health(args.settings, now=datetime.now(UTC)))
    print(reason, file=sys.stdout if healthy else sys.stderr)
    return 0 if healthy else 1


def command_bench(args: argparse.Namespace) -> int:
    """`samvad bench`: prints figures; exits non-zero if anything was lost."""
    from benchmarks.e2e_bench import run

    return run(args)


def run_until_signalled(main_coroutine: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> int:
    """Run a coroutine until Ctrl-C or SIGTERM, then let it stop cleanly."""

    async def runner() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await main_coroutine(stop)

    asyncio.run(runner())
    return 0


if __name__ == "__main__":
    sys.exit(main())
