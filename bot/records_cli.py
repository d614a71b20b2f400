"""`samvad verify`, `samvad export`, `samvad sitrep` and `samvad erase`: the record from the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

from coordination import exports as export_rules
from runtime.settings import Settings
from runtime.signing import SigningKeyError, public_key_path, read_public_key
from storage import attachments, chain, exports, incidents, roster
from storage.backend import open_database
from storage.database import Database
from storage.exports import ExportOptionError, ExportRequest


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """The record's subcommands."""
    verify = commands.add_parser("verify", help="check the record's hash chain and every signed checkpoint")
    verify.add_argument("--public-key", type=Path, help="the published public key file (default: beside the signing key)")
    verify.set_defaults(handler=command_verify)

    export = commands.add_parser("export", help="export a group's record (CSV, JSON Lines or HTML report)")
    export.add_argument("--group", help="a district (Kutch), 'state', 'hod land-records', a chat id, or 'all'")
    export.add_argument("--from", dest="first", help="first day, 2025-01-21 or 21/01/2025")
    export.add_argument("--to", dest="last", help="last day (inclusive)")
    export.add_argument("--format", required=True, help="csv, jsonl or html")
    export.add_argument("--incident", help="export an incident's groups and period instead of --group/--from/--to")
    export.add_argument("--unmasked", action="store_true", help="show personal data (journalled as unmasked)")
    export.add_argument("--output", type=Path, help="file to write (default: a descriptive name here)")
    export.set_defaults(handler=command_export)

    report = commands.add_parser("sitrep", help="an incident's situation report (HTML with charts, or text)")
    report.add_argument("--incident", required=True, help="the incident's name (the open one, else the latest closed)")
    report.add_argument("--format", default="html", choices=("html", "text"), help="html (default) or text")
    report.add_argument("--output", type=Path, help="file to write (default: a descriptive name here; '-' for stdout)")
    report.set_defaults(handler=command_sitrep)

    erase = commands.add_parser("erase", help="erase one entry's body by lawful order (the erasure is journalled)")
    erase.add_argument("--seq", type=int, required=True, help="the journal entry to erase")
    erase.add_argument("--order", required=True, help="the lawful order's reference")
    erase.set_defaults(handler=command_erase)


def command_verify(args: argparse.Namespace) -> int:
    """Print OK with counts, or the first failure; non-zero exit on failure."""
    settings: Settings = args.settings
    if settings.database_url is None and not Path(settings.db_path).exists():
        print(f"samvad verify: no database at {settings.db_path}", file=sys.stderr)
        return 2
    key_file = args.public_key or public_key_path(settings.signing_key_file)
    try:
        trusted = read_public_key(key_file) if key_file.exists() else None
    except SigningKeyError as error:
        print(f"samvad verify: {error}", file=sys.stderr)
        return 2
    started = time.monotonic()
    report = chain.verify(settings.database, trusted_public_key=trusted, progress=_terminal_progress("verifying"))
    print(" " * 60, end="\r", file=sys.stderr)
    print(report.summary())
    for warning in report.warnings:
        print(f"note: {warning}", file=sys.stderr)
    print(f"({time.monotonic() - started:.1f} s)", file=sys.stderr)
    return 0 if report.ok else 1


def command_export(args: argparse.Namespace) -> int:
    """Write an export file; progress on the terminal."""
    settings: Settings = args.settings
    try:
        return asyncio.run(_export(args, settings))
    except ExportOptionError as error:
        print(f"samvad export: {error}", file=sys.stderr)
        return 2


async def _export(args: argparse.Namespace, settings: Settings) -> int:
    fmt = exports.parse_format(args.format)
    db = await open_database(settings.database)
    try:
        request, label = await _request(db, args, settings, fmt)
        path = args.output or Path(exports.file_name(label, request, settings.zone))
        progress = _terminal_progress("exporting")

        async def report(done: int, total: int) -> None:
            progress(done, total)

        result = await export_rules.write_file(db, request, path, zone=settings.zone,
                                               official_domains=settings.official_email_domains, progress=report)
        async with db.transaction() as tx:
            seq = await exports.record_export(tx, request, result, at=_now())
    finally:
        await db.close()
    print(" " * 60, end="\r", file=sys.stderr)
    print(f"wrote {result.path} ({result.entries} entries, sha256 {result.sha256}); journalled as entry {seq}")
    return 0


async def _request(db: Database, args: argparse.Namespace, settings: Settings, fmt: str) -> tuple[ExportRequest, str]:
    masked = not args.unmasked
    if args.incident:
        found = await incidents.find(db, args.incident)
        if found is None:
            raise ExportOptionError(f"no incident named {args.incident!r}")
        return ExportRequest(found.chat_ids, found.opened_at, found.end(_now()), fmt, masked, found.name, None,
                             "cli"), f"incident {found.name}"
    if not (args.group and args.first and args.last):
        raise ExportOptionError("give --group, --from and --to (or --incident NAME)")
    start, end = exports.day_range(exports.parse_day(args.first), exports.parse_day(args.last), settings.zone)
    chats = await _groups(db, args.group)
    return ExportRequest(chats, start, end, fmt, masked, None, None, "cli"), args.group


async def _groups(db: Database, name: str) -> tuple[int, ...]:
    bindings = await roster.all_bindings(db)
    wanted = name.strip().lower().replace("-", " ")
    if wanted == "all":
        return tuple(b.chat_id for b in bindings)
    for binding in bindings:
        if wanted in {binding.label.lower(), binding.jurisdiction.lower(), str(binding.chat_id)}:
            return (binding.chat_id,)
    if wanted.lstrip("-").isdecimal():
        return (int(wanted),)
    known = ", ".join(b.jurisdiction or b.label for b in bindings) or "none bound yet"
    raise ExportOptionError(f"no group called {name!r} (groups: {known})")


def command_sitrep(args: argparse.Namespace) -> int:
    """Write an incident's situation report; the reading is journalled."""
    settings: Settings = args.settings
    if settings.database_url is None and not Path(settings.db_path).exists():
        print(f"samvad sitrep: no database at {settings.db_path}", file=sys.stderr)
        return 2
    return asyncio.run(_sitrep(args, settings))


async def _sitrep(args: argparse.Namespace, settings: Settings) -> int:
    from coordination.incidents import render_html
    from storage import journal, sitrep

    db = await open_database(settings.database)
    try:
        found = await incidents.find(db, args.incident)
        if found is None:
            print(f"samvad sitrep: no incident named {args.incident!r}", file=sys.stderr)
            return 2
        now = _now()
        report = await sitrep.build(db, found, found.chat_ids, now=now)
        if args.format == "html":
            text = render_html(report, settings.zone)
        else:
            text = sitrep.plain_text(report, zone=settings.zone)
        async with db.transaction() as tx:
            await journal.append(tx, kind="record.read", at=now,
                                 body={"reading": "sitrep", "incident": found.name, "chats": list(found.chat_ids),
                                       "format": args.format, "via": "cli"})
    finally:
        await db.close()
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(text)
        return 0
    path = args.output or Path(f"sitrep-{_safe(found.name)}-{now.astimezone(settings.zone):%Y-%m-%d-%H%M}.{args.format}"
                               .replace(".text", ".txt"))
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"samvad sitrep: cannot write {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"wrote {path} (situation report of {found.name}: {len(report.groups)} groups,"
          f" {len(report.timeline)} instructions)")
    return 0


def _safe(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "incident"


def command_erase(args: argparse.Namespace) -> int:
    """Erase a body by lawful order."""
    settings: Settings = args.settings
    async def erase() -> list[int]:
        db = await open_database(settings.database)
        try:
            async with db.transaction() as tx:
                erased = await chain.erase(tx, seq=args.seq, order=args.order, at=_now())
                orphans = await attachments.forget_kept(tx, erased)
        finally:
            await db.close()
        for path in orphans:  # an erased attachment's kept file goes with its body
            Path(path).unlink(missing_ok=True)
        return erased

    try:
        erased = asyncio.run(erase())
    except chain.NotErasable as error:
        print(f"samvad erase: {error}", file=sys.stderr)
        return 2
    print(f"erased the body of entry {', '.join(map(str, erased))} under order {args.order!r}; the erasure is journalled")
    return 0


def _now():
    from runtime.clock import SystemClock

    return SystemClock().now()


def _terminal_progress(verb: str):
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        if time.monotonic() - started < 2.0 or not sys.stderr.isatty() and done < total:
            return
        percent = int(done * 100 / total) if total else 100
        print(f"{verb}… {percent}% ({done:,} of {total:,} entries)", end="\r", file=sys.stderr, flush=True)

    return show
