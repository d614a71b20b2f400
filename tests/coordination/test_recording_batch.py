"""A batch of received group messages recorded in one unit of work (coordination.recording.record_received_in)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordination.recording import ChatSeen, NotedFacts, PersonSeen, Receipt, record_received_in
from storage import chats, journal, messages
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
