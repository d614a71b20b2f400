"""Two processes opening a new database file at once (the bot and `samvad roster import`)."""

import asyncio
import subprocess
import sys
from pathlib import Path

from storage.database import available_migrations

ROOT = Path(__file__).resolve().parents[2]
OPEN_AND_SAY_VERSION = """
import asyncio, sys
from storage.database import Database

async def main():
    db = await Database.open(sys.argv[1])
    print(await db.schema_version())
    await db.close()

asyncio.run(main())
"""


async def test_processes_opening_a_new_file_together_each_see_it_migrated_once(tmp_path):
    path = tmp_path / "together.db"
    processes = [
        await asyncio.create_subprocess_exec(
            sys.executable, "-c", OPEN_AND_SAY_VERSION, str(path), cwd=ROOT,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    outputs = [await process.communicate() for process in processes]
    latest = str(len(available_migrations()))
    answers = [(process.returncode, out.decode().strip()) for process, (out, _) in zip(processes, outputs)]
    assert answers == [(0, latest)] * 4, [err.decode()[-300:] for _, err in outputs]
