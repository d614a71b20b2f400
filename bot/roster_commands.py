"""`samvad roster import FILE` and `samvad roster export`: the roster CSV in and out of the database.

An import may run while the bot runs (same database file, another process): it
writes the roster change, its journal entries and the scheduled tasks for what needs
Telegram; the running bot's scheduler carries those out within a second or two.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from runtime.clock import Clock, SystemClock
from runtime.settings import Settings
from storage import journal, roster
from storage.backend import open_database
from storage.database import Database
from storage.errors import StorageUnavailable
from storage.private_files import open_owner_only
from storage.roster_changes import ImportPlan, RosterConflict, apply_import, plan_against, plan_import
from storage.roster_csv import RosterReading, read_roster, write_roster

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_UNUSABLE = 2


def add_roster_parser(commands: argparse._SubParsersAction) -> None:
    """The `roster` subcommand and its `import` and `export` actions."""
    parser = commands.add_parser("roster", help="import or export the roster of posts and official numbers (CSV)")
    actions = parser.add_subparsers(dest="roster_action", metavar="ACTION", required=True)
    importing = actions.add_parser(
        "import",
        help="import a roster CSV (a file with any bad row is rejected whole)",
        description="Import the roster from a CSV with the header "
        "post_id,designation,level,jurisdiction,mobile,email,holder,admin and, optionally, coordinator (state or a "
        "district, for a disaster coordinator's post). A changed number or holder is a transfer. Posts missing from "
        "the file are listed and kept unless --remove-missing is given. A cell starting with =, +, - or @ (a "
        "spreadsheet formula) is refused, except the mobile number.",
    )
    importing.add_argument("file", type=Path, help="the CSV file (UTF-8)")
    importing.add_argument("--remove-missing", action="store_true", help="remove posts that are not in the file")
    importing.add_argument("--dry-run", action="store_true", help="check the file and show the changes; creates or changes no file")
    importing.set_defaults(handler=command_import)
    exporting = actions.add_parser("export", help="write the roster as CSV (to stdout, or to --output)")
    exporting.add_argument("-o", "--output", type=Path, help="file to write instead of stdout")
    exporting.set_defaults(handler=command_export)


def command_import(args: argparse.Namespace) -> int:
    """`samvad roster import FILE`."""
    settings: Settings = args.settings
    try:
        data = args.file.read_bytes()
    except OSError as error:
        print(f"samvad roster import: cannot read {args.file}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    return asyncio.run(
        import_roster(settings, data, name=args.file.name, remove_missing=args.remove_missing, dry_run=args.dry_run)
    )


def command_export(args: argparse.Namespace) -> int:
    """`samvad roster export`."""
    text = asyncio.run(export_roster(args.settings))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        with open_owner_only(args.output) as out:  # the roster holds phone numbers
            out.write(text)
    except OSError as error:
        print(f"samvad roster export: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_UNUSABLE
    print(f"Wrote {text.count(chr(10)) - 1} posts to {args.output}", file=sys.stderr)
    return EXIT_OK


async def import_roster(
    settings: Settings,
    data: bytes,
    *,
    name: str,
    remove_missing: bool = False,
    dry_run: bool = False,
    clock: Clock | None = None,
    out: TextIO | None = None,
) -> int:
    """Check a roster file and, if every row is good, write the changes; returns the exit status."""
    out = out or sys.stdout
    reading = read_roster(data, official_domains=settings.official_email_domains)
    if not reading.ok:
        print(describe_rejection(name, reading), file=out)
        return EXIT_REJECTED
    if dry_run:
        return await _dry_run(settings, reading, name=name, remove_missing=remove_missing, out=out)
    try:
        db = await open_database(settings.database)
    except StorageUnavailable as error:
        print(f"samvad roster import: the database {error.path} is unavailable: {error.reason}", file=out)
        return EXIT_UNUSABLE
    try:
        return await _import(db, reading, data, name=name, remove_missing=remove_missing,
                             clock=clock or SystemClock(), out=out)
    finally:
        await db.close()


async def _import(
    db: Database, reading: RosterReading, data: bytes, *, name: str, remove_missing: bool, clock: Clock,
    out: TextIO,
) -> int:
    source = {"by": "roster import", "file": name, "sha256": hashlib.sha256(data).hexdigest()}
    async with db.transaction() as tx:
        plan = await plan_import(tx, reading.posts, remove_missing=remove_missing)
        if plan.conflicts:
            print(f"{name} was not imported:\n" + "\n".join(f"  {conflict}" for conflict in plan.conflicts), file=out)
            return EXIT_REJECTED
        if plan.changes_anything:
            try:
                await apply_import(tx, plan, at=clock.now(), source=source)
            except RosterConflict as error:
                print(f"{name} was not imported: {error.reason}", file=out)
                return EXIT_REJECTED
    print(describe_plan(name, plan, reading, dry_run=False), file=out)
    return EXIT_OK


async def _dry_run(settings: Settings, reading: RosterReading, *, name: str, remove_missing: bool,
                   out: TextIO) -> int:
    """What an import would change, read without creating, migrating or writing any file."""
    stored: dict = {}
    if settings.database_url is not None or Path(settings.db_path).exists():
        try:
            db = await open_database(settings.database, read_only=True)
        except StorageUnavailable as error:
            print(f"samvad roster import: the database {error.path} is unavailable: {error.reason}", file=out)
            return EXIT_UNUSABLE
        try:
            stored = await roster.every_post(db)
        except sqlite3.OperationalError as error:
            print(f"samvad roster import: cannot read the roster in {settings.db_path} ({error}); if Samvad was just"
                  " upgraded, start it (or import without --dry-run) once to bring the database up to date",
                  file=out)
            return EXIT_UNUSABLE
        finally:
            await db.close()
    plan = plan_against(stored, reading.posts, remove_missing=remove_missing)
    if plan.conflicts:
        print(f"{name} would not be imported:\n" + "\n".join(f"  {conflict}" for conflict in plan.conflicts), file=out)
        return EXIT_REJECTED
    print(describe_plan(name, plan, reading, dry_run=True), file=out)
    return EXIT_OK


async def export_roster(settings: Settings, *, clock: Clock | None = None) -> str:
    """The roster as CSV text; the export is journalled."""
    db = await open_database(settings.database)
    try:
        posts = await roster.active_posts(db)
        text = write_roster(posts)
        async with db.transaction() as tx:
            await journal.append(
                tx, kind="roster.exported", at=(clock or SystemClock()).now(),
                body={"posts": len(posts), "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()},
            )
        return text
    finally:
        await db.close()


def describe_rejection(name: str, reading: RosterReading) -> str:
    """Why a file was refused: every bad row with its line number."""
    rows = len(reading.bad_lines)
    head = f"{name} was not imported: nothing was changed. Fix {'this row' if rows == 1 else f'these {rows} rows'}"
    return head + " and import the file again:\n" + "\n".join(f"  {p.describe()}" for p in reading.problems)


def describe_plan(name: str, plan: ImportPlan, reading: RosterReading, *, dry_run: bool) -> str:
    """What an import changed (or, in a dry run, would change)."""
    if not plan.changes_anything:
        lines = [f"{name}: no changes; the roster already matches the file ({len(plan.unchanged)} posts)."]
    else:
        verb = "would change" if dry_run else "imported"
        lines = [f"{name}: {verb} {len(reading.posts)} posts."]
        lines += _section("added", [post.post_id for post in plan.added])
        lines += _section("transferred (the old account loses the post's groups)", [t.describe() for t in plan.transfers])
        lines += _section("changed", [edit.describe() for edit in plan.edits])
        lines.append(f"  unchanged: {len(plan.unchanged)}")
    if plan.missing:
        if plan.remove_missing:
            lines += _section("removed (not in the file)", [post.post_id for post in plan.missing])
        else:
            lines += _section("not in the file, kept as they are (give --remove-missing to remove them)",
                              [post.post_id for post in plan.missing])
    if reading.ignored_columns:
        lines.append(f"  ignored column(s): {', '.join(reading.ignored_columns)}")
    if dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join(lines)


def _section(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"  {title}: {len(items)}", *(f"    {item}" for item in items)]
