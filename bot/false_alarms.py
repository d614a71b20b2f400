"""The admin posts' corrections of the content filter, as corpus lines:

- `samvad nlp false-alarms [--since DATE]`: flags the admin posts closed as false alarms, with the labels
  corrected (the filter's labels for the message without the ones the admin found false);
- `samvad nlp missed [--since DATE]`: messages an admin post reported with /missed (coordination.moderation_missed),
  with the labels reported and any the filter had given.

Each line is `{"id", "text", "labels", "lang"}` like nlp/corpus/train.jsonl; `samvad nlp add-false-alarms FILE
--family NAME` appends either kind to the training split.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import TextIO

from runtime.settings import Settings
from coordination.moderation_missed import JOURNAL_KIND as MISSED_KIND
from nlp.language import detect_language
from storage import flags, journal, messages
from storage.backend import open_database
from storage.database import Database
from storage.exports import ExportOptionError, day_range, parse_day
from storage.private_files import open_owner_only
from storage.timefmt import to_db

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
    missed = nlp_commands.add_parser(
        "missed", help="messages the admin posts reported the filter missed (/missed), as JSON Lines for the corpus"
    )
    missed.add_argument("--since", help="only those reported on or after this day (2025-01-21 or 21/01/2025)")
    missed.add_argument("--output", type=Path, help="file to write (default: standard output)")
    missed.set_defaults(handler=command_missed)
    nlp_commands.metavar = "{" + ",".join(nlp_commands.choices) + "}"


def command_false_alarms(args: argparse.Namespace) -> int:
    """Write the false alarms; the count goes to standard error."""
    return _write_command(args, "false-alarms", false_alarm_rows, "false alarms")


def command_missed(args: argparse.Namespace) -> int:
    """Write the messages reported as missed; the count goes to standard error."""
    return _write_command(args, "missed", missed_rows, "messages reported as missed")


Rows = Callable[..., AsyncIterator[dict[str, object]]]


def _write_command(args: argparse.Namespace, name: str, rows: Rows, counted: str) -> int:
    settings: Settings = args.settings
    if settings.database_url is None and not Path(settings.db_path).exists():
        print(f"samvad nlp {name}: no database at {settings.db_path}", file=sys.stderr)
        return 2
    try:
        since = day_range(parse_day(args.since), parse_day(args.since), settings.zone)[0] if args.since else None
    except ExportOptionError as error:
        print(f"samvad nlp {name}: {error}", file=sys.stderr)
        return 2
    if args.output is None:
        count = asyncio.run(write_rows(settings.database, sys.stdout, rows, since=since))
    else:
        with open_owner_only(args.output) as out:  # the messages' text
            count = asyncio.run(write_rows(settings.database, out, rows, since=since))
    print(f"{count} {counted}", file=sys.stderr)
    return 0


async def write_false_alarms(db_path: Path | str, out: TextIO, *, since: datetime | None) -> int:
    """Write one JSON line per false alarm; returns how many."""
    return await write_rows(db_path, out, false_alarm_rows, since=since)


async def write_rows(db_path: Path | str, out: TextIO, rows: Rows, *, since: datetime | None) -> int:
    """Write one JSON line per row; returns how many."""
    db = await open_database(db_path)
    count = 0
    try:
        async for row in rows(db, since=since):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        await db.close()
    return count


async def missed_rows(db: Database, *, since: datetime | None) -> AsyncIterator[dict[str, object]]:
    """Corpus rows for the /missed reports, oldest first: the version of the message reported, with the labels
    reported and those the filter had given (a text erased by lawful order, or no longer in the record, is left
    out)."""
    for entry in await journal.entries(db, kind=MISSED_KIND):
        body = entry["body"]
        if body is None or (since is not None and entry["recorded_at"] < to_db(since)):
            continue
        stored = await messages.get_message(db, entry["chat_id"], body["message_id"])
        if stored is None:
            continue
        text = stored.versions[min(body["version"], len(stored.versions) - 1)].text
        if not text:
            continue
        yield {
            "id": f"missed-{entry['seq']}",
            "text": text,
            "labels": sorted(set(body["labels"]) | set(body.get("flagged", ()))),
            "lang": corpus_language(text, detect_language(text)),
        }


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
