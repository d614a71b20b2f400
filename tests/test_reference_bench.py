"""`samvad bench --reference`: the yardstick bot (benchmarks/reference_bot.py) stores every message of the stream
against the sandbox, once, and the benchmark reports its rate beside the bot's."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from benchmarks.e2e_bench import RunFigures, run_reference


async def test_the_yardstick_stores_each_posted_message_once(tmp_path: Path) -> None:
    figures = await run_reference(messages=30, violation_share=0.1, workdir=tmp_path)

    assert figures.posted == 30
    assert figures.lost == 0
    with sqlite3.connect(tmp_path / "reference.db") as db:
        stored = db.execute("SELECT count(*), count(DISTINCT chat_id || ':' || message_id) FROM updates"
                            " WHERE message_id IS NOT NULL AND chat_id < 0").fetchone()
    assert stored[0] == stored[1] >= 30  # the 30 group posts (and any service messages of the world), none twice

    bot = RunFigures(name="unlimited", posted=30, seconds_to_store_all=figures.seconds_to_store_all * 2,
                     store_latencies=[], flagged=0, warn_latencies=[], unwarned=0, lost=0, bot_peak_rss_mb=0.0,
                     cpu_seconds={})
    assert "the bot handled 50% of that rate; lost 0" in figures.render(bot)
