"""The outbox's in-flight mark: set before a post, kept over a timeout, cleared once Telegram answered."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from storage import chats, outbox
from storage.backend import open_database
from storage.database import Database
from storage.messages import IncomingMessage, record_message

NOW = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)
CHAT = -1002000000001
MEMBER = 700000002


async def _db(target) -> Database:
    return await open_database(target)


async def _owe(db: Database, key: str = "u1:help:1") -> int:
    async with db.transaction() as tx:
        return await outbox.enqueue(
            tx, method="sendMessage", params={"chat_id": CHAT, "text": "hi"}, purpose="help", at=NOW,
            chat_id=CHAT, dedupe_key=key,
        )  # fmt: skip


async def _received(db: Database, *message_ids: int) -> None:
    async with db.transaction() as tx:
        await chats.save_chat(tx, chat_id=CHAT, type="supergroup", title="District Kutch", username=None, at=NOW)
        await chats.save_user(tx, user_id=MEMBER, is_bot=False, first_name="Pooja", last_name="Bhatt",
                              username=None, language_code=None, at=NOW)  # fmt: skip
        for message_id in message_ids:
            await record_message(
                tx, IncomingMessage(CHAT, message_id, None, MEMBER, NOW, "text", f"m{message_id}"), at=NOW
            )


async def test_the_mark_holds_the_highest_message_id_known_then_and_survives_a_timeout(database_target):
    db = await _db(database_target)
    try:
        await _received(db, 3, 7, 5)
        owed = await _owe(db)
        async with db.transaction() as tx:
            assert await outbox.mark_in_flight(tx, owed, CHAT) == 7
        async with db.transaction() as tx:
            await outbox.mark_retry(tx, owed, error="network: timed out", retry_at=NOW, answered=False)
        await _received(db, 8, 9)
        async with db.transaction() as tx:  # the second attempt keeps the first attempt's (lower) mark
            await outbox.mark_in_flight(tx, owed, CHAT)

        item = await outbox.first_owed(db, CHAT)
        assert item is not None and item.in_flight_after == 7
        assert await outbox.known_message_ids(db, CHAT, after=7) == {8, 9}
    finally:
        await db.close()


async def test_an_answer_from_telegram_clears_the_mark(database_target):
    db = await _db(database_target)
    try:
        rate_limited, sent = await _owe(db, "a"), await _owe(db, "b")
        async with db.transaction() as tx:
            await outbox.mark_in_flight(tx, rate_limited, CHAT)
            await outbox.mark_in_flight(tx, sent, CHAT)
            await outbox.mark_retry(tx, rate_limited, error="429", retry_at=NOW + timedelta(seconds=1))
            await outbox.mark_sent(tx, sent, result={"message_id": 12}, at=NOW)

        item = await outbox.first_owed(db, CHAT)
        assert item is not None and item.outbox_id == rate_limited and item.in_flight_after is None
        assert await outbox.known_message_ids(db, CHAT, after=0) == {12}, "a posted message counts as known"
    finally:
        await db.close()


async def test_a_call_settled_meanwhile_is_not_marked_in_flight(database_target):
    db = await _db(database_target)
    try:
        owed = await _owe(db)
        async with db.transaction() as tx:
            await outbox.mark_sent(tx, owed, result={"message_id": 4}, at=NOW)
        async with db.transaction() as tx:
            assert await outbox.mark_in_flight(tx, owed, CHAT) is None, "a sent call must not be sent again"
    finally:
        await db.close()


async def test_the_next_owed_call_is_read_as_committed_while_other_reads_run(database_target):
    """Reads interleaved on the reader connection once kept seeing calls already marked sent as owed."""
    db = await _db(database_target)
    running = True

    async def reading() -> None:
        while running:
            await db.fetchall("SELECT id, params FROM outbox")

    try:
        owed = [await _owe(db, f"u{number}:help:1") for number in range(30)]
        readers = [asyncio.create_task(reading()) for _ in range(8)]
        await asyncio.sleep(0.05)
        for outbox_id in owed:
            async with db.transaction() as tx:
                await outbox.mark_sent(tx, outbox_id, result={"message_id": outbox_id}, at=NOW)
            following = await outbox.first_owed(db, CHAT)
            assert following is None or following.outbox_id > outbox_id, "a sent call was read as still owed"
    finally:
        running = False
        await asyncio.gather(*readers, return_exceptions=True)
        await db.close()


SENDS = outbox.PostingMethods(("send", "forwardmessage", "copymessage"), frozenset({"sendchataction"}))


async def _take(db: Database, holder: str, *, at: datetime = NOW):
    return await db.write(lambda unit: outbox.next_call_in(
        unit, CHAT, holder=holder, now=at, until=at + timedelta(seconds=60), posting=SENDS))


async def _claims(db: Database) -> list[tuple[int, str]]:
    return [(row[0], row[1]) for row in await db.fetchall("SELECT chat_id, holder FROM outbox_chat_claims")]


async def test_taking_a_chats_next_call_claims_the_chat_and_marks_a_post_in_flight(database_target):
    """next_call_in (one statement on PostgreSQL, three on SQLite): the most urgent call first, the chat claimed for
    the taker, and a call that posts marked with the highest message id known; the item shows the mark it had."""
    db = await _db(database_target)
    try:
        await _received(db, 3, 7)
        async with db.transaction() as tx:
            later = await outbox.enqueue(tx, method="sendMessage", params={"chat_id": CHAT, "text": "hi"},
                                         purpose="help", at=NOW, chat_id=CHAT, priority=outbox.NORMAL)
            urgent = await outbox.enqueue(tx, method="deleteMessage", params={"chat_id": CHAT, "message_id": 3},
                                          purpose="moderation.delete", at=NOW, chat_id=CHAT, priority=outbox.URGENT)

        first = await _take(db, "district-office")
        assert first is not None and (first.outbox_id, first.method) == (urgent, "deleteMessage")
        assert await _claims(db) == [(CHAT, "district-office")]
        assert (await outbox.first_owed(db, CHAT)).in_flight_after is None, "a deletion posts nothing: no mark"

        assert await _take(db, "state-data-centre") is None, "the chat is another instance's"
        async with db.transaction() as tx:
            await outbox.mark_sent(tx, urgent, result=True, at=NOW)

        second = await _take(db, "district-office")
        assert second is not None and second.outbox_id == later and second.in_flight_after is None
        assert (await outbox.first_owed(db, CHAT)).in_flight_after == 7, "a post is marked before it is sent"
        again = await _take(db, "district-office")  # taken again after a crash: the earlier attempt's mark shows
        assert again is not None and again.in_flight_after == 7
    finally:
        await db.close()


async def test_a_chat_with_nothing_due_is_let_go_and_another_instance_takes_a_lapsed_claim(database_target):
    db = await _db(database_target)
    try:
        async with db.transaction() as tx:
            await outbox.enqueue(tx, method="sendMessage", params={"chat_id": CHAT, "text": "at noon"},
                                 purpose="help", at=NOW + timedelta(minutes=5), chat_id=CHAT)
        assert await _take(db, "district-office") is None
        assert await _claims(db) == [], "nothing due: the claim is not kept"

        taken = await _take(db, "district-office", at=NOW + timedelta(minutes=5))
        assert taken is not None and taken.params["text"] == "at noon"
        assert await _take(db, "state-data-centre", at=NOW + timedelta(minutes=5, seconds=59)) is None
        lapsed = await _take(db, "state-data-centre", at=NOW + timedelta(minutes=6))
        assert lapsed is not None and lapsed.outbox_id == taken.outbox_id and lapsed.in_flight_after == 0
        assert await _claims(db) == [(CHAT, "state-data-centre")]
    finally:
        await db.close()


async def test_settling_a_call_takes_the_chats_next_one_or_lets_the_chat_go(database_target):
    """settle_in (one statement on PostgreSQL): the call marked sent with Telegram's answer or failed with the error,
    then the chat's next due call taken under the renewed claim, or the claim let go."""
    db = await _db(database_target)
    try:
        owed = [await _owe(db, f"u{number}:help:1") for number in range(3)]
        then = outbox.NextCall(NOW, NOW + timedelta(seconds=60), SENDS)
        first = await _take(db, "district-office")
        assert first is not None and first.outbox_id == owed[0]

        second = await db.write(lambda unit: outbox.settle_in(
            unit, first, at=NOW, holder="district-office", result={"message_id": 41}, then=then))
        assert second is not None and second.outbox_id == owed[1] and second.in_flight_after is None
        assert await outbox.result_of(db, owed[0]) == (outbox.CallState.SENT, {"message_id": 41})
        assert (await outbox.first_owed(db, CHAT)).in_flight_after == 41, "the next post is marked in flight"

        third = await db.write(lambda unit: outbox.settle_in(
            unit, second, at=NOW, holder="district-office", error="Bad Request: chat not found" + "!" * 600,
            then=then))
        assert third is not None and third.outbox_id == owed[2]
        state, _ = await outbox.result_of(db, owed[1])
        error = (await db.fetchone("SELECT last_error FROM outbox WHERE id = ?", (owed[1],)))[0]
        assert state is outbox.CallState.FAILED and error.startswith("Bad Request: chat not found") and len(error) == 500

        assert await db.write(lambda unit: outbox.settle_in(
            unit, third, at=NOW, holder="district-office", result=True)) is None
        assert await _claims(db) == [], "settled without a look: the chat is let go"
        assert await outbox.counts(db) == {outbox.CallState.SENT: 2, outbox.CallState.FAILED: 1}

        async with db.transaction() as tx:
            await outbox.enqueue(tx, method="sendMessage", params={"chat_id": CHAT, "text": "later"}, purpose="help",
                                 at=NOW + timedelta(minutes=5), chat_id=CHAT)
            await outbox.enqueue(tx, method="sendMessage", params={"chat_id": CHAT, "text": "now"}, purpose="help",
                                 at=NOW, chat_id=CHAT, priority=outbox.URGENT)
        now_call = await _take(db, "district-office")
        assert now_call is not None and now_call.params["text"] == "now"
        assert await db.write(lambda unit: outbox.settle_in(
            unit, now_call, at=NOW, holder="district-office", result={"message_id": 42}, then=then)) is None
        assert await _claims(db) == [], "nothing more due: the look lets the chat go"
    finally:
        await db.close()
