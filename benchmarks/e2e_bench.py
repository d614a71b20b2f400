"""End-to-end benchmark: the real bot, in its own process, against the sandbox on a cyclone day.

    samvad bench [--messages 5000] [--violations 0.04] [--runs both|unlimited|limited] [--rate R] [--drain]
    samvad bench --chaos 20 --messages 10000      # killed and restarted: see benchmarks/chaos_bench.py
    samvad bench --instances 1 2 4 [--database-url postgresql://USER@HOST/DB]   # several bot processes
    samvad bench --runs unlimited --reference      # and a plain PTB application's figure beside each run

36 groups (State, two HoD, 33 Districts) and ~580 verified officers post a stream of
corpus messages as fast as the sandbox takes them. Printed per run: messages per
second handled (stored, and every stage of the bot done with its update: the inbox's mark), latency
from post to stored, from post to handled and from a violating post to the bot's warning (p50, p99),
the bot's peak memory, and what was lost (must be zero). The first run has no sending limits (the bot's own rate limiter, which keeps it
within Telegram's, is lifted too, so what is timed is the bot's work, not its pacing); the second has the
sandbox enforce Telegram's sending limits (30 messages/s overall, 20 per minute per group) and the bot
keep to them: warnings queue, and all must arrive.

The CPU of each part is printed apart: the bot (its own process), the posters (a process
of their own) and the sandbox with this harness, over the time from the first post until
the last message is handled; the bot's also until the outbox is drained (every call the stream owed made:
flat out, warnings still going out when the last message is handled are not in the first figure, and paced they
are). With --drain the bot is paused (SIGSTOP) while the whole
stream is posted, then let go: the time it takes to empty that backlog measures the bot alone.

With SAMVAD_BENCH_PROFILE=PATH set, py-spy (pip install py-spy) samples the bot process from when it is
ready until the run ends and writes PATH with the run's name before its suffix: a flame graph for .svg,
collapsed stacks (one line per stack, with its count of samples) for .txt, speedscope JSON for .json.
Sampling costs the bot a little CPU, so the figures of a profiled run are not the ones to report.
SAMVAD_BENCH_PROFILE_THREADS=1 keeps each thread's samples apart (py-spy --threads: each stack starts with its
thread, e.g. MainThread for the event loop, the database's and the filter's worker threads).
SAMVAD_BENCH_PROFILE_NATIVE=1 adds C frames (py-spy --native: SQLite's, spaCy's) below the Python ones.

With --reference, each unlimited run is followed by the same world and stream handled by a yardstick: a plain
python-telegram-bot 22 application that stores each update with aiosqlite, one commit an update, and does nothing
else (benchmarks/reference_bot.py; about 2,100-3,100 msg/s on this machine when issue 15 was filed). This virtual
machine's speed changes from hour to hour, so the bot's rate is printed as a share of the yardstick's too.

With --instances K, K bot processes share one database (SQLite: one file; with --database-url, a
PostgreSQL database the benchmark creates on that server for the run and drops after it), and the CPU
of each is printed; the bot figures are their sum.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiosqlite

from benchmarks.e2e_world import BenchMessage, build_world, generate_stream, open_store, prepare_bot_database
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from storage.timefmt import from_db

TOKEN = "700000099:BENCH-samvad-token"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class RunFigures:
    """What one run measured."""

    name: str
    posted: int
    seconds_to_store_all: float
    store_latencies: list[float]
    flagged: int
    warn_latencies: list[float]
    unwarned: int
    lost: int
    bot_peak_rss_mb: float
    cpu_seconds: dict[str, float]
    drain: bool = False
    instance_cpu: list[float] = field(default_factory=list)  # each bot process's, with --instances
    quiet: int = 0  # flagged with no warning due now by design (doubtful, or held for the combined warning)
    handle_latencies: list[float] = field(default_factory=list)  # post -> the update marked handled in the inbox
    seconds_to_send_all: float = 0.0  # until the outbox was drained too (every call the stream owed made)

    def render(self) -> str:
        """The figures as lines of text."""
        rate = self.posted / self.seconds_to_store_all if self.seconds_to_store_all else 0.0
        since = "from the bot's release" if self.drain else "from the first post"
        lines = [
            f"run: {self.name}" + (" (drain: backlog posted while the bot was paused)" if self.drain else ""),
            f"  messages posted:               {self.posted}",
            f"  handled (stored, every stage): {rate:,.0f} messages/s ({self.seconds_to_store_all:.1f} s for all,"
            f" {since})",
        ]
        if not self.drain:
            lines.append(
                f"  post -> stored latency:        p50 {_ms(self.store_latencies, 50)}"
                f"  p99 {_ms(self.store_latencies, 99)}"
            )
            lines.append(
                f"  post -> handled latency:       p50 {_ms(self.handle_latencies, 50)}"
                f"  p99 {_ms(self.handle_latencies, 99)}"
            )
        quiet = f" ({self.quiet} with no warning due now: doubtful, or held for the combined one)" if self.quiet else ""
        lines.append(f"  flagged by the filter:         {self.flagged}{quiet}")
        if self.flagged:
            lines.append(
                f"  violating post -> warning:     p50 {_ms(self.warn_latencies, 50)}  p99 {_ms(self.warn_latencies, 99)}"
            )
        cpu = self.cpu_seconds
        per_message = cpu["bot"] / self.posted * 1000 if self.posted else 0.0
        per_sent = cpu.get("bot_until_sent", 0.0) / self.posted * 1000 if self.posted else 0.0
        lines += [
            f"  CPU until all handled:         bot {cpu['bot']:.1f} s ({per_message:.2f} ms per message),"
            f" posters {cpu['posters']:.1f} s, sandbox + harness {cpu['sandbox']:.1f} s",
            f"  bot CPU until all sent too:    {cpu['bot_until_sent']:.1f} s ({per_sent:.2f} ms per message;"
            f" the outbox drained {self.seconds_to_send_all:.1f} s {since})",
            *([f"  server CPU until all handled:  {cpu['server']:.1f} s ({cpu['server'] / self.posted * 1000:.2f} ms per"
               " message; the bots' PostgreSQL backends, on this machine)"] if "server" in cpu and self.posted else []),
            *(["  CPU per instance:              " + ", ".join(f"{seconds:.1f} s" for seconds in self.instance_cpu)]
              if len(self.instance_cpu) > 1 else []),
            f"  bot peak memory (VmHWM):       {self.bot_peak_rss_mb:.0f} MB",
            f"  lost: {self.lost} messages not stored, {self.unwarned} flagged messages without a warning",
        ]
        if not self.drain and self.seconds_to_store_all:
            lines.append("  what bounds it:                " + bound_by(
                cpu, self.seconds_to_store_all, self.instance_cpu or [cpu["bot"]], os.cpu_count() or 1))
        return "\n".join(lines)


def bound_by(cpu: dict[str, float], seconds: float, instance_cpu: list[float], cores: int) -> str:
    """Which resource the run's own CPU figures say bounds its throughput: the machine's cores (nearly all busy), one
    bot process (nearly one core busy: its Python runs one thread at a time), or neither (then it is waits: round
    trips, hand-offs, a group's turns one at a time). Busy cores are every process's CPU over the run's seconds."""
    busy = sum(cpu.get(part, 0.0) for part in ("bot", "posters", "sandbox", "server")) / seconds
    busiest = max(instance_cpu) / seconds
    figures = f"{busy:.2f} of {cores} cores busy, the busiest bot process {busiest:.2f} of a core"
    if busy >= 0.9 * cores:
        return f"this machine's CPU ({figures})"
    if busiest >= 0.9:
        return f"one bot process's CPU ({figures})"
    return f"waits, not CPU ({figures})"


def _ms(values: list[float], percentile: int) -> str:
    if not values:
        return "n/a"
    if len(values) == 1:
        return f"{values[0] * 1000:.0f} ms"
    cut = statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]
    return f"{cut * 1000:.0f} ms"


async def run_once(
    name: str, *, messages: int, violation_share: float, rate_limited: bool, workdir: Path, rate: float = 0.0,
    drain: bool = False, instances: int = 1,
) -> RunFigures:
    """One run: a fresh sandbox world, a fresh bot database, `instances` bot processes on it, one stream."""
    async with SandboxServer(token=TOKEN) as server, SandboxClient(server.base_url) as client:
        posts, groups = await build_world(client)
        db_path = workdir / f"{name}.db"
        await prepare_bot_database(db_path, posts, groups)
        stream = generate_stream(groups, messages, violation_share=violation_share, seed=2019)
        bots = []
        for number in range(1, instances + 1):  # each instance has an id of its own among those on the database
            with _environment({"SAMVAD_INSTANCE_ID": f"bench-{number}"} if instances > 1 else {}):
                bots.append(
                    await _start_bot(
                        server.base_url, db_path, workdir / f"{name}-{number}.log", telegram_limits=rate_limited
                    )
                )
        bot = bots[0]
        profiler = None
        try:
            await _wait_for_bot_ready(client, db_path, len(groups))
            profiler = await _start_profiler(bot.pid, name)
            if rate_limited:
                await client.set_faults(rate_limit=True, global_per_second=30, group_per_minute=20)
            bot_events = _BotMessageLog(server.world.events)
            backends = await _server_backends(db_path)
            server_cpu = _backends_cpu_seconds(backends)
            bots_cpu, harness_cpu = [_process_cpu_seconds(each.pid) for each in bots], time.process_time()
            if drain:
                for each in bots:
                    each.send_signal(signal.SIGSTOP)
            try:
                posted_at, started, posters_cpu = await _post_in_a_process(
                    server.base_url, stream, rate=0.0 if drain else rate, workdir=workdir / name
                )
            finally:
                if drain:
                    started = time.time()
                    for each in bots:
                        each.send_signal(signal.SIGCONT)
            stored_at = await _wait_for_stored(db_path, posted_at, timeout=600)
            handled_at = await _wait_for_handled(db_path, posted_at, timeout=600)
            seconds = max([*stored_at.values(), *handled_at.values()], default=started) - started
            instance_cpu = [_process_cpu_seconds(each.pid) - before for each, before in zip(bots, bots_cpu, strict=True)]
            cpu = {
                "bot": sum(instance_cpu),
                "posters": posters_cpu,
                "sandbox": time.process_time() - harness_cpu,
            }
            if backends:
                cpu["server"] = _backends_cpu_seconds(backends) - server_cpu
            flagged, quiet = await _flagged_messages(db_path, posted_at)
            watch = await open_store(db_path)  # one handle for the waits below (a new one each look cost the server)
            try:
                warned_at = await bot_events.wait_for_warnings(
                    flagged, posted_at, drained=lambda: _outbox_drained(watch), timeout=1800
                )
                sent_seconds = await _wait_for_drained(watch, timeout=600) - started
            finally:
                await watch.close()
            cpu["bot_until_sent"] = sum(
                _process_cpu_seconds(each.pid) - before for each, before in zip(bots, bots_cpu, strict=True))
            peak = max(_peak_rss_mb(each.pid) for each in bots)
            await bot_events.close()
        finally:
            await _stop_profiler(profiler)
            for each in bots:
                each.send_signal(signal.SIGTERM)
            for each in bots:
                await asyncio.wait_for(each.wait(), timeout=60)
            await client.reset_faults()
    return RunFigures(
        name=name,
        posted=len(stream),
        seconds_to_store_all=seconds,
        store_latencies=[stored_at[key] - posted_at[key] for key in stored_at],
        handle_latencies=[handled_at[key] - posted_at[key] for key in handled_at],
        flagged=len(flagged) + quiet,
        quiet=quiet,
        warn_latencies=[warned_at[key] - posted_at[key] for key in warned_at],
        unwarned=len(flagged) - len(warned_at),
        lost=len(posted_at) - len(stored_at),
        bot_peak_rss_mb=peak,
        cpu_seconds=cpu,
        drain=drain,
        instance_cpu=instance_cpu,
        seconds_to_send_all=sent_seconds,
    )


@dataclass
class ReferenceFigures:
    """What a run of the yardstick (benchmarks/reference_bot.py) measured."""

    posted: int
    seconds_to_store_all: float
    cpu_seconds: float
    lost: int

    @property
    def rate(self) -> float:
        return self.posted / self.seconds_to_store_all if self.seconds_to_store_all else 0.0

    def render(self, bot: RunFigures) -> str:
        """Its lines, with the bot's run beside it (the same world, stream and mode, minutes apart at most)."""
        bot_rate = bot.posted / bot.seconds_to_store_all if bot.seconds_to_store_all else 0.0
        share = f"{bot_rate / self.rate:.0%}" if self.rate else "-"
        return "\n".join([
            "  yardstick (a plain PTB 22 application, aiosqlite, one commit an update; the same stream after it):",
            f"    stored {self.rate:,.0f} messages/s, its CPU {self.cpu_seconds / self.posted * 1000:.2f} ms per"
            f" message; the bot handled {share} of that rate; lost {self.lost}",
        ])


async def run_reference(
    *, messages: int, violation_share: float, workdir: Path, rate: float = 0.0, drain: bool = False
) -> ReferenceFigures:
    """The yardstick in its own process against a fresh sandbox world, posted the bot's stream the same way."""
    async with SandboxServer(token=TOKEN) as server, SandboxClient(server.base_url) as client:
        _, groups = await build_world(client)
        stream = generate_stream(groups, messages, violation_share=violation_share, seed=2019)
        db_path, ready = workdir / "reference.db", workdir / "reference.ready"
        for path in (db_path, ready, db_path.with_name("reference.db-wal"), db_path.with_name("reference.db-shm")):
            path.unlink(missing_ok=True)  # the previous yardstick's, in this benchmark's own directory
        log = open(workdir / "reference.log", "ab")  # noqa: SIM115 - the child owns it
        yardstick = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks.reference_bot", server.base_url, TOKEN, str(db_path), str(ready),
            env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, stdout=log, stderr=log,
        )
        try:
            deadline = time.monotonic() + 60
            while not ready.exists() or await client.pending_updates():
                if time.monotonic() > deadline or yardstick.returncode is not None:
                    raise RuntimeError(f"the yardstick bot did not come up (see {workdir / 'reference.log'})")
                await asyncio.sleep(0.1)
            cpu_before = _process_cpu_seconds(yardstick.pid)
            if drain:
                yardstick.send_signal(signal.SIGSTOP)
            try:
                posted_at, started, _ = await _post_in_a_process(
                    server.base_url, stream, rate=0.0 if drain else rate, workdir=workdir / "reference"
                )
            finally:
                if drain:
                    started = time.time()
                    yardstick.send_signal(signal.SIGCONT)
            stored_at = await _wait_for_reference(db_path, posted_at, timeout=600)
            cpu = _process_cpu_seconds(yardstick.pid) - cpu_before
        finally:
            yardstick.send_signal(signal.SIGTERM)
            await asyncio.wait_for(yardstick.wait(), timeout=60)
    seconds = max(stored_at.values(), default=started) - started
    return ReferenceFigures(posted=len(stream), seconds_to_store_all=seconds, cpu_seconds=cpu,
                            lost=len(posted_at) - len(stored_at))


async def _wait_for_reference(db_path: Path, posted_at: dict, *, timeout: float) -> dict[tuple[int, int], float]:
    """When the yardstick stored each posted message, once all are or time is up (a read-only look each 0.25 s)."""
    deadline = time.monotonic() + timeout
    stored: dict[tuple[int, int], float] = {}
    last = -1
    async with aiosqlite.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        while True:
            async with db.execute(
                "SELECT update_id, chat_id, message_id, stored_at FROM updates WHERE update_id > ? ORDER BY update_id",
                (last,),
            ) as cursor:
                async for update_id, chat_id, message_id, at in cursor:
                    last = update_id
                    if (chat_id, message_id) in posted_at:
                        stored[(chat_id, message_id)] = at
            if len(stored) == len(posted_at) or time.monotonic() > deadline:
                return stored
            await asyncio.sleep(0.25)


async def _post_in_a_process(
    base_url: str, stream: list[BenchMessage], *, rate: float, workdir: Path
) -> tuple[dict[tuple[int, int], float], float, float]:
    """Post the stream from a process of its own; (when each was posted, when posting began, its CPU seconds)."""
    workdir.mkdir(parents=True, exist_ok=True)
    stream_path, result_path = workdir / "stream.jsonl", workdir / "posted.json"
    stream_path.write_text(
        "".join(json.dumps({"chat_id": m.chat_id, "user_id": m.user_id, "text": m.text}) + "\n" for m in stream),
        encoding="utf-8",
    )
    posters = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "benchmarks.e2e_posters", base_url, str(stream_path), str(result_path),
        "--rate", str(rate), env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT,
    )
    if await posters.wait() != 0:
        raise RuntimeError("the posters' process failed (its error is above)")
    result = json.loads(result_path.read_text(encoding="utf-8"))
    posted_at = {(chat_id, message_id): at for chat_id, message_id, at in result["posted"]}
    return posted_at, result["started"], result["cpu_seconds"]


async def _server_backends(db_path: Path) -> list[int]:
    """On PostgreSQL, the server processes serving the bots' connections to the run's database (the harness's own
    left out), where the server runs on this machine (their /proc entries readable); else none."""
    if "SAMVAD_DATABASE_URL" not in os.environ:
        return []
    db = await open_store(db_path)
    try:
        rows = await db.fetchall("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                                 " AND pid != pg_backend_pid()")
    finally:
        await db.close()
    return [row[0] for row in rows if Path(f"/proc/{row[0]}/stat").exists()]


def _backends_cpu_seconds(pids: list[int]) -> float:
    """The CPU these server processes have used so far (one that has ended counts as none since)."""
    return sum(seconds for seconds in map(_process_cpu_seconds, pids) if seconds == seconds)


def _process_cpu_seconds(pid: int) -> float:
    """User plus system CPU a live process has used so far (/proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _start_bot(
    base_url: str, db_path: Path, log_path: Path, *, telegram_limits: bool
) -> asyncio.subprocess.Process:
    """The bot in its own process. Without Telegram's limits the bot's own rate limiter (which keeps it within
    them: 30 messages a second, 20 a minute per group) is lifted too, or it would pace the warnings itself."""
    limits = {} if telegram_limits else {
        "SAMVAD_MESSAGES_PER_SECOND": "100000", "SAMVAD_GROUP_MESSAGES_PER_MINUTE": "1000000",
    }
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SAMVAD_BOT_TOKEN": TOKEN,
        "SAMVAD_API_BASE_URL": base_url,
        "SAMVAD_DB_PATH": str(db_path),
        "SAMVAD_POLL_TIMEOUT": "5",
        "SAMVAD_LOG_LEVEL": "WARNING",
        **limits,
    }
    log = open(log_path, "ab")  # noqa: SIM115 - the child owns it
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=db_path.parent, stdout=log, stderr=log
    )


PROFILE_FORMATS = {".svg": "flamegraph", ".txt": "raw", ".json": "speedscope"}


async def _start_profiler(pid: int, name: str) -> asyncio.subprocess.Process | None:
    """py-spy sampling the bot, when SAMVAD_BENCH_PROFILE names where to write its profile."""
    target = os.environ.get("SAMVAD_BENCH_PROFILE")
    if not target:
        return None
    path = Path(target)
    if path.suffix not in PROFILE_FORMATS:
        raise SystemExit(f"SAMVAD_BENCH_PROFILE must end in one of {', '.join(PROFILE_FORMATS)}, not {path.name!r}")
    py_spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    if not Path(py_spy).exists():
        raise SystemExit("SAMVAD_BENCH_PROFILE needs py-spy: pip install py-spy")
    out = path.with_name(f"{path.stem}-{name}{path.suffix}")
    print(f"profiling the bot (pid {pid}) into {out}", flush=True)
    # SAMVAD_BENCH_PROFILE_GIL=1: only the thread holding the GIL is sampled (the Python CPU; waits on a
    # socket or a queue release it), where py-spy cannot tell an idle thread on this machine.
    gil = ["--gil"] if os.environ.get("SAMVAD_BENCH_PROFILE_GIL") else []
    gil += ["--threads"] if os.environ.get("SAMVAD_BENCH_PROFILE_THREADS") else []
    # SAMVAD_BENCH_PROFILE_NATIVE=1: C frames too (SQLite's, spaCy's), where the Python stack ends in a C call.
    gil += ["--native"] if os.environ.get("SAMVAD_BENCH_PROFILE_NATIVE") else []
    return await asyncio.create_subprocess_exec(
        py_spy, "record", "--pid", str(pid), "--rate", "200", *gil, "--format", PROFILE_FORMATS[path.suffix],
        "-o", str(out), stdout=asyncio.subprocess.DEVNULL,
    )


async def _stop_profiler(profiler: asyncio.subprocess.Process | None) -> None:
    """Let py-spy write its profile (SIGINT ends its recording)."""
    if profiler is None:
        return
    profiler.send_signal(signal.SIGINT)
    await asyncio.wait_for(profiler.wait(), timeout=60)


async def _wait_for_bot_ready(client: SandboxClient, db_path: Path, groups: int) -> None:
    """Until the bot has recorded every group's first message and taken every update. One handle on the database
    for the wait (once it exists): on PostgreSQL a handle opened every 0.2 s was a new server process each time,
    about 0.9 s of the server's CPU a run while the bot started."""
    deadline = time.monotonic() + 120
    db = None
    try:
        while time.monotonic() < deadline:
            if db is None and (db_path.exists() or "SAMVAD_DATABASE_URL" in os.environ):
                db = await open_store(db_path)
            if db is not None and await _count_messages(db) >= groups and await client.pending_updates() == 0:
                return
            await asyncio.sleep(0.2)
    finally:
        if db is not None:
            await db.close()
    raise TimeoutError("the bot did not come up within 120 s (see its log next to the database)")


async def _post_all(
    client: SandboxClient, stream: list[BenchMessage], *, rate: float
) -> tuple[dict[tuple[int, int], float], float]:
    posted_at: dict[tuple[int, int], float] = {}
    queue: asyncio.Queue[tuple[int, BenchMessage]] = asyncio.Queue()
    for number, message in enumerate(stream):
        queue.put_nowait((number, message))
    started = time.time()

    async def poster() -> None:
        while not queue.empty():
            number, message = queue.get_nowait()
            if rate > 0:
                await asyncio.sleep(max(0.0, started + number / rate - time.time()))
            sent = await client.send_message(message.chat_id, message.user_id, message.text)
            posted_at[(message.chat_id, sent["message_id"])] = time.time()

    await asyncio.gather(*(poster() for _ in range(16)))
    return posted_at, started


async def _count_messages(db) -> int:
    row = await db.fetchone("SELECT count(*) FROM messages")
    return int(row[0])


async def _wait_for_stored(db_path: Path, posted_at: dict, *, timeout: float) -> dict[tuple[int, int], float]:
    """When each posted message was stored (its journal entry's recorded_at), once all are or time is up.

    Each look reads only the messages stored since the last (by the messages' primary key, and the journal's
    by its sequence number), so the benchmark's own polling stays cheap however long the record grows.
    """
    deadline = time.monotonic() + timeout
    stored: dict[tuple[int, int], float] = {}
    last_row = 0
    db = await open_store(db_path)
    try:
        while True:
            rows = await db.fetchall(
                "SELECT m.id, m.chat_id, m.message_id, j.recorded_at FROM messages m"
                " JOIN journal j ON j.seq = m.journal_seq WHERE m.id > ? ORDER BY m.id", (last_row,)
            )
            for row in rows:
                last_row = row["id"]
                key = (row["chat_id"], row["message_id"])
                if key in posted_at:
                    stored[key] = from_db(row["recorded_at"]).timestamp()
            if len(stored) == len(posted_at) or time.monotonic() > deadline:
                return stored
            await asyncio.sleep(0.25)
    finally:
        await db.close()


async def _wait_for_handled(db_path: Path, posted_at: dict, *, timeout: float) -> dict[tuple[int, int], float]:
    """When each posted message's update was marked handled in the inbox (every stage of the bot done with it),
    once none waits or time is up. A message is stored in the record with its update, before its handlers run:
    the time to store it is not the time to handle it, and a run is timed until both are done."""
    deadline = time.monotonic() + timeout
    db = await open_store(db_path)
    try:
        while True:
            row = await db.fetchone("SELECT count(*) AS waiting FROM inbox WHERE processed_at IS NULL")
            if row is None or not row["waiting"] or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.25)
        handled: dict[tuple[int, int], float] = {}
        for row in await db.fetchall("SELECT payload, processed_at FROM inbox WHERE processed_at IS NOT NULL"):
            message = json.loads(row["payload"]).get("message") if row["payload"] else None
            if isinstance(message, dict):
                key = (message["chat"]["id"], message["message_id"])
                if key in posted_at:
                    handled[key] = from_db(row["processed_at"]).timestamp()
        return handled
    finally:
        await db.close()


async def _wait_for_drained(db, *, timeout: float) -> float:
    """When the bot first owed no Bot API call (looked at every 0.1 s), or when time was up."""
    deadline = time.monotonic() + timeout
    while not await _outbox_drained(db) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    return time.time()


async def _outbox_drained(db) -> bool:
    """Whether the bot owes no Bot API call any more (db: the harness's handle on the bots' database)."""
    row = await db.fetchone("SELECT count(*) FROM outbox WHERE state = 'pending'")
    return row[0] == 0


async def _flagged_messages(db_path: Path, posted_at: dict) -> tuple[dict[tuple[int, int], int | None], int]:
    """The posted messages the bot flagged with a reaction due at once (a warning given or the message removed),
    with their senders; and how many flags have none due now by design (a doubtful case goes quietly to the
    admin posts; a warning to a member warned less than an interval ago waits for the combined warning)."""
    db = await open_store(db_path)
    try:
        rows = await db.fetchall(
            "SELECT chat_id, message_id, member_id, warning, deleted FROM flags WHERE source = 'message'"
        )
    finally:
        await db.close()
    due: dict[tuple[int, int], int | None] = {}
    quiet = 0
    for row in rows:
        key = (row["chat_id"], row["message_id"])
        if key not in posted_at:
            continue
        if row["warning"] == "sent" or row["deleted"]:
            due[key] = row["member_id"]
        else:
            quiet += 1
    return due, quiet


class _BotMessageLog:
    """The bot's messages and deletions as the sandbox saw them, with the time each happened.

    A task follows the sandbox's events as they come, so each is timed when it happens and the
    subscriber's backlog never fills (user messages are events too).
    """

    def __init__(self, events) -> None:
        self._events = events
        self._queue = events.subscribe()
        self.seen: list[tuple[float, dict]] = []
        self._follower = asyncio.create_task(self._follow())

    async def _follow(self) -> None:
        while True:
            event = await self._queue.get()
            if event.get("type") == "message_deleted" or (
                event.get("type") == "message" and event["message"].get("from", {}).get("is_bot")
            ):
                self.seen.append((time.time(), event))

    async def close(self) -> None:
        """Stop following the events."""
        self._follower.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._follower
        self._events.unsubscribe(self._queue)

    async def wait_for_warnings(
        self, flagged: dict, posted_at: dict, *, drained, timeout: float
    ) -> dict[tuple[int, int], float]:
        """For each flagged message, when the bot first reacted (a reply, a deletion or a mention of the sender).

        Waits until every flagged message has a reaction, or the bot owes nothing more (what has
        not arrived by then never will), or time is up.
        """
        deadline = time.monotonic() + timeout
        while True:
            reacted = self._reactions(flagged, posted_at)
            if len(reacted) == len(flagged) or time.monotonic() > deadline:
                return reacted
            if await drained():
                await asyncio.sleep(1.0)  # the last calls' events
                return self._reactions(flagged, posted_at)
            await asyncio.sleep(0.5)

    def _reactions(self, flagged: dict, posted_at: dict) -> dict[tuple[int, int], float]:
        reacted: dict[tuple[int, int], float] = {}
        for at, event in self.seen:
            chat_id = event["chat_id"]
            if event["type"] == "message_deleted":
                keys = [(chat_id, event["message_id"])]
            else:
                message = event["message"]
                replied = message.get("reply_to_message", {}).get("message_id")
                mentioned = {e["user"]["id"] for e in message.get("entities", []) if e.get("type") == "text_mention"}
                keys = [
                    key for key, sender in flagged.items()
                    if key[0] == chat_id and (key[1] == replied or sender in mentioned) and posted_at[key] <= at
                ]
            for key in keys:
                if key in flagged and key not in reacted:
                    reacted[key] = at
        return reacted


def _peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="samvad bench", description=__doc__.split("\n\n")[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The benchmark's options (shared with `samvad bench`)."""
    parser.add_argument("--messages", type=int, default=5000, help="messages per run (default 5000)")
    parser.add_argument("--violations", type=float, default=0.04, help="share of violating messages (default 0.04)")
    parser.add_argument("--runs", choices=("both", "unlimited", "limited"), default="both")
    parser.add_argument(
        "--rate", type=float, default=0.0,
        help="messages per second offered (default 0: as fast as the sandbox takes them, which measures"
        " throughput; latency then includes queueing)",
    )
    parser.add_argument(
        "--drain", action="store_true",
        help="pause the bot while the whole stream is posted, then time how fast it empties the backlog"
        " (the bot alone: posting costs it nothing meanwhile)",
    )
    parser.add_argument(
        "--reference", action="store_true",
        help="after each run, the same world and stream handled by a plain python-telegram-bot application that"
        " stores each update with aiosqlite (benchmarks/reference_bot.py), so the bot's figure can be read"
        " against this machine's speed in the same minutes",
    )
    parser.add_argument(
        "--chaos", type=int, default=0, metavar="N",
        help="instead: kill the bot with SIGKILL N times during the burst, restart it each time, and check that"
        " nothing was lost or doubled (benchmarks/chaos_bench.py)",
    )
    parser.add_argument("--seed", type=int, default=2019, help="random seed of the stream and of the kill moments")
    parser.add_argument("--keep", metavar="DIR", help="with --chaos: keep the database and bot log here if a check fails")
    parser.add_argument(
        "--instances", type=int, nargs="+", default=[1], metavar="K",
        help="bot processes sharing the database, one run per K given (e.g. --instances 1 2 4; default 1)",
    )
    parser.add_argument(
        "--database-url", metavar="URL",
        help="run the bots on PostgreSQL: a server URL (postgresql://USER@HOST/DB) where the benchmark may"
        " create a database for each run (dropped after it); default: an SQLite file per run",
    )


def run(args: argparse.Namespace) -> int:
    """Run the chosen runs; non-zero exit if anything was lost."""
    if args.chaos:
        if args.database_url or args.instances != [1]:
            print("samvad bench: --chaos runs one bot on an SQLite file; it takes neither --database-url nor"
                  " --instances. Several instances on PostgreSQL killed during a burst: tests/e2e/test_failover.py"
                  " (its [postgresql] case starts a throwaway server of its own).",
                  file=sys.stderr)
            return 2
        from benchmarks.chaos_bench import run as run_chaos

        return run_chaos(args)
    names = {"both": ("unlimited", "limited"), "unlimited": ("unlimited",), "limited": ("limited",)}[args.runs]
    lost = 0
    with tempfile.TemporaryDirectory(prefix="samvad-bench-") as workdir:
        for instances in args.instances:
            for name in names:
                label = name if args.instances == [1] else f"{name}, {instances} instance{'s' * (instances > 1)}"
                with _run_database(args.database_url, instances, label):
                    figures = asyncio.run(
                        run_once(label, messages=args.messages, violation_share=args.violations,
                                 rate_limited=name == "limited", workdir=Path(workdir), rate=args.rate,
                                 drain=args.drain, instances=instances)
                    )
                print(figures.render(), flush=True)
                lost += figures.lost + figures.unwarned
                if args.reference and name == "unlimited":
                    yardstick = asyncio.run(
                        run_reference(messages=args.messages, violation_share=args.violations,
                                      workdir=Path(workdir), rate=args.rate, drain=args.drain)
                    )
                    print(yardstick.render(figures), flush=True)
                    lost += yardstick.lost
    return 1 if lost else 0


@contextlib.contextmanager
def _run_database(server_url: str | None, instances: int, label: str) -> Iterator[None]:
    """The bots' environment for one run: several instances share their database; on PostgreSQL, a database
    made for the run on the server (and dropped after it), named to the bots and to this harness."""
    values = {"SAMVAD_SHARED_DATABASE": "true"} if instances > 1 else {}  # one file, several processes
    dropped: Callable[[], None] | None = None
    try:
        if server_url:
            url, dropped = _make_database(server_url, label)
            values["SAMVAD_DATABASE_URL"] = url
        with _environment(values):
            yield
    finally:
        if dropped is not None:
            dropped()


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Variables the bot processes started meanwhile inherit (this harness's own environment, restored after)."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _make_database(server_url: str, label: str) -> tuple[str, Callable[[], None]]:
    """A new empty database on the server for one run: its URL, and how to drop it."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        raise SystemExit("--database-url needs psycopg: pip install -e '.[postgres]'") from None
    name = "samvad_bench_" + "".join(ch if ch.isalnum() else "_" for ch in label) + f"_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    parts = urlsplit(server_url)

    def drop() -> None:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    return urlunsplit(parts._replace(path="/" + name)), drop


if __name__ == "__main__":
    sys.exit(main())
