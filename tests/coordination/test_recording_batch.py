"""A batch of received group messages recorded in one unit of work (coordination.recording.record_received_in)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordination.recording import ChatSeen, NotedFacts, PersonSeen, Receipt, record_received_in
from storage import chain, chats, journal, messages
from storage.backend import open_database
from storage.messages import IncomingMessage, Recorded

from tests.seen_facts import KUTCH, KUTCH_RENAMED, POOJA, POOJA_MARRIED

AT = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
async def db(database_target):
    database = await open_database(database_target)
    yield database
    await database.close()


def _receipt(chat: ChatSeen, sender: PersonSeen, message_id: int, text: str, update_id: int) -> Receipt:
    return Receipt(chat, sender, IncomingMessage(
        chat_id=chat.chat_id, message_id=message_id, update_id=update_id, sender_id=sender.user_id, sent_at=AT,
        kind="text", text=text))


async def test_a_batch_is_recorded_in_order_with_what_it_last_shows_of_each_chat_and_person(db):
    batch = [
        _receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1),
        None,  # an update with no group message (a button press)
        _receipt(KUTCH_RENAMED, POOJA_MARRIED, 102, "Road to Lakhpat is clear again.", 3),
        _receipt(KUTCH, POOJA, 103, "Tankers reached Mandvi.", 4),  # the first names again, after the change
        _receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1),  # the same update twice in a batch
    ]
    recorded = await db.write(lambda unit: record_received_in(unit, batch, at=AT))
    assert recorded == [Recorded.NEW, None, Recorded.NEW, Recorded.NEW, Recorded.REPLAYED]
    assert [entry["body"]["message_id"] for entry in await journal.entries(db, kind="message", chat_id=-4)] == [
        101, 102, 103]
    assert (await messages.get_message(db, -4, 103)).original_text == "Tankers reached Mandvi."
    # Each chat and person as the batch last showed them, though noting the same facts again is skipped.
    assert await chats.title_of(db, -4) == "District Kutch"
    assert await chats.user_name(db, 11) == "Pooja Bhatt"


class _Abandoned(Exception):
    pass


class _Watched:
    """A unit of work that notes the statements run through it."""

    def __init__(self, unit, statements: list[str]):
        self._unit, self._statements = unit, statements

    def __getattr__(self, name):
        attribute = getattr(self._unit, name)
        if name in ("execute", "execute_counting", "executemany", "fetchone", "fetchall"):
            def watched(sql, *args, **kwargs):
                self._statements.append(sql)
                return attribute(sql, *args, **kwargs)
            return watched
        return attribute


async def test_facts_noted_in_a_committed_batch_are_not_written_again_and_a_rolled_back_batch_teaches_nothing(db):
    noted = NotedFacts()

    def abandoned(unit):
        record_received_in(unit, [_receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1)], at=AT,
                           noted=noted)
        raise _Abandoned

    with pytest.raises(_Abandoned):
        await db.write(abandoned)
    # Rolled back: nothing of Kutch or Pooja is stored, so the next batch must note them, though it shows the same.
    await db.write(lambda unit: record_received_in(
        unit, [_receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1)], at=AT, noted=noted))
    assert await chats.get_chat(db, -4) is not None
    assert await chats.user_name(db, 11) == "Pooja Bhatt"

    statements: list[str] = []
    await db.write(lambda unit: record_received_in(
        _Watched(unit, statements), [_receipt(KUTCH, POOJA, 102, "Road to Lakhpat is clear again.", 2)], at=AT,
        noted=noted))
    assert statements and not [sql for sql in statements if "chats" in sql or "users" in sql], statements
    assert (await messages.get_message(db, -4, 102)).original_text == "Road to Lakhpat is clear again."

    # Changed facts are written, and remembered in their turn.
    await db.write(lambda unit: record_received_in(
        unit, [_receipt(KUTCH_RENAMED, POOJA_MARRIED, 103, "Tankers reached Mandvi.", 3)], at=AT, noted=noted))
    assert await chats.title_of(db, -4) == "Collectorate Kutch"
    assert await chats.user_name(db, 11) == "Pooja Shah"
    await db.write(lambda unit: record_received_in(
        unit, [_receipt(KUTCH, POOJA, 104, "Water level at Rudramata dam: 12 ft.", 4)], at=AT, noted=noted))
    assert await chats.title_of(db, -4) == "District Kutch"
    assert await chats.user_name(db, 11) == "Pooja Bhatt"


async def test_a_large_batch_with_messages_recorded_before_is_recorded_once_each_in_order_and_verifies(db,
                                                                                                     database_target):
    """77 messages (more than one multi-row statement's worth on SQLite: runs of 64, 8, 4 and 1), two of them
    recorded by an earlier batch (one by the same update, one by another delivery): the other 75 get entries in the
    batch's order, one each, and the chain and its copies verify."""
    earlier = [_receipt(KUTCH, POOJA, 1005, "Earlier 1005", 5), _receipt(KUTCH, POOJA, 1040, "Earlier 1040", 40)]
    assert await db.write(lambda unit: record_received_in(unit, earlier, at=AT)) == [Recorded.NEW, Recorded.NEW]
    batch = [_receipt(KUTCH, POOJA, 1000 + n, f"Message {n}", 900 if n == 40 else n) for n in range(77)]
    recorded = await db.write(lambda unit: record_received_in(unit, batch, at=AT))
    assert recorded == [Recorded.REPLAYED if n == 5 else Recorded.DUPLICATE if n == 40 else Recorded.NEW
                        for n in range(77)]
    ids = [entry["body"]["message_id"] for entry in await journal.entries(db, kind="message", chat_id=-4)]
    assert ids == [1005, 1040] + [1000 + n for n in range(77) if n not in (5, 40)]
    assert (await messages.get_message(db, -4, 1076)).original_text == "Message 76"
    assert (await messages.get_message(db, -4, 1040)).original_text == "Earlier 1040"
    assert await messages.count_messages(db, chat_id=-4) == 77
    report = chain.verify(database_target)  # on its own connection, as `samvad verify` beside the bot
    assert report.ok, report.summary()
    assert report.entries == len(await journal.entries(db))


async def test_a_batch_of_twenty_new_messages_costs_a_few_statements_not_four_each(db):
    """The records of a batch's messages are written together: on SQLite one look-up for the lot, the journal's head,
    and the journal entries, their bodies and the message rows in runs of 16 and 4 (two statements each): 8, where
    one message at a time cost 4 each and the head (81). On PostgreSQL the one statement of migration 0016."""
    noted = NotedFacts()
    await db.write(lambda unit: record_received_in(unit, [_receipt(KUTCH, POOJA, 1, "Good morning.", 1)], at=AT,
                                                   noted=noted))
    statements: list[str] = []
    batch = [_receipt(KUTCH, POOJA, 100 + n, f"Message {n}", 100 + n) for n in range(20)]
    recorded = await db.write(lambda unit: record_received_in(_Watched(unit, statements), batch, at=AT, noted=noted))
    assert recorded == [Recorded.NEW] * 20
    assert len(statements) == {"sqlite": 8, "postgresql": 1}[db.dialect], statements
    assert await messages.count_messages(db, chat_id=-4) == 21
