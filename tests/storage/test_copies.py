"""Every copy of a journalled fact that people are shown is checked by `verify` against its entry.

/log, /pending, /search and the exports read the messages, edits, instructions and
acknowledgements tables and the search index. Each is altered here with plain sqlite3 or psycopg
(as someone with the file or the database could), and verification must fail naming the entry.
On both backends: the database_target fixture gives an SQLite file, then a PostgreSQL database.
"""

from datetime import timedelta

import pytest

from coordination.records import resolve_addressees
from nlp.record import find_addressees
from storage import chain, instructions, messages, roster, search
from storage.backend import open_database
from tests.database_target import backend_of, scalar, tamper
from tests.storage.records_helpers import KUTCH, T0, USER, post, seed

INSTRUCTION = "Mamlatdar Bhuj to send the rainfall report"


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    async with database.transaction() as tx:
        await seed(tx)
        for number in range(1, 4):
            await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], f"Rainfall at Bhuj: {number} mm", T0)
        await post(tx, KUTCH, 10, USER["collector-kutch"], INSTRUCTION, T0)
        await messages.record_edit(
            tx,
            messages.IncomingEdit(chat_id=KUTCH, message_id=2, update_id=None, editor_id=USER["mamlatdar-bhuj"],
                                  sent_at=T0, edited_at=T0 + timedelta(minutes=1), text="Rainfall at Bhuj: 22 mm"),
            at=T0 + timedelta(minutes=1),
        )
    binding = await roster.binding_of(database, KUTCH)
    resolved = await resolve_addressees(database, binding, find_addressees(INSTRUCTION), mentioned_user_ids=(),
                                          author_id=USER["collector-kutch"])
    async with database.transaction() as tx:
        found = await instructions.create(
            tx, chat_id=KUTCH, message_id=10, author_id=USER["collector-kutch"], kind="information_request",
            due_at=None, due_text=None, addressees=resolved, incident_id=None, at=T0,
        )
        bhuj = await roster.posts_of_user(database, USER["mamlatdar-bhuj"])
        await instructions.acknowledge(tx, found, user_id=USER["mamlatdar-bhuj"], posts=bhuj, how="button",
                                       message_id=None, at=T0 + timedelta(minutes=2))
    yield database
    await database.close()


def _seq(db, sql):
    return scalar(db.target, sql)


def _tamper(db, *statements):
    tamper(db.target, *statements)


async def test_an_untouched_record_verifies(db):
    report = chain.verify(db.target)
    assert report.ok, report.summary()


async def test_the_search_index_matches_before_any_tampering(db):
    assert [hit.text for hit in await search.search(db, "rainfall 22", chat_ids=None)] == ["Rainfall at Bhuj: 22 mm"]  # a hit shows the edited text


@pytest.mark.parametrize(
    "statement, entry, column",
    [
        ("UPDATE messages SET text = 'Rainfall at Bhuj: 200 mm' WHERE message_id = 3", "messages WHERE message_id = 3", "text"),
        ("UPDATE messages SET sender_id = 99 WHERE message_id = 1", "messages WHERE message_id = 1", "sender_id"),
        ("UPDATE messages SET sent_at = '2025-01-19 04:00:00' WHERE message_id = 1", "messages WHERE message_id = 1", "sent_at"),
        ("UPDATE message_edits SET text = 'Rainfall at Bhuj: 0 mm'", "message_edits", "text"),
        ("UPDATE instructions SET kind = 'meeting'", "instructions", "kind"),
        ("UPDATE instructions SET due_text = 'by Friday', due_at = '2025-01-24 12:30:00'", "instructions", "due_at"),
        ("UPDATE instruction_addressees SET post_id = 'mamlatdar-mandvi'", "instructions", "addressees"),
        ("UPDATE acknowledgements SET how = 'reply'", "acknowledgements", "how"),
        ("UPDATE acknowledgements SET user_id = 99", "acknowledgements", "user_id"),
    ],
)
async def test_an_altered_copy_fails_verification_naming_its_entry(db, statement, entry, column):
    seq = _seq(db, f"SELECT journal_seq FROM {entry}")
    _tamper(db, statement)
    report = chain.verify(db.target)
    assert not report.ok
    assert report.failure.seq == seq
    assert report.summary().startswith(f"FAILED at entry {seq}: ")
    assert "altered" in report.summary() and column in report.summary()


@pytest.mark.parametrize(
    "table, entry",
    [
        ("messages WHERE message_id = 3", "messages WHERE message_id = 3"),
        ("acknowledgements", "acknowledgements"),
    ],
)
async def test_a_deleted_copy_fails_verification_naming_its_entry(db, table, entry):
    seq = _seq(db, f"SELECT journal_seq FROM {entry}")
    _tamper(db, f"DELETE FROM {table}")
    report = chain.verify(db.target)
    assert report.failure.seq == seq
    assert "missing" in report.summary()


async def test_words_slipped_into_the_search_index_fail_verification(db):
    seq = _seq(db, "SELECT journal_seq FROM messages WHERE message_id = 1")
    row = _seq(db, "SELECT id FROM messages WHERE message_id = 1")
    _tamper(db, *{
        "sqlite": [f"INSERT INTO messages_search (rowid, text) VALUES ({row}, 'bribe paid')"],
        # PostgreSQL computes the words itself: the column must stop being computed to be written.
        "postgresql": ["ALTER TABLE messages ALTER COLUMN text_search DROP EXPRESSION",
                       f"UPDATE messages SET text_search = text_search || to_tsvector('simple', 'bribe paid') WHERE id = {row}"],
    }[backend_of(db.target)])
    assert [hit.message_id for hit in await search.search(db, "bribe", chat_ids=None)] == [1]  # the index was altered
    report = chain.verify(db.target)
    assert report.failure.seq == seq
    assert "search index" in report.summary()


async def test_a_message_removed_from_the_search_index_fails_verification(db):
    seq = _seq(db, "SELECT journal_seq FROM message_edits")
    row = _seq(db, "SELECT id FROM message_edits")
    _tamper(db, *{
        "sqlite": [f"INSERT INTO edits_search (edits_search, rowid, text) VALUES ('delete', {row}, 'Rainfall at Bhuj: 22 mm')"],
        "postgresql": ["ALTER TABLE message_edits ALTER COLUMN text_search DROP EXPRESSION",
                       f"UPDATE message_edits SET text_search = ''::tsvector WHERE id = {row}"],
    }[backend_of(db.target)])
    assert await search.search(db, "rainfall 22", chat_ids=None) == []  # the index was altered
    report = chain.verify(db.target)
    assert report.failure.seq == seq
    assert "search index" in report.summary()


async def test_a_copy_blanked_by_a_lawful_erasure_still_verifies(db):
    seq = _seq(db, "SELECT journal_seq FROM messages WHERE message_id = 3")
    async with db.transaction() as tx:
        await chain.erase(tx, seq=seq, order="Order 12/2025", at=T0 + timedelta(hours=1))
    assert chain.verify(db.target).ok


async def test_verify_while_the_bot_keeps_writing_never_reports_a_false_alteration(db):
    """Each comparison sees one snapshot, so messages committed meanwhile are not taken for tampering."""
    import asyncio

    async def keep_writing():
        for number in range(100, 400):
            async with db.transaction() as tx:
                await post(tx, KUTCH, number, USER["mamlatdar-bhuj"], f"Gauge {number} at Bhuj", T0)
            await asyncio.sleep(0)

    writer = asyncio.create_task(keep_writing())
    reports = []
    while not writer.done():
        reports.append(await asyncio.to_thread(chain.verify, db.target))
    await writer
    assert reports and all(report.ok for report in reports), [r.summary() for r in reports if not r.ok]
