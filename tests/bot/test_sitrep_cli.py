"""`samvad sitrep --incident NAME --format html|text` as a person runs it."""

from __future__ import annotations

import asyncio
import logging
import os
import re

import pytest

from bot.cli import main
from storage import journal
from storage.database import Database
from tests.storage.records_helpers import seed
from tests.storage.test_sitrep import cyclone as seed_cyclone


@pytest.fixture
def samvad(tmp_path, monkeypatch):
    for name in [name for name in os.environ if name.startswith("SAMVAD_")]:
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMVAD_DB_PATH", str(tmp_path / "samvad.db"))
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    yield lambda *argv: main(list(argv))
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def _seed(path) -> None:
    async def run() -> None:
        db = await Database.open(path)
        try:
            async with db.transaction() as tx:
                await seed(tx)
            await seed_cyclone.__wrapped__(db)
        finally:
            await db.close()

    asyncio.run(run())


def test_the_html_report_is_written_with_the_hand_counted_figures(samvad, tmp_path, capsys):
    _seed(tmp_path / "samvad.db")
    out = tmp_path / "report.html"
    assert samvad("sitrep", "--incident", "cyclone biparjoy", "--format", "html", "--output", str(out)) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert "<td>Kutch</td><td class=\"n\">2</td><td class=\"n\">1 of 3 (33%)</td><td class=\"n\">1</td>" in html
    assert "<script" not in html and len(re.findall(r"<svg\b", html)) == 2

    async def journalled():
        db = await Database.open(tmp_path / "samvad.db")
        try:
            return await journal.entries(db, kind="record.read")
        finally:
            await db.close()

    [entry] = asyncio.run(journalled())
    assert entry["body"]["via"] == "cli" and entry["body"]["incident"] == "Cyclone Biparjoy"


def test_the_text_report_goes_to_stdout(samvad, tmp_path, capsys):
    _seed(tmp_path / "samvad.db")
    assert samvad("sitrep", "--incident", "Cyclone Biparjoy", "--format", "text", "--output", "-") == 0
    text = capsys.readouterr().out
    kutch = text.split("\nKutch\n")[1].split("\nValsad\n")[0]
    assert "instructions issued: 2" in kutch and "acknowledged: 1 of 3 (33%)" in kutch
    assert "pending: 1, overdue: 1" in kutch and "flags: 1" in kutch


def test_an_unknown_incident_or_database_is_named(samvad, tmp_path, capsys):
    assert samvad("sitrep", "--incident", "Flood") == 2
    assert "no database at" in capsys.readouterr().err
    _seed(tmp_path / "samvad.db")
    assert samvad("sitrep", "--incident", "Flood") == 2
    assert "no incident named 'Flood'" in capsys.readouterr().err


def test_the_bot_starts_without_importing_matplotlib():
    import subprocess
    import sys

    probe = "import sys, bot.application, bot.cli; print(sorted(m for m in sys.modules if m.startswith('matplotlib')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
