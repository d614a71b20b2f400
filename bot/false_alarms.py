"""`samvad nlp false-alarms [--since DATE]`: flags the admin posts closed as false alarms, as corpus lines.

Each line is `{"id", "text", "labels", "lang"}` like nlp/corpus/train.jsonl, with the labels
corrected: the filter's labels for the message without the ones the admin found false.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import TextIO

from runtime.settings import Settings
from storage import flags
from storage.backend import open_database
from storage.database import Database
from storage.exports import ExportOptionError, day_range, parse_day
from storage.private_files import open_owner_only

_GUJARATI = re.compile(r"[\u0A80-\u0AFF]")
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_LATIN = re.compile(r"[A-Za-z]")


def add_parser(nlp_commands: argparse._SubParsersAction) -> None:
    """Add `false-alarms` to the `samvad nlp` subcommands."""
    parser = nlp_commands.add_parser(
        "false-alarms", help="messages the admin posts found were no violation, as JSON Lines for the training corpus"
    )
    parser.add_argument("--since", help="only those decided on or after this day (2025-01-21 or 21/01/2025)")
    parser.add_argument("--output", type=Path, help="file to write (default: standard output)")
    parser.set_defaults(handler=command_false_alarms)
    nlp_commands.metavar = "{" + ",".join(nlp_commands.choices) + "}"


def command_false_alarms(args: argparse.Namespace) -> int:
    """Write the false alarms; the count goes to standard error."""
    settings: Settings = args.settings
    if settings.database_url is None and not Path(settings.db_path).exists():
        print(f"samvad nlp false-alarms: no database at {settings.db_path}", file=sys.stderr)
        return 2
    try:
        since = day_range(parse_day(args.since), parse_day(args.since), settings.zone)[0] if args.since else None
    except ExportOptionError as error:
        print(f"samvad nlp false-alarms: {error}", file=sys.stderr)
        return 2
    if args.output is None:
        count = asyncio.run(write_false_alarms(settings.database, sys.stdout, since=since))
    else:
        with open_owner_only(args.output) as out:  # the flagged messages' text
            count = asyncio.run(write_false_alarms(settings.database, out, since=since))
    print(f"{count} false alarms", file=sys.stderr)
    return 0


async def write_false_alarms(db_path: Path | str, out: TextIO, *, since: datetime | None) -> int:
    """Write one JSON line per false alarm; returns how many."""
    db = await open_database(db_path)
    count = 0
    try:
        async for row in false_alarm_rows(db, since=since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        await db.close()
    return count


async def false_alarm_rows(db: Database, *, since: datetime | None) -> AsyncIterator[dict[str, object]]:
    """Corpus rows for the false alarms (a text erased by lawful order is left out)."""
    for flag in await flags.false_alarms(db, since=since):
        text = await flags.flagged_text(db, flag)
        if not text:
            continue
        yield {
            "id": f"fa-{flag.flag_id}",
            "text": text,
            "labels": sorted(set(flag.verdict_labels) - set(flag.labels)),
            "lang": corpus_language(text, flag.language),
        }


def corpus_language(text: str, detected: str) -> str:
    """The corpus's lang: en, gu, hi, translit (Gujarati or Hindi in Latin letters) or mixed (scripts mixed)."""
    indic = len(_GUJARATI.findall(text)) + len(_DEVANAGARI.findall(text))
    latin = len(_LATIN.findall(text))
    if indic and latin * 4 >= indic:
        return "mixed"
    if indic:
        return "gu" if len(_GUJARATI.findall(text)) >= len(_DEVANAGARI.findall(text)) else "hi"
    return "translit" if detected in ("gu", "hi") else "en"
