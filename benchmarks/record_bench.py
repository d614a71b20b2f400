"""The record at scale: a year of all 36 groups (3 million messages), then the figures that matter.

    python -m benchmarks.record_bench [--messages 3000000] [--db /tmp/samvad-record-bench.db] [--reuse]

Prints: generation rate; export of one district's month (CSV, JSON Lines, HTML; targets
< 2 s); search (< 200 ms); `samvad verify` over the whole chain (< 60 s); appending
entries one transaction at a time as the bot does (> 2,000 entries/s). Figures, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from nlp.record import Masker
from nlp.record.addressees import DISTRICTS
from storage import chain, journal, messages, roster, search
from storage.database import Database
from storage.exports import ExportRequest, write_export
from storage.timefmt import to_db

IST = ZoneInfo("Asia/Kolkata")
START = datetime(2025, 1, 1, tzinfo=IST).astimezone(UTC)
YEAR = timedelta(days=365)
BATCH = 20_000

PHRASES = (
    "Rainfall at {place}: {n} mm since morning",
    "Relief camp at {place} school is open, {n} people sheltered",
    "Send the crop damage report for {place} by 5 pm",
    "Review meeting tomorrow 11 am at the Collectorate",
    "Water level at {place} dam: {n} ft",
    "{place}માં ભારે વરસાદ, {n} મિમી નોંધાયો",
    "{place} ખાતે રાહત કેમ્પ શરૂ, {n} લોકો",
    "સાંજે ૫ વાગ્યા સુધી માહિતી મોકલો",
    "{place} में बाढ़ की स्थिति, {n} गांव प्रभावित",
    "कल सुबह 11 बजे तक रिपोर्ट भेजें",
    "Applicant at {place}, Aadhaar 2345 6789 {n4}, mobile 98765{n5}, needs a certificate",
    "Noted sir",
)
PLACES = ("Bhuj", "Mandvi", "Anjar", "Valsad", "Vapi", "Surat", "Rajkot", "Morbi", "Dwarka", "Patan", "Anand")


def generate(path: Path, total: int) -> float:
    """Write a year of messages in all groups, hash-chained as the bot would; returns rows per second."""
    rng = random.Random(2025)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    groups = _seed_roster(connection)
    started = time.perf_counter()
    prev_hash, seq = journal.GENESIS_HASH, 0
    step = YEAR / total
    message_ids = dict.fromkeys((chat_id for chat_id, _ in groups), 0)
    for first in range(0, total, BATCH):
        journal_rows, bodies, message_rows = [], [], []
        for number in range(first, min(total, first + BATCH)):
            chat_id, senders = groups[rng.randrange(len(groups))]
            message_ids[chat_id] += 1
            sent = START + step * number
            text = rng.choice(PHRASES).format(place=rng.choice(PLACES), n=rng.randrange(1, 400),
                                              n4=f"{rng.randrange(10000):04d}", n5=f"{rng.randrange(100000):05d}")
            sender = rng.choice(senders)
            body = journal.canonical_json({
                "message_id": message_ids[chat_id], "update_id": None, "sent_at": to_db(sent), "type": "text",
                "text": text, "reply_to_message_id": None, "forwarded_from": None,
            })  # fmt: skip
            seq += 1
            recorded = to_db(sent)
            body_hash = journal.hash_body(body)
            entry_hash = journal.hash_entry(prev_hash, seq=seq, recorded_at=recorded, chat_id=chat_id,
                                            actor_id=sender, kind="message", body_hash=body_hash)
            journal_rows.append((seq, recorded, chat_id, sender, "message", body_hash, prev_hash, entry_hash))
            bodies.append((seq, body))
            message_rows.append((chat_id, message_ids[chat_id], sender, recorded, "text", text, seq))
            prev_hash = entry_hash
        with connection:
            connection.executemany("INSERT INTO journal VALUES (?, ?, ?, ?, ?, ?, ?, ?)", journal_rows)
            connection.executemany("INSERT INTO journal_bodies (seq, body) VALUES (?, ?)", bodies)
            connection.executemany(
                "INSERT INTO messages (chat_id, message_id, sender_id, sent_at, kind, text, journal_seq)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)", message_rows,
            )
        done = min(total, first + BATCH)
        if done % 200_000 == 0 or done == total:
            rate = done / (time.perf_counter() - started)
            print(f"  generated {done:,} of {total:,} ({rate:,.0f} messages/s)", flush=True)
    connection.execute("PRAGMA optimize")
    connection.close()
    return total / (time.perf_counter() - started)


def _seed_roster(connection: sqlite3.Connection) -> list[tuple[int, list[int]]]:
    """36 groups (State, two HoD offices, 33 districts), ten posts each with a verified account."""
    now = to_db(START)
    bindings = [("state", "", "Revenue – State")]
    bindings += [("hod", office, f"HoD {office}") for office in ("land-records", "registration")]
    bindings += [("district", district, f"District {district}") for district in sorted(DISTRICTS)]
    groups = []
    user_id = 1000
    with connection:
        for number, (level, jurisdiction, title) in enumerate(bindings):
            chat_id = -1001000000000 - number
            connection.execute("INSERT INTO chats (chat_id, type, title, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                               (chat_id, "supergroup", title, now, now))
            connection.execute("INSERT INTO group_bindings (chat_id, level, jurisdiction, bound_at) VALUES (?, ?, ?, ?)",
                               (chat_id, level, jurisdiction, now))
            senders = []
            for index in range(10):
                user_id += 1
                post_id = f"{level}-{jurisdiction or 'state'}-{index}".lower().replace(" ", "-")
                mobile = f"+9194{user_id:08d}"
                connection.execute(
                    "INSERT INTO posts (post_id, designation, level, jurisdiction, mobile, email, holder, is_admin,"
                    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (post_id, f"Officer {index}, {jurisdiction or 'State'}", level, jurisdiction or "Revenue Department",
                     mobile, f"{post_id}@gujarat.gov.in", f"Holder {user_id}", int(index == 0), now),
                )
                connection.execute(
                    "INSERT INTO users (user_id, first_name, last_name, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                    (user_id, "Officer", str(user_id), now, now),
                )
                connection.execute(
                    "INSERT INTO post_accounts (post_id, user_id, mobile, verified_at) VALUES (?, ?, ?, ?)",
                    (post_id, user_id, mobile, now),
                )
                senders.append(user_id)
            groups.append((chat_id, senders))
    return groups


async def measure_exports(db: Database, out: Path) -> None:
    """One district's month in each format, masked."""
    binding = await roster.group_for(db, "district", "Kutch")
    start = datetime(2025, 6, 1, tzinfo=IST)
    end = datetime(2025, 7, 1, tzinfo=IST)
    masker = Masker.build(official=await roster.official_numbers(db))
    for fmt in ("csv", "jsonl", "html"):
        began = time.perf_counter()
        result = await write_export(db, ExportRequest((binding.chat_id,), start, end, fmt), out / f"kutch-june.{fmt}",
                                    zone=IST, masker=masker)
        elapsed = time.perf_counter() - began
        print(f"export Kutch, June 2025, {fmt:5}: {result.entries:,} entries in {elapsed:.2f} s"
              f" ({result.path.stat().st_size / 1e6:.1f} MB)  target < 2 s")


async def measure_search(db: Database) -> None:
    """Searches as a Collector (one group) and as ACS Revenue (every group)."""
    kutch = (await roster.group_for(db, "district", "Kutch")).chat_id
    for words, scope, label in (
        ("rainfall Bhuj", frozenset({kutch}), "Collector"), ("વરસાદ", frozenset({kutch}), "Collector"),
        ("बाढ़", None, "state admin"), ("crop damage report", None, "state admin"), ("Anjar dam", None, "state admin"),
    ):
        times = []
        for _ in range(5):
            began = time.perf_counter()
            hits = await search.search(db, words, chat_ids=scope)
            times.append(time.perf_counter() - began)
        print(f"search {words!r:24} as {label:11}: {len(hits)} hits, median {statistics.median(times) * 1000:.1f} ms"
              f" (max {max(times) * 1000:.1f} ms)  target < 200 ms")


def measure_verify(path: Path) -> None:
    """`samvad verify` over the whole chain."""
    began = time.perf_counter()
    report = chain.verify(path)
    elapsed = time.perf_counter() - began
    print(f"verify: {report.summary()} in {elapsed:.1f} s ({report.entries / elapsed:,.0f} entries/s)  target < 60 s")


async def measure_append(path: Path, count: int) -> None:
    """Journal entries appended one transaction each; then whole messages recorded the same way."""
    db = await Database.open(path)
    try:
        chat_id = (await roster.group_for(db, "district", "Valsad")).chat_id
        began = time.perf_counter()
        for number in range(count):
            async with db.transaction() as tx:
                await journal.append(tx, kind="bench", chat_id=chat_id, body={"n": number}, at=datetime.now(UTC))
        elapsed = time.perf_counter() - began
        print(f"append: {count:,} journal entries, one transaction each, in {elapsed:.1f} s"
              f" ({count / elapsed:,.0f} entries/s)  target > 2,000/s")
        base = 10_000_000
        began = time.perf_counter()
        for number in range(count):
            async with db.transaction() as tx:
                await messages.record_message(
                    tx,
                    messages.IncomingMessage(chat_id=chat_id, message_id=base + number, update_id=None, sender_id=None,
                                             sent_at=datetime.now(UTC), kind="text", text=f"Sustained append {number}"),
                    at=datetime.now(UTC),
                )
        elapsed = time.perf_counter() - began
        print(f"append: {count:,} group messages (entry + message row + search index), one transaction each,"
              f" in {elapsed:.1f} s ({count / elapsed:,.0f} messages/s)")
    finally:
        await db.close()


async def main_async(args: argparse.Namespace) -> None:
    path = Path(args.db)
    if not (args.reuse and path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        db = await Database.open(path)  # an empty file with every migration
        await db.close()
        print(f"generating {args.messages:,} messages in {path} ...", flush=True)
        rate = generate(path, args.messages)
        print(f"generation: {rate:,.0f} messages/s (journal, bodies, messages and search index)")
    print(f"database: {path.stat().st_size / 1e9:.2f} GB")
    db = await Database.open(path)
    try:
        with tempfile.TemporaryDirectory() as out:
            await measure_exports(db, Path(out))
        await measure_search(db)
    finally:
        await db.close()
    measure_verify(path)
    await measure_append(path, args.append)
    measure_verify(path)


def main() -> None:
    """Entry point: python -m benchmarks.record_bench."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.record_bench", description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=3_000_000)
    parser.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "samvad-record-bench.db"))
    parser.add_argument("--reuse", action="store_true", help="measure an existing generated database again")
    parser.add_argument("--append", type=int, default=10_000, help="messages for the sustained-append figure")
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
