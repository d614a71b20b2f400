"""The `samvad` command line."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Coroutine, Sequence
from contextlib import nullcontext
from typing import Any

from bot.false_alarms import add_parser as add_false_alarms_parser
from bot.logs import configure_logging
from bot.records_cli import add_parsers
from bot.roster_commands import add_roster_parser
from runtime.settings import Settings, SettingsError, load_settings
from runtime.signing import SigningKeyError
from runtime.instances import InstanceIdInUse
from bot.startup_guards import StartupError, database_lock, ensure_port_free
from bot.stopping import StopRequest
from nlp import cli as nlp_cli

log = logging.getLogger(__name__)


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

    # The benchmark's own parser reads its options (and --help): benchmarks/ is imported only when it runs.
    bench = commands.add_parser(
        "bench", add_help=False, help="end-to-end benchmark: the bot against the sandbox on a cyclone day"
        " (--chaos N: kill and restart it N times)",
    )
    bench.set_defaults(handler=command_bench)

    nlp_commands = nlp_cli.register(commands)
    add_false_alarms_parser(nlp_commands)

    add_parsers(commands)

    add_roster_parser(commands)

    db = commands.add_parser("db", help="move the record between backends (db copy --to postgresql://...)")
    db_commands = db.add_subparsers(dest="db_command", metavar="DB_COMMAND", required=True)
    copy = db_commands.add_parser(
        "copy", help="copy the SQLite record (SAMVAD_DB_PATH) into an empty PostgreSQL database, chain intact",
    )
    copy.add_argument("--to", metavar="URL", help="the empty PostgreSQL database's postgresql:// URL"
                      " (default: SAMVAD_DATABASE_URL; the environment keeps a password off the process list)")
    copy.set_defaults(handler=command_db_copy)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `samvad` console script."""
    parser = build_parser()
    args, rest = parser.parse_known_args(argv)
    if args.command == "bench":
        args.bench_args = rest  # the benchmark's own parser reads them
    elif rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"samvad: {error}", file=sys.stderr)
        return 2
    secrets = [settings.bot_token.get_secret_value()] if settings.bot_token else []
    if settings.database_url is not None:  # the PostgreSQL URL holds the database's password
        secrets.append(settings.database_url.get_secret_value())
    configure_logging(settings.log_level, secrets=secrets)
    args.settings = settings
    try:
        return args.handler(args)
    except (SigningKeyError, StartupError, InstanceIdInUse) as error:  # one line saying what to do
        print(f"samvad: {error}", file=sys.stderr)
        return 2


def command_db_copy(args: argparse.Namespace) -> int:
    """`samvad db copy --to postgresql://...`: the SQLite record into an empty PostgreSQL database, verified."""
    from storage import chain
    from storage.backend import is_postgresql
    from storage.database import Database
    from storage.errors import StorageError, StorageUnavailable
    from storage.postgres import redacted
    from storage.transfer import TargetNotEmpty, copy_to_postgresql

    settings: Settings = args.settings
    target = args.to or (settings.database_url.get_secret_value() if settings.database_url else None)
    if target is None or not is_postgresql(target):
        print("samvad db copy: give the target as --to postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
              " (or set SAMVAD_DATABASE_URL)", file=sys.stderr)
        return 2
    source = settings.db_path
    if not source.is_file():
        print(f"samvad db copy: no SQLite database at {source} (SAMVAD_DB_PATH)", file=sys.stderr)
        return 2

    async def migrate_source() -> None:  # the copy needs the source at this Samvad's schema version
        await (await Database.open(source, busy_timeout_ms=settings.db_busy_timeout_ms)).close()

    where = redacted(target)
    try:
        asyncio.run(migrate_source())
        report = asyncio.run(copy_to_postgresql(
            source, target, progress=lambda table, rows: print(f"  {table}: {rows} rows", file=sys.stderr)
        ))
    except TargetNotEmpty as error:
        print(f"samvad db copy: refused: {error}", file=sys.stderr)
        return 1
    except StorageUnavailable as error:
        print(f"samvad db copy: the database {error.path} is unavailable: {error.reason}", file=sys.stderr)
        return 1
    except StorageError as error:
        print(f"samvad db copy: {error}", file=sys.stderr)
        return 1
    print(f"copied {report.total} rows in {len(report.rows)} tables from {source} into {where}")
    verified = chain.verify(target)
    print(f"samvad verify on the copy: {verified.summary()}")
    return 0 if verified.ok else 1


def command_run(args: argparse.Namespace) -> int:
    """`samvad run`."""
    settings: Settings = args.settings
    if settings.bot_token is None:
        print("SAMVAD_BOT_TOKEN is not set: starting the offline sandbox with a demo world.", file=sys.stderr)
        return command_sandbox(argparse.Namespace(port=None, keep_db=False, tour=False, settings=settings))
    from bot.runner import choose_event_loop, serve

    if settings.webhook_url is not None:
        ensure_port_free(settings.webhook_listen, settings.webhook_port,
                         how_to_change="set SAMVAD_WEBHOOK_PORT to a free port (and your proxy to match)")
    # The lock file says this run is alone on an SQLite file; a PostgreSQL server has no file to lock and is
    # shared by design (the instances' lease and claims keep them apart).
    lock = nullcontext() if settings.database_url is not None else database_lock(
        settings.db_path, shared=settings.shares_database)
    with lock:
        choose_event_loop(settings)
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
    # By name, only here: benchmarks/ drives the bot, so the bot does not depend on it (no package cycle).
    bench = importlib.import_module("benchmarks.e2e_bench")
    return bench.main(args.bench_args)


# After SIGINT/SIGTERM a run that is up has STOP_GRACE seconds to stop in order, whatever it is doing (polling,
# delivering); a run still starting (or waiting for an unreachable Bot API) is cancelled at once. Then the
# process exits without waiting for helper threads (the filter model loading, SQLite's): by STOP_DEADLINE at
# the latest. Cutting work short is safe: an update is confirmed to Telegram only once stored and is replayed
# until handled, and an owed call stays owed until Telegram has answered it.
STOP_GRACE = 1.2
STOP_DEADLINE = 1.8
STOPPED_LATE = 1


def run_until_signalled(main_coroutine: Callable[[asyncio.Event], Coroutine[Any, Any, None]]) -> int:
    """Run a coroutine until Ctrl-C or SIGTERM, then stop within STOP_DEADLINE seconds (exits the process)."""
    signalled = threading.Event()
    signalled_at: list[float] = []

    async def runner() -> None:
        stop = StopRequest()
        loop = asyncio.get_running_loop()

        def on_signal(signum: signal.Signals) -> None:
            if stop.is_set():
                return
            log.info("%s received: stopping", signum.name)
            signalled_at.append(loop.time())
            signalled.set()
            _exit_late_if_still_running(STOP_DEADLINE)
            stop.set()

        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, on_signal, signum)
        main = asyncio.create_task(main_coroutine(stop), name="samvad-main")
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({main, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if not main.done() and stop.is_running:
            await asyncio.wait({main}, timeout=STOP_GRACE)
        if not main.done():
            if stop.is_running:
                log.warning("still stopping after %.1f s: cutting short what is in flight (it resumes at the"
                            " next start)", STOP_GRACE)
            main.cancel()
            left = signalled_at[0] + STOP_DEADLINE - 0.15 - asyncio.get_running_loop().time()
            await asyncio.wait({main}, timeout=max(left, 0.05))
        stopping.cancel()
        if signalled.is_set():
            status = 0 if main.done() else STOPPED_LATE
            if main.done() and not main.cancelled() and main.exception() is not None:
                log.error("error while stopping", exc_info=main.exception())
                status = STOPPED_LATE
            log.info("Samvad stopped")
            _exit_now(status)
        main.result()  # not signalled: the run ended by itself, or with an error that propagates

    asyncio.run(runner())
    return 0


def _exit_now(status: int) -> None:
    """End the process at once, without waiting for threads that cannot be cancelled."""
    sys.stdout.flush()
    sys.stderr.flush()
    logging.shutdown()
    os._exit(status)


def _exit_late_if_still_running(deadline: float) -> None:
    """Exit deadline seconds from now if the process is still running (its loop may be blocked)."""

    def exit_now() -> None:
        print(f"samvad: did not stop within {deadline:.1f} s; exiting now", file=sys.stderr, flush=True)
        _exit_now(STOPPED_LATE)

    timer = threading.Timer(deadline, exit_now)
    timer.daemon = True
    timer.start()


if __name__ == "__main__":
    sys.exit(main())
