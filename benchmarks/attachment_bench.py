"""Attachment benchmark: how fast files are read, and whether text messages wait for them.

    python -m benchmarks.attachment_bench [--pages 50] [--messages 600] [--rate 20] [--skip-e2e]

Prints:
1. pages per second for PDFs with a text layer, and for OCR (scanned pages, English +
   Gujarati + Hindi), read in one worker process as the bot reads them;
2. the real bot in its own process against the sandbox (36 groups, corpus messages at a
   steady rate): latency from post to stored and from a violating post to its flag
   (p50, p99), once with no attachments and once while scanned PDFs and photos are posted
   and read throughout; the bot's reading of the attachments over the run.
Figures, never assertions: the README quotes them with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from attachments import ExtractionPool, Limits, ocr_available
from benchmarks.e2e_bench import TOKEN, _start_bot, _wait_for_bot_ready, _wait_for_stored
from benchmarks.e2e_world import build_world, generate_stream, prepare_bot_database
from bot.demo.scan import beneficiary_scan
from sandbox.client import SandboxClient
from sandbox.server import SandboxServer
from storage.database import Database
from storage.timefmt import from_db

NOTO = Path("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf")


def text_layer_pdf(pages: int) -> bytes:
    """A report of `pages` pages with a text layer (fpdf2, from the test extras)."""
    try:
        from fpdf import FPDF
    except ImportError:
        raise SystemExit('the benchmark writes its PDFs with fpdf2: pip install -e ".[test]"') from None
    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for number in range(pages):
        pdf.add_page()
        for line in range(40):
            pdf.cell(0, 6, f"Page {number + 1}, line {line + 1}: relief distribution figures for Bhuj taluka, "
                           "food packets and shelters", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf(pages: int) -> bytes:
    """A scan of `pages` pages (pictures only, no text layer)."""
    from PIL import Image

    page = Image.open(io.BytesIO(beneficiary_scan())).convert("RGB")
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150, save_all=True, append_images=[page] * (pages - 1))
    return out.getvalue()


async def reading_speed(pages: int) -> None:
    """Pages per second, text layer and OCR, in one worker process."""
    pool = ExtractionPool(workers=1, limits=Limits(max_pages=max(pages, 50), max_seconds=600))
    try:
        await pool.read(text_layer_pdf(1), "warm.pdf", "application/pdf")  # start the worker
        data = text_layer_pdf(pages)
        started = time.perf_counter()
        read = await pool.read(data, "report.pdf", "application/pdf")
        seconds = time.perf_counter() - started
        print(f"text-layer PDF: {read.pages_read} pages in {seconds:.2f} s = {read.pages_read / seconds:.1f} pages/s"
              f" ({len(data) // 1024} KB, {len(read.text):,} characters)")
        if not ocr_available():
            print("OCR: Tesseract with eng+guj+hin is not installed; skipped")
            return
        scan_pages = max(1, min(pages, 10))
        data = scanned_pdf(scan_pages)
        started = time.perf_counter()
        read = await pool.read(data, "scan.pdf", "application/pdf")
        seconds = time.perf_counter() - started
        print(f"OCR (scanned PDF, eng+guj+hin, 200 dpi): {read.ocr_pages} pages in {seconds:.2f} s ="
              f" {read.ocr_pages / seconds:.2f} pages/s")
        photo = beneficiary_scan()
        started = time.perf_counter()
        await pool.read(photo, "photo.jpg", "image/jpeg")
        print(f"OCR (one phone photo of a list, {len(photo) // 1024} KB): {time.perf_counter() - started:.2f} s")
    finally:
        pool.close()


def _percentile(values: list[float], percentile: int) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percentile - 1]


async def _flag_times(db_path: Path, posted_at: dict) -> dict:
    db = await Database.open(db_path)
    try:
        rows = await db.fetchall("SELECT j.chat_id, j.recorded_at, b.body FROM journal j"
                                 " JOIN journal_bodies b ON b.seq = j.seq WHERE j.kind = 'flag'")
    finally:
        await db.close()
    found = {}
    for row in rows:
        key = (row["chat_id"], json.loads(row["body"])["message_id"])
        if key in posted_at:
            found[key] = from_db(row["recorded_at"]).timestamp()
    return found


async def _attachments_read(db_path: Path) -> tuple[int, int, float]:
    db = await Database.open(db_path)
    try:
        row = await db.fetchone("SELECT count(*), sum(state = 'done'), sum(pages_read) FROM attachments")
    finally:
        await db.close()
    return int(row[0] or 0), int(row[1] or 0), float(row[2] or 0)


async def latency_run(name: str, *, messages: int, rate: float, attachments: bool, workdir: Path) -> None:
    """Text messages at a steady rate, with or without files being posted and read meanwhile."""
    async with SandboxServer(token=TOKEN) as server, SandboxClient(server.base_url) as client:
        posts, groups = await build_world(client)
        db_path = workdir / f"{name}.db"
        await prepare_bot_database(db_path, posts, groups)
        stream = generate_stream(groups, messages, violation_share=0.04, seed=2019)
        bot = await _start_bot(server.base_url, db_path, workdir / f"{name}.log", telegram_limits=True)
        try:
            await _wait_for_bot_ready(client, db_path, len(groups))
            files = [scanned_pdf(3), beneficiary_scan()]
            posted_at: dict = {}
            started = time.time()
            stop = asyncio.Event()

            async def post_files() -> None:
                number = 0
                while not stop.is_set():
                    group = groups[number % len(groups)]
                    poster = group.member_ids[-1]
                    if number % 2:
                        await client.send_photo(group.chat_id, poster, content=files[1])
                    else:
                        await client.send_document(group.chat_id, poster, file_name=f"scan-{number}.pdf",
                                                   content=files[0])
                    number += 1
                    await asyncio.sleep(2.0)

            filer = asyncio.create_task(post_files()) if attachments else None
            for number, message in enumerate(stream):
                await asyncio.sleep(max(0.0, started + number / rate - time.time()))
                sent = await client.send_message(message.chat_id, message.user_id, message.text)
                posted_at[(message.chat_id, sent["message_id"])] = time.time()
            stop.set()
            if filer is not None:
                await filer
            stored = await _wait_for_stored(db_path, posted_at, timeout=600)
            await asyncio.sleep(2.0)
            flagged = await _flag_times(db_path, posted_at)
            texts_done = time.time()
            queued, read, pages = await _attachments_read(db_path)
            while attachments and read < queued and time.time() - texts_done < 300:
                await asyncio.sleep(0.5)
                queued, read, pages = await _attachments_read(db_path)
            backlog = time.time() - texts_done
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.wait(), timeout=60)
    store = [stored[key] - posted_at[key] for key in stored]
    flag = [flagged[key] - posted_at[key] for key in flagged]
    files_note = (f"; files posted {queued}, all read {backlog:.0f} s after the texts ({pages:.0f} pages)"
                  if attachments else "")
    print(f"{name:>22}: {len(posted_at)} texts at {rate:g}/s; post -> stored p50 {_percentile(store, 50) * 1000:.0f} ms,"
          f" p99 {_percentile(store, 99) * 1000:.0f} ms; violation -> flag ({len(flag)}) p50"
          f" {_percentile(flag, 50) * 1000:.0f} ms, p99 {_percentile(flag, 99) * 1000:.0f} ms; lost"
          f" {len(posted_at) - len(stored)}{files_note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.attachment_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=50, help="pages of the text-layer PDF (default 50)")
    parser.add_argument("--messages", type=int, default=600, help="text messages per latency run (default 600)")
    parser.add_argument("--rate", type=float, default=20.0, help="text messages per second (default 20)")
    parser.add_argument("--skip-e2e", action="store_true", help="only the reading speeds")
    args = parser.parse_args(argv)
    print(f"attachment benchmark on {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    asyncio.run(reading_speed(args.pages))
    if args.skip_e2e:
        return 0
    with tempfile.TemporaryDirectory(prefix="samvad-attachment-bench-") as workdir:
        for name, attached in (("text only", False), ("while files are read", True)):
            asyncio.run(latency_run(name.replace(" ", "-"), messages=args.messages, rate=args.rate,
                                    attachments=attached, workdir=Path(workdir)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
