"""`samvad nlp false-alarms`: flags that admins overruled, as training lines with the labels corrected."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime
from typing import TextIO

from bot.settings import Settings
from storage import flags, instructions
from storage.database import Database


def add_command(nlp_commands: argparse._SubParsersAction) -> None:
    """Add `false-alarms` under `samvad nlp`."""
    parser = nlp_commands.add_parser(
        "false-alarms",
        help="write flags that admins marked 'Not a violation' as JSON Lines for the training corpus",
    )
    parser.add_argument("--since", help="only reviews on or after this date (YYYY-MM-DD)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.set_defaults(handler=command_false_alarms)


def command_false_alarms(args: argparse.Namespace) -> int:
    """Write the false alarms; exit 2 on a bad --since."""
    since = None
    if args.since:
        try:
            since = datetime.strptime(args.since, "%Y-%m-%d").replace(tzinfo=UTC)
        except ValueError:
            print(f"samvad nlp false-alarms: --since {args.since!r} is not a date like 2026-11-28", file=sys.stderr)
            return 2
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            count = asyncio.run(write_false_alarms(args.settings, out, since=since))
    else:
        count = asyncio.run(write_false_alarms(args.settings, sys.stdout, since=since))
    print(f"{count} false alarms written", file=sys.stderr)
    return 0


async def write_false_alarms(settings: Settings, out: TextIO, *, since: datetime | None) -> int:
    """One line per false alarm: {"id", "text", "labels", "lang"} with the overruled labels removed."""
    db = await Database.open(settings.db_path, busy_timeout_ms=settings.db_busy_timeout_ms)
    try:
        found = [
            (flag, text, await instructions.for_message(db, flag.chat_id, flag.message_id) is not None)
            for flag, text in await flags.false_alarms(db, since=since)
        ]
    finally:
        await db.close()
    written = 0
    for flag, text, is_instruction in found:
        if not text:
            continue  # erased by a lawful order, or never seen
        # The overruled labels go; the bot's other reading of the message (an instruction) stays.
        labels = ["instruction"] if is_instruction and "instruction" not in flag.labels else []
        line = {"id": f"fa-{flag.flag_id}", "text": text, "labels": labels, "lang": flag.language}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        written += 1
    return written
