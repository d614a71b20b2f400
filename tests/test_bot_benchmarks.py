"""The benchmarks that start the real bot and check what it did.

`samvad bench --chaos N`: the real bot killed with SIGKILL during a burst and started again, then every message
checked stored once, every warning, deletion and prompt found in the sandbox's chats once, and `samvad verify` run.

`python -m benchmarks.attachment_bench`: text messages at a steady rate while files are posted and read.

Small runs of each (about 10 s together), so that a harness cannot break unseen: from 2 to 4 December 2026 both
called the e2e benchmark's bot starter without an argument it had gained, and every run failed before it began."""

from __future__ import annotations

from pathlib import Path

from benchmarks.attachment_bench import latency_run
from benchmarks.chaos_bench import run_chaos
from runtime.purposes import Purpose


async def test_a_killed_and_restarted_bot_stores_each_message_once_and_posts_each_call_once(tmp_path: Path) -> None:
    figures = await run_chaos(kills=1, messages_count=80, violation_share=0.1, workdir=tmp_path, seed=7, rate=40.0)

    assert figures.kills == 1
    assert figures.posted == 80
    assert (figures.stored_once, figures.lost, figures.duplicated) == (80, 0, 0)
    assert figures.delivered[Purpose.MODERATION_WARNING] >= 1 and figures.delivered[Purpose.RECORDS_INSTRUCTION] >= 1
    assert not sum(figures.doubled.values()) and not sum(figures.undelivered.values())
    assert figures.verify_status == 0, figures.verify_output
    assert "all three hold:                yes" in figures.render()


async def test_the_attachment_benchmarks_latency_run_stores_every_text(tmp_path: Path, capsys) -> None:
    # python -m benchmarks.attachment_bench starts the bot the same way, and failed the same way.
    await latency_run("text-only", messages=20, rate=20.0, attachments=False, workdir=tmp_path)

    printed = capsys.readouterr().out
    assert "text-only: 20 texts at 20/s" in printed
    assert printed.rstrip().endswith("lost 0")


def test_the_chaos_run_refuses_postgresql_and_instances_instead_of_ignoring_them() -> None:
    """`samvad bench --chaos` runs one bot on an SQLite file: a URL or instances given with it were silently ignored
    (the run then measured something else than asked); now it says so and stops before starting anything."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    for extra in (["--database-url", "postgresql://samvad@db-host/samvad"], ["--instances", "2"]):
        done = subprocess.run([sys.executable, "-m", "bot", "bench", "--chaos", "1", *extra], cwd=root,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert "--chaos runs one bot on an SQLite file" in done.stderr
        assert "tests/e2e/test_failover.py" in done.stderr
        assert "chaos:" not in done.stdout  # nothing ran


def test_the_benchmark_says_which_resource_bounds_a_run_from_its_cpu_figures() -> None:
    from benchmarks.e2e_bench import bound_by

    # 3.5 s runs on 2 cores: 2.6 + 0.5 + 0.8 + 1.3 = 5.2 s of CPU is 1.49 cores busy, the bot 0.74 of one.
    assert bound_by({"bot": 2.6, "posters": 0.5, "sandbox": 0.8, "server": 1.3}, 3.5, [2.6], 2) == (
        "waits, not CPU (1.49 of 2 cores busy, the busiest bot process 0.74 of a core)")
    assert bound_by({"bot": 3.4, "posters": 1.0, "sandbox": 1.3, "server": 1.4}, 3.5, [3.4], 2) == (
        "this machine's CPU (2.03 of 2 cores busy, the busiest bot process 0.97 of a core)")
    assert bound_by({"bot": 3.3, "posters": 0.5, "sandbox": 0.8}, 3.5, [3.3], 4) == (
        "one bot process's CPU (1.31 of 4 cores busy, the busiest bot process 0.94 of a core)")
    # with several instances the busiest one counts, not their sum
    assert bound_by({"bot": 4.0, "posters": 0.5, "sandbox": 0.5, "server": 1.0}, 4.0, [2.0, 2.0], 4).startswith(
        "waits, not CPU (1.50 of 4 cores busy, the busiest bot process 0.50 of a core)")
