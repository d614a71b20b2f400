"""The HTML situation report's drawing time: a large incident over every district.

    python -m benchmarks.sitrep_bench [--districts 33] [--instructions 500]

Prints the import of the report module (matplotlib stays unimported), the first drawing
(which imports matplotlib), a second drawing and the file's size. The bot draws in a
worker thread, so this is how long a /sitrep NAME html waits, not how long the bot stalls.
Figures, not a test.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

IST = ZoneInfo("Asia/Kolkata")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--districts", type=int, default=33)
    parser.add_argument("--instructions", type=int, default=500)
    args = parser.parse_args(argv)

    started = time.perf_counter()
    from storage import sitrep_html
    from storage.incidents import Incident
    from storage.sitrep import GroupFigures, InstructionMark, Sitrep

    imported = time.perf_counter() - started
    assert "matplotlib" not in sys.modules
    start = datetime(2025, 6, 1, 4, 0, tzinfo=UTC)
    names = [f"District {number}" for number in range(args.districts)]
    groups = tuple(GroupFigures(-n, name, name, 15, 60, 40, 8, 2, (("Mamlatdar", 3),)) for n, name in enumerate(names))
    marks = tuple(
        InstructionMark(-(i % args.districts), names[i % args.districts], start + timedelta(minutes=7 * i),
                        start + timedelta(minutes=7 * i + 180), "disaster", 4, i % 5, 1 if i % 3 == 0 else 0)
        for i in range(args.instructions)
    )
    report = Sitrep(Incident(1, "Cyclone", None, start, None, tuple(g.chat_id for g in groups)),
                    start + timedelta(days=3), groups, marks)
    timings = []
    for _ in range(2):
        began = time.perf_counter()
        html = sitrep_html.render(report, zone=IST)
        timings.append(time.perf_counter() - began)
    print(f"import of the report module: {imported * 1000:.0f} ms (matplotlib not imported)")
    print(f"first report, {args.districts} districts, {args.instructions} instructions: {timings[0] * 1000:.0f} ms"
          " (imports matplotlib)")
    print(f"second report: {timings[1] * 1000:.0f} ms; {len(html) / 1024:.0f} KiB of HTML")


if __name__ == "__main__":
    main()
