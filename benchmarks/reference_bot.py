"""The yardstick of issue 15: a plain python-telegram-bot 22 application that stores each update in SQLite with
aiosqlite, one commit an update, and does nothing else.

    python -m benchmarks.reference_bot BASE_URL TOKEN DB_PATH READY_PATH

`samvad bench --reference` runs it against the same sandbox world and stream as the bot, right after each of the
bot's runs, and prints both: this virtual machine's speed changes from hour to hour (the same code gave 585 and
952 msg/s five minutes apart), so the bot's figure is read against a yardstick measured in the same minutes. When
the issue was filed this application handled about 2,100-3,100 msg/s on this machine.

What it does is what a minimal bot does: long polling through PTB's own Updater (its default HTTP client, a
timeout of 5 s like the bot's), one MessageHandler for every update, and for each one an INSERT of its ids, its
JSON and the time it was stored, then a COMMIT, on a WAL file with synchronous=NORMAL as the bot's. READY_PATH is
created once it polls; SIGTERM stops it.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
import time
from pathlib import Path

import aiosqlite
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

SCHEMA = """
CREATE TABLE IF NOT EXISTS updates (
    update_id  INTEGER PRIMARY KEY,
    chat_id    INTEGER,
    message_id INTEGER,
    payload    TEXT NOT NULL,
    stored_at  REAL NOT NULL
)
"""


async def serve(base_url: str, token: str, db_path: Path, ready_path: Path) -> None:
    """Poll and store until SIGTERM."""
    db = await aiosqlite.connect(db_path)
    try:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute(SCHEMA)
        await db.commit()

        async def store(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            message = update.effective_message
            await db.execute(
                "INSERT OR IGNORE INTO updates VALUES (?, ?, ?, ?, ?)",
                (update.update_id, message.chat_id if message else None, message.message_id if message else None,
                 json.dumps(update.to_dict()), time.time()),
            )
            await db.commit()

        application = Application.builder().token(token).base_url(f"{base_url}/bot").build()
        application.add_handler(MessageHandler(filters.ALL, store))
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        async with application:
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0.0, timeout=5)
            await application.start()
            ready_path.touch()
            await stop.wait()
            await application.updater.stop()
            await application.stop()
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    """Run the yardstick bot."""
    base_url, token, db_path, ready_path = (argv if argv is not None else sys.argv[1:])
    asyncio.run(serve(base_url, token, Path(db_path), Path(ready_path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
