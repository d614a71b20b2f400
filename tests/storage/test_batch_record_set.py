"""PostgreSQL records a large batch of group messages with migration 0018's set-wise function and a small one with
0017's loop (storage.messages._SET_WISE_FROM): both make the very same record, row for row and link for link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coordination.recording import ChatSeen, PersonSeen, Receipt, record_received_in
from storage import chain, messages
from storage.backend import open_database
from storage.messages import IncomingMessage, Recorded

from tests.seen_facts import KUTCH, KUTCH_RENAMED, POOJA, POOJA_MARRIED

AT = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
LATER = datetime(2026, 12, 3, 9, 31, tzinfo=UTC)
BHUJ = ChatSeen(chat_id=-7, type="supergroup", title="Taluka Bhuj", username="bhuj_taluka")
RAVI = PersonSeen(user_id=12, is_bot=False, first_name="Ravi", last_name=None, username="ravi_m", language_code=None)


def _receipt(chat: ChatSeen, sender: PersonSeen | None, message_id: int, text: str | None, update_id: int,
             **more) -> Receipt:
    return Receipt(chat, sender, IncomingMessage(
        chat_id=chat.chat_id, message_id=message_id, update_id=update_id,
        sender_id=sender.user_id if sender else None, sent_at=AT, kind="text", text=text, **more))


def _first_batch() -> list[Receipt | None]:
    return [
        _receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1),
        None,  # an update with no group message
        _receipt(BHUJ, RAVI, 7, "ભુજ: ટેન્કર પહોંચ્યા, 40 kL.", 2, reply_to_message_id=5),
        _receipt(KUTCH_RENAMED, POOJA_MARRIED, 102, "Road to Lakhpat is clear again.", 3),
        _receipt(KUTCH, POOJA, 103, "Tankers reached Mandvi.", 4),  # the first facts again, after the change
        _receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open.", 1),  # the same update twice in a batch
        _receipt(BHUJ, None, 8, None, 5),  # no sender, no text
        _receipt(KUTCH, POOJA, 104, "\"Quotes\", back\\slash and {braces}: कृपया ध्यान दें", 6,
                 forwarded_from="Collector Kutch", forwarded_at=AT),
        _receipt(KUTCH, POOJA, 101, "Relief camp at Bhuj school is open (another delivery).", 9),  # same message
    ]


def _second_batch() -> list[Receipt | None]:
    return [
        _receipt(KUTCH, POOJA, 103, "Tankers reached Mandvi.", 4),  # stored by the first batch
        _receipt(BHUJ, RAVI, 9, "Shelter at Anjar full.", 10),
        _receipt(KUTCH_RENAMED, POOJA_MARRIED, 105, "Power back in Gandhidham.", 11),
        _receipt(BHUJ, RAVI, 7, "ભુજ: ટેન્કર પહોંચ્યા, 40 kL.", 2),  # stored by the first batch
    ]


async def _record(url: str, set_wise_from: int, monkeypatch) -> tuple[list, list, list, list, list, list]:
    monkeypatch.setattr(messages, "_SET_WISE_FROM", set_wise_from)
    db = await open_database(url)
    try:
        recorded = [await db.write(lambda unit, batch=batch, at=at: record_received_in(unit, batch, at=at))
                    for batch, at in ((_first_batch(), AT), (_second_batch(), LATER))]
        rows = [[tuple(row) for row in await db.fetchall(sql)] for sql in (
            "SELECT seq, recorded_at, chat_id, actor_id, kind, body_hash, prev_hash, entry_hash FROM journal ORDER BY seq",
            "SELECT seq, body FROM journal_bodies ORDER BY seq",
            "SELECT id, chat_id, message_id, update_id, sender_id, sent_at, kind, text, reply_to_message_id,"
            " forwarded_from, forwarded_at, journal_seq, text_search::text FROM messages ORDER BY id",
            "SELECT chat_id, type, title, username, first_seen_at, updated_at FROM chats ORDER BY chat_id",
            "SELECT user_id, is_bot, first_name, last_name, username, language_code, first_seen_at, updated_at"
            " FROM users ORDER BY user_id",
        )]
    finally:
        await db.close()
    return [recorded, *rows]


async def test_the_set_wise_record_is_the_loops_record_row_for_row(postgres_server, monkeypatch):
    template = postgres_server.migrated_template()
    loop_url = postgres_server.url(postgres_server.create_database(template=template))
    set_url = postgres_server.url(postgres_server.create_database(template=template))
    by_loop = await _record(loop_url, 1000, monkeypatch)
    by_set = await _record(set_url, 1, monkeypatch)
    # What a user would see first: each message once, the repeats found, in order.
    assert by_set[0] == [
        [Recorded.NEW, None, Recorded.NEW, Recorded.NEW, Recorded.NEW, Recorded.REPLAYED, Recorded.NEW, Recorded.NEW,
         Recorded.DUPLICATE],
        [Recorded.REPLAYED, Recorded.NEW, Recorded.NEW, Recorded.REPLAYED],
    ]
    for name, loop_rows, set_rows in zip(("outcomes", "journal", "bodies", "messages", "chats", "users"),
                                         by_loop, by_set, strict=True):
        assert set_rows == loop_rows, name
    journal_rows, messages_rows, chats_rows, users_rows = by_set[1], by_set[3], by_set[4], by_set[5]
    assert len(journal_rows) == 8 and len(messages_rows) == 8
    assert [row[2] for row in messages_rows] == [101, 7, 102, 103, 8, 104, 9, 105]
    assert [row[11] for row in messages_rows] == [row[0] for row in journal_rows]  # ids follow the chain
    assert dict((row[0], row[2]) for row in chats_rows) == {-7: "Taluka Bhuj", -4: "Collectorate Kutch"}
    assert dict((row[0], row[3]) for row in users_rows) == {11: "Shah", 12: None}
    for url in (loop_url, set_url):
        report = chain.verify(url)
        assert report.ok, report


@pytest.mark.parametrize("set_wise_from", [1, 1000])
async def test_a_batch_recorded_again_writes_nothing(postgres_server, monkeypatch, set_wise_from):
    url = postgres_server.url(postgres_server.create_database(template=postgres_server.migrated_template()))
    monkeypatch.setattr(messages, "_SET_WISE_FROM", set_wise_from)
    db = await open_database(url)
    try:
        batch = [_receipt(KUTCH, POOJA, 101 + n, f"Report {n}", 1 + n) for n in range(10)]
        first = await db.write(lambda unit: record_received_in(unit, batch, at=AT))
        again = await db.write(lambda unit: record_received_in(unit, batch, at=LATER))
        head = await db.fetchone("SELECT max(seq), count(*) FROM journal")
    finally:
        await db.close()
    assert first == [Recorded.NEW] * 10
    assert again == [Recorded.REPLAYED] * 10
    assert tuple(head) == (10, 10)
