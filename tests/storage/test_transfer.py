"""`samvad db copy --to postgresql://...`: an SQLite record onto an empty PostgreSQL database, chain intact."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import psycopg
import pytest

from bot.cli import main
from runtime.signing import load_or_create
from storage import chain, checkpoints, journal, search
from storage.backend import open_database
from storage.database import Database
from storage.transfer import TargetNotEmpty, copy_to_postgresql
from tests.storage.records_helpers import KUTCH, T0, USER, post, seed


@pytest.fixture
async def record(tmp_path):
    """An SQLite record: a roster, ten messages, a signed checkpoint and an erasure by lawful order."""
    path = tmp_path / "samvad.db"
    db = await Database.open(path)
    signer = load_or_create(tmp_path / "signing.key")
    async with db.transaction() as tx:
        await seed(tx)
        for number in range(1, 11):
            await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], f"Rainfall at Bhuj: {number} mm",
                       T0 + timedelta(minutes=number))
    async with db.transaction() as tx:
        await checkpoints.sign_head(tx, signer, at=T0 + timedelta(hours=1))
        await chain.erase(tx, seq=3, order="Order 12/2025 of the Collector, Kutch", at=T0 + timedelta(hours=2))
    await db.close()
    assert chain.verify(path).ok
    return path


def _counts(path) -> dict[str, int]:
    plain = sqlite3.connect(path)
    try:
        return {table: plain.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("journal", "journal_bodies", "messages", "checkpoints", "posts", "users")}
    finally:
        plain.close()


async def test_the_copy_holds_every_row_and_its_chain_verifies(record, postgres_url):
    report = await copy_to_postgresql(record, postgres_url)
    expected = _counts(record)
    assert {table: report.rows[table] for table in expected} == expected
    verified = chain.verify(postgres_url)
    assert verified.ok, verified.summary()
    assert verified.entries == expected["journal"]
    assert verified.checkpoints == 1
    assert verified.erased == 1


async def test_the_bot_goes_on_writing_on_the_copy_and_the_chain_goes_on(record, postgres_url):
    await copy_to_postgresql(record, postgres_url)
    db = await open_database(postgres_url)
    try:
        before, _ = await journal.head(db)
        async with db.transaction() as tx:  # a new message: a new journal entry and a new messages row (its id)
            await post(tx, KUTCH, 11, USER["mamlatdar-bhuj"], "Rainfall at Bhuj: 11 mm", T0 + timedelta(hours=3))
        after, _ = await journal.head(db)
        hits = await search.search(db, "rainfall 11", chat_ids=frozenset({KUTCH}))
    finally:
        await db.close()
    assert after == before + 1
    assert [hit.message_id for hit in hits] == [11]
    assert chain.verify(postgres_url).ok


async def test_a_target_that_holds_data_is_refused_and_left_as_it_was(record, postgres_url):
    await copy_to_postgresql(record, postgres_url)
    with pytest.raises(TargetNotEmpty, match="is not empty .*only fills an empty database"):
        await copy_to_postgresql(record, postgres_url)
    with psycopg.connect(postgres_url) as connection:
        (entries,) = connection.execute("SELECT count(*) FROM journal").fetchone()
    assert entries == _counts(record)["journal"]


def test_the_command_copies_then_verifies_and_refuses_a_second_time(record, postgres_url, monkeypatch, capsys):
    monkeypatch.setenv("SAMVAD_DB_PATH", str(record))
    monkeypatch.delenv("SAMVAD_DATABASE_URL", raising=False)
    monkeypatch.chdir(record.parent)  # no .env of the machine's
    entries = _counts(record)["journal"]
    assert main(["db", "copy", "--to", postgres_url]) == 0
    out = capsys.readouterr().out
    assert f"samvad verify on the copy: OK: {entries} entries, 1 checkpoints verified (1 bodies erased by lawful order)" in out
    assert main(["db", "copy", "--to", postgres_url]) == 1
    assert "refused" in capsys.readouterr().err


def test_the_command_wants_a_postgresql_url(record, monkeypatch, capsys):
    monkeypatch.setenv("SAMVAD_DB_PATH", str(record))
    monkeypatch.delenv("SAMVAD_DATABASE_URL", raising=False)
    monkeypatch.chdir(record.parent)
    assert main(["db", "copy", "--to", str(record.parent / "other.db")]) == 2
    assert "give the target as --to postgresql://" in capsys.readouterr().err


async def test_verify_on_postgresql_compares_the_working_copies_too(record, postgres_url):
    await copy_to_postgresql(record, postgres_url)
    with psycopg.connect(postgres_url, autocommit=True) as connection:
        (seq,) = connection.execute("SELECT journal_seq FROM messages WHERE message_id = 5").fetchone()
        connection.execute("UPDATE messages SET text = 'Rainfall at Bhuj: 0 mm' WHERE message_id = 5")
    report = chain.verify(postgres_url)
    assert report.failure is not None and report.failure.seq == seq
    assert "the messages table's copy of this message was altered (text)" in report.summary()
