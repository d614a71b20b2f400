"""A getUpdates batch's group messages are recorded with the updates themselves: one unit of work, one commit.

The inbox keeps an update before Telegram is told it arrived; the record of a group message in it (its chat, its
sender, the journal entry, the message row and its search index) is written in that same transaction, so a message
is in the record as soon as its update is confirmed, and its handlers (moderation, instructions) act on it after.
With a shared database (PostgreSQL) the poller stores a batch on a connection of its own and goes on polling; the
batch's chats are claimed and its messages recorded just after, in one unit of work, before any of its updates is
handed to a handler (bot/ingress.py, _claim_stored).
"""

from __future__ import annotations

from bot.runner import running_bot
from storage import journal, messages
from tests.conftest import eventually

TEXTS = [f"Relief camp {number} at Bhuj is open, 40 families." for number in range(12)]


async def test_a_batch_of_group_messages_is_recorded_in_the_transaction_that_stores_its_updates(client, settings):
    collector = await client.create_user("Rajesh", last_name="Patel")
    member = await client.create_user("Pooja", last_name="Bhatt")
    chat = await client.create_group("District Kutch", creator_id=collector["id"], member_ids=[member["id"]])
    await client.add_bot(chat["id"], added_by=collector["id"])
    # Posted before the bot starts: its first getUpdates receives them all in one batch.
    posted = [await client.send_message(chat["id"], member["id"], text) for text in TEXTS]
    posted.append(await client.send_message(chat["id"], member["id"], TEXTS[0]))  # the same words again: a new message
    async with running_bot(settings) as bot:
        db = bot.services.db

        async def all_recorded():
            return {m["message_id"] for m in posted} <= set(await messages.message_ids(db, chat["id"]))

        await eventually(all_recorded, timeout=30)
        await client.wait_until_idle()
        await bot.ingress.idle()
        received = {row["update_id"]: row["received_at"] for row in await db.fetchall(
            "SELECT update_id, received_at FROM inbox WHERE processed_at IS NOT NULL")}
        journalled = await journal.entries(db, kind="message", chat_id=chat["id"])
        entries = {entry["body"]["message_id"]: entry for entry in journalled}
        for message in posted:
            stored = await messages.get_message(db, chat["id"], message["message_id"])
            assert stored is not None and stored.original_text == message["text"]
            entry = entries[message["message_id"]]
            assert entry["body"]["update_id"] == stored.update_id
            if db.dialect == "sqlite":
                # Written in the unit that stored the update: the same instant as the inbox's receipt of it.
                assert entry["recorded_at"] == received[stored.update_id], (message["text"], entry["recorded_at"])
            else:  # in the unit that claimed the batch, after it was stored
                assert entry["recorded_at"] >= received[stored.update_id], (message["text"], entry["recorded_at"])
        assert len({received[entries[m["message_id"]]["body"]["update_id"]] for m in posted}) == 1, (
            "the messages posted before the bot started came in one getUpdates batch, stored in one transaction")
        assert len({entries[m["message_id"]]["recorded_at"] for m in posted}) == 1, (
            "the batch's messages were recorded together, in one unit of work")
        ids = [entry["body"]["message_id"] for entry in journalled]
        assert len(ids) == len(set(ids)), "a message was journalled twice"
